import datetime as dt
import os
import signal
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "hronika" / "samples"

# A shell that starts the suite in the background (`make test &` in a script) ignores Ctrl-C in it,
# and an ignored signal is inherited by every command it runs: the tests that interrupt `hronika
# ingest` would then see it finish instead.  A handled signal is reset to the default in a child.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def need_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the test with a clear message when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"needs {p} (the project's shared data, absent in a user's fresh clone)")
    return p


@pytest.fixture
def d() -> dt.date:
    return dt.date(2025, 12, 18)


# ------------------------------------------------------------------ PostgreSQL (marker ``postgres``)

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server (tests/pg_server.py).  Outside CI a test that needs one
    is skipped, with the reason, when none can be started; in CI that is a failure."""
    from pg_server import Server, Unavailable

    try:
        server = Server()
    except (Unavailable, OSError, subprocess.SubprocessError, ImportError) as exc:
        if IN_CI:
            pytest.fail(f"CI needs a PostgreSQL server for the postgres tests: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL server could be started ({exc}); set HRONIKA_TEST_POSTGRES "
                    f"to a server's URL to run these tests")
    try:
        yield server
    finally:
        if os.environ.get("HRONIKA_TEST_POSTGRES"):
            server.drop_all()
        server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty PostgreSQL database of its own for one test."""
    return pg_server.database()


# Both carry the marker: ``pytest -m postgres`` runs the store and query suite on both dialects
# (only the postgresql ones need the server).
STORES = [pytest.param("sqlite", marks=pytest.mark.postgres),
          pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=STORES)
def store_url(request, tmp_path) -> str:
    """An empty store's URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="module", params=STORES)
def module_store_url(request, tmp_path_factory) -> str:
    """An empty store's URL shared by one test module, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.db'}"
    return request.getfixturevalue("pg_server").database()
