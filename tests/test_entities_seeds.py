"""The seed articles (read from ../shared/seeds at run time; skipped without them): the people and
places they share come out as one entity per article with one key across both articles."""
import datetime as dt

import pytest

from conftest import need_shared
from hronika.document import Document

EXPECT = {  # key -> surface forms that must all be in that one entity, where the article has them
    "PER-Alexander-Lukashenko": {"Лукашенко", "Lukashenko"},
    "PER-Nicolas-Maduro": {"Мадуро", "Maduro"},
    "GPE-Venezuela": {"Венецуела", "Венесуэлы"},
    "GPE-USA": {"САЩ", "Вашингтон", "Съединените щати"},
}


@pytest.fixture(scope="module")
def readings():
    seeds = need_shared("seeds")
    files = sorted(seeds.glob("*.txt"))
    if len(files) < 2:
        pytest.skip("needs the two seed articles")
    from hronika import pipeline
    from hronika.stages.entities import EntityStage

    reader = pipeline.build(["repair", "segment", "sentences", "language"])
    stage = EntityStage()
    out = []
    for f in files[:2]:
        raw = f.read_text(encoding="utf-8")
        _, _, date, text = raw.split(" ", 3)
        out.append(stage(reader(Document(id=f.stem, text=text, date=dt.date.fromisoformat(date)))))
    return out


def test_one_entity_per_article_and_shared_keys(readings):
    for doc in readings:
        for key, want in EXPECT.items():
            found = [e for e in doc.entities if e.kb == key and (e.type == "PER") == key.startswith("PER-")]
            present = {w for w in want if w in doc.text}
            if not present:
                continue
            assert len(found) == 1, (doc.id, key, [(e.name, e.type) for e in found])
            forms = {doc.text[s:t] for s, t in found[0].mentions}
            assert present <= forms, (doc.id, key, forms)


def test_new_person_same_key_in_both(readings):
    keys = []
    for doc in readings:
        ks = {e.kb for e in doc.entities if e.name == "Джон Коул"}
        assert len(ks) == 1, doc.id
        keys.append(ks.pop())
    assert keys[0] == keys[1]


def test_canonical_names(readings):
    names = {e.kb: e.name for e in readings[0].entities}
    assert names["PER-Alexander-Lukashenko"] == "Александър Лукашенко"
    assert names["PER-Nicolas-Maduro"] == "Николас Мадуро"
