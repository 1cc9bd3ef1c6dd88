"""Queries over the chronicle: an entity by any name in any script, timelines of an entity and of
a pair, first reports, co-occurring entities, cited sources, key-based paging, and the CLI."""
import datetime as dt
import json

import pytest

from hronika import cli
from hronika.api import Hronika
from hronika.chronicle import QueryError
from hronika.document import Document, Entity
from chronicle_articles import BELARUS, LATE, VENEZUELA, jsonl

LUKASHENKO, USA, MINSK = "PER-Alexander-Lukashenko", "GPE-USA", "GPE-Minsk"
ARTICLES = ("article",)  # the timeline's articles only (its events and quotes: test_chronicle_merging.py)


@pytest.fixture(scope="module")
def db(tmp_path_factory, module_store_url):
    folder = tmp_path_factory.mktemp("queries")
    (folder / "in.jsonl").write_text(jsonl(BELARUS + VENEZUELA + [LATE]), encoding="utf-8")
    url = module_store_url
    with Hronika(db=url) as h:
        assert not h.ingest([str(folder / "in.jsonl")]).failures
    return url


@pytest.fixture
def h(db):
    with Hronika(db=db) as h:
        yield h


@pytest.mark.parametrize("name", ["Лукашенко", "Lukashenko", "Лукашенка", "ЛУКАШЕНКО", "Александър Лукашенко",
                                  "Александр Лукашенко", "Лукашенку", LUKASHENKO])
def test_an_entity_is_found_by_any_of_its_names_in_any_script(h, name):
    assert h.entity_key(name) == LUKASHENKO


def test_names_found_only_in_the_stored_articles_and_unknown_names(h):
    assert h.entity_key("Минске") == MINSK == h.entity_key("Minsk")
    assert h.entity_key("Каракасе") == "GPE-Caracas"
    assert h.entity_key("Незнайко Петрушкин") is None and h.entity_key("  ") is None


def test_the_entity_page_data_names_it_in_both_scripts(h):
    e = h.entity(LUKASHENKO)
    assert {"Александър Лукашенко", "Александр Лукашенко"} <= set(e["names"])
    assert {"Лукашенко", "Александър Лукашенко"} <= set(e["surfaces"])
    assert e["documents"] == 4 and (e["first"], e["last"]) == ("2025-11-25", "2025-12-12")


def test_the_timeline_of_an_entity_gives_each_article_with_the_sentences_and_their_dates(h):
    page = h.timeline(LUKASHENKO, kinds=ARTICLES)
    assert [(i["date"], i["doc"]) for i in page.items] == [
        ("2025-11-25", "by-bg-1"), ("2025-11-26", "by-ru-1"), ("2025-12-11", "by-bg-2"), ("2025-12-12", "by-ru-2")]
    assert page.next is None
    for item in page.items:
        assert item["kind"] == "article" and item["sentences"]
        for s in item["sentences"]:
            assert any(m["kb"] == LUKASHENKO and m["text"] in s["text"] for m in s["mentions"])
    # a sentence without him is not there, its time expression neither
    first = page.items[0]
    assert [s["text"] for s in first["sentences"]] == [
        "Президентът на Беларус Александър Лукашенко прие в Минск делегация от САЩ."]
    (meeting,) = page.items[2]["sentences"]
    assert [(t["text"], t["value"]) for t in meeting["timexes"]] == [("на 11 декември", "2025-12-11")]


def test_a_timeline_keeps_to_its_period(h):
    assert [i["doc"] for i in h.timeline(LUKASHENKO, start="2025-12-01", kinds=ARTICLES).items] == ["by-bg-2", "by-ru-2"]
    assert [i["doc"] for i in h.timeline(LUKASHENKO, end="2025-11-25", kinds=ARTICLES).items] == ["by-bg-1"]
    assert h.timeline(LUKASHENKO, start=dt.date(2026, 1, 1)).items == []
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        h.timeline(LUKASHENKO, start="1 December")
    with pytest.raises(QueryError, match="after"):
        h.timeline(LUKASHENKO, start="2025-12-02", end="2025-12-01")


def test_paging_by_cursor_walks_the_whole_timeline_once(h):
    seen, after = [], None
    while True:
        page = h.timeline(LUKASHENKO, limit=1, after=after)
        seen += page.items
        if page.next is None:
            break
        after = page.next
    whole = h.timeline(LUKASHENKO).items
    assert seen == whole and [i["doc"] for i in whole if i["kind"] == "article"] == [
        "by-bg-1", "by-ru-1", "by-bg-2", "by-ru-2"]
    # the meetings, merged; and what he said in by-ru-1 (``Президент Беларуси заявил, что …``)
    assert {i["kind"] for i in whole} == {"article", "event", "quote"}
    assert [i["date"] for i in whole if i["kind"] == "quote"] == ["2025-11-26"]
    assert [(i["date"], i["kind"]) for i in whole] == sorted(
        ((i["date"], i["kind"]) for i in whole), key=lambda dk: (dk[0], ["article", "event", "quote"].index(dk[1])))
    for bad in ("nonsense!", "WzEsMl0", ""):  # garbage; a cursor of another listing ([1, 2]); none
        if bad:
            with pytest.raises(QueryError, match="cursor"):
                h.timeline(LUKASHENKO, after=bad)
    with pytest.raises(QueryError, match="limit"):
        h.timeline(LUKASHENKO, limit=0)


def test_the_timeline_of_a_pair_has_the_sentences_that_name_both(h):
    page = h.timeline(LUKASHENKO, USA, kinds=ARTICLES)
    assert [i["doc"] for i in page.items] == ["by-bg-1", "by-ru-1", "by-bg-2", "by-ru-2"]
    for item in page.items:
        for s in item["sentences"]:
            assert {m["kb"] for m in s["mentions"]} >= {LUKASHENKO, USA}
    # the USA through an adjective counts; the sentence that names the USA without him does not
    assert [s["text"] for s in page.items[1]["sentences"]] == [
        "Александр Лукашенко встретился в Минске с американской делегацией."]
    # both in one article, never in one sentence: the article, without sentences
    (washington,) = h.timeline(LUKASHENKO, "GPE-WashingtonDC", kinds=ARTICLES).items
    assert washington["doc"] == "by-ru-1" and washington["sentences"] == []
    assert h.timeline(LUKASHENKO, "GPE-Venezuela").items == []


def test_first_reports(h):
    assert h.first_report(LUKASHENKO)["doc"] == "by-bg-1"
    assert h.first_report("GPE-Venezuela")["doc"] == "ve-bg-1"
    assert h.first_report(LUKASHENKO, start="2025-12-12")["doc"] == "by-ru-2"
    assert h.first_report(LUKASHENKO, "PER-Nicolas-Maduro") is None


def test_entities_seen_together(h):
    page = h.related(LUKASHENKO)
    counts = {r["kb"]: r["documents"] for r in page.items}
    assert counts[MINSK] == 4 and counts[USA] == 4 and counts["GPE-Belarus"] == 3
    assert LUKASHENKO not in counts and "PER-Nicolas-Maduro" not in counts
    docs = [r["documents"] for r in page.items]
    assert docs == sorted(docs, reverse=True)
    paged, after = [], None
    while True:
        p = h.related(LUKASHENKO, limit=2, after=after)
        paged += p.items
        if not p.next:
            break
        after = p.next
    assert paged == page.items
    assert h.related(LUKASHENKO, start="2025-12-12").items == [{"kb": MINSK, "documents": 1},
                                                                {"kb": USA, "documents": 1}]


def _sourced(i: int, agency: str, day: str) -> Document:
    doc = Document(f"s{i}", f"Story {i}, told by {agency}.", dt.date.fromisoformat(day))
    doc.set_layer("entities", [Entity("e1", "ORG", agency, f"ORG-{agency}", [(16, 16 + len(agency))]),
                               Entity("e2", "ORG", "Nobody", "", [])])
    doc.set_layer("sources", ["e1", "e2"])
    return doc


def test_sources_and_how_often_each_is_cited(store_url):
    with Hronika(db=store_url) as h:
        assert h.sources().items == []
        for i, (agency, day) in enumerate([("BTA", "2025-01-01"), ("TASS", "2025-01-02"), ("BTA", "2025-02-01")]):
            h.store.save(_sourced(i, agency, day))
        items = h.sources().items
        assert items == sorted(items, key=lambda r: (-r["documents"], r["source"]))
        assert {r["source"]: r["documents"] for r in items} == {"Nobody": 3, "ORG-BTA": 2, "ORG-TASS": 1}
        assert {r["source"]: r["documents"] for r in h.sources(end="2025-01-31").items} == {
            "Nobody": 2, "ORG-BTA": 1, "ORG-TASS": 1}
        first = h.sources(limit=1)
        assert [r["source"] for r in first.items] == ["Nobody"]
        assert [r["source"] for r in h.sources(after=first.next).items] == ["ORG-BTA", "ORG-TASS"]


def run(capsys, *argv):
    rc = cli.main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_timeline_storylines_related(db, capsys):
    rc, out, err = run(capsys, "timeline", "Lukashenko", "--with", "САЩ", "--from", "2025-12-01", "--json", "--db", db)
    assert rc == 0, err
    items = [json.loads(line) for line in out.splitlines()]
    assert [i["doc"] for i in items if i["kind"] == "article"] == ["by-bg-2", "by-ru-2"]
    rc, out, _ = run(capsys, "timeline", "Лукашенка", "--db", db)
    assert rc == 0 and "на 11 декември = 2025-12-11" in out and out.startswith("2025-11-25  by-bg-1")
    rc, out, _ = run(capsys, "storylines", "--json", "--db", db)
    lines = [json.loads(line) for line in out.splitlines()]
    assert rc == 0 and {frozenset(s["documents"]) for s in lines} == {
        frozenset(r[0] for r in BELARUS + [LATE]), frozenset(r[0] for r in VENEZUELA)}
    assert all(list(s) == ["id", "title", "documents", "entities", "start", "end"] for s in lines)
    rc, out, _ = run(capsys, "related", "Минск", "--json", "--db", db)
    assert rc == 0 and json.loads(out.splitlines()[0])["documents"] == 4


@pytest.mark.parametrize("argv, message", [
    (["timeline", "Незнайко"], "error: no entity named 'Незнайко'"),
    (["timeline", "Лукашенко", "--with", "Незнайко"], "error: no entity named 'Незнайко'"),
    (["related", "Незнайко"], "error: no entity named 'Незнайко'"),
])
def test_cli_unknown_names_are_one_line_errors(db, capsys, argv, message):
    rc, out, err = run(capsys, *argv, "--db", db)
    assert rc == 1 and err.strip().startswith(message) and len(err.strip().splitlines()) == 1 and out == ""


def test_cli_a_bad_date_is_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["timeline", "Лукашенко", "--from", "yesterday", "--db", db])
    assert exc.value.code == 2 and "is not a date" in capsys.readouterr().err
