"""What a reading imports at start-up: spaCy without its command line (hronika/stages/spacy_import.py), and not Babel."""
from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from hronika.batch import build_reader
build_reader(["repair", "segment", "sentences", "language", "entities"])
import spacy
print("cli imported:", "spacy.cli" in sys.modules, "typer" in sys.modules)
print("version:", spacy.info()["spacy_version"] == spacy.__version__)
import spacy.cli
print("real cli:", hasattr(spacy.cli, "train"))
"""


def test_reader_builds_without_spacy_cli_and_spacy_cli_still_imports():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    assert "cli imported: False False" in out
    assert "version: True" in out  # spacy.info reaches the real command once called
    assert "real cli: True" in out  # the stand-in is gone: training's import of spacy.cli works


def test_reading_does_not_import_babel_and_its_month_names_are_cldrs():
    # the segment stage reads CLDR's month names from lang/<code>/month_names.tsv (hronika.lang.cldr
    # writes them through Babel); importing Babel took about 0.06 s of every start
    code = ("import sys\nfrom hronika.batch import build_reader\nbuild_reader()\n"
            "print('babel imported:', any(m.startswith('babel') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "babel imported: False" in out
    from hronika import lang
    from hronika.lang import cldr

    for code in cldr.MONTH_LANGS:
        rows = [tuple(r.split("\t")) for r in lang.get(code).list(cldr.MONTH_NAMES)]
        assert rows == [(name, str(num)) for name, num in cldr.month_names(code)], code
