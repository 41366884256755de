"""``triage-bot serve --http``: the application under uvicorn, with the bind check and the idle sweep.

Loopback by default.  Any other address needs TRIAGE_BOT_TOKEN: the server
refuses to start without it rather than expose the API.  uvicorn's own
access log is off (its lines carry ids in paths); :class:`AccessLog` writes
one line a request with the route's template instead, never a body, a query
or an id.  Every call is in the store, so stopping a process loses nothing:
another process answers the call's next turn.
"""
from __future__ import annotations

import ipaddress
import sys
import threading
import time
from typing import Any, TextIO

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..kept import KeptSessions
from ..sessions import Limits
from ..text import safe_text
from .app import build_app, service_for
from .http import TOKEN_ENV_VAR

# Connections open at once per process; past it uvicorn answers 503.  Cheap to hold, since a
# connection that does not send a whole request head in REQUEST_HEAD_S is closed.
MAX_CONNECTIONS = 1000
REQUEST_HEAD_S = 10.0
# A token shorter than this is refused for a bind beyond loopback: it could be guessed.
MIN_TOKEN_CHARS = 16
# The idle sweep's period bounds: often enough to store an idle call's report promptly.
SWEEP_MAX_S, SWEEP_MIN_S = 60.0, 0.05


class ServeError(Exception):
    """The server cannot start as asked; the message says what to do."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine: "127.0.0.1", "::1", "localhost"."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse a bind beyond this machine without a token, or with one short enough to guess."""
    if is_loopback(host):
        return
    if not token or not token.strip():
        raise ServeError(f"listening on {host} exposes the API beyond this machine: set {TOKEN_ENV_VAR} to a random "
                         f"secret of at least {MIN_TOKEN_CHARS} characters (nurse-line software then sends it as a "
                         "bearer token), or keep the default --host 127.0.0.1")
    if len(token.strip()) < MIN_TOKEN_CHARS:
        raise ServeError(f"{TOKEN_ENV_VAR} is too short to guard the API beyond this machine: use a random secret "
                         f"of at least {MIN_TOKEN_CHARS} characters (for example: openssl rand -hex 32)")


class HeadTimeoutProtocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection that has not sent a whole request head within
    ``head_timeout_s`` of connecting or of its last answer: a client that sends nothing, or a byte at a
    time, cannot hold a connection (uvicorn's keep-alive timer restarts at every byte)."""

    head_timeout_s = REQUEST_HEAD_S

    def connection_made(self, transport: Any) -> None:  # noqa: D102 - as H11Protocol's
        super().connection_made(transport)
        self._head_timer = self.loop.call_later(self.head_timeout_s, self._head_timed_out)

    def data_received(self, data: bytes) -> None:  # noqa: D102
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._cancel_head_timer()

    def on_response_complete(self) -> None:  # noqa: D102
        super().on_response_complete()
        if not self.transport.is_closing():
            self._cancel_head_timer()
            self._head_timer = self.loop.call_later(self.head_timeout_s, self._head_timed_out)

    def connection_lost(self, exc: Exception | None) -> None:  # noqa: D102
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _cancel_head_timer(self) -> None:
        timer, self._head_timer = getattr(self, "_head_timer", None), None
        if timer is not None:
            timer.cancel()

    def _head_timed_out(self) -> None:
        self._head_timer = None
        # Still no request head; or, after an answer, the rest of a body it did not wait for (a 408):
        # either way the connection is of no more use.
        if self.conn.their_state in (h11.IDLE, h11.SEND_BODY) and not self.transport.is_closing():
            self.transport.close()


def http_server(app: Any, host: str, port: int, head_timeout_s: float = REQUEST_HEAD_S) -> uvicorn.Server:
    """The uvicorn server for ``app``: HTTP/1.1 with the request-head timeout, no access log of its own."""
    protocol = type("Protocol", (HeadTimeoutProtocol,), {"head_timeout_s": head_timeout_s})
    config = uvicorn.Config(app, host=host, port=port, http=protocol, access_log=False, log_level="warning",
                            lifespan="off", limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=5,
                            server_header=False, h11_max_incomplete_event_size=16 * 1024)
    return uvicorn.Server(config)


class AccessLog:
    """ASGI middleware: "POST /v1/conversations/{session}/messages 200 3.1 ms", never patient data."""

    def __init__(self, app: Any, out: TextIO) -> None:
        self.app, self.out = app, out

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), [0]

        async def noting(message: dict) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)
        try:
            await self.app(scope, receive, noting)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "(no route)"
            took = (time.perf_counter() - started) * 1000
            try:
                self.out.write(f"triage-bot: http: {scope.get('method', '?')} {path} {status[0]} {took:.1f} ms\n")
                self.out.flush()
            except (OSError, ValueError):
                pass


def _sweeper(calls: KeptSessions, stop: threading.Event, err: TextIO) -> threading.Thread:
    """A thread closing idle calls (their reports stored) until ``stop`` is set."""
    period = min(SWEEP_MAX_S, max(SWEEP_MIN_S, calls.limits.idle_s / 4))

    def sweep() -> None:
        while not stop.wait(period):
            try:
                calls.sweep()
            except Exception as exc:  # noqa: BLE001 - the store's errors are one line; try again later
                err.write(f"triage-bot: http: idle sweep failed ({safe_text(str(exc))[:300]}); retrying\n")
    return threading.Thread(target=sweep, name="idle-sweep", daemon=True)


def run_http(engine: Any, store: Any, *, host: str = "127.0.0.1", port: int = 8080, token: str | None = None,
             limits: Limits = Limits(), access_log: bool = True, err: TextIO | None = None) -> int:
    """Serve until SIGINT or SIGTERM (uvicorn finishes the requests in flight); 0 once stopped."""
    err = err if err is not None else sys.stderr
    check_bind(host, token)
    service = service_for(engine, store, token, limits, warn=lambda line: err.write(f"triage-bot: http: {line}\n"))
    calls = service.calls
    app: Any = build_app(service)
    if access_log:
        app = AccessLog(app, err)
    server = http_server(app, host, port)
    stop = threading.Event()
    sweeper = _sweeper(calls, stop, err)
    sweeper.start()
    shown = f"[{host}]" if ":" in host else host
    err.write(f"triage-bot: serving http://{shown}:{port}/ (web chat at /, API under /v1, "
              f"its description at /openapi.json); Ctrl-C stops\n")
    err.flush()
    try:
        server.run()
    finally:
        stop.set()
    return 0 if server.started else 1
