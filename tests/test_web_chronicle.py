"""The chronicle's pages through FastAPI's TestClient: storylines, timelines with zoom by period,
an entity's quotes, events and sources, cited sources; each as a page and as JSON."""
import re
from urllib.parse import parse_qs, urlparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from fastapi.testclient import TestClient

import web_corpus
from hronika.web import create_app, periods
from test_web_app import data, page, walk


@pytest.fixture(scope="module")
def h(tmp_path_factory):
    h = web_corpus.build(tmp_path_factory.mktemp("webchron") / "web.db")
    yield h
    h.close()


@pytest.fixture(scope="module")
def client(h):
    return TestClient(create_app(h), raise_server_exceptions=True)


def links(html, cls):
    return [(m.group(1).replace("&amp;", "&"), re.sub(r"<[^>]+>", "", m.group(2)).strip())
            for m in re.finditer(rf'<a class="{cls}"[^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, re.S)]


# ------------------------------------------------------------------ storylines


def test_storylines_list_every_storyline_once_and_link_their_pages(client, h):
    items, pages = walk(client, "/storylines.json?limit=2")
    assert pages > 1
    assert [s["id"] for s in items] == sorted({s["id"] for s in items})
    assert sum(s["articles"] for s in items) == len(h.ids())
    mine = next(s for s in items if "web-bg-minsk" in h.storyline(s["id"]).documents)
    assert "PER-Alexander-Lukashenko" in [e["kb"] for e in mine["entities"]]
    text = page(client, "/storylines")
    assert f'href="/storyline/{items[0]["id"]}"' in text
    assert 'href="/storylines"' in page(client, "/")  # the header and the start page


def test_a_storyline_page_shows_its_entities_span_and_articles_by_date(client, h):
    sid = h.storyline_of("web-ru-minsk").id
    s = data(client, f"/storyline/{sid}.json")
    docs = [t["doc"] for t in s["timeline"]]
    assert {"web-bg-minsk", "web-ru-minsk"} <= set(docs)  # one story across both languages
    assert [t["date"] for t in s["timeline"]] == sorted(t["date"] for t in s["timeline"])
    assert s["start"] == s["timeline"][0]["date"] and s["end"] == s["timeline"][-1]["date"]
    only = data(client, f"/storyline/{sid}.json?kind=article")
    assert [m["month"] for m in only["months"]] == sorted({t["date"][:7] for t in s["timeline"]})
    text = page(client, f"/storyline/{sid}")
    assert 'href="/article/web-ru-minsk"' in text and 'href="/entity/PER-Alexander-Lukashenko"' in text
    assert "<h1>" + s["title"] in text.replace("&#39;", "'")


# ------------------------------------------------------------------ timelines


@pytest.mark.parametrize("name", ["Лукашенко", "Лукашенка", "Lukashenko", "PER-Alexander-Lukashenko"])
def test_a_timeline_takes_a_name_in_any_script_or_a_key(client, name):
    t = data(client, f"/timeline.json?entity={name}&kind=article")
    assert t["entity"]["kb"] == "PER-Alexander-Lukashenko"
    assert [i["doc"] for i in t["items"]] == ["web-bg-minsk", "web-ru-minsk", "web-bg-release", "web-ru-deal"]
    assert t["articles"] == 4 and t["period"]["level"] == "all" and t["up"] is None


def test_zoom_narrows_to_a_year_a_month_a_week_and_back_out(client):
    t = data(client, "/timeline.json?entity=Лукашенко&kind=article")
    assert [(z["label"], z["articles"]) for z in t["zoom"]] == [("2025", 4)]
    year = data(client, "/timeline.json?entity=Лукашенко&kind=article&from=2025-01-01&to=2025-12-31")
    assert year["period"]["level"] == "year" and year["up"]["level"] == "all"
    assert [(z["label"], z["articles"]) for z in year["zoom"]] == [("2025-11", 2), ("2025-12", 2)]
    dec = year["zoom"][1]
    month = data(client, f"/timeline.json?entity=Лукашенко&kind=article&from={dec['from']}&to={dec['to']}")
    assert month["period"]["label"] == "2025-12" and month["up"]["label"] == "2025"
    assert [i["doc"] for i in month["items"]] == ["web-bg-release", "web-ru-deal"]
    assert [(z["from"], z["to"], z["articles"]) for z in month["zoom"]] == [("2025-12-08", "2025-12-14", 2)]
    week = data(client, "/timeline.json?entity=Лукашенко&from=2025-12-08&to=2025-12-14")
    assert week["period"]["level"] == "week" and week["zoom"] == [] and week["up"]["label"] == "2025-12"
    # The page's links are the same periods.
    text = page(client, f"/timeline?entity=Лукашенко&from={dec['from']}&to={dec['to']}")
    out = links(text, "out")
    assert len(out) == 1 and parse_qs(urlparse(out[0][0]).query) == {
        "entity": ["PER-Alexander-Lukashenko"], "from": ["2025-01-01"], "to": ["2025-12-31"]}
    narrow = links(text, "period")
    assert [parse_qs(urlparse(u).query)["from"] for u, _ in narrow] == [["2025-12-08"]]


def test_a_timeline_marks_the_entity_and_the_time_expressions_in_each_sentence(client):
    text = page(client, "/timeline?entity=Лукашенко&from=2025-12-11&to=2025-12-11")
    assert re.search(r'<a class="hit" title="PER-Alexander-Lukashenko" href="/entity/PER-Alexander-Lukashenko">'
                     r'Александр Лукашенко</a> <span class="timex" title="DATE 2025-12-11"', text)
    assert "<code title=\"11 декабря\">2025-12-11</code>" in text


def test_the_timeline_of_a_pair_holds_the_articles_and_sentences_naming_both(client):
    t = data(client, "/timeline.json?entity=Лукашенко&with=САЩ&kind=article")
    assert t["with"]["kb"] == "GPE-USA"
    # web-bg-release names the US by an adjective, which the reading links to the country.
    assert [i["doc"] for i in t["items"]] == ["web-bg-minsk", "web-ru-minsk", "web-bg-release", "web-ru-deal"]
    for item in t["items"]:
        for s in item["sentences"]:
            assert {m["kb"] for m in s["mentions"]} == {"PER-Alexander-Lukashenko", "GPE-USA"}
    same = data(client, "/timeline.json?entity=Лукашенко&with=Lukashenko")
    assert same["with"] is None and same["articles"] == 4
    assert "that mention both" in page(client, "/timeline?entity=Лукашенко&with=САЩ")


def test_a_timeline_draws_merged_events_and_quotes_beside_the_articles(client, h):
    t = data(client, "/timeline.json?entity=Лукашенко")
    assert t["kinds"] == ["article", "event", "quote"]
    kinds = [i["kind"] for i in t["items"]]
    assert {"article", "event", "quote"} <= set(kinds)
    order = {"article": 0, "event": 1, "quote": 2}
    assert [(i["date"], order[i["kind"]]) for i in t["items"]] == sorted((i["date"], order[i["kind"]]) for i in t["items"])
    deal = next(i["event"] for i in t["items"] if i["kind"] == "event" and i["event"]["date"] == "2025-12-11")
    assert deal["type"] == "CONSULT" and [a["kb"] for a in deal["actors"]] == ["PER-Alexander-Lukashenko"]
    assert "Лукашенко" in deal["actors"][0]["name"] and deal["first_report"]["document"] == "web-ru-deal"
    said = next(i["quote"] for i in t["items"] if i["kind"] == "quote" and "большой сделке" in i["quote"]["text"])
    assert said["speaker"]["kb"] == "PER-Alexander-Lukashenko" and said["direct"]
    # the same items as the library's timeline, with names
    lib = h.timeline("PER-Alexander-Lukashenko", limit=100).items
    assert [(i["kind"], i.get("doc") or i[i["kind"]]["id"]) for i in t["items"]] == [
        (i["kind"], i.get("doc") or i[i["kind"]]["id"]) for i in lib]
    text = page(client, "/timeline?entity=Лукашенко")
    assert f'href="/event/{deal["id"]}"' in text and "Мы готовы к большой сделке" in text
    assert re.search(r'<input type="checkbox" name="kind" value="event" checked>', text)


@pytest.mark.parametrize("kinds", [["event"], ["quote"], ["event", "quote"], ["article", "quote"]])
def test_a_timeline_shows_only_the_kinds_asked_for_and_pages_through_them(client, kinds):
    query = "&".join(f"kind={k}" for k in kinds)
    whole = data(client, f"/timeline.json?entity=Лукашенко&{query}&limit=200")
    assert whole["kinds"] == [k for k in ("article", "event", "quote") if k in kinds]
    assert whole["items"] and {i["kind"] for i in whole["items"]} == set(kinds)
    paged, pages = walk(client, f"/timeline.json?entity=Лукашенко&{query}&limit=1")
    assert pages == len(whole["items"]) and paged == whole["items"]
    text = page(client, f"/timeline?entity=Лукашенко&{query}&limit=1")
    nxt = re.search(r'<a rel="next" href="\?([^"]+)"', text).group(1).replace("&amp;", "&")
    assert parse_qs(nxt)["kind"] == kinds  # the next page keeps the filter


def test_an_unknown_kind_is_a_422(client):
    r = client.get("/timeline.json?entity=Лукашенко&kind=tweet")
    assert r.status_code == 422 and "tweet" in r.json()["detail"]


def test_a_storyline_page_shows_the_events_and_quotes_its_articles_tell(client, h):
    sid = h.storyline_of("web-ru-deal").id
    s = data(client, f"/storyline/{sid}.json")
    docs = set(h.storyline(sid).documents)
    for ev in s["events"]:
        told = {m["document"] for m in h.event(ev["id"])["mentions"]}
        assert told & docs
    assert any(q["text"] == "Мы готовы к большой сделке" for q in s["quotes"])
    items = [i for m in s["months"] for i in m["items"]]
    assert {i["kind"] for i in items} == {"article", "event", "quote"}
    assert len([i for i in items if i["kind"] == "event"]) == len(s["events"])
    only = data(client, f"/storyline/{sid}.json?kind=event")
    assert {i["kind"] for m in only["months"] for i in m["items"]} == {"event"}
    text = page(client, f"/storyline/{sid}")
    assert f'href="/event/{s["events"][0]["id"]}"' in text and "Мы готовы к большой сделке" in text


def test_an_unknown_name_is_a_clear_404_page(client):
    text = page(client, "/timeline?entity=Никойникойович", 404)
    assert "no entity named &#39;Никойникойович&#39;" in text and "try another spelling" in text


def test_periods_know_years_months_weeks_and_ranges():
    import datetime as dt
    d = dt.date.fromisoformat
    assert periods.of(d("2024-02-01"), d("2024-02-29"))["level"] == "month"
    assert periods.of(d("2025-12-29"), d("2026-01-04"))["label"].startswith("2026-W01")
    assert periods.up(periods.of(d("2025-12-29"), d("2026-01-04")))["label"] == "2026-01"
    r = periods.of(d("2025-03-05"), d("2025-03-20"))
    assert r["level"] == "range" and periods.up(r)["label"] == "2025-03"
    assert [p["label"][:8] for p in periods.down(r, {"2025-03-06": 1, "2025-03-19": 2, "2025-04-01": 5})] == [
        "2025-W10", "2025-W12"]


# ------------------------------------------------------------------ the entity page's chronicle


def test_the_entity_page_shows_quotes_by_and_about_it_its_events_and_sources(client):
    e = data(client, "/entity/PER-Alexander-Lukashenko.json")
    by = [q["text"] for q in e["quotes_by"]]
    assert "Мы готовы к большой сделке" in by and [q["direct"] for q in e["quotes_by"]].count(True) == 1
    about = e["quotes_about"]
    assert [(q["speaker"]["name"], q["doc"]) for q in about] == [("Мат Милър", "web-bg-release")]
    roles = {(ev["doc"], ev["type"], ev["role"]) for ev in e["events"]}
    assert ("web-ru-deal", "CONSULT", "actor") in roles
    assert ("web-bg-release", "CONSULT", "recipient") in roles
    assert {s["name"] for s in e["sources"]} >= {"БТА", "БелТА"}
    text = page(client, "/entity/PER-Alexander-Lukashenko")
    for words in ("Quotes by", "Quotes about", "Events it takes part in", "First report", "Sources on it",
                  "Мы готовы к большой сделке", "Мат Милър"):
        assert words in text, words


def test_sources_are_listed_most_cited_first_and_link_their_entities(client, h):
    items, _ = walk(client, "/sources.json?limit=3")
    assert [(s["source"], s["articles"]) for s in items] == [
        (s["source"], s["documents"]) for s in h.sources(limit=1000).items]
    counts = [s["articles"] for s in items]
    assert counts == sorted(counts, reverse=True)
    bta = next(s for s in items if s["name"] == "БТА")
    assert bta["articles"] >= 2 and bta["kb"]  # a sample and an article written here
    assert f'href="/entity/{bta["kb"]}"' in page(client, "/sources")


def test_markup_in_articles_is_escaped_on_the_chronicle_pages(client, h):
    sid = h.storyline_of("web-xss").id
    for url in (f"/storyline/{sid}", "/timeline?entity=София", "/entity/GPE-Sofia"):
        text = page(client, url)
        assert "<script" not in text and "<img" not in text, url
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page(client, f"/storyline/{sid}")
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page(client, "/timeline?entity=София")
    plovdiv = data(client, "/timeline.json?entity=Пловдив")["entity"]["kb"]
    quoted = data(client, f"/entity/{plovdiv}.json")["quotes_about"] + data(client, f"/entity/{plovdiv}.json")["quotes_by"]
    assert any("<img src=x onerror=alert(5)>" in q["text"] for q in quoted)  # JSON keeps the text
    text = page(client, f"/entity/{plovdiv}")
    assert "<img" not in text and "&lt;img src=x onerror=alert(5)&gt;" in text


@settings(max_examples=40, deadline=None)
@given(entity=st.text(max_size=12), with_=st.one_of(st.none(), st.text(max_size=12)),
       start=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
       end=st.one_of(st.none(), st.dates().map(str)), cursor=st.one_of(st.none(), st.text(max_size=20)))
def test_any_timeline_query_gets_an_answer_never_a_server_error(client, entity, with_, start, end, cursor):
    params = {k: v for k, v in {"entity": entity, "with": with_, "from": start, "to": end,
                                "cursor": cursor}.items() if v is not None}
    for path in ("/timeline", "/timeline.json"):
        r = client.get(path, params=params)
        assert r.status_code in (200, 400, 404, 422), (params, r.text[:300])
