"""Canonical names as a reader expects them: the base form, not the form the sentence needed."""
import pytest

from hronika.api import Hronika
from hronika.kb.lemma import base_bg

STAGES = ["repair", "segment", "sentences", "language", "entities"]


@pytest.mark.parametrize("form,base", [
    ("Министерският съвет", "Министерски съвет"),
    ("Министерския съвет", "Министерски съвет"),
    ("Агенцията за ядрено регулиране", "Агенция за ядрено регулиране"),
    ("Върховният административен съд", "Върховен административен съд"),
    ("Националната здравна каса", "Национална здравна каса"),
    ("Народното събрание", "Народно събрание"),
    ("Съветът за сигурност", "Съвет за сигурност"),
    ("Сърбия", "Сърбия"),  # one word: as written
    ("Черна гора", "Черна гора"),  # no article
])
def test_a_bulgarian_name_loses_the_article_of_its_first_word(form, base):
    assert base_bg(form) == base


def test_the_stage_names_an_institution_it_does_not_know_by_its_base_form(tmp_path):
    h = Hronika(db=f"sqlite:///{tmp_path / 'x.db'}")
    doc = h.read_text("Агенцията за ядрено регулиране издаде разрешение за новия реактор.", "2025-11-20",
                      stages=STAGES)
    assert [e.name for e in doc.entities if e.type == "ORG"] == ["Агенция за ядрено регулиране"]


def test_a_russian_name_is_put_in_the_nominative(tmp_path):
    h = Hronika(db=f"sqlite:///{tmp_path / 'x.db'}")
    doc = h.read_text("Российская сторона предложила продолжить работы по «Турецкому потоку».", "2025-11-20",
                      stages=STAGES)
    assert "Турецкий поток" in [e.name for e in doc.entities]
