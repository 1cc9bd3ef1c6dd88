"""Fresh event and quote golds kept as offsets, so that they outlive the checkout that made them.

    python -m bench.fresh_gold pack NAME DIR [DIR ...]   # the scorer's <id>.gold.json files, hand-made
    python -m bench.fresh_gold build NAME [--out DIR]
    python -m bench.fresh_gold score NAME [NAME ...] [--json]
    python -m bench.fresh_gold list

A fresh set is annotated by hand in the scorer's gold format (../shared/eval/README.md), where
every span is a string of the article with its occurrence.  SlavicNER text may not be committed, so
``pack`` turns each string into ``[start, end]`` character offsets into the raw text (checked to
find the same string again) and keeps a SHA-256 of the raw text; entity names and forms, types,
values, ids and dates stay as they are.  The result, ``bench/fresh_gold/NAME.json``, is committed.
``build`` reads the raw texts from ../shared/data at run time and writes the scorer's files again
(under git-ignored train-work/fresh-gold/NAME/, with the occurrence of each string recomputed), and
``score`` reads the set's documents with ``hronika read`` in a fresh process and scores them with
../shared/eval/score.py.  A set scored after rules were written from its errors is no longer an
unbiased figure: bench/fresh_events.json and bench/fresh_quotes.json say which score was taken first.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
WORK = ROOT / "train-work" / "fresh-gold"
SPANS = {"timexes": ("text", "occurrence"), "events": ("trigger", "trigger_occurrence"),
         "quotes": ("text", "occurrence")}


class GoldError(ValueError):
    pass


def raw_text(path: Path, fmt: str) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        raw = fh.read()
    if fmt == "seed":
        raise GoldError(f"{path}: seed-format texts are not packed (the seeds are not SlavicNER documents)")
    return raw


def occurrence(text: str, start: int, needle: str) -> int:
    """The 1-based occurrence of needle that starts at start, counted as the scorer's find_nth does."""
    n, at = 0, -1
    while True:
        at = text.find(needle, at + 1)
        if at < 0:
            raise GoldError(f"{needle[:40]!r} is not at offset {start}")
        n += 1
        if at == start:
            return n


def find_nth(text: str, needle: str, n: int) -> int:
    at = -1
    for _ in range(max(n, 1)):
        at = text.find(needle, at + 1)
        if at < 0:
            return -1
    return at


def pack_doc(gold_file: Path) -> dict:
    g = json.loads(gold_file.read_text(encoding="utf-8"))
    path = (gold_file.parent / g["text_file"]).resolve()
    text = raw_text(path, g.get("format", "raw"))
    try:
        rel = path.relative_to(SHARED.resolve())
    except ValueError:
        raise GoldError(f"{gold_file.name}: its text {path} is not under {SHARED}") from None
    out = {k: v for k, v in g.items() if k not in ("text_file", *SPANS)}
    out["text"] = {"file": rel.as_posix(), "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    for layer, (field, occ) in SPANS.items():
        items = []
        for item in g.get(layer, []):
            at = find_nth(text, item[field], item.get(occ, 1))
            if at < 0:
                raise GoldError(f"{gold_file.name}: {layer} string {item[field][:40]!r} "
                                f"(#{item.get(occ, 1)}) is not in the article")
            rest = {k: v for k, v in item.items() if k not in (field, occ)}
            items.append({"span": [at, at + len(item[field])], **rest})
        if layer in g:
            out[layer] = items
    return out


def pack(name: str, *src: Path) -> Path:
    files = sorted((f for d in src for f in d.glob("*.gold.json")), key=lambda f: f.name)
    if not files:
        raise GoldError(f"{', '.join(map(str, src))}: no *.gold.json files")
    docs = {f.name[: -len(".gold.json")]: pack_doc(f) for f in files}
    dest = HERE / f"{name}.json"
    lines = [f" {json.dumps(doc)}: {json.dumps(g, ensure_ascii=False)}" for doc, g in docs.items()]
    dest.write_text('{"set": %s, "docs": {\n%s\n}}\n' % (json.dumps(name), ",\n".join(lines)), encoding="utf-8")
    return dest


def load(name: str) -> dict:
    path = HERE / f"{name}.json"
    if not path.exists():
        raise GoldError(f"no fresh gold named {name!r} (have: {', '.join(names()) or 'none'})")
    return json.loads(path.read_text(encoding="utf-8"))["docs"]


LAYER = {"timex": "timexes", "events": "events", "quotes": "quotes", "sources": "sources"}


def annotated(name: str) -> set[str]:
    """The layers a set annotates: those with an item in one of its documents (a set of time
    expressions only says nothing of events)."""
    return {layer for g in load(name).values() for layer in LAYER.values() if g.get(layer)}


def names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.json"))


def build(name: str, out: Path | None = None) -> Path:
    """The scorer's gold files of one set, from the packed offsets and ../shared/data's texts."""
    out = out or WORK / name
    out.mkdir(parents=True, exist_ok=True)
    for doc, g in load(name).items():
        path = SHARED / g["text"]["file"]
        if not path.exists():
            raise GoldError(f"{doc}: {path} is missing (is ../shared/data beside the project?)")
        text = raw_text(path, g.get("format", "raw"))
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != g["text"]["sha256"]:
            raise GoldError(f"{doc}: {path} is not the text the gold was made on")
        gold = {k: v for k, v in g.items() if k not in ("text", *SPANS)}
        gold["text_file"] = os.path.relpath(path, out)
        gold.setdefault("format", "raw")
        for layer, (field, occ) in SPANS.items():
            if layer not in g:
                continue
            gold[layer] = []
            for item in g[layer]:
                a, b = item["span"]
                rest = {k: v for k, v in item.items() if k != "span"}
                gold[layer].append({field: text[a:b], occ: occurrence(text, a, text[a:b]), **rest})
        (out / f"{doc}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def engine_input(ids: set[str], dest: Path) -> None:
    """The set's documents as engine input, from ../shared/eval's input files."""
    found = set()
    with open(dest, "w", encoding="utf-8") as g:
        for lang in ("bg", "ru"):
            with open(EVAL / f"ner-{lang}-input.jsonl", encoding="utf-8") as f:
                for line in f:
                    if json.loads(line)["id"] in ids:
                        g.write(line)
                        found.add(json.loads(line)["id"])
    if ids - found:
        raise GoldError(f"not in ../shared/eval's input files: {', '.join(sorted(ids - found))}")


def score(name: str) -> dict:
    gold = build(name)
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        engine_input(set(load(name)), src)
        subprocess.run([sys.executable, "-m", "hronika.cli", "read", str(src), "-o", str(out)],
                       cwd=ROOT, capture_output=True, text=True, check=True)
        run = subprocess.run([sys.executable, str(EVAL / "score.py"), str(gold), str(out), "--only-read",
                              "--json"], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)["scores"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.fresh_gold", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pack", help="keep a hand-made gold folder as offsets in bench/fresh_gold/NAME.json")
    p.add_argument("name")
    p.add_argument("src", type=Path, nargs="+", help="folders of <id>.gold.json files")
    b = sub.add_parser("build", help="write the scorer's gold files of a set from ../shared/data")
    b.add_argument("name")
    b.add_argument("--out", type=Path)
    s = sub.add_parser("score", help="read a set's documents and score them")
    s.add_argument("names", nargs="+")
    s.add_argument("--json", action="store_true")
    sub.add_parser("list", help="the packed sets")
    a = ap.parse_args(argv)
    try:
        if a.cmd == "pack":
            print(pack(a.name, *a.src))
        elif a.cmd == "build":
            print(build(a.name, a.out))
        elif a.cmd == "list":
            for n in names():
                print(n, len(load(n)), "documents")
        else:
            if not (SHARED / "data").exists():
                print("../shared/data is absent: the fresh sets cannot be scored", file=sys.stderr)
                return 2
            got = {n: score(n) for n in a.names}
            if a.json:
                print(json.dumps(got, indent=1))
            for n, sc in got.items():
                keys = [k for k in sc if LAYER.get(k.split(".")[0]) in annotated(n)]
                print(n + ": " + ", ".join(f"{k} {sc[k].get('f1', sc[k].get('accuracy', 0)):.3f}"
                                           for k in keys if isinstance(sc[k], dict)))
    except GoldError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
