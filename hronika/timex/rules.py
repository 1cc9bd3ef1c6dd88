"""What each rule of the grammar reads: one small function per rule, named after it.

A rule's function takes the match (``Hit``: its groups by short name) and the ``Context`` (text,
anchor date, tense, the last specific day) and returns ``(type, value, mod)``, or ``REJECT``
(the later rules are tried at the same place), ``VETO`` (nothing is read there: an age, a count)
or ``THEN`` (the value of the previous specific date).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Callable, Union

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

from .. import lang as languages
from .grammar import Grammar
from .lexicon import norm
from .tense import FUTURE, PAST, TenseMap

REJECT, VETO, THEN = "reject", "veto", "then"
CONJOINED_FIRST = "day_before_conjoined_day"  # the rule of the first of two days joined by 'и'
Result = Union[tuple[str, str, Union[str, None]], str]
DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
NEAR_DAYS = 31


# ---------------------------------------------------------------- date arithmetic


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shifted(d: dt.date, k: int, unit: str) -> str | None:
    """``d`` moved by ``k`` units, valued at the unit's granularity (day, ISO week, month, year,
    decade); None for other units."""
    if unit == "D":
        return (d + dt.timedelta(days=k)).isoformat()
    if unit == "W":
        return iso_week(d + dt.timedelta(weeks=k))
    if unit == "M":
        y, m = add_months(d.year, d.month, k)
        return f"{y}-{m:02d}"
    if unit == "Y":
        return str(d.year + k)
    if unit == "DE":
        return f"{(d.year + 10 * k) // 10}X"
    if unit == "CE":  # TIMEX3 centuries: '19' is 1900-1999
        return f"{d.year // 100 + k:02d}"
    return None


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def roman(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s.lower()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def fmt_num(n: float | str) -> str:
    if isinstance(n, str):
        return n
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration(n: float | str, unit: str) -> str:
    if unit == "DE":
        n, unit = (n * 10 if not isinstance(n, str) else n), "Y"
    if unit == "CE":
        n, unit = (n * 100 if not isinstance(n, str) else n), "Y"
    if unit in ("H", "MIN", "S"):
        return f"PT{fmt_num(n)}{'M' if unit == 'MIN' else unit}"
    return f"P{fmt_num(n)}{unit}"


# ---------------------------------------------------------------- context and match


class Context:
    """What the rules read besides the match: the text (raw and lower-cased), the anchor date,
    the grammar, the tense (forced, or read from the markers when first asked) and ``ref``, the
    most recent specific day before the expression."""

    def __init__(self, text: str, folded: str, anchor: dt.date, g: Grammar, tense: str | None, ref: str | None):
        self.text, self.folded, self.anchor, self.g = text, folded, anchor, g
        self.forced_tense = tense
        self.ref = ref
        self.ref_near = True  # whether ``ref`` was read near enough to count from it
        self.ref_start = ref  # the first day of ref's pair ('25 и 26 июля'), for counting back
        self.last_specific: str | None = None  # the last date read (a year, a month or a day)
        self.year_here: int | None = None  # the year of the last date read in this text (sentence)
        self.year_before = False  # whether ``year_here`` was read in the sentence before
        self.ref_dateline = False  # whether ``ref`` is the day of the report's dateline
        self._tmap: TenseMap | None = None

    def tense(self, s: int, e: int) -> str | None:
        if self.forced_tense in (PAST, FUTURE):
            return self.forced_tense
        if self._tmap is None:
            self._tmap = TenseMap(self.folded, self.g.tense_rules)
        return self._tmap.at(s, e)


class Hit:
    """One rule's match; ``hit["day"]`` is the (lower-cased) text of the rule's group ``day``."""

    __slots__ = ("m", "prefix")

    def __init__(self, m: re.Match, rule: str):
        self.m, self.prefix = m, rule + "_"

    def __getitem__(self, key: str) -> str | None:
        return self.m.group(self.prefix + key)

    def raw(self, ctx: Context, key: str) -> str:
        """The group's text as written (capitals kept)."""
        return ctx.text[self.m.start(self.prefix + key):self.m.end(self.prefix + key)]

    @property
    def start(self) -> int:
        return self.m.start()

    @property
    def end(self) -> int:
        return self.m.end()


# ---------------------------------------------------------------- helpers


def _number(g: Grammar, s: str | None) -> float | str | None:
    """A numeral (digits, number words, an indefinite 'several') as a number, or 'X'."""
    if s is None:
        return None
    s = norm(s)
    if s in g.indef:
        return "X"
    if s[0].isdigit():
        return float(s.split("-")[0].replace(",", "."))  # '7-ми': the digits before a case ending
    parts = [g.numerals[p] for p in re.split(r"\s+|-", s) if p in g.numerals]
    if len(parts) == 2 and parts[1] >= parts[0]:
        return float(parts[0])  # "три-четыре": a range, valued at its start
    return float(sum(parts)) or None


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _nearest_day_month(ctx: Context, m: int, d: int, s: int, e: int) -> dt.date | None:
    """The day ``d`` of month ``m`` nearest the anchor, moved to the tense's side."""
    a = ctx.anchor
    y = _year_of_sentence(ctx, ctx.tense(s, e)) if ctx.year_here not in (None, a.year) else None
    if y is not None:
        return safe_date(y, m, d)
    return _nearest(ctx, [safe_date(a.year + k, m, d) for k in (-1, 0, 1)], s, e)


def _nearest(ctx: Context, cands: list[dt.date | None], s: int, e: int) -> dt.date | None:
    """Of the candidate days (one a year around the anchor), the nearest; unless it is within a
    month of the anchor (nearness then says more than the tense), a past tense takes the last one
    not after the anchor, a future tense the first one not before it."""
    a = ctx.anchor
    cands = [c for c in cands if c]
    if not cands:
        return None
    best = min(cands, key=lambda c: abs((c - a).days))
    if abs((best - a).days) <= NEAR_DAYS:
        return best
    t = ctx.tense(s, e)
    if t == PAST and best > a:
        alt = max((c for c in cands if c <= a), default=None)
        if alt and (a - alt).days <= 366:
            best = alt
    elif t == FUTURE and best < a:
        alt = min((c for c in cands if c >= a), default=None)
        if alt and (alt - a).days <= 366:
            best = alt
    return best


def _year_of_sentence(ctx: Context, t: str | None) -> int | None:
    """The year of a date read earlier in the sentence, for a month or a day named without one
    ('в 2018 году, в ноябре' 2018-11): a past year unless the clause is in the future, a future
    year unless it is in the past; the year of the sentence before only for a clause in the past
    ('Ее осудили в 2010 году. В июне ее перевели' 2010-06)."""
    y = ctx.year_here
    if y is None or y == ctx.anchor.year or (ctx.year_before and t != PAST):
        return None
    if (y < ctx.anchor.year and t != FUTURE) or (y > ctx.anchor.year and t != PAST):
        return y
    return None


def _month_year(ctx: Context, m: int, s: int, e: int, force: str | None = None) -> int:
    a = ctx.anchor
    t = force or ctx.tense(s, e)
    if not force:
        y = _year_of_sentence(ctx, t)
        if y is not None:
            return y
    if t == PAST:
        return a.year if m <= a.month else a.year - 1
    if t == FUTURE:
        return a.year if m >= a.month else a.year + 1
    # nearest occurrence, the current year on a tie
    diff = m - a.month
    if diff > 6:
        return a.year - 1
    if diff < -6:
        return a.year + 1
    return a.year


def _year_tail(h: Hit, ctx: Context) -> int | None:
    """The year after a month or day: written out, relative ('next year') or deictic."""
    g = ctx.g
    if h["year"]:
        return int(h["year"])
    if h["year_rel"]:
        return ctx.anchor.year + int(g.relmod[norm(h["year_rel"])])
    if h["year_deictic"]:
        return ctx.anchor.year + int(g.deictic_years[norm(h["year_deictic"])])
    return None


def _mod(h: Hit, g: Grammar) -> str | None:
    if h["mod"]:
        return g.mods.get(norm(h["mod"]))
    if h["prep"]:
        return g.prep_mods.get(norm(h["prep"]))
    return None


def _weekday(ctx: Context, w: int, rel: int | None, s: int, e: int) -> dt.date:
    a = ctx.anchor
    back = (a.isoweekday() - w) % 7
    fwd = (w - a.isoweekday()) % 7
    if rel is not None:
        if rel < 0:
            return a - dt.timedelta(days=back or 7)
        if rel > 0:
            return a + dt.timedelta(days=fwd or 7)
        return a + dt.timedelta(days=w - a.isoweekday())
    t = ctx.tense(s, e)
    if t == PAST:
        return a - dt.timedelta(days=back)
    if t == FUTURE:
        return a + dt.timedelta(days=fwd)
    return a - dt.timedelta(days=back) if back <= fwd else a + dt.timedelta(days=fwd)


def _next_word(ctx: Context, pos: int) -> str:
    m = re.match(r"\s*([\w.%-]+)", ctx.folded[pos:pos + 40])
    if not m:
        return ""
    w = m.group(1)
    return w if w in ctx.g.count_nouns else w.rstrip(".")


def _prev_word(ctx: Context, pos: int) -> str:
    m = re.search(r"([\w-]+)\s*$", ctx.folded[max(0, pos - 40):pos])
    return m.group(1) if m else ""


def _is_age(ctx: Context, s: int, pre: str | None) -> bool:
    """Years that give someone's age: an age preposition before the number, or an age word or
    person noun reached going back over bridge words only ('over', 'between', 'and', numbers)."""
    g = ctx.g
    if pre in g.age_prepositions:
        return True
    before = re.findall(r"[\w-]+", ctx.folded[max(0, s - 80):s])
    if pre is None and before and before[-1] in g.age_prepositions:
        return True
    # 'министр уже три года', 'министър вече три години': 'already' makes a person noun's years a
    # stretch of time (an age word still makes them an age: 'ему уже 45 лет')
    already = pre in g.already_words or (pre is None and before and before[-1] in g.already_words)
    for w in reversed(before[-6:]):
        if w in g.age_words or (w in g.age_nouns and not already):
            return True
        if not (w in g.age_bridges or w.isdigit()):
            return False
    return False


def _age_after_copula(ctx: Context, s: int) -> bool:
    """'средната възраст на болните е 52 години': a copula right before the number, and an age
    word earlier in the same sentence."""
    g = ctx.g
    if _prev_word(ctx, s) not in g.age_copulas:
        return False
    chunk = re.split(r"[.!?]\s", ctx.folded[max(0, s - 160):s])[-1]
    return any(w in g.age_words for w in re.findall(r"\w+", chunk))


@lru_cache(maxsize=50_000)
def _tagged(code: str, grammemes: frozenset[str], word: str) -> bool:
    """Whether the likeliest reading of ``word`` has all ``grammemes`` (an animate noun after
    '51-летнюю': someone's age); False without an analyser."""
    morph = languages.get(code).morph if word else None
    return morph is not None and all(x in morph.parse(word)[0].tag for x in grammemes)


def _date(d: dt.date | None, mod: str | None = None) -> Result:
    return ("DATE", d.isoformat(), mod) if d else REJECT


def _ref_day(ctx: Context) -> dt.date:
    """The day the text is speaking of: the last specific day read nearby, else the anchor."""
    if ctx.ref and ctx.ref_near and DAY_VALUE.match(ctx.ref):
        return dt.date.fromisoformat(ctx.ref)
    return ctx.anchor


def holiday_date(spec: str, year: int) -> dt.date | None:
    """The day of a holiday in ``year`` from its spec in the data: ``MM-DD``, ``easter+N`` or
    ``western_easter+N`` (N days after Orthodox or Western Easter), ``MM:W:N`` (the N-th
    weekday W of month MM; N = -1: the last)."""
    m = re.fullmatch(r"(\d\d)-(\d\d)", spec)
    if m:
        return safe_date(year, int(m[1]), int(m[2]))
    m = re.fullmatch(r"(easter|western_easter)([+-]\d+)?", spec)
    if m:
        base = easter(year, EASTER_ORTHODOX if m[1] == "easter" else EASTER_WESTERN)
        return base + dt.timedelta(days=int(m[2] or 0))
    m = re.fullmatch(r"(\d\d):([1-7]):(-?\d)", spec)
    if m:
        month, wd, n = int(m[1]), int(m[2]), int(m[3])
        days = [d for d in (safe_date(year, month, k) for k in range(1, 32)) if d and d.isoweekday() == wd]
        return days[n if n < 0 else n - 1]
    raise ValueError(f"bad holiday spec {spec!r}")


# ---------------------------------------------------------------- the rules


def iso_date(h: Hit, ctx: Context) -> Result:
    """2020-03-08; 2020-03-08T14:30 (a TIME)"""
    d = safe_date(int(h["year"]), int(h["month"]), int(h["day"]))
    if d and h["hour"]:
        return "TIME", f"{d.isoformat()}T{h['hour']}:{h['minute']}", None
    return _date(d)


def numeric_date(h: Hit, ctx: Context) -> Result:
    """08.03.2020 г."""
    return _date(safe_date(int(h["year"]), int(h["month"]), int(h["day"])))


def numeric_date_short(h: Hit, ctx: Context) -> Result:
    """10.07.18 (the century that puts the year at most a year after the anchor's)"""
    nxt = _next_word(ctx, h.end)
    if nxt in ctx.g.count_nouns or nxt in ctx.g.clock_blockers:
        return REJECT  # 'курс 10.05.19 рубля': an amount
    yy = int(h["year"])
    century = 2000 if 2000 + yy <= ctx.anchor.year + 1 else 1900
    return _date(safe_date(century + yy, int(h["month"]), int(h["day"])))


def day_and_month_name(h: Hit, ctx: Context) -> Result:
    """в понеделник, 8 март 2020 г.; в пятницу, 14 ноября (the weekday's preposition included)"""
    g, a = ctx.g, ctx.anchor
    mon = g.months[norm(h["month"])]
    day = _day(h["day"]) if h["day"] else int(g.day_words[norm(h["day_word"])])
    y = _year_tail(h, ctx) or (int(h["range_year"]) if h["range_year"] else None)
    if y is None and not h["year_rel"] and not h["year_deictic"]:
        listed = g.day_list_year.match(ctx.folded, h.end)
        if listed:  # "5 марта и 10 апреля 2019 года": the 5th of March 2019
            y = int(listed.group("year")) - (mon > g.months[norm(listed.group("last"))])
    weekday = h["weekday"] or h["weekday2"]
    if y:
        d = safe_date(y, mon, day)
    elif weekday:  # the year in which that day falls on that weekday, else the nearest
        w = g.weekdays[norm(weekday)]
        cands = [c for c in (safe_date(a.year + k, mon, day) for k in (-1, 0, 1)) if c]
        same = [c for c in cands if c.isoweekday() == w]
        d = min(same or cands, key=lambda c: abs((c - a).days)) if cands else None
    else:
        d = _nearest_day_month(ctx, mon, day, h.start, h.end)
    return _date(d, _mod(h, g))


def month_name_then_day(h: Hit, ctx: Context) -> Result:
    """March 8, 2020 (the month name capitalised)"""
    if not h.raw(ctx, "month")[:1].isupper():
        return REJECT
    mon, day = ctx.g.months[norm(h["month"])], _day(h["day"])
    return _date(safe_date(int(h["year"]), mon, day) if h["year"]
                 else _nearest_day_month(ctx, mon, day, h.start, h.end))


_COPYRIGHT_HOLDER = re.compile(r"(?:©|\(c\))[^.!?\n©\d]{1,70},?\s*$")  # '© the holder's name, ' before the years


def year_number(h: Hit, ctx: Context) -> Result:
    """през 2020 г.; 2019-2020 (a bare number followed by a noun is a count: 'около 2000 души')"""
    g = ctx.g
    y, y2 = int(h["year"]), h["year2"] or h["year3"]
    if re.search(r"(?:©|\(c\))\s*$", ctx.folded[max(0, h.start - 6):h.start]) or (
            not h["suffix"] and _COPYRIGHT_HOLDER.search(ctx.folded, max(0, h.start - 80), h.start)):
        return VETO  # a site's copyright years ('© 1998-2018', '© Агентство Новости, 2007-2018')
    if g.decade_after.match(ctx.folded, h.end):
        return REJECT  # "2000-х годов": a decade
    if h["suffix"]:
        return "DATE", str(y), _mod(h, g)
    if y2:
        end = int(y2) if len(y2) == 4 else (y // 100) * 100 + int(y2)
        if not (y < end <= y + 30):
            return REJECT
    elif h["prep"] and norm(h["prep"]) not in g.year_preps:
        return REJECT
    elif not h["prep"] and not h["mod"] and not (g.year_list_before.search(ctx.folded, 0, h.start)
                                                or g.year_list_after.match(ctx.folded, h.end)):
        return REJECT  # a bare number, unless it is in a list of years: "през 1988 и 2008 г."
    nxt = _next_word(ctx, h.end)
    if nxt in g.count_nouns:
        return VETO
    loose = not h["prep"] or norm(h["prep"]) in g.approx
    if loose and not y2 and len(nxt) > 3 and nxt.isalpha():
        return VETO  # no time preposition, then a noun: a count
    return "DATE", str(y), _mod(h, g)


def decade(h: Hit, ctx: Context) -> Result:
    """през 90-те години; the 1990s; в девяностые (годы): the last such decade by the anchor"""
    if h["word"]:
        d = int(ctx.g.decade_words[norm(h["word"])])
        return "DATE", f"{19 if 10 * d > ctx.anchor.year % 100 else 20}{d}X", _mod(h, ctx.g)
    n = h["number"]
    if len(n) == 4:
        return "DATE", n[:3] + "X", _mod(h, ctx.g)
    dd = int(n)
    if dd < 20 or _next_word(ctx, h.end) in ctx.g.count_nouns:
        return REJECT  # "от 10-те членове": a count, not a decade
    century = 19 if dd > ctx.anchor.year % 100 else 20
    return "DATE", f"{century}{n[0]}X", _mod(h, ctx.g)


def century(h: Hit, ctx: Context) -> Result:
    """през XX век"""
    n = h["number"]
    c = int(n) if n.isdigit() else roman(n)
    if not c or c > 21:
        return REJECT
    return "DATE", f"{c - 1:02d}", None


def _paren_date(h: Hit, ctx: Context) -> dt.date | None:
    """The day and month in parentheses after a weekday or a deictic word (``(8 март)``), if any."""
    if not h["paren_day"]:
        return None
    return _nearest_day_month(ctx, ctx.g.months[norm(h["paren_month"])], _day(h["paren_day"]), h.start, h.end)


_AT_SENTENCE_START = re.compile(r"[.!?]\s+$")


def holiday(h: Hit, ctx: Context) -> Result:
    """на Коледа; по Великден 2020; в канун Нового года (not a common noun capitalised at a
    sentence's start: 'Троица гостей')"""
    if (not h["prep"] and norm(h["name"]) in ctx.g.holiday_common_nouns
            and (not ctx.text[:h.start].strip() or _AT_SENTENCE_START.search(ctx.text, 0, h.start))):
        return REJECT  # 'Троица гостей': a common noun capitalised at the sentence's start
    lower_ok = (norm(h["name"]) in ctx.g.lowercase_new_year and h["prep"] is not None
                and norm(h["prep"]) in ctx.g.lowercase_new_year_preps)  # 'с нового года'
    return _holiday(h, ctx, lower_ok)


def _holiday(h: Hit, ctx: Context, lower_ok: bool = False) -> Result:
    """The holiday's day: a name written capitalised, or opening with a word the data lets stay in
    lower case; the year written after it, else the nearest, by the tense."""
    name = h.raw(ctx, "name")
    if not (lower_ok or name[:1].isupper()
            or name.split()[0].lower() in ctx.g.holiday_openers and any(c.isupper() for c in name)):
        return REJECT
    spec = ctx.g.holidays[norm(h["name"])]
    if h["year"]:
        return _date(holiday_date(spec, int(h["year"])))
    y = ctx.anchor.year
    return _date(_nearest(ctx, [holiday_date(spec, y + k) for k in (-1, 0, 1)], h.start, h.end))


def holiday_eve(h: Hit, ctx: Context) -> Result:
    """накануне Нового года; в навечерието на Коледа (the day before the holiday)"""
    res = _holiday(h, ctx)
    if not isinstance(res, tuple):
        return res
    return _date(dt.date.fromisoformat(res[1]) - dt.timedelta(days=1))


def day_from_ref(h: Hit, ctx: Context) -> Result:
    """предния ден; на следващия ден; накануне (from the day the text speaks of, else the anchor;
    the eve of two days joined by 'и' is the eve of the first)"""
    k = int(ctx.g.days_from_ref[norm(h["word"])])
    day = _ref_day(ctx)
    if k < 0 and ctx.ref and ctx.ref_near and ctx.ref_start and DAY_VALUE.match(ctx.ref_start):
        day = min(day, dt.date.fromisoformat(ctx.ref_start))
    return _date(day + dt.timedelta(days=k))


def day_before_conjoined_day(h: Hit, ctx: Context) -> Result:
    """the 25 of 'на 25 и 26 юли' and of '25, 26 июля' (two expressions; the month and year from
    the second; joined by a comma only when the second is a later day of the month)"""
    if h["next"]:
        if _day(h["next"]) <= _day(h["day"]):
            return REJECT
        mon, day, year = ctx.g.months[norm(h["month2"])], _day(h["day"]), h["year2"]
    else:
        mon, day, year = ctx.g.months[norm(h["month"])], _day(h["day"]), h["year"]
    if year:
        return _date(safe_date(int(year), mon, day), _mod(h, ctx.g))
    return _date(_nearest_day_month(ctx, mon, day, h.start, h.end), _mod(h, ctx.g))


def weekday_with_tense(h: Hit, ctx: Context) -> Result:
    """в неделя (past or coming by the tense); миналия петък; в сряда (8 март); not a Latin-script
    weekday inside a capitalised name ('The Sunday Telegraph', 'Sunday Times')"""
    g = ctx.g
    raw = h.raw(ctx, "weekday")
    if raw.isascii() and raw[:1].isupper() and not h["prep"] and _in_latin_name(ctx, h.start, h.end):
        return VETO
    if h["prep"] and norm(h["prep"]) in g.night_from and _prev_word(ctx, h.start) in g.night_nouns:
        return VETO  # 'в ночь со вторника на среду': the night is the day it leads to
    d = _paren_date(h, ctx)
    if d:
        return _date(d)
    rel = g.relmod.get(norm(h["rel"])) if h["rel"] else None
    return _date(_weekday(ctx, g.weekdays[norm(h["weekday"])], rel, h.start, h.end))


def _in_latin_name(ctx: Context, s: int, e: int) -> bool:
    """A capitalised Latin word right before or after [s, e) (a title: 'The Sunday Times')."""
    before = re.search(r"([A-Za-z]+)\s+$", ctx.text[max(0, s - 30):s])
    after = re.match(r"\s+([A-Za-z]+)", ctx.text[e:e + 30])
    return bool((before and before.group(1)[0].isupper()) or (after and after.group(1)[0].isupper()))


def deictic_day(h: Hit, ctx: Context) -> Result:
    """вчера; онзи ден; днес (8 март); not a name glued to a plus ('Днес+', a news site)"""
    g = ctx.g
    if ctx.text[h.end:h.end + 1] == "+":
        return VETO
    d = _paren_date(h, ctx)
    if d:
        return _date(d)
    return _date(ctx.anchor + dt.timedelta(days=int(g.deictic[norm(h["word"])])))


def relative_period(h: Hit, ctx: Context) -> Result:
    """миналата седмица; в началото на следващия месец; this year"""
    g = ctx.g
    k = int(g.relmod[norm(h["rel"])])
    u = g.relunits[norm(h["unit"])]
    if u == "WE":
        return "DATE", shifted(ctx.anchor, k, "W") + "-WE", _mod(h, g)
    if u == "CE" and g.decade_before.search(ctx.folded, max(0, h.start - 30), h.start):
        return VETO  # "70-те години на миналия век", "в 60-х годах прошлого века": the decade says it
    if u in ("W", "M", "Y", "CE"):
        return "DATE", shifted(ctx.anchor, k, u), _mod(h, g)
    if u == "Q":
        y, m = add_months(ctx.anchor.year, ctx.anchor.month, 3 * k)
        return "DATE", f"{y}-Q{(m - 1) // 3 + 1}", _mod(h, g)
    return REJECT


def relative_period_conjoined(h: Hit, ctx: Context) -> Result:
    """в этом (и прошлом году); тази (и миналата година): the noun is read after the second; after a
    preposition or opening the sentence (not the pronoun of 'чу това и миналата седмица')"""
    if not h["prep"] and ctx.text[:h.start].strip() and not _AT_SENTENCE_START.search(ctx.text, 0, h.start):
        return REJECT
    return relative_period(h, ctx)


def weekend(h: Hit, ctx: Context) -> Result:
    """през уикенда (the last one in the past tense or early in the week, else the coming one)"""
    a = ctx.anchor
    t = ctx.tense(h.start, h.end)
    wd = a.isoweekday()
    if t == PAST or (t is None and wd <= 3):
        ref = a if wd >= 6 else a - dt.timedelta(days=7)
    else:
        ref = a
    return "DATE", iso_week(ref) + "-WE", None


def mod_definite_unit(h: Hit, ctx: Context) -> Result:
    """в началото на годината; до края на месеца (the anchor's year, month, week)"""
    u = ctx.g.definite_units[norm(h["unit"])]
    mod = _mod(h, ctx.g)
    if u == "W" and mod in ("START", "END"):
        # the week's end (from Friday) told in the past before Friday is last week's; its start
        # (Monday, Tuesday) in a future clause after Tuesday is next week's
        wd, t = ctx.anchor.weekday(), ctx.tense(h.start, h.end)
        k = (-1 if mod == "END" and t == PAST and wd < 4 else 1 if mod == "END" and t == FUTURE and wd >= 5
             else 1 if mod == "START" and t == FUTURE and wd >= 2 else 0)
        return "DATE", iso_week(ctx.anchor + dt.timedelta(weeks=k)), mod
    return "DATE", shifted(ctx.anchor, 0, u), mod


def deictic_year(h: Hit, ctx: Context) -> Result:
    """догодина"""
    return "DATE", str(ctx.anchor.year + int(ctx.g.deictic_years[norm(h["word"])])), None


def month_name_with_year(h: Hit, ctx: Context) -> Result:
    """през март 2020 г.; миналия май; в края на юни; с марта по май 2020 года (the year by the
    tense when not written)"""
    g = ctx.g
    word = norm(h["month"])
    mon = g.months[word]
    raw = h.raw(ctx, "month")
    if raw.isascii() and not raw[:1].isupper():
        return REJECT
    y = _year_tail(h, ctx)
    if y is None and h["range_year"]:  # "с сентября по март 2022 года": September of 2021
        y = int(h["range_year"]) - (mon > g.months[norm(h["range_month"])])
    if y is None and not h["rel"]:
        listed = g.month_list_year.match(ctx.folded, h.end)
        if listed:  # "в январе и феврале 2019 года": January of 2019
            y = int(listed.group("year")) - (mon > g.months[norm(listed.group("last"))])
    has_ctx = (any(h[k] for k in ("prep", "mod", "whole", "rel", "since")) or y
               or bool(g.month_list_before.search(ctx.folded, max(0, h.start - 40), h.start)))
    if word in g.months_ctx and not has_ctx:
        return REJECT
    if y is None:
        y = _unwritten_year(h, ctx, mon)
    return "DATE", f"{y}-{mon:02d}", _mod(h, g)


def _unwritten_year(h: Hit, ctx: Context, mon: int) -> int:
    """The year of a month named without one: 'this May' is this year's; 'last May', 'next May'
    and 'since May' set the direction; else the tense does."""
    force = None
    if h["rel"]:
        k = int(ctx.g.relmod[norm(h["rel"])])
        if k == 0:
            return ctx.anchor.year
        force = PAST if k < 0 else FUTURE
    if h["since"]:
        force = PAST
    return _month_year(ctx, mon, h.start, h.end, force)


def season_with_year(h: Hit, ctx: Context) -> Result:
    """през лятото на 2020 г.; миналата есен; весной (a season's adverb stands alone)"""
    g = ctx.g
    sea = g.seasons[norm(h["season"])]
    if h["year"] or h["year_rel"]:
        y = _year_of(h, ctx)
    elif h["rel"]:
        y = ctx.anchor.year + int(g.relmod[norm(h["rel"])])
    elif h["prep"] or h["mod"] or norm(h["season"]) in g.bare_seasons:
        y = _month_year(ctx, _SEASON_START[sea], h.start, h.end)
    else:
        return REJECT
    return "DATE", f"{y}-{sea}", _mod(h, g)


def quarter_of_year(h: Hit, ctx: Context) -> Result:
    """второто тримесечие на 2020 г.; в первом полугодии (a half: H1, H2)"""
    if h["ordinal"]:
        q = int(ctx.g.ordinals[norm(h["ordinal"])])
    elif not (h["year"] or h["year_rel"]):
        return REJECT  # 'в 3 квартале' alone may be a city's block
    else:
        q = int(h["digit"]) if h["digit"] else {"i": 1, "ii": 2, "iii": 3, "iv": 4}[norm(h["roman"])]
    y = _year_of(h, ctx)
    if h["half"]:
        return ("DATE", f"{y}-H{q}", None) if q <= 2 else REJECT
    return "DATE", f"{y}-Q{q}", None


def half_of_year(h: Hit, ctx: Context) -> Result:
    """в первой половине 2020 года; през втората половина на 2019 г.; во второй половине
    (прошлого) года"""
    q = int(ctx.g.ordinals[norm(h["ordinal"])])
    return ("DATE", f"{_year_of(h, ctx)}-H{q}", None) if q <= 2 else REJECT


def _year_of(h: Hit, ctx: Context) -> int:
    """The year of a season, quarter or half: written out, relative to the anchor's, else the
    anchor's."""
    if h["year"]:
        return int(h["year"])
    if h["year_rel"]:
        return ctx.anchor.year + int(ctx.g.relmod[norm(h["year_rel"])])
    return ctx.anchor.year


def _count_and_unit(h: Hit, g: Grammar) -> tuple[float | str | None, str]:
    """The count and unit of 'two weeks' or of a lone singular unit ('a week': one)."""
    if h["unit1"]:
        return 1.0, g.units_sg[norm(h["unit1"])]
    return _number(g, h["count"]), g.units[norm(h["unit"])]


def _count_units_shifted(h: Hit, ctx: Context, sign: int) -> Result:
    n, u = _count_and_unit(h, ctx.g)
    if n is None:
        return REJECT
    if n == "X":  # 'несколько минут назад', 'след няколко години': a vague past or future
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    if u in ("H", "MIN", "S"):
        return "DURATION", duration(n, u), None
    value = shifted(ctx.anchor, int(n) * sign, u)
    return ("DATE", value, None) if value else REJECT


def before_after_count_units(h: Hit, ctx: Context) -> Result:
    """преди два дни; след три месеца; через неделю (not 'ден след ден')"""
    if h["unit1"] and _prev_word(ctx, h.start) == norm(h["unit1"]):
        return VETO
    sign = -1 if norm(h["prep"]) in ctx.g.before else 1
    if sign > 0 and _next_word(ctx, h.end) in ctx.g.event_after:
        # "через две недели после прививки": counted from an event, a stretch of time
        n, u = _count_and_unit(h, ctx.g)
        return ("DURATION", duration(n, u), None) if n is not None else REJECT
    if sign > 0 and ctx.tense(h.start, h.end) == PAST:
        return _after_in_past(h, ctx)
    return _count_units_shifted(h, ctx, sign)


def _after_in_past(h: Hit, ctx: Context) -> Result:
    """'след два дни' in a past-tense clause is counted from the day the text was speaking of
    ('через два дня его арестовали'), not from the anchor; without such a day it is a stretch of
    time (P2D; 'через несколько дней они пожаловались' PXD)."""
    n, u = _count_and_unit(h, ctx.g)
    if n is None:
        return REJECT
    if _countable_from_ref(n, u, ctx):
        value = shifted(_count_base(u, ctx), int(n), u)
        return ("DATE", value, None) if value else REJECT
    return "DURATION", duration(n, u), None


def _countable_from_ref(n: float | str, u: str, ctx: Context) -> bool:
    """Whether N units can be counted from the date the text was speaking of: a number, a unit of a
    day or more, and such a day read; or, for months and years, a month or a year read in this
    sentence or the one before ('в 2010 году ... Восемь лет спустя' 2018)."""
    return n != "X" and _count_base(u, ctx) is not None


def _count_base(u: str, ctx: Context) -> dt.date | None:
    """The date N units are counted from (see ``_countable_from_ref``)."""
    if u not in ("D", "W", "M", "Y"):
        return None
    if ctx.ref and DAY_VALUE.match(ctx.ref):
        return dt.date.fromisoformat(ctx.ref)
    last = ctx.last_specific
    if last and (u == "Y" or (u == "M" and len(last) >= 7)):
        return dt.date(int(last[:4]), int(last[5:7]) if len(last) >= 7 else 1, 1)
    return None


def count_units_ago(h: Hit, ctx: Context) -> Result:
    """два дня назад; two weeks ago; около года назад"""
    g = ctx.g
    sign = -1 if norm(h["post"]) in g.ago else 1
    if h["unit_gen"]:
        if not h["more"]:
            return REJECT
        value = shifted(ctx.anchor, sign, g.single_unit[norm(h["unit_gen"])])
        return ("DATE", value, "APPROX") if value else REJECT
    return _count_units_shifted(h, ctx, sign)


def count_units_later(h: Hit, ctx: Context) -> Result:
    """два дни по-късно; година по-рано (counted from the date the text was speaking of)"""
    n, u = _count_and_unit(h, ctx.g)
    if n is None or not _countable_from_ref(n, u, ctx):
        return VETO if h["count"] else REJECT
    k = int(n) * ctx.g.later[norm(h["post"])]
    return "DATE", shifted(_count_base(u, ctx), k, u), None


def clock_time(h: Hit, ctx: Context) -> Result:
    """в 15:30 ч.; в 23 часа; at 5 pm"""
    g = ctx.g
    podv = g.pods.get(norm(h["part_of_day"])) if h["part_of_day"] else None
    if not (_reads_as_clock(h, g, podv) or _dotted_clock_after_preposition(h, ctx)):
        return REJECT
    if (h["minute"] and h["sep"] == "." and h["hour_word"] and not h["prep"] and not h["range"]
            and not podv and _prev_word(ctx, h.start) in g.lasting_verbs):
        return "DURATION", f"PT{int(h['hour'])}H{int(h['minute'])}M", None  # 'полетът продължи 3.35 часа'
    hour = int(h["hour"])
    minute = int(h["minute"]) if h["minute"] else 0
    if hour == 24:
        hour = 0
    if podv in g.pm and hour < 12 and not (podv == "NI" and hour < 6):  # "2 часа ночи" is 02:00
        hour += 12
    return "TIME", f"{_clock_day(ctx, h.start).isoformat()}T{hour:02d}:{minute:02d}", None


def _clock_day(ctx: Context, start: int) -> dt.date:
    """The day of a clock time: the day the text speaks of (a day read in its sentence or the one
    before, or the report's dateline); but a clock time that opens its line is a news item's
    header, of the anchor (', 08:05 REGNUM ...')."""
    line = ctx.text[ctx.text.rfind("\n", 0, start) + 1:start]
    if not any(c.isalnum() for c in line) and not ctx.ref_dateline:
        return ctx.anchor
    return _ref_day(ctx)


def _dotted_clock_after_preposition(h: Hit, ctx: Context) -> bool:
    """'в 15.00', 'к 10.30': hours and minutes after a clock preposition, when no count noun, no
    'times' and no percent follows (not 'в 1.25 раза', 'в 2.50 рубля')."""
    g = ctx.g
    if not (h["minute"] and h["sep"] == "." and h["prep"] and norm(h["prep"]) in g.clock_preps):
        return False
    if int(h["hour"]) > 23:
        return False
    nxt = _next_word(ctx, h.end)
    return not (nxt in g.count_nouns or nxt in g.clock_blockers
                or nxt.startswith("%"))


def _reads_as_clock(h: Hit, g: Grammar, podv: str | None) -> bool:
    """'15:30'; '16.50' or '15,20' only with an hour word or as a range; a bare hour only with an
    hour word after a clock preposition, as a range, with am/pm, or with a part of the day after a
    preposition or an hour word."""
    hw = h["hour_word"]
    if h["minute"]:
        return (h["sep"] == ":" or bool(hw or h["range"] or h["local"])
                or bool(g.date_before.search(h.m.string, 0, h.start)))
    pre = norm(h["prep"]) if h["prep"] else None
    return bool((hw and pre in g.clock_preps) or podv in ("AM", "PM") or (hw and h["range"])
                or (podv and (hw or pre)))  # "в 10 утра", "около 10 часов утра"


def set_word(h: Hit, ctx: Context) -> Result:
    """ежедневно; два пъти седмично (not a name: 'Daily Express')"""
    nxt = re.match(r"\s+(\w)", ctx.text[h.end:h.end + 3])
    if h.raw(ctx, "word")[:1].isupper() and nxt and nxt.group(1).isupper():
        return REJECT
    return "SET", ctx.g.sets[norm(h["word"])], None


def times_per_unit(h: Hit, ctx: Context) -> Result:
    """три пъти на ден"""
    return "SET", ctx.g.per_unit[norm(h["word"])], None


def per_unit_after_count(h: Hit, ctx: Context) -> Result:
    """200 полета на ден; 55 млрд. кубометра в год (after a number; not 'в день выборов',
    not the holiday 'Ден на ...')"""
    g = ctx.g
    if any(c.isupper() for c in h.raw(ctx, "word")) or not _count_before(ctx, h.start):
        return REJECT
    nxt = re.match(r"\s*([^\W\d_]+)", ctx.folded[h.end:h.end + 30])
    if nxt and len(nxt.group(1)) > 3 and nxt.group(1) not in g.per_unit_followers:
        return REJECT
    if re.match(r"\s*\d", ctx.folded[h.end:h.end + 5]):
        return REJECT
    return "SET", g.per_unit[norm(h["word"])], None


def _count_before(ctx: Context, pos: int) -> bool:
    """A number among the six words before ``pos``."""
    words = re.findall(r"[\w.,%-]+", ctx.folded[max(0, pos - 80):pos])[-6:]
    return any(w[0].isdigit() or w in ctx.g.numerals or w in ctx.g.indef for w in words)


def set_adjective(h: Hit, ctx: Context) -> Result:
    """ежегодния доклад; ежеквартальная прибыль (not 'ежедневния живот': everyday life)"""
    if _next_word(ctx, h.end) in ctx.g.set_adjective_blockers:
        return REJECT
    return "SET", ctx.g.set_adjectives[norm(h["stem"])], None


def every_unit(h: Hit, ctx: Context) -> Result:
    """всеки вторник; всеки месец; всеки две години, каждые два года (P2Y); раз в 10 лет (not
    'первый раз в 10 лет': the first time in ten years)"""
    if _prev_word(ctx, h.start) in ctx.g.ordinals:
        return REJECT
    if h["units"]:
        n = _number(ctx.g, h["count"])
        if n is None or isinstance(n, str):
            return REJECT
        return "SET", duration(n, ctx.g.units[norm(h["units"])]), None
    w = norm(h["unit"])
    if w in ctx.g.weekdays:
        return "SET", "P1W", None
    return "SET", duration(1, ctx.g.units_sg[w]), None


def count_units(h: Hit, ctx: Context) -> Result:
    """за пет години; около 3 часа (not an age: 'на 45 години')"""
    g = ctx.g
    n = _number(g, h["count"])
    u = g.units[norm(h["unit"])]
    if n is None:
        return REJECT
    pre = norm(h["prep"]) if h["prep"] else None
    if u == "Y" and (_is_age(ctx, h.start, pre) or (pre is None and _age_after_copula(ctx, h.start))) \
            and _next_word(ctx, h.end) not in g.term_nouns:  # not 'осъден на 10 години затвор': a prison term
        return VETO
    if norm(h["unit"]) in g.year_abbrevs and not isinstance(n, str) and n >= 1000:
        return REJECT  # "1200 г.": a year, not a duration
    if u == "H" and pre is None and _clock_range(h, ctx):
        return "TIME", f"{_clock_day(ctx, h.start).isoformat()}T{int(n):02d}:00", None
    return "DURATION", duration(n, u), "APPROX" if pre in g.approx else None


def _clock_range(h: Hit, ctx: Context) -> bool:
    """'с 10 до 18 часов': two hours of the day after a 'from' that opens clock ranges (a stretch
    of time is 'от 2 до 5 часов')."""
    g = ctx.g
    words = norm(h.m.group()).split()
    return (len(words) >= 4 and words[0].isdigit() and words[1] in g.range_joiner_words
            and words[2].isdigit() and int(words[0]) < 24 and int(words[2]) <= 24
            and _prev_word(ctx, h.start) in g.clock_range_openers)


def inverted_count_units(h: Hit, ctx: Context) -> Result:
    """дня три; часа на два; года два назад (an approximate count after its unit: the unit's case
    agrees with the number, and the number ends the clause unless 'ago' follows)"""
    g = ctx.g
    u, kind = g.inverted_units[norm(h["unit"])]
    n = _number(g, h["count"])
    if n is None or isinstance(n, str):
        return REJECT
    few = norm(h["count"]) in g.inverted_few
    if kind != "any" and few != (kind == "few"):
        return REJECT
    if h["prep"] and norm(h["prep"]) in g.after:  # "года через два": ahead of the anchor
        if u in ("H", "MIN"):
            return "DURATION", duration(n, u), "APPROX"
        value = shifted(ctx.anchor, int(n), u)
        return ("DATE", value, "APPROX") if value else REJECT
    if h["post"]:
        if u in ("H", "MIN"):
            return "DURATION", duration(n, u), "APPROX"
        value = shifted(ctx.anchor, -int(n), u)
        return ("DATE", value, "APPROX") if value else REJECT
    if not re.match(r"\s*(?:[,.;:!?)—–]|$)", ctx.folded[h.end:h.end + 3]):
        return REJECT
    return "DURATION", duration(n, u), "APPROX"


def indefinite_units(h: Hit, ctx: Context) -> Result:
    """с години; години наред"""
    return "DURATION", duration("X", ctx.g.units_pl[norm(h["unit"] or h["unit2"])]), None


def single_unit(h: Hit, ctx: Context) -> Result:
    """цяла седмица; за една година; в течение года; в продължение на година и половина (P1.5Y)"""
    return "DURATION", duration(1.5 if h["half"] else 1, ctx.g.single_unit[norm(h["unit"])]), None


def half_year_shifted(h: Hit, ctx: Context) -> Result:
    """полгода назад; через полгода; след половин година (counted from the anchor; a stretch of
    time when counted from an event, 'через полгода после выборов', or told in the past)"""
    g = ctx.g
    if bool(h["prep"]) == bool(h["post"]):
        return REJECT
    sign = -1 if (h["post"] or norm(h["prep"]) in g.before) else 1
    months = 6 * sign
    if sign > 0 and (_next_word(ctx, h.end) in g.event_after or ctx.tense(h.start, h.end) == PAST):
        return "DURATION", "P6M", None
    return "DATE", shifted(ctx.anchor, months, "M"), None


def fixed_duration(h: Hit, ctx: Context) -> Result:
    """за последние сутки (a phrase the data gives its value)"""
    return "DURATION", ctx.g.fixed_durations[norm(h["word"])], None


def unit_and_a_half(h: Hit, ctx: Context) -> Result:
    """година и половина; час и половина; год с половиной (1.5 units)"""
    return "DURATION", duration(1.5, ctx.g.units_sg[norm(h["unit"])]), None


def approx_single_unit(h: Hit, ctx: Context) -> Result:
    """около года; почти месяц; повече от година (и половина) (not 'около часа дня', a clock time; not a
    night: 'уже ночь')"""
    g = ctx.g
    u = g.single_unit[norm(h["unit"])]
    nxt = _next_word(ctx, h.end)
    if u == "H" and (nxt in g.pods or nxt in g.bare_pods):
        return REJECT
    if nxt in g.later or nxt in g.ago:  # "само ден по-късно": a date, read elsewhere
        return REJECT
    if norm(h["unit"]) in g.night_units:
        return REJECT
    return "DURATION", duration(1.5 if h["half"] else 1, u), "APPROX"


def count_unit_adjective(h: Hit, ctx: Context) -> Result:
    """петгодишен мандат; 10-дневен срок; на двегодишния преходен период (not an age: '45-годишният
    мъж', 'на 45-годишна жена')"""
    g = ctx.g
    raw = norm(h["count"]).replace(" ", "")
    n = float(raw.rstrip("-")) if raw[0].isdigit() else g.num_prefixes.get(raw)
    if n is None:
        return REJECT
    u = g.unit_adj[norm(h["stem"])]
    if u == "Y":
        nxt = _next_word(ctx, h.end)
        raw_next = re.match(r"\s*(\w+)", ctx.text[h.end:h.end + 40])
        prev = _prev_word(ctx, h.start)
        if (nxt in g.age_nouns or prev in g.age_words
                or (prev in g.age_prepositions and nxt not in g.period_heads)
                or (raw_next and raw_next.group(1)[:1].isupper())
                or (g.age_grammemes and _tagged(g.morph_code, g.age_grammemes, nxt))):
            return VETO
    return "DURATION", duration(n, u), None


def vague_period(h: Hit, ctx: Context) -> Result:
    """през последните години"""
    return "DATE", ctx.g.vague_mods[norm(h["mod"])], None


def vague_word(h: Hit, ctx: Context) -> Result:
    """наскоро; в бъдеще (not 'вскоре после выборов': counted from an event; not a sentence's
    opening 'А теперь, ...': the text moves on)"""
    g = ctx.g
    word = norm(h["word"])
    value = g.vague[word]
    if value == "FUTURE_REF" and (_next_word(ctx, h.end) in g.event_after or ctx.tense(h.start, h.end) == PAST):
        return VETO  # "soon" in a past narrative is soon after what it tells, not after the article
    if word in g.discourse_now and _discourse_opening(ctx, h.start, h.end):
        return VETO
    return "DATE", value, None


def vague_followed(h: Hit, ctx: Context) -> Result:
    """пока не сообщается (a word that is 'so far' only before a negated report)"""
    return "DATE", ctx.g.vague_if_followed[norm(h["word"])], None


def _discourse_opening(ctx: Context, s: int, e: int) -> bool:
    """'а теперь' opening a sentence, then a comma, a colon or a call to the reader."""
    g = ctx.g
    m = re.search(r"(?:^|[.!?…]\s+|\n)\s*([\w]+)\s+$", ctx.folded[max(0, s - 40):s])
    if not m or m.group(1) not in g.discourse_before:
        return False
    after = ctx.folded[e:e + 30]
    return bool(re.match(r"\s*[,:—–-]", after)) or _next_word(ctx, e) in g.discourse_after


def deictic_adjective(h: Hit, ctx: Context) -> Result:
    """днешната среща; вчерашнего заседания"""
    return _date(ctx.anchor + dt.timedelta(days=int(ctx.g.deictic_adjectives[norm(h["stem"])])))


def part_of_day_alone(h: Hit, ctx: Context) -> Result:
    """вечерта; през нощта (the day the text speaks of, as 'във вторник вечерта' is the day); 'през
    деня' only in a told past or a future (in a present it is a habit)"""
    if norm(h["word"]) in ctx.g.pods_need_tense and ctx.tense(h.start, h.end) is None:
        return REJECT
    return _date(_ref_day(ctx))


def time_word(h: Hit, ctx: Context) -> Result:
    """по обед; в полунощ"""
    return "TIME", f"{ctx.anchor.isoformat()}T{ctx.g.time_words[norm(h['word'])]}", None


def same_day_as_anchor(h: Hit, ctx: Context) -> Result:
    """по-рано днес"""
    return _date(ctx.anchor)


def same_day_as_before(h: Hit, ctx: Context) -> Result:
    """на същия ден (the last specific day read)"""
    return ("DATE", ctx.ref, None) if ctx.ref and DAY_VALUE.match(ctx.ref) else VETO


def same_month_as_before(h: Hit, ctx: Context) -> Result:
    """в том же месяце (the month of the last specific date read, a month or a day)"""
    last = ctx.last_specific
    return ("DATE", last[:7], None) if last and len(last) >= 7 else VETO


def same_year_as_before(h: Hit, ctx: Context) -> Result:
    """в том же году; през същата година (the year of the last specific date read)"""
    last = ctx.last_specific
    return ("DATE", last[:4], None) if last else VETO


def then_as_before(h: Hit, ctx: Context) -> Result:
    """тогава (the previous specific date; not the 'then' of 'if ..., then')"""
    g = ctx.g
    if g.then_blocker.search(ctx.folded, 0, h.start):
        return VETO
    if g.then_clause_openers:  # 'с тех пор, как он ушел': the clause says since when
        m = re.match(r"\s*,?\s*(\w+)", ctx.folded[h.end:h.end + 30])
        if m and m.group(1) in g.then_clause_openers:
            return VETO
    return THEN


RESOLVERS: dict[str, Callable[[Hit, Context], Result]] = {f.__name__: f for f in (
    iso_date, numeric_date, numeric_date_short, day_before_conjoined_day, day_and_month_name, month_name_then_day,
    year_number, decade, century, holiday_eve, holiday, day_from_ref, weekday_with_tense, deictic_day,
    relative_period_conjoined, relative_period, mod_definite_unit, weekend, deictic_year, month_name_with_year,
    season_with_year, quarter_of_year, half_of_year, before_after_count_units, count_units_later, count_units_ago,
    clock_time, set_word, times_per_unit, per_unit_after_count, set_adjective, every_unit,
    inverted_count_units, count_units, indefinite_units, half_year_shifted, fixed_duration, single_unit, unit_and_a_half, approx_single_unit, count_unit_adjective, vague_period, vague_followed, vague_word,
    deictic_adjective, time_word, part_of_day_alone, same_day_as_anchor, same_day_as_before,
    same_month_as_before, same_year_as_before,
    then_as_before)}


def resolve(rule: str, m: re.Match, ctx: Context) -> Result:
    """(type, value, mod) for a rule's match, or REJECT / VETO / THEN."""
    return RESOLVERS[rule](Hit(m, rule), ctx)
