"""Reading many articles: ingest, analyse, and report failures without stopping the batch.

With ``jobs > 1`` the articles are analysed in worker processes forked from this one after the
models are loaded, so the workers share them (copy-on-write) and start at once; the order of the
results is the order of the input.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from typing import Iterable, Iterator

from . import pipeline
from .document import Document, DocumentError
from .ingest import Failure, expand, read_paths

SMALL_INPUT = 256 * 1024  # below this many bytes of input one process is faster than several

_READER: pipeline.Reader | None = None


def _analyse(item: Document | Failure) -> Document | Failure:
    if isinstance(item, Failure):
        return item
    try:
        return _READER(item)
    except DocumentError as exc:
        return Failure(item.source or item.id, item.id, str(exc))


def auto_jobs(paths: Iterable[str]) -> int:
    size = 0
    for p in expand(paths):
        if not isinstance(p, Failure):
            size += p.stat().st_size
    if size < SMALL_INPUT:
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def read_all(paths: Iterable[str], stages: Iterable[str] = pipeline.DEFAULT, jobs: int | None = None
             ) -> Iterator[Document | Failure]:
    """Read and analyse every article under ``paths``, in order; failures are yielded, never raised.

    ``jobs``: worker processes (None: one for small inputs, else one per core, at most 4)."""
    global _READER
    paths = list(paths)
    _READER = pipeline.build(stages)
    jobs = auto_jobs(paths) if jobs is None else max(1, jobs)
    items = read_paths(paths)
    if jobs == 1 or "fork" not in mp.get_all_start_methods():
        yield from map(_analyse, items)
        return
    with mp.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_analyse, items, chunksize=4)
