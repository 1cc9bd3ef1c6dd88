"""The store, on SQLite and on PostgreSQL: round trip, duplicates, replacement, atomicity, stats.

The example articles are written for these tests (short made-up Bulgarian news)."""
import datetime as dt
import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from hronika.document import Document, Entity, Span
from hronika.serialize import to_json
from hronika.store import Store, StoreError
from hronika.store import rows as rows_mod

VARNA = ("Кметът на Варна Иван Петров откри в понеделник новия мост над канала. "
         "„Мостът ще пропусне първите коли до края на май“, заяви Петров пред БНР.\n\n"
         "Община Варна (@varna_bg): Днес открихме моста над канала! #Варна https://varna.example/most")
VARNA_DATE = dt.date(2025, 4, 9)

RUSE = "Пристанището в Русе прие първия кораб за сезона. Капитанът благодари на екипа."


def at(text: str, sub: str, occurrence: int = 1) -> tuple[int, int]:
    i = -1
    for _ in range(occurrence):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def make_varna(doc_id: str = "varna-most", text: str = VARNA, date: dt.date = VARNA_DATE) -> Document:
    """An article with every layer the store keeps a table for."""
    doc = Document(doc_id, text, date, url="https://news.example/varna-most", title="Нов мост във Варна",
                   source="tests")
    p1_end = text.index("\n\n")
    p2_start = p1_end + 2
    s1_end = text.index(".") + 1
    doc.set_layer("paragraphs", [Span(0, p1_end), Span(p2_start, len(text))])
    doc.set_layer("sentences", [Span(0, s1_end, "", {"lang": "bg"}), Span(s1_end + 1, p1_end, "", {"lang": "bg"}),
                                Span(p2_start, len(text), "", {"lang": "bg"})])
    doc.set_layer("segments", [Span(0, len(text), "bg")])
    doc.entities = [
        Entity("e1", "PER", "Иван Петров", "hr:PER:ivan-petrov", [at(text, "Иван Петров"), at(text, "Петров", 2)]),
        Entity("e2", "LOC", "Варна", "GPE-Varna", [at(text, "Варна")]),
        Entity("e3", "ORG", "БНР", "ORG-BNR", [at(text, "БНР")]),
        Entity("e4", "ORG", "Община Варна", "", [at(text, "Община Варна")], {"confidence": 0.5}),
    ]
    doc.set_layer("timexes", [Span(*at(text, "до края на май"), "DATE", {"value": "2025-05", "mod": "END"})]
                  + ([Span(*at(text, "в понеделник"), "DATE", {"value": "2025-04-07"})]
                     if "в понеделник" in text else []))
    doc.set_layer("mentions", [Span(s, e, ent.type, {"entity": ent.id}) for ent in doc.entities
                               for s, e in ent.mentions])
    for m in doc.layer("mentions"):
        if text[m.start:m.end] == "Община Варна":
            m.attrs["place"] = "GPE-Varna"
    doc.set_layer("posts", [Span(p2_start, len(text), "twitter",
                                 {"author": "Община Варна", "handle": "varna_bg", "date": "2025-04-09",
                                  "lang": "bg", "hashtags": ["Варна"], "urls": ["https://varna.example/most"]})])
    doc.lang = "bg"
    doc.sources = ["e3"]
    return doc


def make_ruse(doc_id: str = "ruse-korab", text: str = RUSE) -> Document:
    doc = Document(doc_id, text, dt.date(2025, 3, 20), title="Корабите се връщат")
    doc.entities = [Entity("e1", "LOC", "Русе", "GPE-Ruse", [at(text, "Русе")])]
    doc.set_layer("mentions", [Span(*at(text, "Русе"), "LOC", {"entity": "e1"})])
    doc.lang = "bg"
    return doc


@pytest.fixture
def db(store_url):
    with Store(store_url) as s:
        yield s


class Rows(list):
    def fetchone(self):
        return self[0] if self else None

    def fetchall(self):
        return list(self)


class Raw:
    """Plain SQL on a store's database, values as SQLite gives them (dates as ISO strings, JSON as
    its text), so that a test reads the same on both dialects."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def execute(self, sql: str, params: dict | list | None = None) -> Rows:
        with self.engine.begin() as conn:
            res = conn.execute(text(sql), params or {})
            return Rows(tuple(_plain(v) for v in r) for r in res) if res.returns_rows else Rows()


def _plain(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def raw(db: Store) -> Raw:
    return Raw(db)


SEARCH_TABLE = {"sqlite": "documents_fts", "postgresql": "documents_search"}


# ------------------------------------------------------------------ round trip


def test_get_returns_exactly_the_reading_that_was_saved(db):
    doc = make_varna()
    assert db.save(doc).status == "stored"
    assert db.get("varna-most") == to_json(doc)
    assert db.get("nope") is None
    assert "varna-most" in db and "nope" not in db


def test_every_table_gets_its_rows(db):
    db.save(make_varna())
    assert db.stats() == {"documents": 1, "segments": 6, "entities": 4, "mentions": 5, "timexes": 2,
                          "quotes": 0, "events": 0, "posts": 1, "sources": 1, "kb_keys": 3}
    con = raw(db)
    assert con.execute("SELECT date, url, title, source, lang FROM documents").fetchone() == \
        ("2025-04-09", "https://news.example/varna-most", "Нов мост във Варна", "tests", "bg")
    assert sorted(con.execute("SELECT kind, count(*) FROM segments GROUP BY kind")) == \
        [("paragraph", 2), ("segment", 1), ("sentence", 3)]
    assert con.execute("SELECT surface, type FROM mentions WHERE entity = 'e1' ORDER BY start").fetchall() == \
        [("Иван Петров", "PER"), ("Петров", "PER")]
    assert con.execute("SELECT kb FROM entities WHERE local_id = 'e4'").fetchone() == (None,)  # "" -> no key
    assert con.execute("SELECT value, mod FROM timexes ORDER BY start").fetchall() == \
        [("2025-04-07", None), ("2025-05", "END")]
    assert con.execute("SELECT start, surface, place, metonym_of FROM mentions WHERE entity = 'e2'").fetchall() \
        == [(VARNA.index("Варна"), "Варна", None, None)]
    assert con.execute("SELECT surface, place FROM mentions WHERE place IS NOT NULL").fetchall() == \
        [("Община Варна", "GPE-Varna")]
    post = con.execute("SELECT platform, author, handle, date, lang, hashtags, urls FROM posts").fetchone()
    assert post[:5] == ("twitter", "Община Варна", "varna_bg", "2025-04-09", "bg")
    assert json.loads(post[5]) == ["Варна"] and json.loads(post[6]) == ["https://varna.example/most"]
    assert con.execute("SELECT entity FROM sources").fetchall() == [("e3",)]
    # JSON is stored readable, not as \u escapes
    assert "Иван Петров" in con.execute("SELECT reading FROM documents").fetchone()[0]


def test_entities_by_kb_type_and_doc(db):
    db.save(make_varna())
    db.save(make_ruse())
    assert [(e["doc"], e["name"], e["date"]) for e in db.entities(kb="GPE-Varna")] == \
        [("varna-most", "Варна", "2025-04-09")]
    assert [e["name"] for e in db.entities(type="LOC")] == ["Русе", "Варна"]  # by date
    assert [e["local_id"] for e in db.entities(doc="varna-most", type="ORG")] == ["e3", "e4"]
    assert len(db.entities()) == 5 and len(db.entities(limit=2)) == 2
    assert db.entities(kb="Q-nobody") == []


def test_ids_count_and_delete(db):
    db.save(make_varna())
    db.save(make_ruse())
    assert list(db.ids()) == ["ruse-korab", "varna-most"] and db.count() == 2
    assert db.delete("varna-most") is True and db.delete("varna-most") is False
    assert db.count() == 1 and db.get("varna-most") is None
    st = db.stats()
    assert (st["documents"], st["entities"], st["mentions"], st["posts"], st["segments"]) == (1, 1, 1, 0, 0)
    assert raw(db).execute(f"SELECT count(*) FROM {SEARCH_TABLE[db.dialect]}").fetchone() == (1,)


# ------------------------------------------------------------------ duplicates and replacement


def test_the_same_content_under_any_id_is_a_duplicate_and_writes_nothing(db):
    db.save(make_varna())
    before = db.stats()
    again = db.save(make_varna())
    assert (again.status, again.existing_id) == ("duplicate", "varna-most")
    other = db.save(Document("another-id", VARNA.upper().replace(" ", "  "), VARNA_DATE))  # case, spacing
    assert (other.status, other.existing_id) == ("duplicate", "varna-most")
    assert db.stats() == before and db.get("another-id") is None


def test_the_same_text_on_another_date_is_another_article(db):
    db.save(make_ruse())
    assert db.save(Document("ruse-2", RUSE, dt.date(2026, 3, 20))).status == "stored"
    assert db.count() == 2


def test_the_same_id_with_new_content_replaces_the_old_rows(db):
    db.save(make_varna())
    db.save(make_ruse())
    edited = make_varna(text=VARNA.replace("в понеделник", "във вторник"))
    edited.set_layer("timexes", [Span(*at(edited.text, "във вторник"), "DATE", {"value": "2025-04-08"})])
    res = db.save(edited)
    assert (res.status, res.doc_id) == ("replaced", "varna-most")
    assert db.get("varna-most") == to_json(edited)
    st = db.stats()
    assert (st["documents"], st["timexes"], st["entities"], st["posts"]) == (2, 1, 5, 1)
    assert raw(db).execute("SELECT value FROM timexes").fetchall() == [("2025-04-08",)]
    assert [h.doc_id for h in db.search("вторник")] == ["varna-most"]
    assert db.search("понеделник") == []
    assert db.get("ruse-korab") is not None
    # and the old content can now come back under its id
    assert db.save(make_varna()).status == "replaced"


def test_refresh_rewrites_the_reading_of_unchanged_content(db):
    db.save(make_varna())
    better = make_varna()
    better.entities = better.entities[:1]
    assert db.save(better).status == "duplicate"
    assert db.save(better, refresh=True).status == "replaced"
    assert db.get("varna-most") == to_json(better) and db.stats()["entities"] == 1
    # refresh never touches the same content stored under another id
    assert db.save(make_varna("copy"), refresh=True).status == "duplicate"


# ------------------------------------------------------------------ atomicity


def test_a_failure_mid_article_leaves_nothing_of_it_and_earlier_articles_intact(db, monkeypatch):
    db.save(make_ruse())
    before, ruse = db.stats(), db.get("ruse-korab")

    build = rows_mod.layer_rows

    def boom(layer, reading):  # the document row and the rows up to timexes are written by now
        if layer.name == "posts":
            raise RuntimeError("post builder exploded")
        return build(layer, reading)
    monkeypatch.setattr(rows_mod, "layer_rows", boom)
    with pytest.raises(StoreError, match=r"varna-most: not stored .*RuntimeError: post builder exploded"):
        db.save(make_varna())
    assert db.get("varna-most") is None and db.stats() == before
    assert db.get("ruse-korab") == ruse
    assert db.search("мост") == [] and [h.doc_id for h in db.search("кораб")] == ["ruse-korab"]
    con = raw(db)
    for table in ("segments", "entities", "mentions", "timexes", "posts", "sources"):
        assert con.execute(f"SELECT count(*) FROM {table} WHERE doc = 'varna-most'").fetchone() == (0,)


def test_a_failed_replacement_keeps_the_old_version(db, monkeypatch):
    db.save(make_varna())
    before, old = db.stats(), db.get("varna-most")
    build = rows_mod.layer_rows
    monkeypatch.setattr(rows_mod, "layer_rows", lambda layer, r: 1 / 0 if layer.name == "timexes" else build(layer, r))
    with pytest.raises(StoreError, match="ZeroDivisionError"):
        db.save(make_varna(text=VARNA + " Допълнено."))
    assert db.get("varna-most") == old and db.stats() == before
    assert [h.doc_id for h in db.search("понеделник")] == ["varna-most"]


def test_a_row_the_database_rejects_rolls_the_article_back(db, monkeypatch):
    db.save(make_ruse())
    before = db.stats()
    good = rows_mod.table_rows
    monkeypatch.setattr(rows_mod, "table_rows", lambda t, r: good(t, r) + [{"doc": r["id"], "entity": None}]
                        if t.name == "sources" else good(t, r))
    with pytest.raises(StoreError, match="(?i)varna-most: not stored.*not[ -]null"):
        db.save(make_varna())
    assert db.stats() == before and db.get("varna-most") is None


def test_a_process_killed_mid_article_leaves_nothing_of_it(store_url):
    url = store_url
    with Store(url) as s:
        s.save(make_ruse())
    script = textwrap.dedent(f"""
        import os, sys
        sys.path[:0] = [{str(Path(__file__).parent)!r}]
        from test_store_sqlite import make_varna
        from hronika.store import Store, rows
        build = rows.layer_rows
        def die(layer, reading):
            if layer.name == "posts":
                os._exit(3)  # no rollback, no cleanup: as if the machine lost power
            return build(layer, reading)
        rows.layer_rows = die
        Store({url!r}).save(make_varna())
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, proc.stderr
    with Store(url) as s:
        assert s.get("varna-most") is None and s.count() == 1 and s.stats()["mentions"] == 1
        assert s.search("мост") == [] and s.get("ruse-korab") is not None
        assert s.save(make_varna()).status == "stored"
    if url.startswith("sqlite"):
        assert sqlite3.connect(make_url(url).database).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_concurrent_writers_store_each_article_once(store_url):
    import threading

    url = store_url
    Store(url).close()
    docs = [make_varna(), make_ruse()] + [Document(f"n{i}", f"Бележка номер {i} за времето в Плевен.",
                                                   dt.date(2025, 1, 1 + i)) for i in range(6)]
    results, errors = [], []

    def writer(k):
        try:
            with Store(url, timeout=30) as s:
                for d in docs[k % 2::1] + docs[:k % 2]:
                    results.append(s.save(d).status)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results.count("stored") == len(docs) and results.count("duplicate") == 3 * len(docs)
    with Store(url) as s:
        assert s.count() == len(docs) and s.stats()["mentions"] == 6


def test_two_processes_ingesting_overlapping_inputs_store_each_article_once(store_url):
    """Each process opens the store itself (the first ones migrate it at the same time) and writes
    its own input, which shares most articles with the other's, in its own order."""
    script = textwrap.dedent(f"""
        import datetime as dt, json, sys
        sys.path[:0] = [{str(Path(__file__).parent)!r}]
        from hronika.document import Document
        from hronika.store import Store
        from test_store_sqlite import make_ruse, make_varna
        first, last, step = map(int, sys.argv[1:4])
        docs = [Document(f"n{{i}}", f"Бележка номер {{i}} за времето в Плевен.", dt.date(2025, 1, 1 + i % 28))
                for i in range(first, last)][::step] + [make_varna(), make_ruse()]
        with Store({store_url!r}, timeout=60) as s:
            print(json.dumps([s.save(d).status for d in docs]))
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for args in (("0", "40", "1"), ("10", "50", "-1"))]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    statuses = [st for out, _ in outs for st in json.loads(out)]
    assert statuses.count("stored") == 52 and statuses.count("duplicate") == 32
    with Store(store_url) as s:
        assert s.count() == 52 and sorted(s.ids()) == sorted([f"n{i}" for i in range(50)] + ["ruse-korab", "varna-most"])
        assert s.stats()["mentions"] == 6 and len(s.search("Плевен", limit=100)) == 50
        assert raw(s).execute(f"SELECT count(*) FROM {SEARCH_TABLE[s.dialect]}").fetchone() == (52,)
