"""Reading on a Dask cluster (``pip install 'hronika[dask]'``): ``hronika ingest --engine dask``.

The client reads the input files and sends the articles, a partition at a time, to the workers;
each worker builds the reader once (``Readers``, a worker plugin: the models load when the worker
joins, not per task) and returns the readings.  By default the client writes them to the store in
input order, exactly as a single-process ingest would, so the chronicle (whose storylines depend on
the order articles arrive in) is the same; ``write="workers"`` has each worker save its partition
itself, which spares the client but makes the chronicle follow the order partitions finish in.

A partition whose task fails is tried again (``retries``), then its articles are reported as
failures with the reason; the other partitions go on.  The engine keeps no state of its own: a
worker or client killed mid-run loses only readings not yet saved, and the same command run again
reads and stores only what is missing (``Hronika.ingest`` skips the articles whose content is
stored).
"""
from __future__ import annotations

import collections
import contextlib
import hashlib
import logging
import signal
import threading
from typing import Any, Iterable, Iterator

from .batch import _analyse, chunks
from .document import Document
from .ingest import Failure
from .settings import Settings

PARTITION = 16  # articles per task: large enough to batch the NER models, small enough to balance
RETRIES = 2
INSTALL = "the dask engine needs dask and distributed: pip install 'hronika[dask]'"


class EngineUnavailable(RuntimeError):
    """The engine asked for cannot run here (not installed, no scheduler); the message says why."""


def require():
    """``distributed``, or ``EngineUnavailable`` saying how to install it."""
    try:
        import distributed
    except ImportError:
        raise EngineUnavailable(INSTALL) from None
    return distributed


try:
    from distributed import WorkerPlugin as _Plugin
except ImportError:  # the engine says how to install it when asked for (``client``)
    _Plugin = object


class Readers(_Plugin):
    """One ``Hronika`` per worker and configuration, its reader built when the worker joins (the
    models load once per worker, not per task), and its store when the workers write."""

    def __init__(self, settings: Settings, stages: tuple[str, ...]) -> None:
        self.settings, self.stages = settings, stages
        self.name = "hronika-" + hashlib.sha1(repr((settings, stages)).encode()).hexdigest()[:12]
        self.h: Any = None

    def setup(self, worker: Any) -> None:
        from .api import Hronika

        _keep_freed_heaps()
        self.h = Hronika(self.settings)
        self.h.reader(self.stages)
        # Dask's statistical profiler wakes the worker's event loop every 10 ms to walk the reading
        # thread's stack (taking the GIL from it), and keeps the samples, which full garbage
        # collections then walk: about 0.5 ms of CPU per article by Dask's own "profile-duration"
        # metric, a few percent of a reading, for a profile nobody reads here.
        for name in ("profile", "profile-cycle"):
            callback = getattr(worker, "periodic_callbacks", {}).pop(name, None)
            if callback is not None:
                callback.stop()

    def teardown(self, worker: Any) -> None:
        if self.h is not None:
            self.h.close()


def _keep_freed_heaps() -> None:
    """Have glibc's malloc keep 64 MB of freed memory at the top of each of its heaps instead of
    handing it back to the system (M_TOP_PAD).  A worker reads in a thread of its own, and glibc
    gives a thread other than the main one its own arena of 64 MB heaps, which it unmaps (or
    ``madvise``s away) as soon as a batch's arrays are freed, whatever the trim threshold
    (``batch._keep_freed_memory``) says: the next batch faults them in afresh.  That made a
    worker's reading thread take about twice the minor page faults of a one-process read
    (bench/RESULTS.md, "Scaling").  Peak memory is unchanged (the memory kept is what the last
    batch used).  Nothing happens without glibc."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-2, 64 * 1024 * 1024)  # M_TOP_PAD
    except (OSError, AttributeError):
        pass


def _read_partition(plugin: str, write: bool, items: list[Any]) -> list[Any]:
    """Run on a worker: the readings of one partition (Documents and Failures), or with ``write``
    what became of each article in the store (``SaveResult``s and Failures)."""
    from distributed import get_worker

    readers = get_worker().plugins[plugin]
    h = readers.h
    out = _analyse(h.reader(readers.stages), None, items)
    return [h.save(x) if isinstance(x, Document) else x for x in out] if write else out


def _failed(items: list[Any], exc: BaseException, retries: int) -> list[Any]:
    why = f"its partition failed {retries + 1} time(s): {type(exc).__name__}: {exc}"
    return [x if not isinstance(x, Document) else Failure(x.source or x.id, x.id, why, doc_id=x.id)
            for x in items]


@contextlib.contextmanager
def client(workers: int | None = None, scheduler: Any = None) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler`` (an address, or a ``distributed.Client`` used as
    it is), else of a ``local_cluster`` of ``workers`` processes."""
    distributed = require()
    if scheduler is not None and not isinstance(scheduler, str):
        yield scheduler
        return
    if scheduler is not None:
        try:
            c = distributed.Client(scheduler)
        except OSError as exc:  # a timeout, a refused connection
            raise EngineUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with c:
            yield c
        return
    with local_cluster(workers) as cluster, distributed.Client(cluster) as c:
        yield c


# Housekeeping of the local cluster that hronika starts: every 20-500 ms by default each of its
# servers (the scheduler and the nannies, in the client's process, and each worker) wakes its event
# loop, which must take the GIL from the thread reading there: event loop health ticks, memory and
# system monitors (for a dashboard nobody opens here).  Less often: about 1 ms of CPU an article
# less in the client and 0.5 in each worker (bench/RESULTS.md, "Scaling").  A user's own cluster
# keeps its configuration (the README says how to give its workers the same).
LOCAL_CONFIG = {
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def local_cluster(workers: int | None = None) -> Any:
    """A local cluster of ``workers`` processes (default: one per core), one thread each: the
    pipeline is mostly Python, so threads of one process would share one core."""
    distributed = require()
    import dask

    with _no_ctrl_c(), dask.config.set(LOCAL_CONFIG):  # Ctrl-C is the client's to handle: it stops the cluster
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0", silence_logs=logging.ERROR)  # any free port


@contextlib.contextmanager
def _no_ctrl_c() -> Iterator[None]:
    """SIGINT ignored while the local cluster's processes start: they keep ignoring it (Python and
    asyncio leave an ignored SIGINT alone), so a Ctrl-C at the terminal reaches the client only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def analyse(items: Iterable[Any], settings: Settings, stages: Iterable[str], *, workers: int | None = None,
            scheduler: Any = None, write: bool = False, partition: int = PARTITION,
            retries: int = RETRIES) -> Iterator[Any]:
    """``batch.analyse_items`` on a Dask cluster: the readings of ``items`` (or with ``write``, the
    ``SaveResult`` of each article saved by the workers into ``settings.db``), in input order;
    whatever is not a Document passes through in its place.  The cluster starts when the first
    article to read comes (a resumed ingest with nothing left to read starts none)."""
    plugin = Readers(settings, tuple(stages))
    pending: collections.deque = collections.deque()
    with contextlib.ExitStack() as stack:
        c = window = None
        for part in chunks(items, partition):
            if not any(isinstance(x, Document) for x in part):
                pending.append((part, None))
            else:
                if c is None:
                    c = stack.enter_context(client(workers, scheduler))
                    c.register_plugin(plugin, name=plugin.name)
                    # a few partitions per worker thread in flight: the workers never wait, the
                    # client's memory stays bounded, and the results come back in input order
                    window = 3 * max(1, sum(c.nthreads().values()))
                pending.append((part, c.submit(_read_partition, plugin.name, write, part,
                                               retries=retries, pure=False)))
            while len(pending) > (window or 0):
                yield from _result(*pending.popleft(), retries)
        while pending:
            yield from _result(*pending.popleft(), retries)


def _result(part: list[Any], future: Any, retries: int) -> list[Any]:
    if future is None:
        return part
    try:
        return future.result()
    except Exception as exc:  # retried already: report its articles, keep going
        return _failed(part, exc, retries)
    finally:
        future.release()
