"""API bench: latency of the JSON endpoints (entity, search, timeline, pair, events, contested) on
a store of synthetic articles.

    python -m bench.api_bench [--store PATH] [--articles 10000] [--requests 300] [--seed 20261130]

The store is built from ``bench/chronicle_bench.py``'s synthetic world (articles with their
readings already set: no text is read), each stored with its chronicle as ``hronika ingest``
stores it; with ``--store`` a store already at that path is reused (built there first when it
is missing).  The requests go through FastAPI's TestClient to the app ``hronika serve`` runs, the
whole request in the process (routing, the views' queries, the response model's check, JSON):
``--requests`` per endpoint over varied keys, drawn the way the world draws its entities (a few
very common ones, a long tail), after a few warm-up requests.  Target: p95 under 100 ms.  Beside
the wall-clock times, the process's CPU time per request (the server's work and the test
client's, in one process): on a machine shared with other jobs it shows the work itself.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from urllib.parse import quote

from bench.chronicle_bench import World, build, plan


def make_store(url: str, articles: int, seed: int) -> int:
    """Store ``articles`` synthetic articles with their chronicle; returns how many were stored."""
    from hronika import chronicle
    from hronika.store import Store

    world = World(random.Random(seed))
    stored = 0
    with Store(url) as store:
        t0 = time.perf_counter()
        for n, art in enumerate(plan(world, articles)):
            doc, _ = build(world, n, art)
            stored += store.save(doc, then=chronicle.update).status == "stored"
            if (n + 1) % 1000 == 0:
                print(f"  {n + 1} articles stored ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return stored


def quantile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", metavar="PATH", help="SQLite file to reuse (built there when missing)")
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    ap.add_argument("--seed", type=int, default=20261130)
    args = ap.parse_args(argv)

    from fastapi.testclient import TestClient

    from sqlalchemy import select

    from hronika.api import Hronika
    from hronika.store import S
    from hronika.web import create_app

    tmp = None
    if args.store:
        path = Path(args.store)
    else:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "api.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        t0 = time.perf_counter()
        n = make_store(url, args.articles, args.seed)
        print(f"built {path}: {n} articles in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    h = Hronika(db=url)
    stats = h.store.stats()
    client = TestClient(create_app(h))
    world = World(random.Random(args.seed))  # the same names and words the store was built from
    rng = random.Random(args.seed + 1)
    with h.store.engine.connect() as conn:  # draw only entities the store holds
        held = set(conn.execute(select(S.entities.c.kb).distinct()).scalars())
    keys = [k for k in (f"PER-syn-{world.entity()}" for _ in range(args.requests * 4)) if k in held]

    def pair() -> str:
        a = rng.choice(keys)
        return f"a={a}&b={rng.choice([k for k in keys[:50] if k != a])}"

    def period() -> str:
        start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
        return f"&from={start}&to={start + dt.timedelta(days=rng.choice([7, 31, 92]))}" if rng.random() < 0.5 else ""

    endpoints = {
        "entity": lambda: f"/entity/{quote(rng.choice(keys))}.json",
        "search": lambda: "/search.json?q=" + quote(" ".join(rng.sample(world.vocab, rng.choice([1, 1, 2])))
                                                   if rng.random() < 0.7 else rng.choice(world.names)),
        "timeline": lambda: f"/timeline.json?entity={rng.choice(keys)}{period()}",
        "timeline (pair)": lambda: f"/timeline.json?entity={rng.choice(keys)}&with={rng.choice(keys)}",
        "pair": lambda: "/pair.json?" + pair(),
        "events": lambda: f"/events.json?entity={rng.choice(keys)}{period()}",
        "contested": lambda: "/contested.json" + (f"?entity={rng.choice(keys)}" if rng.random() < 0.5 else ""),
    }
    rows = []
    for name, make in endpoints.items():
        for _ in range(5):  # warm-up
            client.get(make())
        times, cpu, codes = [], [], {}
        for _ in range(args.requests):
            u = make()
            t0, c0 = time.perf_counter(), time.process_time()
            r = client.get(u)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            codes[r.status_code] = codes.get(r.status_code, 0) + 1
            if r.status_code >= 500:
                raise SystemExit(f"{u}: {r.status_code} {r.text[:300]}")
        rows.append((name, len(times), median(times), quantile(times, 0.95), max(times), median(cpu),
                     quantile(cpu, 0.95), codes))
    h.close()
    if tmp is not None:
        tmp.cleanup()
    print(f"Measured {dt.date.today()} on {platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; store: {stats['documents']} articles, SQLite; "
          f"command: python -m bench.api_bench --articles {args.articles} --requests {args.requests}\n")
    print("| endpoint | requests | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms | answers |")
    print("|---|---|---|---|---|---|---|---|")
    for name, n, p50, p95, top, c50, c95, codes in rows:
        answers = ", ".join(f"{c}: {k}" for c, k in sorted(codes.items()))
        print(f"| {name} | {n} | {p50:.1f} | {p95:.1f} | {top:.1f} | {c50:.1f} | {c95:.1f} | {answers} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
