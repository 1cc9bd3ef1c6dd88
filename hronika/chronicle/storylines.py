"""Storylines: articles grouped into long-running stories, across languages and scripts.

Each article, as it is stored, joins the storyline most like it or opens a new one (a single pass,
as news arrives).  Likeness is the cosine between the article's vector (``features``) and the
storyline's summed vector, lowered for an article dated outside the storyline's span; an article
joins only a storyline it shares a few entities with (one shared country is not a story).  The
storylines compared are only those found by the article's heaviest features among each
storyline's main ones, newest first, so that the cost of an article does not grow with the store.

An article stored again with the same content is a duplicate and changes nothing; one replaced
(same id, other text) leaves its storyline with its old vector (``Store._delete``) and is
assigned afresh.  Storylines never merge or split afterwards: a later article cannot pull two
earlier ones together (the price of staying incremental).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from . import features as F
from .features import Tuning

TITLE_ENTITIES = 3


@dataclass
class Storyline:
    id: int
    title: str
    start: str
    end: str
    documents: list[str]
    entities: list[str]  # kb keys, heaviest first
    size: int = 0
    timeline: list[dict[str, Any]] = field(default_factory=list)  # {doc, date, title}

    def to_json(self, timeline: bool = False) -> dict[str, Any]:
        out = {"id": self.id, "title": self.title, "documents": self.documents,
               "entities": self.entities, "start": self.start, "end": self.end}
        if timeline:
            out["timeline"] = self.timeline
        return out


def _gap(date: dt.date, row: dict[str, Any]) -> int:
    start, end = row["start"], row["end"]
    if date < start:
        return (start - date).days
    return max(0, (date - end).days)


def assign(writer, doc: Document, tuning: Tuning = Tuning()) -> int:
    """Put one stored article into a storyline (inside the store's transaction ``writer``);
    returns the storyline.  An article that already has one keeps it."""
    have = writer.member(doc.id)
    if have is not None:
        return have
    ents, words, labels = F.raw(doc)
    every = list(ents) + list(words)
    counts, total = writer.counts(every)
    writer.count(every)
    vec = F.vector(ents, words, counts, total + 1, tuning)
    writer.add_names(name_pairs(doc))
    best, score = None, None
    if vec:
        query = sorted(vec, key=lambda f: (-vec[f], f))[:tuning.query]
        cands = writer.candidates(query, tuning.per_feature)
        rows = writer.storylines(cands)
        weights = writer.weights(cands, vec)
        for sid in cands:
            row = rows[sid]
            if not row["norm"] or sum(f[0] in "en" for f in weights[sid]) < min(tuning.shared, len(ents)):
                continue
            cos = sum(v * weights[sid].get(f, 0.0) for f, v in vec.items()) / row["norm"]
            cos *= math.exp(-_gap(doc.date, row) / tuning.days)
            if cos >= tuning.threshold and (score is None or cos > score or (cos == score and sid < best)):
                best, score = sid, cos
    sid = writer.join(doc.id, doc.date, best, vec, {f: labels[f] for f in ents}, score,
                      keep=tuning.keep, main=tuning.main)
    top = writer.top_features(sid, "e:", TITLE_ENTITIES) or writer.top_features(sid, "n:", TITLE_ENTITIES)
    writer.set_title(sid, " · ".join(label or f[2:] for f, label, _ in top) or (doc.title or doc.id))
    return sid


def name_pairs(doc: Document) -> set[tuple[str, str]]:
    """(name key, kb key) of every name and mention surface of the article's keyed entities."""
    from .names import keys_of  # the name keys are those the look-up computes

    out = set()
    for e in doc.entities:
        if not e.kb:
            continue
        forms = {e.name} | {doc.text[s:t] for s, t in e.mentions}
        for form in forms:
            out.update((k, e.kb) for k in keys_of(form))
    return out


def catch_up(store, tuning: Tuning = Tuning(), batch: int = 200) -> int:
    """Assign every stored article the chronicle has not taken in (stored by a writer that did not
    update it, or before it existed), oldest first; returns how many."""
    done = 0
    while True:
        ids = store.unassigned(limit=batch)
        if not ids:
            return done
        for doc_id in ids:
            doc = store.document(doc_id)
            if doc is None:
                continue
            with store.chronicle() as writer:
                assign(writer, doc, tuning)
            done += 1


def listing(store, *, after: int | None = None, limit: int | None = None,
            start: dt.date | None = None, end: dt.date | None = None,
            entities: int = 10) -> list[Storyline]:
    """Storylines by id, after the id ``after``."""
    rows = store.storyline_rows(after=after, limit=limit, start=start, end=end)
    return _complete(store, rows, entities)


def get(store, storyline_id: int, entities: int = 10) -> Storyline | None:
    rows = store.storyline_rows(ids=[storyline_id])
    return _complete(store, rows, entities)[0] if rows else None


def of_document(store, doc_id: str) -> Storyline | None:
    sid = store.storyline_of(doc_id)
    return None if sid is None else get(store, sid)


def _complete(store, rows: list[dict[str, Any]], entities: int) -> list[Storyline]:
    ids = [r["id"] for r in rows]
    docs = store.storyline_documents(ids)
    ents = store.storyline_features_of(ids, "e:", entities)
    return [Storyline(r["id"], r["title"] or "", r["start"], r["end"],
                      [d["doc"] for d in docs[r["id"]]], [f[2:] for f, _ in ents[r["id"]]], r["size"],
                      [{"doc": d["doc"], "date": d["date"], "title": d["title"]} for d in docs[r["id"]]])
            for r in rows]
