"""A reading does not depend on Python's string hashing: two trigger entries that match the same
words equally well (``беспорядки`` and its singular ``беспорядок``) give the one listed first in
every process, whatever PYTHONHASHSEED orders a word's forms by."""
import os
import subprocess
import sys

CODE = """
import datetime as dt
from hronika import pipeline
from hronika.document import Document
doc = pipeline.build()(Document("t", "В столице вспыхнули массовые беспорядки после решения суда.", dt.date(2025, 1, 1)))
print([(e.label, e.attrs["pattern"]) for e in doc.layer("events")])
"""


def test_the_same_trigger_wins_under_any_hash_seed():
    got = set()
    for seed in ("0", "1", "2"):
        run = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        got.add(run.stdout.strip())
    assert got == {"[('PROTEST', 'беспорядки')]"}, got
