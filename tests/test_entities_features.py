"""The word features the NER models read beside their hash embeddings (hronika/stages/ner_features.py)."""
import numpy as np
import pytest

from hronika.stages import ner_features as F


def cols(words, code):
    X = F.doc_features(words, F.lexicon(code))
    assert X.shape == (len(words), F.N_FEATURES)
    return [{c for c, v in zip(F.COLUMNS, row) if v} for row in X]


def test_position_and_how_the_article_writes_the_word_elsewhere():
    words = "Синдикатът обяви стачка . Утре синдикатът ще реши , каза Петко Тестов . Тестов".split()
    got = cols(words, "bg")
    assert "initial" in got[0] and "initial" in got[4] and "initial" not in got[1]
    assert "lower_elsewhere" in got[0]          # "синдикатът" is written lower-case in mid-sentence
    assert "capital_elsewhere" not in got[0]
    assert "capital_elsewhere" in got[13]       # the surname is capitalised in mid-sentence
    assert "lower_elsewhere" not in got[13] and "initial" in got[13]
    assert got[2] == set() and got[3] == set()  # a lower-case word and a full stop carry nothing


def test_given_names_and_heads_of_names_come_from_the_language_data():
    got = cols("Иван Тестов посети Министерството и агенцията , а Петър не .".split(), "bg")
    assert "given_name" in got[0] and "given_name" not in got[1]
    assert "given_name" in got[8]
    assert "head_ORG" in got[3] and "head_ORG" in got[5]  # capitalised or not, with its article
    assert "latin" not in got[0]
    assert "latin" in cols(["Ryanair", "обяви"], "bg")[0]


def test_russian_words_carry_their_dictionary_name_marks():
    got = cols("Вчера Сергей Лавров прилетел в Лондон , сообщил Газпром , а Кгхщвыр молчал .".split(), "ru")
    assert {"given_name", "morph_Name"} <= got[1]
    assert "morph_Surn" in got[2]
    assert "morph_Geox" in got[5]
    assert "morph_Orgn" in got[8]
    assert "morph_unknown" in got[11] and "morph_unknown" not in got[3]
    assert not any(c.startswith("morph_") for c in cols(["Сергей"], "bg")[0])  # no dictionary for Bulgarian


def test_a_word_gives_the_same_features_wherever_it_stands():
    lex = F.lexicon("bg")
    bits = lex.bits("Министерството")
    assert bits and lex.bits("Министерството") == bits
    static = F.COLUMNS.index("given_name")
    one = F.doc_features(["Министерството"], lex)[0, static:]
    other = F.doc_features(["Вчера", "Министерството", "обяви"], lex)[1, static:]
    assert np.array_equal(one, other)
    assert one.tolist() == [(bits >> k) & 1 for k in range(len(one))]


def test_a_model_with_the_features_trains_and_reads(tmp_path):
    # the architecture `hronika train ner` writes into a model's config: built, trained a step,
    # saved, and loaded by the entity stage's loader
    from hronika.stages.entities import _load_pipeline
    from hronika.stages.spacy_import import spacy
    from spacy.training import Example

    F.register()
    nlp = spacy().blank("bg")
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": F.NAME, "width": 32, "attrs": ["NORM", "SHAPE"], "rows": [500, 50], "lang": "bg"},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 32, "depth": 1, "window_size": 1,
                   "maxout_pieces": 2}}})
    nlp.add_pipe("ner", config={"model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
                                          "hidden_width": 16, "maxout_pieces": 2, "use_upper": True,
                                          "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 32}}})
    doc = nlp.make_doc("Иван Тестов посети Министерството .")
    ex = Example.from_dict(doc, {"entities": [(0, 11, "PER")]})
    opt = nlp.initialize(lambda: [ex])
    losses = {}
    for _ in range(3):
        nlp.update([ex], sgd=opt, losses=losses)
    assert losses["ner"] > 0
    nlp.to_disk(tmp_path / "m")
    loaded = _load_pipeline(tmp_path / "m")
    assert loaded.pipe_names == ["tok2vec", "ner"]
    out = loaded(loaded.make_doc("Петър Тестов посети агенцията ."))
    assert len(out) == 5  # it reads (what it finds after three steps is not the point)


@pytest.mark.parametrize("code", ["bg", "ru"])
def test_an_empty_document_has_an_empty_matrix(code):
    assert F.doc_features([], F.lexicon(code)).shape == (0, F.N_FEATURES)
