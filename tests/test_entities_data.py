"""Checks against SlavicNER (skipped without ../shared): dev splits and the derived KB tables."""


from conftest import need_shared
from hronika.train.ner import load_corpus, random_dev_ids, split


def test_dev_splits_are_deterministic_and_per_topic():
    root = need_shared("data", "slavicner")
    items = load_corpus(root, "bg")
    assert len(items) > 900
    a, b = random_dev_ids(items), random_dev_ids(list(reversed(items)))
    assert a == b
    by_topic = {}
    for i in items:
        by_topic.setdefault(i.topic, [0, 0])[0] += 1
        if i.doc_id in a:
            by_topic[i.topic][1] += 1
    for topic, (n, held) in by_topic.items():
        assert abs(held - n / 10) <= 1, topic
    train, dev = split(items, "topic:nord_stream")
    assert dev and all(i.topic == "nord_stream" for i in dev)
    assert not any(i.topic == "nord_stream" for i in train)


def test_derived_tables_leave_out_the_linking_dev_set(tmp_path):
    """The build reads every annotated document but those of the linking dev set (by default
    eval/gold/dev beside the data), so that linking is not scored on documents the tables came from."""
    from hronika.kb.build import main

    data = tmp_path / "data" / "slavicner"
    for doc, name, key in (("kept1", "Зорница Тестова", "PER-Zornitsa-Testova"),
                           ("held1", "Драгомир Пробов", "PER-Dragomir-Probov")):
        d = data / "ner" / "topic" / "bg"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{doc}.txt.tsv").write_text(f"{doc}\tx\t{name}\t{name}\tPER\t{key}\n", encoding="utf-8")
    gold = tmp_path / "eval" / "gold" / "dev"
    gold.mkdir(parents=True)
    (gold / "held1.gold.json").write_text("{}", encoding="utf-8")
    out = tmp_path / "tables"
    assert main(["--data", str(data), "--out", str(out)]) == 0
    aliases = (out / "slavicner_aliases.tsv").read_text(encoding="utf-8")
    assert "зорница тестова\tPER\tPER-Zornitsa-Testova" in aliases
    assert "PER-Dragomir-Probov" not in aliases and "пробов" not in aliases
    assert "PER-Dragomir-Probov" not in (out / "slavicner_names.tsv").read_text(encoding="utf-8")
    main(["--data", str(data), "--out", str(out), "--exclude", str(tmp_path / "none")])
    assert "PER-Dragomir-Probov" in (out / "slavicner_aliases.tsv").read_text(encoding="utf-8")
