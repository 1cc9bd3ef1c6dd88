"""The web UI and JSON API through FastAPI's TestClient: every route as a page and as JSON, paging
by cursor, 404/400/422, escaping of article text."""
import html.parser
import re

import pytest
from fastapi.testclient import TestClient

import web_corpus
from hronika.web import create_app, highlight


@pytest.fixture(scope="module")
def h(tmp_path_factory):
    h = web_corpus.build(tmp_path_factory.mktemp("web") / "web.db")
    yield h
    h.close()


@pytest.fixture(scope="module")
def client(h):
    return TestClient(create_app(h), raise_server_exceptions=True)


def page(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def data(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def walk(client, url):
    """Every item of a paged list, following ``next`` to the end."""
    items, cursor, pages = [], None, 0
    while True:
        sep = "&" if "?" in url else "?"
        out = data(client, url + (f"{sep}cursor={cursor}" if cursor else ""))
        items += out["items"]
        pages += 1
        cursor = out["next"]
        if cursor is None:
            return items, pages


# ------------------------------------------------------------------ the start page


def test_the_start_page_says_what_to_do_and_what_the_store_holds(client, h):
    text = page(client, "/")
    n = len(h.ids())
    assert f"The chronicle of {n} articles" in text
    assert 'action="/search"' in text and 'name="q"' in text
    assert 'href="/entity/PER-Alexander-Lukashenko"' in text  # among the most mentioned
    home = data(client, "/index.json")
    assert home["store"]["articles"] == n
    assert home["store"]["first"] == "2025-09-30" and home["store"]["last"] == "2025-12-11"
    assert [a["date"] for a in home["articles"]["items"]] == sorted(
        (a["date"] for a in home["articles"]["items"]), reverse=True)
    top = home["entities"]["items"]
    assert top[0]["articles"] == max(e["articles"] for e in top)
    assert data(client, "/.json") == home


def test_an_empty_store_tells_how_to_fill_it(tmp_path):
    from hronika.api import Hronika

    with Hronika(db=f"sqlite:///{tmp_path / 'empty.db'}") as empty:
        text = page(TestClient(create_app(empty)), "/")
    assert "The store is empty" in text and "hronika ingest" in text


# ------------------------------------------------------------------ search


def test_search_in_cyrillic_finds_both_languages_and_marks_the_words(client):
    out = data(client, "/search.json?q=Лукашенко")
    ids = {hit["id"] for hit in out["items"]}
    assert {"web-bg-minsk", "web-ru-minsk"} <= ids
    hit = next(x for x in out["items"] if x["id"] == "web-ru-minsk")
    assert any(p["match"] and p["text"] == "Лукашенко" for p in hit["snippet_parts"])
    assert "[Лукашенко]" in hit["snippet"]
    text = page(client, "/search?q=Лукашенко")
    assert "<mark>Лукашенко</mark>" in text
    assert 'href="/article/web-bg-minsk"' in text
    assert 'value="Лукашенко"' in text  # the box keeps the query


def test_search_pages_by_cursor_without_repeats_or_gaps(client):
    everything = data(client, "/search.json?q=в&limit=200")["items"]
    assert len(everything) > 3
    items, pages = walk(client, "/search.json?q=в&limit=2")
    assert [x["id"] for x in items] == [x["id"] for x in everything]
    assert pages == (len(everything) + 1) // 2 + (len(everything) % 2 == 0)
    html_page = page(client, "/search?q=в&limit=2")
    assert 'rel="next"' in html_page and "cursor=" in html_page


@pytest.mark.parametrize("q", ['"', "AND OR NOT (", "NEAR(a b", "-:*", "'; DROP TABLE documents; --", "\x00"])
def test_search_takes_any_input_as_text(client, q):
    r = client.get("/search.json", params={"q": q})
    assert r.status_code == 200, r.text
    assert client.get("/search", params={"q": q}).status_code == 200
    assert data(client, "/search.json?q=Лукашенко")["items"]  # the store is still there


def test_search_without_words_shows_the_form(client):
    assert data(client, "/search.json") == {"q": "", "entities": [], "quotes": [], "items": [], "next": None}
    assert "every word must occur" in page(client, "/search")


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize("url,status,words", [
    ("/search.json?q=x&limit=0", 422, "limit"),
    ("/search.json?q=x&limit=many", 422, "limit"),
    ("/articles.json?limit=100000", 422, "limit"),
    ("/entities.json?type=CAT", 422, "type"),
    ("/search.json?q=" + "слово " * 100, 422, "q"),
    ("/search.json?q=x&cursor=notacursor", 400, "cursor"),
    ("/articles.json?cursor=WyJ4IiwxXQ", 400, "cursor"),  # ["x",1]: the wrong shape
    ("/timeline.json?entity=Лукашенко&cursor=WzEsMl0", 400, "cursor"),
    ("/timeline.json?entity=Лукашенко&cursor=%%%", 400, "cursor"),
    ("/related.json?entity=GPE-Bulgaria&cursor=WyJ4Il0", 400, "cursor"),
    ("/sources.json?cursor=bad", 400, "cursor"),
    ("/storylines.json?cursor=WyJ4Il0", 400, "cursor"),
    ("/timeline.json", 422, "entity"),
    ("/timeline.json?entity=", 422, "entity"),
    ("/timeline.json?entity=%20%20", 422, "entity"),
    ("/timeline.json?entity=Лукашенко&from=2025-13-01", 422, "from"),
    ("/timeline.json?entity=Лукашенко&to=soon", 422, "to"),
    ("/timeline.json?entity=Лукашенко&from=2025-12-01&to=2025-11-01", 422, "after"),
    ("/timeline.json?entity=Лукашенко&limit=0", 422, "limit"),
    ("/timeline.json?entity=Никойникойович", 404, "Никойникойович"),
    ("/timeline.json?entity=Лукашенко&with=Никойникойович", 404, "Никойникойович"),
    ("/storyline/0.json", 422, "storyline_id"),
    ("/storyline/abc.json", 422, "storyline_id"),
    ("/storyline/99999.json", 404, "99999"),
    ("/storylines.json?limit=201", 422, "limit"),
    ("/related.json", 422, "entity"),
    ("/article/no-such-article.json", 404, "no-such-article"),
    ("/entity/PER-Nobody.json", 404, "PER-Nobody"),
    ("/related.json?entity=PER-Nobody", 404, "PER-Nobody"),
    ("/no/such/page.json", 404, "nothing at"),
])
def test_bad_requests_get_a_4xx_with_a_message_as_json_and_as_a_page(client, url, status, words):
    out = data(client, url, status)
    assert words in out["detail"] and out["status"] == status
    html_url = re.sub(r"\.json(?=\?|$)", "", url)
    text = page(client, html_url, status)
    assert f"{status} ·" in text
    if status != 404 or "nothing" not in words:
        assert words in text.replace("&#39;", "'")


# ------------------------------------------------------------------ articles


def test_articles_page_by_cursor_through_the_whole_store(client, h):
    items, pages = walk(client, "/articles.json?limit=3")
    assert sorted(a["id"] for a in items) == sorted(h.ids())
    assert [(a["date"], a["id"]) for a in items] == sorted(((a["date"], a["id"]) for a in items), reverse=True)
    assert pages == -(-len(items) // 3)  # limit + 1 fetched: no empty page after a full one
    assert all(a["lead"] for a in items)
    assert "Next page" in page(client, "/articles?limit=3")


def test_the_article_page_highlights_every_layer_with_a_legend(client, h):
    text = page(client, "/article/web-bg-minsk")
    assert 'class="legend"' in text
    for label in ("person", "place", "time expression"):
        assert label in text
    assert re.search(r'<a class="ent ent-PER" title="[^"]*" href="/entity/PER-Alexander-Lukashenko">'
                     r'Александър Лукашенко</a>', text)
    assert re.search(r'<span class="timex" title="DATE 2025-11-25" data-value="2025-11-25">вчера</span>', text)
    assert data(client, "/article/web-bg-minsk.json") == h.show("web-bg-minsk")


def test_an_article_with_a_post_shows_it(client, h):
    reading = h.show("2025-11-14-bridge-tweet")
    assert reading["posts"]
    text = page(client, "/article/2025-11-14-bridge-tweet")
    assert '<span class="post"' in text and "@ilie_bolojan" in text and "embedded post" in text


def test_article_ids_with_a_slash_and_a_space_work(client):
    assert data(client, "/article/web%2Fodd%20id.json")["id"] == "web/odd id"
    text = page(client, "/article/web/odd id")
    assert "Пловдив" in text
    home = page(client, "/articles")
    assert 'href="/article/web%2Fodd%20id"' in home


XSS = ("<script", "<img")


@pytest.mark.parametrize("url", ["/", "/articles", "/article/web-xss", "/search?q=читател",
                                 "/search?q=<script>", "/entity/GPE-Sofia", "/timeline?entity=София",
                                 "/storylines", "/article/web-xss.json"])
def test_article_text_and_titles_are_escaped_everywhere(client, url):
    r = client.get(url)
    assert r.status_code == 200
    for bad in XSS:
        assert bad not in r.text.replace("\\u003c", "<") or url.endswith(".json"), (url, bad)
    if url.endswith(".json"):
        assert r.json()["title"] == web_corpus.XSS_TITLE  # JSON carries the text as it is
    elif url == "/article/web-xss":
        assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in r.text
        assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in r.text


def test_pages_forbid_scripts_and_the_docs_keep_theirs(client):
    for url in ("/", "/article/web-xss", "/entity/nope"):
        csp = client.get(url).headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
    assert "content-security-policy" not in client.get("/docs").headers
    assert client.get("/search.json?q=x").headers["x-content-type-options"] == "nosniff"


def test_a_search_for_markup_is_shown_as_text(client):
    text = page(client, '/search?q="><img src=x onerror=alert(3)>')
    assert "<img src=x onerror=alert(3)>" not in text and "&lt;img src=x onerror=alert(3)&gt;" in text


# ------------------------------------------------------------------ entities


def test_the_entity_page_shows_names_in_every_script_its_timeline_and_related(client):
    e = data(client, "/entity/PER-Alexander-Lukashenko.json")
    assert e["type"] == "PER" and e["articles"] == 4
    assert {"Александър Лукашенко", "Александр Лукашенко"} <= set(e["names"])
    assert "Cyrillic" in e["scripts"]
    items = [t for t in e["timeline"]["items"] if t["kind"] == "article"]
    assert [t["doc"] for t in items] == ["web-bg-minsk", "web-ru-minsk", "web-bg-release", "web-ru-deal"]
    s = items[1]["sentences"][0]
    assert s["text"].startswith("Президент Белоруссии")
    assert [m["text"] for m in s["mentions"]] == ["Александр Лукашенко"]
    assert [(t["text"], t["value"]) for t in s["timexes"]] == [("в среду", "2025-11-26")]
    assert e["first_report"]["doc"] == "web-bg-minsk" and e["first_report"]["date"] == "2025-11-26"
    related = {r["kb"]: r["articles"] for r in e["related"]["items"]}
    assert related["GPE-Minsk"] == 4 and related["GPE-USA"] == 4
    text = page(client, "/entity/PER-Alexander-Lukashenko")
    assert re.search(r'<a class="hit"[^>]*href="/entity/PER-Alexander-Lukashenko">Александр Лукашенко</a>', text)
    assert 'href="/timeline?entity=PER-Alexander-Lukashenko"' in text
    assert 'href="/entity/GPE-Minsk"' in text and 'href="/article/web-ru-minsk"' in text
    latin = data(client, "/entity/GPE-Bulgaria.json")["scripts"]
    assert "Latin" in latin and "Bulgaria" in latin["Latin"]  # the tweet's English mention


def test_related_is_the_chronicles_co_occurrence(client, h):
    e = data(client, "/entity/GPE-Bulgaria.json")
    assert [(r["kb"], r["articles"]) for r in e["related"]["items"]] == [
        (r["kb"], r["documents"]) for r in h.related("GPE-Bulgaria", limit=10).items]


def test_entity_lists_page_by_cursor(client):
    e = data(client, "/entity/GPE-Bulgaria.json")
    seen, _ = walk(client, "/timeline.json?entity=GPE-Bulgaria&kind=article&limit=1")
    assert len({t["doc"] for t in seen}) == len(seen) == e["articles"]
    all_entities, _ = walk(client, "/entities.json?limit=4")
    assert len({x["kb"] for x in all_entities}) == len(all_entities) > 20
    counts = [x["articles"] for x in all_entities]
    assert counts == sorted(counts, reverse=True)
    per = data(client, "/entities.json?type=PER&limit=200")["items"]
    assert per and {x["type"] for x in per} == {"PER"}
    rel, _ = walk(client, "/related.json?entity=GPE-Bulgaria&limit=2")
    assert {x["kb"] for x in rel} >= {"GPE-Serbia", "GPE-Greece"}
    assert len({x["kb"] for x in rel}) == len(rel)
    assert "Seen with" in page(client, "/related?entity=GPE-Bulgaria")
    assert "Entities" in page(client, "/entities?type=LOC")


# ------------------------------------------------------------------ API docs


def test_openapi_lists_every_json_route_and_docs_work_offline(client):
    spec = data(client, "/openapi.json")
    for path in ("/index.json", "/search.json", "/articles.json", "/entities.json", "/related.json",
                 "/article/{doc_id}.json", "/entity/{key}.json", "/storylines.json",
                 "/storyline/{storyline_id}.json", "/timeline.json", "/sources.json"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/timeline.json"]["get"]["parameters"]}
    assert params == {"entity", "with", "from", "to", "kind", "cursor", "limit"}
    params = {p["name"] for p in spec["paths"]["/search.json"]["get"]["parameters"]}
    assert params == {"q", "cursor", "limit"}
    entity = spec["paths"]["/entity/{key}.json"]["get"]["responses"]
    assert entity["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Entity")
    assert entity["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert "snippet_parts" in spec["components"]["schemas"]["SearchHit"]["properties"]
    docs = page(client, "/docs")
    assert "cdn" not in docs.lower() and "https://" not in docs
    for asset in re.findall(r'(?:src|href)="(/[^"]+)"', docs):
        assert client.get(asset).status_code == 200, asset
    assert "swagger-ui-bundle.js" in docs
    assert client.get("/redoc").status_code == 200


# ------------------------------------------------------------------ the highlighter


class _Nesting(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.text, self.ok = [], [], True

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        self.ok &= bool(self.stack) and self.stack.pop() == tag

    def handle_data(self, d):
        self.text.append(d)


def test_crossing_layers_nest_and_keep_the_text():
    text = 'Тя каза: „Утре <b> ще дойде Иван“ — и си тръгна.'
    start = text.index("„") + 1
    reading = {
        "text": text,
        "entities": [{"id": "e1", "type": "PER", "name": "Иван", "kb": "PER-Ivan", "mentions": []}],
        "mentions": [{"start": text.index("Иван"), "end": text.index("Иван") + 4, "type": "PER", "entity": "e1"}],
        "timexes": [{"start": start, "end": start + 4, "type": "DATE", "value": "2025-01-02"}],
        # a quote that ends inside the mention, an event trigger that crosses the quote's start
        "quotes": [{"start": start, "end": text.index("Иван") + 2, "direct": True, "speaker": "e1"}],
        "events": [{"type": "CONSULT", "trigger": {"start": 3, "end": start + 2}, "actors": ["e1"]}],
        "posts": [],
    }
    out = highlight.render(reading)
    p = _Nesting()
    p.feed(str(out))
    p.close()
    assert p.ok and not p.stack
    assert "".join(p.text) == text  # nothing lost, nothing added, markup in the text escaped
    assert "&lt;b&gt;" in out
    assert 'class="quote direct"' in out and 'class="event"' in out and "cont" in out
    assert 'title="CONSULT Иван"' in out and 'title="direct quote by Иван"' in out
    kinds = {k["kind"]: k["count"] for k in highlight.legend(reading)}
    assert kinds == {"PER": 1, "timex": 1, "event": 1, "quote": 1}


def test_events_and_quotes_of_a_reading_show_on_the_article_page(tmp_path):
    from hronika.api import Hronika

    with Hronika(db=f"sqlite:///{tmp_path / 'ev.db'}") as h2:
        doc = h2.read_text("Министърът се срещна вчера с посланика. „Разговорът беше полезен“, каза той.",
                           "2025-11-20", "ev-1")
        h2.store.save(doc)
        client = TestClient(create_app(h2))
        reading = h2.show("ev-1")
        text = reading["text"]

        # A reading with events and quotes, as the coming stages will write them.
        def fake_show(doc_id):
            if doc_id != "ev-1":
                return None
            i = text.index("се срещна")
            q = text.index("Разговорът")
            return {**reading, "events": [{"type": "CONSULT", "trigger": {"start": i, "end": i + 9},
                                           "actors": [], "date": "2025-11-19"}],
                    "quotes": [{"start": q, "end": text.index("“"), "direct": True, "speaker": None}]}

        h2.show = fake_show
        out = page(client, "/article/ev-1")
    assert '<span class="event" title="CONSULT (2025-11-19)" data-type="CONSULT">се срещна</span>' in out
    quote = re.search(r'<span class="quote direct" title="direct quote">(.*?)“', out).group(1)
    assert re.sub(r"<[^>]+>", "", quote) == "Разговорът беше полезен"
    assert "event trigger" in out and ">quote<" in out


# ------------------------------------------------------------------ the command


def test_serve_refuses_a_database_that_does_not_exist(tmp_path, capsys):
    from hronika.cli import build_parser, main

    db = tmp_path / "missing.db"
    assert main(["serve", "--db", f"sqlite:///{db}"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no database" in err and str(db) in err
    assert not db.exists()
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
