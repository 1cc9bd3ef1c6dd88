from hronika.stages.sentences import sentence_breaks, split_tokens


def sentences(text):
    toks = split_tokens(text)
    words = [text[s:e] for s, e, _ in toks]
    spaces = [ws for _, _, ws in toks]
    starts = sentence_breaks(words, set(), spaces)
    bounds = starts[1:] + [len(toks)]
    return [text[toks[a][0]:toks[b - 1][1]] for a, b in zip(starts, bounds)]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = ("Проф. Иванов и А. Петров говориха на ул. „Шипка“ за 5 млн. лв. "
            "през 2020 г. заедно с д-р Георгиев. Срещата приключи.")
    assert sentences(text) == [text[:text.index(" Срещата")], "Срещата приключи."]


def test_year_abbreviation_ends_a_sentence_before_a_capital():
    text = "Изборите бяха през 2021 г. Тогава победи опозицията."
    assert sentences(text) == ["Изборите бяха през 2021 г.", "Тогава победи опозицията."]


def test_question_inside_quotes_followed_by_attribution_stays_one_sentence():
    text = "„Защо ни гледате така?“, попита той. Никой не отговори!"
    assert sentences(text) == ["„Защо ни гледате така?“, попита той.", "Никой не отговори!"]


def test_opening_straight_quote_starts_the_next_sentence():
    text = 'Той отговори. "Не знам нищо", каза министърът.'
    assert sentences(text) == ["Той отговори.", '"Не знам нищо", каза министърът.']


def test_russian_abbreviations():
    text = "Встреча прошла в 2019 г. в Москве, т.е. до пандемии. Затем переговоры прекратились."
    assert sentences(text) == ["Встреча прошла в 2019 г. в Москве, т.е. до пандемии.",
                               "Затем переговоры прекратились."]
