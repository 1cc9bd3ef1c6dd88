"""Tokens and sentences.

Tokens come from spaCy's Bulgarian tokenizer rules run once over the repaired text, mapped back
to the text as given.  Sentences end at paragraph and post boundaries and after terminal
punctuation, except after abbreviations (``проф.``, ``ул.``, initials ``А.``) and where the next
word does not start a sentence (``2020 г. протестите``).
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from operator import attrgetter

from ..document import Document, Span
from .. import lang
from ..lang import load_sections
from ..settings import DEFAULTS, Settings
from .spacy_import import spacy

TERMINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?", "?..", "!..", "?!.."})
CLOSERS = frozenset({"\"", "”", "“", "»", "'", "’", ")", "]", "›"})
LANGS = ("bg", "ru")


# A hyphen or dash between a letter and a number is a token of its own (``поток-2`` -> ``поток - 2``,
# ``Covid-19`` -> ``Covid - 19``): the name and its number are then separate words, as they are when
# written with spaces, and the NER sees one spelling of ``Северен поток 2``.
_LETTER_DASH_DIGIT = r"(?<=[^\W\d_])[-–—](?=\d)"
# Text glued where a space or a line was lost (``ТАСС.Потвърдена``, ``Дания./БГНЕС``,
# ``в“Северен``, ``2“е“Газпром“``): a period between a word and a capitalised word, a slash before
# a letter, and a quotation mark between word characters are tokens of their own.  Web addresses
# are matched whole before these rules apply; ``NEWS.BG``, ``т.е.`` and ``01/02`` stay as they are.
_GLUED = (rf"(?<=[^\W\d_]{{2}})\.(?=[^\W\d_][^\W\d_]*[a-z{lang.CYRILLIC_BASIC_LOWER}])",  # ТАСС.Потвърдена, not т.е. or NEWS.BG
          r"(?<=[^\W\d_]{2})\.(?=[“„\"«][^\W\d_])", r"(?<=[^\W\d_])\.(?=/)", r"(?<=[.,;:!?])/(?=[^\W\d_])",  # Дания./БГНЕС
          r"(?<=[\w.,])[“”„\"«»](?=\w)", r"(?<=\w)[“”„\"«»](?=[\w.,])")


@lru_cache(maxsize=1)
def tokenizer():
    """spaCy's Bulgarian tokenizer with more infix rules (see _LETTER_DASH_DIGIT and _GLUED); the
    NER models are trained on the tokens of this very tokenizer (hronika/train/ner.py).  Built
    once with the rules (not built with spaCy's and then given ours: its infix regex alone took
    0.035 s to compile)."""
    spacy()
    from spacy import util
    from spacy.lang.bg import Bulgarian
    from spacy.tokenizer import Tokenizer

    class ReadingDefaults(Bulgarian.Defaults):
        infixes = [*Bulgarian.Defaults.infixes, _LETTER_DASH_DIGIT, *_GLUED]

    class Reading(Bulgarian):
        Defaults = ReadingDefaults

    def create(nlp):
        # spaCy's own factory (spacy.language.create_tokenizer), with the skipping searches given
        # at once: set afterwards, each of the two loaded the 345 special cases again (0.03 s)
        d = nlp.Defaults
        return Tokenizer(nlp.vocab, rules=d.tokenizer_exceptions,
                         prefix_search=util.compile_prefix_regex(d.prefixes).search if d.prefixes else None,
                         suffix_search=Skipped(util.compile_suffix_regex(d.suffixes).search, str.isalpha, None),
                         infix_finditer=Skipped(util.compile_infix_regex(d.infixes).finditer, str.isalnum, ()),
                         token_match=d.token_match, url_match=d.url_match)

    return Reading(create_tokenizer=create).tokenizer


class Skipped:
    """One of the tokenizer's affix searches, not run on the strings where it cannot find anything
    (most words; each new word's string is searched, and for suffixes searched again after each
    split).  Every infix rule's match begins with a character that is neither a letter nor a digit
    (a punctuation mark or a symbol; only its look-behind may read letters), so a string of letters
    and digits holds none; every suffix rule's match holds a character that is not a letter, or
    follows a digit (``5km``), so a string of letters only ends in none (spaCy's empty suffix rule
    matches nothing there, as this answers).  Over the 300 bench articles, cold vocabulary, the
    tokenizer took 0.395 s CPU with both regexes run everywhere, 0.24 s with these skips.
    ``__self__`` is the compiled regex, as spaCy's serialization reads it."""

    def __init__(self, search, cannot_match, nothing) -> None:
        self.search = search
        self.cannot_match = cannot_match
        self.nothing = nothing
        self.__self__ = search.__self__

    def __call__(self, text: str):
        return self.nothing if self.cannot_match(text) else self.search(text)


@lru_cache(maxsize=1)
def abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    title: set[str] = set()
    anywhere: set[str] = set()
    for lang in LANGS:
        sec = load_sections(lang, "abbreviations.txt")
        title.update(a.lower() for a in sec.get("title", ()))
        anywhere.update(a.lower() for a in sec.get("any", ()))
    return frozenset(title), frozenset(anywhere)


def _latin(ch: str) -> bool:
    return "a" <= ch.lower() <= "z"


def _starts_sentence(word: str) -> bool:
    ch = word[:1]
    return ch.isupper() or ch.isdigit() or ch in "„\"«“'(—–-•*⚡#@" or not ch.isalnum() and ch not in ",;:)]"


def split_tokens(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, whitespace follows) for each non-space token of ``text``."""
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, LENGTH, SPACY

    rows = tokenizer()(text).to_array([IDX, LENGTH, SPACY, IS_SPACE])  # no Token objects: faster
    idx, length, ws, space = rows.T
    keep = space == 0  # (a whitespace token is none: it tells that whitespace follows the one before)
    follows = (ws != 0) | np.append(space[1:] != 0, False)
    return list(zip(idx[keep].tolist(), (idx + length)[keep].tolist(), follows[keep].tolist()))


def sentence_breaks(words: list[str], hard: set[int], spaces: list[bool] | None = None) -> list[int]:
    """Indices i such that a sentence starts at token i (always including 0).

    ``hard`` holds indices where a sentence must start (paragraph and post boundaries);
    ``spaces[i]`` says whether whitespace follows token i (it tells a straight quote that closes,
    glued to the word before it, from one that opens).
    """
    spaces = spaces or [True] * len(words)
    title, anywhere = abbreviations()
    starts = [0] if words else []
    n = len(words)
    # Only a terminal mark, a word with a period at its end or an abbreviation of ``anywhere`` can end
    # a sentence: the other words (nine in ten) are passed over at once.  (With every such
    # abbreviation ending in a period, a word that is one ends in a period too.)
    if all(a.endswith(".") for a in anywhere):
        candidates = [i for i, w in enumerate(words) if w[-1:] == "." or w in TERMINAL]
    else:
        candidates = [i for i, w in enumerate(words) if w[-1:] == "." or w in TERMINAL or w.lower() in anywhere]
    at = 0  # (where the scan goes on: a sentence end moves it past the closing marks)
    for i in candidates:
        if i < at:
            continue
        w = words[i]
        low = w.lower()
        if w == "." and i > 0 and not spaces[i - 1]:
            low = words[i - 1].lower() + "."  # an abbreviation whose period the tokenizer split off
        boundary = False
        if low in title or (len(low) == 2 and low[0].isalpha() and words[i - 1 if w == "." else i][:1].isupper()):
            boundary = False  # a title before a name, or an initial
        elif w in TERMINAL or low in anywhere:
            boundary = True
        elif w.endswith(".") and len(w) > 2 and w[-2].isalpha() and "." not in w[:-1]:
            boundary = True  # a word the tokenizer kept with its period at a sentence end
        if boundary and w == "." and 0 < i < n - 1 and not spaces[i - 1] and not spaces[i] \
                and _latin(words[i - 1][-1:]) and _latin(words[i + 1][:1]):
            boundary = False  # a period inside a Latin name (``Leave.EU``, ``Booking.com``)
        j = i + 1
        if boundary:
            while j < n and words[j] in CLOSERS and j not in hard and not spaces[j - 1]:
                j += 1
            if j < n and j not in hard and not _starts_sentence(words[j]):
                boundary = False
        if boundary and j < n:
            starts.append(j)
        at = j if boundary else i + 1
    starts.extend(h for h in hard if 0 < h < n)
    return sorted(set(starts))


class SentenceStage:
    name = "sentences"
    requires = ("paragraphs", "posts")  # their edges are sentence boundaries
    assigns = ("tokens", "sentences")
    updates: tuple[str, ...] = ()

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULTS

    def __call__(self, doc: Document) -> Document:
        atext = doc.analysis_text
        rows = split_tokens(atext)
        words = [atext[s:e] for s, e, _ in rows]
        spaces = [ws for _, _, ws in rows]
        if doc.clean is None:  # the text as given: offsets and words are the source's
            tokens = [Span(s, e, "", {"ws": ws}) for s, e, ws in rows]
        else:
            tokens = []
            for (s, e, ws), word in zip(rows, words):
                src_s, src_e = doc.to_source(s, e)
                attrs = {"ws": ws}
                if doc.text[src_s:src_e] != word:
                    attrs["text"] = word
                tokens.append(Span(src_s, src_e, "", attrs))
        # Paragraph and post edges are hard boundaries.
        edges = sorted({p.start for p in doc.layer("paragraphs")}
                       | {x for p in doc.layer("posts") for x in (p.start, p.attrs.get("body_end", p.end), p.end)})
        # (the first token at or after each edge starts a sentence)
        hard = {i for i in (bisect.bisect_left(tokens, e, key=attrgetter("start")) for e in edges) if 0 < i < len(tokens)}
        starts = sentence_breaks(words, hard, spaces)
        sentences = []
        for a, b in zip(starts, starts[1:] + [len(tokens)]):
            if b > a:
                sentences.append(Span(tokens[a].start, tokens[b - 1].end, "", {"tokens": [a, b]}))
        doc.set_layer("tokens", tokens)
        doc.set_layer("sentences", sentences)
        return doc
