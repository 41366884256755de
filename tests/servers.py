"""Real server processes for the tests: ``serve --http`` on a free port, ``serve --stdio`` on pipes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.services import free_port

ROOT = Path(__file__).resolve().parents[1]


def _env(db: str, extra: dict | None = None) -> dict:
    # The store is named in the environment, as the README advises: a password never in argv.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRIAGE_BOT_DB": str(db), **(extra or {})}
    env.pop("TRIAGE_BOT_NO_CACHE", None)
    return env


class HttpServer:
    """``triage-bot serve --http`` in a child process, on 127.0.0.1 and a free port."""

    def __init__(self, db: str, *args: str, token: str | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.token = token
        extra = {"TRIAGE_BOT_TOKEN": token} if token else {}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "triage_bot", "serve", "--http", "--port", str(self.port), *args],
            env=_env(db, extra), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait_up()

    def _wait_up(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve --http exited: {self.process.stderr.read().decode()}")
            try:
                self.call("GET", "/healthz")
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("serve --http did not answer in time")

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"content-type": "application/json"})
        if self.token:
            request.add_header("authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        code = self.process.wait(timeout=30)
        self.process.stderr.close()
        return code


class StdioServer:
    """``triage-bot serve --stdio`` in a child process: one request line in, one answer line out."""

    def __init__(self, db: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "triage_bot", "serve", "--stdio"],
                                        env=_env(db), cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)

    def ask(self, request: dict) -> dict:
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def stop(self, sig: int | None = None) -> int:
        if sig is not None:
            self.process.send_signal(sig)
        else:
            self.process.stdin.close()
        code = self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout):
            if not stream.closed:
                stream.close()
        return code
