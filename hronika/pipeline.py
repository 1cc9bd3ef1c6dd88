"""The explicit, ordered list of reading stages, checked once when the reader is built.

A stage is a small callable ``stage(doc) -> doc`` with three attributes: ``name``, ``requires``
(layers it reads) and ``assigns`` (layers it writes); its constructor takes the ``Settings``
(``settings=``) and loads what it needs once.  Stages are listed here, in order, and
nowhere else.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Protocol

from .document import Document, DocumentError
from .settings import DEFAULTS, Settings


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


# name -> "module:factory".  Order matters; ``build`` checks that each stage's requirements are
# assigned by an earlier one.
REGISTRY: dict[str, str] = {
    "repair": "hronika.stages.repair:RepairStage",
    "segment": "hronika.stages.segment:SegmentStage",
    "sentences": "hronika.stages.sentences:SentenceStage",
    "language": "hronika.stages.language:LanguageStage",
    "entities": "hronika.stages.entities:EntityStage",
    "timex": "hronika.stages.timex:TimexStage",
    "reference": "hronika.stages.reference:ReferenceStage",
    "sources": "hronika.stages.sources:SourceStage",
    "quotes": "hronika.stages.quotes:QuoteStage",
}

DEFAULT = tuple(REGISTRY)


class PipelineError(RuntimeError):
    pass


def _load(spec: str) -> Callable[[], Stage]:
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


@dataclass
class Reader:
    stages: list[Stage]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            try:
                doc = stage(doc)
            except DocumentError:
                raise
            except Exception as exc:  # report which article and stage, keep the cause
                raise DocumentError(f"{doc.id}: stage '{stage.name}' failed: "
                                    f"{type(exc).__name__}: {exc}") from exc
        return doc

    def read_many(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    def pipe(self, docs: list[Document]) -> list[Document | DocumentError]:
        """Read several documents, each stage over all of them (a stage with a ``pipe`` method
        batches its work); a document that fails is returned as its DocumentError and leaves the
        others unharmed."""
        out: list[Document | DocumentError] = list(docs)
        for stage in self.stages:
            live = [i for i, d in enumerate(out) if isinstance(d, Document)]
            batch = getattr(stage, "pipe", None)
            if batch is not None and len(live) > 1:
                try:
                    for i, d in zip(live, batch([out[i] for i in live])):
                        out[i] = d
                    continue
                except Exception:  # find the culprit one document at a time, below
                    pass
            for i in live:
                try:
                    out[i] = Reader([stage])(out[i])
                except DocumentError as exc:
                    out[i] = exc
        return out


def build(names: Iterable[str] = DEFAULT, settings: Settings | None = None) -> Reader:
    """The reader of the named stages, each built with ``settings`` (the defaults when None)."""
    names = list(names)
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise PipelineError(f"unknown stage(s): {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
    # Keep the registry's order whatever order the caller gave.
    names.sort(key=list(REGISTRY).index)
    stages: list[Stage] = []
    have: set[str] = set()
    for n in names:
        stage = _load(REGISTRY[n])(settings=settings or DEFAULTS)
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise PipelineError(f"stage '{n}' requires {', '.join(missing)}, "
                                f"which no earlier stage assigns")
        have.update(stage.assigns)
        stages.append(stage)
    return Reader(stages)
