"""An ingest interrupted (Ctrl-C) or killed at a random point, then run again, and two ingests into
one SQLite store at once: every article stored once, the store whole."""
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time


WORDS = ("Министърът на финансите Иван Петров представи бюджета в София в сряда . "
         "Депутатите го обсъдиха с кмета на Варна").split()


def articles(path, n, seed=7):
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = " ".join(rnd.choice(WORDS) for _ in range(50)) + f" Статия {i}."
            fh.write(json.dumps({"id": f"a{i}", "date": "2025-11-03", "text": text}, ensure_ascii=False) + "\n")
    return path


def ingest(src, db, **kw):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRONIKA_")}
    return subprocess.Popen([sys.executable, "-m", "hronika.cli", "ingest", str(src), "--db", str(db), "-j", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **kw)


def count(db):
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def wait_for(db, n, proc, limit=60):
    deadline = time.time() + limit
    while count(db) < n:
        assert proc.poll() is None, proc.communicate()
        assert time.time() < deadline, "the ingest stored nothing in time"
        time.sleep(0.05)


def whole(db, n):
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ids = [r[0] for r in con.execute("SELECT id FROM documents")]
        assert sorted(ids) == sorted(f"a{i}" for i in range(n))
        fts = con.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
        assert fts == n
        assert con.execute("SELECT count(DISTINCT doc) FROM entities").fetchone()[0] <= n
    finally:
        con.close()


def test_ctrl_c_stops_with_a_summary_and_the_same_command_resumes(tmp_path):
    src, db = articles(tmp_path / "a.jsonl", 250), tmp_path / "h.db"
    proc = ingest(src, db)
    wait_for(db, 5, proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "Traceback" not in err
    m = re.fullmatch(r"interrupted: (\d+) stored; run the same command to resume", err.strip().splitlines()[-1])
    assert m and 5 <= int(m.group(1)) < 250
    again = ingest(src, db)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    stored, dup = map(int, re.search(r"stored (\d+), replaced 0, duplicates (\d+), failed 0", out).groups())
    assert stored + dup == 250 and dup >= int(m.group(1))
    whole(db, 250)


def test_an_ingest_killed_at_a_random_point_then_run_again_stores_every_article_once(tmp_path):
    src, db = articles(tmp_path / "a.jsonl", 80), tmp_path / "h.db"
    proc = ingest(src, db)
    wait_for(db, random.Random(os.getpid()).randint(1, 60), proc)
    proc.kill()
    proc.communicate()
    again = ingest(src, db)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    whole(db, 80)


def test_two_ingests_into_one_store_at_once_store_every_article_once(tmp_path):
    src, db = articles(tmp_path / "a.jsonl", 80), tmp_path / "h.db"
    first, second = ingest(src, db), ingest(src, db)
    results = [p.communicate(timeout=120) for p in (first, second)]
    assert first.returncode == second.returncode == 0, results
    stored = [int(re.search(r"stored (\d+)", out).group(1)) for out, _ in results]
    assert sum(stored) == 80
    whole(db, 80)
