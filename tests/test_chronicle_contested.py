"""Contested events: the reports of one event that disagree on its date, its participants or its
figures are listed together, with what each article says; the library query, `hronika
contested`, `/contested` and its JSON twin with cursor paging, and migration 11 flagging events
merged before it.  Articles written for these tests."""
import json
import sqlite3

import pytest
from fastapi.testclient import TestClient

import pair_corpus
from hronika import cli
from hronika.api import Hronika
from hronika.chronicle.events import figures
from hronika.store import Store
from hronika.store import migrations as M
from hronika.web import create_app
from test_web_app import data, page, walk

LUK, PUTIN, COLE, USA = "PER-Alexander-Lukashenko", "PER-Vladimir-Putin", "PER-x-jn-kl", "GPE-USA"
ARTICLES = pair_corpus.CONTESTED


@pytest.fixture(scope="module")
def db(tmp_path_factory, module_store_url):  # SQLite, and PostgreSQL where its server is installed
    return pair_corpus.store_url(module_store_url, tmp_path_factory.mktemp("contested"), ARTICLES)


@pytest.fixture(scope="module")
def h(db):
    with Hronika(db=db) as h:
        yield h


@pytest.fixture(scope="module")
def client(h):
    return TestClient(create_app(h), raise_server_exceptions=True)


def by_docs(events):
    return {tuple(sorted({m["document"] for m in e["mentions"]})): e for e in events}


def test_the_events_whose_reports_disagree_and_on_what(h):
    items = h.contested(limit=100).items
    found = by_docs(items)
    released = next(e for e in items if e["type"] == "RETREAT")
    assert {m["document"] for m in released["mentions"]} == {"c-bg", "c-ru"}
    assert released["disagreements"]["figures"] == {"14": ["c-bg"], "16": ["c-ru"]}
    met = found[("d-bg", "d-ru")]
    assert met["disagreements"] == {"date": {"2025-03-19": ["d-bg"], "2025-03-20": ["d-ru"]}}
    assert found[("p-bg", "p-ru")]["disagreements"] == {"participants": {USA: ["p-ru"]}}
    # the meeting both report alike is an event, not a contested one
    agreed = [e for e in h.events(entities=[LUK, PUTIN], limit=100).items
              if {m["document"] for m in e["mentions"]} == {"a-bg", "a-ru"}]
    assert len(agreed) == 1 and not agreed[0]["disagreements"]
    assert agreed[0]["id"] not in {e["id"] for e in items}
    assert all(e["disagreements"] for e in items)
    assert [e["day"] for e in items] == sorted(e["day"] for e in items)
    # by entity and period
    assert {e["id"] for e in h.contested([PUTIN]).items} == {met["id"]}
    assert {e["id"] for e in h.contested(start="2025-12-01").items} == {found[("p-bg", "p-ru")]["id"]}


def test_the_figures_a_sentence_gives_leave_out_its_dates():
    with Hronika(db="sqlite://") as h:
        doc = h.read_text("Властите освободиха 1 200 души и платиха 3,5 милиона на 9 април 2025 г.", "2025-04-10", "f")
    assert figures(doc, 0, len(doc.text)) == [1200, 3.5]


def test_hronika_contested_prints_what_each_article_says(db, capsys):
    assert cli.main(["contested", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "    date 2025-03-19: d-bg" in out and "    figure 16: c-ru" in out and "    only named by GPE-USA: p-ru" in out
    assert cli.main(["contested", "--entity", "Путин", "--json", "--db", db]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 1 and set(lines[0]["disagreements"]) == {"date"}
    assert cli.main(["contested", "--from", "2026-01-01", "--db", db]) == 0
    assert capsys.readouterr().out == "no event's reports disagree in that period\n"


def test_the_contested_page_and_its_json_twin_page_by_cursor(client, h):
    whole = data(client, "/contested.json?limit=100")
    assert [e["id"] for e in whole["items"]] == [e["id"] for e in h.contested(limit=100).items]
    paged, pages = walk(client, "/contested.json?limit=1")
    assert pages == len(whole["items"]) > 2 and paged == whole["items"]
    fig = next(e for e in whole["items"] if e["disagreements"]["figures"])
    assert {(x["value"], tuple(x["documents"])) for x in fig["disagreements"]["figures"]} == {("14", ("c-bg",)), ("16", ("c-ru",))}
    who = next(e for e in whole["items"] if e["disagreements"]["participants"])
    assert who["disagreements"]["participants"][0]["kb"] == USA and who["titles"].keys() == {"p-bg", "p-ru"}
    text = page(client, "/contested")
    assert f'href="/event/{fig["id"]}"' in text and "<code>2025-03-20</code>" in text
    assert 'href="/contested"' in page(client, "/events")  # linked from the events list
    assert "/contested?entity=PER-Alexander-Lukashenko" in page(client, "/events?entity=Лукашенко")
    assert data(client, "/contested.json?entity=Путин")["entity"]["kb"] == PUTIN
    assert "figure <code>16</code>" in page(client, f"/event/{fig['id']}")  # the event page says so too
    for url, status in (("/contested.json?cursor=xyz", 400), ("/contested.json?from=2025-99-01", 422),
                        ("/contested.json?entity=Никойникойович", 404)):
        assert client.get(url).status_code == status, url


def test_migration_11_flags_the_events_merged_before_it(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'v10.db'}"
    monkeypatch.setattr(M, "MIGRATIONS", M.MIGRATIONS[:10])
    Store(url).close()
    con = sqlite3.connect(tmp_path / "v10.db")
    for i, disagree in ((1, '{"date": {"2025-03-19": ["a"], "2025-03-20": ["b"]}}'), (2, "{}")):
        con.execute("INSERT INTO chronicle_events (id, type, family, lo, hi, day, actors, recipients, sources, "
                    "mentions, articles, outlets, first_doc, first_date, disagreements, keys) VALUES "
                    "(?, 'CONSULT', 'CONSULT', '2025-03-19', '2025-03-19', '2025-03-19', '[]', '[]', '[]', 1, 1, 1, "
                    "'a', '2025-03-20', ?, '[]')", (i, disagree))
    con.commit()
    con.close()
    monkeypatch.undo()
    with Store(url) as s:
        assert s.schema_version() == M.latest()
        assert [r["id"] for r in s.merged_rows("event", contested=True)] == [1]
