"""One function per page: it takes the `Hronika` and the request's parameters and returns the
page's data (a JSON-ready dict).  `app.py` serves that dict at `<path>.json` and renders it
with the page's template at `<path>`.

Parameters are declared here (FastAPI's `Query`/`Path`), so that the HTML page, its JSON twin
and the OpenAPI document agree on them.  A view raises `HTTPException` (404 for an unknown id,
400 for a cursor that is not one); FastAPI answers a malformed parameter with 422.

No `from __future__ import annotations` here: FastAPI reads these annotations from the routes
that `app.py` wraps around the views, where string annotations would not resolve.
"""

import unicodedata
from typing import Annotated, Any

from fastapi import HTTPException, Path, Query

from ..api import Hronika
from ..store import browse
from . import paging

Limit = Annotated[int, Query(ge=1, le=200, description="items per page")]
Cursor = Annotated[str | None, Query(max_length=400, description="the `next` value of the page before")]
Key = Annotated[str, Path(min_length=1, max_length=300, description="an entity's global key (`kb`)")]
DocId = Annotated[str, Path(min_length=1, max_length=300, description="an article's id")]
TYPES = ("PER", "ORG", "LOC", "EVT", "PRO")


def home(h: Hronika) -> dict[str, Any]:
    """What the store holds: counts, the newest articles, the most mentioned entities."""
    store = h.store
    stats = store.stats()
    return {
        "store": {"articles": stats["documents"], "entities": stats["kb_keys"],
                  "mentions": stats["mentions"], "time_expressions": stats["timexes"],
                  "posts": stats["posts"], **browse.date_span(store)},
        "articles": paging.page(browse.articles(store, 11), 10),
        "entities": paging.page(browse.entities(store, 16), 15),
    }


def articles(h: Hronika, *, cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    """Every stored article, newest first."""
    after = paging.decode(cursor, "articles")
    return paging.page(browse.articles(h.store, limit + 1, after), limit)


def entities(h: Hronika, *, type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC|EVT|PRO)$",
                                                               description="PER, ORG, LOC, EVT or PRO")] = None,
             cursor: Cursor = None, limit: Limit = 50) -> dict[str, Any]:
    """Entities (global keys), the most mentioned first: in how many articles each appears."""
    after = paging.decode(cursor, "entities")
    return {"type": type, **paging.page(browse.entities(h.store, limit + 1, after, type), limit)}


def search(h: Hronika, *, q: Annotated[str, Query(max_length=500, description=(
               "words, all required (case and diacritics folded); \"a phrase\"; prefix*"))] = "",
           cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    """Articles holding every word of `q`, best first, with a snippet of each (the matched
    words in `snippet_parts` with `match: true`, and between [ ] in `snippet`)."""
    q = q.strip()
    if not q:
        return {"q": q, "items": [], "next": None}
    after = paging.decode(cursor, "search")
    out = paging.page(browse.search(h.store, q, limit + 1, after, marks=("\x02", "\x03")), limit)
    for hit in out["items"]:
        hit["snippet_parts"] = _parts(hit["snippet"])
        hit["snippet"] = hit["snippet"].replace("\x02", "[").replace("\x03", "]")
    return {"q": q, **out}


def _parts(snippet: str) -> list[dict[str, Any]]:
    out = []
    for i, chunk in enumerate(snippet.split("\x02")):
        inside, _, rest = chunk.partition("\x03") if i else ("", "", chunk)
        out += [{"text": t, "match": m} for t, m in ((inside, True), (rest, False)) if t]
    return out


def article(h: Hronika, *, doc_id: DocId) -> dict[str, Any]:
    """One article's whole reading (every layer, as `hronika show --json` prints it)."""
    reading = h.show(doc_id)
    if reading is None:
        raise HTTPException(404, f"no article with id {doc_id!r}")
    return reading


def _script(name: str) -> str:
    for ch in name:
        if ch.isalpha():
            return unicodedata.name(ch, "OTHER").split()[0].title()
    return "Other"


def entity(h: Hronika, *, key: Key, cursor: Cursor = None, limit: Limit = 20) -> dict[str, Any]:
    """One entity across articles: its names in every script, its type, the articles that
    mention it by date (with the sentence of the first mention) and the entities most often seen
    in the same articles."""
    info = browse.entity(h.store, key)
    if info is None:
        raise HTTPException(404, f"no entity with key {key!r}")
    after = paging.decode(cursor, "articles")
    scripts: dict[str, dict[str, int]] = {}
    for name, n in {**info["surfaces"], **info["names"]}.items():
        scripts.setdefault(_script(name), {})[name] = n
    return {**info, "scripts": scripts,
            "mentioned_in": paging.page(browse.entity_articles(h.store, key, limit + 1, after), limit),
            "related": paging.page(browse.related(h.store, key, 11), 10)}


def related(h: Hronika, *, entity: Annotated[str, Query(min_length=1, max_length=300,
                                                         description="an entity's global key")],
            cursor: Cursor = None, limit: Limit = 50) -> dict[str, Any]:
    """The entities most often seen in the same articles as `entity` (articles they share)."""
    info = browse.entity(h.store, entity)
    if info is None:
        raise HTTPException(404, f"no entity with key {entity!r}")
    after = paging.decode(cursor, "entities")
    return {"entity": {"kb": entity, "name": info["name"], "type": info["type"]},
            **paging.page(browse.related(h.store, entity, limit + 1, after), limit)}
