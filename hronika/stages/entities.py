"""Named entities: mentions (PER, ORG, LOC, EVT, PRO) and one entity per referent.

The tokens layer becomes a spaCy ``Doc`` (no re-tokenizing); runs of Bulgarian-like sentences go
to the bg model and runs of Russian-like sentences to the ru model (both trained on SlavicNER, see
hronika/models/README.md).  Sentences in English (embedded tweets) are read by rules: KB names and
capitalised sequences.  Rules then mend what such models get wrong on topics they have not seen
(measured in bench/RESULTS.md): short quoted names are products; a name keeps its number and legal
form (``Северен поток 2``, ``Nord Stream 2 AG``); an adjective and the noun that ends a name are
one mention (``Черно море``); a name tagged once is tagged again wherever it recurs in the
article, the longer name winning over a part of it, and a full name's surname recurs alone; the
KB corrects types, cuts run-on names at a known place and adds known names the model missed;
Latin-script "persons" and products in Cyrillic text are companies unless a given name starts
them.  Then ``hronika.kb.resolve`` groups the mentions into entities with a canonical name and a
global ``kb`` key.
"""
from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from ..document import Document, Entity, Span
from ..kb import fold
from ..kb import load as load_kb
from ..kb.resolve import Mention, Resolver
from ..kb.translit import has_cyrillic
from ..lang import load_json, load_list
from ..settings import DEFAULTS, Settings

MODELS = Path(__file__).resolve().parents[1] / "models"
PLACE_BREAKERS = frozenset(load_list("bg", "entities_place_breakers.txt"))
MODEL_FOR_LANG = {"bg": "bg", "mk": "bg", "sr": "bg", "ru": "ru", "uk": "ru", "be": "ru"}

_EN_STOP = frozenset("""The A An I In On At It Its This That These Those He She We They You His Her Our Their My Your
But And Or If As By For With From To Of After Before When While Where What Who Why How Here There Today Yesterday
Tomorrow Mr Mrs Ms Dr Sir Yes No Not All Some Any Every Breaking BREAKING RT pic Via So Now Then Also Just
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())
_EN_CONNECT = frozenset("of the de von der van da al bin du la le del".split())
_ORG_WORDS = frozenset("""News Agency Party Times Post Journal Inc Ltd Corp Corporation Company Group Bank Ministry
Council Commission Parliament Union Organization Organisation Institute University Committee Court Office Service
Network Press Radio TV Television Airlines Airways Foundation Association Federation Army Navy""".split())


_NOT_A_NAME = re.compile(r"(?:https?:|www\.|pic\.twitter|t\.co/|/|@)")


@lru_cache(maxsize=None)
def load_model(lang: str):
    """The shipped spaCy pipeline for ``lang`` (tok2vec + ner), or None when it is not installed."""
    path = Path(os.environ.get(f"HRONIKA_NER_{lang.upper()}") or MODELS / f"ner-{lang}")
    if not (path / "meta.json").exists():
        return None
    import spacy

    return spacy.load(path, exclude=["tagger", "parser", "lemmatizer"])


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


def latin_mentions(words: list[str], lo: int, hi: int, sent_starts: set[int], kb) -> list[tuple[int, int, str, int]]:
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
            out.append((i, j, hit[1], trim))
        elif j - i == 1:
            pass  # a lone capitalised word that the KB does not know: too often not a name
        elif seq[-1] in _ORG_WORDS:
            out.append((i, j, "ORG", trim))
        elif i not in sent_starts or j - i >= 2:
            # parts that the KB knows (``Maduro`` in ``Maduro Venezuela``) are better than a guess
            parts = [(k, kb.lookup_any_type(_strip_possessive(words[k])[0])) for k in range(i, j)]
            known = [(k, h) for k, h in parts if h]
            if known:
                for k, h in known:
                    out.append((k, k + 1, h[1], _strip_possessive(words[k])[1]))
            else:
                out.append((i, j, "PER" if j - i <= 3 else "ORG", trim))
        i = j
    return out


OPEN_QUOTES = frozenset("„“\"«")
CLOSE_QUOTES = frozenset("“”\"»")
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
        j = next((k for k in range(i + 1, min(len(words), i + MAX_QUOTED + 2)) if words[k] in CLOSE_QUOTES), None)
        if j is None or j == i + 1:
            continue
        inner = words[i + 1:j]
        if (inner[0][:1].isupper() and not any(covered[i + 1:j])
                and all(x.isalnum() or x in "-–" for x in inner)):
            out.append((i + 1, j, "PRO", 0))
    return out


DASHES = frozenset("-–—")
NAME_PARTICLES = frozenset("""де да дьо дю фон дер ван ди дел дела ла ле бин ибн ал аль бен эль ел эл
von van de der den da di del della la le du bin ibn al el""".split())
LEGAL_FORMS = frozenset("""АД ЕАД ООД ЕООД КД СД АО ОАО ЗАО ПАО ООО AG GmbH SE Ltd Ltd. Inc Inc. plc PLC SA S.A. NV N.V.
BV B.V. AB ASA Oy Oyj SpA S.p.A. LLC Corp Corp.""".split())
# Words after a number that make it a quantity (``Газпром 10 млрд``), not part of a name.
_QUANTITY = re.compile(r"^(?:млн|млрд|хил|трлн|%|процент|души|пъти|годин|г$|г\.|млн\.|млрд\.|евро|долар|лв|км|кв|куб"
                       r"|тыс|процент|раз|человек|лет|год|руб|доллар|\d)", re.I)


# Endings of a capitalised adjective that can start a name ending in a common noun (Черно море).
_ADJ_END = re.compile(r"(?:ен|на|но|ни|ски|ска|ско|ския|ското|ата|ото|ия|ият|ий|ый|ой|ая|ое|ые|ие|ого|ому)$")


@lru_cache(maxsize=None)
def _name_heads(model: str) -> dict[str, str]:
    return dict(line.split("\t") for line in load_list("ru" if model == "ru" else "bg", "name_heads.tsv"))


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
        if not which[i] or which[i + 1] != which[i] or not w[:1].isupper() or not _ADJ_END.search(w.lower()):
            continue
        t = _name_heads(which[i]).get(head)
        if t is None or i + 1 in owner:
            continue
        j = owner.get(i)
        if j is None:
            out.append((i, i + 2, t, 0))
        elif found[j][1] == i + 1 and found[j][0] >= i - 1:  # "Северен" or "Южна Кития": the name ends here
            drop.add(j)
            out.append((found[j][0], i + 2, t, 0))
    return [f for j, f in enumerate(found) if j not in drop] + out


def split_open_parens(found, words):
    """``Европейския съюз (ЕС`` (the model stopped before the closing parenthesis): the name and its
    abbreviation, two mentions of one type."""
    out = []
    for s, e, t, trim in found:
        inner = words[s:e]
        if "(" in inner and ")" not in inner and not trim:
            k = s + inner.index("(")
            if k > s:
                out.append((s, k, t, 0))
            if k + 1 < e:
                out.append((k + 1, e, t, 0))
            continue
        out.append((s, e, t, trim))
    return out


@lru_cache(maxsize=1)
def _bg_verbs() -> tuple[frozenset[str], tuple[str, ...], int, frozenset[str]]:
    """Bulgarian finite verb forms from the time-expression data (lang/bg/timex.json, "tense"):
    listed past and future words and auxiliaries, and past-tense endings with their exceptions."""
    t = load_json("bg", "timex.json")["tense"]
    words = {w for w in t["past_words"] + t["future_words"] + t["auxiliaries"] if " " not in w}
    return (frozenset(words), tuple(t["past_suffixes"]), int(t["past_suffix_min_length"]),
            frozenset(t["past_suffix_exceptions"]))


def is_bg_verb(word: str) -> bool:
    words, suffixes, min_len, exceptions = _bg_verbs()
    w = word.lower()
    return w in words or len(w) >= min_len and w.endswith(suffixes) and w not in exceptions


def cut_at_verbs(found, words, which):
    """``Българската академия на науките подписаха договор``: a Bulgarian name holds no finite verb;
    the mention ends before the first one (the model ran on into the sentence)."""
    out = []
    for s, e, t, trim in found:
        if which[s] == "bg" and e - s >= 2:
            cut = next((k for k in range(s + 1, e) if words[k][:1].islower() and is_bg_verb(words[k])), e)
            if cut < e:
                e, trim = cut, 0
                while e > s + 1 and not words[e - 1][:1].isalnum():  # and before the punctuation before it
                    e -= 1
        out.append((s, e, t, trim))
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
        out.append((s, e, t, trim))
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
        out.append((s, e, t, trim))
    return out


class EntityStage:
    name = "entities"
    requires = ("tokens", "sentences", "lang")
    assigns = ("mentions", "entities")
    updates: tuple[str, ...] = ()

    def __init__(self, settings: Settings | None = None, propagate: bool = True) -> None:
        self.settings = settings or DEFAULTS
        self.kb = load_kb()
        self.resolver = Resolver(self.kb)
        load_model("bg")  # before workers fork; the Russian model loads when Russian text first comes
        self.propagate = propagate

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

    def tag(self, doc: Document) -> list[tuple[int, int, str, int]]:
        """Token-level mentions (start token, end token, type, characters trimmed at the end)."""
        return self.tag_many([doc])[0]

    def tag_many(self, docs: list[Document]) -> list[list[tuple[int, int, str, int]]]:
        """``tag`` for several documents, their model runs batched through each spaCy pipeline
        (about a sixth less model time than one document at a time)."""
        return [found for found, *_ in self._tag_many(docs)]

    def _tag_many(self, docs: list[Document]) -> list[tuple[list, list[str], list[bool], list[str]]]:
        """(mentions, words, spaces after them, languages) per document, as ``tag_many``."""
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
            doc_model = MODEL_FOR_LANG.get(doc.lang or "", None)
            which = []
            for i, l in enumerate(langs):
                m = MODEL_FOR_LANG.get(l)
                if m is None and l != "en" and has_cyrillic(words[i]):
                    m = doc_model or "bg"
                which.append(m)
            found: list[tuple[int, int, str, int]] = []
            states.append((words, which, found, spaces, langs))
            i, n_tok = 0, len(tokens)
            while i < n_tok:
                lo, m = i, which[i]
                while i < n_tok and which[i] == m:
                    i += 1
                nlp = load_model(m) if m else None
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
            for _, proc in load_model(m).pipeline:
                sdocs = list(proc.pipe(sdocs, batch_size=64))
            for (n, _, index), sdoc in zip(items, sdocs):
                states[n][2].extend(self._model_mentions(sdoc, index))
        return [(self._mend(*st[:3]), st[0], st[3], st[4]) if st else ([], [], [], []) for st in states]

    @staticmethod
    def _model_mentions(sdoc, index) -> list[tuple[int, int, str, int]]:
        found = []
        for e in sdoc.ents:
            end = e.end
            if e.label_ == "LOC":  # "Дунав при Видин": a place name holds no such preposition
                end = next((k for k in range(e.start + 1, e.end) if sdoc[k].text in PLACE_BREAKERS), end)
                rest = end + 1
                if end < e.end and rest < e.end and sdoc[rest].text[:1].isupper():
                    c, d = index[rest], index[e.end - 1]
                    if c >= 0 and d >= 0:
                        found.append((c, d + 1, "LOC", 0))
            a, b = index[e.start], index[end - 1]
            if all(t.text in _EN_STOP or t.is_digit or t.is_punct for t in sdoc[e.start:end]):
                continue  # "December 1" in a post's signature is no name
            if a >= 0 and b >= 0 and not _NOT_A_NAME.search(sdoc[e.start:end].text):
                found.append((a, b + 1, e.label_, 0))
        return found

    def _mend(self, words, which, found) -> list[tuple[int, int, str, int]]:
        """The rules after the model (see the module's docstring), in order."""
        found = found + quoted_names(words, which, found)
        found = split_open_parens(found, words)
        found = cut_at_verbs(found, words, which)
        found = attach_heads(found, words, which)
        found = attach_numbers(found, words, which)
        if self.propagate:
            found = self._propagate(found, words, which)
        found = trim_quotes(found, words)
        found = self._kb_check(found, words, which)
        return sorted(found)

    def _trusted(self, hit: tuple[str, str]) -> bool:
        """May a curated KB name (key, type) add or retype a mention?  Persons, organisations,
        places and publications; other products are left to the model."""
        return hit[1] in ("PER", "ORG", "LOC") or self.kb.entries[hit[0]].kind == "publication"

    def _kb_check(self, found, words, which):
        """The curated KB corrects the model: a known name it typed otherwise takes the KB's type
        (``Газпром`` is an ORG), and a known capitalised name it missed is added."""
        kb = self.kb
        out = []
        covered = [False] * len(words)
        for s, e, _, _ in found:
            for k in range(s, e):
                covered[k] = True
        for s, e, t, trim in found:
            if which[s] and t != "LOC" and e - s >= 2:
                # "Украйна за ниски цени на транзита" as an ORG: a known place followed by lower-case
                # words is the place alone (the model ran on past its name)
                for L in (2, 1):
                    if s + L < e and words[s + L][:1].islower():
                        h = kb.curated(" ".join(words[s:s + L]), stem=False)
                        if h and h[1] == "LOC":
                            e, t = s + L, "LOC"
                            break
            if which[s] and t == "PER":
                # "Михал Куртика за Полско радио": a person's name holds no lower-case word but a particle
                cut = next((k for k in range(s + 1, e) if words[k][:1].islower() and words[k] not in NAME_PARTICLES), e)
                if cut < e:
                    e = cut
                if e - s >= 3:  # "Владимир Путин Москва": a known place glued to the end
                    h = kb.curated(words[e - 1], stem=False)
                    if h and h[1] == "LOC":
                        out.append((e - 1, e, "LOC", 0))
                        e -= 1
            if (which[s] and t == "PER" and s > 0 and not covered[s - 1] and words[s - 1][:1].isupper()
                    and fold(words[s - 1]) in kb.first_names and which[s - 1] == which[s]):
                s -= 1  # "Фридрих" left out before "Мерц": a given name before a person's name is theirs
            if which[s] and t != "PER" and e - s >= 2 and fold(words[s]) in kb.first_names \
                    and all(w[:1].isupper() and w.isalpha() for w in words[s:e]) \
                    and not kb.curated(" ".join(words[s:e]), stem=False):
                t = "PER"  # "Юрий Витренко" as a product: a given name and a capitalised word is a person
            if which[s] and t == "PER" and e - s >= 3:
                # "Венецуела Николас Мадуро": a country glued to the front of a person's name
                for L in (1, 2):
                    if e - s - L >= 2:
                        h = kb.curated(" ".join(words[s:s + L]), stem=False)
                        if h and h[1] == "LOC":
                            out.append((s, s + L, "LOC", 0))
                            s = s + L
                            break
            if which[s] and t == "PER" and not any(has_cyrillic(w) for w in words[s:e]):
                # Bulgarian and Russian news write people's names in Cyrillic; a name left in Latin
                # letters is most often a company, brand or medium (2 of 1,200 Bulgarian and 52 of
                # 2,600 Russian PER mentions in SlavicNER are in Latin letters, against 570 and
                # 1,460 ORG), unless it starts with a given name.
                h = kb.lookup_any_type(" ".join(words[s:e]))
                if h:
                    t = h[1]
                elif not (e - s >= 2 and fold(words[s]) in kb.first_names):  # Jens Spahn stays a person
                    t = "ORG"
            if which[s] and t == "PRO" and e - s == 1 and not has_cyrillic(words[s]) and words[s][:1].isupper() \
                    and "." not in words[s]:
                # A lone Latin-script word the model calls a product is most often a company
                # (Ryanair, Pfizer); the media that SlavicNER types PRO are in the KB or have a
                # domain or a second word (The Guardian, news.bg).
                h = kb.lookup_any_type(words[s])
                t = h[1] if h else "ORG"
            if which[s]:  # "Вашингтон" of „Вашингтон пост“: a known name one or two words longer
                for L in (2, 1):
                    if (e + L <= len(words) and not any(covered[e:e + L]) and which[e + L - 1] == which[s]
                            and all(w.isalpha() for w in words[e:e + L])):
                        h = kb.curated(" ".join(words[s:e + L]), stem=False)
                        if h and self._trusted(h):
                            e, t = e + L, h[1]
                            break
            if which[s] and t in ("PER", "ORG", "LOC", "PRO"):
                hit = kb.curated(" ".join(words[s:e]), stem=False)
                if (hit and hit[1] != t and kb.entries[hit[0]].kind != "media"
                        and self._trusted(hit)):
                    t = hit[1]
            out.append((s, e, t, trim))
        i, n = 0, len(words)
        while i < n:
            if covered[i] or not which[i] or not words[i][:1].isupper():
                i += 1
                continue
            hit = None
            for L in (4, 3, 2, 1):
                e = i + L
                if e > n or any(covered[i:e]) or which[e - 1] != which[i]:
                    continue
                h = kb.curated(" ".join(words[i:e]), stem=(L == 1 and len(words[i]) >= 5))
                if h and self._trusted(h):
                    hit = (i, e, h[1], 0)
                    break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

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
        i = 0
        while i < len(words):
            hit = None
            for seq, t in by_first.get(words[i], ()):
                e = i + len(seq)
                if tuple(words[i:e]) != seq or which[i] != which[e - 1]:
                    continue
                inside = {owner[k] for k in range(i, e) if owner[k] >= 0}
                if any(found[j][0] < i or found[j][1] > e or found[j][:2] == (i, e) for j in inside):
                    continue  # a mention crosses its edge, or it is there already
                hit = (i, e, t, 0)
                dropped |= inside
                break
            if hit:
                extra.append(hit)
                i = hit[1]
            else:
                i += 1
        return [f for j, f in enumerate(found) if j not in dropped] + extra

    # ------------------------------------------------------------- the stage

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[Document]:
        return [self._resolve(doc, *tagged) for doc, tagged in zip(docs, self._tag_many(docs))]

    def _resolve(self, doc: Document, tagged: list[tuple[int, int, str, int]], words: list[str],
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
            mentions.append(Mention(start, end, t, text, langs[s] if langs else "bg",
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
