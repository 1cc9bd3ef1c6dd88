"""How the fresh time-expression sets (bench/fresh_timex.json "fifth" to "eighth") were picked, before annotating.

    python -m bench.timex_gold.pick_fresh                                   # the fifth set
    python -m bench.timex_gold.pick_fresh --seed 20261202_6 --bg 4 --ru 8 --own claimed-timex6.txt  # the sixth
    python -m bench.timex_gold.pick_fresh --seed 20261202_7 --bg 4 --ru 10 --own claimed-timex7.txt  # the seventh
    python -m bench.timex_gold.pick_fresh --seed 20261202_8 --bg 4 --ru 10 --own claimed-timex8.txt  # the eighth

From ../shared/eval/ner-{bg,ru}-input.jsonl, leaving out every document of the dev gold, of
bench/dev_split.json, bench/fresh_events.json, bench/fresh_quotes.json, bench/timex_gold/*.json,
bench/fresh_timex.json (from the sixth set on) and of any /work/tools/claimed-*.txt of another
helper (an id counts as used when it appears quoted in one of those files, or alone on a line of a
claim file), and any document longer than MAX_CHARS: draw N per language with SEED.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
SEED = "20261202_5"
MAX_CHARS = 3000
N = {"bg": 8, "ru": 8}
USED = ["bench/dev_split.json", "bench/fresh_events.json", "bench/fresh_quotes.json",
        "bench/timex_gold/gold.json", "bench/timex_gold/split.json"]


def used_text(own: str = "claimed-timex5.txt", extra: tuple[str, ...] = ()) -> str:
    parts = [(ROOT / f).read_text(encoding="utf-8") for f in [*USED, *extra]]
    parts += [p.name for p in (EVAL / "gold" / "dev").glob("*.gold.json")]
    parts += [p.read_text(encoding="utf-8") for p in Path("/work/tools").glob("claimed-*.txt")
              if p.name != own]
    return "\n".join(parts)


def pick(seed: str = SEED, n: dict | None = None, own: str = "claimed-timex5.txt",
         extra: tuple[str, ...] = ()) -> dict:
    used = used_text(own, extra)
    out = {}
    for lang, k in (n or N).items():
        docs = [json.loads(l) for l in (EVAL / f"ner-{lang}-input.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
        pool = sorted(d["id"] for d in docs if len(d["text"]) <= MAX_CHARS
                      and f'"{d["id"]}"' not in used and f'{d["id"]}.gold.json' not in used
                      and f'\n{d["id"]}\n' not in f"\n{used}\n")
        out[lang] = sorted(random.Random(f"{seed}-{lang}").sample(pool, k))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", default=SEED, help="random seed (default: the fifth set's)")
    ap.add_argument("--bg", type=int, default=N["bg"], help="Bulgarian documents to draw")
    ap.add_argument("--ru", type=int, default=N["ru"], help="Russian documents to draw")
    ap.add_argument("--own", default="claimed-timex5.txt",
                    help="this pass's own claim file in /work/tools, not counted as used")
    ap.add_argument("--no-fresh-timex", action="store_true",
                    help="do not leave out bench/fresh_timex.json's ids (how the fifth set was drawn)")
    a = ap.parse_args(argv)
    extra = () if a.no_fresh_timex else ("bench/fresh_timex.json",)
    print(json.dumps(pick(a.seed, {"bg": a.bg, "ru": a.ru}, a.own, extra), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
