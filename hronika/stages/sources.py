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
* it is joined by ``и`` to a cited one (``цитиран от "Франс прес" и БТА``).

Writes the ``citations`` layer (``Span(label="source", attrs={"entity", "cue"})``) and the
document-level ``sources`` layer (``doc.sources``: (entity ids, in order of first citation).
``source_chain`` gives the sources covering a span, nearest first (the events stage reuses it).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, Span
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
            if words and words[-1].endswith(tuple(lex.sections.get("adjective_endings", ()))) \
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
        # a bare preposition counts after a speech verb in the same clause (``каза пред Ройтерс``)
        if f and any(w in verbs for w in norm(before)[: -len(f)].split()[-6:]):
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
        if outlet or not _complementizer(tuple(sorted(lex.sections.get("complementizers", ())))).match(after):
            return b[k - 1]
    if outlet and is_outlet(doc, ix, m, lex, strict=True) and _TAIL.fullmatch(doc.text[m.end:sent.end]):
        # ``…, цитира думите му ТАСС.``, ``…, уточнява в коментара си ТАСС.``: an outlet that ends
        # its sentence is the subject of the reporting verb that opens its clause, put last
        k = max(doc.text.rfind(",", sent.start, m.start), sent.start - 1)
        clause = norm(doc.text[k + 1:m.start]).split()
        if 1 <= len(clause) <= 8 and clause[0] in verbs:
            return clause[0]
    if outlet and is_outlet(doc, ix, m, lex, strict=True):  # the subject of a reporting verb: ``БелТА съобщи``
        after = norm(doc.text[m.end:min(sent.end, m.end + 80)].lstrip(" \"“”»"))
        words = after.split()
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
    updates = ()

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULTS
        self.kb = load_kb(self.settings)

    def __call__(self, doc: Document) -> Document:
        cits = find_citations(doc, kb=self.kb)
        doc.set_layer("citations", cits)
        seen: list[str] = []
        for c in cits:
            if c.attrs["entity"] not in seen:
                seen.append(c.attrs["entity"])
        doc.sources = seen
        return doc
