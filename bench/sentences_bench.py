"""Sentence splitting quality on UD Bulgarian-BTB (dev + test), against a naive baseline.

    python -m bench.sentences_bench [--no-record]

The treebank's sentences are joined with single spaces, in file order, and split again; a
boundary counts when a predicted sentence start is a gold sentence start.  The baseline splits
after . ! ? when whitespace and a capital letter follow.  The treebank (CC BY-NC-SA) is read from
../shared/data/ud-bulgarian-btb and never committed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from bench.read_bench import record_section
from hronika.benchmark import machine

UD = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud-bulgarian-btb"
SECTION = "## Sentence splitting"


def gold_sentences() -> list[str]:
    out = []
    for name in ("bg_btb-ud-dev.conllu", "bg_btb-ud-test.conllu"):
        for line in (UD / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                out.append(line[len("# text = "):].strip())
    return out


def naive(text: str) -> set[int]:
    return {0} | {m.end() for m in re.finditer(r"[.!?](?=\s+[A-ZА-Я])\s+", text)}


def hronika_starts(text: str) -> set[int]:
    from hronika.stages.sentences import sentence_breaks, split_tokens
    toks = split_tokens(text)
    words = [text[s:e] for s, e, _ in toks]
    starts = sentence_breaks(words, set(), [ws for _, _, ws in toks])
    return {toks[i][0] for i in starts}


def score(pred: set[int], gold: set[int]) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench.sentences_bench")
    ap.add_argument("--no-record", action="store_true")
    args = ap.parse_args(argv)
    if not UD.exists():
        print(f"skipped: {UD} is absent")
        return 0
    sents = gold_sentences()
    text, gold, pos = "", set(), 0
    parts = []
    for s in sents:
        gold.add(pos)
        parts.append(s)
        pos += len(s) + 1
    text = " ".join(parts)
    rows = []
    for name, fn in (("naive split after . ! ? before a capital", naive), ("hronika", hronika_starts)):
        p, r, f = score(fn(text), gold)
        rows.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |")
    table = (f"{SECTION}\n\nMeasured {dt.date.today().isoformat()} on {machine()}.\n"
             f"Command: `python -m bench.sentences_bench`. Data: UD Bulgarian-BTB dev + test, "
             f"{len(sents)} sentences joined with spaces; a hit is a predicted sentence start at a gold one.\n\n"
             "| splitter | precision | recall | F1 |\n|---|---|---|---|\n" + "\n".join(rows) + "\n")
    print(table)
    if not args.no_record:
        record_section(SECTION, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
