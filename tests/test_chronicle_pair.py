"""Cooperation and conflict between two entities over time: the scale's data, and the score per
period of the chronicle events between them (either direction), over articles written for these
tests; a negated meeting does not count, nor an event only one of them takes part in."""
import json
import re
from pathlib import Path

import pytest

import pair_corpus

from hronika import cli
from hronika.api import Hronika
from hronika.chronicle import QueryError, pair

LUK, PUTIN = "PER-Alexander-Lukashenko", "PER-Vladimir-Putin"
ROOT = Path(__file__).resolve().parents[1]

# Written for these tests: CONSULT and ACCUSE in March, praise (SUPPORT) and a negated meeting in
# April, both signing together (SUPPORT) in May; a refusal by Putin alone.
ARTICLES = [
    ("pr-meet", "2025-03-20", "Лукашенко се срещна с Путин в Москва на 19 март."),
    ("pr-accuse", "2025-03-25", "Путин обвини Лукашенко в нелоялност на 24 март."),
    ("pr-praise", "2025-04-20", "Лукашенко похвали Путин на 19 април."),
    ("pr-not", "2025-04-22", "Лукашенко не се срещна с Путин на 21 април."),
    ("pr-alone", "2025-04-24", "Путин отказа да приеме делегацията на 23 април."),
    ("pr-sign", "2025-06-06", "Лукашенко и Путин подписаха споразумение на 5 юни."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory, module_store_url):  # SQLite, and PostgreSQL where its server is installed
    return pair_corpus.store_url(module_store_url, tmp_path_factory.mktemp("pair"), ARTICLES)


@pytest.fixture
def h(db):
    with Hronika(db=db) as h:
        yield h


def test_every_plover_type_and_every_mode_the_events_stage_gives_has_a_score():
    data = pair.scale()
    assert data["_source"] and (data["min"], data["max"]) == (-10, 10)
    glosses = json.loads((ROOT / "hronika/web/plover.json").read_text(encoding="utf-8"))
    assert set(data["types"]) == {k for k in glosses if not k.startswith("_")}
    for path in (ROOT / "hronika/lang").glob("*/event_triggers.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 3 or not cols[2].strip():
                continue
            type_, mode = cols[1].strip(), cols[2].strip()
            if mode == "obj":  # a roles column written where the mode goes (en, ru): the type's score
                assert pair.score(type_, mode) == data["types"][type_]["score"]
                continue
            assert mode in data["types"][type_].get("modes", {}), (path.name, type_, mode)
    for entry in data["types"].values():
        assert all(-10 <= v <= 10 for v in [entry["score"], *entry.get("modes", {}).values()])
    # material acts weigh more than words, violence most
    assert pair.score("ASSAULT", "kill") == -10 and pair.score("AID") > pair.score("SUPPORT") > pair.score("CONSULT")
    assert pair.score("ACCUSE") > pair.score("THREATEN") > pair.score("ASSAULT")
    assert pair.score("CONSULT", "visit") == 2 and pair.score("CONSULT", "no such mode") == 1
    assert pair.score("NOT-A-TYPE") is None


def test_the_pair_scores_count_the_events_between_them_per_month(h):
    out = h.pair_scores(LUK, PUTIN)
    by = {p["period"]: p for p in out["periods"]}
    assert list(by) == ["2025-03", "2025-04", "2025-05", "2025-06"]  # May: none, still listed
    assert (by["2025-03"]["events"], by["2025-03"]["sum"], by["2025-03"]["mean"]) == (2, -2.0, -1.0)  # +1 -3
    assert (by["2025-04"]["events"], by["2025-04"]["mean"]) == (1, 3.0)  # praise; the negated meeting left out
    assert (by["2025-05"]["events"], by["2025-05"]["mean"], by["2025-05"]["ids"]) == (0, None, [])
    assert by["2025-06"]["events"] == 1 and by["2025-06"]["mean"] > 0
    assert out["total"]["events"] == 4 and out["total"]["sum"] == sum(p["sum"] for p in out["periods"])
    types = {e["id"]: (e["type"], e["direction"]) for e in out["events"]}
    assert sorted(types[i] for i in by["2025-03"]["ids"]) == [("ACCUSE", "b->a"), ("CONSULT", "a->b")]
    assert sorted(i for p in out["periods"] for i in p["ids"]) == sorted(types)
    for e in out["events"]:  # each event is the chronicle's, between the two
        ev = h.event(e["id"])
        assert {LUK, PUTIN} <= set(ev["actors"]) | set(ev["recipients"])
        assert e["score"] == pair.score(ev["type"], ev["mode"])
    # the other way round: the same events, the directions swapped
    back = h.pair_scores(PUTIN, LUK)
    assert [p["mean"] for p in back["periods"]] == [p["mean"] for p in out["periods"]]
    assert {e["id"]: e["direction"] for e in back["events"]}[by["2025-03"]["ids"][0]] != "together"


def test_the_pair_scores_by_week_and_day_and_in_a_period(h):
    weeks = h.pair_scores(LUK, PUTIN, period="week")
    assert weeks["periods"][0]["period"] == "2025-W12" and weeks["periods"][0]["from"] == "2025-03-17"
    assert sum(p["events"] for p in weeks["periods"]) == 4
    days = h.pair_scores(LUK, PUTIN, "2025-03-01", "2025-03-31", period="day")
    assert [(p["period"], p["events"]) for p in days["periods"] if p["events"]] == [("2025-03-19", 1), ("2025-03-24", 1)]
    assert days["periods"][-1]["period"] == "2025-03-24" and days["from"] == "2025-03-01"
    assert h.pair_scores(LUK, PUTIN, "2026-01-01")["periods"] == []
    for bad in (dict(period="year"), dict(start="March")):
        with pytest.raises(QueryError):
            h.pair_scores(LUK, PUTIN, **bad)


def test_hronika_pair_prints_a_chart_or_json(db, capsys):
    assert cli.main(["pair", "Лукашенка", "Putin", "--db", db]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"{LUK} and {PUTIN}: 4 event(s)")
    assert re.search(r"2025-03\s+2\s+-1\.0\s+-\|", text) and re.search(r"2025-04\s+1\s+\+3\.0\s+\|\+\+\+", text)
    assert cli.main(["pair", "Лукашенко", "Путин", "--by", "week", "--from", "2025-03-01", "--json", "--db", db]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["by"] == "week" and out["total"]["events"] == 4
    assert cli.main(["pair", "Лукашенко", "Никойникойович", "--db", db]) == 1
    assert "no entity named" in capsys.readouterr().err
    assert cli.main(["pair", "Лукашенко", "Lukashenko", "--db", db]) == 1
