"""The command line: argument parsing and printing over ``hronika.api``."""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import sys
from pathlib import Path

from . import pipeline
from .api import Hronika, IngestSummary, summarize
from .ingest import Failure
from .serialize import to_json
from .settings import DEFAULT_DB, Settings, SettingsError

SAMPLES = Path(__file__).parent / "samples"


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def _progress(enabled: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), transient=True, disable=not (enabled and sys.stderr.isatty()))


# ------------------------------------------------------------------ commands


def _json_line(doc, tokens: bool = False) -> str:
    return json.dumps(to_json(doc, tokens=tokens), ensure_ascii=False) + "\n"


def cmd_read(h: Hronika, args: argparse.Namespace) -> int:
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = n = 0
    try:
        line = functools.partial(_json_line, tokens=args.tokens)
        for item in h.read(args.paths, args.stages, args.jobs, then=line, date=args.date):
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


def _ingest(h: Hronika, paths: list[str], jobs: int | None, show_progress: bool,
            date: str | None = None) -> IngestSummary:
    with _progress(show_progress) as bar:
        task = bar.add_task("reading", total=None)
        return h.ingest(paths, jobs, progress=lambda s: bar.update(task, completed=s.read + s.failed),
                        date=date)


def cmd_ingest(h: Hronika, args: argparse.Namespace) -> int:
    s = _ingest(h, args.paths, args.jobs, show_progress=True, date=args.date)
    for f in s.failures:
        _err(f"error: {f}")
    print(f"read {s.read}, stored {s.stored}, replaced {s.replaced}, "
          f"duplicates {s.duplicates}, failed {s.failed}")
    return 1 if s.failed else 0


def cmd_search(h: Hronika, args: argparse.Namespace) -> int:
    hits = h.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([hit.to_json() for hit in hits], ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print("no matches")
    for hit in hits:
        print(f"{hit.date}  {hit.doc_id}  {hit.title or ''}\n    {hit.snippet}")
    return 0


def cmd_show(h: Hronika, args: argparse.Namespace) -> int:
    reading = h.show(args.doc_id)
    if reading is None:
        _err(f"error: no article with id {args.doc_id!r} in {h.settings.db}")
        return 1
    if args.json:
        print(json.dumps(reading, ensure_ascii=False, indent=1))
    else:
        print(summarize(reading))
    return 0


def _key(h: Hronika, name: str) -> str | None:
    key = h.entity_key(name)
    if key is None:
        _err(f"error: no entity named {name!r} in {h.settings.db}")
    return key


def _pages(fetch, limit: int | None):
    """Every item of a paged listing (``limit``: at most that many)."""
    after, n = None, 0
    while True:
        page = fetch(after)
        for item in page.items:
            if limit is not None and n >= limit:
                return
            n += 1
            yield item
        if page.next is None:
            return
        after = page.next


def _print_json(item) -> None:
    print(json.dumps(item, ensure_ascii=False))


def cmd_timeline(h: Hronika, args: argparse.Namespace) -> int:
    key = _key(h, args.name)
    other = _key(h, args.with_name) if args.with_name else None
    if key is None or (args.with_name and other is None):
        return 1
    items = _pages(lambda after: h.timeline(key, other, args.start, args.end, after=after), args.limit)
    empty = True
    for item in items:
        empty = False
        if args.json:
            _print_json(item)
            continue
        print(f"{item['date']}  {item['doc']}  {item['title'] or ''}".rstrip())
        for s in item["sentences"]:
            when = ", ".join(f"{t['text']} = {t['value']}" for t in s["timexes"])
            print(f"    {' '.join(s['text'].split())}" + (f"  [{when}]" if when else ""))
    if empty and not args.json:
        print(f"no articles mention {key}" + (f" together with {other}" if other else "")
              + (" in that period" if args.start or args.end else ""))
    return 0


def cmd_storylines(h: Hronika, args: argparse.Namespace) -> int:
    h.catch_up()
    for s in h.storylines(start=args.start, end=args.end):
        if args.json:
            _print_json(s.to_json())
        else:
            print(f"{s.id:>5}  {s.start} – {s.end}  {len(s.documents):>4} article(s)  {s.title}")
    return 0


def cmd_related(h: Hronika, args: argparse.Namespace) -> int:
    key = _key(h, args.name)
    if key is None:
        return 1
    for item in _pages(lambda after: h.related(key, args.start, args.end, after=after), args.limit):
        if args.json:
            _print_json(item)
        else:
            print(f"{item['documents']:>6}  {item['kb']}")
    return 0


def cmd_demo(h: Hronika, args: argparse.Namespace) -> int:
    s = _ingest(h, [str(SAMPLES)], None, show_progress=False)
    print(f"Read the bundled sample articles into {h.settings.db}: stored {s.stored}, "
          f"duplicates {s.duplicates}, failed {s.failed}")
    for f in s.failures:
        print(f"  failed: {f}")
    for doc_id in h.ids():
        print()
        print(summarize(h.show(doc_id)))
    print("\nStorylines (hronika storylines; hronika timeline NAME):")
    for st in h.storylines():
        print(f"  {st.id}: {st.start} – {st.end}, {len(st.documents)} article(s): {st.title}")
    return 0


def cmd_bench(h: Hronika, args: argparse.Namespace) -> int:
    from . import benchmark

    paths = args.paths or [str(SAMPLES)]
    label = " ".join(args.paths) if args.paths else "the bundled samples"
    try:
        runs = benchmark.measure(paths, args.stages, args.jobs, args.config)
    except benchmark.BenchError as exc:
        _err(f"error: {exc}")
        return 1
    print(benchmark.table(runs, label, args.stages, " ".join(["hronika", *args.argv])))
    return 0


def cmd_train(h: Hronika, args: argparse.Namespace) -> int:
    if args.what == "ner":
        from .train import ner
        return ner.main(args.rest)
    _err(f"error: nothing to train called {args.what!r}")
    return 2


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    # --config is taken before or after the command; after it, it must not reset one given before.
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                        help="settings file (TOML), instead of the one HRONIKA_CONFIG names")
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="URL",
                    help=f"database URL or SQLite file (default: the db setting, else {DEFAULT_DB})")
    jobs = argparse.ArgumentParser(add_help=False)
    jobs.add_argument("-j", "--jobs", type=int,
                      help="worker processes (default: 1 for small inputs, else one per core, at most 4)")
    jobs.add_argument("--date", metavar="YYYY-MM-DD", type=_iso_date,
                      help="publication date of the articles whose input gives none (an HTML page "
                           "without dated metadata or byline, a plain text file, a feed item "
                           "without a date); a date the input gives always wins")

    p = argparse.ArgumentParser(prog="hronika", description=(
        "Read dated news articles into a chronicle of who did and said what, when, "
        "according to whom."), epilog="Settings: defaults, then the settings file, then HRONIKA_* "
        "environment variables, then the flags (see README.md).")
    p.add_argument("--config", metavar="FILE", help="settings file (TOML), instead of the one HRONIKA_CONFIG names")
    sub = p.add_subparsers(dest="command", required=True)

    def command(name: str, func, help: str, *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help, parents=[config, *parents])
        c.set_defaults(func=func)
        return c

    r = command("read", cmd_read, "read articles and print their readings as JSON Lines (no store)", jobs)
    r.add_argument("paths", nargs="+", help="files or folders: seed .txt, .jsonl, .html, RSS/Atom")
    r.add_argument("-o", "--output", help="write JSON Lines here instead of standard output")
    r.add_argument("--stages", nargs="+", choices=list(pipeline.REGISTRY),
                   help="run only these stages (default: all)")
    r.add_argument("--tokens", action="store_true", help="include the token layer in the output")

    i = command("ingest", cmd_ingest, "read articles into the store", db, jobs)
    i.add_argument("paths", nargs="+", help="files or folders, as for read")

    s = command("search", cmd_search, "full-text search over stored articles", db)
    s.add_argument("query")
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--json", action="store_true",
                   help="print a JSON list of {doc_id, date, title, snippet, rank}")

    sh = command("show", cmd_show, "show one stored article's reading", db)
    sh.add_argument("doc_id")
    sh.add_argument("--json", action="store_true", help="print the whole reading as JSON")

    period = argparse.ArgumentParser(add_help=False)
    period.add_argument("--from", dest="start", metavar="YYYY-MM-DD", type=_iso_date, help="from this date")
    period.add_argument("--to", dest="end", metavar="YYYY-MM-DD", type=_iso_date, help="to this date")

    tl = command("timeline", cmd_timeline, "the articles that mention an entity (or a pair), oldest first, "
                 "with the sentences that mention it and their time expressions", db, period)
    tl.add_argument("name", help="a name in any script or inflected form, or a global key")
    tl.add_argument("--with", dest="with_name", metavar="NAME", help="only what mentions this entity too")
    tl.add_argument("--limit", type=int, help="at most this many articles")
    tl.add_argument("--json", action="store_true", help="print JSON Lines, one dated item a line")

    sl = command("storylines", cmd_storylines, "the storylines the stored articles form", db, period)
    sl.add_argument("--json", action="store_true", help='print JSON Lines {"id", "title", "documents", '
                    '"entities", "start", "end"}')

    rl = command("related", cmd_related, "the entities seen in the most articles together with one",
                 db, period)
    rl.add_argument("name", help="a name in any script or form, or a global key")
    rl.add_argument("--limit", type=int, default=20, help="at most this many (default 20)")
    rl.add_argument("--json", action="store_true", help='print JSON Lines {"kb", "documents"}')

    command("demo", cmd_demo, "read the bundled sample articles into the store and summarise them", db)

    b = command("bench", cmd_bench, "measure reading throughput and peak memory of `hronika read` "
                "(fresh processes, model loading included)")
    b.add_argument("paths", nargs="*", help="files or folders to read (default: the bundled samples)")
    b.add_argument("--stages", nargs="+", choices=list(pipeline.REGISTRY), help="only these stages (default: all)")
    b.add_argument("-j", "--jobs", type=int, nargs="+", default=[1, 2],
                   help="worker processes to try, one run each (default: 1 2)")

    t = command("train", cmd_train, "train a model shipped with hronika")
    t.add_argument("what", choices=["ner"])
    t.add_argument("rest", nargs=argparse.REMAINDER, help="options of the trainer (--help)")
    return p


def settings_from(args: argparse.Namespace) -> Settings:
    """The environment's settings (over the settings file), then the flags."""
    return Settings.from_env(config=args.config).replace(db=getattr(args, "db", None))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(argv)
    args.argv = argv
    try:
        settings = settings_from(args)
    except SettingsError as exc:
        _err(f"error: {exc}")
        return 2
    try:
        with Hronika(settings) as h:
            return args.func(h, args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        # A store that cannot be opened or written: its message says which and why.  (The store
        # module is imported only by the commands that use it, so not here.)
        store = sys.modules.get("hronika.store")
        queries = sys.modules.get("hronika.chronicle.queries")
        if (store is not None and isinstance(exc, store.StoreError)) or (
                queries is not None and isinstance(exc, queries.QueryError)):
            _err(f"error: {exc}")
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
