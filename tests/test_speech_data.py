"""Sanity of the reporting lexicons (lang/<code>/speech_verbs.tsv, speech.txt, source_formulas.txt,
role_nouns.tsv, pronouns.tsv, name_gender.txt, quote_marks.tsv) and of kb/offices.tsv."""
from __future__ import annotations


import pytest

from hronika.kb import load as load_kb
from hronika.lang import ROOT, header
from hronika.speech import lexicon
from hronika.stages.quotes import pair_marks
from hronika.stages.reference import name_gender, offices

FILES = ("speech_verbs.tsv", "speech.txt", "source_formulas.txt", "role_nouns.tsv", "pronouns.tsv",
         "name_gender.txt", "quote_marks.tsv")


@pytest.mark.parametrize("lang", ("bg", "ru"))
@pytest.mark.parametrize("name", FILES)
def test_names_its_source(lang, name):
    assert len(header(ROOT / lang / name)) > 20


@pytest.mark.parametrize("lang", ("bg", "ru"))
def test_lexicon_is_complete(lang):
    lex = lexicon(lang)
    assert len(lex.verbs) > 100
    assert all(n in ("sg", "pl") and g in ("m", "f", "n", "-") for n, g in lex.verbs.values())
    for section in ("complementizers", "frames_before", "prepositions", "possessive_heads"):
        assert lex.sections.get(section), section
    for section in ("before_any", "verbs", "media_nouns", "coordinators"):
        assert lex.sources.get(section), section
    assert {r.kind for r in lex.roles.values()} >= {"person", "org", "proxy", "state"}
    assert {g for g, _ in lex.pronouns.values()} == {"m", "f", "pl"}
    assert ("«", "»") in lex.marks


def test_a_neighbour_reads_its_fallback_and_english_has_nothing():
    assert lexicon("mk").verbs == lexicon("bg").verbs
    assert lexicon("en").empty


def test_offices_name_kb_persons_and_known_roles():
    kb = load_kb()
    roles = {r.role for lang in ("bg", "ru") for r in lexicon(lang).roles.values()}
    for key, held in offices().items():
        assert key in kb.entries and kb.entries[key].type == "PER", key
        assert held <= roles, (key, held - roles)


def test_name_gender():
    bg = lexicon("bg")
    assert name_gender("Мария Иванова", bg) == "f"
    assert name_gender("Ангела Меркел", bg) == "f"
    assert name_gender("Никола Вапцаров", bg) == "m"
    assert name_gender("Йотова", bg) == "f"
    assert name_gender("Иван Петров", bg) == "m"


def test_marks_pair_nested_and_unbalanced():
    from hronika.document import Span
    one = '"Казаха "може би". Не!", каза той.'
    two = '"Да кажем "да, ето", добави той.'
    text = one + "\n\n" + two
    paras = [Span(0, len(one)), Span(len(one) + 2, len(text))]
    got = [text[o + 1:c] for o, c in pair_marks(text, paras, lexicon("bg").marks)]
    # nested in a balanced paragraph; an unclosed inner mark read again without nesting
    assert got == ['Казаха "може би". Не!', 'Да кажем "да, ето']
    text2 = "„Първо. \n\n„Второ“, каза той."
    pairs = pair_marks(text2, [Span(0, 8), Span(10, len(text2))], lexicon("bg").marks)
    assert len(pairs) == 1 and text2[pairs[0][0] + 1:pairs[0][1]].endswith("Второ")
