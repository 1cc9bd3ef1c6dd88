"""Numbered migrations of the store, applied in order on open and recorded in ``schema_migrations``.

Rules:
- a migration, once committed, never changes: it builds what its version needed, from its own
  frozen table definitions (not from ``schema.py``, which follows the latest shape);
- a new migration gets the next number and is appended to ``MIGRATIONS``;
- each runs in its own transaction together with its ``schema_migrations`` row (SQLite and
  PostgreSQL both have transactional DDL), so a migration is applied whole or not at all.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer,
                        MetaData, String, Table, Text, text)
from sqlalchemy.engine import Connection

Migration = tuple[int, str, Callable[[Connection], None]]


# ------------------------------------------------------------------ 1: the tables, as first released


def _v1_metadata() -> MetaData:
    md = MetaData()

    def doc_fk() -> Column:
        return Column("doc", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)

    Table("documents", md,
          Column("id", String, primary_key=True),
          Column("date", Date, nullable=False, index=True),
          Column("url", Text), Column("title", Text), Column("source", Text),
          Column("lang", String(8)),
          Column("content_hash", String(40), nullable=False, unique=True),
          Column("text", Text, nullable=False),
          Column("reading", JSON, nullable=False),
          Column("ingested_at", DateTime, nullable=False))
    Table("segments", md, doc_fk(),
          Column("kind", String(16), nullable=False),
          Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
          Column("lang", String(8)),
          Index("ix_segments_doc", "doc", "kind"))
    Table("entities", md, doc_fk(),
          Column("local_id", String, nullable=False),
          Column("type", String(8), nullable=False),
          Column("name", Text, nullable=False),
          Column("kb", String, index=True),
          Index("ix_entities_doc", "doc", "local_id", unique=True),
          Index("ix_entities_type", "type"))
    Table("mentions", md, doc_fk(),
          Column("entity", String, nullable=False),
          Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
          Column("type", String(8)),
          Column("surface", Text, nullable=False),
          Index("ix_mentions_doc", "doc", "entity"))
    Table("timexes", md, doc_fk(),
          Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
          Column("type", String(10), nullable=False),
          Column("value", String, index=True),
          Column("mod", String(10)),
          Index("ix_timexes_doc", "doc"))
    Table("events", md, doc_fk(),
          Column("type", String(12), nullable=False, index=True),
          Column("mode", String(32)),
          Column("trigger_start", Integer), Column("trigger_end", Integer),
          Column("date", String, index=True),
          Column("actors", JSON), Column("recipients", JSON), Column("sources", JSON),
          Index("ix_events_doc", "doc"))
    Table("quotes", md, doc_fk(),
          Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
          Column("direct", Boolean, nullable=False),
          Column("speaker", String),
          Column("sources", JSON),
          Index("ix_quotes_doc", "doc"))
    Table("posts", md, doc_fk(),
          Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
          Column("platform", String(16)),
          Column("author", Text),
          Column("handle", String, index=True),
          Column("date", String),
          Column("lang", String(8)),
          Column("hashtags", JSON), Column("urls", JSON),
          Index("ix_posts_doc", "doc"))
    Table("sources", md, doc_fk(),
          Column("entity", String, nullable=False),
          Index("ix_sources_doc", "doc"))
    return md


def m1_tables(conn: Connection) -> None:
    _v1_metadata().create_all(conn)


# ------------------------------------------------------------------ 2: full-text search (first form)


def m2_fulltext(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE documents_fts USING fts5("
                          "doc_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX ix_documents_fts ON documents USING gin "
                          "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"))


# ------------------------------------------------------------------ 3: full-text rows keyed by rowid

# Version 2 found an article's FTS row by its UNINDEXED doc_id, which is a scan of the whole FTS
# table on every replace and delete.  Now ``documents.fts_rowid`` holds the rowid of the article's
# FTS row (documents' own rowid is not used: VACUUM may renumber it, it is no INTEGER PRIMARY KEY).


def m3_fts_rowid(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE documents ADD COLUMN fts_rowid INTEGER"))
    conn.execute(text("CREATE UNIQUE INDEX ix_documents_fts_rowid ON documents (fts_rowid)"))
    if conn.dialect.name != "sqlite":
        return  # the column stays empty; PostgreSQL searches documents itself
    conn.execute(text("DROP TABLE documents_fts"))
    conn.execute(text("CREATE VIRTUAL TABLE documents_fts USING fts5("
                      "title, text, tokenize = 'unicode61 remove_diacritics 2')"))
    conn.execute(text("UPDATE documents SET fts_rowid = rowid"))
    conn.execute(text("INSERT INTO documents_fts (rowid, title, text) "
                      "SELECT fts_rowid, coalesce(title, ''), text FROM documents"))


# ------------------------------------------------------------------ 4: tables follow the declared layers

# The events and quotes tables were written before any stage filled them; they come back, in the
# shape their layers declare, with their stages.  Each mention keeps its attributes (the country
# behind a demonym or a capital): readings stored before have none to copy.


def m4_layer_tables(conn: Connection) -> None:
    conn.execute(text("DROP TABLE events"))
    conn.execute(text("DROP TABLE quotes"))
    conn.execute(text("ALTER TABLE mentions ADD COLUMN place VARCHAR"))
    conn.execute(text("ALTER TABLE mentions ADD COLUMN metonym_of VARCHAR"))


# ------------------------------------------------------------------ 5: events


def m5_events(conn: Connection) -> None:
    md = MetaData()
    Table("documents", md, Column("id", String, primary_key=True))
    Table("events", md,
          Column("doc", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
          Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
          Column("type", String(12), nullable=False, index=True),
          Column("mode", String(32)),
          Column("actors", JSON), Column("recipients", JSON),
          Column("date", String, index=True),
          Column("sources", JSON),
          Column("asserted", Boolean, nullable=False),
          Column("surface", Text, nullable=False),
          Index("ix_events_doc", "doc"))
    md.tables["events"].create(conn)


# ------------------------------------------------------------------ 6: quotes


def m6_quotes(conn: Connection) -> None:
    md = MetaData()
    Table("documents", md, Column("id", String, primary_key=True))
    Table("quotes", md,
          Column("doc", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
          Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
          Column("direct", Boolean, nullable=False),
          Column("speaker", String),
          Column("verb", Text),
          Column("sources", JSON), Column("chain", JSON),
          Column("post", Boolean),
          Column("surface", Text, nullable=False),
          Index("ix_quotes_doc", "doc", "speaker"))
    md.tables["quotes"].create(conn)


# ------------------------------------------------------------------ 7: search by word forms

# The FTS table gains the stems of each word (``stitle``, ``stext``) and holds its words with ``ё``
# folded to ``е``; stored articles are indexed again.  The stems come from the stemmer of the hronika
# that runs the migration (a later stemmer change needs a migration of its own that re-indexes).


def m7_search_stems(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL searches documents itself
    from .search import fts_row

    conn.execute(text("DROP TABLE documents_fts"))
    conn.execute(text("CREATE VIRTUAL TABLE documents_fts USING fts5("
                      "title, text, stitle, stext, tokenize = 'unicode61 remove_diacritics 2')"))
    rows = conn.execute(text("SELECT fts_rowid, title, text FROM documents")).all()
    for rowid, title, body in rows:
        conn.execute(text("INSERT INTO documents_fts (rowid, title, text, stitle, stext) "
                          "VALUES (:r, :t, :x, :st, :sx)"), dict(fts_row(title, body), r=rowid))


# ------------------------------------------------------------------ 8: the chronicle's storylines and name keys


def _v8_metadata() -> MetaData:
    md = MetaData()
    Table("documents", md, Column("id", String, primary_key=True))  # referred to, not created
    Table("storylines", md,
          Column("id", Integer, primary_key=True, autoincrement=True),
          Column("title", Text),
          Column("start", Date, nullable=False), Column("end", Date, nullable=False),
          Column("size", Integer, nullable=False),
          Column("norm", Float, nullable=False))
    Table("storyline_members", md,
          Column("doc", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
          Column("storyline", Integer, ForeignKey("storylines.id"), nullable=False, index=True),
          Column("date", Date, nullable=False),
          Column("score", Float),
          Column("vector", JSON, nullable=False))
    Table("storyline_features", md,
          Column("storyline", Integer, ForeignKey("storylines.id", ondelete="CASCADE"), primary_key=True),
          Column("feature", String, primary_key=True),
          Column("weight", Float, nullable=False),
          Column("label", Text),
          Column("main", Boolean, nullable=False),
          Column("last", Date),
          Index("ix_storyline_features_main", "feature", "main", "last"))
    Table("feature_counts", md,
          Column("feature", String, primary_key=True),
          Column("n", Integer, nullable=False))
    Table("name_keys", md,
          Column("key", String, primary_key=True),
          Column("kb", String, primary_key=True),
          Column("n", Integer, nullable=False))
    return md


def m8_chronicle(conn: Connection) -> None:
    md = _v8_metadata()
    md.create_all(conn, tables=[t for name, t in md.tables.items() if name != "documents"])


# ------------------------------------------------------------------ 9: merged events and quotes


def _v9_metadata() -> MetaData:
    md = MetaData()
    Table("documents", md, Column("id", String, primary_key=True))  # referred to, not created
    Table("chronicle_events", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("type", String(12), nullable=False),
        Column("family", String(12), nullable=False),
        Column("mode", String(32)),
        Column("date", String),
        Column("lo", Date, nullable=False),
        Column("hi", Date, nullable=False),
        Column("day", Date, nullable=False, index=True),
        Column("actors", JSON, nullable=False),
        Column("recipients", JSON, nullable=False),
        Column("sources", JSON, nullable=False),
        Column("mentions", Integer, nullable=False),
        Column("articles", Integer, nullable=False),
        Column("outlets", Integer, nullable=False),
        Column("first_doc", String, nullable=False),
        Column("first_date", Date, nullable=False),
        Column("disagreements", JSON, nullable=False),
        Column("keys", JSON, nullable=False),
    )
    Table("chronicle_event_mentions", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("event", Integer, ForeignKey("chronicle_events.id", ondelete="CASCADE"), nullable=False, index=True),
        Column("doc", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("sent_start", Integer, nullable=False),
        Column("sent_end", Integer, nullable=False),
        Column("type", String(12), nullable=False),
        Column("mode", String(32)),
        Column("date", String),
        Column("dated", Boolean, nullable=False),
        Column("lo", Date, nullable=False),
        Column("hi", Date, nullable=False),
        Column("anchor", Date, nullable=False),
        Column("doc_date", Date, nullable=False),
        Column("outlet", String, nullable=False),
        Column("actors", JSON, nullable=False),
        Column("recipients", JSON, nullable=False),
        Column("sources", JSON, nullable=False),
        Index("ix_chronicle_event_mentions_doc", "doc"),
    )
    Table("chronicle_event_keys", md,
        Column("key", String, primary_key=True),
        Column("event", Integer, ForeignKey("chronicle_events.id", ondelete="CASCADE"), primary_key=True),
        Index("ix_chronicle_event_keys_event", "event"),
    )
    Table("chronicle_event_entities", md,
        Column("event", Integer, ForeignKey("chronicle_events.id", ondelete="CASCADE"), primary_key=True),
        Column("kb", String, primary_key=True),
        Column("role", String(10), primary_key=True),
        Index("ix_chronicle_event_entities_kb", "kb", "role"),
    )
    Table("chronicle_quotes", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("speaker", String, nullable=False),
        Column("text", Text, nullable=False),
        Column("lang", String(8)),
        Column("direct", Boolean, nullable=False),
        Column("words", JSON, nullable=False),
        Column("day", Date, nullable=False, index=True),
        Column("about", JSON, nullable=False),
        Column("sources", JSON, nullable=False),
        Column("mentions", Integer, nullable=False),
        Column("articles", Integer, nullable=False),
        Column("outlets", Integer, nullable=False),
        Column("first_doc", String, nullable=False),
        Column("first_date", Date, nullable=False),
        Column("keys", JSON, nullable=False),
    )
    Table("chronicle_quote_mentions", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("quote", Integer, ForeignKey("chronicle_quotes.id", ondelete="CASCADE"), nullable=False, index=True),
        Column("doc", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("direct", Boolean, nullable=False),
        Column("text", Text, nullable=False),
        Column("lang", String(8)),
        Column("words", JSON, nullable=False),
        Column("about", JSON, nullable=False),
        Column("sources", JSON, nullable=False),
        Column("anchor", Date, nullable=False),
        Column("doc_date", Date, nullable=False),
        Column("outlet", String, nullable=False),
        Index("ix_chronicle_quote_mentions_doc", "doc"),
    )
    Table("chronicle_quote_keys", md,
        Column("key", String, primary_key=True),
        Column("quote", Integer, ForeignKey("chronicle_quotes.id", ondelete="CASCADE"), primary_key=True),
        Index("ix_chronicle_quote_keys_quote", "quote"),
    )
    Table("chronicle_quote_entities", md,
        Column("quote", Integer, ForeignKey("chronicle_quotes.id", ondelete="CASCADE"), primary_key=True),
        Column("kb", String, primary_key=True),
        Column("role", String(10), primary_key=True),
        Index("ix_chronicle_quote_entities_kb", "kb", "role"),
    )
    Table("chronicle_merged", md,
        Column("doc", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    )
    return md


def m9_merged(conn: Connection) -> None:
    md = _v9_metadata()
    md.create_all(conn, tables=[t for name, t in md.tables.items() if name != "documents"])


# ------------------------------------------------------------------ 10: PostgreSQL searches by word forms

# PostgreSQL has no Bulgarian dictionary, so it indexes what SQLite's FTS table holds (the folded
# words and their stems, ``search.tsvector``) in a table of its own with a GIN index, in place of
# migration 2's index over the raw text.  Nothing changes on SQLite.


def m10_postgres_search(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    from .search import tsvector

    conn.execute(text("DROP INDEX IF EXISTS ix_documents_fts"))
    conn.execute(text("CREATE TABLE documents_search ("
                      "doc VARCHAR PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE, "
                      "terms TSVECTOR NOT NULL)"))
    conn.execute(text("CREATE INDEX ix_documents_search ON documents_search USING gin (terms)"))
    rows = conn.execute(text("SELECT id, title, text FROM documents")).all()
    for doc, title, body in rows:
        conn.execute(text("INSERT INTO documents_search (doc, terms) VALUES (:d, CAST(:v AS tsvector))"),
                     {"d": doc, "v": tsvector(title, body)})


# ------------------------------------------------------------------ 11: contested events

# A chronicle event whose reports disagree is flagged (and indexed) so that they can be listed
# page by page; each event mention keeps the numbers its sentence gives, to compare the figures
# reports give.  Events merged before keep no figures (a re-merge reads them).


def m11_contested(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE chronicle_events ADD COLUMN contested BOOLEAN NOT NULL DEFAULT false"))
    conn.execute(text("ALTER TABLE chronicle_event_mentions ADD COLUMN figures JSON"))
    conn.execute(text("CREATE INDEX ix_chronicle_events_contested ON chronicle_events (contested, day, id)"))
    md = MetaData()
    events = Table("chronicle_events", md, Column("id", Integer, primary_key=True),
                   Column("disagreements", JSON), Column("contested", Boolean))
    flagged = [r.id for r in conn.execute(events.select()) if r.disagreements]
    if flagged:
        conn.execute(events.update().where(events.c.id.in_(flagged)).values(contested=True))


# ------------------------------------------------------------------ 12: indexes for the pages of an entity

# The web pages and the API ask by entity: its articles (kb -> doc), its names (kb -> name, type),
# the entities beside it in its articles (doc -> kb).  Each index holds what its question reads,
# so SQLite answers from the index alone (bench/api_bench.py: an entity in a third of 10,000
# articles).


def m12_entity_indexes(conn: Connection) -> None:
    conn.execute(text("CREATE INDEX ix_entities_kb_doc ON entities (kb, doc, local_id)"))
    conn.execute(text("CREATE INDEX ix_entities_kb_name ON entities (kb, name, type)"))
    conn.execute(text("CREATE INDEX ix_entities_doc_kb ON entities (doc, kb)"))


MIGRATIONS: list[Migration] = [
    (1, "tables for documents, segments, entities, mentions, timexes, events, quotes, posts, sources",
     m1_tables),
    (2, "full-text search over articles", m2_fulltext),
    (3, "full-text rows found by documents.fts_rowid", m3_fts_rowid),
    (4, "no events and quotes tables until their stages; mentions keep place and metonym_of",
     m4_layer_tables),
    (5, "events (PLOVER), one row per asserted event", m5_events),
    (6, "quotes with their speakers and sources", m6_quotes),
    (7, "search by word forms: the stems of every word indexed, folding letters folded", m7_search_stems),
    (8, "the chronicle: storylines (members, features, feature counts) and entity name keys",
     m8_chronicle),
    (9, "the chronicle: events and quotes merged across articles, with their mentions and look-up keys",
     m9_merged),
    (10, "PostgreSQL: search by word forms (stems in a GIN-indexed tsvector)", m10_postgres_search),
    (11, "the chronicle: contested events flagged and indexed; the figures each event mention gives",
     m11_contested),
    (12, "indexes for the pages of an entity: its articles, its names, the entities beside it", m12_entity_indexes),
]


def latest() -> int:
    return MIGRATIONS[-1][0]
