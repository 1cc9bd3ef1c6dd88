"""Calls to the batch reader in progress at once do not mix their readers."""
import datetime as dt
import json

from hronika.batch import analyse, read_all
from hronika.document import Document
from hronika.ingest import Failure
from hronika.pipeline import Reader
from hronika.serialize import to_json
from conftest import SAMPLES


def _interleave(a, b):
    out_a, out_b = [], []
    for x, y in zip(a, b):
        out_a.append(x)
        out_b.append(y)
    return out_a, out_b


def _readings(items):
    return [json.dumps(to_json(d)) for d in items]


def test_two_interleaved_reads_each_keep_their_own_stages():
    paths = [str(SAMPLES)]  # more articles than one chunk: the second is read after the other call began
    short, full = ("repair", "segment"), ("repair", "segment", "sentences", "language")
    a, b = _interleave(read_all(paths, stages=short, jobs=1), read_all(paths, stages=full, jobs=1))
    assert len(a) == 9 and all(isinstance(d, Document) for d in a + b)
    assert not any(d.layer("sentences") for d in a) and all(d.layer("sentences") for d in b)
    assert _readings(a) == _readings(read_all(paths, stages=short, jobs=1))


def test_two_interleaved_parallel_reads_each_keep_their_own_stages():
    paths = [str(SAMPLES)]
    short, full = ("repair", "segment"), ("repair", "segment", "sentences", "language")
    a, b = _interleave(read_all(paths, stages=short, jobs=2), read_all(paths, stages=full, jobs=2))
    assert len(a) == len(b) == 9
    assert not any(d.layer("sentences") for d in a) and all(d.layer("sentences") for d in b)
    assert _readings(b) == _readings(read_all(paths, stages=full, jobs=1))


class _Refuses:
    """A stage that fails on articles that mention a given word."""
    name, requires, assigns = "refuses", (), ()

    def __call__(self, doc):
        if "отказ" in doc.text:
            raise ValueError("refused")
        return doc


def test_an_article_a_stage_fails_on_is_a_failure_naming_it_and_the_rest_go_on():
    day = dt.date(2025, 11, 14)
    docs = [Document(id="a", text="Първа статия.", date=day), Document(id="b", text="Тук има отказ.", date=day),
            Document(id="c", text="Трета статия.", date=day)]
    out = list(analyse(docs, Reader([_Refuses()]), jobs=1))
    assert [getattr(x, "id", None) for x in out] == ["a", None, "c"]
    assert isinstance(out[1], Failure) and out[1].doc_id == "b"
    assert "stage 'refuses' failed: ValueError: refused" in out[1].message
