"""A speaker the entity stage did not tag (two capitalised words in the reporting verb's subject
place) becomes a PER entity of its own, with a key made from its name and no mention (the NER
layers stay as the entities stage left them); words the lexicons know are no name."""
from __future__ import annotations

import datetime as dt

import pytest

from hronika import pipeline
from hronika.document import Document

MISSED = "„Ще се приберем с автобус“, каза пред „Добро утро, България“ Страхил Кънчев, един от пътниците."


@pytest.fixture(scope="module")
def reader():
    return pipeline.build()


def read(reader, text: str) -> Document:
    return reader(Document(id="t", text=text, date=dt.date(2025, 12, 18)))


def test_missed_name_speaks_as_a_new_entity(reader):
    doc = read(reader, MISSED)
    assert not any(doc.text[m.start:m.end] == "Страхил Кънчев" for m in doc.layer("mentions")), \
        "the entity stage tags this name now: pick a sentence where it does not"
    q = next(q for q in doc.layer("quotes") if q.attrs["direct"])
    ent = next(e for e in doc.entities if e.id == q.attrs["speaker"])
    assert (ent.type, ent.name, ent.mentions) == ("PER", "Страхил Кънчев", [])
    assert ent.kb.startswith("PER-x-")
    assert not any(m.attrs.get("entity") == ent.id for m in doc.layer("mentions"))


def test_same_name_twice_is_one_entity(reader):
    doc = read(reader, MISSED + " „Никой не ни каза нищо“, добави пред „Добро утро, България“ Страхил Кънчев.")
    speakers = {q.attrs["speaker"] for q in doc.layer("quotes") if q.attrs["direct"]}
    assert len(speakers) == 1 and None not in speakers


@pytest.mark.parametrize("text", [
    "„Срещата е отложена“, заяви пред журналисти Министерството на финансите.",
    "„Срещата е отложена“, каза Президентът Радев.",
])
def test_known_words_are_no_new_name(reader, text):
    doc = read(reader, text)
    assert not any(e.attrs.get("from") == "quotes" and e.type == "PER" for e in doc.entities)
