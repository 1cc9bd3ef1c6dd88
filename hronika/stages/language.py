"""Language per sentence, per segment (a run of sentences in one language), per post, per article.

A sentence's alphabet settles most cases (lang/script_hints.json).  A Cyrillic sentence it does not
settle takes its context's language: inside an embedded post the post's (told from the whole
post), elsewhere the article's own, decided by the sentences outside posts that the alphabet
settles -- or, when none does, by their function words (lang/function_words.json: ``че``, ``ще``
Bulgarian, ``что``, ``он`` Russian) when those are clear, else by lingua (restricted to bg, ru, en,
mk, uk, sr, be) reading all the unsettled ones together, since a short sentence alone misleads it.  Sentences too short to tell
inherit from their neighbours on the same side of a post's edge.  Lingua's own multi-language
segmentation is not used: it invents spans.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache

from lingua import Language, LanguageDetectorBuilder

from ..document import Document, Span
from ..lang import ROOT as LANG_ROOT
from ..lang import get as get_lang
from ..settings import DEFAULTS, Settings

LANGUAGES = (Language.BULGARIAN, Language.RUSSIAN, Language.ENGLISH, Language.MACEDONIAN,
             Language.UKRAINIAN, Language.SERBIAN, Language.BELARUSIAN)
MIN_LETTERS = 12  # below this a sentence inherits its neighbour's language
_NOISE = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S+|[#@]\w+")


@lru_cache(maxsize=1)
def detector():
    # Built on first use: most articles never need it (see ``detect``).  Low-accuracy mode (trigram
    # models only) loads in 0.07 s instead of 1.5 s — a whole second of every reading process — and
    # the sentences it sees are the few whose alphabet and article do not settle them.
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_low_accuracy_mode().build()


def _code(lang: Language | None) -> str | None:
    return lang.iso_code_639_1.name.lower() if lang is not None else None


def letters(text: str) -> int:
    return sum(map(str.isalpha, text))


@lru_cache(maxsize=1)
def _hints() -> list[tuple[str, re.Pattern | None, re.Pattern | None, bool]]:
    """(language, any of these letters, none of these letters, Latin script) for each rule, the
    letters as character classes: searching a sentence for them is cheaper than making the set of
    its letters (about four times).  A rule's ``any_pattern`` replaces its ``any`` letters (``ъ``
    counts for Bulgarian only where Russian cannot write it: not before е, ё, ю, я)."""
    data = json.loads((LANG_ROOT / "script_hints.json").read_text(encoding="utf-8"))
    return [(r["lang"], re.compile(r["any_pattern"]) if r.get("any_pattern") else _one_of(r.get("any", "")),
             _one_of(r.get("none", "")), r.get("script") == "latin")
            for r in data["rules"]]


def _one_of(letters: str) -> re.Pattern | None:
    return re.compile("[" + re.escape(letters) + "]") if letters else None


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[a-z]")


def by_letters(text: str) -> str | None:
    """The language when the alphabet alone settles it (``ъ`` before a consonant, without ``ы``:
    Bulgarian), else None."""
    low = text.lower()
    for lang, anyof, noneof, latin in _hints():
        if latin:
            if not _CYRILLIC.search(low) and _LATIN.search(low):
                return lang
        elif anyof is not None and anyof.search(low) and (noneof is None or not noneof.search(low)):
            return lang
    return None


@lru_cache(maxsize=1)
def _function_words() -> tuple[dict[str, str], int]:
    data = json.loads((LANG_ROOT / "function_words.json").read_text(encoding="utf-8"))
    return {w: lang for lang, ws in data["words"].items() for w in ws}, data["min_hits"]


def by_words(text: str) -> str | None:
    """The language when its function words settle it (``че``, ``ще``, ``това``: Bulgarian;
    ``что``, ``это``, ``он``: Russian), else None.  A short text with no telling letter
    misleads the statistical detector (``Той каза, че ще дойде утре.`` reads as Russian)."""
    words, least = _function_words()
    hits: Counter[str] = Counter(words[w] for w in re.findall(r"\w+", text.lower()) if w in words)
    ranked = hits.most_common(2) + [("", 0), ("", 0)]
    (lang, n), (_, other) = ranked[0], ranked[1]
    return lang if n >= least and n > 2 * other else None


@lru_cache(maxsize=1)
def _neither_bg_nor_ru() -> re.Pattern:
    """Letters that neither Bulgarian nor Russian writes: what lang/script_hints.json rules out
    for both."""
    rules = json.loads((LANG_ROOT / "script_hints.json").read_text(encoding="utf-8"))["rules"]
    ruled_out = [set(r.get("none", "")) for r in rules if r["lang"] in ("bg", "ru")]
    return re.compile("[" + re.escape("".join(sorted(set.intersection(*ruled_out)))) + "]")


@lru_cache(maxsize=1)
def _bg_or_ru():
    """Lingua in high-accuracy mode for the two Cyrillic languages read here only (0.4 s to load,
    on first use).  Over the 1,262 sentences of our own (tests/corpora, bench/short_ner.tsv) that
    the alphabet does not settle, function words asked first, it errs on 4 where the seven-language
    trigram detector errs on 39 (``Пожар избухна в склад`` as Belarusian, ``Ракета упала на жилой
    дом`` as Macedonian); with the dictionary check of ``_statistical``, on 3."""
    return LanguageDetectorBuilder.from_languages(Language.BULGARIAN, Language.RUSSIAN).build()


def _mostly_unknown_to_russian(text: str) -> bool:
    """Most of a text's lower-case Cyrillic words of three letters or more (two at least) are
    unknown to pymorphy3's Russian dictionary (``прие посланика``): no Russian, whatever the letter
    statistics say."""
    words = [w for w in re.findall(r"\w{3,}", text) if w.islower() and _CYRILLIC.search(w)]
    morph = get_lang("ru").morph if len(words) >= 2 else None
    return morph is not None and 2 * sum(map(morph.word_is_known, words)) < len(words)


def _statistical(text: str) -> str | None:
    """Function words; else, for a text written in the letters Bulgarian and Russian share, which
    of the two (Russian only where the Russian dictionary knows most of its words); else lingua
    over all seven languages."""
    found = by_words(text)
    if found:
        return found
    if _neither_bg_nor_ru().search(text.lower()):
        return _code(detector().detect_language_of(text))
    got = _code(_bg_or_ru().detect_language_of(text))
    return "bg" if got == "ru" and _mostly_unknown_to_russian(text) else got


AMBIGUOUS = "?"


def _cyrillic(code: str | None) -> str | None:
    """``code`` when it names a Cyrillic language, else None."""
    return code if code not in (None, AMBIGUOUS, "en") else None


def _context(sentences: list[tuple[str, str | None]]) -> str | None:
    """The Cyrillic language of a text from its (sentence, ``quick`` language) pairs: the one with
    the most letters among the sentences the alphabet settles; when none does, lingua's reading of
    all the unsettled Cyrillic sentences together (one short sentence alone misleads it: ``Той
    каза, че ще дойде утре.`` reads as Russian)."""
    settled: Counter[str] = Counter()
    for t, l in sentences:
        if _cyrillic(l):
            settled[l] += len(t)
    if settled:
        return settled.most_common(1)[0][0]
    unsettled = " ".join(t for t, l in sentences if l == AMBIGUOUS)
    return _statistical(_NOISE.sub(" ", unsettled)) if unsettled else None


def quick(text: str) -> str | None:
    """The language by alphabet alone; None when there are too few letters to tell; AMBIGUOUS when
    the letters do not settle it."""
    text = _NOISE.sub(" ", text)
    if letters(text[:64]) < MIN_LETTERS and letters(text) < MIN_LETTERS:  # (most have enough at once)
        return None
    return by_letters(text) or AMBIGUOUS


def detect(text: str, context: str | None = None) -> str | None:
    """ISO 639-1 code of ``text``, or None when there are too few letters to tell.  A sentence the
    alphabet does not settle takes ``context`` (the article's Cyrillic language) when given,
    else lingua decides."""
    lang = quick(text)
    if lang != AMBIGUOUS:
        return lang
    return context or _statistical(_NOISE.sub(" ", text))


def assign(langs: list[str | None], default: str | None) -> list[str]:
    """Fill the gaps: a sentence that could not be told takes the previous one's language,
    or the next one's at the start, or the default."""
    out: list[str | None] = list(langs)
    last = None
    for i, l in enumerate(out):
        if l is None:
            out[i] = last
        else:
            last = l
    nxt = None
    for i in range(len(out) - 1, -1, -1):
        if out[i] is None:
            out[i] = nxt
        else:
            nxt = out[i]
    return [l or default or "bg" for l in out]


class LanguageStage:
    name = "language"
    requires = ("sentences",)
    assigns = ("segments", "lang")
    updates = ("sentences", "posts")  # each gets its ``lang``

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULTS

    def __call__(self, doc: Document) -> Document:
        sents = doc.layer("sentences")
        texts = [doc.text[s.start:s.end] for s in sents]
        # Each embedded post is one language, told from all its words; its sentences (and the text
        # around it) do not decide the article's language, nor the article theirs.
        post_langs = [detect(doc.text[p.start:p.attrs.get("body_end", p.end)]) for p in doc.layer("posts")]
        where = [next((k for k, p in enumerate(doc.layer("posts")) if p.start <= s.start < p.end), None) for s in sents]
        raw = [quick(t) for t in texts]
        context = _context([(t, l) for t, l, k in zip(texts, raw, where) if k is None])
        raw = [l if l != AMBIGUOUS
               else _cyrillic(post_langs[k]) if k is not None and _cyrillic(post_langs[k])
               else detect(t, context) for t, l, k in zip(texts, raw, where)]
        weights: Counter[str] = Counter()
        for t, l in zip(texts, raw):
            if l:
                weights[l] += len(t)
        main = weights.most_common(1)[0][0] if weights else doc.lang or "bg"
        posts = []
        for k, (p, lang) in enumerate(zip(doc.layer("posts"), post_langs)):
            if lang is None:
                inner = [l for l, w in zip(raw, where) if w == k and l]
                lang = inner[0] if inner else main
            posts.append(Span(p.start, p.end, p.label, {**p.attrs, "lang": lang}))
            post_langs[k] = lang
        doc.set_layer("posts", posts)
        # Undecided sentences of a post take the post's language; the others their neighbours' in
        # the article's own text, never across a post's edge.
        langs = [l or post_langs[k] if k is not None else l for l, k in zip(raw, where)]
        body = [i for i, k in enumerate(where) if k is None]
        for i, l in zip(body, assign([raw[i] for i in body], main)):
            langs[i] = l
        new_sents = [Span(s.start, s.end, s.label, {**s.attrs, "lang": l}) for s, l in zip(sents, langs)]
        doc.set_layer("sentences", new_sents)
        segments: list[Span] = []
        for s in new_sents:
            l = s.attrs["lang"]
            if segments and segments[-1].label == l:
                segments[-1] = Span(segments[-1].start, s.end, l)
            else:
                segments.append(Span(s.start, s.end, l))
        doc.set_layer("segments", segments)
        doc.lang = main
        return doc
