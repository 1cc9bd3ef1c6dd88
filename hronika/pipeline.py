"""The explicit, ordered list of reading stages, checked once when the reader is built.

A stage is a small callable ``stage(doc) -> doc`` with four attributes: ``name``, ``requires``
(layers it reads), ``assigns`` (layers it creates) and ``updates`` (layers an earlier stage
created that it changes), each naming layers or properties declared in ``hronika/layers.py``;
its constructor takes the ``Settings`` (``settings=``) and loads what it needs once.  Stages are
listed here, in order, and nowhere else.

A strict reader (``build(..., strict=True)``, for tests) checks after each stage that it changed
no layer it does not declare, wrote every layer it assigns, and left the text and the input's
metadata alone, and that what it wrote fits the declarations.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol

from . import layers as L
from .document import Document, DocumentError
from .settings import DEFAULTS, Settings


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    updates: tuple[str, ...]

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
    "events": "hronika.stages.events:EventStage",
}

DEFAULT = tuple(REGISTRY)


class PipelineError(RuntimeError):
    pass


class LayerError(PipelineError):
    """A stage wrote what it does not declare (strict readers only)."""


def _declared(stage: Stage) -> tuple[set[str], set[str]]:
    return set(stage.assigns), set(stage.assigns) | set(getattr(stage, "updates", ()))


Snapshot = tuple[int, dict[str, int]]


def _snapshot(doc: Document) -> Snapshot:
    """Fingerprints of the text and metadata (no stage's to change) and of every layer and property."""
    return hash((doc.text, repr(doc.meta))), {name: L.fingerprint(doc, name) for name in L.NAMES}


def _check(stage: Stage, snapshot: Snapshot, doc: Document) -> None:
    assigns, allowed = _declared(stage)
    (given, before), (now, after) = snapshot, _snapshot(doc)
    if now != given:
        raise LayerError(f"{doc.id}: stage '{stage.name}' changed the text or the metadata")
    changed = sorted(n for n in L.NAMES if after[n] != before[n] and n not in allowed)
    if changed:
        raise LayerError(f"{doc.id}: stage '{stage.name}' changed {', '.join(changed)}, "
                         f"which it does not declare (assigns {', '.join(stage.assigns) or 'nothing'})")
    unwritten = sorted(n for n in assigns & set(L.LAYERS) if n not in doc.layers)
    if unwritten:
        raise LayerError(f"{doc.id}: stage '{stage.name}' assigns {', '.join(unwritten)} but did not write it")
    for name in sorted(allowed & set(L.LAYERS)):
        bad = L.problems(doc, name)
        if bad:
            raise LayerError(f"{doc.id}: stage '{stage.name}' wrote layer {name} unlike its "
                             f"declaration: {'; '.join(bad)}")


def _load(spec: str) -> Callable[[], Stage]:
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


@dataclass
class Reader:
    stages: list[Stage]
    strict: bool = False

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            before = _snapshot(doc) if self.strict else None
            try:
                doc = stage(doc)
            except DocumentError:
                raise
            except Exception as exc:  # report which article and stage, keep the cause
                raise DocumentError(f"{doc.id}: stage '{stage.name}' failed: "
                                    f"{type(exc).__name__}: {exc}") from exc
            if before is not None:
                _check(stage, before, doc)
        return doc

    def pipe(self, docs: list[Document]) -> list[Document | DocumentError]:
        """Read several documents, each stage over all of them (a stage with a ``pipe`` method
        batches its work); a document that fails is returned as its DocumentError and leaves the
        others unharmed."""
        out: list[Document | DocumentError] = list(docs)
        for stage in self.stages:
            live = [i for i, d in enumerate(out) if isinstance(d, Document)]
            batch = getattr(stage, "pipe", None)
            if batch is not None and len(live) > 1:
                before = [_snapshot(out[i]) for i in live] if self.strict else None
                try:
                    for i, d in zip(live, batch([out[i] for i in live])):
                        out[i] = d
                except Exception:  # find the culprit one document at a time, below
                    pass
                else:
                    for i, marks in zip(live, before or ()):
                        _check(stage, marks, out[i])
                    continue
            for i in live:
                try:
                    out[i] = Reader([stage], self.strict)(out[i])
                except DocumentError as exc:
                    out[i] = exc
        return out


def with_requirements(names: Iterable[str]) -> tuple[list[str], list[str]]:
    """The named stages and every stage they need (one that assigns a layer a chosen stage
    requires, and so on), in the registry's order; and the names added."""
    chosen = [n for n in dict.fromkeys(names) if n in REGISTRY]
    assigner = {}
    for n in REGISTRY:
        for layer in _load(REGISTRY[n]).assigns:
            assigner.setdefault(layer, n)
    todo, have = list(chosen), set(chosen)
    while todo:
        for layer in _load(REGISTRY[todo.pop()]).requires:
            need = assigner.get(layer)
            if need is not None and need not in have:
                have.add(need)
                todo.append(need)
    order = list(REGISTRY)
    return sorted(have, key=order.index), sorted(have - set(chosen), key=order.index)


def build(names: Iterable[str] = DEFAULT, settings: Settings | None = None, *,
          strict: bool = False) -> Reader:
    """The reader of the named stages, each built with ``settings`` (the defaults when None);
    ``strict``: checked after each stage against its declarations (slower; for tests)."""
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
        named = (*stage.requires, *stage.assigns, *getattr(stage, "updates", ()))
        undeclared = sorted({x for x in named if x not in L.NAMES})
        if undeclared:
            raise PipelineError(f"stage '{n}' names {', '.join(undeclared)}, which hronika/layers.py "
                                f"does not declare; declared: {', '.join(sorted(L.NAMES))}")
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise PipelineError(f"stage '{n}' requires {', '.join(missing)}, "
                                f"which no earlier stage assigns")
        have.update(stage.assigns)
        stages.append(stage)
    return Reader(stages, strict)
