"""Reading many articles: analyse them in order and report failures without stopping the batch.

With ``jobs > 1`` the articles are analysed in worker processes forked from this one after the
reader is built, so the workers share its models (copy-on-write) and start at once; the order of
the results is the order of the input.
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import itertools
import multiprocessing as mp
import os
import signal
from typing import Any, Callable, Iterable, Iterator

from . import pipeline
from .document import Document, DocumentError
from .ingest import Failure, expand, read_paths
from .settings import Settings

SMALL_INPUT = 256 * 1024  # below this many bytes of input one process is faster than several
CHUNK = 8  # articles read together (the NER models run faster on a batch)

Source = str | os.PathLike | Document  # a file or folder to read, or an article already in hand
Then = Callable[[Document], Any]

# The reader and ``then`` of each parallel call in progress, by call number.  A forked worker
# inherits this table, so only articles travel to it (a reader does not pickle, and pickling one
# would defeat the copy-on-write sharing); two calls at once -- two configurations, or two
# interleaved generators -- never see each other's reader.
_CALLS: dict[int, tuple[pipeline.Reader, Then | None]] = {}
_NUMBERS = itertools.count()


def _analyse(reader: pipeline.Reader, then: Then | None, items: list[Any]) -> list[Any]:
    docs = [x for x in items if isinstance(x, Document)]
    done = iter(reader.pipe(docs) if docs else [])
    out: list[Any] = []
    for item in items:
        if not isinstance(item, Document):  # a Failure, or what the caller passes through
            out.append(item)
            continue
        doc = next(done)
        if isinstance(doc, DocumentError):
            out.append(Failure(item.source or item.id, item.id, str(doc), doc_id=item.id))
            continue
        out.append(doc if then is None else then(doc))  # e.g. the JSON line: the parent only writes
    return out


def _worker_start() -> None:
    # Ctrl-C is the parent's to handle (it stops the pool); a worker whose parent dies is ended
    # with it (Linux), instead of failing later on a broken pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _analyse_in_worker(call: int, items: list[Any]) -> list[Any]:
    reader, then = _CALLS[call]
    return _analyse(reader, then, items)


def chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def documents(sources: Iterable[Source], date: dt.date | None = None) -> Iterator[Document | Failure]:
    """The articles of ``sources`` as read from their files, not analysed yet, in order."""
    for s in sources:
        if isinstance(s, Document):
            yield s
        else:
            yield from read_paths([s], date)


def auto_jobs(sources: Iterable[Source]) -> int:
    """One process for small inputs, else one per core (at most 4)."""
    size = 0
    for s in sources:
        if isinstance(s, Document):
            size += len(s.text.encode("utf-8"))
            continue
        for p in expand([s]):
            if not isinstance(p, Failure):
                size += p.stat().st_size
    if size < SMALL_INPUT:
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def analyse(sources: Iterable[Source], reader: pipeline.Reader, jobs: int | None = None,
            then: Then | None = None, date: dt.date | None = None) -> Iterator[Any]:
    """Read and analyse every article of ``sources`` with ``reader``, in order; failures are
    yielded, never raised.

    ``jobs``: worker processes (None: see ``auto_jobs``).  ``then``: a function of a read document
    whose result is yielded instead of the document (run in the workers).  ``date``: the
    publication date of articles whose input carries none (``--date``)."""
    sources = list(sources)
    jobs = auto_jobs(sources) if jobs is None else max(1, jobs)
    yield from analyse_items(documents(sources, date), reader, jobs, then)


def analyse_items(items: Iterable[Any], reader: pipeline.Reader, jobs: int = 1,
                  then: Then | None = None) -> Iterator[Any]:
    """``analyse`` of articles already read from their files (``documents``), in ``jobs``
    processes; whatever is not a Document passes through in its place."""
    if jobs <= 1 or "fork" not in mp.get_all_start_methods():
        for chunk in chunks(items):
            yield from _analyse(reader, then, chunk)
        return
    gc.freeze()
    call = next(_NUMBERS)
    _CALLS[call] = (reader, then)
    try:
        with mp.get_context("fork").Pool(jobs, initializer=_worker_start) as pool:
            for chunk in pool.imap(functools.partial(_analyse_in_worker, call), chunks(items)):
                yield from chunk
    finally:
        del _CALLS[call]


@functools.lru_cache(maxsize=1)
def _keep_freed_memory() -> None:
    """Let glibc's malloc keep up to 32 MB it frees instead of handing it back to the system at
    once: the models allocate and free blocks of a few MB for every batch, and mapping them afresh
    each time cost about 5% of a reading's CPU time in page faults (system time 0.6 s -> 0.25 s on
    300 articles; peak memory unchanged).  Nothing happens without glibc."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        for option in (-3, -1):  # M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
            libc.mallopt(option, 32 * 1024 * 1024)
    except (OSError, AttributeError):
        pass


@functools.lru_cache(maxsize=1)
def _fewer_collections() -> None:
    """Run the cyclic garbage collector after 50,000 new container objects instead of Python's
    700: importing spaCy and building the tables, then reading (a token is a few objects), the
    default let it run about 1,060 times over 300 articles for 0.37 s of CPU time (5% of the
    whole reading, 0.23 s of it at start-up), collecting next to nothing (memory is freed by
    reference counting); 20,000 took it to 0.08 s, peak memory unchanged (bench/RESULTS.md,
    "Reading speed").  50,000: the collections while reading the 300 bench articles 0.15 -> 0.085 s
    (29 -> 11 of them, the one of the older generation gone), peak memory unchanged (311 MB)."""
    gc.set_threshold(50_000, 20, 20)


def build_reader(stages: Iterable[str] = pipeline.DEFAULT, settings: Settings | None = None) -> pipeline.Reader:
    """``pipeline.build``, then the models and tables loaded so far are left out of garbage
    collection: they live as long as the reader, the collector need not walk them again, and
    forked workers keep sharing their pages."""
    _fewer_collections()
    _keep_freed_memory()
    reader = pipeline.build(stages, settings)
    gc.freeze()
    return reader


def read_all(sources: Iterable[Source], stages: Iterable[str] = pipeline.DEFAULT, jobs: int | None = None,
             then: Then | None = None, settings: Settings | None = None) -> Iterator[Any]:
    """``analyse`` with a reader built for this call (``hronika.api.Hronika`` keeps its readers)."""
    return analyse(sources, build_reader(stages, settings), jobs, then)
