"""Exports of the chronicle in documented formats: merged events as GDELT-style TSV and
POLECAT-style JSON Lines, merged quotes as CSV; the per-article exports stay as they were; every
column is documented in docs/CHRONICLE.md.  Articles written for these tests."""
import csv
import io
import json
from pathlib import Path

import pytest

import pair_corpus
from hronika import cli
from hronika.api import Hronika
from hronika.chronicle import export

ROOT = Path(__file__).resolve().parents[1]
QUOTED = [
    ("q-bg", "2025-12-11", "Лукашенко заяви: „Готови сме за диалог със Съединените щати“.", "https://bta.bg/a/1"),
    ("q-bg2", "2025-12-12", "Беларуският лидер Лукашенко заяви пред журналисти: „Готови сме за диалог със "
                            "Съединените щати“.", "https://www.dnevnik.bg/x"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory, module_store_url):  # SQLite, and PostgreSQL where its server is installed
    folder = tmp_path_factory.mktemp("export")
    rows = [{"id": i, "date": d, "text": t, "url": f"https://news{n % 2}.example/{i}"}
            for n, (i, d, t) in enumerate(pair_corpus.CONTESTED)]
    rows += [{"id": i, "date": d, "text": t, "url": u} for i, d, t, u in QUOTED]
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    url = module_store_url
    with Hronika(db=url) as h:
        assert not h.ingest([str(path)]).failures
    return url


def run(capsys, *args):
    assert cli.main(["export", *args]) == 0
    return capsys.readouterr().out


def test_events_as_gdelt_style_tsv(db, capsys):
    out = run(capsys, "events", "--format", "gdelt", "--db", db)
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))
    assert out.splitlines()[0].split("\t") == export.GDELT_COLUMNS
    with Hronika(db=db) as h:
        events = h.events(limit=1000).items
    assert [int(r["GlobalEventID"]) for r in rows] == [e["id"] for e in events]  # one row per merged event
    met = next(r for r in rows if r["EventDate"] == "2025-03-19")
    assert (met["Day"], met["MonthYear"], met["Year"]) == ("20250319", "202503", "2025")
    assert (met["Actor1Code"], met["Actor2Code"]) == ("PER-Alexander-Lukashenko", "PER-Vladimir-Putin")
    assert "Лукашенко" in met["Actor1Name"] and "Путин" in met["Actor2Name"]
    assert (met["EventType"], met["CooperationScore"], met["NumMentions"], met["NumArticles"]) == ("CONSULT", "1.0", "2", "2")
    assert met["NumSources"] == "2" and met["Contested"] == "1"  # two outlets; the dates differ
    assert (met["FirstReportDocument"], met["FirstReportDate"], met["SOURCEURL"]) == (
        "d-bg", "2025-03-20", "https://news0.example/d-bg")
    agreed = next(r for r in rows if r["EventDate"] == "2025-06-01")
    assert agreed["Contested"] == "0"
    released = next(r for r in rows if r["EventType"] == "RETREAT")
    assert (released["EventMode"], released["CooperationScore"], released["Actor2Code"]) == ("release", "5.0", "")


def test_events_as_polecat_style_json_with_evidence_sentences(db, capsys, tmp_path):
    assert cli.main(["export", "events", "--format", "polecat", "-o", str(tmp_path / "e.jsonl"), "--db", db]) == 0
    records = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = {i: t for i, _, t in pair_corpus.CONTESTED}
    assert records and {"event_id", "event_type", "event_mode", "event_date", "actors", "recipients",
                        "evidence"} <= set(records[0])
    met = next(r for r in records if r["date_value"] == "2025-03-19")
    assert met["actors"] == [{"key": "PER-Alexander-Lukashenko", "name": met["actors"][0]["name"]}]
    assert [(e["document"], e["date"]) for e in met["evidence"]] == [("d-bg", "2025-03-19"), ("d-ru", "2025-03-20")]
    for r in records:
        for e in r["evidence"]:
            assert e["sentence"] in texts[e["document"]] and e["trigger"] == texts[e["document"]][e["start"]:e["end"]]
            assert e["trigger"] in e["sentence"]
    assert f"exported {len(records)} merged events row(s)" in capsys.readouterr().err
    with Hronika(db=db) as h:
        assert [r["event_id"] for r in h.export_chronicle("events-polecat")] == [r["event_id"] for r in records]


def test_quotes_as_csv_one_row_per_merged_quote(db, capsys):
    out = run(capsys, "quotes", "--merged", "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0].split(",") == export.QUOTE_COLUMNS
    said = [r for r in rows if "Готови сме за диалог" in r["text"]]
    assert len(said) == 1  # told by two articles: one quote
    q = said[0]
    assert (q["speaker_key"], q["direct"], q["date"], q["documents"], q["articles"]) == (
        "PER-Alexander-Lukashenko", "direct", "2025-12-11", "q-bg;q-bg2", "2")
    assert "Лукашенко" in q["speaker_name"] and q["first_document"] == "q-bg"


def test_the_per_article_exports_are_unchanged(db, capsys):
    raw = list(csv.DictReader(io.StringIO(run(capsys, "quotes", "--format", "csv", "--db", db))))
    assert raw and "doc" in raw[0] and "speaker_key" not in raw[0]  # one row per quote of each article
    lines = run(capsys, "events", "--db", db).splitlines()
    assert json.loads(lines[0])["doc"]


@pytest.mark.parametrize("args,words", [
    (["quotes", "--format", "gdelt"], "exports merged events"),
    (["entities", "--merged"], "events or quotes"),
    (["events", "--merged", "--format", "csv"], "gdelt (TSV) or polecat"),
])
def test_formats_that_do_not_fit_the_table_are_refused(db, capsys, args, words):
    assert cli.main(["export", *args, "--db", db]) == 2
    assert words in capsys.readouterr().err


def test_every_export_column_is_documented():
    doc = (ROOT / "docs" / "CHRONICLE.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Exports"):]
    for column in export.GDELT_COLUMNS + export.QUOTE_COLUMNS + [
            "event_id", "event_type", "event_mode", "event_date", "date_value", "actors", "recipients", "sources",
            "cooperation_score", "num_mentions", "num_articles", "num_sources", "first_report", "disagreements",
            "evidence"]:
        assert f"`{column}`" in section, column
