"""A document's date comes from what the page or feed item says, where it was published."""
import datetime as dt
import json
import subprocess
import sys


from hronika.ingest import Failure, read_paths
from hronika.ingest.dates import absolute_dates, feed_date

BODY = ("<p>Строителството на новия мост между Русе и Гюргево ще започне до края на годината, "
        "съобщиха вчера от министерството. Проектът струва 250 милиона евро.</p>"
        "<p>Министърът заяви, че търгът ще бъде обявен в началото на следващия месец. Според него "
        "мостът ще бъде готов за три години.</p>")


def page(tmp_path, name, head="", byline="", footer="© 2019-2025 Примерни новини. Всички права запазени."):
    f = tmp_path / name
    f.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>Мостът</title>{head}</head>"
                 f"<body><article><h1>Новият мост над Дунав</h1>{byline}{BODY}</article>"
                 f"<footer>{footer}</footer></body></html>", encoding="utf-8")
    return f


def only(items):
    (item,) = list(items)
    return item


def test_a_footer_year_is_no_date(tmp_path):
    item = only(read_paths([page(tmp_path, "footer.html")]))
    assert isinstance(item, Failure)
    assert "no publication date" in item.message and "--date" in item.message


def test_a_bulgarian_byline_dates_the_page(tmp_path):
    byline = "<p class='byline'>Публикувана на 14 октомври 2025 г., 10:32</p>"
    doc = only(read_paths([page(tmp_path, "byline.html", byline=byline)]))
    assert doc.date == dt.date(2025, 10, 14)
    assert doc.meta["date_from"] == "byline" and doc.meta["published"] == "2025-10-14T10:32"


def test_a_russian_byline_and_a_numeric_one(tmp_path):
    ru = only(read_paths([page(tmp_path, "ru.html", byline="<p>Опубликовано 3 ноября 2025 года</p>")]))
    num = only(read_paths([page(tmp_path, "num.html", byline="<span>07.02.2024 18:05</span>")]))
    assert ru.date == dt.date(2025, 11, 3) and num.date == dt.date(2024, 2, 7)


def test_metadata_wins_over_a_byline(tmp_path):
    head = "<meta property='article:published_time' content='2025-10-13T21:00:00+03:00'>"
    doc = only(read_paths([page(tmp_path, "meta.html", head=head,
                                byline="<p>Публикувана на 14 октомври 2025 г.</p>")]))
    assert doc.date == dt.date(2025, 10, 13) and doc.meta["date_from"] == "metadata"


def test_a_relative_byline_is_no_date():
    assert absolute_dates("Публикувана вчера в 10:32, обновена в сряда") == []


def test_date_flag_dates_what_gives_no_date(tmp_path):
    f = page(tmp_path, "footer.html")
    txt = tmp_path / "plain.txt"
    txt.write_text("Министърът откри моста в сряда.", encoding="utf-8")
    items = list(read_paths([f, txt], date=dt.date(2025, 11, 20)))
    assert [i.date for i in items] == [dt.date(2025, 11, 20)] * 2


def test_date_flag_never_overrides_a_date_the_input_gives(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "a", "date": "2024-01-02", "text": "Текст."}) + "\n"
                 + json.dumps({"id": "b", "text": "Друг текст."}) + "\n", encoding="utf-8")
    a, b = read_paths([f], date=dt.date(2025, 11, 20))
    assert a.date == dt.date(2024, 1, 2) and b.date == dt.date(2025, 11, 20)


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Примерни новини</title><link>https://news.example/</link>
<item><title>Нощно заседание</title><link>https://news.example/a/1</link>
<guid>https://news.example/a/1</guid><pubDate>Fri, 21 Nov 2025 00:30:00 +0200</pubDate>
<description>Парламентът прие бюджета след полунощ. Вчера депутатите спориха цял ден.</description></item>
</channel></rss>"""


def test_a_feed_item_is_dated_where_it_was_published(tmp_path):
    f = tmp_path / "news.xml"
    f.write_text(FEED, encoding="utf-8")
    doc = only(read_paths([f]))
    assert doc.date == dt.date(2025, 11, 21)  # in UTC it is still the 20th
    assert doc.meta["published"] == "2025-11-21T00:30:00+02:00"


def test_atom_stamps_keep_their_offset():
    assert feed_date("2025-11-21T00:30:00+02:00", None).date == dt.date(2025, 11, 21)
    assert feed_date(None, (2025, 11, 20, 22, 30, 0, 4, 324, 0)).date == dt.date(2025, 11, 20)


def test_the_same_item_in_two_feed_files_is_one_article(tmp_path):
    (tmp_path / "news.xml").write_text(FEED, encoding="utf-8")
    (tmp_path / "news-2025-11-21T0100.xml").write_text(FEED, encoding="utf-8")
    a, b = read_paths([tmp_path])
    assert a.id == b.id


def test_cli_read_takes_a_date_for_a_folder(tmp_path):
    (tmp_path / "in").mkdir()
    f = page(tmp_path / "in", "footer.html")
    out = tmp_path / "out.jsonl"
    run = subprocess.run([sys.executable, "-m", "hronika.cli", "read", str(tmp_path / "in"), "-o", str(out),
                          "--stages", "repair", "segment", "--date", "2025-11-20"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["date"] == "2025-11-20"
    bad = subprocess.run([sys.executable, "-m", "hronika.cli", "read", str(f), "--date", "20.11.2025"],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "--date" in bad.stderr
