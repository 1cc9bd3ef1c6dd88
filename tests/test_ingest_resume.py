"""An ingest killed at random points, some of them inside a write (the article's rows and its
chronicle update written, not committed), and resumed each time with the same command, ends with
the same rows as an ingest never interrupted: on SQLite and on PostgreSQL."""
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from hronika.api import Hronika
from ingest_rows import differences, rows
from test_ingest_interrupt import articles

N = 30

# Runs ``hronika ingest`` and kills itself (SIGKILL) inside the transaction of its K-th new article,
# after the article's rows and its chronicle update are written, before the commit.
KILLER = """
import os, signal, sys
from hronika import chronicle
k, real, calls = int(sys.argv[1]), chronicle.update, []
def update(writer, doc):
    real(writer, doc)
    calls.append(doc.id)
    if len(calls) == k:
        os.kill(os.getpid(), signal.SIGKILL)
chronicle.update = update
from hronika.cli import main
sys.exit(main(sys.argv[2:]))
"""


def stored(url):
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents")).scalar()
    except Exception:  # not created yet
        return 0
    finally:
        engine.dispose()


def run(url, src, in_write=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRONIKA_")}
    args = ["ingest", str(src), "--db", url, "-j", "1"]
    cmd = [sys.executable, "-c", KILLER, str(in_write), *args] if in_write else [sys.executable, "-m", "hronika.cli", *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.fixture(params=[pytest.param("sqlite", marks=pytest.mark.postgres),
                        pytest.param("postgresql", marks=pytest.mark.postgres)])
def two_urls(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'killed.db'}", f"sqlite:///{tmp_path / 'whole.db'}"
    server = request.getfixturevalue("pg_server")
    return server.database(), server.database()


def test_killed_at_random_points_and_resumed_ends_with_the_rows_of_an_uninterrupted_ingest(two_urls, tmp_path):
    killed, whole = two_urls
    src = articles(tmp_path / "a.jsonl", N, seed=11)
    seed = random.randrange(1 << 30)
    rnd = random.Random(seed)
    kinds = ["outside", "outside", "outside", "in_write", "in_write"]
    rnd.shuffle(kinds)
    points = []
    for kind in kinds:
        before = stored(killed)
        if kind == "in_write":
            k = rnd.randint(1, 4)
            proc = run(killed, src, in_write=k)
            proc.communicate(timeout=120)
            assert proc.returncode == -signal.SIGKILL, (seed, points)
            assert stored(killed) == before + k - 1, (seed, points)  # the K-th rolled back
        else:
            target = before + rnd.randint(1, 4)
            proc = run(killed, src)
            deadline = time.time() + 90
            while stored(killed) < target and proc.poll() is None:
                assert time.time() < deadline, (seed, points)
                time.sleep(0.01)
            proc.kill()
            proc.communicate()
        points.append((kind, stored(killed)))
    assert stored(killed) < N, (seed, points)  # the kills came before the end
    last = run(killed, src)
    out, err = last.communicate(timeout=120)
    assert last.returncode == 0, err
    with Hronika(db=whole) as h:
        assert h.ingest([src], jobs=1).stored == N
    assert stored(killed) == N
    assert differences(rows(whole), rows(killed)) == [], (seed, points)
