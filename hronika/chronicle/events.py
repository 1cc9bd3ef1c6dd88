"""One chronicle event per real-world event, however many articles tell it and however often.

Each asserted event mention of an article (the ``events`` layer) is first grouped with the other
mentions of its article (``Лукашенко се срещна …`` and, later, ``Срещата …``), then each group
joins the chronicle event it fits or opens one.  Fitting means:

* the same PLOVER type, or two types one happening is reported as (``plover.json``), and no two
  different modes (a phone call is not a visit);
* compatible dates (``dates``): overlapping periods of like granularity (``2025-12-11`` fits
  ``2025-12`` and ``2025-W50``); an undated mention stands for the week before its report;
* participants, by global key (the same in every script): across articles, two shared, or one
  when one side names no other and both are dated to the same fine period; inside an article, one
  shared, or none named at all by one of the same type
  at most two sentences on (a noun that refers back: ``Срещата``).  For a type that is not
  mutual, an actor of one that is only a recipient of the other keeps them apart.

Candidates come from an index (type family | participant | month), the newest few per key, so the
cost of an article does not grow with the store.  A chronicle event is recomputed from its
mentions whenever one joins or leaves (its date, participants, counts, first report and where the
reports disagree); an event left without mentions goes.
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..document import Document
from ..kb import name_skeleton
from . import dates as D

PER_KEY = 50  # candidates per index key (the newest)
BACK_SENTENCES = 2  # how far back a mention naming no one may refer (in sentences)
DATE_SLACK = 1  # days two dated reports may differ by when every participant agrees (a disagreement)


@lru_cache(maxsize=1)
def _plover() -> tuple[frozenset[str], dict[str, str]]:
    data = json.loads((Path(__file__).with_name("plover.json")).read_text(encoding="utf-8"))
    family: dict[str, str] = {}
    for group in data["same_happening"]:
        name = min(group)
        for t in group:
            family[t] = name
    return frozenset(data["mutual"]), family


def family(type_: str) -> str:
    return _plover()[1].get(type_, type_)


def mutual(type_: str) -> bool:
    return type_ in _plover()[0]


def entity_key(entity) -> str | None:
    """An entity's key across documents: its global key, else the skeleton of its name."""
    if entity is None:
        return None
    if entity.kb:
        return entity.kb
    sk = name_skeleton(entity.name)
    return "n:" + sk if len(sk.replace(" ", "")) >= 4 else None


def outlet(doc: Document) -> str:
    """Who published the article: the host of its URL, else the article itself."""
    host = urlsplit(doc.url).hostname if doc.url else None
    return host.removeprefix("www.") if host else "doc:" + doc.id


@dataclass
class Mention:
    doc: str
    start: int
    end: int
    sentence: tuple[int, int]
    type: str
    mode: str | None
    date: str | None  # the TIMEX value the text gives
    iv: D.Interval  # its days; for an undated mention the window before its report
    anchor: dt.date
    doc_date: dt.date
    outlet: str
    actors: list[str]
    recipients: list[str]
    sources: list[str]
    index: int = 0  # its sentence's place in the article
    figures: list[float] = field(default_factory=list)  # the numbers its sentence gives

    @property
    def dated(self) -> bool:
        return self.date is not None

    def row(self, event: int) -> dict[str, Any]:
        return {"event": event, "doc": self.doc, "start": self.start, "end": self.end,
                "sent_start": self.sentence[0], "sent_end": self.sentence[1], "type": self.type,
                "mode": self.mode, "date": self.date, "dated": self.dated, "lo": self.iv[0], "hi": self.iv[1],
                "anchor": self.anchor, "doc_date": self.doc_date, "outlet": self.outlet,
                "actors": self.actors, "recipients": self.recipients, "sources": self.sources,
                "figures": self.figures}


def mentions(doc: Document) -> list[Mention]:
    """The article's asserted event mentions, in text order."""
    ents = {e.id: entity_key(e) for e in doc.entities}

    def keys(ids) -> list[str]:
        return [k for k in dict.fromkeys(ents.get(i) for i in ids or ()) if k]

    starts = [s.start for s in doc.layer("sentences")]
    figures_of: dict[tuple[int, int], list[float]] = {}
    out = []
    for ev in doc.layer("events"):
        a = ev.attrs
        anchor = doc.anchor_date(ev.start)
        iv = D.interval(a.get("date"))
        sent = a.get("sentence") or {"start": ev.start, "end": ev.end}
        span = (sent["start"], sent["end"])
        if span not in figures_of:
            figures_of[span] = figures(doc, *span)
        out.append(Mention(doc.id, ev.start, ev.end, (sent["start"], sent["end"]), ev.label, a.get("mode") or None,
                           a.get("date") if iv else None, iv or D.window(anchor), anchor, doc.date,
                           outlet(doc), keys(a.get("actors")), keys(a.get("recipients")), keys(a.get("sources")),
                           bisect.bisect_right(starts, ev.start), figures_of[span]))
    return out


# A figure: digits, with spaces, dots or commas between groups of three (``1 200``, ``1.200``) and
# a decimal comma or point; no words, so it reads every language alike.
_FIGURE = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0.,]\d{3})+(?:[.,]\d+)?(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?(?!\w)")


def figures(doc: Document, start: int, end: int) -> list[float]:
    """The numbers the text gives between ``start`` and ``end`` outside time expressions (a count
    of people, a sum), in order, each once."""
    text = doc.text[start:end]
    dates = [(t.start - start, t.end - start) for t in doc.overlapping("timexes", start, end)]
    out: dict[float, None] = {}
    for m in _FIGURE.finditer(text):
        if any(lo < m.end() and m.start() < hi for lo, hi in dates):
            continue
        raw = m.group()
        groups = re.split(r"[ \u00a0.,]", raw)
        if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
            value = float("".join(groups))  # thousands
        else:
            value = float(raw.replace(",", "."))
        out[value] = None
    return list(out)


@dataclass
class Group:
    """What is known of one event (mentions of an article, or a stored chronicle event) for fitting."""
    type: str
    mode: str | None
    date: str | None
    iv: D.Interval
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    last: int = 0  # the sentence of its latest mention (inside an article)

    @property
    def participants(self) -> set[str]:
        return self.actors | self.recipients

    @classmethod
    def of(cls, m: Mention) -> "Group":
        return cls(m.type, m.mode, m.date, m.iv, set(m.actors), set(m.recipients), m.index)

    def add(self, m: Mention) -> None:
        self.actors |= set(m.actors)
        self.recipients |= set(m.recipients)
        self.mode = self.mode or m.mode
        if m.dated and (self.date is None or D.width(m.iv) < D.width(self.iv)):
            self.date, self.iv = m.date, m.iv
        self.last = m.index


def fit(a: Group, b: Group, same_article: bool) -> float | None:
    """How well two reports fit one event (higher is better); None: they do not."""
    if family(a.type) != family(b.type) or (a.mode and b.mode and a.mode != b.mode):
        return None
    if not mutual(a.type) and a.actors and b.actors and not a.actors & b.actors and (
            a.actors & b.recipients or b.actors & a.recipients):
        return None  # who did it to whom, reversed
    pa, pb = a.participants, b.participants
    shared = len(pa & pb)
    agree = shared >= 2 and pa == pb
    both_dated = a.date is not None and b.date is not None
    if not D.compatible(a.iv, b.iv, DATE_SLACK if both_dated and agree else 0):
        return None
    if same_article:
        if not shared and (pa and pb or a.type != b.type or abs(a.last - b.last) > BACK_SENTENCES):
            return None  # a mention naming no one refers back only to one of its own type, near
    elif shared < 2:
        nested = shared == 1 and (pa <= pb or pb <= pa)
        if not (nested and both_dated and D.fine(a.iv) and D.fine(b.iv)):
            return None
    score = shared + (0.5 if both_dated and a.date == b.date else 0.0) + (a.type == b.type) * 0.25
    return score


def _groups(ms: list[Mention]) -> list[tuple[Group, list[Mention]]]:
    """The article's mentions grouped by the event they tell."""
    groups: list[tuple[Group, list[Mention]]] = []
    for m in ms:
        g = Group.of(m)
        best, top = None, None
        for i, (other, _) in enumerate(groups):
            s = fit(g, other, same_article=True)
            if s is not None and (top is None or (s, other.last) > top):
                best, top = i, (s, other.last)
        if best is None:
            groups.append((g, [m]))
        else:
            groups[best][0].add(m)
            groups[best][1].append(m)
    return groups


def index_keys(g: Group, slack: int = 0) -> list[str]:
    return [f"{family(g.type)}|{p}|{b}" for p in sorted(g.participants) for b in D.buckets(g.iv, slack)]


def _stored(row: dict[str, Any]) -> Group:
    return Group(row["type"], row["mode"], row["date"], (row["lo"], row["hi"]),
                 set(row["actors"]), set(row["recipients"]))


def merge(writer, doc: Document) -> list[int]:
    """Take an article's event mentions into the chronicle's events; returns the events touched."""
    touched: list[int] = []
    for g, ms in _groups(mentions(doc)):
        best, top = None, None
        if g.participants:
            cands = writer.merge_candidates("event", index_keys(g, DATE_SLACK), PER_KEY)
            for eid, row in writer.merge_rows("event", cands).items():
                s = fit(g, _stored(row), same_article=False)
                if s is not None and (top is None or s > top):
                    best, top = eid, s
        if best is None:
            best = writer.merge_new("event", _placeholder(ms[0]))
        writer.merge_add_mentions("event", [m.row(best) for m in ms])
        touched.append(best)
    for eid in dict.fromkeys(touched):
        refresh(writer, eid)
    return touched


def _placeholder(m: Mention) -> dict[str, Any]:
    return {"type": m.type, "family": family(m.type), "lo": m.iv[0], "hi": m.iv[1], "day": m.anchor,
            "actors": [], "recipients": [], "sources": [], "mentions": 0, "articles": 0, "outlets": 0,
            "first_doc": m.doc, "first_date": m.doc_date, "disagreements": {}, "keys": []}


def _most(counter: Counter, order: list) -> Any:
    """The most common item, ties to the one seen first."""
    return max(order, key=lambda x: (counter[x], -order.index(x))) if order else None


def refresh(writer, eid: int) -> None:
    """Recompute a chronicle event from its mentions (or drop it when none is left)."""
    ms = writer.merge_mentions("event", eid)
    if not ms:
        writer.merge_drop("event", eid)
        return
    first = min(ms, key=lambda m: (m["doc_date"], m["id"]))
    types = [m["type"] for m in ms]
    type_ = _most(Counter(types), list(dict.fromkeys(types)))
    modes = [m["mode"] for m in ms if m["mode"]]
    dated = [m for m in ms if m["dated"]]
    if dated:
        finest = min((m["hi"] - m["lo"]).days for m in dated)
        values = [m["date"] for m in dated if (m["hi"] - m["lo"]).days == finest]
        date = _most(Counter(values), list(dict.fromkeys(values)))
        iv = D.interval(date)
    else:
        date, iv = None, D.window(first["anchor"])
    role: dict[str, Counter] = {}
    order: list[str] = []
    for m in ms:
        for r in ("actors", "recipients"):
            for k in m[r]:
                role.setdefault(k, Counter())[r] += 1
                order.append(k)
    order = list(dict.fromkeys(order))
    actors = [k for k in order if role[k]["actors"] >= role[k]["recipients"]]
    recipients = [k for k in order if role[k]["actors"] < role[k]["recipients"]]
    sources = list(dict.fromkeys(k for m in ms for k in m["sources"]))
    docs = list(dict.fromkeys(m["doc"] for m in ms))
    group = Group(type_, modes[0] if modes else None, date, iv, set(actors), set(recipients))
    values = {"type": type_, "family": family(type_), "mode": _most(Counter(modes), list(dict.fromkeys(modes))),
              "date": date, "lo": iv[0], "hi": iv[1], "day": iv[0] if date else first["anchor"],
              "actors": actors, "recipients": recipients, "sources": sources, "mentions": len(ms),
              "articles": len(docs), "outlets": len({m["outlet"] for m in ms}),
              "first_doc": first["doc"], "first_date": first["doc_date"],
              "disagreements": _disagreements(ms, date, iv, docs)}
    values["contested"] = bool(values["disagreements"])
    ents = [(k, "actor") for k in actors] + [(k, "recipient") for k in recipients] + [(k, "source") for k in sources]
    writer.merge_set("event", eid, values, index_keys(group) if group.participants else [], ents)


def _number(v: float) -> str:
    return str(int(v)) if v == int(v) else str(v)


def _disagreements(ms: list[dict[str, Any]], date: str | None, iv, docs: list[str]) -> dict[str, Any]:
    """Where the articles differ: dates that do not contain the event's, figures (when two
    articles that give numbers in their sentences share none: {figure: articles}), and
    participants some articles name and others (that name any) do not."""
    out: dict[str, Any] = {}
    by_value: dict[str, list[str]] = {}
    for m in ms:
        if m["dated"]:
            by_value.setdefault(m["date"], [])
            if m["doc"] not in by_value[m["date"]]:
                by_value[m["date"]].append(m["doc"])
    if date and any(not (m["lo"] <= iv[0] and iv[1] <= m["hi"]) for m in ms if m["dated"]):
        out["date"] = by_value
    given: dict[str, set[float]] = {}
    for m in ms:
        given.setdefault(m["doc"], set()).update(m.get("figures") or ())
    giving = {d: f for d, f in given.items() if f}
    if any(not (giving[x] & giving[y]) for x in giving for y in giving if x < y):
        out["figures"] = {_number(v): [d for d in giving if v in giving[d]]
                          for v in sorted(set().union(*giving.values()))}
    named: dict[str, set[str]] = {}
    for m in ms:
        named.setdefault(m["doc"], set()).update(m["actors"], m["recipients"])
    naming = [d for d in docs if named[d]]
    if len(naming) >= 2:
        partial = {k: [d for d in naming if k in named[d]] for k in dict.fromkeys(
            k for d in naming for k in sorted(named[d]))}
        partial = {k: v for k, v in partial.items() if len(v) < len(naming)}
        if partial:
            out["participants"] = partial
    return out
