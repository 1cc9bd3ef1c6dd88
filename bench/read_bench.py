"""Throughput and peak memory of ``hronika read`` as a whole process.

    python -m bench.read_bench [--corpus PATH…] [--limit N] [--stages …] [--no-record]

Default corpus: the SlavicNER raw texts beside the project (../shared/data/slavicner, research
use only, never committed), else the bundled samples. Each run is a fresh process, so model
loading counts; the figures (articles/s, MB of text/s, peak RSS) go to bench/RESULTS.md under
"## Reading throughput", with date, machine and command.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SLAVICNER = ROOT.parent / "shared" / "data" / "slavicner"
SAMPLES = ROOT / "hronika" / "samples"
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Reading throughput"


def slavicner_jsonl(limit: int, dest: Path) -> Path:
    """SlavicNER raw texts with their publication dates, as JSON Lines (a temporary file)."""
    dates = {}
    for lang in ("bg", "ru"):
        meta = SLAVICNER / "metadata" / f"bsnlp2021_headers_{lang}.tsv"
        if meta.exists():
            with meta.open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    dates[row["slavicner_raw_path"]] = row["date"]
    n = 0
    with dest.open("w", encoding="utf-8") as out:
        for f in sorted((SLAVICNER / "raw").glob("*/bg/*")):
            rel = str(f.relative_to(SLAVICNER))
            out.write(json.dumps({"id": f.name, "date": dates.get(rel, "2020-01-01"),
                                  "text": f.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
            n += 1
            if n >= limit:
                break
    return dest


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}"


def run_read(corpus: list[str], stages: list[str] | None, out: Path, jobs: int) -> dict:
    cmd = [sys.executable, "-m", "hronika.cli", "read", *corpus, "-o", str(out), "--jobs", str(jobs)]
    if stages:
        cmd += ["--stages", *stages]
    t0 = time.perf_counter()
    # GNU time reports the peak RSS of this one command (the largest of its processes).
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd if Path("/usr/bin/time").exists() else cmd,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t0
    last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    peak_kb = int(last) if last.isdigit() else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise SystemExit(f"hronika read failed:\n{proc.stderr[-2000:]}")
    docs = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines() if l.strip()]
    chars = sum(len(d["text"]) for d in docs)
    return {"articles": len(docs), "seconds": wall, "articles_per_s": len(docs) / wall,
            "mb_per_s": sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6 / wall,
            "chars": chars, "peak_rss_mb": peak_kb / 1024, "cmd": " ".join(cmd[1:])}


def record_section(section: str, text: str) -> None:
    """Replace (or add) one ``## …`` section of bench/RESULTS.md, leaving the others as they are."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if section in old:
        head, _, rest = old.partition(section)
        nxt = rest.find("\n## ")
        old = head.rstrip() + "\n" + (rest[nxt:] if nxt >= 0 else "")
    RESULTS.write_text(old.rstrip() + "\n\n" + text.strip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench.read_bench", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", help="files or folders to read (default: SlavicNER bg raw texts)")
    ap.add_argument("--limit", type=int, default=300, help="articles taken from SlavicNER (default 300)")
    ap.add_argument("--stages", nargs="+", help="only these stages (default: all)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker processes to try (default: 1 2)")
    ap.add_argument("--no-record", action="store_true", help="print, do not write bench/RESULTS.md")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            corpus, label = args.corpus, " ".join(args.corpus)
        elif SLAVICNER.exists():
            corpus = [str(slavicner_jsonl(args.limit, Path(tmp) / "corpus.jsonl"))]
            label = f"first {args.limit} SlavicNER bg raw texts (../shared/data/slavicner)"
        else:
            corpus, label = [str(SAMPLES)], "the bundled samples (hronika/samples)"
        runs = [(j, run_read(corpus, args.stages, Path(tmp) / "out.jsonl", j)) for j in args.jobs]
    from hronika import pipeline
    stages = " ".join(args.stages or pipeline.DEFAULT)
    table = (f"{SECTION}\n\n"
             f"Measured {dt.date.today().isoformat()} on {machine()}.\n"
             f"Command: `python -m bench.read_bench{' ' + ' '.join(argv or sys.argv[1:]) if (argv or sys.argv[1:]) else ''}` "
             f"(runs `hronika read` as one fresh process, model loading included).\n\n"
             f"| corpus | stages | processes | articles | seconds | articles/s | MB text/s | peak RSS of one process (MB) |\n"
             f"|---|---|---|---|---|---|---|---|\n")
    for j, r in runs:
        table += (f"| {label} | {stages} | {j} | {r['articles']} | {r['seconds']:.2f} | {r['articles_per_s']:.1f} | "
                  f"{r['mb_per_s']:.3f} | {r['peak_rss_mb']:.0f} |\n")
    print(table)
    if not args.no_record:
        record_section(SECTION, table)
        print(f"recorded in {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
