"""One function per page: it takes the `Hronika` and the request's parameters and returns the
page's data (a JSON-ready dict).  `app.py` serves that dict at `<path>.json` and renders it
with the page's template at `<path>`.

Parameters are declared here (FastAPI's `Query`/`Path`), so that the HTML page, its JSON twin
and the OpenAPI document agree on them.  A view raises `HTTPException` (404 for an unknown id,
400 for a cursor that is not one); FastAPI answers a malformed parameter with 422.

No `from __future__ import annotations` here: FastAPI reads these annotations from the routes
that `app.py` wraps around the views, where string annotations would not resolve.
"""

import datetime as dt
import functools
import json
import pathlib
import unicodedata
from typing import Annotated, Any

from fastapi import HTTPException, Path, Query

from ..api import Hronika
from ..chronicle import QueryError, names
from ..chronicle.quotes import words as quote_words
from ..chronicle.queries import quote_json, told_in
from ..store import browse
from . import paging, periods

Limit = Annotated[int, Query(ge=1, le=200, description="items per page")]
Cursor = Annotated[str | None, Query(max_length=400, description="the `next` value of the page before")]
Key = Annotated[str, Path(min_length=1, max_length=300, description="an entity's global key (`kb`)")]
DocId = Annotated[str, Path(min_length=1, max_length=300, description="an article's id")]
TYPES = ("PER", "ORG", "LOC", "EVT", "PRO")
Name = Annotated[str, Query(min_length=1, max_length=300, description=(
    "an entity: a name in any script or inflected form (`Lukashenko`, or in Cyrillic) or a global key"))]
BY_ENTITY = 10  # quotes, events, sources and timeline items shown on an entity page
BY_SEARCH = 5  # entities and quotes shown above a search's article hits
BY_STORYLINE = 200  # merged events and quotes drawn on a storyline page, each
KINDS = ("article", "event", "quote")
Kinds = Annotated[list[str] | None, Query(alias="kind", description=(
    "the kinds of item to show: `article`, `event` (merged events), `quote` (merged quotes); "
    "repeat for several (default: all)"))]


def _kinds(kind: list[str] | None) -> list[str]:
    """The kinds a timeline asks for (all when none); a 422 for an unknown one."""
    wanted = [k.strip().lower() for k in kind or () if k.strip()]
    bad = [k for k in wanted if k not in KINDS]
    if bad:
        raise HTTPException(422, f"kind: {bad[0]!r} is not one of {', '.join(KINDS)}")
    return [k for k in KINDS if k in wanted] or list(KINDS)


def _chronicle(call, *args: Any, **kwargs: Any) -> Any:
    """A chronicle query; its ``QueryError`` a 400 for a cursor, else a 422."""
    try:
        return call(*args, **kwargs)
    except QueryError as e:
        raise HTTPException(400 if "cursor" in str(e) else 422, str(e)) from None


def _leads(h: Hronika, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timeline items, each with the start of its article's text (``lead``) for want of a title."""
    leads = {a["id"]: a["lead"] for a in browse.leads(h.store, [t["doc"] for t in items])}
    return [dict(t, lead=leads.get(t["doc"], "")) for t in items]


def _items(h: Hronika, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timeline items as the pages draw them: an article with its lead, a merged event or quote
    with its participants (speaker) by name and its first report's title."""
    arts = iter(_leads(h, [t for t in items if t["kind"] == "article"]))
    merged = [t[t["kind"]] for t in items if t["kind"] != "article"]
    titles = _titles(h, list(dict.fromkeys(m["first_report"]["document"] for m in merged)))
    known = _names(h, [t["event"] for t in items if t["kind"] == "event"], "actors", "recipients", "sources")
    known.update(_names(h, [t["quote"] for t in items if t["kind"] == "quote"], "speaker", "about"))
    out = []
    for t in items:
        if t["kind"] == "article":
            out.append(next(arts))
        elif t["kind"] == "event":
            out.append({"kind": "event", "date": str(t["date"]), "event": _event_row(h, t["event"], titles, known)})
        else:
            out.append({"kind": "quote", "date": str(t["date"]), "quote": _quote_row(h, t["quote"], titles, known)})
    return out


def _refs(h: Hronika, keys: list[str], known: dict[str, dict[str, str]] | None = None) -> list[dict[str, str]]:
    """{kb, name, type} of each key (a key the store does not know keeps itself as its name);
    ``known``: names already looked up (``_names``), so that a list asks the store once."""
    known = browse.names(h.store, keys) if known is None else known
    return [{"kb": k, **known.get(k, {"name": k, "type": k.split("-", 1)[0]})} for k in keys]


def _names(h: Hronika, rows: list[dict[str, Any]], *fields: str) -> dict[str, dict[str, str]]:
    """The names of every key in ``fields`` (lists of keys, or one key) of ``rows``, in one look-up."""
    keys = [k for r in rows for f in fields for k in (r[f] if isinstance(r[f], list) else [r[f]])]
    return browse.names(h.store, list(dict.fromkeys(keys)))


def home(h: Hronika) -> dict[str, Any]:
    """What the store holds: counts, the newest articles, the most mentioned entities."""
    store = h.store
    stats = store.stats()
    lines = [h.storyline(i) for i in browse.largest_storylines(store, 6)]
    return {
        "storylines": [_storyline_row(h, s) for s in lines if s is not None],
        "store": {"articles": stats["documents"], "entities": stats["kb_keys"],
                  "mentions": stats["mentions"], "time_expressions": stats["timexes"],
                  "posts": stats["posts"], **browse.date_span(store)},
        "articles": paging.page(browse.articles(store, 11), 10),
        "entities": paging.page(browse.entities(store, 16), 15),
    }


def articles(h: Hronika, *, cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    """Every stored article, newest first."""
    after = paging.decode(cursor, "articles")
    return paging.page(browse.articles(h.store, limit + 1, after), limit)


def entities(h: Hronika, *, type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC|EVT|PRO)$",
                                                               description="PER, ORG, LOC, EVT or PRO")] = None,
             cursor: Cursor = None, limit: Limit = 50) -> dict[str, Any]:
    """Entities (global keys), the most mentioned first: in how many articles each appears."""
    after = paging.decode(cursor, "entities")
    return {"type": type, **paging.page(browse.entities(h.store, limit + 1, after, type), limit)}


def search(h: Hronika, *, q: Annotated[str, Query(max_length=500, description=(
               "words, all required (case and diacritics folded); \"a phrase\"; prefix*"))] = "",
           cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    """Articles holding every word of `q`, best first, with a snippet of each (the matched
    words in `snippet_parts` with `match: true`, and between [ ] in `snippet`); on the first
    page also the entities that `q` names (`entities`, in any script or form) and the newest
    chronicle quotes that hold every word of `q` (`quotes`, any form of each word)."""
    q = q.strip()
    if not q:
        return {"q": q, "entities": [], "quotes": [], "items": [], "next": None}
    after = paging.decode(cursor, "search")
    out = paging.page(browse.search(h.store, q, limit + 1, after, marks=("\x02", "\x03")), limit)
    for hit in out["items"]:
        hit["snippet_parts"] = _parts(hit["snippet"])
        hit["snippet"] = hit["snippet"].replace("\x02", "[").replace("\x03", "]")
    first = cursor is None
    return {"q": q, "entities": _named(h, q) if first else [], "quotes": _said(h, q) if first else [], **out}


def _named(h: Hronika, q: str) -> list[dict[str, str]]:
    """The entities the store knows that ``q`` names (the likeliest first), as `/events` resolves one."""
    keys = names.candidates(h.store, q)
    if not keys:
        key = h.entity_key(q)
        keys = [key] if key else []
    known = browse.names(h.store, keys[:BY_SEARCH])
    return [{"kb": k, **known[k]} for k in keys[:BY_SEARCH] if k in known]


def _said(h: Hronika, q: str) -> list[dict[str, Any]]:
    """The newest chronicle quotes holding every word of ``q`` (query syntax taken as plain words)."""
    keys = quote_words(q)
    ids = [r["id"] for r in browse.quotes_with_words(h.store, keys, BY_SEARCH)] if keys else []
    rows = {r["id"]: quote_json(r, []) for r in h.store.merged_rows("quote", ids=ids)} if ids else {}
    return _quote_rows(h, [rows[i] for i in ids if i in rows])


def _parts(snippet: str) -> list[dict[str, Any]]:
    out = []
    for i, chunk in enumerate(snippet.split("\x02")):
        inside, _, rest = chunk.partition("\x03") if i else ("", "", chunk)
        out += [{"text": t, "match": m} for t, m in ((inside, True), (rest, False)) if t]
    return out


def article(h: Hronika, *, doc_id: DocId) -> dict[str, Any]:
    """One article's whole reading (every layer, as `hronika show --json` prints it)."""
    reading = h.show(doc_id)
    if reading is None:
        raise HTTPException(404, f"no article with id {doc_id!r}")
    return reading


def _script(name: str) -> str:
    for ch in name:
        if ch.isalpha():
            return unicodedata.name(ch, "OTHER").split()[0].title()
    return "Other"


def entity(h: Hronika, *, key: Key) -> dict[str, Any]:
    """One entity across articles: its names in every script, its type, the first items of its
    timeline and its first report, the quotes by it and about it, the events it takes part in
    (as actor or recipient), the sources that report on it and the entities most often seen in
    the same articles."""
    info = browse.entity(h.store, key)
    if info is None:
        raise HTTPException(404, f"no entity with key {key!r}")
    scripts: dict[str, dict[str, int]] = {}
    for name, n in {**info["surfaces"], **info["names"]}.items():
        scripts.setdefault(_script(name), {})[name] = n
    line = h.timeline(key, limit=BY_ENTITY, mentions=False)
    # The timeline's first article is the first report, unless its first items are all earlier events or quotes.
    first = next((t for t in line.items if t["kind"] == "article"), None) if line.items else None
    if first is None and line.next:
        first = h.first_report(key)
    rel = h.related(key, limit=BY_ENTITY)
    sources = browse.entity_sources(h.store, key, BY_ENTITY)
    return {**info, "scripts": scripts,
            "timeline": {"items": _items(h, line.items), "next": line.next},
            "first_report": first and _leads(h, [first])[0],
            "quotes_by": browse.entity_quotes(h.store, key, "by", BY_ENTITY),
            "quotes_about": browse.entity_quotes(h.store, key, "about", BY_ENTITY),
            "events": browse.entity_events(h.store, key, BY_ENTITY),
            "chronicle_events": _event_rows(h, h.events(entities=[key], limit=BY_ENTITY, mentions=False).items),
            "sources": _sources(h, sources),
            "related": {"items": _related(h, rel.items), "next": rel.next}}


def _related(h: Hronika, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dict(ref, articles=r["documents"]) for ref, r in zip(_refs(h, [r["kb"] for r in rows]), rows)]


def _sources(h: Hronika, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each cited source with its name, and ``kb`` when it is a global key the store knows."""
    known = browse.names(h.store, [r["source"] for r in rows])
    return [{"source": r["source"], "kb": r["source"] if r["source"] in known else None,
             "name": known[r["source"]]["name"] if r["source"] in known else r["source"],
             "type": known[r["source"]]["type"] if r["source"] in known else None,
             "articles": r["documents"]} for r in rows]


def related(h: Hronika, *, entity: Annotated[str, Query(min_length=1, max_length=300,
                                                         description="an entity's global key")],
            cursor: Cursor = None, limit: Limit = 50) -> dict[str, Any]:
    """The entities most often seen in the same articles as `entity` (articles they share)."""
    info = browse.entity(h.store, entity)
    if info is None:
        raise HTTPException(404, f"no entity with key {entity!r}")
    page = _chronicle(h.related, entity, after=cursor, limit=limit)
    return {"entity": {"kb": entity, "name": info["name"], "type": info["type"]},
            "items": _related(h, page.items), "next": page.next}


def sources(h: Hronika, *, cursor: Cursor = None, limit: Limit = 50) -> dict[str, Any]:
    """The sources articles cite (news agencies, ministries, outlets), the most cited first: in
    how many articles each is cited."""
    page = _chronicle(h.sources, after=cursor, limit=limit)
    return {"items": _sources(h, page.items), "next": page.next}


# ------------------------------------------------------------------ storylines


def _storyline_row(h: Hronika, s: Any, entities: int = 5) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "start": s.start, "end": s.end, "articles": len(s.documents),
            "entities": _refs(h, s.entities[:entities])}


def storylines(h: Hronika, *, cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    """Storylines: articles grouped into long-running stories across languages and scripts, in
    the order they opened, each with its main entities and its span of dates."""
    after = paging.decode(cursor, "storylines")
    rows = h.storylines(after=after[0] if after else None, limit=limit + 1)
    return paging.page([dict(_storyline_row(h, s), key=[s.id]) for s in rows], limit)


def storyline(h: Hronika, *, storyline_id: Annotated[int, Path(ge=1, le=2**62, description="a storyline's id")],
              kind: Kinds = None) -> dict[str, Any]:
    """One storyline: its title, main entities, span of dates, its articles by date and the
    merged events and quotes its articles tell; `months` puts the kinds asked for (`kind`, all by
    default) on one timeline by month."""
    kinds = _kinds(kind)
    s = h.storyline(storyline_id)
    if s is None:
        raise HTTPException(404, f"no storyline with id {storyline_id}")
    items = _leads(h, s.timeline)
    merged = [{"kind": kind, "date": str(x["day"]), kind: x} for kind in kinds
              if kind != "article" for x in told_in(h.store, kind, s.documents, BY_STORYLINE)]
    merged = _items(h, merged)
    shown = sorted(([dict(t, kind="article") for t in items] if "article" in kinds else []) + merged,
                   key=lambda t: (t["date"], KINDS.index(t["kind"])))
    months: dict[str, list[dict[str, Any]]] = {}
    for t in shown:
        months.setdefault(t["date"][:7], []).append(t)
    return {**_storyline_row(h, s, entities=12), "kinds": kinds, "timeline": items,
            "events": [t["event"] for t in merged if t["kind"] == "event"],
            "quotes": [t["quote"] for t in merged if t["kind"] == "quote"],
            "months": [{"month": m, "items": ts} for m, ts in months.items()]}


# ------------------------------------------------------------------ timelines


def timeline(h: Hronika, *, entity: Name,
             with_: Annotated[str | None, Query(alias="with", max_length=300, description=(
                 "a second entity: the articles that mention both"))] = None,
             from_: Annotated[dt.date | None, Query(alias="from", description="YYYY-MM-DD")] = None,
             to: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
             kind: Kinds = None, cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    """The timeline of an entity, or of a pair with `with`, oldest first: the articles that
    mention it (both), each with the sentences that mention it (both), the mentions and time
    expressions marked; the merged events it takes part in (both, as actor or recipient) and the
    merged quotes it says or is named in (`kind` narrows to some of these kinds); `period` says
    what from–to is, `zoom` the periods inside it to narrow to and `up` the one around it."""
    kinds = _kinds(kind)
    if not entity.strip():
        raise HTTPException(422, "entity: give a name or a global key")
    refs = []
    for name in (entity, with_):
        if name is None or not name.strip():
            continue
        key = h.entity_key(name.strip())
        if key is None:
            raise HTTPException(404, f"no entity named {name.strip()!r}: try another spelling or script, "
                                     f"or a global key such as PER-Alexander-Lukashenko")
        refs.append(key)
    refs = list(dict.fromkeys(refs))
    page = _chronicle(h.timeline, refs[0], refs[1] if len(refs) > 1 else None, start=from_, end=to,
                      after=cursor, limit=limit, kinds=kinds, mentions=False)
    period = periods.of(from_, to)
    dates = browse.entity_dates(h.store, refs)
    ents = _refs(h, refs)
    return {"entity": ents[0], "with": ents[1] if len(ents) > 1 else None,
            "from": from_ and from_.isoformat(), "to": to and to.isoformat(),
            "kinds": kinds, "period": period, "up": periods.up(period), "zoom": periods.down(period, dates),
            "articles": sum(n for d, n in dates.items()
                            if (not from_ or d >= from_.isoformat()) and (not to or d <= to.isoformat())),
            "items": _items(h, page.items), "next": page.next}


# ------------------------------------------------------------------ chronicle events


@functools.lru_cache(maxsize=1)
def _glosses() -> dict[str, str]:
    data = json.loads((pathlib.Path(__file__).with_name("plover.json")).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _titles(h: Hronika, docs: list[str]) -> dict[str, str | None]:
    return {r["id"]: r["title"] or r["lead"] for r in browse.leads(h.store, docs)}


def _event_row(h: Hronika, ev: dict[str, Any], titles: dict[str, str | None],
               known: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    known = _names(h, [ev], "actors", "recipients", "sources") if known is None else known
    first = ev["first_report"]
    return {"id": ev["id"], "type": ev["type"], "gloss": _glosses().get(ev["type"], ev["type"].lower()),
            "mode": ev["mode"], "date": ev["date"], "day": str(ev["day"]),
            "actors": _refs(h, ev["actors"], known), "recipients": _refs(h, ev["recipients"], known),
            "sources": _refs(h, ev["sources"], known), "counts": ev["counts"],
            "first_report": {"document": first["document"], "date": str(first["date"]),
                             "title": titles.get(first["document"])}}


def _quote_row(h: Hronika, q: dict[str, Any], titles: dict[str, str | None],
               known: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    known = _names(h, [q], "speaker", "about") if known is None else known
    first = q["first_report"]
    return {"id": q["id"], "speaker": _refs(h, [q["speaker"]], known)[0], "text": q["text"], "lang": q["lang"],
            "direct": q["direct"], "day": str(q["day"]), "about": _refs(h, q["about"], known), "counts": q["counts"],
            "first_report": {"document": first["document"], "date": str(first["date"]),
                             "title": titles.get(first["document"])}}


def _event_rows(h: Hronika, evs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    titles = _titles(h, list(dict.fromkeys(ev["first_report"]["document"] for ev in evs)))
    known = _names(h, evs, "actors", "recipients", "sources")
    return [_event_row(h, ev, titles, known) for ev in evs]


def events(h: Hronika, *, entity: Annotated[str | None, Query(max_length=300, description=(
               "an entity (a name in any script, or a global key): its events as actor or recipient"))] = None,
           type: Annotated[str | None, Query(pattern="^[A-Za-z]{2,20}$", description="a PLOVER type, such as CONSULT")
                           ] = None,
           from_: Annotated[dt.date | None, Query(alias="from", description="YYYY-MM-DD")] = None,
           to: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
           cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    """Chronicle events (one per real-world event, every article that tells it as evidence) by
    day: of `entity`, of `type`, in the period `from`–`to`."""
    ref = None
    if entity and entity.strip():
        key = h.entity_key(entity.strip())
        if key is None:
            raise HTTPException(404, f"no entity named {entity.strip()!r}")
        ref = _refs(h, [key])[0]
    type = type and type.upper()
    page = _chronicle(h.events, entities=[ref["kb"]] if ref else [], types=[type] if type else [],
                      start=from_, end=to, after=cursor, limit=limit, mentions=False)
    return {"entity": ref, "type": type, "from": from_ and from_.isoformat(), "to": to and to.isoformat(),
            "items": _event_rows(h, page.items), "next": page.next}


def _quote_rows(h: Hronika, qs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    titles = _titles(h, list(dict.fromkeys(q["first_report"]["document"] for q in qs)))
    known = _names(h, qs, "speaker", "about")
    return [_quote_row(h, q, titles, known) for q in qs]


def quotes(h: Hronika, *, speaker: Annotated[str | None, Query(max_length=300, description=(
               "an entity (a name in any script, or a global key): the quotes it said"))] = None,
           about: Annotated[str | None, Query(max_length=300, description=(
               "an entity (a name in any script, or a global key): the quotes that name it"))] = None,
           from_: Annotated[dt.date | None, Query(alias="from", description="YYYY-MM-DD")] = None,
           to: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
           cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    """Chronicle quotes (the same words merged across articles and languages) by the day first
    reported: by `speaker`, naming `about`, first reported in the period `from`–`to`; each with
    its speaker, direct or reported, its counts and its first report."""
    who = _refs(h, [_resolve(h, speaker, "speaker")])[0] if speaker and speaker.strip() else None
    what = _refs(h, [_resolve(h, about, "about")])[0] if about and about.strip() else None
    page = _chronicle(h.quotes, speaker=who and who["kb"], about=what and what["kb"], start=from_, end=to,
                      after=cursor, limit=limit)
    return {"speaker": who, "about": what, "from": from_ and from_.isoformat(), "to": to and to.isoformat(),
            "items": _quote_rows(h, page.items), "next": page.next}


def _cut(text: str, start: int, end: int) -> list[dict[str, Any]]:
    parts = [(text[:start], False), (text[start:end], True), (text[end:], False)]
    return [{"text": t, "trigger": m} for t, m in parts if t]


def event(h: Hronika, *, event_id: Annotated[int, Path(ge=1, le=2**62, description="a chronicle event's id")]
          ) -> dict[str, Any]:
    """One chronicle event: its type, mode, date and participants, its counts and first report,
    where the reports disagree (dates, participants), and every mention as evidence: the
    article, its date and the sentence with the trigger."""
    ev = h.event(event_id)
    if ev is None:
        raise HTTPException(404, f"no event with id {event_id}")
    titles = _titles(h, list(dict.fromkeys(m["document"] for m in ev["mentions"])))
    known = _names(h, [ev, *ev["mentions"]], "actors", "recipients", "sources")
    known.update(_names(h, [{"p": list(ev["disagreements"].get("participants", {}))}], "p"))
    mentions = []
    for m in ev["mentions"]:
        s = m["sentence"]
        text = s.get("text", m.get("trigger", ""))
        mentions.append({
            "document": m["document"], "title": titles.get(m["document"]), "reported": str(m["reported"]),
            "date": m["date"], "start": m["start"], "end": m["end"], "trigger": m.get("trigger", ""),
            "sentence": text, "parts": _cut(text, m["start"] - s["start"], m["end"] - s["start"]),
            "actors": _refs(h, m["actors"], known), "recipients": _refs(h, m["recipients"], known),
            "sources": _refs(h, m["sources"], known)})
    return {**_event_row(h, ev, titles, known), "mentions": mentions, "disagreements": _disagreements(h, ev, known)}


def _disagreements(h: Hronika, ev: dict[str, Any], known: dict[str, dict[str, str]] | None = None
                   ) -> dict[str, list[dict[str, Any]]]:
    """Where an event's reports disagree: dates, participants (by name) and figures, each with
    the articles that give it."""
    disagree = ev["disagreements"] or {}
    dates = [{"value": d, "name": d, "kb": None, "documents": docs} for d, docs in disagree.get("date", {}).items()]
    parts = disagree.get("participants", {})
    who = [{"value": r["kb"], "name": r["name"], "kb": r["kb"], "documents": parts[r["kb"]]}
           for r in _refs(h, list(parts), known)]
    figures = [{"value": v, "name": v, "kb": None, "documents": docs} for v, docs in disagree.get("figures", {}).items()]
    return {"date": dates, "participants": who, "figures": figures}


def contested(h: Hronika, *, entity: Annotated[str | None, Query(max_length=300, description=(
                  "an entity (a name in any script, or a global key): its contested events"))] = None,
              from_: Annotated[dt.date | None, Query(alias="from", description="YYYY-MM-DD")] = None,
              to: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
              cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    """Contested events: chronicle events whose reports disagree on the date, the participants
    or the figures, by day, each with what each article says (`disagreements`, articles by id,
    their titles in `titles`)."""
    ref = None
    if entity and entity.strip():
        ref = _refs(h, [_resolve(h, entity, "entity")])[0]
    page = _chronicle(h.contested, entities=[ref["kb"]] if ref else [], start=from_, end=to, after=cursor,
                      limit=limit)
    docs = list(dict.fromkeys(m["document"] for ev in page.items for m in ev["mentions"]))
    titles = _titles(h, docs)
    known = _names(h, page.items, "actors", "recipients", "sources")
    known.update(_names(h, [{"p": list(ev["disagreements"].get("participants", {}))} for ev in page.items], "p"))
    items = [dict(_event_row(h, ev, titles, known), disagreements=_disagreements(h, ev, known),
                  titles={d: titles.get(d) for d in dict.fromkeys(m["document"] for m in ev["mentions"])})
             for ev in page.items]
    return {"entity": ref, "from": from_ and from_.isoformat(), "to": to and to.isoformat(),
            "items": items, "next": page.next}


# ------------------------------------------------------------------ a pair's cooperation and conflict

BY_PAIR = 200  # events listed on a pair's page (the newest)


def _resolve(h: Hronika, name: str, what: str) -> str:
    key = h.entity_key(name.strip()) if name.strip() else None
    if key is None:
        raise HTTPException(404 if name.strip() else 422, f"{what}: no entity named {name.strip()!r}"
                            if name.strip() else f"{what}: give a name or a global key")
    return key


def pair(h: Hronika, *, a: Name, b: Name,
         from_: Annotated[dt.date | None, Query(alias="from", description="YYYY-MM-DD")] = None,
         to: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
         by: Annotated[str, Query(pattern="^(month|week|day)$", description="month, week or day")] = "month",
         ) -> dict[str, Any]:
    """Cooperation and conflict between two entities over time: per period (`by`) the chronicle
    events between them in either direction, the sum and mean of their scores (-10 most
    conflictual to +10 most cooperative, by PLOVER type and mode) and their ids; `events`: the
    newest of them, each with its score and direction."""
    ka, kb = _resolve(h, a, "a"), _resolve(h, b, "b")
    if ka == kb:
        raise HTTPException(422, f"a and b are the same entity ({ka})")
    out = _chronicle(h.pair_scores, ka, kb, from_, to, period=by)
    shown = out["events"][-BY_PAIR:]
    rows = {r["id"]: r for r in _event_rows(h, h.events_by_id([e["id"] for e in shown]))}
    ea, eb = _refs(h, [ka, kb])
    return {**out, "a": ea, "b": eb, "events": [dict(rows[e["id"]], score=e["score"], direction=e["direction"])
                                                 for e in reversed(shown)]}
