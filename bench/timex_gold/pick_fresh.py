"""How the fifth fresh time-expression set (bench/fresh_timex.json "fifth") was picked, before annotating.

    python -m bench.timex_gold.pick_fresh

From ../shared/eval/ner-{bg,ru}-input.jsonl, leaving out every document of the dev gold, of
bench/dev_split.json, bench/fresh_events.json, bench/fresh_quotes.json, bench/timex_gold/*.json and
of any /work/tools/claimed-*.txt of another helper (an id counts as used when it appears quoted in
one of those files), and any document longer than MAX_CHARS: draw N per language with SEED.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
SEED = 20261202_5
MAX_CHARS = 3000
N = {"bg": 8, "ru": 8}
USED = ["bench/dev_split.json", "bench/fresh_events.json", "bench/fresh_quotes.json",
        "bench/timex_gold/gold.json", "bench/timex_gold/split.json"]


def used_text() -> str:
    parts = [(ROOT / f).read_text(encoding="utf-8") for f in USED]
    parts += [p.name for p in (EVAL / "gold" / "dev").glob("*.gold.json")]
    parts += [p.read_text(encoding="utf-8") for p in Path("/work/tools").glob("claimed-*.txt")
              if p.name != "claimed-timex5.txt"]
    return "\n".join(parts)


def pick() -> dict:
    used = used_text()
    out = {}
    for lang, n in N.items():
        docs = [json.loads(l) for l in (EVAL / f"ner-{lang}-input.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
        pool = sorted(d["id"] for d in docs if len(d["text"]) <= MAX_CHARS
                      and f'"{d["id"]}"' not in used and f'{d["id"]}.gold.json' not in used
                      and f'\n{d["id"]}\n' not in f"\n{used}\n")
        out[lang] = sorted(random.Random(f"{SEED}-{lang}").sample(pool, n))
    return out


if __name__ == "__main__":
    print(json.dumps(pick(), ensure_ascii=False, indent=1))
