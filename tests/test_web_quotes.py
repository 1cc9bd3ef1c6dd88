"""The chronicle's quotes listing (`/quotes`) and search over entities and quotes (`/search`),
through FastAPI's TestClient, as pages and as JSON."""
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

import web_corpus
from hronika.web import create_app
from test_web_app import data, page, walk

LUKASHENKO = "PER-Alexander-Lukashenko"
# A quote of ours whose words carry markup: shown as text on every page that lists it.
SCRIPTED = dict(id="web-quote-script", date="2025-12-12", title="Лукашенко за едно писмо",
                text="Александър Лукашенко заяви в петък: „Писмото <script>alert('q')</script> е фалшиво "
                     "и никой в Минск не го е пращал.“")


@pytest.fixture(scope="module")
def h(tmp_path_factory):
    h = web_corpus.build(tmp_path_factory.mktemp("webquotes") / "web.db")
    doc = h.read_text(SCRIPTED["text"], SCRIPTED["date"], SCRIPTED["id"], title=SCRIPTED["title"])
    assert h.store.save(doc).status == "stored"
    h.catch_up()
    yield h
    h.close()


@pytest.fixture(scope="module")
def client(h):
    return TestClient(create_app(h), raise_server_exceptions=True)


def texts(out):
    return [q["text"] for q in out["items"]]


# ------------------------------------------------------------------ /quotes


def test_quotes_page_through_every_chronicle_quote_once_by_day(client, h):
    items, pages = walk(client, "/quotes.json?limit=3")
    assert pages > 1
    everything = h.quotes(limit=1000).items
    assert [q["id"] for q in items] == [q["id"] for q in everything]
    assert [q["day"] for q in items] == sorted(q["day"] for q in items)
    said = next(q for q in items if q["text"] == "Мы готовы к большой сделке")
    assert said["speaker"]["kb"] == LUKASHENKO and said["speaker"]["name"]
    assert said["direct"] is True and said["counts"]["articles"] == 1
    assert said["first_report"] == {"document": "web-ru-deal", "date": "2025-12-11",
                                    "title": "Лукашенко встретился с посланником США"}


@pytest.mark.parametrize("name", ["Лукашенко", "Лукашенка", "Lukashenko", LUKASHENKO])
def test_quotes_by_a_speaker_named_in_any_script_or_by_key(client, name):
    out = data(client, f"/quotes.json?speaker={name}")
    assert out["speaker"]["kb"] == LUKASHENKO and out["about"] is None
    assert {q["speaker"]["kb"] for q in out["items"]} == {LUKASHENKO}
    assert "Мы готовы к большой сделке" in texts(out)
    assert "стороны договорились встретиться снова в январе" in texts(out)


def test_quotes_about_an_entity_and_within_a_period(client):
    about = data(client, "/quotes.json?about=Лукашенко")
    assert texts(about) == ["Лукашенко трябва да освободи всички политически затворници."]
    assert about["items"][0]["speaker"]["kb"] != LUKASHENKO
    assert LUKASHENKO in [r["kb"] for r in about["items"][0]["about"]]
    dec = data(client, "/quotes.json?speaker=Lukashenko&from=2025-12-01&to=2025-12-31")
    assert dec["from"] == "2025-12-01" and dec["to"] == "2025-12-31"
    assert dec["items"] and all("2025-12-01" <= q["day"] <= "2025-12-31" for q in dec["items"])
    assert "стороны договорились встретиться снова в январе" not in texts(dec)
    assert data(client, "/quotes.json?speaker=Lukashenko&about=Lukashenko")["items"] == []


def test_quotes_page_links_speakers_and_first_reports(client):
    text = page(client, "/quotes?speaker=Лукашенко")
    assert "<h1>Quotes by" in text and "Мы готовы к большой сделке" in text
    assert 'href="/article/web-ru-deal"' in text and f'href="/entity/{LUKASHENKO}"' in text
    assert 'href="/quotes"' in page(client, "/")  # the top menu
    entity = page(client, f"/entity/{LUKASHENKO}")
    assert f'href="/quotes?speaker={LUKASHENKO}"' in entity and f'href="/quotes?about={LUKASHENKO}"' in entity


@pytest.mark.parametrize("url,status", [
    ("/quotes.json?speaker=Nosuchnamezzz", 404), ("/quotes.json?about=Nosuchnamezzz", 404),
    ("/quotes.json?from=2025-13-01", 422), ("/quotes.json?to=yesterday", 422),
    ("/quotes.json?from=2025-12-31&to=2025-12-01", 422), ("/quotes.json?limit=0", 422),
    ("/quotes.json?cursor=notacursor", 400)])
def test_quotes_reject_bad_input_with_a_message(client, url, status):
    out = data(client, url, status)
    assert out["status"] == status and out["detail"]
    assert "No such" not in page(client, url.replace(".json", ""), status)


def test_markup_in_a_quote_is_text_on_every_page(client):
    out = data(client, "/quotes.json?speaker=Lukashenko&from=2025-12-12")
    assert any("<script>alert('q')</script>" in q for q in texts(out))  # JSON keeps the words
    for url in ("/quotes?speaker=Lukashenko&from=2025-12-12", "/search?q=писмото фалшиво"):
        text = page(client, url)
        assert "&lt;script&gt;alert(" in text and "<script>" not in text, url


def test_openapi_documents_quotes_and_the_search_extras(client):
    spec = data(client, "/openapi.json")
    assert "/quotes.json" in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/quotes.json"]["get"]["parameters"]}
    assert {"speaker", "about", "from", "to", "cursor", "limit"} <= params
    assert {"entities", "quotes"} <= set(spec["components"]["schemas"]["SearchPage"]["properties"])


# ------------------------------------------------------------------ search over entities and quotes


@pytest.mark.parametrize("q", ["Лукашенко", "Lukashenko", "Лукашенка"])
def test_search_names_the_entity_in_any_script(client, q):
    out = data(client, f"/search.json?q={q}")
    assert out["entities"][0]["kb"] == LUKASHENKO
    assert len(out["entities"]) <= 5


def test_search_finds_quotes_by_any_form_of_their_words_newest_first(client):
    out = data(client, "/search.json?q=сделка")  # the quote says «сделке»
    assert [q["text"] for q in out["quotes"]] == ["Мы готовы к большой сделке"]
    about = data(client, "/search.json?q=Лукашенко")["quotes"]
    assert [q["first_report"]["date"] for q in about] == sorted((q["first_report"]["date"] for q in about), reverse=True)
    assert "Лукашенко трябва да освободи всички политически затворници." in [q["text"] for q in about]
    assert data(client, "/search.json?q=сделка затворници")["quotes"] == []  # every word, in one quote


def test_search_shows_entities_and_quotes_above_the_articles_on_the_first_page_only(client):
    text = page(client, "/search?q=Лукашенко")
    ents, quotes, arts = text.index("<h2>Entities</h2>"), text.index("<h2>Quotes</h2>"), text.index('class="hits"')
    assert ents < quotes < arts
    assert f'href="/entity/{LUKASHENKO}"' in text[ents:quotes]
    assert 'href="/article/web-bg-release"' in text[quotes:arts]
    first = data(client, "/search.json?q=Лукашенко&limit=1")
    assert first["next"] and first["entities"]
    second = data(client, f"/search.json?q=Лукашенко&limit=1&cursor={first['next']}")
    assert second["entities"] == [] and second["quotes"] == [] and second["items"]


@pytest.mark.parametrize("q", ["%", "_", "%%%", "' OR 1=1 --", '"', "\\"])
def test_search_input_is_never_sql(client, q):
    out = data(client, "/search.json?" + urlencode({"q": q}))
    assert out["quotes"] == []  # a wildcard or a quote mark is no word: it matches no quote


def test_a_wildcard_beside_a_word_is_punctuation(client):
    assert [q["text"] for q in data(client, "/search.json?" + urlencode({"q": "сделк%"}))["quotes"]] == \
        ["Мы готовы к большой сделке"]
    assert data(client, "/search.json?" + urlencode({"q": "сд%ке"}))["quotes"] == []


@pytest.mark.parametrize("url", ["/quotes?speaker=&about=&from=&to=", "/events?entity=&type=&from=&to=",
                                 "/contested?entity=&from=&to=", "/timeline?entity=Lukashenko&from=&to="])
def test_a_filter_form_sent_with_empty_fields_shows_everything(client, url):
    assert "Malformed" not in page(client, url)
    assert data(client, url.replace("?", ".json?", 1))["from"] is None
