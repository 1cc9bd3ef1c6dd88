"""The queries behind an entity's pages take one of two paths -- through the next articles by date
for an entity in many of them, through the entity's own index for a rarer one -- and must give the
same answer either way: checked against plain Python on a store of synthetic articles (the API
bench's world, bench/chronicle_bench.py), for a very common entity and a rare one."""
import random
from collections import Counter

import pytest

from bench.chronicle_bench import World, build, plan
from hronika import chronicle
from hronika.store import Store, browse
from hronika.store import chronicle as store_chronicle


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    world = World(random.Random(7), entities=60)
    s = Store(f"sqlite:///{tmp_path_factory.mktemp('paths') / 's.db'}")
    for n, art in enumerate(plan(world, 400)):
        s.save(build(world, n, art)[0], then=chronicle.update)
    yield s
    s.close()


def truth(store, kb):
    """Every article naming ``kb`` by (date, id), and its events with the entity's role."""
    docs = sorted((e["date"], e["doc"]) for e in store.entities(kb=kb))
    return list(dict.fromkeys(d for _, d in docs))


def keys(store):
    counts = Counter(e["kb"] for e in store.entities())
    common, rare = counts.most_common()[0][0], counts.most_common()[-1][0]
    assert counts[common] * 25 > 400 > counts[rare] * 25  # one of each kind
    return common, rare


@pytest.mark.parametrize("window", [0, store_chronicle.WINDOW, 10 ** 6])  # never, as set, always
def test_an_entitys_articles_page_alike_by_either_path(store, monkeypatch, window):
    kbs = keys(store)
    monkeypatch.setattr(store_chronicle, "WINDOW", window)
    for kb in kbs:
        want = truth(store, kb)
        got, after = [], None
        while True:
            page = store.entity_documents([kb], after=after, limit=7)
            got += [d["id"] for d in page]
            if len(page) < 7:
                break
            after = (page[-1]["date"], page[-1]["id"])
        assert got == want, kb


def test_an_entitys_span_and_first_events_alike_by_either_path(store, monkeypatch):
    for kb in keys(store):
        docs = truth(store, kb)
        dates = sorted(e["date"] for e in store.entities(kb=kb))
        for common in (browse.COMMON, 10 ** 6):  # by the date index, or by the entity's
            monkeypatch.setattr(browse, "COMMON", common)
            info = browse.entity(store, kb)
            assert (info["articles"], info["first"], info["last"]) == (len(docs), dates[0], dates[-1])
        for first in (10 ** 6, browse.FIRST_ARTICLES, 3):  # all of them; the first suffice, or not
            monkeypatch.setattr(browse, "FIRST_ARTICLES", first)
            evs = browse.entity_events(store, kb, 10)
            if first == 10 ** 6:
                every = evs
            assert [(e["doc"], e["start"]) for e in evs] == [(e["doc"], e["start"]) for e in every], (kb, first)
        assert [docs.index(e["doc"]) for e in every] == sorted(docs.index(e["doc"]) for e in every)
