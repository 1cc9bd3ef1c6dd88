"""Throughput as reading scales out: one process, ``-j 2``, Dask with 1 and 2 local workers, in one
run on the same articles, reading only and ingesting; recorded in bench/RESULTS.md under
"## Scaling".

    python -m bench.scale_bench [--corpus PATH…] [--limit N] [--rounds N] [--no-record]

Each run is a fresh process.  *read*: ``Hronika.read`` of the corpus, the readings only (the part
the engines spread over processes).  *ingest*: ``Hronika.ingest`` into a new SQLite store, each
article written with its rows and its chronicle update by one writer (the client; or the workers,
``--write workers``).  Figures: the whole run (model loading and the workers' start included) and
the steady rate (from the 10% of the articles done to the 60%); CPU time per article over the same
stretch, of the client and of the other processes (robust to a busy machine, unlike the rates);
peak RSS of the client and of each reader process (the ``-j`` workers, the Dask workers).  The corpus: read_bench's (SlavicNER bg raw
texts beside the project, else the bundled samples).
"""
from __future__ import annotations

import argparse
import os
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.read_bench import RESULTS, bench_corpus, record_section
from hronika.benchmark import machine
from hronika.ingest import count_items

SECTION = "## Scaling"
CONFIGS = {  # name -> (engine, processes or workers)
    "1 process": ("local", 1),
    "-j 2": ("local", 2),
    "dask, 1 worker": ("dask", 1),
    "dask, 2 workers": ("dask", 2),
}
RUNS = [(mode, name) for mode in ("read", "ingest") for name in CONFIGS] + [("ingest, workers write", "dask, 2 workers")]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> dict[int, dict[int, float]]:
    """CPU seconds (user + system) so far of each thread of this process (the client) and of its
    descendants alive (the ``-j`` workers, the Dask workers): {pid: {thread id: seconds}}."""
    import psutil

    me = psutil.Process()
    out = {}
    for p in [me, *me.children(recursive=True)]:
        try:
            out[p.pid] = {t.id: t.user_time + t.system_time for t in p.threads()}
        except psutil.Error:
            pass
    return out


def _split(c0: dict[int, dict[int, float]], c1: dict[int, dict[int, float]], n: int) -> dict[str, Any]:
    """CPU ms per article between two ``_cpu`` readings, of the client (its main thread, and its
    other threads: for Dask the client's and the local cluster's event loops, which run the
    scheduler and the nannies) and of each reader process alive at both (its busiest thread, the
    one that reads, and its other threads: a Dask worker's event loop)."""
    def threads(pid: int) -> list[float]:
        return sorted((1000 * (t - c0[pid].get(tid, 0.0)) / n for tid, t in c1[pid].items()), reverse=True)

    me = os.getpid()
    main = 1000 * (c1[me].get(me, 0.0) - c0[me].get(me, 0.0)) / n
    readers = [threads(pid) for pid in sorted(set(c0) & set(c1)) if pid != me]
    readers = [(t[0], sum(t[1:])) for t in readers if sum(t) >= 0.05]  # not a process that slept
    return {"client_cpu_ms": sum(threads(me)), "client_main_ms": main,
            "others_cpu_ms": sum(a + b for a, b in readers), "readers_cpu_ms": readers}


def one(mode: str, name: str, corpus: list[str], db: str, total: int) -> dict:
    """Run in a fresh process: one configuration reading or ingesting ``corpus`` (``total``
    articles: the time and the CPU time are taken when the 10% and the 60% are done)."""
    from hronika.api import Hronika
    from hronika.ingest import Failure

    engine, n = CONFIGS[name]
    stamps: list[float] = []
    marks = {max(1, total // 10): None, max(2, total * 6 // 10): None}
    cpu: dict[int, dict] = {}

    def stamp() -> None:
        stamps.append(time.perf_counter())
        if len(stamps) in marks:
            cpu[len(stamps)] = _cpu()
    cluster = None
    t0 = time.perf_counter()
    if engine == "dask":
        from distributed import Client

        from hronika.dask_engine import local_cluster

        # made here (as the engine makes it) rather than by the engine, so that the workers can be
        # asked for their memory
        cluster = local_cluster(n)
    try:
        kw = dict(engine="dask", scheduler=cluster.scheduler_address) if cluster else {}
        with Hronika(db=f"sqlite:///{db}") as h:
            if mode == "read":
                done = failed = 0
                for item in h.read(corpus, jobs=n, **kw):
                    failed += isinstance(item, Failure)
                    done += 1
                    stamp()
            else:
                if mode.endswith("workers write"):
                    kw["write"] = "workers"
                s = h.ingest(corpus, jobs=n, progress=lambda _: stamp(), **kw)
                done, failed = s.read + s.failed, s.failed
        wall = time.perf_counter() - t0
        cpu_end = _cpu()
        if cluster:
            with Client(cluster) as c:
                readers = sorted(c.run(_peak_mb).values())
        else:  # the largest forked worker (those ended and waited for)
            readers = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024] if n > 1 else []
    finally:
        if cluster:
            cluster.close()
    # from the 10% done to the 60% done: after the models' loading and the first partitions, before
    # the last ones drain (Dask keeps a few partitions a worker in flight), wide enough that
    # results coming back a partition at a time average out
    if len(cpu) < 2:  # the input held fewer articles than counted
        cpu[len(stamps)] = cpu_end
    (lo, c0), (hi, c1) = sorted(cpu.items())[:2]
    n_mid = hi - lo
    steady = n_mid / (stamps[hi - 1] - stamps[lo - 1])
    return {"mode": mode, "name": name, "articles": done, "failed": failed, "seconds": wall,
            "articles_per_s": done / wall, "steady_per_s": steady, "client_mb": _peak_mb(), "readers_mb": readers,
            "load": os.getloadavg()[0], **_split(c0, c1, n_mid)}


def table(runs: list[dict], label: str, command: str, rounds: int) -> str:
    by = {(r["mode"], r["name"]): r for r in runs}
    out = (f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; 1-minute load average "
           f"{os.getloadavg()[0]:.1f} when the table was written (this bench's own work included): other "
           f"work on the machine moves the rates, so compare the rows of one run with each other.\n"
           f"Command: `{command}`; corpus: {label}.  Each row is a fresh process; *read* yields the readings "
           f"only, *ingest* writes every article with its rows and chronicle update into a new SQLite store. "
           f"*Whole run* includes model loading (and the Dask workers' start), *steady* is the rate from the "
           f"10% of the articles done to the 60% (after the models' loading, before the last partitions drain); each row ran {rounds} time(s), in turn with the others, and "
           f"its best steady run is shown.  *CPU ms/article* (user + system per article done, over the same "
           f"stretch, by thread): of the client, as its main thread + its other threads (for Dask: the "
           f"client's event loop, and the local cluster's, which runs the scheduler and the nannies); and "
           f"of the reader processes (the `-j` workers, the Dask workers), in all and for each as its "
           f"reading thread + its other threads (a Dask worker's event loop, which receives the "
           f"partitions and sends the readings back).  A reader's share is per article of all the "
           f"processes did, so two readers' add up.  CPU times depend less than the rates on what else "
           f"the machine runs (repeated runs of one row still differed by up to a fifth).\n\n"
           "| mode | configuration | articles | whole run (s) | articles/s, whole run | articles/s, steady | "
           "CPU ms/article, client (main + other threads) | CPU ms/article, readers: all (each: reading + other threads) | "
           "peak RSS of the client (MB) | peak RSS of each reader process (MB) |\n|---|---|---|---|---|---|---|---|---|---|\n")
    for r in runs:
        readers = ", ".join(f"{m:.0f}" for m in r["readers_mb"]) or "(the client reads)"
        if r["name"] == "-j 2":
            readers += " (the larger)"
        each = "; ".join(f"{a:.1f} + {b:.1f}" for a, b in r["readers_cpu_ms"])
        cpu_readers = f"{r['others_cpu_ms']:.1f} ({each})" if each else "(the client reads)"
        out += (f"| {r['mode']} | {r['name']} | {r['articles']} | {r['seconds']:.1f} | {r['articles_per_s']:.1f} | "
                f"{r['steady_per_s']:.1f} | {r['client_cpu_ms']:.1f} ({r['client_main_ms']:.1f} + "
                f"{r['client_cpu_ms'] - r['client_main_ms']:.1f}) | {cpu_readers} | "
                f"{r['client_mb']:.0f} | {readers} |\n")

    def ratio(mode: str, a: str, b: str, mode_b: str | None = None) -> str:
        x, y = by.get((mode, a)), by.get((mode_b or mode, b))
        if not x or not y:
            return "n/a"
        return f"{x['steady_per_s'] / y['steady_per_s']:.2f}× (whole run {x['articles_per_s'] / y['articles_per_s']:.2f}×)"

    out += "\nRatios, steady (whole run):\n\n"
    for mode in ("read", "ingest"):
        out += (f"- {mode}: Dask 2 workers / Dask 1 worker {ratio(mode, 'dask, 2 workers', 'dask, 1 worker')} "
                f"(target ≥ 1.7×); Dask 2 workers / `-j 2` {ratio(mode, 'dask, 2 workers', '-j 2')} (target ≥ 0.9×); "
                f"`-j 2` / 1 process {ratio(mode, '-j 2', '1 process')}\n")
    out += (f"- ingest, Dask 2 workers, workers writing / client writing: "
            f"{ratio('ingest, workers write', 'dask, 2 workers', 'dask, 2 workers', 'ingest')}\n")
    return out


def _notes() -> str:
    """The dated ``### `` notes of the recorded section (measurements by hand, kept under each new
    table)."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if SECTION not in old:
        return ""
    rest = old.partition(SECTION)[2]
    end = rest.find("\n## ")
    rest = rest if end < 0 else rest[:end]
    start = rest.find("\n### ")
    return "" if start < 0 else "\n" + rest[start:].rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench.scale_bench", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", help="files or folders (default: SlavicNER bg raw texts)")
    ap.add_argument("--limit", type=int, default=300, help="articles taken from SlavicNER (default 300)")
    ap.add_argument("--rounds", type=int, default=2,
                    help="runs of each row, taken in turn; the best counts (default 2)")
    ap.add_argument("--only", choices=["read", "ingest"], help="only this mode")
    ap.add_argument("--no-record", action="store_true", help="print, do not write bench/RESULTS.md")
    ap.add_argument("--one", nargs=3, help=argparse.SUPPRESS)  # internal: MODE NAME ARTICLES, prints JSON
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        mode, name, total = args.one
        print(json.dumps(one(mode, name, args.corpus, args.db, int(total))))
        return 0
    runs_wanted = [r for r in RUNS if not args.only or r[0].startswith(args.only)]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, label = bench_corpus(args.corpus, args.limit, Path(tmp))
        total = count_items(corpus)
        best: dict[tuple[str, str], dict] = {}
        for r in range(max(1, args.rounds)):
            for i, (mode, name) in enumerate(runs_wanted):
                db = Path(tmp) / f"{r}-{i}.db"
                cmd = [sys.executable, "-m", "bench.scale_bench", "--one", mode, name, str(total), "--db", str(db),
                       "--corpus", *corpus]
                proc = subprocess.run(cmd, capture_output=True, text=True)
                if proc.returncode:
                    print(f"{mode}, {name}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
                    return 1
                run = json.loads(proc.stdout.strip().splitlines()[-1])
                db.unlink(missing_ok=True)
                print(f"round {r + 1}, {mode}, {name}: {run['steady_per_s']:.1f} articles/s steady "
                      f"({run['articles_per_s']:.1f} whole run); CPU ms/article: client {run['client_cpu_ms']:.1f}, "
                      f"readers {run['others_cpu_ms']:.1f}; load {run['load']:.1f}", file=sys.stderr)
                if (mode, name) not in best or run["steady_per_s"] > best[mode, name]["steady_per_s"]:
                    best[mode, name] = run
        runs = [best[r] for r in runs_wanted]
    argv = sys.argv[1:] if argv is None else argv
    text = f"{SECTION}\n\n" + table(runs, label, "python -m bench.scale_bench" + "".join(" " + a for a in argv),
                                     args.rounds)
    print(text)
    if not args.no_record:
        record_section(SECTION, text + _notes())
        print("recorded in bench/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
