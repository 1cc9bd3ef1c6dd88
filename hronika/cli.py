"""The command line: argument parsing and printing over ``hronika.api``."""
from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import functools
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import pipeline
from .api import Hronika, IngestSummary, summarize
from .ingest import Failure, count_items, skipped
from .serialize import to_json
from .settings import DEFAULT_DB, Settings, SettingsError

SAMPLES = Path(__file__).parent / "samples"


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def _progress(enabled: bool):
    """A bar with count, rate and ETA on a terminal; nothing otherwise (``_ingest`` then prints a
    line now and then, so that a log does not fill up)."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.console import Console
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f}/s" if task.speed else "…/s")

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), transient=True,
                    console=Console(stderr=True), disable=not (enabled and sys.stderr.isatty()))


# ------------------------------------------------------------------ inputs: standard input, skipped files


@contextlib.contextmanager
def _inputs(paths: list[str]):
    """The paths, with ``-`` read from standard input into a file of a temporary folder (JSON
    Lines when it starts with ``{``, else one article in the seed format, HTML or a feed); and
    each file a folder holds that will not be read is named on stderr."""
    for f, why in skipped([p for p in paths if p != "-"]):
        _err(f"skipped: {f} ({why})")
    if "-" not in paths:
        yield paths
        return
    if sys.stdin.isatty():
        _err("reading standard input (end it with Ctrl-D)")
    data = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="hronika-stdin-") as tmp:
        name = Path(tmp) / ("stdin.jsonl" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "stdin.txt")
        name.write_bytes(data)
        yield [str(name) if p == "-" else p for p in paths]


# ------------------------------------------------------------------ commands


def _json_line(doc, tokens: bool = False) -> str:
    return json.dumps(to_json(doc, tokens=tokens), ensure_ascii=False) + "\n"


def _stages(names: list[str] | None) -> list[str] | None:
    """The stages asked for, with the stages they need added (and named on stderr)."""
    if not names:
        return None
    chosen, added = pipeline.with_requirements(names)
    if added:
        _err(f"note: added the stages {' '.join(added)}, which {' '.join(names)} need(s)")
    return chosen


def cmd_read(h: Hronika, args: argparse.Namespace) -> int:
    if args.output and not Path(args.output).resolve().parent.is_dir():
        _err(f"error: cannot write {args.output}: folder {Path(args.output).resolve().parent} does not exist")
        return 2
    stages = _stages(args.stages)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = n = 0
    try:
        line = functools.partial(_json_line, tokens=args.tokens)
        with _inputs(args.paths) as paths:
            for item in h.read(paths, stages, args.jobs, then=line, date=args.date):
                if isinstance(item, Failure):
                    failed += 1
                    _err(f"error: {item}")
                    continue
                n += 1
                out.write(item)
    except KeyboardInterrupt:
        _err(f"interrupted: {n} article(s) read" + (f" into {args.output}" if args.output else ""))
        return 130
    finally:
        if out is not sys.stdout:
            out.close()
    _err(f"read {n} article(s), {failed} failed" + (f"; wrote {args.output}" if args.output else ""))
    return 1 if failed else 0


PROGRESS_EVERY = 30.0  # seconds between progress lines when stderr is not a terminal


def _ingest(h: Hronika, paths: list[str], jobs: int | None, show_progress: bool,
            date: str | None = None, seen: list[IngestSummary] | None = None,
            **engine) -> IngestSummary:
    """``h.ingest`` with a progress bar (a total and an ETA: the articles are counted first), or
    when stderr is not a terminal a line every ``PROGRESS_EVERY`` seconds; ``seen`` gets the
    summary so far, for a report when the ingest is interrupted."""
    seen = [] if seen is None else seen
    bar_wanted = show_progress and sys.stderr.isatty()
    total = count_items(paths) if show_progress else None
    start = last = time.monotonic()
    with _progress(show_progress) as bar:
        task = bar.add_task("reading", total=total)

        def progress(s: IngestSummary) -> None:
            nonlocal last
            seen[:] = [s]
            done = s.read + s.failed
            bar.update(task, completed=done)
            now = time.monotonic()
            if show_progress and not bar_wanted and now - last >= PROGRESS_EVERY:
                last = now
                _err(f"ingest: {done} of about {total} article(s), {done / (now - start):.1f}/s, "
                     f"{s.stored} stored, {s.failed} failed")
        return h.ingest(paths, jobs, progress=progress, date=date, **engine)


def _report(path: str | None, s: IngestSummary, seconds: float, engine: str, interrupted: bool) -> None:
    if not path:
        return
    out = {**s.to_json(), "interrupted": interrupted, "engine": engine, "seconds": round(seconds, 3),
           "articles_per_s": round((s.read + s.failed) / seconds, 3) if seconds > 0 else None}
    Path(path).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def cmd_ingest(h: Hronika, args: argparse.Namespace) -> int:
    if args.engine != "dask" and (args.workers or args.scheduler or args.write != "client"):
        _err("error: --workers, --scheduler and --write go with --engine dask")
        return 2
    if args.report and not Path(args.report).resolve().parent.is_dir():
        _err(f"error: cannot write {args.report}: folder {Path(args.report).resolve().parent} does not exist")
        return 2
    engine = {} if args.engine == "local" else dict(engine="dask", workers=args.workers,
                                                     scheduler=args.scheduler, write=args.write)
    seen: list[IngestSummary] = []
    start = time.monotonic()
    try:
        with _inputs(args.paths) as paths:
            s = _ingest(h, paths, args.jobs, show_progress=True, date=args.date, seen=seen, **engine)
    except KeyboardInterrupt:
        s = seen[0] if seen else IngestSummary()
        _report(args.report, s, time.monotonic() - start, args.engine, interrupted=True)
        _err(f"interrupted: {s.stored} stored; run the same command to resume")
        return 130
    except Exception as exc:
        engines = sys.modules.get("hronika.dask_engine")
        if engines is not None and isinstance(exc, engines.EngineUnavailable):
            _err(f"error: {exc}")
            return 2
        raise
    _report(args.report, s, time.monotonic() - start, args.engine, interrupted=False)
    for f in s.failures:
        _err(f"error: {f}")
    print(f"read {s.read}, stored {s.stored}, replaced {s.replaced}, "
          f"duplicates {s.duplicates}, failed {s.failed}")
    return 1 if s.failed else 0


def cmd_search(h: Hronika, args: argparse.Namespace) -> int:
    hits = h.search(args.query, limit=args.limit, date_from=args.date_from, date_to=args.date_to,
                    entity=args.entity)
    if args.json:
        print(json.dumps([hit.to_json() for hit in hits], ensure_ascii=False, indent=1))
        return 0
    if not hits.total:
        print("no matches")
    for hit in hits:
        print(f"{hit.date}  {hit.doc_id}  {hit.title or ''}".rstrip() + f"\n    {hit.snippet}")
    if hits.total > len(hits):
        print(f"{len(hits)} of {hits.total} matches (--limit {hits.total} shows all)")
    elif hits.total:
        print(f"{hits.total} match{'es' if hits.total > 1 else ''}")
    return 0


def cmd_stats(h: Hronika, args: argparse.Namespace) -> int:
    st = h.stats()
    if args.json:
        print(json.dumps(st, ensure_ascii=False, indent=1))
        return 0
    rows = st["rows"]
    print(f"{h.settings.db}: {rows['documents']} article(s)")
    for title, key in (("by language", "documents_by_lang"), ("by month", "documents_by_month"),
                       ("entities by type", "entities_by_type")):
        if st[key]:
            print(f"  {title}: " + ", ".join(f"{k} {v}" for k, v in st[key].items()))
    print("  rows: " + ", ".join(f"{k} {v}" for k, v in rows.items() if k != "documents"))
    return 0


def _merged_export(h: Hronika, args: argparse.Namespace) -> tuple[str, Any, list[str] | None] | None:
    """The format, rows and columns of an export of the chronicle's merged events or quotes; None
    (after saying why) for a combination that has none."""
    fmt = args.format
    if fmt in ("gdelt", "polecat") and args.what != "events":
        _err(f"error: --format {fmt} exports merged events: hronika export events --format {fmt}")
        return None
    if args.what == "events":
        fmt = fmt or "polecat"
        if fmt not in ("gdelt", "polecat"):
            _err("error: merged events export as --format gdelt (TSV) or polecat (JSON Lines)")
            return None
    elif args.what == "quotes":
        fmt = fmt or ("csv" if args.output and args.output.lower().endswith(".csv") else "jsonl")
    else:
        _err(f"error: --merged exports events or quotes, not {args.what}")
        return None
    h.catch_up()
    what = {"gdelt": "events-gdelt", "polecat": "events-polecat"}.get(fmt, "quotes")
    return fmt, h.export_chronicle(what), h.export_chronicle_columns(what)


def cmd_export(h: Hronika, args: argparse.Namespace) -> int:
    if args.output and not Path(args.output).resolve().parent.is_dir():
        _err(f"error: cannot write {args.output}: folder {Path(args.output).resolve().parent} does not exist")
        return 2
    if args.merged or args.format in ("gdelt", "polecat"):
        got = _merged_export(h, args)
        if got is None:
            return 2
        fmt, rows, columns = got
    else:
        fmt = args.format or ("csv" if args.output and args.output.lower().endswith(".csv") else "jsonl")
        rows, columns = h.export(args.what), h.export_columns(args.what)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    n = 0
    try:
        if fmt in ("csv", "gdelt"):
            tsv = dict(delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\") \
                if fmt == "gdelt" else {}
            writer = csv.DictWriter(out, fieldnames=columns, **tsv)
            writer.writeheader()
        for row in rows:
            if fmt in ("jsonl", "polecat"):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                                 for k, v in row.items()})
            n += 1
    finally:
        if out is not sys.stdout:
            out.close()
    _err(f"exported {n} {'merged ' if args.merged or fmt in ('gdelt', 'polecat') else ''}{args.what} row(s)"
         + (f" to {args.output}" if args.output else ""))
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
        if item["kind"] == "event":
            e = item["event"]
            print(f"{item['date']}  event #{e['id']}  {e['type']}  "
                  f"{' -> '.join(', '.join(x) or '?' for x in (e['actors'], e['recipients']))}  "
                  f"[{e['counts']['mentions']} mention(s) in {e['counts']['articles']} article(s)]")
            continue
        if item["kind"] == "quote":
            q = item["quote"]
            print(f"{item['date']}  quote #{q['id']}  {q['speaker']}: {' '.join(q['text'].split())[:90]}")
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


def _keys(h: Hronika, names: list[str] | None) -> list[str] | None:
    keys = [_key(h, n) for n in names or ()]
    return None if None in keys else keys


def cmd_events(h: Hronika, args: argparse.Namespace) -> int:
    keys = _keys(h, args.entity)
    if keys is None:
        return 1
    h.catch_up()
    fetch = lambda after: h.events(keys, args.type or (), args.start, args.end, after=after)  # noqa: E731
    for e in _pages(fetch, args.limit):
        if args.json:
            _print_json(e)
            continue
        c = e["counts"]
        who = " -> ".join(", ".join(x) or "?" for x in (e["actors"], e["recipients"]))
        print(f"{e['day']}  #{e['id']}  {e['type']}{'/' + e['mode'] if e['mode'] else ''}  {who}  "
              f"[{e['date'] or 'undated'}]  {c['mentions']} mention(s) in {c['articles']} article(s), "
              f"first: {e['first_report']['document']}" + ("  (reports disagree)" if e["disagreements"] else ""))
    return 0


def cmd_quotes(h: Hronika, args: argparse.Namespace) -> int:
    speaker = _key(h, args.speaker) if args.speaker else None
    about = _key(h, args.about) if args.about else None
    if (args.speaker and speaker is None) or (args.about and about is None):
        return 1
    h.catch_up()
    for q in _pages(lambda after: h.quotes(speaker, about, args.start, args.end, after=after), args.limit):
        if args.json:
            _print_json(q)
            continue
        said = " ".join(q["text"].split())
        print(f"{q['day']}  #{q['id']}  {q['speaker']}: {said[:90] + ('…' if len(said) > 90 else '')}  "
              f"[{q['counts']['mentions']} mention(s) in {q['counts']['articles']} article(s)]")
    return 0


def cmd_contested(h: Hronika, args: argparse.Namespace) -> int:
    keys = _keys(h, args.entity)
    if keys is None:
        return 1
    h.catch_up()
    shown = 0
    for e in _pages(lambda after: h.contested(keys, args.start, args.end, after=after), args.limit):
        shown += 1
        if args.json:
            _print_json(e)
            continue
        who = " -> ".join(", ".join(x) or "?" for x in (e["actors"], e["recipients"]))
        print(f"{e['day']}  #{e['id']}  {e['type']}{'/' + e['mode'] if e['mode'] else ''}  {who}  "
              f"[{e['counts']['articles']} article(s)]")
        d = e["disagreements"]
        for what, label in (("date", "date"), ("figures", "figure"), ("participants", "only named by")):
            for value, docs in d.get(what, {}).items():
                print(f"    {label} {value}: {', '.join(docs)}")
    if not shown and not args.json:
        print("no event's reports disagree" + (" in that period" if args.start or args.end else ""))
    return 0


def cmd_pair(h: Hronika, args: argparse.Namespace) -> int:
    a, b = _key(h, args.a), _key(h, args.b)
    if a is None or b is None:
        return 1
    if a == b:
        _err(f"error: {args.a!r} and {args.b!r} are the same entity ({a})")
        return 1
    h.catch_up()
    out = h.pair_scores(a, b, args.start, args.end, period=args.by)
    if args.json:
        _print_json(out)
        return 0
    print(f"{a} and {b}: {out['total']['events']} event(s)"
          + (f", mean score {out['total']['mean']:+.1f}" if out["total"]["events"] else "")
          + f" (scale {out['scale']['min']} conflict .. +{out['scale']['max']} cooperation)")
    for p in out["periods"]:
        if not p["events"]:
            print(f"{p['period']:>10}       0")
            continue
        bar = ("-" * round(-p["mean"])).rjust(10) + "|" + "+" * round(max(p["mean"], 0))
        print(f"{p['period']:>10}  {p['events']:>6}  {p['mean']:+5.1f}  {bar}  events {', '.join(map(str, p['ids']))}")
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
    events = list(_pages(lambda after: h.events(after=after), None))
    told = sum(e["counts"]["mentions"] > 1 for e in events)
    print(f"\nEvents, each once however often told (hronika events; hronika quotes): {len(events)}, "
          f"{told} of them told more than once")
    names: dict[str, str] = {}

    def name(key: str) -> str:  # the name the articles use most, else the KB's, else the key
        if key not in names:
            known = h.entity(key)
            most = max(known["names"].items(), key=lambda kv: kv[1])[0] if known["names"] else None
            names[key] = most or known["kb_name"] or key
        return names[key]

    for e in events[:12]:
        who = " -> ".join(", ".join(map(name, x)) or "?" for x in (e["actors"], e["recipients"]))
        print(f"  #{e['id']}: {e['date'] or e['day']} {e['type']} {who}, {e['counts']['mentions']} mention(s) "
              f"in {e['counts']['articles']} article(s)")
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


class _Help(argparse.RawDescriptionHelpFormatter):
    """Epilogs as written (examples); each option's default shown where it has one."""

    def _get_help_string(self, action: argparse.Action) -> str:
        h = action.help or ""
        if action.default not in (None, False, argparse.SUPPRESS) and "default" not in h and action.option_strings:
            h += " (default: %(default)s)"
        return h


EXIT_CODES = """exit codes:
  0    done (search: also when nothing matched)
  1    an article could not be read or stored, or the store cannot be used (one line on stderr each)
  2    a usage error: a bad argument, a bad settings file, a folder that does not exist
  130  interrupted (Ctrl-C); what was stored stays, the same command resumes"""

def _search_help() -> str:
    """The query language, taught with Bulgarian examples (lang/bg/search_help.txt)."""
    from . import lang

    text = lang.get("bg").path("search_help.txt").read_text(encoding="utf-8")
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("# source:")).strip()


# The tables ``export`` writes (the store checks the name again).
EXPORTABLE = ("documents", "entities", "mentions", "timexes", "events", "quotes", "sources", "posts", "segments")


def build_parser() -> argparse.ArgumentParser:
    # --config is taken before or after the command; after it, it must not reset one given before.
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                        help="settings file (TOML), instead of the one HRONIKA_CONFIG names")
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="URL",
                    help=f"database URL or SQLite file (default: the db setting, else {DEFAULT_DB})")
    jobs = argparse.ArgumentParser(add_help=False)
    jobs.add_argument("-j", "--jobs", type=int, metavar="N",
                      help="worker processes (default: 1 for small inputs, else one per core, at most 4)")
    jobs.add_argument("--date", metavar="YYYY-MM-DD", type=_iso_date,
                      help="publication date of the articles whose input gives none (an HTML page "
                           "without dated metadata or byline, a plain text file, a feed item "
                           "without a date); a date the input gives always wins")

    p = argparse.ArgumentParser(prog="hronika", formatter_class=_Help, description=(
        "Read dated news articles into a chronicle of who did and said what, when, "
        "according to whom."), epilog="examples:\n  hronika demo\n  hronika ingest articles/ feed.xml\n"
        "  hronika search WORD\n  hronika show ID\n  hronika read article.html | jq .entities\n\n"
        "Settings: defaults, then the settings file, then HRONIKA_* environment variables, then the "
        "flags (see README.md).\n\n" + EXIT_CODES)
    p.add_argument("--config", metavar="FILE", help="settings file (TOML), instead of the one HRONIKA_CONFIG names")
    p.add_argument("--version", action="version", version=f"hronika {_version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func, help: str, *parents: argparse.ArgumentParser,
                epilog: str = "") -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help, description=help, parents=[config, *parents],
                           formatter_class=_Help, epilog=(epilog + "\n\n" if epilog else "") + EXIT_CODES)
        c.set_defaults(func=func)
        return c

    stages = dict(nargs="+", choices=list(pipeline.REGISTRY), metavar="STAGE",
                  help="run only these stages, and the ones they need (default: all): "
                       + " ".join(pipeline.REGISTRY))
    r = command("read", cmd_read, "read articles and print their readings as JSON Lines (no store)", jobs,
                epilog="examples:\n  hronika read article.html\n  hronika read news.jsonl -o readings.jsonl\n"
                       "  curl -s URL | hronika read - --date 2025-11-14\n  hronika read folder/ --stages timex")
    r.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or folders: seed .txt, .jsonl, .html, RSS/Atom; - reads standard input "
                        "(JSON Lines, or one article)")
    r.add_argument("-o", "--output", metavar="FILE", help="write JSON Lines here instead of standard output")
    r.add_argument("--stages", **stages)
    r.add_argument("--tokens", action="store_true", help="include the token layer in the output")

    i = command("ingest", cmd_ingest, "read articles into the store", db, jobs,
                epilog="examples:\n  hronika ingest articles/\n  hronika ingest feed.xml --db news.db\n"
                       "  cat news.jsonl | hronika ingest -\n"
                       "  hronika ingest archive/ --engine dask --scheduler tcp://10.0.0.5:8786 --report run.json\n\n"
                       "An article already stored is not stored "
                       "twice: after an interruption, run the same command to resume.")
    i.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or folders, as for read; - reads standard input")
    i.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: -j processes on this machine; dask: a Dask cluster (pip install 'hronika[dask]')")
    where = i.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="with --engine dask: a local cluster of N worker processes (default: one per core)")
    where.add_argument("--scheduler", metavar="ADDR",
                       help="with --engine dask: the scheduler of a running cluster (tcp://host:8786)")
    i.add_argument("--write", choices=["client", "workers"], default="client",
                   help="with --engine dask: who saves the readings; client keeps the input's order "
                        "(the chronicle as a single process builds it); workers save their own "
                        "(measured slower, and the chronicle follows the order partitions finish in)")
    i.add_argument("--report", metavar="FILE", help="write the summary as JSON here (also when interrupted)")

    s = command("search", cmd_search, "full-text search over stored articles", db, epilog=_search_help())
    s.add_argument("query", help="words, OR, NOT, \"phrases\", prefix* (see below)")
    s.add_argument("--limit", type=int, default=20, metavar="N", help="show at most N articles")
    s.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD",
                   help="only articles dated on or after this day")
    s.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD",
                   help="only articles dated on or before this day")
    s.add_argument("--entity", metavar="NAME",
                   help="only articles that name this entity: a KB key, or a name in any of its forms")
    s.add_argument("--json", action="store_true",
                   help="print a JSON list of {doc_id, date, title, snippet, rank}")

    sh = command("show", cmd_show, "show one stored article's reading", db,
                 epilog="examples:\n  hronika show 2025-11-14-bridge-tweet\n  hronika show ID --json")
    sh.add_argument("doc_id", metavar="ID", help="the article's id (search prints it)")
    sh.add_argument("--json", action="store_true", help="print the whole reading as JSON")

    st = command("stats", cmd_stats, "what the store holds: articles by language and month, entities "
                 "by type, rows of each layer", db, epilog="examples:\n  hronika stats\n  hronika stats --json")
    st.add_argument("--json", action="store_true", help="print the figures as JSON")

    ex = command("export", cmd_export, "write one table of the store as JSON Lines or CSV, or the chronicle's "
                 "merged events (GDELT-style TSV, POLECAT-style JSON Lines) and quotes (CSV, JSON Lines)", db,
                 epilog="examples:\n  hronika export entities > entities.jsonl\n"
                        "  hronika export timexes -o timexes.csv\n  hronika export documents --format csv\n"
                        "  hronika export events --format gdelt -o events.tsv\n"
                        "  hronika export events --format polecat > events.jsonl\n"
                        "  hronika export quotes --merged --format csv -o quotes.csv\n\n"
                        "The columns of each format: docs/CHRONICLE.md, 'Exports'.")
    ex.add_argument("what", choices=EXPORTABLE, metavar="TABLE", help="one of: " + " ".join(EXPORTABLE))
    ex.add_argument("--format", choices=["jsonl", "csv", "gdelt", "polecat"],
                    help="output format (default: csv when FILE ends in .csv, else jsonl); gdelt and polecat: "
                         "the merged events")
    ex.add_argument("--merged", action="store_true",
                    help="events or quotes as the chronicle merged them across articles (one row per real-world "
                         "event or quote) instead of the rows of each article")
    ex.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")

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

    ev = command("events", cmd_events, "events merged across articles: one per real-world event, every "
                 "article's mention of it as evidence, by date", db, period,
                 epilog="examples:\n  hronika events --entity Lukashenko --from 2025-11-01\n"
                        "  hronika events --type CONSULT --json")
    ev.add_argument("--entity", action="append", metavar="NAME",
                    help="only events with this entity as actor or recipient (a name in any script or a global "
                         "key; repeat for several, all required)")
    ev.add_argument("--type", action="append", metavar="T", help="only events of this PLOVER type (repeatable)")
    ev.add_argument("--limit", type=int, help="at most this many events")
    ev.add_argument("--json", action="store_true", help='print JSON Lines {"id", "type", "date", "actors", '
                    '"recipients", "sources", "mentions": [{"document", "start", "end", ...}], "counts", '
                    '"first_report", "disagreements"}')

    qu = command("quotes", cmd_quotes, "quotes merged across articles and languages, by the day first reported",
                 db, period, epilog="examples:\n  hronika quotes --speaker Lukashenko\n"
                                    "  hronika quotes --about Minsk --json")
    qu.add_argument("--speaker", metavar="NAME", help="only what this entity said")
    qu.add_argument("--about", metavar="NAME", help="only quotes that name this entity")
    qu.add_argument("--limit", type=int, help="at most this many quotes")
    qu.add_argument("--json", action="store_true", help='print JSON Lines {"id", "speaker", "text", "mentions": '
                    '[{"document", "start", "end", "text"}], "counts", "first_report", ...}')

    co = command("contested", cmd_contested, "events whose reports disagree on the date, the participants or "
                 "the figures, with what each article says", db, period,
                 epilog="examples:\n  hronika contested\n  hronika contested --entity Lukashenko --json")
    co.add_argument("--entity", action="append", metavar="NAME",
                    help="only events with this entity as actor or recipient (repeat for several, all required)")
    co.add_argument("--limit", type=int, help="at most this many events")
    co.add_argument("--json", action="store_true", help="print JSON Lines, one event a line (as events --json), "
                    'its "disagreements": {"date"|"participants"|"figures": {value: [documents]}}')

    pr = command("pair", cmd_pair, "cooperation and conflict between two entities over time: per period the "
                 "events between them (either direction), the sum and mean of their scores (-10 conflict .. "
                 "+10 cooperation; docs/CHRONICLE.md)", db, period,
                 epilog="examples:\n  hronika pair Lukashenko USA\n  hronika pair PER-Alexander-Lukashenko Putin --by week --json")
    pr.add_argument("a", metavar="A", help="an entity: a name in any script or form, or a global key")
    pr.add_argument("b", metavar="B", help="the other entity")
    pr.add_argument("--by", choices=["month", "week", "day"], default="month", help="the period counted by (default month)")
    pr.add_argument("--json", action="store_true", help='print one JSON object {"a", "b", "by", "periods": [{"period", '
                    '"from", "to", "events", "sum", "mean", "ids"}], "events", "total", "scale"}')

    command("demo", cmd_demo, "read the bundled sample articles into the store and summarise them", db,
            epilog="example:\n  hronika demo --db /tmp/demo.db")

    sv = command("serve", cmd_serve, "browse the store in a web browser; JSON API and its docs at /docs", db)
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    sv.add_argument("--port", type=int, default=8000, help="port (default: 8000)")

    b = command("bench", cmd_bench, "measure reading throughput and peak memory of `hronika read` "
                "(fresh processes, model loading included)")
    b.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders to read (default: the bundled samples)")
    b.add_argument("--stages", nargs="+", choices=list(pipeline.REGISTRY), metavar="STAGE",
                   help="only these stages (default: all)")
    b.add_argument("-j", "--jobs", type=int, nargs="+", default=[1, 2], metavar="N",
                   help="worker processes to try, one run each")

    t = command("train", cmd_train, "train a model shipped with hronika",
                epilog="example:\n  hronika train ner --data ../shared/data/slavicner --lang bg")
    t.add_argument("what", choices=["ner"], help="the model to train")
    t.add_argument("rest", nargs=argparse.REMAINDER, help="options of the trainer (--help)")
    return p


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hronika")
    except PackageNotFoundError:
        return "unknown (not installed)"


def settings_from(args: argparse.Namespace) -> Settings:
    """The environment's settings (over the settings file), then the flags."""
    return Settings.from_env(config=args.config).replace(db=getattr(args, "db", None))


READ_ONLY = ("search", "show", "stats", "export", "timeline", "storylines", "related", "events", "quotes",
             "pair", "contested", "serve")


def _quiet_connection_pool() -> None:
    """SQLAlchemy's pool logs a connection it could not reset (a Ctrl-C landing inside its clean-up)
    with a traceback on stderr; the command's own one-line summary says what happened, and the
    store is consistent whatever the pool says (one transaction per article)."""
    import logging

    pool = logging.getLogger("sqlalchemy.pool")
    pool.addHandler(logging.NullHandler())
    pool.propagate = False


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    _quiet_connection_pool()
    args = build_parser().parse_args(argv)
    args.argv = argv
    try:
        settings = settings_from(args)
    except SettingsError as exc:
        _err(f"error: {exc}")
        return 2
    try:
        with Hronika(settings) as h:
            h.create_store = args.command not in READ_ONLY
            return args.func(h, args)
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except pipeline.PipelineError as exc:
        _err(f"error: {exc}")
        return 2
    except Exception as exc:
        # A store that cannot be opened or written: its message says which and why.  (The store
        # module is imported only by the commands that use it, so not here.)
        store = sys.modules.get("hronika.store")
        queries = sys.modules.get("hronika.chronicle.queries")
        if (store is not None and isinstance(exc, store.StoreError)) or (
                queries is not None and isinstance(exc, queries.QueryError)):
            _err(f"error: {exc}")
            return 1
        if os.environ.get("HRONIKA_DEBUG"):
            raise
        msg = " ".join(str(exc).split()) or "(no message)"
        _err(f"error: {type(exc).__name__}: {msg} (HRONIKA_DEBUG=1 shows where)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
