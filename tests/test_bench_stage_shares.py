from pathlib import Path

from bench.stage_shares import markdown, shares
from hronika import pipeline

SAMPLES = Path(__file__).resolve().parents[1] / "hronika" / "samples"


def test_every_stage_start_up_and_output_get_their_cpu_time():
    rows = shares([str(SAMPLES)])
    names = [n for n, _ in rows]
    assert names[0].startswith("start-up") and names[-1].startswith("output")
    assert [n.removeprefix("stage ") for n in names if n.startswith("stage ")] == list(pipeline.DEFAULT)
    assert all(sec >= 0 for _, sec in rows)
    assert dict(rows)["stage entities"] > 0  # the models ran over the samples
    table = markdown(rows)
    assert table.count("\n") == len(rows) + 3 and "| total |" in table


def test_only_the_stages_asked_for():
    rows = shares([str(SAMPLES)], ["repair", "segment", "sentences"])
    assert [n for n, _ in rows if n.startswith("stage ")] == ["stage repair", "stage segment", "stage sentences"]


def test_the_entities_stage_split_into_its_models_parts():
    rows = shares([str(SAMPLES)], ["repair", "segment", "sentences", "language", "entities"], detail=True)
    names = [n for n, _ in rows]
    parts = {n.strip(): s for n, s in rows if n.startswith("  ")}
    assert names.index("stage entities") < names.index("  entities: tok2vec (bg)")
    assert {"entities: tok2vec (bg)", "entities: ner (bg)", "entities: the rest (Docs, rules, resolving)"} <= set(parts)
    assert abs(sum(parts.values()) - dict(rows)["stage entities"]) < 1e-6
    assert "| total |" in markdown(rows)
