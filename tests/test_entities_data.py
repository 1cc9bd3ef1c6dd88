"""Checks against SlavicNER (skipped without ../shared): dev splits and the derived KB tables."""
from pathlib import Path

import pytest

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


def test_derived_tables_leave_out_the_linking_dev_set():
    gold = need_shared("eval", "gold", "dev")
    from hronika.kb import HERE

    assert "gold/dev" in (HERE / "build.py").read_text(encoding="utf-8")
    assert list(gold.glob("*.gold.json"))
