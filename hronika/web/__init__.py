"""The web UI and JSON API over a store (``hronika serve``).

``create_app(h)`` builds a FastAPI application over one ``Hronika``.  Every page has a JSON twin
at the same path plus ``.json`` (``/entity/GPE-Bulgaria`` and ``/entity/GPE-Bulgaria.json``); both
come from one view function in ``views.py``: it returns the data, the HTML route renders it with
a template and the ``.json`` route returns it.  Templates and assets live in this package; the
API docs at ``/docs`` load Swagger UI from the ``fastapi-offline`` package, never from a CDN.
"""
from .app import create_app

__all__ = ["create_app"]
