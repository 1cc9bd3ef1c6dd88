"""The rule table of the time-expression finder (every grammar rule has its function); the
lexicon's choice of data files and its offset-keeping lower case."""
from __future__ import annotations

import datetime as dt

import pytest

from hronika.lang import FALLBACK
from hronika.timex import find_timexes, grammar_for, rules
from hronika.timex.lexicon import lower_same_length, reads


@pytest.mark.parametrize("lang", ("bg", "ru", "en"))
def test_every_grammar_rule_has_its_function(lang):
    names = [name for name, _ in grammar_for(lang).rules]
    assert names == list(rules.RESOLVERS)


def test_close_languages_read_their_neighbours_data_and_english():
    for code, neighbour in FALLBACK.items():
        assert reads(code) == (neighbour, "en")
    assert reads("bg") == ("bg", "en") and reads("ru") == ("ru", "en") and reads("en") == ("en",)


def test_a_macedonian_sentence_is_read_with_the_bulgarian_words():
    found = find_timexes("Седницата беше закажана за 3 март 2021 г.", dt.date(2021, 2, 1), "mk")
    assert [(t.type, t.value) for t in found] == [("DATE", "2021-03-03")]


def test_lower_casing_keeps_offsets():
    text = "İstanbul, 5 МАЯ 2021 — ЁЛКА"
    low = lower_same_length(text)
    assert len(low) == len(text)
    assert low.endswith("5 мая 2021 — ёлка") and low[0] == "İ"
    assert lower_same_length("ABC Ѝ") == "abc ѝ"
