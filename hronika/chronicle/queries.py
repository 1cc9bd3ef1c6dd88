"""Queries over the store: timelines of an entity or a pair, first reports, the entities seen
together with one, cited sources.  Every listing pages by key: a ``Page`` holds its items and,
when more follow, ``next``, an opaque cursor to pass back as ``after``; there is no cap on how far
one can page.

A timeline is a list of dated items, oldest first.  For now each item is an article that mentions
the entity (``kind: "article"``) with the sentences that mention it and the time expressions in
them; events and quotes, when their layers land, become items of their own kinds under the same
(date, id) ordering.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
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


def timeline(store, kbs: Sequence[str], *, start=None, end=None, after: str | None = None,
             limit: int | None = None) -> Page:
    """The dated items of an entity (one key) or of a pair (two: the articles that mention both,
    with the sentences that mention both), oldest first."""
    kbs = list(dict.fromkeys(kbs))
    if not kbs:
        raise QueryError("a timeline needs an entity")
    start, end, limit = day(start, "from"), day(end, "to"), _limit(limit)
    if start and end and start > end:
        raise QueryError(f"from ({start}) is after to ({end})")
    docs = store.entity_documents(kbs, start=start, end=end, after=uncursor(after, (str, str)),
                                  limit=limit + 1)
    page = _page(docs, limit, lambda d: (d["date"], d["id"]),
                 {"entities": kbs, "from": start and start.isoformat(), "to": end and end.isoformat()})
    ids = [d["id"] for d in page.items]
    spans, texts = store.spans_of(ids), store.texts(ids)
    page.items = [_article_item(d, spans[d["id"]], texts[d["id"]], kbs) for d in page.items]
    return page


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
    items = timeline(store, kbs, start=start, end=end, limit=1).items
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
