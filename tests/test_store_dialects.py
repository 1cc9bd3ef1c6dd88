"""PostgreSQL beside SQLite: the same corpus gives the same answers to the store's and the
chronicle's queries; an old PostgreSQL store is indexed for search when it migrates; no query
text is a tsquery syntax error."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import create_engine, inspect, text

from hronika.api import Hronika
from hronika.document import Document
from hronika.store import Store, browse
from hronika.store import migrations as M
from hronika.store.search import parse, tsvector
from chronicle_articles import BELARUS, LATE, VENEZUELA, jsonl

pytestmark = pytest.mark.postgres

QUERIES = ["Лукашенко", "лукашенка", "Минск", "санкции", "санкций", "САЩ OR Каракас", "Мадуро NOT Каракас",
           '"делегация от САЩ"', "Бела*", "президент", "Венесуэла", "затворници", "NOT Минск", "", '"',
           "Минск AND", "несъществуваща дума"]


@pytest.fixture(scope="module")
def both(tmp_path_factory, pg_server):
    folder = tmp_path_factory.mktemp("dialects")
    (folder / "in.jsonl").write_text(jsonl(BELARUS + VENEZUELA + [LATE]), encoding="utf-8")
    urls = [f"sqlite:///{folder / 'same.db'}", pg_server.database()]
    for url in urls:
        with Hronika(db=url) as h:
            assert not h.ingest([str(folder / "in.jsonl")]).failures
    stores = [Store(url) for url in urls]
    yield stores
    for s in stores:
        s.close()


def same(both, ask):
    lite, pg = (ask(s) for s in both)
    assert lite == pg
    return lite


def test_search_finds_the_same_articles_with_the_same_snippets(both):
    for q in QUERIES:
        lite, pg = (s.search(q, limit=50) for s in both)
        assert lite.total == pg.total, q
        assert sorted((h.doc_id, h.date, h.title, h.snippet) for h in lite) == \
            sorted((h.doc_id, h.date, h.title, h.snippet) for h in pg), q
        assert sorted(r["id"] for r in browse.search(both[1], q, limit=50)) == sorted(h.doc_id for h in pg), q
    assert same(both, lambda s: sorted(h.doc_id for h in s.search("санкции", date_from=dt.date(2025, 12, 1)))) \
        == ["by-bg-2", "by-ru-2"]


def test_search_pages_by_key_on_both(both):
    for s in both:
        pages, after = [], None
        while True:
            page = browse.search(s, "Лукашенко", limit=2, after=after)
            if not page:
                break
            pages += [r["id"] for r in page]
            after = page[-1]["key"]
        assert sorted(pages) == sorted(h.doc_id for h in s.search("Лукашенко", limit=50)) and len(pages) == 4


def test_lists_paged_by_key_are_the_same(both):
    def every(fn):
        def run(s):
            out, after = [], None
            while page := fn(s, after):
                out += page
                after = page[-1]["key"]
            return out
        return run

    assert len(same(both, every(lambda s, a: browse.articles(s, limit=2, after=a)))) == 6
    kbs = [r["kb"] for r in same(both, every(lambda s, a: browse.entities(s, limit=3, after=a)))]
    assert "PER-Alexander-Lukashenko" in kbs
    for kb in kbs:
        same(both, lambda s: browse.entity(s, kb))
        same(both, lambda s: browse.entity_events(s, kb))
        same(both, lambda s: (browse.entity_quotes(s, kb, "by"), browse.entity_quotes(s, kb, "about")))
        same(both, lambda s: browse.entity_sources(s, kb))
        same(both, lambda s: browse.entity_dates(s, [kb]))
        same(both, lambda s: s.kb_names(kb))
        same(both, lambda s: s.co_occurring(kb))
        same(both, lambda s: s.entity_documents([kb]))


def test_the_chronicle_and_the_tables_are_the_same(both):
    same(both, lambda s: s.overview())
    same(both, lambda s: browse.date_span(s))
    ids = same(both, lambda s: [r["id"] for r in s.storyline_rows()])
    assert ids
    same(both, lambda s: s.storyline_rows())
    same(both, lambda s: s.storyline_documents(ids))
    same(both, lambda s: s.source_counts())
    same(both, lambda s: s.spans_of(list(s.ids())))
    for table in Store.EXPORTABLE:
        same(both, lambda s: [{k: v for k, v in r.items() if k != "ingested_at"} for r in s.rows(table)])


def test_an_old_postgresql_store_is_indexed_when_it_migrates(pg_url, monkeypatch):
    monkeypatch.setattr(M, "MIGRATIONS", [m for m in M.MIGRATIONS if m[0] < 10])
    Store(pg_url).close()  # a store as hronika made it before migration 10, holding one article
    engine = create_engine(pg_url)
    with engine.begin() as c:
        c.execute(text("INSERT INTO documents (id, date, title, content_hash, text, reading, ingested_at) "
                       "VALUES ('old', '2025-01-02', 'Бюджетът е приет', 'h', :x, '{}', '2025-01-02 10:00:00')"),
                  {"x": "Депутатите приеха бюджета на държавата за следващата година."})
    assert "ix_documents_fts" in {ix["name"] for ix in inspect(engine).get_indexes("documents")}
    monkeypatch.undo()
    with Store(pg_url) as s:
        assert 10 in s.applied_migrations()
        hits = s.search("бюджет")
        assert [h.doc_id for h in hits] == ["old"] and "[бюджета]" in hits[0].snippet
    assert "ix_documents_fts" not in {ix["name"] for ix in inspect(engine).get_indexes("documents")}
    engine.dispose()


def test_the_tsvector_holds_folded_words_and_marked_stems_at_their_positions():
    v = tsvector("Нов мост", "Мостът е открит. Ёлка's")
    assert "'нов':1A" in v and "'мост':2A" in v and "'мостът':4" in v  # a gap after the title
    assert "'~мост':2A,4" in v  # the stem, at both places
    assert "'елка':7" in v and "'s':8" in v  # folding letters folded; an apostrophe splits


def test_the_tsquery_quotes_every_lexeme_and_mirrors_the_fts_query():
    assert parse("Минск").tsquery() == "((('~минск':*)))"
    assert parse("разгов* *").tsquery() == "((('разгов':*)))"  # a prefix of the written word
    q = parse('"прие в Минск" OR Китай NOT мост')  # the same stems and prefixes as for FTS5
    assert q.fts() == ('(({stitle stext}: ("при"* + "в" + "минск"*) OR {stitle stext}: ("кита"*))) '
                       'NOT ({stitle stext}: ("мос"*))')
    assert q.tsquery() == "((('~при':* <-> '~в' <-> '~минск':*) | ('~кита':*))) & !('~мос':*)"
    assert parse("O'Brien\\").tsquery() == "((('~o' <-> '~brien')))"  # a word of two: a phrase
    assert parse("it's").tsquery() == "((('~it' <-> '~s')))" and "''" not in parse("it's").tsquery()
    assert parse("NOT Минск").tsquery() == "" and parse("- : * ( )").tsquery() == ""


@pytest.fixture(scope="module")
def pg_store(pg_server):
    with Store(pg_server.database()) as s:
        s.save(Document("a", "Мостът над канала е открит. O'Brien каза: \\ „да“.", dt.date(2025, 4, 9), title="Мост"))
        yield s


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("мостМОСТ o'\\\":*!&|<->()-_AND OR NOT\x00…🙂")) | st.characters(),
               max_size=40))
def test_no_query_is_a_tsquery_syntax_error(pg_store, query):
    hits = pg_store.search(query)
    assert isinstance(hits, list)
    assert (hits.total > 0) <= bool(parse(query).groups)


def test_the_cli_works_on_a_plain_postgresql_url(pg_url, tmp_path, capsys):
    from hronika import cli

    url = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)  # as a user writes it
    (tmp_path / "in.jsonl").write_text(jsonl(VENEZUELA), encoding="utf-8")
    assert cli.main(["ingest", str(tmp_path / "in.jsonl"), "--db", url]) == 0
    assert cli.main(["ingest", str(tmp_path / "in.jsonl"), "--db", url]) == 0  # all duplicates now
    capsys.readouterr()
    assert cli.main(["search", "Венесуэла", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "ve-ru-1" in out and "[Венесуэле]" in out and "ve-bg-1" not in out  # bg spells it Венецуела
    assert cli.main(["search", "Мадуро", "--db", url]) == 0
    assert "2 matches" in capsys.readouterr().out
    assert cli.main(["stats", "--json", "--db", url]) == 0
    assert '"documents": 2' in capsys.readouterr().out
    assert cli.main(["show", "ve-ru-1", "--db", url]) == 0
    assert "Мадуро" in capsys.readouterr().out


def test_the_web_pages_and_their_json_are_the_same(both):
    from fastapi.testclient import TestClient
    from hronika.web import create_app

    urls = ["/index.json", "/search.json?q=Лукашенко", "/search.json?q=санкции+OR+Каракас", "/articles.json",
            "/entities.json", "/entity/PER-Alexander-Lukashenko.json", "/related.json?entity=GPE-Minsk",
            "/storylines.json", "/storyline/1.json", "/timeline.json?entity=Лукашенко", "/sources.json",
            "/article/by-bg-1.json"]
    answers = []
    for s in both:
        with Hronika(db=s.url) as h:
            client = TestClient(create_app(h), raise_server_exceptions=True)
            got = {}
            for url in urls:
                r = client.get(url)
                assert r.status_code == 200, (s.dialect, url, r.text[:300])
                got[url] = r.json()
            for url in ("/", "/search?q=Минск", "/entity/PER-Alexander-Lukashenko", "/storyline/1"):
                assert client.get(url).status_code == 200, (s.dialect, url)
            answers.append(got)
    for url in urls:
        lite, pg = answers[0][url], answers[1][url]
        if url.startswith("/search"):  # the same hits; the order of equally good ones is each database's
            lite, pg = (sorted(({k: v for k, v in i.items() if k not in ("rank", "key")} for i in a["items"]),
                               key=lambda i: i["id"]) for a in (lite, pg))
            assert lite
        assert lite == pg, url


def test_two_ingest_commands_on_the_same_files_store_each_article_once(pg_url, tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.jsonl").write_text(jsonl(BELARUS + VENEZUELA), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(jsonl(VENEZUELA + [LATE] + BELARUS[:1]), encoding="utf-8")
    files = [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]
    procs = [subprocess.Popen([sys.executable, "-m", "hronika.cli", "ingest", "--db", pg_url, *order],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for order in (files, files[::-1])]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outs]
    with Store(pg_url) as s:
        assert sorted(s.ids()) == sorted(r[0] for r in BELARUS + VENEZUELA + [LATE]) and s.count() == 6
        assert s.unassigned() == []  # every article went into the chronicle, once
        members = s.storyline_documents([r["id"] for r in s.storyline_rows()])
        assert sorted(d["doc"] for docs in members.values() for d in docs) == sorted(s.ids())
