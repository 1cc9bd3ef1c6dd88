"""When an article was published, from what its page or feed item says -- never guessed.

* an HTML page: its machine-readable metadata (``<meta>`` tags, JSON-LD, ``<time>``, a date in the
  URL; htmldate without its free-text search, which turns a footer's ``© 2019-2025`` into
  2025-01-01), else a byline: the first absolute date, to the day, in the page's visible text
  outside footers and navigation, read with hronika's own time-expression tagger (Bulgarian,
  Russian and English month names, ``14.10.2025``);
* a feed item: its own timestamp, with its own offset (``00:30 +02:00`` on the 21st is the 21st,
  not the 20th as in UTC).
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

# Two anchors far apart: an expression whose value is the same against both does not depend on the
# article's date (``14 октомври 2025 г.``), unlike ``вчера`` or ``в сряда``.
_ANCHORS = (dt.date(1971, 3, 3), dt.date(2069, 9, 9))
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?")
_NOT_BYLINE = ("footer", "nav", "aside", "script", "style", "noscript", "form", "template")
BYLINE_CHARS = 20_000  # a byline is near the top; reading the whole page would find dates in it
BYLINE_LANGS = ("bg", "ru")  # each also reads English month names


@dataclass(frozen=True)
class Published:
    date: dt.date
    stamp: str | None = None  # the full timestamp as given (ISO 8601, with its offset), if any
    how: str = ""  # where the date came from: "metadata", "byline", "feed"


def absolute_dates(text: str, langs: tuple[str, ...] = BYLINE_LANGS) -> list[tuple[int, str, str | None]]:
    """(offset, YYYY-MM-DD, HH:MM or None) of every date to the day in ``text`` that does not depend
    on an anchor, in text order."""
    from ..timex.finder import find_timexes

    found: dict[int, tuple[int, str, str | None]] = {}
    for lang in langs:
        first, second = (find_timexes(text, a, lang) for a in _ANCHORS)
        values = {(t.start, t.end): t.value for t in second}
        for t in first:
            m = _DAY.match(t.value)
            if m and t.type in ("DATE", "TIME") and values.get((t.start, t.end)) == t.value:
                found.setdefault(t.start, (t.start, m.group(1), m.group(2)))
    return sorted(found.values())


def byline_date(text: str) -> Published | None:
    dates = absolute_dates(text[:BYLINE_CHARS])
    if not dates:
        return None
    _, day, time = dates[0]
    return Published(dt.date.fromisoformat(day), f"{day}T{time}" if time else None, "byline")


def visible_text(html: str) -> str:
    """The page's text as a reader sees it, without footers, navigation, scripts and forms."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml refuses empty or odd documents; then there is no byline to read
        return ""
    for el in list(root.iter(*_NOT_BYLINE, "title")):
        if el.getparent() is not None:
            el.drop_tree()
    return " ".join(" ".join(root.itertext()).split())  # blocks apart: "Дунав" "Публикувана"


def html_date(html: str) -> Published | None:
    from htmldate import find_date

    found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    if found:
        return Published(dt.date.fromisoformat(found), None, "metadata")
    return byline_date(visible_text(html))


def feed_date(raw: str | None, parsed_utc: tuple | None) -> Published | None:
    """A feed item's date where it was published: the raw RFC 822 or RFC 3339 stamp read with its
    own offset; feedparser's UTC tuple only when the raw stamp cannot be read."""
    if raw:
        stamp = _parse_stamp(raw.strip())
        if stamp is not None:
            return Published(stamp.date(), stamp.isoformat(), "feed")
    if parsed_utc:
        utc = dt.datetime(*parsed_utc[:6], tzinfo=dt.timezone.utc)
        return Published(utc.date(), utc.isoformat(), "feed")
    return None


def _parse_stamp(raw: str) -> dt.datetime | None:
    try:
        return email.utils.parsedate_to_datetime(raw)  # RSS: Fri, 21 Nov 2025 00:30:00 +0200
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(raw)  # Atom: 2025-11-21T00:30:00+02:00
    except ValueError:
        return None
