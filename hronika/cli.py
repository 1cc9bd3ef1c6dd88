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


def cmd_demo(h: Hronika, args: argparse.Namespace) -> int:
    s = _ingest(h, [str(SAMPLES)], None, show_progress=False)
    print(f"Read the bundled sample articles into {h.settings.db}: stored {s.stored}, "
          f"duplicates {s.duplicates}, failed {s.failed}")
    for f in s.failures:
        print(f"  failed: {f}")
    for doc_id in h.ids():
        print()
        print(summarize(h.show(doc_id)))
    return 0


def _missing_db(url: str) -> str | None:
    """Why ``url`` names no database to serve (an SQLite file that is not there), or None."""
    from sqlalchemy.engine import make_url

    u = make_url(url if "://" in url else "sqlite:///" + url)
    if u.get_backend_name() != "sqlite":
        return None  # a server database: opening it says whether it is there
    if not u.database or u.database == ":memory:" or u.database.startswith("file:"):
        return f"no database to serve at {url!r}: give an SQLite file or a server URL"
    if not Path(u.database).is_file():
        return f"no database at {url!r}: read articles into it first (hronika ingest --db {url} PATHS)"
    return None


def cmd_serve(h: Hronika, args: argparse.Namespace) -> int:
    why = _missing_db(h.settings.db)
    if why:
        _err(f"error: {why}")
        return 1
    import uvicorn

    from .web import create_app

    h.store  # a store that cannot be opened fails here, before the server starts
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Serving {h.settings.db} at http://{host}:{args.port}/ (Ctrl-C stops)", flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"note: listening on {args.host}: anyone who can reach it can read the store", flush=True)
    uvicorn.run(create_app(h), host=args.host, port=args.port, log_level="warning")
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

    command("demo", cmd_demo, "read the bundled sample articles into the store and summarise them", db)

    sv = command("serve", cmd_serve, "browse the store in a web browser; JSON API and its docs at /docs", db)
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    sv.add_argument("--port", type=int, default=8000, help="port (default: 8000)")

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
        if store is not None and isinstance(exc, store.StoreError):
            _err(f"error: {exc}")
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
