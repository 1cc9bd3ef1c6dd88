"""The chronicle's merged events and quotes in documented exchange formats (docs/CHRONICLE.md,
"Exports"): events as GDELT-style TSV rows (one per merged event, the PLOVER type in place of the
CAMEO code and the cooperation score of ``cooperation.json`` in place of the Goldstein scale) or
as POLECAT-style JSON records (with the evidence sentences), quotes as CSV rows.

Each generator reads the store a page at a time (by day then id), so an export of any size runs
in constant memory.
"""
from __future__ import annotations

from typing import Any, Iterator

from ..store import browse
from .pair import score

PAGE = 500

GDELT_COLUMNS = ["GlobalEventID", "Day", "MonthYear", "Year", "EventDate", "Actor1Code", "Actor1Name",
                 "Actor2Code", "Actor2Name", "EventType", "EventMode", "CooperationScore", "NumMentions",
                 "NumSources", "NumArticles", "Contested", "FirstReportDate", "FirstReportDocument", "SOURCEURL"]
QUOTE_COLUMNS = ["id", "speaker_key", "speaker_name", "text", "direct", "lang", "date", "documents", "articles",
                 "mentions", "about_keys", "first_document"]


def _pages(store, kind: str) -> Iterator[tuple[list[dict[str, Any]], dict[int, list[dict[str, Any]]]]]:
    after = None
    while True:
        rows = store.merged_rows(kind, after=after, limit=PAGE)
        if not rows:
            return
        yield rows, store.merged_mentions(kind, [r["id"] for r in rows])
        after = (rows[-1]["day"], rows[-1]["id"])


def _namer(store, keys: list[str]):
    known = browse.names(store, [k for k in keys if not k.startswith("n:")])
    return lambda k: known[k]["name"] if k in known else k.removeprefix("n:")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def gdelt(store) -> Iterator[dict[str, Any]]:
    """One GDELT-style row per merged event (``GDELT_COLUMNS``); several actors or recipients are
    joined by ``;``."""
    for rows, mentions in _pages(store, "event"):
        name = _namer(store, [k for r in rows for k in r["actors"] + r["recipients"]])
        for r in rows:
            first = next((m for m in mentions[r["id"]] if m["doc"] == r["first_doc"]), None)
            s = score(r["type"], r["mode"])
            yield {"GlobalEventID": r["id"], "Day": r["day"].replace("-", ""), "MonthYear": r["day"][:7].replace("-", ""),
                   "Year": r["day"][:4], "EventDate": r["date"] or "",
                   "Actor1Code": ";".join(r["actors"]), "Actor1Name": ";".join(_one_line(name(k)) for k in r["actors"]),
                   "Actor2Code": ";".join(r["recipients"]),
                   "Actor2Name": ";".join(_one_line(name(k)) for k in r["recipients"]),
                   "EventType": r["type"], "EventMode": r["mode"] or "", "CooperationScore": "" if s is None else s,
                   "NumMentions": r["mentions"], "NumSources": r["outlets"], "NumArticles": r["articles"],
                   "Contested": int(bool(r["disagreements"])), "FirstReportDate": r["first_date"],
                   "FirstReportDocument": r["first_doc"], "SOURCEURL": (first or {}).get("url") or ""}


def polecat(store) -> Iterator[dict[str, Any]]:
    """One POLECAT-style record per merged event, with every mention's sentence as evidence."""
    for rows, mentions in _pages(store, "event"):
        keys = [k for r in rows for k in r["actors"] + r["recipients"] + r["sources"]]
        name = _namer(store, keys)
        texts = store.texts(list(dict.fromkeys(m["doc"] for ms in mentions.values() for m in ms)))

        def who(ks: list[str]) -> list[dict[str, str]]:
            return [{"key": k, "name": name(k)} for k in ks]

        for r in rows:
            evidence = []
            for m in mentions[r["id"]]:
                text = texts.get(m["doc"], "")
                evidence.append({"document": m["doc"], "document_date": m["doc_date"], "url": m.get("url"),
                                 "sentence": text[m["sent_start"]:m["sent_end"]],
                                 "trigger": text[m["start"]:m["end"]], "start": m["start"], "end": m["end"],
                                 "date": m["date"]})
            yield {"event_id": r["id"], "event_type": r["type"], "event_mode": r["mode"], "event_date": r["day"],
                   "date_value": r["date"], "actors": who(r["actors"]), "recipients": who(r["recipients"]),
                   "sources": who(r["sources"]), "cooperation_score": score(r["type"], r["mode"]),
                   "num_mentions": r["mentions"], "num_articles": r["articles"], "num_sources": r["outlets"],
                   "first_report": {"document": r["first_doc"], "date": r["first_date"]},
                   "disagreements": r["disagreements"], "evidence": evidence}


def quotes(store) -> Iterator[dict[str, Any]]:
    """One row per merged quote (``QUOTE_COLUMNS``); lists joined by ``;``."""
    for rows, mentions in _pages(store, "quote"):
        name = _namer(store, [r["speaker"] for r in rows])
        for r in rows:
            docs = list(dict.fromkeys(m["doc"] for m in mentions[r["id"]]))
            yield {"id": r["id"], "speaker_key": r["speaker"], "speaker_name": name(r["speaker"]), "text": r["text"],
                   "direct": "direct" if r["direct"] else "reported", "lang": r["lang"] or "", "date": r["day"],
                   "documents": ";".join(docs), "articles": r["articles"], "mentions": r["mentions"],
                   "about_keys": ";".join(r["about"]), "first_document": r["first_doc"]}
