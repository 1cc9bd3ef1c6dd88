"""Sanity of the time-expression data files (hronika/lang/<code>/timex.json)."""
from __future__ import annotations

import json
import re

import pytest

from hronika.lang import ROOT, header
from hronika.timex.finder import grammar_for

LANGS = ("bg", "ru", "en")
UNITS = {"S", "MIN", "H", "D", "W", "M", "Y", "DE", "CE"}


def data(lang: str) -> dict:
    return json.loads((ROOT / lang / "timex.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_names_its_source(lang):
    assert len(header(ROOT / lang / "timex.json")) > 20


@pytest.mark.parametrize("lang", LANGS)
def test_every_month_and_weekday_is_named(lang):
    d = data(lang)
    assert set(d["months"].values()) == set(range(1, 13))
    assert set(d["weekdays"].values()) == set(range(1, 8))
    assert set(d["months_need_context"]) <= set(d["months"])


@pytest.mark.parametrize("lang", LANGS)
def test_cldr_names_are_covered(lang):
    babel = pytest.importorskip("babel")
    loc = babel.Locale.parse(lang)
    d = data(lang)
    months = {k.lower() for k in d["months"]}
    for ctx in ("format", "stand-alone"):
        for i in range(1, 13):
            assert loc.months[ctx]["wide"][i].lower() in months, (lang, i)
        for i in range(7):
            assert loc.days[ctx]["wide"][i].lower() in {k.lower() for k in d["weekdays"]}, (lang, i)


@pytest.mark.parametrize("lang", LANGS)
def test_values_are_well_formed(lang):
    d = data(lang)
    for key in ("units", "units_singular", "units_plural", "unit_adjective_stems"):
        assert set(d[key].values()) <= UNITS | {"WE"}, key
    assert set(d["relative_units"].values()) <= UNITS | {"WE", "Q"}  # "this quarter" is relative only
    for v in list(d["sets"].values()) + list(d["per_unit"].values()):
        assert re.fullmatch(r"P(?:[1-9]\d?|X)[DWMY]|PT[1-9]\d?[HM]", v), v  # every N units, every few, every half hour
    for v in list(d["vague"].values()) + list(d["vague_period_modifiers"].values()):
        assert v in ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
    assert set(d["mods"].values()) <= {"START", "MID", "END"}
    assert set(d["prep_mods"].values()) <= {"BEFORE", "AFTER", "APPROX"}
    assert set(d["relative_modifiers"].values()) <= {-2, -1, 0, 1, 2}  # 'позапрошлый': the one before last
    for n in d["numerals"].values():
        assert isinstance(n, (int, float)) and n > 0
    assert set(d["seasons"].values()) <= {"SP", "SU", "FA", "WI"}
    assert set(d["ordinals"].values()) <= {1, 2, 3, 4}


@pytest.mark.parametrize("lang", LANGS)
def test_lists_are_clean(lang):
    d = data(lang)
    for key, val in d.items():
        words = val if isinstance(val, list) else list(val) if isinstance(val, dict) else []
        if key in ("pm_parts", "_source", "age_noun_grammemes"):  # values and pymorphy3 grammemes, not words
            continue
        for w in words:
            if isinstance(w, str):
                assert w == w.strip() and "  " not in w, (key, w)
                assert w == w.lower(), (key, w)


@pytest.mark.parametrize("lang", LANGS + ("mk", "uk"))
def test_grammar_compiles(lang):
    g = grammar_for(lang)
    assert g.scan.pattern and len(g.rules) > 20 and len(g.dispatch.compiled) == len(g.rules)


@pytest.mark.parametrize("lang", ("bg", "ru"))
def test_issue_11_data_is_well_formed(lang):
    d = data(lang)
    assert set(d["definite_units"].values()) <= {"W", "M", "Y"}
    assert set(d["days_from_ref"].values()) <= {-1, 0, 1}
    assert set(d["deictic_adjective_stems"].values()) <= {-1, 0, 1}
    assert set(d["bare_parts_of_day"].values()) <= {"MO", "AF", "EV", "NI", "DT"}  # TIMEX3 parts of day (DT: daytime)
    for v in d["set_adjective_stems"].values():
        assert re.fullmatch(r"P[1-9]\d?[DWMY]", v), v
    for spec in d["holidays"].values():
        assert re.fullmatch(r"\d\d-\d\d|(western_)?easter([+-]\d+)?|\d\d:[1-7]:-?\d", spec), spec
    assert d["conjunctions"] and not set(d["conjunctions"]) & set(d["range_joiners"])
