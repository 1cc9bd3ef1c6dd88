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


def test_a_quoted_name_after_an_organisation_noun_is_that_organisation(tmp_path):
    h = Hronika(db=f"sqlite:///{tmp_path / 'x.db'}")
    text = "Агенция „Пътна инфраструктура“ обяви нов търг за ремонта на магистралата."
    doc = h.read_text(text, "2025-11-20", stages=STAGES)
    assert [(e.type, e.name) for e in doc.entities] == [("ORG", "Пътна инфраструктура")]


def test_a_name_after_a_place_noun_is_a_place_not_a_person(tmp_path):
    h = Hronika(db=f"sqlite:///{tmp_path / 'x.db'}")
    text = "Проходът Шипка е затворен заради снега. Туристи изкачиха връх Мусала въпреки вятъра."
    doc = h.read_text(text, "2025-11-20", stages=STAGES)
    assert {e.name: e.type for e in doc.entities} == {"Шипка": "LOC", "Мусала": "LOC"}


def test_a_capital_paired_with_a_town_stays_a_city(tmp_path):
    h = Hronika(db=f"sqlite:///{tmp_path / 'x.db'}")
    rail = h.read_text("Сърбия и България подписаха споразумение за железопътната линия между София и Ниш.",
                       "2025-11-20", stages=STAGES)
    assert [e.name for e in rail.entities if e.kb == "GPE-Sofia"] == ["София"]
    talks = h.read_text("България и САЩ обсъдиха отношенията между София и Вашингтон.", "2025-11-20",
                        stages=STAGES)
    assert not [e for e in talks.entities if e.kb == "GPE-Sofia"]  # here both capitals are parties


def test_a_date_is_no_part_of_an_organisation_name(tmp_path):
    h = Hronika(db=f"sqlite:///{tmp_path / 'x.db'}")
    text = "Европейският съвет на 18 октомври одобри решението за разширяването."
    doc = h.read_text(text, "2025-11-20", stages=STAGES + ["timex"])
    assert [text[s:e] for ent in doc.entities for s, e in ent.mentions] == ["Европейският съвет"]
    assert [text[t.start:t.end] for t in doc.layer("timexes")] == ["на 18 октомври"]
