"""The fresh time-expression gold (bench/timex_gold): its offsets fit the SlavicNER texts (read
from ../shared at test time; skipped where they are absent) and its halves split it."""
from __future__ import annotations

import pytest

from bench import timex_gold


def test_halves_are_disjoint_and_cover_the_gold():
    gold, split = timex_gold.load(), timex_gold.split()
    for lang in ("ru", "bg"):
        tune, held = set(split[lang]["tune"]), set(split[lang]["held"])
        assert not tune & held
        assert tune | held == set(gold[lang])
    assert len(gold["ru"]) == 20 and len(gold["bg"]) == 12


def test_gold_holds_offsets_only():
    for lang in ("ru", "bg"):
        for entry in timex_gold.load()[lang].values():
            assert set(entry) == {"date", "timexes"}
            for s, e, typ, value in entry["timexes"]:
                assert isinstance(s, int) and isinstance(e, int) and typ in timex_gold.TYPES


@pytest.mark.skipif(not timex_gold.available(), reason="../shared/eval and ../shared/data are absent")
def test_offsets_fit_the_texts():
    assert timex_gold.check() == []


@pytest.mark.skipif(not timex_gold.available(), reason="../shared/eval and ../shared/data are absent")
def test_the_scorers_files_are_rebuilt(tmp_path):
    import json
    gold_dir, inputs, n = timex_gold.build("ru", "tune", tmp_path)
    files = sorted(gold_dir.glob("*.gold.json"))
    assert len(files) == len(timex_gold.split()["ru"]["tune"]) and n > 0
    docs = [json.loads(line) for line in inputs.read_text(encoding="utf-8").splitlines()]
    first = json.loads(files[0].read_text(encoding="utf-8"))
    text = next(d["text"] for d in docs if d["id"] == first["doc"])
    for t in first["timexes"]:
        pos = -1
        for _ in range(t["occurrence"]):
            pos = text.find(t["text"], pos + 1)
        assert pos >= 0
