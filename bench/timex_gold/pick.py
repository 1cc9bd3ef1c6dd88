"""How the documents of the fresh time-expression gold were picked (run once, before annotating).

    python -m bench.timex_gold.pick

From ../shared/eval/ner-{ru,bg}-input.jsonl (every SlavicNER training document), leaving out the
dev gold's documents (../shared/eval/gold/dev, read while the timex rules were written) and any
document longer than MAX_CHARS (so that the set could be annotated by hand in the time given: about
85 % of the documents are that short), draw N[lang] at random with SEED; then split each
language's draw at random into a tune half and a held half.  Prints the split as JSON
(bench/timex_gold/split.json holds what this printed).
"""
from __future__ import annotations

import json
import random
from pathlib import Path

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
SEED = 20261130_11
MAX_CHARS = 3000
N = {"ru": 20, "bg": 12}


def pick() -> dict:
    dev = {p.name[:-len(".gold.json")] for p in (EVAL / "gold" / "dev").glob("*.gold.json")}
    out = {}
    for lang, n in N.items():
        docs = [json.loads(l) for l in (EVAL / f"ner-{lang}-input.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
        pool = sorted(d["id"] for d in docs if d["id"] not in dev and len(d["text"]) <= MAX_CHARS)
        rng = random.Random(f"{SEED}-{lang}")
        chosen = rng.sample(pool, n)
        rng.shuffle(chosen)
        out[lang] = {"tune": sorted(chosen[: n // 2]), "held": sorted(chosen[n // 2:])}
    return out


if __name__ == "__main__":
    print(json.dumps(pick(), ensure_ascii=False, indent=1))
