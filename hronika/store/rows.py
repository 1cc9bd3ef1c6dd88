"""The rows of one article, built from its reading (the dict of ``serialize.to_json``).

``article_rows`` yields one (table, rows) pair at a time, so that the store writes each table's
rows as soon as they are built: a builder that fails halfway through an article fails inside the
article's transaction, after some of its rows were written -- which the transaction undoes.
"""
from __future__ import annotations

from typing import Any, Iterator

from sqlalchemy import Table

from . import schema as S

Row = dict[str, Any]


def segment_rows(reading: dict[str, Any]) -> list[Row]:
    doc = reading["id"]
    return [{"doc": doc, "kind": kind, "start": s["start"], "end": s["end"], "lang": s.get("lang")}
            for kind, layer in (("paragraph", "paragraphs"), ("sentence", "sentences"),
                                ("segment", "segments"))
            for s in reading.get(layer) or []]


def entity_rows(reading: dict[str, Any]) -> list[Row]:
    doc = reading["id"]
    return [{"doc": doc, "local_id": e["id"], "type": e["type"], "name": e["name"], "kb": e.get("kb") or None}
            for e in reading.get("entities") or []]


def mention_rows(reading: dict[str, Any]) -> list[Row]:
    doc, text = reading["id"], reading["text"]
    return [{"doc": doc, "entity": e["id"], "start": m["start"], "end": m["end"], "type": e["type"],
             "surface": text[m["start"]:m["end"]]}
            for e in reading.get("entities") or [] for m in e.get("mentions") or []]


def timex_rows(reading: dict[str, Any]) -> list[Row]:
    doc = reading["id"]
    return [{"doc": doc, "start": t["start"], "end": t["end"], "type": t["type"],
             "value": t.get("value"), "mod": t.get("mod")}
            for t in reading.get("timexes") or []]


def event_rows(reading: dict[str, Any]) -> list[Row]:
    doc, out = reading["id"], []
    for ev in reading.get("events") or []:
        trig = ev.get("trigger") or {}
        out.append({"doc": doc, "type": ev["type"], "mode": ev.get("mode"),
                    "trigger_start": trig.get("start", ev.get("start")),
                    "trigger_end": trig.get("end", ev.get("end")), "date": ev.get("date"),
                    "actors": list(ev.get("actors") or []), "recipients": list(ev.get("recipients") or []),
                    "sources": list(ev.get("sources") or [])})
    return out


def quote_rows(reading: dict[str, Any]) -> list[Row]:
    doc = reading["id"]
    return [{"doc": doc, "start": q["start"], "end": q["end"], "direct": bool(q.get("direct")),
             "speaker": q.get("speaker"), "sources": list(q.get("sources") or [])}
            for q in reading.get("quotes") or []]


def post_rows(reading: dict[str, Any]) -> list[Row]:
    doc = reading["id"]
    return [{"doc": doc, "start": p["start"], "end": p["end"], "platform": p.get("platform"),
             "author": p.get("author"), "handle": p.get("handle"), "date": p.get("date"),
             "lang": p.get("lang"), "hashtags": list(p.get("hashtags") or []),
             "urls": list(p.get("urls") or [])}
            for p in reading.get("posts") or []]


def source_rows(reading: dict[str, Any]) -> list[Row]:
    doc = reading["id"]
    return [{"doc": doc, "entity": e} for e in reading.get("sources") or []]


def article_rows(reading: dict[str, Any]) -> Iterator[tuple[Table, list[Row]]]:
    """(table, rows) for every table of one article, in the order they are written, built lazily.

    The builders are looked up when called, so a test can replace one (``monkeypatch``)."""
    yield S.segments, segment_rows(reading)
    yield S.entities, entity_rows(reading)
    yield S.mentions, mention_rows(reading)
    yield S.timexes, timex_rows(reading)
    yield S.events, event_rows(reading)
    yield S.quotes, quote_rows(reading)
    yield S.posts, post_rows(reading)
    yield S.sources, source_rows(reading)
