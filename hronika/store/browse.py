"""Queries for browsing a store: lists that page by key, an entity's articles, co-occurrence.

Every list takes ``limit`` and ``after`` (the key of the last row already shown, or None) and
returns up to ``limit`` rows, each with its ``key``: pass a row's key as ``after`` to get the rows
that follow it.  Paging by key costs the same on page 1 and page 10 000 and never skips or repeats
a row when articles are added meanwhile (within the order's ties, broken by id).

The chronicle's own queries (``hronika/chronicle``) will take over co-occurrence; this one counts
articles that two ``kb`` keys share.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Sequence

from sqlalchemy import and_, func, or_, select, text

from . import schema as S
from . import search as Q
from .core import Store, _iso

Row = dict[str, Any]
SENTENCE_CHARS = 400
LEAD = 120  # characters of an untitled article's text that stand for its title  # the most of a sentence shown beside an entity's article


def _d(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def articles(store: Store, limit: int = 20, after: Sequence[Any] | None = None) -> list[Row]:
    """Articles, newest first (date, then id, descending), each with the start of its text
    (``lead``) to show where it has no title.  Key: [date, id]."""
    d = S.documents
    q = select(d.c.id, d.c.date, d.c.title, d.c.lang, d.c.url, func.substr(d.c.text, 1, LEAD).label("lead"))
    if after:
        day, doc = _d(after[0]), str(after[1])
        q = q.where(or_(d.c.date < day, and_(d.c.date == day, d.c.id < doc)))
    q = q.order_by(d.c.date.desc(), d.c.id.desc()).limit(limit)
    with store._reading("listing articles") as conn:
        rows = conn.execute(q).all()
    return [dict(r._mapping, date=_iso(r.date), lead=_lead(r.lead), key=[_iso(r.date), r.id]) for r in rows]


def _lead(text_: str | None) -> str:
    words = " ".join((text_ or "").split())
    return words if len(words) < LEAD - 10 else words[:LEAD - 10].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def _names(conn: Any, keys: list[str]) -> dict[str, tuple[str, str]]:
    """The most used name and type of each key."""
    e = S.entities
    if not keys:
        return {}
    rows = conn.execute(select(e.c.kb, e.c.name, e.c.type, func.count().label("n"))
                        .where(e.c.kb.in_(keys)).group_by(e.c.kb, e.c.name, e.c.type)).all()
    best: dict[str, tuple[int, str, str]] = {}
    for r in rows:
        if r.kb not in best or (r.n, r.name) > best[r.kb][:2]:
            best[r.kb] = (r.n, r.name, r.type)
    return {k: (v[1], v[2]) for k, v in best.items()}


def entities(store: Store, limit: int = 20, after: Sequence[Any] | None = None,
             type: str | None = None) -> list[Row]:
    """Global entities (``kb`` keys), most articles first.  Key: [articles, kb]."""
    e = S.entities
    n = func.count(e.c.doc.distinct()).label("articles")
    q = select(e.c.kb, n).where(e.c.kb.is_not(None)).group_by(e.c.kb)
    if type:
        q = q.where(e.c.type == type)
    if after:
        count, kb = int(after[0]), str(after[1])
        q = q.having(or_(n < count, and_(n == count, e.c.kb > kb)))
    q = q.order_by(n.desc(), e.c.kb).limit(limit)
    with store._reading("listing entities") as conn:
        rows = conn.execute(q).all()
        names = _names(conn, [r.kb for r in rows])
    return [{"kb": r.kb, "name": names[r.kb][0], "type": names[r.kb][1], "articles": r.articles,
             "key": [r.articles, r.kb]} for r in rows]


def entity(store: Store, kb: str) -> Row | None:
    """What the store knows of one key: its names and the surfaces of its mentions (with counts),
    its types, how many articles mention it and between which dates; None when none does."""
    e, m, d = S.entities, S.mentions, S.documents
    with store._reading(f"reading entity {kb!r}") as conn:
        span = conn.execute(select(func.count(e.c.doc.distinct()), func.min(d.c.date), func.max(d.c.date))
                            .join(d, d.c.id == e.c.doc).where(e.c.kb == kb)).one()
        if not span[0]:
            return None
        names = conn.execute(select(e.c.name, e.c.type, func.count()).where(e.c.kb == kb)
                             .group_by(e.c.name, e.c.type)).all()
        surfaces = conn.execute(
            select(m.c.surface, func.count()).join(e, and_(e.c.doc == m.c.doc, e.c.local_id == m.c.entity))
            .where(e.c.kb == kb).group_by(m.c.surface)).all()
    types: Counter[str] = Counter()
    name_count: Counter[str] = Counter()
    for name, type_, n in names:
        types[type_] += n
        name_count[name] += n
    return {"kb": kb, "name": name_count.most_common(1)[0][0], "type": types.most_common(1)[0][0],
            "types": dict(types.most_common()), "names": dict(name_count.most_common()),
            "surfaces": dict(Counter(dict(surfaces)).most_common()),
            "articles": span[0], "first": _iso(span[1]), "last": _iso(span[2])}


def entity_articles(store: Store, kb: str, limit: int = 20, after: Sequence[Any] | None = None) -> list[Row]:
    """The articles that mention ``kb``, oldest first, each with its mentions' count and the
    sentence of its first mention (``sentence``: text, ``start``: its offset in the article,
    ``marks``: the mentions inside it, as offsets into the sentence).  Key: [date, id]."""
    e, m, d, s = S.entities, S.mentions, S.documents, S.segments
    q = (select(d.c.id, d.c.date, d.c.title, d.c.lang, func.substr(d.c.text, 1, LEAD).label("lead"))
         .join(e, e.c.doc == d.c.id)
         .where(e.c.kb == kb).distinct())
    if after:
        day, doc = _d(after[0]), str(after[1])
        q = q.where(or_(d.c.date > day, and_(d.c.date == day, d.c.id > doc)))
    q = q.order_by(d.c.date, d.c.id).limit(limit)
    with store._reading(f"listing articles of {kb!r}") as conn:
        docs = conn.execute(q).all()
        ids = [r.id for r in docs]
        found = conn.execute(
            select(m.c.doc, m.c.start, m.c.end, s.c.start.label("s_start"), s.c.end.label("s_end"),
                   func.substr(d.c.text, s.c.start + 1, s.c.end - s.c.start).label("sentence"))
            .join(e, and_(e.c.doc == m.c.doc, e.c.local_id == m.c.entity))
            .join(d, d.c.id == m.c.doc)
            .outerjoin(s, and_(s.c.doc == m.c.doc, s.c.kind == "sentence", s.c.start <= m.c.start,
                               m.c.start < s.c.end))
            .where(e.c.kb == kb, m.c.doc.in_(ids)).order_by(m.c.doc, m.c.start)).all() if ids else []
    by_doc: dict[str, list[Any]] = {}
    for r in found:
        by_doc.setdefault(r.doc, []).append(r)
    out = []
    for r in docs:
        ms = by_doc.get(r.id, [])
        first = ms[0] if ms else None
        row: Row = {"id": r.id, "date": _iso(r.date), "title": r.title, "lead": _lead(r.lead), "lang": r.lang,
                    "mentions": len(ms), "sentence": None, "key": [_iso(r.date), r.id]}
        if first is not None and first.sentence is not None:
            text_ = first.sentence[:SENTENCE_CHARS]
            marks = [[x.start - first.s_start, min(x.end, first.s_start + len(text_)) - first.s_start]
                     for x in ms if x.s_start == first.s_start and x.start - first.s_start < len(text_)]
            row["sentence"] = {"text": text_, "start": first.s_start, "marks": marks}
        out.append(row)
    return out


def related(store: Store, kb: str, limit: int = 20, after: Sequence[Any] | None = None) -> list[Row]:
    """Keys seen in the same articles as ``kb``, most shared articles first.  Key: [articles, kb]."""
    e1, e2 = S.entities.alias("e1"), S.entities.alias("e2")
    n = func.count(e2.c.doc.distinct()).label("articles")
    q = (select(e2.c.kb, n).join(e2, e2.c.doc == e1.c.doc)
         .where(e1.c.kb == kb, e2.c.kb.is_not(None), e2.c.kb != kb).group_by(e2.c.kb))
    if after:
        count, key = int(after[0]), str(after[1])
        q = q.having(or_(n < count, and_(n == count, e2.c.kb > key)))
    q = q.order_by(n.desc(), e2.c.kb).limit(limit)
    with store._reading(f"entities related to {kb!r}") as conn:
        rows = conn.execute(q).all()
        names = _names(conn, [r.kb for r in rows])
    return [{"kb": r.kb, "name": names[r.kb][0], "type": names[r.kb][1], "articles": r.articles,
             "key": [r.articles, r.kb]} for r in rows]


def search(store: Store, query: str, limit: int = 20, after: Sequence[Any] | None = None,
           marks: tuple[str, str] = ("[", "]")) -> list[Row]:
    """Articles holding every word of ``query`` (as ``Store.search``), best first, paged by key
    [score, id] (the score is the database's own, lower first)."""
    if store.dialect != "sqlite":
        return _search_postgresql(store, query, limit, after, marks)
    parsed = Q.parse(query)
    match = parsed.fts()
    if not match or limit <= 0:
        return []
    score = "bm25(documents_fts, 3.0, 1.0, 3.0, 1.0)"  # title, text, their stems
    where = ""
    params: dict[str, Any] = {"q": match, "n": limit}
    if after:
        where = f"AND ({score} > :s OR ({score} = :s AND d.id > :id))"
        params.update(s=float(after[0]), id=str(after[1]))
    with store._reading(f"search for {query!r}") as conn:
        rows = conn.execute(text(
            f"SELECT d.id, d.date, d.title, d.lang, d.text, "
            f"{score} AS score FROM documents_fts JOIN documents d ON d.fts_rowid = documents_fts.rowid "
            f"WHERE documents_fts MATCH :q {where} ORDER BY score, d.id LIMIT :n"), params).all()
    return [{"id": r[0], "date": _iso(r[1]), "title": r[2], "lang": r[3], "lead": _lead(r[4][:LEAD]),
             "snippet": Q.snippet(r[4], parsed, marks), "rank": -float(r[5]), "key": [float(r[5]), r[0]]}
            for r in rows]


def _search_postgresql(store: Store, query: str, limit: int, after: Sequence[Any] | None,
                       marks: tuple[str, str]) -> list[Row]:
    if not any(ch.isalnum() for ch in query) or limit <= 0:
        return []
    doc = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"
    score = f"-ts_rank({doc}, q)"
    opts = "StartSel=\"{}\", StopSel=\"{}\", MaxWords=30, MinWords=10".format(*(m.replace('"', "") for m in marks))
    params: dict[str, Any] = {"q": query, "n": limit, "opts": opts}
    where = ""
    if after:
        where = f"AND ({score} > :s OR ({score} = :s AND id > :id))"
        params.update(s=float(after[0]), id=str(after[1]))
    with store._reading(f"search for {query!r}") as conn:
        rows = conn.execute(text(
            f"SELECT id, date, title, lang, substr(text, 1, {LEAD}), ts_headline('simple', text, q, :opts), {score} AS score "
            f"FROM documents, websearch_to_tsquery('simple', :q) AS q "
            f"WHERE {doc} @@ q {where} ORDER BY score, id LIMIT :n"), params).all()
    return [{"id": r[0], "date": _iso(r[1]), "title": r[2], "lang": r[3], "lead": _lead(r[4]),
             "snippet": r[5], "rank": -float(r[6]), "key": [float(r[6]), r[0]]} for r in rows]


def date_span(store: Store) -> Row:
    """The dates of the oldest and the newest article (None in an empty store)."""
    d = S.documents
    with store._reading("dating the store") as conn:
        first, last = conn.execute(select(func.min(d.c.date), func.max(d.c.date))).one()
    return {"first": _iso(first) if first else None, "last": _iso(last) if last else None}
