"""Time expressions on the dev gold and the fresh gold: hronika's timex stage against dateparser's
``search_dates``.

    python -m bench.timex_bench [--no-record] [--held]

The dev gold is ../shared/eval/gold/dev (read while the rules were written).  The fresh gold
(bench/timex_gold: 20 Russian and 12 Bulgarian SlavicNER documents annotated before any rule was
written from them) is scored per language on its tune half, and with ``--held`` on its held half
too: the held halves are read only to report figures (bench/RESULTS.md says how many times).
Both systems read the texts of each set; their outputs are written as JSON
Lines (``id``, ``date``, ``text``, ``timexes``) and scored by ../shared/eval/score.py --json
(timex.span, timex.value).  dateparser (a bench-only dependency) searches each sentence with
languages bg/ru/en and ``RELATIVE_BASE`` = the article date (the post's date inside a post); its
matches get the value at the granularity dateparser reports (day, month or year) and type DATE.
Speed: MB of text per second for the finder alone (``find_timexes`` over every sentence, one
core), and documents per second for each system's timex step (sentences already split).
The table goes to stdout and replaces the "## Time expressions" section of bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from bench.read_bench import record_section
from hronika.benchmark import machine

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SECTION = "## Time expressions"


def load_docs(path: Path | None = None):
    from hronika.document import Document
    docs = []
    for line in (path or EVAL / "dev-input.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            docs.append(Document(id=r["id"], text=r["text"], date=dt.date.fromisoformat(r["date"][:10]),
                                 url=r.get("url")))
    return docs


def prepare(docs):
    """Sentences, tokens, languages and posts from the real stages; a naive fallback (sentences
    split after . ! ?, language bg) when they cannot be built.  Returns (docs, how)."""
    import re
    from hronika.document import Span
    try:
        from hronika.pipeline import build
        reader = build(["repair", "segment", "sentences", "language"])
        return [reader(d) for d in docs], "hronika stages repair, segment, sentences, language"
    except Exception as exc:  # the other stages are not there yet
        print(f"(pipeline unavailable: {exc}; naive sentences, lang bg)", file=sys.stderr)
        for d in docs:
            spans, start = [], 0
            for m in re.finditer(r"[.!?]+\s+|\n+|$", d.text):
                if m.end() > start and d.text[start:m.start() + 1].strip():
                    spans.append(Span(start, m.start() + 1 if m.group().strip() else m.start(), "", {"lang": "bg"}))
                start = m.end()
            d.set_layer("sentences", spans)
            d.lang = "bg"
        return docs, "naive sentence split, language bg"


def run_hronika(docs):
    from hronika.stages.timex import TimexStage
    stage = TimexStage()
    t0 = time.perf_counter()
    for d in docs:
        stage(d)
    return time.perf_counter() - t0


def finder_speed(docs, rounds: int = 20) -> tuple[float, int]:
    """MB/s of ``find_timexes`` alone over every sentence (one core), and the bytes read per round."""
    from hronika.timex import find_timexes
    items = []
    for d in docs:
        for s in d.layer("sentences"):
            items.append((d.text[s.start:s.end], d.anchor_date(s.start), s.attrs.get("lang") or "bg"))
    nbytes = sum(len(t.encode("utf-8")) for t, _, _ in items)
    for t, a, lang in items:  # warm up
        find_timexes(t, a, lang)
    best = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        for t, a, lang in items:
            find_timexes(t, a, lang)
        el = time.perf_counter() - t0
        best = el if best is None else min(best, el)
    return nbytes / best / 1e6, nbytes


def run_dateparser(docs):
    """dateparser's search_dates per sentence; returns (outputs, seconds)."""
    from dateparser.search import search_dates
    warnings.filterwarnings("ignore")
    outs = []
    t0 = time.perf_counter()
    for d in docs:
        tx = []
        for s in d.layer("sentences"):
            chunk = d.text[s.start:s.end]
            anchor = d.anchor_date(s.start)
            base = dt.datetime.combine(anchor, dt.time(12, 0))
            try:
                found = search_dates(chunk, languages=["bg", "ru", "en"],
                                     settings={"RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True}) or []
            except Exception:
                found = []
            pos = 0
            for frag, when in found:
                i = chunk.find(frag, pos)
                if i < 0:
                    i = chunk.find(frag)
                if i < 0:
                    continue
                pos = i + len(frag)
                tx.append({"start": s.start + i, "end": s.start + i + len(frag), "type": "DATE",
                           "value": _dp_value(frag, when)})
        outs.append(tx)
    return outs, time.perf_counter() - t0


def _dp_value(frag: str, when: dt.datetime) -> str:
    """dateparser does not say the granularity in search_dates; read it off the fragment."""
    import re
    if re.fullmatch(r"\D*\d{4}\D*", frag) and not re.search(r"\d{1,2}\D+\d{4}", frag):
        months = re.search(r"[A-Za-zА-Яа-я]{3,}", frag)
        return when.strftime("%Y-%m") if months and len(frag.split()) > 1 else when.strftime("%Y")
    return when.date().isoformat()


def write_jsonl(path: Path, docs, timexes_of) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": d.id, "date": d.date.isoformat(), "text": d.text,
                                "timexes": timexes_of(i, d)}, ensure_ascii=False) + "\n")


def score(path: Path, gold: Path | None = None) -> dict:
    out = subprocess.run([sys.executable, str(EVAL / "score.py"), str(gold or EVAL / "gold" / "dev"), str(path), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _get(res: dict, key: str) -> dict:
    if key in res:
        return res[key]
    for v in res.values():
        if isinstance(v, dict) and key in v:
            return v[key]
    return {}


def _row(res: dict) -> str:
    sp, va = _get(res, "timex.span"), _get(res, "timex.value")
    return (f"{sp.get('p', 0):.3f} | {sp.get('r', 0):.3f} | {sp.get('f1', 0):.3f} | "
            f"{va.get('p', 0):.3f} | {va.get('r', 0):.3f} | **{va.get('f1', 0):.3f}**")


def _timexes(i, d):
    return [{"start": s.start, "end": s.end, "type": s.label, **s.attrs} for s in d.layer("timexes")]


def score_set(docs, gold: Path | None, tmp: Path, name: str, dateparser: bool, notes: bool = False):
    """hronika's (and dateparser's) scores on one set of prepared documents."""
    h_secs = run_hronika(docs)
    path = tmp / f"hronika-{name}.jsonl"
    write_jsonl(path, docs, _timexes)
    out = [("hronika timex", score(path, gold), len(docs) / h_secs)]
    if notes:
        cmd = [sys.executable, str(EVAL / "score.py"), str(gold or EVAL / "gold" / "dev"), str(path), "--notes"]
        print(subprocess.run(cmd, capture_output=True, text=True).stdout, file=sys.stderr)
    if dateparser:
        import importlib.metadata as md
        dp_out, dp_secs = run_dateparser(docs)
        dp_path = tmp / f"dateparser-{name}.jsonl"
        write_jsonl(dp_path, docs, lambda i, d: dp_out[i])
        out.append((f"dateparser {md.version('dateparser')} search_dates", score(dp_path, gold), len(docs) / dp_secs))
    return out


def fresh_rows(tmp: Path, halves: list[str], dateparser: bool, notes: bool):
    """Rows for the fresh gold, per language and half; an empty list (and a message) when
    ../shared/data is absent."""
    from bench import timex_gold
    if not timex_gold.available():
        print("fresh gold skipped: ../shared/eval or ../shared/data is absent", file=sys.stderr)
        return [], ""
    problems = timex_gold.check()
    if problems:
        raise SystemExit("bench/timex_gold/gold.json does not fit the texts:\n" + "\n".join(problems))
    rows, sizes = [], []
    for lang in ("ru", "bg"):
        for half in halves:
            gold_dir, inp, n = timex_gold.build(lang, half, tmp / "fresh")
            docs, _ = prepare(load_docs(inp))
            sizes.append(f"{lang} {half} {len(docs)} documents, {n} expressions")
            for system, res, dps in score_set(docs, gold_dir, tmp, f"{lang}-{half}", dateparser, notes):
                rows.append((f"{lang} {half}", system, res, dps))
    return rows, "; ".join(sizes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench.timex_bench")
    ap.add_argument("--no-record", action="store_true", help="print the table without writing RESULTS.md")
    ap.add_argument("--skip-dateparser", action="store_true")
    ap.add_argument("--held", action="store_true", help="also score the fresh gold's held halves")
    ap.add_argument("--notes", action="store_true", help="print the scorer's notes on the fresh gold (tune halves only)")
    ap.add_argument("--out", help="also keep hronika's output JSONL of the dev gold here")
    args = ap.parse_args(argv)
    if not (EVAL / "dev-input.jsonl").exists():
        print(f"skipped: {EVAL} is absent")
        return 0
    import importlib.metadata as md
    dp = not args.skip_dateparser
    docs, how = prepare(load_docs())
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    mbps, nbytes = finder_speed(docs)
    tmp = Path(tempfile.mkdtemp(prefix="timex_bench_"))
    rows = [("dev", system, res, dps) for system, res, dps in score_set(docs, None, tmp, "dev", dp)]
    if args.out:
        write_jsonl(Path(args.out), docs, _timexes)
    halves = ["tune", "held"] if args.held else ["tune"]
    fresh, sizes = fresh_rows(tmp, halves, dp, args.notes)
    rows += fresh
    versions = f"hronika {md.version('hronika')}" + (f", dateparser {md.version('dateparser')}" if dp else "")
    lines = ["| gold | system | timex.span P | R | F1 | timex.value P | R | F1 | docs/s |",
             "|---|---|---|---|---|---|---|---|---|"]
    for gold, name, res, dps in rows:
        lines.append(f"| {gold} | {name} | {_row(res)} | {dps:.1f} |")
    ngold = int(_get(rows[0][2], "timex.span").get("tp", 0) + _get(rows[0][2], "timex.span").get("fn", 0))
    table = (f"{SECTION}\n\n"
             f"Measured {dt.date.today().isoformat()} on {machine()}.\n"
             f"Command: `python -m bench.timex_bench{' --held' if args.held else ''}`. Versions: {versions}, Python {sys.version.split()[0]}.\n"
             f"Data: dev = ../shared/eval/gold/dev ({len(docs)} documents, {ngold} gold time expressions, "
             f"{mb:.3f} MB), read while hronika's rules were written, so its figures are optimistic for unseen text; "
             f"ru/bg tune/held = the fresh gold of bench/timex_gold ({sizes}), annotated before any rule was "
             f"written from it; rules may be written reading the tune halves, never the held ones. "
             f"Sentences from {how}; scored by ../shared/eval/score.py (span: overlapping; value: overlapping "
             f"and the same value).\n\n"
             + "\n".join(lines) +
             f"\n\nFinder alone (`find_timexes` over every sentence of the dev gold, one core, best of 20 rounds over "
             f"{nbytes / 1e3:.0f} kB): **{mbps:.2f} MB of text/s**.\n")
    print(table)
    if not args.no_record:
        record_section(SECTION, table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
