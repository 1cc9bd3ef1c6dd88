"""Two configurations in one process share nothing: not the store, not the readers."""
from hronika import api
from hronika.api import Hronika
from hronika.settings import Settings
from conftest import SAMPLES

LIGHT = ("repair", "segment", "sentences", "language")


def test_two_hronikas_with_different_databases_keep_their_articles_apart(tmp_path):
    one = Hronika(Settings(db=f"sqlite:///{tmp_path / 'one.db'}"))
    two = Hronika(Settings(db=f"sqlite:///{tmp_path / 'two.db'}"))
    with one, two:
        assert one.ingest([SAMPLES / "briefs.jsonl"]).stored > 0
        assert two.ingest([SAMPLES / "2025-11-14-bridge-tweet.txt"]).stored == 1
        assert one.show("brief-nato-varna") is not None and two.show("brief-nato-varna") is None
        assert two.ids() == ["2025-11-14-bridge-tweet"]
        assert "2025-11-14-bridge-tweet" not in one.ids()
        assert one.store is not two.store


def test_each_hronika_builds_its_own_readers_once(tmp_path):
    a = Hronika(Settings(metonymy=True))
    b = Hronika(Settings(metonymy=False))
    assert a.reader(LIGHT) is a.reader(LIGHT)  # kept: models load once per configuration
    assert a.reader(LIGHT) is not b.reader(LIGHT)
    assert all(s.settings is b.settings for s in b.reader(LIGHT).stages)


def test_keyword_changes_override_the_settings_given():
    h = Hronika(Settings(db="sqlite:///a.db", metonymy=False), db="sqlite:///b.db")
    assert h.settings == Settings(db="sqlite:///b.db", metonymy=False)


def test_the_module_functions_follow_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("HRONIKA_CONFIG", raising=False)
    monkeypatch.setenv("HRONIKA_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert api.ingest([SAMPLES / "2025-11-14-bridge-tweet.txt"]).stored == 1
    assert api.search("мост")[0].doc_id == "2025-11-14-bridge-tweet"
    assert api.default() is api.default()  # one instance per configuration, kept
    monkeypatch.setenv("HRONIKA_DB", f"sqlite:///{tmp_path / 'other.db'}")
    assert api.show("2025-11-14-bridge-tweet") is None  # another configuration, another store
    api.default().close()
