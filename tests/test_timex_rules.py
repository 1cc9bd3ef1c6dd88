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


@pytest.mark.parametrize("spec,year,day", [
    ("easter", 2025, dt.date(2025, 4, 20)),             # Orthodox and Western fell together
    ("easter", 2024, dt.date(2024, 5, 5)),
    ("western_easter", 2024, dt.date(2024, 3, 31)),
    ("easter-2", 2026, dt.date(2026, 4, 10)),           # Good Friday, Orthodox
    ("easter+49", 2026, dt.date(2026, 5, 31)),          # Pentecost, Orthodox
    ("11:4:4", 2025, dt.date(2025, 11, 27)),            # Thanksgiving: the 4th Thursday of November
    ("05:1:-1", 2025, dt.date(2025, 5, 26)),            # the last Monday of May
    ("12-25", 2025, dt.date(2025, 12, 25)),
])
def test_holiday_dates(spec, year, day):
    assert rules.holiday_date(spec, year) == day


def test_every_holiday_spec_in_the_data_is_read():
    for lang in ("bg", "ru", "en"):
        for name, spec in grammar_for(lang).holidays.items():
            assert rules.holiday_date(spec, 2025) is not None, (lang, name)


def test_after_n_days_in_a_past_clause_counts_from_the_day_told_of():
    import datetime as _dt

    from hronika.timex import find_timexes

    text = "На 3 май 2019 г. той подаде оставка. След два дни партията избра нов лидер."
    got = [(text[t.start:t.end], t.type, t.value) for t in find_timexes(text, _dt.date(2025, 11, 19), "bg")]
    assert got == [("На 3 май 2019 г.", "DATE", "2019-05-03"), ("След два дни", "DATE", "2019-05-05")]
