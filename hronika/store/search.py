"""What full-text search indexes and how a user's query becomes an FTS5 query (SQLite) or a
tsquery (PostgreSQL: ``tsvector``, ``Query.tsquery``, over the same words and stems).

An article is indexed twice (SQLite, ``documents_fts``): its words (``title``, ``text``, with each
language's folding letters: ``ё`` is ``е``) and the stems of its words (``stitle``, ``stext``,
``hronika.kb.stem_word``).  A query word is looked up among the stems, by the shortest stem any of
its forms has (``бюджет`` -> ``бюдже*``, which ``бюджета``'s stem ``бюдже`` and ``бюджетът``'s
``бюджет`` both start with), so that every form of a word finds every other.  A word with a
trailing ``*`` is a prefix of the words themselves, as written.

Query language (``hronika search --help`` teaches it):
  words are all required; ``OR`` between two terms takes either; ``NOT term`` excludes; ``AND`` is
  allowed and changes nothing; ``"a phrase"`` wants its words in a row; ``word*`` is a prefix.
  Everything else is text: punctuation separates words, no input is a syntax error.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..kb import _stem_endings, stem_word
from ..kb.translit import has_cyrillic
from ..lang import fold, fold_letters

# A word as the FTS5 unicode61 tokenizer sees one (letters, digits), with the combining marks
# (stress accents) it drops; "_" separates.
WORD = re.compile(r"[^\W_][^\W_\u0300-\u036f]*(?:[\u0300-\u036f]+[^\W_]*)*")
_CHUNK = re.compile(r'"([^"]*)"?|([^\s"]+)')
OPERATORS = ("AND", "OR", "NOT")


def index_text(s: str) -> str:
    """A title or text as the word columns hold it: folding letters folded (same length)."""
    return fold_letters(s)


def stems(s: str) -> str:
    """The stems of the words of ``s``, in order, for the stem columns."""
    return " ".join(_stem(m.group()) for m in WORD.finditer(s))


def fts_row(title: str | None, text: str) -> dict[str, str]:
    """The values of one article's row in ``documents_fts`` (title, text, stitle, stext)."""
    return {"t": index_text(title or ""), "x": index_text(text), "st": stems(title or ""), "sx": stems(text)}


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return stem_word(fold(word)) or fold(word)


@lru_cache(maxsize=10_000)
def query_stem(word: str) -> tuple[str, bool]:
    """The stem a query word is looked up by, and whether as a prefix: the shortest stem of any
    form of the word (the word and the word with each ending) that begins the word."""
    own = _stem(word)
    folded = fold(word)
    if len(folded) <= 3 or not has_cyrillic(folded):  # the stemmer strips Cyrillic endings only
        return own, False
    forms = {own} | {stem_word(folded + e) for e in _stem_endings()}
    best = min((f for f in forms if folded.startswith(f) and len(f) >= 3), key=len, default=own)
    return best, True


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase's words in order
    prefix: bool = False  # the last word is a prefix of the written word (``word*``)

    def fts(self) -> str:
        if self.prefix:  # the words as written, the last one a prefix
            parts = [_quote(fold(w)) for w in self.words]
            parts[-1] += "*"
            return "{title text}: (" + " + ".join(parts) + ")"
        parts = []
        for w in self.words:
            stem, is_prefix = query_stem(w)
            parts.append(_quote(stem) + ("*" if is_prefix else ""))
        return "{stitle stext}: (" + " + ".join(parts) + ")"

    def tsquery(self) -> str:
        """This term as a PostgreSQL tsquery over ``terms_vector`` ('' when it has no lexeme)."""
        if self.prefix:
            parts = [_lexeme(fold(w)) for w in self.words]
            parts[-1] += ":*"
        else:
            parts = []
            for w in self.words:
                stem, is_prefix = query_stem(w)
                parts.append(_lexeme(STEM_MARK + stem) + (":*" if is_prefix else ""))
        return "(" + " <-> ".join(parts) + ")"

    def matches(self, word: str, i: int) -> bool:
        """Whether a word of the text matches this term's ``i``-th word."""
        if self.prefix:
            w = fold(word)
            return w.startswith(fold(self.words[i])) if i == len(self.words) - 1 else w == fold(self.words[i])
        stem, is_prefix = query_stem(self.words[i])
        own = _stem(word)
        return own.startswith(stem) if is_prefix else own == stem


@dataclass(frozen=True)
class Query:
    groups: tuple[tuple[Term, ...], ...]  # every group is required; one of a group's terms will do
    excluded: tuple[Term, ...]

    def fts(self) -> str:
        """The FTS5 expression; '' when there is nothing to look for (no positive term)."""
        if not self.groups:
            return ""
        expr = " AND ".join("(" + " OR ".join(t.fts() for t in g) + ")" for g in self.groups)
        if not self.excluded:
            return expr
        return "".join([f"({expr})"] + [f" NOT ({t.fts()})" for t in self.excluded])

    def tsquery(self) -> str:
        """The PostgreSQL tsquery text (cast, not parsed by ``to_tsquery``: every lexeme is quoted,
        so no input is a syntax error); '' when there is nothing to look for."""
        if not self.groups:
            return ""
        expr = " & ".join("(" + " | ".join(t.tsquery() for t in g) + ")" for g in self.groups)
        return "".join([f"({expr})"] + [f" & !{t.tsquery()}" for t in self.excluded])

    @property
    def terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]


def parse(query: str) -> Query:
    query = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in query)
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending = None  # the operator waiting for the next term
    for m in _CHUNK.finditer(query):
        phrase, word = m.group(1), m.group(2)
        prefix = False
        if word is not None:
            if word in OPERATORS:
                pending = word if word != "AND" else pending
                continue
            prefix = word.endswith("*")
            phrase = word
        words = tuple(w.group() for w in WORD.finditer(phrase))
        if not words:
            continue
        term = Term(words, prefix and phrase.rstrip("*").endswith(words[-1]))
        if pending == "NOT":
            excluded.append(term)
        elif pending == "OR" and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending = None
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


def fts_query(query: str) -> str:
    """A user's query as an FTS5 expression that is never a syntax error ('' for nothing)."""
    return parse(query).fts()


# ------------------------------------------------------------------ PostgreSQL

# PostgreSQL indexes one tsvector per article (``documents_search.terms``, migration 10) built here,
# not by its own parser, so that words are cut and folded exactly as for SQLite: each word folded,
# and at the same position its stem marked with STEM_MARK (no word starts with it), title words
# weighted A.  A phrase cannot run from the title into the text (a gap of one position).
STEM_MARK = "~"
_MAX_LEXEME = 500  # characters; PostgreSQL refuses lexemes of 2 kB
_MAX_POS = 16383  # PostgreSQL's last position: later words share it


def _lexeme(s: str) -> str:
    return "'" + s[:_MAX_LEXEME].replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(title: str | None, text: str) -> str:
    """The tsvector text of one article (see STEM_MARK); cast it with ``CAST(:v AS tsvector)``."""
    where: dict[str, list[str]] = {}
    pos = 0
    for part, weight in ((title or "", "A"), (text, "")):
        for m in WORD.finditer(part):
            pos = min(pos + 1, _MAX_POS)
            word = fold(m.group())
            for lex in (word, STEM_MARK + _stem(m.group())):
                where.setdefault(lex, []).append(f"{pos}{weight}")
        pos += 1
    return " ".join(_lexeme(lex) + ":" + ",".join(dict.fromkeys(p)) for lex, p in where.items())


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


# ------------------------------------------------------------------ snippets


def highlights(text: str, query: Query) -> list[tuple[int, int]]:
    """Spans of ``text`` the query's terms match (a phrase: one span from its first word to its
    last), in order, not overlapping."""
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    spans = []
    for term in query.terms:
        n = len(term.words)
        for i in range(len(words) - n + 1):
            if all(term.matches(words[i + k][2], k) for k in range(n)):
                spans.append((words[i][0], words[i + n - 1][1]))
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def snippet(text: str, query: Query, marks: tuple[str, str] = ("[", "]"), words: int = 24) -> str:
    """One line of ``text`` around the first match, about ``words`` words long, with every match
    between the marks; the opening of the text when only the title matched."""
    spans = highlights(text, query)
    bounds = [m.span() for m in WORD.finditer(text)]
    if not bounds:
        return ""
    first = 0
    if spans:
        first = next(i for i, (s, e) in enumerate(bounds) if e > spans[0][0])
    lo = max(0, first - words // 3)
    hi = min(len(bounds), lo + words)
    start, end = bounds[lo][0], bounds[hi - 1][1]
    if spans:  # a phrase that runs past the window is shown whole
        end = max(end, next((e for s, e in spans if s < end), end))
    out, at = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out += [text[at:s], marks[0], text[s:e], marks[1]]
        at = e
    out.append(text[at:end])
    line = " ".join("".join(out).split())
    return ("…" if lo > 0 else "") + line + ("…" if hi < len(bounds) else "")
