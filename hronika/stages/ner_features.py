"""Word features the NER models read beside their hash embeddings: what carries over to a topic
the model never saw.

A model trained on a few news topics learns their names by heart; on next week's topic the names are
new. What does not change with the topic is the language around them, so the tok2vec layer of the
models (``hronika.FeaturedHashEmbed.v1``, spaCy's ``MultiHashEmbed`` with these features added
before its mixing layer) also sees, for each token:

* where it stands: after a sentence break or not, capitalised or not, Latin script or not;
* how the article writes the word elsewhere: lower-case in mid-sentence (a common word,
  ``Министерството``/``министерството``) or capitalised in mid-sentence (a name);
* what the language data says of it (``hronika/lang/<code>/``, never the training annotations): a
  given name (``given_names.txt``, every language's list, with the case endings of the model's
  language), the head of an organisation's, event's, product's or place's name
  (``entity_types.json``);
* for a language with a morphology dictionary (Russian, pymorphy3), for a capitalised word: the name
  grammemes of its readings (``Name``, ``Surn``, ``Patr``, ``Geox``, ``Orgn``, ``Trad``) and whether
  the dictionary knows the word at all (lower-case words are not looked up: a dictionary lookup
  costs about as much as the model's reading of the word).

The features are plain 0/1 columns; nothing here is trained.  The same code computes them when the
model is trained (``hronika train ner --features``) and when it reads, so a change of the language
lists changes what a shipped model sees: retrain after such a change.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import lang

NAME = "hronika.FeaturedHashEmbed.v1"

_BREAKS = frozenset({".", "!", "?", "…", ":", ";"})
_MORPH_MARKS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")
_HEAD_TYPES = ("ORG", "EVT", "PRO", "LOC")
# column layout
_POSITION = ("initial", "capitalised", "latin", "lower_elsewhere", "capital_elsewhere")
_LEXICON = ("given_name",) + tuple(f"head_{t}" for t in _HEAD_TYPES)
_MORPH = tuple(f"morph_{m}" for m in _MORPH_MARKS) + ("morph_unknown",)
COLUMNS = _POSITION + _LEXICON + _MORPH
N_FEATURES = len(COLUMNS)
_STATIC_AT = len(_POSITION)
_SHIFTS = np.arange(N_FEATURES - _STATIC_AT, dtype=np.int64)


class Lexicon:
    """The word-level features of one model language, computed once per word form."""

    def __init__(self, code: str) -> None:
        from ..kb import fold
        from ..kb.translit import has_cyrillic

        self.code = code
        self._fold, self._cyr = fold, has_cyrillic
        data = lang.get(code)
        names: set[str] = set()
        for c in lang.languages():
            if lang.get(c).has("given_names.txt"):
                sec = lang.get(c).sections("given_names.txt")
                names.update(fold(n) for n in sec.get("names", sec.get("", ())))
        self.given = frozenset(names)
        self.given_endings = tuple(data.sections("given_names.txt").get("endings", ())) if data.has("given_names.txt") else ()
        types = data.json("entity_types.json") if data.has("entity_types.json") else {}
        self.heads = {k: v for k, v in types.get("heads", {}).items() if v in _HEAD_TYPES}
        self.endings = frozenset(types.get("endings", ())) | {""}
        self.morph = data.morph
        self._bits: dict[str, int] = {}

    def _head(self, low: str) -> str | None:
        for k in range(len(low), 2, -1):
            if low[k:] in self.endings and low[:k] in self.heads:
                return self.heads[low[:k]]
        return None

    def bits(self, word: str) -> int:
        """The word's lexicon and morphology features as the bits of one integer (column
        ``_STATIC_AT + k`` is bit k)."""
        got = self._bits.get(word)
        if got is None:
            got = self._bits[word] = self._compute(word)
        return got

    def _compute(self, word: str) -> int:
        on: list[int] = []
        if not word[:1].isalpha():
            return 0
        if word[:1].isupper() and len(word) >= 2 and word.isalpha():
            f = self._fold(word)
            if f in self.given or any(f.endswith(x) and f[:-len(x)] in self.given for x in self.given_endings if x):
                on.append(0)
        head = self._head(word.lower()) if word.isalpha() else None
        if head is not None:
            on.append(1 + _HEAD_TYPES.index(head))
        if self.morph is not None and word[:1].isupper() and word.isalpha() and self._cyr(word):
            known = [p for p in self.morph.parse(word) if p.is_known]
            base = 1 + len(_HEAD_TYPES)
            if not known:
                on.append(base + len(_MORPH_MARKS))
            on.extend(base + j for j, mark in enumerate(_MORPH_MARKS) if any(mark in p.tag for p in known))
        return sum(1 << k for k in on)


@lru_cache(maxsize=None)
def lexicon(code: str) -> Lexicon:
    return Lexicon(code)


def _latin(word: str) -> bool:
    return word[:1].isascii() and word[:1].isalpha()


def doc_features(words: list[str], lex: Lexicon) -> np.ndarray:
    """The feature matrix (tokens x N_FEATURES) of one document's words."""
    n = len(words)
    out = np.zeros((n, N_FEATURES), dtype="float32")
    if not n:
        return out
    initial = [True] + [p in _BREAKS or p.isspace() for p in words[:-1]]
    lower_mid = {w for w, first in zip(words, initial) if not first and w.islower()}
    capital_mid = {w for w, first in zip(words, initial) if not first and w[:1].isupper()}
    capital = [w[:1].isupper() for w in words]
    out[:, 0] = initial
    out[:, 1] = capital
    out[:, 2] = [_latin(w) for w in words]
    out[:, 3] = [c and w.lower() in lower_mid for w, c in zip(words, capital)]
    out[:, 4] = [c and w in capital_mid for w, c in zip(words, capital)]
    bits = np.fromiter((lex.bits(w) for w in words), dtype=np.int64, count=n)
    out[:, _STATIC_AT:] = (bits[:, None] >> _SHIFTS) & 1
    return out


def _word_features(code: str):
    from thinc.api import Model

    def forward(model, docs, is_train):
        lex = lexicon(model.attrs["lang"])
        feats = [model.ops.asarray2f(doc_features([t.text for t in doc], lex)) for doc in docs]
        return feats, lambda d_feats: []

    return Model("hronika_word_features", forward, attrs={"lang": code})


def _register():
    from .spacy_import import spacy

    spacy()  # spaCy without its command line, before any of its modules is imported
    from spacy.ml.featureextractor import FeatureExtractor
    from spacy.util import registry
    from thinc.api import HashEmbed, Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    @registry.architectures(NAME)
    def featured_hash_embed(width: int, attrs: list, rows: list[int], lang: str):
        """spaCy's MultiHashEmbed (hash embeddings of ``attrs``, mixed by one Maxout layer) with
        this module's word features joined to the embeddings before the mixing layer."""
        embeddings = [HashEmbed(width, r, column=i, seed=8 + i, dropout=0.0) for i, r in enumerate(rows)]
        hashed = chain(FeatureExtractor(attrs), list2ragged(), with_array(concatenate(*embeddings)))
        words = chain(_word_features(lang), list2ragged())
        mix = with_array(Maxout(width, width * len(rows) + N_FEATURES, nP=3, dropout=0.0, normalize=True))
        return chain(concatenate(hashed, words), mix, ragged2list())

    return featured_hash_embed


_registered = None


def register() -> None:
    """Make the architecture known to spaCy's registry (before a model that uses it is loaded or
    trained)."""
    global _registered
    if _registered is None:
        _registered = _register()
