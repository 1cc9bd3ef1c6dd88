"""Zooming a timeline by period: the period a from–to range is (all time, a year, a month, an ISO
week, or some other range), the periods inside it to narrow to, and the one around it to widen to.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

Period = dict[str, Any]  # {level, from, to, label}


def _month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def year(y: int) -> Period:
    return {"level": "year", "from": f"{y}-01-01", "to": f"{y}-12-31", "label": str(y)}


def month(d: dt.date) -> Period:
    first = d.replace(day=1)
    return {"level": "month", "from": first.isoformat(), "to": _month_end(first).isoformat(),
            "label": first.strftime("%Y-%m")}


def week(d: dt.date) -> Period:
    monday = d - dt.timedelta(days=d.weekday())
    sunday = monday + dt.timedelta(days=6)
    y, w, _ = monday.isocalendar()
    return {"level": "week", "from": monday.isoformat(), "to": sunday.isoformat(),
            "label": f"{y}-W{w:02d} ({monday:%m-%d} – {sunday:%m-%d})"}


ALL: Period = {"level": "all", "from": None, "to": None, "label": "all time"}


def of(start: dt.date | None, end: dt.date | None) -> Period:
    """What the range start–end is."""
    if start is None and end is None:
        return dict(ALL)
    if start and end:
        for p in (year(start.year), month(start), week(start)):
            if (p["from"], p["to"]) == (start.isoformat(), end.isoformat()):
                return p
    label = f"{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"
    return {"level": "range", "from": start and start.isoformat(), "to": end and end.isoformat(),
            "label": label}


def up(p: Period) -> Period | None:
    """The period to widen to; None from all time."""
    if p["level"] == "all":
        return None
    start = dt.date.fromisoformat(p["from"]) if p["from"] else None
    end = dt.date.fromisoformat(p["to"]) if p["to"] else None
    if p["level"] == "week":
        return month(start + dt.timedelta(days=3))  # the month that holds most of the week
    if p["level"] == "month":
        return year(start.year)
    if start and end and p["level"] == "range":
        if (start.year, start.month) == (end.year, end.month):
            return month(start)
        if start.year == end.year:
            return year(start.year)
    return dict(ALL)


def down(p: Period, dates: dict[str, int]) -> list[Period]:
    """The periods inside ``p`` that hold articles (``dates``: {YYYY-MM-DD: articles}), each with
    its ``articles``; none inside a week."""
    start = p["from"] and dt.date.fromisoformat(p["from"])
    end = p["to"] and dt.date.fromisoformat(p["to"])
    days = [dt.date.fromisoformat(d) for d in dates
            if (not start or d >= p["from"]) and (not end or d <= p["to"])]
    if p["level"] == "week" or not days:
        return []
    span = (max(days) - min(days)).days
    part = {"all": lambda d: year(d.year), "year": month, "month": week}.get(
        p["level"], month if span > 62 else week)
    out: dict[str, Period] = {}
    for d in sorted(days):
        q = out.setdefault(part(d)["from"], {**part(d), "articles": 0})
        q["articles"] += dates[d.isoformat()]
    return list(out.values())
