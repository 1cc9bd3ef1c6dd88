"""The fresh golds kept as offsets: packing drops the article's strings and building brings them back."""
import json

import pytest

from bench import fresh_gold

TEXT = ("Министър Иван Петров се срещна в понеделник с посланика. „Ще помогнем“, каза той. "
        "Петров се срещна и с кмета. „Ще помогнем“, повтори той.")


@pytest.fixture
def place(tmp_path, monkeypatch):
    shared, sets = tmp_path / "shared", tmp_path / "sets"
    (shared / "data").mkdir(parents=True)
    sets.mkdir()
    (shared / "data" / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(fresh_gold, "SHARED", shared)
    monkeypatch.setattr(fresh_gold, "HERE", sets)
    src = tmp_path / "hand"
    src.mkdir()
    gold = {"doc": "a", "text_file": "../shared/data/a.txt", "format": "raw", "date": "2026-11-30",
            "score_mentions": False,
            "entities": [{"id": "PER-Petrov", "type": "PER", "name": "Иван Петров", "forms": ["Петров"]}],
            "timexes": [{"text": "в понеделник", "type": "DATE", "value": "2026-11-30"}],
            "events": [{"type": "CONSULT", "trigger": "се срещна", "trigger_occurrence": 2,
                        "actors": ["PER-Petrov"], "recipients": []}],
            "quotes": [{"text": "Ще помогнем", "occurrence": 2, "direct": True, "speaker": "PER-Petrov"}],
            "posts": [], "sources": []}
    (src / "a.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return src, gold, tmp_path


def test_pack_keeps_no_article_string_and_build_restores_them(place):
    src, gold, tmp = place
    packed = fresh_gold.pack("s1", src).read_text(encoding="utf-8")
    assert "Ще помогнем" not in packed and "се срещна" not in packed and "в понеделник" not in packed
    doc = json.loads(packed)["docs"]["a"]
    second = TEXT.rindex("Петров се срещна") + len("Петров ")
    assert doc["events"][0]["span"] == [second, second + len("се срещна")]
    out = fresh_gold.build("s1", tmp / "built")
    back = json.loads((out / "a.gold.json").read_text(encoding="utf-8"))
    assert back["events"][0]["trigger"] == "се срещна" and back["events"][0]["trigger_occurrence"] == 2
    assert back["quotes"][0] == {"text": "Ще помогнем", "occurrence": 2, "direct": True, "speaker": "PER-Petrov"}
    assert back["timexes"][0]["occurrence"] == 1 and back["entities"] == gold["entities"]
    assert (out / back["text_file"]).resolve() == (tmp / "shared" / "data" / "a.txt").resolve()


def test_a_string_not_in_the_article_is_refused(place):
    src, gold, _ = place
    gold["quotes"][0]["occurrence"] = 3
    (src / "a.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(fresh_gold.GoldError, match="a.gold.json: quotes string 'Ще помогнем'"):
        fresh_gold.pack("s1", src)


def test_a_changed_text_is_refused(place):
    src, _, tmp = place
    fresh_gold.pack("s1", src)
    (tmp / "shared" / "data" / "a.txt").write_text(TEXT.replace("кмета", "кмет"), encoding="utf-8")
    with pytest.raises(fresh_gold.GoldError, match="not the text the gold was made on"):
        fresh_gold.build("s1", tmp / "built")
