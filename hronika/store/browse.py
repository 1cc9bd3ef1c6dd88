"""Queries for browsing a store: lists that page by key, an entity's articles, co-occurrence.

Every list takes ``limit`` and ``after`` (the key of the last row already shown, or None) and
returns up to ``limit`` rows, each with its ``key``: pass a row's key as ``after`` to get the rows
that follow it.  Paging by key costs the same on page 1 and page 10 000 and never skips or repeats
a row when articles are added meanwhile (within the order's ties, broken by id).

Co-occurrence, timelines and cited sources are the chronicle's (``hronika/chronicle``,
``store/chronicle.py``); here are the rest of what the web pages show: names of keys, the quotes
and events an entity takes part in, the dates of its articles (a timeline's zoom).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Sequence

from sqlalchemy import Text, and_, cast, func, or_, select, text

from . import schema as S
from . import search as Q
from .core import Store, _iso

Row = dict[str, Any]
LEAD = 120  # characters of an untitled article's text that stand for its title
COMMON = 20  # an entity in more than 1/COMMON of the articles is found by scanning dates
FIRST_ARTICLES = 50  # an entity's events are first looked for in its first articles


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
        n = conn.execute(select(func.count(e.c.doc.distinct())).where(e.c.kb == kb)).scalar()
        if not n:
            return None
        if n * COMMON > conn.execute(select(func.count()).select_from(d)).scalar():
            # in many articles: its first and last are near either end of the date index
            named = select(e.c.doc).where(e.c.kb == kb, e.c.doc == d.c.id).exists()
            first, last = (conn.execute(select(d.c.date).where(named).order_by(o).limit(1)).scalar()
                           for o in (d.c.date, d.c.date.desc()))
        else:
            first, last = conn.execute(select(func.min(d.c.date), func.max(d.c.date))
                                       .where(d.c.id.in_(select(e.c.doc).where(e.c.kb == kb)))).one()
        span = (n, first, last)
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


def leads(store: Store, ids: list[str]) -> list[Row]:
    """The start of each article's text (``lead``), to show where it has no title, and its ``title``."""
    d = S.documents
    if not ids:
        return []
    with store._reading("reading leads") as conn:
        rows = conn.execute(select(d.c.id, d.c.title, func.substr(d.c.text, 1, LEAD).label("lead"))
                            .where(d.c.id.in_(list(ids)))).all()
    return [{"id": r.id, "title": r.title, "lead": _lead(r.lead)} for r in rows]


def largest_storylines(store: Store, limit: int = 6) -> list[int]:
    """The ids of the storylines with the most articles (the latest first among equals)."""
    s = S.storylines
    with store._reading("listing storylines") as conn:
        return list(conn.execute(select(s.c.id).order_by(s.c.size.desc(), s.c.end.desc(), s.c.id)
                                 .limit(limit)).scalars())


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
    params: dict[str, Any] = {"q": match, "n": limit}
    where = _after(score, after, params)
    with store._reading(f"search for {query!r}") as conn:
        rows = conn.execute(text(
            f"SELECT d.id, d.date, d.title, d.lang, d.text, "
            f"{score} AS score FROM documents_fts JOIN documents d ON d.fts_rowid = documents_fts.rowid "
            f"WHERE documents_fts MATCH :q {where} ORDER BY score, d.id LIMIT :n"), params).all()
    return _hits(rows, parsed, marks)


def _after(score: str, after: Sequence[Any] | None, params: dict[str, Any]) -> str:
    """The condition that pages past the key [score, id] ``after`` (its values go to ``params``)."""
    if not after:
        return ""
    params.update(s=float(after[0]), id=str(after[1]))
    return f"AND ({score} > :s OR ({score} = :s AND d.id > :id))"


def _hits(rows: Sequence[Any], parsed: Any, marks: tuple[str, str]) -> list[Row]:
    """Search rows (id, date, title, lang, text, score) as the web's hits, keyed for paging."""
    return [{"id": r[0], "date": _iso(r[1]), "title": r[2], "lang": r[3], "lead": _lead(r[4][:LEAD]),
             "snippet": Q.snippet(r[4], parsed, marks), "rank": -float(r[5]), "key": [float(r[5]), r[0]]}
            for r in rows]


def _search_postgresql(store: Store, query: str, limit: int, after: Sequence[Any] | None,
                       marks: tuple[str, str]) -> list[Row]:
    parsed = Q.parse(query)
    tsq = parsed.tsquery()
    if not tsq or limit <= 0:
        return []
    score = "(-ts_rank(s.terms, q))"
    params: dict[str, Any] = {"q": tsq, "n": limit}
    where = _after(score, after, params)
    with store._reading(f"search for {query!r}") as conn:
        rows = conn.execute(text(
            f"SELECT d.id, d.date, d.title, d.lang, d.text, {score} AS score "
            f"FROM documents_search s JOIN documents d ON d.id = s.doc, CAST(:q AS tsquery) AS q "
            f"WHERE s.terms @@ q {where} ORDER BY score, d.id LIMIT :n"), params).all()
    return _hits(rows, parsed, marks)


def date_span(store: Store) -> Row:
    """The dates of the oldest and the newest article (None in an empty store)."""
    d = S.documents
    with store._reading("dating the store") as conn:
        first, last = conn.execute(select(func.min(d.c.date), func.max(d.c.date))).one()
    return {"first": _iso(first) if first else None, "last": _iso(last) if last else None}


def names(store: Store, keys: list[str]) -> dict[str, dict[str, str]]:
    """The most used name and the type of each key the store knows: {kb: {name, type}}."""
    with store._reading("naming entities") as conn:
        return {k: {"name": n, "type": t} for k, (n, t) in _names(conn, list(dict.fromkeys(keys))).items()}


def _locals(conn: Any, kb: str, docs: list[str] | None = None) -> dict[str, set[str]]:
    """The local ids that stand for ``kb`` in each article (of ``docs``, when given)."""
    e = S.entities
    q = select(e.c.doc, e.c.local_id).where(e.c.kb == kb)
    if docs is not None:
        q = q.where(e.c.doc.in_(docs))
    out: dict[str, set[str]] = {}
    for doc, local in conn.execute(q):
        out.setdefault(doc, set()).add(local)
    return out


def _local_names(conn: Any, docs: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
    e = S.entities
    if not docs:
        return {}
    return {(r.doc, r.local_id): {"name": r.name, "kb": r.kb, "type": r.type}
            for r in conn.execute(select(e.c.doc, e.c.local_id, e.c.name, e.c.kb, e.c.type)
                                  .where(e.c.doc.in_(docs)))}


def entity_quotes(store: Store, kb: str, role: str, limit: int = 10) -> list[Row]:
    """Quotes by ``kb`` (``role="by"``: it is the speaker) or about it (``"about"``: a mention of
    it inside the quote, said by someone else), oldest first: (doc, date, title, start, end,
    text, direct, speaker: {name, kb} or None)."""
    q, e, m, d = S.quotes, S.entities, S.mentions, S.documents
    sel = (select(q.c.doc, d.c.date, d.c.title, q.c.start, q.c.end, q.c.surface, q.c.direct, q.c.speaker)
           .select_from(q).join(d, d.c.id == q.c.doc))
    if role == "by":
        sel = sel.join(e, and_(e.c.doc == q.c.doc, e.c.local_id == q.c.speaker)).where(e.c.kb == kb)
    else:
        e1, e2 = e.alias("named"), e.alias("speaker")
        inside = (select(m.c.doc).join(e1, and_(e1.c.doc == m.c.doc, e1.c.local_id == m.c.entity))
                  .where(e1.c.kb == kb, m.c.doc == q.c.doc, m.c.start >= q.c.start, m.c.end <= q.c.end))
        said_by = select(e2.c.doc).where(e2.c.doc == q.c.doc, e2.c.local_id == q.c.speaker, e2.c.kb == kb)
        # only the articles that name it (the kb index), not a test of every quote in the store
        sel = sel.where(q.c.doc.in_(select(e1.c.doc).where(e1.c.kb == kb)), inside.exists(), ~said_by.exists())
    sel = sel.order_by(d.c.date, q.c.doc, q.c.start).limit(limit)
    with store._reading(f"quotes {role} {kb!r}") as conn:
        rows = conn.execute(sel).all()
        who = _local_names(conn, sorted({r.doc for r in rows}))
    return [{"doc": r.doc, "date": _iso(r.date), "title": r.title, "start": r.start, "end": r.end,
             "text": r.surface, "direct": bool(r.direct),
             "speaker": who.get((r.doc, r.speaker)) if r.speaker else None} for r in rows]


def entity_events(store: Store, kb: str, limit: int = 10) -> list[Row]:
    """Events of the stored readings in which ``kb`` is an actor or a recipient, oldest first:
    (doc, date: the article's, event_date: the event's own, type, mode, trigger, role, actors,
    recipients: [{name, kb}])."""
    ev, e, d = S.events, S.entities, S.documents
    # Actors and recipients are JSON lists of local ids: the articles are found in SQL, the role in
    # each event here (JSON containment is not portable between SQLite and PostgreSQL).
    # Its first articles first (an entity in thousands of articles need not sort all their events).
    first = [x["id"] for x in store.entity_documents([kb], limit=FIRST_ARTICLES)]
    found: list[tuple[Any, str]] = []
    for docs in ([first] if len(first) < FIRST_ARTICLES else [first, None]):
        mentioned = list(docs) if docs is not None else select(e.c.doc).where(e.c.kb == kb)
        q = (select(ev.c.doc, d.c.date, d.c.title, ev.c.start, ev.c.end, ev.c.type, ev.c.mode, ev.c.actors,
                    ev.c.recipients, ev.c.date.label("event_date"), ev.c.surface, ev.c.asserted)
             .join(d, d.c.id == ev.c.doc).where(ev.c.doc.in_(mentioned))
             .order_by(d.c.date, ev.c.doc, ev.c.start))
        found = []
        with store._reading(f"events of {kb!r}") as conn:
            ours = _locals(conn, kb, docs)
            for r in conn.execute(q):
                mine = ours.get(r.doc, set())
                role = "actor" if mine & set(r.actors or []) else "recipient" if mine & set(r.recipients or []) else None
                if role is not None:
                    found.append((r, role))
                    if len(found) >= limit:
                        break
        if len(found) >= limit:
            break
    with store._reading(f"events of {kb!r}") as conn:
        who = _local_names(conn, sorted({r.doc for r, _ in found}))

    def named(doc: str, ids: Any) -> list[dict[str, Any]]:
        return [who.get((doc, i), {"name": i, "kb": None}) for i in ids or []]

    return [{"doc": r.doc, "date": _iso(r.date), "title": r.title, "start": r.start, "end": r.end,
             "type": r.type, "mode": r.mode, "trigger": r.surface, "asserted": bool(r.asserted),
             "event_date": r.event_date, "role": role, "actors": named(r.doc, r.actors),
             "recipients": named(r.doc, r.recipients)} for r, role in found]


def entity_sources(store: Store, kb: str, limit: int = 10) -> list[Row]:
    """The sources cited by the articles that mention ``kb``, most articles first: (source: a
    global key, else a name; documents)."""
    s, e, e2 = S.sources, S.entities, S.entities.alias("mentioned")
    key = func.coalesce(e.c.kb, e.c.name).label("source")
    n = func.count(s.c.doc.distinct()).label("n")
    q = (select(key, n).select_from(s).join(e, and_(e.c.doc == s.c.doc, e.c.local_id == s.c.entity))
         .where(s.c.doc.in_(select(e2.c.doc).where(e2.c.kb == kb)), or_(e.c.kb.is_(None), e.c.kb != kb))
         .group_by(key).order_by(n.desc(), key).limit(limit))
    with store._reading(f"sources on {kb!r}") as conn:
        return [{"source": r.source, "documents": r.n} for r in conn.execute(q)]


def entity_dates(store: Store, kbs: list[str], start: dt.date | None = None,
                 end: dt.date | None = None) -> dict[str, int]:
    """How many articles that mention every key of ``kbs`` each date has: {YYYY-MM-DD: n}."""
    d, e = S.documents, S.entities
    q = select(d.c.date, func.count()).group_by(d.c.date)
    for kb in dict.fromkeys(kbs):  # by the kb index, not a test of every article
        a = e.alias()
        q = q.where(d.c.id.in_(select(a.c.doc).where(a.c.kb == kb)))
    if start is not None:
        q = q.where(d.c.date >= start)
    if end is not None:
        q = q.where(d.c.date <= end)
    with store._reading("dating a timeline") as conn:
        return {_iso(day): n for day, n in conn.execute(q)}


def quotes_with_words(store: Store, keys: list[str], limit: int = 5) -> list[Row]:
    """Chronicle quotes whose word keys (``chronicle.quotes.words``: stems reduced to their
    transliterated consonants, so that any form in either script matches) hold every one of
    ``keys``, newest first (day, then id, descending): their ``id`` and ``day``.  A parameterised
    LIKE over the stored key list: a scan of the chronicle's quotes, which are few beside the
    articles."""
    t = S.chronicle_quotes
    if not keys or limit <= 0:
        return []
    listed = cast(t.c.words, Text)
    q = select(t.c.id, t.c.day)
    for k in dict.fromkeys(keys):
        pattern = '%"' + k.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + '"%'
        q = q.where(listed.like(pattern, escape="\\"))
    q = q.order_by(t.c.day.desc(), t.c.id.desc()).limit(limit)
    with store._reading("quotes by their words") as conn:
        return [{"id": r.id, "day": _iso(r.day)} for r in conn.execute(q)]
