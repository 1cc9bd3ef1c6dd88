"""The chronicle: what the stored articles tell together, kept up to date article by article.

* ``storylines``: articles grouped into long-running stories across languages and scripts;
* ``names``: an entity by any of its names, in any script;
* ``queries``: timelines of an entity or a pair, first reports, co-occurring entities, sources.

``update(writer, doc)`` is what ``Hronika.ingest`` runs for each new article inside the store's
transaction (``Store.save(doc, then=update)``), so an article is stored with its chronicle or
not at all; ``storylines.catch_up(store)`` takes in articles stored without it.  Only the store
speaks SQL: this package decides, ``hronika/store/chronicle.py`` keeps.
"""
from __future__ import annotations

from ..document import Document
from . import names, queries, storylines
from .features import Tuning
from .queries import Page, QueryError


def update(writer, doc: Document, tuning: Tuning = Tuning()) -> None:
    storylines.assign(writer, doc, tuning)


__all__ = ["update", "Tuning", "Page", "QueryError", "names", "queries", "storylines"]
