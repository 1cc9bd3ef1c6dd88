"""The command line as a new user meets it: standard input, skipped files, Ctrl-C, help that
teaches, --version, stats, export, and one-line errors with documented exit codes."""
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from hronika import api, cli
from hronika.api import IngestSummary
from hronika.store import Store

ARTICLE = " date 2025-11-04 \nДепутатите приеха проекта на бюджета. Министърът Иван Петров го защити в София.\n"
LINES = ('{"id": "n1", "date": "2025-11-03", "text": "Правителството обсъди бюджета във Варна в сряда."}\n'
         '{"id": "n2", "date": "2025-12-01", "text": "Министърът на финансите представи проекта."}\n')


@pytest.fixture(autouse=True)
def no_user_settings(monkeypatch):
    for key in [k for k in os.environ if k.startswith("HRONIKA_")]:
        monkeypatch.delenv(key)


def stdin(monkeypatch, text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


@pytest.fixture
def db(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'h.db'}"
    stdin(monkeypatch, LINES)
    assert cli.main(["ingest", "-", "--db", url]) == 0
    capsys.readouterr()
    return url


def test_ingest_reads_json_lines_from_standard_input(db, capsys):
    with Store(db) as s:
        assert sorted(s.ids()) == ["n1", "n2"]


def test_read_reads_one_seed_article_from_standard_input(monkeypatch, capsys):
    stdin(monkeypatch, ARTICLE)
    assert cli.main(["read", "-", "--stages", "segment"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    d = json.loads(line)
    assert d["date"] == "2025-11-04" and d["text"].strip().startswith("Депутатите") and d["id"] == "stdin"


def test_a_folder_ingest_names_the_files_it_skips(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(LINES, encoding="utf-8")
    (tmp_path / "in" / "report.pdf").write_bytes(b"%PDF")
    (tmp_path / "in" / ".draft.txt").write_text(ARTICLE, encoding="utf-8")
    assert cli.main(["ingest", str(tmp_path / "in"), "--db", f"sqlite:///{tmp_path / 'h.db'}"]) == 0
    err = capsys.readouterr().err
    assert f"skipped: {tmp_path / 'in' / 'report.pdf'} (unknown suffix .pdf" in err
    assert f"skipped: {tmp_path / 'in' / '.draft.txt'} (hidden)" in err


def test_ctrl_c_during_ingest_reports_what_was_stored_and_exits_130(tmp_path, monkeypatch, capsys):
    def ingest(self, sources, jobs=None, progress=None, date=None):
        progress(IngestSummary(read=3, stored=2, duplicates=1))
        raise KeyboardInterrupt
    monkeypatch.setattr(api.Hronika, "ingest", ingest)
    stdin(monkeypatch, LINES)
    assert cli.main(["ingest", "-", "--db", f"sqlite:///{tmp_path / 'h.db'}"]) == 130
    out = capsys.readouterr()
    assert out.err.strip().splitlines()[-1] == "interrupted: 2 stored; run the same command to resume"
    assert "Traceback" not in out.err


def test_the_progress_total_counts_articles_before_reading(tmp_path):
    from hronika.ingest import count_items
    (tmp_path / "a.jsonl").write_text(LINES + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    assert count_items([tmp_path]) == 3


def test_search_shows_how_many_matched_when_the_list_is_cut(db, capsys):
    assert cli.main(["search", "бюджет", "--db", db, "--limit", "0"]) == 0
    assert "0 of 1 matches" in capsys.readouterr().out
    assert cli.main(["search", "министър OR правителство", "--db", db, "--limit", "1"]) == 0
    assert "1 of 2 matches" in capsys.readouterr().out
    assert cli.main(["search", "министър", "--db", db, "--from", "2025-11-15"]) == 0
    assert "n2" in capsys.readouterr().out
    assert cli.main(["search", "министър", "--db", db, "--to", "2025-11-15"]) == 0
    assert "no matches" in capsys.readouterr().out


def test_stats_says_what_the_store_holds(db, capsys):
    assert cli.main(["stats", "--db", db, "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["documents_by_lang"] == {"bg": 2}
    assert st["documents_by_month"] == {"2025-11": 1, "2025-12": 1}
    assert st["rows"]["documents"] == 2 and st["entities_by_type"]
    assert cli.main(["stats", "--db", db]) == 0
    assert "2 article(s)" in capsys.readouterr().out


def test_export_writes_json_lines_or_csv(db, tmp_path, capsys):
    assert cli.main(["export", "documents", "--db", db]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["n1", "n2"] and "reading" not in rows[0]
    assert cli.main(["export", "entities", "--db", db, "-o", str(tmp_path / "e.csv")]) == 0
    with open(tmp_path / "e.csv", encoding="utf-8") as fh:
        ents = list(csv.DictReader(fh))
    assert {"doc", "type", "name", "kb"} <= set(ents[0]) and {e["doc"] for e in ents} <= {"n1", "n2"}
    assert cli.main(["export", "timexes", "--db", db, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("doc,start,end,type,value")
    assert cli.main(["export", "posts", "--db", db, "--format", "csv"]) == 0  # no rows: the header
    assert capsys.readouterr().out.splitlines() == ["doc,start,end,platform,author,handle,date,lang,hashtags,urls"]


def test_export_tables_are_the_stores():
    assert cli.EXPORTABLE == Store.EXPORTABLE


@pytest.mark.parametrize("command", ["search", "show", "stats", "export"])
def test_commands_that_only_read_refuse_a_missing_database(tmp_path, capsys, command):
    args = {"search": ["x"], "show": ["x"], "stats": [], "export": ["documents"]}[command]
    assert cli.main([command, *args, "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("make_args, message", [
    (lambda t: ["ingest", "-", "--db", str(t / "no" / "h.db")], "does not exist"),
    (lambda t: ["ingest", "-", "--db", str(t / "junk.db")], "not an SQLite database"),
    (lambda t: ["ingest", "-", "--db", "postgresql+psycopg://u@localhost/h"], "driver"),
    (lambda t: ["read", "-", "-o", str(t / "no" / "out.jsonl")], "does not exist"),
])
def test_errors_are_one_line(tmp_path, monkeypatch, capsys, make_args, message):
    (tmp_path / "junk.db").write_text("not a database, just text\n" * 100)
    stdin(monkeypatch, LINES)
    pytest.importorskip("sqlalchemy")
    if "psycopg" in str(make_args(tmp_path)):
        monkeypatch.setitem(sys.modules, "psycopg", None)  # as where hronika[postgres] is not installed
    rc = cli.main(make_args(tmp_path))
    err = capsys.readouterr().err
    assert rc in (1, 2) and err.count("\n") == 1 and err.startswith("error: ") and message in err


def test_stages_missing_what_they_need_are_added_and_said(monkeypatch, capsys):
    stdin(monkeypatch, ARTICLE)
    assert cli.main(["read", "-", "--stages", "timex"]) == 0
    out = capsys.readouterr()
    assert "added the stages segment sentences language" in out.err
    assert "timexes" in json.loads(out.out)


def test_version_and_help_that_teaches(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.startswith("hronika ")
    with pytest.raises(SystemExit):
        cli.main(["search", "--help"])
    out = capsys.readouterr().out
    for taught in ("OR", "NOT", '"проект на бюджет"', "Моск*", "examples:", "exit codes:", "130",
                   "(default: 20)", "--from", "--entity"):
        assert taught in out


@pytest.mark.parametrize("command", ["read", "ingest", "search", "show", "stats", "export", "demo", "bench", "train"])
def test_every_argument_is_described(command, capsys):
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, type(parser._subparsers._group_actions[0])))
    for action in sub.choices[command]._actions:
        assert action.help, f"{command}: {action.dest} has no help"


def test_an_unexpected_error_is_one_line(monkeypatch, capsys, tmp_path):
    def boom(self, *a, **k):
        raise ValueError("something\nbroke")
    monkeypatch.setattr(api.Hronika, "stats", boom)
    Store(str(tmp_path / "h.db")).close()
    assert cli.main(["stats", "--db", str(tmp_path / "h.db")]) == 1
    err = capsys.readouterr().err
    assert err == "error: ValueError: something broke (HRONIKA_DEBUG=1 shows where)\n"


def test_workers_end_quietly_with_a_killed_parent(tmp_path):
    # The workers are busy with a chunk when their parent dies: they must end, not print a
    # traceback about the broken pipe their results go to.
    big = tmp_path / "big.jsonl"
    text = "Министърът Иван Петров се срещна с кмета на Варна в сряда. " * 60
    big.write_text("".join(json.dumps({"id": f"a{i}", "date": "2025-11-03", "text": text}, ensure_ascii=False)
                           + "\n" for i in range(400)), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRONIKA_")}
    proc = subprocess.Popen([sys.executable, "-m", "hronika.cli", "read", str(big), "-j", "2", "-o", str(out)],
                            stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.time() + 60
    while time.time() < deadline and (not out.exists() or out.stat().st_size == 0):
        assert proc.poll() is None
        time.sleep(0.1)
    children = [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                               text=True).stdout.split()]
    assert children, "the workers did not start"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 20
    alive = children
    while alive and time.time() < deadline:
        time.sleep(0.2)
        alive = [p for p in alive if os.path.exists(f"/proc/{p}") and
                 open(f"/proc/{p}/stat").read().split()[2] != "Z"]
    assert alive == []
    assert "Traceback" not in proc.stderr.read()


def test_entity_filter_knows_the_knowledge_bases_names_in_any_script(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'h.db'}"
    stdin(monkeypatch, '{"id": "v", "date": "2025-11-03", "text": "Кметът на Варна откри новия мост."}\n'
                       '{"id": "s", "date": "2025-11-03", "text": "Кметът на София откри новия мост."}\n')
    assert cli.main(["ingest", "-", "--db", url]) == 0
    capsys.readouterr()
    for name in ("Varna", "Варна", "GPE-Varna"):
        assert cli.main(["search", "мост", "--entity", name, "--db", url, "--json"]) == 0
        assert [h["doc_id"] for h in json.loads(capsys.readouterr().out)] == ["v"], name
