"""Ingest throughput as it scales out: one process, ``-j 2``, Dask with 1 and 2 local workers (the
client writing, and the workers writing), in one run on the same articles; recorded in
bench/RESULTS.md under "## Scaling".

    python -m bench.scale_bench [--corpus PATH…] [--limit N] [--no-record]

Each configuration is a fresh process ingesting the corpus into a new SQLite store (reading, then
writing every row and the chronicle).  Figures: the whole run (model loading and cluster start
included) and the steady rate (from the first article stored to the last, which leaves model
loading and the first partition out); peak RSS of the process that writes and of each reader
(the ``-j`` worker processes, the Dask workers).  The corpus: read_bench's (SlavicNER bg raw
texts beside the project, else the bundled samples).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.read_bench import SLAVICNER, record_section, slavicner_jsonl
from hronika.benchmark import SAMPLES, machine

SECTION = "## Scaling"
CONFIGS = {  # name -> (engine, jobs or workers, who writes)
    "1 process": ("local", 1, "client"),
    "-j 2": ("local", 2, "client"),
    "dask, 1 worker": ("dask", 1, "client"),
    "dask, 2 workers": ("dask", 2, "client"),
    "dask, 2 workers writing": ("dask", 2, "workers"),
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(name: str, corpus: list[str], db: str) -> dict:
    """Run in a fresh process: one configuration's ingest of ``corpus``."""
    from hronika.api import Hronika

    engine, n, write = CONFIGS[name]
    stamps: list[float] = []
    t0 = time.perf_counter()
    with Hronika(db=f"sqlite:///{db}") as h, contextlib_cluster(engine, n) as cluster:
        kw = dict(engine="dask", scheduler=cluster.scheduler_address, write=write) if cluster else {}
        s = h.ingest(corpus, jobs=n, progress=lambda _: stamps.append(time.perf_counter()), **kw)
        total = time.perf_counter() - t0
        if cluster:
            from distributed import Client

            with Client(cluster) as c:
                workers = sorted(c.run(_peak_mb).values())
        else:
            workers = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024] if n > 1 else []
    done = s.read + s.failed
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 and stamps[-1] > stamps[0] else float("nan")
    return {"name": name, "articles": done, "stored": s.stored, "failed": s.failed, "seconds": total,
            "articles_per_s": done / total, "steady_per_s": steady, "client_mb": _peak_mb(), "workers_mb": workers}


class contextlib_cluster:
    """A local cluster of ``n`` worker processes for the dask configurations (made here, so that
    the workers' memory can be asked for afterwards), else nothing."""

    def __init__(self, engine: str, n: int) -> None:
        self.engine, self.n, self.cluster = engine, n, None

    def __enter__(self):
        if self.engine == "dask":
            import logging

            from distributed import LocalCluster

            self.cluster = LocalCluster(n_workers=self.n, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
        return self.cluster

    def __exit__(self, *exc: object) -> None:
        if self.cluster is not None:
            self.cluster.close()


def table(runs: list[dict], label: str, command: str, rounds: int) -> str:
    by = {r["name"]: r for r in runs}
    out = (f"Measured {time.strftime('%Y-%m-%d')} on {machine()}, under `nice -n 5` on a machine shared "
           f"with other work: compare the rows of one run with each other, not with other runs.\n"
           f"Command: `{command}`; corpus: {label}.  Each row is a fresh process ingesting into a new "
           f"SQLite store; *whole run* includes model loading (and the workers' start for Dask), "
           f"*steady* is the rate from the first article stored to the last; each configuration ran "
           f"{rounds} time(s), in turn with the others, and its best steady run is shown.\n\n"
           "| configuration | articles | whole run (s) | articles/s, whole run | articles/s, steady | "
           "peak RSS of the writer (MB) | peak RSS of each reader process (MB) |\n|---|---|---|---|---|---|---|\n")
    for r in runs:
        readers = ", ".join(f"{m:.0f}" for m in r["workers_mb"]) or "(the writer reads)"
        if r["name"].startswith("-j"):
            readers = f"{readers} (the largest)"
        out += (f"| {r['name']} | {r['articles']} | {r['seconds']:.1f} | {r['articles_per_s']:.1f} | "
                f"{r['steady_per_s']:.1f} | {r['client_mb']:.0f} | {readers} |\n")

    def ratio(a: str, b: str) -> str:
        if a not in by or b not in by:
            return "n/a"
        return f"{by[a]['steady_per_s'] / by[b]['steady_per_s']:.2f}× (whole run {by[a]['articles_per_s'] / by[b]['articles_per_s']:.2f}×)"

    out += (f"\nDask 2 workers / Dask 1 worker: {ratio('dask, 2 workers', 'dask, 1 worker')} (target ≥ 1.7×); "
            f"Dask 2 workers / `-j 2`: {ratio('dask, 2 workers', '-j 2')} (target ≥ 0.9×); "
            f"workers writing / client writing: {ratio('dask, 2 workers writing', 'dask, 2 workers')}.\n")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench.scale_bench", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", help="files or folders to ingest (default: SlavicNER bg raw texts)")
    ap.add_argument("--limit", type=int, default=300, help="articles taken from SlavicNER (default 300)")
    ap.add_argument("--configs", nargs="+", choices=list(CONFIGS), default=list(CONFIGS), metavar="NAME",
                    help="configurations to run: " + "; ".join(CONFIGS))
    ap.add_argument("--rounds", type=int, default=2,
                    help="runs of each configuration, taken in turn; the best counts (default 2)")
    ap.add_argument("--no-record", action="store_true", help="print, do not write bench/RESULTS.md")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one configuration, print JSON
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.corpus, args.db)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            corpus, label = args.corpus, " ".join(args.corpus)
        elif SLAVICNER.exists():
            corpus = [str(slavicner_jsonl(args.limit, Path(tmp) / "corpus.jsonl"))]
            label = f"first {args.limit} SlavicNER bg raw texts (../shared/data/slavicner)"
        else:
            corpus, label = [str(SAMPLES)], "the bundled samples (hronika/samples)"
        best: dict[str, dict] = {}
        for r in range(max(1, args.rounds)):  # the configurations in turn, round after round
            for i, name in enumerate(args.configs):
                db = Path(tmp) / f"{r}-{i}.db"
                cmd = [sys.executable, "-m", "bench.scale_bench", "--one", name, "--db", str(db), "--corpus", *corpus]
                proc = subprocess.run(cmd, capture_output=True, text=True)
                if proc.returncode:
                    print(f"{name}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
                    return 1
                run = json.loads(proc.stdout.strip().splitlines()[-1])
                db.unlink()
                print(f"round {r + 1}, {name}: {run['steady_per_s']:.1f} articles/s steady", file=sys.stderr)
                if name not in best or run["steady_per_s"] > best[name]["steady_per_s"]:
                    best[name] = run
        runs = [best[name] for name in args.configs]
    argv = sys.argv[1:] if argv is None else argv
    text = f"{SECTION}\n\n" + table(runs, label, "python -m bench.scale_bench" + "".join(" " + a for a in argv), args.rounds)
    print(text)
    if not args.no_record:
        record_section(SECTION, text)
        print("recorded in bench/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
