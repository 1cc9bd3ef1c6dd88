"""What the caller sees when the store cannot work: a StoreError that names the problem."""
import datetime as dt
import os
import sqlite3
import sys

import pytest

from hronika.document import Document
from hronika.store import Store, StoreError
from test_store_sqlite import make_ruse, make_varna


def test_a_bad_url_is_named():
    with pytest.raises(StoreError, match="cannot open store 'nosuchdb://x'"):
        Store("nosuchdb://x")
    with pytest.raises(StoreError, match="cannot open store"):
        Store("sqlite+nodriver:///x.db")


def test_a_missing_postgresql_driver_is_named_without_the_password(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as where hronika[postgres] is not installed
    with pytest.raises(StoreError, match="driver is not installed") as err:
        Store("postgresql://hronika:secret@localhost/hronika")
    assert "secret" not in str(err.value) and "hronika[postgres]" in str(err.value)


def test_an_unreachable_server_is_named_without_the_password(tmp_path):
    with pytest.raises(StoreError, match="cannot open store .*hronika:\\*\\*\\*@") as err:
        Store(f"postgresql://hronika:secret@/hronika?host={tmp_path}")  # no server listens there
    assert "secret" not in str(err.value)


def test_paths_that_cannot_hold_a_database(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    with pytest.raises(StoreError, match="is a folder"):
        Store(f"sqlite:///{tmp_path}")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(StoreError, match="does not exist"):
        Store(f"sqlite:///{tmp_path / 'file.txt' / 'x.db'}")


def test_a_file_that_is_not_a_database(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not SQLite at all\n" * 100)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(f"sqlite:///{junk}")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_folder(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="not writable"):
            Store(f"sqlite:///{ro / 'x.db'}")
    finally:
        ro.chmod(0o700)


def test_a_read_only_database_refuses_writes_clearly(tmp_path):
    path = tmp_path / "ro.db"
    with Store(f"sqlite:///{path}") as s:
        s.save(make_ruse())
    with Store(f"sqlite:///file:{path}?mode=ro&uri=true") as s:
        assert s.count() == 1
        with pytest.raises(StoreError, match="varna-most: not stored .*read-only"):
            s.save(make_varna())


def test_a_locked_database_gives_up_with_a_clear_error_and_works_after(tmp_path):
    path = tmp_path / "l.db"
    with Store(f"sqlite:///{path}") as s:
        s.save(make_ruse())
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process is writing
    other.execute("DELETE FROM sources")
    try:
        with Store(f"sqlite:///{path}", timeout=0.2) as s:
            assert s.count() == 1  # readers are not blocked (WAL)
            with pytest.raises(StoreError, match=r"varna-most: not stored .*locked by another writer"):
                s.save(make_varna())
            with pytest.raises(StoreError, match="locked"):
                s.delete("ruse-korab")
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Store(f"sqlite:///{path}", timeout=0.2) as s:
        assert s.save(make_varna()).status == "stored"


def test_a_locked_answer_given_at_once_is_tried_again_within_the_timeout(tmp_path):
    # SQLite answers "locked" without waiting where waiting could deadlock, or while another
    # process sets up a new store's log; the save is tried again, whole, until the timeout.
    from sqlalchemy.exc import OperationalError

    calls = []

    def then(writer, doc):
        calls.append(doc.id)
        if len(calls) < 3:
            raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))

    with Store(f"sqlite:///{tmp_path / 'b.db'}", timeout=2) as s:
        assert s.save(make_ruse(), then=then).status == "stored"
        assert calls == ["ruse-korab"] * 3 and s.count() == 1
        calls.clear()

        def always(writer, doc):
            calls.append(doc.id)
            raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))

        with Store(f"sqlite:///{tmp_path / 'b.db'}", timeout=0.3) as impatient:
            with pytest.raises(StoreError, match="varna-most: not stored .*locked by another writer"):
                impatient.save(make_varna(), then=always)
        assert len(calls) > 1 and s.count() == 1


def test_a_plain_path_is_read_as_sqlite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Store.open("plain.db") as s:
        s.save(Document("d", "Кратка бележка за времето в Пловдив.", dt.date(2025, 2, 2)))
    assert (tmp_path / "plain.db").exists()
    assert Store(str(tmp_path / "plain.db")).count() == 1


def test_an_unstorable_reading_is_a_store_error(tmp_path):
    doc = make_ruse()
    doc.meta["when"] = object()  # not JSON
    with Store(f"sqlite:///{tmp_path / 'j.db'}") as s:
        with pytest.raises(StoreError, match="ruse-korab: not stored"):
            s.save(doc)
        assert s.count() == 0
