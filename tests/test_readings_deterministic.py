"""A reading does not depend on the process it was made in: Python salts the hashes of strings per
process, so a rule that walks a set of phrases in its iteration order gives different readings of
the same article in two runs (it did: a regex built from a set of complementizers)."""
import os
import subprocess
import sys

from conftest import SAMPLES


def read(seed: str, out):
    env = {**os.environ, "PYTHONHASHSEED": seed}
    run = subprocess.run([sys.executable, "-m", "hronika.cli", "read", str(SAMPLES), "-o", str(out), "-j", "1"],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    return out.read_text(encoding="utf-8")


def test_two_processes_with_other_hash_seeds_read_the_same(tmp_path):
    a, b = read("1", tmp_path / "a.jsonl"), read("2", tmp_path / "b.jsonl")
    assert a and a == b
