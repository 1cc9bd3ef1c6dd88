"""Train the NER models shipped in hronika/models/ner-<lang>/ from SlavicNER.

    hronika train ner --data ../shared/data/slavicner [--lang bg|ru] [--dev-topic TOPIC | --dev random]
                      [--out DIR] [--width 64] [--depth 2] [--max-steps 7500] [--prepare-only]

The corpus (SlavicNER, research use only) is read from ``--data`` (``raw/<topic>/<lang>/*.txt`` and
``ner/<topic>/<lang>/*.tsv``), tokenised with the same rules as the ``sentences`` stage, and written
as spaCy DocBins to a work folder; spaCy's trainer (a CNN tok2vec with hash embeddings and a
transition-based NER, CPU only) does the rest.  ``--dev`` chooses the held-out documents that
spaCy uses to pick the best model: a topic (``topic:nord_stream``), a deterministic 10% of each
topic (``random``), or ``none`` to train on everything (for the shipped model; spaCy then
evaluates on a small deterministic slice of the training documents).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from ..kb import TYPES
PACKAGE_MODELS = Path(__file__).resolve().parents[1] / "models"


@dataclass
class Item:
    doc_id: str
    topic: str
    lang: str
    text: str
    spans: list[tuple[int, int, str]]


def load_corpus(root: Path, lang: str) -> list[Item]:
    items = []
    for txt in sorted((root / "raw").glob(f"*/{lang}/*")):
        topic = txt.parts[-3]
        tsv = root / "ner" / topic / lang / (txt.name[:-4] + ".tsv" if txt.name.endswith(".txt") else txt.name + ".tsv")
        if not tsv.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        spans = []
        for line in tsv.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 5 and cols[4] in TYPES:
                spans.append((int(cols[0]), int(cols[1]), cols[4]))
        items.append(Item(txt.name, topic, lang, text, spans))
    return items


def _hash(doc_id: str) -> int:
    return int(hashlib.md5(doc_id.encode()).hexdigest(), 16)


def random_dev_ids(items: list[Item]) -> set[str]:
    """A deterministic 10% of each topic in each language: the documents with the smallest MD5 of their name."""
    by_topic: dict[tuple[str, str], list[Item]] = {}
    for it in items:  # per language too: a model of both languages is measured on each one's slice
        by_topic.setdefault((it.topic, it.lang), []).append(it)
    out = set()
    for group in by_topic.values():
        group = sorted(group, key=lambda i: _hash(i.doc_id))
        out.update(i.doc_id for i in group[:max(1, round(len(group) / 10))])
    return out


def in_dev(item: Item, dev: str, random_ids: set[str] | None = None) -> bool:
    if dev.startswith("topic:"):
        return item.topic == dev.split(":", 1)[1]
    if dev == "random":
        return item.doc_id in (random_ids or set())
    return False


def split(items: list[Item], dev: str) -> tuple[list[Item], list[Item]]:
    """(train, dev) documents for a dev choice: ``topic:NAME``, ``random`` or ``none``."""
    rid = random_dev_ids(items)
    train = [i for i in items if not in_dev(i, dev, rid)]
    held = [i for i in items if in_dev(i, dev, rid)]
    return train, held


def to_docs(nlp, items: list[Item]):
    from spacy.util import filter_spans

    from ..stages.repair import apply_edits, find_edits
    from ..stages.sentences import tokenizer

    nlp.tokenizer = tokenizer()  # the tokens the pipeline gives the model

    docs, dropped = [], 0
    for it in items:
        # The same repaired text the pipeline analyses, with the gold offsets mapped onto it.
        clean, mapping = apply_edits(it.text, find_edits(it.text))
        import bisect
        doc = nlp.make_doc(clean)
        ents = []
        for s, e, label in it.spans:
            cs, ce = bisect.bisect_left(mapping, s), bisect.bisect_left(mapping, e)
            span = doc.char_span(cs, ce, label=label, alignment_mode="expand")
            if span is None:
                dropped += 1
                continue
            ents.append(span)
        doc.ents = filter_spans(ents)
        dropped += len(ents) - len(doc.ents)
        docs.append(doc)
    return docs, dropped


def write_docbins(items: list[Item], dev: str, work: Path) -> tuple[Path, Path, dict]:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("bg")
    train, held = split(items, dev)
    if not held:  # spaCy needs a dev set to pick a model: a fixed slice of the training documents
        held = split(items, "random")[1]
    work.mkdir(parents=True, exist_ok=True)
    stats = {}
    for name, part in (("train", train), ("dev", held)):
        docs, dropped = to_docs(nlp, part)
        DocBin(docs=docs).to_disk(work / f"{name}.spacy")
        stats[f"{name}_set"] = {"docs": len(docs), "mentions_dropped": dropped}
    return work / "train.spacy", work / "dev.spacy", stats


def build_config(width: int, depth: int, max_steps: int, rows: list[int], pieces: int = 3, hidden: int = 64,
                 vectors: Path | None = None):
    from spacy.cli.init_config import init_config

    cfg = init_config(lang="bg", pipeline=["ner"], optimize="accuracy", gpu=False)
    embed = cfg["components"]["tok2vec"]["model"]["embed"]
    embed["include_static_vectors"] = vectors is not None
    embed["rows"] = rows
    cfg["components"]["tok2vec"]["model"]["encode"]["width"] = width
    cfg["components"]["tok2vec"]["model"]["encode"]["depth"] = depth
    cfg["components"]["tok2vec"]["model"]["encode"]["maxout_pieces"] = pieces
    cfg["components"]["ner"]["model"]["hidden_width"] = hidden
    cfg["training"]["max_steps"] = max_steps
    cfg["training"]["patience"] = max(1600, max_steps // 3)
    cfg["training"]["eval_frequency"] = 400
    cfg["paths"]["vectors"] = str(vectors) if vectors else None
    cfg["initialize"]["vectors"] = "${paths.vectors}" if vectors else None
    return cfg


def strip_addresses(model: Path) -> int:
    """Drop web addresses from the model's string store: they are article text, not vocabulary
    (the hash embeddings do not need the strings). Returns how many were dropped."""
    import srsly

    path = model / "vocab" / "strings.json"
    strings = srsly.read_json(path)
    kept = [x for x in strings if "://" not in x and not x.lower().startswith("www.")]
    srsly.write_json(path, kept)
    return len(strings) - len(kept)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="hronika train ner", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, type=Path, help="the SlavicNER folder (raw/ and ner/)")
    ap.add_argument("--lang", default="bg", choices=["bg", "ru", "bg+ru"],
                    help="bg+ru: one model trained on both languages' documents (an experiment)")
    ap.add_argument("--seed", type=int, default=0, help="spaCy's random seed (default 0, as shipped)")
    ap.add_argument("--dev", default="none", help="topic:NAME, random or none (default: none)")
    ap.add_argument("--dev-topic", help="hold this topic out as the dev set (same as --dev topic:NAME); spaCy "
                                        "then picks the checkpoint on that topic, so its score there is optimistic")
    ap.add_argument("--hold-out", metavar="TOPIC",
                    help="leave this topic out entirely (neither trained on nor used to pick the checkpoint); "
                         "the dev set is then --dev among the other topics (default: random)")
    ap.add_argument("--exclude", type=Path, action="append", default=None,
                    help="a folder of *.gold.json files whose documents are left out of training "
                         "(default: ../../eval/gold/dev beside --data, when it exists, so that the "
                         "linking dev set is never trained on)")
    ap.add_argument("--out", type=Path, help="where the model goes (default: hronika/models/ner-LANG with "
                                             "--dev none, else train-work/eval-models/LANG-DEV)")
    ap.add_argument("--work", type=Path, default=Path("train-work"), help="folder for DocBins and checkpoints")
    ap.add_argument("--width", type=int, default=64, help="tok2vec width (default: 64, as shipped)")
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--rows", type=int, nargs=4, default=[20000, 2000, 5000, 1000],
                    help="hash-embedding rows for NORM PREFIX SUFFIX SHAPE")
    ap.add_argument("--maxout-pieces", type=int, default=3)
    ap.add_argument("--hidden-width", type=int, help="width of the NER's hidden layer (default: the --width)")
    ap.add_argument("--max-steps", type=int, default=7500)
    ap.add_argument("--vectors", type=Path, help="a spaCy pipeline folder with static word vectors "
                                                 "(python -m hronika.train.vectors); default: none, as shipped")
    ap.add_argument("--prepare-only", action="store_true", help="write the DocBins and config, do not train")
    args = ap.parse_args(argv)
    args.hidden_width = args.hidden_width or args.width
    if args.dev_topic:
        args.dev = f"topic:{args.dev_topic}"
    if args.hold_out and args.dev == "none":
        args.dev = "random"

    if not (args.data / "raw").is_dir():
        print(f"error: {args.data} has no raw/ folder (expected the SlavicNER layout)", file=sys.stderr)
        return 2
    items = [i for code in args.lang.split("+") for i in load_corpus(args.data, code)]
    excl_dirs = args.exclude if args.exclude is not None else [args.data.resolve().parents[1] / "eval" / "gold" / "dev"]
    excluded = {f.name[:-len(".gold.json")] for d in excl_dirs if d.is_dir() for f in d.glob("*.gold.json")}
    items = [i for i in items if i.doc_id.removesuffix(".txt") not in excluded]
    if args.hold_out:
        if not any(i.topic == args.hold_out for i in items):
            print(f"error: no {args.lang} documents of topic {args.hold_out}", file=sys.stderr)
            return 2
        items = [i for i in items if i.topic != args.hold_out]
    if not items:
        print(f"error: no {args.lang} documents under {args.data}", file=sys.stderr)
        return 2
    tag = (f"without-{args.hold_out}-" if args.hold_out else "") + args.dev.replace(":", "-") + (
        f"-seed{args.seed}" if args.seed else "") + ("-vectors" if args.vectors else "")
    work = args.work / f"ner-{args.lang}-{tag}"
    train_path, dev_path, stats = write_docbins(items, args.dev, work)
    cfg = build_config(args.width, args.depth, args.max_steps, args.rows, args.maxout_pieces, args.hidden_width,
                       args.vectors.resolve() if args.vectors else None)
    cfg["system"]["seed"] = args.seed
    cfg.to_disk(work / "config.cfg")
    print(json.dumps({"lang": args.lang, "dev": args.dev, **stats}), flush=True)
    if args.prepare_only:
        return 0
    from spacy.cli.train import train

    train(work / "config.cfg", work / "output", use_gpu=-1,
          overrides={"paths.train": str(train_path), "paths.dev": str(dev_path)})
    # A model trained with a dev split is for measuring; it never replaces the shipped one by default.
    out = args.out or (PACKAGE_MODELS / f"ner-{args.lang}" if args.dev == "none"
                       else args.work / "eval-models" / f"{args.lang}-{tag}")
    best = work / "output" / "model-best"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    strip_addresses(out)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta["hronika"] = {"trained_on": f"SlavicNER {args.lang} (research use only), dev={args.dev}"
                                     + (f", topic {args.hold_out} left out" if args.hold_out else ""),
                       "width": args.width, "depth": args.depth, "max_steps": args.max_steps,
                       "seed": args.seed, "vectors": args.vectors.name if args.vectors else None, **stats}
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"model written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
