"""Leave one topic out: NER on SlavicNER topics that the model never saw, topic by topic.

    python -m bench.loto_bench [--lang ru] [--topics brexit,ryanair] [--models DIR] [--train --max-steps N]
                               [--recipe one-language|bg+ru] [--seen] [--no-record]

For each topic: a model trained without it (``hronika train ner --hold-out TOPIC``: the topic is
neither trained on nor used to pick the checkpoint; ``<models>/<lang>-loto-<topic>``, as shipped, or
``<models>/bg+ru-loto-<topic>`` with ``--recipe bg+ru``, one model of both languages with the topic
left out of both; trained here with ``--train``, else the topic is skipped) reads the topic's documents through the whole
pipeline, with the SlavicNER-derived KB tables rebuilt without them (bench.ner_bench's helpers).
Each reading is scored by ../shared/eval/score.py (exact mentions: start, end and type), per type
and over all types, against the SlavicNER gold of those documents.  Three readers:

* hronika alone (the default; ``HRONIKA_NATASHA=0``);
* hronika with natasha's votes (``HRONIKA_NATASHA=1``; hronika/stages/ner_votes.py);
* natasha alone (slovnet news NER: PER, LOC, ORG), scored against the gold kept to those three
  types, beside the two above scored the same way.

``--seen`` reads the same topics with the shipped model and KB tables instead, which were built
from these very documents: an optimistic in-topic figure, no held-out one.  Each table goes to the
section "Named entities, leave one topic out" of bench/RESULTS.md, replacing the one of the same title.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.ner_bench import EVAL, RESULTS, ROOT, SLAVICNER, fmt, read_held_out, run_read, run_worker, split_docs
from hronika.benchmark import machine
from hronika.kb import TYPES

NATASHA_TYPES = ("PER", "LOC", "ORG")
SECTION = "## Named entities, leave one topic out"  # not "## Named entities", which ner_bench rewrites


def topics(lang: str) -> list[str]:
    return sorted(p.parent.name for p in (SLAVICNER / "raw").glob(f"*/{lang}") if any(p.iterdir()))


def model_lang(recipe: str, lang: str) -> str:
    """The ``--lang`` a recipe trains with: the language read (as shipped), or both."""
    return "bg+ru" if recipe == "bg+ru" else lang


def train(lang: str, topic: str, model: Path, max_steps: int) -> float:
    cmd = [sys.executable, "-m", "hronika.train.ner", "--data", str(SLAVICNER), "--lang", lang,
           "--hold-out", topic, "--max-steps", str(max_steps), "--out", str(model)]
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True)
    return time.perf_counter() - t0


def gold_root(docs: dict[str, dict], lang: str, types: tuple[str, ...], where: Path) -> Path:
    """A SlavicNER-style tree holding these documents' gold mentions of some types only."""
    for doc_id, d in docs.items():
        src = SLAVICNER / "ner" / d["topic"] / lang / f"{doc_id}.tsv"
        dst = where / "ner" / d["topic"] / lang / f"{doc_id}.tsv"
        dst.parent.mkdir(parents=True, exist_ok=True)
        keep = [l for l in src.read_text(encoding="utf-8").splitlines() if l.split("\t")[4:5] and l.split("\t")[4] in types]
        dst.write_text("".join(l + "\n" for l in keep), encoding="utf-8")
    return where


def keep_types(out: Path, types: tuple[str, ...], dst: Path) -> Path:
    with out.open(encoding="utf-8") as fh, dst.open("w", encoding="utf-8") as oh:
        for line in fh:
            d = json.loads(line)
            d["entities"] = [e for e in d["entities"] if e["type"] in types]
            oh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return dst


def exact(gold_dir: Path, out: Path, root: Path) -> dict:
    cmd = [sys.executable, str(EVAL / "score.py"), str(gold_dir), str(out), "--only-read", "--json", "--ner-root", str(root)]
    p = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(p.stdout)["scores"]["entities.mentions(exact)"]


def scores(out: Path, docs: dict[str, dict], lang: str, tmp: Path) -> dict[str, dict]:
    """Exact-mention scores by score.py: per type, ``all`` and ``PLO`` (PER/LOC/ORG only)."""
    gold = EVAL / "gold" / f"ner-{lang}"
    res = {}
    for name, types in [(t, (t,)) for t in TYPES] + [("all", TYPES), ("PLO", NATASHA_TYPES)]:
        root = gold_root(docs, lang, types, tmp / f"gold-{name}")
        res[name] = exact(gold, keep_types(out, types, tmp / f"{out.stem}.{name}.jsonl"), root)
    return res


def natasha_read(docs: dict[str, dict], out: Path) -> float:
    """natasha alone on the documents' text, in the scorer's format; seconds spent tagging."""
    from hronika.stages.ner_votes import tagger as natasha_tagger

    tagger = natasha_tagger()
    if tagger is None:
        sys.exit("natasha is not installed (pip install -e '.[bench]')")
    t0 = time.perf_counter()
    marks = list(tagger.map([d["text"] for d in docs.values()]))
    secs = time.perf_counter() - t0
    with out.open("w", encoding="utf-8") as fh:
        for d, m in zip(docs.values(), marks):
            ents = [{"id": f"e{k}", "type": s.type, "name": d["text"][s.start:s.stop], "kb": f"{d['id']}:{k}",
                     "mentions": [{"start": s.start, "end": s.stop}]} for k, s in enumerate(m.spans)]
            fh.write(json.dumps({"id": d["id"], "text": d["text"], "entities": ents}, ensure_ascii=False) + "\n")
    return secs


def read_seen(docs: dict[str, dict], stem: Path, env: dict) -> Path:
    inp, out = stem.with_suffix(".in.jsonl"), stem.with_suffix(".out.jsonl")
    with inp.open("w", encoding="utf-8") as fh:
        for d in docs.values():
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    run_worker(inp, out, env)
    return out


def write_part(text: str) -> None:
    """Put a table (its first line, a ``####`` title, names it) in the section, replacing the
    table of the same title; the section's other text stays."""
    cur = RESULTS.read_text(encoding="utf-8")
    if SECTION + "\n" not in cur:
        cur = cur.rstrip() + f"\n\n{SECTION}\n\n"
    title = text.splitlines()[0]
    old = re.compile("^" + re.escape(title) + r"\n.*?(?=^#{1,4} |\Z)", re.S | re.M)
    if old.search(cur):
        cur = old.sub(lambda _: text.rstrip() + "\n\n", cur, count=1)
    else:
        sec = re.search("^" + re.escape(SECTION) + r"\n.*?(?=^## |\Z)", cur, re.S | re.M)
        cur = cur[:sec.end()].rstrip() + "\n\n" + text.rstrip() + "\n\n" + cur[sec.end():]
    RESULTS.write_text(cur.rstrip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lang", default="ru", choices=["bg", "ru"])
    ap.add_argument("--topics", help="comma-separated (default: every topic of the language)")
    ap.add_argument("--models", type=Path, default=ROOT / "train-work" / "eval-models")
    ap.add_argument("--train", action="store_true", help="train the missing leave-one-out models")
    ap.add_argument("--max-steps", type=int, default=7500)
    ap.add_argument("--recipe", default="one-language", choices=["one-language", "bg+ru"],
                    help="one-language (as shipped): a model of --lang; bg+ru: one model of both languages")
    ap.add_argument("--seen", action="store_true", help="read with the shipped model (topics seen in training)")
    ap.add_argument("--speed", type=int, metavar="N",
                    help="instead: the speed of `hronika read` with and without natasha on the first N Russian articles")
    ap.add_argument("--no-record", action="store_true")
    ap.add_argument("--hronika-only", action="store_true",
                    help="read with hronika alone (no natasha votes, no natasha): a third of the time")
    ap.add_argument("--keep", type=Path, help="write the readings (TOPIC-READER.out.jsonl) to this folder")
    args = ap.parse_args(argv)
    if args.speed:
        lines = speed(args.speed)
        print("\n".join(lines))
        if not args.no_record:
            write_part("\n".join(lines))
        return 0
    wanted = args.topics.split(",") if args.topics else topics(args.lang)
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="loto-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    readers = (("hronika", {"HRONIKA_NATASHA": "0"}),) if args.hronika_only else (
        ("hronika", {"HRONIKA_NATASHA": "0"}), ("hronika+natasha", {"HRONIKA_NATASHA": "1"}))
    rows, skipped, seconds = [], [], {}
    for topic in wanted:
        dev = f"topic:{topic}"
        model = args.models / f"{model_lang(args.recipe, args.lang)}-loto-{topic}"
        if not args.seen and not (model / "meta.json").exists():
            if not args.train:
                print(f"skip {topic}: no model at {model} (--train trains it)", file=sys.stderr)
                skipped.append(topic)
                continue
            seconds[topic] = train(model_lang(args.recipe, args.lang), topic, model, args.max_steps)
        docs = split_docs(args.lang, dev)
        got = {}
        for reader, env in readers:
            stem = tmp / f"{topic}-{reader}"
            out = read_seen(docs, stem, env) if args.seen else read_held_out(docs, args.lang, dev, model, stem, env)
            got[reader] = scores(out, docs, args.lang, tmp)
        if not args.hronika_only:
            nat_out = tmp / f"{topic}-natasha.out.jsonl"
            natasha_read(docs, nat_out)
            got["natasha"] = {"PLO": exact(EVAL / "gold" / f"ner-{args.lang}", nat_out, tmp / "gold-PLO")}
        rows.append((topic, len(docs), got))
        print(topic, json.dumps({r: {k: round(v["f1"], 3) for k, v in g.items()} for r, g in got.items()}),
              file=sys.stderr, flush=True)
    lines = table(args, rows, skipped, seconds)
    print("\n".join(lines))
    if not args.no_record and rows:
        write_part("\n".join(lines))
    return 0


def speed(n: int) -> list[str]:
    """``hronika read`` (one process, one job) on the first n Russian articles of the eval input,
    with and without natasha, alternating, best of 3 each."""
    tmp = Path(tempfile.mkdtemp(prefix="loto-speed-"))
    inp = tmp / "in.jsonl"
    with (EVAL / "ner-ru-input.jsonl").open(encoding="utf-8") as fh:
        inp.write_text("".join(l for _, l in zip(range(n), fh)), encoding="utf-8")
    mb = sum(len(json.loads(l)["text"].encode("utf-8")) for l in inp.open(encoding="utf-8")) / 1e6
    best = {}
    for _ in range(3):
        for name, flag in (("without natasha", "0"), ("with natasha", "1")):
            r = run_read(inp, tmp / "out.jsonl", 1, {"HRONIKA_NATASHA": flag})
            best[name] = r if name not in best or r[0] < best[name][0] else best[name]
    ratio = best["with natasha"][0] / best["without natasha"][0]
    return [f"#### Speed cost of natasha: `hronika read --jobs 1` on the first {n} Russian SlavicNER articles "
            f"({mb:.2f} MB)", "",
            f"Measured {dt.date.today().isoformat()} on {machine()}, shared with other jobs (noisy; the ratio, "
            f"taken in one run with the two readings alternating, is the figure to trust). "
            f"Command: `python -m bench.loto_bench --speed {n}`. One fresh process each, imports and model "
            "loading included, best of 3.", "",
            "| reading | seconds | articles/s | peak RSS (MB) |", "|---|---|---|---|",
            *[f"| {k} | {v[0]:.1f} | {n / v[0]:.1f} | {v[1]} |" for k, v in best.items()], "",
            f"With natasha the read takes {ratio:.2f}× as long.", ""]


def table(args, rows, skipped, seconds) -> list[str]:
    what = ("shipped model and KB tables, which saw these documents (optimistic: topics seen in training)"
            if args.seen else "each topic read by a model trained without it (`--hold-out`), KB tables derived without it")
    cmd = (f"python -m bench.loto_bench --lang {args.lang} --recipe {args.recipe} --topics {','.join(t for t, _, _ in rows)}"
           + (" --seen" if args.seen else "") + (" --hronika-only" if args.hronika_only else ""))
    out = [f"#### {args.lang}, {what}", "",
           f"Measured {dt.date.today().isoformat()} on {machine()} (shared with other jobs). Command: `{cmd}`.", "",
           "| topic | docs | " + " | ".join(TYPES) + " | all: hronika | all: hronika+natasha | "
           "PER/LOC/ORG: hronika | hronika+natasha | natasha alone |",
           "|---" * (len(TYPES) + 7) + "|"]
    cols = []
    for topic, n, g in rows:
        h, hn = g["hronika"], g.get("hronika+natasha")
        vals = [h["all"]["f1"], hn and hn["all"]["f1"], h["PLO"]["f1"], hn and hn["PLO"]["f1"],
                g.get("natasha") and g["natasha"]["PLO"]["f1"]]
        cols.append(vals)
        out.append(f"| {topic} | {n} | " + " | ".join(f"{fmt(h[t]['f1'])} / {fmt(hn and hn[t]['f1'])} ({h[t]['tp'] + h[t]['fn']})"
                                                    for t in TYPES)
                   + " | " + " | ".join(fmt(v) for v in vals) + " |")
    if len(rows) > 1:
        mean = [None if cols[0][k] is None else sum(c[k] for c in cols) / len(cols) for k in range(5)]
        worst = [None if cols[0][k] is None else min(c[k] for c in cols) for k in range(5)]
        out.append("| **mean** | | " + " | " * (len(TYPES) - 1) + " | " + " | ".join(fmt(v) for v in mean) + " |")
        out.append("| **worst** | | " + " | " * (len(TYPES) - 1) + " | " + " | ".join(fmt(v) for v in worst) + " |")
    out += ["", "Per-type columns: exact F1 of hronika alone / hronika+natasha (gold mentions). Scored by ../shared/eval/score.py "
            "(`--ner-root` on a copy of the gold kept to the type(s) scored, the output kept to the same types)."]
    if seconds:
        out.append("Training time here (2 shared cores): " + ", ".join(f"{t} {s / 60:.0f} min" for t, s in seconds.items()) + ".")
    if skipped:
        out.append(f"Not measured (no leave-one-out model, for lack of time): {', '.join(skipped)}.")
    return out + [""]


if __name__ == "__main__":
    sys.exit(main())
