"""natasha's NER as a voter beside the Russian model (hronika/stages/ner_votes.py)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import spacy
from spacy.tokens import Doc

from hronika.settings import Settings
from hronika.stages import ner_votes
from hronika.stages.ner_votes import Voter


class FakeTagger:
    """Spans by character offsets, as slovnet's markups give them."""

    def __init__(self, spans):
        self.spans = spans

    def map(self, texts):
        for text, spans in zip(texts, self.spans):
            yield SimpleNamespace(text=text, spans=[SimpleNamespace(start=a, stop=b, type=t) for a, b, t in spans])


def sdoc(words, ents):
    doc = Doc(spacy.blank("ru").vocab, words=words)
    doc.ents = [doc.char_span(*_chars(doc, a, b), label=t) for a, b, t in ents]
    return doc


def _chars(doc, a, b):
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])


def ents(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents]


WORDS = ["Вчера", "глава", "Минздрава", "Ольга", "Петрова", "прилетела", "в", "Казань", "."]


def chars(a, b):
    doc = Doc(spacy.blank("ru").vocab, words=WORDS)
    return _chars(doc, a, b)


def test_adds_names_where_the_model_found_none():
    doc = sdoc(WORDS, [(7, 8, "LOC")])
    Voter({"add": ["PER"], "retype": []}, FakeTagger([[(*chars(3, 5), "PER")]])).vote([doc])
    assert ents(doc) == [(3, 5, "PER"), (7, 8, "LOC")]


def test_adds_only_the_configured_types():
    doc = sdoc(WORDS, [])
    Voter({"add": ["PER"], "retype": []}, FakeTagger([[(*chars(2, 3), "ORG"), (*chars(7, 8), "LOC")]])).vote([doc])
    assert ents(doc) == []


def test_retypes_the_same_span_only_for_configured_pairs():
    doc = sdoc(WORDS, [(2, 3, "LOC"), (7, 8, "LOC")])
    spans = [(*chars(2, 3), "ORG"), (*chars(7, 8), "PER")]
    Voter({"add": [], "retype": [["LOC", "ORG"]]}, FakeTagger([spans])).vote([doc])
    assert ents(doc) == [(2, 3, "ORG"), (7, 8, "LOC")]


def test_the_model_keeps_its_mention_where_the_spans_differ():
    doc = sdoc(WORDS, [(3, 5, "PER")])
    Voter({"add": ["PER", "ORG"], "retype": [["PER", "ORG"]]}, FakeTagger([[(*chars(4, 5), "ORG")]])).vote([doc])
    assert ents(doc) == [(3, 5, "PER")]


def test_replaces_overlapping_mentions_of_the_configured_types_with_other_bounds():
    # the model read "Ольга" as a place and "Петрова прилетела" as a person; the voter's one person wins
    doc = sdoc(WORDS, [(3, 4, "LOC"), (4, 6, "PER"), (7, 8, "LOC")])
    Voter({"add": [], "retype": [], "replace": {"PER": ["PER", "LOC"]}}, FakeTagger([[(*chars(3, 5), "PER")]])).vote([doc])
    assert ents(doc) == [(3, 5, "PER"), (7, 8, "LOC")]


def test_a_mention_of_a_type_outside_replace_keeps_its_bounds():
    # an EVT or PRO of the model is never cut by the voter, nor is a mention of a type not listed for the voter's
    for model_type, replace in (("EVT", {"PER": ["PER", "LOC"]}), ("LOC", {"PER": ["PER"]}), ("LOC", {"LOC": ["LOC"]})):
        doc = sdoc(WORDS, [(3, 4, model_type)])
        Voter({"add": ["PER"], "retype": [], "replace": replace}, FakeTagger([[(*chars(3, 5), "PER")]])).vote([doc])
        assert ents(doc) == [(3, 4, model_type)]


def test_retype_and_replace_differ_on_the_same_tokens():
    # on the very same tokens only ``retype`` applies: ``replace`` is for other bounds
    doc = sdoc(WORDS, [(3, 5, "LOC")])
    Voter({"add": [], "retype": [], "replace": {"PER": ["PER", "LOC"]}}, FakeTagger([[(*chars(3, 5), "PER")]])).vote([doc])
    assert ents(doc) == [(3, 5, "LOC")]


def test_spans_inside_a_token_are_dropped():
    doc = sdoc(WORDS, [])
    a, b = chars(2, 3)
    Voter({"add": ["ORG"], "retype": []}, FakeTagger([[(a + 1, b - 1, "ORG")]])).vote([doc])
    assert ents(doc) == []


def test_no_voter_when_switched_off_or_for_a_language_without_config():
    assert Settings.from_env({"HRONIKA_NATASHA": "1"}).natasha is True
    assert Settings.from_env({"HRONIKA_NATASHA": "0"}).natasha is False
    assert Settings().natasha is False
    assert ner_votes.voter("ru", Settings(natasha=False)) is None
    assert ner_votes.voter("bg", Settings()) is None


natasha = pytest.mark.skipif(ner_votes.tagger() is None, reason="natasha is not installed")


@natasha
def test_natasha_tags_names_in_russian_text():
    voter = ner_votes.voter("ru", Settings(natasha=True))
    assert voter is not None
    doc = Doc(spacy.blank("ru").vocab, words=WORDS)
    voter.vote([doc])
    got = {(doc[e.start:e.end].text, e.label_) for e in doc.ents}
    assert ("Ольга Петрова", "PER") in got and ("Казань", "LOC") in got


@natasha
def test_the_stage_takes_natasha_votes_only_when_on():
    from hronika import pipeline
    from hronika.serialize import from_json

    text = "Профсоюз пилотов Аэрофлота пригрозил забастовкой, сообщил его председатель Виктор Лебедев."
    read = {}
    for on in (False, True):
        doc = pipeline.build(list(pipeline.DEFAULT), Settings(natasha=on))(
            from_json({"id": "t", "date": "2024-05-01", "text": text}))
        read[on] = {(text[m.start:m.end], m.label) for m in doc.layer("mentions")}
    # the shipped model takes the airline for a place; natasha's ORG wins on the same word
    assert ("Аэрофлота", "ORG") not in read[False]
    assert ("Аэрофлота", "ORG") in read[True]
    assert ("Виктор Лебедев", "PER") in read[True]


class RegexTagger:
    """Tags every 'Петрова' as a person, wherever the text it is given starts."""

    def map(self, texts):
        import re
        for text in texts:
            yield SimpleNamespace(spans=[SimpleNamespace(start=m.start(), stop=m.end(), type="PER")
                                         for m in re.finditer("Петрова", text)])


def test_long_texts_are_tagged_in_pieces_with_offsets_in_the_whole_text():
    long = " ".join(f"Министр Петрова прилетела в Казань в {n}-й раз." for n in range(40))
    short = "Петрова осталась дома."
    got = Voter({}, RegexTagger()).markups([long, short])
    import re
    assert got == [[(m.start(), m.end(), "PER") for m in re.finditer("Петрова", t)] for t in (long, short)]
    pieces = ner_votes._pieces(long)
    assert len(pieces) > 1 and all(long[s:s + len(p)] == p for s, p in pieces)
    assert all(len(p) >= ner_votes._PIECE for _, p in pieces[:-1])  # cut only once a piece is long enough
    assert all(p.endswith(".") for _, p in pieces)  # at a sentence's end, never inside one
