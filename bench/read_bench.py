"""Throughput and peak memory of ``hronika read`` as a whole process, recorded in bench/RESULTS.md.

    python -m bench.read_bench [--corpus PATH…] [--limit N] [--stages …] [--no-record] [--no-shares]

Default corpus: the SlavicNER raw texts beside the project (../shared/data/slavicner, research
use only, never committed), else the bundled samples. The measuring is ``hronika.benchmark``'s,
as for ``hronika bench``: each run is a fresh process, so model loading counts. The figures
(articles/s, MB of text/s, peak RSS) go to bench/RESULTS.md under "## Reading throughput", with
date, machine and command.  On a JSON Lines corpus the peer runs on the same texts in the same run:
dateparser's ``search_dates`` alone (time expressions only), in a fresh process too.  Each reader
runs ``--rounds`` times and the best run counts.  Beside the wall times: each reader's CPU seconds
(which other work on a shared machine hardly moves), and the CPU seconds of each stage
(bench/stage_shares.py).
"""
from __future__ import annotations

import argparse
import compileall
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
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


def bench_corpus(given: list[str] | None, limit: int, tmp: Path) -> tuple[list[str], str]:
    """The inputs a bench reads and how to name them: the files given, else the first ``limit``
    SlavicNER bg texts (written as JSON Lines into ``tmp``), else the bundled samples."""
    if given:
        return given, " ".join(given)
    if SLAVICNER.exists():
        return ([str(slavicner_jsonl(limit, tmp / "corpus.jsonl"))],
                f"first {limit} SlavicNER bg raw texts (../shared/data/slavicner)")
    return [str(SAMPLES)], "the bundled samples (hronika/samples)"


def cpu_seconds() -> float:
    """User and system CPU seconds of the finished child processes so far (their workers included):
    unlike wall time, it hardly moves when other work shares the machine."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def speed_dateparser(texts: list[str]) -> tuple[float, float]:
    """Seconds and CPU seconds for dateparser's ``search_dates`` over ``texts`` in a fresh process
    (imports included)."""
    code = ("import json, sys\nfrom dateparser.search import search_dates\n"
            "for line in open(sys.argv[1], encoding='utf-8'):\n"
            "    search_dates(json.loads(line)['text'], languages=['bg', 'ru', 'en'])\n")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for x in texts:
            fh.write(json.dumps({"text": x}, ensure_ascii=False) + "\n")
    t0, c0 = time.perf_counter(), cpu_seconds()
    p = subprocess.run([sys.executable, "-c", code, fh.name], capture_output=True, text=True)
    total, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    os.unlink(fh.name)
    return (float("nan"), float("nan")) if p.returncode else (total, cpu)


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
    ap.add_argument("--rounds", type=int, default=2, help="runs of each reader; the best counts (default 2)")
    ap.add_argument("--no-record", action="store_true", help="print, do not write bench/RESULTS.md")
    ap.add_argument("--no-shares", dest="shares", action="store_false",
                    help="leave out the CPU time of each stage (bench/stage_shares.py)")
    args = ap.parse_args(argv)
    # hronika's modules byte-compiled, as an installed wheel's are (dateparser's are): an editable
    # checkout run with PYTHONDONTWRITEBYTECODE set compiles its 40 sources at every start (0.1 s).
    compileall.compile_dir(ROOT / "hronika", quiet=1)
    # and the time-expression rules' compiled programs kept, as ``make install`` keeps them (the
    # first reading would write them otherwise: hronika/timex/openers.py)
    subprocess.run([sys.executable, "-c", "from hronika.timex.grammar import compile_all; compile_all()"], cwd=ROOT, check=False)
    peer = ""
    with tempfile.TemporaryDirectory() as tmp:
        corpus, label = bench_corpus(args.corpus, args.limit, Path(tmp))
        rounds = []
        for _ in range(max(1, args.rounds)):
            one = []
            for j in args.jobs:
                c0 = cpu_seconds()
                (_, run), = measure(corpus, args.stages, [j])
                run["cpu"] = cpu_seconds() - c0
                one.append((j, run))
            rounds.append(one)
        runs = [min((r[i] for r in rounds), key=lambda run: run[1]["seconds"]) for i in range(len(args.jobs))]
        cpu = {j: min(r[i][1]["cpu"] for r in rounds) for i, j in enumerate(args.jobs)}
        if len(corpus) == 1 and corpus[0].endswith(".jsonl"):
            texts = [json.loads(line)["text"] for line in open(corpus[0], encoding="utf-8") if line.strip()]
            dp, dp_cpu = (min(x) for x in zip(*(speed_dateparser(texts) for _ in range(max(1, args.rounds)))))
            peer = (f"\nPeer on the same texts, same run: dateparser 1.5.0 `search_dates(text, languages=['bg','ru','en'])` "
                    f"alone, one fresh process: {dp:.2f} s, **{len(texts) / dp:.1f} articles/s**; "
                    f"hronika against it: " + ", ".join(f"{r['articles_per_s'] * dp / len(texts):.2f}x with {j} process(es)"
                                                         for j, r in runs) + ".\n"
                    f"CPU seconds (user + system, all processes, best round): dateparser {dp_cpu:.2f}; hronika "
                    + ", ".join(f"{cpu[j]:.2f} with {j} process(es)" for j in args.jobs)
                    + f" -- dateparser's CPU time over hronika's with {min(args.jobs)} process(es): "
                    f"{dp_cpu / cpu[min(args.jobs)]:.2f}x "
                    "(a ratio that other work on the machine hardly moves).\n")
        if args.shares:
            p = subprocess.run([sys.executable, "-m", "bench.stage_shares", *corpus, *(["--stages", *args.stages] if args.stages else [])],
                               capture_output=True, text=True, cwd=ROOT)
            peer += ("\nWhere the CPU time of one process goes (`python -m bench.stage_shares`, same corpus, one "
                     "fresh process):\n\n" + (p.stdout if p.returncode == 0 else f"(failed: {p.stderr[-300:]})\n"))
    argv = sys.argv[1:] if argv is None else argv
    text = f"{SECTION}\n\n" + table(runs, label, args.stages,
                                     "python -m bench.read_bench" + "".join(" " + a for a in argv)) + peer
    print(text)
    if not args.no_record:
        record_section(SECTION, text)
        print(f"recorded in {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
