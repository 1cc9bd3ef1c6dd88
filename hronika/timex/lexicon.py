"""Language knowledge for the temporal tagger, read from ``hronika/lang/<code>/timex.json``.

Nothing language-specific lives in the code: month and weekday names, units, numerals, modifiers,
vague references and tense markers are data.  A ``Lexicon`` merges one or more languages' files
(a language is read with the English names too, for dates inside embedded posts) and turns each
word list into a lower-case lookup table and a regex alternation.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from .. import lang as languages

# The languages with time-expression data of their own.
LANGS = ("bg", "ru", "en")
# Latin-script English never clashes with Cyrillic words, so every language reads it too;
# a language without data of its own (nor a neighbour's) is read as this one.
ALWAYS, DEFAULT = "en", "bg"


def reads(lang: str | None) -> tuple[str, ...]:
    """The data files that read a sentence in ``lang``: its own (or its neighbour's), then English."""
    code = languages.get(lang or DEFAULT).data_code
    if code not in LANGS:
        code = DEFAULT
    return (code,) if code == ALWAYS else (code, ALWAYS)


def lower_same_length(text: str) -> str:
    """Lower case with the same length as ``text`` (so offsets carry over): a letter whose lower
    case is more than one code point (only ``İ``) stays as it is."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def norm(phrase: str) -> str:
    return " ".join(lower_same_length(phrase).split())


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
    return "(?:" + body + ")?" if end else body


class Lexicon:
    """The merged data of ``langs``: dicts keyed by normalised phrase, lists as sets."""

    def __init__(self, langs: tuple[str, ...]):
        self.langs = langs
        self.data: list[dict[str, Any]] = [languages.get(code).json("timex.json") for code in langs]

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
        """A regex for the words of ``key`` in every language (a list's items, a dict's keys)."""
        words: set[str] = set()
        for d in self.data:
            val = d.get(key)
            if isinstance(val, (dict, list)):
                words.update(val)
        return alternation(words)
