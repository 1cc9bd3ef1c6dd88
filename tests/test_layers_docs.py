"""docs/LAYERS.md says what the code declares: the layer table is generated from layers.py, the
stage table matches the stages' own declarations."""
import re
from pathlib import Path

from hronika import layers, pipeline

DOC = (Path(__file__).resolve().parents[1] / "docs" / "LAYERS.md").read_text(encoding="utf-8")


def test_the_layer_table_is_the_generated_one():
    block = re.search(r"<!-- layers:begin -->\n(.*?)\n<!-- layers:end -->", DOC, re.S)
    assert block, "docs/LAYERS.md lacks the layers:begin/end markers"
    assert block.group(1) == layers.markdown(), "run `python -m hronika.layers` and paste its table"


def test_the_stage_table_matches_the_stages():
    rows = re.findall(r"^\| (\w+) \| `stages/(\w+)\.py` \| (.*?) \| (.*?) \| (.*?) \|$", DOC, re.M)
    assert [r[0] for r in rows] == list(pipeline.REGISTRY)

    def names(cell):
        return () if cell == "–" else tuple(cell.split(", "))
    for name, module, requires, assigns, updates in rows:
        stage = pipeline._load(pipeline.REGISTRY[name])
        assert pipeline.REGISTRY[name].startswith(f"hronika.stages.{module}:")
        assert (stage.requires, stage.assigns, stage.updates) == (names(requires), names(assigns), names(updates)), name
