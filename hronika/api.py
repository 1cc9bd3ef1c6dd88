"""The library: what the command line, the web server and a notebook all call.

    from hronika.api import Hronika

    h = Hronika(db="sqlite:///news.db")        # the environment's settings, db changed
    doc = h.read_text("В сряда министърът откри моста.", "2025-11-14")
    doc.entities, doc.layer("timexes")
    h.ingest(["articles/"])                    # IngestSummary(read=…, stored=…, …, failures=[…])
    hits = h.search("мост")                    # [SearchHit(doc_id, date, title, snippet, rank)]
    h.show(hits[0].doc_id)                     # the stored reading (the JSON dict), or None
    print(h.summarize(h.show(hits[0].doc_id)))

One ``Hronika`` holds one configuration (a ``Settings``), the readers built for it and its store;
two in one process share none of these.  The module-level functions (``read``, ``ingest``, …)
use ``Settings.from_env()``.
"""
from __future__ import annotations

import contextlib

import datetime as dt
import functools
import os
import threading
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Iterator

from . import pipeline
from .batch import Source, Then, analyse, analyse_items, auto_jobs, build_reader, chunks, documents
from .document import Document
from .ingest import Failure, parse_date
from .settings import Settings

__all__ = ["Hronika", "IngestSummary", "SearchHit", "SearchHits", "Failure", "Settings", "summarize",
           "default", "read", "read_text", "ingest", "search", "show"]


@dataclass
class IngestSummary:
    read: int = 0  # articles read (whatever became of them in the store)
    stored: int = 0  # new articles
    replaced: int = 0  # articles stored again under an id they had, with other content
    duplicates: int = 0  # articles whose content was already stored
    skipped: int = 0  # of the duplicates, those stored before this ingest began: not read again
    failures: list[Failure] = field(default_factory=list)  # not read, or read but not stored

    @property
    def failed(self) -> int:
        return len(self.failures)

    def to_json(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "replaced": self.replaced,
                "duplicates": self.duplicates, "skipped": self.skipped, "failed": self.failed,
                "failures": [f.to_json() for f in self.failures]}


@dataclass(frozen=True)
class _Known:
    doc_id: str
    existing_id: str  # the id its content is stored under


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    date: str  # ISO date
    title: str | None
    snippet: str  # a passage with the matched words between "[" and "]"
    rank: float  # higher is better (comparable within one search only)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class SearchHits(list):
    """``SearchHit``s, best first; ``total``: how many articles matched (more than the hits when
    the list was cut at its limit)."""

    def __init__(self, hits: Iterable[SearchHit] = (), total: int = 0) -> None:
        super().__init__(hits)
        self.total = total


class Hronika:
    """hronika under one configuration.

    ``Hronika(settings)``; ``Hronika()`` takes ``Settings.from_env()``; keyword arguments change
    single settings (``Hronika(db="sqlite:///other.db")``).  Use it in a ``with`` block, or call
    ``close()``, to release the store."""

    def __init__(self, settings: Settings | None = None, **changes: Any) -> None:
        self.settings = (Settings.from_env() if settings is None else settings).replace(**changes)
        self._readers: dict[tuple[str, ...], pipeline.Reader] = {}
        self._store: Any = None
        self._lock = threading.Lock()  # a web server may ask from several threads
        # False: a store that does not exist is an error, not an empty new one (commands that read)
        self.create_store = True

    def __repr__(self) -> str:
        return f"Hronika({self.settings!r})"

    def __enter__(self) -> "Hronika":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    # -------------------------------------------------------------- reading

    def reader(self, stages: Iterable[str] = pipeline.DEFAULT) -> pipeline.Reader:
        """The reader of these stages under this configuration, built once (models load here)."""
        key = tuple(stages)
        with self._lock:
            if key not in self._readers:
                self._readers[key] = build_reader(key, self.settings)
            return self._readers[key]

    def read(self, sources: Source | Iterable[Source], stages: Iterable[str] | None = None,
             jobs: int | None = None, then: Then | None = None,
             date: dt.date | str | None = None, *, engine: str = "local", workers: int | None = None,
             scheduler: Any = None) -> Iterator[Any]:
        """Read and analyse articles; yields, in input order, a ``Document`` for each article and a
        ``Failure`` for each one that could not be read (never raises for a bad article).

        ``sources``: files or folders (seed .txt, .jsonl, .html, RSS/Atom) and Documents.
        ``jobs``: worker processes (None: one for small inputs, else one per core, at most 4).
        ``then``: a function applied to each Document in the worker; its result is yielded instead
        (``hronika read`` serializes there, so the parent only writes).  ``date``: the
        publication date of articles whose input carries none (a page without a dated byline, a
        plain text file).  ``engine="dask"``: read on a Dask cluster instead of ``jobs``
        processes (``workers``, ``scheduler``: as for ``ingest``; ``then`` runs here)."""
        if isinstance(sources, (str, os.PathLike, Document)):
            sources = [sources]
        day = None if date is None else parse_date(date, "--date")
        stages = tuple(stages or pipeline.DEFAULT)
        if engine == "local":
            return analyse(sources, self.reader(stages), jobs, then, day)
        if engine != "dask":
            raise ValueError(f"unknown engine {engine!r} (local or dask)")
        from . import dask_engine

        out = dask_engine.analyse(documents(list(sources), day), self.settings, stages, workers=workers,
                                  scheduler=scheduler)
        return out if then is None else (x if isinstance(x, Failure) else then(x) for x in out)

    def read_text(self, text: str, date: dt.date | str, id: str | None = None, *,
                  title: str | None = None, url: str | None = None, lang: str | None = None,
                  stages: Iterable[str] | None = None) -> Document:
        """One article from a string, read at once (raises ``DocumentError`` when it cannot be).

        ``date``: the publication date (a date or YYYY-MM-DD), against which relative time
        expressions resolve.  ``id``: default ``text-`` and a hash of date and text.  ``lang``:
        the language to assume when the text is too short to tell."""
        doc = Document(id=id or "text", text=text, date=parse_date(date), url=url, title=title,
                       source="text", meta={"format": "text"})
        if id is None:
            doc.id = "text-" + doc.content_hash[:12]
        if lang:
            doc.lang = lang
        return self.reader(stages or pipeline.DEFAULT)(doc)

    # -------------------------------------------------------------- the store

    @property
    def store(self):
        """The store of ``settings.db``, opened (and migrated) on first use."""
        from .store import Store  # SQLAlchemy loads only when a store is used

        with self._lock:
            if self._store is None:
                self._store = Store(self.settings.db, create=self.create_store)
            return self._store

    def save(self, doc: Document) -> Any:
        """Store one read article with its chronicle update, in one transaction: the store's
        ``SaveResult`` (status stored, replaced or duplicate), or a ``Failure`` with the reason
        when it could not be stored (the store rolled it back)."""
        try:
            return self.store.save(doc, then=self._chronicle_update)
        except Exception as exc:
            return Failure(doc.source or doc.id, doc.id, str(exc), doc_id=doc.id)

    def ingest(self, sources: Source | Iterable[Source], jobs: int | None = None,
               progress: Callable[[IngestSummary], Any] | None = None,
               date: dt.date | str | None = None, *, engine: str = "local", workers: int | None = None,
               scheduler: Any = None, write: str = "client") -> IngestSummary:
        """Read articles into the store; an article already stored with the same content is a
        duplicate (found before it is read again: an interrupted ingest resumes where it
        stopped), one stored under its id with other content is replaced.  ``progress`` is called
        with the summary so far after each article.

        ``engine="dask"`` reads on a Dask cluster (``hronika.dask_engine``): the scheduler at
        ``scheduler`` (an address or a ``distributed.Client``), else a local one of ``workers``
        processes; ``write="workers"`` has the workers save their articles instead of this
        process (the chronicle then follows the order partitions finish in, not the input's)."""
        if engine not in ("local", "dask"):
            raise ValueError(f"unknown engine {engine!r} (local or dask)")
        if write not in ("client", "workers"):
            raise ValueError(f"write must be 'client' or 'workers', not {write!r}")
        if isinstance(sources, (str, os.PathLike, Document)):
            sources = [sources]
        sources = list(sources)
        if engine == "dask":
            from . import dask_engine

            dask_engine.require()  # before the store is made
        self.store  # a store that cannot be opened fails before any reading
        self.catch_up()
        day = None if date is None else parse_date(date, "--date")
        items = self._not_stored(documents(sources, day))
        if engine == "dask":
            stream = dask_engine.analyse(items, self.settings, pipeline.DEFAULT, workers=workers,
                                         scheduler=scheduler, write=write == "workers")
        else:
            stream = analyse_items(items, self.reader(), auto_jobs(sources) if jobs is None else jobs)
        summary = IngestSummary()
        # closed here, even on Ctrl-C: a reading stream left to the garbage collector stops its Dask
        # cluster at interpreter exit, when its event loop is gone (a traceback after the summary)
        with contextlib.closing(stream):
            self._take(stream, summary, progress)
        return summary

    def _take(self, stream: Iterator[Any], summary: "IngestSummary", progress) -> None:
        for item in stream:
            if isinstance(item, Document):
                summary.read += 1
                item = self.save(item)
            elif not isinstance(item, Failure):
                summary.read += 1
            if isinstance(item, Failure):
                summary.failures.append(item)
            elif isinstance(item, _Known):
                summary.duplicates += 1
                summary.skipped += 1
            elif item.status == "duplicate":
                summary.duplicates += 1
            else:
                setattr(summary, item.status, getattr(summary, item.status) + 1)
            if progress is not None:
                progress(summary)

    def _not_stored(self, items: Iterable[Document | Failure], batch: int = 64) -> Iterator[Any]:
        """The articles, those whose content is stored already replaced by ``_Known``."""
        for chunk in chunks(items, batch):
            known = self.store.known(x.content_hash for x in chunk if isinstance(x, Document))
            for x in chunk:
                same = known.get(x.content_hash) if isinstance(x, Document) else None
                yield x if same is None else _Known(x.id, same)

    def search(self, query: str, limit: int = 20, *, date_from: dt.date | str | None = None,
               date_to: dt.date | str | None = None, entity: str | None = None) -> "SearchHits":
        """Stored articles that match ``query``, best first, at most ``limit``; ``.total`` of the
        result counts every match.  Every word is required in any of its forms (``бюджет`` finds
        ``бюджета``); ``OR`` between two terms, ``NOT term``, ``"a phrase"``, ``prefix*``; case,
        stress marks and ``ё`` folded.  ``date_from``/``date_to``: the article's date range (both
        included); ``entity``: only articles naming it (a KB key, or a name in any form or script
        that the knowledge base or the stored entities know)."""
        day = {k: None if v is None else parse_date(v, k)
               for k, v in (("date_from", date_from), ("date_to", date_to))}
        keys: tuple[str, ...] = ()
        if entity:
            from . import kb

            found_key = kb.load(self.settings).lookup_any_type(entity)
            keys = (found_key[0],) if found_key else ()
        found = self.store.search(query, limit=limit, entity=entity, entity_keys=keys, **day)
        return SearchHits([SearchHit(h.doc_id, h.date, h.title, h.snippet, h.rank) for h in found],
                          found.total)

    def stats(self) -> dict[str, Any]:
        """What the store holds: articles by language and month, entities by type, rows per table."""
        return self.store.overview()

    def export(self, what: str) -> Iterator[dict[str, Any]]:
        """Every row of one table of the store (documents, entities, mentions, timexes, events,
        quotes, sources, posts, segments) as dicts, by article date."""
        return self.store.rows(what)

    def export_columns(self, what: str) -> list[str]:
        """The keys of each row ``export(what)`` yields (a CSV header, even for no rows)."""
        return self.store.columns(what)

    def export_chronicle(self, what: str) -> Iterator[dict[str, Any]]:
        """The chronicle's merged events or quotes in an exchange format (docs/CHRONICLE.md,
        "Exports"): ``events-gdelt`` (GDELT-style rows), ``events-polecat`` (POLECAT-style
        records with evidence sentences) or ``quotes`` (one row per merged quote)."""
        from .chronicle import export
        makers = {"events-gdelt": export.gdelt, "events-polecat": export.polecat, "quotes": export.quotes}
        if what not in makers:
            raise ValueError(f"export_chronicle: one of {', '.join(makers)}, not {what!r}")
        return makers[what](self.store)

    def export_chronicle_columns(self, what: str) -> list[str] | None:
        """The columns of ``export_chronicle(what)``'s rows (None for nested records)."""
        from .chronicle import export
        return {"events-gdelt": export.GDELT_COLUMNS, "quotes": export.QUOTE_COLUMNS}.get(what)

    # -------------------------------------------------------------- the chronicle

    def _chronicle_update(self, writer: Any, doc: Document) -> None:
        from . import chronicle
        chronicle.update(writer, doc)

    def catch_up(self) -> int:
        """Take into the chronicle every stored article it lacks (one stored by another writer);
        returns how many.  ``ingest`` does it first."""
        from . import chronicle
        return chronicle.catch_up(self.store)

    def storylines(self, after: int | None = None, limit: int | None = None,
                   start: dt.date | str | None = None, end: dt.date | str | None = None) -> list[Any]:
        """Storylines (``chronicle.storylines.Storyline``: id, title, documents, entities, start,
        end, timeline) by id, after the id ``after``; ``start``/``end``: those overlapping the period."""
        from .chronicle import queries, storylines
        return storylines.listing(self.store, after=after, limit=limit,
                                  start=queries.day(start, "from"), end=queries.day(end, "to"))

    def storyline(self, storyline_id: int) -> Any:
        """One storyline with its timeline, or None."""
        from .chronicle import storylines
        return storylines.get(self.store, storyline_id)

    def storyline_of(self, doc_id: str) -> Any:
        """The storyline an article belongs to, or None."""
        from .chronicle import storylines
        return storylines.of_document(self.store, doc_id)

    def entity_key(self, name: str) -> str | None:
        """The global key of an entity named ``name`` in any script or form (``Лукашенка``,
        ``Lukashenko`` -> ``PER-Alexander-Lukashenko``), or a key itself; None when unknown."""
        from . import kb
        from .chronicle import names
        return names.resolve(self.store, name, kb.load(self.settings))

    def entity(self, key: str) -> dict[str, Any]:
        """What the store knows of a global key: types, names and surfaces (with counts), articles,
        first and last date; ``kb_name``: the KB's name for it."""
        from . import kb
        out = self.store.kb_names(key)
        out["kb_name"] = kb.load(self.settings).name(key, None)
        return out

    def timeline(self, key: str, with_key: str | None = None, start: dt.date | str | None = None,
                 end: dt.date | str | None = None, after: str | None = None,
                 limit: int | None = None, kinds: Iterable[str] = ("article", "event", "quote"),
                 mentions: bool = True) -> Any:
        """The dated items of an entity, or of a pair with ``with_key``, oldest first: articles,
        chronicle events and quotes (``kinds``: which of them; ``mentions=False``: without the
        evidence of each event and quote), a ``chronicle.Page``; raises
        ``chronicle.QueryError`` for a bad date or cursor."""
        from .chronicle import queries
        return queries.timeline(self.store, [key] + ([with_key] if with_key else []),
                                start=start, end=end, after=after, limit=limit, kinds=list(kinds),
                                mentions=mentions)

    def first_report(self, key: str, with_key: str | None = None, start: dt.date | str | None = None,
                     end: dt.date | str | None = None) -> dict[str, Any] | None:
        """The earliest article that mentions the entity (or both of a pair)."""
        from .chronicle import queries
        return queries.first_report(self.store, [key] + ([with_key] if with_key else []), start=start, end=end)

    def related(self, key: str, start: dt.date | str | None = None, end: dt.date | str | None = None,
                after: str | None = None, limit: int | None = None) -> Any:
        """The entities seen in the most articles together with ``key`` (a ``chronicle.Page``)."""
        from .chronicle import queries
        return queries.related(self.store, key, start=start, end=end, after=after, limit=limit)

    def sources(self, start: dt.date | str | None = None, end: dt.date | str | None = None,
                after: str | None = None, limit: int | None = None) -> Any:
        """The sources articles cite, most cited first (a ``chronicle.Page``)."""
        from .chronicle import queries
        return queries.sources(self.store, start=start, end=end, after=after, limit=limit)

    def events(self, entities: Iterable[str] = (), types: Iterable[str] = (), start: dt.date | str | None = None,
               end: dt.date | str | None = None, after: str | None = None, limit: int | None = None,
               mentions: bool = True) -> Any:
        """Chronicle events (one per real-world event, every article's mention as evidence) by day:
        those with every key of ``entities`` as actor or recipient, of one of ``types``, meeting the
        period (a ``chronicle.Page`` of dicts: id, type, date, actors, recipients, sources, mentions,
        counts, first_report, disagreements)."""
        from .chronicle import queries
        return queries.events(self.store, entities=list(entities), types=list(types), start=start, end=end,
                              after=after, limit=limit, mentions=mentions)

    def event(self, event_id: int) -> dict[str, Any] | None:
        """One chronicle event, each mention with its trigger and sentence as written; None: unknown."""
        from .chronicle import queries
        return queries.event(self.store, event_id)

    def contested(self, entities: Iterable[str] = (), start: dt.date | str | None = None,
                  end: dt.date | str | None = None, after: str | None = None, limit: int | None = None) -> Any:
        """Chronicle events whose reports disagree on the date, the participants or the figures
        (each with its ``disagreements``), by day; ``entities``: with every key as actor or
        recipient (a ``chronicle.Page``, as ``events``)."""
        from .chronicle import queries
        return queries.contested(self.store, entities=list(entities), start=start, end=end, after=after,
                                 limit=limit)

    def events_by_id(self, ids: Iterable[int]) -> list[dict[str, Any]]:
        """Chronicle events by id (as ``events`` gives them), by day; unknown ids are left out."""
        from .chronicle import queries
        return queries.events_by_id(self.store, list(ids))

    def quotes(self, speaker: str | None = None, about: str | None = None, start: dt.date | str | None = None,
               end: dt.date | str | None = None, after: str | None = None, limit: int | None = None) -> Any:
        """Chronicle quotes (the same words merged across articles and languages) by the day first
        reported: by ``speaker`` (a global key), naming ``about`` (a ``chronicle.Page``)."""
        from .chronicle import queries
        return queries.quotes(self.store, speaker=speaker, about=about, start=start, end=end, after=after,
                              limit=limit)

    def pair_scores(self, a: str, b: str, start: dt.date | str | None = None, end: dt.date | str | None = None,
                    period: str = "month") -> dict[str, Any]:
        """Cooperation and conflict between two entities (global keys) over time: per ``period``
        (month, week or day) the events between them in either direction, the sum and the mean
        of their scores (-10 conflict to +10 cooperation, ``chronicle/cooperation.json``) and
        their ids; raises ``chronicle.QueryError`` for a bad date or period."""
        from .chronicle import pair
        return pair.pair_scores(self.store, a, b, start=start, end=end, by=period)

    def show(self, doc_id: str) -> dict[str, Any] | None:
        """The stored reading of ``doc_id`` (the JSON dict ``hronika read`` prints), or None."""
        return self.store.get(doc_id)

    def ids(self) -> list[str]:
        """Every stored article id, by date then id."""
        return list(self.store.ids())

    @staticmethod
    def summarize(reading: dict[str, Any], width: int = 100) -> str:
        return summarize(reading, width)


def summarize(r: dict[str, Any], width: int = 100) -> str:
    """A short human reading of one article (a reading dict): entities, dated items, events, quotes
    with their speakers and sources, posts, the article's sources."""
    text = r["text"]
    names = {e["id"]: e["name"] for e in r.get("entities", [])}

    def who(ids: list[str]) -> str:
        return ", ".join(names.get(i, i) for i in ids) or "?"

    title = r.get("title") or text.strip().split("\n", 1)[0][:width - 30]
    lines = [f"{r['date']}  {r['id']}  [{r.get('lang') or '?'}]  {title}".rstrip()]
    if r.get("entities"):
        ents = sorted(r["entities"], key=lambda e: -len(e["mentions"]))
        lines.append("  entities: " + "; ".join(
            f"{e['name']} ({e['type']}, {len(e['mentions'])}×)" for e in ents[:12]))
    for t in r.get("timexes", [])[:12]:
        lines.append(f"  when: {text[t['start']:t['end']]!r} -> {t['type']} {t['value']}")
    for ev in r.get("events", [])[:12]:
        trig = text[ev["start"]:ev["end"]]
        via = f" via {who(ev['sources'])}" if ev.get("sources") else ""
        lines.append(f"  event: {ev['type']}{'/' + ev['mode'] if ev.get('mode') else ''} {trig!r} "
                     f"{who(ev.get('actors', []))} -> {who(ev.get('recipients', []))} "
                     f"[{ev.get('date') or 'date unknown'}]{via}")
    for q in r.get("quotes", [])[:8]:
        said = text[q["start"]:q["end"]].replace("\n", " ")
        said = said if len(said) <= width - 30 else said[:width - 31] + "…"
        speaker = names.get(q.get("speaker"), "?") if q.get("speaker") else "?"
        via = f" via {who(q['sources'])}" if q.get("sources") else ""
        lines.append(f"  {'quote' if q['direct'] else 'said'}: {speaker}{via}: {said!r}")
    if r.get("sources"):
        lines.append(f"  sources: {who(r['sources'])}")
    for p in r.get("posts", []):
        lines.append(f"  post: {p['platform']} @{p['handle']} ({p['author']}) {p['date']} [{p['lang']}]"
                     + (f" #{' #'.join(p['hashtags'])}" if p.get("hashtags") else ""))
    return "\n".join(lines)


# ------------------------------------------------------------------ one configuration per process


@functools.lru_cache(maxsize=4)
def _for(settings: Settings) -> Hronika:
    return Hronika(settings)


def default() -> Hronika:
    """The ``Hronika`` of ``Settings.from_env()``, kept while that configuration stays the same."""
    return _for(Settings.from_env())


def read(sources: Source | Iterable[Source], stages: Iterable[str] | None = None,
         jobs: int | None = None, date: dt.date | str | None = None) -> Iterator[Any]:
    """``Hronika.read`` under the environment's settings."""
    return default().read(sources, stages, jobs, date=date)


def read_text(text: str, date: dt.date | str, id: str | None = None, **kwargs: Any) -> Document:
    """``Hronika.read_text`` under the environment's settings."""
    return default().read_text(text, date, id, **kwargs)


def ingest(sources: Source | Iterable[Source], jobs: int | None = None,
           progress: Callable[[IngestSummary], Any] | None = None,
           date: dt.date | str | None = None, **engine: Any) -> IngestSummary:
    """``Hronika.ingest`` under the environment's settings (``engine``: its engine, workers,
    scheduler and write)."""
    return default().ingest(sources, jobs, progress, date, **engine)


def search(query: str, limit: int = 20, **filters: Any) -> SearchHits:
    """``Hronika.search`` under the environment's settings."""
    return default().search(query, limit, **filters)


def show(doc_id: str) -> dict[str, Any] | None:
    """``Hronika.show`` under the environment's settings."""
    return default().show(doc_id)

