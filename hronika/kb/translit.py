"""Transliteration of Bulgarian and Russian Cyrillic to Latin, and a script-neutral name skeleton.

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

# The table of art. 3 of the 2009 Act (lower case; upper case is derived).
BG_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht",
    "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
}

RU_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian and Belarusian letters that turn up in Russian text
    "і": "i", "ї": "yi", "є": "ye", "ў": "u", "ґ": "g",
}

_RU_ONLY = frozenset("ыэё")
_BG_ONLY = frozenset("ѝ")


def guess_cyrillic_lang(text: str) -> str:
    low = set(text.lower())
    if low & _RU_ONLY:
        return "ru"
    return "bg"


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


# art. 4(2): the name of the country is rendered Bulgaria
_BG_EXCEPTIONS = {"България": "Bulgaria", "БЪЛГАРИЯ": "BULGARIA"}


def translit_bg(text: str) -> str:
    """Bulgarian Cyrillic to Latin by the 2009 Transliteration Act."""
    for a, b in _BG_EXCEPTIONS.items():
        text = re.sub(rf"\b{a}\b", b, text)
    # art. 4(1): the ending -ия is rendered -ia
    text = re.sub(r"ия\b", "ia", text)
    text = re.sub(r"ИЯ\b", "IA", text)
    text = re.sub(r"Ия\b", "Ia", text)
    return _apply(BG_TABLE, text)


def translit_ru(text: str) -> str:
    return _apply(RU_TABLE, text)


def translit(text: str, lang: str | None = None) -> str:
    """Latin form of ``text`` (Latin text is returned unchanged)."""
    lang = lang or guess_cyrillic_lang(text)
    return translit_ru(text) if lang == "ru" else translit_bg(text)


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


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
    s = re.sub(r"[^a-z]", "", text.lower())
    for a, b in _CLUSTERS:
        s = s.replace(a, b)
    s = re.sub(r"c(?!h)", "k", s)  # English hard c (Cole) is a k
    s = re.sub(r"(.)\1+", r"\1", s)
    if len(s) > 3:
        s = re.sub(r"[aeiou]+$", "", s)
    return s
