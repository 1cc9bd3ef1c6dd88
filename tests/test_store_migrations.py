"""Numbered migrations: recorded, applied once, old databases upgraded, newer ones refused."""
import datetime as dt
import sqlite3

import pytest
from sqlalchemy import create_engine, inspect, text

from hronika.store import Store, StoreError
from hronika.store import migrations as M
from test_store_sqlite import make_ruse, make_varna, raw

ALL = [n for n, _, _ in M.MIGRATIONS]  # every migration this version knows


def test_a_new_database_records_every_migration_once(store_url):
    url = store_url
    with Store(url) as s:
        assert s.applied_migrations() == [n for n, _, _ in M.MIGRATIONS] and s.schema_version() == M.latest()
        rows = raw(s).execute("SELECT number, name, applied_at FROM schema_migrations ORDER BY number").fetchall()
    assert [(n, name) for n, name, _ in rows] == [(n, name) for n, name, _ in M.MIGRATIONS]
    assert all(dt.datetime.fromisoformat(str(at)) for _, _, at in rows)
    with Store(url) as s:
        assert s.migrate() == [] and s.applied_migrations() == [n for n, _, _ in M.MIGRATIONS]
        assert raw(s).execute("SELECT count(*) FROM schema_migrations").fetchone() == (len(M.MIGRATIONS),)


def test_the_tables_and_indexes_exist(tmp_path):
    Store(f"sqlite:///{tmp_path / 't.db'}").close()
    insp = inspect(create_engine(f"sqlite:///{tmp_path / 't.db'}"))
    tables = set(insp.get_table_names())
    assert {"documents", "segments", "entities", "mentions", "timexes", "posts",
            "sources", "schema_migrations", "documents_fts"} <= tables
    assert {"events", "quotes"} <= tables  # each table came back with its stage (5, 6)
    indexed = {(t, tuple(ix["column_names"])) for t in tables for ix in insp.get_indexes(t)}
    for want in [("entities", ("kb",)), ("entities", ("type",)), ("documents", ("date",)),
                 ("documents", ("fts_rowid",)), ("mentions", ("doc", "entity")), ("timexes", ("doc",)),
                 ("posts", ("handle",)), ("sources", ("doc",))]:
        assert want in indexed, want
    assert any(u["column_names"] == ["content_hash"] for u in insp.get_unique_constraints("documents"))


def test_only_new_migrations_run_and_old_data_survives(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    monkeypatch.setattr(M, "MIGRATIONS", M.MIGRATIONS[:2])  # a database made by hronika with 2 migrations
    Store(url).close()
    con = sqlite3.connect(tmp_path / "old.db")  # ... holding one article, as version 2 wrote it
    con.execute("INSERT INTO documents (id, date, title, content_hash, text, reading, ingested_at) "
                "VALUES ('old', '2025-01-02', 'Стар текст', 'h', 'Снегът затрупа пътя към Боровец.', '{}', "
                "'2025-01-02 10:00:00')")
    con.execute("INSERT INTO documents_fts (doc_id, title, text) "
                "VALUES ('old', 'Стар текст', 'Снегът затрупа пътя към Боровец.')")
    con.commit()
    con.close()
    monkeypatch.undo()
    calls = []
    original = M.MIGRATIONS
    monkeypatch.setattr(M, "MIGRATIONS", [(n, name, (lambda n, f: lambda c: (calls.append(n), f(c)))(n, fn))
                                          for n, name, fn in original])
    with Store(url) as s:
        assert calls == [n for n, _, _ in original if n > 2] and s.applied_migrations() == [n for n, _, _ in original]
        assert [h.doc_id for h in s.search("БОРОВЕЦ")] == ["old"]
        s.save(make_ruse())
        assert {h.doc_id for h in s.search("пътя")} == {"old"} and s.count() == 2
        assert s.delete("old") and s.search("Боровец") == []


def test_a_database_from_a_newer_hronika_is_refused_untouched(tmp_path):
    url = f"sqlite:///{tmp_path / 'n.db'}"
    with Store(url) as s:
        s.save(make_varna())
    con = sqlite3.connect(tmp_path / "n.db")
    con.execute("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01 00:00:00')")
    con.commit()
    with pytest.raises(StoreError, match=r"newer hronika .*\[99\].*upgrade hronika"):
        Store(url)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_a_failing_migration_is_not_recorded_and_leaves_no_half_schema(store_url, monkeypatch):
    def half(conn):
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("the next migration broke")
    last = M.latest()
    monkeypatch.setattr(M, "MIGRATIONS", M.MIGRATIONS + [(last + 1, "broken", half)])
    with pytest.raises(StoreError, match="the next migration broke"):
        Store(store_url)
    engine = create_engine(store_url)
    try:
        with engine.connect() as con:
            assert con.execute(text("SELECT max(number) FROM schema_migrations")).one() == (last,)
        assert not inspect(engine).has_table("half_done")
    finally:
        engine.dispose()


def test_a_version_3_database_loses_events_and_quotes_and_keeps_its_articles(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'v3.db'}"
    # version 3, with today's search index (which save() writes)
    monkeypatch.setattr(M, "MIGRATIONS", M.MIGRATIONS[:3] + [m for m in M.MIGRATIONS if m[2] is M.m7_search_stems])
    with Store(url) as s:  # an article stored by version 3: its reading had no mention attributes
        old = make_varna()
        old.layers.pop("mentions")
        s.save(old)
    con = sqlite3.connect(tmp_path / "v3.db")
    con.execute("INSERT INTO events (doc, type) VALUES ('varna-most', 'CONSULT')")
    con.execute("INSERT INTO mentions (doc, entity, start, \"end\", type, surface) "
                "VALUES ('varna-most', 'e2', 10, 15, 'LOC', 'Варна')")
    con.commit()
    monkeypatch.undo()
    with Store(url) as s:
        assert s.applied_migrations() == [n for n, _, _ in M.MIGRATIONS]
        tables = set(inspect(s.engine).get_table_names())
        # the speculative tables went (4); events (5) and quotes (6) came back with their stages, empty
        assert {"events", "quotes"} <= tables and s.stats()["events"] == s.stats()["quotes"] == 0
        assert {"place", "metonym_of"} <= {c["name"] for c in inspect(s.engine).get_columns("mentions")}
        assert s.stats()["mentions"] == 1 and s.entities(kb="GPE-Varna")[0]["name"] == "Варна"
        doc = s.document("varna-most")
        assert doc.layer("mentions") == [] and [e.name for e in doc.entities][:2] == ["Иван Петров", "Варна"]
        s.save(make_varna(), refresh=True)  # read again: now with its mentions' attributes
        assert con.execute("SELECT place FROM mentions WHERE place IS NOT NULL").fetchall() == [("GPE-Varna",)]
