"""The store: the only module that speaks SQL.

SQLite by default (``sqlite:///hronika.db``), PostgreSQL through the same SQLAlchemy Core code
(``postgresql+psycopg://…``).  Each article is written in one transaction: a failure mid-article
leaves nothing of it, and nothing stored before is touched.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import create_engine, delete, event, func, insert, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..document import Document
from ..serialize import to_json
from . import schema as S


class StoreError(RuntimeError):
    pass


@dataclass
class SaveResult:
    doc_id: str
    status: str  # stored / duplicate / replaced
    existing_id: str | None = None


@dataclass
class Hit:
    doc_id: str
    date: str
    title: str | None
    snippet: str
    rank: float


# ------------------------------------------------------------------ migrations


def _m1_tables(conn: Connection) -> None:
    S.metadata.create_all(conn, tables=[t for t in S.metadata.sorted_tables
                                        if t is not S.schema_migrations])


def _m2_fulltext(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE documents_fts USING fts5("
                          "doc_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX ix_documents_fts ON documents USING gin "
                          "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"))


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "tables for documents, segments, entities, mentions, timexes, events, quotes, posts, sources",
     _m1_tables),
    (2, "full-text search over articles", _m2_fulltext),
]


# ------------------------------------------------------------------ rows of one article


def article_rows(reading: dict[str, Any]) -> dict[S.Table, list[dict[str, Any]]]:
    doc, text_ = reading["id"], reading["text"]
    types = {e["id"]: e["type"] for e in reading.get("entities", [])}
    rows: dict[S.Table, list[dict[str, Any]]] = {t: [] for t in S.ARTICLE_TABLES}
    for kind, layer in (("paragraph", "paragraphs"), ("sentence", "sentences"), ("segment", "segments")):
        for s in reading.get(layer, []):
            rows[S.segments].append({"doc": doc, "kind": kind, "start": s["start"], "end": s["end"],
                                     "lang": s.get("lang")})
    for e in reading.get("entities", []):
        rows[S.entities].append({"doc": doc, "local_id": e["id"], "type": e["type"], "name": e["name"],
                                 "kb": e.get("kb")})
        for m in e.get("mentions", []):
            rows[S.mentions].append({"doc": doc, "entity": e["id"], "start": m["start"], "end": m["end"],
                                     "type": types[e["id"]], "surface": text_[m["start"]:m["end"]]})
    for t in reading.get("timexes", []):
        rows[S.timexes].append({"doc": doc, "start": t["start"], "end": t["end"], "type": t["type"],
                                "value": t.get("value"), "mod": t.get("mod")})
    for ev in reading.get("events", []):
        trig = ev.get("trigger") or {}
        rows[S.events].append({"doc": doc, "type": ev["type"], "mode": ev.get("mode"),
                               "trigger_start": trig.get("start", ev.get("start")),
                               "trigger_end": trig.get("end", ev.get("end")), "date": ev.get("date"),
                               "actors": ev.get("actors", []), "recipients": ev.get("recipients", []),
                               "sources": ev.get("sources", [])})
    for q in reading.get("quotes", []):
        rows[S.quotes].append({"doc": doc, "start": q["start"], "end": q["end"], "direct": bool(q.get("direct")),
                               "speaker": q.get("speaker"), "sources": q.get("sources", [])})
    for p in reading.get("posts", []):
        rows[S.posts].append({"doc": doc, "start": p["start"], "end": p["end"], "platform": p.get("platform"),
                              "author": p.get("author"), "handle": p.get("handle"), "date": p.get("date"),
                              "lang": p.get("lang"), "hashtags": p.get("hashtags", []),
                              "urls": p.get("urls", [])})
    for src in reading.get("sources", []):
        rows[S.sources].append({"doc": doc, "entity": src})
    return rows


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: every word quoted, all required;
    a trailing ``*`` on a word keeps its prefix search."""
    terms = []
    for m in re.finditer(r"(\w+)(\*)?", query):
        terms.append(f'"{m.group(1)}"' + ("*" if m.group(2) else ""))
    return " ".join(terms)


# ------------------------------------------------------------------ the store


class Store:
    def __init__(self, url: str = "sqlite:///hronika.db") -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, future=True)
        except Exception as exc:  # a malformed URL, an unknown dialect, a missing driver
            raise StoreError(f"cannot open store {url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            path = self.engine.url.database
            if path and path != ":memory:" and not Path(path).resolve().parent.is_dir():
                raise StoreError(f"cannot open store {url!r}: folder {Path(path).parent} does not exist")
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self.migrate()
        except OperationalError as exc:
            raise StoreError(f"cannot open store {url!r}: {exc.orig}") from exc

    @classmethod
    def open(cls, url: str = "sqlite:///hronika.db") -> "Store":
        return cls(url)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -------------------------------------------------------------- migrations

    def applied_migrations(self) -> list[int]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(S.schema_migrations.c.number)
                                               .order_by(S.schema_migrations.c.number))]

    def migrate(self) -> list[int]:
        """Apply the migrations this database lacks, each in its own transaction; returns their numbers."""
        S.schema_migrations.create(self.engine, checkfirst=True)
        done = set(self.applied_migrations())
        known = {n for n, _, _ in MIGRATIONS}
        newer = sorted(done - known)
        if newer:
            raise StoreError(f"the database {self.url!r} has migrations {newer} that this version of "
                             f"hronika does not know; upgrade hronika")
        applied = []
        for number, name, step in MIGRATIONS:
            if number in done:
                continue
            with self.engine.begin() as conn:
                step(conn)
                conn.execute(insert(S.schema_migrations).values(
                    number=number, name=name, applied_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)))
            applied.append(number)
        return applied

    # -------------------------------------------------------------- writing

    def save(self, doc: Document) -> SaveResult:
        """Write one article and all its layers in one transaction."""
        reading = to_json(doc)
        digest = doc.content_hash
        try:
            with self.engine.begin() as conn:
                same = conn.execute(select(S.documents.c.id).where(S.documents.c.content_hash == digest)).first()
                if same is not None:
                    return SaveResult(doc.id, "duplicate", same[0])
                exists = conn.execute(select(S.documents.c.id).where(S.documents.c.id == doc.id)).first()
                if exists is not None:
                    self._delete(conn, doc.id)
                conn.execute(insert(S.documents).values(
                    id=doc.id, date=doc.date, url=doc.url, title=doc.title, source=doc.source,
                    lang=reading.get("lang"), content_hash=digest, text=doc.text, reading=reading,
                    ingested_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)))
                for table, rows in article_rows(reading).items():
                    if rows:
                        conn.execute(insert(table), rows)
                if self.dialect == "sqlite":
                    conn.execute(text("INSERT INTO documents_fts (doc_id, title, text) VALUES (:d, :t, :x)"),
                                 {"d": doc.id, "t": doc.title or "", "x": doc.text})
                return SaveResult(doc.id, "replaced" if exists else "stored")
        except SQLAlchemyError as exc:
            raise StoreError(f"{doc.id}: not stored: {getattr(exc, 'orig', exc)}") from exc

    def _delete(self, conn: Connection, doc_id: str) -> None:
        for table in S.ARTICLE_TABLES:
            conn.execute(delete(table).where(table.c.doc == doc_id))
        if self.dialect == "sqlite":
            conn.execute(text("DELETE FROM documents_fts WHERE doc_id = :d"), {"d": doc_id})
        conn.execute(delete(S.documents).where(S.documents.c.id == doc_id))

    def delete(self, doc_id: str) -> bool:
        with self.engine.begin() as conn:
            if conn.execute(select(S.documents.c.id).where(S.documents.c.id == doc_id)).first() is None:
                return False
            self._delete(conn, doc_id)
            return True

    # -------------------------------------------------------------- reading

    def get(self, doc_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(S.documents.c.reading).where(S.documents.c.id == doc_id)).first()
        return row[0] if row else None

    def ids(self) -> Iterator[str]:
        with self.engine.connect() as conn:
            yield from (r[0] for r in conn.execute(
                select(S.documents.c.id).order_by(S.documents.c.date, S.documents.c.id)).all())

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(S.documents)).scalar_one()

    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (S.documents, *S.ARTICLE_TABLES)}

    def entities(self, kb: str | None = None, type: str | None = None) -> list[dict[str, Any]]:
        q = select(S.entities.c.doc, S.entities.c.local_id, S.entities.c.type, S.entities.c.name,
                   S.entities.c.kb)
        if kb:
            q = q.where(S.entities.c.kb == kb)
        if type:
            q = q.where(S.entities.c.type == type)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q.order_by(S.entities.c.doc))]

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        match = fts_query(query)
        if not match:
            return []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                rows = conn.execute(text(
                    "SELECT f.doc_id, d.date, d.title, snippet(documents_fts, 2, '[', ']', '…', 12), "
                    "bm25(documents_fts) AS rank FROM documents_fts f JOIN documents d ON d.id = f.doc_id "
                    "WHERE documents_fts MATCH :q ORDER BY rank LIMIT :n"), {"q": match, "n": limit}).all()
                return [Hit(r[0], str(r[1]), r[2], r[3], float(r[4])) for r in rows]
            words = " & ".join(m.group(0) for m in _FTS_TOKEN.finditer(query))
            rows = conn.execute(text(
                "SELECT id, date, title, ts_headline('simple', text, to_tsquery('simple', :q)), "
                "ts_rank(to_tsvector('simple', coalesce(title, '') || ' ' || text), to_tsquery('simple', :q)) AS r "
                "FROM documents WHERE to_tsvector('simple', coalesce(title, '') || ' ' || text) "
                "@@ to_tsquery('simple', :q) ORDER BY r DESC LIMIT :n"), {"q": words, "n": limit}).all()
            return [Hit(r[0], str(r[1]), r[2], r[3], float(r[4])) for r in rows]


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.close()
