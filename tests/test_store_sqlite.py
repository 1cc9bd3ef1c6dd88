import datetime as dt

import pytest

from hronika import store as store_mod
from hronika.document import Document, Entity, Span
from hronika.store import Store, StoreError, fts_query

TEXT = "Премиерът на Гърция пристигна в София в сряда. Той разговаря с българския президент."


def make(doc_id="a1", text=TEXT, date=dt.date(2025, 3, 6)):
    doc = Document(doc_id, text, date, title="Посещение", url="https://x.example/a1")
    doc.set_layer("sentences", [Span(0, 46, "", {"lang": "bg"}), Span(47, len(text), "", {"lang": "bg"})])
    doc.set_layer("timexes", [Span(38, 45, "DATE", {"value": "2025-03-05"})])
    doc.entities = [Entity("e1", "LOC", "Гърция", "GPE-Greece", [(13, 19)]),
                    Entity("e2", "LOC", "София", "GPE-Sofia", [(32, 37)])]
    doc.meta["lang"] = "bg"
    return doc


@pytest.fixture
def db(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'h.db'}") as s:
        yield s


def test_migrations_are_recorded_and_applied_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    with Store(url) as s:
        assert s.applied_migrations() == [n for n, _, _ in store_mod.MIGRATIONS]
    with Store(url) as s:
        assert s.migrate() == []


def test_a_database_from_a_newer_version_is_refused(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'n.db'}"
    Store(url).close()
    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS[:1])
    with pytest.raises(StoreError, match="does not know"):
        Store(url)


def test_save_and_get_round_trip_with_rows_in_every_table(db):
    assert db.save(make()).status == "stored"
    r = db.get("a1")
    assert r["text"] == TEXT and r["timexes"][0]["value"] == "2025-03-05"
    st = db.stats()
    assert (st["documents"], st["entities"], st["mentions"], st["timexes"], st["segments"]) == (1, 2, 2, 1, 2)
    assert [e["name"] for e in db.entities(kb="GPE-Sofia")] == ["София"]


def test_same_content_is_a_duplicate_under_any_id_and_same_id_new_content_replaces(db):
    db.save(make())
    assert db.save(make("other-id")).status == "duplicate"
    assert db.count() == 1
    res = db.save(make("a1", TEXT.replace("сряда", "четвъртък")))
    assert res.status == "replaced"
    assert db.count() == 1 and "четвъртък" in db.get("a1")["text"]
    assert db.stats()["mentions"] == 2  # the old rows went with the old version
    assert [h.doc_id for h in db.search("четвъртък")] == ["a1"]
    assert db.search("сряда") == []


def test_a_failure_mid_article_leaves_nothing_of_it(db, monkeypatch):
    db.save(make("first", "Първата статия е вече записана и не бива да се губи."))

    def broken(reading):
        rows = original(reading)
        rows[store_mod.S.mentions].append({"doc": reading["id"], "entity": None, "start": None,
                                           "end": None, "type": None, "surface": None})
        return rows

    before = db.stats()
    original = store_mod.article_rows
    monkeypatch.setattr(store_mod, "article_rows", broken)
    with pytest.raises(StoreError, match="a1: not stored"):
        db.save(make())
    assert db.get("a1") is None
    assert db.stats() == before
    assert db.search("Гърция") == []
    assert db.get("first") is not None and db.count() == 1


def test_full_text_search_folds_cyrillic_case_and_survives_hostile_queries(db):
    db.save(make())
    assert [h.doc_id for h in db.search("ГЪРЦИЯ")] == ["a1"]
    assert "[Гърция]" in db.search("гърция")[0].snippet
    assert [h.doc_id for h in db.search("разгов*")] == ["a1"]
    for q in ['"', "-", "a:b", "*", "AND", "OR NOT", "(", "гърция AND", "'; DROP TABLE documents; --"]:
        db.search(q)  # never an FTS syntax error
    assert db.count() == 1
    assert fts_query('NEAR("x" -y)') == '"NEAR" "x" "y"'


def test_delete_removes_every_row(db):
    db.save(make())
    assert db.delete("a1") and not db.delete("a1")
    assert all(v == 0 for v in db.stats().values())


def test_unopenable_store_gives_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    with pytest.raises(StoreError, match="cannot open store"):
        Store("nosuchdb://x")
