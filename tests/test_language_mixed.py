"""The language of short sentences: alone, after an embedded post, and inside one (sentences
written for these tests)."""
import datetime as dt

import pytest

from hronika import pipeline
from hronika.document import Document

READER = pipeline.build(["repair", "segment", "sentences", "language"])


def sentence_langs(text: str) -> dict[str, str]:
    doc = READER(Document("t", text, dt.date(2025, 12, 1)))
    return {text[s.start:s.end]: s.attrs["lang"] for s in doc.layer("sentences")}


@pytest.mark.parametrize("text", [
    # no letter of these proves Bulgarian; lingua alone reads the first sentence as Russian
    "Лукашенко прие посланика. Властите не коментираха.",
    "Полицията арестува трима души. Той отказа коментар.",
])
def test_short_bulgarian_article_is_read_as_one_language(text):
    assert set(sentence_langs(text).values()) == {"bg"}


@pytest.mark.parametrize("text", [
    "Министры встретились в четверг. Переговоры продолжатся в пятницу.",
    "Он сказал, что приедет завтра. Власти отказались от комментариев.",
])
def test_short_russian_article_stays_russian(text):
    assert set(sentence_langs(text).values()) == {"ru"}


RU_POST = ("Министърът на енергетиката коментира доставките пред журналисти.\n\n"
           "Поставки начнутся в понедельник, сообщил министр. Решение принято вчера https://t.co/Ab12 "
           "— Новости (@novosti_test) 30 ноября 2025 г.\n\n"
           "Така е.\n\n"
           "Той каза, че ще дойде утре.")


def test_post_sentences_take_the_posts_language_and_the_article_keeps_its_own():
    langs = sentence_langs(RU_POST)
    # a Russian sentence whose letters do not settle it, inside a Russian post
    assert langs["Решение принято вчера https://t.co/Ab12"] == "ru"
    # after the post: a sentence too short to tell, and one the alphabet does not settle
    assert langs["Така е."] == "bg"
    assert langs["Той каза, че ще дойде утре."] == "bg"
    assert langs["Министърът на енергетиката коментира доставките пред журналисти."] == "bg"


EN_POST = ("Посланикът публикува съобщение в социалните мрежи.\n\n"
           "We met the minister today and agreed to talk again. — Jane Roe (@jane_roe_test) December 1, 2025\n\n"
           "Добре.\n\n"
           "Срещата продължи час.")


def test_short_sentence_after_an_english_post_is_bulgarian():
    langs = sentence_langs(EN_POST)
    assert langs["Добре."] == "bg"
    assert langs["Срещата продължи час."] == "bg"
    assert langs["We met the minister today and agreed to talk again."] == "en"
