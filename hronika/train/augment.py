"""Training examples with their names swapped: a model that cannot learn a topic's names by heart
has to read the words around them.

``hronika.swap_mentions.v1`` (spaCy augmenter, ``hronika train ner --swap P``) passes every training
document on unchanged and, with probability ``P``, also a copy in which each name, with probability
one half, is replaced by a name of the same type taken from the documents seen before (any topic).
A name learnt in one topic then stands in the contexts of another, and the model's word embeddings of
the names stop being the whole story.
"""
from __future__ import annotations

import random

NAME = "hronika.swap_mentions.v1"
POOL = 20000  # names kept per type (a reservoir sample of those seen)


def swapped(example, pool: dict[str, list], rng: random.Random, nlp):
    """A copy of the example with its names replaced (or None when it has none); feeds ``pool``."""
    from spacy.tokens import Doc, Span
    from spacy.training import Example

    ref = example.reference
    ents = list(ref.ents)
    if not ents:
        return None
    names = [(e.label_, tuple(t.text for t in e), tuple(bool(t.whitespace_) for t in e)) for e in ents]
    words, spaces, spans, at = [], [], [], 0
    for e, (label, ws, sp) in zip(ents, names):
        words += [t.text for t in ref[at:e.start]]
        spaces += [bool(t.whitespace_) for t in ref[at:e.start]]
        got = pool.get(label)
        if got and rng.random() < 0.5:
            _, ws2, sp2 = rng.choice(got)
            ws, sp = ws2, sp2[:-1] + (sp[-1],)  # the space after the name stays the original's
        spans.append((len(words), len(words) + len(ws), label))
        words += ws
        spaces += sp
        at = e.end
    words += [t.text for t in ref[at:]]
    spaces += [bool(t.whitespace_) for t in ref[at:]]
    for item in names:
        kept = pool.setdefault(item[0], [])
        if len(kept) < POOL:
            kept.append(item)
        else:
            kept[rng.randrange(POOL)] = item
    gold = Doc(nlp.vocab, words=words, spaces=spaces)
    gold.ents = [Span(gold, s, e, label=label) for s, e, label in spans]
    return Example(Doc(nlp.vocab, words=words, spaces=spaces), gold)


def register() -> None:
    from spacy.util import registry

    if NAME in registry.augmenters:
        return

    @registry.augmenters(NAME)
    def swap_mentions(prob: float, seed: int = 0):
        rng, pool = random.Random(seed), {}

        def augment(nlp, example):
            yield example
            if rng.random() < prob:
                copy = swapped(example, pool, rng, nlp)
                if copy is not None:
                    yield copy

        return augment
