"""Paragraphs, and embedded social posts rendered as text.

A post is recognised by the signature an embed leaves behind: ``— Name (@handle) Month D, YYYY``
(month names from CLDR in English, Bulgarian and Russian, wide or abbreviated; also ``D Month YYYY``).
The post runs from the start of its paragraph (or of the previous paragraph, when the signature
stands alone) to the end of the signature's date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lang
from ..document import Document, Span
from ..settings import DEFAULTS, Settings

POST_LANGS = ("en", "bg", "ru")
MONTH_NAMES = "month_names.tsv"  # lang/<code>/: CLDR's month names (python -m hronika.lang.cldr writes them)


@lru_cache(maxsize=1)
def month_table() -> dict[str, int]:
    """Month name (any case, wide or abbreviated, nominative or genitive) -> number, from CLDR
    (lang/<code>/month_names.tsv: reading does not import Babel, which took about 0.06 s of every
    start)."""
    table: dict[str, int] = {}
    for code in POST_LANGS:
        for row in lang.get(code).list(MONTH_NAMES):
            name, num = row.split("\t")
            table[name] = int(num)
    return table


def _month_alternation() -> str:
    names = sorted(month_table(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


def _year_marks() -> str:
    """The abbreviations of "year" that may follow a date (lang/<code>/year_marks.txt)."""
    marks = sorted(lang.union("year_marks.txt", POST_LANGS), key=len, reverse=True)
    return "|".join(re.escape(m) for m in marks)


_SIGNATURE = re.compile(
    r"[—–-]\s*(?P<author>[^\n—–]{0,80}?)\s*\(@(?P<handle>[A-Za-z0-9_]{1,30})\)\s*"
    r"(?P<date>(?:(?P<m1>" + _month_alternation() + r")\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4}))"
    r"|(?:(?P<d2>\d{1,2})\s+(?P<m2>" + _month_alternation() + r")\.?,?\s+(?P<y2>\d{4})(?:\s*(?:" + _year_marks() + r"))?))",
    re.I,
)
_PARAGRAPH = re.compile(r"[^\n]+")
_URL = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S+")
_HASHTAG = re.compile(r"(?<![\w/&])#(\w+)")
_DECORATION = re.compile(rf"\s*\([^()A-Za-z{lang.CYRILLIC_UPPER}{lang.CYRILLIC_LOWER}]*\)\s*$|\s*\((?:ツ|ッ)\)\s*$")
_PLATFORM_HINTS = (("instagram.com", "instagram"), ("facebook.com", "facebook"),
                   ("t.me/", "telegram"), ("twitter.com", "twitter"), ("x.com/", "twitter"))


@dataclass
class Post:
    start: int
    end: int
    body_end: int  # where the post's own words end (before the signature)
    platform: str
    author: str
    handle: str
    date: str
    hashtags: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


def find_paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _PARAGRAPH.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _clean_author(name: str) -> str:
    name = name.strip()
    prev = None
    while prev != name:
        prev, name = name, _DECORATION.sub("", name).strip()
    return name


def find_posts(text: str, paragraphs: list[tuple[int, int]]) -> list[Post]:
    posts: list[Post] = []
    for m in _SIGNATURE.finditer(text):
        month = (m.group("m1") or m.group("m2")).lower().rstrip(".")
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y1") or m.group("y2"))
        try:
            date = dt.date(year, month_table()[month], day).isoformat()
        except ValueError:
            continue
        dash = m.start()
        idx = next((i for i, (s, e) in enumerate(paragraphs) if s <= dash < e), None)
        if idx is None:
            continue
        start = paragraphs[idx][0]
        if not text[start:dash].strip() and idx > 0:
            start = paragraphs[idx - 1][0]
        if posts and start < posts[-1].end:
            start = posts[-1].end
            while start < dash and text[start].isspace():
                start += 1
        body = text[start:dash]
        urls = [u.group(0).rstrip(".,;)") for u in _URL.finditer(body)]
        no_urls = _URL.sub(" ", body)
        hashtags = [h.group(1) for h in _HASHTAG.finditer(no_urls)]
        platform = "twitter"
        for hint, name in _PLATFORM_HINTS:
            if any(hint in u for u in urls):
                platform = name
                break
        posts.append(Post(start, m.end(), dash, platform, _clean_author(m.group("author")),
                          m.group("handle"), date, hashtags, urls))
    return posts


class SegmentStage:
    name = "segment"
    requires: tuple[str, ...] = ()  # it reads the text as given
    assigns = ("paragraphs", "posts")
    updates: tuple[str, ...] = ()

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULTS

    def __call__(self, doc: Document) -> Document:
        paragraphs = find_paragraphs(doc.text)
        doc.set_layer("paragraphs", (Span(s, e) for s, e in paragraphs))
        doc.set_layer("posts", (
            Span(p.start, p.end, p.platform,
                 {"author": p.author, "handle": p.handle, "date": p.date, "lang": None,
                  "hashtags": p.hashtags, "urls": p.urls, "body_end": p.body_end})
            for p in find_posts(doc.text, paragraphs)))
        return doc

