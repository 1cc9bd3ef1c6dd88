"""The timex stage on hand-built Documents: anchors inside posts, per-sentence language,
offsets into doc.text, reference back to an earlier date, governing_timex."""
from __future__ import annotations

import datetime as dt

from hronika.document import Document, Span
from hronika.stages.timex import TimexStage, governing_timex


def sentences(doc: Document, langs: list[str]) -> None:
    """Split after '. ' (test texts are simple) and give each sentence its language."""
    spans, start = [], 0
    text = doc.text
    while start < len(text):
        i = text.find(". ", start)
        end = len(text) if i < 0 else i + 1
        spans.append(Span(start, end, "", {"lang": langs[len(spans)]}))
        start = end + 1
    doc.set_layer("sentences", spans)
    doc.set_layer("tokens", [])


def values(doc: Document) -> list[tuple[str, str, str]]:
    return [(doc.text[s.start:s.end], s.label, s.attrs["value"]) for s in doc.layer("timexes")]


def read(text: str, langs: list[str], date: dt.date = dt.date(2025, 12, 18)) -> list[tuple[str, str, str]]:
    """The timex stage's (text, type, value) triples for a text of simple sentences."""
    doc = Document(id="t", text=text, date=date)
    sentences(doc, langs)
    TimexStage()(doc)
    return values(doc)


def test_stage_contract():
    st = TimexStage()
    assert st.name == "timex"
    assert st.requires == ("sentences", "posts", "lang")
    assert st.assigns == ("timexes",)


def test_anchor_inside_a_post_is_the_posts_date():
    text = ("Министърът говори днес пред депутатите. "
            "We met the ambassador yesterday. "
            "Депутатите гласуваха вчера.")
    doc = Document(id="t1", text=text, date=dt.date(2025, 12, 18))
    sentences(doc, ["bg", "en", "bg"])
    post_start = text.index("We met")
    post_end = text.index("yesterday.") + len("yesterday.")
    doc.set_layer("posts", [Span(post_start, post_end, "twitter", {"date": "2025-12-11", "handle": "x"})])
    TimexStage()(doc)
    assert values(doc) == [("днес", "DATE", "2025-12-18"),
                           ("yesterday", "DATE", "2025-12-10"),
                           ("вчера", "DATE", "2025-12-17")]


def test_language_of_the_sentence_is_used():
    text = "Делегацията пристигна в среду. Президент принял посла в среду."
    doc = Document(id="t2", text=text, date=dt.date(2025, 12, 18))
    sentences(doc, ["bg", "ru"])
    TimexStage()(doc)
    # "в среду" is Russian only: the Bulgarian sentence has no weekday
    assert values(doc) == [("в среду", "DATE", "2025-12-17")]
    assert doc.layer("timexes")[0].start > text.index("Президент")


def test_same_day_refers_back_across_sentences():
    text = "Министърът пристигна на 2 декември. На същия ден той се срещна с премиера."
    doc = Document(id="t3", text=text, date=dt.date(2025, 12, 18))
    sentences(doc, ["bg", "bg"])
    TimexStage()(doc)
    assert values(doc) == [("на 2 декември", "DATE", "2025-12-02"), ("На същия ден", "DATE", "2025-12-02")]


def test_same_day_without_an_earlier_date_is_left_out():
    doc = Document(id="t4", text="На същия ден той се срещна с премиера.", date=dt.date(2025, 12, 18))
    sentences(doc, ["bg"])
    TimexStage()(doc)
    assert values(doc) == []


def test_offsets_map_back_through_the_repaired_text():
    text = "Б еларуският президент говори днес."
    doc = Document(id="t5", text=text, date=dt.date(2025, 12, 18))
    clean = "Беларуският президент говори днес."
    mapping = [0] + list(range(2, len(text) + 1))
    doc.set_clean(clean, mapping)
    sentences(doc, ["bg"])
    TimexStage()(doc)
    (s,) = doc.layer("timexes")
    assert text[s.start:s.end] == "днес"


def test_governing_timex_prefers_the_same_clause_before_the_verb():
    text = "На 21 ноември министърът се срещна с посланика, а днес ще замине за Рим."
    doc = Document(id="t6", text=text, date=dt.date(2025, 12, 18))
    sentences(doc, ["bg"])
    TimexStage()(doc)
    met = text.index("се срещна")
    leaves = text.index("ще замине")
    assert governing_timex(doc, met, met + 9).attrs["value"] == "2025-11-21"
    assert governing_timex(doc, leaves, leaves + 9).attrs["value"] == "2025-12-18"


def test_governing_timex_none_without_a_date():
    text = "Министърът се срещна с посланика. Днес няма заседание."
    doc = Document(id="t7", text=text, date=dt.date(2025, 12, 18))
    sentences(doc, ["bg", "bg"])
    TimexStage()(doc)
    assert governing_timex(doc, 11, 20) is None


def test_a_sentence_taken_for_the_other_cyrillic_language_is_read_as_the_articles():
    text = "Город готовится к празднику. Фестиваль пройдет 14 и 15 июля."
    doc = Document(id="t9", text=text, date=dt.date(2025, 6, 18))
    doc.lang = "ru"
    sentences(doc, ["ru", "bg"])  # the language stage took the second sentence for Bulgarian
    TimexStage()(doc)
    assert values(doc) == [("14", "DATE", "2025-07-14"), ("15 июля", "DATE", "2025-07-15")]


def test_then_opening_a_sentence_takes_the_date_of_the_sentence_before_only():
    near = "През 2015 година той стана министър. Тогава партията беше в опозиция."
    doc = Document(id="t10", text=near, date=dt.date(2025, 12, 18))
    sentences(doc, ["bg", "bg"])
    TimexStage()(doc)
    assert values(doc) == [("През 2015 година", "DATE", "2015"), ("Тогава", "DATE", "2015")]
    far = "През 2015 година той стана министър. Партията загуби. Тогава започна кризата."
    doc = Document(id="t11", text=far, date=dt.date(2025, 12, 18))
    sentences(doc, ["bg", "bg", "bg"])
    TimexStage()(doc)
    assert values(doc) == [("През 2015 година", "DATE", "2015")]


def test_the_day_before_counts_from_a_day_read_nearby_else_from_the_anchor():
    near = "На 5 декември делегацията пристигна в Рим. Предния ден тя беше в Париж."
    assert read(near, ["bg", "bg"])[-1] == ("Предния ден", "DATE", "2025-12-04")
    far = "На 5 декември делегацията пристигна в Рим. Срещите бяха трудни. Предния ден министърът подаде оставка."
    assert read(far, ["bg", "bg", "bg"])[-1] == ("Предния ден", "DATE", "2025-12-17")


def test_an_emphatic_then_reaches_two_sentences_back():
    text = "В середине марта сенат принял закон. Документ назвали важным. Тогда же парламент одобрил бюджет."
    assert read(text, ["ru", "ru", "ru"])[-1] == ("Тогда же", "DATE", "2025-03")
    plain = "В середине марта сенат принял закон. Документ назвали важным. Тогда парламент одобрил бюджет."
    assert [v for v in read(plain, ["ru", "ru", "ru"]) if v[0].startswith("Тогда")] == []


def test_the_eve_of_two_days_joined_by_and_is_the_eve_of_the_first():
    text = "Забастовка пройдет 25 и 26 июля. Накануне компания отменила рейсы."
    assert read(text, ["ru", "ru"], dt.date(2025, 7, 20))[-1] == ("Накануне", "DATE", "2025-07-24")


def test_a_dateline_day_dates_the_reports_clock_times():
    text = "Осло. 3 июня. В порту бастуют докеры. Погрузку остановили с 9:00 до 17:00."
    assert read(text, ["ru"] * 4, dt.date(2025, 6, 4))[-1] == ("с 9:00 до 17:00", "TIME", "2025-06-03T09:00")
    # a day inside a sentence of its own words is no dateline: the clock time far after it is of the anchor
    text = "Сделку подписали 8 мая в Риме. Стороны спорили долго. Итоги подвели. Брифинг начался в 15:00."
    assert read(text, ["ru"] * 4, dt.date(2025, 5, 9))[-1] == ("в 15:00", "TIME", "2025-05-09T15:00")


def test_a_clock_time_after_a_day_in_its_sentence_is_of_that_day():
    text = "На 3 декември министърът пристигна в 16.50 часа."
    assert read(text, ["bg"])[-1] == ("в 16.50 часа", "TIME", "2025-12-03T16:50")
    text = "Министърът пристигна в 16.50 часа."
    assert read(text, ["bg"])[-1] == ("в 16.50 часа", "TIME", "2025-12-18T16:50")


def test_the_same_day_is_left_out_once_the_text_moved_to_another_year():
    text = "Осло, 8 ноября. Завод открыли в 2010 году. В тот же день прошел митинг."
    assert [v for v in read(text, ["ru"] * 3) if v[0].startswith("В тот")] == []
    text = "Суд вынес решение 8 ноября. В тот же день прошел митинг."
    assert read(text, ["ru", "ru"])[-1] == ("В тот же день", "DATE", "2025-11-08")


def test_a_clock_time_opening_its_line_is_a_headers_of_the_anchor():
    text = "Суд назначил слушание на 21 января.\n\n, 08:05 Мэр открыл выставку."
    doc = Document(id="t", text=text, date=dt.date(2025, 1, 11))
    doc.set_layer("sentences", [Span(0, 31, "", {"lang": "ru"}), Span(33, len(text), "", {"lang": "ru"})])
    doc.set_layer("tokens", [])
    TimexStage()(doc)
    assert values(doc)[-1] == ("08:05", "TIME", "2025-01-11T08:05")


def test_a_year_counted_back_lends_no_year_to_a_month():
    text = "Мост построили 100 лет назад. О трещине узнали в декабре."
    assert read(text, ["ru", "ru"], dt.date(2021, 2, 1))[-1] == ("в декабре", "DATE", "2020-12")
    text = "Ее осудили в 2010 году. В июне ее перевели в другую тюрьму."
    assert read(text, ["ru", "ru"])[-1] == ("В июне", "DATE", "2010-06")


def test_a_dateline_is_never_after_the_articles_date():
    text = "ОСЛО, 15 января. Совет отклонил проект."
    assert read(text, ["ru", "ru"])[0] == ("15 января", "DATE", "2025-01-15")
    text = "Совет рассмотрит проект 15 января. Голосование будет открытым."
    assert read(text, ["ru", "ru"])[0] == ("15 января", "DATE", "2026-01-15")
