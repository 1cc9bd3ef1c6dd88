"""The knowledge base: names of countries, capitals, organisations, media and office holders in
Bulgarian, Russian and English, with one global key each, and the matching rules that find an
entry from a mention in any script or inflected form.

Data (each file names its source in its first line):
* ``entities.tsv``: written by hand (capitals and cities, international organisations, news
  agencies and media, heads of state and government).  Keys follow SlavicNER's ids.
* ``countries.tsv``: CLDR territory names via Babel, with SlavicNER ids where they exist.
* ``slavicner_aliases.tsv`` / ``slavicner_names.tsv``: aliases and display names derived from the
  SlavicNER training annotations (research-only data; see hronika/models/README.md).
* ``lang/<code>/demonyms.tsv``: adjectives and demonyms of places (``беларуските`` -> BY).
* user aliases: ``HRONIKA_ALIASES`` (one or more TSV paths separated by ``os.pathsep``), else
  ``~/.config/hronika/aliases.tsv``.  Lines: ``alias<TAB>key[<TAB>type[<TAB>name]]``; ``#`` starts a
  comment.  A user alias wins over every shipped one; an unknown key makes a new entry.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .translit import has_cyrillic, skeleton, translit

HERE = Path(__file__).parent
LANG_ROOT = HERE.parent / "lang"
TYPES = ("PER", "ORG", "LOC", "EVT", "PRO")

# Priority of a source when two disagree (higher wins).
USER, HAND, COUNTRY, DERIVED = 4, 3, 2, 1

_QUOTES = re.compile(r"[\"„“”«»'’`‘]")
# Endings stripped by the crude stemmer shared by Bulgarian and Russian (longest first).
_ENDINGS = sorted("""ият ията ите ата ото ого его ому ему ыми ими ами ями ах ях ой ей ом ем ую юю ая яя
ое ее ые ие ых их ым им ът ят та то те ия ий ый а я у ю е ы и о ь й""".split(), key=len, reverse=True)


@lru_cache(maxsize=200_000)
def fold(s: str) -> str:
    """Case-folded form for exact alias matching: no quotes or stress marks, single spaces, ё -> е."""
    s = s.replace("ё", "е").replace("Ё", "Е").replace("\u0301", "").replace("\u0300", "")
    s = _QUOTES.sub("", s)
    s = s.replace("\u00ad", "").replace("–", "-").replace("—", "-")
    return " ".join(s.split()).casefold()


@lru_cache(maxsize=200_000)
def stem_word(w: str) -> str:
    w = fold(w).strip(".,;:!?()[]")
    if len(w) <= 3 or not has_cyrillic(w):
        return w
    for e in _ENDINGS:
        if w.endswith(e) and len(w) - len(e) >= 3:
            return w[: -len(e)]
    return w


@lru_cache(maxsize=100_000)
def stem_key(s: str) -> str:
    """Inflection-insensitive key: every word stemmed (``Европейския съюз`` = ``Европейски съюз``)."""
    s = fold(s).replace("-", " ")
    return " ".join(stem_word(w) for w in s.split())


@lru_cache(maxsize=100_000)
def name_skeleton(s: str) -> str:
    """Script-insensitive key: transliterated skeletons of the stemmed words."""
    return " ".join(skeleton(w) for w in stem_key(s).split())


@dataclass
class Entry:
    key: str
    type: str
    names: dict[str, str] = field(default_factory=dict)
    kind: str = ""
    of: str = ""  # for a capital or a seat of government: the country's key
    aliases: set[str] = field(default_factory=set)

    def name(self, lang: str | None) -> str:
        for l in (lang, "bg", "ru", "en"):
            if l and self.names.get(l):
                return self.names[l]
        return next(iter(self.names.values()), self.key)


def _rows(path: Path):
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


def _type_of_key(key: str) -> str:
    p = key.split("-", 1)[0]
    return "LOC" if p == "GPE" else p if p in TYPES else "ORG"


def derived_dir() -> Path:
    """Where the tables derived from SlavicNER are read from: the package, or HRONIKA_KB_DERIVED
    (the benchmark's tables built without a held-out split, see hronika/kb/build.py)."""
    return Path(os.environ.get("HRONIKA_KB_DERIVED") or HERE)


def user_alias_paths() -> list[Path]:
    env = os.environ.get("HRONIKA_ALIASES")
    if env:
        return [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    return [Path("~/.config/hronika/aliases.tsv").expanduser()]


class KB:
    def __init__(self, user_paths: list[Path] | None = None) -> None:
        self.entries: dict[str, Entry] = {}
        self.iso: dict[str, str] = {}  # ISO code -> key
        self._alias: dict[str, list[tuple[int, str]]] = {}  # fold(form) -> [(priority, key)]
        self._stem: dict[str, list[tuple[int, str]]] = {}
        self._skel: dict[str, list[tuple[int, str]]] = {}
        self._derived: dict[tuple[str, str], str] = {}  # (fold(form), type) -> id
        self._derived_any: dict[str, tuple[str, str]] = {}  # fold(form) -> (id, type)
        self.derived_names: dict[tuple[str, str], str] = {}
        self._load_countries()
        self._load_hand()
        self._load_derived()
        for p in (user_paths if user_paths is not None else user_alias_paths()):
            self.load_user(p)

    # ------------------------------------------------------------- loading

    def _entry(self, key: str, type_: str | None = None) -> Entry:
        e = self.entries.get(key)
        if e is None:
            e = self.entries[key] = Entry(key, type_ or _type_of_key(key))
        return e

    def add_alias(self, form: str, key: str, priority: int) -> None:
        if not form.strip():
            return
        self._entry(key).aliases.add(form)
        for index, k in ((self._alias, fold(form)), (self._stem, stem_key(form))):
            index.setdefault(k, []).append((priority, key))
        sk = name_skeleton(form)
        if len(sk.replace(" ", "")) >= 5:
            self._skel.setdefault(sk, []).append((priority, key))

    def _load_countries(self) -> None:
        for row in _rows(derived_dir() / "countries.tsv"):
            iso, key, bg, ru, en = (row + [""] * 5)[:5]
            e = self._entry(key, "LOC")
            e.kind, e.names = "country", {"bg": bg, "ru": ru, "en": en}
            self.iso[iso] = key
            for n in (bg, ru, en):
                self.add_alias(n, key, COUNTRY)

    def _load_hand(self) -> None:
        for row in _rows(HERE / "entities.tsv"):
            key, type_, kind, of, bg, ru, en, aliases = (row + [""] * 8)[:8]
            if kind == "country":  # extra aliases of a CLDR country, keyed by ISO code
                key = self.iso.get(key, key)
            e = self._entry(key, type_)
            e.type = type_ or e.type
            if kind != "country":
                e.kind = kind
            e.names.update({l: n for l, n in (("bg", bg), ("ru", ru), ("en", en)) if n})
            e.of = self.iso.get(of, of)
            for n in (bg, ru, en, *aliases.split("|")):
                self.add_alias(n.strip(), key, HAND)

    def _load_derived(self) -> None:
        for row in _rows(derived_dir() / "slavicner_aliases.tsv"):
            if len(row) >= 3:
                self._derived[(row[0], row[1])] = row[2]
                self._derived_any.setdefault(row[0], (row[2], row[1]))
        for row in _rows(derived_dir() / "slavicner_names.tsv"):
            if len(row) >= 3:
                self.derived_names[(row[0], row[1])] = row[2]

    def load_user(self, path: Path) -> int:
        n = 0
        for row in _rows(Path(path)):
            if len(row) < 2 or not row[0].strip() or not row[1].strip():
                continue
            alias, key = row[0].strip(), row[1].strip()
            e = self._entry(key, row[2].strip() if len(row) > 2 and row[2].strip() else None)
            if len(row) > 3 and row[3].strip() and not e.names:
                e.names["user"] = row[3].strip()
            elif not e.names:
                e.names["user"] = alias
            self.add_alias(alias, key, USER)
            n += 1
        return n

    # ------------------------------------------------------------- lookup

    @staticmethod
    def _compatible(key_type: str, mention_type: str | None) -> bool:
        return mention_type is None or key_type == mention_type

    def _best(self, cands: list[tuple[int, str]] | None, type_: str | None) -> str | None:
        if not cands:
            return None
        ok = [(p, k) for p, k in cands if self._compatible(self.entries[k].type, type_)]
        return max(ok)[1] if ok else None

    def lookup(self, form: str, type_: str | None = None) -> str | None:
        """The key of a mention, or None: exact alias, then SlavicNER's alias for this type, then
        the inflection-insensitive stem key, then the cross-script skeleton."""
        f = fold(form)
        k = self._best(self._alias.get(f), type_)
        if k:
            return k
        if type_ and (f, type_) in self._derived:
            return self._derived[(f, type_)]
        k = self._best(self._stem.get(stem_key(form)), type_)
        if k:
            return k
        sk = name_skeleton(form)
        if len(sk.replace(" ", "")) >= 5:
            k = self._best(self._skel.get(sk), type_)
            if k:
                return k
        return None

    def lookup_any_type(self, form: str) -> tuple[str, str] | None:
        """(key, type) for a form whatever its type (for Latin-script text without a model)."""
        f = fold(form)
        for index, k in ((self._alias, f), (self._stem, stem_key(form))):
            cands = index.get(k)
            if cands:
                key = max(cands)[1]
                return key, self.entries[key].type
        return self._derived_any.get(f)

    def curated(self, form: str, stem: bool = True) -> tuple[str, str] | None:
        """(key, type) of a form among the curated names only (hand table, CLDR countries, user
        aliases; not the SlavicNER-derived ones), exact or (``stem``) inflection-insensitive."""
        cands = self._alias.get(fold(form)) or (self._stem.get(stem_key(form)) if stem else None)
        if not cands:
            return None
        types = {self.entries[k].type for _, k in cands}
        if len(types) != 1:
            return None
        key = max(cands)[1]
        return key, self.entries[key].type

    def name(self, key: str, lang: str | None) -> str | None:
        e = self.entries.get(key)
        if e is not None and e.names:
            return e.name(lang)
        for l in (lang, "bg", "ru"):
            n = self.derived_names.get((key, l or ""))
            if n:
                return n
        return None

    @cached_property
    def first_names(self) -> frozenset[str]:
        """Given names (case-folded): the first words of the persons' full names in the KB (the hand
        table and the SlavicNER-derived names), less words that are names of other kinds."""
        firsts: set[str] = set()
        full = [n for e in self.entries.values() if e.type == "PER" for n in e.names.values()]
        full += [n for (key, _), n in self.derived_names.items() if key.startswith("PER-")]
        for n in full:
            parts = n.split()
            if len(parts) >= 2 and len(parts[0]) >= 3 and parts[0][:1].isupper() and parts[0].isalpha():
                firsts.add(fold(parts[0]))
        firsts |= {fold(n) for n in _given_names()}
        other = {f for f, (_, t) in self._derived_any.items() if t != "PER"}
        other |= {f for f, cands in self._alias.items() if any(self.entries[k].type != "PER" for _, k in cands)}
        return frozenset(firsts - other)

    def country_of(self, key: str) -> str | None:
        e = self.entries.get(key)
        return e.of if e is not None and e.of else None


@lru_cache(maxsize=1)
def _given_names() -> tuple[str, ...]:
    return tuple(r[0].strip() for r in _rows(LANG_ROOT / "en" / "given_names.txt") if r and r[0].strip())


@lru_cache(maxsize=1)
def load() -> KB:
    """The knowledge base (loaded once per process; user aliases read at that time)."""
    return KB()


# ----------------------------------------------------------------- adjectives and demonyms

_ADJ_ENDINGS = {
    "bg": ("", "и", "ия", "ият", "а", "ата", "о", "ото", "ите", "ец", "ецът", "еца", "ци", "ците", "ка", "ки",
           "ките", "ин", "инът", "ина", "и", "ите", "ът", "а", "я"),
    "ru": ("", "ий", "ый", "ая", "ое", "ие", "ые", "ого", "ому", "ом", "ой", "ую", "их", "ых", "им", "ым", "ими",
           "ыми", "ей", "его", "ему", "ее", "ец", "цы", "цев", "цам", "цами", "цах", "ка", "ки", "ку", "кой", "ок",
           "ы", "ов", "ам", "ами", "ах", "е", "а", "у", "ин", "ина", "е"),
    "en": ("", "s", "n", "ns", "an", "ans", "ian", "ians", "ese", "ish", "i", "is"),
}


@lru_cache(maxsize=None)
def _demonyms(lang: str) -> tuple[tuple[str, str], ...]:
    rows = [(r[0].strip().lower(), r[1].strip()) for r in _rows(LANG_ROOT / lang / "demonyms.tsv") if len(r) >= 2]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


def place_for_adjective(word: str, lang: str) -> str | None:
    """The KB key of the place an adjective or demonym names: ``беларуските`` (bg) -> ``GPE-Belarus``,
    ``венесуэльского`` (ru) -> ``GPE-Venezuela``, ``Venezuelan`` (en) -> ``GPE-Venezuela``; else None."""
    w = word.lower().replace("ё", "е").strip(".,;:!?\"'„“”«»()")
    if lang not in _ADJ_ENDINGS:
        lang = "ru" if any(c in w for c in "ыэ") else "bg" if has_cyrillic(w) else "en"
    endings = _ADJ_ENDINGS[lang]
    for stem, code in _demonyms(lang):
        if w.startswith(stem) and w[len(stem):] in endings:
            kb = load()
            return kb.iso.get(code, code)
    return None


__all__ = ["KB", "Entry", "load", "fold", "stem_key", "name_skeleton", "place_for_adjective",
           "translit", "skeleton", "user_alias_paths"]
