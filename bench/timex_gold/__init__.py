"""The fresh time-expression gold (gold.json: offsets only) turned back into the scorer's files.

SlavicNER text may not be committed, so gold.json keeps document ids, anchor dates and
``[start, end, type, value]`` offsets into the raw texts; ``build`` reads the texts from
../shared/data at run time and writes, for one language and half, a folder of
``<id>.gold.json`` files (the scorer's format: each span as its text and occurrence) and the
engine input (JSON Lines: id, date, text).  ``check`` says what is wrong with the offsets.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parents[2] / "shared" / "eval"
TYPES = {"DATE", "TIME", "DURATION", "SET"}
VALUE = re.compile(r"(PAST|PRESENT|FUTURE)_REF|\d{4}(-(\d\d(-\d\d(T(\d\d:\d\d|MO|AF|EV|NI))?)?|W\d\d(-WE)?|Q[1-4]|SP|SU|FA|WI))?"
                   r"|\d{2,3}X?|P(\d+|X)[DWMY]|PT(\d+|X)[HMS]")


def load() -> dict:
    return json.loads((HERE / "gold.json").read_text(encoding="utf-8"))


def split() -> dict:
    return json.loads((HERE / "split.json").read_text(encoding="utf-8"))


def available() -> bool:
    return (EVAL / "ner-ru-input.jsonl").exists() and (EVAL / "gold" / "ner-ru").is_dir()


def raw_path(lang: str, doc: str) -> Path:
    """The raw text of a SlavicNER document, as the scorer's stub gold file names it."""
    stub = EVAL / "gold" / f"ner-{lang}" / f"{doc}.gold.json"
    return (stub.parent / json.loads(stub.read_text(encoding="utf-8"))["text_file"]).resolve()


def text_of(lang: str, doc: str) -> str:
    with open(raw_path(lang, doc), encoding="utf-8", newline="") as f:
        return f.read()


def docs(lang: str, half: str | None = None) -> list[str]:
    s = split()[lang]
    return sorted(s["tune"] + s["held"]) if half in (None, "all") else list(s[half])


def check() -> list[str]:
    """Problems with gold.json against the texts: spans out of range, empty, with spaces at an
    edge, cutting a word, overlapping; unknown types or malformed values; ids not in the split."""
    g, problems = load(), []
    for lang in ("ru", "bg"):
        if set(g[lang]) != set(docs(lang)):
            problems.append(f"{lang}: documents differ from split.json")
        for doc, entry in g[lang].items():
            text = text_of(lang, doc)
            last_end = -1
            for s, e, typ, value in entry["timexes"]:
                where = f"{lang} {doc} [{s}:{e}]"
                if not (0 <= s < e <= len(text)):
                    problems.append(f"{where}: outside the text")
                    continue
                span = text[s:e]
                if span != span.strip():
                    problems.append(f"{where}: space at an edge")
                if (s and _same_word(text[s - 1], text[s])) or (e < len(text) and _same_word(text[e - 1], text[e])):
                    problems.append(f"{where}: cuts a word")
                if s < last_end:
                    problems.append(f"{where}: overlaps the previous span")
                last_end = e
                if typ not in TYPES or not VALUE.fullmatch(value):
                    problems.append(f"{where}: {typ} {value}")
    return problems


def _same_word(a: str, b: str) -> bool:
    """Two characters of one word (letters, or digits: '&nbsp12' holds a day glued to a code)."""
    return (a.isalpha() and b.isalpha()) or (a.isdigit() and b.isdigit())


def build(lang: str, half: str, out: Path) -> tuple[Path, Path, int]:
    """Gold folder and engine input for one language and half under ``out``; returns
    (gold folder, input JSONL, number of gold expressions)."""
    g = load()[lang]
    gold_dir = out / f"gold-{lang}-{half}"
    gold_dir.mkdir(parents=True, exist_ok=True)
    inputs = {}
    for line in (EVAL / f"ner-{lang}-input.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            inputs[r["id"]] = r
    n = 0
    input_path = out / f"input-{lang}-{half}.jsonl"
    with input_path.open("w", encoding="utf-8") as f:
        for doc in docs(lang, half):
            entry, text = g[doc], text_of(lang, doc)
            timexes = []
            for s, e, typ, value in entry["timexes"]:
                span = text[s:e]
                occ, pos = 1, text.find(span)
                while pos < s:  # the scorer finds the n-th occurrence with find(needle, previous + 1)
                    pos = text.find(span, pos + 1)
                    occ += 1
                timexes.append({"text": span, "occurrence": occ, "type": typ, "value": value})
            n += len(timexes)
            gold = {"doc": doc, "text_file": str(raw_path(lang, doc)), "format": "raw", "date": entry["date"],
                    "score_mentions": False, "entities": [], "timexes": timexes, "events": [], "quotes": [],
                    "posts": [], "sources": []}
            (gold_dir / f"{doc}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
            r = inputs[doc]
            f.write(json.dumps({"id": doc, "date": entry["date"], "url": r.get("url"), "text": text},
                               ensure_ascii=False) + "\n")
    return gold_dir, input_path, n
