"""The event page and the events list through FastAPI's TestClient, over a store of articles
written for these tests: one meeting told in Bulgarian and in Russian (one of them with markup
in its sentence) merges into one chronicle event with both as evidence; a later meeting is another."""
import re

import pytest
from fastapi.testclient import TestClient

from hronika.api import Hronika
from hronika.web import create_app
from test_web_app import data, page, walk

LUK, COLE = "PER-Alexander-Lukashenko", "PER-x-jn-kl"
# Written for these tests.
ARTICLES = [
    dict(id="ev-bg", date="2025-10-03", title="Лукашенко и Коул разговаряха в Минск",
         text="Александър Лукашенко се срещна в Минск с пратеника на САЩ Джон Коул на 2 октомври "
              "<b>onclick=x</b>. Двамата говориха за търговията."),
    dict(id="ev-ru", date="2025-10-04", title="Лукашенко принял посланника США",
         text="Александр Лукашенко встретился в Минске со спецпосланником США 2 октября. "
              "Стороны обсудили торговлю."),
    dict(id="ev-later", date="2025-11-06", title="Путин прие Лукашенко",
         text="Владимир Путин прие Александър Лукашенко в Москва на 5 ноември."),
]


@pytest.fixture(scope="module")
def h(tmp_path_factory):
    h = Hronika(db=f"sqlite:///{tmp_path_factory.mktemp('webev') / 'ev.db'}")
    for a in ARTICLES:
        assert h.store.save(h.read_text(a["text"], a["date"], a["id"], title=a["title"])).status == "stored"
    h.catch_up()  # the chronicle
    yield h
    h.close()


@pytest.fixture(scope="module")
def client(h):
    return TestClient(create_app(h), raise_server_exceptions=True)


@pytest.fixture(scope="module")
def meeting(h):
    evs = [e for e in h.events(entities=[LUK, COLE], types=["CONSULT"]).items]
    assert len(evs) == 1, evs
    return evs[0]


def test_the_event_json_gives_both_reports_as_evidence_with_the_trigger_cut_out(client, meeting):
    ev = data(client, f"/event/{meeting['id']}.json")
    assert (ev["type"], ev["date"], ev["gloss"]) == ("CONSULT", "2025-10-02", "met, talked or visited (a meeting, a call, a visit)")
    assert [a["kb"] for a in ev["actors"]] == [LUK] and "Лукашенко" in ev["actors"][0]["name"]
    assert ev["counts"]["articles"] == 2 and ev["counts"]["mentions"] == 2
    assert ev["first_report"] == {"document": "ev-bg", "date": "2025-10-03", "title": ARTICLES[0]["title"]}
    by_doc = {m["document"]: m for m in ev["mentions"]}
    assert set(by_doc) == {"ev-bg", "ev-ru"}
    for a in ARTICLES[:2]:
        m = by_doc[a["id"]]
        assert a["text"][m["start"]:m["end"]] == m["trigger"] and m["title"] == a["title"] and m["reported"] == a["date"]
        assert "".join(p["text"] for p in m["parts"]) == m["sentence"] and m["sentence"] in a["text"]
        assert [p["text"] for p in m["parts"] if p["trigger"]] == [m["trigger"]]
    assert by_doc["ev-bg"]["trigger"].startswith("се срещна") and by_doc["ev-ru"]["trigger"].startswith("встретился")
    # Cole is named only by the Bulgarian report (the Russian one says "the US envoy").
    assert {(d["kb"], tuple(d["documents"])) for d in ev["disagreements"]["participants"]} >= {(COLE, ("ev-bg",))}
    assert ev["disagreements"]["date"] == []


def test_the_event_page_highlights_each_trigger_in_its_sentence_and_links_articles_and_entities(client, meeting):
    text = page(client, f"/event/{meeting['id']}")
    ev = data(client, f"/event/{meeting['id']}.json")
    for m in ev["mentions"]:
        assert f'<mark class="trigger">{m["trigger"]}</mark>' in text
        assert f'href="/article/{m["document"]}"' in text
    assert f'<a href="/entity/{LUK}">{ev["actors"][0]["name"]}</a>' in text
    assert f">{LUK}<" not in text  # names, not keys
    assert "met, talked or visited" in text and "2 articles" in text
    assert re.search(r'named only in <a href="/article/ev-bg">Лукашенко и Коул разговаряха в Минск</a>', text)


def test_markup_in_an_evidence_sentence_is_shown_as_text(client, meeting):
    text = page(client, f"/event/{meeting['id']}")
    assert "&lt;b&gt;onclick=x&lt;/b&gt;" in text and "<b>onclick" not in text


@pytest.mark.parametrize("url,status", [("/event/987654", 404), ("/event/987654.json", 404), ("/event/abc", 422),
                                        ("/event/abc.json", 422), ("/event/0.json", 422), ("/event/-3.json", 422),
                                        ("/event/1.5.json", 422)])
def test_an_unknown_event_is_a_404_and_a_malformed_id_a_422(client, url, status):
    r = client.get(url)
    assert r.status_code == status, r.text[:200]
    if url.endswith(".json"):
        assert r.json()["detail"]


def test_the_events_list_pages_by_cursor_and_filters(client, h, meeting):
    items, pages = walk(client, "/events.json?limit=1")
    assert pages == len(items) >= 2
    assert [e["id"] for e in items] == [e["id"] for e in h.events(limit=1000).items]
    mine = data(client, "/events.json?entity=Лукашенко&type=consult&from=2025-10-01&to=2025-10-31")
    assert mine["entity"]["kb"] == LUK and mine["type"] == "CONSULT"
    assert [e["id"] for e in mine["items"]] == [meeting["id"]]
    later = data(client, "/events.json?entity=Лукашенко&from=2025-11-01")["items"]
    assert later and all(e["day"] >= "2025-11-01" for e in later) and meeting["id"] not in [e["id"] for e in later]
    text = page(client, "/events?entity=Лукашенко")
    assert f'href="/event/{meeting["id"]}"' in text and 'href="/events"' in text


@pytest.mark.parametrize("url,status", [("/events.json?entity=Никойнеизвестен", 404), ("/events.json?type=C1", 422),
                                        ("/events.json?from=2025-13-01", 422), ("/events.json?cursor=zzz", 400),
                                        ("/events?limit=0", 422)])
def test_bad_events_parameters_are_4xx_with_a_message(client, url, status):
    r = client.get(url)
    assert r.status_code == status, r.text[:200]


def test_the_entity_page_links_its_merged_events(client, meeting):
    e = data(client, f"/entity/{LUK}.json")
    assert meeting["id"] in [ev["id"] for ev in e["chronicle_events"]]
    text = page(client, f"/entity/{LUK}")
    assert re.search(rf'<a class="event-link" href="/event/{meeting["id"]}">', text)
    assert f'href="/events?entity={LUK}"' in text
