"""The language objects and the data moved out of code: each file is well formed, and the one key
fold treats every language's spelling of a name alike."""
import pytest

from hronika import lang
from hronika.lang import FALLBACK, fold, get


def test_fallbacks_come_from_one_map():
    assert get("mk").data_code == "bg" and get("uk").data_code == "ru" and get("be").model == "ru"
    assert get("en").model is None and get("bg").fallback is None
    assert {c: get(c).model for c in FALLBACK} == FALLBACK


@pytest.mark.parametrize("a, b", [
    ("Хрущёв", "хрущев"),                      # ё is е (lang/ru/folding.json)
    ("„Северен  поток“", "северен поток"),     # quotes and spaces
    ("Марица–Изток", "марица-изток"),          # every dash is a hyphen
    ("Ма\u00adрица", "марица"),                # a soft hyphen is nothing
    ("Мари\u0301ца", "марица"),                # a stress mark is nothing
    ("«Газпром»", "газпром"),
])
def test_one_fold_for_keys(a, b):
    assert fold(a) == b


def test_folding_letters_are_data():
    assert get("ru").folding == {"ё": "е"}
    assert get("be").folding == get("ru").folding  # read through the fallback
    assert get("en").folding == {}


def test_the_kb_and_its_build_fold_alike():
    from hronika import kb
    from hronika.kb import build
    assert kb.fold is fold and build.fold is fold


def test_union_reads_every_language_that_has_the_file():
    forms = lang.union("legal_forms.txt")
    assert {"ЕООД", "ООО", "GmbH"} <= forms
    assert lang.union("legal_forms.txt", ("en",)) == frozenset(get("en").list("legal_forms.txt"))


def _cyrillic(word):
    return all("\u0400" <= c <= "\u04ff" for c in word)


@pytest.mark.parametrize("name", ["stem_endings.txt", "demonym_endings.txt", "name_adjective_endings.txt"])
def test_endings_are_short_lower_case_cyrillic(name):
    for code in ("bg", "ru"):
        items = get(code).list(name)
        assert items and len(set(items)) == len(items), (code, name)
        assert all(_cyrillic(e) and e == e.lower() and 1 <= len(e) <= 5 for e in items), (code, name)


def test_english_word_lists_are_latin_and_capitalised_where_they_should_be():
    en = get("en")
    assert all(w[:1].isupper() or w in ("pic",) for w in en.list("capitalised_non_names.txt"))
    assert all(w[:1].isupper() for w in en.list("organisation_words.txt"))
    assert all(w.islower() for w in en.list("name_connectors.txt") + en.list("name_particles.txt"))
    for name in ("capitalised_non_names.txt", "organisation_words.txt", "legal_forms.txt"):
        assert not any(_cyrillic(w[:1]) for w in en.list(name)), name


def test_quantity_words_have_their_sections():
    for code in ("bg", "ru"):
        sec = get(code).sections("quantity_words.txt")
        assert set(sec) <= {"start", "word"} and sec["start"], code


def test_transliteration_tables_cover_their_alphabets():
    bg = get("bg").json("translit.json")
    ru = get("ru").json("translit.json")
    assert set(bg["letters"]) == set("абвгдежзийклмнопрстуфхцчшщъьюя")
    assert set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя") <= set(ru["letters"])
    assert all(v.isascii() for t in (bg["letters"], ru["letters"]) for v in t.values())
    assert set(ru["distinctive_letters"]) and not set(ru["distinctive_letters"]) & set(bg["letters"])


def test_metonymy_cues_have_relation_prepositions():
    for code in ("bg", "ru"):
        sec = get(code).sections("metonymy_cues.txt")
        assert sec["relation_prepositions"] and sec["relation"], code
