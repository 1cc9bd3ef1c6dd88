import datetime as dt

from hronika.document import Document
from hronika.stages.repair import RepairStage, apply_edits, find_edits

D = dt.date(2025, 1, 1)


def repaired(text):
    return RepairStage()(Document("t", text, D))


def test_drop_cap_is_joined_for_analysis_but_text_is_untouched():
    doc = repaired("Б ългарският премиер замина.\nР умъния отговори.")
    assert doc.text.startswith("Б ългарският")
    assert doc.clean == "Българският премиер замина.\nРумъния отговори."
    s = doc.clean.index("Румъния")
    assert doc.to_source(s, s + len("Румъния")) == (doc.text.index("Р умъния"), doc.text.index("Р умъния") + 8)


def test_one_letter_words_are_not_glued():
    doc = repaired("В сряда министърът замина.\nС решение на съда.\nИ още нещо.")
    assert doc.clean is None


def test_glued_hashtag_and_glued_sentence_get_a_space():
    doc = repaired("Talks with Russia.#Venezuela and края.Следващия ден")
    assert doc.clean == "Talks with Russia. #Venezuela and края. Следващия ден"
    s = doc.clean.index("#Venezuela")
    assert doc.text[slice(*doc.to_source(s, s + 10))] == "#Venezuela"


def test_invisible_characters_are_dropped_and_nbsp_becomes_space():
    text = "пре\u00adзидентът\u00a0каза\u200b."
    clean, mapping = apply_edits(text, find_edits(text))
    assert clean == "президентът каза."
    assert len(mapping) == len(clean) + 1
    for i, ch in enumerate(clean):
        assert text[mapping[i]] == ch or (ch == " " and text[mapping[i]] == "\u00a0")


def test_offsets_round_trip_for_every_token_of_a_repaired_text():
    doc = repaired("Б еларуският лидер каза.#Минск и пре\u00adговори.")
    atext = doc.clean
    import re
    for m in re.finditer(r"\w+", atext):
        s, e = doc.to_source(m.start(), m.end())
        assert doc.from_source(s, e) == (m.start(), m.end())
        assert doc.text[s:e].replace(" ", "").replace("\u00ad", "") == m.group(0)


def test_latin_lookalikes_inside_a_cyrillic_word_are_read_as_cyrillic():
    # "Cейчас" and "cреду" typed with a Latin c; Latin words and mixed names stay as written
    doc = repaired("Cейчас идут переговоры, в cреду их продолжат. iPhone, Covid-19 и SARS.")
    assert doc.text.startswith("Cейчас")  # the text as given is untouched
    assert doc.clean == "Сейчас идут переговоры, в среду их продолжат. iPhone, Covid-19 и SARS."
    s = doc.clean.index("среду")
    assert doc.to_source(s, s + 5) == (s, s + 5)  # one letter for one: offsets unchanged
    assert repaired("Latin only: a cafe in Oxford.").clean is None
