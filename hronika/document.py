"""The Document: an article's text as given, its metadata, and its layers.

Every stage reads a Document and adds its own layers (declared in ``hronika/layers.py``): spans
over the text, and records (entities, sources) that refer to other layers by id.  Offsets in every
layer are character (code point) offsets into ``Document.text`` -- the text exactly as read from
the input -- so that each fact can be shown with its evidence.

Stages that analyse words see ``Document.clean`` instead: the same text with small repairs
(a drop-cap split ``Б еларуският``, a glued hashtag ``Russia.#Venezuela``).  ``to_source``
maps offsets in ``clean`` back to ``text``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable


_NEW: Any = object()  # no attrs given: a new empty dict


@dataclass(frozen=True)
class Span:
    """A stretch of ``Document.text`` with a label and free attributes."""

    start: int
    end: int
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __init__(self, start: int, end: int, label: str = "", attrs: dict[str, Any] = _NEW) -> None:
        # Written out: the dataclass's __init__ of a frozen class sets each field through
        # ``object.__setattr__``, twice as slow, and a reading makes a span of every token.
        d = self.__dict__
        d["start"], d["end"], d["label"] = start, end, label
        d["attrs"] = {} if attrs is _NEW else attrs


@dataclass
class Entity:
    """One named entity of a document: all its mentions, one canonical name, one global key."""

    id: str
    type: str
    name: str
    kb: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


def _start(span: Span) -> int:
    return span.start


# Layers whose spans never overlap: the span that starts last before an offset is the only one that
# may hold it.
_TILING = frozenset({"paragraphs", "sentences", "segments", "posts", "tokens"})


class DocumentError(ValueError):
    """A document that cannot be read; the message names the document and the problem."""


@dataclass
class Document:
    id: str
    text: str
    date: dt.date
    url: str | None = None
    title: str | None = None
    source: str | None = None  # where it was read from: a file path, a feed, "stdin"
    meta: dict[str, Any] = field(default_factory=dict)  # what the input said beside the text
    layers: dict[str, list[Any]] = field(default_factory=dict)  # name -> spans or records
    lang: str | None = None  # the article's main language (the language stage sets it)
    clean: str | None = None
    _clean_map: list[int] | None = field(default=None, repr=False)
    _longest: dict[tuple, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime):
            raise DocumentError(f"{self.id}: date must be a datetime.date, got {self.date!r}")
        if not self.text or not self.text.strip():
            raise DocumentError(f"{self.id}: the article has no text")

    # ------------------------------------------------------------- identity

    @property
    def content_hash(self) -> str:
        """Key for 'the same article': date plus text with whitespace and case normalised."""
        norm = " ".join(self.text.split()).casefold()
        return hashlib.sha1(f"{self.date.isoformat()}\n{norm}".encode("utf-8")).hexdigest()

    # ------------------------------------------------------------- layers

    def layer(self, name: str) -> list[Any]:
        return self.layers.get(name, [])

    def set_layer(self, name: str, items: Iterable[Any]) -> None:
        """Set a layer: spans are kept sorted by offset, records in the order given."""
        items = list(items)
        if items and isinstance(items[0], Span):
            items.sort(key=lambda s: (s.start, -s.end))
        self.layers[name] = items

    @property
    def entities(self) -> list[Entity]:
        return self.layers.setdefault("entities", [])

    @entities.setter
    def entities(self, items: Iterable[Entity]) -> None:
        self.set_layer("entities", items)

    @property
    def sources(self) -> list[str]:
        """Ids of the entities the article names as its sources."""
        return self.layers.setdefault("sources", [])

    @sources.setter
    def sources(self, ids: Iterable[str]) -> None:
        self.set_layer("sources", ids)

    def overlapping(self, name: str, lo: int, hi: int) -> list[Span]:
        """The spans of layer ``name`` that overlap [lo, hi), in order (a binary search over the
        sorted layer, bounded by its longest span: long articles ask it for every sentence)."""
        spans = self.layer(name)
        if not spans:
            return []
        key = (name, id(spans), len(spans))
        longest = self._longest.get(key)
        if longest is None:
            longest = self._longest[key] = max(s.end - s.start for s in spans)
        a = bisect.bisect_left(spans, lo - longest, key=_start)
        b = bisect.bisect_left(spans, hi, key=_start)
        return [s for s in spans[a:b] if s.end > lo and s.start < hi]

    def covering(self, name: str, start: int, end: int | None = None) -> Span | None:
        """The span of layer ``name`` that contains [start, end), if any: for a layer whose spans
        do not overlap (sentences, paragraphs, posts) the one there is; where spans nest, the
        innermost of those that start last.  A binary search: long articles ask it for every
        word."""
        end = start if end is None else end
        spans = self.layer(name)
        for k in range(bisect.bisect_right(spans, start, key=_start) - 1, -1, -1):
            if end <= spans[k].end:
                return spans[k]
            if name in _TILING:
                return None
        return None

    # ------------------------------------------------------------- repaired text

    def set_clean(self, clean: str, mapping: list[int]) -> None:
        """``mapping[i]`` is the offset in ``text`` of character i of ``clean`` (len(clean)+1 items)."""
        if len(mapping) != len(clean) + 1:
            raise ValueError("mapping must have len(clean) + 1 items")
        self.clean, self._clean_map = clean, mapping

    @property
    def clean_map(self) -> list[int] | None:
        return self._clean_map

    @property
    def analysis_text(self) -> str:
        return self.clean if self.clean is not None else self.text

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map [start, end) in ``analysis_text`` to offsets in ``text``."""
        m = self._clean_map
        if m is None:
            return start, end
        s = m[start]
        e = m[end - 1] + 1 if end > start else s
        return s, e

    def from_source(self, start: int, end: int) -> tuple[int, int]:
        """Map [start, end) in ``text`` to offsets in ``analysis_text`` (inverse of to_source)."""
        m = self._clean_map
        if m is None:
            return start, end
        return bisect.bisect_left(m, start), bisect.bisect_left(m, end)

    # ------------------------------------------------------------- anchors

    def anchor_date(self, offset: int) -> dt.date:
        """The date that relative time expressions at ``offset`` resolve against:
        the embedded post's own date inside a post, else the article's date."""
        post = self.covering("posts", offset)
        if post is not None and post.attrs.get("date"):
            return dt.date.fromisoformat(post.attrs["date"])
        return self.date
