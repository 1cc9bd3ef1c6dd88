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
* user aliases: the files of ``Settings.aliases`` (by default ``~/.config/hronika/aliases.tsv``).
  Lines: ``alias<TAB>key[<TAB>type[<TAB>name]]``; ``#`` starts a comment.  A user alias wins over
  every shipped one; an unknown key makes a new entry.

Names are compared by their ``hronika.lang.fold`` key, the one the derived tables are written with.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .. import lang
from ..lang import fold
from ..settings import DEFAULTS, Settings
from .translit import guess_cyrillic_lang, has_cyrillic, skeleton, translit

HERE = Path(__file__).parent
# The entity types (SlavicNER's), here and in the KB tables, the NER training and the benchmark.
TYPES = ("PER", "ORG", "LOC", "EVT", "PRO")

# Priority of a source when two disagree (higher wins).
USER, HAND, COUNTRY, DERIVED = 4, 3, 2, 1



@lru_cache(maxsize=1)
def _stem_endings() -> tuple[str, ...]:
    """Endings the crude stemmer strips from any Cyrillic word (Bulgarian's and Russian's), longest
    first."""
    return tuple(sorted(lang.union("stem_endings.txt"), key=len, reverse=True))


@lru_cache(maxsize=200_000)
def stem_word(w: str) -> str:
    w = fold(w).strip(".,;:!?()[]")
    if len(w) <= 3 or not has_cyrillic(w):
        return w
    for e in _stem_endings():
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


class KB:
    def __init__(self, user_paths: list[Path] | None = None, derived: Path | None = None) -> None:
        """``user_paths``: alias files (None: the default settings'); ``derived``: the folder of the
        SlavicNER-derived tables (None: the package's; the benchmark passes tables built without a
        held-out split, see hronika/kb/build.py)."""
        self.derived_dir = Path(derived) if derived else HERE
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
        for p in (user_paths if user_paths is not None else DEFAULTS.alias_paths()):
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
        for row in _rows(self.derived_dir / "countries.tsv"):
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
        for row in _rows(self.derived_dir / "slavicner_aliases.tsv"):
            if len(row) >= 3:
                self._derived[(row[0], row[1])] = row[2]
                self._derived_any.setdefault(row[0], (row[2], row[1]))
        for row in _rows(self.derived_dir / "slavicner_names.tsv"):
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
    """Every language's hand list of given names (lang/<code>/given_names.txt; a list file, or its
    ``[names]`` section)."""
    out: list[str] = []
    for code in lang.languages():
        if lang.get(code).has("given_names.txt"):
            sec = lang.get(code).sections("given_names.txt")
            out += sec.get("names", sec.get("", ()))
    return tuple(out)


def load(settings: Settings | None = None) -> KB:
    """The knowledge base of a configuration (its alias files and derived tables), loaded once per
    configuration: two configurations in one process hold two KBs."""
    s = settings or DEFAULTS
    return _load(tuple(s.alias_paths()), s.kb_derived)


@lru_cache(maxsize=8)
def _load(alias_paths: tuple[Path, ...], derived: Path | None) -> KB:
    return KB(list(alias_paths), derived)


# ----------------------------------------------------------------- adjectives and demonyms

@lru_cache(maxsize=None)
def _demonyms(code: str) -> tuple[tuple[str, str], ...]:
    rows = [(r[0].strip().lower(), r[1].strip()) for r in _rows(lang.get(code).path("demonyms.tsv")) if len(r) >= 2]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


def place_for_adjective(word: str, code: str, kb: KB | None = None) -> str | None:
    """The KB key of the place an adjective or demonym names: ``беларуските`` (bg) -> ``GPE-Belarus``,
    ``венесуэльского`` (ru) -> ``GPE-Venezuela``, ``Venezuelan`` (en) -> ``GPE-Venezuela``; else None.
    A language without data of its own is told by the word's letters."""
    iso = _adjective_iso(word, code)
    return None if iso is None else (kb or load()).iso.get(iso, iso)


@lru_cache(maxsize=100_000)
def _adjective_iso(word: str, code: str) -> str | None:
    """The ISO code of the place an adjective or demonym names (the stages ask for the same words
    again and again)."""
    w = lang.fold_letters(word).strip(".,;:!?\"'„“”«»()")
    if lang.get(code).data_code != code:
        code = guess_cyrillic_lang(w) if has_cyrillic(w) else "en"
    endings = _demonym_endings(code)
    for stem, iso in _demonyms_by_start(code).get(w[:_START], ()):
        rest = w[len(stem):]
        if w.startswith(stem) and (not rest or rest in endings):
            return iso
    return None


_START = 2  # a word is tried only against the stems that share its first letters


@lru_cache(maxsize=None)
def _demonyms_by_start(code: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """``_demonyms`` by their first letters, longest first in each group (as in ``_demonyms``)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for stem, iso in _demonyms(code):
        if len(stem) < _START:
            raise ValueError(f"lang/{code}/demonyms.tsv: a stem of fewer than {_START} letters: {stem!r}")
        out.setdefault(stem[:_START], []).append((stem, iso))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def _demonym_endings(code: str) -> frozenset[str]:
    return frozenset(lang.get(code).list("demonym_endings.txt"))



__all__ = ["KB", "Entry", "TYPES", "load", "fold", "stem_key", "name_skeleton", "place_for_adjective",
           "translit", "skeleton"]
