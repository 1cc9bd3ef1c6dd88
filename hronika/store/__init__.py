"""The store: the only module that speaks SQL.

SQLite by default (``sqlite:///hronika.db``), PostgreSQL through the same SQLAlchemy Core code
(``postgresql+psycopg://…``).  Each article is written in one transaction: a failure mid-article
leaves nothing of it, and nothing stored before is touched.

    with Store("sqlite:///hronika.db") as store:
        store.save(doc).status          # "stored" | "duplicate" | "replaced"
        store.get(doc.id)               # the reading, as serialize.to_json wrote it
        store.document(doc.id)          # the same reading as a Document, for later stages
        store.search("Лукашенко")       # Hits([Hit(doc_id, date, title, snippet, rank)], total=…)
        store.overview(), store.rows("entities")   # what it holds; one table's rows, for export

Modules: ``schema`` (the tables as they are now), ``migrations`` (how a database gets there),
``rows`` (an article's reading as table rows), ``search`` (what full-text search indexes, the
query language), ``core`` (``Store``), ``chronicle`` (the storylines, name keys and chronicle
queries; hronika/chronicle decides what they hold).
"""
from __future__ import annotations

from . import schema as S
from .core import Hit, Hits, SaveResult, Store, StoreError
from .search import fts_query
from .migrations import MIGRATIONS
from .rows import article_rows

__all__ = ["Store", "StoreError", "SaveResult", "Hit", "Hits", "fts_query", "MIGRATIONS", "article_rows", "S"]
