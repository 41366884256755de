"""What every endpoint shares: reading a bounded body, JSON answers, the bearer token, security headers."""
from __future__ import annotations

import hmac
from typing import Any, Awaitable, Callable

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


class TooLarge(Exception):
    """The request body passed MAX_BODY_BYTES."""


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
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(request: Request) -> tuple[dict | None, Response | None]:
    """The body as a JSON object, or the error answer to send instead (an empty body is ``{}``)."""
    try:
        raw = await read_body(request)
    except TooLarge:
        return None, error(f"the request body is larger than {MAX_BODY_BYTES:,} bytes", 413)
    if not raw.strip():
        return {}, None
    _ident, req, problem = parse_line(raw)
    if req is None:
        return None, error(problem or "the body is not a JSON object", 400)
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
