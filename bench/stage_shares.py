"""CPU seconds of each reading stage, of the start-up and of the serialization, over one corpus in
this fresh process -- where the time of a whole ``hronika read`` goes.

    python -m bench.stage_shares CORPUS [--stages …] [--detail]

The articles are read as ``hronika read --jobs 1`` reads them (chunks of ``hronika.batch.CHUNK``,
a stage with ``pipe`` over each chunk), each stage timed on its own; CPU time (``process_time``),
not wall time, so other work on a shared machine hardly moves the shares.  Printed as a Markdown
table (bench/read_bench.py appends it to its section of bench/RESULTS.md).
"""
from __future__ import annotations

import argparse
import json
import sys
import time


def _timed(spent: dict[str, float], name: str, pipe):
    def timed(*args, **kwargs):
        t = time.process_time()
        out = list(pipe(*args, **kwargs))
        spent[name] = spent.get(name, 0.0) + time.process_time() - t
        return iter(out)

    return timed


class _Timed:
    def __init__(self, proc, pipe) -> None:
        self._proc, self.pipe = proc, pipe

    def __getattr__(self, name):
        return getattr(self._proc, name)


def _watch_models(spent: dict[str, float]) -> None:
    """Time each NER model's components and the loading of models after the start-up (into
    ``spent``): the entity stage looks ``load_model`` up in its module at each call."""
    from hronika.stages import entities

    load, seen = entities.load_model, set()

    def watched(code, settings=None):
        t, loaded = time.process_time(), entities._load_pipeline.cache_info().misses
        nlp = load(code, settings)
        if entities._load_pipeline.cache_info().misses > loaded:
            spent[f"model load ({code})"] = spent.get(f"model load ({code})", 0.0) + time.process_time() - t
        if nlp is not None and id(nlp) not in seen:
            seen.add(id(nlp))
            # (a stand-in for each component, whose ``pipe`` is timed: spaCy's compiled components
            # do not let their methods be replaced)
            nlp._components[:] = [(name, _Timed(proc, _timed(spent, f"{name} ({code})", proc.pipe)))
                                  for name, proc in nlp._components]
        return nlp

    entities.load_model = watched


def shares(corpus: list[str], stages: list[str] | None = None, detail: bool = False) -> list[tuple[str, float]]:
    t0 = time.process_time()
    from hronika import pipeline
    from hronika.batch import build_reader, chunks
    from hronika.document import Document
    from hronika.ingest import read_paths
    from hronika.serialize import to_json

    reader = build_reader(stages or pipeline.DEFAULT)
    rows = [("start-up: imports, models, tables", time.process_time() - t0)]
    models: dict[str, float] = {}
    if detail:
        _watch_models(models)
        models.clear()  # (the start-up's model loads are the start-up's)
    t = time.process_time()
    docs = [d for d in read_paths(corpus) if isinstance(d, Document)]
    rows.append(("input: reading the corpus", time.process_time() - t))
    spent = {s.name: 0.0 for s in reader.stages}
    out = []
    for chunk in chunks(docs):
        for stage in reader.stages:
            t = time.process_time()
            chunk = stage.pipe(chunk) if hasattr(stage, "pipe") and len(chunk) > 1 else [stage(d) for d in chunk]
            spent[stage.name] += time.process_time() - t
        out.extend(chunk)
    rows += [(f"stage {name}", sec) for name, sec in spent.items()]
    if detail and "entities" in spent:
        at = [n for n, _ in rows].index("stage entities") + 1
        parts = [(f"  entities: {name}", sec) for name, sec in sorted(models.items())]
        parts.append(("  entities: the rest (Docs, rules, resolving)", spent["entities"] - sum(models.values())))
        rows[at:at] = parts
    t = time.process_time()
    for d in out:
        json.dumps(to_json(d), ensure_ascii=False)
    rows.append(("output: JSON lines", time.process_time() - t))
    return rows


def markdown(rows: list[tuple[str, float]], articles: int | None = None) -> str:
    total = sum(s for name, s in rows if not name.startswith("  "))  # (indented rows: parts of a stage)
    out = "| part of `hronika read` | CPU s | share |\n|---|---|---|\n"
    out += "".join(f"| {name} | {sec:.2f} | {100 * sec / total:.0f}% |\n" for name, sec in rows)
    return out + f"| total | {total:.2f} | 100% |\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench.stage_shares", description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--stages", nargs="+")
    ap.add_argument("--detail", action="store_true", help="split the entities stage into its models' parts")
    args = ap.parse_args(argv)
    print(markdown(shares(args.corpus, args.stages, args.detail)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
