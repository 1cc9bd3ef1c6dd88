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
