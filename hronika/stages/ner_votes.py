"""A second NER as a voter beside a language's spaCy model: natasha's slovnet news tagger for Russian.

The model of hronika knows SlavicNER's conventions (EVT, PRO, where a name starts and ends) but
misses names of topics it was not trained on; slovnet (trained on a large Russian news corpus,
PER/LOC/ORG only) holds better there.  The voter's spans change the model's mentions as the
language's ``entities_natasha.json`` says: ``add`` -- types of a voter span that no model mention
overlaps, added as they are; ``retype`` -- [model type, voter type] pairs where, on the very same
tokens, the voter's type wins; ``replace`` -- voter type: model types, where a voter span of that
type that overlaps model mentions of those types only, with other bounds, replaces them (``Азия
Биби`` for the model's ``Азия``).
Where the two overlap otherwise, the model's mention stays.  The
rules of the entity stage then run on the result as on the model's own mentions.

natasha ships its weights in its wheel (navec embeddings and the slovnet model, numpy only;
``pip install hronika[natasha]``).  The setting ``natasha`` (``HRONIKA_NATASHA=1``) turns the voter
on; it is off by default (bench/RESULTS.md, "Named entities, leave one topic out", says why), and
without natasha installed there is no voter either.
"""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from .. import lang
from ..settings import DEFAULTS, Settings

CONFIG = "entities_natasha.json"
_NER = "model/slovnet_ner_news_v1.tar"
_EMB = "emb/navec_news_v1_1B_250K_300d_100q.tar"


def _natasha_data() -> Path | None:
    spec = importlib.util.find_spec("natasha")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(list(spec.submodule_search_locations)[0]) / "data"
    return root if (root / _NER).exists() and (root / _EMB).exists() else None


class Voter:
    def __init__(self, config: dict, tagger) -> None:
        self.add = frozenset(config.get("add", ()))
        self.retype = {tuple(p) for p in config.get("retype", ())}
        self.replace = {t: frozenset(ts) for t, ts in config.get("replace", {}).items()}
        self.tagger = tagger

    def markups(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """The tagger's spans (start, stop, type) over each text.  The tagger pads every batch to its
        longest input, so whole articles of unequal length waste most of its work: each text is cut
        into pieces of a few sentences (`_pieces`) and the pieces are fed shortest first."""
        pieces = [(n, start, piece) for n, text in enumerate(texts) for start, piece in _pieces(text)]
        pieces.sort(key=lambda p: len(p[2]))
        out: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        for (n, start, _), markup in zip(pieces, self.tagger.map([p[2] for p in pieces])):
            out[n].extend((start + s.start, start + s.stop, s.type) for s in markup.spans)
        for spans in out:
            spans.sort()
        return out

    def vote(self, sdocs: list) -> None:
        """Change each spaCy doc's entities by the voter's spans over the same text."""
        from spacy.util import filter_spans

        for sdoc, spans in zip(sdocs, self.markups([d.text for d in sdocs])):
            ents = list(sdoc.ents)
            owner = {k: e for e in ents for k in range(e.start, e.end)}
            extra, retyped, gone = [], {}, set()
            for start, stop, type_ in spans:
                span = sdoc.char_span(start, stop, label=type_, alignment_mode="contract")
                if span is None or not len(span):
                    continue
                inside = {owner[k] for k in range(span.start, span.end) if k in owner}
                same = next(iter(inside)) if len(inside) == 1 else None
                if not inside:
                    if type_ in self.add:
                        extra.append(span)
                elif same is not None and (same.start, same.end) == (span.start, span.end):
                    if (same.label_, type_) in self.retype:
                        retyped[(same.start, same.end)] = span
                elif all(e.label_ in self.replace.get(type_, ()) for e in inside):
                    gone |= {(e.start, e.end) for e in inside}
                    extra.append(span)
            if extra or retyped:
                ents = [retyped.get((e.start, e.end), e) for e in ents if (e.start, e.end) not in gone]
                sdoc.ents = filter_spans(ents + extra)


# Where a text may be cut for the tagger: a line break, or a space after a sentence's end before a
# capital or an opening quote (`_opens`).  A name does not run across either.
_CUT = re.compile(r"\n+|(?<=[.!?…])[ \t]+(?=\S)")
_OPENING_QUOTES = "«„\"“"
_PIECE = 400  # characters: a piece is cut at the first cut point past this length


def _opens(text: str, at: int) -> bool:
    """Whether a sentence may begin at ``at``: a capital letter or an opening quote."""
    return text[at].isupper() or text[at] in _OPENING_QUOTES


def _pieces(text: str) -> list[tuple[int, str]]:
    """(start, piece) over the text, each piece ending at a cut point once it is _PIECE long."""
    out, start = [], 0
    for m in _CUT.finditer(text):
        if m.start() - start >= _PIECE and (m.group()[0] == "\n" or _opens(text, m.end())):
            out.append((start, text[start:m.start()]))
            start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def tagger():
    """natasha's slovnet news NER with its navec vectors (``.map(texts)`` -> markups of character
    spans), or None when natasha is not installed."""
    data = _natasha_data()
    return _tagger(data) if data else None


@lru_cache(maxsize=None)
def _tagger(data: Path):
    from navec import Navec
    from slovnet import NER

    return NER.load(str(data / _NER), batch_size=16).navec(Navec.load(str(data / _EMB)))


def voter(model: str | None, settings: Settings | None = None) -> Voter | None:
    """The voter for a model language (None where it has none, natasha is missing or switched off)."""
    return _voter(model, settings or DEFAULTS)


@lru_cache(maxsize=None)
def _voter(model: str | None, settings: Settings) -> Voter | None:
    if not model or not settings.natasha:
        return None
    code = lang.get(model)
    if not code.has(CONFIG):
        return None
    ner = tagger()
    return Voter(code.json(CONFIG), ner) if ner else None
