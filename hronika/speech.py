"""What the reference, quotes and sources stages share: each language's reporting lexicon (read
from ``lang/<code>/``: speech_verbs.tsv, speech.txt, source_formulas.txt, role_nouns.tsv,
pronouns.tsv, name_gender.txt, quote_marks.tsv) and a few text helpers over ``doc.text``.

Only Bulgarian and Russian have this data; a neighbour reads its fallback's (mk -> bg, uk -> ru)
and any other language (English posts) gets an empty lexicon, so nothing is found in it.
"""
from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate

from .document import Document, Span
from .lang import fold_letters
from .lang import get as get_lang

WORD = re.compile(r"\w+(?:[-‐]\w+)*")
_WORDS_BETWEEN = re.compile(f"({WORD.pattern})")
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Role:
    role: str
    kind: str  # person / org / proxy / state
    gender: str
    definite: bool
    stem: str


@dataclass(frozen=True)
class Lexicon:
    code: str
    verbs: dict[str, tuple[str, str]] = field(default_factory=dict)  # form -> (number, gender)
    sections: dict[str, frozenset[str]] = field(default_factory=dict)
    pronouns: dict[str, tuple[str, str]] = field(default_factory=dict)  # form -> (gender, kind)
    roles: dict[str, Role] = field(default_factory=dict)  # word form -> role
    multi_roles: dict[tuple[str, ...], Role] = field(default_factory=dict)
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    marks: tuple[tuple[str, str], ...] = ()
    gender: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def multi_first(self) -> frozenset[str]:
        return frozenset(k[0] for k in self.multi_roles)

    @cached_property
    def citing_verbs(self) -> frozenset[str]:
        """The speech verbs and the source formulas' verbs (``source_formulas.txt`` [verbs])."""
        return frozenset(self.verbs) | frozenset(self.sources.get("verbs", ()))

    def has(self, section: str, word: str) -> bool:
        return word in self.sections.get(section, ())

    @cached_property
    def _tuples(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        return {}

    def tuple_of(self, *sections: str) -> tuple[str, ...]:
        """The words of these sections as one tuple, for ``str.endswith`` and ``startswith`` (endings,
        heads): made once per combination, not at each word that asks."""
        got = self._tuples.get(sections)
        if got is None:
            got = self._tuples[sections] = tuple(w for name in sections for w in self.sections.get(name, ()))
        return got

    @property
    def empty(self) -> bool:
        return not self.verbs


def _rows(lang, name: str) -> list[list[str]]:
    if not lang.has(name):
        return []
    return [r.split("\t") for r in lang.list(name)]


@lru_cache(maxsize=None)
def lexicon(code: str | None) -> Lexicon:
    lang = get_lang(code or "bg")
    if not lang.has("speech_verbs.tsv"):
        return Lexicon(code or "")
    verbs = {r[0]: (r[1], r[2]) for r in _rows(lang, "speech_verbs.tsv") if len(r) >= 3}
    sections = {k: frozenset(v) for k, v in lang.sections("speech.txt").items()}
    pronouns = {r[0]: (r[1], r[2]) for r in _rows(lang, "pronouns.tsv") if len(r) >= 3}
    roles: dict[str, Role] = {}
    multi: dict[tuple[str, ...], Role] = {}
    for r in _rows(lang, "role_nouns.tsv"):
        stem, endings, definite, role, kind, gender = (r + [""] * 6)[:6]
        defs = {("" if e == "-" else e) for e in definite.split("|")}
        for e in endings.split("|"):
            e = "" if e == "-" else e
            form = stem + e
            rl = Role(role, kind, gender, e in defs, stem)
            if " " in form:
                multi[tuple(form.split())] = rl
            else:
                roles.setdefault(form, rl)
    marks = tuple((r[0], r[1]) for r in _rows(lang, "quote_marks.tsv") if len(r) >= 2)
    return Lexicon(code or "", verbs, sections, pronouns, roles, multi,
                   lang.sections("source_formulas.txt"), marks, lang.sections("name_gender.txt"))


def lex_at(doc: Document, offset: int) -> Lexicon:
    sent = doc.covering("sentences", offset)
    return lexicon((sent.attrs.get("lang") if sent is not None else None) or doc.lang or "bg")


# ------------------------------------------------------------------ text helpers

@lru_cache(maxsize=1024)  # (the sources stage asks for the same text several times in a row)
def norm(s: str) -> str:
    return SPACE.sub(" ", fold_letters(s)).strip().casefold()


def ends_with_phrase(before: str, phrases) -> str | None:
    """The longest of ``phrases`` that ``before`` ends with, on a word boundary (None if none)."""
    b = norm(before)
    if not b.endswith(tuple(phrases)):  # most end in none: one test for all of them
        return None
    best = None
    for p in phrases:
        if b.endswith(p) and (len(b) == len(p) or not p[0].isalnum() or not b[-len(p) - 1].isalnum()):
            if best is None or (len(p), p) > (len(best), best):  # the same answer whatever the set's order
                best = p
    return best


@lru_cache(maxsize=None)
def phrase_regex(phrases: tuple[str, ...] | frozenset[str]) -> re.Pattern:
    """One pattern for a list of phrases, on word boundaries, longest first (case-folded text)."""
    alts = sorted(phrases, key=len, reverse=True) or ["(?!)"]
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alts)) + r")(?!\w)")


def words(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, case-folded word) of the words of text[lo:hi]."""
    # no match objects: the stretch split around its words (what lies between, a word, what
    # lies between, ...), their offsets the running sums of the pieces' lengths (a fifth faster)
    pieces = _WORDS_BETWEEN.split(text[lo:hi])
    at = list(accumulate(map(len, pieces), initial=lo))
    return list(zip(at[1::2], at[2::2], map(str.casefold, pieces[1::2])))


# id(document) -> (its text, the words of the whole text, their starts); an entry leaves with its
# document (weakref.finalize), and one whose text was replaced is made again.
_TEXT_WORDS: dict[int, tuple[str, list[tuple[int, int, str]], list[int]]] = {}


def text_words(doc: Document) -> tuple[list[tuple[int, int, str]], list[int]]:
    """``words(doc.text, 0, len(doc.text))`` and the words' starts, made once per document and
    shared by the stages that read it (reference, sources, quotes and events each build an
    ``Index``; each made the list again).  Callers must not change the lists."""
    key = id(doc)
    got = _TEXT_WORDS.get(key)
    if got is None or got[0] is not doc.text:
        if got is None:
            weakref.finalize(doc, _TEXT_WORDS.pop, key, None)
        ws = words(doc.text, 0, len(doc.text))
        got = _TEXT_WORDS[key] = (doc.text, ws, [w[0] for w in ws])
    return got[1], got[2]


class Index:
    """Mentions, entities and sentences of a document, looked up by offset."""

    def __init__(self, doc: Document, kb=None) -> None:
        from .kb import load as load_kb

        self.doc = doc
        self.kb = kb if kb is not None else load_kb()  # the stage's configuration passes its own
        self.entities = {e.id: e for e in doc.entities}
        self.mentions = [m for m in doc.layer("mentions") if m.attrs.get("entity") in self.entities]
        self.mstarts = [m.start for m in self.mentions]
        self.sentences = doc.layer("sentences") or [Span(0, len(doc.text))]
        self.sstarts = [s.start for s in self.sentences]
        self.paragraphs = doc.layer("paragraphs") or [Span(0, len(doc.text))]
        self.pstarts = [p.start for p in self.paragraphs]

    def words(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """``words(doc.text, lo, hi)`` from one pass over the text (the stages ask often)."""
        ws, starts = text_words(self.doc)
        i = bisect.bisect_left(starts, lo)
        j = bisect.bisect_left(starts, hi)
        out = ws[i:j]
        if out and out[-1][1] > hi:  # a word cut by hi: read that stretch itself
            return words(self.doc.text, lo, hi)
        return out

    def mentions_in(self, lo: int, hi: int) -> list[Span]:
        i = bisect.bisect_left(self.mstarts, lo)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    def sentence_no(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sstarts, offset) - 1)

    def sentence(self, offset: int) -> Span:
        return self.sentences[self.sentence_no(offset)]

    def paragraph_no(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.pstarts, offset) - 1)

    def paragraph(self, offset: int) -> Span:
        return self.paragraphs[self.paragraph_no(offset)]

    def entity(self, span: Span):
        return self.entities.get(span.attrs.get("entity"))


def word_before(text: str, pos: int) -> str:
    m = re.search(r"(\w+)\W*$", text[max(0, pos - 40):pos])
    return m.group(1).casefold() if m else ""


def governed(text: str, start: int, lex: Lexicon) -> bool:
    """A name right after a preposition (``с Мадуро``, ``на Германия``) is not a subject."""
    m = re.search(r"(\w+)[\s\"'„“”«»‚‘]*$", text[max(0, start - 30):start])
    return bool(m) and lex.has("prepositions", m.group(1).casefold())
