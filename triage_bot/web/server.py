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

import uvicorn

from ..kept import KeptSessions
from ..sessions import Limits
from ..text import safe_text
from .app import Service, build_app
from .http import TOKEN_ENV_VAR

# Connections served at once per process; past it uvicorn answers 503.
MAX_CONNECTIONS = 200
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
    """Refuse a bind beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise ServeError(f"listening on {host} exposes the API beyond this machine: set {TOKEN_ENV_VAR} to a long "
                         "random secret (nurse-line software then sends it as a bearer token), or keep the default "
                         "--host 127.0.0.1")


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
    calls = KeptSessions(engine, store, limits, warn=lambda line: err.write(f"triage-bot: http: {line}\n"))
    app: Any = build_app(Service(engine.triager, engine, store, calls, token or None))
    if access_log:
        app = AccessLog(app, err)
    config = uvicorn.Config(app, host=host, port=port, access_log=False, log_level="warning", lifespan="off",
                            limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=5, server_header=False,
                            h11_max_incomplete_event_size=16 * 1024)
    server = uvicorn.Server(config)
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
