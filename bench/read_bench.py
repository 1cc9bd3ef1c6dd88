"""Throughput and peak memory of ``hronika read`` as a whole process, recorded in bench/RESULTS.md.

    python -m bench.read_bench [--corpus PATH…] [--limit N] [--stages …] [--no-record]

Default corpus: the SlavicNER raw texts beside the project (../shared/data/slavicner, research
use only, never committed), else the bundled samples. The measuring is ``hronika.benchmark``'s,
as for ``hronika bench``: each run is a fresh process, so model loading counts. The figures
(articles/s, MB of text/s, peak RSS) go to bench/RESULTS.md under "## Reading throughput", with
date, machine and command.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

from hronika.benchmark import SAMPLES, measure, table

ROOT = Path(__file__).resolve().parents[1]
SLAVICNER = ROOT.parent / "shared" / "data" / "slavicner"
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
        runs = measure(corpus, args.stages, args.jobs)
    argv = sys.argv[1:] if argv is None else argv
    text = f"{SECTION}\n\n" + table(runs, label, args.stages,
                                     "python -m bench.read_bench" + "".join(" " + a for a in argv))
    print(text)
    if not args.no_record:
        record_section(SECTION, text)
        print(f"recorded in {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
