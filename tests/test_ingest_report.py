"""The summary of an ingest as JSON (--report), its progress on a terminal (a bar with rate and
ETA) and in a log (a line now and then, no bar)."""
import json
import os
import pty
import signal
import subprocess
import sys

from hronika import cli
from test_ingest_interrupt import articles, wait_for

KEYS = {"read", "stored", "replaced", "duplicates", "skipped", "failed", "failures", "interrupted", "engine",
        "seconds", "articles_per_s"}


def with_bad_line(path, n):
    articles(path, n)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "text": "Няма дата."}\n')
    return path


def test_the_report_gives_the_summary_and_each_failure_with_its_reason(tmp_path, capsys):
    src, db, rep = with_bad_line(tmp_path / "a.jsonl", 6), tmp_path / "h.db", tmp_path / "r.json"
    assert cli.main(["ingest", str(src), "--db", str(db), "--report", str(rep), "-j", "1"]) == 1
    r = json.loads(rep.read_text(encoding="utf-8"))
    assert set(r) == KEYS
    assert (r["read"], r["stored"], r["duplicates"], r["failed"], r["interrupted"]) == (6, 6, 0, 1, False)
    assert r["failures"][0]["source"] == str(src) and r["failures"][0]["where"] == "line 7"
    assert "date" in r["failures"][0]["message"]
    assert r["engine"] == "local" and r["seconds"] > 0 and r["articles_per_s"] > 0
    assert "read 6, stored 6, replaced 0, duplicates 0, failed 1" in capsys.readouterr().out
    assert cli.main(["ingest", str(src), "--db", str(db), "--report", str(rep)]) == 1
    r = json.loads(rep.read_text(encoding="utf-8"))
    assert (r["read"], r["stored"], r["duplicates"], r["skipped"]) == (6, 0, 6, 6)


def test_an_interrupted_ingest_writes_its_report_too(tmp_path):
    src, db, rep = articles(tmp_path / "a.jsonl", 200), tmp_path / "h.db", tmp_path / "r.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRONIKA_")}
    proc = subprocess.Popen([sys.executable, "-m", "hronika.cli", "ingest", str(src), "--db", str(db), "-j", "1",
                             "--report", str(rep)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    wait_for(db, 3, proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    r = json.loads(rep.read_text(encoding="utf-8"))
    assert r["interrupted"] is True and 3 <= r["stored"] < 200
    assert f"interrupted: {r['stored']} stored" in err
    # not a terminal: no bar in the log
    assert "ETA" not in err and "━" not in err


def test_a_log_gets_a_progress_line_now_and_then(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "PROGRESS_EVERY", 0.0)
    src = articles(tmp_path / "a.jsonl", 5)
    assert cli.main(["ingest", str(src), "--db", str(tmp_path / "h.db"), "-j", "1"]) == 0
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("ingest: ")]
    assert len(lines) == 5
    assert lines[-1].startswith("ingest: 5 of about 5 article(s), ") and "/s, 5 stored, 0 failed" in lines[-1]


def test_a_terminal_gets_a_bar_with_the_rate_and_an_eta(tmp_path):
    src = articles(tmp_path / "a.jsonl", 30)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRONIKA_")}
    env.update(COLUMNS="120", TERM="xterm")
    main, other = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "hronika.cli", "ingest", str(src), "--db", str(tmp_path / "h.db"),
                             "-j", "1"], stdout=subprocess.PIPE, stderr=other, text=True, env=env)
    os.close(other)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=60)
    os.close(main)
    screen = seen.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "/30" in screen and "/s" in screen and "ETA" in screen
