"""The per-language example corpora (tests/corpora/timex_*.tsv): each positive must be found
with its type and value over the given stretch; each negative (type NONE) must not be found."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hronika.timex import find_timexes, rules

CORPORA = Path(__file__).parent / "corpora"


def rows():
    out = []
    for lang in ("bg", "ru", "en"):
        path = CORPORA / f"timex_{lang}.tsv"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            text, anchor, tense, typ, value, span = line.split("\t")
            out.append(pytest.param(lang, text, dt.date.fromisoformat(anchor), None if tense == "-" else tense,
                                    typ, value, span, id=f"{lang}:{n}"))
    return out


@pytest.mark.parametrize("lang,text,anchor,tense,typ,value,span", rows())
def test_corpus(lang, text, anchor, tense, typ, value, span):
    s = text.index(span)
    e = s + len(span)
    found = [t for t in find_timexes(text, anchor, lang, tense=tense) if t.start < e and s < t.end]
    if typ == "NONE":
        assert found == [], f"{text!r}: must not match, got {found}"
        return
    assert found, f"{text!r}: nothing found over {span!r}"
    assert (found[0].type, found[0].value) == (typ, value), f"{text!r}: got {found[0]}"


def test_offsets_point_into_the_text():
    text = "Кметът подаде оставка в сряда, а на 25 ноември 2024 г. беше избран."
    for t in find_timexes(text, dt.date(2025, 12, 18), "bg"):
        assert text[t.start:t.end] == t.text


def test_corpora_hold_both_positives_and_negatives():
    for lang in ("bg", "ru", "en"):
        lines = [l for l in (CORPORA / f"timex_{lang}.tsv").read_text(encoding="utf-8").splitlines()
                 if l.strip() and not l.startswith("#")]
        types = {l.split("\t")[3] for l in lines}
        assert "NONE" in types and "DATE" in types, lang
        for l in lines:
            assert len(l.split("\t")) == 6, l


def test_every_rule_reads_a_corpus_example(monkeypatch):
    read: set[str] = set()
    for name, fn in list(rules.RESOLVERS.items()):
        def spy(hit, ctx, fn=fn, name=name):
            res = fn(hit, ctx)
            if res not in (rules.REJECT, rules.VETO):
                read.add(name)
            return res
        monkeypatch.setitem(rules.RESOLVERS, name, spy)
    for p in rows():
        lang, text, anchor, tense, *_ = p.values
        find_timexes(text, anchor, lang, tense=tense)
    assert set(rules.RESOLVERS) - read == set()
