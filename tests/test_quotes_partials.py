"""Partial quotes of one to three words in marks inside reported speech: one quote each, whatever
spaces stand inside the marks (sentences written for hronika)."""
from __future__ import annotations

import datetime as dt

import pytest

from hronika import pipeline
from hronika.document import Document


@pytest.fixture(scope="module")
def reader():
    return pipeline.build()


@pytest.mark.parametrize("text,word", [
    ('Иван Петров заяви, че реформата е " мъртва ".', "мъртва"),
    ('Иван Петров заяви, че реформата е "мъртва".', "мъртва"),
    ('Комисията по бюджета към парламента посочва, че има " малък напредък " в ключовите въпроси.', "малък напредък"),
])
def test_one_partial_quote(reader, text, word):
    doc = reader(Document(id="t", text=text, date=dt.date(2025, 12, 18)))
    direct = [q for q in doc.layer("quotes") if q.attrs["direct"]]
    assert len(direct) == 1, direct
    assert doc.text[direct[0].start:direct[0].end] == word
