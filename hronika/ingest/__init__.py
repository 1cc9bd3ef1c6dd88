"""Input formats -> Documents.

``read_paths(paths)`` yields, in order, a ``Document`` for each article it could read and a
``Failure`` (naming the file, and the line or item) for each it could not; one bad article never
stops the batch.  Formats: the seed format (`` date YYYY-MM-DD `` then the text), JSON Lines
(``id``, ``date``, ``url``, ``title``, ``text``), HTML pages, RSS/Atom feeds, and folders of these.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..document import Document, DocumentError
from .dates import feed_date, html_date
from .decode import MAX_BYTES, DecodeError, decode

SEED_HEADER = re.compile(r"\A\s*date\s+(\S+)[ \t]?")
SUFFIXES = {".txt": "seed", ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl",
            ".html": "html", ".htm": "html", ".xhtml": "html",
            ".xml": "feed", ".rss": "feed", ".atom": "feed"}


@dataclass
class Failure:
    """An article (or a file, a line, a feed item) that could not be read or stored."""

    source: str
    where: str | None  # a line or item number, or the article id
    message: str
    doc_id: str | None = None  # when the article was read far enough to have one

    def __str__(self) -> str:
        at = f"{self.source}:{self.where}" if self.where else self.source
        return f"{at}: {self.message}"

    def to_json(self) -> dict[str, str | None]:
        return {"source": self.source, "where": self.where, "doc_id": self.doc_id, "message": self.message}


Item = Union[Document, Failure]


class InputError(ValueError):
    pass


def parse_date(value: object, what: str = "date") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"missing {what}")
    s = value.strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        raise InputError(f"malformed {what} {s[:40]!r} (expected YYYY-MM-DD)") from None


def stable_id(path: Path) -> str:
    """The file name without its last extension: ``000_5ae94a650a7dd5c1.txt`` -> ``000_5ae94a650a7dd5c1``."""
    return path.name.rsplit(".", 1)[0] if "." in path.name else path.name


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file")
    if size > MAX_BYTES:
        raise InputError(f"file too large ({size / 1e6:.1f} MB; the limit for one article file is "
                         f"{MAX_BYTES / 1e6:.0f} MB — split it into JSON Lines)")
    return path.read_bytes()


def _text(path: Path) -> tuple[str, str]:
    try:
        return decode(_read_bytes(path))
    except DecodeError as exc:
        raise InputError(str(exc)) from None


# ------------------------------------------------------------------ formats


def read_seed(path: Path, date: dt.date | None = None) -> Iterator[Item]:
    text, enc = _text(path)
    m = SEED_HEADER.match(text)
    if m:
        date, body = parse_date(m.group(1), "date in the header"), text[m.end():]
    elif date is not None:  # a plain text file, dated by --date
        body = text
    else:
        raise InputError("missing date header (the file must start with ' date YYYY-MM-DD '; "
                         "or give the date with --date YYYY-MM-DD)")
    yield Document(id=stable_id(path), text=body, date=date, source=str(path),
                   meta={"encoding": enc, "format": "seed"})


def _doc_from_record(rec: object, source: str, where: str, fallback_id: str,
                     date: dt.date | None = None) -> Document:
    if not isinstance(rec, dict):
        raise InputError("expected a JSON object")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("missing or empty 'text'")
    meta = {k: v for k, v in rec.items() if k not in ("id", "date", "url", "title", "text")}
    meta["format"] = "jsonl"
    given = rec.get("date")
    if isinstance(given, str) and len(given.strip()) > 10:
        meta["published"] = given.strip()  # the full timestamp; the date is where it was published
    day = parse_date(given) if given not in (None, "") or date is None else date
    return Document(id=str(rec.get("id") or fallback_id), text=text, date=day,
                    url=rec.get("url"), title=rec.get("title"), source=source, meta=meta)


def read_jsonl(path: Path, date: dt.date | None = None) -> Iterator[Item]:
    if path.stat().st_size == 0:
        raise InputError("empty file")
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            where = f"line {n}"
            if not raw.strip():
                continue
            if len(raw) > MAX_BYTES:
                yield Failure(str(path), where, f"record too large ({len(raw) / 1e6:.1f} MB)")
                continue
            try:
                line, _ = decode(raw)
                rec = json.loads(line)
                yield _doc_from_record(rec, str(path), where, f"{stable_id(path)}-{n}", date)
            except json.JSONDecodeError as exc:
                yield Failure(str(path), where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            except (InputError, DecodeError, DocumentError) as exc:
                yield Failure(str(path), where, str(exc))


def read_html(path: Path, date: dt.date | None = None) -> Iterator[Item]:
    import trafilatura

    html, enc = _text(path)
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    published = html_date(html)
    if published is None and date is None:
        raise InputError("no publication date found in the HTML page (no date in its metadata, "
                         "no dated byline); give it with --date YYYY-MM-DD")
    title = meta.title if meta is not None else None
    url = meta.url if meta is not None else None
    info = {"encoding": enc, "format": "html", "sitename": getattr(meta, "sitename", None)}
    if published is not None:
        info["date_from"] = published.how
        if published.stamp:
            info["published"] = published.stamp
    yield Document(id=stable_id(path), text=text, date=published.date if published else date,
                   url=url, title=title, source=str(path), meta=info)


def _html_to_text(fragment: str) -> str:
    import trafilatura
    if "<" not in fragment:
        return fragment.strip()
    out = trafilatura.extract(f"<html><body><article>{fragment}</article></body></html>",
                              favor_recall=True)
    if out:
        return out.strip()
    import lxml.html
    return lxml.html.fromstring(fragment).text_content().strip()


def _updated(entry) -> tuple[str | None, tuple | None]:
    """An item's own ``updated`` stamp (feedparser maps a missing one to ``published``, with a
    warning: ask only for what is there)."""
    own = dict.keys(entry)
    return (dict.get(entry, "updated") if "updated" in own else None,
            dict.get(entry, "updated_parsed") if "updated_parsed" in own else None)


def read_feed(path: Path, date: dt.date | None = None) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(_read_bytes(path))
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise InputError(f"not an RSS/Atom feed or no items{f' ({reason})' if reason else ''}")
    for n, entry in enumerate(parsed.entries, 1):
        where = f"item {n}"
        try:
            body = ""
            if entry.get("content"):
                body = entry["content"][0].get("value", "")
            body = body or entry.get("summary", "")
            text = _html_to_text(body)
            if not text:
                raise InputError("item has no text")
            published = (feed_date(entry.get("published"), entry.get("published_parsed"))
                         or feed_date(*_updated(entry)))
            if published is None and date is None:
                raise InputError("item has no date (give it with --date YYYY-MM-DD)")
            # The same item saved in two feed files (as pollers do) is one article: its id comes
            # from its guid or link alone.
            key = entry.get("id") or entry.get("link")
            if key:
                doc_id = f"feed-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"
            else:
                doc_id = f"{stable_id(path)}-{n}"
            info = {"format": "feed"}
            if published is not None and published.stamp:
                info["published"] = published.stamp
            yield Document(id=doc_id, text=text, date=published.date if published else date,
                           url=entry.get("link"), title=entry.get("title"), source=str(path), meta=info)
        except (InputError, DocumentError, ValueError) as exc:
            yield Failure(str(path), where, str(exc))


READERS = {"seed": read_seed, "jsonl": read_jsonl, "html": read_html, "feed": read_feed}


def sniff(path: Path) -> str:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind in ("seed", None):
        try:
            with path.open("rb") as fh:
                head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        except OSError:
            return kind or "seed"
        if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
            return "feed"
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
        if head.startswith(b"{"):
            return "jsonl"
    return kind or "seed"


def expand(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in SUFFIXES:
                    yield f
        elif p.is_file():
            yield p
        else:
            yield Failure(str(p), None, "no such file or folder")


def skipped(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """The files inside the given folders that ``expand`` leaves out, with the reason."""
    for p in map(Path, paths):
        if not p.is_dir():
            continue
        for f in sorted(p.rglob("*")):
            if not f.is_file():
                continue
            if f.name.startswith("."):
                yield f, "hidden"
            elif f.suffix.lower() not in SUFFIXES:
                yield f, f"unknown suffix {f.suffix or '(none)'}; read: {' '.join(sorted(SUFFIXES))}"


def count_items(paths: Iterable[str | Path]) -> int:
    """About how many articles (and failures) ``read_paths`` yields for these paths, reading only
    what is cheap: the lines of JSON Lines, the items of feeds; one for any other file."""
    n = 0
    for p in expand(paths):
        if isinstance(p, Failure):
            n += 1
            continue
        try:
            kind = sniff(p)
            if kind == "jsonl":
                with p.open("rb") as fh:
                    n += max(1, sum(1 for line in fh if line.strip()))
            elif kind == "feed" and p.stat().st_size <= MAX_BYTES:
                data = p.read_bytes()
                n += max(1, data.count(b"<item") + data.count(b"<entry"))
            else:
                n += 1
        except OSError:
            n += 1
    return n


def read_path(path: Path, date: dt.date | None = None) -> Iterator[Item]:
    """The articles of one file; ``date``: the publication date of articles that carry none."""
    try:
        yield from READERS[sniff(path)](path, date)
    except (InputError, DocumentError) as exc:
        msg = str(exc)
        yield Failure(str(path), None, msg)
    except OSError as exc:
        yield Failure(str(path), None, f"cannot read: {exc.strerror or exc}")


def read_paths(paths: Iterable[str | Path], date: dt.date | None = None) -> Iterator[Item]:
    for p in expand(paths):
        if isinstance(p, Failure):
            yield p
        else:
            yield from read_path(p, date)
