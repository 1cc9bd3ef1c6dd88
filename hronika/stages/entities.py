"""Named entities: mentions (PER, ORG, LOC, EVT, PRO) and one entity per referent.

The tokens layer becomes a spaCy ``Doc`` (no re-tokenizing); runs of Bulgarian-like sentences go
to the bg model and runs of Russian-like sentences to the ru model (both trained on SlavicNER, see
hronika/models/README.md).  Sentences in English (embedded tweets) are read by rules: KB names and
capitalised sequences.  Rules then mend what such models get wrong on topics they have not seen
(measured in bench/RESULTS.md): short quoted names are products, and a quoted name takes the type
its noun says (``партия „X“``), while a quote that reads as a clause (speech, a demand, a slogan) is no name; a name that an organisation's or event's head noun starts or ends
is of its type and runs on through what the head governs (``Министерството на отбраната``,
``Министерство обороны России``); a role noun is no part of a person's name; a name keeps its number and legal
form (``Северен поток 2``, ``Nord Stream 2 AG``); an adjective and the noun that ends a name are
one mention (``Черно море``); a name tagged once is tagged again wherever it recurs in the
article, the longer name winning over a part of it, and a full name's surname recurs alone; the
KB corrects types, cuts run-on names at a known place and adds known names the model missed;
Latin-script "persons" and products in Cyrillic text are companies unless a given name starts
them; a given name the model left untagged (lang/<code>/given_names.txt, pymorphy3's ``Name``)
starts a person's name; a one-word mention takes the type that every dictionary reading of the
word gives (pymorphy3's ``Name``/``Surn``/``Patr``, ``Geox``, ``Orgn``; Russian), except that a
person stays one and an organisation does not become a place.  Then ``hronika.kb.resolve`` groups the mentions into entities with a canonical name and a
global ``kb`` key.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

from .. import lang
from ..document import Document, Entity, Span
from ..kb import KB, fold
from ..kb import load as load_kb
from ..kb.resolve import Mention, Resolver
from ..kb.translit import has_cyrillic
from ..settings import DEFAULTS, Settings
from ..speech import lexicon
from . import ner_votes

MODELS = Path(__file__).resolve().parents[1] / "models"
PLACE_BREAKERS = frozenset(lang.get("bg").list("entities_place_breakers.txt"))

_EN = lang.get("en")
_EN_STOP = frozenset(_EN.list("capitalised_non_names.txt"))
_EN_CONNECT = frozenset(_EN.list("name_connectors.txt"))
_ORG_WORDS = frozenset(_EN.list("organisation_words.txt"))


_NOT_A_NAME = re.compile(r"(?:https?:|www\.|pic\.twitter|t\.co/|/|@)")


class Found(NamedTuple):
    """A mention at the token level, as the model and the mending rules see it: tokens
    ``start:end``, its type, and the characters to trim off its last token (a possessive ``’s``)."""

    start: int
    end: int
    type: str
    trim: int = 0


def model_path(code: str, settings: Settings | None = None) -> Path:
    """The folder of the NER model for a model language: the settings', else the shipped one."""
    return (settings or DEFAULTS).ner_model(code) or MODELS / f"ner-{code}"


def load_model(code: str, settings: Settings | None = None):
    """The spaCy pipeline (tok2vec + ner) for a model language, or None when it is not installed."""
    return _load_pipeline(model_path(code, settings))


@lru_cache(maxsize=None)
def _load_pipeline(path: Path):
    if not (path / "meta.json").exists():
        return None
    import json

    from thinc.api import use_ops

    from .sentences import tokenizer
    from .spacy_import import spacy

    # A model of the tokenizer's language shares its vocabulary: the lexemes the sentences stage
    # made for the article's words are not made again when the model's Doc is built; and its
    # tokenizer, which is never used (the model's Docs are built from the sentences stage's
    # tokens), is not built again (0.03 s).
    words = tokenizer().vocab
    same_lang = json.loads((path / "meta.json").read_text(encoding="utf-8")).get("lang") == words.lang
    # A model's static word vectors (the Russian one's) go into the shared vocabulary too, which has
    # none of its own: the vectors are looked up by each word's hash, so the lexemes the tokenizer
    # made serve, and the model's 144,000 strings need not be read (0.45 -> 0.2 s to load the
    # Russian model; its Docs no longer make a second lexeme for every word).  A second model with
    # vectors keeps its own vocabulary, loaded with it.
    vectors = _has_vectors(path)
    shared = same_lang and not (vectors and words.vectors.shape[0])
    # spaCy writes the tokenizer as a section of config.cfg (``[nlp.tokenizer]``): the override
    # names the function of that section (an override of the whole section, ``nlp.tokenizer``,
    # is ignored by confection where the section exists, and the tokenizer was built again); a
    # config that holds it inline gets the whole value.
    if not same_lang:
        config = {}
    elif "[nlp.tokenizer]" in (path / "config.cfg").read_text(encoding="utf-8"):
        config = {"nlp.tokenizer.@tokenizers": _reading_tokenizer()}
    else:
        config = {"nlp.tokenizer": {"@tokenizers": _reading_tokenizer()}}
    # Matrix products through numpy's BLAS, not thinc's default BLIS: on this project's machines
    # BLIS runs its generic kernel, and tok2vec takes about 40% less time (one BLAS thread, see
    # ``_one_blas_thread``).
    with use_ops("numpy", use_blis=False):
        # Its Docs are built from the sentences stage's tokens: the saved tokenizer is not loaded.
        nlp = spacy().load(path, vocab=words if shared else True, config=config,
                           exclude=["tagger", "parser", "lemmatizer", "tokenizer"]
                           + ([] if vectors and not shared else ["vocab"]))
        if vectors and shared:  # (loading the whole vocabulary would also empty the shared one's index)
            words.vectors.from_disk(path / "vocab", exclude=["strings"])
    return nlp


def _has_vectors(path: Path) -> bool:
    """Whether a saved pipeline holds static word vectors (a model trained with ``--vectors``)."""
    data = path / "vocab" / "vectors"
    return data.exists() and data.stat().st_size > 1024


@lru_cache(maxsize=1)
def _reading_tokenizer() -> str:
    """The name under which spaCy's registry knows the sentences stage's tokenizer."""
    from .sentences import tokenizer
    from .spacy_import import spacy

    name = "hronika.reading_tokenizer.v1"
    spacy().registry.tokenizers.register(name, func=lambda: lambda nlp: tokenizer())
    return name


@lru_cache(maxsize=1)
def _blas():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _one_blas_thread():
    """The models' matrices are small and reading runs one process per core (``--jobs``): BLAS
    threads on top of that only wait on each other (several times slower on two shared cores)."""
    return _blas().limit(limits=1, user_api="blas")


def _strip_possessive(word: str) -> tuple[str, int]:
    for suf in ("’s", "'s", "’", "'"):
        if word.endswith(suf) and len(word) > len(suf) + 1:
            return word[: -len(suf)], len(suf)
    return word, 0


def _cap(word: str) -> bool:
    w, _ = _strip_possessive(word)
    if not w or not w[0].isupper() or has_cyrillic(w):
        return False
    core = w.replace("-", "").replace(".", "")
    return core.isalpha() or (core.isalnum() and any(c.isalpha() for c in core))


def latin_mentions(words: list[str], lo: int, hi: int, sent_starts: set[int], kb) -> list[Found]:
    """(first token, end token, type, characters to trim at the end) of names in words[lo:hi]:
    KB names and capitalised sequences, typed by the KB or by their last word."""
    out = []
    i = lo
    while i < hi:
        w = words[i]
        if (not _cap(w) or w in _EN_STOP and not kb.lookup_any_type(w) or w.startswith(("#", "@"))
                or i > 0 and words[i - 1] in ("#", "@")):
            i += 1
            continue
        j = i + 1
        while j < hi:
            if _cap(words[j]) and words[j] not in _EN_STOP:
                j += 1
            elif (words[j] in _EN_CONNECT and j + 1 < hi and _cap(words[j + 1])
                  and (words[j] not in ("of", "the") or words[j - 1] in _ORG_WORDS)):
                j += 2  # Bank of England, Ursula von der Leyen; not "Jane Smith of Acme Agency"
            else:
                break
            if _strip_possessive(words[j - 1])[1]:
                break
        seq = [_strip_possessive(x)[0] for x in words[i:j]]
        trim = _strip_possessive(words[j - 1])[1]
        text = " ".join(seq)
        hit = kb.lookup_any_type(text)
        if hit:
            out.append(Found(i, j, hit[1], trim))
        elif j - i == 1:
            pass  # a lone capitalised word that the KB does not know: too often not a name
        elif seq[-1] in _ORG_WORDS:
            out.append(Found(i, j, "ORG", trim))
        elif i not in sent_starts or j - i >= 2:
            # parts that the KB knows (``Maduro`` in ``Maduro Venezuela``) are better than a guess
            parts = [(k, kb.lookup_any_type(_strip_possessive(words[k])[0])) for k in range(i, j)]
            known = [(k, h) for k, h in parts if h]
            if known:
                for k, h in known:
                    out.append(Found(k, k + 1, h[1], _strip_possessive(words[k])[1]))
            else:
                out.append(Found(i, j, "PER" if j - i <= 3 else "ORG", trim))
        i = j
    return out


OPEN_QUOTES = frozenset("„“\"«")
CLOSE_QUOTES = frozenset("“”\"»")


def _quote_close(words, i: int, reach: int) -> int | None:
    """The closing quotation mark of the quote opened at ``i``, within ``reach`` words of it, or None."""
    return next((k for k in range(i + 1, min(len(words), i + reach)) if words[k] in CLOSE_QUOTES), None)
MAX_QUOTED = 4


def quoted_names(words, which, found):
    """Names in quotation marks that the Bulgarian model left untagged: up to four words, the first
    capitalised, no punctuation (``„Северен поток 2“``, ``„Турски поток“``). Bulgarian news quotes
    the names of products, projects and publications; a longer quote is speech.  Typed PRO; the
    curated KB retypes the ones it knows (``„Газпром“`` is an ORG)."""
    covered = [False] * len(words)
    for s, e, _, _ in found:
        for k in range(s, e):
            covered[k] = True
    out = []
    for i, w in enumerate(words):
        if w not in OPEN_QUOTES or which[i] != "bg":  # in Russian news «…» holds company names too
            continue
        j = _quote_close(words, i, MAX_QUOTED + 2)
        if j is None or j == i + 1:
            continue
        inner = words[i + 1:j]
        if (inner[0][:1].isupper() and not any(covered[i + 1:j])
                and all(x.isalnum() or x in "-–" for x in inner)):
            out.append(Found(i + 1, j, "PRO"))
    return out


DASHES = frozenset("-–—")
# Lower-case words a person's name may hold (``фон дер``), legal forms that end a company's name
# (``АД``, ``GmbH``), in any language.
NAME_PARTICLES = lang.union("name_particles.txt")
LEGAL_FORMS = lang.union("legal_forms.txt")


def _quantity_pattern() -> re.Pattern:
    """Words after a number that make it a quantity (``Газпром 10 млрд``), not part of a name
    (lang/<code>/quantity_words.txt: word beginnings and whole words), a percent sign or a digit."""
    starts, words = set(), set()
    for code in lang.languages():
        if lang.get(code).has("quantity_words.txt"):
            sec = lang.get(code).sections("quantity_words.txt")
            starts |= set(sec.get("start", ()))
            words |= set(sec.get("word", ()))
    alts = [re.escape(w) for w in sorted(starts)] + [re.escape(w) + "$" for w in sorted(words)]
    return re.compile(r"^(?:" + "|".join(alts + ["%", r"\d"]) + ")", re.I)


_QUANTITY = _quantity_pattern()
# Endings of a capitalised adjective that can start a name ending in a common noun (Черно море).
_ADJ_ENDINGS = tuple(sorted(lang.union("name_adjective_endings.txt")))


@lru_cache(maxsize=None)
def _name_heads(model: str) -> dict[str, str]:
    return dict(line.split("\t") for line in lang.get(model).list("name_heads.tsv"))


def attach_heads(found, words, which):
    """A capitalised adjective and the common noun that ends its name (``Черно море``, ``Стара
    планина``, ``Турски поток``) as one mention of the noun's type (lang/<code>/name_heads.tsv): the
    model tags such names in part (``Северен`` as a place) or not at all."""
    owner = {}
    for j, (s, e, _, _) in enumerate(found):
        for k in range(s, e):
            owner[k] = j
    out, drop = [], set()
    for i in range(len(words) - 1):
        w, head = words[i], words[i + 1]
        if not which[i] or which[i + 1] != which[i] or not w[:1].isupper() or not w.lower().endswith(_ADJ_ENDINGS):
            continue
        t = _name_heads(which[i]).get(head)
        if t is None or i + 1 in owner:
            continue
        j = owner.get(i)
        if j is None:
            out.append(Found(i, i + 2, t))
        elif found[j][1] == i + 1 and found[j][0] >= i - 1:  # "Северен" or "Южна Кития": the name ends here
            drop.add(j)
            out.append(Found(found[j][0], i + 2, t))
    return [f for j, f in enumerate(found) if j not in drop] + out


@lru_cache(maxsize=None)
def _heads(model: str | None, name: str) -> frozenset[str]:
    code = lang.get(model or "")
    return frozenset(code.list(name)) if model and code.has(name) else frozenset()


def quoted_name_after_org_head(found, words, which):
    """A quoted name right after a capitalised organisation noun is that organisation's name:
    ``Агенция „Пътна инфраструктура“`` names an ORG, not a product, and the name is the whole
    quoted part (``Групата „Европа на народите и свободата“``, where the model saw ``Европа``).  The
    noun stays outside the mention, as SlavicNER annotates it (lang/<code>/org_heads.txt)."""
    out = []
    for m in found:
        s, e = m[0], m[1]
        if s >= 2 and words[s - 1] in OPEN_QUOTES and words[s - 2] in _heads(which[s - 2], "org_heads.txt"):
            close = next((k for k in range(e, min(len(words), s + MAX_QUOTED + 3)) if words[k] in CLOSE_QUOTES), None)
            if close is not None and not any(f[0] < close and f[1] > e and f is not m for f in found):
                m = Found(s, close, "ORG")
        out.append(m)
    return out


@lru_cache(maxsize=None)
def _entity_types(model: str | None) -> dict:
    """A model language's heads of names and type nouns before quoted names
    (lang/<code>/entity_types.json), or {}."""
    code = lang.get(model or "")
    return code.json("entity_types.json") if model and code.has("entity_types.json") else {}


def _stem_type(table: dict[str, str], word: str, endings: frozenset[str]) -> str | None:
    """The type of the first stem of ``table`` that ``word`` is, followed by one of ``endings``
    (``министерство``, ``министерството``: the stem ``министерств``)."""
    w = word.lower()
    for k in range(len(w), 2, -1):
        if w[k:] in endings and w[:k] in table:
            return table[w[:k]]
    return None


@lru_cache(maxsize=None)
def _endings(model: str) -> frozenset[str]:
    return frozenset(_entity_types(model).get("endings", ())) | {""}


def _head_type(words, which, i, capital: bool = True) -> str | None:
    """The type a (capitalised) word heads a name of (``Министерството``, ``Агентство``), or None."""
    m = which[i]
    if not m or capital and not words[i][:1].isupper() or not words[i].isalpha():
        return None
    return _stem_type(_entity_types(m).get("heads", {}), words[i], _endings(m))


@lru_cache(maxsize=65536)
def _genitive(model: str, word: str) -> bool:
    """A lower-case noun or adjective that may be in the genitive (pymorphy3), which carries a
    Russian institution's name on (``Министерство иностранных дел``)."""
    morph = lang.get(model).morph
    return morph is not None and any("gent" in p.tag and p.tag.POS in ("NOUN", "ADJF") for p in morph.parse(word))


def _name_run(words, which, e, found_at, genitive: bool = True) -> int:
    """Where a name that a head starts ends, from ``e`` on: through a joiner (``на``) and a place
    or organisation mention (``Върховният съд на Пакистан``), or a joiner of nouns (``на``) and one
    noun with the definite article (``Министерството на здравеопазването``, not ``Европейската
    комисия за съдбата``); in Russian through lower-case words
    in the genitive and a place or organisation after them (``Министерство обороны России``), where
    the head starts the name (``genitive``; ``Верховный суд страны`` is no name)."""
    m, n = which[e - 1], len(words)
    data = _entity_types(m)
    k = e
    if data.get("genitive_runs"):
        if not genitive:
            return e
        while (k < n and k - e < 4 and which[k] == m and len(words[k]) >= 3 and words[k].isalpha()
               and words[k].islower() and _genitive(m, words[k])):
            k += 1
        nxt = found_at.get(k)
        if nxt is not None and nxt.type in ("LOC", "ORG") and (k > e or nxt.type == "LOC"):
            return nxt.end
        return k
    if k + 1 < n and words[k] in data.get("joiners", ()) and which[k + 1] == m:
        nxt = found_at.get(k + 1)
        if nxt is not None and nxt.type in ("LOC", "ORG"):
            return nxt.end
        w = words[k + 1]
        if (nxt is None and words[k] in data.get("noun_joiners", ()) and w.isalpha() and w.islower()
                and w.endswith(tuple(data.get("definite_endings", ())))):
            return k + 2
    return e


def head_starts_name(found, words, which):
    """A name that an organisation's or event's head noun starts or ends is of the head's type
    (lang/<code>/entity_types.json "heads": ``Министерство``, ``Агенция``, ``Партия``, ``Съд``,
    ``Олимпиада``, ``Референдум``), whatever type the model gave it (Russian institutions are
    often taken for places); it runs on through what the head governs (``_name_run``).  A
    capitalised head the model left untagged, not at a sentence start, is a name (``Комисията``
    in mid-sentence is the commission), and so is the run of a capitalised adjective and a head
    where something follows it (``Върховният съд на Пакистан``)."""
    found_at = {f.start: f for f in found}
    covered = {k for f in found for k in range(f.start, f.end)}
    starts = [(f.start, f) for f in found]
    # (an untagged word starts a name only capitalised: ``_head_type`` and the adjective's test ask)
    starts += [(i, None) for i in range(1, len(words))
               if i not in covered and words[i - 1][:1].isalnum() and words[i][:1].isupper()]
    out, drop = [], set()
    for i, m in starts:
        t = _head_type(words, which, i)
        starts_name = t is not None
        t = t or m is not None and m.end - m.start >= 2 and _head_type(words, which, m.end - 1, False)
        first = m.end if m else i + 1
        if (not t and m is None and i + 1 < len(words) and i + 1 not in covered and words[i][:1].isupper()
                and words[i].lower().endswith(_ADJ_ENDINGS)):
            t, first = _head_type(words, which, i + 1, False), i + 2  # ``Върховният съд``
        if not t or id(m) in drop:
            continue
        e = _name_run(words, which, first, found_at, starts_name)
        if m is None and e == first and not starts_name or m is not None and e == m.end and t == m.type:
            continue
        if any(f.start < e < f.end for f in found):
            continue  # a mention crosses its end
        drop |= {id(f) for f in found if i <= f.start and f.end <= e}
        out.append(Found(i, e, t, m.trim if m is not None and m.end == e else 0))
    return [f for f in found if id(f) not in drop] + out


def role_noun_is_no_part_of_a_name(found, words, which):
    """``Адвокат Сайфул Мулок`` as one person at a sentence start: an office or role noun before a
    name is no part of it (lang/<code>/role_nouns.tsv)."""
    out = []
    for f in found:
        if (f.type == "PER" and f.end - f.start >= 2 and which[f.start]
                and words[f.start].lower() in lexicon(which[f.start]).roles and words[f.start + 1][:1].isupper()):
            f = f._replace(start=f.start + 1)
        out.append(f)
    return out


def join_person_parts(found, words, which):
    """One person's name in two pieces: a one-word person mention and another right after it
    (``Тедрос`` and ``Аданом Гебрейесус``; two longer names side by side are two people: ``с
    коллегой Анной Ковальской Шмидт объявила``), or a person's name, particles and a capitalised word the model left out
    (``Урсула`` ... ``фон дер Лайен``), or a given name alone and, untagged after it, a word the
    morphology knows as a surname (``Оппозиционер Алексей Навальный`` once the role noun is cut off)."""
    covered = {k for f in found for k in range(f.start, f.end)}
    starts = {f.start: f for f in found}
    out, gone = [], set()
    for f in sorted(found):
        if id(f) in gone:
            continue
        while f.type == "PER" and not f.trim:
            e, nxt = f.end, starts.get(f.end)
            if nxt is not None and nxt.type == "PER" and which[nxt.start] == which[f.start] and f.end - f.start == 1:
                gone.add(id(nxt))
                f = f._replace(end=nxt.end, trim=nxt.trim)
                continue
            k = e
            while k < len(words) and words[k] in NAME_PARTICLES and k not in covered:
                k += 1
            if k > e and k < len(words) and k not in covered and words[k][:1].isupper() and words[k].isalpha():
                f = f._replace(end=k + 1)
                continue
            if (f.end - f.start == 1 and e < len(words) and e not in covered and which[e] == which[f.start]
                    and _morph_given_name(which[f.start] or "", words[f.start]) and _morph_surname(which[e], words[e])):
                f = f._replace(end=e + 1)
                continue
            break
        out.append(f)
    return out


def quoted_name_after_type_noun(found, words, which):
    """A quoted name after a noun that says its type is of that type (lang/<code>/entity_types.json
    "quote_nouns": ``партия „X“`` an organisation, ``вестник „X“`` and ``ваксината „X“`` products,
    ``операция „X“`` an event), the quoted words one mention (with the quotation marks where the
    language's annotation keeps them: "quotes_in_mention")."""
    out, drop = [], set()
    for i in range(1, len(words)):
        m = which[i - 1]
        if words[i] not in OPEN_QUOTES or not m or which[i] != m:
            continue
        data = _entity_types(m)
        t = _stem_type(data.get("quote_nouns", {}), words[i - 1], _endings(m))
        if t is None:
            continue
        j = _quote_close(words, i, MAX_QUOTED + 2)
        if j is None or j == i + 1 or not words[i + 1][:1].isupper():
            continue
        s, e = (i, j + 1) if data.get("quotes_in_mention") else (i + 1, j)
        if any(f.start < s < f.end or f.start < e < f.end for f in found):
            continue
        drop |= {id(f) for f in found if s <= f.start and f.end <= e}
        out.append(Found(s, e, t))
    return [f for f in found if id(f) not in drop] + out


@lru_cache(maxsize=None)
def _speech_words(model: str | None) -> dict:
    """A model language's words that make a quoted span a clause (lang/<code>/quoted_speech.json), or {}."""
    code = lang.get(model or "")
    if not model or not code.has("quoted_speech.json"):
        return {}
    d = code.json("quoted_speech.json")
    out = {k: frozenset(v) if isinstance(v, list) else v for k, v in d.items() if not k.startswith("_")}
    out["type_noun_stems"] = dict.fromkeys(out.get("type_nouns", ()), "x")  # as _stem_type reads them
    return out


_SENTENCE_ENDS = frozenset("!?…")


@lru_cache(maxsize=65536)
def _clause_word(model: str, w: str, first: bool) -> bool:
    """Does the quoted word ``w`` make its quote a clause: a modal or negation, a first- or
    second-person pronoun, a finite verb (Bulgarian past forms and an imperative opening the quote;
    Russian: the morphology's VERB), or sentence-final punctuation?  (Asked for every word of every
    quote, the same words again and again: each answer is kept.)"""
    if w in _SENTENCE_ENDS:
        return True
    data = _speech_words(model)
    lw = w.lower()
    if not w.isalpha():
        return False
    if lw in data.get("modals", ()) or lw in data.get("pronouns", ()):
        return w[:1].islower() or first
    if data.get("past_tense_verbs") and w[:1].islower() and is_bg_verb(w):
        return True
    if first and len(lw) >= data.get("imperative_min_length", 99) and lw.endswith(tuple(data.get("imperative_endings", ()))) \
            and not any(lw == x or len(x) <= 4 and lw.endswith(x) for x in data.get("imperative_exceptions", ())):
        return True
    if data.get("finite_verbs") and (w[:1].islower() or first):
        morph = lang.get(model).morph
        if morph is not None:
            p = morph.parse(lw)
            if p and p[0].tag.POS == "VERB":
                return True
    return False


def _typed_before(words, which, i) -> bool:
    """Does a noun that says the type of a quoted name stand right before the quote at ``i``
    (``партия``, ``вестник``, ``фильм``; an organisation's head noun)?"""
    if i == 0 or not which[i - 1]:
        return False
    m, w = which[i - 1], words[i - 1]
    if len(w) >= 2 and w.isupper() and w.isalpha() or w in LEGAL_FORMS:
        return True  # an organisation's form or abbreviation (``ООО «…»``, ``ФГБУ "…"``)
    data = _entity_types(m)
    return (_stem_type(data.get("quote_nouns", {}), w, _endings(m)) is not None
            or _stem_type(data.get("heads", {}), w, _endings(m)) is not None
            or w in _heads(m, "org_heads.txt")
            or _stem_type(_speech_words(m).get("type_noun_stems", {}), w, _endings(m)) is not None)


def quoted_speech_is_no_name(found, words, which, kb):
    """``„Оттеглете законопроекта“``, ``«Мы против войны»``: a quoted span that reads as a clause is
    speech, a demand or a slogan, not a name (lang/<code>/quoted_speech.json): it holds a modal or a
    negation, a first- or second-person pronoun, a finite verb or an imperative, sentence-final
    punctuation, mostly lower-case function words, or more than "max_words" words.  A product,
    organisation or event mention that takes the whole quote, or a clause word of it, is dropped;
    unless a type noun stands before the quote (``филмът „…“``, ``партия „…“``) or the KB knows the
    name.  A person or place named inside the quote stays."""
    drop = set()
    at = 0  # (where the scan goes on: a quote read as a whole is passed over)
    for i in [k for k, w in enumerate(words) if w in OPEN_QUOTES]:
        m = which[i]
        if i < at or not m:
            continue
        j = _quote_close(words, i, 40)
        if j is None:
            continue
        at = j + 1
        data = _speech_words(m)
        inner = [k for k in range(i + 1, j) if words[k].isalnum()]
        if not data or len(inner) < 2 or _typed_before(words, which, i):
            continue
        if 2 * sum(1 for k in inner if has_cyrillic(words[k])) <= len(inner):
            continue  # (a title in Latin script: the lists are this language's)
        # (a capitalised first word counts when a word follows it: ``„Ми-17“`` is a helicopter)
        first = i + 1 if i + 2 < j and words[i + 2].isalpha() else -1
        marks = {k for k in range(i + 1, j) if _clause_word(m, words[k], k == first)}
        if words[j - 1] == "." and j - 1 > i + 1 and len(words[j - 2]) > 3:
            marks.add(j - 1)
        fw = sum(1 for k in inner if words[k] in data.get("function_words", ()))
        # a long name that a head noun starts (``Закона за …``, ``Государственный научный центр …``)
        whole = (bool(marks) or len(inner) >= 3 and 2 * fw > len(inner)
                 or len(inner) > data.get("max_words", 99) and not any(_typed_before(words, which, k + 1) for k in inner))
        if whole:
            for n, f in enumerate(found):
                s, e, t = f[0], f[1], f[2]
                if t not in ("PRO", "ORG", "EVT") or e <= i + 1 or s >= j:
                    continue
                if not (s <= inner[0] and e > inner[-1] or any(s <= k < e for k in marks)):
                    continue
                if kb is not None and kb.curated(" ".join(w for w in words[s:e] if w not in OPEN_QUOTES and w not in CLOSE_QUOTES), stem=False):
                    continue
                drop.add(n)
    return [f for n, f in enumerate(found) if n not in drop]


@lru_cache(maxsize=1)
def _month_names() -> frozenset[str]:
    """Month names of every language's time-expression data (lang/<code>/timex.json)."""
    return frozenset(m.lower() for c in lang.languages() if lang.get(c).has("timex.json")
                     for m in lang.get(c).json("timex.json").get("months", {}))


def date_is_no_part_of_a_name(found, words, which):
    """A name ends before a date: ``Европейският съвет на 18 октомври`` holds the organisation and a
    date, not an organisation named with a number.  A mention that ends in a number followed by a
    month name (or holds one) is cut before the number and the word that joins it (``на``)."""
    months = _month_names()
    out = []
    for m in found:
        s, e = m[0], m[1]
        cut = next((k for k in range(s + 1, e) if words[k].isdigit()
                    and k + 1 < len(words) and words[k + 1].lower().strip(".") in months | {w.strip(".") for w in months}), None)
        if cut is not None:
            if cut > s + 1 and words[cut - 1].islower() and len(words[cut - 1]) <= 3:
                cut -= 1  # the preposition before the date (на, от, до)
            m = Found(s, cut, m.type)
        out.append(m)
    return out


def place_noun_makes_place(found, words, which):
    """A name after a common noun of natural places is a place (``проходът Шипка``, ``връх
    Мусала``), whatever type the model gave it; the noun itself is no part of the name
    (lang/<code>/place_nouns.txt); a capitalised word there that the model left untagged is one."""
    covered = {k for f in found for k in range(f[0], f[1])}
    out = [Found(i, i + 1, "LOC") for i in range(1, len(words))
           if i not in covered and which[i] and words[i][:1].isupper() and words[i].isalpha()
           and words[i - 1].lower() in _heads(which[i - 1], "place_nouns.txt")]
    for m in found:
        s, e, t, trim = m
        nouns = _heads(which[s], "place_nouns.txt")
        if e - s >= 2 and words[s].lower() in nouns:
            m = Found(s + 1, e, "LOC", trim)
        elif t != "LOC" and s > 0 and words[s - 1].lower() in nouns and e - s <= 2:
            m = Found(s, e, "LOC", trim)
        out.append(m)
    return out


def split_open_parens(found, words):
    """``Европейския съюз (ЕС`` (the model stopped before the closing parenthesis): the name and its
    abbreviation, two mentions of one type."""
    out = []
    for s, e, t, trim in found:
        inner = words[s:e]
        if "(" in inner and ")" not in inner and not trim:
            k = s + inner.index("(")
            if k > s:
                out.append(Found(s, k, t))
            if k + 1 < e:
                out.append(Found(k + 1, e, t))
            continue
        out.append(Found(s, e, t, trim))
    return out


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word.isupper() and not set(word) <= set("IVXLCDM")  # (a regnal number)


def split_person_and_acronym(found, words, kb: KB):
    """``Ивана Петрова ТАСС`` (the model ran a person on into the agency after it): a person's name
    does not end in the upper-case abbreviation of an organisation or a medium the curated KB knows,
    after words in title case; the name and the abbreviation are two mentions.  (A byline's
    upper-case surname, ``Алексей БУЛАТОВ``, is no such abbreviation.)"""
    out = []
    for s, e, t, trim in found:
        known = (t == "PER" and not trim and e - s >= 2 and _acronym(words[e - 1])
                 and all(w[:1].isupper() and not w.isupper() for w in words[s:e - 1])
                 and kb.curated(words[e - 1], stem=False))
        if known and known[1] in ("ORG", "PRO"):
            out += [Found(s, e - 1, t), Found(e - 1, e, known[1])]
            continue
        out.append(Found(s, e, t, trim))
    return out


@lru_cache(maxsize=1)
def _bg_verbs() -> tuple[frozenset[str], tuple[str, ...], int, frozenset[str]]:
    """Bulgarian finite verb forms from the time-expression data (lang/bg/timex.json, "tense"):
    listed past and future words and auxiliaries, and past-tense endings with their exceptions."""
    t = lang.get("bg").json("timex.json")["tense"]
    words = {w for w in t["past_words"] + t["future_words"] + t["auxiliaries"] if " " not in w}
    return (frozenset(words), tuple(t["past_suffixes"]), int(t["past_suffix_min_length"]),
            frozenset(t["past_suffix_exceptions"]))


def is_bg_verb(word: str) -> bool:
    words, suffixes, min_len, exceptions = _bg_verbs()
    w = word.lower()
    return w in words or len(w) >= min_len and w.endswith(suffixes) and w not in exceptions


@lru_cache(maxsize=4096)
def _ru_verb(word: str) -> bool:
    """A lower-case Russian word that pymorphy3 knows only as a finite verb or an infinitive."""
    morph = lang.get("ru").morph
    return (morph is not None and morph.word_is_known(word)
            and all(p.tag.POS in ("VERB", "INFN") for p in morph.parse(word)))


def cut_at_verbs(found, words, which):
    """``Българската академия на науките подписаха договор``, ``Твери задержали Прохорову``: a name
    holds no finite verb; the mention ends before the first one (the model ran on into the
    sentence).  Bulgarian verbs from the language's data, Russian ones from pymorphy3."""
    out = []
    verb = {"bg": is_bg_verb, "ru": _ru_verb}
    for s, e, t, trim in found:
        if which[s] in verb and e - s >= 2:
            is_verb = verb[which[s]]
            cut = next((k for k in range(s + 1, e) if words[k][:1].islower() and is_verb(words[k])), e)
            if cut < e:
                e, trim = cut, 0
                while e > s + 1 and not words[e - 1][:1].isalnum():  # and before the punctuation before it
                    e -= 1
        out.append(Found(s, e, t, trim))
    return out


def trim_quotes(found, words):
    """A mention that opens a quotation without closing it (``"Северен поток-2``) or closes one it
    did not open (``Коммерсант“``) loses that quotation mark."""
    out = []
    for s, e, t, trim in found:
        if e - s > 1 and words[s] in OPEN_QUOTES and not any(w in CLOSE_QUOTES for w in words[s + 1:e]):
            s += 1
        if e - s > 1 and words[e - 1] in CLOSE_QUOTES and not any(w in OPEN_QUOTES for w in words[s:e - 1]):
            e -= 1
        out.append(Found(s, e, t, trim))
    return out


def attach_numbers(found, words, which):
    """A product, organisation or event name with its number (``Северен поток 2``, ``„Северен
    поток“ 2``, ``Северен поток-2``, ``Covid-19``, ``член 50``) and an organisation with its legal
    form (``Nord Stream 2 AG``, ``„Уеб Медия Груп“ АД``), as one mention, as SlavicNER writes them.
    A number crossed after a closing quote takes the opening quote along.  A place takes a number
    only after a dash or a quote (``Марица Изток-2``; ``България 2:1`` is a score)."""
    out = []
    taken = {k for s, e, _, _ in found for k in range(s, e)}
    n = len(words)
    for s, e, t, trim in found:
        if t in ("PRO", "ORG", "EVT", "LOC") and not trim:
            k, quoted = e, False
            if s > 0 and words[s - 1] in OPEN_QUOTES:
                if k < n and words[k] in CLOSE_QUOTES:
                    k, quoted = k + 1, True
                elif words[k - 1] in CLOSE_QUOTES:  # the model took the closing quote along
                    quoted = True
            dashed = k < n and words[k] in DASHES
            if dashed:
                k += 1
            if (k < n and words[k].isdigit() and len(words[k]) <= 4 and k not in taken
                    and which[k] == which[s]
                    and not (k + 1 < n and _QUANTITY.match(words[k + 1]))
                    and (dashed or quoted or len(words[k]) <= 2 and t != "LOC")):  # "България 2:1" is a score
                e = k + 1
                if quoted:
                    s -= 1
            elif s > 0 and words[s - 1] in OPEN_QUOTES and any(w in CLOSE_QUOTES for w in words[s + 1:e - 1]):
                s -= 1  # the model's own „Северен поток“ 2: the quotes go together
            k = e
            if t in ("ORG", "PRO") and k < n and words[k] in CLOSE_QUOTES and s > 0 and words[s - 1] in OPEN_QUOTES:
                if k + 1 < n and words[k + 1] in LEGAL_FORMS:
                    s, e, t = s - 1, k + 2, "ORG"
            elif t in ("ORG", "PRO") and k < n and words[k] in LEGAL_FORMS and k not in taken:
                e, t = k + 1, "ORG"
        out.append(Found(s, e, t, trim))
    return out


# ------------------------------------------------------------------ the curated KB mends the model

@dataclass
class Context:
    """What the KB rules read about one article: its words, the model language of each (None: no
    model reads it), the KB and which tokens the model's mentions cover."""

    words: list[str]
    which: list[str | None]
    kb: KB
    covered: list[bool]

    @cached_property
    def capitals(self) -> list[int]:
        """The words that start with a capital letter, in order: the rules that add names look at
        no others (a pass over every word for each rule cost more than their lookups)."""
        return [i for i, w in enumerate(self.words) if w[:1].isupper()]


def trusted(kb: KB, hit: tuple[str, str]) -> bool:
    """May a curated KB name (key, type) add or retype a mention?  Persons, organisations, places
    and publications; other products are left to the model."""
    return hit[1] in ("PER", "ORG", "LOC") or kb.entries[hit[0]].kind == "publication"


def _known_place(c: Context, a: int, b: int) -> bool:
    h = c.kb.curated(" ".join(c.words[a:b]), stem=False)
    return bool(h) and h[1] == "LOC"


# Each rule takes a mention and returns it as it goes on; a rule that splits a piece off adds the
# piece to ``done``.  They run in the order of KB_RULES, on mentions in text a model reads.

def end_at_known_place_before_lowercase(m: Found, c: Context, done: list[Found]) -> Found:
    """``Украйна за ниски цени на транзита`` as an ORG: a known place followed by lower-case words
    is the place alone (the model ran on past its name)."""
    s, e, t, trim = m
    if t != "LOC" and e - s >= 2:
        for n in (2, 1):
            if s + n < e and c.words[s + n][:1].islower() and _known_place(c, s, s + n):
                return Found(s, s + n, "LOC", trim)
    return m


def end_person_at_lowercase_word(m: Found, c: Context, done: list[Found]) -> Found:
    """``Михал Куртика за Полско радио``: a person's name holds no lower-case word but a particle."""
    s, e, t, trim = m
    if t == "PER":
        cut = next((k for k in range(s + 1, e) if c.words[k][:1].islower() and c.words[k] not in NAME_PARTICLES), e)
        return m._replace(end=cut)
    return m


def split_place_off_person_end(m: Found, c: Context, done: list[Found]) -> Found:
    """``Владимир Путин Москва``: a known place glued to the end of a person's name."""
    s, e, t, _ = m
    if t == "PER" and e - s >= 3 and _known_place(c, e - 1, e):
        done.append(Found(e - 1, e, "LOC"))
        return m._replace(end=e - 1)
    return m


def take_given_name_before_person(m: Found, c: Context, done: list[Found]) -> Found:
    """``Фридрих`` left out before ``Мерц``: a given name before a person's name is theirs."""
    s, w = m.start, c.words
    if (m.type == "PER" and s > 0 and not c.covered[s - 1] and w[s - 1][:1].isupper()
            and fold(w[s - 1]) in c.kb.first_names and c.which[s - 1] == c.which[s]):
        return m._replace(start=s - 1)
    return m


def given_name_makes_person(m: Found, c: Context, done: list[Found]) -> Found:
    """``Юрий Витренко`` as a product: a given name and capitalised words is a person, and so is a
    given name alone (``Ахмедом`` as an organisation) outside quotation marks (``компанията
    „Зорница“`` is named after one), unless the KB knows the whole name."""
    s, e, t, _ = m
    quoted = s > 0 and c.words[s - 1] in OPEN_QUOTES
    if (t != "PER" and (e - s >= 2 and fold(c.words[s]) in c.kb.first_names or e - s == 1 and not quoted and is_given_name(c, s))
            and all(w[:1].isupper() and w.isalpha() for w in c.words[s:e])
            and not c.kb.curated(" ".join(c.words[s:e]), stem=False)):
        return m._replace(type="PER")
    return m


_MORPH_TYPES = (("PER", frozenset({"Name", "Surn", "Patr"})), ("LOC", frozenset({"Geox"})), ("ORG", frozenset({"Orgn"})))


@lru_cache(maxsize=65536)
def _morph_type(model: str, word: str) -> str | None:
    """The type every dictionary reading of a capitalised word gives it (pymorphy3's ``Name``,
    ``Surn``, ``Patr``: a person; ``Geox``: a place; ``Orgn``: an organisation), or None where the
    morphology does not know the word as a name, or knows it as names of two types."""
    morph = lang.get(model).morph
    if morph is None:
        return None
    parses = [p for p in morph.parse(word) if p.is_known]
    for t, marks in _MORPH_TYPES:
        if parses and all(p.tag.grammemes & marks for p in parses):
            return t
    return None


def one_word_takes_its_morphology_type(m: Found, c: Context, done: list[Found]) -> Found:
    """A one-word mention (``Навальным`` as a place) takes the type the morphology's dictionary
    gives every reading of the word, unless the KB knows the word."""
    s, e, t, _ = m
    w = c.words[s]
    if e - s != 1 or not w.isalpha() or not w[:1].isupper() or c.kb.curated(w, stem=False):
        return m
    got = _morph_type(c.which[s], w)
    if got is None or got == t or t == "PER" or t == "ORG" and got == "LOC":
        return m  # a person stays one; an organisation named after its place is no place
    return m._replace(type=got)


def split_country_off_person_start(m: Found, c: Context, done: list[Found]) -> Found:
    """``Венецуела Николас Мадуро``: a country glued to the front of a person's name."""
    s, e, t, _ = m
    if t == "PER" and e - s >= 3:
        for n in (1, 2):
            if e - s - n >= 2 and _known_place(c, s, s + n):
                done.append(Found(s, s + n, "LOC"))
                return m._replace(start=s + n)
    return m


def latin_person_is_company(m: Found, c: Context, done: list[Found]) -> Found:
    """Bulgarian and Russian news write people's names in Cyrillic; a name left in Latin letters is
    most often a company, brand or medium (2 of 1,200 Bulgarian and 52 of 2,600 Russian PER
    mentions in SlavicNER are in Latin letters, against 570 and 1,460 ORG), unless it starts with a
    given name (``Jens Spahn`` stays a person).  The KB's type wins when it knows the name."""
    s, e, t, _ = m
    if t == "PER" and not any(has_cyrillic(w) for w in c.words[s:e]):
        h = c.kb.lookup_any_type(" ".join(c.words[s:e]))
        if h:
            return m._replace(type=h[1])
        if not (e - s >= 2 and fold(c.words[s]) in c.kb.first_names):
            return m._replace(type="ORG")
    return m


def lone_latin_product_is_company(m: Found, c: Context, done: list[Found]) -> Found:
    """A lone Latin-script word the model calls a product is most often a company (Ryanair,
    Pfizer); the media that SlavicNER types PRO are in the KB or have a domain or a second word
    (The Guardian, news.bg)."""
    s, e, t, _ = m
    w = c.words[s]
    if t == "PRO" and e - s == 1 and not has_cyrillic(w) and w[:1].isupper() and "." not in w:
        h = c.kb.lookup_any_type(w)
        return m._replace(type=h[1] if h else "ORG")
    return m


def grow_to_known_longer_name(m: Found, c: Context, done: list[Found]) -> Found:
    """``Вашингтон`` of ``„Вашингтон пост“``: a known name one or two words longer takes its words
    and its type."""
    s, e, _, _ = m
    for n in (2, 1):
        if (e + n <= len(c.words) and not any(c.covered[e:e + n]) and c.which[e + n - 1] == c.which[s]
                and all(w.isalpha() for w in c.words[e:e + n])):
            h = c.kb.curated(" ".join(c.words[s:e + n]), stem=False)
            if h and trusted(c.kb, h):
                return m._replace(end=e + n, type=h[1])
    return m


def known_name_takes_kb_type(m: Found, c: Context, done: list[Found]) -> Found:
    """A known name the model typed otherwise takes the KB's type (``Газпром`` is an ORG); names
    of the KB's media keep the model's type."""
    s, e, t, _ = m
    if t in ("PER", "ORG", "LOC", "PRO"):
        hit = c.kb.curated(" ".join(c.words[s:e]), stem=False)
        if hit and hit[1] != t and c.kb.entries[hit[0]].kind != "media" and trusted(c.kb, hit):
            return m._replace(type=hit[1])
    return m


KB_RULES: tuple[Callable[[Found, Context, list[Found]], Found], ...] = (
    end_at_known_place_before_lowercase,
    end_person_at_lowercase_word,
    split_place_off_person_end,
    take_given_name_before_person,
    given_name_makes_person,
    one_word_takes_its_morphology_type,
    split_country_off_person_start,
    latin_person_is_company,
    lone_latin_product_is_company,
    grow_to_known_longer_name,
    known_name_takes_kb_type,
)


def add_known_names_missed(c: Context) -> list[Found]:
    """Capitalised names of the curated KB that no mention covers (up to four words, the longest
    first; a single word of five letters or more in any inflection)."""
    out = []
    n, words, which = len(c.words), c.words, c.which
    at = 0  # (where the scan goes on: past the last name found)
    for i in c.capitals:
        if i < at or c.covered[i] or not which[i]:
            continue
        hit = None
        for size in (4, 3, 2, 1):
            e = i + size
            if e > n or any(c.covered[i:e]) or which[e - 1] != which[i]:
                continue
            h = c.kb.curated(" ".join(words[i:e]), stem=(size == 1 and len(words[i]) >= 5))
            if h and trusted(c.kb, h):
                hit = Found(i, e, h[1])
                break
        if hit:
            out.append(hit)
            at = hit.end
    return out


@lru_cache(maxsize=None)
def _given_name_endings(model: str | None) -> tuple[str, ...]:
    """Case endings a language's given names take (lang/<code>/given_names.txt ``[endings]``)."""
    code = lang.get(model or "")
    return code.sections("given_names.txt").get("endings", ()) if model and code.has("given_names.txt") else ()


@lru_cache(maxsize=65536)
def _morph_surname(model: str | None, word: str) -> bool:
    """A capitalised word pymorphy3 knows, in one of its readings, as a surname (``Surn``)."""
    morph = lang.get(model).morph if model else None
    if morph is None or not (word[:1].isupper() and word.isalpha()):
        return False
    return any("Surn" in p.tag for p in morph.parse(word) if p.is_known)


@lru_cache(maxsize=65536)
def _morph_given_name(model: str, word: str) -> bool:
    """pymorphy3 knows the word as a given name (``Name``) and as nothing else but a person's name
    (``Израиль`` is a given name and a country: no)."""
    morph = lang.get(model).morph
    if morph is None:
        return False
    parses = morph.parse(word)
    names = {"Name", "Surn", "Patr"}
    return any("Name" in p.tag for p in parses) and all(p.tag.grammemes & names for p in parses)


def is_given_name(c: Context, i: int) -> bool:
    """A capitalised Cyrillic word that is a given name: in the KB's given names (hand lists and the
    first words of known persons' names), in a case form of one, or by the morphology's ``Name``."""
    w, m = c.words[i], c.which[i]
    if not (m and len(w) >= 2 and w[:1].isupper() and w[1:].islower() and w.isalpha() and has_cyrillic(w)):
        return False
    f, firsts = fold(w), c.kb.first_names
    return (f in firsts or any(f.endswith(x) and f[:-len(x)] in firsts for x in _given_name_endings(m))
            or _morph_given_name(m, w))


def add_given_name_persons(c: Context) -> list[Found]:
    """A given name that no mention covers and the capitalised words after it (up to two) are a
    person (``Мохамед Салим``): the model misses foreign given names it never saw.  A given name
    alone is one too, away from a sentence start; a following word the KB knows as a name of
    another kind, or that heads an organisation's name, is no surname."""
    out, n, w = [], len(c.words), c.words
    at = 0  # (where the scan goes on: past the last name read)
    for i in c.capitals:
        if i < at or c.covered[i] or not is_given_name(c, i):
            continue
        e = i + 1
        while (e < n and e - i < 3 and not c.covered[e] and c.which[e] == c.which[i] and w[e][:1].isupper()
               and w[e].isalpha() and has_cyrillic(w[e]) and _head_type(w, c.which, e) is None):
            known = c.kb.curated(w[e], stem=False)
            if known and known[1] != "PER":
                break
            e += 1
        if e > i + 1 or i > 0 and w[i - 1][:1].isalnum():
            out.append(Found(i, e, "PER"))
            _cover(c.covered, out[-1:])
        at = e
    return out


_NAME_MARKS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@lru_cache(maxsize=65536)
def _name_noun(model: str, word: str) -> bool:
    """The morphology's dictionary knows the word, and only as a noun that names something (every
    reading a ``Name``, ``Surn``, ``Patr``, ``Geox``, ``Orgn`` or ``Trad``): no common word is written
    so (``Тверь``, ``Сидоровым``; not ``Вера``, ``Роза`` or ``Мир``, which are words as well)."""
    morph = lang.get(model).morph
    if morph is None:
        return False
    parses = morph.parse(word)
    return bool(parses) and all(p.is_known and "NOUN" in p.tag and p.tag.grammemes & _NAME_MARKS for p in parses)


def _maybe_name(c: Context, i: int) -> bool:
    """An uncovered capitalised word a model reads that may be (part of) a name: not a word the
    morphology knows as a common word."""
    w, m = c.words[i], c.which[i]
    if c.covered[i] or not m or not w[:1].isupper() or not w.isalpha():
        return False
    morph = lang.get(m).morph
    return morph is None or not any(p.is_known and not p.tag.grammemes & _NAME_MARKS for p in morph.parse(w))


def add_morphology_names(c: Context) -> list[Found]:
    """A lone capitalised Cyrillic word (four letters or more) that no mention covers, which the
    morphology's dictionary knows only as a name of one type (_morph_type, _name_noun), is a mention
    of that type: the model misses names it never saw (``Навальным``, ``Гавриловой``).  Not where
    a neighbour is another capitalised word that may be a name (the two are likelier one name the
    model missed, whose bounds this cannot tell), nor a word the curated KB knows (its own rules
    decide those)."""
    out, w, n = [], c.words, len(c.words)
    for i in c.capitals:
        m = c.which[i]
        if (c.covered[i] or not m or len(w[i]) < 4 or not w[i][:1].isupper() or not w[i][1:].islower()
                or not w[i].isalpha() or not has_cyrillic(w[i]) or not _name_noun(m, w[i])
                or i > 0 and _maybe_name(c, i - 1) or i + 1 < n and _maybe_name(c, i + 1)
                or c.kb.curated(w[i], stem=False)):
            continue
        t = _morph_type(m, w[i])
        if t:
            out.append(Found(i, i + 1, t))
    _cover(c.covered, out)
    return out


_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)*$")


def _latin(word: str) -> bool:
    return bool(word) and word[0].isascii() and word[0].isalpha()


def add_lone_latin_companies(c: Context) -> list[Found]:
    """A lone capitalised word in Latin letters that no mention covers, amid Cyrillic text, is a
    company or brand (``Pfizer``, ``AstraZeneca``): see latin_person_is_company.  Not an
    abbreviation (``PCR``), nor a word of a Latin phrase (its neighbours Cyrillic), nor a month's
    name; the KB's type wins where it knows the word."""
    out, w = [], c.words
    for i in c.capitals:  # (a Latin name starts with a capital)
        if (c.covered[i] or not c.which[i] or len(w[i]) < 4 or not _LATIN_NAME.match(w[i])
                or i > 0 and _latin(w[i - 1]) or i + 1 < len(w) and _latin(w[i + 1])
                or w[i].lower() in _month_names()):  # a post's date line (``December 1, 2025``)
            continue
        h = c.kb.lookup_any_type(w[i])
        out.append(Found(i, i + 1, h[1] if h else "ORG"))
    return out


def surname_of_full_name_is_person(found: list[Found], words: list[str], kb: KB) -> list[Found]:
    """A surname that recurs alone after a full name is that person, whatever type the model gave
    it (``Георги Петров`` ... ``Петров`` is no place), unless the curated KB knows the word as a name
    of another kind (``Джордж Вашингтон`` ... the city ``Вашингтон``)."""
    surnames = {words[e - 1] for s, e, t, _ in found if t == "PER" and e - s >= 2 and len(words[e - 1]) >= 3}
    out = []
    for m in found:
        if m.type != "PER" and m.end - m.start == 1 and words[m.start] in surnames:
            known = kb.curated(words[m.start], stem=False)
            if known is None or known[1] == "PER":
                m = Found(m.start, m.end, "PER", m.trim)
        out.append(m)
    return out


def check_with_kb(found: list[Found], words: list[str], which: list[str | None], kb: KB) -> list[Found]:
    """The curated KB corrects the model's mentions (KB_RULES, in order, on mentions in text a
    model reads) and adds the known names it missed."""
    covered = [False] * len(words)
    _cover(covered, found)
    c = Context(words, which, kb, covered)
    out: list[Found] = []
    for m in found:
        m = Found(*m)
        for rule in KB_RULES:
            if which[m.start]:
                m = rule(m, c, out)
        out.append(m)
    out += add_known_names_missed(c)
    _cover(covered, out)  # (the rules may have grown a mention)
    out += add_given_name_persons(c)  # (marks what it adds as covered)
    out += add_morphology_names(c)  # (likewise)
    return out + add_lone_latin_companies(c)


def _cover(covered: list[bool], found) -> None:
    for f in found:
        for k in range(f[0], f[1]):
            covered[k] = True


class EntityStage:
    name = "entities"
    requires = ("tokens", "sentences", "lang")
    assigns = ("mentions", "entities")
    updates: tuple[str, ...] = ()

    def __init__(self, settings: Settings | None = None, propagate: bool = True) -> None:
        self.settings = settings or DEFAULTS
        self.kb = load_kb(self.settings)
        self.resolver = Resolver(self.kb, metonymy=self.settings.metonymy)
        # before workers fork; the other models load when their text first comes
        self.model(lang.get(lang.DEFAULT).model)
        self.propagate = propagate

    def model(self, code: str | None):
        """The spaCy pipeline of a model language (None: no model)."""
        return load_model(code, self.settings) if code else None

    # ------------------------------------------------------------- tagging

    def _token_langs(self, doc: Document, tokens: list[Span]) -> tuple[list[str], set[int]]:
        """The language of each token's sentence, and the tokens that start a sentence."""
        sents = doc.layer("sentences")
        default = doc.lang or "bg"
        if sents and all("tokens" in x.attrs for x in sents) and sents[-1].attrs["tokens"][1] == len(tokens):
            langs = [default] * len(tokens)  # the sentences stage says which tokens each one holds
            for x in sents:
                a, b = x.attrs["tokens"]
                langs[a:b] = [x.attrs.get("lang") or default] * (b - a)
            return langs, {x.attrs["tokens"][0] for x in sents} | {0}
        langs, starts = [], set()
        k = 0
        for i, t in enumerate(tokens):
            moved = i == 0
            while k + 1 < len(sents) and sents[k + 1].start <= t.start:
                k += 1
                moved = True
            if moved:
                starts.add(i)
            s = sents[k] if sents else None
            langs.append((s.attrs.get("lang") if s is not None else None) or default)
        return langs, starts

    def _tag_many(self, docs: list[Document]) -> list[tuple[list, list[str], list[bool], list[str]]]:
        """(mentions, words, spaces after them, languages) per document, their model runs batched
        through each spaCy pipeline (about a sixth less model time than one document at a time)."""
        from spacy.tokens import Doc

        states, queue = [], defaultdict(list)  # model -> [(doc number, spaCy doc, token index)]
        for n, doc in enumerate(docs):
            tokens = doc.layer("tokens")
            if not tokens:
                states.append(None)
                continue
            words = [t.attrs.get("text", doc.text[t.start:t.end]) for t in tokens]
            spaces = [bool(t.attrs.get("ws", True)) for t in tokens]
            langs, starts = self._token_langs(doc, tokens)
            doc_model = lang.get(doc.lang or "").model
            model_of = {l: lang.get(l).model for l in set(langs)}
            which = []
            for i, l in enumerate(langs):
                m = model_of[l]
                if m is None and l != "en" and has_cyrillic(words[i]):
                    m = doc_model or lang.get(lang.DEFAULT).model
                which.append(m)
            found: list[Found] = []
            states.append((words, which, found, spaces, langs))
            i, n_tok = 0, len(tokens)
            while i < n_tok:
                lo, m = i, which[i]
                while i < n_tok and which[i] == m:
                    i += 1
                nlp = self.model(m)
                if nlp is None:
                    found.extend(latin_mentions(words, lo, i, starts, self.kb))
                    continue
                # As in training, line breaks between tokens are tokens of their own (spaCy's rule).
                mw, ms, index = [], [], []
                text = doc.text
                for k in range(lo, i):
                    mw.append(words[k])
                    index.append(k)
                    end = tokens[k].end
                    nxt = tokens[k + 1].start if k + 1 < i else end
                    if nxt == end:
                        ms.append(k + 1 == i and spaces[k])
                    elif nxt == end + 1 and text[end] == " ":
                        ms.append(True)
                    else:
                        gap = text[end:nxt]
                        ms.append(gap[0] == " ")
                        rest = gap[1:] if gap[0] == " " else gap
                        if rest:
                            mw.append(rest)
                            ms.append(False)
                            index.append(-1)
                queue[m].append((n, Doc(nlp.vocab, words=mw, spaces=ms), index))
        for m, items in queue.items():
            sdocs = [x[1] for x in items]
            with _one_blas_thread():
                for _, proc in self.model(m).pipeline:
                    sdocs = list(proc.pipe(sdocs, batch_size=64))
            votes = ner_votes.voter(m, self.settings)  # natasha beside the Russian model
            if votes is not None:
                votes.vote(sdocs)
            for (n, _, index), sdoc in zip(items, sdocs):
                states[n][2].extend(self._model_mentions(sdoc, index))
        return [(self._mend(*st[:3]), st[0], st[3], st[4]) if st else ([], [], [], []) for st in states]

    @staticmethod
    def _model_mentions(sdoc, index) -> list[Found]:
        found = []
        for e in sdoc.ents:
            end = e.end
            if e.label_ == "LOC":  # "Дунав при Видин": a place name holds no such preposition
                end = next((k for k in range(e.start + 1, e.end) if sdoc[k].text in PLACE_BREAKERS), end)
                rest = end + 1
                if end < e.end and rest < e.end and sdoc[rest].text[:1].isupper():
                    c, d = index[rest], index[e.end - 1]
                    if c >= 0 and d >= 0:
                        found.append(Found(c, d + 1, "LOC"))
            a, b = index[e.start], index[end - 1]
            if all(t.text in _EN_STOP or t.is_digit or t.is_punct for t in sdoc[e.start:end]):
                continue  # "December 1" in a post's signature is no name
            if a >= 0 and b >= 0 and not _NOT_A_NAME.search(sdoc[e.start:end].text):
                found.append(Found(a, b + 1, e.label_))
        return found

    def _mend(self, words, which, found) -> list[Found]:
        """The rules after the model (see the module's docstring), in order."""
        found = found + quoted_names(words, which, found)
        found = split_open_parens(found, words)
        found = cut_at_verbs(found, words, which)
        found = split_person_and_acronym(found, words, self.kb)
        found = attach_heads(found, words, which)
        found = quoted_name_after_org_head(found, words, which)
        found = quoted_name_after_type_noun(found, words, which)
        found = quoted_speech_is_no_name(found, words, which, self.kb)
        found = head_starts_name(found, words, which)
        found = role_noun_is_no_part_of_a_name(found, words, which)
        found = place_noun_makes_place(found, words, which)
        found = attach_numbers(found, words, which)
        if self.propagate:
            found = self._propagate(found, words, which)
            found = surname_of_full_name_is_person(found, words, self.kb)
        found = date_is_no_part_of_a_name(found, words, which)  # whatever took the number
        found = trim_quotes(found, words)
        found = join_person_parts(found, words, which)
        found = check_with_kb(found, words, which, self.kb)
        return sorted(found)

    @staticmethod
    def _propagate(found, words, which):
        """A name tagged once is the same name where it recurs (same model's text): untagged, or
        tagged only in part (``Северен`` as a place where ``Северен поток 2`` is tagged elsewhere);
        the longer name wins over mentions that lie wholly inside it."""
        owner = [-1] * len(words)
        for j, (s, e, _, _) in enumerate(found):
            for k in range(s, e):
                owner[k] = j
        types: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        for s, e, t, trim in found:
            if trim == 0:
                types[tuple(words[s:e])][t] += 1
        for s, e, t, trim in found:  # the surname of a full name recurs alone (``Расмусен``)
            last = words[e - 1]
            if t == "PER" and e - s >= 2 and len(last) >= 3 and last[:1].isupper() and (last,) not in types:
                types[(last,)]["PER"] += 1
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for seq, cnt in types.items():
            if len(seq) == 1 and len(seq[0]) < 2:
                continue
            by_first[seq[0]].append((seq, cnt.most_common(1)[0][0]))
        for v in by_first.values():
            v.sort(key=lambda x: -len(x[0]))
        extra, dropped = [], set()
        resume = 0  # (past the last name found)
        for i in [k for k, w in enumerate(words) if w in by_first]:
            if i < resume:
                continue
            hit = None
            for seq, t in by_first[words[i]]:
                e = i + len(seq)
                if tuple(words[i:e]) != seq or which[i] != which[e - 1]:
                    continue
                inside = {owner[k] for k in range(i, e) if owner[k] >= 0}
                if any(found[j][0] < i or found[j][1] > e or found[j][:2] == (i, e) for j in inside):
                    continue  # a mention crosses its edge, or it is there already
                hit = Found(i, e, t)
                dropped |= inside
                break
            if hit:
                extra.append(hit)
                resume = hit[1]
        return [f for j, f in enumerate(found) if j not in dropped] + extra

    # ------------------------------------------------------------- the stage

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[Document]:
        return [self._resolve(doc, *tagged) for doc, tagged in zip(docs, self._tag_many(docs))]

    def _resolve(self, doc: Document, tagged: list[Found], words: list[str],
                 spaces: list[bool], langs: list[str]) -> Document:
        tokens = doc.layer("tokens")
        mentions = []
        for s, e, t, trim in tagged:
            start, end = tokens[s].start, tokens[e - 1].end - trim
            # the words as written (``Covid-19``, not ``Covid - 19``), so that the KB knows them
            text = "".join(w + (" " if k + 1 < e and spaces[k] else "") for k, w in enumerate(words[s:e], s))
            if trim:
                text = text[:-trim]
            before = tuple(w.lower() for w in words[max(0, s - 3):s])
            after = tuple(w.lower() for w in words[e:e + 3])
            mentions.append(Mention(start, end, t, text, langs[s] if langs else lang.DEFAULT,
                                    before[-1] if before else "", before=before, after=after))
        doc_lang = doc.lang
        groups = self.resolver.resolve(mentions, doc_lang)
        entities, spans = [], []
        for n, g in enumerate(groups, 1):
            eid = f"e{n}"
            ent = Entity(eid, g.type, self.resolver.name(g, doc_lang), g.key,
                         [(m.start, m.end) for m in g.mentions])
            places = {m.attrs["place"] for m in g.mentions if m.attrs.get("place") and g.type != "LOC"}
            if places:
                ent.attrs["place"] = sorted(places)[0]
            entities.append(ent)
            for m in g.mentions:
                spans.append(Span(m.start, m.end, g.type, {"entity": eid, **m.attrs}))
        doc.entities = entities
        doc.set_layer("mentions", spans)
        return doc
