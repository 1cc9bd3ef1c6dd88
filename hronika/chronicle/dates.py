"""TIMEX values as day intervals, so that reports of one event at different granularities meet:
``2025-12-11`` lies in ``2025-12`` and in ``2025-W50``.

A value becomes [first day, last day].  A value no interval fits (``PRESENT_REF``, a duration) is
treated as no date at all.  An event the text does not date is placed in a short window before the
date it is told at (the article's, or an embedded post's): news tells what happened lately.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

UNDATED_DAYS = 7  # an undated event: within this many days before the report
FINE_DAYS = 31  # an interval up to a month is "fine": it may meet a day inside it

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_YEAR = re.compile(r"^(\d{4})$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|AU|WI)$")
_DECADE = re.compile(r"^(\d{3})X$")

Interval = tuple[dt.date, dt.date]


def _months(year: int, first: int, last: int) -> Interval:
    y2, m2 = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), dt.date(y2, m2, calendar.monthrange(y2, m2)[1])


def interval(value: str | None) -> Interval | None:
    """The days a TIMEX value covers; None when it names no period of the calendar."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _MONTH.match(value):
            return _months(int(m[1]), int(m[2]), int(m[2]))
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)) if m[3] else \
                (monday, monday + dt.timedelta(days=6))
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
        if m := _PART.match(value):
            part = m[2]
            if part[0] == "Q":
                q = int(part[1])
                return _months(int(m[1]), 3 * q - 2, 3 * q)
            if part[0] == "H":
                h = int(part[1])
                return _months(int(m[1]), 6 * h - 5, 6 * h)
            return _months(int(m[1]), *_SEASONS[part])
        if m := _DECADE.match(value):
            return dt.date(int(m[1]) * 10, 1, 1), dt.date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:  # 2025-02-30, week 54
        return None
    return None


def window(anchor: dt.date) -> Interval:
    return anchor - dt.timedelta(days=UNDATED_DAYS), anchor


def fine(iv: Interval) -> bool:
    return (iv[1] - iv[0]).days < FINE_DAYS


def compatible(a: Interval, b: Interval, slack: int = 0) -> bool:
    """Two reported periods may be one event's: they overlap (``slack`` days apart at most) and are
    both fine or both coarse (a day does not merge into a whole year)."""
    gap = max((a[0] - b[1]).days, (b[0] - a[1]).days)
    return gap <= slack and fine(a) == fine(b)


def buckets(iv: Interval, slack: int = 0) -> list[str]:
    """The index buckets of a period: its months (``m2025-12``) when fine, else its years; with
    ``slack``, those of the fine period widened by that many days on each side."""
    if fine(iv):
        iv = (iv[0] - dt.timedelta(days=slack), iv[1] + dt.timedelta(days=slack))
        out, d = [], iv[0].replace(day=1)
        while d <= iv[1]:
            out.append(f"m{d:%Y-%m}")
            d = (d + dt.timedelta(days=32)).replace(day=1)
        return out
    return [f"y{y}" for y in range(iv[0].year, min(iv[1].year, iv[0].year + 9) + 1)]


def width(iv: Interval) -> int:
    return (iv[1] - iv[0]).days
