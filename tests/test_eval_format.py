"""The output of `hronika read` is what ../shared/eval/score.py reads (skips without ../shared)."""
import json
import subprocess
import sys

from hronika import cli
from conftest import need_shared


def test_dev_documents_read_and_are_accepted_by_the_scorer(tmp_path):
    dev = need_shared("eval", "dev-input.jsonl")
    gold = need_shared("eval", "gold", "dev")
    out = tmp_path / "dev.jsonl"
    assert cli.main(["read", str(dev), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(dev.read_text(encoding="utf-8").splitlines())
    proc = subprocess.run([sys.executable, str(gold.parents[1] / "score.py"), str(gold), str(out), "--json"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"] == 18


def test_seed_articles_give_their_dates_and_both_tweets(tmp_path):
    seeds = need_shared("seeds")
    out = tmp_path / "s.jsonl"
    assert cli.main(["read", *map(str, sorted(seeds.glob("*.txt"))), "-o", str(out)]) == 0
    docs = {json.loads(l)["id"]: json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()}
    assert docs["000_5ae94a650a7dd5c1"]["date"] == "2025-12-11"
    assert docs["004_995f112fad036f26"]["date"] == "2025-12-18"
    posts = {p["handle"]: p for p in docs["000_5ae94a650a7dd5c1"]["posts"]}
    assert posts["Balkunets"]["lang"] == "en" and posts["beltanews"]["lang"] == "ru"
    assert posts["beltanews"]["author"] == "БЕЛТА" and posts["Balkunets"]["date"] == "2025-12-11"
    assert posts["Balkunets"]["hashtags"] == ["Venezuela", "VenezuelaLibre", "Maduro", "MariaCorinaMachado"]
    assert {s["lang"] for s in docs["000_5ae94a650a7dd5c1"]["segments"]} == {"bg", "en", "ru"}
