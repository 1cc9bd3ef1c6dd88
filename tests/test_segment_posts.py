import datetime as dt

from hronika import pipeline
from hronika.document import Document
from hronika.stages.segment import find_paragraphs, find_posts

EN_POST = ("Министърът коментира новината в социалните мрежи.\n\n"
           "Great talks today in Sofia about energy and trade. #Bulgaria #EU "
           "pic.twitter.com/AbCdEf123 — Jane Doe (ツ) (@jane_doe) March 4, 2024\n\n"
           "Разговорите ще продължат.")
RU_POST = ("Агенцията разпространи кратко съобщение.\n\n"
           "Делегация прибыла в Минск для переговоров о поставках зерна https://t.co/Zz9 "
           "— Новости (@news_by) 5 марта 2024 г.\n")


def read(text, date=dt.date(2024, 3, 5)):
    reader = pipeline.build(["repair", "segment", "sentences", "language"])
    return reader(Document("p", text, date))


def test_english_tweet_signature_gives_author_handle_date_hashtags_urls_and_language():
    doc = read(EN_POST)
    (post,) = doc.layer("posts")
    a = post.attrs
    assert (a["author"], a["handle"], a["date"], a["lang"]) == ("Jane Doe", "jane_doe", "2024-03-04", "en")
    assert a["hashtags"] == ["Bulgaria", "EU"]
    assert a["urls"] == ["pic.twitter.com/AbCdEf123"]
    assert post.label == "twitter"
    assert doc.text[post.start:post.end].startswith("Great talks")
    assert doc.text[post.start:post.end].endswith("March 4, 2024")
    assert doc.anchor_date(post.start + 3) == dt.date(2024, 3, 4)
    assert doc.anchor_date(0) == dt.date(2024, 3, 5)


def test_russian_post_with_day_month_year_signature():
    doc = read(RU_POST)
    (post,) = doc.layer("posts")
    assert post.attrs["handle"] == "news_by" and post.attrs["date"] == "2024-03-05"
    assert post.attrs["lang"] == "ru" and post.attrs["author"] == "Новости"


def test_signature_alone_on_its_line_takes_the_paragraph_before():
    text = "Увод.\n\nJust landed in Sofia for the summit.\n— Some One (@someone) May 1, 2023\n\nКрай."
    (post,) = find_posts(text, find_paragraphs(text))
    assert text[post.start:post.end].startswith("Just landed")


def test_text_without_signature_has_no_posts_even_with_handles():
    text = "Пишете ни на @redakcia или на 0888 123 456. Срещата е на May 5, 2024 в София."
    assert find_posts(text, find_paragraphs(text)) == []


def test_a_post_is_a_hard_sentence_boundary_and_has_its_own_language():
    doc = read(EN_POST)
    langs = [(doc.text[s.start:s.end][:12], s.attrs["lang"]) for s in doc.layer("sentences")]
    assert langs[0][1] == "bg" and langs[-1][1] == "bg"
    assert any(l == "en" for _, l in langs)
    seg_langs = [s.label for s in doc.layer("segments")]
    assert seg_langs[0] == "bg" and "en" in seg_langs
