import pytest

from hronika import pipeline


def test_stages_run_in_registry_order_whatever_order_is_asked():
    reader = pipeline.build(["language", "sentences", "segment", "repair"])
    assert [s.name for s in reader.stages] == ["repair", "segment", "sentences", "language"]


def test_missing_requirement_is_reported_when_the_reader_is_built():
    with pytest.raises(pipeline.PipelineError, match="requires paragraphs"):
        pipeline.build(["sentences"])


def test_unknown_stage():
    with pytest.raises(pipeline.PipelineError, match="unknown stage"):
        pipeline.build(["nonsense"])


class _Upper:
    """A stage with a batch method that fails on a poisoned document."""
    name = "upper"
    requires = ()
    assigns = ()

    def __init__(self):
        self.batches = 0

    def __call__(self, doc):
        if "яд" in doc.text:
            raise ValueError("poisoned")
        doc.meta["upper"] = doc.text.upper()
        return doc

    def pipe(self, docs):
        self.batches += 1
        return [self(d) for d in docs]


def test_pipe_batches_and_a_failing_document_leaves_the_others_unharmed():
    import datetime as dt

    from hronika.document import Document, DocumentError
    stage = _Upper()
    reader = pipeline.Reader([stage])
    docs = [Document(f"d{i}", t, dt.date(2025, 1, 1)) for i, t in enumerate(["едно", "яд", "три"])]
    out = reader.pipe(docs)
    assert stage.batches == 1
    assert out[0].meta["upper"] == "ЕДНО" and out[2].meta["upper"] == "ТРИ"
    assert isinstance(out[1], DocumentError) and "d1" in str(out[1]) and "upper" in str(out[1])
    good = reader.pipe([docs[0], docs[2]])
    assert stage.batches == 2 and all(isinstance(d, Document) for d in good)
