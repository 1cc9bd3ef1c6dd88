"""Peak memory of ``hronika read`` on a large JSON Lines file and on one very long article.

    python -m bench.memory_bench [--jsonl-mb 50] [--article-mb 5] [--jobs 2] [--no-record]

Both inputs are made from the bundled sample articles (hronika/samples, written for the project):
the JSON Lines file repeats them with new ids until it holds ``--jsonl-mb`` MB; the long article
joins their paragraphs until it holds ``--article-mb`` MB of UTF-8 text.  Each is read by
``hronika read`` in a fresh process (all stages, ``--jobs`` workers for the file, one process for the
article); peak RSS is the largest resident size of the process and its workers
(``/usr/bin/time -f %M`` reports the largest single process).  The table replaces the
"## Memory" section of bench/RESULTS.md.  The target (README) is 1.5 GB.
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
from hronika.ingest import read_paths

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "hronika" / "samples"
SECTION = "## Memory"
TIME = Path("/usr/bin/time")


def sample_texts() -> list[tuple[str, str]]:
    return [(d.date.isoformat(), d.text) for d in read_paths([SAMPLES]) if hasattr(d, "text")]


def make_jsonl(dest: Path, mb: float) -> int:
    texts, n, size = sample_texts(), 0, 0
    with dest.open("w", encoding="utf-8") as out:
        while size < mb * 1e6:
            date, text = texts[n % len(texts)]
            line = json.dumps({"id": f"copy-{n}", "date": date, "text": f"{n}. {text}"}, ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    return n


def make_article(dest: Path, mb: float) -> None:
    paragraphs = [p for _, t in sample_texts() for p in t.split("\n\n") if p.strip()]
    parts, size, i = [], 0, 0
    while size < mb * 1e6:
        p = paragraphs[i % len(paragraphs)]
        parts.append(p)
        size += len(p.encode("utf-8")) + 2
        i += 1
    dest.write_text(" date 2025-11-20 " + "\n\n".join(parts), encoding="utf-8")


def run(path: Path, jobs: int, out: Path) -> tuple[float, float, int]:
    cmd = [sys.executable, "-m", "hronika.cli", "read", str(path), "-o", str(out), "--jobs", str(jobs)]
    t0 = time.perf_counter()
    p = subprocess.run([str(TIME), "-f", "%M", *cmd] if TIME.exists() else cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    last = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
    if p.returncode not in (0, 1):
        raise SystemExit(f"hronika read failed:\n{p.stderr[-2000:]}")
    n = sum(1 for _ in out.open(encoding="utf-8"))
    return wall, (int(last) / 1024 if last.isdigit() else float("nan")), n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jsonl-mb", type=float, default=50)
    ap.add_argument("--article-mb", type=float, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.article_mb > 0:
            art = work / "long.txt"
            make_article(art, args.article_mb)
            wall, peak, n = run(art, 1, work / "long.out.jsonl")
            rows.append(f"| one article of {art.stat().st_size / 1e6:.1f} MB | 1 | {n} | {wall:.1f} | {peak:.0f} |")
        if args.jsonl_mb > 0:
            src = work / "big.jsonl"
            count = make_jsonl(src, args.jsonl_mb)
            wall, peak, n = run(src, args.jobs, work / "big.out.jsonl")
            rows.append(f"| JSON Lines of {src.stat().st_size / 1e6:.1f} MB ({count} articles) | {args.jobs} | {n} | "
                        f"{wall:.1f} | {peak:.0f} |")
    argv = sys.argv[1:] if argv is None else argv
    text = "\n".join([SECTION, "", f"Measured {dt.date.today().isoformat()} on {machine()}.",
                      "Command: `python -m bench.memory_bench" + "".join(" " + a for a in argv) + "` "
                      "(inputs made from the bundled samples; all stages; one fresh `hronika read` each).", "",
                      "| input | processes | articles read | seconds | peak RSS of the largest process (MB) |",
                      "|---|---|---|---|---|", *rows, ""])
    print(text)
    if not args.no_record:
        record_section(SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
