"""Transliteration of Bulgarian and Russian Cyrillic to Latin, and a script-neutral name skeleton.

The tables are data (lang/bg/translit.json, lang/ru/translit.json):

* Bulgarian: the official system of the Transliteration Act (Закон за транслитерацията, State
  Gazette no. 19 of 13 March 2009, art. 3): щ -> sht, ъ -> a, ь -> y, ю -> yu, я -> ya, and
  ``-ия`` at the end of a word -> ``-ia`` (art. 4(1): ``България`` -> ``Bulgaria``).
* Russian: a simple passport-style system (close to BGN/PCGN without diacritics): х -> kh,
  щ -> shch, ы -> y, ъ and ь dropped, э -> e, ё -> e.

``skeleton`` reduces any Latin or Cyrillic name to a rough phonetic key so that ``Лукашенко``,
``Lukashenko`` and ``Лукашенка`` meet: transliterate, simplify letter clusters that different
systems spell differently (dzh/j, kh/h, ts/z/c), collapse doubles and drop the final vowels.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import lang


@lru_cache(maxsize=None)
def _table(code: str) -> dict:
    """lang/<code>/translit.json: its letters, whole words and word endings."""
    return lang.get(code).json("translit.json")


def guess_cyrillic_lang(text: str) -> str:
    """Russian when the text has a letter Bulgarian does not write, else Bulgarian."""
    return "ru" if set(text.lower()) & set(_table("ru")["distinctive_letters"]) else "bg"


def _apply(table: dict[str, str], word: str) -> str:
    out = []
    for i, ch in enumerate(word):
        low = ch.lower()
        rep = table.get(low)
        if rep is None:
            out.append(ch)
            continue
        if ch != low and rep:
            # Upper case: capitalise the first letter only, or all when the next letter is upper too
            nxt = word[i + 1:i + 2]
            rep = rep.upper() if (nxt and nxt.isupper()) or (len(word) == 1) else rep[0].upper() + rep[1:]
        out.append(rep)
    return "".join(out)


@lru_cache(maxsize=1)
def _bg_word_rules() -> tuple[tuple[re.Pattern, str], ...]:
    """Whole words (art. 4(2)), then word endings (art. 4(1)), compiled once."""
    t = _table("bg")
    return (tuple((re.compile(rf"\b{re.escape(word)}\b"), latin) for word, latin in t["words"].items())
            + tuple((re.compile(rf"{re.escape(ending)}\b"), latin) for ending, latin in t["word_endings"].items()))


def translit_bg(text: str) -> str:
    """Bulgarian Cyrillic to Latin by the 2009 Transliteration Act."""
    for rx, latin in _bg_word_rules():
        text = rx.sub(latin, text)
    return _apply(_table("bg")["letters"], text)


def translit_ru(text: str) -> str:
    return _apply(_table("ru")["letters"], text)


def translit(text: str, lang: str | None = None) -> str:
    """Latin form of ``text`` (Latin text is returned unchanged)."""
    lang = lang or guess_cyrillic_lang(text)
    return translit_ru(text) if lang == "ru" else translit_bg(text)


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


_CLUSTERS = [
    ("shch", "sh"), ("sht", "sh"), ("sch", "sh"), ("dzh", "j"), ("dj", "j"), ("zh", "j"),
    ("kh", "h"), ("tch", "ch"), ("tz", "s"), ("ts", "s"), ("cz", "ch"), ("ck", "k"), ("ph", "f"),
    ("th", "t"), ("w", "v"), ("q", "k"), ("x", "ks"), ("yu", "u"), ("iu", "u"), ("ju", "u"),
    ("ya", "a"), ("ia", "a"), ("ja", "a"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("y", "i"),
    ("z", "s"),
]


def skeleton(text: str, lang: str | None = None) -> str:
    """A rough phonetic key of a name in any script: ``Лукашенко``/``Lukashenko`` -> ``lukashenk``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if has_cyrillic(text):
        text = translit(text, lang)
    s = _NON_LETTER.sub("", text.lower())
    for a, b in _CLUSTERS:
        s = s.replace(a, b)
    s = _HARD_C.sub("k", s)  # English hard c (Cole) is a k
    s = _DOUBLE.sub(r"\1", s)
    if len(s) > 3:
        s = _FINAL_VOWELS.sub("", s)
    return s


_NON_LETTER = re.compile(r"[^a-z]")
_HARD_C = re.compile(r"c(?!h)")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_VOWELS = re.compile(r"[aeiou]+$")
