"""The steps after the model that need no training: heads of organisation and event names,
type nouns before quoted names, and given names (lang/<code>/entity_types.json, given_names.txt).
Sentences written for these tests."""
import pytest

from hronika.api import Hronika
from hronika.stages.entities import Found, head_starts_name, join_person_parts, quoted_name_after_type_noun

STAGES = ["repair", "segment", "sentences", "language", "entities"]


@pytest.fixture(scope="module")
def read(tmp_path_factory):
    h = Hronika(db=f"sqlite:///{tmp_path_factory.mktemp('db') / 'x.db'}")

    def mentions(text):
        doc = h.read_text(text, "2025-11-20", stages=STAGES)
        return {doc.text[m.start:m.end]: m.label for m in doc.layer("mentions")}
    return mentions


def test_a_bulgarian_head_and_the_noun_it_governs_are_one_organisation():
    words = "Вчера Министерството на отбраната обяви търг".split()
    assert head_starts_name([], words, ["bg"] * len(words)) == [Found(1, 4, "ORG")]


def test_a_court_named_with_its_country_is_one_organisation():
    words = "Според него Върховният съд на Белиз ще реши".split()
    found = [Found(2, 4, "ORG"), Found(5, 6, "LOC")]  # the model's two mentions
    assert head_starts_name(found, words, ["bg"] * len(words)) == [Found(2, 6, "ORG")]


def test_a_place_after_a_head_with_no_joiner_stays_a_place():
    words = "Според него Върховният съд Белиз ще реши".split()
    found = [Found(2, 4, "ORG"), Found(4, 5, "LOC")]
    assert sorted(head_starts_name(found, words, ["bg"] * len(words))) == found


def test_a_russian_institution_runs_on_in_the_genitive():
    words = "В четверг Министерство иностранных дел Перу выразило протест".split()
    found = [Found(5, 6, "LOC")]  # the model saw only the country
    assert head_starts_name(found, words, ["ru"] * len(words)) == [Found(2, 6, "ORG")]


def test_a_russian_organisation_the_model_took_for_a_place_is_an_organisation():
    words = "Об этом сообщило Агентство Синегорья".split()
    found = [Found(3, 5, "LOC")]
    assert head_starts_name(found, words, ["ru"] * len(words)) == [Found(3, 5, "ORG")]


def test_a_head_at_a_sentence_start_with_nothing_after_it_is_no_name(read):
    got = read("Партията реши да не участва. Агенцията мълчи.")
    assert not any(t == "ORG" for t in got.values())


def test_a_judge_is_not_a_court():
    # ``Съдия`` starts with the stem of ``съд``, but its ending is no noun ending of the head
    words = ["Съдия", "Петко", "Гъбов"]
    found = [Found(0, 3, "PER")]
    assert head_starts_name(found, words, ["bg"] * 3) == found


def test_an_event_head_retypes_the_models_mention():
    words = ["Олимпиадата", "в", "Лондон"]
    got = head_starts_name([Found(0, 1, "LOC")], words, ["bg"] * 3)
    assert got == [Found(0, 1, "EVT")]


@pytest.mark.parametrize("text,name,typ", [
    ("Лидерът на партия „Светъл път“ говори пред журналисти.", "Светъл път", "ORG"),
    ("Полицията проведе операция „Чиста вода“ в града.", "Чиста вода", "EVT"),
])
def test_a_quoted_name_takes_the_type_its_noun_says(read, text, name, typ):
    assert read(text).get(name) == typ


def test_a_russian_quoted_name_keeps_its_quotation_marks(read):
    got = read("Глава партии «Светлый путь» и создатели вакцины «Бореал» выступили вместе.")
    assert got.get("«Светлый путь»") == "ORG"
    assert got.get("«Бореал»") == "PRO"


def test_a_quote_after_a_noun_of_no_type_is_left_alone():
    words = ["каза", "„", "Стига", "“"]
    found = [Found(2, 3, "PRO")]
    assert quoted_name_after_type_noun(found, words, ["bg"] * 4) == found


def test_a_given_name_and_a_surname_the_model_missed_are_a_person(read):
    from hronika.kb import load
    from hronika.stages.entities import Context, add_given_name_persons
    words = "Адвокатът на Фатима Нуреди заяви , че Ахмед ще обжалва".split()
    c = Context(words, ["bg"] * len(words), load(), [False] * len(words))
    assert add_given_name_persons(c) == [Found(2, 4, "PER"), Found(7, 8, "PER")]
    c = Context(words, ["bg"] * len(words), load(), [False] * len(words))
    c.covered[2] = True  # a mention holds it already
    assert add_given_name_persons(c) == [Found(7, 8, "PER")]


def test_a_russian_given_name_in_a_case_form_alone_is_a_person(read):
    got = read("Журналисты долго беседовали с Мохаммедом о поездке.")
    assert got.get("Мохаммедом") == "PER"


def test_a_word_that_is_also_a_common_noun_is_no_given_name(read):
    got = read("Вера Москвы в победу была крепкой.")
    assert "Вера Москвы" not in got and got.get("Вера") != "PER"


def test_a_capitalised_head_alone_in_mid_sentence_is_a_name():
    words = "Проектът беше одобрен от Комисията и от Парламента .".split()
    got = head_starts_name([], words, ["bg"] * len(words))
    assert sorted(got) == [Found(4, 5, "ORG"), Found(7, 8, "ORG")]
    words = "Комисията одобри проекта .".split()  # at a sentence start: any noun is capitalised
    assert head_starts_name([], words, ["bg"] * len(words)) == []


def test_an_adjective_and_a_head_alone_are_no_name():
    words = "Вчера Върховният съд реши делото".split()
    assert head_starts_name([], words, ["bg"] * len(words)) == []


def test_a_lone_latin_word_in_cyrillic_text_is_a_company():
    from hronika.kb import load
    from hronika.stages.entities import Context, add_lone_latin_companies
    words = "Договорът с Zenbrix беше подписан , а тестът PCR и New Order остават .".split()
    c = Context(words, ["bg"] * len(words), load(), [False] * len(words))
    # not an abbreviation (PCR), not a word of a Latin phrase (New Order)
    assert add_lone_latin_companies(c) == [Found(2, 3, "ORG")]


def test_the_pieces_of_one_persons_name_are_one_mention():
    from hronika.stages.entities import join_person_parts
    words = "Според Тедрос Аданом Гебрейесус и Урсула фон дер Лайен , Рим и Мадрид".split()
    found = [Found(1, 2, "PER"), Found(2, 4, "PER"), Found(5, 6, "PER"), Found(10, 11, "LOC"), Found(12, 13, "LOC")]
    assert join_person_parts(found, words, ["bg"] * len(words)) == [
        Found(1, 4, "PER"), Found(5, 9, "PER"), Found(10, 11, "LOC"), Found(12, 13, "LOC")]


def test_a_head_runs_on_through_a_common_noun_after_na_only():
    words = "Вчера Европейската комисия за съдбата на бежанците мълчеше".split()
    found = [Found(1, 3, "ORG")]
    assert head_starts_name(found, words, ["bg"] * len(words)) == found


def test_a_congress_is_an_organisation_not_an_event():
    words = "Байден направи запрос Конгрессу США".split()
    found = [Found(0, 1, "PER"), Found(3, 5, "ORG")]
    assert sorted(head_starts_name(found, words, ["ru"] * len(words))) == found


def test_two_longer_names_side_by_side_are_two_people():
    words = "с польской коллегой Анной Ковальской Шмидт объявила".split()
    two = [Found(3, 5, "PER"), Found(5, 6, "PER")]
    assert sorted(join_person_parts(two, words, ["ru"] * len(words))) == two


def test_a_one_word_person_and_the_name_after_it_are_one_person():
    words = "директорът Тедрос Аданом Гебрейесус каза".split()
    pieces = [Found(1, 2, "PER"), Found(2, 4, "PER")]
    assert join_person_parts(pieces, words, ["bg"] * len(words)) == [Found(1, 4, "PER")]


def test_a_capitalised_adverb_is_no_abbreviation_of_a_known_name(read):
    got = read("Министр выступила в парламенте. Ранее она обещала снизить налоги для семей.")
    assert "Ранее" not in got


@pytest.mark.parametrize("words, model_type, expected", [
    ("Вчера в Газпроме сообщили о сделке", "LOC", "ORG"),  # Orgn in every reading
    ("Об этом рассказал Сидоровым журналистам", "LOC", "PER"),  # Surn
    ("Делегация прибыла в Тверь утром", "PRO", "LOC"),  # Geox
    ("Делегация прибыла в Тверь утром", "ORG", "ORG"),  # an organisation named after its place stays one
    ("Об этом рассказал Сидоровым журналистам", "PER", "PER"),
])
def test_one_russian_word_takes_the_type_its_dictionary_readings_agree_on(words, model_type, expected):
    from hronika.kb import load
    from hronika.stages.entities import Context, one_word_takes_its_morphology_type

    w = words.split()
    i = next(k for k, x in enumerate(w) if k and x[:1].isupper())
    c = Context(w, ["ru"] * len(w), load(), [False] * len(w))
    assert one_word_takes_its_morphology_type(Found(i, i + 1, model_type), c, []).type == expected


@pytest.mark.parametrize("words, expected", [
    ("Вчера суд арестовал Гаврилову за неуплату налогов", [("Гаврилову", "PER")]),
    ("Делегация прибыла в Тверь утром", [("Тверь", "LOC")]),
    ("Вера в победу осталась", []),  # a common word as well: no name
    ("Вчера суд арестовал Гаврилову Анну Сергеевну", []),  # beside another name: bounds unknown
])
def test_a_lone_word_the_dictionary_knows_only_as_a_name_is_a_mention(words, expected):
    from hronika.kb import load
    from hronika.stages.entities import Context, add_morphology_names

    w = words.split()
    c = Context(w, ["ru"] * len(w), load(), [False] * len(w))
    assert [(w[f.start], f.type) for f in add_morphology_names(c)] == expected


def test_a_name_the_model_missed_is_found_by_its_dictionary_type(read):
    got = read("Вчера в Твери задержали Прохорову.")
    assert got.get("Прохорову") == "PER"


def test_a_given_name_alone_takes_the_surname_the_model_left_untagged():
    words = "Оппозиционер Алексей Навальный подал жалобу , а Мария Лес молчала".split()
    which = ["ru"] * len(words)
    got = join_person_parts([Found(1, 2, "PER"), Found(7, 8, "PER")], words, which)
    # a surname the dictionary knows joins the given name; a common noun (a forest) does not
    assert sorted(got) == [Found(1, 3, "PER"), Found(7, 8, "PER")]
