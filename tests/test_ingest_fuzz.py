"""Property-based tests: random bytes, Unicode, HTML, feeds and JSON Lines through reading, and
random queries through search -- never a crash, every failure a named error, every offset inside
the text."""
import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hronika.document import Document
from hronika.ingest import Failure, read_paths
from hronika.pipeline import build
from hronika.store import Store

FAST = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
READER = build(["repair", "segment", "sentences"])
CYR = st.text(alphabet=st.characters(min_codepoint=0x400, max_codepoint=0x45F) | st.sampled_from(" .,\n«»\"-—"))
ANY_TEXT = st.text() | CYR


def read_one(name: str, data: bytes) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / name
        p.write_bytes(data)
        items = list(read_paths([p], dt.date(2025, 11, 14)))
    for item in items:
        assert isinstance(item, (Document, Failure))
        if isinstance(item, Failure):
            assert item.message and "Traceback" not in item.message
    return items


def check_offsets(doc: Document) -> None:
    doc = READER(doc)
    n = len(doc.text)
    for name in ("paragraphs", "sentences", "tokens"):
        for span in doc.layer(name) or []:
            assert 0 <= span.start <= span.end <= n, (name, span)


@FAST
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.html", "a.xml", "a.jsonl", "a"]))
def test_random_bytes_never_crash(data, name):
    read_one(name, data)


@FAST
@given(ANY_TEXT)
def test_random_text_reads_with_offsets_inside(text):
    for item in read_one("a.txt", (" date 2025-11-14 \n" + text).encode("utf-8", "surrogatepass")
                         if all(not 0xD800 <= ord(c) <= 0xDFFF for c in text) else b""):
        if isinstance(item, Document):
            check_offsets(item)


TAGS = st.sampled_from(["p", "div", "h1", "script", "style", "article", "time", "br", "meta", "footer"])


@st.composite
def html(draw):
    parts = ["<!doctype html><html><head><title>", draw(CYR), "</title></head><body>"]
    for _ in range(draw(st.integers(0, 8))):
        tag = draw(TAGS)
        parts += [f"<{tag}>", draw(ANY_TEXT.filter(lambda s: "\x00" not in s)), f"</{tag}>" if draw(st.booleans()) else ""]
    return "".join(parts) + "</body></html>"


@FAST
@given(html())
def test_random_html_never_crashes(page):
    for item in read_one("a.html", page.encode("utf-8", "replace")):
        if isinstance(item, Document):
            check_offsets(item)


@st.composite
def feed(draw):
    items = "".join(f"<item><title>{draw(CYR)}</title><description>{draw(ANY_TEXT)}</description>"
                    f"<pubDate>{draw(st.sampled_from(['Fri, 14 Nov 2025 10:00:00 +0200', 'nonsense', '']))}</pubDate>"
                    f"<guid>{draw(st.text(max_size=10))}</guid></item>" for _ in range(draw(st.integers(0, 4))))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'


@FAST
@given(feed())
def test_random_feeds_never_crash(xml):
    for item in read_one("a.xml", xml.encode("utf-8", "replace")):
        if isinstance(item, Document):
            check_offsets(item)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
                    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
                    max_leaves=6)
RECORD = st.fixed_dictionaries({}, optional={"id": JSON, "date": st.sampled_from(["2025-11-14", "14.11.2025", ""]) | JSON,
                                             "title": JSON, "url": JSON, "text": ANY_TEXT | JSON})


@FAST
@given(st.lists(RECORD | JSON, max_size=5))
def test_random_json_lines_never_crash(records):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8", "replace")
    for item in read_one("a.jsonl", data):
        if isinstance(item, Document):
            check_offsets(item)


_STORE_DIR = tempfile.TemporaryDirectory()
STORE = Store(f"sqlite:///{_STORE_DIR.name}/fuzz.db")
STORE.save(Document("d", "Депутатите приеха бюджета. Путину позвонили из Москвы.", dt.date(2025, 11, 14),
                    title="Бюджетът"))


@FAST
@given(ANY_TEXT | st.lists(st.sampled_from(['"', "*", "OR", "NOT", "AND", "бюджет", "(", ":", "-", "ё"]))
       .map(" ".join))
def test_random_queries_never_raise_and_snippets_are_one_line(query):
    hits = STORE.search(query)
    assert hits.total >= len(hits)
    for h in hits:
        assert "\n" not in h.snippet


_H_DIR = tempfile.TemporaryDirectory()


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(RECORD, max_size=4))
def test_random_json_lines_through_ingest_store_what_was_read(records):
    from hronika.api import Hronika

    with Hronika(db=f"sqlite:///{_H_DIR.name}/ingest.db") as h:
        before = h.store.count()
        path = Path(_H_DIR.name) / "in.jsonl"
        path.write_bytes("\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8", "replace"))
        s = h.ingest([path], jobs=1)
        assert s.stored + s.replaced + s.duplicates + s.failed >= s.read
        assert h.store.count() == before + s.stored
        for doc_id in h.ids():
            reading = h.show(doc_id)
            for layer in ("sentences", "tokens", "timexes", "mentions"):
                for span in reading.get(layer) or []:
                    assert 0 <= span["start"] <= span["end"] <= len(reading["text"])
