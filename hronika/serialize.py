"""The one serializer: a Document as the JSON dict of ../shared/eval/README.md (plus extra fields).

The same dict feeds ``hronika read`` output, the store's rows and (later) the API and the UI.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .document import Document, Entity, Span

# Layers written as lists of {"start", "end", ...attrs}; the eval format's own keys come first.
_SPAN_LAYERS = {
    "timexes": "type",
    "posts": "platform",
    "quotes": None,
    "events": "type",
    "paragraphs": None,
    "sentences": None,
    "segments": "lang",
}


def span_to_json(span: Span, label_key: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"start": span.start, "end": span.end}
    if label_key:
        out[label_key] = span.label
    out.update(span.attrs)
    return out


def span_from_json(d: dict[str, Any], label_key: str | None) -> Span:
    attrs = {k: v for k, v in d.items() if k not in ("start", "end", label_key)}
    return Span(int(d["start"]), int(d["end"]), d.get(label_key, "") if label_key else "", attrs)


def entity_to_json(e: Entity) -> dict[str, Any]:
    out = {"id": e.id, "type": e.type, "name": e.name, "kb": e.kb,
           "mentions": [{"start": s, "end": t} for s, t in e.mentions]}
    out.update(e.attrs)
    return out


def to_json(doc: Document, *, tokens: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": doc.id,
        "date": doc.date.isoformat(),
        "url": doc.url,
        "title": doc.title,
        "text": doc.text,
        "lang": doc.meta.get("lang"),
        "entities": [entity_to_json(e) for e in doc.entities],
    }
    for name, key in _SPAN_LAYERS.items():
        out[name] = [span_to_json(s, key) for s in doc.layer(name)]
    out["sources"] = list(doc.meta.get("sources", []))
    if tokens:
        out["tokens"] = [span_to_json(s, None) for s in doc.layer("tokens")]
    extra = {k: v for k, v in doc.meta.items() if k not in ("lang", "sources")}
    if extra:
        out["meta"] = extra
    return out


def from_json(d: dict[str, Any]) -> Document:
    doc = Document(id=str(d["id"]), text=d["text"], date=dt.date.fromisoformat(d["date"]),
                   url=d.get("url"), title=d.get("title"), meta=dict(d.get("meta") or {}))
    if d.get("lang"):
        doc.meta["lang"] = d["lang"]
    doc.meta["sources"] = list(d.get("sources", []))
    for name, key in _SPAN_LAYERS.items():
        if d.get(name):
            doc.set_layer(name, (span_from_json(x, key) for x in d[name]))
    if d.get("tokens"):
        doc.set_layer("tokens", (span_from_json(x, None) for x in d["tokens"]))
    for e in d.get("entities", []):
        attrs = {k: v for k, v in e.items() if k not in ("id", "type", "name", "kb", "mentions")}
        doc.entities.append(Entity(e["id"], e["type"], e["name"], e.get("kb", ""),
                                   [(m["start"], m["end"]) for m in e.get("mentions", [])], attrs))
    return doc
