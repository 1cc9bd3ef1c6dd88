"""Base forms of names for display: Russian names in the nominative, Bulgarian names without the
definite article on their first word.

Nominative forms of Russian names for display (``Джона Коула`` -> ``Джон Коул``), by pymorphy3.

Only the words up to the first noun are put in the nominative (adjectives agreeing with that
noun); what follows the head stays as written (``Министерства иностранных дел`` -> ``Министерство
иностранных дел``).  Without pymorphy3 the name is returned unchanged.
"""
from __future__ import annotations

from functools import lru_cache

from .. import lang


def _case_like(word: str, model: str) -> str:
    for letter, plain in lang.get("ru").folding.items():  # pymorphy writes ё where the text may not
        if letter not in model.lower():
            word = word.replace(letter, plain)
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=20_000)
def nominative_ru(name: str, person: bool = False) -> str:
    """``person``: every word is a name part (first name, patronymic, surname), each nominative."""
    morph = lang.get("ru").morph  # None without pymorphy3: names then stay as written
    words = name.split()
    if morph is None or not words or any(not w.isalpha() and "-" not in w for w in words):
        return name
    parses = [morph.parse(w)[0] for w in words]
    if person:
        out = []
        for w, p in zip(words, parses):
            f = p.inflect({"nomn"}) if p.tag.POS == "NOUN" else None
            out.append(_case_like(f.word, w) if f is not None else w)
        return " ".join(out)
    head = next((i for i, p in enumerate(parses) if p.tag.POS == "NOUN"), None)
    if head is None:
        return name
    hp = parses[head]
    if "nomn" in hp.tag:
        return name
    noun = hp.inflect({"nomn"})
    if noun is None:
        return name
    out = list(words)
    out[head] = _case_like(noun.word, words[head])
    gender, number = noun.tag.gender, noun.tag.number
    for i in range(head):
        p = parses[i]
        if p.tag.POS in ("ADJF", "PRTF"):
            want = {"nomn", number or "sing"}
            if gender and number != "plur":
                want.add(gender)
            f = p.inflect(want)
        elif p.tag.POS == "NOUN":  # a first name before a surname
            f = p.inflect({"nomn"})
        else:
            f = None
        if f is not None:
            out[i] = _case_like(f.word, words[i])
    return " ".join(out)


@lru_cache(maxsize=1)
def _bg_articles() -> tuple[tuple[str, str], ...]:
    rows = [line.split("\t") + [""] for line in lang.get("bg").list("definite_articles.tsv")]
    return tuple(sorted(((r[0], r[1]) for r in rows), key=lambda r: -len(r[0])))


@lru_cache(maxsize=20_000)
def base_bg(name: str) -> str:
    """A Bulgarian name of two words or more without the definite article on its first word
    (``Министерският съвет`` -> ``Министерски съвет``, ``Агенцията за …`` -> ``Агенция за …``);
    one word, or a first word without an article, stays as written."""
    words = name.split(" ")
    if len(words) < 2 or not words[0].isalpha():
        return name
    first = words[0]
    for ending, base in _bg_articles():
        if first.lower().endswith(ending) and len(first) - len(ending) >= 3:
            return " ".join([first[: len(first) - len(ending)] + base, *words[1:]])
    return name
