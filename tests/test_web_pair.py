"""The pair page through FastAPI's TestClient: the cooperation–conflict chart of two entities as
an inline SVG drawn on the server, its JSON twin (the library's figures with names), the links to
it from the entity page and the pair timeline, and clear 4xx answers."""
import re
from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient

import pair_corpus
from hronika.web import create_app
from test_web_app import data, page

S, C = pair_corpus.SERBIA, pair_corpus.CROATIA


@pytest.fixture(scope="module")
def h(tmp_path_factory):
    h = pair_corpus.build(tmp_path_factory.mktemp("webpair") / "pair.db")
    yield h
    h.close()


@pytest.fixture(scope="module")
def client(h):
    return TestClient(create_app(h), raise_server_exceptions=True)


def test_the_json_twin_gives_the_librarys_figures_with_names(client, h):
    p = data(client, "/pair.json?a=Сърбия&b=Хърватия")
    lib = h.pair_scores(S, C)
    assert (p["a"]["kb"], p["b"]["kb"]) == (S, C) and p["a"]["name"] == "Сърбия"
    assert p["periods"] == lib["periods"] and p["total"] == lib["total"]
    assert [m["mean"] for m in p["periods"]] == [-3, 3, 7, -6, -5, 1, -6]  # the conditional attack left out
    assert [e["id"] for e in p["events"]] == [e["id"] for e in reversed(lib["events"])]  # newest first
    june = next(e for e in p["events"] if e["type"] == "CONSULT")
    assert june["counts"]["articles"] == 2 and june["score"] == 1  # told in both languages: one event
    weeks = data(client, f"/pair.json?a={S}&b={C}&by=week&from=2025-03-01&to=2025-04-30")
    assert weeks["by"] == "week" and sum(w["events"] for w in weeks["periods"]) == 2


def test_the_page_draws_one_bar_per_period_up_for_cooperation_down_for_conflict(client):
    text = page(client, "/pair?a=Сърбия&b=Хърватия")
    assert "<script" not in text and "<svg" in text
    bars = re.findall(r'<rect class="bar (\w+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', text)
    assert [b[0] for b in bars] == ["neg", "pos", "pos", "neg", "neg", "pos", "neg"]
    zero = float(re.search(r'<line class="grid zero"[^>]*y1="([\d.]+)"', text).group(1))
    for kind, x, y, w, hgt in bars:  # bars stand on the zero line, on their side of it
        top, bottom = float(y), float(y) + float(hgt)
        assert (bottom == pytest.approx(zero, abs=0.2)) if kind == "pos" else (top == pytest.approx(zero, abs=0.2))
    aid = bars[2]  # +7 is taller than +3
    assert float(aid[4]) > float(bars[1][4]) * 2
    assert "2025-03: 1 event, mean +7.0" in text
    links = [parse_qs(urlparse(u.replace("&amp;", "&")).query) for u in re.findall(r'<a class="bar-link" href="([^"]+)"', text)]
    assert links[2] == {"entity": [S], "with": [C], "from": ["2025-03-01"], "to": ["2025-03-31"], "kind": ["event"]}
    assert 'href="/event/' in text and "Their events, newest first" in text


def test_the_entity_page_and_the_pair_timeline_link_to_the_chart(client):
    text = page(client, f"/entity/{S}")
    assert f'href="/pair?a={S}&amp;b={C}"' in text
    assert f'href="/pair?a={S}&amp;b={C}"' in page(client, "/timeline?entity=Сърбия&with=Хърватия")
    assert "/pair?" not in page(client, "/timeline?entity=Сърбия")  # no pair, no chart


def test_a_pair_without_events_says_so(client):
    text = page(client, "/pair?a=Сърбия&b=Хърватия&from=2030-01-01")
    assert "no event between them" in text and "<svg" not in text


@pytest.mark.parametrize("url,status,words", [
    ("/pair.json?a=Сърбия", 422, "b: Field required"),
    ("/pair.json?a=Сърбия&b=Сърбия", 422, "same entity"),
    ("/pair.json?a=Сърбия&b=Никойникойович", 404, "no entity named"),
    ("/pair.json?a=Сърбия&b=Хърватия&by=year", 422, "by:"),
    ("/pair.json?a=Сърбия&b=Хърватия&from=2025-13-01", 422, "from"),
    ("/pair.json?a=Сърбия&b=Хърватия&from=2025-05-01&to=2025-01-01", 422, "after"),
    ("/pair?a=Сърбия&b=", 422, "b"),
])
def test_bad_pair_requests_get_a_4xx_with_a_message(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status and words in r.text, r.text[:300]


def test_the_pair_endpoint_is_in_the_openapi_document(client):
    spec = data(client, "/openapi.json")
    params = {p["name"] for p in spec["paths"]["/pair.json"]["get"]["parameters"]}
    assert params == {"a", "b", "from", "to", "by"}
