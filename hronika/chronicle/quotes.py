"""One chronicle quote per thing said, however many articles repeat it.

A quote (the ``quotes`` layer) with a speaker joins the chronicle quote of the same speaker (by
global key) whose words it shares: each word is stemmed and reduced to the consonants of its
transliteration, so that a Bulgarian and a Russian rendering of the same sentence share the words
the two languages have in common (names, borrowings, cognates: ``готови``/``готовы``,
``санкциите``/``санкции``).  Two quotes fit when most of the shorter one's words are in the
other (``OVERLAP``) and they share at least ``MIN_SHARED``; a quote of fewer words must match
exactly.  A free translation that shares few cognates does not merge: that is the limit.

Candidates come from an index (speaker | word), the newest few per key; a chronicle quote is
recomputed from its mentions when one joins or leaves, and goes when none is left.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..document import Document
from .events import _most, entity_key, outlet
from .features import word_key

WORD = re.compile(r"[^\W\d_]{3,}")
VOWELS = re.compile(r"[aeiouy]")
OVERLAP = 0.5
MIN_SHARED = 3
PER_KEY = 30
MAX_KEYS = 24  # the words a quote is indexed by (its longest)


def words(text: str) -> list[str]:
    """The quote's word keys, in order, each once."""
    out = []
    for w in WORD.findall(text):
        k = VOWELS.sub("", word_key(w))
        if len(k) >= 2:
            out.append(k)
    return list(dict.fromkeys(out))


def similar(a: list[str], b: list[str]) -> float | None:
    """The share of the shorter quote's words found in the other; None when they do not fit."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return None
    shared = len(sa & sb)
    if min(len(sa), len(sb)) < MIN_SHARED:
        return 1.0 if sa == sb else None
    share = shared / min(len(sa), len(sb))
    return share if shared >= MIN_SHARED and share >= OVERLAP else None


def mentions(doc: Document) -> list[dict[str, Any]]:
    """The article's quotes that have a speaker, as mention rows (without their quote)."""
    ents = {e.id: e for e in doc.entities}
    spans = [(m.start, m.end, entity_key(ents.get(m.attrs.get("entity")))) for m in doc.layer("mentions")]
    out = []
    for q in doc.layer("quotes"):
        speaker = entity_key(ents.get(q.attrs.get("speaker")))
        if not speaker:
            continue
        text = doc.text[q.start:q.end]
        about = [k for k in dict.fromkeys(k for s, e, k in spans if q.start <= s and e <= q.end) if k and k != speaker]
        sent = doc.covering("sentences", q.start)
        out.append({"doc": doc.id, "start": q.start, "end": q.end, "direct": bool(q.attrs.get("direct")),
                    "text": text, "lang": (sent.attrs.get("lang") if sent else None) or doc.lang,
                    "words": words(text), "about": about,
                    "sources": [k for k in dict.fromkeys(entity_key(ents.get(i)) for i in q.attrs.get("sources") or ()) if k],
                    "anchor": doc.anchor_date(q.start), "doc_date": doc.date, "outlet": outlet(doc),
                    "speaker": speaker})
    return out


def _keys(speaker: str, ws: list[str]) -> list[str]:
    return [f"{speaker}|{w}" for w in sorted(ws, key=lambda w: (-len(w), w))[:MAX_KEYS]]


def merge(writer, doc: Document) -> list[int]:
    """Take an article's quotes into the chronicle's quotes; returns the quotes touched."""
    groups: list[tuple[str, list[str], list[dict[str, Any]]]] = []  # speaker, words, mentions
    for m in mentions(doc):
        for speaker, ws, ms in groups:  # the same words twice in one article: one quote
            if speaker == m["speaker"] and similar(ws, m["words"]) is not None:
                ms.append(m)
                break
        else:
            groups.append((m["speaker"], m["words"], [m]))
    touched = []
    for speaker, ws, ms in groups:
        best, top = None, None
        if ws:
            cands = writer.merge_candidates("quote", _keys(speaker, ws), PER_KEY)
            for qid, row in writer.merge_rows("quote", cands).items():
                s = similar(ws, row["words"]) if row["speaker"] == speaker else None
                if s is not None and (top is None or s > top):
                    best, top = qid, s
        if best is None:
            m = ms[0]
            best = writer.merge_new("quote", {
                "speaker": speaker, "text": m["text"], "direct": m["direct"], "words": ws, "day": m["anchor"],
                "about": [], "sources": [], "mentions": 0, "articles": 0, "outlets": 0,
                "first_doc": m["doc"], "first_date": m["doc_date"], "keys": []})
        writer.merge_add_mentions("quote", [{k: v for k, v in m.items() if k != "speaker"} | {"quote": best}
                                             for m in ms])
        touched.append(best)
    for qid in dict.fromkeys(touched):
        refresh(writer, qid)
    return touched


def refresh(writer, qid: int) -> None:
    """Recompute a chronicle quote from its mentions (or drop it when none is left)."""
    ms = writer.merge_mentions("quote", qid)
    if not ms:
        writer.merge_drop("quote", qid)
        return
    speaker = writer.merge_rows("quote", [qid])[qid]["speaker"]
    first = min(ms, key=lambda m: (m["doc_date"], m["id"]))
    longest = max(ms, key=lambda m: (len(m["words"]), -m["id"]))
    about = list(dict.fromkeys(k for m in ms for k in m["about"]))
    sources = list(dict.fromkeys(k for m in ms for k in m["sources"]))
    langs = [m["lang"] for m in ms if m["lang"]]
    values = {"text": first["text"], "lang": first["lang"] or _most(Counter(langs), list(dict.fromkeys(langs))), "direct": any(m["direct"] for m in ms),
              "words": longest["words"], "day": first["anchor"], "about": about, "sources": sources,
              "mentions": len(ms), "articles": len({m["doc"] for m in ms}), "outlets": len({m["outlet"] for m in ms}),
              "first_doc": first["doc"], "first_date": first["doc_date"]}
    ents = [(speaker, "speaker")] + [(k, "about") for k in about]
    writer.merge_set("quote", qid, values, _keys(speaker, longest["words"]), ents)
