"""What every endpoint shares: reading a bounded body, JSON answers, the bearer token, security headers."""
from __future__ import annotations

import hmac

import anyio
from typing import Any, Awaitable, Callable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from ..jsonl import MAX_LINE_BYTES, dump_line, parse_line

# A request body larger than this is refused (413) before it is read whole: the
# same bound as one line of ``serve --stdio``.
MAX_BODY_BYTES = MAX_LINE_BYTES
TOKEN_ENV_VAR = "TRIAGE_BOT_TOKEN"

# Every answer: no framing, no sniffing, no referrer; script and style only from
# this server, never inline; nothing patient-related kept in a cache.
SECURITY_HEADERS = (
    ("content-security-policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
     "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
)
NO_STORE = ("cache-control", "no-store")


# A body must arrive whole within this many seconds: a client sending it a byte at a time
# would otherwise hold a connection and a request for ever.
BODY_TIMEOUT_S = 30.0


# Ids of the web chat's calls: made by the server only, never taken from an API client (so no one can
# plant a call in a patient's browser), and counted apart from the nurse line's calls.
WEB_CALL_PREFIX = "web-"

# The names a server without a token answers to: a page on another site that rebinds its own
# name to 127.0.0.1 sends its own name as the Host, and is refused.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


class TooLarge(Exception):
    """The request body passed MAX_BODY_BYTES."""


class TooSlow(Exception):
    """The request body did not arrive within BODY_TIMEOUT_S."""


def json_answer(answer: Any, status: int = 200) -> Response:
    """An answer as JSON, written as ``serve --stdio`` writes its lines (no NaN, lone surrogates escaped)."""
    return Response(dump_line(answer), status_code=status, media_type="application/json")


def error(message: str, status: int, **more: Any) -> Response:
    return json_answer({"error": message, **more}, status)


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, refused with TooLarge as soon as it passes ``limit`` (a false Content-Length included)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks, size = [], 0
    try:
        with anyio.fail_after(BODY_TIMEOUT_S):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise TooLarge
                chunks.append(chunk)
    except TimeoutError:
        raise TooSlow from None
    return b"".join(chunks)


def is_json(request: Request) -> bool:
    """Whether the request says its body is JSON (a browser cannot send that to another site unasked)."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


async def read_json(request: Request) -> tuple[dict | None, Response | None]:
    """The body as a JSON object, or the error answer to send instead (an empty body is ``{}``)."""
    try:
        raw = await read_body(request)
    except TooLarge:
        return None, error(f"the request body is larger than {MAX_BODY_BYTES:,} bytes", 413)
    except TooSlow:
        return None, error(f"the request body did not arrive within {BODY_TIMEOUT_S:g} s", 408)
    if not raw.strip():
        return {}, None
    if not is_json(request):
        return None, error("send the body as JSON, with the header Content-Type: application/json", 415)
    _ident, req, problem = parse_line(raw)
    if req is None:
        # (the stdio reader's words, for a body rather than a line)
        return None, error((problem or "the body is not a JSON object").replace("line ", "body ", 1), 400)
    return req, None


def bearer_ok(request: Request, token: str | None) -> bool:
    """Whether the request carries ``Authorization: Bearer <token>``, compared in constant time."""
    if not token:
        return False
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every answer, and no-store to all but the static files."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = SECURITY_HEADERS if static else SECURITY_HEADERS + (NO_STORE,)
                headers += [(n.encode(), v.encode()) for n, v in extra if n.encode() not in present]
                message = dict(message, headers=headers)
            await send(message)
        await self.app(scope, receive, send_with_headers)


def host_name(request: Request) -> str | None:
    """The name the client asked for (the Host header's, lower case, without its port)."""
    try:
        return urlsplit("//" + request.headers.get("host", "")).hostname
    except ValueError:
        return None


def from_another_site(request: Request) -> bool:
    """Whether a browser sent this request from another site's page (Sec-Fetch-Site, else Origin).

    The origin is compared by name and port only, not scheme: behind a proxy that ends TLS the page is
    https while this server sees http."""
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("origin")
    if origin in (None, "null"):
        return False
    try:
        theirs, ours = urlsplit(origin), urlsplit("//" + request.headers.get("host", ""))
        default = _DEFAULT_PORTS.get(theirs.scheme)
        return (theirs.hostname, theirs.port or default) != (ours.hostname, ours.port or default)
    except ValueError:
        return True
