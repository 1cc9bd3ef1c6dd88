"""Find and normalise time expressions: ``find_timexes(text, anchor, lang) -> list[Timex]``.

Per language (grammar.py) a scan finds, left to right, the places where a time word could start;
at each, the rules that can open with its first token (openers.py; named patterns, most specific
first) are tried in order, as one alternation of all rules would be.  Each rule's function
(rules.py) turns its groups into a TIMEX3 value, or rejects the match (then the later rules that
can open there are tried) or vetoes it (an age, a count: nothing is read there).  A last pass joins a day with a
clock time next to it (``в 15:20 в неделя``).  Words come from ``hronika/lang/<code>/timex.json``
(see lexicon.py).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .grammar import Grammar, grammar_for
from .lexicon import lower_same_length, norm
from .openers import token_at
from .rules import CONJOINED_FIRST, DAY_VALUE, REJECT, THEN, VETO, Context, resolve

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+|\b[\w.-]+\.(?:com|bg|ru|org|net|eu|info|uk|io|tv)/\S*")
SPECIFIC = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")
_QUOTES = frozenset("\"'„“”«»‘’")
_SENTENCE_END = re.compile(r"[.!?]\s")
_AT_SENTENCE_START = re.compile(r"[.!?]\s+$")
_YEAR_WRITTEN = re.compile(r"(?<!\d)\d{4}(?!\d)")
_MERGE_GAP = re.compile(r"^\s*[,|–—-]?\s*(?:\w{1,4}\s+)?$")


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    text: str = ""
    rule: str = field(default="", compare=False)


def find_timexes(text: str, anchor: dt.date, lang: str | None = "bg", *, tense: str | None = None,
                 ref: str | None = None, previous: str | None = None, ref_near: bool = True,
                 ref_start: str | None = None, previous_far: str | None = None, ref_dateline: bool = False,
                 year_before: int | None = None) -> list[Timex]:
    """Time expressions of ``text`` with TIMEX3 values, relative ones resolved against ``anchor``.

    ``lang``: the language of the text (bg, ru, en; a language without data is read with its
    neighbour's, see ``hronika.lang.FALLBACK``).
    ``tense``: 'past' or 'future' to force the direction of bare weekdays and months; by
    default it is read from the markers around each expression.
    ``ref``: the value of the most recent specific day before ``text`` (for ``на същия ден``).
    ``previous``: the value of the most recent specific date (a day, month or year) of the
    sentence before ``text`` (for ``тогава`` opening a sentence).
    ``ref_start``: the first day of ``ref``'s pair when ``ref`` closed one ('25 и 26 июля': the
    25th), for counting back ('накануне' is the eve of the first day); by default ``ref``.
    ``previous_far``: the same, read two sentences before, for the emphatic 'тогда же' only.
    ``ref_dateline``: whether ``ref`` is the day of the report's dateline ('Москва. 8 мая.').
    ``year_before``: a year written out in the sentence before (for a month in a past clause).
    ``ref_near``: whether ``ref`` was read in this sentence's neighbour (else ``предния ден``,
    ``накануне``, ``вечерта`` count from the anchor until a day is read in ``text``).
    """
    g = grammar_for(lang)
    folded = lower_same_length(text)
    ctx = Context(text, folded, anchor, g, tense, ref)
    ctx.ref_near = ref_near
    ctx.ref_start = ref_start or ref
    pair_first: str | None = None  # the first day of a pair joined by 'и', until its second
    ctx.last_specific = previous if previous and SPECIFIC.match(previous) else None
    ctx.ref_dateline = ref_dateline
    if year_before:
        # the sentence before's year, until one is read here (then only for a clause in the past)
        ctx.year_here, ctx.year_before = year_before, True
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)] if ("/" in text or "www" in folded) else []
    out: list[Timex] = []
    pos, n = 0, len(text)
    scan, rules_at = g.scan, g.dispatch.at
    while pos < n:
        m0 = scan.search(folded, pos)
        if m0 is None:
            break
        at = m0.start()
        m, candidates = None, rules_at(token_at(folded, at))
        for k, (_, rx) in enumerate(candidates):
            m = rx.match(folded, at)
            if m is not None:
                break
        if m is None:
            pos = at + 1
            continue
        name = m.lastgroup
        res, mm = _try(name, m, ctx, candidates[k + 1:])
        if res is None:
            pos = m.start() + 1
            continue
        if res == VETO:
            pos = mm.end()
            continue
        s, e = mm.span()
        if s and e < n and text[s - 1] in _QUOTES and text[e] in _QUOTES:
            pos = e  # a quoted title: the newspaper "24 часа"
            continue
        if any(us < e and s < ue for us, ue in urls):
            pos = max(e, s + 1)
            continue
        if res == THEN:
            prev = next((t for t in reversed(out) if t.type == "DATE" and SPECIFIC.match(t.value)), None)
            # a date of an earlier sentence only for 'тогава' opening its sentence ('по-късно' is later)
            across = norm(text[s:e]) in g.then_across and (
                not text[:s].strip() or bool(_AT_SENTENCE_START.search(text, 0, s)))
            if prev is not None and (across or not _SENTENCE_END.search(text[prev.end:s])):
                out.append(Timex(s, e, "DATE", prev.value, None, text[s:e], name))
            elif prev is None and across and previous and SPECIFIC.match(previous):
                out.append(Timex(s, e, "DATE", previous, None, text[s:e], name))
            elif prev is None and previous is None and previous_far and SPECIFIC.match(previous_far) \
                    and norm(text[s:e]) in g.then_far and not text[:s].strip():
                out.append(Timex(s, e, "DATE", previous_far, None, text[s:e], name))
            pos = e
            continue
        typ, value, mod = res
        t = Timex(s, e, typ, value, mod, text[s:e], mm.lastgroup or name)
        if typ == "DATE" and DAY_VALUE.match(value):
            ctx.ref, ctx.ref_near, ctx.ref_dateline = value, True, False
            ctx.ref_start = pair_first or value
            pair_first = value if t.rule == CONJOINED_FIRST else None
        if typ == "DATE" and SPECIFIC.match(value):
            ctx.last_specific = value
            if _YEAR_WRITTEN.search(text, s, e):  # not '100 лет назад'
                ctx.year_here, ctx.year_before = int(value[:4]), False
        out.append(t)
        pos = e
    return _merge(out, text, g)


def _try(name: str, m: re.Match, ctx: Context, later):
    res = resolve(name, m, ctx)
    if res != REJECT:
        return res, m
    # the rule refused: try the later rules that can open at the same place
    for _, rx in later:
        m2 = rx.match(ctx.folded, m.start())
        if m2 is None:
            continue
        res = resolve(m2.lastgroup, m2, ctx)
        if res != REJECT:
            return res, m2
    return None, m


_SIMPLE_DURATION = re.compile(r"P(?:(\d+)([YMWD])|T(\d+)([HMS]))$")
_UNIT_RANK = {"Y": 0, "M": 1, "W": 2, "D": 3, "TH": 4, "TM": 5, "TS": 6}


def _compound_duration(a: str, b: str) -> str | None:
    """'P3Y' and 'P6M' -> 'P3Y6M'; 'PT2H' and 'PT30M' -> 'PT2H30M'; 'P1D' and 'PT12H' -> 'P1DT12H':
    two whole counts, the second of a smaller unit (not a week with days, not the same unit)."""
    ma, mb = _SIMPLE_DURATION.match(a), _SIMPLE_DURATION.match(b)
    if not (ma and mb):
        return None
    ua = ma.group(2) or "T" + ma.group(4)
    ub = mb.group(2) or "T" + mb.group(4)
    if _UNIT_RANK[ub] <= _UNIT_RANK[ua] or "W" in (ua, ub):
        return None
    if ua.startswith("T"):
        return f"PT{ma.group(3)}{ua[1]}{mb.group(3)}{ub[1]}"
    if ub.startswith("T"):
        return f"P{ma.group(1)}{ua}T{mb.group(3)}{ub[1]}"
    return f"P{ma.group(1)}{ua}{mb.group(1)}{ub}"


def _merge(out: list[Timex], text: str, g: Grammar) -> list[Timex]:
    """Join a day and a clock time next to each other into one TIME; and two clock times of a
    range opened by a clock-range 'from' ('с 4:01 10 августа до 3:59 11 августа') into one, valued
    at its start."""
    merged: list[Timex] = []
    for t in out:
        if merged:
            p = merged[-1]
            gap = text[p.end:t.start]
            if len(gap) <= 8 and _MERGE_GAP.match(gap):
                day, clock = None, None
                if p.type == "DATE" and DAY_VALUE.match(p.value) and t.type == "TIME":
                    day, clock = p, t
                elif p.type == "TIME" and t.type == "DATE" and DAY_VALUE.match(t.value):
                    day, clock = t, p
                if day is not None:
                    s, e = p.start, t.end
                    if clock.rule == "time_word" and clock.value.endswith("T00:00") and clock is t:
                        value, typ = day.value, "DATE"  # "петък в полунощ": the day
                    else:
                        value, typ = day.value + clock.value[10:], "TIME"
                    merged[-1] = Timex(s, e, typ, value, None, text[s:e], "merge")
                    continue
            if p.type == "DURATION" and t.type == "DURATION" and norm(gap.strip()) in g.conjunctions:
                value = _compound_duration(p.value, t.value)
                if value:  # '2 часа и 30 минути', '3 года и 6 месяцев': one stretch of time
                    merged[-1] = Timex(p.start, t.end, "DURATION", value, p.mod, text[p.start:t.end], "merge")
                    continue
        merged.append(t)
    if not g.clock_range_openers or sum(t.type == "TIME" for t in merged) < 2:
        return merged
    ranges: list[Timex] = []
    for t in merged:
        if ranges:
            p = ranges[-1]
            gap = text[p.end:t.start]
            if p.type == "TIME" and t.type == "TIME" and norm(p.text).split()[0] in g.clock_range_openers \
                    and (norm(gap) in g.range_joiner_words
                         or (not gap.strip() and norm(t.text).split()[0] in g.range_joiner_words)):
                ranges[-1] = Timex(p.start, t.end, "TIME", p.value, None, text[p.start:t.end], "clock_range")
                continue
        ranges.append(t)
    return ranges
