"""Stages against the layer declarations: names checked when the reader is built, writes checked
after each stage by the strict reader."""
import datetime as dt
from pathlib import Path

import pytest

from hronika import layers as L
from hronika import pipeline
from hronika.document import Document, Span
from hronika.ingest import read_paths
from hronika.pipeline import LayerError, PipelineError, Reader

SAMPLES = Path(__file__).resolve().parents[1] / "hronika" / "samples"


def sample_docs() -> list[Document]:
    docs = [d for d in read_paths([SAMPLES]) if isinstance(d, Document)]
    assert len(docs) >= 5
    return docs


@pytest.fixture(scope="module")
def strict_reader():
    return pipeline.build(strict=True)


def test_the_default_pipeline_keeps_to_its_declarations_on_every_sample(strict_reader):
    for doc in sample_docs():
        out = strict_reader(doc)  # raises LayerError on any undeclared write
        assert out.lang and out.layer("sentences") and out.layer("tokens")
        assert all(s.attrs["lang"] for s in out.layer("sentences"))


def test_the_batched_path_is_checked_too(strict_reader):
    out = strict_reader.pipe(sample_docs())
    assert all(isinstance(d, Document) and d.entities for d in out)


def test_every_stage_names_only_declared_layers():
    for stage in pipeline.build().stages:
        for name in (*stage.requires, *stage.assigns, *stage.updates):
            assert name in L.NAMES, (stage.name, name)
    assert "clean" not in L.LAYERS and "lang" not in L.LAYERS  # properties, not layers


def test_an_unknown_layer_name_is_refused_when_the_reader_is_built(monkeypatch):
    from hronika.stages.segment import SegmentStage
    monkeypatch.setattr(SegmentStage, "assigns", ("paragraphs", "posts", "paragraphz"))
    with pytest.raises(PipelineError, match=r"stage 'segment' names paragraphz, which hronika/layers.py does not"):
        pipeline.build(["repair", "segment"])


def test_the_order_is_still_checked():
    with pytest.raises(PipelineError, match="stage 'language' requires sentences"):
        pipeline.build(["language"])


class _Stage:
    """A made-up stage: sets ``lang`` and whatever ``write`` does."""
    name = "made-up"
    requires = ()

    def __init__(self, write, assigns=("lang",), updates=()):
        self.write, self.assigns, self.updates = write, assigns, updates

    def __call__(self, doc):
        doc.lang = "bg"
        self.write(doc)
        return doc


def _doc() -> Document:
    doc = Document("w1", "Кметът откри моста в петък. Хората ръкопляскаха.", dt.date(2025, 4, 9))
    doc.set_layer("sentences", [Span(0, 27, "", {"tokens": [0, 6]}), Span(28, 48, "", {"tokens": [6, 9]})])
    return doc


def _strict(stage) -> Reader:
    return Reader([stage], strict=True)


def test_an_undeclared_change_names_the_stage_and_the_layer():
    def relabel(doc):
        doc.set_layer("sentences", [Span(s.start, s.end, "", {**s.attrs, "lang": "bg"}) for s in doc.layer("sentences")])
    with pytest.raises(LayerError, match=r"w1: stage 'made-up' changed sentences, which it does not declare"):
        _strict(_Stage(relabel))(_doc())
    assert _strict(_Stage(relabel, updates=("sentences",)))(_doc()).layer("sentences")[0].attrs["lang"] == "bg"


def test_an_undeclared_property_change_is_caught():
    with pytest.raises(LayerError, match="changed lang"):
        _strict(_Stage(lambda doc: None, assigns=()))(_doc())
    with pytest.raises(LayerError, match="changed clean"):
        _strict(_Stage(lambda doc: doc.set_clean(doc.text, list(range(len(doc.text) + 1)))))(_doc())


def test_the_text_and_the_metadata_are_nobodys():
    with pytest.raises(LayerError, match="changed the text or the metadata"):
        _strict(_Stage(lambda doc: doc.meta.update(seen=True)))(_doc())


def test_an_assigned_layer_must_be_written():
    with pytest.raises(LayerError, match="assigns timexes but did not write it"):
        _strict(_Stage(lambda doc: None, assigns=("lang", "timexes")))(_doc())
    empty = _strict(_Stage(lambda doc: doc.set_layer("timexes", []), assigns=("lang", "timexes")))(_doc())
    assert empty.layer("timexes") == []


def test_what_is_written_must_fit_the_declaration():
    cases = [
        (Span(0, 5, "DATE", {"value": "2025-04-04", "confidence": 0.9}), "undeclared attribute 'confidence'"),
        (Span(0, 5, "DATE", {}), r"timexes\[0\].value is required"),
        (Span(0, 5, "DATE", {"value": 2025}), "value should be str, is int"),
    ]
    for span, message in cases:
        stage = _Stage(lambda doc, s=span: doc.set_layer("timexes", [s]), assigns=("lang", "timexes"))
        with pytest.raises(LayerError, match=message):
            _strict(stage)(_doc())
    from hronika.document import Entity

    def mentions(doc):
        doc.entities = [Entity("e1", "PER", "Кметът", "", [(0, 6)])]
        doc.set_layer("mentions", [Span(0, 6, "PER", {"entity": "e2"})])
    with pytest.raises(LayerError, match=r"mentions\[0\].entity is 'e2', which entities lacks"):
        _strict(_Stage(mentions, assigns=("lang", "mentions", "entities")))(_doc())
    labelled = _Stage(lambda doc: doc.set_layer("paragraphs", [Span(0, 48, "bg")]), assigns=("lang", "paragraphs"))
    with pytest.raises(LayerError, match="has a label, which the layer does not declare"):
        _strict(labelled)(_doc())


def test_a_lenient_reader_checks_nothing():
    out = Reader([_Stage(lambda doc: doc.meta.update(seen=True), assigns=())])(_doc())
    assert out.meta["seen"] and out.lang == "bg"


def test_the_declarations_are_consistent():
    for layer in L.LAYERS.values():
        assert layer.kind in ("spans", "records"), layer.name
        names = [a.name for a in layer.attrs]
        assert len(names) == len(set(names)) and not {"start", "end"} & set(names), layer.name
        assert layer.label is None or (layer.kind == "spans" and layer.label in names), layer.name
        assert layer.record is not None or layer.kind == "spans" or len(layer.attrs) == 1, layer.name
        for a in layer.attrs:
            assert a.type in L.VALUE_TYPES and (a.refers is None or a.refers in L.LAYERS), (layer.name, a.name)
    assert L.LAYERS["mentions"].attr("entity").refers == "entities"
    assert L.LAYERS["sources"].attrs[0].refers == "entities"
