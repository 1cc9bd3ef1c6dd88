"""Entity resolution inside one document: mentions -> entities with a canonical name and a global key.

Rules, in order:
1. A mention found in the KB (any script, any inflection: ``Лукашенка``, ``Lukashenko``) takes the
   KB key.  A demonym (``британците``, PER in SlavicNER) takes its place's key but stays its own
   entity, since its type differs.
2. A capital stands for its country (GUIDELINES §1) when the country itself is named in the document
   and the words around it make it a party rather than a place: a verb of saying or deciding right
   after it (``Москва заяви``, ``Берлин може``), a governing word before it (``призова Исламабад``,
   ``според Отава``), two capitals as parties (``между Минск и Вашингтон``) or a relation noun before
   ``от``/``с``/``срещу`` (``изолация от Вашингтон``).  The cues are in lang/<code>/metonymy_cues.txt;
   a bare ``от Пекин`` or a list of cities stays a place, as SlavicNER annotates it.
3. A name written several times is one thing: its mentions take the type most of them were
   tagged with (``one_type_per_name``).
4. Mentions without a key join an entity of the same type with the same stemmed name, a full name
   whose last word is this surname (``Коул`` -> ``Джон Коул``), or the same name in another script
   (skeleton match, ``Cole`` ~ ``Коул``).  A group takes the key of any member that has one.
5. Entities of one type that share a key are one entity.  New entities get a stable key built
   from the transliterated, stemmed full name (``PER-x-jon-kul``), so the same new person gets
   the same key in every article and either Cyrillic script.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .. import lang
from . import KB, fold, load, name_skeleton, place_for_adjective, stem_key
from .translit import has_cyrillic

# Words before a capital that make it the place itself, not its government (``в Берлин``,
# ``столицата Пекин``), in any language (lang/<code>/place_prepositions.txt).
PLACE_PREPOSITIONS = lang.union("place_prepositions.txt")


@dataclass
class Mention:
    start: int
    end: int
    type: str
    text: str
    lang: str = "bg"
    prev: str = ""  # the word before, lower case
    key: str | None = None
    before: tuple[str, ...] = ()  # up to three words before, lower case, nearest last
    after: tuple[str, ...] = ()  # up to three words after, lower case, nearest first
    attrs: dict = field(default_factory=dict)


@dataclass
class Group:
    type: str
    mentions: list[Mention]
    key: str | None = None

    @property
    def longest(self) -> Mention:
        return max(self.mentions, key=lambda m: (len(m.text.split()), len(m.text)))


def _consonants(word: str) -> str:
    """First letter and the consonants after it (``jon``/``john`` -> ``jn``): spellings of one name
    in Cyrillic and in English differ mostly in their vowels and silent h."""
    if len(word) <= 2:
        return word
    return word[0] + re.sub(r"[aeiouh]", "", word[1:])


def new_key(type_: str, name: str) -> str:
    """A stable key for an entity the KB does not know: type + consonant skeleton of the name's words,
    the same for ``Джон Коул``, ``Джона Коула`` and ``John Cole``."""
    sk = name_skeleton(name)
    words = [_consonants(w) for w in sk.split() if w]
    return f"{type_}-x-" + "-".join(words) if words else f"{type_}-x-{fold(name)}"


def _cues(code: str) -> dict[str, frozenset[str]]:
    """The metonymy cues of a language (lang/<code>/metonymy_cues.txt; the default language's for a
    language without them)."""
    language = lang.get(code)
    if not language.has("metonymy_cues.txt"):
        language = lang.get(lang.DEFAULT)
    return {k: frozenset(v) for k, v in language.sections("metonymy_cues.txt").items()}


def acts_as_government(m: Mention, partner: bool = True) -> bool:
    """Do the words around a capital make it a party (its government) rather than a place?
    ``partner``: another capital or a country stands next to it (``между Минск и Вашингтон``; not
    ``линията между София и Ниш``), which the pairing cue needs."""
    cues = _cues(m.lang)
    before = m.before or ((m.prev,) if m.prev else ())
    prev = before[-1] if before else ""
    if prev in PLACE_PREPOSITIONS:
        return False
    after = [w for w in m.after if w not in cues.get("skip", ())]
    if after and after[0] in cues.get("after", ()):
        return True
    if prev in cues.get("before", ()):
        return True
    if partner and any(w in cues.get("between", ()) for w in before):
        return True
    return (len(before) >= 2 and prev in cues.get("relation_prepositions", ())
            and before[-2] in cues.get("relation", ()))


def surname_follows_full_name(mentions: list[Mention], kb: KB) -> None:
    """A surname alone is the person whose full name the article gives, not a namesake the KB knows
    by that surname: a KB person found by surname must agree with the given name the article
    states (``Иван Иванов`` ... ``Иванов`` is not the KB's ``Мирчо Иванов``; ``Питър Рикетс`` ...
    ``Рикетс`` is the KB's ``Peter Ricketts``).  Where it does not, the surname loses its key and
    joins the full name."""
    full: dict[str, list[Mention]] = {}
    for o in mentions:
        if o.type == "PER" and len(o.text.split()) > 1:
            full.setdefault(stem_key(o.text).split()[-1], []).append(o)
    for m in mentions:
        if m.type != "PER" or not m.key or len(m.text.split()) != 1:
            continue
        owners = full.get(stem_key(m.text), ())
        if not owners or any(o.key for o in owners):
            continue  # no full name here, or one the KB knows: the grouping decides
        if not any(_given_name_agrees(kb, m.key, o.text) for o in owners):
            m.key = None


def one_type_per_name(mentions: list[Mention]) -> list[Mention]:
    """A name the article writes several times names one thing: where its mentions (the same
    words, written with a capital) got different types, they take the type most of them have
    (``Дунав`` tagged EVT in a headline and LOC twice in the text is the river).  Only the same
    written form counts, not the same stem: ``Българите`` (people) is not ``България``.  A tie is
    left as it is.  Returns the mentions whose type changed."""
    by_name: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.text[:1].isupper():
            by_name.setdefault(fold(m.text), []).append(m)
    changed = []
    for same in by_name.values():
        counts = Counter(m.type for m in same).most_common()
        if len(counts) < 2 or counts[0][1] == counts[1][1]:
            continue
        for m in same:
            if m.type != counts[0][0]:
                m.type = counts[0][0]
                changed.append(m)
    return changed


def _given_name_agrees(kb: KB, key: str, full_name: str) -> bool:
    """Whether the KB's full names of ``key`` start with the given name of ``full_name`` (in any
    script); True when the KB knows no full name of it."""
    names = {n for code in ("bg", "ru", "en") for n in [kb.name(key, code)] if n}
    firsts = {name_skeleton(n.split()[0]) for n in names if len(n.split()) > 1}
    return not firsts or name_skeleton(full_name.split()[0]) in firsts


def _is_lower_start(text: str) -> bool:
    return text[:1].islower()


class Resolver:
    def __init__(self, kb: KB | None = None, metonymy: bool = True) -> None:
        self.kb = kb or load()
        # False keeps capitals as cities (SlavicNER's convention) instead of GUIDELINES §1's
        self.metonymy = metonymy

    def key_for(self, m: Mention) -> str | None:
        if _is_lower_start(m.text) or m.type == "PER" and len(m.text.split()) == 1:
            place = place_for_adjective(m.text, m.lang, self.kb)
            if place and (m.type != "LOC" or _is_lower_start(m.text)):
                if m.type != "LOC":
                    m.attrs["place"] = place
                    return place
        key = self.kb.lookup(m.text, m.type)
        if key is None and "(" in m.text:  # "Световната здравна организация (СЗО)"
            head, _, rest = m.text.partition("(")
            key = self.kb.lookup(head.strip(), m.type) or self.kb.lookup(rest.strip(" )"), m.type)
        return key

    def resolve(self, mentions: list[Mention], doc_lang: str | None = None) -> list[Group]:
        kb = self.kb
        one_type_per_name(mentions)
        for m in mentions:
            m.key = self.key_for(m)
        surname_follows_full_name(mentions, kb)
        keys_here = {m.key for m in mentions if m.key}
        parties = self._parties(mentions) if self.metonymy else []
        for m in mentions if self.metonymy else ():  # metonymic capitals
            if m.key and m.type == "LOC":
                e = kb.entries.get(m.key)
                if (e is not None and e.kind == "capital" and e.of and e.of in keys_here
                        and acts_as_government(m, self._has_partner(m, parties))):
                    m.attrs["metonym_of"] = e.of
                    m.attrs["place"] = m.key
                    m.key = e.of
        groups: list[Group] = []
        by_key: dict[tuple[str, str], Group] = {}
        # Longest names first, so that surnames find their full names.
        order = sorted(mentions, key=lambda m: (-len(m.text.split()), m.start))
        for m in order:
            g = by_key.get((m.type, m.key)) if m.key else None
            if g is None:
                g = self._match(m, groups)
            if g is None:
                g = Group(m.type, [], m.key)
                groups.append(g)
            g.mentions.append(m)
            if m.key and not g.key:
                g.key = m.key
            if g.key:
                by_key.setdefault((g.type, g.key), g)
        # Groups that ended up with one key (via different members) are one entity.
        merged: dict[tuple[str, str], Group] = {}
        out = []
        for g in groups:
            if g.key and (g.type, g.key) in merged:
                merged[(g.type, g.key)].mentions.extend(g.mentions)
                continue
            if g.key:
                merged[(g.type, g.key)] = g
            out.append(g)
        for g in out:
            g.mentions.sort(key=lambda m: m.start)
            if not g.key:
                g.key = new_key(g.type, self._display(g, doc_lang))
        out.sort(key=lambda g: g.mentions[0].start)
        return out

    def _has_partner(self, m: Mention, parties: list[Mention]) -> bool:
        """Another capital or a country within a few words of ``m`` (a party it is paired with);
        ``parties``: the capitals and countries of the article, by start."""
        lo = bisect.bisect_left(parties, m.start - 200, key=lambda n: n.start)
        for n in parties[lo:]:
            if n.start > m.end + 25:
                break
            if n is not m and min(abs(n.start - m.end), abs(m.start - n.end)) <= 25:
                return True
        return False

    def _parties(self, mentions: list[Mention]) -> list[Mention]:
        countries = set(self.kb.iso.values())
        out = []
        for n in mentions:
            e = self.kb.entries.get(n.key) if n.key else None
            if e is not None and (e.kind == "capital" or n.key in countries):
                out.append(n)
        return sorted(out, key=lambda n: n.start)

    def _match(self, m: Mention, groups: list[Group]) -> Group | None:
        sk = stem_key(m.text)
        words = sk.split()
        skel = name_skeleton(m.text)
        best, best_score = None, 0.0
        for g in groups:
            if g.type != m.type:
                continue
            if m.key and g.key and m.key != g.key:
                continue
            seen: set[str] = set()
            for o in g.mentions:
                if o.text in seen:  # a name said again scores as it did (long articles repeat them)
                    continue
                seen.add(o.text)
                osk = stem_key(o.text)
                ow = osk.split()
                if osk == sk:
                    return g
                score = 0.0
                if m.type == "PER" and len(words) == 1 and len(ow) > 1 and ow[-1] == words[0] and len(words[0]) >= 3:
                    score = 95  # a surname of a full name
                elif m.type == "PER" and len(words) == 1 and len(ow) > 1 and name_skeleton(ow[-1]) == skel and len(skel) >= 4:
                    score = 92
                elif (m.type == "PER" and len(words) == 1 and len(ow) > 1 and ow[0] == words[0]
                      and len(words[0]) >= 3 and not m.key):
                    score = 90  # a first name alone (``Доналд``) of a full name in the same text
                elif has_cyrillic(m.text) != has_cyrillic(o.text) and not (m.key or o.key):
                    score = self._cross_script(words, ow, m.type)
                if score > best_score:
                    best, best_score = g, score
        return best

    @staticmethod
    def _cross_script(words: list[str], ow: list[str], type_: str) -> float:
        """How well a name in one script matches one in the other, word by word (0 when not)."""
        if len(words) == len(ow):
            pairs = list(zip(words, ow))
        elif type_ == "PER" and len(words) == 1 and len(ow) > 1:
            pairs = [(words[0], ow[-1])]
        elif type_ == "PER" and len(ow) == 1 and len(words) > 1:
            pairs = [(words[-1], ow[0])]
        else:
            return 0.0
        scores, letters = [], 0
        for a, b in pairs:
            sa, sb = name_skeleton(a), name_skeleton(b)
            if not sa or not sb:
                return 0.0
            letters += len(_consonants(sa))
            if sa == sb:
                scores.append(100.0)
            elif _consonants(sa) == _consonants(sb):
                scores.append(90.0)  # John ~ Джон, Cole ~ Коул
            elif min(len(sa), len(sb)) < 4:
                return 0.0
            else:  # č written c in Latin (Kovacevic ~ Ковачевич)
                scores.append(max(fuzz.ratio(sa, sb), fuzz.ratio(sa.replace("ch", "k"), sb.replace("ch", "k"))))
        if letters < 4:
            return 0.0
        low = min(scores)
        return low if low >= 78 else 0.0

    def _display(self, g: Group, doc_lang: str | None) -> str:
        if g.key:
            n = self.kb.name(g.key, doc_lang)
            if n and not (g.mentions[0].attrs.get("place") and g.type != "LOC"):
                return n
        own = [m for m in g.mentions if m.lang == doc_lang] or g.mentions
        most = max(len(m.text.split()) for m in own)
        cands = Counter(m.text for m in own if len(m.text.split()) == most)
        best = cands.most_common(1)[0][0]
        code = next(m.lang for m in own if m.text == best)
        if code == "ru" and not (g.mentions[0].attrs.get("place") and g.type != "LOC"):
            from .lemma import nominative_ru

            best = nominative_ru(best, person=g.type == "PER")
        elif code == "bg" and g.type != "PER":
            from .lemma import base_bg

            best = base_bg(best)
        return best

    def name(self, g: Group, doc_lang: str | None) -> str:
        return self._display(g, doc_lang)
