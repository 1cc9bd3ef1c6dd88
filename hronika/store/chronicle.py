"""The chronicle's SQL: storylines kept up to date article by article, entity name keys, and the
queries of timelines, co-occurring entities and cited sources.

``Writer`` works inside one write transaction (the article's own, when ``Store.save`` is given
``then=``); ``ChronicleQueries`` is the read side, mixed into ``Store``.  What to compute --
features, scores, thresholds -- is decided in ``hronika/chronicle``; this module only stores and
fetches.  Paging is by key: every listing takes the key of the last row seen (``after``) and
returns rows after it, in a fixed order, so a user can page as far as there are rows.
"""
from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from typing import Any, Iterable, Sequence

from sqlalchemy import Date, Integer, and_, bindparam, delete, func, insert, literal_column, or_, select, tuple_, union_all, update
from sqlalchemy.engine import Connection

from . import schema as S
from .merging import MergeQueries, MergeWrites, batches

TOTAL = "*"  # the feature_counts row that counts every article
WINDOW = 25  # a timeline page first looks through this many articles per item it needs


def _upsert(conn: Connection, table, keys: Sequence[str], rows: list[dict[str, Any]], add: str) -> None:
    """Insert ``rows``; where a row with the same ``keys`` exists, add to its column ``add``."""
    if rows:
        conn.execute(_upsert_sql(conn.dialect.name, table, tuple(keys), add), rows)


@lru_cache(maxsize=None)
def _upsert_sql(dialect: str, table, keys: tuple[str, ...], add: str):
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    stmt = dialect_insert(table)
    return stmt.on_conflict_do_update(index_elements=list(keys),
                                      set_={add: getattr(table.c, add) + getattr(stmt.excluded, add)})


@lru_cache(maxsize=None)
def _sql(what: str, n: int | str = 0, dialect: str = ""):
    """The statements ``Writer`` runs for every article, built once (see ``MergeWrites``); their
    values come as parameters (``sid``: a storyline's id)."""
    f, s, m = S.storyline_features, S.storylines, S.storyline_members
    if what == "counts":
        fc = S.feature_counts
        return select(fc.c.feature, fc.c.n).where(fc.c.feature.in_(bindparam("wanted", expanding=True)))
    if what == "member":
        return select(m.c.storyline).where(m.c.doc == bindparam("d"))
    if what == "candidates":  # for each of n features, its newest storylines; in the features' order
        u = union_all(*(select(literal_column(str(i)).label("i"), f.c.storyline, f.c.last)
                        .where(f.c.feature == bindparam(f"f{i}"), f.c.main.is_(True))
                        .order_by(f.c.last.desc(), f.c.storyline.desc()).limit(bindparam("n", type_=Integer))
                        .subquery().select() for i in range(n))).subquery()
        return select(u.c.storyline).order_by(u.c.i, u.c.last.desc(), u.c.storyline.desc())
    if what == "storylines":
        return select(s).where(s.c.id.in_(bindparam("ids", expanding=True)))
    if what == "weights":
        return select(f.c.storyline, f.c.feature, f.c.weight).where(
            f.c.storyline.in_(bindparam("ids", expanding=True)), f.c.feature.in_(bindparam("fs", expanding=True)))
    if what == "new storyline":
        return insert(s)
    if what == "grow":  # one article more, dated p_date
        date = bindparam("p_date", type_=Date)
        return update(s).where(s.c.id == bindparam("sid")).values(
            size=s.c.size + 1,
            start=func.min(s.c.start, date) if dialect == "sqlite" else func.least(s.c.start, date),
            end=func.max(s.c.end, date) if dialect == "sqlite" else func.greatest(s.c.end, date))
    if what == "member of":
        return insert(m)
    if what == "label":
        return (update(f).where(f.c.storyline == bindparam("sid"), f.c.feature == bindparam("k"))
                .values(label=bindparam("new_label")))
    if what == "features":
        return (select(f.c.feature, f.c.weight, f.c.main).where(f.c.storyline == bindparam("sid"))
                .order_by(f.c.weight.desc(), f.c.feature))
    if what == "drop features":
        return delete(f).where(f.c.storyline == bindparam("sid"), f.c.feature.in_(bindparam("gone", expanding=True)))
    if what == "end":
        return select(s.c.end).where(s.c.id == bindparam("sid"))
    if what == "unmain":
        return update(f).where(f.c.storyline == bindparam("sid"), f.c.main.is_(True)).values(main=False, last=None)
    if what == "main":
        return (update(f).where(f.c.storyline == bindparam("sid"), f.c.feature.in_(bindparam("top", expanding=True)))
                .values(main=True, last=bindparam("p_end", type_=Date)))
    if what == "storyline":  # the values name the columns
        return update(s).where(s.c.id == bindparam("sid"))
    if what == "top features":  # those whose name starts with n
        return (select(f.c.feature, f.c.label, f.c.weight)
                .where(f.c.storyline == bindparam("sid"), f.c.feature.startswith(n, autoescape=True))
                .order_by(f.c.weight.desc(), f.c.feature).limit(bindparam("n", type_=Integer)))
    raise ValueError(what)


class Writer(MergeWrites):
    """The chronicle's writes and the reads they depend on, in one transaction (``conn``)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -------------------------------------------------------------- feature counts

    def counts(self, features: Iterable[str]) -> tuple[dict[str, int], int]:
        """How many articles had each feature, and how many articles were counted in all."""
        wanted = list(set(features) | {TOTAL})
        got = dict(self.conn.execute(_sql("counts"), {"wanted": wanted}).all())
        return {f: got.get(f, 0) for f in wanted if f != TOTAL}, got.get(TOTAL, 0)

    def count(self, features: Iterable[str], by: int = 1) -> None:
        _upsert(self.conn, S.feature_counts, ["feature"],
                [{"feature": f, "n": by} for f in sorted(set(features) | {TOTAL})], "n")

    # -------------------------------------------------------------- storylines

    def member(self, doc: str) -> int | None:
        return self.conn.execute(_sql("member"), {"d": doc}).scalar()

    def candidates(self, features: Iterable[str], per_feature: int) -> list[int]:
        """Storylines that have one of ``features`` among their main ones: for each feature, the
        ``per_feature`` that last had an article (so the cost stays flat as the store grows)."""
        out: dict[int, None] = {}
        for part in batches(list(features)):  # one statement for many features, in their order
            params = {f"f{i}": feature for i, feature in enumerate(part)} | {"n": per_feature}
            out.update(dict.fromkeys(self.conn.execute(_sql("candidates", len(part)), params).scalars()))
        return list(out)

    def storylines(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        rows = self.conn.execute(_sql("storylines"), {"ids": list(ids)}).all() if ids else []
        return {r.id: dict(r._mapping) for r in rows}

    def weights(self, ids: Sequence[int], features: Iterable[str]) -> dict[int, dict[str, float]]:
        """The weights of ``features`` in each storyline of ``ids`` (absent: 0)."""
        out: dict[int, dict[str, float]] = {i: {} for i in ids}
        if ids:
            for sid, feature, w in self.conn.execute(_sql("weights"), {"ids": list(ids), "fs": list(set(features))}):
                out[sid][feature] = w
        return out

    def join(self, doc: str, date: dt.date, storyline: int | None, vector: dict[str, float],
             labels: dict[str, str], score: float | None, *, keep: int, main: int) -> int:
        """Add an article's vector to a storyline (None: a new one); returns the storyline."""
        if storyline is None:
            storyline = self.conn.execute(_sql("new storyline"), {
                "start": date, "end": date, "size": 0, "norm": 0.0}).inserted_primary_key[0]
        self.conn.execute(_sql("grow", dialect=self.conn.dialect.name), {"sid": storyline, "p_date": date})
        self.conn.execute(_sql("member of"), {
            "doc": doc, "storyline": storyline, "date": date, "score": score, "vector": vector})
        self._add(storyline, vector, labels, keep, main)
        return storyline

    def leave(self, doc: str) -> int | None:
        """Take an article out of its storyline (a storyline left empty goes); returns it."""
        m, s = S.storyline_members, S.storylines
        row = self.conn.execute(select(m.c.storyline, m.c.vector).where(m.c.doc == doc)).first()
        if row is None:
            return None
        sid = row.storyline
        self.conn.execute(delete(m).where(m.c.doc == doc))
        left = self.conn.execute(select(func.count(), func.min(m.c.date), func.max(m.c.date))
                                 .where(m.c.storyline == sid)).one()
        if left[0] == 0:
            self.conn.execute(delete(S.storyline_features).where(S.storyline_features.c.storyline == sid))
            self.conn.execute(delete(s).where(s.c.id == sid))
            return sid
        self.conn.execute(update(s).where(s.c.id == sid).values(size=left[0], start=left[1], end=left[2]))
        self._add(sid, {k: -v for k, v in row.vector.items()}, {}, None, None)
        return sid

    def _add(self, sid: int, vector: dict[str, float], labels: dict[str, str],
             keep: int | None, main: int | None) -> None:
        f = S.storyline_features
        _upsert(self.conn, f, ["storyline", "feature"],
                [{"storyline": sid, "feature": k, "weight": w, "label": labels.get(k), "main": False}
                 for k, w in vector.items()], "weight")
        if labels:  # the latest article's label of a feature (its name) wins
            self.conn.execute(_sql("label"), [{"sid": sid, "k": k, "new_label": label} for k, label in labels.items()])
        rows = self.conn.execute(_sql("features"), {"sid": sid}).all()
        was_main = [r.feature for r in rows if r.main]
        main = main if main is not None else len(was_main)
        keep = keep if keep is not None else len(rows)
        gone = [r.feature for i, r in enumerate(rows) if i >= keep or r.weight <= 1e-9]
        if gone:
            self.conn.execute(_sql("drop features"), {"sid": sid, "gone": gone})
        kept = [r for i, r in enumerate(rows) if i < keep and r.weight > 1e-9]
        end = self.conn.execute(_sql("end"), {"sid": sid}).scalar()
        top = [r.feature for r in kept[:main]]
        self.conn.execute(_sql("unmain"), {"sid": sid})
        if top:
            self.conn.execute(_sql("main"), {"sid": sid, "top": top, "p_end": end})
        self.conn.execute(_sql("storyline"), {"sid": sid, "norm": math.sqrt(sum(r.weight ** 2 for r in kept))})

    def top_features(self, sid: int, prefix: str, n: int) -> list[tuple[str, str | None, float]]:
        """The heaviest features of a storyline that start with ``prefix``: (feature, label, weight)."""
        return [tuple(r) for r in self.conn.execute(_sql("top features", prefix), {"sid": sid, "n": n})]

    def set_title(self, sid: int, title: str) -> None:
        self.conn.execute(_sql("storyline"), {"sid": sid, "title": title})

    # -------------------------------------------------------------- names

    def add_names(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Count each (name key, global key) once more."""
        rows = [{"key": k, "kb": kb, "n": 1} for k, kb in sorted(set(pairs))]
        _upsert(self.conn, S.name_keys, ["key", "kb"], rows, "n")


def _dates(q, column, start: dt.date | None, end: dt.date | None):
    if start is not None:
        q = q.where(column >= start)
    if end is not None:
        q = q.where(column <= end)
    return q


def _date(v: Any) -> str | None:
    return v.isoformat() if isinstance(v, dt.date) else (None if v is None else str(v))


class ChronicleQueries(MergeQueries):
    """The read side (mixed into ``Store``: ``self._reading`` gives a connection)."""

    # -------------------------------------------------------------- storylines

    def storyline_rows(self, *, ids: Sequence[int] | None = None, after: int | None = None,
                       limit: int | None = None, start: dt.date | None = None,
                       end: dt.date | None = None) -> list[dict[str, Any]]:
        """Storylines by id: (id, title, start, end, size); ``start``/``end``: those that overlap
        the period."""
        s = S.storylines
        q = select(s.c.id, s.c.title, s.c.start, s.c.end, s.c.size).order_by(s.c.id)
        if ids is not None:
            q = q.where(s.c.id.in_(list(ids)))
        if after is not None:
            q = q.where(s.c.id > after)
        if start is not None:
            q = q.where(s.c.end >= start)
        if end is not None:
            q = q.where(s.c.start <= end)
        if limit is not None:
            q = q.limit(limit)
        with self._reading("listing storylines") as conn:
            return [dict(r._mapping, start=_date(r.start), end=_date(r.end)) for r in conn.execute(q)]

    def storyline_documents(self, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        """The articles of each storyline, by date then id: (doc, date, title, score)."""
        m, d = S.storyline_members, S.documents
        q = (select(m.c.storyline, m.c.doc, m.c.date, d.c.title, m.c.score).join(d, d.c.id == m.c.doc)
             .where(m.c.storyline.in_(list(ids))).order_by(m.c.storyline, m.c.date, m.c.doc))
        out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        with self._reading("listing storyline articles") as conn:
            for r in conn.execute(q):
                out[r.storyline].append({"doc": r.doc, "date": _date(r.date), "title": r.title,
                                         "score": r.score})
        return out

    def storyline_features_of(self, ids: Sequence[int], prefix: str, n: int) -> dict[int, list[tuple[str, str | None]]]:
        """The ``n`` heaviest features starting with ``prefix`` of each storyline: (feature, label)."""
        with self._reading("listing storyline features") as conn:
            w = Writer(conn)
            return {i: [(f, label) for f, label, _ in w.top_features(i, prefix, n)] for i in ids}

    def storyline_of(self, doc: str) -> int | None:
        with self._reading("finding a storyline") as conn:
            return Writer(conn).member(doc)

    def unassigned(self, limit: int | None = None) -> list[str]:
        """Stored articles the chronicle has not taken in yet, by date then id."""
        d, m = S.documents, S.storyline_members
        q = (select(d.c.id).outerjoin(m, m.c.doc == d.c.id).where(m.c.doc.is_(None))
             .order_by(d.c.date, d.c.id))
        if limit is not None:
            q = q.limit(limit)
        with self._reading("listing articles without a storyline") as conn:
            return list(conn.execute(q).scalars())

    def clear_chronicle(self) -> None:
        """Forget every storyline, feature count and name key (the articles stay)."""
        with self._writer.begin() as conn:
            for table in reversed(S.CHRONICLE_TABLES):
                conn.execute(delete(table))

    # -------------------------------------------------------------- names

    def name_matches(self, keys: Sequence[str]) -> list[tuple[str, str, int]]:
        """(key, kb, n) of every stored name key among ``keys``."""
        nk = S.name_keys
        with self._reading("looking up a name") as conn:
            return [tuple(r) for r in conn.execute(select(nk.c.key, nk.c.kb, nk.c.n)
                                                   .where(nk.c.key.in_(list(keys))))]

    def kb_names(self, kb: str) -> dict[str, Any]:
        """What the store knows of a global key: its types, its names (entity names and mention
        surfaces, with counts), how many articles mention it and the first and last date."""
        e, m, d = S.entities, S.mentions, S.documents
        with self._reading(f"reading entity {kb!r}") as conn:
            types = dict(conn.execute(select(e.c.type, func.count()).where(e.c.kb == kb).group_by(e.c.type)).all())
            names = dict(conn.execute(select(e.c.name, func.count()).where(e.c.kb == kb).group_by(e.c.name)).all())
            surfaces = dict(conn.execute(
                select(m.c.surface, func.count()).join(e, and_(e.c.doc == m.c.doc, e.c.local_id == m.c.entity))
                .where(e.c.kb == kb).group_by(m.c.surface)).all())
            n, first, last = conn.execute(
                select(func.count(e.c.doc.distinct()), func.min(d.c.date), func.max(d.c.date))
                .join(d, d.c.id == e.c.doc).where(e.c.kb == kb)).one()
        return {"kb": kb, "types": types, "names": names, "surfaces": surfaces, "documents": n,
                "first": _date(first), "last": _date(last)}

    # -------------------------------------------------------------- timelines

    def entity_documents(self, kbs: Sequence[str], *, start: dt.date | None = None,
                         end: dt.date | None = None, after: tuple[str, str] | None = None,
                         limit: int | None = None) -> list[dict[str, Any]]:
        """Articles that mention every key of ``kbs``, by date then id, after the (date, id) key
        ``after``: (doc, date, title, lang, entities: {kb: [local ids]})."""
        d, e = S.documents, S.entities
        q = _dates(select(d.c.id, d.c.date, d.c.title, d.c.lang), d.c.date, start, end)
        if after is not None:
            q = q.where(tuple_(d.c.date, d.c.id) > tuple_(dt.date.fromisoformat(after[0]), after[1]))
        q = q.order_by(d.c.date, d.c.id)
        with self._reading("reading a timeline") as conn:
            docs = None
            rarest = min(conn.execute(select(func.count(e.c.doc.distinct())).where(e.c.kb == kb)).scalar()
                         for kb in dict.fromkeys(kbs))
            if limit is not None and rarest * WINDOW >= conn.execute(select(func.count()).select_from(d)).scalar():
                # An entity in more than one article in WINDOW: its next ones are among the next few
                # articles of the store, tested one by one.  A rarer one is found by the kb index.
                window = q.limit(WINDOW * limit).subquery()
                w = select(window).where(*(select(a.c.doc).where(a.c.kb == kb, a.c.doc == window.c.id).exists()
                                           for a, kb in ((e.alias(), kb) for kb in dict.fromkeys(kbs))))
                rows = conn.execute(w.order_by(window.c.date, window.c.id).limit(limit)).all()
                if len(rows) == limit or conn.execute(select(func.count()).select_from(window)).scalar() < WINDOW * limit:
                    docs = rows  # the page is full, or the window held every article left
            if docs is None:
                for kb in dict.fromkeys(kbs):
                    a = e.alias()
                    q = q.where(d.c.id.in_(select(a.c.doc).where(a.c.kb == kb)))
                docs = conn.execute(q if limit is None else q.limit(limit)).all()
            docs = [dict(r._mapping, date=_date(r.date), entities={}) for r in docs]
            if docs:
                by_id = {x["id"]: x for x in docs}
                for doc, kb, local in conn.execute(select(e.c.doc, e.c.kb, e.c.local_id).where(
                        e.c.doc.in_(list(by_id)), e.c.kb.in_(list(kbs)))):
                    by_id[doc]["entities"].setdefault(kb, []).append(local)
        return docs

    def spans_of(self, docs: Sequence[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """For each article: its mentions (entity, start, end), sentences (start, end) and time
        expressions (start, end, type, value, mod), each by offset."""
        m, seg, t = S.mentions, S.segments, S.timexes
        out = {doc: {"mentions": [], "sentences": [], "timexes": []} for doc in docs}
        if not docs:
            return out
        with self._reading("reading spans") as conn:
            for r in conn.execute(select(m.c.doc, m.c.entity, m.c.start, m.c.end)
                                  .where(m.c.doc.in_(list(docs))).order_by(m.c.doc, m.c.start)):
                out[r.doc]["mentions"].append({"entity": r.entity, "start": r.start, "end": r.end})
            for r in conn.execute(select(seg.c.doc, seg.c.start, seg.c.end)
                                  .where(seg.c.doc.in_(list(docs)), seg.c.kind == "sentence")
                                  .order_by(seg.c.doc, seg.c.start)):
                out[r.doc]["sentences"].append({"start": r.start, "end": r.end})
            for r in conn.execute(select(t.c.doc, t.c.start, t.c.end, t.c.type, t.c.value, t.c.mod)
                                  .where(t.c.doc.in_(list(docs))).order_by(t.c.doc, t.c.start)):
                out[r.doc]["timexes"].append({"start": r.start, "end": r.end, "type": r.type,
                                              "value": r.value, "mod": r.mod})
        return out

    def texts(self, docs: Sequence[str]) -> dict[str, str]:
        d = S.documents
        with self._reading("reading texts") as conn:
            return dict(conn.execute(select(d.c.id, d.c.text).where(d.c.id.in_(list(docs)))).all()) if docs else {}

    def co_occurring(self, kb: str, *, start: dt.date | None = None, end: dt.date | None = None,
                     after: tuple[int, str] | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Global keys seen in the same articles as ``kb``, most articles first (then by key),
        after the (articles, key) key ``after``: (kb, documents)."""
        e, other, d = S.entities, S.entities.alias("other"), S.documents
        n = func.count(other.c.doc.distinct()).label("n")
        q = (select(other.c.kb, n).select_from(e).join(other, other.c.doc == e.c.doc)
             .where(e.c.kb == kb, other.c.kb.is_not(None), other.c.kb != kb))
        if start is not None or end is not None:
            q = _dates(q.join(d, d.c.id == e.c.doc), d.c.date, start, end)
        q = q.group_by(other.c.kb)
        if after is not None:
            q = q.having(or_(n < after[0], and_(n == after[0], other.c.kb > after[1])))
        q = q.order_by(n.desc(), other.c.kb)
        if limit is not None:
            q = q.limit(limit)
        with self._reading(f"listing entities seen with {kb!r}") as conn:
            return [{"kb": r.kb, "documents": r.n} for r in conn.execute(q)]

    def source_counts(self, *, start: dt.date | None = None, end: dt.date | None = None,
                      after: tuple[int, str] | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Sources (the ``sources`` layer) by how many articles cite each, most first, after the
        (articles, key) key ``after``: (source: its global key, else its name; documents)."""
        s, e, d = S.sources, S.entities, S.documents
        key = func.coalesce(e.c.kb, e.c.name).label("source")
        n = func.count(s.c.doc.distinct()).label("n")
        q = select(key, n).select_from(s).join(e, and_(e.c.doc == s.c.doc, e.c.local_id == s.c.entity))
        if start is not None or end is not None:
            q = _dates(q.join(d, d.c.id == s.c.doc), d.c.date, start, end)
        q = q.group_by(key)
        if after is not None:
            q = q.having(or_(n < after[0], and_(n == after[0], key > after[1])))
        q = q.order_by(n.desc(), key)
        if limit is not None:
            q = q.limit(limit)
        with self._reading("counting sources") as conn:
            return [{"source": r.source, "documents": r.n} for r in conn.execute(q)]
