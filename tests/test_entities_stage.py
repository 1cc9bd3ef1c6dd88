"""The entity stage on texts written for these tests: the shipped models load and tag, Latin-script
snippets are read by rules, and each referent is one entity with one key."""
import datetime as dt

import pytest

from hronika import pipeline
from hronika.document import Document
from hronika.stages import entities as E
from hronika.stages.entities import EntityStage


_BEFORE = None


def read(text: str, lang: str = "bg") -> Document:
    """The article read as production reads it: tokens and sentences by the stages before this one
    (``lang`` is the article's language as its source says; the language stage reads each sentence's)."""
    global _BEFORE
    if _BEFORE is None:
        _BEFORE = pipeline.build(["repair", "segment", "sentences", "language"])
    doc = Document(id="t", text=text, date=dt.date(2025, 12, 18), meta={"lang": lang})
    return stage()(_BEFORE(doc))


_STAGE = None


def stage() -> EntityStage:
    global _STAGE
    if _STAGE is None:
        _STAGE = EntityStage()
    return _STAGE


def ents(doc):
    return {e.kb: e for e in doc.entities}


def forms(doc, e):
    return {doc.text[s:t] for s, t in e.mentions}


def test_contract():
    assert EntityStage.name == "entities"
    assert EntityStage.requires == ("tokens", "sentences", "lang")
    assert EntityStage.assigns == ("mentions", "entities")


def test_shipped_models_load():
    for lang in ("bg", "ru"):
        nlp = E.load_model(lang)
        assert nlp is not None, f"hronika/models/ner-{lang} is missing"
        assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC", "EVT", "PRO"}


def test_bulgarian_sentence_is_tagged_and_resolved():
    doc = read("Президентът Румен Радев посрещна в София германския канцлер Фридрих Мерц.\n"
               "По-късно Радев и Мерц разговаряха с представители на НАТО.")
    es = ents(doc)
    assert forms(doc, es["PER-Rumen-Radev"]) == {"Румен Радев", "Радев"}
    assert es["PER-Rumen-Radev"].name == "Румен Радев"
    assert forms(doc, es["PER-Friedrich-Merz"]) == {"Фридрих Мерц", "Мерц"}
    assert es["GPE-Sofia"].type == "LOC"
    assert es["ORG-NATO"].type == "ORG"
    # the mentions layer points at the entities
    ids = {e.id for e in doc.entities}
    assert doc.layer("mentions") and all(m.attrs["entity"] in ids for m in doc.layer("mentions"))
    for m in doc.layer("mentions"):
        e = next(x for x in doc.entities if x.id == m.attrs["entity"])
        assert m.label == e.type and (m.start, m.end) in e.mentions


def test_russian_sentence_is_tagged():
    doc = read("Министр иностранных дел России Сергей Лавров встретился в Москве с коллегой из Турции.", "ru")
    es = ents(doc)
    assert "PER-Sergey-Lavrov" in es
    assert "GPE-Russia" in es and "GPE-Turkey" in es or "GPE-Türkiye" in es or any(
        k.startswith("GPE-T") for k in es)


def test_english_post_by_rules_and_one_entity_across_scripts():
    doc = read("Министър-председателят Росен Желязков се срещна с Марк Рюте в Брюксел.\n"
               "Rutte thanked Zhelyazkov for the talks in Brussels, said Reuters.")
    es = ents(doc)
    assert forms(doc, es["PER-Mark-Rutte"]) == {"Марк Рюте", "Rutte"}
    assert forms(doc, es["PER-Rosen-Zhelyazkov"]) >= {"Росен Желязков", "Zhelyazkov"}
    assert "Brussels" in forms(doc, es["GPE-Brussles"])
    assert es["ORG-Reuters"].type == "ORG"


def test_latin_rules_alone():
    from hronika.kb import load
    words = "Yesterday Jane Whitfield of Global Energy Agency met Lukashenko in Minsk .".split()
    found = E.latin_mentions(words, 0, len(words), {0}, load())
    got = {(" ".join(words[s:e]), t) for s, e, t, _ in found}
    assert ("Jane Whitfield", "PER") in got
    assert ("Global Energy Agency", "ORG") in got
    assert ("Lukashenko", "PER") in got and ("Minsk", "LOC") in got
    assert not any(w == "Yesterday" for w, _ in got)


def test_possessive_is_trimmed():
    doc = read("Лидерът на Венецуела Николас Мадуро говори пред привърженици.\n"
               "Maduro’s allies met in Caracas.")
    m = ents(doc)["PER-Nicolas-Maduro"]
    assert "Maduro" in forms(doc, m)


def test_repeated_name_is_tagged_again():
    doc = read("Кметът Веселин Стоянчев откри новия мост над реката.\n"
               "Стоянчев обясни, че мостът е платен от общината. Според Стоянчев ремонтът ще продължи.")
    people = [e for e in doc.entities if e.type == "PER"]
    assert len(people) == 1
    assert len(people[0].mentions) == 3


def test_urls_are_not_names():
    doc = read("Снимка: pic.twitter.com/AbCdEf12 от срещата на Радев в Пловдив.")
    assert not any("twitter" in doc.text[s:t] for e in doc.entities for s, t in e.mentions)


def test_empty_token_layer():
    doc = Document(id="x", text="…", date=dt.date(2025, 1, 1))
    doc.set_layer("tokens", [])
    doc.set_layer("sentences", [])
    out = stage()(doc)
    assert out.entities == [] and out.layer("mentions") == []


def test_after_the_real_stages_one_entity_per_referent():
    from hronika import pipeline

    text = ("Б еларуският министър Максим Рижков се срещна днес в Минск с посланика на Венецуела. "
            "Рижков заяви, че Беларус подкрепя Каракас.\n\n"
            "Ryzhenkov? No: Ryzhkov met the Venezuelan envoy in Minsk, BelTA reported.\n\n"
            "По-късно БелТА съобщи, че посланикът е предал писмо от Мадуро.")
    doc = Document(id="p", text=text, date=dt.date(2025, 12, 18))
    doc = pipeline.build(["repair", "segment", "sentences", "language"])(doc)
    doc = stage()(doc)
    es = ents(doc)
    assert forms(doc, es["ORG-BelTA"]) == {"BelTA", "БелТА"}
    belarus = es["GPE-Belarus"]
    assert "Беларус" in forms(doc, belarus)
    # every mention lies inside the original text and matches the entity's type
    for m in doc.layer("mentions"):
        assert 0 <= m.start < m.end <= len(text)
    assert len({e.kb for e in doc.entities if e.type == "PER" and "Рижков" in forms(doc, e)}) == 1


def test_a_place_mention_is_cut_before_a_preposition_no_place_name_holds():
    import datetime as dt
    from hronika import pipeline
    from hronika.document import Document
    doc = pipeline.build()(Document("p", "Нивото на Дунав при Видин спадна, а корабите между Русе и Силистра спряха.",
                                    dt.date(2025, 9, 30)))
    surfaces = {doc.text[m.start:m.end] for m in doc.layer("mentions")}
    assert not any(" при " in s or " между " in s for s in surfaces), surfaces
    assert "Видин" in surfaces


def test_a_short_quoted_name_the_model_missed_becomes_a_product_but_speech_does_not():
    from hronika.stages.entities import quoted_names
    words = ["Проектът", "„", "Балкански", "мост", "2", "“", "каза", ":", "„", "Ние", "ще",
             "го", "завършим", "скоро", "“"]
    which = ["bg"] * len(words)
    assert quoted_names(words, which, []) == [(2, 5, "PRO", 0)]
    assert quoted_names(words, which, [(2, 4, "ORG", 0)]) == []  # already tagged
    assert quoted_names(words, ["ru"] * len(words), []) == []  # Russian «…» is left to the model


@pytest.mark.parametrize("words,span,expected", [
    (["Газопроводът", "Балкански", "мост", "2", "е", "готов"], (1, 3, "PRO"), (1, 4, "PRO")),
    (["газопровода", "„", "Балкански", "мост", "“", "2", "."], (2, 4, "PRO"), (1, 6, "PRO")),
    (["газопровода", "Балкански", "мост", "-", "3", "."], (1, 3, "PRO"), (1, 5, "PRO")),
    (["вирусът", "Ковид", "-", "19", "се"], (1, 2, "EVT"), (1, 4, "EVT")),
    (["компанията", "Danube", "Link", "2", "AG", "заяви"], (1, 3, "ORG"), (1, 5, "ORG")),
    (["от", "„", "Тракия", "Медия", "“", "АД", "."], (2, 4, "ORG"), (1, 6, "ORG")),
])
def test_a_name_takes_its_number_and_legal_form(words, span, expected):
    assert E.attach_numbers([(*span, 0)], words, ["bg"] * len(words)) == [(*expected, 0)]


@pytest.mark.parametrize("words,span", [
    (["„", "Тракия", "Газ", "“", "10", "млрд", "."], (1, 3, "ORG")),   # a quantity, not a number in the name
    (["Тракия", "Газ", "2019", "г", "."], (0, 2, "ORG")),
    (["Петър", "Петров", "2", "пъти"], (0, 2, "PER")),                # people have no numbers
    (["Тракия", "Газ", "1500", "души"], (0, 2, "ORG")),
])
def test_a_quantity_or_a_person_does_not_take_the_number(words, span):
    assert E.attach_numbers([(*span, 0)], words, ["bg"] * len(words)) == [(*span, 0)]


def test_tokens_split_where_text_was_glued():
    from hronika.stages.sentences import tokenizer
    words = [t.text for t in tokenizer()("остава Дания./БГНЕС. предаде ТАСС.Потвърдена от ТАСС.\"Лидерите "
                                         "в“Мост 2“е“Тракия“. Мост-2, т.е. NEWS.BG и https://t.co/AbC 01/02/2019")]
    for w in ("Дания", "БГНЕС", "ТАСС", "Потвърдена", "Лидерите", "Мост", "2", "Тракия", "т.е.", "NEWS.BG",
              "https://t.co/AbC", "01/02/2019"):
        assert w in words, (w, words)


def test_kb_check_cuts_a_run_on_name_at_a_known_place_and_retypes_latin_persons():
    st = stage()
    words = ["искане", "на", "Украйна", "за", "ниски", "цени", "и", "Globex", "Energy", "."]
    which = ["bg"] * len(words)
    out = E.check_with_kb([(2, 6, "ORG", 0), (7, 9, "PER", 0)], words, which, st.kb)
    assert (2, 3, "LOC", 0) in out
    assert (7, 9, "ORG", 0) in out  # a Latin-script "person" in Bulgarian text is a company
    words = ["министърът", "Jens", "Globex", "."]
    assert E.check_with_kb([(1, 3, "PER", 0)], words, ["bg"] * 4, st.kb) == [(1, 3, "PER", 0)]  # unless a given name


def test_a_surname_recurs_alone_after_the_full_name():
    words = ["Министър", "Ивайло", "Стойчев", "заяви", ".", "Стойчев", "добави", "."]
    out = EntityStage._propagate([(1, 3, "PER", 0)], words, ["bg"] * len(words))
    assert (5, 6, "PER", 0) in out


@pytest.mark.parametrize("words,found,expected", [
    (["в", "Черно", "море", "."], [], [(1, 3, "LOC", 0)]),
    (["газопровода", "Тракийски", "поток", "."], [(1, 2, "LOC", 0)], [(1, 3, "PRO", 0)]),
    (["Това", "море", "е"], [], []),                      # not an adjective: no name
    (["Черно", "море", "е"], [(0, 2, "LOC", 0)], [(0, 2, "LOC", 0)]),  # already whole
])
def test_an_adjective_and_the_noun_that_ends_its_name(words, found, expected):
    assert sorted(E.attach_heads(found, words, ["bg"] * len(words))) == expected


def test_a_longer_name_tagged_elsewhere_wins_over_a_part():
    words = ["Тракийски", "поток", "2", "е", "готов", ".", "Тракийски", "поток", "2", "тръгва"]
    out = EntityStage._propagate([(0, 3, "PRO", 0), (6, 7, "LOC", 0)], words, ["bg"] * len(words))
    assert sorted(out) == [(0, 3, "PRO", 0), (6, 9, "PRO", 0)]


def test_a_lone_latin_product_unknown_to_the_kb_is_a_company():
    words = ["компанията", "Globex", "и", "сайтът", "globex.bg", "."]
    out = E.check_with_kb([(1, 2, "PRO", 0), (4, 5, "PRO", 0)], words, ["bg"] * len(words), stage().kb)
    assert (1, 2, "ORG", 0) in out and (4, 5, "PRO", 0) in out


def test_a_name_cut_inside_its_parentheses_becomes_the_name_and_the_abbreviation():
    words = ["от", "Съюза", "на", "Тракия", "(", "СТ", ",", "а"]
    assert E.split_open_parens([(1, 6, "ORG", 0)], words) == [(1, 4, "ORG", 0), (5, 6, "ORG", 0)]
    closed = ["Съюза", "(", "СТ", ")"]
    assert E.split_open_parens([(0, 4, "ORG", 0)], closed) == [(0, 4, "ORG", 0)]


def test_person_spans_are_cut_at_lower_case_words_and_places_glued_to_their_end():
    st = stage()
    words = ["каза", "Иван", "Тракийски", "за", "Радио", "Тракия", "и", "Иван", "Тракийски", "Москва", "."]
    out = E.check_with_kb([(1, 6, "PER", 0), (7, 10, "PER", 0)], words, ["bg"] * len(words), st.kb)
    assert (1, 3, "PER", 0) in out
    assert (7, 9, "PER", 0) in out and (9, 10, "LOC", 0) in out


def test_a_given_name_and_a_capitalised_word_is_a_person():
    st = stage()
    assert "иван" in st.kb.first_names
    words = ["заяви", "Иван", "Тракийски", "."]
    assert E.check_with_kb([(1, 3, "PRO", 0)], words, ["bg"] * len(words), st.kb) == [(1, 3, "PER", 0)]


def test_a_mention_keeps_its_words_as_written():
    from hronika import pipeline
    doc = pipeline.build()(Document("w", "Строежът на „Балкански мост-2“ започна през пролетта.", dt.date(2025, 9, 30)))
    names = {e.name for e in doc.entities}
    assert "Балкански мост-2" in names, names


def test_a_date_in_a_post_signature_is_no_name():
    from hronika import pipeline
    text = ("Агенцията публикува съобщение.\n\nГазовые переговоры продолжатся в пятницу в Кишинёве. "
            "https://t.co/Ab12Cd — ТАСС (@tass_agency) December 1, 2025\n\nСлед това министърът отговори.")
    doc = pipeline.build()(Document("sig", text, dt.date(2025, 12, 2)))
    assert not any(e.name.startswith("December") for e in doc.entities), [e.name for e in doc.entities]


def test_a_place_takes_a_number_only_after_a_dash():
    words = ["в", "Марица", "Изток", "-", "2", "и", "България", "2", ":", "1"]
    out = E.attach_numbers([(1, 3, "LOC", 0), (6, 7, "LOC", 0)], words, ["bg"] * len(words))
    assert out == [(1, 5, "LOC", 0), (6, 7, "LOC", 0)]


def test_a_mention_loses_a_quotation_mark_it_does_not_pair():
    words = ["на", "\"", "Мост", "-", "2", "\"", "и", "Вестник", "“", "."]
    out = E.trim_quotes([(1, 5, "PRO", 0), (7, 9, "PRO", 0), (1, 6, "PRO", 0)], words)
    assert out == [(2, 5, "PRO", 0), (7, 8, "PRO", 0), (1, 6, "PRO", 0)]


def test_known_publications_are_products_and_a_name_grows_to_the_known_one():
    st = stage()
    words = ["според", "„", "Вашингтон", "пост", "“", "и", "Гардиън", "."]
    out = E.check_with_kb([(2, 3, "LOC", 0)], words, ["bg"] * len(words), st.kb)
    assert (2, 4, "PRO", 0) in out   # the model's "Вашингтон" grows to the newspaper
    assert (6, 7, "PRO", 0) in out   # a known newspaper the model missed


def test_a_bulgarian_name_ends_before_a_finite_verb():
    assert E.is_bg_verb("подписаха") and E.is_bg_verb("отговори") and not E.is_bg_verb("науките")
    words = ["Академията", "на", "науките", "подписаха", "договор", "."]
    assert E.cut_at_verbs([(0, 5, "ORG", 0)], words, ["bg"] * 6) == [(0, 3, "ORG", 0)]
    words = ["Министерството", "на", "храните", "отговори", "."]
    assert E.cut_at_verbs([(0, 5, "ORG", 0)], words, ["bg"] * 5) == [(0, 3, "ORG", 0)]

def test_a_person_does_not_end_in_the_abbreviation_of_a_known_organisation():
    kb = stage().kb
    words = ["слова", "министра", "Ивана", "Петрова", "ТАСС", "."]
    assert E.split_person_and_acronym([(2, 5, "PER", 0)], words, kb) == [(2, 4, "PER", 0), (4, 5, "ORG", 0)]
    words = ["Алексей", "БУЛАТОВ"]  # a byline's surname in capitals
    assert E.split_person_and_acronym([(0, 2, "PER", 0)], words, kb) == [(0, 2, "PER", 0)]
    words = ["Джон", "Смит", "III"]  # a regnal number
    assert E.split_person_and_acronym([(0, 3, "PER", 0)], words, kb) == [(0, 3, "PER", 0)]
    words = ["НАТО", "ТАСС"]  # no title-case name before it
    assert E.split_person_and_acronym([(0, 2, "PER", 0)], words, kb) == [(0, 2, "PER", 0)]


def test_a_russian_name_ends_before_a_verb_the_dictionary_knows():
    words = ["Твери", "задержали", "Прохорову", "."]
    assert E.cut_at_verbs([(0, 3, "ORG", 0)], words, ["ru"] * 4) == [(0, 1, "ORG", 0)]
    words = ["Министерство", "иностранных", "дел", "России", "сообщило", "."]
    assert E.cut_at_verbs([(0, 4, "ORG", 0)], words, ["ru"] * 6) == [(0, 4, "ORG", 0)]
    words = ["Фонд", "помощи", "забывака", "."]  # a made-up word
    assert E.cut_at_verbs([(0, 3, "ORG", 0)], words, ["ru"] * 4) == [(0, 3, "ORG", 0)]


def test_the_stage_reads_its_models_and_kb_from_the_settings(tmp_path):
    from hronika.settings import Settings
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("Зорница Тестова\tPER-Zornitsa-Testova\n", encoding="utf-8")
    mine = EntityStage(Settings(aliases=(aliases,), ner_models=(("bg", tmp_path / "no-model"),), metonymy=False))
    assert mine.model("bg") is None and stage().model("bg") is not None  # a folder without a model
    assert E.model_path("bg") == E.MODELS / "ner-bg"
    assert mine.kb is not stage().kb and mine.kb.lookup("Зорница Тестова", "PER") == "PER-Zornitsa-Testova"
    assert mine.resolver.metonymy is False and stage().resolver.metonymy is True
    # without a Bulgarian model, Bulgarian text is read by the rules alone: the KB's names
    doc = mine(pipeline.build(["repair", "segment", "sentences", "language"])(
        Document("s", "Вчера Зорница Тестова говори дълго.", dt.date(2025, 9, 30))))
    assert [e.kb for e in doc.entities] == ["PER-Zornitsa-Testova"]


@pytest.mark.parametrize("rule,found,words,expected,split", [
    (E.end_at_known_place_before_lowercase, (0, 4, "ORG"), ["Украйна", "за", "ниски", "цени"], (0, 1, "LOC"), []),
    (E.end_person_at_lowercase_word, (0, 4, "PER"), ["Иван", "Тестов", "за", "Радио"], (0, 2, "PER"), []),
    (E.end_person_at_lowercase_word, (0, 4, "PER"), ["Урсула", "фон", "дер", "Тест"], (0, 4, "PER"), []),
    (E.split_place_off_person_end, (0, 3, "PER"), ["Иван", "Тестов", "Москва"], (0, 2, "PER"), [(2, 3, "LOC")]),
    (E.take_given_name_before_person, (1, 2, "PER"), ["Иван", "Тестов"], (0, 2, "PER"), []),
    (E.given_name_makes_person, (0, 2, "PRO"), ["Иван", "Тестов"], (0, 2, "PER"), []),
    (E.split_country_off_person_start, (0, 3, "PER"), ["Венецуела", "Иван", "Тестов"], (1, 3, "PER"), [(0, 1, "LOC")]),
    (E.latin_person_is_company, (0, 2, "PER"), ["Globex", "Energy"], (0, 2, "ORG"), []),
    (E.latin_person_is_company, (0, 2, "PER"), ["Jens", "Globex"], (0, 2, "PER"), []),
    (E.lone_latin_product_is_company, (0, 1, "PRO"), ["Globex"], (0, 1, "ORG"), []),
    (E.grow_to_known_longer_name, (0, 1, "LOC"), ["Вашингтон", "пост"], (0, 2, "PRO"), []),
    (E.known_name_takes_kb_type, (0, 1, "PRO"), ["Газпром"], (0, 1, "ORG"), []),
])
def test_each_kb_rule_alone(rule, found, words, expected, split):
    which = ["bg"] * len(words)
    covered = [found[0] <= k < found[1] for k in range(len(words))]
    done = []
    assert rule(E.Found(*found), E.Context(words, which, stage().kb, covered), done) == E.Found(*expected)
    assert done == [E.Found(*s) for s in split]


def test_the_kb_rules_run_in_their_listed_order():
    # a run-on person with a country glued before it and lower-case words after: both rules mend it
    words = ["Венецуела", "Иван", "Тестов", "за", "радиото"]
    out = E.check_with_kb([(0, 5, "PER", 0)], words, ["bg"] * len(words), stage().kb)
    assert sorted(out) == [(0, 1, "LOC", 0), (1, 3, "PER", 0)]
    assert E.KB_RULES.index(E.end_person_at_lowercase_word) < E.KB_RULES.index(E.split_country_off_person_start)


def test_a_model_saved_by_this_spacy_loads_with_the_reading_tokenizer(tmp_path):
    # `hronika train ner` saves through spaCy; the stage must load what it saves (spaCy 3.8.7 writes
    # the tokenizer inline in [nlp], older models have an [nlp.tokenizer] section)
    from hronika.stages.entities import _load_pipeline
    from hronika.stages.sentences import tokenizer
    from hronika.stages.spacy_import import spacy

    nlp = spacy().blank("bg")
    nlp.add_pipe("ner").add_label("PER")
    nlp.initialize()
    nlp.to_disk(tmp_path / "m")
    loaded = _load_pipeline(tmp_path / "m")
    assert loaded.tokenizer is tokenizer()
    assert loaded is not None and loaded.pipe_names == ["ner"]
    assert loaded.get_pipe("ner").labels == ("PER",)  # its labels, though its vocab file is not read


def test_a_model_with_static_vectors_keeps_them(tmp_path):
    # `hronika train ner --vectors` puts word vectors into the model's vocabulary: the stage puts
    # them into the tokenizer's shared vocabulary while it has none, and a second model with vectors
    # keeps its own vocabulary, loaded with it
    import numpy as np

    from hronika.stages.entities import _load_pipeline
    from hronika.stages.sentences import tokenizer
    from hronika.stages.spacy_import import spacy

    for n_model, value in enumerate((1, 2)):
        nlp = spacy().blank("bg")
        nlp.vocab.set_vector("Газпром", np.full(16, value, dtype=np.float32))
        for n in range(40):
            nlp.vocab.set_vector(f"дума{n}", np.full(16, n * value, dtype=np.float32))
        nlp.add_pipe("ner").add_label("ORG")
        nlp.initialize()
        nlp.to_disk(tmp_path / f"m{n_model}")
    from spacy.vectors import Vectors

    shared = tokenizer().vocab
    had = shared.vectors.n_keys  # (emptied again below: the shipped Russian model's vectors go there)
    try:
        first = _load_pipeline(tmp_path / "m0")
        second = _load_pipeline(tmp_path / "m1")
        assert (first.vocab is shared) == (not had)
        assert second.vocab is not shared
        for loaded, value in ((first, 1), (second, 2)):
            assert loaded.vocab.vectors.n_keys == 41
            assert (loaded.vocab["Газпром"].vector == value).all()
            assert (loaded.vocab["дума7"].vector == 7 * value).all()
            assert loaded.get_pipe("ner").labels == ("ORG",)
    finally:
        if not had:
            shared.vectors = Vectors(strings=shared.strings)


def test_the_models_share_the_reading_tokenizer_and_build_none_of_their_own():
    # The shipped models hold the tokenizer as an [nlp.tokenizer] section, a model saved by this
    # spaCy holds it inline (above): both get the sentences stage's tokenizer, not a new one.
    from hronika.stages.entities import load_model
    from hronika.stages.sentences import tokenizer

    for code in ("bg", "ru"):
        nlp = load_model(code)
        assert nlp.tokenizer is tokenizer(), code
        # both share the tokenizer's vocabulary; the Russian model's static word vectors are put there
        assert nlp.vocab is tokenizer().vocab, code
    assert tokenizer().vocab.vectors.n_keys > 100_000


@pytest.mark.parametrize("words,lg,found,kept", [
    # speech, demands and slogans in quotation marks are no names
    (["скандираха", "„", "Оттеглете", "законопроекта", "“", "."], "bg", [(2, 4, "PRO", 0)], []),
    (["надпис", "„", "Ние", "сме", "срещу", "войната", "“"], "bg", [(2, 3, "PRO", 0)], []),
    (["викаха", "„", "Долу", "мафията", "!", "“"], "bg", [(2, 4, "PRO", 0)], []),
    (["че", "„", "Общината", "трябва", "да", "плати", "“"], "bg", [(2, 7, "ORG", 0)], []),
    (["несли", "«", "Правительство", "должно", "отменить", "реформу", "»"], "ru", [(2, 6, "ORG", 0)], []),
    (["кричали", "«", "Мы", "против", "войны", "»"], "ru", [(2, 5, "PRO", 0)], []),
    # names in quotation marks stay
    (["с", "„", "Северен", "поток", "2", "“"], "bg", [(2, 5, "PRO", 0)], [(2, 5, "PRO", 0)]),
    (["от", "„", "Демократична", "България", "“"], "bg", [(2, 4, "ORG", 0)], [(2, 4, "ORG", 0)]),
    (["вакцина", "«", "Спутник", "V", "»"], "ru", [(2, 4, "PRO", 0)], [(2, 4, "PRO", 0)]),
    (["групата", "„", "Европа", "на", "народите", "и", "свободата", "“"], "bg", [(2, 7, "ORG", 0)], [(2, 7, "ORG", 0)]),
    (["на", "„", "Закона", "за", "защита", "на", "личните", "данни", "и", "правата", "“"], "bg", [(2, 10, "PRO", 0)], [(2, 10, "PRO", 0)]),
    (["офис", "«", "Наш", "дом", "»"], "ru", [(2, 4, "ORG", 0)], [(2, 4, "ORG", 0)]),  # a possessive names things too
    (["и", "„", "Не", "искаме", "нови", "такси", "за", "всички", "граждани", "“"], "bg", [(2, 9, "PRO", 0)], []),
    (["ООО", "«", "Мы", "вместе", "»"], "ru", [(2, 4, "ORG", 0)], [(2, 4, "ORG", 0)]),
    (["«", "Северный", "морской", "научный", "центр", "морской", "биологии", "и", "экологии", "»"], "ru",
     [(1, 9, "ORG", 0)], [(1, 9, "ORG", 0)]),
    (["с", "„", "Ми", "-", "17", "“"], "bg", [(2, 5, "PRO", 0)], [(2, 5, "PRO", 0)]),
    # a type noun before the quote: a title that reads as a clause is still a title
    (["фильма", "«", "Мы", "не", "вернемся", "»"], "ru", [(2, 5, "PRO", 0)], [(2, 5, "PRO", 0)]),
    (["партия", "„", "Искаме", "промяна", "“"], "bg", [(2, 4, "ORG", 0)], [(2, 4, "ORG", 0)]),
    # a person named inside a slogan stays a person
    (["скандираха", "„", "Иван", "Петров", ",", "оставка", "!", "“"], "bg", [(2, 4, "PER", 0)], [(2, 4, "PER", 0)]),
])
def test_quoted_speech_is_no_name(words, lg, found, kept):
    assert E.quoted_speech_is_no_name(found, words, [lg] * len(words), None) == kept


def test_quoted_demand_is_no_product_but_a_quoted_pipeline_is():
    doc = read("Протестиращите скандираха „Оттеглете законопроекта“ пред сградата, "
               "докато строежът на „Северен поток 2“ продължаваше.")
    texts = {doc.text[s.start:s.end] for s in doc.layer("mentions")}
    assert "Оттеглете законопроекта" not in texts
    assert "Северен поток 2" in texts
