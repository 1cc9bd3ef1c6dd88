"""Tables of the store (SQLAlchemy Core), shared by SQLite and PostgreSQL.

This is the *current* shape of the database, used to build queries.  It is not how a database is
created: ``migrations.py`` does that, step by step, with its own frozen copies.  Change a table
here only together with a new migration that brings old databases to the same shape.

A layer with a table (``hronika/layers.py``) has its columns here: ``doc``, ``start`` and ``end``
for spans, ``kind`` where layers share a table, one per declared attribute with a column, and
``surface`` (the text of the span) where a table wants it; a test holds the two together.
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData,
                        String, Table, Text, false)

from ..layers import LAYERS

metadata = MetaData()


def _doc_fk() -> Column:
    return Column("doc", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)


schema_migrations = Table(
    "schema_migrations", metadata,
    Column("number", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("applied_at", DateTime, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", String, primary_key=True),
    Column("date", Date, nullable=False, index=True),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("lang", String(8)),
    Column("content_hash", String(40), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("reading", JSON, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    # SQLite only: the rowid of this article's row in the FTS5 table ``documents_fts`` (migration 3).
    Column("fts_rowid", Integer, unique=True),
)

segments = Table(
    "segments", metadata, _doc_fk(),
    Column("kind", String(16), nullable=False),  # paragraph / sentence / segment
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("lang", String(8)),
    Index("ix_segments_doc", "doc", "kind"),
)

entities = Table(
    "entities", metadata, _doc_fk(),
    Column("local_id", String, nullable=False),
    Column("type", String(8), nullable=False),
    Column("name", Text, nullable=False),
    Column("kb", String, index=True),
    Index("ix_entities_doc", "doc", "local_id", unique=True),
    Index("ix_entities_type", "type"),
    Index("ix_entities_kb_doc", "kb", "doc", "local_id"),  # migration 12: the pages of an entity
    Index("ix_entities_kb_name", "kb", "name", "type"),
    Index("ix_entities_doc_kb", "doc", "kb"),
)

mentions = Table(
    "mentions", metadata, _doc_fk(),
    Column("entity", String, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("type", String(8)),
    Column("surface", Text, nullable=False),
    Column("place", String),  # migration 4
    Column("metonym_of", String),  # migration 4
    Index("ix_mentions_doc", "doc", "entity"),
)

timexes = Table(
    "timexes", metadata, _doc_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("type", String(10), nullable=False),
    Column("value", String, index=True),
    Column("mod", String(10)),
    Index("ix_timexes_doc", "doc"),
)

posts = Table(
    "posts", metadata, _doc_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("platform", String(16)),
    Column("author", Text),
    Column("handle", String, index=True),
    Column("date", String),
    Column("lang", String(8)),
    Column("hashtags", JSON),
    Column("urls", JSON),
    Index("ix_posts_doc", "doc"),
)

events = Table(  # migration 5
    "events", metadata, _doc_fk(),
    Column("start", Integer, nullable=False),  # the trigger
    Column("end", Integer, nullable=False),
    Column("type", String(12), nullable=False, index=True),
    Column("mode", String(32)),
    Column("actors", JSON),
    Column("recipients", JSON),
    Column("date", String, index=True),
    Column("sources", JSON),
    Column("asserted", Boolean, nullable=False),
    Column("surface", Text, nullable=False),
    Index("ix_events_doc", "doc"),
)

quotes = Table(  # migration 6
    "quotes", metadata, _doc_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("speaker", String),
    Column("verb", Text),
    Column("sources", JSON),
    Column("chain", JSON),
    Column("post", Boolean),
    Column("surface", Text, nullable=False),
    Index("ix_quotes_doc", "doc", "speaker"),
)

sources = Table(
    "sources", metadata, _doc_fk(),
    Column("entity", String, nullable=False),
    Index("ix_sources_doc", "doc"),
)

# ------------------------------------------------------------------ the chronicle (migration 8)
# Kept up to date article by article (hronika/chronicle/): never rebuilt from the readings.

storylines = Table(
    "storylines", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("size", Integer, nullable=False),  # its articles
    Column("norm", Float, nullable=False),  # the length of its feature vector (cosine scores)
)

# One row per article with a storyline: the vector it added, so that it can be taken out again
# (an article replaced or deleted).  An article without a row is one the chronicle has not seen.
storyline_members = Table(
    "storyline_members", metadata,
    Column("doc", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("storyline", Integer, ForeignKey("storylines.id"), nullable=False, index=True),
    Column("date", Date, nullable=False),
    Column("score", Float),  # its similarity to the storyline when it joined (None: it opened it)
    Column("vector", JSON, nullable=False),
)

# A storyline's summed feature vector (pruned to its heaviest features); ``main`` rows are the
# ones new articles are matched by, newest storyline first (``last``: the storyline's end).
storyline_features = Table(
    "storyline_features", metadata,
    Column("storyline", Integer, ForeignKey("storylines.id", ondelete="CASCADE"), primary_key=True),
    Column("feature", String, primary_key=True),
    Column("weight", Float, nullable=False),
    Column("label", Text),
    Column("main", Boolean, nullable=False),
    Column("last", Date),
    Index("ix_storyline_features_main", "feature", "main", "last"),
)

# How many articles have each feature (``*``: how many articles in all): inverse document
# frequencies, counted as articles arrive.
feature_counts = Table(
    "feature_counts", metadata,
    Column("feature", String, primary_key=True),
    Column("n", Integer, nullable=False),
)

# Names of entities by their look-up keys (``f:`` fold, ``s:`` stem key, ``k:`` skeleton), with
# how often a form with that key stood for each global key: a name in any script or case finds
# the entity.
name_keys = Table(
    "name_keys", metadata,
    Column("key", String, primary_key=True),
    Column("kb", String, primary_key=True),
    Column("n", Integer, nullable=False),
)


# ------------------------------------------------------------------ merged events and quotes (migration 9)
# The same event or quote told by many articles (and many times in one), kept up to date article by
# article (hronika/chronicle/events.py, quotes.py).  An aggregate row is recomputed from its
# mentions whenever one joins or leaves; ``*_keys`` is the index new mentions find candidates by.

chronicle_events = Table(
    "chronicle_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(12), nullable=False),
    Column("family", String(12), nullable=False),
    Column("mode", String(32)),
    Column("date", String),  # the TIMEX value it is dated by (None: no report dates it)
    Column("lo", Date, nullable=False),  # the days it is matched by
    Column("hi", Date, nullable=False),
    Column("day", Date, nullable=False, index=True),  # where it stands on a timeline
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
    Column("contested", Boolean, nullable=False, server_default=false()),  # its reports disagree
    Index("ix_chronicle_events_contested", "contested", "day", "id"),
)

chronicle_event_mentions = Table(
    "chronicle_event_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # ingest order
    Column("event", Integer, ForeignKey("chronicle_events.id", ondelete="CASCADE"), nullable=False, index=True),
    _doc_fk(),
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
    Column("figures", JSON),  # the numbers its sentence gives outside time expressions
    Index("ix_chronicle_event_mentions_doc", "doc"),
)

chronicle_event_keys = Table(
    "chronicle_event_keys", metadata,
    Column("key", String, primary_key=True),  # type family | participant | date bucket
    Column("event", Integer, ForeignKey("chronicle_events.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_chronicle_event_keys_event", "event"),
)

chronicle_event_entities = Table(
    "chronicle_event_entities", metadata,
    Column("event", Integer, ForeignKey("chronicle_events.id", ondelete="CASCADE"), primary_key=True),
    Column("kb", String, primary_key=True),
    Column("role", String(10), primary_key=True),  # actor / recipient / source
    Index("ix_chronicle_event_entities_kb", "kb", "role"),
)

chronicle_quotes = Table(
    "chronicle_quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("speaker", String, nullable=False),
    Column("text", Text, nullable=False),  # as its first report gives it
    Column("lang", String(8)),
    Column("direct", Boolean, nullable=False),
    Column("words", JSON, nullable=False),  # the word keys it is matched by
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

chronicle_quote_mentions = Table(
    "chronicle_quote_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("quote", Integer, ForeignKey("chronicle_quotes.id", ondelete="CASCADE"), nullable=False, index=True),
    _doc_fk(),
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

chronicle_quote_keys = Table(
    "chronicle_quote_keys", metadata,
    Column("key", String, primary_key=True),  # speaker | word key
    Column("quote", Integer, ForeignKey("chronicle_quotes.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_chronicle_quote_keys_quote", "quote"),
)

chronicle_quote_entities = Table(
    "chronicle_quote_entities", metadata,
    Column("quote", Integer, ForeignKey("chronicle_quotes.id", ondelete="CASCADE"), primary_key=True),
    Column("kb", String, primary_key=True),
    Column("role", String(10), primary_key=True),  # speaker / about
    Index("ix_chronicle_quote_entities_kb", "kb", "role"),
)

# The articles whose events and quotes are merged (an article without a row: not yet taken in).
chronicle_merged = Table(
    "chronicle_merged", metadata,
    Column("doc", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)

# Tables that hold rows of one article (the layers' tables), in the order they are written
# (after ``documents``).
ARTICLE_TABLES = tuple(metadata.tables[name] for name in
                       dict.fromkeys(layer.table for layer in LAYERS.values() if layer.table))
CHRONICLE_TABLES = (storylines, storyline_members, storyline_features, feature_counts, name_keys,
                    chronicle_events, chronicle_event_mentions, chronicle_event_keys, chronicle_event_entities,
                    chronicle_quotes, chronicle_quote_mentions, chronicle_quote_keys, chronicle_quote_entities,
                    chronicle_merged)
