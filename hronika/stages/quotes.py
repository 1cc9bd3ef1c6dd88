"""The ``quotes`` stage: direct and reported speech with its speaker (GUIDELINES §4).

Direct quotes are the outermost pairs of quotation marks (``quote_marks.tsv``; a side is told
by the neighbouring spaces, a quote may run over sentences, and over paragraphs when the next
paragraph opens with the mark again) that are not names (mostly covered by entity mentions,
or a few capitalised words) or scare quotes (one word, or a few with no speech frame in the
sentence).  The speaker comes from the reporting verb right after the quote (``“…”, каза
той``), else before it in the sentence (``Лукашенко заяви: „…“``; a sentence ending in a colon
before it), else from the previous quote of the paragraph.  A dash inside the marks
(``«…, — сказал он. — …»``) sets the speaker off.

Reported speech: a speech verb with its complementizer (``заяви, че…``, ``заявил, что…``); a
frame before the clause (``според него``, ``по думите му``, ``по словам…``); and speech without
marks that ends in a reporting verb (``…, каза министърът``).

The speaker is the subject of the verb: a mention or a ``references`` span, not after a
preposition and not in a relative clause, the first in its clause before the verb, else the
first after it; it agrees with the verb's gender and number.  What an outlet reports is a
source, not a quote.  ``sources``/``chain``: ``stages.sources.source_chain``.  A post's text is
a quote of its author.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Document, Entity, Span
from ..kb import place_for_adjective
from ..kb import load as load_kb
from ..kb.resolve import new_key
from ..settings import DEFAULTS, Settings
from ..lang import fold_letters
from ..speech import Index, Lexicon, governed, lex_at, lexicon, norm, phrase_regex, word_before
from .sources import is_outlet, source_chain

_END = ".!?…"
PLACE = "place:"  # a country named only by an adjective, before it becomes an entity


NOBODY = ""  # a speaker decided to be no one named (``_same_subject``), not left to look further for


# a dateline that opens an article's first sentence: a place, a date and the agency between slashes
_DATELINE = r"\s*[^\W\d][^.\n/]{0,50}/\s*[^\W\d][^/\n]{0,20}/\s*"


@lru_cache(maxsize=100_000)
def _place(word: str, lang: str) -> str | None:
    return place_for_adjective(word, lang)
_CLOSERS_TRAIL = "\"'“”»‘’"
_OPENERS = "„“\"«"
# two capitalised words (a given name and a surname; either may be hyphenated), Latin or Cyrillic
_CAP = r"[A-Z\u0400-\u042f][a-z\u0430-\u045f]+(?:-[A-Z\u0400-\u042f][a-z\u0430-\u045f]+)?"
_NAME_AFTER = re.compile(rf"(?:^|\s)({_CAP}\s+{_CAP})(?=\s*[,.;:!?)]|\s*$|\s+[a-z\u0430-\u045f])")
_NAME_BEFORE = re.compile(rf"(?:^|[,;:\u2013\u2014]\s*|\s[a-z\u0430-\u045f]+\s+)({_CAP}\s+{_CAP})\s*$")
UNSEEN = "name:"  # a speaker the entity stage did not tag, before it becomes an entity
_SHORT_QUOTED = re.compile(r"[„“\"«][^„“”\"«»]{1,40}[“”\"»]")  # a name in quotation marks (``„Добро утро, България“``)


def _speaks_for_another(role) -> bool:
    """A spokesman's, a representative's or an office's role noun (role_nouns.tsv: kind ``proxy``)."""
    return role is not None and role.kind == "proxy" and role.role in ("spokesman", "representative", "office")


@lru_cache(maxsize=None)
def _mark_regex(chars: str) -> re.Pattern:
    return re.compile("[" + re.escape(chars) + "]")


@lru_cache(maxsize=None)
def _comp_regex(comps) -> re.Pattern:
    """A complementizer a few words after the verb: ``заяви пред журналисти, че``, also past a short
    name in quotation marks (``рассказал в эфире радиостанции «Говорит Москва», что``)."""
    return re.compile(r"^(?:[^.!?;„“\"«»]|[„“\"«][^.!?;„“\"«»]{1,40}[“”\"»]){0,110}?(?:,\s*|\s)(" + "|".join(map(re.escape, sorted(comps))) + r")\s", re.I)


def _relatives(lex: Lexicon) -> dict[str, str]:
    """``subject_relatives``: each relative pronoun that may be a speech verb's subject, with its gender."""
    return _relatives_of(lex.code or "bg")


@lru_cache(maxsize=None)
def _relatives_of(code: str) -> dict[str, str]:
    return dict(x.split()[:2] for x in lexicon(code).sections.get("subject_relatives", ()) if len(x.split()) >= 2)


@dataclass
class Quote:
    start: int
    end: int
    direct: bool
    speaker: str | None
    verb: str | None
    anchor: int | None  # where the reporting verb is (for the sources)
    known: bool = True  # whether a frame was found (else the speaker is inherited)
    inherited: bool = False  # the speaker is the previous quote's (found before reported speech was read)
    post: bool = False  # the text of an embedded post, its author's words


# ------------------------------------------------------------------ quotation marks

def _pair_region(text: str, lo: int, hi: int, marks, nest: bool, skip: set[int]):
    openers = {o for o, _ in marks}
    closers = {c for _, c in marks}
    pairs = set(marks)
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in _mark_regex("".join(sorted(openers | closers))).finditer(text, lo, hi):
        i, ch = m.start(), m.group()
        if i in skip:
            continue
        prev = text[i - 1] if i else " "
        nx = text[i + 1] if i + 1 < len(text) else " "
        # a closing mark follows a word, or a stray space when punctuation comes next (``"грешно ".``)
        # a closing mark with the next word glued to it (``„богохулство“е``) still closes its own pair
        glued = nx.isalnum() and not prev.isspace() and bool(stack) and stack[-1][0] != ch and ch not in "'’‘`"
        # a mark between a sentence's end and a capital, with no spaces (``…, предаде БТА."Лидерите …``):
        # two paragraphs glued together; it closes an open quote, else it opens one
        seam = prev in _END and nx.isupper()
        can_close = bool(stack) and (stack[-1][0], ch) in pairs and (not nx.isalnum() or glued or seam) \
            and (not prev.isspace() or (prev == " " and nx in ".,;:!?)"))
        # (a mark that only opens may have a stray space after it: ``„ Много …“``)
        stray = ch not in closers and nx == " " and text[i + 2:i + 3].isalpha()
        # (and no mark opens before punctuation: ``… Великобритания ", изтъкна той`` lost its opener)
        can_open = ch in openers and (not nx.isspace() or stray) and nx not in ",.;:!?)" \
            and (prev.isspace() or prev in "([{—–-/:" or prev in openers or (seam and not can_close))
        # a symmetric mark with spaces on both sides (``заплашва " конституционната цялост"``,
        # ``" обща зона " след``) goes by turns: it closes the open one, else it opens
        if ch in closers and ch in openers and prev.isspace() and nx == " " and text[i + 2:i + 3].isalnum():
            if stack and stack[-1][0] == ch:
                can_close, can_open = True, False
            elif not any(c == ch for c, _ in stack):
                can_open = True
        if can_open and not nest and any(c == ch for c, _ in stack):
            continue  # a symmetric mark does not nest in itself
        if can_close and not (can_open and ch not in closers):
            _, at = stack.pop()
            if not stack:
                out.append((at, i))
        elif can_open:
            stack.append((ch, i))
    return out, stack


def pair_marks(text: str, paragraphs: list[Span], marks: tuple[tuple[str, str], ...]) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the outermost quotation-mark pairs, paragraph by paragraph; a
    quote runs on into the next paragraph when that opens with the same mark; where the marks do
    not balance, a symmetric mark (``"``) is read again without nesting."""
    paras = paragraphs or [Span(0, len(text))]
    out: list[tuple[int, int]] = []
    openers = _mark_regex("".join(sorted({o for o, _ in marks})))
    closers = {c for _, c in marks}
    k = 0
    while k < len(paras):
        lo, hi, j, skip, shared = paras[k].start, paras[k].end, k, set(), 0
        while True:
            pairs, stack = _pair_region(text, lo, hi, marks, True, skip)
            if not stack:
                break
            nxt = paras[j + 1] if j + 1 < len(paras) else None
            head = text[nxt.start:nxt.end].lstrip() if nxt else ""
            if len(stack) == 1 and head[:1] == stack[0][0] and j - k < 5:
                j += 1
                skip.add(nxt.start + (nxt.end - nxt.start - len(text[nxt.start:nxt.end].lstrip())))
                hi = nxt.end
                continue
            # a paragraph break inside a sentence (a page's markup cut it: ``… склад за¶зърно …``)
            # goes on with the same quote
            if len(stack) == 1 and head[:1].islower() and j - k < 2 \
                    and text[paras[j].start:paras[j].end].rstrip()[-1:].isalpha():
                j += 1
                hi = nxt.end
                continue
            # ``„… с „България ер”, заяви``: an inner quote that closes with the outer one's mark;
            # the first mark opened inside the quote left open opens nothing
            # (only marks that open and never close: a symmetric ``"`` left open is a typo, read below)
            inner = next((m.start() for m in openers.finditer(text, stack[0][1] + 1, hi)
                          if m.start() not in skip and text[m.start() - 1] in " ([{—–-/:" and not text[m.end():m.end() + 1].isspace()),
                         None) if stack[0][0] not in closers else None
            if inner is not None and text[inner] not in closers and shared < 3:
                skip.add(inner)
                shared += 1
                continue
            j, skip = k, set()
            # the pairs that closed before the first mark left open stand (``"Извинете …, но "Северен
            # поток 2" е …", изтъкна той. … "вместо …`` lost only its last closer); from that mark on,
            # the symmetric marks are read again without nesting
            first_open = stack[0][1]
            pairs, _ = _pair_region(text, paras[k].start, paras[k].end, marks, True, set())
            kept = [pr for pr in pairs if pr[1] < first_open]
            rest, _ = _pair_region(text, first_open, paras[k].end, marks, False, set()) if kept else ([], None)
            pairs = kept + rest if kept else _pair_region(text, paras[k].start, paras[k].end, marks, False, set())[0]
            break
        out.extend(pairs)
        k = j + 1
    return out


# ------------------------------------------------------------------ the finder

class _Cover:
    """Which characters of a text some span of a set covers (one look-up per offset, however many
    spans: long articles ask for every word)."""

    def __init__(self, n: int, spans) -> None:
        self.owner = [0] * (n + 1)  # 1 + index of a span covering the character, else 0
        for i, (a, b) in enumerate(spans, 1):
            for k in range(max(0, a), min(b, n)):
                self.owner[k] = self.owner[k] or i

    def at(self, pos: int) -> bool:
        return 0 <= pos < len(self.owner) and self.owner[pos] > 0

    def holds(self, start: int, end: int) -> bool:
        """One span covers all of [start, end)."""
        if end <= start or not self.at(start):
            return False
        o = self.owner[start]
        return all(self.owner[k] == o for k in range(start, end))


class Finder:
    def __init__(self, doc: Document, kb=None) -> None:
        self.doc, self.text, self.ix = doc, doc.text, Index(doc, kb)
        refs = [r for r in doc.layer("references") if r.attrs.get("entity")]
        # a possessive inside a description (``нейният адвокат``) is no candidate of its own
        self.refs = [r for r in refs if not any(x.start <= r.start and r.end <= x.end and x.end - x.start > r.end - r.start
                                                for x in refs)]
        # (``говорителят на Иванова``: a person's unnamed spokesman is no candidate for that person,
        # nor is the name inside it)
        proxies = [r for r in self.refs if self._person_proxy_ref(r)]
        self.refs = [r for r in self.refs if r not in proxies]
        self._ref_spans = {(r.start, r.end) for r in self.refs}
        self._possessives = {(r.start, r.end) for r in self.refs if r.label == "possessive"}
        cited = {(c.start, c.end) for c in doc.layer("citations")}
        self.cited = cited
        # a dateline (``Пловдив, 4 март /БТА/``) names no speaker: neither its place nor its agency
        lines = [(c.attrs["line"], c.end) for c in doc.layer("citations") if c.attrs.get("line") is not None]
        # (nor is a dateline's or credit line's agency the outlet that reports a sentence)
        self.cits = [c for c in doc.layer("citations") if c.attrs.get("line") is None]
        # candidates for a speaker: references, and mentions that no reference covers
        cands = [(r.start, r.end, r.attrs["entity"]) for r in self.refs]
        in_ref = _Cover(len(self.text), ((r.start, r.end) for r in self.refs + proxies))
        for m in self.ix.mentions:
            # (a place is no speaker, unless it stands for its country's government: ``Лондон заявил``)
            if (m.start, m.end) in cited or (m.attrs.get("place") and not m.attrs.get("metonym_of")) \
                    or any(a <= m.start < b for a, b in lines):
                continue
            if in_ref.holds(m.start, m.end):
                continue
            cands.append((m.start, m.end, m.attrs["entity"]))
        self.groups: set[tuple[int, int]] = set()
        cands += self._group_cands(cands)
        self.cands = sorted(cands)
        self._cand_starts = [c[0] for c in self.cands]
        self.quotes: list[Quote] = []
        self._direct: tuple[list[int], list[int]] | None = None  # see _in_quote
        self._cited_starts: set[int] | None = None  # where citations start (see subject_before)
        self._by_start: tuple[list[int], list[int], int] | None = None  # see _near
        self.qpairs: list[int] = []
        self._names: list[tuple[str, set[str]]] | None = None
        self._outlets: dict[str, bool] = {}
        self._genders: dict[str, str | None] | None = None  # see _ref_gender
        self._took = False  # whether _frame_of_direct took the previous quote's speaker

    def _group_cands(self, taken) -> list[tuple[int, int, str]]:
        """``представител на германските власти``, ``говорителят на френския министър``: a group
        named by a country adjective speaks for that country (GUIDELINES §3, as for events).  The
        country's entity where the article names it, else one made when it speaks (``materialize``)."""
        lex = lexicon(self.doc.lang or "bg")
        heads = lex.tuple_of("group_heads")
        if not heads:
            return []
        by_key = {e.kb: e.id for e in self.doc.entities if e.kb}
        out = []
        ws = self.ix.words(0, len(self.text))
        covered = _Cover(len(self.text), ((a, b) for a, b, _ in taken))
        starts = sorted(a for a, _, _ in taken)
        for k, (s, e, w) in enumerate(ws):
            if not w.startswith(heads) or covered.at(s):
                continue  # a description the references resolved (``френският министър``: the minister)
            for j in (k - 1, k - 2):
                if j < 0 or covered.at(ws[j][0]):
                    break
                key = _place(ws[j][2], lex.code or "bg")
                if key and j and covered.at(ws[j - 1][0]) and not self.text[ws[j - 1][1]:ws[j][0]].strip():
                    break  # ``Глава французской дипломатии заявил``: the head the references resolved speaks
                near = starts[bisect.bisect_left(starts, e):bisect.bisect_right(starts, e + 60)]
                if key and any(len(self.text[e:a].split()) <= 5
                               and all(x.isalpha() and x.islower() for x in self.text[e:a].split())
                               for a in near):
                    break  # ``германският министър (на външните работи) Хайко Маас``: the name that follows speaks
                if key:
                    eid = by_key.get(key) or PLACE + key
                    if eid not in self.ix.entities:
                        entry = self.ix.kb.entries.get(key)
                        name = (self.ix.kb.name(key, self.doc.lang or "bg") if entry else None) or ws[j][2]
                        self.ix.entities[eid] = Entity(eid, "LOC", name, key, [(ws[j][0], ws[j][1])],
                                                       {"place": key, "from": "quotes"})
                    # ``представител на германските власти``: the head before ``на`` speaks for them
                    i = j
                    while i >= 2 and ws[i - 1][2] in lex.sections.get("of_preps", ()) and ws[i - 2][2].startswith(heads):
                        i -= 2
                    out.append((ws[i][0], e, eid))
                    self.groups.add((ws[i][0], e))
                    break
        return out

    def materialize(self, eid: str | None) -> str | None:
        """The document's entity for a country that spoke through a group (added on first use)."""
        if eid and eid.startswith(UNSEEN):
            return self._materialize_name(eid)
        if not eid or not eid.startswith(PLACE):
            return eid
        e = self.ix.entities[eid]
        key = e.kb
        have = next((x.id for x in self.doc.entities if x.kb == key or x.attrs.get("place") == key), None)
        if have:
            return have
        new = f"e{len(self.doc.entities) + 1}"
        while any(x.id == new for x in self.doc.entities):
            new += "x"
        # no mention: the adjective is not a name (the NER layers stay as the entities stage left them)
        self.doc.entities.append(Entity(new, e.type, e.name, key, [], dict(e.attrs)))
        return new

    def _materialize_name(self, eid: str) -> str:
        """The document's entity for a speaker the entity stage missed: one with the same name, or
        a new PER entity (its key from the name, as the entity stage makes keys for names the KB
        does not know; no mention: the NER layers stay as the entities stage left them)."""
        e = self.ix.entities[eid]
        have = next((x.id for x in self.doc.entities if x.name.casefold() == e.name.casefold()
                     or x.attrs.get("from_name") == e.name), None)
        if have:
            return have
        new = f"e{len(self.doc.entities) + 1}"
        while any(x.id == new for x in self.doc.entities):
            new += "x"
        self.doc.entities.append(Entity(new, "PER", e.name, e.kb, [], {"from": "quotes"}))
        return new

    # -------------------------------------------------------------- speakers
    def _cands(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        first = bisect.bisect_left(self._cand_starts, lo)
        last = bisect.bisect_right(self._cand_starts, hi)
        return [c for c in self.cands[first:last] if c[1] <= hi]

    def _agrees(self, eid: str, form: str | None, lex: Lexicon) -> bool:
        if not form or form not in lex.verbs:
            return True
        number, gender = lex.verbs[form]
        e = self.ix.entities.get(eid)
        if e is None:
            return False
        if e.type == "PER":
            if number == "pl":
                return True  # a named person among the group that speaks
            if gender in ("m", "f"):
                from .reference import name_gender
                return (self._ref_gender(eid) or name_gender(e.name, lex)) == gender
        return True

    def _ref_gender(self, eid: str) -> str | None:
        """The gender the text shows for a person: that of the verb or participle right after
        their name (``Никола Иванс, цитирана от …``: a name of the other gender's look).  (Not
        the pronouns resolved to them: a spokesman's ``той`` may resolve to whom he speaks for.)"""
        if self._genders is None:
            self._genders = {}
        if eid not in self._genders:
            from .reference import told_gender
            self._genders[eid] = told_gender(self.ix, self.doc, eid)
        return self._genders[eid]

    def _relative_spans(self, lo: int, hi: int, lex: Lexicon) -> list[tuple[int, int]]:
        rel = lex.sections.get("relative_pronouns", ())
        out = []
        comps = lex.tuple_of("complementizers")
        # (after a preposition too: ``X, за когото се смята, че …, заяви``)
        for m in re.finditer(r",\s+(\w+)(?:\s+(\w+))?", self.text[lo:hi]):
            w1, w2 = m.group(1).casefold(), (m.group(2) or "").casefold()
            if w1 in rel or (w2 in rel and lex.has("prepositions", w1) and not lex.has("partitive_prepositions", w1)):
                s = lo + m.start()
                e = self.text.find(",", lo + m.end())
                # a clause the relative one reports (``…, за когото се твърди, че печели …,``) is in it
                if 0 <= e < hi and comps and re.match(r",\s*(?:%s)\b" % "|".join(map(re.escape, comps)), self.text[e:e + 12]):
                    e = self.text.find(",", e + 1)
                out.append((s, e if 0 <= e < hi else hi))
        return out

    def subject_before(self, lo: int, v: int, form: str | None, lex: Lexicon) -> str | None:
        """The first candidate of the verb's clause, widening the clause backwards."""
        text = self.text
        rel = self._relative_antecedent(lo, v, lex)
        if rel is not None:
            return rel
        named = self._named_apposition(lo, v, form, lex)
        if named is not None:
            return named
        shared = self._coordinated_subject(lo, v, form, lex)
        if shared is not None:
            return shared
        bounds = [lo]
        comps = (set(lex.sections.get("complementizers", ())) | set(lex.sections.get("clause_openers", ()))) \
            - set(lex.sections.get("relative_pronouns", ()))
        if self._cited_starts is None:
            self._cited_starts = {c.start for c in self.cits}
        cited = self._cited_starts
        for s, e, w in self.ix.words(lo, v):
            # (not ``и`` joining the outlets that cite: ``цитиран от "Труд" и БНТ``)
            if w in comps and e + 1 not in cited and e + 2 not in cited:
                bounds.append(e)
        # (not the marks around a name: ``X, цитиран от "Труд" и БНТ, подчерта``)
        ms = self.ix.mentions_in(lo, v)
        named = {x.start - 1 for x in ms} | {x.end for x in ms}
        for m in re.finditer(r"[;:„“”\"«»]", text[lo:v]):
            p = lo + m.start()
            # (nor those inside a name: ``от факултета в университета „Йейл“ заяви``)
            if (p not in named and not any(x.start <= p < x.end for x in ms)) or text[p] in ";:":
                bounds.append(lo + m.end())
        rel = self._relative_spans(lo, v, lex)
        bounds = [b for b in bounds if not any(a < b <= z for a, z in rel)]
        head = text[lo:v].rstrip()
        if head.endswith(","):  # "X, водещ кандидат като лидер на ХДС, заяви": an apposition after a name
            k = p2 = lo + len(head) - 1
            for _ in range(4):  # "X, биолог от института и член на екипа, който …, заяви": commas inside it
                p2 = text.rfind(",", lo, p2)
                if p2 < 0:
                    break
                if any(not text[e:p2].strip() and not governed(text, s_, lex) for s_, e, _ in self._cands(lo, p2)):
                    rel.append((p2, k))
                    bounds = [b for b in bounds if not p2 < b <= k]
                    break
        # the stretch between the last comma and the verb: "…, той потвърди"
        k = text.rfind(",", lo, v)
        if k >= 0 and not re.search(r"[:;]", text[k:v].rstrip().rstrip(":")):  # ``…, описани от X: министрите решиха``
            hits = [eid for s, e, eid in reversed(self._cands(k, v))
                    if not governed(text, s, lex) and not self._in_quote(s) and self._agrees(eid, form, lex)
                    and not self._inflected(s, e, eid, lex)]
            if hits:
                # (a person before a body nearer the verb: ``премьер Мария Иванова в письме главе МИД
                # … призналась``; the nearest of all where no person is named)
                return next((x for x in hits if self.ix.entities[x].type == "PER"), hits[0]) \
                    if lex.code == "ru" else hits[0]
            between = self.ix.words(k, v)
            p = lex.pronouns.get(between[0][2]) if len(between) == 1 else None
            if p is not None and p[1] == "subject":
                # ``Попитан дали X …, той отговори``: the verb's subject is the pronoun after the
                # comma (which the reference stage left unresolved), not a name further back
                return None
        for b in sorted(set(bounds), reverse=True):
            ok = []
            cs = self._cands(b, v)
            for n, (s, e, eid) in enumerate(cs):
                if any(a <= s < z for a, z in rel) or self._in_quote(s) or governed(text, s, lex) \
                        or self._inflected(s, e, eid, lex):
                    continue
                if n + 1 < len(cs) and cs[n + 1][0] >= e and not text[e:cs[n + 1][0]].strip():
                    continue  # a modifier of the next name: "Президент России Владимир Путин"
                if self.ix.entities[eid].type == "PER" and self._person_proxy(s, lex):
                    return None  # ``говорител на премиера X каза``: an unnamed spokesman speaks
                if self._plural(form, lex) and self._joint(cs, n, lex):
                    return None  # ``X и Y заявиха``: words two named speakers said together
                if self._agrees(eid, form, lex):
                    ok.append(eid)
            persons = [eid for eid in ok if self.ix.entities[eid].type == "PER"]
            if persons or ok:
                return (persons or ok)[0]
            if self._has_subject(b, v, lex, rel):
                break  # the clause has a subject of its own, unnamed ("а независими наблюдатели отбелязаха")
        # "от <организация> заявиха": the impersonal plural names the organisation
        if self._plural(form, lex):
            for s, e, eid in reversed(self._cands(lo, v)):
                if self._from_org(s, eid, lex) and len(text[e:v].split()) <= 3:
                    return eid
        m = _NAME_BEFORE.search(text[max(lo, v - 80):v])  # ``…, а Иван Петров заяви``: a name the NER missed
        return self._unseen(max(lo, v - 80) + m.start(1), max(lo, v - 80) + m.end(1), lex) if m else None

    def _opens_with_subject(self, lo: int, v: int, lex: Lexicon) -> bool:
        """The stretch [lo, v) opens with a subject of the article's own (a name, or a plural
        noun the lexicon knows as people who speak) right before a verb of no speech (not words
        reported before a verb: ``Депутатите приветстваха стъпките, подчертаха …``)."""
        ws = self.ix.words(lo, v)
        if len(ws) < 3 or self._in_quote(ws[0][0]):
            return False
        first = ws[0][2]
        named = [c for c in self._cands(lo, v) if c[0] == ws[0][0]]
        k = 1
        if named:
            k = len(self.ix.words(named[0][0], named[0][1]))
        elif not (lex.has("speaker_nouns", first) or (first in lex.roles and lex.roles[first].kind in ("person", "proxy", "org", "state"))
                  or (first.endswith(lex.tuple_of("plural_subject_endings") or "\0") and ws[0][2] not in lex.verbs)):
            return False
        # a plural past verb (``-ха``) right after the subject, past a filler or two (``също така``)
        for _, _, w in ws[k:k + 3]:
            if w in lex.verbs:
                return False
            if w.endswith(lex.tuple_of("plural_verb_endings") or "\0"):
                return True
            if not lex.has("fillers", w) and len(w) > 5:
                return False
        return False

    def _inflected(self, s: int, e: int, eid: str, lex: Lexicon) -> bool:
        """A Russian person's name in an oblique case (``в письме Борису Смирнову призналась``): no
        verb's subject (``reference.oblique_name``)."""
        if lex.code != "ru":
            return False
        ent = self.ix.entities.get(eid)
        if ent is None or ent.type != "PER" or ent.attrs.get("place"):
            return False
        if not any(x.start == s and x.end == e for x in self.ix.mentions_in(s, e)):
            return False  # (a reference, not a name)
        from .reference import oblique_name
        return oblique_name(self.text[s:e], ent.name, lex)

    def _coordinated_subject(self, lo: int, v: int, form: str | None, lex: Lexicon) -> str | None:
        """``Петров критикува Иванова и заяви, че``: a verb joined by ``и`` to the clause's first
        predicate shares its subject, the first name of the main clause (not the object nearest to
        the verb, not a name in marks, not one after a preposition)."""
        before = [w for w in self.ix.words(max(lo, v - 30), v) if not lex.has("verb_clitics", w[2])]
        if not before or not lex.has("predicate_coordinators", before[-1][2]) \
                or self.text[before[-1][1]:v].strip(" ,"):
            return None
        text = self.text
        line = re.match(_DATELINE, text[lo:v])  # (``Брюксел, 30 януари /БТА/``: the dateline names no subject)
        if line:
            lo += line.end()
        comp = next((w[0] for w in self.ix.words(lo, before[-1][0]) if lex.has("complementizers", w[2])), before[-1][0])
        quoted = [(lo + x.start(), lo + x.end()) for x in _SHORT_QUOTED.finditer(text[lo:comp])]
        cands = self._cands(lo, comp)
        if len(cands) < 2 and not (cands and not text[lo:cands[0][0]].strip() and self._cands(comp, before[-1][0])):
            return None  # one name: the nearest is the first (not past a that-clause of the first predicate's)
        rel = self._relative_spans(lo, comp, lex)  # (``жените, които обвинили Ася …, … и казали``: Ася is no subject)
        for s, e, eid in cands:
            if any(a <= s < z for a, z in rel):
                continue
            if governed(text, s, lex) or self._in_quote(s) or any(a <= s < z for a, z in quoted) \
                    or self._governed_title(s, lex) or self._inflected(s, e, eid, lex):
                continue
            if self.ix.entities[eid].type == "PER" and self._agrees(eid, form, lex):
                return eid
            # (a country or a body that opens the sentence, its predicate right after it: ``Румъния
            # отхвърли твърдението, че Унгария … и заяви, че``: not the name inside the first predicate's clause)
            if not text[lo:s].strip() and self.ix.entities[eid].type in ("LOC", "GPE", "ORG") \
                    and not self._outlet(eid) and self._agrees(eid, form, lex) \
                    and any(x[0] > e for x in self._cands(comp, before[-1][0])):
                return eid
            return None
        return None

    def _named_apposition(self, lo: int, v: int, form: str | None, lex: Lexicon) -> str | None:
        """``Председателят на ЕП, италианецът X, написа``: a description that is the subject, then
        the person's name between commas right before the verb: that person speaks."""
        text = self.text
        head = text[lo:v].rstrip()
        if not head.endswith(","):
            return None
        k = lo + len(head) - 1
        name = next((c for c in reversed(self._cands(lo, k)) if not text[c[1]:k].strip()), None)
        if name is None or self.ix.entities.get(name[2]) is None or self.ix.entities[name[2]].type != "PER":
            return None
        p2 = text.rfind(",", lo, name[0])
        if p2 < 0 or len(self.ix.words(p2, name[0])) > 2 or self.verbs_in(p2, name[0], lex):
            return None
        desc = [r for r in self.refs if lo <= r.start < p2 and r.label == "description"
                and not governed(text, r.start, lex)]
        if not desc or self.verbs_in(lo, p2, lex) or not self._agrees(name[2], form, lex):
            return None
        return name[2]

    def _relative_antecedent(self, lo: int, v: int, lex: Lexicon) -> str | None:
        """``… подкрепена от X, който каза, че``, ``изказване на Y, според която``: a relative
        pronoun that opens the verb's clause (``subject_relatives``) stands for the name right
        before its comma, whatever governs that name; a person agreeing in gender, or an organisation."""
        rels = _relatives(lex)
        k = self.text.rfind(",", lo, v)
        if not rels or k < 0:
            return None
        ws = [w for w in self.ix.words(k, v) if not lex.has("fillers", w[2])]
        if not ws or ws[0][2] not in rels:
            return None
        if len(ws) > 2:
            # ``X, който в интервю за БНТ вчера заяви``: a phrase between names no subject of its own
            if len(ws) > 8 or any(w[2] in lex.verbs for w in ws[1:]) \
                    or any(not governed(self.text, c[0], lex) for c in self._cands(ws[1][0], v)):
                return None
        return self._antecedent(lo, k, rels[ws[0][2]], lex)

    def _antecedent(self, lo: int, k: int, gender: str, lex: Lexicon) -> str | None:
        """The name right before the comma at ``k`` that a relative pronoun of ``gender`` stands for."""
        if self._in_quote(k):
            return None
        before = [c for c in self._cands(max(lo, k - 80), k) if not self.text[c[1]:k].strip(_CLOSERS_TRAIL + " ")]
        m = _NAME_BEFORE.search(self.text[max(lo, k - 80):k]) if not before else None
        if m:  # ``… от Иван Петров, който каза``: a name the entity stage missed
            eid = self._unseen(max(lo, k - 80) + m.start(1), max(lo, k - 80) + m.end(1), lex)
            before = [(0, 0, eid)] if eid else []
        if not before:
            return None
        eid = before[-1][2]
        ent = self.ix.entities.get(eid)
        if ent is None or ent.type not in ("PER", "ORG") or self._outlet(eid):
            return None
        if ent.type == "PER" and gender in ("m", "f"):
            from .reference import name_gender
            if name_gender(ent.name, lex) != gender:
                return None
        return eid

    def _joint(self, cs, n: int, lex: Lexicon) -> bool:
        """The candidate ``cs[n]`` is coordinated with another named one (``X и Y``) as one subject."""
        coord = lex.sections.get("predicate_coordinators", ())
        s, e, eid = cs[n]
        cs = self._cands(max(0, s - 80), e + 80)
        n = cs.index((s, e, eid))
        for a, b in ((n - 1, n), (n, n + 1)):
            if a < 0 or b >= len(cs) or cs[a][2] == cs[b][2]:
                continue
            gap = self.text[cs[a][1]:cs[b][0]].strip().casefold()
            if gap in coord and self.ix.entities[cs[a][2]].type == self.ix.entities[cs[b][2]].type:
                return True
        return False

    @staticmethod
    def _plural(form: str | None, lex: Lexicon) -> bool:
        return bool(form) and lex.verbs.get(form, ("", ""))[0] == "pl"

    def _from_org(self, s: int, eid: str, lex: Lexicon, after: bool = False) -> bool:
        """An organisation after ``от`` (``заявиха от министерството``, ``в МИД заявили``), or a
        group that speaks for a country (``от българското консулство казаха``)."""
        typ = self.ix.entities[eid].type
        if typ not in (("ORG", "LOC") if after else ("ORG",)) and not any(g[0] == s for g in self.groups):
            return False
        m = re.search(r"((?:\w+\s+){0,2}\w+)[\s\"'„“”«»‚‘]*$", self.text[max(0, s - 50):s])
        if not m:
            return False
        ws = m.group(1).split()
        if typ == "LOC":
            # ``…, посочиха от Белия дом``: a seat of government right after the verb and ``от`` speaks
            # as the office it houses (not before it: ``Профсъюзи в региона X обявиха`` are no place's)
            return lex.has("seat_from", ws[-1].casefold())  # (``…, каза в Брюксел``: where, not who)
        # ``в русском «X» сообщили``: at most two lower-case adjectives between the preposition and the name
        ends = lex.tuple_of("adjective_endings", "definite_adjective_endings", "oblique_adjective_endings")
        for k in range(len(ws) - 1, -1, -1):
            if lex.has("impersonal_from", ws[k].casefold()):
                return True
            if not (ws[k].islower() and ws[k].endswith(ends)):
                return False
        return False

    def subject_after(self, v_end: int, hi: int, form: str | None, lex: Lexicon) -> str | None:
        text = self.text
        stop = min([hi] + [q.start - 1 for q in self.quotes if q.direct and v_end <= q.start - 1 < hi])
        m = re.search(r"\b(" + "|".join(map(re.escape, sorted(lex.sections.get("complementizers", ()),
                                                              key=lambda w: (-len(w), w)))) + r")\b",
                      text[v_end:stop])
        if m:
            stop = v_end + m.start()
        quoted = [(v_end + x.start(), v_end + x.end()) for x in _SHORT_QUOTED.finditer(text[v_end:stop])]
        names = [(c.start, c.end) for c in self.cits if v_end <= c.start < stop] \
            + [(x.start, x.end) for x in self.ix.mentions_in(v_end, stop)] + quoted
        cited = [c.start for c in self.cits if v_end <= c.start < stop]
        for m in re.finditer(r"[,;:!?]|(?<!\b\w)(?<!\b\w\w)(?<!\b\w\w\w)(?<!\b\w\w\w\w)\.", text[v_end:stop]):
            p = v_end + m.start()
            if m.group() == "," and any(p < c <= p + 30 and len(text[p + 1:c].split()) <= 2
                                        and not any(ch.isupper() for ch in text[p + 1:c]) for c in cited):
                continue  # ``в интервю за радио „X“, телевизия „Y“ и в. „Z“ министърът``: a list of outlets
            if not any(a <= v_end + m.start() < z for a, z in names):  # ``заяви „Здравей, България“ X``
                stop = v_end + m.start()  # the subject stands in the verb's own phrase
                break
        cands = self._cands(v_end, stop)
        # (not a name in brackets, an aside, when a name follows: ``… към Върховната рада (украинския
        # парламент) Анна Гопко``)
        cands = [c for c in cands if not (text.rfind("(", v_end, c[0]) > text.rfind(")", v_end, c[0])
                                          and any(x[0] > text.find(")", c[0], stop) >= 0 for x in cands))]
        for n, (s, e, eid) in enumerate(cands):
            if (s, e) in self._possessives and any(self.ix.entities[c[2]].type == "PER" for c in cands[n + 1:]):
                continue  # ``нейният адвокат Иван Петров``: the name speaks, not the possessive
            if (s, e) in self._possessives and text[e:stop].lstrip()[:1] in _OPENERS:
                continue  # ``назвал его «героем»``: the one the words are said of (the object), not the speaker
            if self.ix.entities[eid].type == "PER" and self._person_proxy(s, lex) \
                    and not (n + 1 < len(cands) and self.ix.entities[cands[n + 1][2]].type == "PER"
                             and not self.text[e:cands[n + 1][0]].strip(" ,")):
                return None  # ``…, каза говорител на премиера X``: an unnamed spokesman speaks
            if any(a < s and e < z and (s, e) != (a + 1, z - 1) for a, z in quoted):
                continue  # a word of a quoted name (``„Добро утро, България“``)
            if any((s, e) == (a + 1, z - 1) and lex.has("name_nouns", word_before(text, a)) for a, z in quoted) \
                    and n + 1 < len(cands):
                continue  # the name of a programme or paper the words were said in (``в предаването „X“ Y``)
            if governed(text, s, lex):
                if self._plural(form, lex) and self._from_org(s, eid, lex, after=True):
                    return eid
                continue
            if n + 1 < len(cands) and cands[n + 1][0] >= e and not text[e:cands[n + 1][0]].strip() \
                    and self.ix.entities[eid].type != "PER" and self.ix.entities[cands[n + 1][2]].type == "PER":
                continue  # the body in a person's title (``замглавы МИД РФ Иван Петров``): the person speaks
            if self._governed_title(s, lex):
                continue  # ``съобщиха на министър-председателката Мария Иванова, че``: the one told
            eid = self._apposed(s, e, eid, lex)
            if self._agrees(eid, form, lex):
                return eid
            return None
        # ``…, каза Иван Петров``, ``каза пред „Здравей, България“ Иван Петров``: a name the NER missed,
        # after lower-case words and short quoted names only
        m = _NAME_AFTER.search(text[v_end:stop])
        if m is None:
            return None
        lead = _SHORT_QUOTED.sub(" ", text[v_end:v_end + m.start(1)])
        if len(lead.split()) > 6 or any(w[:1].isupper() or not w.isalpha() for w in lead.split()):
            return None
        return self._unseen(v_end + m.start(1), v_end + m.end(1), lex)

    def _governed_title(self, s: int, lex: Lexicon) -> bool:
        """A name right after a preposition and one person's role noun, with its adjectives or a
        title (``на министър-председателката``, ``с британския премиер``): not a subject.  Only
        the noun next to the name counts (``пред депутатите премиерът X``: the premier speaks)."""
        ws = self.ix.words(max(0, s - 60), s)[-5:]
        k = len(ws)
        while k and lex.has("honorifics", ws[k - 1][2]):
            k -= 1
        role = lex.roles.get(ws[k - 1][2]) if k else None
        if role is None or role.kind not in ("person", "proxy") or (role.definite and lex.code != "bg"):
            return False  # (a Russian noun in the nominative is a subject: ``сказал в эфире министр X``)
        k -= 1
        # (adjectives only before a noun without an article: ``на британския премиер``; one with
        # it opens its phrase, ``пред депутатите премиерът``)
        for _ in range(0 if role.definite and lex.code == "bg" else 2):
            if k and ws[k - 1][2].endswith(lex.tuple_of("adjective_endings")) \
                    and ws[k - 1][2] not in lex.roles and not lex.has("prepositions", ws[k - 1][2]):
                k -= 1
        return k > 0 and lex.has("prepositions", ws[k - 1][2]) \
            and not re.search(r"[,.;:!?„“”\"«»]", self.text[ws[k - 1][1]:s])

    def _person_proxy_ref(self, r) -> bool:
        ws = self.ix.words(r.start, r.end)
        lex = lex_at(self.doc, r.start)
        role = lex.roles.get(ws[0][2]) if ws and not lex.empty else None
        ent = self.ix.entities.get(r.attrs["entity"])
        return _speaks_for_another(role) \
            and len(ws) > 1 and ent is not None and ent.type == "PER" \
            and [m.attrs.get("entity") for m in self.ix.mentions_in(r.start, r.end)][:1] == [r.attrs["entity"]]

    def _person_proxy(self, s: int, lex: Lexicon) -> bool:
        """The person at ``s`` is whom a spokesman or representative speaks for (``говорител на
        премиера X``, ``пресс-секретарь премьера X``): that unnamed proxy says it, not X."""
        ws = self.ix.words(max(0, s - 60), s)[-5:]
        if re.search(r"[,.;:!?„“”\"«»]", self.text[ws[0][0] if ws else s:s]):
            ws = [w for w in ws if not re.search(r"[,.;:!?„“”\"«»]", self.text[w[1]:s])]
        k = len(ws)
        while k and lex.has("honorifics", ws[k - 1][2]):
            k -= 1
        n0 = k
        if k and ws[k - 1][2] in lex.roles and lex.roles[ws[k - 1][2]].kind == "person":
            k -= 1  # ``на премиера X``, ``на британския премиер X``
            for _ in range(2):
                if k and ws[k - 1][2].endswith(lex.tuple_of("adjective_endings")) \
                        and ws[k - 1][2] not in lex.roles and not lex.has("prepositions", ws[k - 1][2]):
                    k -= 1
        if k and lex.has("prepositions", ws[k - 1][2]):
            k -= 1
        if k == n0:
            return False  # ``правителственият говорител X``: the spokesman is named
        role = lex.roles.get(ws[k - 1][2]) if k else None
        return _speaks_for_another(role)

    def _unseen(self, s: int, e: int, lex: Lexicon) -> str | None:
        """A speaker named by two capitalised words that no mention covers (the entity stage missed
        it): a person, kept as ``name:<words>`` until ``materialize`` makes it an entity.  Words
        the lexicons know (a role noun, a month, a place adjective) are no name."""
        name = self.text[s:e]
        words = [w.casefold() for w in name.split()]
        if self.ix.mentions_in(s - 1, e + 1) or any(self._covered(k) for k in (s, e - 1)) or self._in_quote(s) \
                or any(w in lex.roles or w in lex.verbs or w in lex.pronouns or _place(w, lex.code or "bg")
                       or lex.has("fillers", w) or lex.has("prepositions", w) or lex.has("anaphoric_subjects", w)
                       for w in words):
            return None
        eid = UNSEEN + " ".join(name.split())
        if eid not in self.ix.entities:
            self.ix.entities[eid] = Entity(eid, "PER", " ".join(name.split()), new_key("PER", name), [(s, e)],
                                           {"from": "quotes"})
        return eid

    def _covered(self, pos: int) -> bool:
        return any(m.start <= pos < m.end for m in self.ix.mentions_in(max(0, pos - 60), pos + 1))

    def _apposed(self, s: int, e: int, eid: str, lex: Lexicon) -> str:
        """``глава МИД России Сергей Лавров``, ``пресс-секретаря Кремля Дмитрия Пескова``: the
        organisation or place after a role noun is its complement, and the name after them speaks."""
        ent = self.ix.entities.get(eid)
        if ent is None or ent.type == "PER":
            return eid
        before = self.ix.words(max(0, s - 60), s)
        role = lex.roles.get(before[-1][2]) if before and not self.text[before[-1][1]:s].strip() else None
        if role is None or role.kind not in ("person", "proxy"):
            # (the role noun a few lower-case words back, its complements between: ``финансовый
            # директор компании X Иван Петров``, ``директор по маркетингу X Иван Петров``)
            for k in range(len(before) - 2, max(-1, len(before) - 5), -1):
                gap = self.text[before[k][1]:s]
                if re.search(r"[,.;:!?()„“”\"«»\u2013\u2014]", gap) or any(
                        not self.text[w[0]].islower() for w in before[k + 1:]):
                    break
                r = lex.roles.get(before[k][2])
                if r is not None and r.kind in ("person", "proxy"):
                    role = r
                    break
        if role is None and (s, e) in self._ref_spans:
            # a description that holds its own role noun (``говорителят на РИОСВ``, resolved to the
            # organisation it speaks for) with the name after it: ``говорителят на РИОСВ д-р Мария Петрова``
            own = self.ix.words(s, e)
            role = lex.roles.get(own[0][2]) if own else None
        if role is None or role.kind not in ("person", "proxy"):
            return eid
        nxt = [c for c in self._cands(e, e + 60) if c[0] >= e]
        # (past a title: ``д-р``, ``проф.``)
        gap = [w.strip(".").casefold() for w in self.text[e:nxt[0][0]].split()] if nxt else []
        if nxt and all(lex.has("honorifics", w) for w in gap) and len(gap) <= 2 \
                and self.ix.entities[nxt[0][2]].type == "PER":
            return nxt[0][2]
        return eid

    def _changed(self) -> None:
        """Quotes were dropped or moved: the indexes are built again when next asked."""
        self._direct = self._by_start = None

    def _add(self, q: Quote) -> None:
        self.quotes.append(q)
        if q.direct:
            self._direct = None
        if self._by_start is not None:  # kept up to date: the indirect pass asks between additions
            starts, order, longest = self._by_start
            at = bisect.bisect_right(starts, q.start)
            starts.insert(at, q.start)
            order.insert(at, len(self.quotes) - 1)
            self._by_start = (starts, order, max(longest, q.end - q.start))

    def _near(self, lo: int, hi: int) -> list[Quote]:
        """The quotes with ``start < hi`` and ``end >= lo``, in the order they were found."""
        if self._by_start is None:
            order = sorted(range(len(self.quotes)), key=lambda i: self.quotes[i].start)
            longest = max((q.end - q.start for q in self.quotes), default=0)
            self._by_start = ([self.quotes[i].start for i in order], order, longest)
        starts, order, longest = self._by_start
        a, b = bisect.bisect_left(starts, lo - longest), bisect.bisect_left(starts, hi)
        return [self.quotes[i] for i in sorted(order[a:b]) if self.quotes[i].end >= lo]

    def _in_quote(self, pos: int) -> bool:
        # the direct quotes by start, with the furthest end reached so far: a long article asks this
        # for every candidate word, and scanning every quote each time grew with the square
        if self._direct is None:
            ds = sorted((q.start, q.end) for q in self.quotes if q.direct)
            reach, ends = -1, []
            for _, e in ds:
                reach = max(reach, e)
                ends.append(reach)
            self._direct = ([a for a, _ in ds], ends)
        starts, ends = self._direct
        i = bisect.bisect_right(starts, pos)
        return i > 0 and ends[i - 1] > pos

    # -------------------------------------------------------------- verbs
    def verbs_in(self, lo: int, hi: int, lex: Lexicon) -> list[tuple[int, int, str]]:
        """Speech verbs (``заяви``) and speech phrases (``изрази надежда``) in [lo, hi)."""
        gerunds = lex.sections.get("speech_gerunds", ())
        out = [(s, e, w) for s, e, w in self.ix.words(lo, hi) if w in lex.verbs or w in gerunds]
        phrases = lex.sections.get("speech_phrases", ())
        if phrases:
            for m in phrase_regex(phrases).finditer(self.text[lo:hi].casefold()):
                out.append((lo + m.start(), lo + m.end(), m.group()))
            out.sort()
        return out

    def _outlet(self, eid: str | None) -> bool:
        if eid is None:
            return False
        e = self.ix.entities.get(eid)
        if e is None:
            return False
        entry = self.ix.kb.entries.get(e.kb) if e.kb else None
        if e.type == "PRO" or (entry is not None and entry.kind == "media"):
            return True
        if eid not in self._outlets:  # named an outlet anywhere (``вестник „Ехо“``)
            self._outlets[eid] = any(is_outlet(self.doc, self.ix, m, lex_at(self.doc, m.start), strict=True)
                                     for m in self.ix.mentions if m.attrs.get("entity") == eid)
        return self._outlets[eid]

    # -------------------------------------------------------------- direct quotes
    def direct(self) -> None:
        text = self.text
        lex0 = lexicon(self.doc.lang or "bg")
        marks = lex0.marks or lexicon("bg").marks
        pairs = []
        self._mark_pairs = pair_marks(text, self.ix.paragraphs, marks)  # (read again for one-word partials)
        for o, c in self._mark_pairs:
            ws = self.ix.words(o + 1, c)
            # a speech verb right after the marks, or a colon before them, makes words quoted speech
            # even where they read as a name (``„…“, заяви X``; ``X заявил: «Налоги не вырастут»``)
            verb = self._verb_follows(c)
            # a quote that is a sentence of its own (``„Едно чудо“. Така X коментира …``)
            told = len(ws) >= 2 and not verb and not self.text[self.ix.sentence(o).start:o].strip() \
                and self._told_next(c, lex_at(self.doc, o)) is not None
            colon = self.text[max(0, o - 3):o].rstrip().endswith(":")
            said = verb or told or (len(ws) >= 3 and colon)
            # words the entity stage took for a title (``„Разследването продължава“, уточни шефът``,
            # ``X заяви: „Ваксините пристигат в понеделник“``): a speech verb's frame makes them speech
            def framed() -> bool:
                return ((verb and not self.text[self.ix.sentence(o).start:o].strip())
                        or (colon and any(w in lex0.verbs for _, _, w in self.ix.words(max(0, o - 60), o)[-6:]))) \
                    and all(m.label == "PRO" for m in self.ix.mentions_in(o, c + 1)) and not self._named(o, ws)
            if len(ws) >= 2 and (not self._mentioned(o + 1, c) or (len(ws) >= 3 and verb) or told or framed()) \
                    and (not self._is_name(o + 1, c, ws) or said) and not self._medium(o, c, ws) \
                    and not self._named(o, ws):
                pairs.append((o, c, ws))
            elif len(ws) == 1 and self._named_as(o, ws):
                pairs.append((o, c, ws))
        self.qpairs = [o for o, _, _ in pairs]
        for o, c, ws in pairs:
            # the frame is in the article's language even where the words quoted (or a short
            # sentence of them) read as another
            lex = next((x for x in (lex_at(self.doc, o), lex_at(self.doc, min(c + 1, len(text) - 1)))
                        if x.code == (self.doc.lang or "bg")), None) or lex_at(self.doc, o)
            if lex.empty:
                continue
            qs, qe = o + 1, c
            body = text[qs:qe]
            parts, inner = self._inner_frame(qs, qe, lex)
            if inner is not None:
                sp, verb, anchor = inner
                for a, b in parts:
                    self._add(Quote(a, b, True, sp, verb, anchor))
                continue
            self._took = False
            sp, verb, anchor, known = self._frame_of_direct(o, c, lex)
            whole = not text[self.ix.sentence(o).start:o].strip() and (
                text[qs:qe].rstrip()[-1:] in _END or text[c + 1:c + 2] in _END)  # (``«…».``: the stop after the mark)
            if not known and len(ws) < 6 and not (whole and sp is not None):
                continue  # a scare quote (a whole sentence of someone's goes on being theirs: „Няма друг път.“)
            if sp is None and anchor is not None and anchor < o and any(
                    c.end <= anchor and not text[c.end:anchor].strip(" \"'“”»") for c in self.cits):
                continue  # ``„X“ писа, че … „…“``: words an outlet quotes in its report are a source's, no quote
            qs2, qe2 = qs + (len(body) - len(body.lstrip())), qe - (len(body) - len(body.rstrip()))
            self._add(Quote(qs2, qe2, True, sp, verb, anchor, known, inherited=self._took))

    def _named_as(self, o: int, ws) -> bool:
        """``X назвал соседа «союзником» Y``: one lower-case word in marks a few words after a verb
        of naming (its object between, no punctuation) is what the verb's subject called it."""
        lex = lex_at(self.doc, o)
        if not self.text[ws[0][0]].islower() or self.ix.mentions_in(o, ws[0][1] + 1):
            return False
        sent = self.ix.sentence(o)
        before = self.ix.words(max(sent.start, o - 60), o)[-4:]
        k = next((n for n in range(len(before) - 1, -1, -1) if lex.has("naming_verbs", before[n][2])), None)
        return k is not None and len(before) - k - 1 <= 3 and not re.search(r"[,.;:!?„“”\"«»()]", self.text[before[k][1]:o])

    def _words_cited(self, lo: int, hi: int, lex: Lexicon):
        """``«…», — приводятся в сообщении компании слова ее директора X``: a verb that cites words
        (``words_citing_verbs``) opening the frame, and the author named right after the noun for
        words (``words_nouns``); (speaker, verb, where the verb is) or None."""
        ws = self.ix.words(lo, min(hi, lo + 120))
        if not ws or ws[0][0] != lo or not lex.has("words_citing_verbs", ws[0][2]):
            return None
        for k, (s, e, w) in enumerate(ws[1:8], 1):
            if re.search(r"[.;:!?]", self.text[ws[k - 1][1]:s]):
                return None
            if lex.has("words_nouns", w):
                for cs, ce, eid in self._cands(e, min(hi, e + 80)):
                    if self.ix.entities.get(eid) is None or self._outlet(eid):
                        continue
                    if re.search(r"[.;:!?]", self.text[e:cs]):
                        return None
                    return self._apposed(cs, ce, eid, lex), self.text[ws[0][0]:ws[0][1]], ws[0][0]
                return None
        return None

    def _words_back(self, lo: int, hi: int, lex: Lexicon):
        """``„…“ – с тези думи X откри заседанието``: a phrase that points back at the words
        (``words_back``) and the person right after it, the subject of what follows; (speaker,
        None, where the name is) or None."""
        phrases = lex.sections.get("words_back", ())
        if not phrases:
            return None
        m = phrase_regex(phrases).match(fold_letters(self.text[lo:min(hi, lo + 40)]))
        if m is None:
            return None
        start = lo + m.end()
        for cs, ce, eid in self._cands(start, min(hi, start + 80)):
            ent = self.ix.entities.get(eid)
            if ent is None or self._outlet(eid) or governed(self.text, cs, lex) \
                    or re.search(r"[,.;:!?„“”\"«»]", self.text[start:cs]):
                return None
            return self._apposed(cs, ce, eid, lex), None, cs
        return None

    def _medium(self, o: int, c: int, ws) -> bool:
        """``заяви пред „Добро утро, България“``: a short name in marks after an outlet preposition
        that follows a speech verb is the outlet the words were said to, not a quote."""
        lex = lex_at(self.doc, o)
        if len(ws) > 4 or not self.text[ws[0][0]].isupper():
            return False
        before = self.ix.words(max(0, o - 40), o)[-3:]
        preps = set(lex.sources.get("outlet_prepositions", ())) | set(lex.sources.get("before_media", ()))
        for k in range(len(before) - 1, 0, -1):
            if before[k][2] in preps or " ".join(w for _, _, w in before[k - 1:]) in preps:
                return any(w in lex.verbs for _, _, w in before[:k])
        return False

    def _named(self, o: int, ws) -> bool:
        """``проекта „Северен поток 2“``, ``директорът на ГД „Пожарна безопасност …“``: capitalised
        words in marks right after a noun that takes a name (``name_nouns``) are that name, and
        so are those a few words after a word that titles a text (``title_words``)."""
        lex = lex_at(self.doc, o)
        before = self.ix.words(max(0, o - 60), o)[-4:]
        # (not after a speech verb close by: ``каза за проекта „Няма да се откажем“``)
        if not (ws and before and self.text[ws[0][0]].isupper() and not self.text[before[-1][1]:o].strip()):
            return False
        if any(lex.has("title_words", w) for _, _, w in before[-3:]):
            return True  # ``озаглави статията си „…“``, ``под заглавие „…“``: a title
        return lex.has("name_nouns", before[-1][2]) and not any(w in lex.verbs for _, _, w in before[:-1])

    def _told_next(self, c: int, lex: Lexicon):
        """``„…“. Това заяви X.``, ``„…“. Така X, …, коментира …``: the sentence after the closing
        mark opens with a word that points back at the quote and names who said it; (speaker, verb,
        where the verb is) or None."""
        text = self.text
        nxt_s = self.ix.sentence_no(c) + 1
        if not (text[c + 1:c + 4].lstrip(" ")[:1] in _END and nxt_s < len(self.ix.sentences)
                and not text[c + 1:self.ix.sentences[nxt_s].start].strip(" \n" + _END)):
            return None  # (the next sentence may open the next paragraph: ``„…“. ¶ Това заяви X.``)
        ns = self.ix.sentences[nxt_s]
        if ns.start <= c:
            return None
        head = self.ix.words(ns.start, ns.end)[:3]
        for n in (2, 1):
            if len(head) > n and lex.has("anaphoric_subjects", " ".join(w for _, _, w in head[:n])):
                if head[n][2] in lex.verbs:
                    v = head[n]
                    sp = self.subject_after(v[1], ns.end, v[2], lex)
                    if sp is not None and not self._outlet(sp):
                        return sp, text[v[0]:v[1]], v[0]
                    return None
                # ``Така X, пакистанската християнка, коментира``: the name, then its verb
                who = [x for x in self._cands(head[n][0], head[n][0] + 80) if x[0] == head[n][0]]
                vs = [x for x in self.verbs_in(head[n][1], ns.end, lex) if not lex.has("speech_gerunds", x[2])]
                if who and vs and not self._outlet(who[0][2]) and self.subject_before(ns.start, vs[0][0], vs[0][2], lex) == who[0][2]:
                    return who[0][2], text[vs[0][0]:vs[0][1]], vs[0][0]
                return None
        return None

    def _verb_follows(self, c: int) -> bool:
        """A speech verb right after the closing mark (``«Двери открыты», — сказал он``)."""
        lex = lex_at(self.doc, c)
        m = re.match(r"[\s,–—\-]*(\w+)", self.text[c + 1:c + 40])
        if not (m and re.match(r"\s*[,–—\-]", self.text[c + 1:c + 4])):
            return False
        if m.group(1).casefold() in lex.verbs:
            return True
        if lex.has("anaphoric_subjects", m.group(1).casefold()):  # ``„…“ – това заяви X``
            m = re.match(r"[\s,–—\-]*\w+\s+(\w+)", self.text[c + 1:c + 40])
            return bool(m) and m.group(1).casefold() in lex.verbs
        vs = self.verbs_in(c + 1 + m.start(1), c + 40, lex)  # a phrase: ``, категоричен е X``
        return bool(vs) and vs[0][0] == c + 1 + m.start(1) and not lex.has("speech_gerunds", vs[0][2])

    def _mentioned(self, qs: int, qe: int) -> bool:
        """Mostly covered by entity mentions: a quoted name (``„Под игото“``, ``"Газпром"``)."""
        covered = sum(m.end - m.start for m in self.ix.mentions_in(qs - 1, qe + 1))
        return covered >= 0.6 * (qe - qs)

    def _is_name(self, qs: int, qe: int, ws) -> bool:
        """A few words, all capitalised, or up to three with the first capitalised and no
        punctuation: a title or a name the entity stage did not tag."""
        caps = [w for w in ws if self.text[w[0]].isupper() or self.text[w[0]].isdigit()]
        return len(ws) <= 4 and len(caps) == len(ws) or (len(ws) <= 3 and self.text[ws[0][0]].isupper()
                                                          and not any(ch in self.text[qs:qe] for ch in _END + ","))

    def _inner_frame(self, qs: int, qe: int, lex: Lexicon):
        """``«…, — сказал он. — …»``: a dash, a speech verb and its subject, a dash."""
        text = self.text
        m = re.search(r"(?:[,.!?…]\s+|(?<=\w)\s+)[—–-]\s+([^—–-]{2,80}?)[,.:]?\s+[—–-]\s+", text[qs:qe])
        if not m:
            # ``„…, каза Витанов. - …“``: the frame after a comma, its dash only after it (a speech
            # verb must open it)
            m = re.search(r",\s+([^—–\-,.:]{2,60}?)[.:]\s+[—–-]\s+", text[qs:qe])
            if m and not [v for v in self.verbs_in(qs + m.start(1), qs + m.end(1), lex) if v[0] == qs + m.start(1)]:
                m = None
        if not m:
            m2 = re.search(r"[,.!?…]\s+[—–-]\s+([^—–-]{2,80}?)[.]?\s*$", text[qs:qe])
            if not m2:
                return [], None
            m = m2
        frame_lo, frame_hi = qs + m.start(1), qs + m.end(1)
        vs = self.verbs_in(frame_lo, frame_hi, lex)
        if not vs:
            return [], None
        s, e, form = vs[0]
        if s != frame_lo and not re.match(r"[,.!?…]", text[qs + m.start()]):
            return [], None  # ``Първо – и най-важно – …``: a dash with no verb first is no frame
        sp = self.subject_after(e, frame_hi, form, lex) or self.subject_before(frame_lo, s, form, lex)
        parts = [(qs, qs + m.start())]
        if qs + m.end() < qe:
            parts.append((qs + m.end(), qe))
        return parts, (sp, text[s:e], s)

    def _frame_of_direct(self, o: int, c: int, lex: Lexicon):
        text = self.text
        # ``„…“ (the article's gloss), заяви X``: a parenthesis after the closing mark, then the frame
        gloss = re.match(r"[ \t]*\([^()\n„“”\"«»]{1,60}\)(?=[ \t]*[,–—\-])", text[c + 1:c + 90])
        if gloss:
            c += gloss.end()
        # the sentence that goes on after the mark (a splitter may end one at the mark itself)
        nxt = re.search(r"\S", text[c + 1:c + 40])
        sent_c = self.ix.sentence(c + 1 + nxt.start()) if nxt and "\n" not in text[c + 1:c + 1 + nxt.start()] \
            else self.ix.sentence(c)
        after_end = max(sent_c.end, self.ix.sentence(c).end)
        later = [a for a in self.qpairs if a > c and a < after_end]
        if later:
            after_end = later[0]
        # 1. the verb right after the closing mark
        after = text[c + 1:after_end]
        m = re.match(r"[\s,–—\-]*", after)
        lead = text[c + 1:c + 1 + m.end()]
        if "," in lead or "–" in lead or "—" in lead or "-" in lead or after[m.end():m.end() + 1].islower():
            vs = [v for v in self.verbs_in(c + 1, min(after_end, c + 1 + 70), lex)
                  if not lex.has("speech_gerunds", v[2])]  # ``„…“, добавяйки, че``: what the speaker did next
            if vs:
                s, e, form = vs[0]
                between = text[c + 1:s]
                joins = set(lex.sections.get("clause_openers", ())) | set(lex.sections.get("complementizers", ()))
                if not any(ch in between for ch in _END) and len(between.split()) <= 4 \
                        and not any(w in joins for _, _, w in self.ix.words(c + 1, s)):
                    sp = self.subject_after(e, after_end, form, lex) or self.subject_before(c + 1, s, form, lex) \
                        or self._statement_owner(e, after_end, lex)  # ``„…“, гласи позицията на X``
                    if sp is None:  # ``„…“, заяви той``: a pronoun with no antecedent
                        sp = self._pronoun_speaker(self.ix.words(e, after_end)[:1], s, form, lex)
                    if sp is None or self._outlet(sp):  # ``„…“, цитира БТА думите на X``
                        got = self._words_cited(s, after_end, lex)
                        if got is not None:
                            return got + (True,)
                    return sp, text[s:e], s, True
            got = self._words_cited(c + 1 + m.end(), after_end, lex)
            if got is None:
                got = self._words_back(c + 1 + m.end(), after_end, lex)
            if got is not None:
                return got + (True,)
        # 1b. ``„…“. Това заяви X.``: the next sentence names who said it
        told = self._told_next(c, lex)
        if told is not None:
            return told + (True,)
        # 2. a verb or frame before the opening mark, in the same sentence
        sent_o = self.ix.sentence(o)
        lo = sent_o.start
        before = text[lo:o]
        if not before.strip() or before.strip()[-1:] in _END:
            prev = self.ix.sentence_no(o) - 1
            if prev >= 0 and text[self.ix.sentences[prev].start:o].rstrip().endswith(":"):
                lo = self.ix.sentences[prev].start
        got = self._frame_before(lo, o, lex)
        if got is not None:
            return got + (True,)
        # 2b. a person who is the subject of the sentence the quote stands in, with a verb the
        # lexicon does not know (``X се подигра с плана, защото „…“``), rather than an earlier speaker
        sp = self._main_person(lo, o, lex) if text[lo:o].strip() else None
        if sp is not None:
            return sp, None, None, False
        # 3. inherit from the previous quote of the paragraph (or of the paragraph before)
        par = self.ix.paragraph_no(o)
        for q in reversed(self.quotes):
            qp = self.ix.paragraph_no(q.start)
            if q.end <= o and (qp == par or qp == par - 1) and q.speaker:
                self._took = True
                return q.speaker, None, q.anchor, False
        # 4. a quote standing alone after a sentence about a person (``Петров говори пред
        # депутатите. ¶ „…“``): that person, the subject of the sentence before
        sno = self.ix.sentence_no(o)
        if sno and not text[self.ix.sentence(o).start:o].strip():
            prev = self.ix.sentences[sno - 1]
            sp = self._main_person(prev.start, prev.end, lex) if self.ix.paragraph_no(prev.start) >= par - 1 else None
            if sp is not None:
                return sp, None, None, False
        return None, None, None, False

    def _main_subject(self, lo: int, hi: int, lex: Lexicon) -> str | None:
        """The subject of the main clause of [lo, hi): the first candidate before a complementizer."""
        comp = next((w[0] for w in self.ix.words(lo, hi) if lex.has("complementizers", w[2])), hi)
        return self.subject_before(lo, comp, None, lex)

    def _main_person(self, lo: int, hi: int, lex: Lexicon) -> str | None:
        """That subject when it is a person (not a people, not an outlet)."""
        sp = self._main_subject(lo, hi, lex)
        ent = self.ix.entities.get(sp) if sp else None
        ok = ent is not None and ent.type == "PER" and not ent.attrs.get("place") and not self._outlet(sp)
        return sp if ok else None

    def _frame_before(self, lo: int, o: int, lex: Lexicon):
        text = self.text
        vs = [v for v in self.verbs_in(lo, o, lex) if not self._in_quote(v[0])]
        frames = self._frames_before(lo, o, lex)
        if frames:
            fs, fe = frames[-1]
            if not vs or vs[-1][0] < fs:
                sp = self._frame_speaker(fe, o, lex)
                return sp, None, fs
        if vs:
            s, e, form = vs[-1]
            if lex.has("speech_gerunds", form):
                # ``X заяви, че …, добавяйки: „…“``: the gerund shares the main clause's subject
                sp = self._main_subject(lo, s, lex)
                if sp is None and not self._has_subject(lo, s, lex):
                    sp = self._inherited(s, None, lex)  # (``…, изтъквайки`` of someone unnamed is theirs)
                return sp, text[s:e], s
            sp = self.subject_before(lo, s, form, lex) or self.subject_after(e, o, form, lex)
            if sp is None and not self._has_subject(lo, s, lex):
                sp = self._inherited(s, form, lex)
            return sp, text[s:e], s
        # ``Порошенко: „…“``: a name and a colon, no verb (a headline's or an interview's way)
        named = [c for c in self._cands(lo, o) if re.fullmatch(r"\s*:\s*", text[c[1]:o])]
        if named and not governed(text, named[-1][0], lex) and not self._outlet(named[-1][2]):
            return named[-1][2], None, named[-1][0]
        # ``Петров беше лаконичен: „…“``: a clause about its subject, ending in a colon
        if re.search(r":\s*$", text[lo:o]):
            cands = [c for c in self._cands(lo, o) if not governed(text, c[0], lex) and not self._in_quote(c[0])]
            if len(cands) == 1 and len(text[cands[0][1]:o].split()) <= 4 and not self._outlet(cands[0][2]):
                return cands[0][2], None, cands[0][0]
        return None

    def _frames_before(self, lo: int, hi: int, lex: Lexicon) -> list[tuple[int, int]]:
        low = fold_letters(self.text[lo:hi])  # same length: offsets carry over
        out = [(lo + m.start(), lo + m.end()) for m in phrase_regex(lex.sections.get("frames_before", frozenset())).finditer(low)]
        out.sort()
        # a longer frame over a shorter one at the same place
        return [x for x in out if not any(y != x and y[0] <= x[0] and x[1] <= y[1] for y in out)]

    def _frame_speaker(self, fe: int, hi: int, lex: Lexicon) -> str | None:
        return self._frame_np(fe, hi, lex)[0]

    def _frame_np(self, fe: int, hi: int, lex: Lexicon) -> tuple[str | None, int | None]:
        """Who a frame names (``според него``, ``по думите на министъра Иван Петров``) and where
        that noun phrase ends.  Right after the frame any candidate; further on only a name in
        apposition (``според директора на регулатора Иван Петров``): the complements after a
        preposition are skipped, and a pronoun or another name there is the subject of the
        reported clause (``според съветниците му после той ще…``, ``според експерти Германия…``)."""
        if lex.sections.get("frame_comma"):  # the phrase ends at a comma: the first name that is no complement
            for s, e, eid in self._cands(fe, min(hi, fe + 60)):
                if s - fe > 3 and (governed(self.text, s, lex) or (s, e) in self.groups):
                    continue
                return self._apposed(s, e, eid, lex), None
            return None, None
        head = self.ix.words(fe, fe + 30)[:1]
        if head and head[0][2] in lex.pronouns and head[0][0] - fe <= 3 and not self._cands(head[0][0], head[0][1]):
            return None, head[0][1]  # ``според тях``: someone the article does not name speaks
        for s, e, eid in self._cands(fe, min(hi, fe + 60)):
            if s - fe > 3:
                if governed(self.text, s, lex) or (s, e) in self.groups:
                    continue
                got = self._apposed(s, e, eid, lex)  # ``пресс-секретаря Кремля Дмитрия Пескова``
                ent = self.ix.entities.get(got)
                between = re.sub(r"\b\w{1,5}\.(?=\s)", "", self.text[fe:s])  # ``според проф. Иванов``
                if re.search(r"[,.;:!?„“”\"«»()]", between) or ent is None or (
                        (s, e) not in self._possessives and ((s, e) in self._ref_spans or ent.type != "PER")):
                    return None, None  # a possessive (``показанията й``) belongs to the frame's noun
            got = self._apposed(s, e, eid, lex)
            if got != eid:
                e = next((c[1] for c in self._cands(e, e + 60) if c[2] == got), e)
            head = self.ix.words(e, e + 30)[:2]  # ``според неговите думи``: the possessive's noun
            if (s, e) in self._possessives and head and lex.pronouns.get(self.text[s:e].casefold(), ("", ""))[1] \
                    == "possessive" and not self.text[e:head[0][0]].strip():
                e = head[0][1]
            elif len(head) == 2 and lex.has("prepositions", head[0][2]) and self.ix.entities[got].type == "PER":
                # ``както посочи Анна Петрова от партията, …``: her organisation is part of the phrase
                org = [c for c in self._cands(head[1][0], head[1][0] + 60) if c[0] == head[1][0]]
                if org and re.match(r"\s*,", self.text[org[0][1]:org[0][1] + 3]):
                    e = org[0][1]
            return got, e
        return None, None

    # -------------------------------------------------------------- reported speech
    def _gerund(self, lo: int, hi: int, lex: Lexicon) -> int | None:
        ends = lex.tuple_of("gerund_endings")
        for s, e, w in self.ix.words(lo, hi):
            if ends and w.endswith(ends) and len(w) > 5:
                return s
        return None

    def _pronoun_speaker(self, ws, pos: int, form: str | None, lex: Lexicon) -> str | None:
        """``Той допълни, че …``, ``„…“, заяви той`` where the pronoun (``ws``, its clause's words)
        found no antecedent (its person was named too far back, or only by the quotes stage): the
        last speaker of the paragraph or the one before, else the last person named in this
        paragraph or the two before, if the pronoun agrees with that person."""
        p = lex.pronouns.get(ws[0][2]) if len(ws) == 1 else None
        if p is None or p[1] != "subject" or p[0] not in ("m", "f") or (ws[0][0], ws[0][1]) in self._ref_spans:
            return None
        if self._unnamed_before(ws[0][0], p[0], lex):
            return None  # ``Директорът на болницата показа … Той каза``: the unnamed director
        got = self._last_speaker_of(pos, p[0], form, lex, persons=True)
        if got is None:
            got = self._cataphoric(ws[0][1], p[0], lex)
        return got

    def _cataphoric(self, pos: int, gender: str, lex: Lexicon) -> str | None:
        """``„…“, каза той. X поиска от Y …`` at an article's start: a pronoun with no person
        of its gender named anywhere before it stands for the first person named in the next
        sentences whose gender is not the other one."""
        from .reference import name_gender

        def gender_of(eid: str) -> str | None:
            e = self.ix.entities[eid]
            return self._ref_gender(eid) or name_gender(e.name, lex)

        if any(self.ix.entities[c[2]].type == "PER" and gender_of(c[2]) in (gender, None) for c in self._cands(0, pos)):
            return None
        sno = self.ix.sentence_no(pos)
        hi = self.ix.sentences[min(len(self.ix.sentences) - 1, sno + 2)].end
        for _, _, eid in self._cands(pos, hi):
            if self.ix.entities[eid].type == "PER" and gender_of(eid) in (gender, None) and not self._outlet(eid):
                return eid
        return None

    def _unnamed_before(self, pos: int, gender: str, lex: Lexicon) -> bool:
        """The sentence before the one ``pos`` opens has for subject a person named only by a role
        noun of that gender (no name after it, no reference resolved it)."""
        from .reference import unnamed_role_before

        found = unnamed_role_before(self.ix, self.doc, self.refs, pos, gender, lex)
        if found is None:
            return False
        prev, w = found
        return not any(self.ix.entities[c[2]].type == "PER" for c in self._cands(w, min(prev.end, w + 60)))

    def _last_speaker_of(self, pos: int, gender: str, form: str | None, lex: Lexicon, persons: bool = False) -> str | None:
        """The last speaker of the paragraph or the one before, if a person of that gender; with
        ``persons``, else the last person of that gender named in this paragraph or the two before."""
        from .reference import name_gender

        def of_gender(sp: str | None) -> bool:
            if sp is None:
                return False
            if sp.startswith(UNSEEN):
                return name_gender(sp[len(UNSEEN):], lex) == gender
            e = self.ix.entities.get(sp)
            return e is not None and e.type == "PER" and (self._ref_gender(sp) or name_gender(e.name, lex)) == gender

        sp = self._inherited(pos, form, lex)
        if of_gender(sp):
            return sp
        if sp is not None and self._proxy_gender(pos, sp, lex) == gender:
            return sp  # ``„…“, каза говорителят на X. „…“, добави той``: the spokesman goes on, for X
        if persons:
            par = self.ix.paragraph_no(pos)
            lo = self.ix.paragraphs[max(0, par - 2)].start if self.ix.paragraphs else 0
            for _, _, eid in reversed(self._cands(lo, pos)):
                if of_gender(eid):
                    return eid
        return None

    def _proxy_gender(self, pos: int, sp: str, lex: Lexicon) -> str | None:
        """The gender of the spokesman through whom ``sp`` last spoke before ``pos`` (its quote's
        sentence names him by a proxy noun: ``говорителят``, ``говорителката на X``), else None."""
        par = self.ix.paragraph_no(pos)
        q = next((q for q in reversed(self.quotes) if q.start < pos and q.speaker
                  and self.ix.paragraph_no(q.start) in (par, par - 1)), None)
        if q is None or q.speaker != sp:
            return None
        sent = self.ix.sentence(q.anchor if q.anchor is not None else q.start)
        for r in self.refs:
            if sent.start <= r.start < sent.end and r.attrs.get("entity") == sp and r.label == "description":
                ws = self.ix.words(r.start, r.end)
                role = lex.roles.get(ws[0][2]) if ws else None
                if role is not None and role.kind == "proxy" and role.gender in ("m", "f"):
                    return role.gender
        return None

    def _inherited(self, pos: int, form: str | None, lex: Lexicon) -> str | None:
        """A verb with no subject (Bulgarian and Russian drop it) continues the last speaker of
        the paragraph, or of the one before."""
        if form and lex.verbs.get(form, ("", ""))[0] == "pl":
            return None
        par = self.ix.paragraph_no(pos)
        for q in reversed(self.quotes):
            if q.start < pos and self.ix.paragraph_no(q.start) in (par, par - 1) and q.speaker:
                return q.speaker
        # else the subject of the sentence before (a person named there, not after a preposition)
        sno = self.ix.sentence_no(pos)
        lo = self.ix.sentences[max(0, sno - 1)].start
        for s, e, eid in self._cands(lo, pos):
            if self.ix.entities[eid].type == "PER" and not governed(self.text, s, lex) \
                    and self._agrees(eid, form, lex):
                return eid
        return None

    def indirect(self) -> None:
        text = self.text
        for sno, sent in enumerate(self.ix.sentences):
            lex = lex_at(self.doc, sent.start)
            if lex.empty:
                continue
            self._frames(sent, lex)
            self._name_colon(sent, lex)
            self._dash_name(sent, lex)
            comp_re = _comp_regex(lex.sections.get("complementizers", frozenset()))
            for s, e, form in self.verbs_in(sent.start, sent.end, lex):
                if self._in_quote(s) or (lex.has("speech_gerunds", form)
                                         and not (lex.has("clause_gerunds", form) and comp_re.match(text[e:sent.end]))):
                    continue  # a gerund frames a direct quote (``…, посочвайки: „…“``); a few, a clause (``добавив, что``)
                prev = [w for w in self.ix.words(max(sent.start, s - 20), s) if not lex.has("verb_clitics", w[2])]
                if prev and lex.has("non_assertive", prev[-1][2]) and not re.search(r"[,.;:!?„“”\"«»]", text[prev[-1][1]:s]):
                    continue  # "не каза", "отказа да поясни": no words are reported (not ``Не“, заяви X``)
                if prev and lex.has("first_person", prev[-1][2]) and not self._in_quote(prev[-1][0]):
                    continue  # ``Бих добавил, че …`` outside marks: someone's own words whose marks were lost, no report
                if self._impersonal(sent.start, s, e, form, lex):
                    continue  # "смята се, че …", "за когото се смята, че …": no one is named as saying it
                m = comp_re.match(text[e:sent.end])
                if m and lex.has("conjunction_heads", word_before(text, e + m.start(1))):
                    m = None  # ``говорят «нет» не потому, что``: a conjunction of its own, not the verb's
                if m and lex.has("question_complementizers", m.group(1).casefold()) \
                        and any(lex.has("question_nouns", w[2]) for w in self.ix.words(e, e + m.start(1))):
                    continue  # ``отговаря на въпроса дали …``: the clause is what was asked, not what was said
                names = self.ix.mentions_in(e, e + m.start(1)) if m else []  # ``в эфире «Говорит Москва», что``
                if m and not [v for v in self.verbs_in(e, e + m.start(1), lex) if not any(x.start <= v[0] < x.end for x in names)] \
                        and self._gerund(e, e + m.start(1), lex) is None:
                    if self._cited_subject(sent.start, s):
                        continue  # "БелТА съобщи, че…": the outlet is a source, not a speaker
                    cs = e + m.end()
                    ce = self._clause_end(cs, sent.end, lex, form)
                    fronted = bool(prev) and len(prev) <= 2 and not text[sent.start:prev[0][0]].strip() \
                        and lex.has("fronted_subordinators", " ".join(w[2] for w in prev))
                    if fronted:
                        # ``Като напомня, че …, изданието отбелязва, че …``: the subject of the main
                        # clause said it; an outlet's words are a source, not a quote
                        main = [v for v in self.verbs_in(ce, sent.end, lex) if not self._in_quote(v[0])]
                        if main:
                            ms, me, mform = main[0]
                            if self._outlet_noun(ce, ms, me, lex) or self._cited_subject(ce, ms):
                                continue
                            sp = self.subject_before(ce, ms, mform, lex) or self.subject_after(me, sent.end, mform, lex)
                            if self._outlet(sp):
                                continue
                            if sp is not None:
                                self._add_indirect(cs, ce, sp, text[s:e], s)
                                continue
                    sp = self._same_subject(sent.start, s, prev, lex)
                    nobody = sp == NOBODY
                    if nobody:
                        sp = None
                    if sp is None and not nobody:
                        sp = self.subject_before(sent.start, s, form, lex) or self.subject_after(e, e + m.start(1), form, lex)
                    if sp is None and not nobody:
                        sp = self._statement_owner(sent.start, s, lex)
                    if sp is None and not nobody and not self._has_subject(sent.start, s, lex):
                        sp = self._inherited(s, form, lex)
                    if sp is None and not nobody:
                        sp = self._pronoun_speaker([w for w in self.ix.words(sent.start, s) if not lex.has("fillers", w[2])
                                                    and not lex.has("verb_clitics", w[2])], s, form, lex)
                    if self._outlet(sp) or ce - cs < 8 or (sp is None and self._outlet_noun(sent.start, s, e, lex)):
                        continue
                    if sp is None and lex.code == "bg" and lex.has("speech_gerunds", form):
                        continue  # ``Профсъюзи … обявиха …, посочвайки, че``: a gerund of no one named adds no report
                    self._add_indirect(cs, ce, sp, text[s:e], s)
                    continue
                if any(q.start <= s < q.end for q in self._near(s, s + 1)):
                    continue
                # "заяви пред журналисти: <думи без кавички>"
                colon = re.match(r"[^.!?;„“\"«»:]{0,50}?:\s*(?=[^\s„“\"«»‚'])", text[e:sent.end])
                if colon and not self.verbs_in(e, e + colon.end(), lex) and not self._in_quote(e + colon.end()):
                    cs = e + colon.end()
                    ce = self._clause_end(cs, sent.end, lex)
                    sp = self.subject_before(sent.start, s, form, lex) or self.subject_after(e, e + colon.start(), form, lex)
                    if sp is None and not self._has_subject(sent.start, s, lex):
                        sp = self._inherited(s, form, lex)
                    if not self._outlet(sp) and ce - cs >= 8 and not self._cited_subject(sent.start, s):
                        self._add_indirect(cs, ce, sp, text[s:e], s)
                    continue
                # ``X обясни решението си така: “…`` whose closing mark never comes (no mark at all
                # to the paragraph's end): the words after the opener, to that end, are X's in marks
                # (only where X is found: such words of no one named are as likely a lost title)
                opened = re.match(r"[^.!?;„“\"«»:]{0,50}?:\s*([„“\"«])", text[e:sent.end])
                if opened and not self.verbs_in(e, e + opened.start(1), lex) and not self._in_quote(e + opened.start(1)):
                    o = e + opened.start(1)
                    rest = text[o + 1:self.ix.paragraph(o).end]
                    if not _mark_regex("„“”\"«»").search(rest) and len(self.ix.words(o + 1, o + 1 + len(rest))) >= 3:
                        sp = self.subject_before(sent.start, s, form, lex) or self.subject_after(e, e + opened.start(), form, lex)
                        if sp is None and not self._has_subject(sent.start, s, lex):
                            sp = self._inherited(s, form, lex)
                        if sp is not None and not self._outlet(sp) and not self._cited_subject(sent.start, s):
                            self._add(Quote(o + 1, o + 1 + len(rest.rstrip()), True, sp, text[s:e], s))
                        continue
                # what an outlet reports is a source: ", предаде БТА", ", твърди източник на Bloomberg"
                # (not the outlet a statement was made to: ``Това заяви пред в. „X“ адвокатът й``)
                medium = set(lex.sources.get("outlet_prepositions", ())) | set(lex.sources.get("before_media", ()))
                # (not one that cites the speaker named first: ``…, заяви Иван Колев, цитиран от „Труд“``)
                if any(e <= c.start <= e + 25 and c.attrs.get("cue") not in medium
                       and not any(getattr(self.ix.entity(x), "type", "") == "PER" for x in self.ix.mentions_in(e, c.start))
                       for c in self.cits) \
                        and self._relayed(e, sent.end, lex) is None:
                    continue  # (unless it relays someone's words: ``съобщи БТА, позовавайки се на X``)
                # reported speech without marks that ends in the verb: "…, каза министърът"
                pre = text[sent.start:s].rstrip()
                cl = self.ix.words(max(sent.start, s - 6), s)[-1:]
                if cl and lex.has("impersonal_clitics", cl[0][2]) and not text[cl[0][1]:s].strip() \
                        and text[sent.start:cl[0][0]].rstrip().endswith(","):
                    pre = text[sent.start:cl[0][0]].rstrip()  # ``…, се казва в изявлението на X``
                back = self._comma_back(sent.start, s, lex)
                if back is not None:
                    pre = text[sent.start:back + 1]  # ``…, об этом в ходе брифинга заявил X``: the words before the comma
                introduces = re.match(r"[^.!?;,]{0,40}:", text[e:sent.end])
                nxt = self.ix.words(e, min(sent.end, e + 40))
                # (not words in marks that are a direct quote: ``„…“, каза X``; a quoted name may end them)
                closer = sent.start + len(pre[:-1].rstrip()) - 1
                quoted = pre[:-1].rstrip().endswith(tuple(_CLOSERS_TRAIL)) \
                    and (any(q.direct for q in self._near(closer - 1, closer + 1)) or closer - 1 not in self._name_ends())
                # ``Ужасен съм … Великобритания ", изтъкна той``: a closing mark whose opener was lost
                # (none in the sentence, no quote closes there) still marks the sentence as quoted words
                if quoted and pre.endswith((",", "–", "—")) and form in lex.verbs \
                        and not any(q.direct for q in self._near(closer - 1, closer + 1)) \
                        and not _mark_regex("„“”\"«»").search(text, sent.start, closer) \
                        and (closer - sent.start >= 20 or self._asked_before(sno)):
                    sp = self.subject_after(e, sent.end, form, lex)
                    if sp is None:
                        sp = self._pronoun_speaker(self.ix.words(e, sent.end)[:1], s, form, lex)
                    body = text[sent.start:closer]
                    qs = sent.start + len(body) - len(body.lstrip())
                    # the lost opener may have stood sentences earlier: the plain sentences before it
                    # in its paragraph (no marks, no speech verb, no quote) are the same words
                    k, para = sno - 1, self.ix.paragraph_no(sent.start)
                    while k >= 0 and sno - k <= 2 and self.ix.paragraph_no(self.ix.sentences[k].start) == para:
                        ps = self.ix.sentences[k]
                        pws = self.ix.words(ps.start, ps.end)
                        if _mark_regex("„“”\"«»").search(text, ps.start, ps.end) or self.verbs_in(ps.start, ps.end, lex) \
                                or self._near(ps.start, ps.end) or len(pws) < 3 \
                                or (any(lex.has("relative_pronouns", w[2]) for w in pws)
                                    and not (k == sno - 1 and self._asked_before(sno))):
                            # (a relative clause tells of someone: the article's own words, ``Фирмата,
                            # която …``; but a question right before a short answer is the speaker's:
                            # ``Дали това е пътят, по който …? Не“, каза X``)
                            break
                        qs = ps.start + len(text[ps.start:ps.end]) - len(text[ps.start:ps.end].lstrip())
                        k -= 1
                    if sp is not None and not self._outlet(sp) and len(self.ix.words(qs, closer)) >= 3:
                        self._add(Quote(qs, sent.start + len(body.rstrip()), True, sp, text[s:e], s))
                    continue
                if pre.endswith((",", "–", "—")) and not quoted \
                        and not introduces and form in lex.verbs \
                        and not (nxt and lex.has("infinitive_particles", nxt[0][2])):  # "…, заплашват да …"
                    sp = self.subject_after(e, sent.end, form, lex)
                    if sp is None or self._outlet(sp):
                        sp = self._relayed(e, sent.end, lex) or sp  # ``…, съобщи БТА, позовавайки се на X``
                    if sp is None:
                        sp = self._statement_owner(e, sent.end, lex)  # ``…, се казва в изявлението на X``
                    if self._outlet(sp) or (sp is None and self._outlet_noun(s, s, e, lex)):
                        continue
                    # (``…, заявиха от общината``: an organisation the article does not name says it)
                    unnamed_org = sp is None and len(nxt) >= 2 and lex.has("impersonal_from", nxt[0][2]) \
                        and self._plural(form, lex) and text[nxt[1][0]].islower() and not lex.has("prepositions", nxt[1][2]) \
                        and len(nxt[1][2]) >= 4 and not any(w in lex.pronouns for _, _, w in nxt[1:3])
                    # (``…, пише в писмото``: a text that speaks, its authors not named with it)
                    in_text = sp is None and len(nxt) >= 2 and lex.has("prepositions", nxt[0][2]) \
                        and lex.has("statement_nouns", nxt[1][2])
                    if sp is None and not unnamed_org and not in_text and (not nxt or lex.has("prepositions", nxt[0][2])
                                                           or lex.has("complementizers", nxt[0][2])):
                        continue
                    if sp is None and lex.code == "bg" and (lex.verbs.get(form, ("", ""))[1] in ("m", "f", "n") or (
                            # (or a plural verb whose object follows and the sentence's own subject and
                            # predicate open it: ``Депутатите приветстваха …, подчертаха необходимостта от …``)
                            lex.verbs.get(form, ("", ""))[0] == "pl" and not unnamed_org and not in_text
                            and self._opens_with_subject(sent.start, s, lex))) \
                            and nxt and not text[nxt[0][0]].isupper() \
                            and not any(lex.has("speaker_nouns", w[2]) or (w[2] in lex.roles and lex.roles[w[2]].kind in ("person", "proxy"))
                                        for w in nxt[:3]):
                        continue  # ``X е вторият премиер, заявил позиция``: a participle with its object, no report
                    qs, qe = sent.start, sent.start + len(pre) - 1
                    body = text[qs:qe]
                    qs += len(body) - len(body.lstrip())
                    head = self.ix.words(qs, qe)[:5]
                    if any(lex.has("topic_openers", " ".join(w[2] for w in head[:n])) for n in (1, 2)):
                        continue  # ``О том, как …, рассказал X``: what the words were about, not the words
                    if any(not self._in_quote(v[0]) and not self._told_me(v, lex)
                           for v in self.verbs_in(qs, head[-1][1] if head else qs, lex)):
                        continue  # "Те подчертаха …, предаде пресслужбата": the verb cites a source
                    k = 1 if head and lex.has("anaphoric_subjects", head[0][2]) else 0
                    name = [x for x in self._cands(head[k][0], qe) if x[0] == head[k][0]] if len(head) > k else []
                    if name and text[name[0][1]:qe].lstrip().startswith(",") and "," not in text[name[0][1]:qe].lstrip()[1:] \
                            and (k or not governed(text, name[0][0], lex)):
                        continue  # "(Така) X, <кой е X>, коментира …": the verb's subject and its apposition
                    # ``Второ, каза Мей, трябва да има …``: the frame stands inside the sentence, the
                    # reported words go on after the speaker's comma
                    k = text.find(",", e, sent.end)
                    rest = text[k + 1:sent.end].rstrip().rstrip(_END).rstrip() if k >= 0 and sp is not None else ""
                    if rest and len(self.ix.words(qs, qe)) < 3 and len(self.ix.words(e, k)) <= 4 and not self.verbs_in(e, k, lex) \
                            and len(rest.split()) >= 3 and not self.verbs_in(k, k + 1 + len(rest), lex) \
                            and not any(not q.direct for q in self._near(k, k + 1 + len(rest))):
                        r0 = k + 1 + len(text[k + 1:sent.end]) - len(text[k + 1:sent.end].lstrip())
                        qe2 = k + 1 + len(rest)
                        self._add_indirect(r0, qe2, sp, text[s:e], s)
                        continue
                    if len(self.ix.words(qs, qe)) >= 3:
                        if text[qs] in _OPENERS and not _mark_regex("„“”\"«»").search(text, qs + 1, qe):
                            # ``“Дори да …, подчерта X.``: words opened by a mark that never closes
                            self._add(Quote(qs + 1, qe, True, sp, text[s:e], s))
                            continue
                        qs = self._first_person_run(sno, qs, qe, lex)
                        self._add_indirect(qs, qe, sp, text[s:e], s)
                    continue
                # "Това заяви X": the sentence before is what X said
                head = self.ix.words(sent.start, s)
                # ``Об этом министр здравоохранения рассказал``: the speaker may stand before the verb
                fronted = next((n for n in (2, 1) if len(head) > n and len(head) - n <= 8
                                and lex.has("anaphoric_subjects", " ".join(w for _, _, w in head[:n]))), None)
                sp0 = self.subject_before(head[fronted][0], s, form, lex) if fronted else None
                if fronted and len(head) - fronted > 4 and (sp0 is None or self.verbs_in(head[fronted][0], s, lex)):
                    # (more words than the speaker between, ``Об этом президент X 13 апреля заявил``,
                    # only where they name the speaker)
                    fronted, sp0 = None, None
                if fronted and sno and len(head) - fronted == 1:
                    # ``X считает … Об этом он заявил``: the pronoun is the reported sentence's own
                    # subject (a person of its gender), not a name it speaks of nearer to the pronoun
                    own = self._reported_subject(self.ix.sentences[sno - 1], head[fronted], lex)
                    if own is not None:
                        sp0 = own
                if fronted and sp0 is None and sno and all(text[w[0]].islower() for w in head[fronted:]) \
                        and not self.ix.mentions_in(head[fronted][0], s):
                    # ``Об этом журналистам рассказал X``: the words between are whom it was told, the speaker follows
                    sp0 = self.subject_after(e, sent.end, form, lex)
                if sp0 is not None or 1 <= len(head) <= 2 and lex.has("anaphoric_subjects", " ".join(w for _, _, w in head)) and sno:
                    prev = self.ix.sentences[sno - 1]
                    if self._tells_topic(prev, lex):
                        continue  # ``X прокомментировал отставку Y. Об этом он написал``: the act, not the words
                    sp = sp0 or self.subject_after(e, sent.end, form, lex)
                    if sp is None or self._outlet(sp):
                        sp = self._relayed(e, sent.end, lex) or sp  # ``Об этом сообщило агентство со ссылкой на X``
                    body = text[prev.start:prev.end].strip().rstrip(_END)
                    if sp is None and body[:1] in _OPENERS and body[-1:] in _CLOSERS_TRAIL:
                        continue  # ``„…“. Така завърши срещата.``: words in marks no one named here said
                    if not self._outlet(sp):
                        # the whole sentence before is what was said, participles and all, and the
                        # plain sentences before it in its paragraph
                        lo = self._told_run(sno - 1, lex)
                        body = text[prev.start:prev.end].rstrip()
                        self._add_indirect(lo, prev.start + len(body.rstrip(_END)), sp, text[s:e], s)
            self._speech_nouns(sent, lex)  # after the verbs: ``X възрази срещу думите на Y, че`` is X's

    def _comma_back(self, lo: int, s: int, lex: Lexicon) -> int | None:
        """``Все школы города к осени отремонтируют, об этом на пресс-конференции заявил X``: a comma, an
        anaphoric subject (``об этом``, ``за това``) and a few words with no verb or mark of their own
        before the speech verb; the words before the comma are what was said. Returns the comma."""
        text = self.text
        c = text.rfind(",", lo, s)
        if c < 0 or _mark_regex("„“”\"«»").search(text, c, s) or self.verbs_in(c + 1, s, lex):
            return None
        head = self.ix.words(c + 1, s)
        n = next((n for n in (2, 1) if len(head) > n and lex.has("anaphoric_subjects", " ".join(w[2] for w in head[:n]))), None)
        if n is None or len(head) - n > 8 or len(self.ix.words(lo, c)) < 4:
            return None
        return c

    def _tells_topic(self, sent: Span, lex: Lexicon) -> bool:
        """The sentence's predicate is a verb of commenting on a topic (``topic_verbs``) with its object
        after it, no clause or colon: it tells that someone spoke of something, not what was said."""
        for s, e, w in self.ix.words(sent.start, sent.end):
            if lex.has("topic_verbs", w) and not self._in_quote(s):
                after = self.text[e:sent.end]
                return not re.match(r"\s*[,:]", after) and not _comp_regex(lex.sections.get("complementizers", frozenset())).match(after)
        return False

    def _reported_subject(self, prev: Span, pron, lex: Lexicon) -> str | None:
        """The first person named as a subject (not after a preposition, not in marks) in the
        sentence ``prev``, when the subject pronoun ``pron`` (a word) agrees with that person's
        gender; else None."""
        from .reference import name_gender

        p = lex.pronouns.get(pron[2])
        if p is None or p[1] != "subject" or p[0] not in ("m", "f"):
            return None
        for s, e, eid in self._cands(prev.start, prev.end):
            ent = self.ix.entities.get(eid)
            if ent is None or ent.type != "PER" or ent.attrs.get("place") or self._in_quote(s) \
                    or governed(self.text, s, lex):
                continue
            if (self._ref_gender(eid) or name_gender(ent.name, lex)) == p[0] and not self._outlet(eid):
                return eid
            return None  # the first person named is the subject: another gender, no guess further on
        return None

    def _name_colon(self, sent: Span, lex: Lexicon) -> None:
        """``Иван Петров: Заплатите ще растат``, ``Петров за бюджета: Няма да има нови данъци``: a
        paragraph (a headline) that opens with a person's name, a few words at most, and a colon;
        the words after the colon, in no marks, are what that person said."""
        text = self.text
        if sent.start != self.ix.paragraph(sent.start).start:
            return
        k = text.find(":", sent.start, min(sent.end, sent.start + 80))
        if k < 0 or _mark_regex("„“”\"«»").search(text, sent.start, k):
            return
        head = self.ix.words(sent.start, k)
        if not 1 <= len(head) <= 5 or self.verbs_in(sent.start, k, lex):
            return
        who = [c for c in self._cands(sent.start, k) if not governed(text, c[0], lex)
               and getattr(self.ix.entities.get(c[2]), "type", "") == "PER"]
        # the name stands first (past one word: ``Днес X за Y:``), a topic after it at most
        if len(who) != 1 or len(self.ix.words(sent.start, who[0][0])) > 1 \
                or (self.ix.words(who[0][1], k)[:1] and not lex.has("prepositions", self.ix.words(who[0][1], k)[0][2])):
            return
        body = text[k + 1:sent.end]
        cs = k + 1 + len(body) - len(body.lstrip())
        if cs >= sent.end or text[cs] in _OPENERS or self._in_quote(cs):
            return
        ce = self._clause_end(cs, sent.end, lex)
        if len(self.ix.words(cs, ce)) >= 3:
            self._add_indirect(cs, ce, who[0][2], None, who[0][0])

    def _dash_name(self, sent: Span, lex: Lexicon) -> None:
        """``Заводам закрытие не грозит — мэр Петров``: a headline (a paragraph of one
        sentence, the document's first) of words in no marks, a dash and a person's name at its end,
        a role before the name at most; the words before the dash are what that person said."""
        text = self.text
        par = self.ix.paragraph(sent.start)
        if sent.start != par.start or self.ix.paragraph_no(sent.start) != 0:
            return
        end = min(sent.end, par.end)
        body = text[sent.start:end].rstrip().rstrip(".")
        m = re.search(r"\s[—–-]\s+([^—–\-,.:;!?]{2,80})$", body)
        if not m or _mark_regex("„“”\"«»").search(body):
            return
        k, ts = sent.start + m.start(), sent.start + m.start(1)
        tail = self.ix.words(ts, sent.start + len(body))
        if not 1 <= len(tail) <= 5 or self.verbs_in(ts, sent.start + len(body), lex) or self.verbs_in(sent.start, k, lex) \
                and any(q for q in self._near(sent.start, k)):
            return
        who = [c for c in self._cands(ts, sent.start + len(body))
               if getattr(self.ix.entities.get(c[2]), "type", "") == "PER"]
        if len(who) != 1 or who[0][1] != tail[-1][1] or governed(text, who[0][0], lex):
            return
        if len(self.ix.words(sent.start, k)) >= 3 and not self._in_quote(sent.start):
            self._add_indirect(sent.start + len(text[sent.start:k]) - len(text[sent.start:k].lstrip()), k, who[0][2], None, who[0][0])

    def _asked_before(self, sno: int) -> bool:
        """The sentence before, in the same paragraph, is a question or an exclamation in no marks
        (``Дали …? Не“, каза X``: a short answer whose lost opener stood before the question)."""
        if not sno:
            return False
        prev, cur = self.ix.sentences[sno - 1], self.ix.sentences[sno]
        body = self.text[prev.start:prev.end].rstrip()
        return body[-1:] in "?!" and self.ix.paragraph_no(prev.start) == self.ix.paragraph_no(cur.start) \
            and not _mark_regex("„“”\"«»").search(self.text, prev.start, prev.end)

    def _relayed(self, lo: int, hi: int, lex: Lexicon) -> str | None:
        """Whom an outlet's report in [lo, hi) relays (``со ссылкой на главу МИД X``,
        ``позовавайки се на министъра X``): the first person or organisation after those words."""
        phrases = lex.sections.get("relayed_from", ())
        if not phrases:
            return None
        m = phrase_regex(phrases).search(self.text[lo:hi].casefold())
        if m is None:
            return None
        start = lo + m.end()
        for s, _, eid in self._cands(start, min(hi, start + 80)):
            e = self.ix.entities.get(eid)
            if e is not None and e.type in ("PER", "ORG") and not self._outlet(eid):
                return eid
        return None

    def _told_me(self, v, lex: Lexicon) -> bool:
        """A speech verb with a first-person word next to it (``Казаха ми, че``, ``Мне сказали, что``):
        the speaker tells what he was told, in his own words, not a source's report."""
        near = self.ix.words(max(0, v[0] - 12), v[0])[-1:] + self.ix.words(v[1], v[1] + 12)[:1]
        return any(lex.has("first_person", w[2]) for w in near)

    def _first_person_run(self, sno: int, qs: int, qe: int, lex: Lexicon) -> int:
        """``Моята позиция е ясна. Няма причина за промяна, каза тя``: the plain sentences in the
        first person right before words reported with no marks, in their paragraph (up to two),
        are the speaker's own words too; where the run starts.  A plain sentence with no first
        person between them goes with them (``Сегодня я объявляю … Этот пакет включает … Он также
        включает …, сказал он``)."""
        mine = lex.sections.get("first_person", frozenset())
        if not mine:
            return qs
        k, par = sno - 1, self.ix.paragraph_no(qs)
        while k >= 0 and sno - k <= 2 and self.ix.paragraph_no(self.ix.sentences[k].start) == par:
            ps = self.ix.sentences[k]
            pws = self.ix.words(ps.start, ps.end)
            if _mark_regex("„“”\"«»").search(self.text, ps.start, ps.end) \
                    or self.verbs_in(ps.start, ps.end, lex) or self._near(ps.start, ps.end):
                break
            if any(w[2] in mine for w in pws):
                qs = ps.start + len(self.text[ps.start:ps.end]) - len(self.text[ps.start:ps.end].lstrip())
            elif k == sno - 2 or any(self.ix.entities[c[2]].type == "PER" for c in self._cands(ps.start, ps.end)):
                break  # (the run reaches back past a plain sentence only to a first-person one; none naming a person)
            k -= 1
        return qs

    def _told_run(self, k: int, lex: Lexicon, most: int = 3) -> int:
        """Where the words that ``Това заяви X`` points back at begin: sentence k and up to two plain
        sentences before it in its paragraph (none with quotation marks, a speech verb or a person of
        its own: a person named there is told about, not speaking; none a headline's)."""
        par = self.ix.paragraph_no(self.ix.sentences[k].start)
        lo = self.ix.sentences[k].start
        for j in range(k - 1, max(-1, k - most), -1):
            sj = self.ix.sentences[j]
            if par == 0 or self.ix.paragraph_no(sj.start) != par or self.verbs_in(sj.start, sj.end, lex) \
                    or _mark_regex("„“”\"«»").search(self.text, sj.start, sj.end) or self._near(sj.start, sj.end) \
                    or any(self.ix.entities[eid].type == "PER" for _, _, eid in self._cands(sj.start, sj.end)):
                break
            lo = sj.start
        return lo

    def _name_ends(self) -> set[int]:
        """Where entity mentions end (a quoted name: ``газопровода "Южен поток"``)."""
        if getattr(self, "_ends", None) is None:
            self._ends = {m.end - 1 for m in self.ix.mentions}
        return self._ends

    def _impersonal(self, lo: int, s: int, e: int, form: str | None, lex: Lexicon) -> bool:
        """A reflexive clitic right before or after a singular speech verb (``смята се``, ``се
        посочва``) with nothing in its clause that could be saying it: an impersonal statement.
        A text that speaks (``в доклада се казва, че``, ``заповедта гласи``) is kept."""
        clitics = lex.sections.get("impersonal_clitics", ())
        # (or a verb impersonal by its own ending, ``отмечается, что``)
        passive = lex.has("impersonal_verbs", form)
        if not (clitics or passive) or form not in lex.verbs or lex.verbs[form][0] != "sg":
            return False
        near = self.ix.words(max(0, s - 8), s)[-1:] + self.ix.words(e, e + 8)[:1]
        if not passive and not any(w in clitics for _, _, w in near):
            return False
        after = [w for _, _, w in self.ix.words(e, e + 30) if w not in clitics][:2]
        if len(after) == 2 and lex.has("prepositions", after[0]) and lex.has("statement_nouns", after[1]):
            return False  # ``…, се казва в изявлението на X``: a text that speaks, named after the verb
        k = self.text.rfind(",", lo, s)
        skip = ("prepositions", "relative_pronouns", "fillers", "clause_openers", "clause_enders",
                "impersonal_clitics", "anaphoric_subjects")
        return not [w for _, _, w in self.ix.words(max(lo, k + 1), s) if not any(lex.has(x, w) for x in skip)
                    and not lex.has("verb_clitics", w) and len(w) > 2]

    def _speech_nouns(self, sent: Span, lex: Lexicon) -> None:
        """``изявлението на X, че …``, ``твърдението му, че …``: a noun for what someone said, its
        author named right after it, and the clause after ``че``."""
        nouns = lex.sections.get("speech_nouns", ())
        comps = lex.sections.get("complementizers", ())
        if not nouns:
            return
        text = self.text
        for s, e, w in self.ix.words(sent.start, sent.end):
            if w not in nouns or self._in_quote(s):
                continue
            m = re.match(r"([^,.;:!?„“\"«»]{0,70}),\s*(\w+)\s", text[e:sent.end])
            if not m or m.group(2).casefold() not in comps:
                continue
            who = [c for c in self._cands(e, e + m.end(1)) if c[0] - e <= 4 or governed(text, c[0], lex)]
            if not who and not m.group(1).strip() and not governed(text, s, lex):
                # ``X распространила заявление, что …``: the noun is the object of a verb of making a
                # statement (not ``X отхвърли твърдението, че``), its subject the author
                prev = self.ix.words(sent.start, s)[-1:]
                sp = self.subject_before(sent.start, prev[0][0], None, lex) \
                    if prev and lex.has("statement_making_verbs", prev[0][2]) else None
                if sp is not None and not self._outlet(sp) and not self._near(e, e + m.end() + 1) \
                        and not any(lex.has("non_assertive", w[2]) for w in self.ix.words(sent.start, s)[-3:]):
                    cs = e + m.end()
                    ce = self._clause_end(cs, sent.end, lex)
                    # (``…, что отменила рейсы и, пригласив …, призвала``: a coordinator and a comma
                    # return to the subject's own verbs)
                    ce = next((w[0] for w in self.ix.words(cs, ce) if lex.has("predicate_coordinators", w[2])
                               and text[w[1]:w[1] + 1] == ","), ce)
                    self._add_indirect(cs, ce, sp, None, s)
                continue
            # the author closes the noun's phrase (``изявлението на X, че``), no verb of its own between
            if not who or text[who[-1][1]:e + m.end(1)].strip(" )\"“”»") or self.verbs_in(e, e + m.end(1), lex):
                continue
            cs = e + m.end()
            if self._near(cs, cs + 1) and governed(text, s, lex):
                continue  # X's verb reported it (``X възрази срещу думите на Y, че``), not Y
            ce = self._clause_end(cs, sent.end, lex)
            if len(self.ix.words(sent.start, s)) <= 1 and 0 <= text.find(",", cs, ce):
                ce = text.find(",", cs, ce)  # the noun is the subject: its clause closes at a comma
            self._add_indirect(cs, ce, who[-1][2], None, s)

    def _cited_subject(self, lo: int, v: int) -> bool:
        """A cited outlet just before the verb is its subject (``БелТА съобщи, че``), unless
        someone else stands between them (``Пред Би Би Си Борис Джонсън каза, че``)."""
        verb = re.match(r"\w+", self.text[v:v + 40])
        lex = lex_at(self.doc, v)
        medium = set(lex.sources.get("outlet_prepositions", ())) | set(lex.sources.get("before_media", ()))
        for c in self.cits:
            if c.attrs.get("cue") in medium:
                continue  # the medium a statement was made in (``в интервью телеканалу X сообщил``) is no subject
            if (c.attrs.get("cue") not in lex.citing_verbs or "," in self.text[c.end:v]) and any(
                    self.ix.entities[x[2]].type == "PER" for x in self._cands(lo, c.start)):
                continue  # ``Говорител на X, цитиран от "Труд" и БНТ, подчерта, че``: the outlets cite the speaker
            # (or further back, when the outlet was cited as this verb's subject: ``Reuters со
            # ссылкой на источники сообщило, что``)
            if (max(lo, v - 25) <= c.start or (verb and lo <= c.start and c.attrs.get("cue") == verb.group().casefold())) \
                    and c.end <= v:
                return not any(c.end <= x[0] and x[2] != c.attrs.get("entity") for x in self._cands(c.end, v))
        return False

    def _same_subject(self, lo: int, v: int, prev, lex: Lexicon) -> str | None:
        """``X заяви, че …, като подчерта, че …`` (or ``…, посочвайки, че``): a verb after ``като``,
        or a gerund, shares the subject of the clause it hangs on, the speaker of what was just
        reported in the sentence."""
        first = self.ix.words(v, v + 30)[:1]
        gerund = bool(first) and (first[0][2].endswith(lex.tuple_of("gerund_endings") or "\0")
                                  or lex.has("clause_gerunds", first[0][2]))
        k = self.text.rfind(",", lo, v)  # ``…, като за пример посочи, че``: the clause opens with ``като``
        clause = self.ix.words(k + 1, v) if k >= 0 else []
        opener = clause[:1]
        # ``…, но отбеляза, че``: a coordinated verb with no subject of its own; ``…, след като
        # някои критици заявиха``: a two-word conjunction opens a clause with a subject of its own,
        # not the speaker's (while ``…, като възможна отправна точка посочи`` is the speaker's)
        skip = ("clause_enders", "fillers", "verb_clitics", "non_assertive", "complementizers", "prepositions")
        words = [w for n, (_, _, w) in enumerate(clause[1:], 1)  # a phrase after a preposition (``за пример``) is no subject
                 if not any(lex.has(x, w) for x in skip) and not lex.has("prepositions", clause[n - 1][2])]
        joined = len(clause) > 1 and (lex.has("clause_enders", clause[1][2]) or lex.has("complementizers", clause[1][2]))
        own = words if joined or (opener and lex.has("shared_subject_openers", opener[0][2])) else []
        bare = bool(opener) and not own and not self._cands(k, v) and not self._in_quote(k)
        before = [q for q in self.quotes if not q.direct and lo <= q.start < v and q.speaker]
        if gerund and lex.has("clause_gerunds", first[0][2]):
            # ``«…», – сказала X, добавив, что …``: the speaker of the quote the gerund hangs on, direct too
            before = [q for q in self.quotes if lo - 2 <= q.start < v and q.end <= v + 2 and q.speaker]
        if bare and lex.has("shared_subject_openers", opener[0][2]):
            # the subject of the sentence's first speech verb, not one named inside what it reported
            # (``Той припомни думите на Y, според която …, и отбеляза``)
            said = [q for q in before if q.verb]
            if said:
                return said[-1].speaker
            # ``Други отбелязаха, че …, но добавиха, че``: the first verb's subject is no one named, so
            # is this one's (not a name inside what the first verb reported)
            if any(not q.direct and q.verb and lo <= q.start < v for q in self.quotes):
                return NOBODY
            vs = self.verbs_in(lo, k, lex)
            return self.subject_before(lo, vs[0][0], vs[0][2], lex) if vs else None
        if not gerund and not (prev and lex.has("clause_enders", prev[-1][2]) and not own) \
                and not (bare and lex.has("clause_enders", opener[0][2])):
            return None
        return before[-1].speaker if before else None

    def _statement_owner(self, lo: int, v: int, lex: Lexicon) -> str | None:
        """``в изявлението на X се посочва, че``: the author of the statement named before the verb."""
        nouns = lex.sections.get("statement_nouns", ())
        for s, e, w in self.ix.words(lo, v):
            if w not in nouns:
                continue
            for cs, ce, eid in self._cands(e, min(v, e + 60)):
                between = self.ix.words(e, cs)
                if len(between) <= 3 and (not between or between[0][2] in lex.sections.get("prepositions", ())):
                    return eid
                break
        return None

    def _frames(self, sent: Span, lex: Lexicon) -> None:
        """Frames before a clause (``според него, …``, ``по думите му …``, ``по словам …``);
        read before the verbs, so that ``по думите й X заяви, че`` is hers."""
        text = self.text
        # frames before a clause: "според него, …", "по думите му …", "по словам …"
        for fs, fe in self._frames_before(sent.start, sent.end, lex):
            if self._in_quote(fs):
                continue
            window = min(sent.end, fe + 70)
            cits = [c for c in self.cits if fe <= c.start < window]
            # a group further on is the subject of a clause of its own (``според източници на X
            # европейските власти настояват``), not the one the frame names
            first = [c for c in self._cands(fe, window) if (c[0], c[1]) not in self.groups or c[0] - fe <= 2]
            if first and (first[0][0], first[0][1]) in self.groups:
                sp, np_end = first[0][2], first[0][1]
            else:
                sp, np_end = self._frame_np(fe, window, lex)
            head = self.ix.words(fe, window)[:1]
            gender = lex.pronouns.get(head[0][2], ("",))[0] if head and sp is None and np_end == head[0][1] else ""
            if gender in ("m", "f") and len(text[fs:fe].split()) == 1:
                # ``според нея`` that found no one: the last speaker if a person who agrees, else
                # it stands for a thing (``новата политика … Според нея пътниците …``): no quote
                sp = self._last_speaker_of(fe, gender, None, lex, persons=True)
                if sp is None:
                    continue
            own = next((r.attrs["entity"] for r in self.refs if fs <= r.start < fe), None)
            if own is not None:  # ``по его словам``: the possessive inside the frame speaks
                sp, np_end, first = own, fe, []
            # ``според говорителя на Кремъл Дмитрий Песков``: a description and then the name in
            # apposition; the name speaks and the clause begins after it
            while (len(first) > 1 and not text[first[0][1]:first[1][0]].strip() and len(text[first[0][0]:first[0][1]].split()) > 1
                   and self.ix.entities[first[1][2]].type == "PER"):
                if sp == first[0][2]:
                    sp, np_end = first[1][2], first[1][1]
                first = first[1:]
            body_ = cits[0].attrs.get("entity") if cits and self.verbs_in(fs, fe, lex) else None
            if body_ in self.ix.entities and cits[0].start - fe <= 3 and not self._outlet(body_) \
                    and self.ix.entities[body_].type == "ORG" and re.match(r"[^,.;:!?]{0,80},", text[cits[0].start:window]) \
                    and not is_outlet(self.doc, self.ix, cits[0], lex, strict=False):
                # ``Как сообщило министерство обороны, …``: a body that is no outlet speaks (and is a source)
                sp, np_end, first, cits = body_, cits[0].end, [], []
            if cits and (not first or cits[0].start < first[0][0]) and cits[0].start - fe <= 3:
                # ``Как заявил ТАСС министр X, …``: a frame with its own speech verb names the outlet
                # told and then the speaker, a person before the comma
                stop = text.find(",", cits[0].end, window)
                told = [c for c in self._cands(cits[0].end, stop if stop >= 0 else window)
                        if getattr(self.ix.entities.get(c[2]), "type", "") == "PER" and not governed(text, c[0], lex)]
                if not (told and self.verbs_in(fs, fe, lex) and stop >= 0):
                    continue  # "според Ройтерс": a source, not a quote
                sp, np_end, first, cits = told[0][2], told[0][1], [], []
            head = self.ix.words(fe, window)[:1]
            if head and lex.has("relative_pronouns", head[0][2]):
                # ``изказване на Мей, според която …``: the relative stands for the person before
                # its comma; ``резултатите, според които …``: a relative clause, no one speaks
                rels = _relatives(lex)
                k = text.rfind(",", sent.start, fs)
                sp = self._antecedent(sent.start, k, rels[head[0][2]], lex) \
                    if head[0][2] in rels and k >= 0 and not text[k + 1:fs].strip() else None
                if sp is None or self.ix.entities[sp].type != "PER":
                    continue
                np_end, first, cits = head[0][1], [], []
            # ``…, как сообщил X.``, ``…, както заяви X.``: a frame that closes the sentence after a
            # comma; what was said stands before it
            if sp is not None and text[max(sent.start, fs - 2):fs].strip() == "," and "," not in text[fe:sent.end] \
                    and self.verbs_in(fs, fe, lex) \
                    and not _mark_regex("„“”\"«»").search(text, fe, sent.end) and len(self.ix.words(fe, sent.end)) <= 8:
                k = text.rfind(",", sent.start, fs)
                body = text[sent.start:k]
                qs = sent.start + len(body) - len(body.lstrip())
                if k - qs >= 8 and not self._outlet(sp) and not self._in_quote(qs):
                    self._add_indirect(qs, k, sp, None, fs)
                continue
            # the reported clause starts after the speaker's noun phrase (and a comma there);
            # with no one named, after a comma close by, or at the clause's own subject
            comma = text.find(",", fe, window)
            if sp is None and np_end is not None and text[max(sent.start, fs - 2):fs].strip() == "," \
                    and re.match(r"\s*,", text[np_end:window]):
                continue  # ``…, според тях, …``: an aside inside a sentence that is not theirs
            if lex.sections.get("frame_comma") and comma >= 0:  # ``по словам X, …``
                start = comma + 1
                if sp is not None and first and first[0][1] > start:
                    sp = None
            elif np_end is not None:
                m = re.match(r"[\s\"'“”»]*,", text[np_end:window])
                start = np_end + m.end() if m else np_end
                # ``според Иван Петров, министър на финансите, …``: an apposition is no part of the clause
                app = re.match(r"\s*(\w+)[^,.;:!?]{0,60}?,", text[start:window]) if m else None
                if app and (app.group(1).casefold() in lex.roles or any(
                        start <= c.start < start + app.end() for c in self.cits)):
                    start += app.end()  # ``…, министър на финансите, …``, ``…, цитиран от БТА, …``
            elif comma >= 0 and len(text[fe:comma].split()) <= 8 and (not first or comma < first[0][0]):
                start = comma + 1
            elif first and first[0][0] - fe <= 40:
                start = first[0][1] if governed(text, first[0][0], lex) else first[0][0]
            elif cits:
                start = cits[0].end
            elif self._unnamed_end(fe, window, lex):  # ``според британските лекари болестта …``
                start = self._unnamed_end(fe, window, lex)
            else:
                continue
            if sp is None and np_end is None and not self._speaker_noun(fe, start, lex):
                continue  # "според информацията", "според който": no one speaks
            ce = self._clause_end(start, sent.end, lex)
            while start < ce and (text[start].isspace() or text[start] in _CLOSERS_TRAIL):
                start += 1
            head = self.ix.words(start, min(ce, start + 30))
            if head and (head[0][2] in lex.verbs or any(c.start < start + 30 and c.start >= start
                                                        for c in self.cits)
                         and head[0][2] in lex.sources.get("verbs", ())):
                continue  # the frame ends a clause: "…, според насоките, предаде Би Би Си"
            if ce - start >= 8 and not self._outlet(sp):
                self._add_indirect(start, ce, sp, None, fs)

    def _outlet_noun(self, lo: int, v: int, v_end: int, lex: Lexicon) -> bool:
        """``Вестникът отбелязва``, ``отбелязва изданието``, ``съобщават руски издания``: an outlet
        named by a noun."""
        near = self.ix.words(lo, v)[-3:] + self.ix.words(v_end, v_end + 30)[:2]
        media = lex.sources.get("media_nouns", ())
        return any((w in lex.roles and lex.roles[w].role == "media") or w in media for _, _, w in near)

    def _unnamed_end(self, lo: int, hi: int, lex: Lexicon) -> int | None:
        """Where a frame's unnamed speakers end (``според британските лекари``), when a clause, not
        a complement (``според източници на …``), follows them."""
        ws = self.ix.words(lo, hi)
        for k, (s, e, w) in enumerate(ws[:4]):
            if lex.has("speaker_nouns", w):
                nxt = ws[k + 1][2] if k + 1 < len(ws) else ""
                return None if lex.has("prepositions", nxt) or not self.text[e:e + 1].isspace() else e
        return None

    def _speaker_noun(self, lo: int, hi: int, lex: Lexicon) -> int | None:
        """An unnamed speaker in a frame: a noun for people who speak (``източници``,
        ``представители``), a role noun, or a possessive (``показанията й``); where it ends."""
        for s, e, w in self.ix.words(lo, hi)[:4]:
            if lex.has("speaker_nouns", w) or (w in lex.roles and lex.roles[w].kind in ("person", "proxy")):
                return e
        return next((r.end for r in self.refs if lo <= r.start < hi), None)

    def _has_subject(self, lo: int, v: int, lex: Lexicon, rel=()) -> bool:
        """Whether a noun phrase stands before the verb in its clause (then an unnamed speaker,
        not a dropped subject)."""
        comps = (set(lex.sections.get("complementizers", ())) | set(lex.sections.get("clause_openers", ()))) \
            - set(lex.sections.get("relative_pronouns", ()))
        ws = [w for w in self.ix.words(lo, v) if not any(a <= w[0] < z for a, z in rel)]
        k = len(ws)
        while k and ws[k - 1][2] not in comps:
            k -= 1
        clause = [w for w in ws[k:] if not lex.has("fillers", w[2]) and not lex.has("non_assertive", w[2])
                  and not lex.has("verb_clitics", w[2])]
        if any(lex.has("impersonal_clitics", w[2]) for w in ws[k:]):
            return True  # ``В доклада се посочва, че``: an impersonal verb drops no subject
        # ``В нея посочва, че``: a preposition and the one word it governs are no subject
        clause = [w for n, w in enumerate(clause) if not lex.has("prepositions", w[2])
                  and not (n and lex.has("prepositions", clause[n - 1][2]))]
        return len(clause) >= 1 and not all(w[2] in lex.verbs or len(w[2]) <= 2 for w in clause)

    def _clause_end(self, cs: int, hi: int, lex: Lexicon, form: str | None = None) -> int:
        text = self.text
        end = hi
        while end > cs and (text[end - 1].isspace() or text[end - 1] in _END):
            end -= 1
        stops = []
        # ``X говорила, что не причастна …, и требовала …``: a past verb joined by ``и``
        # after a comma with the speech verb's own past ending goes on with the speaker, not the clause
        past = lex.tuple_of("agreeing_past_endings")
        own = next((x for x in sorted(past, key=len, reverse=True) if form and form.endswith(x)), None) if past else None
        if own:
            for m in re.finditer(r",\s+(\w+)\s+(\w+)", text[cs:end]):
                w = m.group(2).casefold()
                if lex.has("predicate_coordinators", m.group(1).casefold()) and len(w) > 4 and w.endswith(own) \
                        and m.group(2)[0].islower() and w not in lex.roles \
                        and next(x for x in sorted(past, key=len, reverse=True) if w.endswith(x)) == own \
                        and not self._in_quote(cs + m.start(2)):
                    stops.append(cs + m.start())
                    break
        # stop before a following frame: ", съобщава БТА", ", каза той", ", посочвайки, че"
        for s, e, w in self.verbs_in(cs, end, lex):
            if self._in_quote(s):
                continue
            pre = [x for x in self.ix.words(max(cs, s - 16), s) if not lex.has("impersonal_clitics", x[2])][-1:]
            if pre and lex.has("infinitive_particles", pre[0][2]):
                continue  # ``…, за да се изясни дали …``: a verb after ``да`` opens no frame
            k = text.rfind(",", cs, s)
            if k > cs and len(text[k:s].split()) <= 6:
                stops.append(k)
                break
            # ``…, че „…“ и добави, че …``: a reporting verb joined by ``и`` to the first one, with
            # what it reports after it, ends the first clause
            prev = self.ix.words(max(cs, s - 12), s)[-1:]
            if prev and lex.has("predicate_coordinators", prev[0][2]) and not text[prev[0][1]:s].strip() \
                    and re.search(r",\s*(?:%s)\b" % "|".join(map(re.escape, lex.sections.get("complementizers", ()) or ("\0",))),
                                  text[s:end]):
                stops.append(prev[0][0] - (len(text[cs:prev[0][0]]) - len(text[cs:prev[0][0]].rstrip())))
                break
        for c in self.cits:
            if cs < c.start < end:
                k = text.rfind(",", cs, c.start)
                if k > cs:
                    stops.append(k)
                    break
        g = self._gerund(cs, end, lex)
        if g is not None:
            k = text.rfind(",", cs, g)
            if k > cs:
                stops.append(k)
        for m in re.finditer(r",\s+(\w+)", text[cs:end]):
            if lex.has("clause_enders", m.group(1).casefold()):
                stops.append(cs + m.start())
                break
        return min(stops) if stops else end

    def _add_indirect(self, qs: int, qe: int, sp, verb, anchor) -> None:
        sent = self.ix.sentence(max(qs, qe - 1))
        if self.text[sent.start:sent.end].rstrip().endswith("?"):
            return  # a question reports nothing
        body = self.text[qs:qe]
        qe = qs + len(body.rstrip())
        near = self._near(qs - 2, qe + 2)  # only quotes overlapping the clause matter below
        # a clause that is all one direct quote is that quote; after a speech verb and its
        # complementizer (``заяви, че „…“``) or a frame (``според него „…“``, ``по словам X, «…»``:
        # GUIDELINES §4 lists both as reported speech) it is reported speech as well
        for q in near:
            if q.direct and q.start >= qs - 2 and q.end <= qe + 2:
                rest = (qe - qs) - (q.end - q.start)
                if rest < 12:
                    if q.speaker is None:
                        q.speaker = sp
                    if verb is not None and not _comp_regex(lex_at(self.doc, anchor).sections.get("complementizers", frozenset())) \
                            .search(self.text[anchor:qs]):
                        return
                    whole = q
                    break
        else:
            whole = None
        for q in near:
            if q.direct and q.start <= qs < q.end and q is not whole:
                return  # inside a direct quote
            if not q.direct:
                ov = min(qe, q.end) - max(qs, q.start)
                if ov > 0.5 * (qe - qs) or ov > 0.5 * (q.end - q.start):
                    if q.verb is None and verb and qs <= q.start and q.end <= qe and q.end - q.start < 0.5 * (qe - qs) \
                            and anchor is not None and anchor < qs and _comp_regex(
                                lex_at(self.doc, anchor).sections.get("complementizers", frozenset())).search(self.text[anchor:qs]):
                        # ``X коментира, че …, който според него бил …``: a frame with no verb inside
                        # the clause a speech verb reports is part of that clause, and X's
                        q.start, q.end, q.speaker, q.verb, q.anchor = qs, qe, sp, verb, anchor
                        self._changed()
                        return
                    fr = [f for f in self._frames_before(qs, q.start, lex_at(self.doc, qs))] \
                        if q.verb is None and verb and qs < q.start and q.end >= qe - 2 else []
                    cut = self.text.rfind(",", qs, fr[-1][0]) if fr else -1
                    if cut > qs and len(self.ix.words(qs, cut)) >= 3 and q.speaker in (None, sp) \
                            and not self.text[cut + 1:fr[-1][0]].strip(" ,").count(" "):
                        # ``X каза, че A, но по думите му B``: the frame opens a clause of its own;
                        # the verb's clause ends at the comma before it
                        if q.speaker is None:
                            q.speaker = sp
                        self._add(Quote(qs, cut, False, sp, verb, anchor))
                        return
                    if q.speaker is None:
                        q.speaker = sp
                    if q.verb is None and verb and q.start <= qs and qe <= q.end:
                        # "По думите й X ще гарантират, че …": her words, the clause after the verb
                        q.start, q.end, q.verb, q.anchor = qs, qe, verb, anchor
                        self._changed()
                    return
        self._add(Quote(qs, qe, False, sp, verb, anchor))

    # -------------------------------------------------------------- posts
    def posts(self) -> None:
        for p in self.doc.layer("posts"):
            end = p.attrs.get("body_end") or p.end
            body = self.text[p.start:end]
            qs = p.start + len(body) - len(body.lstrip())
            qe = p.start + len(body.rstrip())
            if qe - qs < 2:
                continue
            sp = self._author(p)
            self.quotes = [q for q in self.quotes if not (qs <= q.start < qe)]
            self._changed()
            self._add(Quote(qs, qe, True, sp, None, None, post=True))

    def _author(self, p: Span) -> str | None:
        keys = {norm(p.attrs.get("author") or ""), norm(p.attrs.get("handle") or "")} - {""}
        if self._names is None:  # each entity's names, once per article however many posts it has
            self._names = [(e.id, {norm(e.name)} | {norm(t) for t in {self.text[s:t] for s, t in e.mentions}})
                           for e in self.doc.entities]
        for eid, names in self._names:
            if keys & names:
                return eid
        kb = self.ix.kb
        for k in keys:
            key = kb.lookup(k)
            for e in self.doc.entities:
                if key and e.kb == key:
                    return e.id
        return None

    def _run_on(self) -> None:
        """Quotes that follow each other with nothing but marks between (``"…" "…", каза X``)
        have one speaker: a quote with no frame takes the next one's."""
        ds = sorted((q for q in self.quotes if q.direct), key=lambda q: q.start)
        for q, r in zip(reversed(ds[:-1]), reversed(ds[1:])):
            gap = self.text[q.end:r.start]
            if not q.known and r.known and r.speaker and len(gap) <= 8 and not any(ch.isalnum() for ch in gap):
                q.speaker, q.verb, q.anchor, q.known = r.speaker, r.verb, r.anchor, True

    def _captions(self) -> None:
        """``Иван Петров – министър на финансите: Бюджетът ще бъде приет.“``: a paragraph that opens
        with a person's name (a dash and a role after it at most, no verb) and a colon, and ends with
        a closing mark whose opening mark the text lost (as a television caption over a speaker's
        words): the words from the colon to that mark are the person's direct quote."""
        text = self.text
        for par in self.ix.paragraphs:
            body = text[par.start:par.end].rstrip()
            if len(body) < 20 or body[-1] not in "“”»" and body[-2:-1] not in ("“", "”", "»"):
                continue
            close = par.start + (len(body) - 1 if body[-1] in "“”»" else len(body) - 2)
            k = text.find(":", par.start, min(close, par.start + 120))
            if k < 0 or any(ch in _OPENERS + "”»" for ch in text[par.start:close]):
                continue
            lex = lex_at(self.doc, par.start)
            if lex.empty or self.verbs_in(par.start, k, lex) or self._in_quote(k + 1):
                continue
            who = [c for c in self._cands(par.start, k) if getattr(self.ix.entities.get(c[2]), "type", "") == "PER"]
            if not who or who[0][0] != par.start or len(self.ix.words(par.start, k)) > 12 \
                    or text[who[0][1]:k].strip()[:1] not in ("", "–", "—", "-", ","):
                continue
            qs = k + 1 + len(text[k + 1:close]) - len(text[k + 1:close].lstrip())
            if len(self.ix.words(qs, close)) >= 3:
                self._add(Quote(qs, close, True, who[0][2], None, who[0][0]))

    def _lost_opener_runs(self) -> None:
        """``„…“, заяви X. Бих казал, че …“.``: a sentence in the first person with no opening mark
        that ends in a closing mark, right after a sentence that holds a direct quote in the same
        paragraph: the speaker's words go on, their opener lost; the quote's speaker says them too."""
        text = self.text
        for sno in range(1, len(self.ix.sentences)):
            sent, prev = self.ix.sentences[sno], self.ix.sentences[sno - 1]
            body = text[sent.start:sent.end].rstrip()
            tail = body.rstrip(_END)
            if not tail or tail[-1] not in "“”»" or _mark_regex("„“”\"«»").search(text, sent.start, sent.start + len(tail) - 1) \
                    or self.ix.paragraph_no(sent.start) != self.ix.paragraph_no(prev.start):
                continue
            before = [q for q in self.quotes if q.direct and q.speaker and prev.start <= q.end <= prev.end]
            if not before or self._near(sent.start, sent.end):
                continue
            lex = lex_at(self.doc, sent.start)
            ws = self.ix.words(sent.start, sent.start + len(tail) - 1)
            if lex.empty or len(ws) < 3 or not any(lex.has("first_person", w) for _, _, w in ws):
                continue
            q = before[-1]
            self._add(Quote(ws[0][0], ws[-1][1], True, q.speaker, q.verb, q.anchor, True, inherited=True))

    def find(self) -> list[Quote]:
        self.direct()
        self._captions()
        self._run_on()
        # a direct quote inside reported speech keeps its own speaker; give inherited ones a frame
        self.indirect()
        self._lost_opener_runs()
        self._one_word_partials()
        self._unclosed_in_reported()
        for q in self.quotes:
            # and one whose frame named no one (``… „европейска супердържава“, предаде Ройтерс``)
            # is the words of whoever the reported speech around it is
            cited = q.known and q.speaker is None and bool(q.verb) \
                and norm(q.verb) in lex_at(self.doc, q.start).sources.get("verbs", ())
            # (a frame with no verb of its own, ``Британия должна стать "…"``, is the clause's subject, not the speaker)
            bare = q.known and q.verb is None and q.speaker is not None
            if q.direct and bare:
                r = next((r for r in self.quotes if not r.direct and r.speaker
                          and r.start <= q.start and q.end <= r.end + 1), None)
                if r is not None:
                    q.speaker, q.verb, q.anchor = r.speaker, r.verb, r.anchor
            if q.direct and (not q.known or cited):
                for r in self.quotes:
                    if not r.direct and r.start <= q.start and q.end <= r.end + 1 and (not q.known or r.speaker):
                        q.speaker, q.verb, q.anchor = r.speaker, r.verb, r.anchor
                if q.inherited and not any(not r.direct and r.start <= q.start and q.end <= r.end + 1 for r in self.quotes):
                    # the speaker taken from the previous direct quote: reported speech read since may
                    # stand nearer (``X заяви, че …. Работата ще осигури „…“``: X's words go on)
                    par = self.ix.paragraph_no(q.start)
                    before = [r for r in self.quotes if r is not q and r.end <= q.start and r.speaker
                              and self.ix.paragraph_no(r.start) in (par, par - 1)]
                    if before:
                        r = max(before, key=lambda r: r.end)
                        q.speaker, q.anchor = r.speaker, r.anchor
                if q.speaker is None:  # words that go on from what was just reported in the paragraph
                    par = self.ix.paragraph_no(q.start)
                    before = [r for r in self.quotes if r.end <= q.start and r.speaker
                              and self.ix.paragraph_no(r.start) == par]
                    if before:
                        r = max(before, key=lambda r: r.end)
                        q.speaker, q.anchor = r.speaker, r.anchor
            if q.direct and q.speaker is None and q.anchor is not None and q.anchor > q.end:
                # ``X, който нарече плана „…“, заяви, че …``: words in marks before the verb that
                # frames them are said by whoever that verb's reported clause names as its speaker
                r = next((r for r in self.quotes if not r.direct and r.speaker and r.anchor == q.anchor), None)
                if r is not None:
                    q.speaker = r.speaker
        self.posts()
        self.quotes = [q for q in self.quotes if q.post or not self._outlet(q.speaker)]
        trailer = self._trailer()
        self.quotes = [q for q in self.quotes if q.start < trailer]
        self.quotes.sort(key=lambda q: (q.start, -q.end))
        return self.quotes

    def _unclosed_in_reported(self) -> None:
        """``X каза, че кметовете трябва "да …`` whose closing mark never comes (no mark at all
        to the paragraph's end): the words after the opener, to the end of the clause X reports, are
        X's own words too, a partial direct quote (as a clause around a closed partial quote is)."""
        text = self.text
        for q in list(self.quotes):
            if q.direct or q.speaker is None:
                continue
            for o in range(q.start, q.end):
                if text[o] not in _OPENERS or (o and not text[o - 1].isspace()) or self._in_quote(o + 1) \
                        or any(r.direct and o - 2 <= r.end <= o for r in self.quotes):
                    continue  # (not the closing mark of words in marks: ``"…стълба " на …``)
                para = self.ix.paragraph(o)
                if _mark_regex("„“”\"«»").search(text, o + 1, para.end):
                    break  # a mark follows: paired or lost elsewhere, not this one's business
                qs = o + 1 + len(text[o + 1:q.end]) - len(text[o + 1:q.end].lstrip())
                qe = q.start + len(text[q.start:q.end].rstrip().rstrip(_END))
                if len(self.ix.words(qs, qe)) >= 2 and not any(r.direct and r.start < qe and qs < r.end for r in self.quotes):
                    self._add(Quote(qs, qe, True, q.speaker, q.verb, q.anchor))
                break

    def _one_word_partials(self) -> None:
        """``Колев заяви, че реформата е "мъртва"``: one lower-case word in marks (or up to three,
        ``"тази мярка"``) inside a clause reported with a named speaker is that speaker's word, a
        partial quote (not a name, not inside a direct quote)."""
        text = self.text
        for o, c in getattr(self, "_mark_pairs", ()):
            if c - o > 40:
                continue
            ws = self.ix.words(o + 1, c)
            # (a word that ends its phrase: one before a noun is a term, ``"твърда" граница``)
            nxt = self.ix.words(c + 1, c + 30)[:1]
            ends = text[c + 1:c + 4].lstrip()[:1] in tuple(".,;:!?…)") or (
                nxt and lex_at(self.doc, o).has("prepositions", nxt[0][2]) and not text[c + 1:nxt[0][0]].strip())
            # (the words without the spaces inside the marks: ``" думата "`` is the same quote as ``"думата"``)
            if not 1 <= len(ws) <= 3 or not text[ws[0][0]].islower() or self.ix.mentions_in(o, c + 1) or not ends \
                    or any(q.direct and q.start <= ws[0][0] and ws[-1][1] <= q.end for q in self.quotes):
                continue
            r = next((r for r in self.quotes if not r.direct and r.speaker and r.known
                      and r.start <= o and c < r.end + 1), None)
            if r is not None:
                self._add(Quote(ws[0][0], ws[-1][1], True, r.speaker, r.verb, r.anchor))

    def _trailer(self) -> int:
        """Where a list of links to other articles begins (``Сподели … Още: <headlines>``,
        ``Читайте также:``; ``related_links``): their headlines are no one's words here."""
        lex = lexicon(self.doc.lang or "bg")
        low = fold_letters(self.text)  # case-folded, same length
        hits = [m.start() for m in phrase_regex(lex.sections.get("related_links", frozenset())).finditer(low)]
        # (a link set inside the article, a long paragraph of its own text after it, opens no trailer:
        # ``… Читайте также: <headline> Мэр города добавил, что …`` and the article goes on)
        hits = [h for h in hits if all(len(self.text[p.start:p.end].strip()) < 200
                                       for p in self.ix.paragraphs if p.start >= self.ix.paragraph(h).end)]
        return min(hits) if hits else len(self.text)


def find_quotes(doc: Document, kb=None) -> list[Span]:
    out = []
    finder = Finder(doc, kb)
    for q in finder.find():
        q.speaker = finder.materialize(q.speaker)
        exclude = {q.speaker} if q.speaker else set()
        sources = source_chain(doc, q.start, q.end, anchor=q.anchor, exclude=exclude, ix=finder.ix)
        chain = source_chain(doc, q.start, q.end, anchor=q.anchor, scope="article", exclude=exclude, ix=finder.ix)
        attrs = {"direct": q.direct, "speaker": q.speaker, "verb": q.verb, "sources": sources, "chain": chain}
        if q.post:
            attrs["post"] = True  # the text of an embedded post, given to its author
        out.append(Span(q.start, q.end, "", attrs))
    return out


class QuoteStage:
    name = "quotes"
    requires = ("sentences", "mentions", "references", "citations")
    assigns = ("quotes",)
    updates = ("entities",)  # a country that speaks through a group named by its adjective

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULTS
        self.kb = load_kb(self.settings)

    def __call__(self, doc: Document) -> Document:
        doc.set_layer("quotes", find_quotes(doc, self.kb))
        return doc
