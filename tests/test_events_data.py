"""Sanity of the event language data (lang/<code>/event_triggers.tsv, events.json)."""
from __future__ import annotations

import pytest

from hronika.lang import get, header
from hronika.stages.events import Lexicon, lexicon

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ROLES = {"host", "obj", "nominal", "passive", "partner", "notice", "receives", "restrictive", "stative", "patient", "personal", "generic", "agentive", "onto", "agented", "meeting", "opinion", "foretold"}


@pytest.mark.parametrize("code", ["bg", "ru", "en"])
def test_files_name_their_source(code):
    lang = get(code)
    for name in ("event_triggers.tsv", "events.json"):
        assert "written for hronika" in header(lang.path(name)), name


@pytest.mark.parametrize("code", ["bg", "ru"])
def test_every_row_is_well_formed_and_every_type_has_triggers(code):
    lex = Lexicon(code)
    for e in lex.entries:
        assert e.type in TYPES | {"NONE"}, e.pattern
        assert e.roles <= ROLES, e.pattern
        assert e.words and all(e.words), e.pattern
    assert {e.type for e in lex.entries} - {"NONE"} == TYPES
    patterns = [e.pattern for e in lex.entries]
    assert len(patterns) == len(set(patterns)), "a pattern is listed twice"


def test_reporting_verbs_are_not_triggers():
    for code, words in (("bg", ["заяви", "каза", "съобщи", "заявиха", "казал"]),
                        ("ru", ["заявить", "сказать", "сообщить"])):
        lex = lexicon(code)
        assert not any(w in lex.index for w in words), code


def test_bulgarian_forms_come_from_stems():
    lex = lexicon("bg")
    meet = next(e for e in lex.entries if e.pattern == "се срещн*")
    assert {"срещна", "срещнаха", "срещнал", "срещнали", "срещне", "срещнат"} <= meet.words[0]
    arrest = next(e for e in lex.entries if e.pattern == "арестува*")
    assert {"арестува", "арестуваха", "арестувана", "арестувани", "арестувал"} <= arrest.words[0]
    protest = next(e for e in lex.entries if e.pattern == "протест~")
    assert {"протест", "протеста", "протестът", "протести", "протестите"} <= protest.words[0]
    # a participle, not a noun: the bare stem of a vowel-final noun stem is not generated
    charge = next(e for e in lex.entries if e.pattern == "обвинени~")
    assert "обвинени" not in charge.words[0] and "обвиненията" in charge.words[0]
    # i-verbs drop their theme vowel before a participle ending (``освободен``)
    assert {"освободен", "освободени"} <= lex.passive_forms


def test_other_languages_fall_back_or_have_none():
    assert lexicon("mk") is lexicon("bg")
    assert lexicon("uk") is lexicon("ru")
    assert lexicon("de") is None
