"""Language knowledge for the temporal tagger, read from ``hronika/lang/<code>/timex.json``.

Nothing language-specific lives in the code: month and weekday names, units, numerals, modifiers,
vague references and tense markers are data.  A ``Lexicon`` merges one or more languages' files
(Bulgarian text is read with the English names too, for dates inside embedded posts) and turns
each word list into a lower-case lookup table and a regex alternation.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from ..lang import load_json

LANGS = ("bg", "ru", "en")
# Which data files read a sentence of each language; Latin-script English never clashes with
# Cyrillic words, so it is always added.  Close languages borrow their neighbour's data.
READS = {"bg": ("bg", "en"), "mk": ("bg", "en"), "sr": ("bg", "en"), "ru": ("ru", "en"),
         "uk": ("ru", "en"), "be": ("ru", "en"), "en": ("en",)}

# Case folding that keeps every offset: only letters whose lower case is one code point.
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЀЍЎІЇЄЃЌЅЈЉЊЋЏҐ"
FOLD = str.maketrans(_UPPER, _UPPER.lower())
assert all(len(c.lower()) == 1 for c in _UPPER)


def fold(text: str) -> str:
    """Lower case with the same length as ``text`` (so offsets carry over)."""
    return text.translate(FOLD)


def norm(phrase: str) -> str:
    return " ".join(fold(phrase).split())


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of the phrases (longest first), as a trie so that the regex engine
    does not try every phrase in turn; a space matches any run of whitespace."""
    items = {norm(w) for w in words if w}
    if not items:
        return r"(?!x)x"  # matches nothing
    trie: dict = {}
    for w in items:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict) -> str:
    end = "" in node
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _emit(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body if len(branches) == 1 else body


class Lexicon:
    """The merged data of ``langs``: dicts keyed by normalised phrase, lists as sets."""

    def __init__(self, langs: tuple[str, ...]):
        self.langs = langs
        self.data: list[dict[str, Any]] = [load_json(code, "timex.json") for code in langs]

    # -- merged access
    def map(self, key: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for d in reversed(self.data):  # the first language wins
            for k, v in (d.get(key) or {}).items():
                out[norm(k)] = v
        return out

    def set(self, key: str) -> frozenset[str]:
        out: set[str] = set()
        for d in self.data:
            out.update(norm(w) for w in (d.get(key) or []))
        return frozenset(out)

    def nested_map(self, key: str, sub: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for d in reversed(self.data):
            for k, v in ((d.get(key) or {}).get(sub) or {}).items():
                out[norm(k)] = v
        return out

    def nested_set(self, key: str, sub: str) -> frozenset[str]:
        out: set[str] = set()
        for d in self.data:
            out.update(norm(w) for w in ((d.get(key) or {}).get(sub) or []))
        return frozenset(out)

    def tense(self, code: str) -> dict[str, Any]:
        """The tense-marker data of one language (not merged: suffix rules are language-bound)."""
        for c, d in zip(self.langs, self.data):
            if c == code:
                return d.get("tense") or {}
        return {}

    def nested_alt(self, key: str, sub: str) -> str:
        return alternation(self.nested_set(key, sub))

    def alt(self, key: str) -> str:
        v = None
        for d in self.data:
            if key in d:
                v = True
        if v is None:
            return alternation(())
        words: set[str] = set()
        for d in self.data:
            val = d.get(key)
            if isinstance(val, dict):
                words.update(val)
            elif isinstance(val, list):
                words.update(val)
        return alternation(words)


@lru_cache(maxsize=None)
def lexicon_for(lang: str | None) -> Lexicon:
    return Lexicon(READS.get(lang or "bg", ("bg", "en")))
