"""A surname alone after a full name is that person: not a KB namesake, not a place."""
import pytest

from hronika.api import Hronika

STAGES = ["repair", "segment", "sentences", "language", "entities"]


@pytest.fixture(scope="module")
def h(tmp_path_factory):
    return Hronika(db=f"sqlite:///{tmp_path_factory.mktemp('s') / 'x.db'}")


def people(h, text):
    doc = h.read_text(text, "2025-11-20", stages=STAGES)
    return {e.kb: (e.type, [text[s:t] for s, t in e.mentions]) for e in doc.entities}


def test_a_surname_does_not_pull_in_a_namesake_with_another_given_name(h):
    got = people(h, "Министърът на финансите Иван Иванов представи бюджета в парламента. "
                    "Иванов добави, че дефицитът ще бъде под три процента.")
    assert "PER-Mircho-Ivanov" not in got  # the KB's Иванов has another given name
    ((kind, forms),) = [v for v in got.values() if "Иванов" in v[1]]
    assert kind == "PER" and forms == ["Иван Иванов", "Иванов"]


def test_a_surname_the_model_took_for_a_place_is_the_person(h):
    got = people(h, "Кметът Георги Петров откри новата детска градина в квартала. "
                    "Петров каза, че до края на годината ще бъдат открити още две.")
    assert [v for v in got.values() if v == ("PER", ["Георги Петров", "Петров"])]
    assert not [v for v in got.values() if v[0] == "LOC"]


def test_a_kb_person_that_agrees_with_the_given_name_keeps_its_key(h):
    got = people(h, "Президентът Доналд Тръмп се срещна с журналисти. Тръмп заяви, че няма да отстъпи.")
    assert got["PER-Donald-Trump"] == ("PER", ["Доналд Тръмп", "Тръмп"])
