"""The one serializer: a Document as the JSON dict of ../shared/eval/README.md (plus extra fields).

The same dict feeds ``hronika read`` output, the store's rows and (later) the API and the UI.  It
is derived from the layer declarations (``hronika/layers.py``): each layer is a list under its
name, each item its declared attributes in declared order, then any undeclared ones, so that
``from_json(to_json(doc))`` gives the same Document back.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from functools import lru_cache
from typing import Any

from .document import Document, Span
from .layers import LAYERS, PROPERTIES, Attr, Layer

def _value_out(a: Attr | None, v: Any) -> Any:
    if a is not None and a.type == "offsets":
        return [{"start": s, "end": e} for s, e in v]
    return v


def _value_in(a: Attr | None, v: Any) -> Any:
    if a is not None and a.type == "offsets":
        return [(int(m["start"]), int(m["end"])) for m in v]
    return v


@lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "attrs")


def item_to_json(layer: Layer, item: Any) -> Any:
    if layer.kind == "records" and layer.record is None:
        return item
    if layer.kind == "spans":
        out: dict[str, Any] = {"start": item.start, "end": item.end}
        values = {layer.label: item.label, **item.attrs} if layer.label else item.attrs
    else:
        out = {}
        values = {**{f: getattr(item, f) for f in _fields(layer.record)}, **item.attrs}
    found = 0
    for a in layer.attrs:
        if a.name in values:
            out[a.name] = _value_out(a, values[a.name])
            found += 1
    if found < len(values):
        for k, v in values.items():  # undeclared attributes too: nothing a stage wrote is lost
            out.setdefault(k, v)
    return out


def item_from_json(layer: Layer, d: Any) -> Any:
    if layer.kind == "records" and layer.record is None:
        return d
    values = {k: _value_in(layer.attr(k), v) for k, v in d.items() if k not in ("start", "end")}
    if layer.kind == "spans":
        label = values.pop(layer.label, "") if layer.label else ""
        return Span(int(d["start"]), int(d["end"]), label, values)
    own = {f: values.pop(f) for f in _fields(layer.record) if f in values}
    return layer.record(**own, attrs=values)


def to_json(doc: Document, *, tokens: bool = False) -> dict[str, Any]:
    """The reading of ``doc``; ``tokens``: with the layers serialized only on request."""
    out: dict[str, Any] = {"id": doc.id, "date": doc.date.isoformat(), "url": doc.url,
                           "title": doc.title, "text": doc.text}
    out.update((p.name, getattr(doc, p.name)) for p in PROPERTIES.values() if p.serialized)
    for layer in LAYERS.values():
        if tokens or not layer.on_request:
            out[layer.name] = [item_to_json(layer, x) for x in doc.layer(layer.name)]
    if doc.meta:
        out["meta"] = dict(doc.meta)
    return out


def from_json(d: dict[str, Any]) -> Document:
    """The Document of a reading (``to_json``'s output, or an input record with only the head)."""
    doc = Document(id=str(d["id"]), text=d["text"], date=dt.date.fromisoformat(d["date"]),
                   url=d.get("url"), title=d.get("title"), meta=dict(d.get("meta") or {}))
    for p in PROPERTIES.values():
        if p.serialized:
            setattr(doc, p.name, d.get(p.name))
    for layer in LAYERS.values():
        if d.get(layer.name):
            doc.set_layer(layer.name, [item_from_json(layer, x) for x in d[layer.name]])
    return doc
