"""The Starlette application: its routes, the bearer token, the security headers, the static files.

>>> app = build_app(Service(triager, engine, store, KeptSessions(engine, store), token=None))  # doctest: +SKIP

The OpenAPI document (``openapi.json`` beside this file) describes every
route of :data:`ROUTES` under ``/v1`` and ``/healthz``; tests/test_http.py
checks what the server answers against it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import __version__
from ..kept import KeptSessions
from ..sessions import Limits
from . import api, page
from .http import LOOPBACK_NAMES, WEB_CALL_PREFIX, SecurityHeaders, bearer_ok, error, from_another_site, host_name, json_answer

STATIC_TYPES = {"chat.js": "text/javascript; charset=utf-8", "chat.css": "text/css; charset=utf-8"}


class Service(NamedTuple):
    """What the endpoints work with: the reader, the dialogue engine, the store and its calls, the token."""
    triager: Any
    engine: Any
    store: Any
    calls: Any
    token: str | None = None


def service_for(engine: Any, store: Any, token: str | None = None, limits: Limits = Limits(),
                warn: Any = None) -> Service:
    """The Service of one process: the web chat's calls counted apart from the API's."""
    calls = KeptSessions(engine, store, limits, warn=warn, apart=WEB_CALL_PREFIX)
    return Service(engine.triager, engine, store, calls, token or None)


async def healthz(request: Request) -> Response:
    """GET /healthz: the service is up, with its drug and store kind (no patient data)."""
    service = request.app.state.service
    kind = "postgresql" if type(service.store).__name__ == "PostgresStore" else "sqlite"
    return json_answer({"status": "ok", "version": __version__, "drug": service.engine.drug.name, "store": kind})


@lru_cache(maxsize=None)
def _packaged(name: str) -> bytes:
    return resources.files(__package__).joinpath(name).read_bytes()


async def openapi(request: Request) -> Response:
    """GET /openapi.json: the API's description."""
    return Response(_packaged("openapi.json"), media_type="application/json")


async def static(request: Request) -> Response:
    """GET /static/{name}: the page's script and style sheet, from the package (no CDN)."""
    name = request.path_params["name"]
    if name not in STATIC_TYPES:
        return error("not found", 404)
    return Response(_packaged(f"static/{name}"), media_type=STATIC_TYPES[name],
                    headers={"cache-control": "public, max-age=3600"})


ROUTES = [
    Route("/", page.show, methods=["GET"]),
    Route("/", page.post, methods=["POST"]),
    Route("/static/{name}", static, methods=["GET"]),
    Route("/healthz", healthz, methods=["GET"]),
    Route("/openapi.json", openapi, methods=["GET"]),
    Route("/v1/triage", api.triage, methods=["POST"]),
    Route("/v1/conversations", api.create_conversation, methods=["POST"]),
    Route("/v1/conversations/{session}", api.show_conversation, methods=["GET"]),
    Route("/v1/conversations/{session}/messages", api.send_message, methods=["POST"]),
    Route("/v1/conversations/{session}/end", api.end_conversation, methods=["POST"]),
    Route("/v1/reports", api.list_reports, methods=["GET"]),
    Route("/v1/reports/{report_id}", api.show_report, methods=["GET"]),
    Route("/v1/exports/{format}", api.export_reports, methods=["GET"]),
]


class RequestGuard:
    """ASGI middleware, before any route: without a token only a loopback name is answered (so a page
    that rebinds its own name to 127.0.0.1 is refused, 421); no /v1 request that changes anything is
    taken from another site's page (403); with a token set, every /v1 endpoint but the reports' (which
    check it themselves, and refuse without one) needs ``Authorization: Bearer <token>`` (401)."""

    def __init__(self, app: Any, token: str | None) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request, api = Request(scope), scope.get("path", "").startswith("/v1/")
        if not self.token and host_name(request) not in LOOPBACK_NAMES:
            answer = error("without TRIAGE_BOT_TOKEN this service answers only at 127.0.0.1 or localhost", 421)
        elif api and scope.get("method") not in ("GET", "HEAD") and from_another_site(request):
            answer = error("refused: this request was sent from another site's page", 403)
        elif api and self.token and not bearer_ok(request, self.token):
            answer = error("a bearer token is needed (Authorization: Bearer ...)", 401)
            answer.headers["www-authenticate"] = "Bearer"
        else:
            await self.app(scope, receive, send)
            return
        await answer(scope, receive, send)


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404 and 405 as the API's JSON errors."""
    status = getattr(exc, "status_code", 500)
    answer = error(str(getattr(exc, "detail", "")) or "error", status)
    answer.headers.update(getattr(exc, "headers", None) or {})
    return answer


def build_app(service: Service) -> Starlette:
    """The application for one process; several may share one store."""
    app = Starlette(routes=ROUTES, middleware=[Middleware(SecurityHeaders), Middleware(RequestGuard, token=service.token)],
                    exception_handlers={HTTPException: http_error})
    app.state.service = service
    return app


def openapi_document() -> dict:
    """The OpenAPI document as data (for the tests and the README)."""
    return json.loads(_packaged("openapi.json"))
