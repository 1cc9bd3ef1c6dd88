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


def test_affix_searches_skipped_on_plain_words_tokenize_as_the_full_regexes():
    # sentences.Skipped leaves out the infix regex on strings of letters and digits only and the
    # suffix regex on strings of letters only; the tokens must be those of the regexes run
    # everywhere (glued punctuation, dashes, quotes, icons, numbers, units, abbreviations)
    from hronika.stages.sentences import Skipped, tokenizer

    tok = tokenizer()
    assert isinstance(tok.infix_finditer, Skipped) and isinstance(tok.suffix_search, Skipped)
    text = ("Министърът каза:„Няма!“ТАСС.Потвърдена е вестта,че Covid-19 и поток-2 са 3-4 пъти по-зле. "
            "Дания./БГНЕС 1+2=3, 5km 3$ 20°C. Д-р's the’s САЩ. 5*6, а/б, x^2 , думаX думата…още i.e. 10km² ☺текст текст☺ §12 2020г. "
            "В 12:30 ч. Iванов-Петров, Ж.Иванов... „Газпром“-ът 45°С ДА/НЕ 1/2")
    fast = [t.text for t in tok(text)]
    infixes, suffixes = tok.infix_finditer, tok.suffix_search
    try:
        tok.infix_finditer, tok.suffix_search = infixes.search, suffixes.search  # the regexes, everywhere
        assert [t.text for t in tok(text)] == fast
    finally:
        tok.infix_finditer, tok.suffix_search = infixes, suffixes
    for word in ("Министърът", "ABC123", "поток2", "x²"):
        assert word.isalnum() and not list(infixes.search(word))  # what the skips rely on
    for word in ("Министърът", "km", "ТАСС"):
        m = suffixes.search(word)
        assert word.isalpha() and (m is None or m.end() == m.start())


def test_a_period_inside_a_latin_name_ends_no_sentence():
    text = "Кампанията Vote.UK събра подписи, а сайтът Booking.com пусна оферти. Речта продължи.Министрите мълчаха."
    assert sentences(text) == ["Кампанията Vote.UK събра подписи, а сайтът Booking.com пусна оферти.",
                               "Речта продължи.", "Министрите мълчаха."]
