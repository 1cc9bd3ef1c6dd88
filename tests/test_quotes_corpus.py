"""The quote, source and reference corpora (tests/corpora/{quotes,sources,reference}_*.tsv), read by
the whole reader: each positive must be found with its speaker, source or antecedent; each
negative (NONE) must not be found."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hronika import pipeline
from hronika.document import Document

CORPORA = Path(__file__).parent / "corpora"


@pytest.fixture(scope="module")
def reader():
    return pipeline.build()


def read(reader, text: str) -> Document:
    return reader(Document(id="t", text=text.replace(" ¶ ", "\n\n"), date=dt.date(2025, 12, 18)))


def rows(name: str, n: int):
    out = []
    for path in sorted(CORPORA.glob(f"{name}_*.tsv")):
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                cols = line.split("\t")
                assert len(cols) == n, line
                out.append(pytest.param(*cols, id=f"{path.stem}:{k}"))
    return out


def names(doc: Document, eid: str | None) -> str:
    e = next((e for e in doc.entities if e.id == eid), None)
    if e is None:
        return ""
    return " ".join([e.name] + [doc.text[s:t] for s, t in e.mentions]).casefold()


def covers(doc: Document, q, want: str) -> bool:
    s = doc.text.index(want.replace(" ¶ ", "\n\n"))
    e = s + len(want)
    ov = min(e, q.end) - max(s, q.start)
    return ov > 0 and ov >= 0.5 * (e - s) and ov >= 0.5 * (q.end - q.start)


@pytest.mark.parametrize("text,kind,span,speaker", rows("quotes", 4))
def test_quote(reader, text, kind, span, speaker):
    doc = read(reader, text)
    qs = [q for q in doc.layer("quotes") if covers(doc, q, span)]
    if speaker == "NONE":
        assert qs == [], f"{text!r}: must not be a quote, got {qs}"
        return
    qs = [q for q in qs if q.attrs["direct"] == (kind == "direct")]
    assert qs, f"{text!r}: no {kind} quote over {span!r}; got {doc.layer('quotes')}"
    if speaker == "-":
        assert qs[0].attrs["speaker"] is None
    else:
        assert speaker.casefold() in names(doc, qs[0].attrs["speaker"]), f"{text!r}: speaker {qs[0].attrs}"


@pytest.mark.parametrize("text,source", rows("sources", 2))
def test_source(reader, text, source):
    doc = read(reader, text)
    got = [names(doc, eid) for eid in doc.sources]
    if source == "NONE":
        assert got == []
    else:
        assert any(source.casefold() in g for g in got), f"{text!r}: sources {got}"


@pytest.mark.parametrize("text,ref,label,entity", rows("reference", 4))
def test_reference(reader, text, ref, label, entity):
    doc = read(reader, text)
    s = doc.text.index(ref)
    hits = [r for r in doc.layer("references") if r.start <= s < r.end and r.label == label]
    assert hits, f"{text!r}: no {label} at {ref!r}; got {doc.layer('references')}"
    assert entity.casefold() in names(doc, hits[0].attrs["entity"])


def test_a_text_with_no_quotes(reader):
    doc = read(reader, "Времето през уикенда ще бъде слънчево. Температурите ще се повишат до 20 градуса.")
    assert doc.layer("quotes") == [] and doc.sources == []


def test_nested_sources_nearest_first(reader):
    doc = read(reader, "Лукашенко е приел посланика, съобщи БелТА, цитирана от Ройтерс. ¶ "
                       "„Вратите ни са отворени“, заяви Лукашенко.")
    from hronika.stages.sources import source_chain
    s = doc.text.index("приел")
    chain = [names(doc, e) for e in source_chain(doc, s, s + 5)]
    assert len(chain) == 2 and "белта" in chain[0] and "ройтерс" in chain[1], chain


def test_post_is_its_authors_words(reader):
    text = ("Министърът коментира срещата в социалните мрежи.\n\n"
            "We had a very good meeting with the President today. — Ivan Petrov (@ipetrov) December 11, 2025\n\n"
            "Срещата продължи два часа.")
    doc = read(reader, text)
    posts = doc.layer("posts")
    if not posts:
        pytest.skip("the post was not recognised")
    qs = [q for q in doc.layer("quotes") if q.start >= posts[0].start and q.end <= posts[0].end]
    assert qs and "petrov" in names(doc, qs[0].attrs["speaker"])


@pytest.mark.parametrize("text,clause", [
    ("Иван Петров говори пред студенти. Според него Европа трябва да е единна.", "Европа трябва да е единна"),
    ("Според говорителя на Кремъл Дмитрий Песков санкциите са незаконни.", "санкциите са незаконни"),
    ("Иван Петров каза, че Германия трябва да отговори, след като Русия спря доставките.",
     "Германия трябва да отговори"),
])
def test_reported_clause_bounds(reader, text, clause):
    """The reported clause is exactly the clause: its own subject in, a name in apposition to the
    frame and a following adverbial clause out."""
    doc = read(reader, text)
    spans = [doc.text[q.start:q.end] for q in doc.layer("quotes") if not q.attrs["direct"]]
    assert clause in spans, spans
