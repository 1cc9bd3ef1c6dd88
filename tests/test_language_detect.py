from hronika.stages.language import assign, detect


def test_detects_the_languages_hronika_meets():
    assert detect("Министрите се срещнаха в четвъртък и обсъдиха бюджета за следващата година.") == "bg"
    assert detect("Министры встретились в четверг и обсудили бюджет на следующий год.") == "ru"
    assert detect("The ministers met on Thursday and discussed next year's budget.") == "en"


def test_short_sentences_inherit_from_their_neighbours():
    assert detect("Не.") is None
    assert assign([None, "bg", None, "en", None], "bg") == ["bg", "bg", "bg", "en", "en"]
    assert assign([None, None], "ru") == ["ru", "ru"]
