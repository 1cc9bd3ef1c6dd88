"""An article's text with its layers as nested HTML elements, every piece of text escaped.

Layers overlap freely (a time expression inside a quote inside a post, a quote that ends inside
an entity mention); HTML elements must nest.  The text is cut at every span boundary; each piece
is wrapped in the spans that cover it, outermost first, and an element is reopened (``cont``)
where a crossing span cut it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

# The legend: each kind of highlight, in the order the legend shows them.
KINDS = {
    "PER": "person", "ORG": "organisation", "LOC": "place", "EVT": "named event", "PRO": "product",
    "timex": "time expression (value on hover)", "event": "event trigger", "quote": "quote",
    "post": "embedded post",
}
_LEGEND_CLS = {"timex": "timex", "event": "event", "quote": "quote direct", "post": "post-tag"}
_SAMPLE = {"timex": "when", "event": "trigger", "quote": "quote", "post": "post"}
_DEPTH = {"post": 0, "quote": 1, "event": 2, "entity": 3, "timex": 4}  # outermost first


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # post, quote, event, entity, timex
    cls: str
    title: str
    href: str | None = None
    data: dict[str, str] = field(default_factory=dict)


def _trigger(ev: dict[str, Any]) -> tuple[int, int] | None:
    t = ev.get("trigger")
    if isinstance(t, dict) and "start" in t:
        return t["start"], t["end"]
    if "start" in ev and "end" in ev:
        return ev["start"], ev["end"]
    return None


def marks(reading: dict[str, Any]) -> list[Mark]:
    """Every highlight of a reading."""
    names = {e["id"]: e for e in reading.get("entities") or []}

    def who(ids: Any) -> str:
        ids = ids if isinstance(ids, list) else [ids] if ids else []
        return ", ".join(names[i]["name"] if i in names else str(i) for i in ids)

    out: list[Mark] = []
    for p in reading.get("posts") or []:
        title = " ".join(x for x in (p.get("platform"), p.get("author"),
                                     "@" + p["handle"] if p.get("handle") else None, p.get("date")) if x)
        out.append(Mark(p["start"], p["end"], "post", "post", title))
    for q in reading.get("quotes") or []:
        kind = "direct" if q.get("direct") else "reported"
        title = f"{kind} quote" + (f" by {who(q.get('speaker'))}" if q.get("speaker") else "")
        out.append(Mark(q["start"], q["end"], "quote", f"quote {kind}", title))
    for ev in reading.get("events") or []:
        span = _trigger(ev)
        if span is None:
            continue
        parts = [ev.get("type", "event")]
        if ev.get("actors"):
            parts.append(who(ev["actors"]))
        if ev.get("recipients"):
            parts.append("→ " + who(ev["recipients"]))
        if ev.get("date"):
            parts.append(f"({ev['date']})")
        out.append(Mark(span[0], span[1], "event", "event", " ".join(parts),
                        data={"type": str(ev.get("type", ""))}))
    for m in reading.get("mentions") or []:
        e = names.get(m.get("entity"), {})
        kb = e.get("kb") or ""
        title = f"{e.get('name', '')} ({m['type']}" + (f", {kb}" if kb else "") + ")"
        out.append(Mark(m["start"], m["end"], "entity", f"ent ent-{m['type']}", title,
                        href="/entity/" + quote(kb, safe="") if kb else None))
    for t in reading.get("timexes") or []:
        title = f"{t['type']} {t['value']}" + (f" {t['mod']}" if t.get("mod") else "")
        out.append(Mark(t["start"], t["end"], "timex", "timex", title, data={"value": t["value"]}))
    return out


def legend(reading: dict[str, Any]) -> list[dict[str, Any]]:
    """The kinds of highlight this reading has, with how many of each."""
    counts: dict[str, int] = {}
    for m in marks(reading):
        key = m.cls.split()[-1].removeprefix("ent-") if m.kind == "entity" else m.kind
        counts[key] = counts.get(key, 0) + 1
    return [{"kind": k, "label": label, "count": counts[k], "cls": _LEGEND_CLS.get(k, f"ent ent-{k}"),
             "sample": _SAMPLE.get(k, k)} for k, label in KINDS.items() if k in counts]


def render(reading: dict[str, Any]) -> Markup:
    """The reading's text as HTML with every mark; text and attributes escaped."""
    return _render(reading["text"], marks(reading))


def sentence(s: dict[str, Any]) -> Markup:
    """A timeline sentence ({text, start, mentions, timexes}, offsets in the article) with the
    entity's mentions marked and linked and its time expressions marked with their values."""
    at = s["start"]
    ms = [Mark(m["start"] - at, m["end"] - at, "entity", "hit", m["kb"],
               href="/entity/" + quote(m["kb"], safe="")) for m in s.get("mentions") or []]
    ms += [Mark(t["start"] - at, t["end"] - at, "timex", "timex",
                f"{t['type']} {t['value']}" + (f" {t['mod']}" if t.get("mod") else ""),
                data={"value": t["value"]}) for t in s.get("timexes") or []]
    return _render(s["text"], ms)


def _render(text: str, ms: list[Mark]) -> Markup:
    ms = [m for m in ms if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in ms), *(m.end for m in ms)})
    out: list[str] = []
    open_: list[Mark] = []
    for a, b in zip(cuts, cuts[1:]):
        cover = sorted((m for m in ms if m.start <= a and b <= m.end),
                       key=lambda m: (m.start, -m.end, _DEPTH[m.kind]))
        keep = 0
        while keep < min(len(open_), len(cover)) and open_[keep] is cover[keep]:
            keep += 1
        for m in reversed(open_[keep:]):
            out.append("</a>" if m.href else "</span>")
        for m in cover[keep:]:
            out.append(_open(m, cont=m.start < a))
        open_ = cover
        out.append(str(escape(text[a:b])))
    out.extend("</a>" if m.href else "</span>" for m in reversed(open_))
    return Markup("".join(out))


def _open(m: Mark, cont: bool) -> str:
    tag = "a" if m.href else "span"
    attrs = [("class", m.cls + (" cont" if cont else "")), ("title", m.title)]
    if m.href:
        attrs.append(("href", m.href))
    attrs += [(f"data-{k}", v) for k, v in m.data.items()]
    return f"<{tag}" + "".join(f' {k}="{escape(v)}"' for k, v in attrs) + ">"
