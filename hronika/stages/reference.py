"""The ``reference`` stage: pronouns, descriptions and possessives resolved to an entity.

* pronouns (``той``, ``тя``, ``него``, ``он``, ``она``): the nearest person before them, in this
  sentence or the three before, that agrees in gender (given-name and surname endings,
  ``name_gender.txt``), a subject (not after a preposition) preferred;
* descriptions (``президентът``, ``беларуският лидер``, ``компанията``): a definite role noun
  (``role_nouns.tsv``), with a country adjective when there is one.  A person's role is what the
  article says (a role noun just before the name: ``президентът Петро Порошенко``) or what the KB
  says (``kb/offices.tsv``; the country from the KB's ``of``); an organisation noun goes to the
  nearest organisation whose name holds the noun, else the nearest organisation; a proxy
  (``говорителят на X``) speaks for X; the authorities of a country adjective are the country;
* possessives (``по думите му``, ``неговият говорител``) like pronouns.

Only what resolves is kept: ``Span(start, end, label, {"entity": id})``, label ``pronoun``,
``description`` or ``possessive``.
"""
from __future__ import annotations

import re

from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from ..document import Document, Span
from ..kb import load as load_kb
from ..kb import place_for_adjective as _place
from ..settings import DEFAULTS, Settings

# roles (role_nouns.tsv) whose noun refers only to an organisation named with that noun, never to
# whichever organisation was named last
NAMED_ONLY = frozenset({"court", "party", "commission"})
from ..speech import Index, Lexicon, ends_with_phrase, governed, lex_at, word_before

OFFICES = Path(__file__).resolve().parents[1] / "kb" / "offices.tsv"
WINDOW = 3  # sentences back to look for an antecedent
HEADS = ("president", "premier", "chancellor", "leader")  # who a "leader" may be


@lru_cache(maxsize=50_000)
def place_for_adjective(word: str, lang: str) -> str | None:
    return _place(word, lang)


@lru_cache(maxsize=None)
def _role_stems(code: str, role: str) -> tuple[str, ...]:
    """The stems of the organisation nouns of one role (``company``: компания, перевозчик …), once per language."""
    from ..speech import lexicon
    return tuple(sorted({r.stem for r in lexicon(code).roles.values() if r.role == role and r.kind == "org" and len(r.stem) >= 5}))


@lru_cache(maxsize=1)
def offices() -> dict[str, frozenset[str]]:
    out = {}
    for line in OFFICES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, roles = (line.split("\t") + [""])[:2]
            out[key] = frozenset(r for r in roles.split("|") if r)
    return out


def name_gender(name: str, lex: Lexicon) -> str:
    """'f' or 'm' from a person's name: a given name in -а/-я (not a masculine one) or a listed
    feminine one (``female_given_names``), or a feminine surname ending."""
    parts = [p for p in name.replace("-", " ").split() if p.isalpha()]
    if not parts:
        return "m"
    g = lex.gender
    first, last = parts[0].casefold(), parts[-1].casefold()
    if len(parts) >= 2 and first in g.get("female_given_names", ()):
        return "f"  # ``Арлин Фостър``
    if len(parts) >= 2 and first not in g.get("male_given_names", ()) \
            and first.endswith(tuple(g.get("female_given_endings", ()))):
        return "f"
    if last.endswith(tuple(g.get("female_surname_endings", ()))):
        return "f"
    return "m"


def oblique_name(said: str, name: str, lex: Lexicon) -> bool:
    """A Russian person's name as written (``said``) in an oblique case, against the entity's
    name (the nominative): its given name differs (``Борису``, ``Ивана``; not ``Мария``), or a
    one-word surname differs with a dative or instrumental ending (``Смирнову``), or with any
    ending when the name is a man's (``Смирнова`` of ``Олег Смирнов``).  Such a name is no subject."""
    if lex.code != "ru":
        return False
    a, b = [w.casefold() for w in said.split()], [w.casefold() for w in name.split()]
    if not a or not b:
        return False
    if len(a) >= 2 and len(b) >= 2:
        return a[0] != b[0]
    if a[-1] == b[-1]:
        return False
    return a[-1].endswith(lex.tuple_of("oblique_name_endings") or "\0") or name_gender(name, lex) == "m"


def told_gender(ix: Index, doc: Document, eid: str) -> str | None:
    """'f' or 'm' when the text tells a person's gender by the word right after a mention of
    them (past a comma): a speech verb or a participle that shows it (``Никола Иванс,
    цитирана от``; ``Иванс заявила``), all agreeing; else None.  It overrides the name's look."""
    got = set()
    ent = ix.entities.get(eid)
    last = ent.name.split()[-1].casefold() if ent is not None and ent.name.split() else ""
    for m in ix.mentions:
        if m.attrs.get("entity") != eid:
            continue
        said = doc.text[m.start:m.end].split()
        if last and said and said[-1].casefold() != last:
            continue  # an inflected name (``письмо Борису Джонсону призналась``): not the subject of what follows
        lex = lex_at(doc, m.start)
        nxt = ix.words(m.end, m.end + 30)[:1]
        if not nxt or doc.text[m.end:nxt[0][0]].strip() not in ("", ",") or governed(doc.text, m.start, lex):
            continue  # (``говорител на X, цитиран от``: the participle is the spokesman's)
        w = nxt[0][2]
        g = lex.verbs[w][1] if w in lex.verbs and lex.verbs[w][0] == "sg" else None
        if g is None:
            g = next((x.split()[1] for x in lex.sections.get("gendered_participles", ())
                      if x.split()[0] == w and len(x.split()) > 1), None)
        if g in ("m", "f"):
            got.add(g)
    return next(iter(got)) if len(got) == 1 else None


def unnamed_role_before(ix: Index, doc: Document, refs: list[Span], pos: int, gender: str,
                        lex: Lexicon | None = None) -> tuple[Span, int] | None:
    """When ``pos`` opens its sentence and the sentence before opens with a definite role noun for
    a person of ``gender`` that no reference resolved (``Директорът на болницата показа …``): that
    sentence and where the role noun's words go on (a name after it is for the caller to rule out).
    ``lex``: the language data to read the role noun with (default: the previous sentence's)."""
    sno = ix.sentence_no(pos)
    if sno == 0 or ix.words(ix.sentences[sno].start, pos):
        return None
    prev = ix.sentences[sno - 1]
    lex = lex or lex_at(doc, prev.start)
    ws = ix.words(prev.start, prev.end)[:1]
    role = lex.roles.get(ws[0][2]) if ws else None
    if role is None or role.kind != "person" or not role.definite or role.gender not in (gender, "-"):
        return None
    if any(r.start == ws[0][0] for r in refs):
        return None  # the description is someone named before
    return prev, ws[0][1]


# words said of what someone is or did, not an office (``политикът``, ``разобличителят``): none is
# learnt as a person's office, and each may be said of anyone
NO_OFFICE = ("politician", "whistleblower")


def _role_matches(wanted: str, held: set[str] | frozenset[str]) -> bool:
    if wanted == "any":
        # a general word for an office holder (``дипломатът``) is not said of a head of state or government
        return not held or not held <= set(HEADS) | {"premier", "monarch"}
    if wanted in NO_OFFICE:
        return True  # ``политикът``: said of anyone in politics, heads included
    if wanted in held or wanted == "head":
        return True  # a head (``глава``, ``ръководител``) may hold any office
    return wanted == "leader" and bool(held & set(HEADS))


class Resolver:
    """Everything the resolution needs about one document."""

    def __init__(self, doc: Document, kb=None) -> None:
        self.ix = Index(doc, kb)
        self.doc, self.kb = doc, self.ix.kb
        self.text = doc.text
        self.roles: dict[str, set[str]] = defaultdict(set)
        self.countries: dict[str, set[str]] = defaultdict(set)
        self.gender: dict[str, str] = {}
        self._oblique: set[int] = set()  # where a Russian name in an oblique case starts (see persons_before)
        self.country_entity: dict[str, str] = {}
        for e in doc.entities:
            if e.type == "LOC" and e.kb:
                self.country_entity.setdefault(e.kb, e.id)
            if e.type != "PER":
                continue
            self.roles[e.id] |= offices().get(e.kb, frozenset())
            c = self.kb.country_of(e.kb) if e.kb else None
            if c:
                self.countries[e.id].add(c)
        # the people of a country (``германците``) name it too: its authorities are that country
        self.demonym_entity = {e.kb: e.id for e in doc.entities if e.kb and e.attrs.get("place") == e.kb}
        # a capital stands for its country when the country itself is not named (GUIDELINES §1)
        for e in doc.entities:
            entry = self.kb.entries.get(e.kb) if e.kb else None
            if e.type == "LOC" and entry is not None and entry.kind == "capital" and entry.of:
                self.country_entity.setdefault(entry.of, e.id)
        self._starts: dict[str, list[int]] = defaultdict(list)  # each entity's mention starts, in order
        for m in self.ix.mentions:
            if m.attrs.get("entity"):
                self._starts[m.attrs["entity"]].append(m.start)
        for starts in self._starts.values():
            starts.sort()
        self.refs: list[Span] = []
        self.state_refs: list[tuple[int, str]] = []  # (where, the country) of each government or authorities resolved
        self.proxy_gender: dict[int, str] = {}
        self.named_proxy: dict[tuple[str, str], str] = {}  # (role stem, whom it speaks for) -> the person named so
        self._speech: list[tuple[int, int]] | None = None  # see _in_speech
        self.bodies: dict[str, set[str]] = defaultdict(set)  # person -> organisations their role noun named
        self._mention_ends: dict[int, int] | None = None  # see _objects
        self.guessed: set[str] = set()  # persons whose gender only a given name of either gender tells
        self._learn_roles()

    # ---------------------------------------------------------------- what the article says
    def _learn_roles(self) -> None:
        """A role noun (and a country adjective) in the few words before a person's name."""
        for m in self.ix.mentions:
            e = self.ix.entity(m)
            if e is None or e.type != "PER":
                continue
            lex = lex_at(self.doc, m.start)
            if lex.empty:
                continue
            if e.id not in self.gender:
                told = told_gender(self.ix, self.doc, e.id)
                self.gender[e.id] = told or name_gender(e.name, lex)
                first = e.name.replace("-", " ").split()[0].casefold() if e.name.split() else ""
                if told is None and len(e.name.split()) >= 2 and first in lex.gender.get("male_given_names", ()):
                    self.guessed.add(e.id)  # ``Никола``, ``Андреа``: a man's name here, a woman's abroad
            sent = self.ix.sentence(m.start)
            before = self.ix.words(max(sent.start, m.start - 140), m.start)[-13:]
            # stop at punctuation: only the words touching the name
            seg = self.text[before[0][0] if before else m.start:m.start]
            cut = max(seg.rfind(c) for c in ",.;:!?()„“\"«»")
            if cut >= 0:
                lo = (before[0][0] if before else m.start) + cut
                before = [w for w in before if w[0] > lo]
            # nor past another name or a verb (``Кметът на Варна Иван Петров критикува Мария Иванова``)
            prior = [x.end for x in self.ix.mentions_in(before[0][0], m.start)
                     if getattr(self.ix.entity(x), "type", "") == "PER"] if before else []
            events = _event_words(lex.code)
            stops = prior + [w[1] for w in before if w[2] in lex.verbs or w[2] in events]
            if stops:
                before = [w for w in before if w[0] >= max(stops)]
            for _, _, w in before:
                r = lex.roles.get(w)
                if r and r.kind == "person" and r.role not in NO_OFFICE:  # said of anyone: no office learnt
                    self.roles[e.id].add(r.role)
                c = place_for_adjective(w, lex.code)
                if c:
                    self.countries[e.id].add(c)
            after = self.ix.words(m.end, min(sent.end, m.end + 40))[:1]
            if after and self.text[m.end:after[0][0]].strip() == ",":
                r = lex.roles.get(after[0][2])  # ``Мери Лу Макдоналд, лидер на партията``: an apposition after it
                if r and r.kind == "person" and r.role not in NO_OFFICE:
                    self.roles[e.id].add(r.role)
            for j in range(len(before) - 2):
                # ``президентът на Украйна Петро Порошенко``: the country that complements the role noun
                r = lex.roles.get(before[j][2])
                if r and r.kind == "person" and lex.has("of_preps", before[j + 1][2]):
                    x = self.ix.mentions_in(before[j + 2][0], before[j + 2][1])
                    place = self.ix.entity(x[0]) if x and x[0].start == before[j + 2][0] else None
                    if place is not None and place.type == "LOC" and place.kb and place.kb in self.country_entity:
                        self.countries[e.id].add(place.kb)
                    body = [y for y in self.ix.mentions_in(before[j + 2][0], m.start) if y.start == before[j + 2][0]]
                    body = self.ix.entity(body[0]) if body else None
                    if body is not None and body.type == "ORG":
                        # ``председателят на Европейската комисия X``: the body X heads or serves
                        self.bodies[e.id].add(body.id)

    def gender_of(self, eid: str) -> str:
        return self.gender.get(eid, "m")

    # ---------------------------------------------------------------- antecedents
    def persons_before(self, pos: int) -> list[tuple[int, str, bool, str]]:
        """(start, entity id, is a subject, gender) of persons named or referred to before ``pos``
        in this sentence and the WINDOW before it, nearest first; a spokesman for an
        organisation (``говорителят на X``) counts as a person who stands for X."""
        sno = self.ix.sentence_no(pos)
        lo = min(self.ix.sentences[max(0, sno - WINDOW)].start, self.ix.paragraph(pos).start)
        out = []
        for m in self.ix.mentions_in(lo, pos):
            e = self.ix.entity(m)
            if e is not None and e.type == "PER" and not e.attrs.get("place") and not m.attrs.get("place") \
                    and not self._people(e) and not self._quoted_name(m) and not self._in_speech(m.start, pos):
                lex = lex_at(self.doc, m.start)
                # ``подкрепена от X, който каза``: a name a relative clause makes the subject of its verb
                rel = re.match(r"\s*,\s*(\w+)", self.text[m.end:m.end + 30])
                subj = not (governed(self.text, m.start, lex) or self._governed_pair(m, lex)
                            or self._governed_role(m, lex)) or (
                    rel is not None and any(x.split()[0] == rel.group(1).casefold()
                                            for x in lex.sections.get("subject_relatives", ())))
                subj = subj and not self._reported(m.start, pos, lex)
                if oblique_name(self.text[m.start:m.end], e.name, lex):
                    self._oblique.add(m.start)
                out.append((m.start, e.id, subj, self.gender_of(e.id)))
        for r in self.refs:
            if lo <= r.start < pos and not self._in_speech(r.start, pos):
                eid = r.attrs["entity"]
                if r.start in self.proxy_gender:  # ``говорителят на Мария Иванова … той``: the spokesman's gender
                    out.append((r.start, eid, True, self.proxy_gender[r.start]))
                elif eid in self.gender:
                    out.append((r.start, eid, r.label != "possessive" and not self._reported(r.start, pos, lex_at(self.doc, r.start)),
                                self.gender_of(eid)))
        out = self._objects(out)
        out.sort(reverse=True)
        return out

    def _objects(self, out: list[tuple[int, str, bool, str]]) -> list[tuple[int, str, bool, str]]:
        """A person named after another one's subject and a verb in the same clause, with no
        punctuation between (``X също е атакувал министъра Y, …``), is the verb's object, not a
        subject: a pronoun in a later sentence goes on with X (the subject), not with the nearer Y."""
        if self._mention_ends is None:
            self._mention_ends = {}
            for m in self.ix.mentions:
                self._mention_ends.setdefault(m.start, m.end)
        ends = self._mention_ends  # where a name ends, else where a reference that starts there ends
        ref_ends: dict[int, int] = {}
        for r in self.refs:
            if r.start not in ends:
                ref_ends.setdefault(r.start, r.end)
        by_start = sorted(out)
        res = []
        for k, (s, eid, subj, g) in enumerate(by_start):
            if subj:
                sent = self.ix.sentence(s)
                lex = lex_at(self.doc, s)
                for s2, eid2, subj2, _g2 in by_start[:k]:
                    if not subj2 or eid2 == eid or s2 < sent.start:
                        continue
                    gap = self.text[ends.get(s2, ref_ends.get(s2, s2)):s]
                    words = [x.casefold() for x in gap.split()]
                    # (two words at least, a verb and more: ``X похвали съветника Y``; no clause or
                    # coordination opens between: ``X, а Y``, ``X и министър Y`` keep Y a subject)
                    if len(words) >= 2 and not re.search(r"[,;:()\u2013\u2014\"\u201c\u201e\u00ab\u00bb-]", gap) \
                            and not any(w in lex.verbs or lex.has("clause_openers", w) for w in words):
                        subj = False
                        break
            res.append((s, eid, subj, g))
        return res

    def _reported(self, at: int, pos: int, lex: Lexicon) -> bool:
        """``X твърди, че в компанията е работил Y. Според него …``: a name inside the clause a
        speech verb reports, in an earlier sentence, is what the speaker spoke of; the pronoun after
        goes on with the speaker (a subject before the verb), not with the name he mentioned."""
        sent = self.ix.sentence(at)
        if sent.start <= pos < sent.end:
            return False
        ws = self.ix.words(sent.start, at)
        comp = next((k for k in range(len(ws) - 1, 0, -1) if lex.has("complementizers", ws[k][2])
                     and self.text[ws[k - 1][1]:ws[k][0]].strip() == ","), None)
        if comp is None or not any(w in lex.verbs for _, _, w in ws[max(0, comp - 4):comp]):
            return False
        verb = next(k for k in range(comp - 1, max(-1, comp - 5), -1) if ws[k][2] in lex.verbs)
        return any(getattr(self.ix.entity(m), "type", "") == "PER" for m in self.ix.mentions_in(sent.start, ws[verb][0]))

    def _in_speech(self, at: int, pos: int) -> bool:
        """``at`` lies inside quoted words (three or more) that do not also hold ``pos``: a name
        someone speaks of (``каза „Да подкрепим министър X.“ Той …``) is no antecedent outside."""
        if self._speech is None:
            from .quotes import pair_marks
            from ..speech import lexicon
            marks = lexicon(self.doc.lang or "bg").marks or lexicon("bg").marks
            self._speech = [(o, c) for o, c in pair_marks(self.text, self.ix.paragraphs, marks)
                            if len(self.text[o + 1:c].split()) >= 3]
        return any(o < at < c and not o < pos < c for o, c in self._speech)

    def _people(self, e) -> bool:
        """A people (``пакистанцы``, a PER entity the KB keys to a country) is no one person."""
        entry = self.kb.entries.get(e.kb) if e.kb else None
        return entry is not None and entry.type == "LOC"

    def _quoted_name(self, m: Span) -> bool:
        """A person's name in quotation marks names something else (``институтът „Робърт Кох“``)."""
        marks = lex_at(self.doc, m.start).marks
        return any(self.text[m.start - 1:m.start] == o and self.text[m.end:m.end + 1] == c
                   for o, c in marks) if m.start else False

    def antecedent(self, pos: int, gender: str, bound: bool = False) -> str | None:
        if gender not in ("m", "f"):
            return None
        # a pronoun is never the person its own clause names after it (``Той благодари на Стоянов``: he is
        # someone else than Стоянов, the one the sentences before told of)
        # (a possessive may: ``по думите му X каза``)
        named = set()
        if bound:
            sent = self.ix.sentence(pos)
            cut = re.search(r"[,;:!?(\u201e\u201c\u00ab\"]|\s[\u2013\u2014-]\s", self.text[pos:sent.end])
            named = {getattr(self.ix.entity(m), "id", None) for m in self.ix.mentions_in(
                pos, pos + cut.start() if cut else sent.end)}
        before = self.persons_before(pos)
        # (a personal pronoun goes back to a subject, never to a Russian name in an oblique case,
        # ``роль Павла Сидорова … он``; a possessive may: ``Марии Ивановой и ее семье``)
        before = [(s, eid, subj and not (bound and s in self._oblique), g) for s, eid, subj, g in before]
        cands = [(s, eid, subj) for s, eid, subj, g in before if g == gender and eid not in named]
        if not cands and self.guessed:
            # ``Никола Стърджън обяви … тя``: no one of the pronoun's gender is named before it, and
            # the nearest subject in this or the sentence before is a person whose given name is
            # borne by men and women alike: the pronoun tells that person's gender from now on
            sno = self.ix.sentence_no(pos)
            for s, eid, subj, g in before:
                if subj and self.ix.sentence_no(s) >= sno - 1:
                    if eid in self.guessed:
                        self.guessed.discard(eid)
                        self.gender[eid] = gender
                        return eid
                    break
        for s, eid, subj in cands:
            if subj:
                return None if self._unnamed_subject_between(pos, gender, s) else eid
        if cands and self._unnamed_subject_between(pos, gender, cands[0][0]):
            return None
        return cands[0][1] if cands else None

    def _unnamed_subject_between(self, pos: int, gender: str, cand: int) -> bool:
        """``Министърът X посети болницата. Директорът на болницата показа … Той каза``: a pronoun
        opening its sentence after a sentence whose subject is a person named only by a role noun
        (of its gender) refers to that person, not to a name further back: no antecedent."""
        found = unnamed_role_before(self.ix, self.doc, self.refs, pos, gender)
        if found is None or cand >= found[0].start:
            return False
        prev, w = found
        return not any(getattr(self.ix.entity(m), "type", "") == "PER"
                       for m in self.ix.mentions_in(w, min(prev.end, w + 60)))

    def country(self, key: str) -> str | None:
        """The entity for a country: its own name, else its people (``германците``), else its capital."""
        eid = self.country_entity.get(key)
        ent = self.ix.entities.get(eid) if eid else None
        if key in self.demonym_entity and (ent is None or ent.kb != key):
            return self.demonym_entity[key]
        return eid

    def last_country(self, pos: int) -> str | None:
        """The one country (or its capital) named before ``pos``, in its sentence or the WINDOW before
        (with two or more named there, ``страната`` could be either: none)."""
        sno = self.ix.sentence_no(pos)
        lo = self.ix.sentences[max(0, sno - WINDOW)].start
        found = set()
        for m in self.ix.mentions_in(lo, pos):
            e = self.ix.entity(m)
            entry = self.kb.entries.get(e.kb) if e is not None and e.kb else None
            if e is not None and e.type == "LOC" and entry is not None and entry.kind in ("country", "capital"):
                found.add(e.id)
        return found.pop() if len(found) == 1 else None

    def _body_holder(self, s: int, ws, k: int, lex: Lexicon, role: str, gender: str) -> str | None:
        """``шефът на Еврокомисията``: a person's role noun with an organisation after it refers
        to the person the article introduced with a role noun of that same organisation
        (``председателят на Европейската комисия X``) when the two nouns agree in office (a head,
        ``шеф``, may hold any; a spokesman is no chairman) and gender; the nearest before."""
        if k + 1 >= len(ws) or not lex.has("of_preps", ws[k][2]):
            return None
        x = [y for y in self.ix.mentions_in(ws[k + 1][0], ws[-1][1] + 1) if y.start == ws[k + 1][0]]
        org = self.ix.entity(x[0]) if x else None
        if org is None or org.type != "ORG":
            return None
        last = {}
        for eid, bodies in self.bodies.items():
            if org.id in bodies and _role_matches(role, self.roles.get(eid, set())) \
                    and (gender not in ("m", "f") or self.gender_of(eid) == gender):
                i = bisect_left(self._starts.get(eid, ()), s)
                if i:
                    last[eid] = self._starts[eid][i - 1]
        return max(last, key=last.get) if last else None

    def person_with_role(self, pos: int, role: str, country: str | None, gender: str) -> str | None:
        cands = [e for e in self.roles if _role_matches(role, self.roles[e])
                 and (country is None or country in self.countries.get(e, ()))]
        if cands and gender in ("m", "f"):
            cands = [e for e in cands if self.gender_of(e) == gender] or cands
        if cands:
            last = {}
            for eid in cands:
                starts = self._starts.get(eid, ())
                i = bisect_left(starts, pos)
                if i:
                    last[eid] = starts[i - 1]
            if last:
                return max(last, key=last.get)
            # the one holder of the office named only later: a headline's description names ahead
            # (``Премиерът ...`` over the article that names him); in the body a description refers
            # back, to a person named before whom nothing says to hold another office (below)
            if self.ix.paragraph_no(pos) == 0:
                return cands[0] if len(cands) == 1 else None
        for _, eid, subj, _g in self.persons_before(pos):
            if eid not in self.gender:
                continue  # a spokesman's organisation holds no office
            ent = self.ix.entities.get(eid)
            if ent is not None and ent.attrs.get("place"):
                continue  # a people (``германците``), whatever type the model gave it, holds no office
            known = self.countries.get(eid)
            held = self.roles.get(eid)
            if held and not _role_matches(role, held):
                continue  # the article or the KB says this person is something else
            if subj and self.gender_of(eid) == (gender if gender in ("m", "f") else self.gender_of(eid)) \
                    and (country is None or not known or country in known):
                return eid
        return None

    def _governed_role(self, m: Span, lex: Lexicon) -> bool:
        """A name right after a person's role noun that follows a preposition (``переговоры с
        премьером Петром Ивановым``, ``среща с премиера Петър Иванов``): no subject either."""
        ws = self.ix.words(max(0, m.start - 40), m.start)[-2:]
        if len(ws) < 2 or self.text[ws[1][1]:m.start].strip() or self.text[ws[0][1]:ws[1][0]].strip():
            return False
        r = lex.roles.get(ws[1][2])
        return r is not None and r.kind in ("person", "proxy") and lex.has("prepositions", ws[0][2])

    def _governed_pair(self, m: Span, lex: Lexicon) -> bool:
        """The second of two names joined by ``и`` after one preposition (``среща на Мей и
        финансовия министър X``): no subject either."""
        prev = [x for x in self.ix.mentions_in(max(0, m.start - 80), m.start) if x.end <= m.start]
        if not prev:
            return False
        gap = self.text[prev[-1].end:m.start].split()
        return 2 <= len(gap) + 1 <= 4 and lex.has("predicate_coordinators", gap[0].casefold()) \
            and all(w.isalpha() and w.islower() for w in gap[1:]) and governed(self.text, prev[-1].start, lex)

    def _previous_subject(self, pos: int, lex: Lexicon) -> Span | None:
        """``X отказался комментировать. Ранее компания заявила …``: a description that is the
        subject near the opening of its sentence goes on with the name that opens the sentence
        before (its subject), ahead of a name that a noun of the same kind introduced further back."""
        sno = self.ix.sentence_no(pos)
        if sno == 0 or governed(self.text, pos, lex) or len(self.ix.words(self.ix.sentences[sno].start, pos)) > 2:
            return None
        prev = self.ix.sentences[sno - 1]
        first = self.ix.words(prev.start, prev.end)[:1]
        ms = self.ix.mentions_in(prev.start, prev.end)[:1]
        if not first or not ms or ms[0].start != first[0][0] or self.ix.entity(ms[0]) is None:
            return None
        return ms[0]

    def organisation(self, pos: int, stem: str, kind_media: bool, lex: Lexicon | None = None, role: str = "") -> str | None:
        sno = self.ix.sentence_no(pos)
        lo = self.ix.sentences[max(0, sno - WINDOW)].start
        orgs = [m for m in self.ix.mentions_in(lo, pos) if m.label == "ORG"]
        for m in reversed(orgs):
            if stem in self.text[m.start:m.end].casefold():
                return m.attrs["entity"]
        if lex is not None:
            prev = self._previous_subject(pos, lex)
            if prev is not None:
                e = self.ix.entity(prev)
                media = bool(e.kb) and getattr(self.kb.entries.get(e.kb), "kind", "") == "media"
                if e.type == "ORG" and media == kind_media:
                    return e.id
        for m in reversed(orgs):  # ``Компания „X“ … в компании``: the name the noun introduced
            if stem in self.text[max(0, m.start - len(stem) - 6):m.start].casefold():
                return m.attrs["entity"]
        # (or a noun for the same kind of organisation: ``авиакомпании X … перевозчик``)
        stems = _role_stems(lex.code, role) if lex is not None and role else ()
        for m in reversed(orgs):
            before = self.text[max(0, m.start - 24):m.start].casefold()
            if any(st in before for st in stems):
                return m.attrs["entity"]
        if role in NAMED_ONLY:
            return None  # (a court, a party or a commission is one the article named so, not any organisation before it)
        for m in reversed(orgs):
            e = self.ix.entity(m)
            media = bool(e.kb) and getattr(self.kb.entries.get(e.kb), "kind", "") == "media"
            if media == kind_media:
                return e.id
        return None

    def _clause_between(self, lo: int, hi: int, lex: Lexicon) -> bool:
        """A verb between a role noun and a name (``президентът се срещна с Путин``): the name
        is not in apposition to the noun.  (In Russian, any verb in the past tense: ``Премьер-министр
        Великобритании поблагодарила Джонсона``.)"""
        events = _event_words(lex.code)
        past = lex.tuple_of("past_endings")
        return any(w in lex.verbs or w in events or (past and len(w) > 4 and w.endswith(past) and w not in lex.roles)
                   for _, _, w in self.ix.words(lo, hi))

    # ---------------------------------------------------------------- finding
    def find(self) -> list[Span]:
        for sent in self.ix.sentences:
            lex = lex_at(self.doc, sent.start)
            if lex.empty:
                continue
            ws = self.ix.words(sent.start, sent.end)
            pronouns, roles, multi_first = lex.pronouns, lex.roles, lex.multi_first
            i = 0
            while i < len(ws):
                w = ws[i][2]
                if w in pronouns or w in roles or w in multi_first:
                    i = self._at(ws, i, lex, sent)
                else:
                    i += 1
        return self.refs

    def _at(self, ws, i: int, lex: Lexicon, sent: Span) -> int:
        """A reference at word ``i`` (a pronoun or role noun): its span added; the next word to read."""
        s, e, w = ws[i]
        text = self.text
        p = lex.pronouns.get(w)
        if p is not None:
            gender, kind = p
            if kind == "clitic" and not (i and (lex.has("possessive_heads", ws[i - 1][2]) or (
                    gender in ("m", "f") and ws[i - 1][2] in _event_nouns(lex.code)))):
                return i + 1  # (``посещението ѝ``, ``арестът му``: whose visit, whose arrest)
            eid = self.antecedent(s, gender, bound=kind not in ("possessive", "clitic"))
            if eid:
                label = "possessive" if kind in ("possessive", "clitic") else "pronoun"
                self.refs.append(Span(s, e, label, {"entity": eid}))
            return i + 1
        role, n = lex.roles.get(w), 1
        if i + 1 < len(ws) and (w, ws[i + 1][2]) in lex.multi_roles:
            role, n = lex.multi_roles[(w, ws[i + 1][2])], 2
        if role is None:
            return i + 1
        if any(m.start <= s < m.end for m in self.ix.mentions_in(max(0, s - 80), s + 80)):
            return i + n  # a word of a name (``Агенцията за гражданска защита``)
        end = ws[i + n - 1][1]
        # adjectives before the noun: a country adjective, and the definite article on the first word
        start, country, definite = s, None, role.definite
        for j in (i - 1, i - 2):
            if j < 0 or text[ws[j][1]:ws[j + 1][0]].strip():
                break
            c = place_for_adjective(ws[j][2], lex.code)
            if c:
                country, start = c, ws[j][0]
                definite = definite or lex.code != "bg" or ws[j][2].endswith(lex.tuple_of("definite_adjective_endings"))
                break
            if not ws[j][2].endswith(lex.tuple_of("adjective_endings")) or ws[j][2] in lex.verbs \
                    or ws[j][2].endswith(lex.tuple_of("noun_endings") or "\0"):  # ``обясни началникът``: a verb
                break
            start = ws[j][0]
            definite = definite or ws[j][2].endswith(lex.tuple_of("definite_adjective_endings"))
        # a headline names its speaker bare (``…, заяви министър``): the one the article names so
        headline = self.ix.paragraph_no(s) == 0 and i > 0 and ws[i - 1][2] in lex.verbs
        # (a Russian organisation noun after ``в``/``из`` in any case: ``сообщили в компании``)
        # (or in the genitive after the people who speak for it: ``по словам представителей компании``)
        before = word_before(text, start)
        located = role.kind == "org" and lex.code != "bg" and (
            lex.has("impersonal_from", before) or lex.has("speaker_nouns", before)
            or (before in lex.roles and lex.roles[before].kind == "proxy"))
        # (a Russian noun in any case after a reporting frame: ``По словам министра, …``)
        if not definite and lex.code != "bg" and role.kind in ("person", "proxy"):
            definite = ends_with_phrase(text[max(0, start - 30):start], lex.sections.get("frames_before", ())) is not None
        if not definite and role.kind != "proxy" and not headline and not located:
            return i + n
        # apposition: the name follows within a few words -> the name is the mention itself
        nxt = self.ix.mentions_in(end, min(sent.end, end + 60))
        gap = text[end:nxt[0].start] if nxt else ""
        if role.kind == "person":
            # "президентът Петро Порошенко", "Президент России Владимир Путин", "специалният представител
            # на ООН за Близкия изток ... Иван Петров": the noun's complement runs up to the name
            for m in self.ix.mentions_in(end, min(sent.end, end + 120)):
                g = text[end:m.start]
                if any(c in g for c in ",.;:!?„“\"«»") or len(g.split()) > 12 or self._clause_between(end, m.start, lex):
                    break
                if self.ix.entity(m).type == "PER":
                    return i + n
        eid = None
        if role.kind == "proxy":
            if nxt and len(gap.split()) <= 4 and gap.strip().split()[:1] and lex.has("prepositions", gap.split()[0].casefold()) \
                    and not any(ch in gap for ch in ",.;:!?"):  # ``говорителка на министерството, предаде БТА``
                eid = nxt[0].attrs["entity"]
                ent = self.ix.entity(nxt[0])
                if ent.type == "PRO":
                    return i + n  # ``говорител на проекта „Южна дъга“``: a product speaks through no one
                if ent.attrs.get("place") or nxt[0].attrs.get("place"):
                    eid = self.country_entity.get(self.kb.iso.get(ent.attrs.get("place") or nxt[0].attrs.get("place"), ""), eid)
                end = nxt[0].end
                # ``говорителят на РИОСВ д-р Мария Петрова``: the person named after it (past a title)
                # is who the same description means further on (``…, каза говорителят на РИОСВ``)
                key = (role.stem, eid)
                after = self.ix.mentions_in(end, min(sent.end, end + 40))[:1]
                gap2 = [w.strip(".").casefold() for w in text[end:after[0].start].split()] if after else []
                if after and self.ix.entity(after[0]).type == "PER" and len(gap2) <= 2 \
                        and all(lex.has("honorifics", w) for w in gap2):
                    self.named_proxy[key] = after[0].attrs["entity"]
                elif key in self.named_proxy:
                    eid = self.named_proxy[key]
            elif i + n >= len(ws) or not lex.has("of_preps" if lex.sections.get("of_preps") else "prepositions", ws[i + n][2]):
                # "говорителят" alone: the spokesman last described with whom he speaks for
                # (``каза говорителят пред репортери``: only ``на`` would name whom)
                prior = [r for r in self.refs if r.start in self.proxy_gender and r.start < s
                         and self.ix.sentence_no(r.start) >= self.ix.sentence_no(s) - WINDOW]
                if prior:
                    eid = prior[-1].attrs["entity"]
            else:
                for _, e2, w2 in ws[i + n:i + n + 4]:
                    c = place_for_adjective(w2, lex.code)
                    if c and c in self.country_entity:
                        eid, end = self.country(c), e2
                        break
                    r2 = lex.roles.get(w2)
                    if r2 is not None and r2.kind == "org":
                        eid, end = self.organisation(s, r2.stem, r2.role in ("agency", "media")), e2
                        break
        elif role.kind == "person":
            gender = role.gender
            if lex.code != "bg":
                # (a Russian office noun is masculine whoever holds it: the verb after the
                # description tells, ``Премьер-министр Великобритании поблагодарила``)
                k, stop = i + n, end
                comp = self.ix.mentions_in(end, min(sent.end, end + 40))[:1]
                if comp and not text[end:comp[0].start].strip() and comp[0].label in ("LOC", "ORG"):
                    stop = comp[0].end  # past the complement (``Великобритании``)
                while k < len(ws) and ws[k][0] < stop:
                    k += 1
                told = lex.verbs.get(ws[k][2]) if k < len(ws) else None
                if told is not None and told[1] in ("m", "f"):
                    gender = told[1]
                elif k < len(ws) and len(ws[k][2]) > 4 and lex.sections.get("feminine_past_endings") \
                        and ws[k][2].endswith(tuple(lex.sections["feminine_past_endings"])):
                    gender = "f"  # a past-tense verb of a woman (``поблагодарила``)
            eid = self._body_holder(s, ws, i + n, lex, role.role, gender) or self.person_with_role(s, role.role, country, gender)
        elif role.kind == "org":
            eid = self.organisation(s, role.stem, role.role in ("agency", "media"), lex, role.role)
        elif role.kind == "state" and country:
            eid = self.country(country)
        elif role.role == "country" and lex.code == "bg":
            # ``страната`` alone (not ``страната ни``, ``страната му``): the country last named before it
            after = ws[i + n][2] if i + n < len(ws) else ""
            if not (lex.has("possessive_clitics", after) or lex.has("prepositions", after)):
                eid = self.last_country(s)
        elif role.kind == "state" and lex.code == "bg" and not (i + n < len(ws) and lex.has("prepositions", ws[i + n][2])):
            # ``Правителството`` alone: the government (authorities) last named with its country in the
            # sentences before (``Германското правителство ...``); with a preposition after it, the
            # country is named there (``правителството на Германия``) and the events stage reads it
            # (or earlier in the paragraph: ``пакистанските власти заявиха … Властите впоследствие …``)
            prior = [(a, x) for a, x in self.state_refs if a < s
                     and (self.ix.sentence_no(a) >= self.ix.sentence_no(s) - WINDOW
                          or self.ix.paragraph_no(a) == self.ix.paragraph_no(s))]
            if prior:
                eid = prior[-1][1]
        if eid and role.kind == "state" and role.role != "country":
            self.state_refs.append((start, eid))
        if eid and role.kind == "person":
            # ``глава МИД России``, ``министърът на Франция``: the organisation or country after
            # the noun is its complement, part of the description (a language that links it with a
            # preposition, ``of_preps``, needs one: ``по думите на министъра Берлин …`` is no complement)
            nxt = self.ix.mentions_in(end, min(sent.end, end + 60))[:1]
            links = set(lex.sections.get("of_preps", ())) or {""}
            if nxt and nxt[0].label in ("ORG", "LOC") and text[end:nxt[0].start].strip().casefold() in links:
                end = nxt[0].end
        if eid:
            self.refs.append(Span(start, end, "description", {"entity": eid}))
            if role.kind == "proxy" and role.gender in ("m", "f"):
                self.proxy_gender[start] = role.gender
            while i + n < len(ws) and ws[i + n][0] < end:
                n += 1  # the complement is part of this description
            ent = self.ix.entities.get(eid)
            if ent is not None and ent.type == "PER" and role.kind == "person":
                self.gender.setdefault(eid, self.gender_of(eid))
        return i + n


@lru_cache(maxsize=None)
def _event_words(code: str) -> frozenset[str]:
    from .events import _prep, lexicon as event_lexicon  # the events stage's triggers, read once

    lex = event_lexicon(code)
    if lex is None or lex.lemmatize:
        return frozenset()
    # the first words of triggers, less function words that open a phrase (``в знак на протест``,
    # ``ще има последици``) and the words that open only blockers: they tell no act
    return frozenset(f for f, ns in lex.index.items() if not (
        _prep(f, lex) or any(lex.has(s, f) for s in ("future", "located_preps"))
        or all(lex.entries[n].type == "NONE" for n in ns)))


@lru_cache(maxsize=None)
def _event_nouns(code: str) -> frozenset[str]:
    """The forms of the events stage's nouns for events that open a trigger (``посещението``,
    ``арестът``): a possessive clitic after one names whose act it is."""
    from .events import lexicon as event_lexicon

    lex = event_lexicon(code)
    if lex is None or lex.lemmatize:
        return frozenset()
    return frozenset(f for f, ns in lex.index.items() if any(
        lex.entries[n].nominal and lex.entries[n].type != "NONE" and len(lex.entries[n].words) == 1 for n in ns))


def find_references(doc: Document, kb=None) -> list[Span]:
    return Resolver(doc, kb).find()


class ReferenceStage:
    name = "reference"
    requires = ("sentences", "mentions")
    assigns = ("references",)
    updates = ()

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULTS
        self.kb = load_kb(self.settings)

    def __call__(self, doc: Document) -> Document:
        doc.set_layer("references", find_references(doc, self.kb))
        return doc
