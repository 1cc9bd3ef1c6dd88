"""Find and normalise time expressions: ``find_timexes(text, anchor, lang) -> list[Timex]``.

One combined regex per language (an alternation of rules, each a named group, most specific
first) proposes expressions left to right; each rule's resolver turns its groups into a TIMEX3
value, or rejects the match (then the remaining rules are tried at the same place) or vetoes
it (an age, a count: nothing is read there).  A last pass joins a day with a clock time next to
it (``в 15:20 в неделя``).  Words come from ``hronika/lang/<code>/timex.json`` (see lexicon.py).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import Lexicon, alternation, fold, lexicon_for, norm
from .tense import FUTURE, PAST, TenseMap, rules_for

REJECT, VETO = "reject", "veto"
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+|\b[\w.-]+\.(?:com|bg|ru|org|net|eu|info|uk|io|tv)/\S*")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
SPECIFIC = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")
DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    text: str = ""
    rule: str = field(default="", compare=False)


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
    return None


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def roman(s: str) -> int | None:
    s = s.lower()
    total, prev = 0, 0
    for ch in reversed(s):
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


# ---------------------------------------------------------------- grammar


class Grammar:
    """The compiled rules and lookup tables of one merged lexicon."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        L = lex
        self.months = L.map("months")
        self.months_ctx = L.set("months_need_context")
        self.weekdays = L.map("weekdays")
        self.units = L.map("units")
        self.units_sg = L.map("units_singular")
        self.units_pl = L.map("units_plural")
        self.unit_adj = L.map("unit_adjective_stems")
        self.numerals = L.map("numerals")
        self.indef = L.set("indefinite_numerals")
        self.num_prefixes = L.map("numeral_prefixes")
        self.deictic = L.map("deictic_days")
        self.deictic_years = L.map("deictic_years")
        self.relmod = L.map("relative_modifiers")
        self.relunits = L.map("relative_units")
        self.bare_periods = L.map("bare_period_words")
        self.mods = L.map("mods")
        self.prep_mods = L.map("prep_mods")
        self.approx = L.set("approx")
        self.vague = L.map("vague")
        self.vague_mods = L.map("vague_period_modifiers")
        self.sets = L.map("sets")
        self.per_unit = L.map("per_unit")
        self.time_words = L.map("time_words")
        self.pods = L.map("parts_of_day")
        self.pm = L.set("pm_parts")
        self.seasons = L.map("seasons")
        self.ordinals = L.map("ordinals")
        self.age_nouns = L.set("age_nouns")
        self.age_words = L.set("age_words")
        self.age_prepositions = L.set("age_prepositions")
        self.age_bridges = L.set("age_bridges")
        self.count_nouns = L.set("count_nouns")
        self.before = L.set("before")
        self.after = L.set("after")
        self.ago = L.set("ago_postpositions")
        self.since = L.set("since_postpositions")
        self.last_n = L.set("last_n")
        self.clock_preps = L.set("clock_prepositions")
        self.year_suffixes = L.set("year_suffixes")
        self.same_day = L.nested_set("anaphora", "same_day")
        self.same_day_anchor = L.nested_set("anaphora", "same_day_anchor")
        self.then = L.nested_set("anaphora", "then")
        self.tense_rules = rules_for(lex)
        self.rules, self.combined = self._compile()

    # ---------------------------------------------------------- regex

    _NOT_STARTERS = ("tense", "count_nouns", "age_nouns", "age_words", "url_like", "numeral_prefixes",
                     "unit_adjective_stems", "months_need_context", "pm_parts", "year_suffixes",
                     "decade_suffixes", "day_ordinal_suffixes", "hour_words", "local_time", "century_words",
                     "quarter_words", "times_words", "range_joiners", "ago_postpositions", "since_postpositions",
                     "later_postpositions")

    def _starters(self) -> str:
        """A look-ahead for the first word of any time expression: every rule's opening words
        (prepositions, modifiers, names, numerals...), a digit, a glued numeral prefix."""
        words: set[str] = set()

        def add(x):
            if isinstance(x, str) and x:
                words.add(norm(x).split(" ")[0])
            elif isinstance(x, dict):
                for k, v in x.items():
                    add(k)
                    if isinstance(v, (list, dict)):
                        add(v)
            elif isinstance(x, list):
                for v in x:
                    add(v)

        for d in self.lex.data:
            for key, val in d.items():
                if not key.startswith("_") and key not in self._NOT_STARTERS:
                    add(val)
        words.update(("за", "for", "на"))
        return (rf"(?=\(|\d|{alternation_of(words)}(?![\w])|{alternation_of(self.num_prefixes)}"
                rf"|[ivx]{{1,5}}(?![\w]))")

    def _compile(self):
        L = self.lex
        B, E = r"(?<![\w-])", r"(?![\w])"
        NB = r"(?<![\w.,/:-])"  # a number that is not part of another number or code
        PREP = L.alt("prepositions")
        MODS = L.alt("mods")
        MON = L.alt("months")
        WD = L.alt("weekdays")
        ORD = L.alt("day_ordinal_suffixes")
        DAY = rf"(?:3[01]|[12]\d|0?[1-9])(?:-?{ORD})?(?![\d])"
        Y4 = r"(?:1[6-9]\d\d|20\d\d)(?![\d])"
        YS = L.alt("year_suffixes")
        RJ = L.alt("range_joiners")
        RELMOD = L.alt("relative_modifiers")
        YEARU = alternation_of(k for k, v in self.relunits.items() if v == "Y")
        DY = L.alt("deictic_years")
        NUMW = L.alt("numerals")
        JOIN = L.alt("numeral_joiners")
        INDEF = L.alt("indefinite_numerals")
        NUM = rf"(?:{NB}\d{{1,3}}(?:[.,]5)?(?![\d.,]\d)|{NUMW}(?:(?:\s+{JOIN}\s+|-){NUMW})?|{INDEF})"
        UNITS = L.alt("units")
        USG = L.alt("units_singular")
        UPL = L.alt("units_plural")
        PODS = L.alt("parts_of_day")
        HW = L.alt("hour_words")
        LOCAL = L.alt("local_time")

        def ytail(p: str) -> str:
            return (rf"(?:,?\s+(?P<{p}_y>{Y4})(?:\s*{YS}{E})?"
                    rf"|\s+(?P<{p}_yr>{RELMOD})\s+{YEARU}{E}"
                    rf"|\s+(?P<{p}_yd>{DY}){E})?")

        def pre(p: str) -> str:
            return rf"(?:(?P<{p}_p>{PREP})\s+)?(?:(?P<{p}_mod>{MODS})\s+)?"

        rules = [
            ("iso", rf"(?<![\w/.-])(?P<iso_y>{Y4})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\d/])"),
            ("num", rf"{NB}(?P<num_d>3[01]|[12]\d|0?[1-9])\s?(?P<num_s>[./])\s?(?P<num_m>1[0-2]|0?[1-9])\s?(?P=num_s)\s?"
                    rf"(?P<num_y>{Y4})(?:\s*{YS}{E})?(?![.,/]\d)"),
            ("dm", rf"{B}(?:(?P<dm_wd>{WD}),?\s+)?{pre('dm')}{NB}(?P<dm_d>{DAY})"
                   rf"(?:\s*[-–—]\s*(?P<dm_d2>{DAY})|\s+{RJ}\s+(?P<dm_d3>{DAY}))?\s*\.?\s+(?P<dm_m>{MON}){E}"
                   + ytail("dm") +
                   rf"(?:(?:\s*[-–—]\s*|\s+{RJ}\s+)(?:{DAY}\s+)?{MON}{E}(?:\s+(?P<dm_ty>{Y4})(?:\s*{YS}{E})?)?)?"
                   rf"(?:\s*[–—,-]\s*(?P<dm_wd2>{WD}){E})?"),
            ("md", rf"{B}(?:(?P<md_p>{PREP})\s+)?(?P<md_m>{MON})\s+(?P<md_d>{DAY})(?:\s*[-–]\s*{DAY})?(?:,?\s+(?P<md_y>{Y4}))?{E}"),
            ("yr", rf"{B}{pre('yr')}{NB}(?P<yr_y>{Y4})(?:\s*[-–—/]\s*(?P<yr_y2>{Y4}|\d\d(?!\d))|\s+{RJ}\s+(?P<yr_y3>{Y4}))?"
                   rf"(?:\s*(?P<yr_s>{YS}){E})?"),
            ("dec", rf"{B}{pre('dec')}{NB}(?P<dec_n>(?:1[6-9]|20)?\d0)\s?(?P<dec_s>{L.alt('decade_suffixes')}){E}"),
            ("cent", rf"{B}(?:(?P<cent_p>{PREP})\s+)?(?P<cent_n>[ivxIVX]{{1,5}}|\d{{1,2}})(?:-?{ORD})?\s+{L.alt('century_words')}{E}"),
            ("wd", rf"{B}(?:(?P<wd_p>{PREP})\s+)?(?:(?P<wd_rel>{RELMOD})\s+)?(?P<wd_w>{WD}){E}(?:\s+(?P<wd_pod>{PODS}){E})?"
                   rf"(?:\s*\(\s*(?P<wd_pd>{DAY})\s*\.?\s+(?P<wd_pm>{MON})\s*\))?"),
            ("deic", rf"{B}(?:(?P<deic_pre>{L.alt('deictic_prefixes')})\s+)?(?P<deic_w>{L.alt('deictic_days')}){E}"
                     rf"(?:\s*\(\s*(?P<deic_pd>{DAY})\s*\.?\s+(?P<deic_pm>{MON})\s*\))?(?:\s+(?P<deic_pod>{PODS}){E})?"),
            ("rel", rf"{B}(?:(?P<rel_p>{PREP})\s+)?(?:(?P<rel_el>{L.alt('earlier_later')})\s+)?(?:(?P<rel_mod>{MODS})\s+)?"
                    rf"(?P<rel_m>{RELMOD})\s+(?P<rel_u>{L.alt('relative_units')}){E}"),
            ("we", rf"{B}(?P<we_p>{PREP})\s+(?P<we_w>{L.alt('bare_period_words')}){E}"),
            ("dy", rf"{B}(?P<dy_w>{DY}){E}"),
            ("mo", rf"{B}{pre('mo')}(?:(?P<mo_whole>{L.alt('whole')})\s+)?(?:(?P<mo_rel>{RELMOD})\s+)?(?P<mo_m>{MON}){E}"
                   + ytail("mo") + rf"(?:\s+(?P<mo_since>{L.alt('since_postpositions')}){E})?"),
            ("se", rf"{B}{pre('se')}(?:(?P<se_rel>{RELMOD})\s+)?(?P<se_s>{L.alt('seasons')}){E}"
                   rf"(?:\s+(?:на\s+)?(?P<se_y>{Y4})(?:\s*{YS}{E})?)?"),
            ("q", rf"{B}(?P<q_o>{L.alt('ordinals')})\s+{L.alt('quarter_words')}{E}(?:\s+(?:на\s+|of\s+)?(?P<q_y>{Y4})(?:\s*{YS}{E})?)?"),
            ("rn", rf"{B}(?P<rn_pre>{L.alt('before')}|{L.alt('after')})\s+(?P<rn_n>{NUM})\s+(?P<rn_u>{UNITS}){E}"),
            ("rl", rf"{B}(?P<rl_n>{NUM})\s+(?P<rl_u>{UNITS})\s+(?P<rl_post>{L.alt('later_postpositions')}){E}"),
            ("rp", rf"{B}(?P<rp_n>{NUM})\s+(?P<rp_u>{UNITS})\s+(?P<rp_post>{L.alt('ago_postpositions')}){E}"),
            ("tm", rf"{B}(?:(?P<tm_p>{L.alt('time_prepositions')})\s+)?{NB}(?P<tm_h>[01]?\d|2[0-4])(?:(?P<tm_sep>[:.,])(?P<tm_mi>[0-5]\d))?(?![\d])"
                   rf"(?:\s*(?P<tm_hw>{HW}))?(?!\w)(?:\s+(?P<tm_pod>{PODS}){E})?(?:\s+{LOCAL}{E})?"
                   rf"(?P<tm_range>\s+{RJ}\s+\d{{1,2}}(?:[:.,][0-5]\d)?(?![\d]))?"),
            ("st", rf"{B}(?:(?P<st_n>{NUM})\s+{L.alt('times_words')}\s+)?(?P<st_w>{L.alt('sets')}){E}"),
            ("st3", rf"{B}(?P<st3_n>{NUM})\s+{L.alt('times_words')}\s+(?P<st3_w>{L.alt('per_unit')}){E}"),
            ("st2", rf"{B}{L.alt('set_every')}\s+(?P<st2_u>{USG}|{WD}){E}"),
            ("du", rf"{B}(?:(?P<du_pre>{L.alt('duration_prepositions')}|{L.alt('last_n')})\s+)?(?P<du_n>{NUM})(?:-те)?\s+(?P<du_u>{UNITS}){E}"
                   rf"(?:\s+(?P<du_since>{L.alt('since_postpositions')}){E})?"),
            ("dx", rf"{B}(?:(?P<dx_pre>{L.nested_alt('indefinite_periods', 'prefix')})\s+(?P<dx_u>{UPL}){E}(?!\s+{L.alt('since_postpositions')})"
                   rf"|(?P<dx_u2>{UPL})\s+{L.nested_alt('indefinite_periods', 'postfix')}{E})"),
            ("du1", rf"{B}(?P<du1_pre>{L.alt('whole')}|за|for|за\s+една|за\s+един|за\s+едно){E}\s+(?P<du1_u>{USG}){E}"),
            ("ca", rf"{B}(?P<ca_n>\d{{1,3}}\s?-\s?|{alternation_of(self.num_prefixes)})(?P<ca_u>{L.alt('unit_adjective_stems')})\w*"),
            ("vp", rf"{B}(?:(?P<vp_p>{L.alt('vague_period_prepositions')})\s+)?(?P<vp_m>{L.alt('vague_period_modifiers')})\s+(?P<vp_u>{UPL}){E}"),
            ("vg", rf"{B}(?P<vg_w>{L.alt('vague')}){E}"),
            ("tw", rf"{B}(?:(?P<tw_p>{L.alt('time_word_prepositions')})\s+)?(?P<tw_w>{L.alt('time_words')}){E}"),
            ("an_anchor", rf"{B}(?P<an_anchor_w>{L.nested_alt('anaphora', 'same_day_anchor')}){E}"),
            ("an_same", rf"{B}(?P<an_same_w>{L.nested_alt('anaphora', 'same_day')}){E}"),
            ("an_then", rf"{B}(?P<an_then_w>{L.nested_alt('anaphora', 'then')}){E}"),
        ]
        # Each rule alone is only needed when the combined match is refused (``_try``): compiled
        # then (re's cache keeps it), which halves the grammar's start-up cost.
        compiled = [(name, f"(?P<{name}>{pat})") for name, pat in rules]
        # Every rule starts at a word start: one look-behind for all of them, checked once per
        # position, and a look-ahead on the first character, let the engine skip most positions.
        combined = re.compile(rf"(?<![\w-]){self._starters()}(?:"
                              + "|".join(f"(?P<{name}>{pat})" for name, pat in rules) + ")")
        return compiled, combined


def alternation_of(words) -> str:
    return alternation(words)


@lru_cache(maxsize=None)
def grammar_for(lang: str | None) -> Grammar:
    return Grammar(lexicon_for(lang))


# ---------------------------------------------------------------- resolution


class _Ctx:
    def __init__(self, text: str, folded: str, anchor: dt.date, g: Grammar, tense: str | None, ref: str | None):
        self.text, self.folded, self.anchor, self.g = text, folded, anchor, g
        self.forced_tense = tense
        self.ref = ref  # the most recent specific day value before this text
        self._tmap: TenseMap | None = None

    def tense(self, s: int, e: int) -> str | None:
        if self.forced_tense in (PAST, FUTURE):
            return self.forced_tense
        if self._tmap is None:
            self._tmap = TenseMap(self.folded, self.g.tense_rules)
        return self._tmap.at(s, e)


def _n(g: Grammar, s: str | None) -> float | str | None:
    """A numeral (digits, words, 'двадесет и пет', 'няколко') as a number, or 'X'."""
    if s is None:
        return None
    s = norm(s)
    if s in g.indef:
        return "X"
    if s[0].isdigit():
        return float(s.replace(",", "."))
    total = 0.0
    for part in re.split(r"\s+|-", s):
        if part in g.numerals:
            total += g.numerals[part]
    return total or None


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _nearest_dm(ctx: _Ctx, m: int, d: int, s: int, e: int) -> dt.date | None:
    a = ctx.anchor
    cands = [c for c in (safe_date(a.year + k, m, d) for k in (-1, 0, 1)) if c]
    if not cands:
        return None
    best = min(cands, key=lambda c: abs((c - a).days))
    t = ctx.tense(s, e) if abs((best - a).days) < 183 else None
    if t == PAST and best > a:
        alt = max((c for c in cands if c <= a), default=None)
        if alt and (a - alt).days <= 183:
            best = alt
    elif t == FUTURE and best < a:
        alt = min((c for c in cands if c >= a), default=None)
        if alt and (alt - a).days <= 183:
            best = alt
    return best


def _month_year(ctx: _Ctx, m: int, s: int, e: int, force: str | None = None) -> int:
    a = ctx.anchor
    t = force or ctx.tense(s, e)
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


def _year_tail(ctx: _Ctx, gd: dict, p: str) -> int | None:
    g = ctx.g
    if gd.get(f"{p}_y"):
        return int(gd[f"{p}_y"])
    if gd.get(f"{p}_yr"):
        return ctx.anchor.year + int(g.relmod[norm(gd[f"{p}_yr"])])
    if gd.get(f"{p}_yd"):
        return ctx.anchor.year + int(g.deictic_years[norm(gd[f"{p}_yd"])])
    return None


def _mod(g: Grammar, gd: dict, p: str) -> str | None:
    if gd.get(f"{p}_mod"):
        return g.mods.get(norm(gd[f"{p}_mod"]))
    if gd.get(f"{p}_p"):
        return g.prep_mods.get(norm(gd[f"{p}_p"]))
    return None


def _weekday(ctx: _Ctx, w: int, rel: int | None, s: int, e: int) -> dt.date:
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


def _next_word(ctx: _Ctx, pos: int) -> str:
    m = re.match(r"\s*([\w.%-]+)", ctx.folded[pos:pos + 40])
    if not m:
        return ""
    w = m.group(1)
    return w if w in ctx.g.count_nouns else w.rstrip(".")


def _prev_word(ctx: _Ctx, pos: int) -> str:
    m = re.search(r"([\w-]+)\s*$", ctx.folded[max(0, pos - 40):pos])
    return m.group(1) if m else ""


_EARLIER = re.compile(r"рано|ранее|earlier|before", re.I)


def _later_sign(word: str) -> int:
    return -1 if _EARLIER.search(word) else 1


def _is_age(ctx: _Ctx, s: int, pre: str | None) -> bool:
    """Years that give someone's age: "на 45 години", "на възраст над 70 години", "хора между
    65 и 69 години" -- an age preposition, or an age word or person noun reached going back
    over bridge words only (над, между, и, numbers)."""
    g = ctx.g
    if pre in g.age_prepositions:
        return True
    before = re.findall(r"[\w-]+", ctx.folded[max(0, s - 80):s])
    if pre is None and before and before[-1] in g.age_prepositions:
        return True
    for w in reversed(before[-6:]):
        if w in g.age_words or w in g.age_nouns:
            return True
        if not (w in g.age_bridges or w.isdigit()):
            return False
    return False


def resolve(name: str, m: re.Match, ctx: _Ctx):
    """(type, value, mod) for a rule's match, or REJECT / VETO."""
    g, a, gd = ctx.g, ctx.anchor, m.groupdict()
    s, e = m.span()
    if name == "iso":
        d = safe_date(int(gd["iso_y"]), int(gd["iso_m"]), int(gd["iso_d"]))
        return ("DATE", d.isoformat(), None) if d else REJECT
    if name == "num":
        d = safe_date(int(gd["num_y"]), int(gd["num_m"]), int(gd["num_d"]))
        return ("DATE", d.isoformat(), None) if d else REJECT
    if name == "dm":
        mon = g.months[norm(gd["dm_m"])]
        day = _day(gd["dm_d"])
        y = _year_tail(ctx, gd, "dm") or (int(gd["dm_ty"]) if gd.get("dm_ty") else None)
        if y:
            d = safe_date(y, mon, day)
        elif gd.get("dm_wd") or gd.get("dm_wd2"):
            w = g.weekdays[norm(gd.get("dm_wd") or gd.get("dm_wd2"))]
            cands = [c for c in (safe_date(a.year + k, mon, day) for k in (-1, 0, 1)) if c]
            same = [c for c in cands if c.isoweekday() == w]
            d = min(same or cands, key=lambda c: abs((c - a).days)) if cands else None
        else:
            d = _nearest_dm(ctx, mon, day, s, e)
        if d is None:
            return REJECT
        return "DATE", d.isoformat(), _mod(g, gd, "dm")
    if name == "md":
        word = ctx.text[m.start("md_m"):m.end("md_m")]
        if not word[:1].isupper():
            return REJECT
        mon, day = g.months[norm(gd["md_m"])], _day(gd["md_d"])
        d = safe_date(int(gd["md_y"]), mon, day) if gd.get("md_y") else _nearest_dm(ctx, mon, day, s, e)
        return ("DATE", d.isoformat(), None) if d else REJECT
    if name == "yr":
        y = int(gd["yr_y"])
        y2 = gd.get("yr_y2") or gd.get("yr_y3")
        if y2:
            y2n = int(y2) if len(y2) == 4 else (y // 100) * 100 + int(y2)
            if not (y < y2n <= y + 30):
                return REJECT if not gd.get("yr_s") else ("DATE", str(y), _mod(g, gd, "yr"))
        elif not gd.get("yr_s") and not gd.get("yr_p") and not gd.get("yr_mod"):
            return REJECT
        if not gd.get("yr_s"):
            if gd.get("yr_p") and norm(gd["yr_p"]) not in g.lex.set("year_prepositions") and not y2:
                return REJECT
            nxt = _next_word(ctx, e)
            if nxt in g.count_nouns:
                return VETO
            loose = not gd.get("yr_p") or norm(gd["yr_p"]) in g.lex.set("approx")
            if loose and not y2 and len(nxt) > 3 and nxt.isalpha():
                return VETO  # "около 2000 военнослужещи": no time preposition, then a noun: a count
        return "DATE", str(y), _mod(g, gd, "yr")
    if name == "dec":
        n = gd["dec_n"]
        if len(n) == 4:
            return "DATE", n[:3] + "X", _mod(g, gd, "dec")
        dd = int(n)
        if dd < 20 or _next_word(ctx, e) in g.count_nouns:
            return REJECT  # "от 10-те членове": a count, not a decade
        century = 19 if dd > a.year % 100 else 20
        return "DATE", f"{century}{n[0]}X", _mod(g, gd, "dec")
    if name == "cent":
        n = gd["cent_n"]
        c = int(n) if n.isdigit() else roman(n)
        if not c or c > 21:
            return REJECT
        return "DATE", f"{c - 1:02d}", None
    if name == "wd":
        if gd.get("wd_pd"):
            d = _nearest_dm(ctx, g.months[norm(gd["wd_pm"])], _day(gd["wd_pd"]), s, e)
            if d:
                return "DATE", d.isoformat(), None
        rel = g.relmod.get(norm(gd["wd_rel"])) if gd.get("wd_rel") else None
        d = _weekday(ctx, g.weekdays[norm(gd["wd_w"])], rel, s, e)
        return "DATE", d.isoformat(), None
    if name == "deic":
        if gd.get("deic_pd"):
            d = _nearest_dm(ctx, g.months[norm(gd["deic_pm"])], _day(gd["deic_pd"]), s, e)
            if d:
                return "DATE", d.isoformat(), None
        d = a + dt.timedelta(days=int(g.deictic[norm(gd["deic_w"])]))
        return "DATE", d.isoformat(), None
    if name == "rel":
        k = int(g.relmod[norm(gd["rel_m"])])
        u = g.relunits[norm(gd["rel_u"])]
        mod = _mod(g, gd, "rel")
        if u == "W":
            return "DATE", iso_week(a + dt.timedelta(weeks=k)), mod
        if u == "WE":
            return "DATE", iso_week(a + dt.timedelta(weeks=k)) + "-WE", mod
        if u == "M":
            y, mm = add_months(a.year, a.month, k)
            return "DATE", f"{y}-{mm:02d}", mod
        if u == "Y":
            return "DATE", str(a.year + k), mod
        return REJECT
    if name == "we":
        t = ctx.tense(s, e)
        wd = a.isoweekday()
        if t == PAST or (t is None and wd <= 3):
            ref = a if wd >= 6 else a - dt.timedelta(days=7)
        else:
            ref = a
        return "DATE", iso_week(ref) + "-WE", None
    if name == "dy":
        return "DATE", str(a.year + int(g.deictic_years[norm(gd["dy_w"])])), None
    if name == "mo":
        word = norm(gd["mo_m"])
        mon = g.months[word]
        raw = ctx.text[m.start("mo_m"):m.end("mo_m")]
        if raw.isascii() and not raw[:1].isupper():
            return REJECT
        y = _year_tail(ctx, gd, "mo")
        has_ctx = any(gd.get(k) for k in ("mo_p", "mo_mod", "mo_whole", "mo_rel", "mo_since")) or y
        if word in g.months_ctx and not has_ctx:
            return REJECT
        if y is None:
            force = None
            if gd.get("mo_rel"):
                k = int(g.relmod[norm(gd["mo_rel"])])
                force = PAST if k < 0 else FUTURE if k > 0 else None
                if k == 0:
                    y = a.year
            if gd.get("mo_since"):
                force = PAST
            if y is None:
                y = _month_year(ctx, mon, s, e, force)
        return "DATE", f"{y}-{mon:02d}", _mod(g, gd, "mo")
    if name == "se":
        sea = g.seasons[norm(gd["se_s"])]
        if gd.get("se_y"):
            y = int(gd["se_y"])
        elif gd.get("se_rel"):
            y = a.year + int(g.relmod[norm(gd["se_rel"])])
        elif gd.get("se_p") or gd.get("se_mod"):
            start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[sea]
            y = _month_year(ctx, start_month, s, e)
        else:
            return REJECT
        return "DATE", f"{y}-{sea}", _mod(g, gd, "se")
    if name == "q":
        q = int(g.ordinals[norm(gd["q_o"])])
        y = int(gd["q_y"]) if gd.get("q_y") else a.year
        return "DATE", f"{y}-Q{q}", None
    if name in ("rn", "rp"):
        p = name
        n = _n(g, gd[f"{p}_n"])
        u = g.units[norm(gd[f"{p}_u"])]
        if n is None:
            return REJECT
        if name == "rn":
            sign = -1 if norm(gd["rn_pre"]) in g.before else 1
        else:
            sign = -1 if norm(gd["rp_post"]) in g.ago else 1
        if u in ("H", "MIN", "S"):
            return "DURATION", duration(n, u), None
        if n == "X":
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
        value = shifted(a, int(n) * sign, u)
        return ("DATE", value, None) if value else REJECT
    if name == "rl":  # "два дни по-късно": counted from the date the text was speaking of
        n = _n(g, gd["rl_n"])
        u = g.units[norm(gd["rl_u"])]
        if n is None or n == "X" or not (ctx.ref and DAY_VALUE.match(ctx.ref)) or u not in ("D", "W", "M", "Y"):
            return VETO
        base = dt.date.fromisoformat(ctx.ref)
        k = int(n) * (-1 if _later_sign(gd["rl_post"]) < 0 else 1)
        return "DATE", shifted(base, k, u), None
    if name == "tm":
        h = int(gd["tm_h"])
        mi = int(gd["tm_mi"]) if gd.get("tm_mi") else 0
        sep, hw, pod = gd.get("tm_sep"), gd.get("tm_hw"), gd.get("tm_pod")
        pre = norm(gd["tm_p"]) if gd.get("tm_p") else None
        podv = g.pods.get(norm(pod)) if pod else None
        if sep == ":" and gd.get("tm_mi"):
            pass
        elif gd.get("tm_mi"):  # 16.50 / 15,20: needs an hour word or a time range
            if not hw and not gd.get("tm_range"):
                return REJECT
        else:  # a bare hour: "в 23 часа", "at 5 pm"
            if not ((hw and pre in g.clock_preps) or podv in ("AM", "PM") or
                    (hw and gd.get("tm_range"))):
                return REJECT
        if h == 24:
            h = 0
        if podv in g.pm and h < 12:
            h += 12
        return "TIME", f"{a.isoformat()}T{h:02d}:{mi:02d}", None
    if name == "st":
        raw = ctx.text[m.start("st_w"):m.end("st_w")]
        nxt = re.match(r"\s+(\w)", ctx.text[e:e + 3])
        if raw[:1].isupper() and nxt and nxt.group(1).isupper():
            return REJECT  # part of a name: "Daily Express"
        return "SET", g.sets[norm(gd["st_w"])], None
    if name == "st3":
        return "SET", g.per_unit[norm(gd["st3_w"])], None
    if name == "st2":
        w = norm(gd["st2_u"])
        if w in g.weekdays:
            return "SET", "P1W", None
        return "SET", duration(1, g.units_sg[w]), None
    if name == "du":
        n = _n(g, gd["du_n"])
        u = g.units[norm(gd["du_u"])]
        if n is None:
            return REJECT
        pre = norm(gd["du_pre"]) if gd.get("du_pre") else None
        if u == "Y" and _is_age(ctx, s, pre):
            return VETO  # an age: "на 45 години", "хора над 65 години"
        if gd["du_u"] == "г." and not isinstance(n, str) and n >= 1000:
            return REJECT
        mod = "APPROX" if pre in g.approx else None
        return "DURATION", duration(n, u), mod
    if name == "dx":
        u = g.units_pl[norm(gd.get("dx_u") or gd.get("dx_u2"))]
        return "DURATION", duration("X", u), None
    if name == "du1":
        return "DURATION", duration(1, g.units_sg[norm(gd["du1_u"])]), None
    if name == "ca":
        raw = norm(gd["ca_n"]).replace(" ", "")
        n = float(raw.rstrip("-")) if raw[0].isdigit() else g.num_prefixes.get(raw)
        if n is None:
            return REJECT
        u = g.unit_adj[norm(gd["ca_u"])]
        if u == "Y":
            nxt = _next_word(ctx, e)
            raw_next = re.match(r"\s*(\w+)", ctx.text[e:e + 40])
            prev = _prev_word(ctx, s)
            if (nxt in g.age_nouns or prev in g.age_words or prev == "на"
                    or (raw_next and raw_next.group(1)[:1].isupper())):
                return VETO  # an age: "45-годишният мъж"
        return "DURATION", duration(n, u), None
    if name == "vp":
        return "DATE", g.vague_mods[norm(gd["vp_m"])], None
    if name == "vg":
        return "DATE", g.vague[norm(gd["vg_w"])], None
    if name == "tw":
        hm = g.time_words[norm(gd["tw_w"])]
        return "TIME", f"{a.isoformat()}T{hm}", None
    if name == "an_anchor":
        return "DATE", a.isoformat(), None
    if name == "an_same":
        return ("DATE", ctx.ref, None) if ctx.ref and DAY_VALUE.match(ctx.ref) else VETO
    if name == "an_then":
        return "THEN"
    return REJECT


# ---------------------------------------------------------------- the finder


_QUOTES = frozenset("\"'„“”«»‘’")
_MERGE_GAP = re.compile(r"^\s*,?\s*(?:\w{1,4}\s+)?$")


def find_timexes(text: str, anchor: dt.date, lang: str | None = "bg", *, tense: str | None = None,
                 ref: str | None = None) -> list[Timex]:
    """Time expressions of ``text`` with TIMEX3 values, relative ones resolved against ``anchor``.

    ``lang``: the language of the text (bg, ru, en; mk/sr read as bg, uk/be as ru).
    ``tense``: 'past' or 'future' to force the direction of bare weekdays and months; by
    default it is read from the markers around each expression.
    ``ref``: the value of the most recent specific date before ``text`` (for ``на същия ден``).
    """
    g = grammar_for(lang)
    folded = fold(text)
    ctx = _Ctx(text, folded, anchor, g, tense, ref)
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)] if ("/" in text or "www" in folded) else []
    out: list[Timex] = []
    pos, n = 0, len(text)
    rx = g.combined
    while pos < n:
        m = rx.search(folded, pos)
        if m is None:
            break
        name = m.lastgroup
        res, mm = _try(name, m, ctx, g)
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
        if res == "THEN":
            prev = next((t for t in reversed(out) if t.type == "DATE" and SPECIFIC.match(t.value)), None)
            if prev is not None and not re.search(r"[.!?]\s", text[prev.end:s]):
                out.append(Timex(s, e, "DATE", prev.value, None, text[s:e], name))
            pos = e
            continue
        typ, value, mod = res
        t = Timex(s, e, typ, value, mod, text[s:e], mm.lastgroup or name)
        if typ == "DATE" and DAY_VALUE.match(value):
            ctx.ref = value
        out.append(t)
        pos = e
    return _merge(out, text, g)


def _try(name: str, m: re.Match, ctx: _Ctx, g: Grammar):
    res = resolve(name, m, ctx)
    if res != REJECT:
        return res, m
    # the rule refused: try the later rules at the same place
    names = [r[0] for r in g.rules]
    for other, pattern in g.rules[names.index(name) + 1:]:
        m2 = re.compile(pattern).match(ctx.folded, m.start())
        if m2 is None:
            continue
        res = resolve(other, m2, ctx)
        if res != REJECT:
            return res, m2
    return None, m


def _merge(out: list[Timex], text: str, g: Grammar) -> list[Timex]:
    """Join a day and a clock time next to each other into one TIME."""
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
                    if clock.rule == "tw" and clock.value.endswith("T00:00") and clock is t:
                        value, typ = day.value, "DATE"  # "петък в полунощ": the day
                    else:
                        value, typ = day.value + clock.value[10:], "TIME"
                    merged[-1] = Timex(s, e, typ, value, None, text[s:e], "merge")
                    continue
        merged.append(t)
    return merged
