"""Cooperation and conflict between two entities over time: each chronicle event between them
(either direction, or both on one side of a mutual one) scored on the scale of
``cooperation.json`` (-10 most conflictual to +10 most cooperative, by PLOVER type and mode),
then counted, summed and averaged per day, ISO week or month.

Only asserted events count: the chronicle merges the ``events`` layer, which holds asserted
events only (negated, conditional, future and other flagged ones go to ``events_flagged``).
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .queries import EVENT_ROLES, QueryError, _period

PERIODS = ("month", "week", "day")
MAX_PERIODS = 5000  # a chart of more bars than this is not a chart


@lru_cache(maxsize=1)
def scale() -> dict[str, Any]:
    return json.loads(Path(__file__).with_name("cooperation.json").read_text(encoding="utf-8"))


def score(type_: str, mode: str | None = None) -> float | None:
    """The cooperation score of a PLOVER type (and mode); None for a type the scale lacks."""
    entry = scale()["types"].get(type_)
    if entry is None:
        return None
    return float(entry.get("modes", {}).get(mode, entry["score"]) if mode else entry["score"])


def _start(day: dt.date, by: str) -> dt.date:
    if by == "month":
        return day.replace(day=1)
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def _next(start: dt.date, by: str) -> dt.date:
    if by == "month":
        return (start + dt.timedelta(days=32)).replace(day=1)
    return start + dt.timedelta(days=7 if by == "week" else 1)


def _label(start: dt.date, by: str) -> str:
    if by == "month":
        return start.strftime("%Y-%m")
    if by == "week":
        y, w, _ = start.isocalendar()
        return f"{y}-W{w:02d}"
    return start.isoformat()


def _direction(row: dict[str, Any], a: str, b: str) -> str:
    actors, recipients = set(row["actors"]), set(row["recipients"])
    if a in actors and b in recipients and not (b in actors and a in recipients):
        return "a->b"
    if b in actors and a in recipients and not (a in actors and b in recipients):
        return "b->a"
    return "together"


def pair_scores(store, a: str, b: str, *, start=None, end=None, by: str = "month") -> dict[str, Any]:
    """The events between ``a`` and ``b`` per period (``by``: month, week or day), oldest first:
    ``{"a", "b", "by", "from", "to", "scale", "periods": [{"period", "from", "to", "events",
    "sum", "mean", "ids"}], "events": [{"id", "type", "mode", "date", "day", "score",
    "direction"}], "total": {"events", "sum", "mean"}}``.  Every period from the first event's to
    the last's is listed (an empty one with ``mean`` None), clipped to ``start``–``end``."""
    if by not in PERIODS:
        raise QueryError(f"by must be one of {', '.join(PERIODS)}, got {by!r}")
    if not a or not b or a == b:
        raise QueryError("a pair needs two different entities")
    start, end = _period(start, end)
    rows = store.merged_rows("event", entities=[(a, EVENT_ROLES), (b, EVENT_ROLES)], start=start, end=end)
    events = []
    for r in rows:
        s = score(r["type"], r["mode"])
        if s is None:
            continue
        events.append({"id": r["id"], "type": r["type"], "mode": r["mode"], "date": r["date"],
                       "day": str(r["day"]), "score": s, "direction": _direction(r, a, b)})
    periods: list[dict[str, Any]] = []
    if events:
        days = [dt.date.fromisoformat(e["day"]) for e in events]
        first, last = _start(min(days), by), max(days)
        if start:
            first = max(first, _start(start, by))
        if end:
            last = min(last, end)
        buckets: dict[dt.date, list[dict[str, Any]]] = {}
        for e, d in zip(events, days):
            buckets.setdefault(_start(d, by), []).append(e)
        p = first
        while p <= last:
            if len(periods) >= MAX_PERIODS:
                raise QueryError(f"more than {MAX_PERIODS} periods: narrow from–to or count by a longer period")
            got = buckets.get(p, [])
            total = sum(e["score"] for e in got)
            periods.append({"period": _label(p, by), "from": p.isoformat(),
                            "to": (_next(p, by) - dt.timedelta(days=1)).isoformat(), "events": len(got),
                            "sum": total, "mean": round(total / len(got), 3) if got else None,
                            "ids": [e["id"] for e in got]})
            p = _next(p, by)
    total = sum(e["score"] for e in events)
    data = scale()
    return {"a": a, "b": b, "by": by, "from": start and start.isoformat(), "to": end and end.isoformat(),
            "scale": {"min": data["min"], "max": data["max"]}, "periods": periods, "events": events,
            "total": {"events": len(events), "sum": total,
                      "mean": round(total / len(events), 3) if events else None}}
