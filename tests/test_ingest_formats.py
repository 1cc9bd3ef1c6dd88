import datetime as dt
import json

from hronika.ingest import Failure, read_paths
from conftest import SAMPLES


def docs(*paths):
    items = list(read_paths(paths))
    assert not [i for i in items if isinstance(i, Failure)], items
    return items


def test_seed_format_gives_date_text_and_id_from_file_name(tmp_path):
    f = tmp_path / "017_abc123.txt"
    f.write_text(" date 2024-03-05 Министърът пристигна в Берлин.\n\nВтори абзац.", encoding="utf-8")
    (doc,) = docs(f)
    assert doc.id == "017_abc123"
    assert doc.date == dt.date(2024, 3, 5)
    assert doc.text == "Министърът пристигна в Берлин.\n\nВтори абзац."


def test_jsonl_keeps_id_url_title_and_extra_fields(tmp_path):
    f = tmp_path / "in.jsonl"
    rows = [{"id": "a1", "date": "2023-01-02", "url": "https://x.example/1", "title": "Заглавие",
             "text": "Текст на статията.", "topic": "t"},
            {"id": "a2", "date": "2023-01-03", "text": "Друг текст."}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    a, b = docs(f)
    assert (a.id, a.url, a.title, a.meta["topic"]) == ("a1", "https://x.example/1", "Заглавие", "t")
    assert b.date == dt.date(2023, 1, 3) and b.url is None


def test_html_page_is_extracted_without_navigation_and_dated():
    (doc,) = docs(SAMPLES / "2025-09-30-danube.html")
    assert doc.id == "2025-09-30-danube"
    assert doc.date == dt.date(2025, 9, 30)
    assert "Оряхово" in doc.text
    assert "Всички права запазени" not in doc.text and "Спорт" not in doc.text
    assert doc.title.startswith("Нивото на Дунав")


def test_feed_items_become_documents_with_stable_ids():
    first = docs(SAMPLES / "feed.xml")
    again = docs(SAMPLES / "feed.xml")
    assert [d.id for d in first] == [d.id for d in again]
    assert len({d.id for d in first}) == 2
    assert first[0].date == dt.date(2025, 11, 7)
    assert "<p>" not in first[0].text and "Маказа" in first[0].text


def test_folder_reads_every_supported_file():
    items = docs(SAMPLES)
    assert len(items) == 9
    assert {d.meta.get("format") for d in items} == {"seed", "jsonl", "html", "feed"}


def test_same_article_twice_has_the_same_content_hash(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(" date 2024-03-05 Едно и също.", encoding="utf-8")
    b.write_text(" date 2024-03-05 Едно  и\nсъщо.", encoding="utf-8")
    x, y = docs(a, b)
    assert x.content_hash == y.content_hash
