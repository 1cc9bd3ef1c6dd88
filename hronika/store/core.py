"""``Store``: articles and their readings in SQL, through SQLAlchemy Core.

SQLite by default; PostgreSQL through the same code (``postgresql://…``, read with psycopg 3), where
the dialect differs in full-text search (SQLite: an FTS5 table; PostgreSQL: ``documents_search``,
a GIN-indexed tsvector of the same words and stems) and in how writers take turns (SQLite: BEGIN
IMMEDIATE; PostgreSQL: a transaction-level advisory lock, and a retry when the server aborts a
transaction for a serialization failure or a deadlock).  Every failure the caller can meet comes out as ``StoreError``
with a message that names the database and the problem.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import String, create_engine, delete, event, func, insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError

from ..document import Document
from ..serialize import from_json, to_json
from . import migrations as M
from .chronicle import ChronicleQueries, Writer
from . import rows as R
from . import schema as S
from . import search as Q


class StoreError(RuntimeError):
    """The store cannot do what was asked; the message says which database and why."""


@dataclass
class SaveResult:
    doc_id: str
    status: str  # "stored" | "duplicate" | "replaced"
    existing_id: str | None = None  # for a duplicate: the id the same content is stored under


@dataclass
class Hit:
    doc_id: str
    date: str  # ISO date
    title: str | None
    snippet: str  # a passage with the matched words between the marks ("[", "]" unless asked)
    rank: float  # higher is better (comparable within one search only)


# ------------------------------------------------------------------ the store


def _sqlite_path(url: str) -> str | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    db = u.database or ""
    return None if db in ("", ":memory:") or db.startswith("file:") else db


class Store(ChronicleQueries):
    """An article store.  ``url`` is an SQLAlchemy URL (``sqlite:///path.db``,
    ``postgresql+psycopg://user@host/db``) or a plain file path, read as SQLite.

    Opening applies the migrations the database lacks; a database written by a newer hronika
    (with migrations this one does not know) is refused.  ``timeout`` is how long a write waits
    for another writer (SQLite) before giving up with "locked"."""

    def __init__(self, url: str = "sqlite:///hronika.db", *, timeout: float = 5.0,
                 create: bool = True) -> None:
        if "://" not in url:
            url = "sqlite:///" + url
        elif url.startswith(("postgresql://", "postgres://")):  # the driver this project ships
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        self.url, self.timeout = url, timeout
        self._where = _safe_url(url)
        try:
            parsed = make_url(url)
            backend = parsed.get_backend_name()
        except Exception as exc:
            raise StoreError(f"cannot open store {url!r}: not a database URL ({exc})") from exc
        path = _sqlite_path(url)
        if path is not None:
            _check_sqlite_path(url, Path(path))
            if not create and not Path(path).exists():
                raise StoreError(f"no store at {self._where}: {path} does not exist "
                                 f"(hronika ingest creates it)")
        kwargs: dict[str, Any] = {}
        if backend in ("sqlite", "postgresql"):
            kwargs["json_serializer"] = lambda o: json.dumps(o, ensure_ascii=False)
        try:
            self.engine: Engine = create_engine(url, **kwargs)
        except ModuleNotFoundError as exc:  # e.g. psycopg is not installed
            raise StoreError(f"cannot open store {self._where}: the database driver is not installed "
                             f"({exc}); for PostgreSQL: pip install 'hronika[postgres]'") from exc
        except Exception as exc:  # an unknown dialect, a malformed URL
            raise StoreError(f"cannot open store {self._where}: {exc}") from exc
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", self._sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        elif self.dialect == "postgresql":
            event.listen(self.engine, "begin", _postgresql_begin)
        # Write transactions take the write lock at BEGIN (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
        # advisory lock), so that the duplicate check and the writes that follow it see the same
        # database, and the chronicle's read-modify-write of storylines is never interleaved.
        self._writer = self.engine.execution_options(hronika_write=True)
        try:
            _patiently(self.migrate, self.timeout)
        except StoreError:
            self.engine.dispose()
            raise
        except Exception as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open store {self._where}: {_describe(exc, self)}") from exc

    @classmethod
    def open(cls, url: str = "sqlite:///hronika.db", **kwargs: Any) -> "Store":
        return cls(url, **kwargs)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._where})"

    def close(self) -> None:
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _sqlite_connect(self, dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # pysqlite must not BEGIN by itself; _sqlite_begin does
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":  # switching locks the file
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        # SQLite's default page cache is 2 MB: a store of thousands of articles then reads its
        # indexes back from the OS for every article it adds (the chronicle's update slowed as the
        # store grew); 64 MB, taken only as pages are used
        cur.execute("PRAGMA cache_size = -65536")
        cur.close()

    @contextlib.contextmanager
    def _reading(self, what: str) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"{what} failed in {self._where}: {_describe(exc, self)}") from exc

    # -------------------------------------------------------------- migrations

    def applied_migrations(self) -> list[int]:
        with self._reading("reading the migrations") as conn:
            return self._applied(conn)

    @staticmethod
    def _applied(conn: Connection) -> list[int]:
        return [r[0] for r in conn.execute(select(S.schema_migrations.c.number)
                                           .order_by(S.schema_migrations.c.number))]

    def schema_version(self) -> int:
        done = self.applied_migrations()
        return done[-1] if done else 0

    def migrate(self) -> list[int]:
        """Apply the migrations this database lacks, each with its record in one transaction;
        returns the numbers applied (none when the database is up to date)."""
        with self.engine.connect() as conn:
            has_table = inspect(conn).has_table("schema_migrations")
            done = set(self._applied(conn)) if has_table else set()
        known = {n for n, _, _ in M.MIGRATIONS}
        newer = sorted(done - known)
        if newer:
            raise StoreError(f"the database {self._where} was written by a newer hronika (it has "
                             f"migrations {newer}, this version knows up to {max(known)}); "
                             f"upgrade hronika to use it")
        applied: list[int] = []
        if known <= done:
            return applied
        with self._writer.begin() as conn:
            S.schema_migrations.create(conn, checkfirst=True)
        for number, name, step in M.MIGRATIONS:
            if number in done:
                continue
            with self._writer.begin() as conn:
                if number in self._applied(conn):  # another process applied it meanwhile
                    continue
                step(conn)
                conn.execute(insert(S.schema_migrations).values(number=number, name=name, applied_at=_now()))
            applied.append(number)
        return applied

    # -------------------------------------------------------------- writing

    def save(self, doc: Document, *, refresh: bool = False,
             then: Callable[[Writer, Document], Any] | None = None) -> SaveResult:
        """Store one article with all its rows, in one transaction: all of it or nothing.

        ``then(writer, doc)``, when given, runs in the same transaction after the rows are written
        (the chronicle's update for the article: hronika/chronicle); it is not called for a
        duplicate.

        - the same content (``doc.content_hash``) already stored, under any id -> "duplicate",
          nothing written (with ``refresh=True`` and the same id, the reading is rewritten:
          "replaced" -- for re-reading articles with a better pipeline);
        - the same id with other content -> "replaced": the old rows go in the same transaction;
        - otherwise "stored"."""
        for attempt in range(RETRIES):
            try:
                return _patiently(lambda: self._save(doc, refresh, then), self.timeout)
            except DBAPIError as exc:
                if attempt + 1 < RETRIES and _retryable(exc):
                    time.sleep(random.uniform(0.01, 0.05) * 2 ** attempt)
                    continue
                raise StoreError(f"{doc.id}: not stored in {self._where}: {_describe(exc, self)}") from exc
        raise AssertionError("unreachable")

    def _save(self, doc: Document, refresh: bool, then: Callable[[Writer, Document], Any] | None) -> SaveResult:
        try:
            reading = to_json(doc)
            digest = doc.content_hash
            with self._writer.begin() as conn:
                same = conn.execute(select(S.documents.c.id)
                                    .where(S.documents.c.content_hash == digest)).scalar()
                if same is not None and not (refresh and same == doc.id):
                    return SaveResult(doc.id, "duplicate", same)
                old = conn.execute(select(S.documents.c.id).where(S.documents.c.id == doc.id)).scalar()
                if old is not None:
                    self._delete(conn, doc.id)
                fts_rowid = None
                if self.dialect == "sqlite":
                    fts_rowid = conn.execute(
                        text("INSERT INTO documents_fts (title, text, stitle, stext) VALUES (:t, :x, :st, :sx)"),
                        Q.fts_row(doc.title, doc.text)).lastrowid
                conn.execute(insert(S.documents).values(
                    id=doc.id, date=doc.date, url=doc.url, title=doc.title, source=doc.source,
                    lang=reading.get("lang"), content_hash=digest, text=doc.text, reading=reading,
                    ingested_at=_now(), fts_rowid=fts_rowid))
                if self.dialect == "postgresql":
                    conn.execute(text("INSERT INTO documents_search (doc, terms) VALUES (:d, CAST(:v AS tsvector))"),
                                 {"d": doc.id, "v": Q.tsvector(doc.title, doc.text)})
                for table, rows in R.article_rows(reading):
                    if rows:
                        conn.execute(insert(table), rows)
                if then is not None:
                    then(Writer(conn), doc)
                return SaveResult(doc.id, "replaced" if old is not None else "stored")
        except IntegrityError as exc:
            # PostgreSQL: another writer stored the same content between our check and insert.
            same = self._id_of_hash(doc)
            if same is not None:
                return SaveResult(doc.id, "duplicate", same)
            if _retryable(exc):
                raise
            raise StoreError(f"{doc.id}: not stored in {self._where}: {_describe(exc, self)}") from exc
        except DBAPIError as exc:
            if _retryable(exc) or _locked(exc):  # save() tries again
                raise
            raise StoreError(f"{doc.id}: not stored in {self._where}: {_describe(exc, self)}") from exc
        except Exception as exc:
            raise StoreError(f"{doc.id}: not stored in {self._where}: {_describe(exc, self)}") from exc

    def known(self, hashes: Iterable[str]) -> dict[str, str]:
        """The ids under which these content hashes are stored (those stored only), so that an
        ingest resumed need not read again what it stored before."""
        hashes = list(set(hashes))
        if not hashes:
            return {}
        with self._reading("looking up content hashes") as conn:
            rows = conn.execute(select(S.documents.c.content_hash, S.documents.c.id)
                                .where(S.documents.c.content_hash.in_(hashes))).all()
        return {h: i for h, i in rows}

    def _id_of_hash(self, doc: Document) -> str | None:
        try:
            with self.engine.connect() as conn:
                return conn.execute(select(S.documents.c.id)
                                    .where(S.documents.c.content_hash == doc.content_hash)).scalar()
        except SQLAlchemyError:
            return None

    def _delete(self, conn: Connection, doc_id: str) -> None:
        from ..chronicle import forget  # merged events and quotes are recomputed without it

        writer = Writer(conn)
        writer.leave(doc_id)  # its storyline forgets it with it
        forget(writer, doc_id)
        for table in S.ARTICLE_TABLES:
            conn.execute(delete(table).where(table.c.doc == doc_id))
        if self.dialect == "sqlite":
            conn.execute(text("DELETE FROM documents_fts WHERE rowid = "
                              "(SELECT fts_rowid FROM documents WHERE id = :d)"), {"d": doc_id})
        elif self.dialect == "postgresql":
            conn.execute(text("DELETE FROM documents_search WHERE doc = :d"), {"d": doc_id})
        conn.execute(delete(S.documents).where(S.documents.c.id == doc_id))

    @contextlib.contextmanager
    def chronicle(self) -> Iterator[Writer]:
        """A write transaction for the chronicle (all of it or nothing)."""
        try:
            with self._writer.begin() as conn:
                yield Writer(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"updating the chronicle failed in {self._where}: {_describe(exc, self)}") from exc

    def delete(self, doc_id: str) -> bool:
        """Remove an article and every row of it; False when there was none."""
        try:
            with self._writer.begin() as conn:
                if conn.execute(select(S.documents.c.id).where(S.documents.c.id == doc_id)).first() is None:
                    return False
                self._delete(conn, doc_id)
                return True
        except SQLAlchemyError as exc:
            raise StoreError(f"{doc_id}: not deleted from {self._where}: {_describe(exc, self)}") from exc

    # -------------------------------------------------------------- reading

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The reading stored for ``doc_id`` (exactly ``serialize.to_json`` of what was saved)."""
        with self._reading(f"reading {doc_id!r}") as conn:
            return conn.execute(select(S.documents.c.reading).where(S.documents.c.id == doc_id)).scalar()

    def document(self, doc_id: str) -> Document | None:
        """The stored article as a Document with every layer of its reading, for later stages
        (``to_json`` of it is exactly ``get(doc_id)``); None when there is none."""
        with self._reading(f"reading {doc_id!r}") as conn:
            row = conn.execute(select(S.documents.c.reading, S.documents.c.source)
                               .where(S.documents.c.id == doc_id)).first()
        if row is None:
            return None
        doc = from_json(row.reading)
        doc.source = row.source
        return doc

    def __contains__(self, doc_id: object) -> bool:
        with self._reading("a lookup") as conn:
            return conn.execute(select(S.documents.c.id).where(S.documents.c.id == doc_id)).first() is not None

    def ids(self) -> Iterator[str]:
        """Every stored article id, by date then id."""
        with self._reading("listing articles") as conn:
            ids = conn.execute(select(S.documents.c.id).order_by(S.documents.c.date, S.documents.c.id)).scalars().all()
        yield from ids

    def count(self) -> int:
        with self._reading("counting") as conn:
            return conn.execute(select(func.count()).select_from(S.documents)).scalar_one()

    def stats(self) -> dict[str, int]:
        """Row counts of documents and of each layer table (segments, entities, mentions, timexes,
        posts, sources); and kb_keys, the distinct global entity keys."""
        with self._reading("counting") as conn:
            out = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                   for t in (S.documents, *S.ARTICLE_TABLES)}
            out["kb_keys"] = conn.execute(select(func.count(S.entities.c.kb.distinct()))).scalar_one()
        return out

    def overview(self) -> dict[str, Any]:
        """What the store holds: articles by language and by month (YYYY-MM), entities by type,
        and the row count of every table (``stats``)."""
        d, e = S.documents, S.entities
        month = func.substr(func.cast(d.c.date, String), 1, 7)
        with self._reading("counting") as conn:
            by_lang = dict(conn.execute(select(func.coalesce(d.c.lang, "?"), func.count())
                                        .group_by(d.c.lang).order_by(func.count().desc())).all())
            by_month = dict(conn.execute(select(month, func.count()).group_by(month).order_by(month)).all())
            by_type = dict(conn.execute(select(e.c.type, func.count()).group_by(e.c.type)
                                        .order_by(func.count().desc())).all())
        return {"documents_by_lang": by_lang, "documents_by_month": by_month,
                "entities_by_type": by_type, "rows": self.stats()}

    EXPORTABLE = ("documents", "entities", "mentions", "timexes", "events", "quotes", "sources",
                  "posts", "segments")

    def columns(self, table: str) -> list[str]:
        """The keys of ``rows(table)``, in order."""
        if table == "documents":
            return [c.name for c in S.documents.c if c.name not in ("reading", "fts_rowid")]
        return [c.name for c in S.metadata.tables[table].c] if table in self.EXPORTABLE else []

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of one table (one of ``EXPORTABLE``), by article date then article; documents
        without their stored reading.  JSON columns come as lists, dates as ISO strings."""
        if table not in self.EXPORTABLE or table not in S.metadata.tables:
            raise StoreError(f"cannot export {table!r}: one of {', '.join(self.EXPORTABLE)}")
        t, d = S.metadata.tables[table], S.documents
        if table == "documents":
            q = select(*(d.c[name] for name in self.columns(table))).order_by(d.c.date, d.c.id)
        else:
            q = select(*t.c).join(d, d.c.id == t.c.doc).order_by(d.c.date, t.c.doc)
        with self._reading(f"exporting {table}") as conn:
            for r in conn.execution_options(stream_results=True).execute(q):
                yield {k: (_iso(v) if isinstance(v, (dt.date, dt.datetime)) else v)
                       for k, v in r._mapping.items()}

    def entities(self, kb: str | None = None, type: str | None = None, *,
                 doc: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Entity rows (doc, date, local_id, type, name, kb), by date, filtered by any of kb,
        type (PER/ORG/LOC/...) and doc."""
        e, d = S.entities, S.documents
        q = select(e.c.doc, d.c.date, e.c.local_id, e.c.type, e.c.name, e.c.kb).join(d, d.c.id == e.c.doc)
        if kb is not None:
            q = q.where(e.c.kb == kb)
        if type is not None:
            q = q.where(e.c.type == type)
        if doc is not None:
            q = q.where(e.c.doc == doc)
        q = q.order_by(d.c.date, e.c.doc, e.c.local_id)
        if limit is not None:
            q = q.limit(limit)
        with self._reading("listing entities") as conn:
            return [dict(r._mapping, date=_iso(r.date)) for r in conn.execute(q)]

    def search(self, query: str, limit: int = 20, *, marks: tuple[str, str] = ("[", "]"),
               date_from: dt.date | None = None, date_to: dt.date | None = None,
               entity: str | None = None, entity_keys: tuple[str, ...] = ()) -> "Hits":
        """Articles that match ``query`` (see ``hronika.store.search``: every word in any of its
        forms, ``OR``, ``NOT``, "phrases", ``prefix*``; case, stress marks and ``ё`` folded), best
        first, at most ``limit``; ``.total`` of the result counts every match.  ``date_from`` and
        ``date_to`` bound the article's date (both included); ``entity`` keeps the articles that
        name it (a KB key such as ``GPE-Varna``, or a name in any of its forms), or any of
        ``entity_keys`` (the KB keys the caller found for it).  Any string is a valid query."""
        limit = max(0, int(limit))
        parsed = Q.parse(query)
        with self._reading(f"search for {query!r}") as conn:
            where, params = ["1 = 1"], {}
            if date_from is not None:
                where.append("d.date >= :date_from")
                params["date_from"] = date_from
            if date_to is not None:
                where.append("d.date <= :date_to")
                params["date_to"] = date_to
            if entity is not None:
                keys = (entity, *entity_keys)
                names = self._entity_names(conn, entity, keys)
                if not names:
                    return Hits([], 0)
                where.append("d.id IN (SELECT doc FROM entities WHERE kb IN :keys OR name IN :names)")
                params.update(keys=keys, names=tuple(names))
            if self.dialect == "sqlite":
                match = parsed.fts()
                if not match:
                    return Hits([], 0)
                frm = ("FROM documents_fts JOIN documents d ON d.fts_rowid = documents_fts.rowid "
                       "WHERE documents_fts MATCH :q AND " + " AND ".join(where))
                params["q"] = match
                total = conn.execute(_expanding(f"SELECT count(*) {frm}"), params).scalar_one()
                rows = conn.execute(_expanding(
                    f"SELECT d.id, d.date, d.title, d.text, bm25(documents_fts, 3.0, 1.0, 3.0, 1.0) AS score "
                    f"{frm} ORDER BY score, d.date DESC LIMIT :n"), dict(params, n=limit)).all() if limit else []
                return Hits([Hit(r[0], _iso(r[1]), r[2], Q.snippet(r[3], parsed, marks), -float(r[4]))
                             for r in rows], total)
            return self._search_postgresql(conn, parsed, limit, marks, where, params)

    def _entity_names(self, conn: Connection, entity: str, keys: tuple[str, ...]) -> set[str]:
        """The stored entity names that name ``entity``: those of its KB keys, or a name with the
        same stems (``Путину`` -> ``Путин``), or a full name ending in it (``Путин`` -> ``Владимир
        Путин``)."""
        from ..kb import stem_key

        want = stem_key(entity)
        rows = conn.execute(select(S.entities.c.name, S.entities.c.kb).distinct()).all()
        return {name for name, kb in rows
                if kb in keys or stem_key(name) == want or stem_key(name).endswith(" " + want)}

    @staticmethod
    def _search_postgresql(conn: Connection, parsed: "Q.Query", limit: int, marks: tuple[str, str],
                           where: list[str], params: dict[str, Any]) -> "Hits":
        tsq = parsed.tsquery()
        if not tsq:
            return Hits([], 0)
        frm = ("FROM documents_search s JOIN documents d ON d.id = s.doc, CAST(:q AS tsquery) AS q "
               "WHERE s.terms @@ q AND " + " AND ".join(where))
        params = dict(params, q=tsq, n=limit)
        total = conn.execute(_expanding(f"SELECT count(*) {frm}"), params).scalar_one()
        rows = conn.execute(_expanding(
            f"SELECT d.id, d.date, d.title, d.text, ts_rank(s.terms, q) AS score "
            f"{frm} ORDER BY score DESC, d.date DESC, d.id LIMIT :n"), params).all() if limit else []
        return Hits([Hit(r[0], _iso(r[1]), r[2], Q.snippet(r[3], parsed, marks), float(r[4]))
                     for r in rows], total)


class Hits(list):
    """Search hits, best first; ``total``: how many articles matched in all (the hits may be
    fewer, cut at the limit)."""

    def __init__(self, hits: list[Hit], total: int) -> None:
        super().__init__(hits)
        self.total = total


def _expanding(sql: str):
    from sqlalchemy import bindparam

    stmt = text(sql)
    if ":names" in sql:
        stmt = stmt.bindparams(bindparam("names", expanding=True), bindparam("keys", expanding=True))
    return stmt


# ------------------------------------------------------------------ helpers


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("hronika_write") else "BEGIN")


# PostgreSQL's writers take turns on this advisory lock (released at COMMIT or ROLLBACK).
WRITE_LOCK = 0x68726F6E  # "hron"
RETRIES = 6
_RETRY_STATES = {"40001", "40P01", "23505"}  # serialization failure, deadlock, a unique key taken meanwhile


def _postgresql_begin(conn: Connection) -> None:
    if conn.get_execution_options().get("hronika_write"):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def _retryable(exc: BaseException) -> bool:
    return getattr(getattr(exc, "orig", None), "sqlstate", None) in _RETRY_STATES


def _locked(exc: DBAPIError) -> bool:
    return "database is locked" in str(exc.orig) or "database table is locked" in str(exc.orig)


def _patiently(step: Callable[[], Any], timeout: float) -> Any:
    """``step()``, again while SQLite answers "locked" before its busy timeout ran out: SQLite
    answers at once, without waiting, where waiting could deadlock or while another connection
    sets up the write-ahead log of a new database (two writers opening one new store at once)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return step()
        except OperationalError as exc:
            if not _locked(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(random.uniform(0.02, 0.1))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _iso(d: Any) -> str:
    return d.isoformat() if isinstance(d, dt.date) else str(d)


def _safe_url(url: str) -> str:
    """The URL for messages, without its password."""
    try:
        return repr(make_url(url).render_as_string(hide_password=True))
    except Exception:
        return repr(url)


def _check_sqlite_path(url: str, path: Path) -> None:
    where = repr(url)
    folder = path.resolve().parent
    if path.is_dir():
        raise StoreError(f"cannot open store {where}: {path} is a folder, not a database file")
    if not folder.is_dir():
        raise StoreError(f"cannot open store {where}: folder {folder} does not exist")
    if not path.exists() and not os.access(folder, os.W_OK):
        raise StoreError(f"cannot open store {where}: folder {folder} is not writable")
    if path.exists() and not os.access(path, os.R_OK):
        raise StoreError(f"cannot open store {where}: {path} is not readable")


_KNOWN = [
    ("database is locked", "the database is locked by another writer (waited {timeout:g} s)"),
    ("database table is locked", "the database is locked by another writer (waited {timeout:g} s)"),
    ("readonly database", "the database is read-only here"),
    ("unable to open database file", "the database file cannot be opened or created"),
    ("file is not a database", "the file is not an SQLite database"),
    ("disk is full", "the disk is full"),
    ("no such table", "the database lacks a table of the store (not a hronika database?)"),
    ("no such module: fts5", "this SQLite has no FTS5"),
]


def _describe(exc: BaseException, store: Store) -> str:
    orig = getattr(exc, "orig", None) or exc
    msg = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    low = msg.lower()
    for needle, nice in _KNOWN:
        if needle in low:
            return f"{nice.format(timeout=store.timeout)} ({msg})"
    if not isinstance(orig, SQLAlchemyError) and not type(orig).__module__.startswith(("sqlite3", "psycopg")):
        return f"{type(orig).__name__}: {msg}"
    return msg
