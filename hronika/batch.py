"""Reading many articles: ingest, analyse, and report failures without stopping the batch.

With ``jobs > 1`` the articles are analysed in worker processes forked from this one after the
models are loaded, so the workers share them (copy-on-write) and start at once; the order of the
results is the order of the input.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
from typing import Any, Callable, Iterable, Iterator

from . import pipeline
from .document import Document, DocumentError
from .ingest import Failure, expand, read_paths

SMALL_INPUT = 256 * 1024  # below this many bytes of input one process is faster than several

_READER: pipeline.Reader | None = None
_THEN: Callable[[Document], Any] | None = None


CHUNK = 8  # articles read together (the NER models run faster on a batch)


def _analyse(items: list[Document | Failure]) -> list[Document | Failure]:
    docs = [x for x in items if isinstance(x, Document)]
    done = iter(_READER.pipe(docs) if docs else [])
    out: list[Document | Failure] = []
    for item in items:
        if isinstance(item, Failure):
            out.append(item)
            continue
        doc = next(done)
        if isinstance(doc, DocumentError):
            out.append(Failure(item.source or item.id, item.id, str(doc)))
            continue
        out.append(doc if _THEN is None else _THEN(doc))  # e.g. the JSON line: the parent only writes
    return out


def _chunks(items: Iterable[Document | Failure], size: int = CHUNK) -> Iterator[list[Document | Failure]]:
    chunk: list[Document | Failure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def auto_jobs(paths: Iterable[str]) -> int:
    size = 0
    for p in expand(paths):
        if not isinstance(p, Failure):
            size += p.stat().st_size
    if size < SMALL_INPUT:
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def read_all(paths: Iterable[str], stages: Iterable[str] = pipeline.DEFAULT, jobs: int | None = None,
             then: Callable[[Document], Any] | None = None) -> Iterator[Any]:
    """Read and analyse every article under ``paths``, in order; failures are yielded, never raised.

    ``jobs``: worker processes (None: one for small inputs, else one per core, at most 4).
    ``then``: a function of a read document whose result is yielded instead of the document (run
    in the workers)."""
    global _READER, _THEN
    paths = list(paths)
    _READER = pipeline.build(stages)
    _THEN = then
    # The models and tables loaded so far live as long as the process: the garbage collector need
    # not walk them again (and forked workers then keep sharing their pages).
    gc.freeze()
    jobs = auto_jobs(paths) if jobs is None else max(1, jobs)
    items = read_paths(paths)
    if jobs == 1 or "fork" not in mp.get_all_start_methods():
        for chunk in _chunks(items):
            yield from _analyse(chunk)
        return
    with mp.get_context("fork").Pool(jobs) as pool:
        for chunk in pool.imap(_analyse, _chunks(items)):
            yield from chunk
