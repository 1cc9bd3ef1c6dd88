"""Storylines: two stories told in two languages make two storylines; a new article joins its
story without a rebuild; ingesting again, replacing and deleting keep the storylines consistent."""
import datetime as dt

import pytest

from hronika.api import Hronika
from hronika.chronicle import storylines
from hronika.chronicle.features import Tuning
from hronika.document import Document, Entity
from hronika.store import S
from chronicle_articles import BELARUS, LATE, VENEZUELA, jsonl


@pytest.fixture
def h(store_url):
    with Hronika(db=store_url) as h:
        yield h


def ingest(h, tmp_path, rows, name="in.jsonl"):
    path = tmp_path / name
    path.write_text(jsonl(rows), encoding="utf-8")
    summary = h.ingest([str(path)])
    assert not summary.failures, summary.failures
    return summary


def groups(h):
    return {frozenset(s.documents) for s in h.storylines()}


def snapshot(h):
    """Everything the chronicle holds, as plain rows."""
    with h.store.engine.connect() as conn:
        return {t.name: sorted(map(tuple, conn.execute(t.select()).all()), key=repr) for t in S.CHRONICLE_TABLES}


def test_two_stories_in_two_languages_make_two_storylines(h, tmp_path):
    ingest(h, tmp_path, BELARUS + VENEZUELA)
    assert groups(h) == {frozenset(r[0] for r in BELARUS), frozenset(r[0] for r in VENEZUELA)}
    by = h.storyline_of("by-ru-1")
    assert by.start == "2025-11-25" and by.end == "2025-12-11"
    assert {"PER-Alexander-Lukashenko", "GPE-USA", "GPE-Minsk", "GPE-Belarus"} <= set(by.entities)
    assert not {"PER-Nicolas-Maduro", "GPE-Venezuela"} & set(by.entities)
    # the title names its three main entities
    parts = by.title.split(" · ")
    assert len(parts) == 3 and set(parts) <= {n for k in by.entities[:3] for n in h.entity(k)["names"]}
    assert [item["doc"] for item in h.storyline(by.id).timeline] == ["by-bg-1", "by-ru-1", "by-bg-2"]
    line = by.to_json()
    assert list(line) == ["id", "title", "documents", "entities", "start", "end"]
    assert line["documents"] == ["by-bg-1", "by-ru-1", "by-bg-2"]


def test_a_new_article_joins_its_story_and_ingesting_again_changes_nothing(h, tmp_path):
    ingest(h, tmp_path, BELARUS + VENEZUELA)
    before = {s.id: s.documents for s in h.storylines()}
    ingest(h, tmp_path, [LATE], "late.jsonl")
    after = {s.id: s.documents for s in h.storylines()}
    by = h.storyline_of("by-bg-1").id
    assert after[by] == before[by] + ["by-ru-2"]
    assert {k: v for k, v in after.items() if k != by} == {k: v for k, v in before.items() if k != by}
    assert h.storyline(by).end == "2025-12-12"

    state = snapshot(h)
    again = ingest(h, tmp_path, BELARUS + VENEZUELA + [LATE], "again.jsonl")
    assert again.duplicates == 6 and again.stored == 0
    assert snapshot(h) == state


def test_a_replaced_article_moves_with_its_new_text(h, tmp_path):
    ingest(h, tmp_path, BELARUS + VENEZUELA)
    ve = h.storyline_of("ve-bg-1").id
    moved = list(VENEZUELA[1])
    moved[0] = "by-bg-2"  # an id of the Belarus story, now with a Venezuela text
    moved[4] += " Мадуро поблагодарил сторонников."
    summary = ingest(h, tmp_path, [tuple(moved)], "moved.jsonl")
    assert summary.replaced == 1
    assert h.storyline_of("by-bg-2").id == ve
    assert h.storyline_of("by-bg-1").documents == ["by-bg-1", "by-ru-1"]
    assert h.storyline_of("by-bg-1").end == "2025-11-26"


def test_deleting_every_article_of_a_storyline_removes_it(h, tmp_path):
    ingest(h, tmp_path, BELARUS + VENEZUELA)
    ve = h.storyline_of("ve-bg-1").id
    assert h.store.delete("ve-bg-1") and h.store.delete("ve-ru-1")
    assert h.storyline(ve) is None and len(h.storylines()) == 1
    with h.store.engine.connect() as conn:
        assert not conn.execute(S.storyline_features.select().where(S.storyline_features.c.storyline == ve)).all()


def test_an_article_stored_without_the_chronicle_is_taken_in_later(h, tmp_path):
    ingest(h, tmp_path, BELARUS)
    (late,) = h.read([str(_write(tmp_path, [LATE]))])
    assert h.store.save(late).status == "stored"  # another writer, without the chronicle
    assert h.store.unassigned() == ["by-ru-2"]
    assert h.catch_up() == 1 and h.store.unassigned() == []
    assert h.storyline_of("by-ru-2").id == h.storyline_of("by-bg-1").id


def _write(tmp_path, rows):
    path = tmp_path / "one.jsonl"
    path.write_text(jsonl(rows), encoding="utf-8")
    return path


def _doc(i: int, key: str, day: dt.date) -> Document:
    doc = Document(f"d{i}", f"Article {i} about {key}.", day)
    doc.set_layer("entities", [Entity("e1", "ORG", key, key, [(0, 7)])])
    return doc


def test_an_article_is_compared_with_a_bounded_number_of_storylines(store_url, monkeypatch):
    """Many storylines share a common key: the article is compared with the newest few of them,
    not with every storyline of the store."""
    from hronika.store import Store
    from hronika.store.chronicle import Writer

    tuning = Tuning(threshold=0.99, per_feature=5)  # nothing joins: one storyline per article
    with Store(store_url) as store:
        for i in range(30):
            store.save(_doc(i, f"ORG-K{i}", dt.date(2025, 1, 1) + dt.timedelta(days=i)),
                       then=lambda w, d: storylines.assign(w, d, tuning))
        seen = []
        real = Writer.weights
        monkeypatch.setattr(Writer, "weights", lambda self, ids, f: seen.append(len(ids)) or real(self, ids, f))
        doc = _doc(99, "ORG-K3", dt.date(2025, 3, 1))
        doc.set_layer("entities", doc.entities + [Entity("e2", "ORG", "x", "ORG-K29", [(8, 9)])])
        store.save(doc, then=lambda w, d: storylines.assign(w, d, tuning))
        assert seen and max(seen) <= 2 * tuning.per_feature
        assert len(storylines.listing(store)) == 31


def test_a_store_from_before_the_chronicle_takes_its_articles_in(tmp_path, monkeypatch):
    from hronika.store import Store
    from hronika.store import migrations as M

    url = f"sqlite:///{tmp_path / 'old.db'}"
    monkeypatch.setattr(M, "MIGRATIONS", [m for m in M.MIGRATIONS if m[0] < 8])
    with Store(url) as old:
        for i, key in enumerate(["ORG-A", "ORG-B"]):
            old.save(_doc(i, key, dt.date(2025, 1, 1 + i)))
    monkeypatch.undo()
    with Hronika(db=url) as h:
        assert 8 in h.store.applied_migrations() and h.store.unassigned() == ["d0", "d1"]
        assert h.catch_up() == 2 and h.catch_up() == 0
        assert groups(h) == {frozenset({"d0"}), frozenset({"d1"})}
        assert h.entity_key("ORG-A") == "ORG-A"


def test_an_article_is_stored_with_its_chronicle_update_or_not_at_all(h, tmp_path, monkeypatch):
    def broken(writer, doc, tuning=None):
        writer.count(["e:ORG-HALF-WRITTEN"])
        raise RuntimeError("the chronicle broke")

    monkeypatch.setattr(storylines, "assign", broken)
    path = _write(tmp_path, [LATE])
    summary = h.ingest([str(path)])
    assert summary.stored == 0 and len(summary.failures) == 1 and "the chronicle broke" in str(summary.failures[0])
    assert "by-ru-2" not in h.store and snapshot(h)["feature_counts"] == []
    monkeypatch.undo()
    assert h.ingest([str(path)]).stored == 1 and h.storyline_of("by-ru-2") is not None
