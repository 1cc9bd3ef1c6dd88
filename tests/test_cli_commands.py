import json

import pytest

from hronika import cli
from conftest import SAMPLES


def test_read_writes_one_json_line_per_article_and_reports_failures(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("no header here", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    rc = cli.main(["read", str(SAMPLES / "2025-11-03-sofia-metro.txt"), str(bad), "-o", str(out)])
    assert rc == 1  # something failed
    err = capsys.readouterr().err
    assert f"{bad}: missing date header" in err and "read 1 article(s), 1 failed" in err
    (line,) = out.read_text(encoding="utf-8").splitlines()
    d = json.loads(line)
    assert d["id"] == "2025-11-03-sofia-metro" and d["date"] == "2025-11-03" and d["sentences"]


def test_ingest_twice_stores_once_and_search_and_show_find_it(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'h.db'}"
    assert cli.main(["ingest", str(SAMPLES), "--db", db]) == 0
    assert "stored 9" in capsys.readouterr().out
    assert cli.main(["ingest", str(SAMPLES), "--db", db]) == 0
    assert "stored 0, replaced 0, duplicates 9, failed 0" in capsys.readouterr().out
    assert cli.main(["search", "мост", "--db", db]) == 0
    assert "2025-11-14-bridge-tweet" in capsys.readouterr().out
    assert cli.main(["show", "2025-11-14-bridge-tweet", "--db", db]) == 0
    assert "@ilie_bolojan" in capsys.readouterr().out
    assert cli.main(["show", "nope", "--db", db]) == 1


def test_a_failed_article_in_a_batch_leaves_the_stored_ones_intact(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'h.db'}"
    cli.main(["ingest", str(SAMPLES / "briefs.jsonl"), "--db", db])
    bad = tmp_path / "mixed.jsonl"
    bad.write_text('{"id": "x", "date": "2025-01-01", "text": "Нова статия за проверка."}\n{oops\n',
                   encoding="utf-8")
    assert cli.main(["ingest", str(bad), "--db", db]) == 1
    out = capsys.readouterr()
    assert "line 2: invalid JSON" in out.err and "stored 1" in out.out
    assert cli.main(["show", "brief-nato-varna", "--db", db]) == 0


@pytest.mark.parametrize("command", ["read", "ingest", "search", "show", "demo", "bench", "train"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main([command, "--help"])
    assert exc.value.code == 0
    assert "usage: hronika" in capsys.readouterr().out
