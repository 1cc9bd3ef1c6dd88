"""Events, quotes and sources on the two halves of the dev gold, per event type, and each stage's
share of reading time.

    python -m bench.speech_bench [--no-record] [--half tune]

The dev gold (../shared/eval/gold/dev) is split in bench/dev_split.json: rules may be written while
reading the ``tune`` half; the ``held`` half is only scored, and is the fairer figure.  Each half is
read by ``hronika read`` in a fresh process and scored by ../shared/eval/score.py; per event type,
the scorer runs on copies of the gold and of the readings that keep only that type's events.  The
stage table times each stage alone (CPU seconds, one process, models loaded) over the first 300
articles of ../shared/eval/ner-bg-input.jsonl.  The table goes to stdout and replaces the
"## Events, quotes and sources" section of bench/RESULTS.md.  No note of the held half is printed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.read_bench import record_section
from hronika.benchmark import machine

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SECTION = "## Events, quotes and sources"
SCORES = ("events.detect", "events.arguments", "events.date", "quotes.direct", "quotes.direct+speaker",
          "quotes.indirect", "quotes.indirect+speaker", "sources")
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def score(gold: Path, out: Path) -> dict:
    run = subprocess.run([sys.executable, str(EVAL / "score.py"), str(gold), str(out), "--only-read", "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)["scores"]


def read_half(ids: set[str], work: Path, name: str) -> Path:
    src, out = work / f"{name}.jsonl", work / f"{name}-out.jsonl"
    with open(EVAL / "dev-input.jsonl", encoding="utf-8") as f, open(src, "w", encoding="utf-8") as g:
        g.writelines(line for line in f if json.loads(line)["id"] in ids)
    subprocess.run([sys.executable, "-m", "hronika.cli", "read", str(src), "-o", str(out)],
                   capture_output=True, text=True, check=True)
    return out


def per_type(ids: set[str], out: Path, work: Path) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) of events.detect for each PLOVER type on one half."""
    readings = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    got = {}
    for t in TYPES:
        gold = work / f"gold-{t}"
        gold.mkdir(exist_ok=True)
        for doc in ids:
            src = EVAL / "gold" / "dev" / f"{doc}.gold.json"
            g = json.loads(src.read_text(encoding="utf-8"))
            g["events"] = [e for e in g.get("events", []) if e["type"] == t]
            if g.get("text_file"):  # relative to the gold file: keep it pointing at the text
                g["text_file"] = str((src.parent / g["text_file"]).resolve())
            (gold / f"{doc}.gold.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
        sys_out = work / f"out-{t}.jsonl"
        sys_out.write_text("".join(json.dumps({**r, "events": [e for e in r["events"] if e["type"] == t]},
                                              ensure_ascii=False) + "\n" for r in readings), encoding="utf-8")
        s = score(gold, sys_out)["events.detect"]
        if s["tp"] or s["fp"] or s["fn"]:
            got[t] = (s["tp"], s["fp"], s["fn"])
    return got


def stage_times(n: int = 300) -> list[tuple[str, float]]:
    from hronika import pipeline
    from hronika.document import Document

    rows = [json.loads(line) for line in open(EVAL / "ner-bg-input.jsonl", encoding="utf-8")][:n]

    def docs() -> list[Document]:
        return [Document(id=r["id"], text=r["text"], date=dt.date.fromisoformat(r["date"])) for r in rows]

    reader = pipeline.build()
    reader.pipe(docs()[:8])  # load what loads lazily
    best: dict[str, float] = {}
    for _ in range(3):
        ds = docs()
        for stage in reader.stages:
            one = pipeline.Reader([stage])
            t = time.process_time()
            for i in range(0, len(ds), 8):
                ds[i:i + 8] = one.pipe(ds[i:i + 8])
            best[stage.name] = min(best.get(stage.name, float("inf")), time.process_time() - t)
    return list(best.items())


def fmt(s: dict) -> str:
    if "accuracy" in s:
        return f"{s['accuracy']:.3f} (n {s['n']})"
    return f"{s['p']:.3f} / {s['r']:.3f} / **{s['f1']:.3f}**"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-record", action="store_true", help="print the section without writing RESULTS.md")
    ap.add_argument("--half", choices=("tune", "held"),
                    help="score only this half and print its scores (no stage table, nothing recorded)")
    args = ap.parse_args(argv)
    split = json.loads((ROOT / "bench" / "dev_split.json").read_text(encoding="utf-8"))
    if args.half:
        with tempfile.TemporaryDirectory() as tmp:
            got = score(EVAL / "gold" / "dev", read_half(set(split[args.half]), Path(tmp), args.half))
        print("\n".join(f"{k:26s} {fmt(got[k])}" for k in SCORES))
        return 0
    halves = {name: set(split[name]) for name in ("tune", "held")}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        outs = {name: read_half(ids, work, name) for name, ids in halves.items()}
        scores = {name: score(EVAL / "gold" / "dev", out) for name, out in outs.items()}
        types = {}
        for name, ids in halves.items():
            (work / name).mkdir()
            types[name] = per_type(ids, outs[name], work / name)
    times = stage_times()
    total = sum(t for _, t in times)
    lines = [SECTION, "",
             f"Measured {dt.date.today().isoformat()} on {machine()}.",
             "Command: `python -m bench.speech_bench`. Scorer: `../shared/eval/score.py GOLD OUT --only-read --json` "
             "on the halves of ../shared/eval/gold/dev in bench/dev_split.json. The rules were written while "
             "reading the tune half; the held half is the fairer figure (it was scored, never read: its text, "
             "gold and notes stay unread by rule writers).", "",
             f"| score (P / R / F1, or accuracy) | tune ({len(halves['tune'])} docs) | held ({len(halves['held'])} docs) |",
             "|---|---|---|"]
    lines += [f"| {k} | {fmt(scores['tune'][k])} | {fmt(scores['held'][k])} |" for k in SCORES]
    lines += ["", "Events detected per PLOVER type (tp / fp / fn):", "",
              "| type | tune | held |", "|---|---|---|"]
    for t in TYPES:
        if t in types["tune"] or t in types["held"]:
            cell = [("{} / {} / {}".format(*types[h][t]) if t in types[h] else "–") for h in ("tune", "held")]
            lines.append(f"| {t} | {cell[0]} | {cell[1]} |")
    lines += ["", "Each stage alone, CPU seconds over the first 300 articles of ../shared/eval/ner-bg-input.jsonl "
              "(one process, models loaded, best of 3):", "", "| stage | CPU s | share |", "|---|---|---|"]
    lines += [f"| {name} | {t:.2f} | {100 * t / total:.1f}% |" for name, t in times]
    lines += [f"| **all** | {total:.2f} | {300 / total:.1f} articles/s |", ""]
    text = "\n".join(lines)
    print(text)
    if not args.no_record:
        record_section(SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
