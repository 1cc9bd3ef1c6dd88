"""The library as a notebook uses it: read a text, ingest into a store, search, show."""
import datetime as dt
import json

import pytest

from hronika.api import Hronika, IngestSummary, SearchHit
from hronika.document import Document, DocumentError
from hronika.ingest import Failure
from hronika.serialize import to_json
from conftest import SAMPLES

TEXT = ("В сряда министър Иван Петров откри новия мост над Дунав край Русе. "
        "Движението ще бъде пуснато до края на месеца.")
LIGHT = ("repair", "segment", "sentences", "language")  # no models: fast


@pytest.fixture
def h(tmp_path):
    with Hronika(db=f"sqlite:///{tmp_path / 'notebook.db'}") as h:
        yield h


def test_read_text_resolves_against_the_date_given(h):
    doc = h.read_text(TEXT, "2025-11-14")
    assert isinstance(doc, Document) and doc.id.startswith("text-")
    timex, month_end = doc.layer("timexes")
    assert TEXT[timex.start:timex.end] == "В сряда" and timex.attrs["value"] == "2025-11-12"
    assert TEXT[month_end.start:month_end.end] == "до края на месеца" and month_end.attrs["value"] == "2025-11"
    assert "GPE-Ruse" in {e.kb for e in doc.entities}
    # the same text on another date is another article, with another default id
    assert h.read_text(TEXT, dt.date(2025, 11, 21)).id != doc.id


def test_read_text_gives_the_reading_a_file_of_the_same_text_gives(h, tmp_path):
    seed = tmp_path / "bridge.txt"
    seed.write_text(" date 2025-11-14 " + TEXT, encoding="utf-8")
    (from_file,) = h.read([seed])
    from_text = h.read_text(TEXT, "2025-11-14", id="bridge")
    a, b = to_json(from_file), to_json(from_text)
    a.pop("meta"), b.pop("meta")  # how it was read: format, encoding
    assert a == b


def test_read_text_takes_the_language_hint_when_the_text_is_too_short_to_tell(h):
    assert h.read_text("Добре.", "2025-11-14", stages=LIGHT).layer("sentences")[0].attrs["lang"] == "bg"
    doc = h.read_text("Добре.", "2025-11-14", lang="ru", stages=LIGHT)
    assert doc.layer("sentences")[0].attrs["lang"] == "ru" and doc.lang == "ru"


def test_read_text_raises_for_what_is_not_an_article(h):
    with pytest.raises(DocumentError):
        h.read_text("   ", "2025-11-14")
    with pytest.raises(ValueError, match="malformed date"):
        h.read_text(TEXT, "14.11.2025")


def test_read_yields_documents_and_failures_in_order_from_paths_and_documents(h, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("no date header", encoding="utf-8")
    mine = Document(id="mine", text=TEXT, date=dt.date(2025, 11, 14))
    out = list(h.read([SAMPLES / "2025-11-03-sofia-metro.txt", str(bad), mine], stages=LIGHT))
    assert [type(x) for x in out] == [Document, Failure, Document]
    assert out[0].id == "2025-11-03-sofia-metro" and out[2].id == "mine"
    assert "missing date header" in out[1].message
    # one path alone is one source, not a string of characters
    (one,) = h.read(str(SAMPLES / "2025-11-03-sofia-metro.txt"), stages=LIGHT)
    assert one.id == "2025-11-03-sofia-metro"


def test_ingest_search_show_round(h, tmp_path):
    bad = tmp_path / "mixed.jsonl"
    bad.write_text('{"id": "own-1", "date": "2025-11-14", "text": "' + TEXT + '"}\n{oops\n', encoding="utf-8")
    seen = []
    s = h.ingest([SAMPLES, bad], progress=lambda summary: seen.append(summary.read + summary.failed))
    assert isinstance(s, IngestSummary)
    assert (s.read, s.stored, s.replaced, s.duplicates, s.failed) == (10, 10, 0, 0, 1)
    assert seen == list(range(1, 12))  # once per article, failures included
    (f,) = s.failures
    assert f.source == str(bad) and f.where == "line 2" and "invalid JSON" in f.message
    assert json.loads(json.dumps(s.to_json()))["failures"][0]["where"] == "line 2"

    again = h.ingest([bad])
    assert (again.read, again.stored, again.duplicates, again.failed) == (1, 0, 1, 1)

    hits = h.search("\"Иван Петров\" мост")
    assert [x.doc_id for x in hits] == ["own-1"]
    assert isinstance(hits[0], SearchHit) and "[" in hits[0].snippet
    assert set(hits[0].to_json()) == {"doc_id", "date", "title", "snippet", "rank"}
    reading = h.show("own-1")
    assert reading["text"] == TEXT and reading["timexes"][0]["value"] == "2025-11-12"
    assert h.show("nope") is None
    assert "own-1" in h.ids() and len(h.ids()) == 10
    summary = h.summarize(reading)
    assert summary.splitlines()[0].startswith("2025-11-14  own-1  [bg]")
    assert "when: 'В сряда' -> DATE 2025-11-12" in summary
