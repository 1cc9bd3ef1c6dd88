"""Throughput and peak memory of ``hronika read`` as a whole, fresh process (model loading
included): the measuring core of ``hronika bench`` and of the checkout's ``bench/read_bench.py``."""
from __future__ import annotations

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
from typing import Iterable

from . import pipeline

SAMPLES = Path(__file__).parent / "samples"
TIME = Path("/usr/bin/time")  # GNU time reports the peak RSS of one command


class BenchError(RuntimeError):
    pass


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu_model()}, "
            f"Python {platform.python_version()}")


def run_read(corpus: list[str], stages: Iterable[str] | None, out: Path, jobs: int,
             config: str | None = None) -> dict:
    """One ``hronika read`` of ``corpus`` in a fresh process, its readings written to ``out``."""
    cmd = [sys.executable, "-m", "hronika.cli", *(["--config", config] if config else []),
           "read", *corpus, "-o", str(out), "--jobs", str(jobs)]
    if stages:
        cmd += ["--stages", *stages]
    t0 = time.perf_counter()
    proc = subprocess.run([str(TIME), "-f", "%M", *cmd] if TIME.exists() else cmd,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t0
    last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    peak_kb = int(last) if last.isdigit() else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):  # 1: some articles failed, the others were read
        raise BenchError(f"hronika read failed:\n{proc.stderr[-2000:]}")
    texts = [json.loads(l)["text"] for l in out.read_text(encoding="utf-8").splitlines() if l.strip()]
    return {"articles": len(texts), "seconds": wall, "articles_per_s": len(texts) / wall,
            "mb_per_s": sum(len(t.encode("utf-8")) for t in texts) / 1e6 / wall,
            "chars": sum(map(len, texts)), "peak_rss_mb": peak_kb / 1024, "cmd": " ".join(cmd[1:])}


def measure(corpus: list[str], stages: Iterable[str] | None = None, jobs: Iterable[int] = (1, 2),
            config: str | None = None) -> list[tuple[int, dict]]:
    """One run per number of worker processes."""
    with tempfile.TemporaryDirectory() as tmp:
        return [(j, run_read(corpus, stages, Path(tmp) / "out.jsonl", j, config)) for j in jobs]


def table(runs: list[tuple[int, dict]], label: str, stages: Iterable[str] | None, command: str) -> str:
    """The runs as a Markdown table headed by date, machine and command."""
    names = " ".join(stages or pipeline.DEFAULT)
    out = (f"Measured {dt.date.today().isoformat()} on {machine()}.\n"
           f"Command: `{command}` (runs `hronika read` as one fresh process, model loading included).\n\n"
           f"| corpus | stages | processes | articles | seconds | articles/s | MB text/s | peak RSS of one process (MB) |\n"
           f"|---|---|---|---|---|---|---|---|\n")
    for j, r in runs:
        out += (f"| {label} | {names} | {j} | {r['articles']} | {r['seconds']:.2f} | {r['articles_per_s']:.1f} | "
                f"{r['mb_per_s']:.3f} | {r['peak_rss_mb']:.0f} |\n")
    return out
