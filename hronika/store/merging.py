"""The SQL of merged events and quotes: the rows ``hronika/chronicle/events.py`` and ``quotes.py``
decide on, the index they find candidates by, and the read side (listings with key-based paging).

``MergeWrites`` is mixed into the chronicle's ``Writer`` (one write transaction); ``MergeQueries``
into ``Store`` (``self._reading`` gives a connection).  Events and quotes share the shape: an
aggregate row, its mentions (one per place an article tells it), its look-up keys and the entities
it is listed by; the table names differ by ``kind``.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Iterable, Sequence

from sqlalchemy import Integer, and_, bindparam, delete, insert, or_, select, union_all, update

from . import schema as S

_TABLES = {
    "event": (S.chronicle_events, S.chronicle_event_mentions, S.chronicle_event_keys, S.chronicle_event_entities),
    "quote": (S.chronicle_quotes, S.chronicle_quote_mentions, S.chronicle_quote_keys, S.chronicle_quote_entities),
}


def batches(items: list[Any], size: int = 100) -> Iterable[list[Any]]:
    """``items`` in lists of at most ``size``: the parts of a UNION ALL of one look-up per item
    (one statement instead of one per item, well below SQLite's 500 parts)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def _row(r) -> dict[str, Any]:
    return {k: _iso(v) for k, v in r._mapping.items()}


class MergeWrites:
    """Writes of merged events and quotes (mixed into ``store.chronicle.Writer``: ``self.conn``).

    Every article runs some hundred of these statements; each is built once (``_sql``) and run with
    its values as parameters: building a SQLAlchemy statement anew each time cost the writer more
    CPU than SQLite's own work."""

    def merged(self, doc: str) -> bool:
        return self.conn.execute(_sql("merged"), {"d": doc}).first() is not None

    def mark_merged(self, doc: str) -> None:
        self.conn.execute(_sql("mark_merged"), {"doc": doc})

    def merge_candidates(self, kind: str, keys: Iterable[str], per_key: int) -> list[int]:
        """The aggregates listed under any of ``keys``: for each key the ``per_key`` newest (so the
        cost of a look-up stays flat as the store grows)."""
        out: set[int] = set()
        for part in batches(list(dict.fromkeys(keys))):  # one statement for many keys
            params = {f"k{i}": key for i, key in enumerate(part)} | {"n": per_key}
            out.update(self.conn.execute(_sql("candidates", kind, len(part)), params).scalars())
        return sorted(out)

    def merge_rows(self, kind: str, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        if not ids:
            return {}
        return {r.id: dict(r._mapping) for r in self.conn.execute(_sql("rows", kind), {"ids": list(ids)})}

    def merge_new(self, kind: str, placeholder: dict[str, Any]) -> int:
        return self.conn.execute(_sql("insert", kind, 0), placeholder).inserted_primary_key[0]

    def merge_add_mentions(self, kind: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(_sql("insert", kind, 1), rows)

    def merge_mentions(self, kind: str, agg: int) -> list[dict[str, Any]]:
        """The mentions of one aggregate, in ingest order."""
        return [dict(r._mapping) for r in self.conn.execute(_sql("mentions", kind), {"agg": agg})]

    def merge_set(self, kind: str, agg: int, values: dict[str, Any], keys: list[str],
                  entities: list[tuple[str, str]]) -> None:
        """Rewrite an aggregate, its look-up keys and its entities (kb, role)."""
        self.conn.execute(_sql("set", kind), values | {"keys": keys, "agg": agg})
        self.conn.execute(_sql("drop", kind, 2), {"agg": agg})
        if keys:
            self.conn.execute(_sql("insert", kind, 2), [{"key": key, kind: agg} for key in dict.fromkeys(keys)])
        self.conn.execute(_sql("drop", kind, 3), {"agg": agg})
        if entities:
            self.conn.execute(_sql("insert", kind, 3),
                              [{kind: agg, "kb": kb, "role": role} for kb, role in dict.fromkeys(entities)])

    def merge_drop(self, kind: str, agg: int) -> None:
        t, m, k, e = _TABLES[kind]
        for table in (e, k, m):
            self.conn.execute(delete(table).where(table.c[kind] == agg))
        self.conn.execute(delete(t).where(t.c.id == agg))

    def unmerge(self, doc: str) -> dict[str, list[int]]:
        """Take an article's mentions out; returns the aggregates that had one ({kind: ids})."""
        out = {}
        for kind, (_, m, _, _) in _TABLES.items():
            out[kind] = sorted(self.conn.execute(select(m.c[kind]).where(m.c.doc == doc).distinct()).scalars())
            self.conn.execute(delete(m).where(m.c.doc == doc))
        self.conn.execute(delete(S.chronicle_merged).where(S.chronicle_merged.c.doc == doc))
        return out


@lru_cache(maxsize=None)
def _sql(what: str, kind: str = "", n: int = 0):
    """The statements ``MergeWrites`` runs for every article, built once; their values come as
    parameters (``agg``: an aggregate's id)."""
    if what == "merged":
        m = S.chronicle_merged
        return select(m.c.doc).where(m.c.doc == bindparam("d"))
    if what == "mark_merged":
        return insert(S.chronicle_merged)
    tables = _TABLES[kind]
    t, m, k, _ = tables
    if what == "candidates":  # the n keys' newest, one part each
        col = k.c[kind]
        return union_all(*(select(col).where(k.c.key == bindparam(f"k{i}")).order_by(col.desc())
                           .limit(bindparam("n", type_=Integer)).subquery().select() for i in range(n)))
    if what == "rows":
        return select(t).where(t.c.id.in_(bindparam("ids", expanding=True)))
    if what == "insert":  # into the n-th table of the kind
        return insert(tables[n])
    if what == "mentions":
        return select(m).where(m.c[kind] == bindparam("agg")).order_by(m.c.id)
    if what == "set":  # the values name the columns
        return update(t).where(t.c.id == bindparam("agg"))
    if what == "drop":  # the n-th table's rows of an aggregate
        return delete(tables[n]).where(tables[n].c[kind] == bindparam("agg"))
    raise ValueError(what)


# Columns only the merging reads (the look-up keys, a quote's word keys): listings leave them out.
_MATCHING = ("keys", "words")


def _overlap(q, t, start: dt.date | None, end: dt.date | None, lo="lo", hi="hi"):
    if start is not None:
        q = q.where(t.c[hi] >= start)
    if end is not None:
        q = q.where(t.c[lo] <= end)
    return q


class MergeQueries:
    """The read side of merged events and quotes (mixed into ``Store``)."""

    def unmerged(self, limit: int | None = None) -> list[str]:
        """Stored articles whose events and quotes are not merged yet, by date then id."""
        d, m = S.documents, S.chronicle_merged
        q = select(d.c.id).outerjoin(m, m.c.doc == d.c.id).where(m.c.doc.is_(None)).order_by(d.c.date, d.c.id)
        if limit is not None:
            q = q.limit(limit)
        with self._reading("listing articles not merged") as conn:
            return list(conn.execute(q).scalars())

    def merged_rows(self, kind: str, *, ids: Sequence[int] | None = None,
                    entities: Sequence[tuple[str, Sequence[str]]] = (), types: Sequence[str] = (),
                    start: dt.date | None = None, end: dt.date | None = None,
                    after: tuple[str, int] | None = None, limit: int | None = None,
                    documents: Sequence[str] | None = None, contested: bool = False) -> list[dict[str, Any]]:
        """Events or quotes by (day, id), after the key ``after``; ``entities``: (kb, roles) pairs
        each of which must hold (the kb in one of the roles); ``types``: event types; ``start``/
        ``end``: those whose days meet the period (a quote's day: its first report);
        ``documents``: those one of these articles tells; ``contested``: only events whose
        reports disagree."""
        t, m, _, e = _TABLES[kind]
        q = select(*(c for c in t.c if c.name not in _MATCHING))
        if ids is not None:
            q = q.where(t.c.id.in_(list(ids)))
        if contested:
            q = q.where(t.c.contested.is_(True))
        if documents is not None:
            q = q.where(t.c.id.in_(select(m.c[kind]).where(m.c.doc.in_(list(documents)))))
        for kb, roles in entities:  # found by the (kb, role) index, not by a scan of every event
            a = e.alias()
            q = q.where(t.c.id.in_(select(a.c[kind]).where(a.c.kb == kb, a.c.role.in_(list(roles)))))
        if types:
            q = q.where(t.c.type.in_(list(types)))
        q = _overlap(q, t, start, end) if kind == "event" else _overlap(q, t, start, end, "day", "day")
        if after is not None:
            day = dt.date.fromisoformat(after[0])
            q = q.where(or_(t.c.day > day, and_(t.c.day == day, t.c.id > after[1])))
        q = q.order_by(t.c.day, t.c.id)
        if limit is not None:
            q = q.limit(limit)
        with self._reading(f"listing merged {kind}s") as conn:
            rows = [_row(r) for r in conn.execute(q)]
        return rows

    def merged_mentions(self, kind: str, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        """The mentions of each aggregate, in ingest order, with their article's title and URL."""
        m, d = _TABLES[kind][1], S.documents
        out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        if not ids:
            return out
        q = (select(m, d.c.title, d.c.url).join(d, d.c.id == m.c.doc).where(m.c[kind].in_(list(ids)))
             .order_by(m.c[kind], m.c.id))
        with self._reading(f"reading {kind} mentions") as conn:
            for r in conn.execute(q):
                out[r._mapping[kind]].append(_row(r))
        return out
