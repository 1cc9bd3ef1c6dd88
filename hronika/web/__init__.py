"""The web UI and JSON API over a store (``hronika serve``).

``create_app(h)`` builds a FastAPI application over one ``Hronika``.  Every page has a JSON twin
at the same path plus ``.json`` (``/entity/GPE-Bulgaria`` and ``/entity/GPE-Bulgaria.json``); both
come from one view function in ``views.py``: it returns the data, the HTML route renders it with
a template and the ``.json`` route returns it.  Templates and assets live in this package; the
API docs at ``/docs`` load Swagger UI from the ``fastapi-offline`` package, never from a CDN.

Pages: the start page, search, articles, entities (with their timelines, quotes, events and
sources), chronicle events (one page each, every report as evidence) and their list,
storylines, timelines zoomed by period (``periods.py``), cited sources.  Adding a page: a
function in ``views.py`` that takes the ``Hronika`` and the page's parameters and returns its
data (raising a 404 for an unknown id, paging lists with ``paging.decode``/``paging.page``); a template in ``templates/`` that extends
``base.html``; and one ``twin(...)`` line in ``app.py``.  Layers the article page does not know yet
are drawn by ``highlight.marks`` (events and quotes already are, from their eval-format shape).
"""
from .app import create_app

__all__ = ["create_app"]
