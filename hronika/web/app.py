"""The FastAPI application: each view of ``views.py`` served twice, as a page and as JSON.

Errors come out in the form that was asked for: a page for a page, JSON for ``.json`` and for
the API's own routes (404 unknown id, 400 a cursor that is not one, 422 a malformed parameter),
each with a message; never a 500 for bad input.
"""
from __future__ import annotations

import functools
import inspect
from importlib.metadata import version
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..api import Hronika
from . import chart, highlight, models, views

HERE = Path(__file__).parent
__version__ = version("hronika")
DESCRIPTION = """The chronicle of the articles in one hronika store.

Every page of the web UI has a JSON twin at the same path plus `.json` (`/entity/GPE-Bulgaria` and
`/entity/GPE-Bulgaria.json`, `/search.json?q=…`); the JSON routes are listed here.  Lists page by
key: a page gives `next`, a cursor; ask for `?cursor=<next>` to get the page after it (no cap on
how far one pages; `next` is null on the last page).  Errors: 404 for an unknown id, 400 for a
cursor that is not one, 422 for a malformed parameter, each with a `detail` message."""


CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.Error, "description": "a cursor that is not one of this list"},
    404: {"model": models.Error, "description": "no such article, entity, event, storyline or name"},
    422: {"model": models.Error, "description": "a malformed parameter"}}
DOCS_PAGES = ("/docs", "/redoc", "/docs/oauth2-redirect")


def _templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(HERE / "templates"))
    t.env.globals.update(highlight=highlight, chart=chart, entity_url=lambda kb: "/entity/" + quote(kb, safe=""),
                         article_url=lambda i: "/article/" + quote(i, safe=""),
                         storyline_url=lambda i: f"/storyline/{int(i)}",
                         event_url=lambda i: f"/event/{int(i)}", version=__version__)
    t.env.filters["urlencode_params"] = lambda d: urlencode(
        {k: v for k, v in d.items() if v not in (None, "", [])}, doseq=True)
    return t


def _json_path(request: Request) -> str:
    path = request.url.path.rstrip("/") or "/index"
    return path + ".json" + (f"?{request.url.query}" if request.url.query else "")


def _params(request: Request) -> dict[str, Any]:
    """The query's parameters: a value, or a list of them for one repeated (``kind=a&kind=b``)."""
    q = request.query_params
    return {k: (q.getlist(k) if len(q.getlist(k)) > 1 else q[k]) for k in q.keys()}


def create_app(h: Hronika) -> FastAPI:
    """The application over ``h``'s store (opened on the first request)."""
    app = FastAPIOffline(title="hronika", version=__version__, description=DESCRIPTION,
                         static_url="/static/docs")
    app.mount("/assets", StaticFiles(directory=str(HERE / "static")), name="assets")
    templates = _templates()

    @app.middleware("http")
    async def blank_is_absent(request: Request, call_next: Callable) -> Any:
        # A filter form sends its empty fields (`from=&to=`): an empty value means "not given",
        # not a malformed date.
        raw = request.scope.get("query_string", b"")
        if raw:
            pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)  # as Starlette reads it
            kept = [(k, v) for k, v in pairs if v.strip()]
            if len(kept) < len(pairs):
                request.scope["query_string"] = urlencode(kept).encode("latin-1")
        return await call_next(request)

    @app.middleware("http")
    async def no_scripts(request: Request, call_next: Callable) -> Any:
        # Our pages run no script at all: a policy that forbids scripts makes any markup that
        # slipped through escaping inert.  The API docs pages are Swagger UI's and ReDoc's own.
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        if request.url.path not in DOCS_PAGES and response.headers.get("content-type", "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = CSP
        return response

    def twin(path: str, view: Callable[..., dict[str, Any]], template: str, title: Callable[[dict], str],
             model: type, *, json_paths: tuple[str, ...] = ()) -> None:
        """Serve ``view`` at ``path`` + ``.json`` (and ``json_paths``) as JSON and at ``path``
        as the page ``template``."""
        sig = inspect.signature(view)
        params = [p for name, p in sig.parameters.items() if name != "h"]
        summary = (view.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")

        @functools.wraps(view)
        def as_json(**kwargs: Any) -> dict[str, Any]:
            return view(h, **kwargs)

        as_json.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]

        def as_html(request: Request, **kwargs: Any) -> HTMLResponse:
            data = view(h, **kwargs)
            return templates.TemplateResponse(request, template, {
                "data": data, "title": title(data), "json_url": _json_path(request),
                "params": _params(request)})

        as_html.__signature__ = sig.replace(parameters=[  # type: ignore[attr-defined]
            inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request), *params])
        # The .json route first: a path parameter would otherwise swallow the ".json".
        for i, p in enumerate((path.rstrip("/") + ".json" if path != "/" else "/index.json", *json_paths)):
            app.add_api_route(p, as_json, methods=["GET"], summary=summary, tags=["JSON API"],
                              name=f"{view.__name__}_json{i or ''}", include_in_schema=i == 0,
                              response_model=model, responses=ERRORS)
        app.add_api_route(path, as_html, methods=["GET"], response_class=HTMLResponse,
                          summary=summary + " (page)", tags=["pages"], name=view.__name__)

    twin("/", views.home, "home.html", lambda d: "hronika", models.Home, json_paths=("/.json",))
    twin("/search", views.search, "search.html", lambda d: f"{d['q']} · search" if d["q"] else "Search",
         models.SearchPage)
    twin("/articles", views.articles, "articles.html", lambda d: "Articles", models.ArticlesPage)
    twin("/entities", views.entities, "entities.html", lambda d: "Entities", models.EntitiesPage)
    twin("/related", views.related, "related.html", lambda d: f"Seen with {d['entity']['name']}",
         models.RelatedPage)
    twin("/article/{doc_id:path}", views.article, "article.html",
         lambda d: d.get("title") or d["text"].strip()[:80], models.Reading)
    twin("/entity/{key:path}", views.entity, "entity.html", lambda d: d["name"], models.Entity)
    twin("/storylines", views.storylines, "storylines.html", lambda d: "Storylines", models.StorylinesPage)
    twin("/storyline/{storyline_id}", views.storyline, "storyline.html", lambda d: d["title"] or "Storyline",
         models.Storyline)
    twin("/timeline", views.timeline, "timeline.html",
         lambda d: " & ".join(e["name"] for e in (d["entity"], d["with"]) if e) + f" · {d['period']['label']}",
         models.TimelinePage)
    twin("/events", views.events, "events.html", lambda d: "Events" + (f" of {d['entity']['name']}" if d["entity"] else ""),
         models.EventsPage)
    twin("/quotes", views.quotes, "quotes.html", lambda d: "Quotes" + "".join(
        f" {w} {d[k]['name']}" for k, w in (("speaker", "by"), ("about", "about")) if d[k]), models.QuotesPage)
    twin("/event/{event_id}", views.event, "event.html", lambda d: f"{d['type']} · {d['date'] or d['day']}",
         models.Event)
    twin("/contested", views.contested, "contested.html",
         lambda d: "Contested events" + (f" of {d['entity']['name']}" if d["entity"] else ""), models.ContestedPage)
    twin("/pair", views.pair, "pair.html", lambda d: f"{d['a']['name']} and {d['b']['name']}", models.PairPage)
    twin("/sources", views.sources, "sources.html", lambda d: "Sources", models.SourcesPage)

    def wants_json(request: Request) -> bool:
        path = request.url.path
        return path.endswith(".json") or path.startswith(("/openapi", "/static/docs"))

    def error(request: Request, status: int, message: str, errors: Any = None) -> Any:
        if wants_json(request):
            body: dict[str, Any] = {"detail": message, "status": status}
            if errors is not None:
                body["errors"] = jsonable_encoder(errors)
            return JSONResponse(body, status_code=status)
        return templates.TemplateResponse(request, "error.html", {
            "status": status, "message": message, "title": f"{status}", "json_url": None},
            status_code=status)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        message = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else \
            f"nothing at {request.url.path}"
        return error(request, exc.status_code, str(message))

    @app.exception_handler(RequestValidationError)
    def bad_parameter(request: Request, exc: RequestValidationError) -> Any:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return error(request, 422, "; ".join(parts),
                     [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()])

    return app
