"""Named entities in one-sentence texts (a brief, a post, a headline): the whole reading's
mentions against hand-written gold.

    python -m bench.short_ner [--models DIR | --model-bg DIR --model-ru DIR] [--show]

bench/short_ner.tsv holds sentences written for this project (30 Bulgarian, 30 Russian, none taken
from any corpus), each with its names and types (``form/TYPE`` joined by ``;``), written before
either model read them.  A mention counts when its exact text and type match.  The folders given
replace the shipped NER models (``--models`` for both languages: one model of both).  Whole
articles reach the models with more context and the rules spread a name found once to its other
mentions; here every mention stands alone, which is where a model's misses show.
"""
from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from pathlib import Path

from hronika import pipeline
from hronika.document import Document
from hronika.settings import Settings

GOLD = Path(__file__).with_name("short_ner.tsv")


def rows(path: Path = GOLD) -> list[tuple[str, str, set[tuple[str, str]]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        code, text, names = line.split("\t")
        out.append((code, text, {tuple(x.rsplit("/", 1)) for x in names.split(";")}))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", type=Path, help="one model folder for both languages")
    ap.add_argument("--model-bg", type=Path)
    ap.add_argument("--model-ru", type=Path)
    ap.add_argument("--show", action="store_true", help="print each sentence's misses and extras")
    ap.add_argument("--natasha", action="store_true", help="with natasha's votes beside the Russian model")
    args = ap.parse_args(argv)
    models = {k: v for k, v in (("bg", args.model_bg or args.models), ("ru", args.model_ru or args.models)) if v}
    reader = pipeline.build(settings=Settings(ner_models=tuple(models.items()), natasha=args.natasha))
    counts = Counter()
    for code, text, gold in rows():
        doc = reader(Document("short", text, dt.date(2025, 12, 1)))
        got = {(text[m.start:m.end], m.label) for m in doc.layer("mentions")}
        counts[code, "tp"] += len(gold & got)
        counts[code, "fp"] += len(got - gold)
        counts[code, "fn"] += len(gold - got)
        if args.show and got != gold:
            print(code, "missed", sorted(gold - got), "extra", sorted(got - gold))
    for code in ("bg", "ru"):
        tp, fp, fn = counts[code, "tp"], counts[code, "fp"], counts[code, "fn"]
        print(f"{code}: P {tp / (tp + fp):.3f} R {tp / (tp + fn):.3f} F1 {2 * tp / (2 * tp + fp + fn):.3f} "
              f"({tp + fn} gold mentions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
