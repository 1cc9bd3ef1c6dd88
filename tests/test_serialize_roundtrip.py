import datetime as dt
import json

from hronika import pipeline
from hronika.document import Document, Entity, Span
from hronika.serialize import from_json, to_json


def test_json_round_trip_keeps_every_layer_and_entity():
    doc = Document("x1", "Министърът пристигна в София в сряда.", dt.date(2025, 12, 18), url="u", title="t")
    doc.set_layer("timexes", [Span(30, 37, "DATE", {"value": "2025-12-17"})])
    doc.entities.append(Entity("e1", "LOC", "София", "GPE-Sofia", [(23, 28)]))
    doc.meta["sources"] = ["e1"]
    d = to_json(doc)
    assert d["timexes"] == [{"start": 30, "end": 37, "type": "DATE", "value": "2025-12-17"}]
    assert d["entities"][0] == {"id": "e1", "type": "LOC", "name": "София", "kb": "GPE-Sofia",
                                "mentions": [{"start": 23, "end": 28}]}
    back = from_json(json.loads(json.dumps(d, ensure_ascii=False)))
    assert to_json(back) == d


def test_every_output_offset_points_into_the_text_as_given():
    text = "Б еларуският лидер говори с Russia.#Venezuela за газа.\n\nВтори абзац тук."
    doc = pipeline.build(["repair", "segment", "sentences", "language"])(Document("o", text, dt.date(2025, 1, 1)))
    d = to_json(doc, tokens=True)
    assert d["text"] == text
    for layer in ("paragraphs", "sentences", "segments", "tokens"):
        for s in d[layer]:
            assert 0 <= s["start"] < s["end"] <= len(text)
            assert text[s["start"]:s["end"]].strip() == text[s["start"]:s["end"]]
    tok = [t for t in d["tokens"] if t.get("text") == "Беларуският"]
    assert tok and text[tok[0]["start"]:tok[0]["end"]] == "Б еларуският"
