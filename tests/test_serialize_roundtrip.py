import datetime as dt
import json


from hronika import pipeline
from hronika.document import Document, Entity, Span
from hronika.serialize import from_json, to_json
from test_layers_strict import sample_docs


def test_json_round_trip_keeps_every_layer_and_entity():
    doc = Document("x1", "Министърът пристигна в София в сряда.", dt.date(2025, 12, 18), url="u", title="t")
    doc.set_layer("timexes", [Span(30, 37, "DATE", {"value": "2025-12-17"})])
    doc.entities.append(Entity("e1", "LOC", "София", "GPE-Sofia", [(23, 28)]))
    doc.set_layer("mentions", [Span(23, 28, "LOC", {"entity": "e1", "place": "GPE-Bulgaria", "metonym_of": "GPE-Bulgaria"})])
    doc.sources = ["e1"]
    doc.lang = "bg"
    d = to_json(doc)
    assert d["timexes"] == [{"start": 30, "end": 37, "type": "DATE", "value": "2025-12-17"}]
    assert d["entities"][0] == {"id": "e1", "type": "LOC", "name": "София", "kb": "GPE-Sofia",
                                "mentions": [{"start": 23, "end": 28}]}
    assert d["mentions"] == [{"start": 23, "end": 28, "type": "LOC", "entity": "e1", "place": "GPE-Bulgaria",
                              "metonym_of": "GPE-Bulgaria"}]
    assert (d["sources"], d["lang"], d["events"], d["quotes"]) == (["e1"], "bg", [], [])
    assert "meta" not in d
    back = from_json(json.loads(json.dumps(d, ensure_ascii=False)))
    assert to_json(back) == d
    assert back.sources == ["e1"] and back.lang == "bg" and back.entities[0].mentions == [(23, 28)]


def test_undeclared_attributes_and_metadata_survive_too():
    doc = Document("x2", "Кметът откри моста.", dt.date(2025, 4, 9), meta={"topic": "roads"})
    doc.entities = [Entity("e1", "PER", "Кметът", "", [(0, 6)], {"confidence": 0.5})]
    d = to_json(doc)
    assert d["entities"][0]["confidence"] == 0.5 and d["meta"] == {"topic": "roads"}
    assert to_json(from_json(d)) == d


def test_quotes_and_events_read_back_as_their_layers():
    d = to_json(Document("x3", "Кметът откри моста.", dt.date(2025, 4, 9)))
    d["quotes"] = [{"start": 0, "end": 5, "direct": True, "speaker": None, "sources": [], "chain": []}]
    back = from_json(d)
    assert back.layer("quotes")[0].attrs["direct"] is True and to_json(back) == d


def test_every_reading_of_the_samples_round_trips_through_json():
    docs = pipeline.build().pipe(sample_docs())
    for doc in docs:
        for tokens in (False, True):
            d = json.loads(json.dumps(to_json(doc, tokens=tokens), ensure_ascii=False))
            back = from_json(d)
            assert to_json(back, tokens=tokens) == d, doc.id
            assert json.dumps(to_json(back, tokens=tokens), ensure_ascii=False) == json.dumps(d, ensure_ascii=False)
        # and what came back is a Document later stages can use: the same layers, item for item
        assert {k for k, v in back.layers.items() if v} == {k for k, v in doc.layers.items() if v}
        assert back.lang == doc.lang
        for name in doc.layers:
            assert [(x, getattr(x, "attrs", None)) for x in back.layer(name)] == \
                [(x, getattr(x, "attrs", None)) for x in doc.layer(name)], (doc.id, name)
    mentions = [m for d in docs for m in d.layer("mentions")]
    assert mentions and all(m.attrs["entity"] for m in mentions)


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
