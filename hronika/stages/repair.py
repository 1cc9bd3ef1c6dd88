"""Repairs for analysis: the text as given stays untouched; ``doc.clean`` gets the fixes.

- a drop-cap split at the start of a paragraph: ``Б еларуският`` -> ``Беларуският`` (never when the
  letter is a one-letter word of the language: ``В сряда`` stays);
- punctuation glued to a hashtag or mention: ``Russia.#Venezuela`` -> ``Russia. #Venezuela``;
- a sentence glued to the next: ``края.Следващия`` -> ``края. Следващия``;
- invisible characters (soft hyphen, zero-width space, BOM) removed; non-breaking spaces -> spaces;
- a Latin letter drawn like a Cyrillic one inside a Cyrillic word (``cейчас`` typed with a Latin
  ``c``) -> the Cyrillic letter (``lang/latin_lookalikes.json``), one letter for one.
"""
from __future__ import annotations

import json
import re

from ..document import Document
from .. import lang
from ..settings import DEFAULTS, Settings

_ONE_LETTER = lang.union("one_letter_words.txt")

# (A pattern opens with the character it consumes, its look-behind after it, and a line start is
# ``^`` under re.M: the regex engine then skips to the places where that character stands instead
# of testing the look-behind at every place; about four times faster, the same matches.)
_DROP_CAP = re.compile(r"^[ \t]*([^\W\d_]) (?=[^\W\d_]{2})", re.M)
_GLUED_TAG = re.compile(r"[.!?…](?<=[\w)][.!?…])(?=[#@]\w)")
_GLUED_SENT = re.compile(rf"[.!?](?<=[{lang.CYRILLIC_LOWER}]{{2}}[.!?])(?=[{lang.CYRILLIC_UPPER}][{lang.CYRILLIC_LOWER}])")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_NBSP = re.compile("[\u00a0\u2007\u202f]")
_LOOKALIKES: dict[str, str] = json.loads(
    (lang.ROOT / "latin_lookalikes.json").read_text(encoding="utf-8"))["letters"]
# a word with Latin lookalikes among at least two Cyrillic letters and no other Latin letter
_CYR = f"{lang.CYRILLIC_LOWER}{lang.CYRILLIC_UPPER}"
_LOOK = re.escape("".join(_LOOKALIKES))
# where the scripts touch (a lookalike after or before a Cyrillic letter): cheap to find
_SEAM = re.compile(rf"[{_LOOK}](?<=[{_CYR}][{_LOOK}])|[{_LOOK}](?=[{_CYR}])")
_WORD = re.compile(r"[^\W\d_]+")
_MIXED_WORD = re.compile(rf"[{_CYR}{_LOOK}]+")  # the whole word: Cyrillic letters and lookalikes only
_LATIN_IN = re.compile(rf"[{_LOOK}]")


def _mixed_words(text: str):
    """(start, word) of each word of Cyrillic letters (two at least) and Latin lookalikes."""
    end = 0
    for seam in _SEAM.finditer(text):
        if seam.start() < end:
            continue
        s = seam.start()
        while s and (text[s - 1].isalpha()):
            s -= 1
        word = _WORD.match(text, s)
        end = word.end()
        if _MIXED_WORD.fullmatch(word.group()) and len(_LATIN_IN.sub("", word.group())) >= 2:
            yield s, word.group()

# (source position, number of source chars removed, text inserted)
Edit = tuple[int, int, str]


def find_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _DROP_CAP.finditer(text):
        letter = m.group(1)
        nxt = text[m.end():m.end() + 1]
        if letter.isupper() and nxt.islower() and letter.lower() not in _ONE_LETTER:
            edits.append((m.end(1), 1, ""))
    for rx in (_GLUED_TAG, _GLUED_SENT):
        for m in rx.finditer(text):
            edits.append((m.end(), 0, " "))
    for m in _INVISIBLE.finditer(text):
        edits.append((m.start(), 1, ""))
    for m in _NBSP.finditer(text):
        edits.append((m.start(), 1, " "))
    for at, word in _mixed_words(text):
        for c in _LATIN_IN.finditer(word):
            edits.append((at + c.start(), 1, _LOOKALIKES[c.group()]))
    edits.sort()
    return edits


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[int]]:
    """The repaired text and, for each of its characters (plus the end), the source offset."""
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    for at, removed, inserted in edits:
        if at < pos:  # overlapping edits: the first one wins
            continue
        out.append(text[pos:at])
        mapping.extend(range(pos, at))
        out.append(inserted)
        mapping.extend([at] * len(inserted))
        pos = at + removed
    out.append(text[pos:])
    mapping.extend(range(pos, len(text)))
    mapping.append(len(text))
    return "".join(out), mapping


class RepairStage:
    """Sets ``doc.clean`` (the repaired text and its offset map) when the text needs a repair.

    It declares ``assigns = ("clean",)``, naming the Document property that layers.py declares
    beside the layers, not a layer: the repaired text is an aid to analysis that no reading
    carries out (not serialized, not stored).  Declaring it still lets the strict reader catch any
    other stage that rewrites the text every offset is mapped through.  No stage ``requires`` it:
    without this stage the others read the text as given."""

    name = "repair"
    requires: tuple[str, ...] = ()
    assigns = ("clean",)
    updates: tuple[str, ...] = ()

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or DEFAULTS

    def __call__(self, doc: Document) -> Document:
        edits = find_edits(doc.text)
        if edits:
            doc.set_clean(*apply_edits(doc.text, edits))
        return doc
