"""Full-text search (SQLite FTS5): Cyrillic case folding, snippets, ranking, hostile queries."""
import datetime as dt

import pytest

from hronika.document import Document
from hronika.store import Store, fts_query
from test_store_sqlite import make_ruse, make_varna

MINSK = "Президентът Александър Лукашенко прие в Минск делегация от Китай. Разговорите продължиха три часа."
SOFIA = "Ше\u0301фът на столичния транспорт обяви нови линии. Лукашенко не беше споменат, Минск също."


@pytest.fixture
def db(store_url):
    with Store(store_url) as s:
        s.save(Document("minsk", MINSK, dt.date(2025, 12, 11), title="Лукашенко прие делегация"))
        s.save(Document("sofia", SOFIA, dt.date(2025, 12, 12), title="Нови линии в София"))
        s.save(make_varna())
        s.save(make_ruse())
        yield s


def ids(hits):
    return [h.doc_id for h in hits]


def test_cyrillic_case_is_folded_both_ways(db):
    assert set(ids(db.search("ЛУКАШЕНКО"))) == {"minsk", "sofia"}
    assert set(ids(db.search("лукашенко"))) == {"minsk", "sofia"}
    assert ids(db.search("кИтАй")) == ["minsk"]


def test_stress_marks_are_folded_too(db):
    assert ids(db.search("шефът")) == ["sofia"]


def test_all_words_are_required_and_phrases_and_prefixes_work(db):
    assert ids(db.search("Лукашенко Китай")) == ["minsk"]
    assert ids(db.search('"прие в Минск"')) == ["minsk"]
    assert db.search('"Минск прие"') == []
    assert ids(db.search("разговор*")) == ["minsk"]
    assert db.search("разговорът*") == []  # a prefix of the word as written, not of its stem


def test_a_title_match_ranks_first_and_the_snippet_marks_the_words(db):
    hits = db.search("Лукашенко")
    assert ids(hits) == ["minsk", "sofia"] and hits[0].rank > hits[1].rank
    assert hits[0].date == "2025-12-11" and hits[0].title == "Лукашенко прие делегация"
    assert "[Лукашенко]" in hits[0].snippet and "[Лукашенко]" in hits[1].snippet
    assert "<b>Минск</b>" in db.search("минск", marks=("<b>", "</b>"))[0].snippet


def test_limit(db):
    assert len(db.search("Минск", limit=1)) == 1 and db.search("Минск", limit=0) == []


@pytest.mark.parametrize("query", [
    '"', '""', "-", "-Минск", "a:b", "title:Минск", "*", "**", "Минск*", "AND", "OR NOT", "Минск AND",
    "NEAR(Минск Китай)", "(", ")", "^Минск", "Минск + Китай", "{title}: x", "'; DROP TABLE documents; --",
    "Минск\x00", "\\", "   ", "", "…", "🙂", "#Варна", "@varna_bg", "https://varna.example/most",
])
def test_hostile_queries_never_raise(db, query):
    hits = db.search(query)
    assert isinstance(hits, list)
    assert db.count() == 4


def test_operators_are_searched_as_words(db):
    assert db.search("title:Минск") == []  # the phrase "title минск", not a column filter
    assert set(ids(db.search("Минск:"))) == {"minsk", "sofia"}
    assert ids(db.search("Минск AND")) == ids(db.search("Минск"))  # a dangling operator is dropped
    assert ids(db.search("-Минск")) == ids(db.search("Минск"))
    assert ids(db.search("#Варна")) == ["varna-most"]


def test_fts_query_quotes_every_piece():
    assert fts_query("Минск") == '({stitle stext}: ("минск"*))'
    assert fts_query("разгов* *") == '({title text}: ("разгов"*))'
    assert fts_query('NEAR("x" -y)') == '({stitle stext}: ("near")) AND ({stitle stext}: ("x")) AND ({stitle stext}: ("y"))'
    assert fts_query('"a"" b') == '({stitle stext}: ("a")) AND ({stitle stext}: ("b"))'
    assert fts_query("- : * ( )") == ""
    assert fts_query("NOT Минск") == ""  # nothing to look for but an exclusion
    assert fts_query("Минск\x00 x") == '({stitle stext}: ("минск"*)) AND ({stitle stext}: ("x"))'


def test_search_follows_replace_and_delete(db):
    db.save(Document("minsk", MINSK.replace("Китай", "Виетнам"), dt.date(2025, 12, 11)))
    assert db.search("Китай") == [] and ids(db.search("Виетнам")) == ["minsk"]
    db.delete("minsk")
    assert db.search("Виетнам") == [] and ids(db.search("Лукашенко")) == ["sofia"]
