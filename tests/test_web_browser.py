"""The web UI in a real browser: headless Chromium, driven by selenium through the system's
chromedriver, against `hronika serve`'s app on 127.0.0.1.

Outside CI these skip when Chromium or its driver is missing; in CI (CI=true) they must run
(`make test` installs Debian's chromium and chromium-driver).  Each test leaves a screenshot in
the system's temp folder (hronika-web-*.png).
"""
import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

import pair_corpus
import web_corpus

pytestmark = pytest.mark.browser
SHOTS = Path(tempfile.gettempdir())


def _find(*names: str) -> str | None:
    return next((p for p in map(shutil.which, names) if p), None)


@pytest.fixture(scope="module")
def chromium():
    browser = _find("chromium", "chromium-browser", "google-chrome")
    driver = _find("chromedriver", "chromium-driver")
    if not (browser and driver):
        missing = "Chromium" if not browser else "chromedriver"
        message = f"{missing} not found: install Debian's chromium and chromium-driver (make test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return browser, driver


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from _serve(web_corpus.build(tmp_path_factory.mktemp("browser") / "web.db"))


@pytest.fixture(scope="module")
def pair_server(tmp_path_factory):
    yield from _serve(pair_corpus.build(tmp_path_factory.mktemp("browser-pair") / "pair.db",
                                        pair_corpus.ARTICLES + pair_corpus.CONTESTED))


def _serve(h):
    import uvicorn

    from hronika.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(h), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    h.close()


@pytest.fixture(scope="module")
def browser(chromium):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=bg"):
        opts.add_argument(arg)
    drv = webdriver.Chrome(service=Service(executable_path=chromium[1]), options=opts)
    drv.implicitly_wait(5)
    yield drv
    drv.quit()


def next_page(drv, act) -> None:
    """Do `act` (a click, an Enter) and wait until the browser shows the next page.

    The old window is marked and the wait ends when a loaded window without the mark answers.
    Waiting for the old <html> element to go stale is not enough: while Chromium swaps documents
    it can answer a question about the old element with an inspector error instead of "stale"
    (CI failed on that once), so every WebDriver error during the swap only means "not yet"."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    drv.execute_script("window.__hronikaOldPage = true;")
    act()
    WebDriverWait(drv, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return document.readyState === 'complete' && !window.__hronikaOldPage;"))


def follow(drv, link) -> None:
    """Click a link and wait for the next page (the old page's elements would still answer)."""
    next_page(drv, link.click)


def submit(drv, box, text: str) -> None:
    """Type into a form's box, press Enter and wait for the next page (as follow does for a link)."""
    from selenium.webdriver.common.keys import Keys

    next_page(drv, lambda: box.send_keys(text, Keys.ENTER))


def shot(drv, name: str) -> None:
    drv.save_screenshot(str(SHOTS / f"hronika-web-{name}.png"))


def test_search_in_cyrillic_open_an_article_and_see_its_layers(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    assert "The chronicle of" in browser.find_element(By.TAG_NAME, "h1").text
    shot(browser, "home")
    box = browser.find_element(By.CSS_SELECTOR, ".searchbig input[name=q]")
    submit(browser, box, "Лукашенко")
    marks = browser.find_elements(By.CSS_SELECTOR, ".snippet mark")
    assert marks and {m.text for m in marks} == {"Лукашенко"}
    assert "Лукашенко" in browser.find_element(By.TAG_NAME, "h1").text
    shot(browser, "search")

    browser.find_element(By.LINK_TEXT, "Александр Лукашенко провёл переговоры с делегацией США").click()
    assert browser.current_url.endswith("/article/web-ru-minsk")
    person = browser.find_element(By.CSS_SELECTOR, ".text a.ent-PER")
    assert person.text == "Александр Лукашенко"
    assert person.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"  # highlighted
    when = browser.find_element(By.CSS_SELECTOR, ".text .timex")
    assert when.text == "в среду" and when.get_attribute("title") == "DATE 2025-11-26"
    legend = browser.find_element(By.CSS_SELECTOR, ".legend").text
    assert "person" in legend and "time expression" in legend
    shot(browser, "article")


def test_open_an_entity_from_an_article(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/article/web-bg-minsk")
    browser.find_element(By.CSS_SELECTOR, ".text a.ent-PER").click()
    assert browser.current_url.endswith("/entity/PER-Alexander-Lukashenko")
    assert browser.find_element(By.TAG_NAME, "h1").text in ("PER Александър Лукашенко", "PER Александр Лукашенко")
    rows = browser.find_elements(By.CSS_SELECTOR, ".timeline .tl-item:not(.tl-event):not(.tl-quote)")
    assert [r.find_element(By.TAG_NAME, "time").text for r in rows] == [
        "2025-11-26", "2025-11-27", "2025-12-10", "2025-12-11"]
    assert browser.find_elements(By.CSS_SELECTOR, ".timeline .tl-event a.event-link")
    assert {"Александър Лукашенко", "Александр Лукашенко"} <= {
        m.text for m in browser.find_elements(By.CSS_SELECTOR, ".sentence .hit")}
    names = browser.find_element(By.CSS_SELECTOR, "dl.names").text
    assert "Cyrillic" in names
    shot(browser, "entity")


def test_open_an_entity_follow_an_event_and_see_its_highlighted_evidence(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/entity/PER-Alexander-Lukashenko")
    link = browser.find_element(By.CSS_SELECTOR, ".events a.event-link")
    follow(browser, link)
    assert "/event/" in browser.current_url
    assert "Лукашенко" in browser.find_element(By.TAG_NAME, "h1").text
    marks = browser.find_elements(By.CSS_SELECTOR, ".evidence .sentence mark.trigger")
    assert marks and all(m.text for m in marks)
    assert marks[0].value_of_css_property("font-weight") == "700"  # highlighted
    sentence = marks[0].find_element(By.XPATH, "..").text
    assert marks[0].text in sentence and len(sentence) > len(marks[0].text)
    assert browser.find_element(By.CSS_SELECTOR, ".evidence a.mention-article").get_attribute("href")
    shot(browser, "event")


def test_follow_an_entity_to_its_timeline_and_zoom_to_a_month_and_back(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/entity/PER-Alexander-Lukashenko")
    assert "Мы готовы к большой сделке" in browser.find_element(By.CSS_SELECTOR, ".quotes-by").text
    assert "Мат Милър" in browser.find_element(By.CSS_SELECTOR, ".quotes-about").text
    follow(browser, browser.find_element(By.CSS_SELECTOR, "a.to-timeline"))
    assert "/timeline?entity=PER-Alexander-Lukashenko" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, ".zoom .here").text == "all time"
    follow(browser, browser.find_element(By.XPATH, "//p[@class='periods']/a[starts-with(., '2025 ')]"))
    assert browser.find_element(By.CSS_SELECTOR, ".zoom .here").text == "2025"
    follow(browser, browser.find_element(By.XPATH, "//p[@class='periods']/a[starts-with(., '2025-12 ')]"))
    assert browser.find_element(By.CSS_SELECTOR, ".zoom .here").text == "2025-12"
    items = browser.find_elements(By.CSS_SELECTOR, ".timeline .tl-item:not(.tl-event):not(.tl-quote)")
    assert [i.find_element(By.TAG_NAME, "time").text for i in items] == ["2025-12-10", "2025-12-11"]
    when = browser.find_element(By.CSS_SELECTOR, ".sentence .timex")
    assert when.text == "11 декабря" and when.get_attribute("title") == "DATE 2025-12-11"
    hit = browser.find_element(By.CSS_SELECTOR, ".sentence .hit")
    assert hit.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    shot(browser, "timeline")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "a.out"))
    assert browser.find_element(By.CSS_SELECTOR, ".zoom .here").text == "2025"
    box = browser.find_element(By.CSS_SELECTOR, ".pair input[name=with]")
    box.send_keys("САЩ")
    follow(browser, browser.find_element(By.CSS_SELECTOR, ".pair button"))
    pair = browser.find_elements(By.CSS_SELECTOR, "h1 a.chip")
    assert [a.get_attribute("href").rsplit("/", 1)[1] for a in pair] == ["PER-Alexander-Lukashenko", "GPE-USA"]
    assert "that mention both" in browser.find_element(By.CSS_SELECTOR, ".meta").text


def test_open_a_storyline_from_the_start_page(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    follow(browser, browser.find_element(By.LINK_TEXT, "Storylines"))
    assert browser.current_url.endswith("/storylines")
    rows = browser.find_elements(By.CSS_SELECTOR, ".storyline-row")
    mine = next(r for r in rows if "Лукашенко" in r.text)
    follow(browser, mine.find_element(By.CSS_SELECTOR, "a.story-title"))
    assert "/storyline/" in browser.current_url
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".tl-item a")]
    assert "Лукашенко прие американски пратеник в Минск" in titles
    assert "Александр Лукашенко провёл переговоры с делегацией США" in titles
    assert {"2025-11", "2025-12"} <= {h.text for h in browser.find_elements(By.CSS_SELECTOR, ".tl-month h3")}
    assert browser.find_elements(By.CSS_SELECTOR, ".tl-event a.event-link")  # its merged events
    assert "Мы готовы к большой сделке" in browser.find_element(By.CSS_SELECTOR, ".timeline").text
    shot(browser, "storyline")
    for kind in ("event", "quote"):  # only the articles
        browser.find_element(By.CSS_SELECTOR, f"fieldset.kinds input[value={kind}]").click()
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.pair button"))
    assert "kind=article" in browser.current_url and not browser.find_elements(By.CSS_SELECTOR, ".tl-event, .tl-quote")
    assert [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".tl-month h3")] == ["2025-11", "2025-12"]


def test_a_timeline_shows_merged_events_and_quotes_and_filters_them(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/timeline?entity=PER-Alexander-Lukashenko&from=2025-12-01&to=2025-12-31")
    events = browser.find_elements(By.CSS_SELECTOR, ".timeline .tl-event")
    quotes = browser.find_elements(By.CSS_SELECTOR, ".timeline .tl-quote")
    assert events and quotes
    assert any("Мы готовы к большой сделке" in q.text for q in quotes)
    assert events[0].find_element(By.CSS_SELECTOR, ".kind").value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    shot(browser, "timeline-kinds")
    for kind in ("article", "quote"):  # events only
        browser.find_element(By.CSS_SELECTOR, f"fieldset.kinds input[value={kind}]").click()
    follow(browser, browser.find_element(By.CSS_SELECTOR, ".pair button"))
    items = browser.find_elements(By.CSS_SELECTOR, ".timeline .tl-item")
    assert items and all("tl-event" in i.get_attribute("class") for i in items)
    follow(browser, items[-1].find_element(By.CSS_SELECTOR, "a.event-link"))
    assert "/event/" in browser.current_url and browser.find_elements(By.CSS_SELECTOR, ".evidence mark.trigger")


def test_the_quotes_list_and_a_search_that_finds_an_entity_and_a_quote(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "nav a[href='/quotes']"))
    box = browser.find_element(By.CSS_SELECTOR, ".filters input[name=speaker]")
    submit(browser, box, "Lukashenko")
    rows = browser.find_elements(By.CSS_SELECTOR, "ul.quotes .chronicle-quote")
    assert "Quotes by" in browser.find_element(By.TAG_NAME, "h1").text
    assert any("Мы готовы к большой сделке" in r.text for r in rows)
    shot(browser, "quotes")

    box = browser.find_element(By.CSS_SELECTOR, ".searchbar input[name=q]")
    submit(browser, box, "сделка")
    said = browser.find_element(By.CSS_SELECTOR, ".found-quotes .chronicle-quote")
    assert "Мы готовы к большой сделке" in said.text
    browser.get(server + "/search?q=" + quote("Лукашенко"))
    chip = browser.find_element(By.CSS_SELECTOR, ".found-entities a.chip")
    assert "Лукашенко" in chip.text
    shot(browser, "search-entities-quotes")
    follow(browser, chip)
    assert browser.current_url.endswith("/entity/PER-Alexander-Lukashenko")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "a.to-quotes-by"))
    assert "speaker=PER-Alexander-Lukashenko" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "ul.quotes .chronicle-quote")


def test_an_article_with_an_embedded_post(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/article/2025-11-14-bridge-tweet")
    post = browser.find_element(By.CSS_SELECTOR, ".text .post")
    assert "@ilie_bolojan" in post.text and post.value_of_css_property("display") == "block"
    shot(browser, "article-post")


def test_markup_in_an_article_is_shown_as_text_and_never_runs(browser, server):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    browser.get(server + "/article/web-xss")
    body = browser.find_element(By.CSS_SELECTOR, ".text").text
    assert "<script>alert('xss')</script>" in body and '"><img src=x onerror=alert(2)>' in body
    assert web_corpus.XSS_TITLE in browser.find_element(By.TAG_NAME, "h1").text
    assert not browser.find_elements(By.CSS_SELECTOR, "main img, main script")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    browser.get(server + "/search?q=" + quote('"><img src=x onerror=alert(3)>'))
    assert not browser.find_elements(By.CSS_SELECTOR, "main img")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text


def test_pages_fit_a_phone(browser, server):
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    try:
        for name, path in [("home-phone", "/"), ("article-phone", "/article/2025-11-14-bridge-tweet"),
                           ("entity-phone", "/entity/GPE-Bulgaria"),
                           ("timeline-phone", "/timeline?entity=PER-Alexander-Lukashenko&from=2025-11-01&to=2025-11-30"),
                           ("storylines-phone", "/storylines"), ("sources-phone", "/sources"),
                           ("events-phone", "/events")]:
            browser.get(server + path)
            browser.find_element(By.TAG_NAME, "h1")
            wide = browser.execute_script("return document.documentElement.scrollWidth")
            inner = browser.execute_script("return window.innerWidth")
            wider = browser.execute_script(
                "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
                ".right > innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)")
            assert wide <= inner, (path, wide, inner, wider)  # no sideways scrolling
            shot(browser, name)
    finally:
        browser.set_window_size(1280, 1000)


def test_from_an_entity_to_the_pair_chart_and_a_bar_to_its_events(browser, pair_server):
    from selenium.webdriver.common.by import By

    browser.get(pair_server + "/entity/" + pair_corpus.SERBIA)
    follow(browser, browser.find_element(By.CSS_SELECTOR, f"a.pair-link[href*='{pair_corpus.CROATIA}']"))
    assert "/pair?" in browser.current_url
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.pair-chart rect.bar")
    assert len(bars) == 7
    colours = {b.get_attribute("class").split()[1]: b.value_of_css_property("fill") for b in bars}
    assert colours["pos"] != colours["neg"]  # cooperation and conflict drawn apart
    chart = browser.find_element(By.CSS_SELECTOR, "svg.pair-chart")
    assert chart.size["width"] > 600 and chart.size["height"] > 150
    shot(browser, "pair")
    browser.set_window_size(390, 844)
    try:
        browser.get(browser.current_url)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= \
            browser.execute_script("return window.innerWidth")
        chart = browser.find_element(By.CSS_SELECTOR, "svg.pair-chart")
        assert chart.size["width"] > 300
        shot(browser, "pair-phone")
    finally:
        browser.set_window_size(1280, 1000)
    follow(browser, browser.find_elements(By.CSS_SELECTOR, "svg.pair-chart a.bar-link")[2])
    assert "kind=event" in browser.current_url
    items = browser.find_elements(By.CSS_SELECTOR, ".timeline .tl-item")
    assert len(items) == 1 and "AID" in items[0].text


def test_from_the_events_list_to_the_contested_events_and_one_of_them(browser, pair_server):
    from selenium.webdriver.common.by import By

    browser.get(pair_server + "/events")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "a.to-contested"))
    assert browser.current_url.endswith("/contested")
    rows = browser.find_elements(By.CSS_SELECTOR, ".contested-row")
    assert len(rows) >= 3
    text = browser.find_element(By.CSS_SELECTOR, "ul.contested").text
    assert "2025-03-19" in text and "2025-03-20" in text and "16" in text
    label = browser.find_element(By.CSS_SELECTOR, ".disagreements .on")
    assert label.value_of_css_property("text-transform") == "uppercase"
    shot(browser, "contested")
    browser.set_window_size(390, 844)
    try:
        browser.get(browser.current_url)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= \
            browser.execute_script("return window.innerWidth")
        shot(browser, "contested-phone")
    finally:
        browser.set_window_size(1280, 1000)
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, ".contested-row") if "2025-03-20" in r.text)
    follow(browser, row.find_element(By.CSS_SELECTOR, "a.event-link"))
    assert "/event/" in browser.current_url
    assert "2025-03-20" in browser.find_element(By.CSS_SELECTOR, "ul.disagreements").text


def test_the_api_docs_render_offline(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/docs")
    ops = browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    paths = {o.text.replace("\u200b", "") for o in ops}
    assert {"/search.json", "/entity/{key}.json", "/article/{doc_id}.json"} <= paths
    shot(browser, "docs")
