"""The chronicle: what the stored articles tell together, kept up to date article by article.

* ``storylines``: articles grouped into long-running stories across languages and scripts;
* ``events``, ``quotes``: the same event or quote told by many articles (and many times in one)
  merged into one, with every mention as evidence;
* ``names``: an entity by any of its names, in any script;
* ``queries``: timelines of an entity or a pair, first reports, co-occurring entities, sources.

``update(writer, doc)`` is what ``Hronika.ingest`` runs for each new article inside the store's
transaction (``Store.save(doc, then=update)``), so an article is stored with its chronicle or
not at all; ``storylines.catch_up(store)`` takes in articles stored without it.  Only the store
speaks SQL: this package decides, ``hronika/store/chronicle.py`` keeps.
"""
from __future__ import annotations

from ..document import Document
from . import events, names, queries, quotes, storylines
from .features import Tuning
from .queries import Page, QueryError


def update(writer, doc: Document, tuning: Tuning = Tuning()) -> None:
    storylines.assign(writer, doc, tuning)
    merge(writer, doc)


def merge(writer, doc: Document) -> None:
    """Take an article's events and quotes into the chronicle's (once: an article merged stays so)."""
    if writer.merged(doc.id):
        return
    events.merge(writer, doc)
    quotes.merge(writer, doc)
    writer.mark_merged(doc.id)


def forget(writer, doc_id: str) -> None:
    """Take an article's mentions out of the merged events and quotes (the store calls it before an
    article is replaced or deleted); those left without mentions go."""
    touched = writer.unmerge(doc_id)
    for eid in touched["event"]:
        events.refresh(writer, eid)
    for qid in touched["quote"]:
        quotes.refresh(writer, qid)


def catch_up(store, tuning: Tuning = Tuning(), batch: int = 200) -> int:
    """Take in every stored article the chronicle lacks (storylines, then merged events and quotes);
    returns how many articles were taken in."""
    done = set(store.unassigned()) | set(store.unmerged())
    storylines.catch_up(store, tuning, batch)
    while True:
        ids = store.unmerged(limit=batch)
        if not ids:
            return len(done)
        for doc_id in ids:
            doc = store.document(doc_id)
            if doc is None:
                continue
            with store.chronicle() as writer:
                merge(writer, doc)


__all__ = ["update", "merge", "forget", "catch_up", "Tuning", "Page", "QueryError", "events", "names",
           "queries", "quotes", "storylines"]
