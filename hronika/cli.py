"""The command line: thin commands over library functions."""
from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from pathlib import Path
from typing import Iterable

from . import pipeline
from .batch import read_all
from .ingest import Failure
from .serialize import to_json

DEFAULT_DB = os.environ.get("HRONIKA_DB", "sqlite:///hronika.db")
SAMPLES = Path(__file__).parent / "samples"


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def _progress(total_hint: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), transient=True, disable=not (total_hint and sys.stderr.isatty()))


# ------------------------------------------------------------------ commands


def _json_line(doc, tokens: bool = False) -> str:
    return json.dumps(to_json(doc, tokens=tokens), ensure_ascii=False) + "\n"


def cmd_read(args: argparse.Namespace) -> int:
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = n = 0
    try:
        line = functools.partial(_json_line, tokens=args.tokens)
        for item in read_all(args.paths, args.stages or pipeline.DEFAULT, args.jobs, then=line):
            if isinstance(item, Failure):
                failed += 1
                _err(f"error: {item}")
                continue
            n += 1
            out.write(item)
    finally:
        if out is not sys.stdout:
            out.close()
    _err(f"read {n} article(s), {failed} failed" + (f"; wrote {args.output}" if args.output else ""))
    return 1 if failed else 0


def ingest(paths: Iterable[str], db: str, *, show_progress: bool = True, jobs: int | None = None) -> dict:
    """Read every article under ``paths`` into the store; returns the counts and the failures."""
    from .store import Store

    paths = list(paths)
    summary = {"read": 0, "stored": 0, "replaced": 0, "duplicates": 0, "failed": 0, "failures": []}
    with Store(db) as store, _progress(show_progress) as progress:
        task = progress.add_task("reading", total=None)
        for item in read_all(paths, jobs=jobs):
            progress.advance(task)
            if isinstance(item, Failure):
                summary["failed"] += 1
                summary["failures"].append(str(item))
                continue
            summary["read"] += 1
            try:
                status = store.save(item).status
            except Exception as exc:  # the store rolled the article back; report and go on
                summary["failed"] += 1
                summary["failures"].append(f"{item.source or item.id}: {item.id}: not stored: {exc}")
                continue
            summary["duplicates" if status == "duplicate" else status] += 1
    return summary


def cmd_ingest(args: argparse.Namespace) -> int:
    s = ingest(args.paths, args.db, jobs=args.jobs)
    for f in s["failures"]:
        _err(f"error: {f}")
    print(f"read {s['read']}, stored {s['stored']}, replaced {s['replaced']}, "
          f"duplicates {s['duplicates']}, failed {s['failed']}")
    return 1 if s["failed"] else 0


def cmd_search(args: argparse.Namespace) -> int:
    from .store import Store

    with Store(args.db) as store:
        hits = store.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([h.__dict__ if hasattr(h, "__dict__") else h for h in hits],
                         ensure_ascii=False, indent=1, default=str))
        return 0
    if not hits:
        print("no matches")
    for h in hits:
        print(f"{h.date}  {h.doc_id}  {h.title or ''}\n    {h.snippet}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from .store import Store

    with Store(args.db) as store:
        reading = store.get(args.doc_id)
    if reading is None:
        _err(f"error: no article with id {args.doc_id!r} in {args.db}")
        return 1
    if args.json:
        print(json.dumps(reading, ensure_ascii=False, indent=1))
    else:
        print(summarize(reading))
    return 0


def summarize(r: dict, width: int = 100) -> str:
    """A short human reading of one article: entities, dated items, posts."""
    text = r["text"]
    title = r.get("title") or text.strip().split("\n", 1)[0][:width - 30]
    lines = [f"{r['date']}  {r['id']}  [{r.get('lang') or '?'}]  {title}".rstrip()]
    if r.get("entities"):
        ents = sorted(r["entities"], key=lambda e: -len(e["mentions"]))
        lines.append("  entities: " + "; ".join(
            f"{e['name']} ({e['type']}, {len(e['mentions'])}×)" for e in ents[:12]))
    for t in r.get("timexes", [])[:12]:
        lines.append(f"  when: {text[t['start']:t['end']]!r} -> {t['type']} {t['value']}")
    for q in r.get("quotes", [])[:5]:
        lines.append(f"  quote: {text[q['start']:q['end']][:width]!r}")
    for p in r.get("posts", []):
        lines.append(f"  post: {p['platform']} @{p['handle']} ({p['author']}) {p['date']} [{p['lang']}]"
                     + (f" #{' #'.join(p['hashtags'])}" if p.get("hashtags") else ""))
    return "\n".join(lines)


def cmd_demo(args: argparse.Namespace) -> int:
    s = ingest([str(SAMPLES)], args.db, show_progress=False)
    print(f"Read the bundled sample articles into {args.db}: stored {s['stored']}, "
          f"duplicates {s['duplicates']}, failed {s['failed']}")
    for f in s["failures"]:
        print(f"  failed: {f}")
    from .store import Store

    with Store(args.db) as store:
        for doc_id in store.ids():
            print()
            print(summarize(store.get(doc_id)))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from bench import read_bench  # noqa: F401  (bench/ lives beside the package in a checkout)
    return read_bench.main(args.rest)


def cmd_train(args: argparse.Namespace) -> int:
    if args.what == "ner":
        from .train import ner
        return ner.main(args.rest)
    _err(f"error: nothing to train called {args.what!r}")
    return 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hronika", description=(
        "Read dated news articles into a chronicle of who did and said what, when, "
        "according to whom."))
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("read", help="read articles and print their readings as JSON Lines (no store)")
    r.add_argument("paths", nargs="+", help="files or folders: seed .txt, .jsonl, .html, RSS/Atom")
    r.add_argument("-o", "--output", help="write JSON Lines here instead of standard output")
    r.add_argument("--stages", nargs="+", choices=list(pipeline.REGISTRY),
                   help="run only these stages (default: all)")
    r.add_argument("--tokens", action="store_true", help="include the token layer in the output")
    r.add_argument("-j", "--jobs", type=int, help="worker processes (default: 1 for small inputs, else one per core)")
    r.set_defaults(func=cmd_read)

    i = sub.add_parser("ingest", help="read articles into the store")
    i.add_argument("paths", nargs="+")
    i.add_argument("--db", default=DEFAULT_DB, help=f"database URL (default {DEFAULT_DB})")
    i.add_argument("-j", "--jobs", type=int, help="worker processes (default: 1 for small inputs, else one per core)")
    i.set_defaults(func=cmd_ingest)

    s = sub.add_parser("search", help="full-text search over stored articles")
    s.add_argument("query")
    s.add_argument("--db", default=DEFAULT_DB)
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    sh = sub.add_parser("show", help="show one stored article's reading")
    sh.add_argument("doc_id")
    sh.add_argument("--db", default=DEFAULT_DB)
    sh.add_argument("--json", action="store_true", help="print the whole reading as JSON")
    sh.set_defaults(func=cmd_show)

    d = sub.add_parser("demo", help="read the bundled sample articles into the store and summarise them")
    d.add_argument("--db", default=DEFAULT_DB)
    d.set_defaults(func=cmd_demo)

    b = sub.add_parser("bench", help="measure reading throughput and memory (see bench/)")
    b.add_argument("rest", nargs=argparse.REMAINDER)
    b.set_defaults(func=cmd_bench)

    t = sub.add_parser("train", help="train a model shipped with hronika")
    t.add_argument("what", choices=["ner"])
    t.add_argument("rest", nargs=argparse.REMAINDER, help="options of the trainer (--help)")
    t.set_defaults(func=cmd_train)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
