"""The knowledge base: sources, lookups across script and inflection, demonyms, user aliases."""
from pathlib import Path

import pytest

from hronika.kb import HERE, KB, load, place_for_adjective, stem_key
from hronika.lang import ROOT as LANG_ROOT
from hronika.lang import header
from hronika.settings import Settings


@pytest.fixture(scope="module")
def kb():
    return KB(user_paths=[])


def test_every_data_file_names_its_source():
    files = list(HERE.glob("*.tsv")) + list(LANG_ROOT.glob("*/demonyms.tsv"))
    assert len(files) >= 7
    for f in files:
        assert "source" in header(f).lower(), f


@pytest.mark.parametrize("form", ["Венецуела", "Венесуэла", "Венесуэлы", "Venezuela"])
def test_country_in_three_languages_and_inflected(kb, form):
    assert kb.lookup(form, "LOC") == "GPE-Venezuela"


@pytest.mark.parametrize("form", ["САЩ", "США", "Съединените щати", "Соединённых Штатов", "USA"])
def test_united_states(kb, form):
    assert kb.lookup(form, "LOC") == "GPE-USA"


@pytest.mark.parametrize("form, key", [
    ("Ройтерс", "ORG-Reuters"), ("Reuters", "ORG-Reuters"), ("Рейтер", "ORG-Reuters"),
    ("БТА", "ORG-Bulgarian-News-Agency"), ("БЕЛТА", "ORG-BelTA"), ("БелТА", "ORG-BelTA"),
    ("ТАСС", "ORG-TASS-Agency"), ("Би Би Си", "ORG-BBC-Ltd"), ("BBC", "ORG-BBC-Ltd"),
    ("Политико", "ORG-Politico"), ("Newsmax", "ORG-Newsmax"),
])
def test_agencies_and_media(kb, form, key):
    assert kb.lookup(form, "ORG") == key


@pytest.mark.parametrize("form", ["Лукашенко", "Лукашенка", "Lukashenko", "Александър Лукашенко",
                                  "Александра Лукашенко"])
def test_head_of_state_any_form(kb, form):
    assert kb.lookup(form, "PER") == "PER-Alexander-Lukashenko"


def test_type_must_agree(kb):
    assert kb.lookup("Лукашенко", "LOC") is None


def test_names_per_language(kb):
    assert kb.name("PER-Alexander-Lukashenko", "bg") == "Александър Лукашенко"
    assert kb.name("PER-Alexander-Lukashenko", "ru") == "Александр Лукашенко"
    assert kb.name("GPE-Belarus", "en") == "Belarus"


def test_capital_knows_its_country(kb):
    assert kb.country_of("GPE-WashingtonDC") == "GPE-USA"
    assert kb.country_of("GPE-Minsk") == "GPE-Belarus"


@pytest.mark.parametrize("word, lang, key", [
    ("беларуските", "bg", "GPE-Belarus"), ("венецуелския", "bg", "GPE-Venezuela"),
    ("Американският", "bg", "GPE-USA"), ("британците", "bg", "GPE-Great-Britain"),
    ("венесуэльского", "ru", "GPE-Venezuela"), ("белорусские", "ru", "GPE-Belarus"),
    ("Venezuelan", "en", "GPE-Venezuela"), ("Belarusian", "en", "GPE-Belarus"),
])
def test_place_for_adjective(word, lang, key):
    assert place_for_adjective(word, lang) == key


def test_place_for_adjective_rejects_other_words():
    assert place_for_adjective("президент", "bg") is None
    assert place_for_adjective("руда", "bg") is None


def test_stem_key_ignores_articles_and_cases():
    assert stem_key("Европейския съюз") == stem_key("Европейски съюз")
    assert stem_key("Соединенных Штатах") == stem_key("Соединенные Штаты")
    assert stem_key("Кичукова") == stem_key("Кичуков")  # a surname keeps its -ов


def test_user_aliases_win_and_add_entries(tmp_path: Path):
    f = tmp_path / "aliases.tsv"
    f.write_text("# my own names\n"
                 "Бат Сали\tPER-Sali-Ivanov\tPER\tСали Иванов\n"
                 "Лукашенко\tPER-My-Own-Key\n", encoding="utf-8")
    kb = KB(user_paths=[f])
    assert kb.lookup("Бат Сали", "PER") == "PER-Sali-Ivanov"
    assert kb.name("PER-Sali-Ivanov", "bg") == "Сали Иванов"
    assert kb.lookup("Лукашенко", "PER") == "PER-My-Own-Key"


def test_user_aliases_from_the_settings_make_a_kb_of_their_own(tmp_path: Path):
    f = tmp_path / "a.tsv"
    f.write_text("Зорница Тест\tPER-Zornitsa-Test\n", encoding="utf-8")
    mine = load(Settings(aliases=(f,)))
    assert mine.lookup("Зорница Тест", "PER") == "PER-Zornitsa-Test"
    assert load(Settings(aliases=(f,))) is mine  # one KB per configuration
    other = load(Settings(aliases=()))
    assert other is not mine and other.lookup("Зорница Тест", "PER") is None


def test_derived_tables_come_from_the_settings(tmp_path: Path):
    (tmp_path / "slavicner_aliases.tsv").write_text("# source: a test\nзорница тестова\tPER\tPER-Z-T\t3\n",
                                                    encoding="utf-8")
    kb = load(Settings(aliases=(), kb_derived=tmp_path))
    assert kb.lookup("Зорница Тестова", "PER") == "PER-Z-T"
    assert load(Settings(aliases=())).lookup("Зорница Тестова", "PER") is None
    assert kb.lookup("Русия", "LOC") is None  # its countries table is that folder's too


def test_missing_user_file_is_fine(tmp_path: Path):
    assert KB(user_paths=[tmp_path / "absent.tsv"]).lookup("Русия", "LOC") == "GPE-Russia"


def test_load_is_cached():
    assert load() is load()


def test_newspapers_are_publications_typed_as_products():
    from hronika.kb import KB
    kb = KB(user_paths=[])
    assert kb.curated("Файненшъл таймс", stem=False) == ("PRO-Financial-Times", "PRO")
    assert kb.entries["PRO-The-Guardian"].kind == "publication"
    assert kb.lookup("The Guardian", "PRO") == "PRO-The-Guardian"


def test_demonym_index_finds_what_a_scan_of_every_stem_finds():
    """The lookup by first letters gives, for every stem with every ending of its language (and a
    few words that are no demonym), the place the longest-first scan of all stems gives."""
    from hronika.kb import _adjective_iso, _demonym_endings, _demonyms

    def scan(word, code):
        endings = _demonym_endings(code)
        for stem, iso in _demonyms(code):
            rest = word[len(stem):]
            if word.startswith(stem) and (not rest or rest in endings):
                return iso
        return None

    for code in ("bg", "ru", "en"):
        words = [stem + e for stem, _ in _demonyms(code) for e in ("", *sorted(_demonym_endings(code)))]
        words += ["стол", "table", "ab", "x"]
        assert words
        for w in words:
            assert _adjective_iso(w, code) == scan(w, code), (w, code)
