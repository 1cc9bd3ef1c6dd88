"""Names swapped between training documents (hronika/train/augment.py)."""
import random

from hronika.stages.spacy_import import spacy
from hronika.train.augment import swapped


def example(nlp, words, ents):
    from spacy.tokens import Doc, Span
    from spacy.training import Example

    gold = Doc(nlp.vocab, words=words)
    gold.ents = [Span(gold, s, e, label=label) for s, e, label in ents]
    return Example(Doc(nlp.vocab, words=words), gold)


def test_names_are_swapped_for_names_of_their_type_seen_before():
    nlp = spacy().blank("bg")
    pool, rng = {}, random.Random(3)
    first = example(nlp, "Иван Тестов посети Видин вчера .".split(), [(0, 2, "PER"), (3, 4, "LOC")])
    assert swapped(first, pool, rng, nlp) is not None  # nothing seen before: the names stay
    assert {k: [n[1] for n in v] for k, v in pool.items()} == {"PER": [("Иван", "Тестов")], "LOC": [("Видин",)]}
    second = example(nlp, "Днес Мария Петрова е в Русе .".split(), [(1, 3, "PER"), (5, 6, "LOC")])
    seen = set()
    for _ in range(30):
        copy = swapped(second, pool, rng, nlp).reference
        assert [e.label_ for e in copy.ents] == ["PER", "LOC"]
        assert copy[0].text == "Днес" and copy[-1].text == "." and copy[-3].text == "в"
        seen.add(tuple(e.text for e in copy.ents))
    assert ("Иван Тестов", "Видин") in seen and ("Мария Петрова", "Русе") in seen


def test_a_document_without_names_gives_no_copy():
    nlp = spacy().blank("bg")
    assert swapped(example(nlp, "Валя дъжд .".split(), []), {}, random.Random(0), nlp) is None


def test_word_features_need_one_language(tmp_path, capsys):
    from hronika.train.ner import main

    assert main(["--data", str(tmp_path), "--lang", "bg+ru", "--features"]) == 2
    assert "one language" in capsys.readouterr().err
