"""The finder's cheaper first test (hronika/timex/openers.py): at every place where a time word
could start, the rules picked by the first token match exactly what the whole alternation of rules
matches there (same stretch, same rule), on the example corpora of every language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from hronika.timex.grammar import grammar_for
from hronika.timex.lexicon import lower_same_length
from hronika.timex.openers import DIGIT, openers, token_at

CORPORA = Path(__file__).parent / "corpora"


def test_openers_of_small_patterns():
    assert openers(r"(?:в|во)\s+\d") == {("в", False), ("во", False)}
    assert openers(r"\d{1,2}\s+марта") == {(DIGIT, False)}
    assert openers(r"(?:вчера)?(?![\w])") == {("вчера", False), ("", True)}
    assert openers(r"миналогодиш\w*") == {("миналогодиш", True)}
    assert ("", True) in openers(r"\w+ года")


def test_token_at():
    assert token_at("в 2020 году", 0) == "в"
    assert token_at("в 2020 году", 2) == DIGIT
    assert token_at("(5 марта)", 0) == "("


@pytest.mark.parametrize("lang", ("bg", "ru", "en"))
def test_first_token_picks_what_the_whole_alternation_matches(lang):
    g = grammar_for(lang)
    whole = re.compile("|".join(pat for _, pat in g.rules))
    texts = [line.split("\t")[0] for line in (CORPORA / f"timex_{lang}.tsv").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    places = found = 0
    for text in texts:
        folded = lower_same_length(text)
        for m0 in g.scan.finditer(folded):
            p = m0.start()
            want = whole.match(folded, p)
            got = next((m for m in (rx.match(folded, p) for _, rx in g.dispatch.at(token_at(folded, p))) if m), None)
            assert (want and (want.span(), want.lastgroup)) == (got and (got.span(), got.lastgroup)), (text, p)
            places += 1
            found += want is not None
    assert places > found > 20


@pytest.mark.parametrize("lang", ("bg", "ru"))
def test_rules_read_back_from_the_cache_are_the_rules_compiled(lang, tmp_path, monkeypatch):
    """The rules' programs kept in __pycache__ give the same dispatch and the same patterns as
    compiling them afresh (and a cache that cannot be written changes nothing)."""
    from hronika.timex import openers as O

    rules = grammar_for(lang).rules
    monkeypatch.setattr(O, "_CACHE", tmp_path / "cache")
    fresh = O.Dispatch(rules)  # compiled, then written
    assert list((tmp_path / "cache").glob("timex-rules-*.pickle"))
    cached = O.Dispatch(rules)  # read back
    monkeypatch.setattr(O, "_CACHE", tmp_path / "absent" / "deeper")
    unwritten = O.Dispatch(rules)
    texts = [line.split("\t")[0] for line in (CORPORA / f"timex_{lang}.tsv").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    for d in (cached, unwritten):
        assert d.exact == fresh.exact and d.prefixed == fresh.prefixed
        for a, b, (_, pat) in zip(d.compiled, fresh.compiled, rules):
            assert (a.flags, a.groups, a.groupindex) == (b.flags, b.groups, b.groupindex) == \
                (re.compile(pat).flags, re.compile(pat).groups, re.compile(pat).groupindex)
        for text in texts:
            folded = lower_same_length(text)
            for pos in range(len(folded)):
                for a, b in zip(d.at(token_at(folded, pos)), fresh.at(token_at(folded, pos))):
                    ma, mb = a[1].match(folded, pos), b[1].match(folded, pos)
                    assert (ma and (ma.span(), ma.lastgroup)) == (mb and (mb.span(), mb.lastgroup))
