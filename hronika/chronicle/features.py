"""What an article is about, as a sparse vector that means the same in Bulgarian and Russian.

Three kinds of feature:

* ``e:<kb key>``: an entity with a global key (the same in every language and script);
* ``n:<skeleton>``: an entity without one, by the transliterated skeleton of its name;
* ``w:<skeleton>``: a word of the text, stemmed and reduced to its transliterated skeleton, so
  that a word Bulgarian and Russian share (a borrowed term, a name written in lower case) meets
  across the two scripts.

An entity counts as often as it is mentioned (the subject of a story is named again and again); a
word's count is damped (1 + log tf).  Both are weighted by inverse document frequency, counted as
articles arrive (``Writer.counts``).  Entities and words are normalised apart and mixed by
``Tuning.entity_share``: a long article's many words must not drown its few names.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..document import Document
from ..kb import name_skeleton, skeleton, stem_word

WORD = re.compile(r"[^\W\d_]{5,}")


@dataclass(frozen=True)
class Tuning:
    """The storyline parameters (chosen on half of SlavicNER's documents: bench/storylines_bench.py)."""

    threshold: float = 0.08  # the least similarity at which an article joins a storyline
    entity_share: float = 0.7  # the share of an article's vector that its entities carry
    words: int = 40  # the words kept per article (highest tf-idf)
    shared: int = 2  # the least number of entities an article must share with a storyline to join it
    days: float = 365.0  # similarity falls by 1/e for each this many days outside a storyline's span
    query: int = 12  # the article's features a candidate storyline is looked up by
    per_feature: int = 20  # the storylines looked at per feature (the newest)
    keep: int = 300  # the features a storyline keeps
    main: int = 15  # the features a storyline is found by


def raw(doc: Document) -> tuple[Counter, Counter, dict[str, str]]:
    """Entity and word counts of an article, and a label (a name) for each entity feature."""
    ents: Counter = Counter()
    labels: dict[str, str] = {}
    for e in doc.entities:
        if e.kb:
            f = "e:" + e.kb
        else:
            sk = name_skeleton(e.name)
            if len(sk.replace(" ", "")) < 4:
                continue
            f = "n:" + sk
        ents[f] += max(1, len(e.mentions))
        labels.setdefault(f, e.name)
    words: Counter = Counter()
    for w in WORD.findall(doc.text):
        words["w:" + word_key(w)] += 1
    return ents, words, labels


@lru_cache(maxsize=200_000)  # the same words come back article after article
def word_key(w: str) -> str:
    """A word stemmed and reduced to its transliterated skeleton (the same in either script)."""
    return skeleton(stem_word(w))


def idf(n: int, total: int) -> float:
    return math.log((total + 1) / (n + 1)) + 1.0


def vector(ents: Counter, words: Counter, counts: dict[str, int], total: int,
           tuning: Tuning) -> dict[str, float]:
    """The article's weighted vector, of length 1 (empty when it has no feature)."""
    def weigh(c: Counter) -> dict[str, float]:
        return {f: (n if f[0] != "w" else 1 + math.log(n)) * idf(counts.get(f, 0), total) for f, n in c.items()}

    e = weigh(ents)
    w = weigh(words)
    w = dict(sorted(w.items(), key=lambda kv: (-kv[1], kv[0]))[:tuning.words])
    share = tuning.entity_share if e and w else (1.0 if e else 0.0)
    out: dict[str, float] = {}
    for part, s in ((e, share), (w, 1.0 - share)):
        norm = math.sqrt(sum(v * v for v in part.values()))
        if norm and s:
            out.update({f: v / norm * math.sqrt(s) for f, v in part.items()})
    return {f: round(v, 6) for f, v in out.items()}
