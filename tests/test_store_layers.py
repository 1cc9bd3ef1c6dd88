"""The store follows the layer declarations: a table per layer that declares one, with the declared
columns, in schema.py and in a migrated database; a stored reading comes back as the same Document."""
from sqlalchemy import inspect

from hronika import pipeline
from hronika.layers import LAYERS
from hronika.serialize import to_json
from hronika.store import S, Store
from test_layers_strict import sample_docs


def declared_columns(table: str) -> set[str]:
    cols = {"doc"}
    for layer in LAYERS.values():
        if layer.table == table:
            cols |= {"start", "end"} if layer.kind == "spans" else set()
            cols |= {"kind"} if layer.row_kind else set()
            cols |= {a.column_name for a in layer.attrs if a.column_name}
    return cols


def test_schema_has_a_table_with_the_declared_columns_for_every_layer_that_has_one():
    tables = {layer.table for layer in LAYERS.values() if layer.table}
    assert {t.name for t in S.ARTICLE_TABLES} == tables
    for name in tables:
        # surface: the span's text, kept beside its offsets for queries by name
        assert set(S.metadata.tables[name].c.keys()) - {"surface"} == declared_columns(name), name


def test_a_migrated_database_has_exactly_the_tables_and_columns_of_schema_py(store_url):
    with Store(store_url) as s:
        insp = inspect(s.engine)
        # full-text search: SQLite's FTS5 tables, PostgreSQL's documents_search (migration 10)
        tables = {t for t in insp.get_table_names()
                  if not t.startswith("documents_fts") and t != "documents_search"}
        assert tables == set(S.metadata.tables)
        for name, table in S.metadata.tables.items():
            assert [c["name"] for c in insp.get_columns(name)] == list(table.c.keys()), name


def test_a_stored_reading_comes_back_as_the_same_document(store_url):
    docs = pipeline.build().pipe(sample_docs())
    with Store(store_url) as s:
        for doc in docs:
            assert s.save(doc).status == "stored"
        for doc in docs:
            back = s.document(doc.id)
            assert to_json(back) == s.get(doc.id) == to_json(doc) and back.source == doc.source
            assert back.layer("mentions") == doc.layer("mentions")
        assert s.document("nope") is None
        # the rows hold each layer item by item, mention attributes included
        with s.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT doc, start, \"end\", type, entity, place, metonym_of FROM mentions").all()
        want = [(d.id, m.start, m.end, m.label, m.attrs["entity"], m.attrs.get("place"), m.attrs.get("metonym_of"))
                for d in docs for m in d.layer("mentions")]
        assert sorted(rows) == sorted(want)
        assert any(r[5] for r in rows)  # the samples have a demonym or a capital with its country
        counts = s.stats()
        assert counts["segments"] == sum(len(d.layer(n)) for d in docs for n in ("paragraphs", "sentences", "segments"))
        assert counts["timexes"] == sum(len(d.layer("timexes")) for d in docs)
