import json

from hronika.ingest import Failure, read_paths


def failures(*paths):
    return [i for i in read_paths(paths) if isinstance(i, Failure)]


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    (fail,) = failures(f)
    assert fail.source == str(f) and "empty" in fail.message


def test_missing_and_malformed_date_header(tmp_path):
    a = tmp_path / "nodate.txt"
    a.write_text("Просто текст без дата.", encoding="utf-8")
    b = tmp_path / "baddate.txt"
    b.write_text(" date 2024-13-45 Текст.", encoding="utf-8")
    fa, fb = failures(a, b)
    assert "missing date header" in fa.message and fa.source.endswith("nodate.txt")
    assert "malformed" in fb.message and "2024-13-45" in fb.message


def test_invalid_json_names_the_line_and_the_rest_goes_on(tmp_path):
    f = tmp_path / "in.jsonl"
    good = json.dumps({"id": "ok", "date": "2020-01-01", "text": "Текст."}, ensure_ascii=False)
    f.write_text(good + "\n{not json\n" + json.dumps({"id": "nodate", "text": "x"}) + "\n" + good.replace('"ok"', '"ok2"') + "\n",
                 encoding="utf-8")
    items = list(read_paths([f]))
    assert [getattr(i, "id", None) for i in items if not isinstance(i, Failure)] == ["ok", "ok2"]
    bad = [i for i in items if isinstance(i, Failure)]
    assert [b.where for b in bad] == ["line 2", "line 3"]
    assert "invalid JSON" in bad[0].message and "missing date" in bad[1].message
    assert str(bad[0]).startswith(f"{f}:line 2:")


def test_binary_garbage(tmp_path):
    f = tmp_path / "garbage.txt"
    f.write_bytes(bytes(range(256)) * 40)
    (fail,) = failures(f)
    assert "binary" in fail.message


def test_a_50_mb_file_is_refused_with_its_size(tmp_path):
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.write(b" date 2020-01-01 ")
        fh.truncate(50 * 1024 * 1024)
    (fail,) = failures(f)
    assert "too large" in fail.message and "52.4 MB" in fail.message


def test_feed_with_one_broken_item_keeps_the_others(tmp_path):
    f = tmp_path / "feed.xml"
    f.write_text("""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>https://x.example/a</link><pubDate>Fri, 07 Nov 2025 10:30:00 +0200</pubDate>
<description>Първата новина има текст и дата.</description></item>
<item><title>b</title><link>https://x.example/b</link><description>Без дата.</description></item>
<item><title>c</title><link>https://x.example/c</link><pubDate>Sat, 08 Nov 2025 10:30:00 +0200</pubDate>
<description>Третата новина също е наред.</description></item>
</channel></rss>""", encoding="utf-8")
    items = list(read_paths([f]))
    assert len([i for i in items if not isinstance(i, Failure)]) == 2
    (fail,) = [i for i in items if isinstance(i, Failure)]
    assert fail.where == "item 2" and "no date" in fail.message


def test_missing_path_and_unknown_encoding(tmp_path):
    (fail,) = failures(tmp_path / "nope.txt")
    assert "no such file" in fail.message
    f = tmp_path / "weird.txt"
    f.write_bytes(" date 2020-01-01 ".encode() + bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d]) * 50)
    (fail,) = failures(f)
    assert fail.source == str(f) and "unknown text encoding" in fail.message
