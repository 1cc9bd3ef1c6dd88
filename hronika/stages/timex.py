"""The ``timex`` stage: time expressions of each sentence, valued against the right anchor.

For each sentence the stage picks the language (``sentence.attrs["lang"]``), the anchor date
(``doc.anchor_date``: an embedded post's own date inside a post, else the article's date) and
the tense context (read by the finder from the sentence's markers), runs the pure finder
``hronika.timex.find_timexes`` on the sentence's repaired text and maps offsets back to
``doc.text``.  ``governing_timex`` gives later stages the date of a clause.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache

from .. import lang as languages
from ..document import Document, Span
from ..settings import DEFAULTS, Settings
from ..timex import DAY_VALUE, find_timexes, grammar_for
from ..timex.finder import SPECIFIC
from ..timex.rules import CONJOINED_FIRST
from ..timex.lexicon import LANGS


@lru_cache(maxsize=None)
def _clause_pattern() -> re.Pattern:
    """Punctuation and the clause-opening words of every language's data (``че``, ``что``, ``that``)."""
    words = sorted({w for code in LANGS for w in languages.get(code).json("timex.json")["tense"]["clause_breaks"]},
                   key=len, reverse=True)
    return re.compile(r"[,;:]|\s(?:" + "|".join(map(re.escape, words)) + r")\s")


class TimexStage:
    name = "timex"
    requires = ("sentences", "posts", "lang")  # posts: their dates anchor what they say
    assigns = ("timexes",)
    updates: tuple[str, ...] = ()

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULTS
        # Compile the Bulgarian rules now; the others on first use (each costs a third of a second).
        grammar_for("bg")

    def __call__(self, doc: Document) -> Document:
        text = doc.analysis_text
        sentences = doc.layer("sentences") or [Span(0, len(doc.text), "", {})]
        spans: list[Span] = []
        ref: str | None = None
        ref_at = -9  # the sentence in which ``ref`` was read
        ref_start: str | None = None  # the first day of ``ref``'s pair ('25 и 26 июля')
        pair_first: str | None = None
        previous: str | None = None  # the last specific date, day, month or year ('тогава')
        previous_at = -9
        dateline = False  # whether ``ref`` is the day of the report's dateline ('Москва. 8 мая.')
        written_year, written_at = None, -9  # the year of the last date written with its year
        for i, sent in enumerate(sentences):
            cs, ce = doc.from_source(sent.start, sent.end)
            chunk = text[cs:ce]
            if not chunk.strip():
                continue
            lang = _reading_language(doc, sent)
            anchor = doc.anchor_date(sent.start)
            near_previous = previous if i - previous_at <= 1 else None
            far_previous = previous if i - previous_at == 2 else None
            found = find_timexes(chunk, anchor, lang, ref=ref, previous=near_previous,
                                 ref_near=dateline or i - ref_at <= 1, ref_start=ref_start, previous_far=far_previous,
                                 ref_dateline=dateline, year_before=written_year if i - written_at == 1 else None)
            for t in found:
                s, e = doc.to_source(cs + t.start, cs + t.end)
                if (t.type == "DATE" and DAY_VALUE.match(t.value) and t.value > anchor.isoformat()
                        and i < _DATELINE_SENTENCES and not _YEAR.search(t.text) and _is_dateline(chunk, t)):
                    # a dateline is the report's own day, never after the article's: 'ЛОНДОН, 15
                    # января.' in an article of December 18th is last January's
                    d = dt.date.fromisoformat(t.value)
                    t = dataclasses.replace(t, value=d.replace(year=d.year - 1).isoformat()) \
                        if not (d.month == 2 and d.day == 29) else t
                attrs = {"value": t.value}
                if t.mod:
                    attrs["mod"] = t.mod
                spans.append(Span(s, e, t.type, attrs))
                if t.type == "DATE" and DAY_VALUE.match(t.value):
                    ref, ref_at = t.value, i
                    dateline = i < _DATELINE_SENTENCES and _is_dateline(chunk, t)
                    ref_start = pair_first or t.value
                    pair_first = t.value if t.rule == CONJOINED_FIRST else None
                if t.type == "DATE" and SPECIFIC.match(t.value):
                    previous, previous_at = t.value, i
                    if _YEAR.search(doc.text, s, e):
                        written_year, written_at = int(t.value[:4]), i
                    if ref and not DAY_VALUE.match(t.value) and not ref.startswith(t.value):
                        # the text moved to another year or month: 'в тот же день' no longer
                        # points back to the day read before it
                        ref, ref_start, dateline, pair_first = None, None, False, None
        doc.set_layer("timexes", spans)
        return doc


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DATELINE_SENTENCES = 4  # a dateline is among the article's first sentences
_DATELINE_WORD = re.compile(r"[^\W\d_][\w.-]*")


def _is_dateline(chunk: str, t) -> bool:
    """Whether ``t`` is the day of a dateline: a sentence that holds the day and at most a place and
    an agency's name, all capitalised ('8 мая.', 'МОСКВА, 8 ноября, ФедералПресс.'); what the
    report tells is of that day, so later clock times and 'the day before' count from it."""
    rest = _DATELINE_WORD.findall(chunk[:t.start] + " " + chunk[t.end:])
    return len(rest) <= 3 and all(w[0].isupper() for w in rest)


def _reading_language(doc: Document, sent: Span) -> str:
    """The sentence's language; but outside an embedded post, a sentence taken for the other
    Cyrillic language than the article's is read as the article's (a Russian sentence detected
    as Bulgarian lost its Russian dates)."""
    lang = sent.attrs.get("lang") or doc.lang or "bg"
    if doc.lang and lang != doc.lang and doc.covering("posts", sent.start) is None:
        own, article = languages.get(lang).data_code, languages.get(doc.lang).data_code
        if own in LANGS and article in LANGS and "en" not in (own, article):
            return doc.lang
    return lang


def governing_timex(doc: Document, start: int, end: int) -> Span | None:
    """The DATE/TIME expression that dates the clause at [start, end): in the same sentence,
    preferably in the same clause, nearest, one before the verb winning over one after it;
    None when the sentence has none with a concrete value."""
    sent = doc.covering("sentences", start, end)
    lo, hi = (sent.start, sent.end) if sent else (0, len(doc.text))
    best, best_key = None, None
    for t in doc.overlapping("timexes", lo, hi):
        if t.label not in ("DATE", "TIME"):
            continue
        if t.attrs.get("value", "").endswith("_REF"):
            continue
        before = t.end <= start
        a, b = (t.end, start) if before else (end, t.start)
        if a > b:  # overlapping the trigger
            a = b
        crossed = len(_clause_pattern().findall(doc.text[a:b]))
        key = (crossed, 0 if before else 1, b - a)
        if best_key is None or key < best_key:
            best, best_key = t, key
    return best
