"""Tense around a time expression: past, future or unknown, from markers in the same sentence.

The markers are data (``tense`` in each ``timex.json``): future particles (``ще``, ``будет``,
``will``), past auxiliaries and frequent past forms, suffix rules (Bulgarian aorist plural
``-ха``, imperfect ``-ше``, Russian ``-л``), the l-participle after an auxiliary (``е провел``), a
passive participle next to the expression (``подписана в неделя``).  The marker nearest to the
expression decides; a marker in another clause counts only when its own clause has none, and
never across a sentence end.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from .lexicon import Lexicon, norm

PAST, FUTURE = "past", "future"
AHEAD = "ahead"  # a future that governs only expressions after it: "да се срещнат през ноември"
# a verb of moving a date ("перенесли", "отложиха"): a future for the new date after it, brought
# in by a target preposition ("на понедельник", "до 29 марта"); a past for what comes before it
POSTPONE = "postpone"
_WORD = re.compile(r"\w+(?:-\w+)?")
# Read on the lower-cased text, where no capital letter is left: only a number opens the next
# sentence here (an upper-case test would need the raw text; kept so, readings unchanged).
_SENT_END = re.compile(r"[.!?]+[\"'”“»]?\s+(?=[^\s\w]*[0-9])|\n\s*\n")
_CLAUSE_PUNCT = re.compile(r"[,;:()\"„“”«»—–]")
CLAUSE_PENALTY = 400


@dataclass(frozen=True)
class TenseRules:
    future: frozenset[str]
    past: frozenset[str]
    past_suffixes: tuple[str, ...]
    min_len: int
    exceptions: frozenset[str]
    aux: frozenset[str]
    clitics: frozenset[str]
    l_part: tuple[str, ...]
    passive: tuple[str, ...]
    blockers: frozenset[str]
    breaks: frozenset[str]
    fut_suffixes: tuple[str, ...] = ()
    fut_blockers: frozenset[str] = frozenset()
    present_aux: frozenset[str] = frozenset()
    fut_vetoes: frozenset[str] = frozenset()
    fut_comp: frozenset[str] = frozenset()
    intent: tuple[str, ...] = ()
    infinitive: tuple[str, ...] = ()
    intent_skip: frozenset[str] = frozenset()
    # a word whose likeliest reading is a future-tense verb (Russian perfective present:
    # "встретятся"), by the language's morphological analyser; only words with these endings asked
    morph: str = ""  # the language whose analyser is asked (loaded on the first question)
    morph_future_endings: tuple[str, ...] = ()
    morph_future_tags: frozenset[str] = frozenset()
    # a masculine past with no -л ("вынес", "умер", "помог"): only words with these endings asked
    morph_past_endings: tuple[str, ...] = ()
    morph_past_tags: frozenset[str] = frozenset()
    # auxiliaries of a future passive ("ще бъде подписана"): the participle after them is no past
    future_passive_aux: frozenset[str] = frozenset()
    postpone: tuple[str, ...] = ()  # stems of verbs that move a date
    postpone_preps: frozenset[str] = frozenset()  # the prepositions of the new date
    list_joiners: frozenset[str] = frozenset()  # words that join two dates of a list ('и', 'или')


def rules_for(lex: Lexicon) -> list[TenseRules]:
    out = []
    for code in lex.langs:
        t = lex.tense(code)
        if not t:
            continue
        out.append(TenseRules(
            future=frozenset(norm(w) for w in t.get("future_words", [])),
            past=frozenset(norm(w) for w in t.get("past_words", [])),
            past_suffixes=tuple(t.get("past_suffixes", [])),
            min_len=int(t.get("past_suffix_min_length", 5)),
            exceptions=frozenset(norm(w) for w in t.get("past_suffix_exceptions", [])),
            aux=frozenset(t.get("auxiliaries", [])),
            clitics=frozenset(t.get("clitics", [])),
            l_part=tuple(t.get("participle_past_suffixes", [])),
            passive=tuple(t.get("passive_participle_suffixes", [])),
            blockers=frozenset(t.get("perfective_blockers", [])),
            breaks=frozenset(norm(w) for w in t.get("clause_breaks", [])),
            fut_suffixes=tuple(t.get("future_after_blockers_suffixes", [])),
            fut_blockers=frozenset(t.get("future_blockers", [])),
            present_aux=frozenset(t.get("present_auxiliaries", [])),
            fut_vetoes=frozenset(t.get("future_blocker_vetoes", [])),
            fut_comp=frozenset(t.get("future_complementizers", [])),
            intent=tuple(norm(w) for w in t.get("intent_verb_stems", [])),
            infinitive=tuple(t.get("infinitive_suffixes", [])),
            intent_skip=frozenset(norm(w) for w in t.get("intent_skip", [])),
            morph=code if t.get("future_verb_endings") or t.get("past_verb_endings") else "",
            morph_future_endings=tuple(t.get("future_verb_endings", [])),
            morph_future_tags=frozenset(t.get("future_verb_grammemes", [])),
            morph_past_endings=tuple(t.get("past_verb_endings", [])),
            morph_past_tags=frozenset(t.get("past_verb_grammemes", [])),
            future_passive_aux=frozenset(t.get("future_passive_auxiliaries", [])),
            postpone=tuple(norm(w) for w in t.get("postpone_verb_stems", [])),
            postpone_preps=frozenset(norm(w) for w in t.get("postpone_prepositions", [])),
            list_joiners=frozenset(norm(w) for w in t.get("list_joiners", [])),
        ))
    return out


@lru_cache(maxsize=100_000)
def _verb_in_tense(code: str, grammemes: frozenset[str], word: str) -> bool:
    """Whether the likeliest reading of ``word`` is a verb with ``grammemes`` (the future's or the
    past's, as the rules ask)."""
    morph = lang.get(code).morph
    if morph is None:
        return False
    tag = morph.parse(word)[0].tag
    return tag.POS == "VERB" and grammemes in tag


def _before_clitics(words, i: int, clitics) -> int:
    """Index of the word before word ``i``, skipping clitics (``се``, ``ги``); -1 at the start."""
    j = i - 1
    while j >= 0 and words[j][2] in clitics:
        j -= 1
    return j


class TenseMap:
    """Tense markers of one folded text, read sentence by sentence when first asked."""

    def __init__(self, folded: str, rules: list[TenseRules]):
        self.text = folded
        self.rules = rules
        self.sent_ends: list[int] = [m.end() for m in _SENT_END.finditer(folded)]
        self._cache: dict[int, tuple[list, list, list]] = {}

    def _region(self, lo: int, hi: int) -> tuple[list, list, list, list]:
        """(markers, passive participles, punctuation, clause words) of the sentence [lo, hi)."""
        got = self._cache.get(lo)
        if got is not None:
            return got
        chunk = self.text[lo:hi]
        markers: list[tuple[int, int, str]] = []
        passive: list[tuple[int, int]] = []
        bounds = [lo + m.start() for m in _CLAUSE_PUNCT.finditer(chunk)]
        walls: list[int] = []
        words = [(lo + m.start(), lo + m.end(), m.group()) for m in _WORD.finditer(chunk)]
        for i, (s, e, w) in enumerate(words):
            prev = words[i - 1][2] if i else ""
            for r in self.rules:
                kind = self._classify(words, i, w, prev, r)
                if kind:
                    markers.append((s, e, kind))
                    break
                if w in r.breaks:
                    walls.append(s)
                if r.passive and len(w) > 4 and w.endswith(r.passive) and w not in r.exceptions:
                    j = _before_clitics(words, i, r.clitics)
                    if not (j >= 0 and (words[j][2] in r.future_passive_aux or words[j][2] in r.future)):
                        passive.append((s, e))
        bounds.sort()
        got = self._cache[lo] = (markers, passive, bounds, walls)
        return got

    @staticmethod
    def _classify(words, i, w, prev, r: TenseRules) -> str | None:
        if w in r.future:
            return FUTURE
        if r.postpone and len(w) > 5 and w.startswith(r.postpone):
            return POSTPONE
        if r.intent and len(w) > 4 and w.endswith(r.infinitive):
            # "договорились встретиться в январе": what they agreed or plan to do lies ahead
            j = _before_clitics(words, i, r.clitics)
            while j >= 0 and words[j][2] in r.intent_skip:
                j -= 1
            if j >= 0 and words[j][2].startswith(r.intent):
                return AHEAD
        if w in r.past:
            j = _before_clitics(words, i, r.clitics)  # "ще се проведе": a future, not an aorist
            if prev in r.blockers or j >= 0 and words[j][2] in r.blockers:
                return None
            return PAST
        if len(w) >= r.min_len and w.endswith(r.past_suffixes) and w not in r.exceptions:
            return PAST
        if r.fut_suffixes and len(w) > 4 and w.endswith(r.fut_suffixes):
            # a perfective present after "когато", "ако", "да": "когато той се върне"
            j = _before_clitics(words, i, r.clitics)
            if j >= 0 and words[j][2] in r.fut_blockers:
                return FUTURE
            if j >= 0 and words[j][2] in r.fut_comp and not (j > 0 and words[j - 1][2] in r.fut_vetoes):
                return AHEAD  # not after "успяха да ...": that meeting happened
        if r.l_part and len(w) > 3 and w.endswith(r.l_part):
            j = _before_clitics(words, i, r.clitics)
            if j >= 0 and words[j][2] in r.aux:
                return PAST
        if r.passive and r.aux and len(w) > 4 and w.endswith(r.passive) and w not in r.exceptions:
            j = _before_clitics(words, i, r.clitics)
            if j >= 0 and words[j][2] in r.aux and words[j][2] not in r.present_aux:
                return PAST
        if r.morph and len(w) > 4 and w.endswith(r.morph_future_endings) \
                and _verb_in_tense(r.morph, r.morph_future_tags, w):
            return FUTURE
        if r.morph_past_endings and len(w) > 3 and w.endswith(r.morph_past_endings) \
                and _verb_in_tense(r.morph, r.morph_past_tags, w):
            return PAST
        return None

    @staticmethod
    def _count(points: list[int], a: int, b: int) -> int:
        return bisect.bisect_left(points, b) - bisect.bisect_right(points, a)

    def at(self, start: int, end: int) -> str | None:
        """The tense that governs the expression at [start, end), or None."""
        i = bisect.bisect_right(self.sent_ends, start)
        lo = self.sent_ends[i - 1] if i else 0
        hi = self.sent_ends[i] if i < len(self.sent_ends) else len(self.text)
        markers, passive, bounds, walls = self._region(lo, hi)
        for s, e in passive:  # a passive participle right next to it: "подписана в неделя"
            if 0 <= start - e <= 2 or 0 <= s - end <= 2:
                return PAST
        best, best_d = None, None
        # "В июле, когда он ушел, она осталась": the main clause after the subordinate one
        main = self._main_after(start, end, lo, walls, bounds)
        other, other_d = None, None  # the nearest marker of that main clause
        for s, e, kind in markers:
            if kind == POSTPONE:
                if s >= end:
                    kind = PAST  # "в пятницу заседание перенесли": when it was moved
                elif self._postponed_to(start):
                    kind = FUTURE  # "перенесли на понедельник": where it was moved to
                else:
                    kind = PAST
            if kind == AHEAD:
                if s >= end:  # a complement clause after the expression is not its clause
                    continue
                kind = FUTURE
            if start <= s < end:  # inside the expression itself
                return kind
            a, b = (e, start) if e <= start else (end, s)
            d = (b - a) + CLAUSE_PENALTY * self._count(bounds, a, b)
            if self._count(walls, a - 1, b):  # another clause: "..., но", "че ...", "когато ..."
                if main is not None and s >= main and not self._count(walls, main, s) \
                        and (other_d is None or d < other_d):
                    other, other_d = kind, d
                continue
            if best_d is None or d < best_d:
                best, best_d = kind, d
        # an expression opening its sentence before a clause ("В июле, когда он ушел, она
        # осталась"): with no marker of its own, the tense of what follows
        if best is None and other is not None:
            return other
        return best

    def _postponed_to(self, start: int) -> bool:
        """Whether the expression at ``start`` opens with (or follows) a preposition of a new date."""
        preps = set().union(*(r.postpone_preps for r in self.rules))
        joiners = set().union(*(r.list_joiners for r in self.rules))
        first = re.match(r"\w+", self.text[start:start + 12])
        if first and first.group() in preps:
            return True
        # the preposition just before, or before a first day joined by 'и' ('на 10 и 11 августа')
        for w in reversed(re.findall(r"\w+", self.text[max(0, start - 30):start])[-4:]):
            if w in preps:
                return True
            if not (w.isdigit() or w in joiners):
                return False
        return False

    def _main_after(self, start: int, end: int, lo: int, walls: list[int], bounds: list[int]) -> int | None:
        """Where the main clause resumes when the expression opens its sentence and a subordinate
        clause follows it at once ('В июле, когда ..., ...'): the first comma after that clause's
        opening word; None otherwise."""
        if self.text[lo:start].strip(" \t\n\"'«„“-—–"):
            return None
        m = re.match(r"\s*,\s*", self.text[end:end + 8])
        if not m:
            return None
        w = end + m.end()
        i = bisect.bisect_left(walls, w)
        if i == len(walls) or walls[i] != w:
            return None
        j = bisect.bisect_right(bounds, w)
        return bounds[j] if j < len(bounds) else None
