"""Storylines benchmark: B-cubed precision, recall and F1 of the storylines against SlavicNER's
``topic`` labels, Bulgarian and Russian documents together (one storyline for Brexit whatever the
language), beside the baselines "one storyline for everything" and "one storyline per document".

    python -m bench.storylines_bench [--cache DIR] [--jobs N]

The documents (../shared/eval/ner-{bg,ru}-input.jsonl) are split at random (seed below) into a
``tune`` half, on which the threshold and the entity share are chosen from a small grid, and a
``held`` half, read only to report; all documents together are reported too.  Each set is
clustered in its own temporary store, articles arriving by date, exactly as ingest assigns them.

Reading 1,600 articles takes a few minutes; the readings are cached as JSON Lines in ``--cache``
(default: a folder in the system's temp dir) and reused.  SlavicNER texts are research-only: the
cache stays outside the repository and nothing of the texts is printed.
"""
from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from statistics import mean
from pathlib import Path

from hronika.api import Hronika
from hronika.chronicle import storylines
from hronika.chronicle.features import Tuning
from hronika.ingest import Failure
from hronika.serialize import from_json, to_json
from hronika.store import Store

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
INPUTS = [EVAL / "ner-bg-input.jsonl", EVAL / "ner-ru-input.jsonl"]
SEED = 20261130
GRID = {"threshold": [0.03, 0.05, 0.08, 0.12], "entity_share": [0.7, 0.85]}
# Not tuned: an article joins a storyline only if they share two entities.  On these six broad
# topics one shared entity scores a little higher (the ablation row), but on a small store, where
# document frequencies say little yet, one shared country merges unrelated stories.
ABLATION = {"shared": 1}


def bcubed(clusters: dict[str, int], labels: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``clusters`` (doc -> cluster) against ``labels``."""
    by_cluster, by_label, both = defaultdict(int), defaultdict(int), defaultdict(int)
    for doc, c in clusters.items():
        by_cluster[c] += 1
        by_label[labels[doc]] += 1
        both[(c, labels[doc])] += 1
    n = len(clusters)
    p = sum(both[(c, labels[d])] / by_cluster[c] for d, c in clusters.items()) / n
    r = sum(both[(c, labels[d])] / by_label[labels[d]] for d, c in clusters.items()) / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _line(doc) -> str:
    return json.dumps(to_json(doc), ensure_ascii=False)


def readings(cache: Path, jobs: int | None) -> list[dict]:
    out = []
    for path in INPUTS:
        cached = cache / (path.stem + ".readings.jsonl")
        if not cached.exists():
            print(f"reading {path.name} (cached in {cached}) ...", file=sys.stderr)
            tmp = cached.with_suffix(".part")
            with Hronika() as h, tmp.open("w", encoding="utf-8") as f:
                for item in h.read([str(path)], jobs=jobs, then=_line):
                    if isinstance(item, Failure):
                        print(f"  failed: {item}", file=sys.stderr)
                    else:
                        f.write(item + "\n")
            tmp.rename(cached)
        out += [json.loads(line) for line in cached.open(encoding="utf-8")]
    return out


def cluster(store: Store, tuning: Tuning) -> tuple[dict[str, int], list[float]]:
    """Storylines of the store's articles, from none (taken in by date, each in its own
    transaction, as ingest does); returns doc -> storyline and the seconds of each article's
    update, in the order the articles came."""
    store.clear_chronicle()
    secs = []
    for doc_id in store.unassigned():
        doc = store.document(doc_id)
        t0 = time.perf_counter()
        with store.chronicle() as writer:
            storylines.assign(writer, doc, tuning)
        secs.append(time.perf_counter() - t0)
    return {d: s.id for s in storylines.listing(store) for d in s.documents}, secs


def stored(rows: list[dict], url: str) -> Store:
    store = Store(url)
    for r in rows:
        store.save(from_json(r))
    return store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "hronika-storylines-cache")
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    topics = {}
    for path in INPUTS:
        for line in path.open(encoding="utf-8"):
            d = json.loads(line)
            topics[d["id"]] = d["topic"]
    docs = [r for r in readings(args.cache, args.jobs) if r["id"] in topics]
    ids = sorted(r["id"] for r in docs)
    random.Random(SEED).shuffle(ids)
    tune_ids = set(ids[: len(ids) // 2])
    sets = {"tune": [r for r in docs if r["id"] in tune_ids],
            "held": [r for r in docs if r["id"] not in tune_ids], "all": docs}

    def baselines(rows):
        one = bcubed({r["id"]: 0 for r in rows}, topics)
        each = bcubed({r["id"]: i for i, r in enumerate(rows)}, topics)
        return one, each

    with tempfile.TemporaryDirectory() as tmp:
        stores = {name: stored(rows, f"sqlite:///{Path(tmp) / name}.db") for name, rows in sets.items()}
        grid = []
        grid_lines = [f"| {' | '.join(GRID)} | B³ P | B³ R | B³ F1 | storylines |",
                      "|" + "---|" * (len(GRID) + 4)]
        for values in itertools.product(*GRID.values()):
            t = replace(Tuning(), **dict(zip(GRID, values)))
            clusters, _ = cluster(stores["tune"], t)
            grid.append((bcubed(clusters, topics), t, len(set(clusters.values()))))
            grid_lines.append(f"| {' | '.join(map(str, values))} | "
                              f"{' | '.join(f'{x:.3f}' for x in grid[-1][0])} | {grid[-1][2]} |")
            print(grid_lines[-1], file=sys.stderr)
        (best_score, best, _) = max(grid, key=lambda g: g[0][2])
        chosen = ", ".join(f"{k} {getattr(best, k)}" for k in GRID)
        default = ", ".join(f"{k} {getattr(Tuning(), k)}" for k in GRID)
        lines = [f"Chosen on the tune half: {chosen} (the defaults in hronika/chronicle/features.py: {default}).", "",
                 "| documents | n | topics | storylines | B³ P | B³ R | B³ F1 | one for all F1 | one per doc F1 | update ms/article: first, last 200 |",
                 "|---|---|---|---|---|---|---|---|---|---|"]
        for name, rows in sets.items():
            clusters, secs = cluster(stores[name], best)
            p, r, f = bcubed(clusters, topics)
            one, each = baselines(rows)
            lines.append(f"| {name} | {len(rows)} | {len({topics[x['id']] for x in rows})} | "
                         f"{len(set(clusters.values()))} | {p:.3f} | {r:.3f} | **{f:.3f}** | {one[2]:.3f} | "
                         f"{each[2]:.3f} | {mean(secs[:200]) * 1000:.1f}, {mean(secs[-200:]) * 1000:.1f} |")
        clusters, secs = cluster(stores["all"], replace(best, **ABLATION))
        p, r, f = bcubed(clusters, topics)
        lines.append(f"| all, {', '.join(f'{k} {v}' for k, v in ABLATION.items())} | {len(docs)} | "
                     f"{len({topics[x['id']] for x in docs})} | {len(set(clusters.values()))} | {p:.3f} | "
                     f"{r:.3f} | {f:.3f} | | | {mean(secs[:200]) * 1000:.1f}, {mean(secs[-200:]) * 1000:.1f} |")
        for store in stores.values():
            store.close()
    print(f"Date: {time.strftime('%Y-%m-%d')}; machine: {platform.machine()}, Python "
          f"{platform.python_version()}; command: `python -m bench.storylines_bench`.\n")
    print("\n".join(lines))
    print(f"\nThe grid, on the tune half (shared entities at least {Tuning().shared}):\n")
    print("\n".join(grid_lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
