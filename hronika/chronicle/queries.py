"""Queries over the store: timelines of an entity or a pair, first reports, the entities seen
together with one, cited sources.  Every listing pages by key: a ``Page`` holds its items and,
when more follow, ``next``, an opaque cursor to pass back as ``after``; there is no cap on how far
one can page.

A timeline is a list of dated items, oldest first: an article that mentions the entity
(``kind: "article"``) with the sentences that mention it and the time expressions in them, a
chronicle event it takes part in (``kind: "event"``, at the day it happened, else at its first
report) and a chronicle quote it says or is named in (``kind: "quote"``, at its first report).
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Sequence

DEFAULT_LIMIT = 50


class QueryError(ValueError):
    """A malformed query: a bad date, cursor or limit (the message says which)."""


@dataclass
class Page:
    items: list[dict[str, Any]]
    next: str | None = None  # pass as ``after`` for the next page; None: this was the last
    query: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "items": self.items, "next": self.next}


# ------------------------------------------------------------------ arguments


def day(value: dt.date | str | None, what: str = "date") -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise QueryError(f"{what} must be a date YYYY-MM-DD, got {value!r}") from None


def cursor(key: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key), ensure_ascii=False).encode()).decode().rstrip("=")


def uncursor(value: str | None, shape: tuple[type, ...]) -> tuple | None:
    """The key a cursor holds, checked against the types the listing's key has."""
    if value is None or value == "":
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise QueryError(f"not a cursor of this listing: {value!r}") from None
    if not isinstance(key, list) or len(key) != len(shape) or not all(
            isinstance(k, t) and not isinstance(k, bool) for k, t in zip(key, shape)):
        raise QueryError(f"not a cursor of this listing: {value!r}")
    return tuple(key)


def _limit(limit: int | None) -> int:
    limit = DEFAULT_LIMIT if limit is None else limit
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise QueryError(f"limit must be a positive whole number, got {limit!r}")
    return limit


def _page(rows: list[dict[str, Any]], limit: int, key, query: dict[str, Any]) -> Page:
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, cursor(key(rows[-1])) if more and rows else None, query)


# ------------------------------------------------------------------ timelines


KINDS = ("article", "event", "quote")  # a timeline's kinds of item, in their order on one day
_FAR = 2 ** 31 - 1  # above any id (an INTEGER column)


def timeline(store, kbs: Sequence[str], *, start=None, end=None, after: str | None = None,
             limit: int | None = None, kinds: Sequence[str] = KINDS, mentions: bool = True) -> Page:
    """The dated items of an entity (one key) or of a pair (two), oldest first: the articles that
    mention it (with the sentences that mention it; for a pair, both), the chronicle events it
    takes part in (as actor or recipient) and the chronicle quotes it says or is named in, each
    kind in its order on one day (articles, events, quotes); ``mentions=False`` leaves out the
    events' and quotes' mentions (their evidence: a page that lists them does not show it)."""
    kbs = list(dict.fromkeys(kbs))
    if not kbs:
        raise QueryError("a timeline needs an entity")
    kinds = [k for k in KINDS if k in kinds]
    if not kinds:
        raise QueryError(f"kinds must be some of {', '.join(KINDS)}")
    start, end = _period(start, end)
    limit = _limit(limit)
    cur = uncursor(after, (str, str, str))
    if cur is not None:
        if cur[1] not in KINDS or (cur[1] != "article" and not cur[2].isdigit()):
            raise QueryError(f"not a cursor of this listing: {after!r}")
        day(cur[0], "cursor")
    rows: list[tuple[tuple, dict[str, Any]]] = []
    if "article" in kinds:
        docs = store.entity_documents(kbs, start=start, end=end, after=_after_article(cur), limit=limit + 1)
        rows += [((d["date"], 0, d["id"]), d) for d in docs]
    for rank, kind, roles in ((1, "event", EVENT_ROLES), (2, "quote", ("speaker", "about"))):
        if kind in kinds:
            found = store.merged_rows(kind, entities=[(k, roles) for k in kbs], start=start, end=end,
                                      after=_after_merged(cur, rank), limit=limit + 1)
            rows += [((r["day"], rank, r["id"]), r) for r in found]
    rows.sort(key=lambda kr: kr[0])
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1][0] if rows else None
    page = Page([], cursor((last[0], KINDS[last[1]], str(last[2]))) if more and rows else None,
                {"entities": kbs, "from": start and start.isoformat(), "to": end and end.isoformat(),
                 "kinds": kinds})
    ids = [r["id"] for (_, rank, _), r in rows if rank == 0]
    spans, texts = store.spans_of(ids), store.texts(ids)
    merged = {kind: store.merged_mentions(kind, [r["id"] for (_, rank, _), r in rows if rank == n]) if mentions
              else defaultdict(list) for n, kind in ((1, "event"), (2, "quote"))}
    for (date, rank, _), r in rows:
        if rank == 0:
            page.items.append(_article_item(r, spans[r["id"]], texts[r["id"]], kbs))
        elif rank == 1:
            page.items.append({"kind": "event", "date": date, "event": event_json(r, merged["event"][r["id"]])})
        else:
            page.items.append({"kind": "quote", "date": date, "quote": quote_json(r, merged["quote"][r["id"]])})
    return page


def _after_article(cur: tuple | None) -> tuple[str, str] | None:
    """The (date, id) after which articles follow the cursor."""
    if cur is None:
        return None
    if cur[1] == "article":
        return cur[0], cur[2]
    return (dt.date.fromisoformat(cur[0]) + dt.timedelta(days=1)).isoformat(), ""


def _after_merged(cur: tuple | None, rank: int) -> tuple[str, int] | None:
    """The (day, id) after which events (rank 1) or quotes (rank 2) follow the cursor."""
    if cur is None:
        return None
    have = KINDS.index(cur[1])
    return cur[0], int(cur[2]) if have == rank else (-1 if have < rank else _FAR)


def _article_item(doc: dict[str, Any], spans: dict[str, list], text: str, kbs: list[str]) -> dict[str, Any]:
    local = {loc: kb for kb, locs in doc["entities"].items() for loc in locs}
    mentions = [dict(m, kb=local[m["entity"]], text=text[m["start"]:m["end"]])
                for m in spans["mentions"] if m["entity"] in local]
    sentences = []
    for s in spans["sentences"]:
        inside = [m for m in mentions if s["start"] <= m["start"] and m["end"] <= s["end"]]
        if {m["kb"] for m in inside} >= set(kbs):
            sentences.append({
                "start": s["start"], "end": s["end"], "text": text[s["start"]:s["end"]],
                "mentions": [{k: m[k] for k in ("kb", "start", "end", "text")} for m in inside],
                "timexes": [dict(t, text=text[t["start"]:t["end"]]) for t in spans["timexes"]
                            if s["start"] <= t["start"] and t["end"] <= s["end"]]})
    return {"kind": "article", "date": doc["date"], "doc": doc["id"], "title": doc["title"],
            "lang": doc["lang"], "sentences": sentences}


def first_report(store, kbs: Sequence[str], *, start=None, end=None) -> dict[str, Any] | None:
    """The earliest article that mentions the entity (or every entity of a pair), as a timeline
    item; None when there is none."""
    items = timeline(store, kbs, start=start, end=end, limit=1, kinds=("article",)).items
    return items[0] if items else None


# ------------------------------------------------------------------ counts


def related(store, kb: str, *, start=None, end=None, after: str | None = None,
            limit: int | None = None) -> Page:
    """The entities seen in the most articles together with ``kb``: {kb, documents}."""
    start, end, limit = day(start, "from"), day(end, "to"), _limit(limit)
    rows = store.co_occurring(kb, start=start, end=end, after=uncursor(after, (int, str)), limit=limit + 1)
    return _page(rows, limit, lambda r: (r["documents"], r["kb"]),
                 {"entity": kb, "from": start and start.isoformat(), "to": end and end.isoformat()})


def sources(store, *, start=None, end=None, after: str | None = None, limit: int | None = None) -> Page:
    """The sources articles cite (the ``sources`` layer), by how many articles cite each:
    {source: its global key (else its name), documents}."""
    start, end, limit = day(start, "from"), day(end, "to"), _limit(limit)
    rows = store.source_counts(start=start, end=end, after=uncursor(after, (int, str)), limit=limit + 1)
    return _page(rows, limit, lambda r: (r["documents"], r["source"]),
                 {"from": start and start.isoformat(), "to": end and end.isoformat()})


# ------------------------------------------------------------------ merged events and quotes

EVENT_ROLES = ("actor", "recipient")


def event_json(row: dict[str, Any], mentions: list[dict[str, Any]], texts: dict[str, str] | None = None) -> dict[str, Any]:
    """A chronicle event as the API and ``hronika events --json`` give it; with ``texts`` (article
    texts by id) each mention also carries its trigger and sentence as written."""
    ms = []
    for m in mentions:
        item = {"document": m["doc"], "start": m["start"], "end": m["end"],
                "sentence": {"start": m["sent_start"], "end": m["sent_end"]}, "date": m["date"],
                "reported": m["doc_date"], "actors": m["actors"], "recipients": m["recipients"],
                "sources": m["sources"], "figures": m.get("figures") or []}
        if texts and m["doc"] in texts:
            text = texts[m["doc"]]
            item["trigger"] = text[m["start"]:m["end"]]
            item["sentence"]["text"] = text[m["sent_start"]:m["sent_end"]]
        ms.append(item)
    return {"id": row["id"], "type": row["type"], "mode": row["mode"], "date": row["date"], "day": row["day"],
            "actors": row["actors"], "recipients": row["recipients"], "sources": row["sources"], "mentions": ms,
            "counts": {"mentions": row["mentions"], "articles": row["articles"], "outlets": row["outlets"],
                       "sources": len(row["sources"])},
            "first_report": {"document": row["first_doc"], "date": row["first_date"]},
            "disagreements": row["disagreements"]}


def quote_json(row: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": row["id"], "speaker": row["speaker"], "text": row["text"], "lang": row["lang"],
            "direct": row["direct"], "day": row["day"], "about": row["about"], "sources": row["sources"],
            "mentions": [{"document": m["doc"], "start": m["start"], "end": m["end"], "text": m["text"],
                          "lang": m["lang"], "direct": m["direct"], "reported": m["doc_date"]} for m in mentions],
            "counts": {"mentions": row["mentions"], "articles": row["articles"], "outlets": row["outlets"],
                       "sources": len(row["sources"])},
            "first_report": {"document": row["first_doc"], "date": row["first_date"]}}


def _period(start, end) -> tuple[dt.date | None, dt.date | None]:
    start, end = day(start, "from"), day(end, "to")
    if start and end and start > end:
        raise QueryError(f"from ({start}) is after to ({end})")
    return start, end


def events(store, *, entities: Sequence[str] = (), types: Sequence[str] = (), start=None, end=None,
           after: str | None = None, limit: int | None = None, mentions: bool = True) -> Page:
    """Chronicle events by day then id: those with every key of ``entities`` as actor or recipient,
    of one of ``types``, meeting the period (``mentions=False``: without their mentions)."""
    start, end = _period(start, end)
    limit = _limit(limit)
    types = [t.upper() for t in types]
    rows = store.merged_rows("event", entities=[(k, EVENT_ROLES) for k in entities], types=types, start=start,
                             end=end, after=uncursor(after, (str, int)), limit=limit + 1)
    page = _page(rows, limit, lambda r: (r["day"], r["id"]),
                 {"entities": list(entities), "types": types, "from": start and start.isoformat(),
                  "to": end and end.isoformat()})
    ms = store.merged_mentions("event", [r["id"] for r in page.items]) if mentions else defaultdict(list)
    page.items = [event_json(r, ms[r["id"]]) for r in page.items]
    return page


def contested(store, *, entities: Sequence[str] = (), start=None, end=None, after: str | None = None,
              limit: int | None = None) -> Page:
    """Chronicle events whose reports disagree (on the date, the participants or the figures: each
    event's ``disagreements``), by day then id; ``entities``: those with every key as actor or
    recipient."""
    start, end = _period(start, end)
    limit = _limit(limit)
    rows = store.merged_rows("event", entities=[(k, EVENT_ROLES) for k in entities], start=start, end=end,
                             after=uncursor(after, (str, int)), limit=limit + 1, contested=True)
    page = _page(rows, limit, lambda r: (r["day"], r["id"]),
                 {"entities": list(entities), "from": start and start.isoformat(), "to": end and end.isoformat(),
                  "contested": True})
    ms = store.merged_mentions("event", [r["id"] for r in page.items])
    page.items = [event_json(r, ms[r["id"]]) for r in page.items]
    return page


def events_by_id(store, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Chronicle events by id, by day then id (an unknown id is left out)."""
    rows = store.merged_rows("event", ids=list(ids)) if ids else []
    ms = store.merged_mentions("event", [r["id"] for r in rows])
    return [event_json(r, ms[r["id"]]) for r in rows]


def event(store, event_id: int) -> dict[str, Any] | None:
    """One chronicle event with the trigger and sentence of every mention; None when there is none."""
    rows = store.merged_rows("event", ids=[event_id])
    if not rows:
        return None
    ms = store.merged_mentions("event", [event_id])[event_id]
    return event_json(rows[0], ms, store.texts(list(dict.fromkeys(m["doc"] for m in ms))))


def told_in(store, kind: str, documents: Sequence[str], limit: int | None = None) -> list[dict[str, Any]]:
    """The chronicle events (``kind="event"``) or quotes that any of ``documents`` tells, by day
    then id, without their mentions (a storyline's events and quotes)."""
    if kind not in ("event", "quote"):
        raise QueryError(f"kind must be event or quote, got {kind!r}")
    rows = store.merged_rows(kind, documents=list(documents), limit=_limit(limit)) if documents else []
    as_json = event_json if kind == "event" else quote_json
    return [as_json(r, []) for r in rows]


def quotes(store, *, speaker: str | None = None, about: str | None = None, start=None, end=None,
           after: str | None = None, limit: int | None = None) -> Page:
    """Chronicle quotes by day (their first report) then id: by ``speaker``, naming ``about``."""
    start, end = _period(start, end)
    limit = _limit(limit)
    ents = ([(speaker, ("speaker",))] if speaker else []) + ([(about, ("about",))] if about else [])
    rows = store.merged_rows("quote", entities=ents, start=start, end=end,
                             after=uncursor(after, (str, int)), limit=limit + 1)
    page = _page(rows, limit, lambda r: (r["day"], r["id"]),
                 {"speaker": speaker, "about": about, "from": start and start.isoformat(),
                  "to": end and end.isoformat()})
    ms = store.merged_mentions("quote", [r["id"] for r in page.items])
    page.items = [quote_json(r, ms[r["id"]]) for r in page.items]
    return page
