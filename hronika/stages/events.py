"""The ``events`` stage: PLOVER events with their trigger, actors, recipients, mode and date.

Finding is kept apart from writing: ``find_triggers`` matches a language's trigger lexicon
(``lang/<code>/event_triggers.tsv``; Bulgarian forms generated from stems and the endings of
``events.json``, Russian words matched through pymorphy3 lemmas) over one sentence's words and
reads the mood of each match from the cues of ``events.json`` (negation, future, conditional,
question, a ``да``/infinitive complement); ``attach`` fills the roles from the sentence's entity
mentions, the ``references`` layer when present, and country adjectives, by word order and
prepositions (and case, for Russian).  The stage writes asserted events (what GUIDELINES §3 says
to annotate) to ``events`` and the rest, with their flags, to ``events_flagged``.
Statements (reporting verbs) are not in the lexicon: they give quotes and sources.  Text inside
quotation marks that is speech (more than a few words) is skipped: the quote carries its events.

Read from the phenomenon, not from a list of cases: a warning of what the warner will do is a
threat and what it warns of is held back; a verb that closes what was said reports it; a meeting
in a sentence about a game is a match; a noun with the article names a known event even inside a
complement; an outlet cited for the news, and a word of a name, play no part in the event.
"""
from __future__ import annotations

import datetime as dt
import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import Document, Entity, Span
from ..kb import load as load_kb
from ..kb import place_for_adjective
from ..lang import fold_letters
from ..lang import get as get_lang
from ..settings import DEFAULTS, Settings
from ..speech import Index
from ..speech import lexicon as speech_lexicon
from .sources import source_chain
from .timex import governing_timex

# a game's score (``2:1``; a clock time has two digits after its colon), which makes a meeting a match
SCORE = re.compile(r"(?<![\d:])\d{1,2}\s?:\s?\d(?![\d:])")
# PLOVER types whose future is a promise of cooperation (AGREE, as PLOVER says).
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
# types whose noun, as the object of a future verb, is only announced (``ще изложат исканията си``):
# no demand has been made yet (a future verb itself, ``ще поиска``, stays asserted as GUIDELINES §3 has
# it: any tense but the conditional)
UNMADE_IN_FUTURE = frozenset({"REQUEST"})


# ------------------------------------------------------------------ the lexicon


@dataclass(frozen=True)
class Entry:
    pattern: str
    type: str
    mode: str
    roles: frozenset[str]
    words: tuple[frozenset[str], ...]  # the forms (or lemmas) each content word may take
    reflexive: bool
    negative: bool  # the pattern holds its own negation (``не признава``: REJECT)

    @property
    def nominal(self) -> bool:
        return "nominal" in self.roles


class Lexicon:
    """One language's triggers and cues (``events.json``, ``event_triggers.tsv``)."""

    def __init__(self, code: str) -> None:
        lang = get_lang(code)
        cue = lang.json("events.json")
        self.cue = cue
        self.vowels = frozenset(cue.get("vowels", ""))
        self.lemmatize = bool(cue.get("lemmas"))
        self.verb_endings = tuple(cue.get("verb_endings", ("",)))
        self.noun_endings = tuple(cue.get("noun_endings", ("",)))
        self.adjective_endings = tuple(cue.get("adjective_endings", ("",)))
        # (for ``str.startswith`` / ``endswith`` at each word that asks: made once)
        self.group_heads = tuple(cue.get("group_heads", ()))
        self.worker_heads = tuple(cue.get("worker_heads", ()))
        self.plural_verb_endings = tuple(cue.get("plural_verb_endings", ()))
        self.passive_endings = tuple(cue.get("passive_endings", ()))
        self.passive_forms: set[str] = set()
        self.sets = {k: frozenset(v) for k, v in cue.items() if isinstance(v, list) and k != "quote_pairs"}
        self.aspectual = frozenset(f for w in cue.get("aspectual", ()) for f in self.expand(w))
        self.intent = frozenset(f for w in cue.get("intent", ()) for f in self.expand(w))
        self.governors = frozenset(f for w in cue.get("nominal_governors", ()) for f in self.expand(w))
        self.quote_marks = frozenset(m for pair in cue.get("quote_pairs", ()) for m in pair)
        self.topics = frozenset(f for w in cue.get("topic_governors", ()) for f in self.expand(w))
        self.light = frozenset(f for w in cue.get("light_verbs", ()) for f in self.expand(w))
        self.ruling = frozenset(f for w in cue.get("ruling_verbs", ()) for f in self.expand(w))
        self.ruling_nouns = frozenset(f for w in cue.get("ruling_nouns", ()) for f in self.expand(w))
        self.vows = frozenset(f for w in cue.get("vow_verbs", ()) for f in self.expand(w))
        self.results = frozenset(f for w in cue.get("result_verbs", ()) for f in self.expand(w))
        self.code = code
        self.breaks: dict[str, list[tuple[str, ...]]] = {}
        for b in cue.get("clause_breaks", ()):
            self.breaks.setdefault(b.split()[0], []).append(tuple(b.split()))
        self.entries: list[Entry] = []
        self.index: dict[str, list[int]] = {}
        index = self.index
        # A pattern word recurs in many patterns (1,720 words, 931 distinct in Bulgarian): its
        # forms are made once (the stage's start-up).
        forms_of: dict[str, frozenset[str]] = {}
        passive_done: set[str] = set()
        reflexives, negations = self.sets.get("reflexive", ()), self.sets.get("negation", ())
        for line in lang.list("event_triggers.tsv"):
            cols = (line.split("\t") + [""] * 5)[:5]
            pattern, type_, mode, roles = (c.strip() for c in cols[:4])
            words, reflexive, negative = [], False, False
            for w in pattern.split():
                if w in reflexives:
                    reflexive = True
                    continue
                if not words and w in negations:
                    negative = True
                forms = forms_of.get(w)
                if forms is None:
                    forms = forms_of[w] = frozenset(f for alt in w.split("|") for f in self.expand(alt))
                words.append(forms)
                if not words[1:] and w not in passive_done:
                    passive_done.add(w)
                    for alt in w.split("|"):
                        if alt.endswith("*"):
                            self.passive_forms.update(self.passives(alt[:-1]))
            entry = Entry(pattern, type_, mode, frozenset(r for r in roles.split(",") if r),
                          tuple(words), reflexive, negative)
            n = len(self.entries)
            self.entries.append(entry)
            for f in words[0]:
                at = index.get(f)
                if at is None:
                    index[f] = [n]
                else:
                    at.append(n)

    def expand(self, word: str) -> tuple[str, ...]:
        """The forms of a pattern word: ``stem*`` with every verb ending, ``stem~`` with every
        noun/adjective ending, else the word itself."""
        w = fold_letters(word)
        stem = w[:-1]
        if w.endswith("*"):
            forms = tuple(stem + e for e in self.verb_endings) + self.passives(stem)
            # a perfective stem in its thematic vowel drops it in the present (``да обвинят``, ``ще решат``)
            theme = self.cue.get("theme_present", {}).get(stem[-1:]) if len(stem) > 3 else None
            if theme:
                base = stem[:-1]
                forms += tuple(base + e for e in theme.get(base[-1:], theme.get("", ())))
            return forms
        if w.endswith("~"):
            # a bare stem ending in a vowel is some other word (``обвинени``, ``примири``)
            return tuple(stem + e for e in self.noun_endings if e or stem[-1:] not in self.vowels)
        if w.endswith("^"):
            return tuple(stem + e for e in self.adjective_endings)
        return (w,)

    def passives(self, stem: str) -> tuple[str, ...]:
        """Passive participles of a verb stem; a stem in its thematic vowel (``освободи``)
        drops it before a participle ending that brings its own (``освободен``)."""
        out = [stem + e for e in self.passive_endings]
        theme = self.cue.get("passive_theme_drop", {})
        if stem[-1:] in theme:
            out += [stem[:-1] + e for e in self.passive_endings if e[:1] in theme[stem[-1]]]
        # ``излизат``, ``срещнат``: read as the present (they go out), which needs no auxiliary
        # (a stem in ``е`` has no such present: ``приет``, ``отнет`` are participles)
        keep = tuple(self.cue.get("participle_t_stems", ()))
        plural = {stem + e for e in self.cue.get("present_3pl", ()) if not (keep and stem.endswith(keep) and e in self.passive_endings)}
        return tuple(f for f in out if f not in plural)

    def has(self, name: str, word: str) -> bool:
        return word in self.sets.get(name, ())

    def may_match(self, forms: set[str]) -> bool:
        """Whether every word of some pattern occurs among a sentence's word forms (a cheap test
        before the words are read in order)."""
        for f in [f for f in forms if f in self.index]:
            for n in self.index[f]:
                if all(not ws.isdisjoint(forms) for ws in self.entries[n].words[1:]):
                    return True
        return False


@lru_cache(maxsize=None)
def lexicon(code: str) -> Lexicon | None:
    """The lexicon that reads ``code`` (its own data, else its neighbour's; None: no events read)."""
    lang = get_lang(code)
    if not (lang.has("event_triggers.tsv") and lang.has("events.json")):
        return None
    return lexicon(lang.data_code) if lang.data_code != code else Lexicon(code)


@lru_cache(maxsize=200_000)
def _analyse_ru(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """(lemmas, grammemes of the likeliest reading) of a Russian word."""
    m = get_lang("ru").morph  # None without pymorphy3: Russian then matches surface forms only
    if m is None:
        return frozenset((word,)), frozenset()
    parses = m.parse(word)
    # an imperative reading below the first is noise in news (``вышли``: they went out, not "send!")
    lemmas = {word} | {fold_letters(p.normal_form) for n, p in enumerate(parses[:3]) if not n or "impr" not in p.tag}
    return frozenset(lemmas), frozenset(parses[0].tag.grammemes)


# ------------------------------------------------------------------ words of a sentence


@dataclass
class Word:
    text: str  # lower-cased
    start: int
    end: int
    forms: frozenset[str]
    tags: frozenset[str] = frozenset()
    timex: bool = False
    name: bool = False  # a word of a name (``Би Би Си``), no particle


def sentence_words(doc: Document, tokens: list[Span], lex: Lexicon) -> list[Word]:
    out = []
    lo, hi = (tokens[0].start, tokens[-1].end) if tokens else (0, 0)
    times = {k for t in doc.overlapping("timexes", lo, hi)
             for k in range(bisect.bisect_left(tokens, t.start, key=_start), bisect.bisect_left(tokens, t.end, key=_start))}
    names = {k for m in doc.overlapping("mentions", lo, hi)
             for k in range(bisect.bisect_left(tokens, m.start, key=_start), bisect.bisect_left(tokens, m.end, key=_start))}
    for n, t in enumerate(tokens):
        w = fold_letters(t.attrs.get("text") or doc.text[t.start:t.end])
        if w == "-" and 0 < n < len(tokens) - 1 and tokens[n - 1].end == t.start == t.end - 1 == tokens[n + 1].start - 1:
            w = "\u2010"  # a hyphen inside a word (``Жан-Клод``) is no dash between clauses
        if lex.lemmatize and w.isalpha():
            forms, tags = _analyse_ru(w)
        else:
            forms, tags = frozenset((w,)), frozenset()
        out.append(Word(w, t.start, t.end, forms, tags, n in times, n in names))
    return out


# ------------------------------------------------------------------ finding triggers


@dataclass
class Found:
    first: int  # word indices, end exclusive
    last: int
    entry: Entry
    anchor: int  # the index of the pattern's first content word
    flags: dict[str, bool] = field(default_factory=dict)
    bare: bool = False  # a passive participle with no auxiliary, in apposition
    bare_at: int = -1  # where that apposition begins (after its comma), when it is not the trigger itself


def _match(words: list[Word], i: int, entry: Entry, lex: Lexicon) -> tuple[int, int] | None:
    gap = int(lex.cue.get("max_gap", 3))
    k = i + 1
    for forms in entry.words[1:]:
        hit = None
        for j in range(k, min(len(words), k + gap + 1)):
            if lex.has("clause_punct", words[j].text):
                break
            if words[j].forms & forms:
                hit = j
                break
        if hit is None:
            return None
        k = hit + 1
    first, last = i, k
    if entry.reflexive:
        # (not the clitic of a verb that governs this one: ``се надява да договори`` -- ``се`` is the hoping's)
        before = [j for j in range(max(0, i - 3), i) if lex.has("reflexive", words[j].text)
                  and not any(lex.has("clause_punct", words[x].text) or lex.has("subjunctive", words[x].text)
                              for x in range(j, i))]
        if before:
            first = before[-1]
        elif not (last < len(words) and lex.has("reflexive", words[last].text)) and not any(
                lex.has("reflexive", words[j].text) for j in range(i + 1, last)):
            # (or inside the pattern, after its negation: ``не се съгласява``)
            return None
    return first, last


def find_triggers(words: list[Word], lex: Lexicon, masked: set[int] = frozenset()) -> list[Found]:
    """Trigger matches in one sentence, the longest winning where two overlap, with their mood."""
    cands = []
    for i, w in enumerate(words):
        if i in masked:
            continue
        seen = set()
        for f in w.forms:
            for n in lex.index.get(f, ()):
                if n in seen:
                    continue
                seen.add(n)
                entry = lex.entries[n]
                span = _match(words, i, entry, lex)
                if span and not any(j in masked for j in range(*span)):
                    cands.append((Found(span[0], span[1], entry, i), n))
    # ties go to the entry listed first (a word's forms are a set: their order changes from run to run)
    cands.sort(key=lambda cn: (-len(cn[0].entry.words), -(cn[0].last - cn[0].first), cn[0].entry.nominal,
                               cn[0].first, cn[1]))
    taken: set[int] = set()
    out = []
    for c, _ in cands:
        if taken.intersection(range(c.first, c.last)):
            continue
        if not _form_ok(words, c, lex):
            continue
        taken.update(range(c.first, c.last))
        c.flags = mood(words, c, lex)
        out.append(c)
    return sorted(out, key=lambda c: c.first)


def _is_passive(words: list[Word], c: Found, lex: Lexicon) -> bool:
    if c.first and words[c.first - 1].forms & lex.light:
        return False  # ``предяви обвинения``: after a light verb, a noun (not ``the accused``)
    w = words[c.anchor]
    if lex.lemmatize:
        return "PRTS" in w.tags or ("PRTF" in w.tags and "pssv" in w.tags)
    return not c.entry.nominal and w.text in lex.passive_forms


def _has_aux(words: list[Word], c: Found, lex: Lexicon) -> bool:
    lo, hi = max(0, c.first - 3), min(len(words), c.last + 2)
    if any(lex.has("auxiliaries", words[j].text) for j in range(lo, hi) if not c.first <= j < c.last):
        return True
    # ``беше свален от самолета и задържан``: a participle joined by ``и`` to one with its auxiliary shares it
    if c.first >= 3 and lex.has("coordination", words[c.first - 1].text) and words[c.first - 1].text.isalpha():
        for k in range(c.first - 2, max(-1, c.first - 7), -1):
            if lex.has("clause_punct", words[k].text):
                break
            if _participle(words[k], lex) and any(lex.has("auxiliaries", words[j].text) for j in range(max(0, k - 3), k)):
                return True
    return False


def _form_ok(words: list[Word], c: Found, lex: Lexicon) -> bool:
    """A passive participle (``арестуваните``) names people, not an event, unless an auxiliary
    makes it a verb (``бяха арестувани``) or an agent follows (``арестувани от полицията``);
    an active participle (``требовавших``) describes people."""
    if lex.lemmatize and "PRTF" in words[c.anchor].tags and "actv" in words[c.anchor].tags and not (
            "past" in words[c.anchor].tags and len(c.entry.words) > 1):
        # (a past one with its object, ``суд, отменивший приговор``, tells what the noun it describes did)
        return False
    if lex.lemmatize and not c.entry.nominal and len(c.entry.words) == 1 and "ADJF" in words[c.anchor].tags and not (
            c.anchor + 1 < len(words) and _agent_after(words, c.anchor + 1, lex)):
        return False  # (a participle the dictionary reads first as an adjective, ``оправданный``, likewise)
    if "agented" in c.entry.roles:
        # ``оправданный риск``: a participle read as an adjective, an act only with its agent after it
        if not (c.anchor + 1 < len(words) and _agent_after(words, c.anchor + 1, lex)):
            return False
        _apposition(words, c, lex)
        return True
    if "personal" in c.entry.roles and c.last < len(words) and lex.has("reflexive", words[c.last].text.lower()):
        return False  # ``Забранява се ...``: a standing rule, no one's act
    if not lex.lemmatize and not c.entry.nominal and c.first and _prep(words[c.first - 1].text, lex) and not lex.has(
            "subjunctive", words[c.first - 1].text) and not _attributive(words, c, lex):
        return False  # ``кампания за отказа от членството``: after a preposition the verb's form is a noun's
    if c.entry.nominal or not _is_passive(words, c, lex):
        return "passive" not in c.entry.roles
    t = words[c.anchor].text
    if any(t.endswith(e) and t[:-len(e)] in lex.passive_forms for e in lex.cue.get("definite_endings", ())):
        # ``арестуваните``: the arrested, a noun (but ``пребита``: beaten, a verb); with its agent
        # after it (``наложените от властите ограничения``) it still tells that someone did it,
        # and so does one before the noun and name it describes (``осъдената на смърт учителка X``)
        return c.anchor + 1 < len(words) and lex.has("agent_preps", words[c.anchor + 1].text) or _attributive(words, c, lex)
    if "stative" in c.entry.roles:
        # ``пътниците бяха блокирани на летището``: stranded, a state; an event only with its agent named
        return c.last < len(words) and lex.has("agent_preps", words[c.last].text)
    if _has_aux(words, c, lex):
        return True
    if lex.lemmatize and "PRTS" in words[c.anchor].tags:
        return True  # a Russian short participle is a predicate by itself (``Ризви задержан полицией``)
    if len(c.entry.words) > 1 and c.first >= 2 and words[c.first - 1].text == ",":
        c.bare = True  # ``Петрова, осъдена на доживотен затвор миналата година``: kept when a name stands before the comma
        return True
    if (len(c.entry.words) > 1 or c.last < len(words) and _agent_after(words, c.last, lex)) and _apposition(words, c, lex):
        return True
    return c.last < len(words) and _agent_after(words, c.last, lex)


def _apposition(words: list[Word], c: Found, lex: Lexicon) -> bool:
    """``X, обвиненная в ... и приговоренная к ...``: a second participle joined by ``и`` to one in
    apposition after a comma shares its noun; marks it bare, from where the apposition begins."""
    if c.first >= 2 and words[c.first - 1].text == ",":
        c.bare = True
        return True
    if c.first >= 4 and lex.has("coordination", words[c.first - 1].text) and words[c.first - 1].text.isalpha():
        lead = next((k for k in range(c.first - 2, max(0, c.first - 8), -1) if words[k].text == ","), None)
        if lead is not None and lead + 1 < c.first - 1 and _participle(words[lead + 1], lex):
            c.bare, c.bare_at = True, lead + 1
            return True
    return False


def _attributive(words: list[Word], c: Found, lex: Lexicon) -> bool:
    """A definite passive participle with its complement before the noun and name it describes
    (``за осъдената на смърт учителка X``): it tells what was done to X."""
    t = words[c.anchor].text
    return (not lex.lemmatize and len(c.entry.words) > 1 and any(
        t.endswith(e) and t[:-len(e)] in lex.passive_forms for e in lex.cue.get("definite_endings", ()))
        and any(words[k].name for k in range(c.last, min(len(words), c.last + 2))))


def _participle(w: Word, lex: Lexicon) -> bool:
    """A passive participle (``обвинена``, ``обвиненной``)."""
    return ("PRTF" in w.tags or "PRTS" in w.tags) if lex.lemmatize else w.text in lex.passive_forms


def _agent_after(words: list[Word], k: int, lex: Lexicon) -> bool:
    """The agent of a passive participle opens at word k: ``от`` (``оправдана от съда``), or a Russian
    name in the instrumental (``оправданной Верховным судом``)."""
    return lex.has("agent_preps", words[k].text) or (lex.lemmatize and words[k].name and "ablt" in words[k].tags)


def _list_comma(words: list[Word], k: int, lex: Lexicon) -> bool:
    """The comma at ``k`` joins names in a list (``на Русия, Беларус и Иран``, ``„X“, „Y“ и „Z“``), no clauses."""
    def nm(i: int) -> bool:  # a word of a name, or the quotation marks around one
        return 0 <= i < len(words) and (words[i].name or words[i].text in lex.quote_marks)

    if 0 < k < len(words) - 3 and nm(k - 1) and lex.has("list_joiners", words[k + 1].text) and lex.has(
            "coordination", words[k + 2].text):
        return True  # ``X, Y, както и Z``
    if not (0 < k < len(words) - 1 and nm(k - 1) and nm(k + 1)):
        return False
    j = k + 1
    while j < len(words) and nm(j):
        j += 1
    if j + 2 < len(words) and words[j].text == "," and lex.has("list_joiners", words[j + 1].text):
        j += 2  # ``X, Y, както и Z``
    if j + 1 < len(words) and lex.has("coordination", words[j].text) and (
            nm(j + 1) or words[j].text.isalpha()):
        return True  # (after ``и`` the last item may be a name the NER missed: ``с X, Y и Санчес``)
    # (the last comma of a list with no ``и``: ``на Русия, Беларус, Иран ...``)
    j = k - 1
    while j > 0 and nm(j):
        j -= 1
    return j > 0 and words[j].text == words[k].text and nm(j - 1)


def clause_bounds(words: list[Word], i: int, j: int, lex: Lexicon) -> tuple[int, int, tuple[str, ...]]:
    """The clause around words[i:j]: (start, end, the words that opened it)."""
    start, opener = 0, ()
    punct, breaks = lex.sets.get("clause_punct", ()), lex.breaks  # (asked of every word on the way)
    k = i - 1
    while k >= 0:
        t = words[k].text
        if t == ")":  # ``X (the Y of Z) наложи``: a parenthesis is no clause of its own
            k = next((m for m in range(k - 1, -1, -1) if words[m].text == "("), k) - 1
            continue
        if t in punct and t == "," and _list_comma(words, k, lex):
            k -= 1
            continue
        if t in punct:
            start = k + 1
            break
        b = _break_at(words, k, lex) if t in breaks else ()
        if b:
            start, opener = k + len(b), b
            break
        k -= 1
    end = len(words)
    k = j
    while k < len(words):
        t = words[k].text
        if t == "(":
            k = next((m for m in range(k + 1, len(words)) if words[m].text == ")"), k) + 1
            continue
        if t in punct and not (t == "," and _list_comma(words, k, lex)) or t in breaks and _break_at(words, k, lex):
            end = k
            break
        k += 1
    return start, end, opener


def _break_at(words: list[Word], k: int, lex: Lexicon) -> tuple[str, ...]:
    for b in lex.breaks.get(words[k].text, ()):
        if tuple(w.text for w in words[k:k + len(b)]) == b:
            return b
    return ()


def _before(words: list[Word], start: int, first: int, lex: Lexicon, n: int) -> list[str]:
    """Up to n words before ``first`` in the clause, skipping clitics and auxiliaries."""
    out = []
    for k in range(first - 1, start - 1, -1):
        t = words[k].text
        if lex.has("skippable", t) and not lex.has("negation", t):
            continue
        out.append(t)
        if len(out) == n:
            break
    return out



def _complement(words: list[Word], lex: Lexicon, hi: int, lo: int, cs: int, type_: str = "") -> tuple[bool, bool] | None:
    """(intent, irrealis) of a trigger in a complement clause -- a subjunctive particle among words
    ``hi`` down to ``lo`` (``планират да излязат``, ``отказа да се срещне``) -- or None: an intent
    verb governing it makes it intended, an aspectual verb (``започна да преговаря``) leaves it real."""
    sub = next((k for k in range(hi, lo - 1, -1) if lex.has("subjunctive", words[k].text)), None)
    if sub is None:
        return None
    if any(lex.has("concessive", words[k].text) and not any(
            lex.has("subjunctive", w.text) or w.text in lex.intent for w in words[k + 1:sub])
           for k in range(max(0, cs - 1, sub - 4), sub)):
        return False, False  # ``макар X да гони дипломатите``: a concession tells what is so
    gov = next((words[k] for k in range(sub - 1, max(cs, sub - 3) - 1, -1)
                if not lex.has("reflexive", words[k].text)), None)
    intent = gov is not None and gov.text in lex.intent
    if gov is not None and any(_court_ruling(words, w, cs, sub, lex) for w in words[max(cs, sub - 4):sub]):
        return False, False  # ``съдът реши да го оправдае``: a court's ruling is the act itself
    if lex.has("decreed_types", type_) and _decision_at(words, sub, cs, lex) is not None:
        return False, False  # ``решението на британското правителство да експулсира``: the decision is the act
    return intent, not (gov is not None and gov.text in lex.aspectual) and not intent


def _decision_at(words: list[Word], sub: int, cs: int, lex: Lexicon) -> int | None:
    """The index of a noun for a decision whose holder, an authority (a group noun or a name), stands
    between it and the complement at ``sub`` (``решението на британското правителство да ...``,
    ``решение правительства Британии выслать ...``), or None. An authority's decision announced is
    the act it decides (PLOVER codes the announced expulsion), and the holder is its actor."""
    if not lex.ruling_nouns:
        return None
    heads = lex.group_heads or ("\0",)
    for k in range(sub - 1, max(cs, sub - 7) - 1, -1):
        if words[k].forms & lex.ruling_nouns:
            between = words[k + 1:sub]
            if between and any(w.name or w.text.startswith(heads) for w in between) and not any(
                    lex.has("clause_punct", w.text) for w in between):
                return k
            return None
    return None


def _decision_holder(words: list[Word], c: Found, units: list[Unit], lex: Lexicon) -> list[Unit]:
    """The holder of the decision a trigger's complement carries out (see _decision_at), as units."""
    if lex.lemmatize:
        sub = c.first if "INFN" in words[c.anchor].tags else None
    else:
        sub = next((k for k in range(c.first - 1, max(0, c.first - 3) - 1, -1) if lex.has("subjunctive", words[k].text)), None)
    if sub is None:
        return []
    k = _decision_at(words, sub, 0, lex)
    if k is None:
        return []
    return [u for u in units if k < u.first and u.last <= sub]


def _court_ruling(words: list[Word], gov: Word, cs: int, hi: int, lex: Lexicon) -> bool:
    """``gov`` is a verb of ruling (реши, постанови, постановил), or the noun for a ruling (решението на
    съда да ...), whose subject or complement, before it in the clause, is a court: what it rules
    (acquits, frees, sentences) is done by the ruling."""
    if not gov.forms & lex.ruling:
        return False
    courts = tuple(lex.cue.get("court_stems", ())) or ("\0",)
    return any(w.text.startswith(courts) or w.forms & lex.sets.get("court_stems", frozenset()) for w in words[cs:hi])


def _scheduled(words: list[Word], c: Found, cs: int, ce: int, lex: Lexicon) -> bool:
    """A noun for talks or a meeting that the sentence sets for later: an adjective for what is coming
    right before it (``предстоящата среща``, ``следующий раунд переговоров``), a verb of taking place in
    the future after it in its clause (``... ще се състои``, ``встреча состоится``), or ``за``/``для``
    before it under a future verb (``ще замине за Берлин за среща``)."""
    upcoming = lex.sets.get("upcoming", frozenset())
    if any(words[k].forms & upcoming for k in range(max(cs, c.first - 2), c.first)):
        return True
    occur = lex.sets.get("occurrence_verbs", frozenset())
    for k in range(c.last, ce):
        if words[k].forms & occur and (lex.has("future", words[k - 1].text) or (
                k >= 2 and lex.has("reflexive", words[k - 1].text) and lex.has("future", words[k - 2].text))
                or (lex.lemmatize and "futr" in words[k].tags)):
            return True
        if any(f.forms & lex.governors for f in words[k:k + 1]):
            break
    return bool(c.first > cs and lex.has("purpose_preps", words[c.first - 1].text) and any(
        lex.has("future", w.text) or (lex.lemmatize and "futr" in w.tags) for w in words[cs:c.first - 1]))


def _rejoined(words: list[Word], c: Found, cs: int, opener: tuple[str, ...], lex: Lexicon) -> int | None:
    """``X отхвърли идеята, че Y може да ... и призова Z``: a finite verb joined by ``и`` to a complement
    whose own verb stands under a modal or a future (``да``, ``ще``) is no part of it: it goes on with
    the main clause.  The index of that ``и``, else None."""
    if c.entry.nominal or not opener or not lex.has("complementizers", opener[-1]):
        return None
    k = c.first - 1
    while k > cs and (lex.has("reflexive", words[k].text) or lex.has("object_clitics", words[k].text)):
        k -= 1
    if k <= cs or not (lex.has("coordination", words[k].text) and words[k].text.isalpha()):
        return None
    if not any(lex.has("subjunctive", w.text) or lex.has("future", w.text) for w in words[cs:k]):
        return None
    return k


def mood(words: list[Word], c: Found, lex: Lexicon) -> dict[str, bool]:
    cs, ce, opener = clause_bounds(words, c.first, c.last, lex)
    back = _rejoined(words, c, cs, opener, lex)
    if back is not None:  # the verb goes on with the main clause: the complement's mood is not its own
        cs, opener = back + 1, ()
    near = _before(words, cs, c.first, lex, 3)
    clause = [w.text for w in words[cs:c.first] if not w.name]
    flags = {"negated": False, "conditional": False, "question": False, "future": False, "irrealis": False,
             "intent": False}
    flags["question"] = (words[-1].text == "?" if words else False) or any(lex.has("question", t) for t in clause) or (
        # ``Потребует ли X ...``, ``Поиска ли X ...``: the enclitic right after the verb questions it
        c.last < len(words) and lex.has("question_enclitics", words[c.last].text.casefold()))
    # ``биват заплашвани и нападани``: what is done again and again is no one event
    flags["irrealis"] = any(lex.has("habitual", t) for t in clause)
    # ``има случаи, в които радикали нападат хора``: a clause that says what happens in cases of a kind
    if opener and cs - len(opener) >= 1:
        head = [w for w in words[max(0, cs - len(opener) - 3):cs - len(opener)]
                if not (_prep(w.text, lex) or lex.has("clause_punct", w.text))]
        flags["irrealis"] = flags["irrealis"] or bool(head) and not head[-1].forms.isdisjoint(
            lex.sets.get("generic_case_nouns", ()))
    # ``..., при условие че получи амнистия``: a condition named just before the complementizer
    lead_in = [w.text for w in words[max(0, cs - len(opener) - 2):cs - len(opener)]] if (
        opener and lex.has("complementizers", opener[-1])) else []
    flags["conditional"] = any(lex.has("conditional", t) for t in (*clause, *opener)) or any(
        lex.has("conditional", t) or lex.has("condition_lead_ins", t) for t in lead_in)
    # ``Ако X, то Y планира да ...``: a main clause opened by a correlative after a clause of condition
    # hangs on that condition
    flags["conditional"] = flags["conditional"] or _after_condition(words, c.first, lex)
    if c.entry.nominal:
        flags["negated"] = bool(near) and lex.has("nominal_negation", near[0])
        # ``потенциален бунт``, ``возможная забастовка``: a possible event, not one that happened
        flags["conditional"] = flags["conditional"] or any(
            lex.has("hypothetical_adjectives", t.casefold()) for t in near[:2])
        # the object of a future verb (``ще започнат преговори``, ``ще проведат среща``) is still to come
        flags["future"] = any(lex.has("future", t) for t in near)
        if c.entry.type == "CONSULT" and not flags["future"] and _scheduled(words, c, cs, ce, lex):
            # talks or a meeting set for later (``предстоящата среща``, ``следващият кръг от преговорите ще
            # се състои``, ``ще замине за Берлин за среща с X``): a cooperation still to come, not one held
            flags["future"] = True
            return flags
        # what is threatened, demanded, planned or averted (``заплашиха със стачка``) has not happened
        # the topic of talks, an agreement or a demand (``преговорите с X за освобождаването на ...``)
        # is what they are about, not what has happened
        if c.first >= 2 and lex.has("topic_preps", words[c.first - 1].text) and any(
                words[k].forms & lex.topics for k in range(max(cs, c.first - 5), c.first - 1)):
            flags["irrealis"] = True
            return flags
        # (not over an adjunct: ``отмени полети заради стачката`` -- the strike is the cause)
        # (further back past the object when the noun is what the act is done with: ``заплашиха
        # компаниите X и Y със санкции``)
        reach = 8 if c.first and lex.has("partner_preps", words[c.first - 1].text) else 5
        if any(words[k].forms & lex.governors and not any(lex.has("adjunct_preps", words[m].text) for m in range(k, c.first))
               for k in range(max(cs, c.first - reach), c.first)):
            flags["irrealis"] = True
            return flags
        # the object of a verb in a complement (``планират да излязат на стачка``) is unrealised too,
        # but a noun with the definite article names an event known to have happened
        # (``да ползва летището заради инвазията в Кувейт``)
        definite = words[c.anchor].text.endswith(tuple(lex.cue.get("definite_endings", ())) or ("\0",))
        found = None if definite else _complement(words, lex, c.first - 2, max(cs, c.first - 5), cs)
        if found is not None and any(words[k].forms & lex.results for k in range(max(cs, c.first - 4), c.first)):
            # ``решението да вдигне цените предизвика протести``: the noun is what the plan caused,
            # the object of the main verb, not part of the plan
            found = None
        if found is not None:
            flags["intent"], flags["irrealis"] = found
        return flags
    if not c.entry.negative:
        # (or inside a trigger whose noun comes first: ``присъдата не беше потвърдена``)
        flags["negated"] = any(lex.has("negation", t) for t in near[:2]) or any(
            lex.has("negation", w.text) for w in words[c.first + 1:c.last])
    flags["future"] = any(lex.has("future", t) for t in near) or (
        lex.lemmatize and "futr" in words[c.anchor].tags)
    if not flags["future"] and opener and lex.has("temporal_subordinators", opener[-1]) and ce + 1 < len(words):
        # ``Когато се срещне с X, Y ще поиска ...``: a clause of time put before a main clause in the
        # future speaks of the future too
        me = clause_bounds(words, ce + 1, ce + 2, lex)[1]
        flags["future"] = any(lex.has("future", w.text) for w in words[ce + 1:me])
    # a complement (``отказа да се срещне``, ``призова ги да освободят``) is not asserted,
    # unless an aspectual verb governs it (``започна да преговаря``)
    found = _complement(words, lex, c.first - 1, max(cs, c.first - 4), cs, c.entry.type)
    if found is not None:
        flags["intent"], flags["irrealis"] = found
    elif opener and lex.has("subjunctive", opener[-1]):
        # ``..., преди да бъде освободен``: a clause of what came before tells an event that happened,
        # when the main clause speaks of the past (no future or modal before it)
        flags["irrealis"] = not (lex.has("factual_openers", " ".join(opener)) and not any(
            lex.has("future", w.text) or lex.has("factual_blockers", w.text.casefold())
            for w in words[:max(0, cs - len(opener))]))
    elif lex.lemmatize and "INFN" in words[c.anchor].tags:
        prev = words[c.first - 1] if c.first else None
        flags["intent"] = prev is not None and bool(prev.forms & lex.intent)
        flags["irrealis"] = not (prev is not None and prev.forms & (lex.aspectual | lex.intent))
        if prev is not None and any(_court_ruling(words, w, cs, c.first, lex) for w in words[max(cs, c.first - 4):c.first]):
            flags["intent"] = flags["irrealis"] = False  # ``суд постановил освободить X``: the ruling frees X
        elif lex.has("decreed_types", c.entry.type) and _decision_at(words, c.first, cs, lex) is not None:
            flags["intent"] = flags["irrealis"] = False  # ``решение правительства Британии выслать``: the decision is the act
    return flags


def _after_condition(words: list[Word], first: int, lex: Lexicon) -> bool:
    """Whether the words before ``first`` hold a comma and a conditional correlative after it, with a
    conditional word before that comma (``Ако X, то Y ...``, ``Если X, то Y ...``)."""
    for j in range(first - 1, 0, -1):
        if lex.has("conditional_correlatives", words[j].text.casefold()) and words[j - 1].text == ",":
            return any(lex.has("conditional", w.text.casefold()) for w in words[:j - 1])
    return False


def asserted(flags: dict[str, bool], type_: str) -> bool:
    """GUIDELINES §3: any tense but the conditional; not questioned, not negated (a refusal is
    its own REJECT), not a mere complement of another verb."""
    return not (flags["negated"] or flags["conditional"] or flags["question"] or flags["irrealis"])


# ------------------------------------------------------------------ speech in quotation marks


def speech_regions(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Stretches inside quotation marks holding more than a short name (speech), per paragraph."""
    pairs: dict[str, set[str]] = {}
    for o, c in lex.cue.get("quote_pairs", ()):
        pairs.setdefault(o, set()).add(c)
    least = int(lex.cue.get("quote_min_words", 4))
    closers = {c for cs in pairs.values() for c in cs}
    out = []
    stack: list[tuple[int, set[str]]] = []  # (where the quote opened, what closes it)
    marks = re.compile("[\n" + re.escape("".join(set(pairs) | {c for cs in pairs.values() for c in cs})) + "]")
    for m in marks.finditer(text):  # only the marks and line ends matter
        i, ch = m.start(), m.group()
        if ch == "\n":
            stack = []
        elif stack and ch in stack[-1][1] and not (ch in pairs and _opening_shape(text, i)):
            at, _ = stack.pop()
            if not stack and len(text[at:i].split()) >= least:
                out.append((at, i))
        elif ch in pairs and not (ch in closers and _closing_shape(text, i)):
            # (a mark that both opens and closes, ``"``, goes by its shape: before a word it opens,
            # a quote inside the quote too (``"Обсъдихме "Турски поток". Искаме ..."``);
            # after one it closes, and where no quote is open it opens none (``... ресурси" да ...``)
            stack.append((i + 1, pairs[ch]))
    return out


def _opening_shape(text: str, i: int) -> bool:
    """The mark at ``i`` stands as an opening one: at the start, after a space or a bracket, before a word
    (not before a stop: ``... светло ", каза X`` closes)."""
    return (i == 0 or text[i - 1].isspace() or text[i - 1] in "([{") and i + 1 < len(text) and not (
        text[i + 1].isspace() or text[i + 1] in ".,;:!?)]}")


def _closing_shape(text: str, i: int) -> bool:
    """The mark at ``i`` stands as a closing one: after a word or a stop, before a space, a stop or the end."""
    return i > 0 and not text[i - 1].isspace() and text[i - 1] not in "([{" and (
        i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1] in ".,;:!?)]}")


# ------------------------------------------------------------------ roles


@dataclass
class Unit:
    first: int
    last: int
    entity: str
    kind: str  # name, ref, adj
    type: str = ""
    prep: str = ""
    prep_at: int = -1
    pronoun: bool = False  # a reference by a pronoun (``тя``), not by a description
    possessive: bool = False  # a possessive pronoun (``нейния``, ``его``): whose the noun after it is


def sentence_units(doc: Document, words: list[Word], lo: int, hi: int, lex: Lexicon, lang: str,
                   places: dict[str, str], triggers: set[int] = frozenset()) -> list[Unit]:
    starts = [w.start for w in words]

    def index_of(s: int, e: int) -> tuple[int, int] | None:
        a = bisect.bisect_right(starts, s) - 1
        b = bisect.bisect_left(starts, e)
        return (max(a, 0), b) if b > max(a, 0) else None

    units: list[Unit] = []
    types = {e.id: e.type for e in doc.entities}
    for layer, kind in (("references", "ref"), ("mentions", "name")):
        for m in doc.overlapping(layer, lo, hi):
            if not m.attrs.get("entity"):
                continue
            ix = index_of(m.start, m.end)
            type_ = types.get(m.attrs["entity"], "")
            # a product or named event: an object, never an actor
            k = kind if not type_ or type_ in lex.sets.get("argument_types", (type_,)) else "thing"
            if k == "thing" and ix and ix[1] - ix[0] >= 2 and _place(words[ix[0]].text, lang) and words[
                    ix[0] + 1].text.startswith(lex.group_heads or ("\0",)) and (
                    ix[1] - ix[0] == 2 or lex.has("dative_preps", words[ix[0] + 2].text)):
                # ``Българското председателство (на Съвета на ЕС)`` (typed as an event, the term of office):
                # a country's adjective and a noun for a body that acts for it name that body, an actor
                k = kind
            ent = m.attrs["entity"]
            if ix and kind == "ref" and type_ == "LOC" and len(words[ix[0]].text) >= 4 and words[ix[0]].text.isalpha():
                # ``беларуските власти``: a group named by a country adjective is that country's,
                # whatever place the description was resolved to (``... в Минск``; a person or an
                # organisation described, ``белоруският президент``, ``ирландската авиокомпания``, keeps it)
                key = _place(words[ix[0]].text, lang)
                if key:
                    ent = places.get(key) or PLACE + key
            if ix and not any(u.first < ix[1] and ix[0] < u.last for u in units):
                units.append(Unit(ix[0], ix[1], ent, k, type_, pronoun=m.label == "pronoun",
                                  possessive=m.label == "possessive"))
    named = {k for u in units for k in range(u.first, u.last)}
    for k, w in enumerate(words):
        if len(w.text) < 4 or not w.text.isalpha() or k in named:
            continue
        key = _place(w.text, lang)
        if key:
            units.append(Unit(k, k + 1, places.get(key) or PLACE + key, "adj", "LOC"))
    poss = lex.sets.get("possessive_markers", frozenset())
    if poss:  # ``Maduro's ally``: the possessor names whose the ally is, it takes no part itself
        units = [u for u in units if u.last >= len(words) or not (
            words[u.last].text in poss or "".join(w.text for w in words[u.last:u.last + 2]) in poss)]
    units.sort(key=lambda u: u.first)
    speech = speech_lexicon(lang)
    roles, adjectives = speech.roles, speech.tuple_of("adjective_endings") or ("\0",)
    person_endings = tuple(lex.cue.get("person_noun_endings", ())) or ("\0",)
    agent_phrases = [tuple(p.split()) for p in lex.cue.get("agent_phrase", ())]
    target_phrases = [tuple(p.split()) for p in lex.cue.get("target_phrase", ())]
    org_nouns = tuple(lex.cue.get("organisation_nouns", ())) or ("\0",)
    members = tuple(lex.cue.get("member_heads", ())) or ("\0",)
    place_heads = tuple(lex.cue.get("place_heads", ())) or ("\0",)
    # ``против граждан России``: in Russian a country in the genitive after a noun for its people stands
    # for them, and takes their preposition
    people = tuple(lex.cue.get("people_nouns", ())) or ("\0",)
    for u in units:
        k = u.first - 1
        preps = ("recipient_preps", "partner_preps", "oblique_preps", "participant_preps", "dative_preps", "agent_preps")
        # ``на журналистката Мария Иванова``, ``на вътрешния министър X``: a noun for a person (and
        # an adjective or two) between the preposition and the name
        while k >= 1 and words[k].text in lex.quote_marks:
            k -= 1  # ``на „Газпром“``: the marks around a name stand between it and its preposition
        if u.type == "PER" and not lex.lemmatize:
            # ``на министъра на финансите X``: past the complement of the noun for his office
            j = next((j for j in range(k, max(1, k - 3), -1) if lex.has("dative_preps", words[j].text)), None)
            if (j is not None and j < k and words[j - 1].text in roles and all(
                    w.text.isalpha() and w.text.islower() and not _prep(w.text, lex) for w in words[j + 1:k + 1])
                    and not any(v.first <= m < v.last for v in units for m in range(j - 1, k + 1))):
                k = j - 1
        head = words[k].text if k >= 0 else ""
        if u.type == "ORG":
            # ``на нискотарифните авиокомпании „X“ и „Y“``: a noun for an organisation, as for a person
            person = head.startswith(org_nouns)
        elif u.type == "LOC":
            # ``из деревни X``, ``от град X``: a noun for a kind of place
            person = head.startswith(place_heads) or (lex.lemmatize and head.startswith(people))
        else:
            person = head in roles or head.endswith(person_endings) or lex.has("person_titles", head)
        for n in range(3):
            if not (u.type in ("PER", "ORG", "LOC") and u.kind == "name" and person and k >= 1 and words[k].text.replace("-", "").isalpha()
                    and not doc.text[words[k].start].isupper() and k not in triggers and not words[k].timex
                    and not any(lex.has(s, words[k].text) for s in preps)
                    # (a country's adjective among them is one of the noun's: ``на малката германска партия X``)
                    and not any(v.first <= k < v.last and not (n and v.kind == "adj") for v in units)):
                break  # only a noun for a person stands between (not ``По време на брифинга X ...``)
            if n and not words[k].text.endswith(adjectives):
                break  # and, past it, only its adjectives
            k -= 1
        if k < u.first - 1 and k >= 1 and words[k].text.isdigit():
            k -= 1  # ``в отношении 61 гражданина Канады``: a number before the noun for people
        if k >= 0 and any(lex.has(s, words[k].text) for s in preps):
            u.prep, u.prep_at = words[k].text, k
            if any(tuple(w.text for w in words[u.first - len(p):u.first]) == p for p in agent_phrases):
                u.prep = next(iter(lex.sets.get("agent_preps", ())), u.prep)  # ``от страна на Франция``
            elif lex.has("agent_preps", u.prep) and k >= 1 and words[k - 1].text.lower().startswith(members):
                u.prep = lex.cue.get("member_prep", u.prep)  # ``страните от ЕС``: the members stand for it, as ``на``
            elif lex.has("agent_preps", u.prep) and u.type == "LOC" and person:
                u.prep = lex.cue.get("origin_prep", u.prep)  # ``от град Видин``: where one comes from, no agent
        # ``санкции в отношении X``, ``мерки по отношение на X``: a phrase that names whom an act is aimed at
        # (``в отношении компании «Газпром»``: with the noun for a person or an organisation between)
        if k >= 0 and any(tuple(w.text for w in words[k + 1 - len(p):k + 1]) == p for p in target_phrases if k + 1 >= len(p)):
            u.prep, u.prep_at = next(iter(sorted(lex.sets.get("recipient_preps", ()))), u.prep), k
    # ``членство в организации като X``: a name given as an example (after ``като``) is no party
    likeness = lex.sets.get("example_preps", ())
    for u in units:
        # (after a noun or a name: not ``след като X``, ``тъй като X``, a ``като`` that opens a clause)
        # (and only where a preposition governs the noun it exemplifies: ``Страни като X и Y подкрепиха``
        # names the subject)
        if likeness and not u.prep and u.first >= 2 and words[u.first - 1].text in likeness and (
                words[u.first - 2].name or words[u.first - 2].text.isalpha() and not _prep(words[u.first - 2].text, lex)
                and not lex.has("example_not_after", words[u.first - 2].text)):
            k = u.first - 2
            while k > max(-1, u.first - 8) and (words[k].name or words[k].text.isalpha() and not _prep(words[k].text, lex)):
                k -= 1
            if k >= 0 and _prep(words[k].text, lex):
                u.prep, u.prep_at = words[u.first - 1].text, u.first - 1
    # ``чилийския посланик ... Хуан Перес``: the nationality of a named person is not a participant
    for n, u in enumerate(units[1:], 1):
        v = units[n - 1]
        # (quotation marks around the names do not count: ``в отношении «Газпрома», «Транснефти»``)
        between = [w for w in words[v.last:u.first] if w.text not in lex.quote_marks and not lex.has("list_joiners", w.text)]
        if len(between) == 2 and between[0].text == "," and lex.has("coordination", between[1].text):
            between = between[1:]  # ``на X, както и Y``
        # (not past a comma to a name its verb follows: ``Когато се срещне с X, Y ще поиска ...``: Y opens
        # the main clause, its subject)
        # (nor to a name set off by commas before its verb: ``Съпругът на X, Y, призова ...``: Y is he)
        nxt = u.last + 1 if u.last + 1 < len(words) and words[u.last].text == "," else u.last
        verb_next = nxt < len(words) and (nxt in triggers or any(
            lex.has(s, words[nxt].text) for s in ("future", "auxiliaries", "reflexive")))
        if not u.prep and v.prep and not u.pronoun and len(between) == 1 and (
                lex.has("coordination", between[0].text) or lex.has("disjunction", between[0].text)) and not (
                verb_next and not between[0].text.isalpha()):
            u.prep, u.prep_at = v.prep, v.prep_at  # ``между Москва и Киев``, ``в X, Y или Z``
    # ``с канцлера на Германия - Олаф Шолц``, ``с президентом Турции — Реджепом Эрдоганом``: a name set off
    # by a dash after the complement of a noun for a person names that person; it takes the complement's
    # place (the noun's own preposition before it), and the complement, X, is no party
    dashes = lex.cue.get("apposition_dashes", ())
    drop = set()
    for n, u in enumerate(units[1:], 1):
        v = units[n - 1]
        if not (u.type == "PER" and u.kind == "name" and not u.prep and u.first >= 1 and words[u.first - 1].text in dashes
                and v.last == u.first - 1 and v.type != "PER"):
            continue
        if lex.has("dative_preps", v.prep) and v.prep_at >= 2:
            head = v.prep_at - 1
        elif lex.lemmatize and not v.prep and v.first >= 2:
            head = v.first - 1
        else:
            continue
        k = head
        while k > head - 2 and k >= 1 and words[k].text.isalpha() and words[k].text.islower() and not _prep(words[k].text, lex):
            k -= 1
        if k < head and any(lex.has(x, words[k].text) for x in ("recipient_preps", "partner_preps", "dative_preps")):
            v.entity, v.type, v.kind = u.entity, u.type, u.kind
            drop.add(n)
    if drop:
        units = [u for n, u in enumerate(units) if n not in drop]
    # An adjective stands for its country when it qualifies a group that acts (``беларуските
    # власти``) or the trigger itself (``руската инвазия``), not any noun (``полска територия``).
    heads = lex.group_heads
    adj_at = {u.first: u.last for u in units if u.kind == "adj"}
    keep = []
    for n, u in enumerate(units):
        if u.kind == "adj":
            person = next((v for v in units[n + 1:] if v.type == "PER" and v.first - u.last <= 5), None)
            if person is not None and not any(lex.has("clause_punct", words[k].text) or k in triggers
                                              or _break_at(words, k, lex) for k in range(u.last, person.first)):
                if not person.prep:
                    person.prep, person.prep_at = u.prep, u.prep_at
                continue
            # (past the adjectives joined to it: ``американските и британските власти``)
            k = u.last
            while k + 1 < len(words) and lex.has("coordination", words[k].text) and k + 1 in adj_at:
                k = adj_at[k + 1]
            near = [w.text for w in words[k:k + 2]]
            # ... or the object of a verb (``задържа два полски камиона``)
            # (only the words between the trigger and the adjective count: ``Комисията (ЕК) одобри българската ...``)
            at = next((k for k in range(u.first - 1, max(0, u.first - 3) - 1, -1) if k in triggers), None)
            obj = at is not None and not any(
                any(lex.has(s, w.text) for s in ("oblique_preps", "dative_preps", "partner_preps", "recipient_preps"))
                or lex.has("clause_punct", w.text) for w in words[at + 1:u.first])
            if not (u.last in triggers or u.first in triggers or obj or any(w.startswith(heads) for w in near)):
                continue
        keep.append(u)
    return keep


@lru_cache(maxsize=100_000)
def _place(word: str, lang: str) -> str | None:
    return place_for_adjective(word, lang)


PLACE = "place:"  # a country named only by an adjective, before it becomes an entity


def _place_entity(doc: Document, key: str, w: Word, places: dict[str, str], kb) -> str:
    """The document's entity for the country ``key``; one is added (its one mention the adjective,
    in the mentions layer too) when the article names the country only by an adjective
    (``беларуските власти``)."""
    if key in places:
        return places[key]
    e = kb.entries.get(key)
    eid = f"e{len(doc.entities) + 1}"
    while any(x.id == eid for x in doc.entities):
        eid += "x"
    name = (kb.name(key, doc.lang or "bg") if e else None) or w.text
    type_ = e.type if e else "LOC"
    doc.entities.append(Entity(eid, type_, name, key, [(w.start, w.end)], {"place": key, "from": "events"}))
    doc.set_layer("mentions", [*doc.layer("mentions"),
                               Span(w.start, w.end, type_, {"entity": eid, "place": key})])
    places[key] = eid
    return eid


def _group(units: list[Unit], u: Unit, words: list[Word], lex: Lexicon, backwards: bool) -> list[Unit]:
    """``u`` and the units coordinated with it (``САЩ и съюзниците им``, ``Путин и Си``)."""
    out = [u]
    pool = units[::-1] if backwards else units
    cur = u
    aside = range(0)  # the complement of the description before ``cur`` (``председателят на ЕК X``)
    for v in pool:
        if (backwards and v.last > cur.first) or (not backwards and v.first < cur.last) or v is cur:
            continue
        a, b = (v.last, cur.first) if backwards else (cur.last, v.first)
        if backwards and not aside and v.last == cur.first and lex.has("dative_preps", v.prep) and v.prep_at >= 1 and (
                words[v.prep_at - 1].text.isalpha() and words[v.prep_at - 1].text.islower()):
            aside = range(v.prep_at, v.last)  # passed over: ``X и председателят на ЕК Y``
            continue
        if v.prep != cur.prep and "," in (words[k].text for k in range(a, b)):
            break  # (``Съпругът на X, Y, ...``: a name with a preposition and one without, set off by a comma)
        between = [words[k].text for k in range(a, b) if words[k].text not in lex.quote_marks and k not in aside
                   and not lex.has("list_joiners", words[k].text)]  # (``X, както и Y``)
        aside = range(0)
        # (``срещата Тръмп-Меркел``: two names joined by a hyphen inside one word are a pair)
        if between and len(between) <= 2 and all(lex.has("coordination", t) or t == "\u2010" for t in between) or (
                # ``Шолц и френският президент Макрон``: a description before the second name
                backwards and 2 <= len(between) <= 4 and lex.has("coordination", between[0])
                and all(t.isalpha() and t.islower() and not _prep(t, lex) and t not in lex.index
                        for t in between[1:])) or _described_next(words, cur, v, between, lex, backwards):
            out.append(v)
            cur = v
        else:
            break
    return out


def _described_next(words: list[Word], cur: Unit, v: Unit, between: list[str], lex: Lexicon, backwards: bool) -> bool:
    """``застрелены губернатор X и министр по делам меньшинств Y``: in Russian, a second person joined by
    ``и`` with a noun for an office before the name (its complement may hold a preposition); not one with
    a verb of its own after it (``... и министр Y заявил``)."""
    if backwards or not lex.lemmatize or cur.type != "PER" or v.type != "PER" or v.kind != "name":
        return False
    if not (3 <= len(between) <= 6 and lex.has("coordination", between[0]) and between[0].isalpha() and between[1] in speech_lexicon(lex.code).roles):
        return False
    if any(not t.isalpha() or t in lex.index for t in between):
        return False
    return not (v.last < len(words) and "VERB" in words[v.last].tags)


def _new_person(words: list[Word], k: int, lex: Lexicon) -> bool:
    """words[k] is an indefinite common noun for a person (``журналистка``, ``пилот``), and the word
    before it no definite adjective (``единственият журналист``)."""
    if k < 0 or lex.lemmatize:
        return False
    t = words[k].text
    people = tuple(lex.cue.get("people_nouns", ())) or ("\0",)
    endings = tuple(lex.cue.get("person_noun_endings", ())) or ("\0",)
    definite = tuple(lex.cue.get("definite_endings", ())) or ("\0",)
    if not (t.isalpha() and (t.startswith(people) or t.endswith(endings))) or t.endswith(definite):
        return False
    return not (k and words[k - 1].text.endswith(definite) and words[k - 1].text.isalpha())


def _office_after(words: list[Word], k: int, ce: int, lex: Lexicon) -> bool:
    """A noun for a person's office stands at ``k`` (in Russian, in the nominative), past an adverb
    or adjectives (``также ушел российский министр``)."""
    ru = lex.lemmatize
    k = next((j for j in range(k, min(ce, k + 3)) if not (
        lex.has("clause_adverbs", words[j].text) or lex.has("skippable", words[j].text)
        or (ru and "ADJF" in words[j].tags))), ce)
    return k < ce and words[k].text in speech_lexicon(lex.code).roles and (not ru or "nomn" in words[k].tags)


def _plural_verb(w: Word, lex: Lexicon) -> bool:
    """A third-person plural verb form (``протестираха``, ``задержали``)."""
    if lex.lemmatize:
        return "plur" in w.tags
    return w.text.endswith(lex.plural_verb_endings or ("\0",))


def _prep(t: str, lex: Lexicon) -> bool:
    return any(lex.has(s, t) for s in ("oblique_preps", "dative_preps", "partner_preps", "recipient_preps",
                                         "agent_preps", "participant_preps"))


def _object_position(words: list[Word], end: int, u: Unit, lex: Lexicon, units: list[Unit] = ()) -> bool:
    """A bare name right after the verb, no preposition before it (``задържа два полски камиона``);
    a place or time phrase between them is passed over (``прие в Анкара унгарския премиер X``)."""
    skip = {k for v in units if v.prep and end <= v.prep_at and v.last <= u.first for k in range(v.prep_at, v.last)}
    skip |= {k for k in range(end, u.first) if words[k].timex}
    # (and what it is done with: ``заплашиха със санкции компаниите X``)
    skip |= {m for k in range(end, u.first - 1) if lex.has("partner_preps", words[k].text) and not words[k + 1].name
             and words[k + 1].text.isalpha() for m in (k, k + 1)}
    between = [w for k, w in enumerate(words[end:u.first], end) if k not in skip]
    if (2 <= len(between) <= 5 and between[0].text in speech_lexicon(lex.code).roles and lex.has("dative_preps", between[1].text)
            and all(w.text.isalpha() and w.text.islower() and not _prep(w.text, lex) for w in between[2:])):
        # ``обвиниха министъра на земеделието X``: the object is a person named after the noun for his office
        # and its complement
        return True
    return len(between) <= 3 and not any(
        any(lex.has(s, w.text) for s in ("oblique_preps", "dative_preps", "partner_preps", "recipient_preps"))
        for w in between)


def _fronted(words: list[Word], cs: int, first: int, lex: Lexicon) -> bool:
    """The clause opens with a fronted object (``Това``) and nothing else but adverbials before the verb."""
    # (``За това предупреди X``: the fronted object may stand in a prepositional phrase)
    k = cs + 1 if cs + 1 < first and lex.has("fronted_preps", words[cs].text.lower()) else cs
    return k < first and lex.has("fronted_objects", words[k].text.lower()) and _opens_clause(words, k + 1, first, lex)


def _lead_subject(words: list[Word], units: list[Unit], lex: Lexicon, before: int) -> Unit | None:
    """The subject of a sentence's main clause: its first name with no preposition before ``before``
    that no complementizer or relative pronoun subordinates (``От своя страна, X ...``)."""
    for n, u in enumerate(units):
        if u.last > before:
            return None
        if not u.prep and (not lex.lemmatize or _case(words, u) in ("nomn", "")) and not clause_bounds(
                words, u.first, u.last, lex)[2] and not _office_complement(words, units, n, lex):
            return u
    return None


def _office_complement(words: list[Word], units: list[Unit], n: int, lex: Lexicon) -> bool:
    """units[n] completes a noun for an office whose holder is named right after it (``Посол Италии во Франции
    Марио Росси``, ``Глава МИД Франции Жан Дюпон``): in Russian a bare genitive, the person is the subject."""
    u = units[n]
    if not lex.lemmatize or u.type == "PER" or u.first == 0 or "NOUN" not in words[u.first - 1].tags:
        return False
    v = next((v for v in units[n + 1:] if v.type == "PER" and v.kind == "name"), None)
    return v is not None and v.first - u.last <= 4 and not any(
        lex.has("clause_punct", w.text) or lex.has("coordination", w.text) or "VERB" in w.tags
        for w in words[u.last:v.first])


def _opens_clause(words: list[Word], cs: int, first: int, lex: Lexicon) -> bool:
    """Nothing but adverbials stands before ``first`` in its clause: time phrases, clitics, auxiliaries,
    adverbs of place and sequence (``Там се срещна``, ``След това ...``), or a preposition with one
    capitalised word (``В Минск се срещна``)."""
    k = cs
    while k < first:
        w = words[k]
        if w.timex or any(lex.has(s, w.text) for s in ("skippable", "auxiliaries", "reflexive", "future", "clause_adverbs")):
            k += 1
        elif _prep(w.text, lex) and k + 2 <= first and words[k + 1].name and (k + 2 == first or not words[k + 2].name):
            k += 2
        else:
            return False
    return True


OBLIQUE_CASES = ("accs", "gent", "datv", "ablt", "loct")
SAME_AS_NOMINATIVE = frozenset({"masc", "neut", "plur"})  # genders whose inanimate accusative is the nominative


def _case(words: list[Word], u: Unit) -> str:
    """The case of a Russian name: oblique when any of its words is (``Ивана Петрова``: accusative)."""
    # (an indeclinable word, ``ЕС``, ``ООН``, has every case and tells none)
    # (nor does an inanimate masculine or neuter singular, or inanimate plural, read as accusative:
    # its nominative is the same word, ``Лондон обвинил Москву``)
    # (a first name in the nominative, ``Ричард``, tells the case of the name: a surname the
    # dictionary does not know is guessed, often as an oblique form of some other word)
    if u.last - u.first > 1 and {"Name", "nomn"} <= words[u.first].tags and words[u.first].tags & {"masc", "femn"}:
        return "nomn"  # (a woman's too: ``Мария Иванова``, whose surname reads as a man's genitive)
    if u.last - u.first > 1 and u.type not in ("PER", ""):
        # ``Верховный суд Пакистана``, ``МИД России``: the first word heads the name, the genitive after
        # it is its own (an abbreviation, ``МИД``, or an indeclinable word, ``Минобороны``, tells nothing)
        # (its first noun, or the adjective before it: either in the nominative makes it one --
        # ``Белорусские власти``, whose noun reads as a genitive singular too)
        h = next((k for k in range(u.first, u.last) if "NOUN" in words[k].tags), u.first)
        if {"Fixd", "Abbr"} & words[h].tags:
            return ""
        if "nomn" in words[u.first].tags and not {"Fixd", "Abbr"} & words[u.first].tags:
            return "nomn"
        u = Unit(h, h + 1, u.entity, u.kind, u.type)
    cases = [c for k in range(u.first, u.last) if "Fixd" not in words[k].tags and not (
                 "accs" in words[k].tags and "inan" in words[k].tags and words[k].tags & SAME_AS_NOMINATIVE)
             for c in ("nomn",) + OBLIQUE_CASES if c in words[k].tags]
    oblique = [c for c in cases if c != "nomn"]
    return oblique[0] if oblique else ("nomn" if cases else "")


def attach(words: list[Word], c: Found, units: list[Unit], lex: Lexicon,
           carried: str | None = None, others: frozenset[int] = frozenset(),
           quoted: list[Unit] = ()) -> tuple[list[str], list[str]]:
    """(actors, recipients) of one trigger, as entity ids; ``carried`` is the subject of the
    sentence before, for a verb whose own subject is dropped (``Путин пристигна в Минск. Вчера
    се срещна с Лукашенко.``); ``quoted``, the names inside a quotation in the sentence."""
    # a name in a parenthesis the trigger is not in is an aside (``X (the Y of Z) наложи ...``)
    parens = [(a, next((b for b in range(a + 1, len(words)) if words[b].text == ")"), len(words)))
              for a, w in enumerate(words) if w.text == "("]
    things = [u for u in units if u.kind == "thing"]
    units = [u for u in units if u.kind != "thing" and all(
        not a < u.first < b or a < c.first < b for a, b in parens)]
    cs, ce, opener = clause_bounds(words, c.first, c.last, lex)
    type_ = c.entry.type
    passive = _is_passive(words, c, lex) and not c.entry.nominal
    ru = lex.lemmatize
    if not passive and c.last - 1 > c.anchor and "passive" not in c.entry.roles:
        # a noun and then its verb (``Приговор был отменен судом``): the voice is the last word's
        w = words[c.last - 1]
        # (a short participle read as a short adjective, ``отменен``, matched the verb all the same)
        passive = bool({"PRTS", "ADJS"} & w.tags) if ru else (w.text in lex.passive_forms and any(
            lex.has("auxiliaries", words[j].text) for j in range(c.anchor + 1, c.last - 1)))
    actors: list[Unit] = []
    recips: list[Unit] = []
    if c.entry.nominal and c.first > cs and lex.has("agentive_noun_preps", words[c.first - 1].text):
        # ``Комисията по искане на Украйна предложи ...``, ``по просьбе Киева``: in this set phrase the
        # noun's own ``на`` phrase (genitive) names who asked or invited; the clause's subject, whom
        # it was asked of, is the recipient
        agent = next((u for u in units if u.first >= c.last and u.first - c.last <= 2 and (
            (lex.has("dative_preps", u.prep) and u.prep_at == c.last)
            or (ru and not u.prep and u.first == c.last and _case(words, u) == "gent"))), None)
        if agent is not None:
            def nominative(u: Unit) -> bool:
                return not u.prep and (not ru or _case(words, u) in ("nomn", ""))
            subj = [u for u in units if cs <= u.first and u.last < c.first and nominative(u)][-1:] or [
                u for u in units if agent.last <= u.first < ce and u is not agent and nominative(u)][:1]
            a = [u.entity for u in _group(units, agent, words, lex, backwards=False)]
            return list(dict.fromkeys(a)), [u.entity for u in subj if u.entity not in a]
    if c.bare or _attributive(words, c, lex):
        # a participle in apposition (``X, осъдена на смърт``; ``X, обвиненной в ... и оправданной судом``)
        # or before the noun and name it describes (``осъдената на смърт учителка X``): X undergoes the
        # act; an agent right after the participle (``от съда``, ``Верховным судом``) does it
        at = c.bare_at if c.bare_at >= 0 else c.first
        who = [u for u in units if u.last == at - 1 and u.kind == "name"] if c.bare else [
            u for u in units if c.last <= u.first <= c.last + 1 and u.kind == "name"][:1]
        if who:
            agent = [u for u in units if c.anchor < u.first <= c.last + 1 and (
                (lex.has("agent_preps", u.prep) and u.prep_at <= c.anchor + 1 or u.prep_at == c.last)
                or (ru and not u.prep and _case(words, u) == "ablt"))][:1]
            return [u.entity for u in agent], [who[-1].entity]
    gerunds = tuple(lex.cue.get("gerund_endings", ()))
    if gerunds and not c.entry.nominal and words[c.anchor].text.endswith(gerunds) and not any(
            u.first < c.first and cs <= u.first and not u.prep for u in units):
        # ``X вярва, че ..., отхвърляйки опасенията``: a gerund shares the subject of its sentence's
        # main clause, not that of a complement between
        lead = next((u for u in units if u.last <= c.first and not u.prep and u.kind == "name"
                     and not clause_bounds(words, u.first, u.last, lex)[2]), None)
        if lead is not None:
            after = [u for u in units if c.last <= u.first < ce and u.kind != "thing"]
            obj = next((u for u in after if not u.prep or lex.has("recipient_preps", u.prep)), None)
            return [lead.entity], [obj.entity] if obj is not None and obj.entity != lead.entity else []
    if not passive and not c.entry.nominal and _fronted(words, cs, c.first, lex):
        # ``Това поиска председателят на комисията X``: the object stands first, the subject after the verb
        subj = next((u for u in units if c.last <= u.first < ce and not u.prep), None)
        return [subj.entity] if subj is not None else [], []
    before = [u for u in units if cs <= u.first and u.last <= c.first]
    inside = [u for u in units if c.first <= u.first and u.last <= c.last and u.kind == "adj"]
    # after the verb; a name within a multiword trigger (``осъди Петров на``) is its object
    # ... up to a complement, or to an adjunct (``след срещата с X``, ``после согласования с X``): a name
    # after it belongs to the adjunct's noun, not to this trigger
    stop = next((k for k in range(c.last, ce) if lex.has("subjunctive", words[k].text) or (
        lex.has("adjunct_preps", words[k].text) and not words[k].timex
        and not (k + 1 < len(words) and words[k + 1].timex))), ce)
    after = [u for u in units if c.anchor < u.first and u.last <= stop and u.first - c.last <= 15
             and u not in inside]

    def bare(u: Unit) -> bool:
        return not u.prep

    heads = lex.group_heads

    def headed(u: Unit) -> bool:
        # ``правителството на Германия``, ``министърът на външните работи на Франция``: the group acts for X
        if ru and not u.prep and u.first > cs and _case(words, u) == "gent" and (
                "nomn" in words[u.first - 1].tags or {"gent", "sing", "femn"} <= words[u.first - 1].tags) and (
                words[u.first - 1].text.startswith(heads)):
            # ``власти Пакистана``: a genitive after a group in the nominative (a feminine noun's
            # nominative plural reads as its genitive singular: ``власти``)
            return True
        if lex.has("located_preps", u.prep) and u.prep_at > cs:
            # ``властите в Египет``: the authorities of a country act for it
            return words[u.prep_at - 1].text.startswith(tuple(lex.cue.get("located_heads", ())) or ("\0",))
        if not (lex.has("dative_preps", u.prep) and u.prep_at > cs):
            return False
        k = u.prep_at  # up a chain of ``на``: ``министрите на външните работи на Франция``
        while k > cs:
            if words[k - 1].text.startswith(heads):
                return True
            j = next((j for j in range(k - 2, max(cs, k - 4) - 1, -1) if lex.has("dative_preps", words[j].text)), None)
            if j is None or not all(w.text.isalpha() and w.text.islower() for w in words[j + 1:k]):
                return False
            k = j
        return False

    # the ``и`` that joins this verb (or a light verb before this noun) to the one before it
    # (``X призова Y да ... и дори го заплаши``, ``X поддържа връзки с Y и започна диалог``)
    co, k = None, c.first - 1
    if c.entry.nominal and k >= 0 and words[k].forms & lex.light:
        k -= 1
    while k >= cs and any(lex.has(x, words[k].text) for x in ("skippable", "clause_adverbs", "future", "reflexive")) and not lex.has(
            "coordination", words[k].text):
        k -= 1
    if k > 0 and lex.has("coordination", words[k].text) and words[k].text.isalpha() and (
            k < c.first - 1 or not c.entry.nominal):
        co = k
    if co is not None and not passive:
        # joined verbs share the subject of the first: the first name of the clause, else the sentence's
        # (the main clause's, for a verb that goes on with it past a complement: ``X отхвърли, че Y може
        # да ... и призова``)
        back = _rejoined(words, c, cs, opener, lex)
        first = [u for u in before if u.last <= co and bare(u) and (not ru or _case(words, u) in ("nomn", ""))
                 ] if back is None else []
        lead = first[0] if first else _lead_subject(words, units, lex, co if back is None else cs - len(opener))
        if lead is not None:
            actors += _group(units, lead, words, lex, backwards=False)
    # (``X присоединилась к санкциям``: a light verb that takes the noun through a preposition)
    lv = c.first - 2 if c.first >= 2 and lex.has("light_preps", words[c.first - 1].text) else c.first - 1
    # (past the noun's adjectives: ``устроила уличные протесты``)
    while ru and lv > cs and c.first - lv <= 2 and "ADJF" in words[lv].tags and not words[lv].forms & lex.light:
        lv -= 1
    if not actors and c.entry.nominal and c.first and words[lv].forms & lex.light:
        # ``X започна разследване``, ``X проведе среща``: the subject of the light verb is the noun's agent
        first = [u for u in before if (bare(u) or headed(u)) and u.last <= lv
                 and not any(k in others for k in range(u.last, lv))
                 and (not ru or _case(words, u) in ("nomn", ""))]
        if first and (not ru or _case(words, first[0]) == "nomn"):  # (a Latin name has no case to tell)
            actors += _group(before, first[0], words, lex, backwards=False)
        elif not first and _opens_clause(words, cs, lv, lex) and not (opener and (
                lex.has("relative", opener[0]) or lex.has("complementizers", opener[-1]))):
            # ``X подеха реформа, като започнаха преговори``: the light verb shares the subject before it
            lead = [u for u in units if u.last <= cs and bare(u) and (not ru or _case(words, u) in ("nomn", ""))]
            if lead:
                actors += _group(units, lead[-1], words, lex, backwards=True)
    if c.entry.nominal:
        # ``срещу нейния арест``, ``тяхното посещение``, ``его арест``: a possessive pronoun before the
        # noun (an adjective may stand between) names whose act it is, or, for an act done to someone,
        # to whom; its preposition is the noun's, so it counts whatever stands before it
        own = next((u for u in before if u.possessive and u.kind == "ref" and c.first - u.last <= 1
                    and not lex.has("possessive_clitics", words[u.first].text)
                    and all(w.text.isalpha() and w.text.islower() and not _prep(w.text, lex)
                            for w in words[u.last:c.first])), None)
        if own is not None:
            before = [u for u in before if u is not own]
            (recips if type_ in lex.sets.get("nominal_patient_types", ()) and "agentive" not in c.entry.roles
             else actors).append(own)
    if not actors and c.entry.nominal:
        # ``в ответ на канадские санкции``, ``срещу руската инвазия``: a country's adjective on the noun names
        # its agent, whatever preposition governs the noun (the adjective agrees with it, whatever its case)
        actors += [u for u in before if u.kind == "adj" and u.last == c.first][:1]
    subj = [] if actors else [
        u for u in before if (bare(u) or headed(u))
        # (not a possessive clitic after another event's noun: ``Арестът му предизвика протести``)
        and not (u.kind == "ref" and u.last == u.first + 1 and lex.has("possessive_clitics", words[u.first].text)) and (not ru or _case(words, u) in ("nomn", "") or headed(u))
        # a noun: the subject of a verb just before it (in Russian, only for a meeting or the like)
        and (not c.entry.nominal or c.first - u.last <= 3 and (not ru or lex.has("partner_types", type_)
                                                                # (``канадские санкции``: the country's adjective on the noun)
                                                                or u.kind == "adj" and u.last == c.first)
             # (not the subject of another event's verb: ``X отхвърли обвиненията``)
             and not any(k in others for k in range(u.last, c.first)))]
    if subj:
        actors += _group(before, subj[-1], words, lex, backwards=True)
    elif actors:
        pass  # the subject of the joined verbs
    elif opener and lex.has("relative", opener[0]):
        # ``Иван Петров, който е осъден``: the name just before the relative pronoun
        # (``X, которого задержали``: one in the object's case undergoes the act)
        ante = [u for u in units if cs - len(opener) - 2 <= u.last <= cs - len(opener)]
        # (``X, которая была приговорена ... в связи с обвинением``: a noun after a passive verb of the relative
        # clause tells what its subject, the antecedent, underwent with it)
        under = c.entry.nominal and (lex.has("nominal_patient_types", type_) or lex.has("charge_types", type_)) and any(("PRTS" in words[k].tags) if ru else (
            words[k].text in lex.passive_forms and any(lex.has("auxiliaries", w.text) for w in words[cs:k]))
            for k in range(cs, c.first))
        if ante:
            (recips if lex.has("object_relatives", opener[0]) and not passive or under else actors).append(ante[-1])
    elif not passive and not c.entry.nominal:
        # ``От министерството осъдиха ...``: people from X, with no subject of their own, speak and act for X
        lead = [u for u in before if lex.has("agent_preps", u.prep) and _opens_clause(words, cs, u.prep_at, lex)]
        # ``В Кремле отвергли ...``, ``В МИД России заявили ...``: a plural verb with no subject, after the
        # institution it came from, is that institution's
        lead = lead or [u for u in before if lex.has("institution_preps", u.prep) and "plur" in words[c.anchor].tags
                        and (u.type == "ORG" or not words[u.first].forms.isdisjoint(lex.sets.get("institution_places", ())))
                        and u.prep_at == cs and u.last == c.first]  # (not a town: ``В Москве задержали ...``)
        if lead:
            actors.append(lead[0])
    if ru and not c.entry.nominal:
        # ``Ивана Петрова оправдали``: an accusative before the verb is its object
        # (an animate one looks genitive: ``Алексея Навального задержали``)
        # (and a dative, whom the act is aimed at: ``Китаю угрожают ...``, ``Украине помогли ...``; with no
        # preposition a locative reading is a dative's: ``Украине``; not after a noun, whose genitive it
        # may be: ``Брат Ивана Петрова попросил``)
        recips += [u for u in before if bare(u) and (_case(words, u) == "accs" or (
            _case(words, u) in ("datv", "loct") and (u.first == cs or "NOUN" not in words[u.first - 1].tags)) or (
            _case(words, u) == "gent" and u.type == "PER" and (u.last == c.first or u.first == cs)))]
    for u in before:
        if lex.has("agent_preps", u.prep) and passive:
            # (not past another verb joined by ``и``: ``оттегли подадената от нея жалба и беше освободена``)
            if not any(lex.has("coordination", words[k].text) and words[k].text.isalpha() for k in range(u.last, c.first)):
                actors.append(u)
        elif lex.has("participant_preps", u.prep):
            actors.append(u)
    if passive:
        recips, actors = [u for u in actors if not lex.has("agent_preps", u.prep)], [
            u for u in actors if lex.has("agent_preps", u.prep)]
    # ``Срещу X бяха повдигнати обвинения``, ``Против X возбудили дело``: a fronted target
    # (past a time phrase or an adverb that opens the clause: ``Через год против нее возбудили дело``)
    recips += [u for u in before if lex.has("recipient_preps", u.prep) and (
        u.prep_at == cs or u.prep_at > cs and _opens_clause(words, cs, u.prep_at, lex))]
    if not passive and not c.entry.nominal and type_ in lex.sets.get("addressee_types", ()):
        # ``Также от Варшавы требует ...``, ``У Киева попросили ...``: whom a demand is made of, put before the
        # verb (where the same preposition also names an agent, ``От министерството поискаха``, it does not)
        recips += [u for u in before if lex.has("source_preps", u.prep) and not lex.has("agent_preps", u.prep)
                   and u not in recips and u not in actors]
    if passive and type_ in lex.sets.get("dative_types", ()):
        # ``На Русия бяха наложени санкции``: a fronted ``на`` phrase names whom it is done to
        recips += [u for u in before if lex.has("dative_preps", u.prep) and u.prep_at == cs and u not in recips]
    # adjectives inside a multiword trigger (``отменя европейските санкции``) name its agent; with the
    # agent named, one before a group of people names their country (``X експулсира руския дипломат``)
    if not actors:
        actors += [u for u in inside if u.kind == "adj"]
    else:
        recips += [u for u in inside if u.kind == "adj" and u.last < len(words) and words[u.last].text.startswith(heads)]
    patient_types = lex.sets.get("nominal_patient_types", frozenset())
    targets = set(lex.cue.get("target_preps", {}).get(type_, ()))
    dative_types = lex.sets.get("dative_types", frozenset())
    obj_taken = False
    full_article = tuple(lex.cue.get("subject_article_endings", ()))
    place_heads = tuple(lex.cue.get("place_heads", ())) or ("\0",)
    for n, u in enumerate(after):
        if (u.last <= c.last and bare(u) and u.first - 2 > c.anchor and _prep(words[u.first - 2].text, lex)
                and words[u.first - 1].text.startswith(place_heads)):
            # ``приговорена в провинции X к ...``: a place inside a multiword trigger, after a preposition
            # and a noun for a kind of place, is where it happened
            continue
        if passive and u.last <= c.last and bare(u):
            # ``Приговор X был отменен судом``: a name inside a passive trigger undergoes it; the object
            # slot stays free for the agent after it
            recips.append(u)
            continue
        if (lex.has("source_preps", u.prep) and not passive and not c.entry.nominal and (u.prep_at - c.last <= 1 or (
                # (past what it is about: ``поиска помощ за болницата от X``)
                c.last < len(words) and any(lex.has(x, words[c.last].text) for x in ("topic_preps", "request_topic_preps"))
                and u.prep_at - c.last <= 4
                and not any(lex.has("source_preps", w.text) or lex.has("clause_punct", w.text) for w in words[c.last:u.prep_at])))
                and ("receives" in c.entry.roles or type_ in lex.sets.get("addressee_types", ()))):
            # ``поиска от България``, ``потребовал от Киева``: whom a demand is made of; ``получи
            # разрешение от Германия``: who gives what the subject receives (the roles swap below)
            recips.append(u)
        elif (n == 0 and not actors and not passive and not c.entry.nominal and bare(u) and u.first == c.last + 1
              and lex.has("question_enclitics", words[c.last].text.casefold())
              and not (ru and _case(words, u) not in ("nomn", ""))):
            # ``Поиска ли Сърбия ...``, ``Потребует ли Венгрия ...``: the name right after the questioned
            # verb and its enclitic is its subject
            obj_taken = True
            actors += _group(after, u, words, lex, backwards=False)
        elif (n == 0 and not actors and not passive and not c.entry.nominal and bare(u) and u.pronoun
              and u.first == c.last and lex.has("subject_pronouns", words[u.first].text)
              # (not the subject of a complement after it: ``настояват тя да бъде ...``)
              and not (u.last < len(words) and any(lex.has(x, words[u.last].text) for x in ("subjunctive", "complementizers")))):
            # ``..., призова той``: a pronoun in the subject's form right after the verb is its subject
            # (the object takes another form: ``призова го``, ``призова него``)
            obj_taken = True
            actors.append(u)
        elif (n == 0 and not actors and not passive and not c.entry.nominal and bare(u) and u.first - c.last <= 3
              and _closes_quote(words, c.first, lex) and not (ru and _case(words, u) not in ("nomn", ""))):
            # ``„...“, призова Иван Петров``: a verb right after the quote it closes has its speaker after it
            obj_taken = True
            actors += _group(after, u, words, lex, backwards=False)
        elif (full_article and n == 0 and not actors and not passive and not c.entry.nominal and bare(u)
                and u.first - c.last <= 5 and any(words[k].text.lower().endswith(full_article) for k in range(c.last, u.last))):
            # a masculine noun with the full article is a subject (``предупреди германският канцлер X``,
            # ``го критикува министърът на финансите X``); the object takes the short one (``прие посланика``)
            obj_taken = True
            actors += _group(after, u, words, lex, backwards=False)
        elif (lex.has("origin_preps", u.prep) and lex.has("partner_types", type_) and not passive
              and u.prep_at > c.last and lex.has("partner_preps", words[next(
                  (k for k in range(u.prep_at - 1, max(c.last, u.prep_at - 4) - 1, -1) if not words[k].text.isalpha()
                   or not words[k].text.islower() or lex.has("partner_preps", words[k].text)), c.last)].text)):
            # ``среща с колегите си от Гърция``, ``встреча с коллегами из Греции``: the partner's people
            # from a country stand for it
            recips.append(u)
        elif lex.has("agent_preps", u.prep):
            if passive or (c.entry.nominal and u.first - c.last <= 1):
                actors.append(u)
        elif lex.has("recipient_preps", u.prep) or (u.prep in targets and not passive) or (
                c.entry.mode == "visit" and lex.has("visit_preps", u.prep) and "host" not in c.entry.roles):
            recips.append(u)
        elif lex.has("partner_preps", u.prep):
            if lex.has("partner_types", type_):
                recips.append(u)
            elif (lex.has("addressee_types", type_) and not c.entry.nominal and u.prep_at - c.last <= 3
                  and ("meeting" in c.entry.roles or any(k in others for k in range(c.last, u.prep_at)))):
                recips.append(u)  # ``поиска среща с X``: the meeting asked for is asked of X
        elif lex.has("participant_preps", u.prep):
            # ``срещата между X и Y``: the parties; further on, ``между`` belongs to a noun after the
            # trigger (``санкции върху газопровода между Русия и Германия``), not to the trigger
            if u.prep_at - c.last <= 2:
                actors.append(u)
        elif (lex.has("dative_preps", u.prep) and lex.has("partner_types", type_) and u.prep_at >= 2
              and lex.has("participant_preps", words[u.prep_at - 2].text) and u.prep_at - 2 - c.last <= 3
              and words[u.prep_at - 1].text.startswith(heads)):
            # ``преговори в Женева между представители на Русия и САЩ``: the parties' people stand for them
            actors.append(u)
        elif lex.has("dative_preps", u.prep) and lex.has("partner_types", type_) and u.prep_at >= 2 and any(
                lex.has("partner_preps", words[k].text) for k in range(max(c.last, u.prep_at - 3), u.prep_at - 1)):
            recips.append(u)  # ``разговор с основателите на BioNTech``: the partner's people stand for it
        elif (lex.has("dative_preps", u.prep) and not obj_taken and not c.entry.nominal and headed(u)
              and u.prep_at - c.last <= 3 and not any(c.last <= v.first < u.first for v in after)):
            obj_taken = True  # ``прие посланика на Китай``: the object is a group that acts for X
            recips.append(u)
        elif lex.has("dative_preps", u.prep):
            gap = u.prep_at - c.last + 1
            if "agentive" in c.entry.roles and not c.entry.nominal and gap <= 1:
                actors.append(u)  # ``блокирани от поддръжници на X``: the trigger ends in the people who act for X
            elif c.entry.nominal and gap <= 2:
                # (a noun whose agent is already known, ``X направи отстъпки на Y``: Y receives them)
                known = any(a.last <= c.first for a in actors)
                # (``санкциите на САЩ``: a noun whose ``на`` phrase is always its agent)
                (recips if (type_ in patient_types or "patient" in c.entry.roles or known)
                 and "agentive" not in c.entry.roles else actors).append(u)
            elif gap <= 1 or (type_ in dative_types and gap <= 5 and not any(
                    _prep(w.text, lex) for w in words[c.last:u.prep_at]) and not any(
                    v.first < u.first and v.first >= c.last for v in after if v is not u
                    # (not a country's adjective on the noun before the name: ``на руската компания X``)
                    and not (v.kind == "adj" and v.first > u.prep_at)) and not any(
                    v.first == u.last and v.type == "PER" for v in after)):  # (``кмета на Варна Иван Петров``: his town)
                recips.append(u)  # ``изпрати лекари и маски на Италия``: the goods, then their receiver
        elif bare(u) and lex.has("partner_types", type_) and any(
                lex.has("partner_preps", w.text) for w in words[c.last:u.first]):
            # ``среща с главния съветник на НАТО Иван Петров``; not past ``за`` after the partner
            # (``преговаря с X за осъдената ... Y``: Y is what the talks are about)
            p = max(k for k in range(c.last, u.first) if lex.has("partner_preps", words[k].text))
            # (``с главния преговарящ за търговията X``: a ``за`` in the partner's description is no topic)
            if not any(lex.has("topic_preps", words[k].text) and words[k - 1].name for k in range(p + 1, u.first)):
                recips.append(u)
        elif bare(u) and passive and any(v is not u and v.last == u.first for v in after):
            pass  # ``... от Апелативния съд на област Варна``: the rest of the agent's name, split by the NER
        elif (c.entry.nominal and u.kind == "ref" and u.first == c.last and u.last == u.first + 1
              and lex.has("possessive_clitics", words[u.first].text) and not lex.has("plural_possessives", words[u.first].text)):
            # ``посещението ѝ``, ``арестът му``: whose act it is, or, for an act done to someone, to whom
            (recips if type_ in patient_types and "agentive" not in c.entry.roles else actors).append(u)
        elif (ru and c.entry.nominal and bare(u) and u.first == c.last and c.last - 1 > c.anchor
              and lex.has("recipient_nouns", words[c.last - 1].text)):
            recips.append(u)  # ``угрозы в адрес X``: a trigger that ends in a noun for whom it is aimed at
        elif bare(u) and not obj_taken and (c.entry.nominal or _object_position(words, c.last, u, lex, after)):
            obj_taken = True
            named = next((v for v in after if v.first == u.last and v.type == "PER" and bare(v)), None)
            if ru and u.type != "PER" and named is not None and (_case(words, u) == "gent" or (
                    u.first > c.last and words[u.first - 1].text.startswith(place_heads))):
                # ``отставку министра обороны Франции Жана Дюпона``: the country's minister
                # is the person named right after it (``губернатор провинции X Ахмед Хан``: so is the governor
                # of a place)
                u = named
            group = _group(after, u, words, lex, backwards=False)
            # a nominative right after the verb is its subject (``заявил Путин``); further on,
            # nominative and accusative look too much alike
            nom = ru and not c.entry.nominal and not actors and (_case(words, u) == "nomn" and (
                u.first == c.last or _subject_past_adverbs(words, c, u, len(group) > 1)) or (
                # (an indeclinable name right after the verb, its object already named before it or inside
                # the trigger, and the verb agreeing with it in number: ``Против России ввели санкции США``)
                _case(words, u) == "" and u.first == c.last and (recips or c.last - 1 > c.anchor)
                and _same_number(words[c.anchor], words[u.last - 1], len(group) > 1)))
            if c.entry.nominal and ru and (u.first == c.last and _case(words, u) == "gent" or (
                    u.first == c.anchor + 1 < c.last and _case(words, u) in ("gent", ""))):
                # ``вторжение России``: the genitive after a noun is its agent, or its patient
                (recips if type_ in patient_types and "agentive" not in c.entry.roles else actors).append(u)
            elif passive and not (ru and _case(words, u) == "ablt"):
                # ``беше арестуван опозиционерът X``, ``был задержан X``: the subject of a passive
                # after it undergoes the act (an instrumental, ``отменен судом``, is its agent)
                recips += group
            elif passive or nom or (not actors and not c.entry.nominal
                                    and type_ in lex.sets.get("intransitive_types", ())
                                    # (a Russian name in an oblique case is an object: ``освободить Ивана Петрова``)
                                    and not (ru and _case(words, u) not in ("nomn", ""))):
                actors += group
            elif c.entry.nominal:
                # ``в телефонен разговор ... Петров каза``: a participant; otherwise the name
                # after a noun is the subject of something else (``след протестите властите ...``)
                # (not a place the talks were held in: ``среща в швейцарския курорт Давос``)
                # (the first name after the noun only: ``визитата в Япония ... френският министър`` acts)
                if not actors and lex.has("partner_types", type_) and not (any(
                        lex.has("located_preps", words[k].text) for k in range(c.last, u.first))
                        and not any(c.last <= v.first < u.first for v in after)):
                    actors += group
            elif not (ru and _case(words, u) == "nomn" and any("VERB" in words[k].tags for k in range(c.last, u.first))) and not (
                    ru and u.first > c.last and lex.has("coordination", words[u.first - 1].text) and u.last < len(words)
                    and "VERB" in words[u.last].tags):
                # (nor one after ``и`` with its own verb right after it: ``освободили X и суд закрыл дело``, whether
                # first or joined to the first)
                recips += [v for v in group if not (ru and v is not u and v.last < len(words) and "VERB" in words[v.last].tags)]
                # (a Russian nominative after another verb is its subject: ``... заключил министр``)
    if (not actors and not passive and not c.entry.nominal and type_ in lex.sets.get("intransitive_types", ())
            and _office_after(words, c.last, ce, lex)):
        # ``в отставку ушел министр по делам X Иван Петров``: a verb with no object, and after it a
        # noun for a person's office (an adverb or adjectives may stand before it: ``также ушел
        # российский министр``), then the name: that person is its subject
        who = next((u for u in units if c.last < u.first < min(ce, c.last + 7) and u.type == "PER"
                    and u.kind == "name"), None)
        if who is not None:
            actors.append(who)
    if not actors and not passive and not c.entry.nominal and _opens_clause(words, cs, c.first, lex):
        # a verb that opens its clause shares the subject before it (``..., като струпа войски``)
        # (not a name inside a relative clause between: ``X, на чиито гласове Y разчита, заплашва``;
        # ``От X, ..., заплашват``: people from X)
        lead = [u for u in units if u.last <= cs and (bare(u) or lex.has("agent_preps", u.prep) and _opens_clause(
            words, 0, u.prep_at, lex)) and (not ru or _case(words, u) in ("nomn", ""))
            and not lex.has("relative", (clause_bounds(words, u.first, u.last, lex)[2] or ("",))[0])]
        main = _past_complement(words, units, lex, lead[-1], cs, opener) if lead else None
        if main is not None:
            actors += _group(units, main, words, lex, backwards=False)
        elif lead and not (opener and lex.has("relative", opener[0])):
            # (with the names joined to it: ``X и Y, от своя страна, подкрепиха``)
            actors += _group(units, lead[-1], words, lex, backwards=True)
        elif carried and cs == 0 and not lead:
            actors.append(Unit(-1, -1, carried, "name"))
    if (not actors and not passive and not c.entry.nominal and opener and cs - len(opener) <= 1
            and lex.has("fronted_subordinators", opener[-1]) and ce < len(words) and lex.has("clause_punct", words[ce].text)
            and _opens_clause(words, cs, c.first, lex)):
        # ``Въпреки че призова ..., генералният директор на СЗО призна``: a clause put before the main
        # one, with no subject of its own, shares the main clause's subject, which follows it
        # (its subject: the first name with no preposition, a description's complement passed over:
        # ``генералният директор на СЗО Тедрос ...``)
        main = next((u for u in units if u.first > ce and u.kind != "thing" and not u.prep
                     and (not ru or _case(words, u) in ("nomn", ""))), None)
        if main is not None and main.first - ce <= 8 and clause_bounds(words, main.first, main.last, lex)[0] == ce + 1:
            actors.append(main)
    if passive and not recips and not c.entry.nominal and type_ in lex.sets.get("owner_undergoes_types", ()):
        # ``Планът на X ... бе отхвърлен``, ``Речь X была отвергнута``: what X said, asked or did, the
        # clause's subject, undergoes the act, and so X does (the sentence's subject, where the clause the
        # NER or a word like ``като`` opened inside it is no clause: ``Идеята на X да ... като Y бе ...``,
        # with no comma and no other subject before the verb)
        starts = [cs] + ([0] if cs and not any(words[k].text == "," for k in range(0, c.first)) else [])
        for s0 in starts:
            if not (s0 + 1 < c.first and words[s0].text.isalpha() and not any(v.first <= s0 < v.last for v in units)):
                continue
            owner = next((u for u in units if s0 <= u.first < c.first and u.kind == "name" and u.first <= s0 + 7 and (
                (lex.has("dative_preps", u.prep) and u.prep_at == s0 + 1)
                or (ru and not u.prep and _case(words, u) == "gent" and u.first == s0 + 1 and "NOUN" in words[s0].tags
                    and not words[s0].tags & {"gent", "datv", "ablt", "loct"}))), None)
            # (a subject of the noun's own ``да`` complement is none: ``Идеята на X Y да влезе ...``)
            if owner is not None and not any(owner.last <= v.first < c.first and bare(v) and not (
                    v.last < len(words) and lex.has("subjunctive", words[v.last].text)) for v in units):
                recips.append(owner)
                break
    if passive and not recips and not c.entry.nominal and _opens_clause(words, cs, c.first, lex):
        # ``Асия Биби, осъдена ..., беше оправдана``: the subject before the clause undergoes it
        lead = [u for u in units if u.last <= cs and bare(u) and (not ru or _case(words, u) in ("nomn", ""))]
        # (not the speaker before ``че``: ``Той уточни, че е постигнато съгласие``)
        pick = (lead[0] if cs and lex.has("clause_punct", words[cs - 1].text) else lead[-1]) if lead else None
        # (not past ``а``/``но`` and a subject of its own, unnamed: ``обгради X, а двама активисти, които
        # ..., бяха арестувани``)
        if pick is not None and any(lex.has("contrast_openers", words[j].text) and words[j + 1].text.isalpha()
                                    and words[j + 1].text.islower() and not _prep(words[j + 1].text, lex)
                                    and not any(lex.has(x, words[j + 1].text) for x in ("auxiliaries", "reflexive", "future"))
                                    for j in range(pick.last, cs - len(opener) - 1)):
            pick = None
        if pick is not None and not (opener and (lex.has("relative", opener[0]) or lex.has("complementizers", opener[-1]))):
            recips.append(pick)
    if (not actors and c.entry.nominal and opener and lex.has("complementizers", opener[-1]) and cs < c.first
            and (lex.has("auxiliaries", words[cs].text) or lex.has("future", words[cs].text))
            and not any(cs <= u.first < c.first for u in units)):
        # ``Министерството обяви, че е приключило преговорите``: a dropped subject after ``че`` is
        # the speaker's, and the noun's agent is the subject of the verb that governs it
        lead = [u for u in units if u.last <= cs - len(opener) and bare(u) and (not ru or _case(words, u) in ("nomn", ""))]
        if lead:
            actors.append(lead[0])
    if (not recips and not c.entry.nominal and stop < ce and lex.has("subjunctive", words[stop].text)
            and type_ in lex.sets.get("complement_recipient_types", ())):
        # ``се съгласи да продаде на Израел ...``, ``отказва да плати на Украйна``: what is agreed to or
        # refused is done to the one named with ``на`` right after the complement's verb
        # (``обещава да започне преговори с ЕС``, ``отказа да се срещне с X``: the partner of what is agreed or refused)
        nxt = next((u for u in units if stop < u.first < ce and u.kind != "thing"), None)
        if nxt is not None and (lex.has("dative_preps", nxt.prep) or lex.has("partner_preps", nxt.prep)) and (
                nxt.prep_at - stop <= 3) and not any(_prep(w.text, lex) for w in words[stop + 1:nxt.prep_at]):
            recips.append(nxt)
    if "onto" in c.entry.roles and not passive:
        # ``приписва атаките на X``, ``возложил вину за обстрел на X``: blame laid on X, past what it is for
        # (a noun for a group may stand between: ``на група X``)
        for u in units:
            if not (c.last <= u.first < ce and u.kind != "thing") or u in actors:
                continue
            k = u.prep_at if u.prep else next((j for j in range(u.first - 1, max(c.last, u.first - 2) - 1, -1)
                                               if _prep(words[j].text, lex)), None)
            if k is not None and lex.has("onto_preps", words[k].text):
                recips = [u]
                break
    # ``X ..., за что был арестован``: a preposition and a pronoun for the clause before (Russian ``что``) open one too
    whole = (not opener and c.first - cs >= 2 and _prep(words[cs].text, lex) and lex.has("clause_relatives", words[cs + 1].text)
             and _opens_clause(words, cs + 2, c.first, lex))
    if (not actors and not c.entry.nominal and (whole or opener and (lex.has("relative", opener[0]) or lex.has("clause_relatives", opener[0])) and cs - len(opener) >= 2
            and _prep(words[cs - len(opener) - 1].text, lex) and _opens_clause(words, cs, c.first, lex))
            and not _plural_verb(words[c.anchor], lex) and not (passive and recips)):
        # ``X говори на форум, на който заплаши ...``, ``X опубликовал заявление, в котором пригрозил ...``: a relative
        # after a preposition is no subject; a verb with none of its own goes on with the main clause's
        # (a plural one speaks of people unnamed: ``законът, срещу който протестираха``)
        lead = _lead_subject(words, units, lex, cs - 1 if whole else cs - len(opener) - 1)
        if lead is not None:
            (recips if passive else actors).append(lead)
    if (not actors and c.entry.nominal and lex.has("partner_types", type_) and c.first >= 1
            and lex.has("purpose_preps", words[c.first - 1].text)):
        # ``Ердоган пристигна в Москва за среща с Путин``, ``прибыл в Москву на переговоры с``: talks one came
        # or went for are the subject's
        lead = _lead_subject(words, units, lex, c.first - 1)
        if lead is not None and lead.last < c.first and lead.entity not in {r.entity for r in recips} and (
                not ru or _case(words, lead) in ("nomn", "")):
            actors.append(lead)
    if ("host" in c.entry.roles or "receives" in c.entry.roles) and not passive:
        actors, recips = recips, actors
    if ru and not recips and (passive or type_ in patient_types):
        # ``X, смертный приговор которой был отменен``: a relative in the genitive inside the trigger
        # makes its antecedent, the name before the comma, whom the act is done to
        rel = next((k for k in range(max(0, c.first - 2), c.last) if lex.has("genitive_relatives", words[k].text)), None)
        comma = next((k for k in range(rel - 1, max(-1, rel - 4), -1) if words[k].text == ","), None) if rel is not None else None
        ante = [u for u in units if comma is not None and u.last == comma and u.kind != "thing"]
        if ante:
            recips.append(ante[-1])
    if not recips and not passive and not c.entry.nominal and type_ in lex.sets.get("thing_target_types", ()):
        # ``се обявиха срещу изграждането на X``, ``наложиха санкции срещу X``, ``ввел санкции
        # против «X»``: a product (a pipeline, a project) that the act is for or against, named as its object
        # (not after a bare noun, ``санкций против X``: often an act only spoken of, kept apart by its arguments)
        recips += [u for u in things if _thing_target(words, c, u, lex)][:1]
    if (not recips and not passive and not c.entry.nominal and type_ in lex.sets.get("addressee_types", ())
            and c.last + 2 < len(words) and words[c.last].text == "," and lex.has("subjunctive", words[c.last + 1].text)):
        # ``потребовала, чтобы Германия остановила ...``: a demand is made of the subject of what it asks
        asked = next((u for u in units if u.first == c.last + 2 and u.kind == "name" and not u.prep
                      and (not ru or _case(words, u) in ("nomn", ""))), None)
        if asked is not None and asked.entity not in {a.entity for a in actors}:
            recips.append(asked)
    owners = lex.sets.get("owner_clitics", ())
    if not recips and not passive and not c.entry.nominal and owners and type_ in lex.sets.get("owner_undergoes_types", ()):
        # ``приветстваха новия ѝ план``, ``отхвърли предложението му``: the object is someone's speech or
        # act, named by a clitic after its noun; that one undergoes the act: a person named before the verb
        # who does not do it, else the subject of the sentence before
        j = next((j for j in range(c.last + 1, min(len(words), c.last + 3)) if words[j].text in owners), None)
        if j is not None and all(w.text.isalpha() and w.text.islower() and not _prep(w.text, lex) and w.text not in owners
                                 for w in words[c.last:j]):
            done = {a.entity for a in actors}
            named = [u for u in units if u.type == "PER" and u.last <= c.first and u.entity not in done]
            if named:
                recips.append(named[-1])
            elif carried and carried not in done and not any(u.last <= c.first and u.entity not in done for u in units):
                recips.append(Unit(-1, -1, carried, "name"))
    if (quoted and not recips and not passive and not c.entry.nominal and type_ in lex.sets.get("addressee_types", ())
            and _closes_quote(words, c.first, lex)):
        # ``„Германия трябва да спре ...“, призова X``: a demand that closes the quote it makes is made of the
        # name that opens the quote as its subject (no preposition before it, and in Russian no oblique case
        # but the dative of ``России следует``, which reads as a genitive too)
        q = max(k for k in range(c.first) if words[k].text in lex.quote_marks)
        q = max((k for k in range(q) if words[k].text in lex.quote_marks), default=-1)
        head = next((u for u in quoted if q < u.first <= q + 2 and u.kind == "name" and not u.prep
                     and (not ru or _case(words, u) in ("nomn", "datv", "gent", ""))), None)
        if head is not None and head.entity not in {a.entity for a in actors}:
            recips.append(head)
    if lex.has("partner_types", type_) and not passive:
        # ``среща в София между кмета X, премиера Y и посланика Z``: every party of the list
        # after ``между``, each the name that closes its description (the list runs past the commas
        # that end the clause)
        p = next((k for k in range(c.last, min(ce, c.last + 4)) if lex.has("participant_preps", words[k].text)), None)
        parties = _between_parties(words, units, p, min(len(words), p + 30), lex) if p is not None else []
        if len(parties) >= 2:
            actors += [v for v in parties if v not in actors]
            recips = [v for v in recips if v not in parties]
    if lex.has("labour_types", type_):
        # ``пилотите на Ryanair стачкуват``, ``пилоты Ryanair грозят забастовками``: a company's workers
        # act against it, their employer is the recipient, not the actor
        workers = lex.worker_heads or ("\0",)
        moved = [u for u in actors if (lex.has("dative_preps", u.prep) and u.prep_at > 0
                                        and words[u.prep_at - 1].text.startswith(workers))
                 or (ru and not u.prep and u.first > 0 and words[u.first - 1].text.startswith(workers))]
        actors = [u for u in actors if u not in moved]
        # (a Bulgarian ``на`` phrase after the workers that open the clause is no subject, so it is found here)
        recips = recips + moved + [u for u in before if u not in moved and u not in recips and lex.has("dative_preps", u.prep)
                                   and cs <= u.prep_at - 1 <= cs + 1 and words[u.prep_at - 1].text.startswith(workers)]
        if not recips:
            recips += _employer(words, c, units, lex, cs, ce, actors)
    a = list(dict.fromkeys(u.entity for u in actors))
    r = [e for e in dict.fromkeys(u.entity for u in recips) if e not in a]
    return a, r


def _same_number(verb: Word, noun: Word, joined: bool = False) -> bool:
    """A Russian verb and a noun agree in number (names joined by ``и`` are plural)."""
    if "plur" in verb.tags:
        return joined or bool(noun.tags & {"plur", "Pltm"})
    return "sing" in verb.tags and not joined and bool(noun.tags & {"sing", "Sgtm"}) and "Pltm" not in noun.tags


def _subject_past_adverbs(words: list[Word], c: Found, u: Unit, joined: bool = False) -> bool:
    """``Проект одобрила также Эстония``, ``... поддержала вчера Польша``: a Russian nominative after the
    verb, past adverbs or particles only, is its subject when a past verb agrees with it in gender or
    number (the object, put first, takes another form or has the inanimate nominative's); a plural verb
    agrees with names joined by ``и`` (``... поддержали также Польша и Литва``)."""
    between = words[c.last:u.first]
    if not between or len(between) > 2 or not all(w.timex or w.tags & {"ADVB", "PRCL"} for w in between):
        return False
    verb, head = words[c.anchor].tags, words[u.first].tags
    if "past" not in verb:
        return False
    if "plur" in verb:
        return joined or "plur" in head
    gender = verb & {"masc", "femn", "neut"}
    return bool(gender) and bool(gender & head) and "sing" in head


def _thing_target(words: list[Word], c: Found, u: Unit, lex: Lexicon) -> bool:
    """The product ``u`` stands as the trigger's object: right after it (a quotation mark or a noun for
    its kind between), after a preposition for a target (``срещу``, ``против``), or as the ``на`` (in
    Russian, genitive) complement of the noun right after a verb (``се обяви срещу изграждането на X``)."""
    if u.type != "PRO" or u.first < c.last:
        return False
    k = u.first
    while k > c.last and words[k - 1].text in lex.quote_marks:
        k -= 1
    if lex.has("recipient_preps", u.prep):
        return u.prep_at - c.last <= 1
    if c.entry.nominal:
        return False
    def common(i: int) -> bool:  # a lower-case word, no preposition: a noun for what the product is
        return i < len(words) and words[i].text.isalpha() and words[i].text.islower() and not _prep(words[i].text, lex)
    j = c.last + 1 if c.last < len(words) and lex.has("recipient_preps", words[c.last].text) else c.last
    if not u.prep:
        if k == c.last:
            return not (lex.lemmatize and _case(words, u) not in ("accs", "nomn", ""))
        if lex.lemmatize:
            # (in Russian, the genitive after the object noun: ``выступила против строительства X``)
            return bool(k == c.last + 1 and "NOUN" in words[c.last].tags and _case(words, u) in ("gent", ""))
        # ``осъди газопровода X``, ``се обяви срещу изграждането на газопровода X``
        return k == j + 1 and common(j) or (k == j + 3 and common(j) and lex.has("dative_preps", words[j + 1].text)
                                            and common(j + 2))
    # ``се обявиха срещу изграждането на X``
    return bool(lex.has("dative_preps", u.prep) and u.prep_at == j + 1 and common(j))


def _closes_quote(words: list[Word], first: int, lex: Lexicon) -> bool:
    """The word at ``first`` follows a closing quotation mark, past a comma or a dash (``„...“, призова X``,
    ``«...», — потребовал X``)."""
    k = first - 1
    while k >= 0 and words[k].text in (",", "\u2014", "\u2013", "-"):
        k -= 1
    return k >= 0 and k < first - 1 and words[k].text in lex.quote_marks and any(
        words[j].text in lex.quote_marks for j in range(max(0, k - 60), k))


def _between_parties(words: list[Word], units: list[Unit], p: int, ce: int, lex: Lexicon) -> list[Unit]:
    """The names listed after ``между`` at ``p`` (``между X, Y и Z``), each closing its own part of the
    list; a description before it (``премиера``, ``главния съветник по бюджета``) belongs to it. Empty
    when a part ends in no name (``между представители на X и Y``: a phrase of another shape)."""
    out: list[Unit] = []
    k = p + 1
    while k < ce:
        def sep(j: int) -> bool:
            return (words[j].text == "," or lex.has("coordination", words[j].text) and words[j].text.isalpha()) and not any(
                v.first <= j < v.last for v in units)
        e = next((j for j in range(k, ce) if sep(j)), ce)
        name = next((v for v in units if v.last == e and k <= v.first and v.kind == "name" and v.type != "LOC"
                     and (not v.prep or lex.has("participant_preps", v.prep))), None)
        if name is None or e - k > 8 or any(not (w.text.isalpha() and w.text.islower()) and not any(
                v.first <= j < v.last for v in units) for j, w in enumerate(words[k:name.first], k)):
            return []
        out.append(name)
        if e >= ce or lex.has("coordination", words[e].text) and words[e].text.isalpha():
            if e >= ce:
                break
            last = e  # the part after ``и`` is the last
            k = e + 1
            e = next((j for j in range(k, ce) if sep(j) or not (words[j].text.isalpha() or words[j].name)), ce)
            name = next((v for v in units if v.last == e and k <= v.first and v.kind == "name" and v.type != "LOC"
                         and not v.prep), None)
            if name is None or e - last > 9:
                return []
            out.append(name)
            break
        k = e + 1
    return out


def _past_complement(words: list[Word], units: list[Unit], lex: Lexicon, lead: Unit, cs: int,
                     opener: tuple[str, ...]) -> Unit | None:
    """``X изрази увереност, че Y и Z могат да ..., но призова Z ...``: a verb after ``но`` with no subject
    of its own, past a complement whose verb stands under a modal or a future (what X said may happen),
    goes on with the main clause; its subject is the main clause's, not the complement's."""
    if not (opener and lex.has("contrast_openers", opener[0])):
        return None
    s, _, op = clause_bounds(words, lead.first, lead.last, lex)
    if not (op and lex.has("complementizers", op[-1])) or not any(
            lex.has("subjunctive", w.text) or lex.has("future", w.text) for w in words[s:cs]):
        return None
    return _lead_subject(words, units, lex, s - len(op))


def _employer(words: list[Word], c: Found, units: list[Unit], lex: Lexicon, cs: int, ce: int,
              actors: list[Unit]) -> list[Unit]:
    """Whom a labour act (a strike, a workers' demand) is aimed at, when no recipient was found at the
    trigger: the company its workers are named with, as the clause's subject (``пилоты Lufthansa
    назначили забастовку``) or right after the noun (``забастовка пилотов Lufthansa``), the company a
    strike is in (``забастовка в Lufthansa``), or, for a strike of workers named without their company
    (``... отменила рейсы из-за забастовки пилотов``), the organisation the sentence is about, its lead
    subject."""
    workers = lex.worker_heads or ("\0",)
    unions = tuple(lex.cue.get("union_heads", ())) or ("\0",)
    ru = lex.lemmatize

    def worker(k: int) -> bool:
        # (not a union of them named after them: ``объединение пилотов Cockpit`` is the union, no employer)
        return 0 <= k < len(words) and words[k].text.lower().startswith(workers) and not (
            k >= 1 and words[k - 1].text.lower().startswith(unions))

    def employed(u: Unit) -> int | None:  # where the workers' noun stands
        if u.type != "ORG" or u in actors:
            return None
        k = u.prep_at - 1 if lex.has("dative_preps", u.prep) else u.first - 1 if ru and not u.prep else -1
        if ru and not u.prep and not worker(k):
            # ``сотрудников французского национального перевозчика X``: past the genitive noun for
            # the company's kind and its adjectives
            nouns = 0
            while k >= 0 and u.first - k <= 4 and not worker(k) and words[k].text.isalpha() and words[k].text.islower() and (
                    "gent" in words[k].tags and words[k].tags & {"ADJF", "NOUN"}):
                nouns += "NOUN" in words[k].tags
                k -= 1
            if nouns > 1:
                return None
        return k if worker(k) else None

    # the workers open the clause before the trigger, or follow the noun (past ``на``, a number, adjectives)
    def near(k: int) -> bool:
        return cs <= k <= cs + 3 and k < c.first or c.entry.nominal and c.last <= k <= c.last + 3
    named = [u for u in units if cs <= u.first < ce and (k := employed(u)) is not None and near(k)]
    if named:
        return named[:1]
    # (the marks around a name stand between it and its preposition: ``забастовка в «Аэрофлоте»``)
    k = c.last + (1 if c.last + 1 < len(words) and words[c.last + 1].text in lex.quote_marks else 0)
    # (a company, not a state's body: ``беспорядок в британском правительстве``)
    inside = next((u for u in units if u.type == "ORG" and u.kind == "name" and not _place(words[u.first].text, lex.code)
                   and c.last < len(words)
                   and lex.has("employer_preps", words[c.last].text) and u.first == k + 1), None)
    if inside is not None:
        return [inside]
    if not c.entry.nominal:
        return []
    # the workers right after the noun, past ``на`` and a number (``стачката на пилотите``, ``забастовки
    # 400 пилотов``), with no name of their own after them
    k = c.last
    if k < len(words) and lex.has("dative_preps", words[k].text):
        k += 1
    if k < len(words) and words[k].text.isdigit():
        k += 1
    # (and their adjectives: ``стачка на кабинния персонал``, ``забастовки немецких пилотов``)
    for _ in range(2):
        if k < len(words) and not worker(k) and words[k].text.isalpha() and words[k].text.islower() and (
                "ADJF" in words[k].tags if ru else words[k].text.endswith(lex.adjective_endings)) and not _prep(words[k].text, lex):
            k += 1
    if not worker(k) or any(u.first == k + 1 for u in units):
        return []
    verbs = speech_verbs(lex.code)
    pool = list(units)
    for _ in range(3):
        lead = _lead_subject(words, pool, lex, c.first)
        if lead is None:
            return []
        # (not an outlet after its reporting verb, ``Как сообщало ИА X, ...``)
        if any(words[j].text in verbs or "VERB" in words[j].tags for j in range(max(0, lead.first - 3), lead.first)):
            pool = [u for u in pool if u is not lead]
            continue
        # (nor a name set off by a dash or a colon: ``АГЕНЦИЯ - В Италии проходит забастовка ...``)
        if lead.type != "ORG" or lead in actors or any(
                lex.has("clause_punct", w.text) and w.text != "," for w in words[lead.last:c.first]):
            return []
        return [lead]
    return []


# ------------------------------------------------------------------ the stage


class EventStage:
    name = "events"
    requires = ("sentences", "tokens", "lang", "timexes", "citations")
    assigns = ("events", "events_flagged")
    updates = ("entities", "mentions")  # a country named only by an adjective becomes an entity

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULTS
        self.kb = load_kb(self.settings)
        lexicon("bg")

    def __call__(self, doc: Document) -> Document:
        tokens = doc.layer("tokens")
        tstarts = [t.start for t in tokens]
        # a country named by an adjective is the country's own entity, not its people's (``американците``)
        places = {e.kb: e.id for e in sorted(doc.entities, key=lambda e: e.type == "LOC") if e.kb}
        places.update({e.attrs["place"]: e.id for e in doc.entities if e.attrs.get("place") and e.type == "LOC"})
        events, flagged = [], []
        paras = doc.layer("paragraphs")
        body = paras[1].start if len(paras) > 1 else 0  # after the headline
        has_cited = bool(doc.layer("citations"))
        ix = None  # the speech index of the document, built for the first event
        pair: list[str] = []  # the last two parties an event was told of together
        speech = None
        prev = None
        for sent in doc.layer("sentences"):
            before, prev = prev, sent
            lang = sent.attrs.get("lang") or doc.lang or "bg"
            lex = lexicon(lang)
            if lex is None:
                continue
            a, b = bisect.bisect_left(tstarts, sent.start), bisect.bisect_left(tstarts, sent.end)
            if a == b or not (lex.lemmatize or lex.may_match(
                    {(t.attrs.get("text") or doc.text[t.start:t.end]).lower() for t in tokens[a:b]})):
                continue  # no trigger can be whole in this sentence
            words = sentence_words(doc, tokens[a:b], lex)
            if speech is None:
                speech = speech_regions(doc.text, lex)
            inside = [(s, e) for s, e in speech if s < sent.end and sent.start < e]
            masked = {k for k, w in enumerate(words) if any(s <= w.start < e for s, e in inside)} if inside else set()
            found = find_triggers(words, lex, masked)
            if not found:
                continue
            units = sentence_units(doc, words, sent.start, sent.end, lex, lex.code, places,
                                   {k for c in found for k in range(c.first, c.last)})
            credits = lex.sets.get("credit_cues")
            if credits:  # ``СНИМКА: Ройтерс``: a picture's credit, no party to what the sentence tells
                units = [u for u in units if not (u.first >= 2 and words[u.first - 1].text == ":"
                                                  and words[u.first - 2].text in credits)]
            quoted: list[Unit] = []
            if masked:  # a name inside a quotation is the speaker's topic, not a party to an event told outside it
                quoted = [u for u in units if u.first in masked]
                units = [u for u in units if u.first not in masked]
            # an outlet cited for the news (``предаде Франс прес``, ``според Би Би Си``) is its source, not a party
            cited = [(x.start, x.end) for x in doc.overlapping("citations", sent.start, sent.end)] if has_cited else []
            if cited:
                units = [u for u in units if u.first < 0 or not any(
                    a < words[u.last - 1].end and words[u.first].start < b for a, b in cited)]
            threatened = len(words)  # the words a threat warns of: what is threatened has not happened
            for c in found:
                if c.entry.type == "NONE":
                    continue  # a blocker: a phrase that holds a trigger's word but tells no event (``отказа коментар``)
                if c.first > threatened:
                    c.flags["irrealis"] = True
                if c.entry.nominal and _occasion_of(words, c, found, lex):
                    continue  # ``обсъдиха бюджета на среща в Загреб``: the meeting the verb tells, not a second one
                comp = next((k for k in range(c.last, min(len(words), c.last + 3))
                             if lex.has("complementizers", words[k].text)), None)
                # a warning of what the warner will do (``предупреди, че ще отговори``, ``..., че ако ...,
                # ще стачкува``) is a threat; a warning that something is so (``че пандемията ще се влоши``)
                # is a statement
                threat = comp is not None and c.entry.type in lex.sets.get("consequence_types", ()) and (
                    _warns_own_act(words, comp, lex) or self._own_side(doc, words, comp, c, units, lex))
                # ... and so is a warning of a hostile act (``предупредиха за нови стачки``)
                # (Russian names it in the instrumental, no preposition: ``грозят новыми забастовками``)
                warned = None if c.entry.nominal or c.entry.type not in lex.sets.get("consequence_types", ()) or not (
                    c.last < len(words) and (lex.has("warning_preps", words[c.last].text) or (
                        lex.lemmatize and "ablt" in words[c.last].tags))) else next(
                    (f for f in found if c.last <= f.first <= c.last + 3 and f.entry.nominal
                     and f.entry.type not in COOPERATIVE and f.entry.type != c.entry.type), None)
                if warned is not None:
                    threat, comp = True, min(c.last, warned.first - 1)
                # ``„…“, предупреди Петров``, ``…, признава Иван Петров``: a verb that closes what was
                # said reports it, and the name after it is its subject, not its object
                # ``„Оттеглете закона!“, настоя X``, ``..., — настаивал X``: a verb of insisting that closes
                # a demand is a demand by the name after it; one that closes a claim (``„Реформата е
                # успешна“, настоява X``, ``настаивал, что ...``) reports a statement
                said = _insisted(words, c, lex)
                if said is not None and not _demand_said(words, *said, lex):
                    continue
                if ("obj" in c.entry.roles or "notice" in c.entry.roles) and _frames_speech(
                        doc, words, c, speech_verbs(lang)) and said is None:
                    continue
                if "obj" in c.entry.roles and not threat and not _has_object(words, c, units, lex):
                    continue
                at = c.bare_at if c.bare_at >= 0 else c.first
                if c.bare and not any(u.last == at - 1 and u.kind == "name" for u in units) and not _new_person(
                        words, at - 2, lex):
                    continue  # ``жената, осъдена на смърт``: a description, not an event told
                    # (after an indefinite noun for a person, ``... журналистка, осъдена на смърт``, it tells what
                    # was done to someone; ``единственият журналист, осъден ...`` speaks of a kind)
                if "opinion" in c.entry.roles and comp is not None and not any(
                        lex.has("future", w.text) or {"VERB", "futr"} <= w.tags for w in words[comp + 1:comp + 5]):
                    continue  # agreeing that something is so (``се съгласиха, че X е ...``): a view shared, no commitment
                if "notice" in c.entry.roles and (comp is not None and not threat or _fronted(
                        words, clause_bounds(words, c.first, c.last, lex)[0], c.first, lex)):
                    continue  # (``Това предупреди X``: a warning reported, a statement)
                if threat:
                    threatened = min(threatened, comp)
                if c.entry.nominal and lex.has("game_types", c.entry.type) and (
                        not lex.sets.get("game_cues", frozenset()).isdisjoint(f for w in words for f in w.forms) or SCORE.search(
                            doc.text, sent.start, sent.end)):
                    continue  # ``срещата между Левски и ЦСКА``: a game, not talks
                if "restrictive" in c.entry.roles and not any(
                        w.text.startswith(tuple(lex.cue.get("restriction_cues", ())) or ("\0",)) for w in words):
                    continue  # an order that closes, bans or limits something coerces; an appointment does not
                if c.entry.nominal and c.entry.type in lex.sets.get("charge_types", ()) and c.first and lex.has(
                        "charge_preps", words[c.first - 1].text.casefold()):
                    continue  # ``оправда по обвинението в ...``: the charge an act is done on, no accusation told
                if "partner" in c.entry.roles and not any(
                        u.first >= c.last and lex.has("partner_preps", u.prep) for u in units) and not self._pair_before(
                        words, c, units, lex):
                    continue
                if c.entry.type == "AGREE" and c.first < len(words) and words[c.anchor].forms & lex.vows:
                    # ``обеща да блокира парламента``, ``пообещал ввести санкции``: a promise of a hostile
                    # act is a threat, no agreement to cooperate
                    sub = next((k for k in range(c.last, min(len(words), c.last + 3)) if lex.has("subjunctive", words[k].text)), None)
                    if sub is not None or lex.lemmatize:
                        lo = sub if sub is not None else c.last
                        if any(f is not c and f.first >= lo and f.first - lo <= 3 and lex.has("hostile_types", f.entry.type)
                               and not f.flags.get("negated") for f in found):  # (not ``обеща да не блокира``)
                            c.flags["vow"] = True
                if (c.flags.get("future") and not c.flags.get("conditional") and lex.has("hostile_types", c.entry.type)
                        and any(lex.has("condition_words", w.text) for w in words[c.last:])):
                    # ``ще затвори границата, ако санкциите продължат``: a hostile act promised on a
                    # condition is a threat (PLOVER), not the act
                    c.flags["vow"] = True
                # (a Russian plural verb with no subject speaks of people unnamed, ``задержали``: none carried)
                actors, recips = attach(words, c, units, lex,
                                        None if lex.lemmatize and "plur" in words[c.anchor].tags
                                        else _subject(doc, before, tokens, tstarts, lex),
                                        frozenset(k for f in found if f is not c for k in range(f.first, f.last)),
                                        quoted)
                holder = _decision_holder(words, c, units, lex) if lex.ruling_nouns else []
                if holder:
                    # ``решението на британското правителство да експулсира ...``: the decision's holder acts
                    actors = list(dict.fromkeys(u.entity for u in holder))
                    heads = lex.group_heads or ("\0",)
                    # (a country adjective before a group inside the trigger names whom it is done to:
                    # ``да експулсира 23 руски дипломати``)
                    # (a bare name further on may be the main verb's object: ``... да експулсира дипломатите
                    # ядоса Москва``; a ``на`` or ``срещу`` phrase right after the trigger is the complement's)
                    recips = [x for x in dict.fromkeys([
                        u.entity for u in units if c.first <= u.first and u.last < c.last and u.kind == "adj"
                        and words[u.last].text.startswith(heads)] + [
                        u.entity for u in units if c.last <= u.prep_at <= c.last + 1 and (
                            lex.has("dative_preps", u.prep) or lex.has("recipient_preps", u.prep))]) if x not in actors]
                if (not actors and not recips and pair and lex.has("partner_types", c.entry.type)
                        and not _is_passive(words, c, lex) and _pair_subject(words, c, units, lex)):
                    actors = list(pair)  # ``Двамата лидери разговаряха``: the two just told of together
                if (not actors and not recips and pair and c.entry.nominal and c.entry.type == "CONSULT"
                        and c.last < len(words) and lex.has("plural_possessives", words[c.last].text)):
                    # ``срещата им``: the meeting of the two just told of together -- the one already told,
                    # when the event before is their meeting too (no second event), else theirs
                    last = next((e for e in reversed(events) if e.attrs.get("sentence", {}).get("start") != sent.start), None)
                    if last is not None and last.label == "CONSULT" and set(pair) <= set(
                            last.attrs["actors"]) | set(last.attrs["recipients"]):
                        continue
                    actors = list(pair)
                told = comp if comp is not None else next(
                    (k for k in range(c.last, min(len(words), c.last + 2)) if lex.has("subjunctive", words[k].text)), None)
                if told is not None and not recips and c.entry.type in lex.sets.get("told_recipient_types", ()):
                    # ``заплашиха, че ще се разправят с нея``, ``заплаши да спре доставките на Украйна``:
                    # whom the threatened act is done to
                    aside = next((k for k in range(told, len(words)) if lex.has("adjunct_preps", words[k].text)), len(words))
                    recips = [u.entity for u in units if told < u.first < aside and u.entity not in actors and u.kind != "thing" and (
                        lex.has("partner_preps", u.prep) or lex.has("recipient_preps", u.prep)
                        or lex.has("dative_preps", u.prep) or (u.kind == "ref" and not u.prep and u.first > told + 1))][-1:]
                if said is not None and said[0] == 0:
                    # the demand was said before the verb: its subject stands after it, and a ``пред``/``от``
                    # phrase after that names whom it was made of
                    subj = next((u for u in units if c.last <= u.first <= c.last + 3 and not u.prep
                                 and u.kind != "thing"), None)
                    if subj is not None:
                        actors = list(dict.fromkeys(
                            u.entity for u in _group(units, subj, words, lex, backwards=False)))
                        recips = [u.entity for u in units if subj.last <= u.first <= subj.last + 3 and u.entity not in actors
                                  and (lex.has("recipient_preps", u.prep) or lex.has("source_preps", u.prep))]
                actors, recips = ([_entity_id(doc, x, units, words, places, self.kb) for x in ids]
                                  for ids in (actors, recips))
                # ``среща в швейцарския курорт Давос``: talks at a named place are one meeting, not talks in general
                placed = c.entry.nominal and not actors and not recips and any(
                    lex.has("located_preps", words[k].text) and any(
                        u.type == "LOC" and k < u.first <= k + 3 for u in units) for k in range(c.last, min(len(words), c.last + 2)))
                span = self._span(doc, words, c, sent, actors, recips, lex, placed)
                if ix is None:
                    ix = Index(doc, self.kb)
                span.attrs["sources"] = source_chain(doc, span.start, span.end, ix=ix,
                                                     exclude=set(actors) | set(recips))
                if (span.attrs["asserted"] and c.entry.nominal and not actors and not recips and "date" not in span.attrs
                        and span.start >= body and any(lex.has("adjunct_preps", w.text) for w in words[max(0, c.first - 3):c.first])
                        and any(e.label == span.label and e.start >= body for e in events)):
                    # ``... несмотря на оправдательный приговор``, ``из-за протестов``: a bare noun for an event
                    # of a kind the body has already told, in an adjunct (after, because of, despite), points
                    # back to it (the headline tells its own)
                    span.attrs["asserted"], span.attrs["anaphoric"] = False, True
                (events if span.attrs["asserted"] else flagged).append(span)
                parties = [x for x in dict.fromkeys(actors + recips) if not x.startswith(PLACE)] if c.entry.type in (
                    lex.sets.get("partner_types", ())) else actors
                if len(parties) == 2 and span.attrs["asserted"]:
                    pair = list(parties)
        paras = doc.layer("paragraphs")
        _date_from_mentions(events, paras[1].end if len(paras) > 1 else len(doc.text))
        _carry_verdict(doc, events)
        doc.set_layer("events", events)
        doc.set_layer("events_flagged", flagged)
        return doc

    @staticmethod
    def _pair_before(words: list[Word], c: Found, units: list[Unit], lex: Lexicon) -> bool:
        """``Путин и Меркел обсъдиха ...``: two or more names joined as the subject just before the
        verb are its partners, as ``с X`` after it would be."""
        last = [u for u in units if u.last <= c.first and c.first - u.last <= 2 and not u.prep and u.kind != "thing"
                and (not lex.lemmatize or _case(words, u) in ("nomn", ""))]
        return bool(last) and len(_group(units, last[-1], words, lex, backwards=True)) >= 2

    def _own_side(self, doc: Document, words: list[Word], comp: int, c: Found, units: list[Unit], lex: Lexicon) -> bool:
        """``Путин предупреди, че Русия ще отговори``: the complement's subject is the warner or
        the warner's country, and what it will do follows."""
        warner = next((u for u in reversed(units) if u.last <= c.first and not u.prep and u.kind != "thing"), None)
        if warner is not None and comp + 2 < len(words) and lex.has("own_side_subjects", words[comp + 1].text) and (
                words[comp + 2].forms & lex.sets.get("future", frozenset()) or {"VERB", "futr"} <= words[comp + 2].tags):
            return True  # ``X предупреди, че държавата ще действа``: a named warner's own side will act
        subj = next((u for u in units if comp < u.first <= comp + 2 and not u.prep), None)
        if warner is None or subj is None or not any(
                w.forms & lex.sets.get("future", frozenset()) for w in words[subj.last:subj.last + 3]):
            return False
        keys = {e.id: e.kb for e in doc.entities}

        def key(u: Unit) -> str | None:
            return u.entity[len(PLACE):] if u.entity.startswith(PLACE) else keys.get(u.entity)

        a, b = key(warner), key(subj)
        return warner.entity == subj.entity or (a is not None and (a == b or self.kb.country_of(a) == b))

    @staticmethod
    def _span(doc, words, c, sent, actors, recips, lex, placed: bool = False) -> Span:
        s, e = words[c.first].start, words[c.last - 1].end
        type_ = c.entry.type
        flags = dict(c.flags)
        if flags.get("vow") or (flags["future"] and "foretold" in c.entry.roles and asserted(flags, type_)):
            type_ = "THREATEN"  # (``ще предприеме ответни мерки``, ``примет ответные меры``: retaliation foretold)
        if flags.get("intent") and type_ not in COOPERATIVE:
            flags["irrealis"] = True  # a plan to attack is no attack (nor, by itself, a threat)
        if flags["future"] and c.entry.nominal and type_ in UNMADE_IN_FUTURE:
            flags["irrealis"] = True
        if (flags["future"] or flags.get("intent")) and type_ in COOPERATIVE and asserted(flags, type_):
            type_ = "AGREE"  # PLOVER: future or intended cooperation is an agreement to cooperate
            if not actors and not recips and _is_passive(words, c, lex):
                flags["irrealis"] = True  # ``законът ще бъде одобрен``: no one has agreed to anything
        attrs = {"trigger": {"start": s, "end": e}}
        if c.entry.mode and type_ == c.entry.type:
            attrs["mode"] = c.entry.mode
        attrs.update({"actors": actors, "recipients": recips})
        t = governing_timex(doc, s, e)
        if t is not None and t.start >= e and not c.entry.nominal:
            # a date after a verb dates it only within its clause (not ``..., който е министър от 2019 г.``);
            # a noun takes the date of the clause it stands in (``Обвиненията ..., са отправени през 2019 г.``)
            _, ce, _ = clause_bounds(words, c.first, c.last, lex)
            if ce < len(words) and words[ce].start <= t.start:
                t = None
        if t is not None and c.entry.nominal and _anterior(words, c, lex):
            t = None  # ``предишната им среща``: an earlier meeting, not one on the sentence's date
        if t is not None and t.label == "TIME" and not any(
                ch.isalpha() for ch in doc.text[doc.text.rfind("\n", 0, t.start) + 1:t.start]):
            t = None  # ``20:34 Парламентът ...``: a clock time at the head of its line stamps the item
        if t is None and not flags["future"] and not c.entry.nominal:
            t = _reported_on(doc, words, c, lex)  # ``X и Y се договориха ..., заяви днес Z``: told as done today
        if t is not None:
            attrs["date"] = t.attrs.get("value")
            if (c.entry.nominal and type_ in COOPERATIVE and asserted(flags, type_)
                    and _begins_after(attrs["date"], doc.date)):
                # ``оценка на срещата в Женева през следващия месец``: talks dated after the article
                # are still to come, an agreement to cooperate (PLOVER)
                type_, flags["future"] = "AGREE", True
                attrs.pop("mode", None)
        attrs["sentence"] = {"start": sent.start, "end": sent.end}
        attrs["sources"] = []  # the stage fills it from the citations (sources.source_chain)
        # ``преговорите за Брекзит``, ``срещата``: a noun for talks with no one named and no date
        # speaks of them in general, not of one event
        # (held back with no flag of its own: asserted is false while every mood flag is)
        generic = (c.entry.nominal and not actors and not recips and "date" not in attrs and not placed
                   and (lex.has("generic_nominal_types", type_) or "generic" in c.entry.roles))
        # ``координаторите на преговорите``, ``участниците в срещата``: talks named as what people's
        # office is about say who they are, not that talks were held
        generic = generic or (c.entry.nominal and type_ in ("CONSULT", "AGREE") and not actors and not recips
                              and _office_of(words, c, lex))
        # ``да засили темпото на преговорите``, ``напредък в преговорите``: talks named with the article after
        # a preposition, with no party named, are the talks under way spoken of, not a round held
        generic = generic or (c.entry.nominal and not actors and not recips and c.first > 0
                              and _prep(words[c.first - 1].text, lex)
                              and lex.has("process_nouns", words[c.anchor].text.casefold()))
        # ``за хода на преговорите``, ``етапа на преговорите с X``: the course, stage or partners
        # of talks under way, even with their parties named, speak of the process, not of a round held
        generic = generic or (c.entry.nominal and c.first > 1 and _prep(words[c.first - 1].text, lex)
                              and lex.has("process_nouns", words[c.anchor].text.casefold())
                              and lex.has("process_heads", words[c.first - 2].text.casefold()))
        # ``преди срещата на върха``, ``накануне встречи с X``: talks named as the time of what the sentence
        # tells, still to come then, are not asserted by it
        generic = generic or (c.entry.nominal and type_ in ("CONSULT", "AGREE") and c.first > 0
                              and lex.has("before_preps", words[c.first - 1].text))
        # ``тези обвинения``, ``эти атаки``: a demonstrative points back to an event already told
        generic = generic or (c.entry.nominal and c.first > 0 and not words[c.first - 1].forms.isdisjoint(
            lex.sets.get("anaphoric_determiners", ())))
        attrs["asserted"] = asserted(flags, type_) and not generic
        attrs.update({k: flags[k] for k in ("negated", "conditional", "question", "future", "irrealis")})
        attrs["pattern"] = c.entry.pattern
        return Span(s, e, type_, attrs)


def _occasion_of(words: list[Word], c: Found, found: list[Found], lex: Lexicon) -> bool:
    """An event noun right after an occasion preposition (``на``, ``в ходе``) that follows a verb of
    the same type in its clause (``X и Y обсъдиха бюджета на среща в Загреб``, ``обсудили на встрече``):
    the occasion of what the verb tells, one event.  Not a noun that names its own partner (``на
    срещата с X``) or, where the language marks it, a definite one (``резултатите на срещата``: of
    the meeting, another one)."""
    if not (c.first and lex.has("occasion_preps", words[c.first - 1].text.casefold())):
        return False
    if words[c.anchor].text.endswith(tuple(lex.cue.get("definite_endings", ())) or ("\0",)):
        return False
    if c.last < len(words) and lex.has("partner_preps", words[c.last].text):
        return False
    cs, _, _ = clause_bounds(words, c.first, c.last, lex)
    return any(f is not c and not f.entry.nominal and f.entry.type == c.entry.type and cs <= f.first and f.last < c.first
               for f in found)


def _office_of(words: list[Word], c: Found, lex: Lexicon) -> bool:
    """A noun for talks right after ``на``/``в`` and a plural noun for people whose office it names
    (``координатори на преговорите``, ``участниците в срещата``)."""
    if lex.lemmatize or c.first < 2 or not (lex.has("dative_preps", words[c.first - 1].text)
                                            or lex.has("located_preps", words[c.first - 1].text)):
        return False
    head = words[c.first - 2].text
    return head.isalpha() and head.islower() and head.endswith(tuple(lex.cue.get("office_holder_endings", ())) or ("\0",))


def _begins_after(value: str | None, date) -> bool:
    """Whether a TIMEX date value (a day, month, year or ISO week) begins after ``date``."""
    if not value or date is None:
        return False
    try:
        if "-W" in value:
            y, w = value.split("-W")
            start = dt.date.fromisocalendar(int(y), int(w[:2]), 1)
        else:
            parts = value.split("-")
            if not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or len(parts) > 3:
                return False
            start = dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return False
    if isinstance(date, dt.datetime):
        date = date.date()
    return start > (date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date)[:10]))


def _pair_subject(words: list[Word], c: Found, units: list[Unit], lex: Lexicon) -> bool:
    """The subject just before the trigger is ``the two`` (``Двамата лидери``, ``Оба министра``), with no name of its own."""
    cs = clause_bounds(words, c.first, c.last, lex)[0]
    k = next((k for k in range(max(cs, c.first - 3), c.first) if not words[k].forms.isdisjoint(
        lex.sets.get("pair_words", ()))), None)
    return k is not None and not any(k <= u.first < c.first for u in units)


RULING_TYPES = ("SANCTION", "CONCEDE")  # a sentence passed, upheld, suspended or overturned
RULED_TYPES = RULING_TYPES + ("ACCUSE", "COERCE")  # and the charges and arrests that name whom they concern


def _carry_verdict(doc: Document, events: list[Span]) -> None:
    """``Присъдата беше потвърдена от съда``, ``отмени присъдата``: a ruling on a
    sentence or on charges (the noun at or beside the trigger) that names no one it concerns concerns
    the person the rulings, charges and arrests before it were most often about (the latest of equals)."""
    stems = tuple(x for code in ("bg", "ru") if (lx := lexicon(code)) is not None for x in lx.cue.get("verdict_nouns", ()))
    if not stems:
        return
    types = {e.id: e.type for e in doc.entities}
    seen: dict[str, int] = {}
    last = None
    for ev in sorted(events, key=_start):
        if ev.label not in RULED_TYPES:
            continue
        people = [r for r in ev.attrs["recipients"] if types.get(r) == "PER"]
        if people:
            seen[people[0]] = seen.get(people[0], 0) + 1
            last = max(seen, key=lambda x: (seen[x], x == people[0]))
            continue
        t = ev.attrs["trigger"]
        near = re.findall(r"\w+", doc.text[max(0, t["start"] - 25):t["end"] + 30].lower())
        if (last is not None and ev.label in RULING_TYPES and not ev.attrs["recipients"] and last not in ev.attrs["actors"]
                and any(w.startswith(stems) for w in near)):
            ev.attrs["recipients"] = [last]


def _date_from_mentions(events: list[Span], lead_end: int) -> None:
    """An undated event of the headline or the lead (before ``lead_end``) that the body tells
    again with a date (``в сряда съдът спря ...``) takes that date: the other events of its type
    that share a participant with it must all give the same one."""
    for ev in events:
        if ev.attrs.get("date") or ev.start >= lead_end:
            continue
        who = set(ev.attrs["actors"]) | set(ev.attrs["recipients"])
        # (a time of day is a dateline's stamp more often than the event's: not passed on)
        # (nor from an event still to come: ``на срещата им в четвъртък`` is not the one that happened)
        dates = {o.attrs["date"] for o in events if o is not ev and o.label == ev.label and o.attrs.get("date")
                 and "T" not in o.attrs["date"] and not o.attrs.get("future") and who & (set(o.attrs["actors"]) | set(o.attrs["recipients"]))}
        if len(dates) == 1:
            ev.attrs["date"] = dates.pop()


@lru_cache(maxsize=None)
def speech_verbs(code: str) -> frozenset[str]:
    return frozenset(speech_lexicon(code).verbs)


def _warns_own_act(words: list[Word], comp: int, lex: Lexicon) -> bool:
    """A complement that opens (after a condition, ``ако ...,``) with a future or a modal and no
    subject of its own: the warner says what it will do (``че ще стачкува``, ``че може да отмени``),
    not that something will be (``че може да има закъснения``)."""
    k = comp + 1
    if k < len(words) and lex.has("conditional", words[k].text) and words[k].text in lex.breaks:
        k = next((j + 1 for j in range(k, len(words)) if lex.has("clause_punct", words[j].text)), len(words))
    negated = False
    while k < len(words) and (lex.has("skippable", words[k].text) or lex.has("negation", words[k].text)):
        negated = negated or lex.has("negation", words[k].text)
        k += 1
    if k >= len(words):
        return False
    w = words[k]
    if not (w.forms & lex.sets.get("future", frozenset()) or {"VERB", "futr"} <= w.tags or (
            not negated and w.forms & lex.sets.get("threat_modals", frozenset()))):
        return False  # (``че не може да ...``: cannot, no act)
    rest = [x.text for x in words[k + 1:k + 3]]
    return not any(lex.has("existential", t) for t in rest)


def _anterior(words: list[Word], c: Found, lex: Lexicon) -> bool:
    """An adjective for an earlier one (``previous``) right before the event noun, or before one
    possessive clitic before it."""
    k = c.first - 1
    if k >= 0 and lex.has("possessive_clitics", words[k].text.casefold()):
        k -= 1
    return k >= 0 and words[k].text.casefold().startswith(tuple(lex.sets.get("anterior", ())) or "\0")


def _frames_speech(doc: Document, words: list[Word], c: Found, verbs: frozenset[str]) -> bool:
    """A reporting verb right after the comma or dash that closes what was said (``„…“, каза``)."""
    if c.first == 0 or words[c.first].text not in verbs:
        return False
    prev = words[c.first - 1].text
    return prev in (",", "–", "—", "-") and c.first >= 2 and (
        words[c.first - 2].text in ("\"", "“", "”", "»", "'") or c.first >= 4)


def _insisted(words: list[Word], c: Found, lex: Lexicon) -> tuple[int, int] | None:
    """The words said, (from, to), where a verb of insisting closes them (``„…“, настоя X``, ``…, —
    настаивал X``); an empty span where it opens them with a complementizer (``настаивал, что …``);
    None otherwise."""
    if not lex.has("insisting_patterns", c.entry.pattern) or c.entry.nominal:
        return None
    k = c.first
    while k > 0 and words[k - 1].text in (",", "–", "—", "-"):
        k -= 1
    if k < c.first and k >= 2:
        return 0, k
    if c.last + 1 < len(words) and words[c.last].text == "," and lex.has("complementizers", words[c.last + 1].text):
        # ``настаивал, что ...``, like ``настоява, че ...``: what one insists is so is reported, a
        # statement, whatever it says (nothing said is a demand)
        return c.last + 2, c.last + 2
    return None


def _demand_said(words: list[Word], lo: int, hi: int, lex: Lexicon) -> bool:
    """What was said asks for something: a word of obligation or exhortation (``трябва``, ``нека``,
    ``должно``), an exclamation, an imperative (tagged, in Russian), or a bare ``да`` clause."""
    cues = tuple(lex.cue.get("demand_cues", ())) or ("\0",)
    said = [w for w in words[lo:hi] if w.text not in lex.quote_marks]
    return bool(said) and (any(w.text.startswith(cues) or w.text == "!" or "impr" in w.tags for w in said)
                           or lex.has("subjunctive", said[0].text))


def _reported_on(doc: Document, words: list[Word], c: Found, lex: Lexicon) -> Span | None:
    """The date of the reporting verb that tells an undated event (GUIDELINES: ``заяви днес``), where
    a date stands right next to that verb in the sentence after the event."""
    verbs = speech_verbs(lex.code)
    for k in range(c.last, len(words)):
        if words[k].text in verbs:
            for j in (k - 1, k + 1):
                if 0 <= j < len(words) and words[j].timex:
                    t = next((t for t in doc.overlapping("timexes", words[j].start, words[j].end)
                              if t.label == "DATE"), None)
                    if t is not None:
                        return t
            return None
    return None


def _entity_id(doc: Document, x: str, units: list[Unit], words: list[Word], places: dict[str, str], kb) -> str:
    if not x.startswith(PLACE):
        return x
    key = x[len(PLACE):]
    if key in places:
        return places[key]
    u = next(u for u in units if u.entity == x)
    return _place_entity(doc, key, words[u.first], places, kb)


def _within(spans: list[Span], lo: int, hi: int) -> list[Span]:
    """The spans of a sorted layer that start in [lo, hi) (a binary search, not a scan)."""
    return spans[bisect.bisect_left(spans, lo, key=_start):bisect.bisect_left(spans, hi, key=_start)]


def _start(span: Span) -> int:
    return span.start


def _subject(doc: Document, sent: Span | None, tokens: list[Span], tstarts: list[int], lex: Lexicon) -> str | None:
    """The subject of a sentence, as far as word order shows it: its first entity named (or
    referred to) with no preposition before it, ahead of its first clause break."""
    if sent is None:
        return None
    types = {e.id: e.type for e in doc.entities}
    found = sorted((m.start, m.attrs["entity"], m.end) for layer in ("references", "mentions")
                   for m in _within(doc.layer(layer), sent.start, sent.end) if m.attrs.get("entity"))
    body = doc.text[sent.start:sent.end].rstrip().rstrip(".:").rstrip()
    if found and found[0][0] <= sent.start + len(body) - len(body.lstrip()) and found[0][2] >= sent.start + len(body):
        return None  # a name alone (a dateline, ``Лондон.``) is no sentence with a subject
    for n, (start, eid, end) in enumerate(found):
        if lex.lemmatize and n + 1 < len(found) and types.get(found[n + 1][1]) == "PER" and types.get(eid) != "PER" and (
                not doc.text[end:found[n + 1][0]].strip()):
            continue  # ``Премьер Италии Марио Росси``: a genitive with no preposition, the person named after it
        k = bisect.bisect_left(tstarts, start)
        prev = fold_letters(doc.text[tokens[k - 1].start:tokens[k - 1].end]) if k and tokens[k - 1].start >= sent.start else ""
        if lex.has("clause_punct", prev) or lex.breaks.get(prev):
            return None
        if types.get(eid, "") not in lex.sets.get("argument_types", ()) or any(
                lex.has(x, prev) for x in ("recipient_preps", "partner_preps", "oblique_preps",
                                           "participant_preps", "dative_preps", "agent_preps")):
            continue
        return eid
    return None


def _has_object(words: list[Word], c: Found, units: list[Unit], lex: Lexicon) -> bool:
    """A trigger that is an event only with a named object (``прие посланика``, not ``прие закона``)."""
    if _is_passive(words, c, lex) and (_has_aux(words, c, lex) or lex.lemmatize and "PRTS" in words[c.anchor].tags) and (
            "host" not in c.entry.roles or c.last < len(words) and lex.has("agent_preps", words[c.last].text)):
        return True  # ``беше приет от X``: the host is named, the guest is the subject
    _, ce, _ = clause_bounds(words, c.first, c.last, lex)
    if any(lex.has("object_clitics", words[k].text) for k in range(max(0, c.first - 2), c.first)):
        return True  # ``властите я освободиха``
    if any(lex.has("object_relatives", words[k].text) for k in range(max(0, c.first - 3), c.first)):
        return True  # ``X, которого задержали``, ``X, когото арестуваха``: the relative is the object
    if any(c.last <= u.first < min(ce, c.last + 5) and (not u.prep or lex.has("dative_preps", u.prep))
           for u in units):
        return True
    if "notice" in c.entry.roles:
        return False  # ``предупреди премиера да ...``: advice to someone unnamed, no threat told
    # ``задържа двама протестиращи``, ``прие посланика``: an object that names people, named or not
    people = tuple(lex.cue.get("people_nouns", ())) or ("\0",)
    for k in range(c.last, min(ce, c.last + 4)):
        t = words[k].text
        if _prep(t, lex):
            return False
        if t.startswith(people) or t in speech_lexicon(lex.code).roles:
            return True
    return False
