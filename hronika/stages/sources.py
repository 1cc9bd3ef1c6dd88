"""The ``sources`` stage: who the article names as reporting (GUIDELINES §6), and the chain of
sources that covers any stretch of text.

An organisation or outlet mention is *cited* when (``source_formulas.txt``, ``speech_verbs.tsv``):
* a formula for any organisation stands right before it (``според``, ``по данни на``,
  ``цитиран от``, ``източници на``, ``/``);
* it is a news outlet (the KB calls it media, the model types it a product, or a media noun
  precedes it: ``пред изданието „Политико“``) and an outlet formula stands before it (``пред``,
  ``за``, ``в интервю за``) after a speech verb, or it is the subject of a reporting verb
  (``БелТА съобщи``);
* a reporting verb stands right before it (``предаде Ройтерс``, ``съобщи СЗО``), unless a
  non-outlet then goes on with ``, че`` (then it is a speaker);
* it is joined by ``и`` to a cited one (``цитиран от "Франс прес" и БТА``);
* it is the agency of a dateline (``Пловдив, 4 март /БТА/``, ``КАЗАНЬ, 3 мар – РИА Новости.``)
  or of a credit line (``… /БТА``, ``(БТА)`` or ``/site.bg.`` after the last sentence, a last
  paragraph ``Източник: site.com``): the entity stage often leaves these untagged, so an
  untagged one becomes an entity with no mention (``credits``).

Writes the ``citations`` layer (``Span(label="source", attrs={"entity", "cue"})``) and the
document-level ``sources`` layer (``doc.sources``: (entity ids, in order of first citation).
``source_chain`` gives the sources covering a span, nearest first (the events stage reuses it).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, Entity, Span
from ..kb import load as load_kb
from ..settings import DEFAULTS, Settings
from ..speech import Index, Lexicon, ends_with_phrase, lex_at, norm

_TRAIL = re.compile(r"[\s\"'„“”«»‚‘]+$")
_CITABLE = ("ORG", "PRO")
_TAIL = re.compile(r"[\s\"'“”»)]*[.!?…]?[\s\"'“”»]*")  # nothing but the end of a sentence


def _kb_media(doc: Document, m: Span, kb) -> bool:
    """The KB knows the mention's words as a news outlet (whatever type the model gave it)."""
    key = kb.lookup(doc.text[m.start:m.end], "ORG")
    entry = kb.entries.get(key) if key else None
    return entry is not None and entry.kind == "media"


def _known(ix: Index, m: Span) -> bool:
    e = ix.entity(m)
    return e is None or (bool(e.kb) and e.kb in ix.kb.entries)


def is_outlet(doc: Document, ix: Index, m: Span, lex: Lexicon, strict: bool = False) -> bool:
    """A news outlet: the KB says media, a media noun precedes it, or (unless ``strict``) the
    model typed it a product (SlavicNER types newspapers and channels so)."""
    e = ix.entity(m)
    if e is None:
        return False
    if e.type == "PRO" and not strict:
        return True
    entry = ix.kb.entries.get(e.kb) if e.kb else None
    if (entry is not None and entry.kind == "media") or _kb_media(doc, m, ix.kb):
        return True
    before = _TRAIL.sub("", doc.text[max(0, m.start - 40):m.start])
    return ends_with_phrase(before, lex.sources.get("media_nouns", ())) is not None


@lru_cache(maxsize=None)
def _complementizer(words: tuple[str, ...]) -> re.Pattern:
    """``, че`` / ``, что`` right after a name: what follows is reported speech, the name no source."""
    return re.compile(r",?\s*(?:" + "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))) + r")\b")


def _cue(doc: Document, ix: Index, m: Span, lex: Lexicon, outlet: bool) -> str | None:
    sent = ix.sentence(m.start)
    # the paragraph, not the sentence: an abbreviation (``бел.``) may have ended a sentence
    lo = max(ix.paragraph(m.start).start, m.start - 80)
    before = _TRAIL.sub("", doc.text[lo:m.start])
    for t in doc.overlapping("timexes", lo, m.start):  # "передала в среду BBC News": the date is not in the formula
        if lo <= t.start and t.end <= m.start and not doc.text[t.end:m.start].strip():
            before = _TRAIL.sub("", doc.text[lo:t.start])
    media_noun = ends_with_phrase(before, lex.sources.get("media_nouns", ()))
    if media_noun:  # drop the noun and up to two adjectives before it (``пред националната електронна медиа``)
        b = norm(before)[: -len(media_noun)].rstrip()
        words = b.split()
        for _ in range(2):
            if words and words[-1].endswith(lex.tuple_of("adjective_endings")) \
                    and not lex.has("prepositions", words[-1]):
                words = words[:-1]
        before = " ".join(words)
    f = ends_with_phrase(before, lex.sources.get("before_any", ()))
    if f:
        return f
    verbs = lex.citing_verbs
    if outlet:
        f = ends_with_phrase(before, lex.sources.get("before_media", ()))
        if f:
            return f
        f = ends_with_phrase(before, lex.sources.get("outlet_prepositions", ()))
        # a bare preposition counts after a speech verb in the same clause (``каза пред Ройтерс``),
        # not past a comma or a ``да`` that opens another verb's phrase (``каза на форум,
        # организиран от „X“``; ``настоява Y да се откаже от „X“``)
        ws = norm(before)[: -len(f)].split()[-6:] if f else []
        k = max((n for n, w in enumerate(ws) if w in verbs), default=None)
        if f and k is not None and not any(w.endswith(",") or lex.has("infinitive_particles", w) for w in ws[k:]):
            return f
        # or opening the sentence, a speech verb right after the name (``Пред Би Би Си Иван Петров каза``)
        opening = norm(doc.text[sent.start:m.start]).split()
        # a sentence that reports what came before (``Това заяви X, който …, пред bTV``): the
        # outlet after such a preposition anywhere in it is the medium of the statement
        if f and f in lex.sources.get("fronted_prepositions", ()) and any(
                len(opening) > n + 1 and lex.has("anaphoric_subjects", " ".join(opening[:n]))
                and opening[n].strip(".,;:") in verbs for n in (1, 2)):
            return f
        if f and f in lex.sources.get("fronted_prepositions", ()) and opening[:1] == [f] and len(opening) <= 5 \
                and any(w.strip(".,;:") in verbs for w in norm(doc.text[m.end:sent.end]).split()[:4]):
            return f
    b = norm(before).split()
    k = len(b)
    while k and lex.has("fillers", b[k - 1]) and len(b) - k < 1:
        k -= 1
    if k and b[k - 1] in verbs and b[k - 1] not in lex.sources.get("addressee_verbs", ()) \
            and not (k > 1 and lex.has("impersonal_clitics", b[k - 2])):  # ``сега тя се казва X``: a name, not a report
        after = doc.text[m.end:m.end + 8].lstrip(" \"“”»")
        # ``„…“, коментираха от „Топлофикация“``, ``"…", - отметил "Нафтогаз".``: an organisation
        # (not an outlet) whose words were just quoted is their speaker, not a source
        if not outlet and re.search(r"[\"“”»][\s,–—-]*[,–—-]\s*$", norm(" ".join(b[:k - 1])) if k > 1 else ""):
            return None
        if outlet or not _complementizer(tuple(sorted(lex.sections.get("complementizers", ())))).match(after):
            return b[k - 1]
    if outlet and is_outlet(doc, ix, m, lex, strict=True) and _TAIL.fullmatch(doc.text[m.end:sent.end]):
        # ``…, цитира думите му ТАСС.``, ``…, уточнява в коментара си ТАСС.``: an outlet that ends
        # its sentence is the subject of the reporting verb that opens its clause, put last
        k = max(doc.text.rfind(",", sent.start, m.start), sent.start - 1)
        clause = norm(doc.text[k + 1:m.start]).split()
        if 1 <= len(clause) <= 8 and clause[0] in verbs:
            return clause[0]
    after = norm(doc.text[m.end:min(sent.end, m.end + 80)].lstrip(" \"“”»"))
    words = after.split()
    # (a title the model typed a product, a reporting verb right after it, that the KB knows as a
    # publication or not at all: ``„Дейли телеграф“ писа, че``; not ``„Северен поток 2“ съобщи``)
    key = ix.kb.lookup(doc.text[m.start:m.end], "PRO") if outlet and words else None
    titled = outlet and bool(words) and words[0].strip(".,;:") in verbs and getattr(ix.entity(m), "type", "") == "PRO" \
        and (key is None or getattr(ix.kb.entries.get(key), "kind", None) in ("media", "publication"))
    if outlet and (titled or is_outlet(doc, ix, m, lex, strict=True)):  # the subject of a reporting verb: ``БелТА съобщи``
        # (past a phrase naming its own source: ``Reuters со ссылкой на источники сообщило``)
        cited = next((f for f in lex.sources.get("before_any", ()) if " " in f and after.startswith(f + " ")), None)
        span = 3 if cited is None else len(cited.split()) + 4
        for w in words[:span]:
            if w.strip(".,;:") in verbs:
                return w.strip(".,;:")
            if w.endswith((",", ";", ":")) and cited is not None:
                break
    return None


def find_citations(doc: Document, ix: Index | None = None, kb=None) -> list[Span]:
    ix = ix or Index(doc, kb)
    out: list[Span] = []
    cited: set[int] = set()
    for k, m in enumerate(ix.mentions):
        lex = lex_at(doc, m.start)
        if lex.empty:
            continue
        # a name the KB does not know after a media noun (``в. „Утро“`` that the model took for a
        # place), whatever its type but a person's; a known place is no outlet (``в. „Ню Йорк таймс“``)
        if m.label not in _CITABLE and (m.label == "PER" or _known(ix, m) or not is_outlet(doc, ix, m, lex, strict=True)):
            continue
        outlet = is_outlet(doc, ix, m, lex)
        cue = _cue(doc, ix, m, lex, outlet)
        if cue is None and k and (k - 1) in cited:
            prev = ix.mentions[k - 1]
            gap = norm(_TRAIL.sub("", doc.text[prev.end:m.start]).strip(" \"“”»"))
            # ``в интервю за радио „X“, телевизия „Y“ и в. „Z“``: a list of outlets, each after its noun
            noun = ends_with_phrase(gap, lex.sources.get("media_nouns", ())) if outlet else None
            if noun:
                gap = gap[: -len(noun)].strip()
            if gap in lex.sources.get("coordinators", ()) or (noun and gap in ("", ",")):
                cue = gap or noun
        if cue is not None and "©" in doc.text[ix.paragraph(m.start).start:ix.paragraph(m.start).end]:
            continue  # a copyright notice (``Всички текстове, публикувани в X, … © 1998 - 2018``) cites no one
        if cue is not None:
            cited.add(k)
            out.append(Span(m.start, m.end, "source", {"entity": m.attrs["entity"], "cue": cue}))
    return out


# ``Пловдив, 4 март /БТА/``, ``ЖЕНЕВА, 15 окт ПРАЙМ.``, ``КАЗАНЬ, 3 мар – РИА Новости.``: a
# capitalised place, a comma, a day and a month (a year), then the agency, after a slash, a
# bracket or a dash or none
_DATELINE = re.compile(r"\s*(?:\(\w{1,4}\)\s*)?([^\W\d_][^\W\d_.]*(?:[ -][^\W\d_]+){0,2}),\s*"
                       r"\d{1,2}\s*[^\W\d_]{3,10}\.?(?:\s+\d{4})?\s*(?:[/(]|[–—-])?\s*")
_SLASHED = re.compile(r"\s*/\s*([A-Z\u0410-\u042f][A-Z\u0410-\u042f-]{1,11})\s*/\s*(?=\S)")
_ACRONYM = re.compile(r"[A-Z\u0400-\u042f][A-Z\u0400-\u042f-]{1,9}(?:\s[A-Z\u0400-\u042f][a-z\u0430-\u045f]+){0,2}(?![\w])")
_DOMAIN = re.compile(r"(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,4}(?!\w|\.\w)")
_AFTER_AGENCY = re.compile(r"\s*[/)]?\s*[.:–—-]?(?:\s|$)")
_SENT_END = ".!?…\"“”»"


def _agency_at(doc: Document, ix: Index, pos: int, hi: int, domains: bool) -> tuple[int, int, str | None] | None:
    """The agency named at ``pos``: a mention (not a person or place) that starts there, else an
    all-capital word the KB knows as an organisation or outlet (``БТА``; not ``ВИДЕО``) or
    (``domains``) a site's address; (start, end, entity id or None)."""
    for m in ix.mentions_in(pos, pos + 1):
        if m.start == pos and m.end <= hi:
            if m.label in ("PER", "LOC"):
                return None
            return m.start, m.end, m.attrs.get("entity")
    m = _ACRONYM.match(doc.text, pos, hi)
    if m:
        hit = ix.kb.lookup_any_type(m.group())
        if hit and hit[1] in _CITABLE:
            return m.start(), m.end(), None
    m = _DOMAIN.match(doc.text, pos, hi) if domains else None
    if m:
        return m.start(), m.end(), None
    return None


def _credit_entity(doc: Document, kb, s: int, e: int) -> str:
    """The document's entity for an agency named in a credit: one with that name or mention, or
    the KB's entity already in the document, else a new one (no mention: the NER layers stay as
    the entities stage left them)."""
    form = doc.text[s:e]
    f = norm(form)
    for x in doc.entities:
        if norm(x.name) == f or any(norm(doc.text[a:b]) == f for a, b in x.mentions):
            return x.id
    hit = kb.lookup_any_type(form) if kb is not None else None
    key, type_ = hit if hit and hit[1] in _CITABLE else (None, "ORG")
    if key:
        have = next((x.id for x in doc.entities if x.kb == key), None)
        if have:
            return have
    from ..kb.resolve import new_key
    new = f"e{len(doc.entities) + 1}"
    while any(x.id == new for x in doc.entities):
        new += "x"
    doc.entities.append(Entity(new, type_, form, key or new_key(type_, form), [], {"from": "sources"}))
    return new


def find_credits(doc: Document, ix: Index, kb=None) -> list[Span]:
    """Citations of datelines and credit lines (see the module's note); an agency the entity stage
    left untagged gets an entity.  A dateline's citation spans its place too (``line``), so that
    no speaker is taken from it."""
    text = doc.text
    paras = ix.paragraphs or [Span(0, len(text))]
    found: list[tuple[int, int, str | None, str, int]] = []
    for p in paras[:3]:  # the dateline opens the headline's paragraph or one of the next two
        # ``/КРОСС/ Великобритания ще …``: an agency's capitals between slashes open the paragraph
        m = _SLASHED.match(text, p.start, p.end)
        if m:
            a = next(((x.start, x.end, x.attrs.get("entity")) for x in ix.mentions_in(m.start(1), m.end(1))
                      if (x.start, x.end) == m.span(1) and x.label not in ("PER", "LOC")), None)
            found.append((*(a or (m.start(1), m.end(1), None)), "dateline", m.start(1)))
            break
        m = _DATELINE.match(text, p.start, p.end)
        if m is None or not text[m.start(1)].isupper():
            continue
        a = _agency_at(doc, ix, m.end(), p.end, False)
        # (marked off by a slash, a bracket or a dash before it, or by punctuation after it: not
        # the subject of the first sentence, ``София, 3 март Министерството обяви``)
        after = _AFTER_AGENCY.match(text, a[1], p.end) if a else None
        if a and after and (re.search(r"[/(–—-]\s*$", text[m.start():m.end()]) or after.group().strip()):
            found.append((*a, "dateline", m.start(1)))
            break
    for k, p in enumerate(paras):
        lex = lex_at(doc, p.start)
        body = text[p.start:p.end].rstrip()
        end = p.start + len(body)
        # ``…. /БТА``, ``…./БГНЕС.``, ``… (БТА)`` closing a paragraph
        m = re.search(r"(?<=[" + re.escape(_SENT_END) + r"])\s*([/(])\s*([^\s/()]{2,40}?)\s*[/)]?\s*\.?$", body)
        if m:
            a = _agency_at(doc, ix, p.start + m.start(2), end, True)
            if a and text[a[1]:end].strip(" /).") == "":
                found.append((*a, "/", a[0]))
                continue
        # ``…. /site.bg. Още``: a site's address after a slash once a sentence has ended
        for m in re.finditer(r"(?<=[" + re.escape(_SENT_END) + r"])\s*/\s*(?=[a-z])", body):
            a = _agency_at(doc, ix, p.start + m.end(), end, True)
            if a and _DOMAIN.fullmatch(text, a[0], a[1]):
                found.append((*a, "/", a[0]))
        # a last paragraph ``Източник: site.com`` (a label of the language's ``credit_labels``)
        labels = lex.sources.get("credit_labels", ())
        if labels and k >= len(paras) - 2:
            m = re.match(r"\s*(\w+)\s*:\s*", body)
            if m and m.group(1).casefold() in labels:
                a = _agency_at(doc, ix, p.start + m.end(), end, True)
                if a and text[a[1]:end].strip(" .") == "":
                    found.append((*a, m.group(1).casefold(), a[0]))
    out = []
    for s, e, eid, cue, line in found:
        eid = eid or _credit_entity(doc, kb, s, e)
        out.append(Span(s, e, "source", {"entity": eid, "cue": cue, "line": line}))
    return out


def _lead_citations(doc: Document, ix: Index, cits: list[Span]) -> list[Span]:
    """Citations of the headline and lead (the first two paragraphs): they cover the article."""
    if not ix.paragraphs:
        return []
    hi = ix.paragraphs[min(1, len(ix.paragraphs) - 1)].end
    return [c for c in cits if c.end <= hi]


def source_chain(doc: Document, start: int, end: int, *, anchor: int | None = None,
                 scope: str = "sentence", exclude: set[str] | frozenset[str] = frozenset(),
                 ix: Index | None = None) -> list[str]:
    """Entity ids of the sources that cover [start, end), nearest first: those cited in the
    sentences the span touches (and the one holding ``anchor``, e.g. the reporting verb), by
    distance from the span; with ``scope="article"`` the lead's sources follow, outermost last."""
    ix = ix or Index(doc)
    cits = doc.layer("citations")
    sents = {ix.sentence_no(start), ix.sentence_no(max(start, end - 1))}
    if anchor is not None:
        sents.add(ix.sentence_no(anchor))
    lo = min(ix.sentences[i].start for i in sents)
    hi = max(ix.sentences[i].end for i in sents)
    pivot = anchor if anchor is not None else start
    near = sorted((c for c in cits if lo <= c.start < hi and not (start <= c.start < end)),
                  key=lambda c: abs(c.start - pivot))
    out: list[str] = []
    for c in near:
        eid = c.attrs["entity"]
        if eid not in out and eid not in exclude:
            out.append(eid)
    if scope == "article":
        for c in _lead_citations(doc, ix, cits):
            eid = c.attrs["entity"]
            if eid not in out and eid not in exclude:
                out.append(eid)
    return out


class SourceStage:
    name = "sources"
    requires = ("sentences", "mentions", "timexes")
    assigns = ("citations", "sources")
    updates = ("entities",)  # an agency named only in a dateline or credit line

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULTS
        self.kb = load_kb(self.settings)

    def __call__(self, doc: Document) -> Document:
        ix = Index(doc, self.kb)
        credits = find_credits(doc, ix, self.kb)
        spans = {(c.start, c.end) for c in credits}  # (a credit read as a formula too is a credit)
        cits = sorted([c for c in find_citations(doc, ix, kb=self.kb) if (c.start, c.end) not in spans] + credits,
                      key=lambda c: (c.start, c.end))
        doc.set_layer("citations", cits)
        seen: list[str] = []
        for c in cits:
            if c.attrs["entity"] not in seen:
                seen.append(c.attrs["entity"])
        doc.sources = seen
        return doc
