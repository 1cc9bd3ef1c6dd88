"""The CLI takes its settings from the environment, a settings file and flags, in that order."""
import json
import os
import subprocess
import sys

import pytest

from hronika import cli
from conftest import SAMPLES

BRIDGE = str(SAMPLES / "2025-11-14-bridge-tweet.txt")


@pytest.fixture(autouse=True)
def no_user_settings(monkeypatch):
    for key in [k for k in os.environ if k.startswith("HRONIKA_")]:
        monkeypatch.delenv(key)


def test_the_database_comes_from_the_environment_when_no_flag_names_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HRONIKA_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert cli.main(["ingest", BRIDGE]) == 0
    assert (tmp_path / "env.db").exists()
    assert cli.main(["search", "мост", "--db", f"sqlite:///{tmp_path / 'flag.db'}"]) == 1
    assert "flag.db does not exist" in capsys.readouterr().err  # the flag beats the environment
    assert not (tmp_path / "flag.db").exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_config_names_the_settings_file_before_or_after_the_command(tmp_path, capsys, where):
    cfg = tmp_path / "hronika.toml"
    cfg.write_text(f'db = "sqlite:///{tmp_path / "cfg.db"}"\n', encoding="utf-8")
    args = ["ingest", BRIDGE]
    assert cli.main(["--config", str(cfg), *args] if where == "before" else [*args, "--config", str(cfg)]) == 0
    assert "stored 1" in capsys.readouterr().out and (tmp_path / "cfg.db").exists()
    assert cli.main(["--config", str(cfg), "show", "2025-11-14-bridge-tweet"]) == 0
    assert cli.main(["show", "2025-11-14-bridge-tweet", "--db", f"sqlite:///{tmp_path / 'x.db'}",
                     "--config", str(cfg)]) == 1  # --db beats the file


@pytest.mark.parametrize("text, message", [
    ('db = "sqlite:///x.db"\ncolour = "red"\n', "unknown setting(s) colour"),
    ("db = [\n", "cannot be read"),
])
def test_a_bad_settings_file_is_one_line_and_exit_code_2(tmp_path, capsys, text, message):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(text, encoding="utf-8")
    assert cli.main(["--config", str(cfg), "search", "мост"]) == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err.count("\n") == 1 and out.err.startswith("error: settings file")
    assert message in out.err


def test_a_bad_settings_file_named_by_the_environment_in_a_real_process(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "hronika.cli", "show", "x"], capture_output=True, text=True,
                          env={**os.environ, "HRONIKA_CONFIG": str(tmp_path / "missing.toml")})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"error: settings file {tmp_path / 'missing.toml'} does not exist"


def test_a_store_that_cannot_be_opened_is_one_line_and_exit_code_1(tmp_path, capsys):
    assert cli.main(["search", "мост", "--db", f"sqlite:///{tmp_path / 'no' / 'such' / 'h.db'}"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot open store") and err.count("\n") == 1


def test_search_json_is_a_list_of_hits(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'h.db'}"
    assert cli.main(["ingest", str(SAMPLES), "--db", db]) == 0
    capsys.readouterr()
    assert cli.main(["search", "мост", "--db", db, "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert isinstance(hits, list) and hits
    for hit in hits:
        assert set(hit) == {"doc_id", "date", "title", "snippet", "rank"}
        assert isinstance(hit["rank"], float) and len(hit["date"]) == 10
    assert "2025-11-14-bridge-tweet" in [h["doc_id"] for h in hits]
    assert cli.main(["search", "нищонещо", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_bench_runs_from_the_installed_package_outside_the_checkout(tmp_path):
    # cwd is not the checkout, so bench/ is not importable: the command must not need it
    proc = subprocess.run([sys.executable, "-m", "hronika.cli", "bench", BRIDGE, "--jobs", "1",
                           "--stages", "repair", "segment"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (row,) = [l for l in proc.stdout.splitlines() if l.startswith(f"| {BRIDGE} ")]
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:4] == ["repair segment", "1", "1"] and float(cells[5]) > 0
