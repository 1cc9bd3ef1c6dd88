"""Language data: plain files under lang/<code>/, each headed by where it came from.

Text files: one item a line; lines starting with '#' are comments (the first names the source).
JSON files: a "_source" key names the source.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

ROOT = Path(__file__).parent
# The language read when nothing says which (hronika reads Bulgarian news first).
DEFAULT = "bg"


def path(lang: str, name: str) -> Path:
    return ROOT / lang / name


@lru_cache(maxsize=None)
def load_list(lang: str, name: str) -> tuple[str, ...]:
    items = []
    for line in path(lang, name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            items.append(line)
    return tuple(items)


@lru_cache(maxsize=None)
def load_json(lang: str, name: str) -> dict:
    return json.loads(path(lang, name).read_text(encoding="utf-8"))


def header(p: Path) -> str:
    """The source line of a data file (for sanity tests)."""
    if p.suffix == ".json":
        return str(json.loads(p.read_text(encoding="utf-8")).get("_source", ""))
    first = p.read_text(encoding="utf-8").splitlines()[0] if p.stat().st_size else ""
    return first.lstrip("# ").strip() if first.startswith("#") else ""


@lru_cache(maxsize=None)
def load_sections(lang: str, name: str) -> dict[str, tuple[str, ...]]:
    """A list file split by ``[section]`` lines."""
    out: dict[str, list[str]] = {}
    current = ""
    for item in load_list(lang, name):
        if item.startswith("[") and item.endswith("]"):
            current = item[1:-1]
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(item)
    return {k: tuple(v) for k, v in out.items()}


# ------------------------------------------------------------------ languages

# A language hronika meets but has no data of its own for reads its close neighbour's data and
# model.  This is the only place that says so.
FALLBACK = {"mk": "bg", "sr": "bg", "uk": "ru", "be": "ru"}
# Languages whose NER model ships (hronika/models/ner-<code>).
MODELS = frozenset({"bg", "ru"})
# Languages with a morphological analyser (pymorphy3 and its dictionary, a dependency).
MORPHOLOGY = frozenset({"ru"})


@lru_cache(maxsize=None)
def _analyser(code: str):
    try:
        import pymorphy3
    except ImportError:  # optional at run time: the rules that ask fall back to surface forms
        return None
    return pymorphy3.MorphAnalyzer(lang=code)


@dataclass(frozen=True)
class Language:
    """One language's defaults: where its data is read from, which model reads it, how its words
    are folded.  Algorithms ask this object; they hold no language's words themselves."""

    code: str

    @cached_property
    def data_code(self) -> str:
        """The folder under lang/ that holds this language's data (its own, else its neighbour's)."""
        return self.code if (ROOT / self.code).is_dir() else FALLBACK.get(self.code, self.code)

    @property
    def fallback(self) -> str | None:
        return FALLBACK.get(self.code)

    @property
    def model(self) -> str | None:
        """The language of the NER model that reads this language (None: rules only)."""
        code = FALLBACK.get(self.code, self.code)
        return code if code in MODELS else None

    def path(self, name: str) -> Path:
        return path(self.data_code, name)

    def has(self, name: str) -> bool:
        return self.path(name).exists()

    def list(self, name: str) -> tuple[str, ...]:
        return load_list(self.data_code, name)

    def json(self, name: str) -> dict:
        return load_json(self.data_code, name)

    def sections(self, name: str) -> dict[str, tuple[str, ...]]:
        return load_sections(self.data_code, name)

    @property
    def morph(self):
        """The morphological analyser of this language's data (pymorphy3), loaded once per
        process on first use; None where there is none."""
        code = self.data_code
        return _analyser(code) if code in MORPHOLOGY else None

    @cached_property
    def folding(self) -> dict[str, str]:
        """Letters this language writes in two ways that name one thing (lang/<code>/folding.json:
        Russian ``ё`` is ``е``); lower case, the upper-case pairs follow."""
        return self.json("folding.json").get("letters", {}) if self.has("folding.json") else {}


@lru_cache(maxsize=None)
def get(code: str) -> Language:
    """The Language for an ISO 639-1 code (``get("mk").data_code == "bg"``)."""
    return Language(code)


def languages() -> tuple[str, ...]:
    """The codes that have a data folder of their own."""
    return tuple(sorted(p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith("_")))


def union(name: str, codes: tuple[str, ...] | None = None) -> frozenset[str]:
    """The items of a list file over several languages (every language that has it by default),
    for rules that read text of any language."""
    return frozenset(w for c in codes or languages() if get(c).has(name) for w in get(c).list(name))


# ------------------------------------------------------------------ folding

# Marks that never tell two names apart: quotation marks, stress accents, soft hyphens; dashes are
# one hyphen.
_QUOTES = re.compile(r"[\"„“”«»'’`‘]")
_MARKS = {"\u0301": "", "\u0300": "", "\u00ad": "", "–": "-", "—": "-"}


@lru_cache(maxsize=1)
def _fold_pairs() -> tuple[tuple[str, str], ...]:
    pairs = dict(_MARKS)
    for code in languages():
        for a, b in get(code).folding.items():
            pairs[a], pairs[a.upper()] = b, b.upper()
    return tuple(pairs.items())


@lru_cache(maxsize=1)
def _letter_table() -> dict[int, str]:
    return str.maketrans({a: b for code in languages() for a, b in get(code).folding.items()})


@lru_cache(maxsize=1)
def _letter_pairs() -> tuple[tuple[str, str], ...] | None:
    """The folding letters as (letter, replacement) pairs, when replacing them one after the other
    is the same as translating them at once (no replacement holds a letter that folds); else None."""
    table = _letter_table()
    pairs = tuple((chr(a), b) for a, b in table.items())
    return None if any(ord(c) in table for _, b in pairs for c in b) else pairs


@lru_cache(maxsize=65536)  # (about 100,000 calls over 300 articles, one in ten a new word: half the time)
def fold_letters(word: str) -> str:
    """A word in lower case with each language's folding letters (``ё`` -> ``е``), nothing removed:
    the same length, so offsets carry over."""
    low = word.lower()
    pairs = _letter_pairs()
    if pairs is None:
        return low.translate(_letter_table())
    for a, b in pairs:  # most words hold none of them (faster than str.translate: 85,000 calls a reading)
        if a in low:
            low = low.replace(a, b)
    return low


@lru_cache(maxsize=200_000)
def fold(s: str) -> str:
    """The key form of a name, the same for every language's spelling of it: case-folded, without
    quotes, stress marks or soft hyphens, one hyphen for every dash, single spaces, and each
    language's folding letters (``ё`` -> ``е``).  KB tables are written and looked up with it."""
    for a, b in _fold_pairs():
        if a in s:  # most names hold none of them (faster than str.translate)
            s = s.replace(a, b)
    return " ".join(_QUOTES.sub("", s).split()).casefold()


# Cyrillic letter ranges for regular-expression classes: the letters Bulgarian and Russian share
# (а-я), and with ё, which lies outside that range.
CYRILLIC_BASIC_LOWER = "а-я"
CYRILLIC_LOWER = "а-яё"
CYRILLIC_UPPER = "А-ЯЁ"
