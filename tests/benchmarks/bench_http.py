#!/usr/bin/env python3
"""Benchmark the HTTP service against ``serve --stdio``, and PostgreSQL against SQLite.

    python tests/benchmarks/bench_http.py [--sessions 200] [--turns 5] [--clients 4] [--reports 300]
                                          [--pg URL]

Conversations: the same calls (SESSIONS x TURNS messages, then an end each)
are played, in one run, against

* ``serve --stdio`` on pipes, one request line and its answer at a time
  (the baseline: calls held in the process's memory);
* ``serve --http`` on 127.0.0.1 over one keep-alive connection, one request
  at a time (every turn read from and written back to the store, so any
  process can continue the call);
* ``serve --http`` again with CLIENTS connections at once, each playing its
  share of the calls (bounded: a thread per client, no more).

Both servers use a fresh SQLite file and are timed from the first request to
the last answer, start-up excluded.  Turns per second and the ratio to the
stdio baseline are printed.

Stores: REPORTS reports added one by one (each its own committed transaction)
to the SQLite store and to the PostgreSQL store, per report written.  The
PostgreSQL server is ``--pg URL`` or ``TRIAGE_BOT_TEST_PG``, else a throwaway
cluster made from the distribution's binaries (as the tests do); without one
the PostgreSQL line says why it is missing.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_reports import REPORT  # noqa: E402
from tests.benchmarks.bench_serve import TURNS  # noqa: E402
from tests.servers import HttpServer, StdioServer  # noqa: E402



def calls(sessions: int, turns: int) -> list[list[str]]:
    """Each call's messages; calls start at different offsets so the mix varies."""
    return [[TURNS[(s + t) % len(TURNS)] for t in range(turns)] for s in range(sessions)]


# ---------------------------------------------------------------- conversations

def play_stdio(db: str, plan: list[list[str]]) -> float:
    server = StdioServer(db)
    try:
        server.ask({"session": "warm-up", "text": "hello"})
        started = time.perf_counter()
        for t in range(len(plan[0])):
            for s, messages in enumerate(plan):
                answer = server.ask({"session": f"call-{s}", "text": messages[t]})
                assert "error" not in answer, answer
        for s in range(len(plan)):
            server.ask({"session": f"call-{s}", "end": True})
        return time.perf_counter() - started
    finally:
        server.stop()


class Client:
    """One keep-alive connection to the HTTP service."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def post(self, path: str, body: dict, expect: int = 200) -> dict:
        self.connection.request("POST", path, json.dumps(body), {"content-type": "application/json"})
        answer = self.connection.getresponse()
        data = json.loads(answer.read())
        assert answer.status == expect, (answer.status, data)
        return data

    def play(self, plan: list[list[str]], first: int, step: int) -> None:
        """Calls first, first+step, ...: open them, then every turn of each, then end them."""
        mine = range(first, len(plan), step)
        ids = {s: self.post("/v1/conversations", {}, 201)["session"] for s in mine}
        for t in range(len(plan[0])):
            for s in mine:
                self.post(f"/v1/conversations/{ids[s]}/messages", {"text": plan[s][t]})
        for s in mine:
            self.post(f"/v1/conversations/{ids[s]}/end", {})

    def close(self) -> None:
        self.connection.close()


def play_http(db: str, plan: list[list[str]], clients: int) -> float:
    server = HttpServer(db, "--no-access-log")
    pool = [Client(server.port) for _ in range(clients)]
    try:
        pool[0].post("/v1/triage", {"text": "hello"})   # warm-up: first import and connection
        failures: list[BaseException] = []

        def run(index: int) -> None:
            try:
                pool[index].play(plan, index, clients)
            except BaseException as exc:  # noqa: BLE001 - reported after the join
                failures.append(exc)
        threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        if failures:
            raise failures[0]
        return elapsed
    finally:
        for client in pool:
            client.close()
        server.stop()


# ---------------------------------------------------------------- stores

def per_report(store, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        store.add(REPORT)
    return (time.perf_counter() - started) / count


def postgres_url(given: str | None):
    """A server URL and a function that stops it (a no-op for a given server), or (None, reason)."""
    if given or os.environ.get("TRIAGE_BOT_TEST_PG"):
        return given or os.environ["TRIAGE_BOT_TEST_PG"], lambda: None
    from tests import services
    bindir = services.find_postgres_bin()
    if bindir is None:
        return None, services.NO_POSTGRES
    prefix = services.as_server_user()
    folder = services.make_cluster_dir(prefix)
    url = services.start_cluster(bindir, prefix, folder)
    return url, lambda: services.stop_cluster(bindir, prefix, folder)


def bench_stores(count: int, given: str | None) -> None:
    from triage_bot.reports import ReportStore
    with tempfile.TemporaryDirectory() as folder, ReportStore(Path(folder) / "reports.db") as store:
        sqlite_s = per_report(store, count)
    print(f"SQLite store:     {sqlite_s * 1000:7.2f} ms per report ({count} reports, one transaction each)")
    try:
        import psycopg
        from triage_bot.reports.postgres import PostgresStore
    except ImportError as exc:
        print(f"PostgreSQL store: not measured ({exc.name} is missing: pip install '.[postgres]')")
        return
    url, stop = postgres_url(given)
    if url is None:
        print(f"PostgreSQL store: not measured ({stop})")
        return
    name = f"bench_{secrets.token_hex(6)}"
    try:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        from tests.services import with_database
        with PostgresStore(with_database(url, name)) as store:
            pg_s = per_report(store, count)
        print(f"PostgreSQL store: {pg_s * 1000:7.2f} ms per report ({count} reports, one transaction each)")
        print(f"ratio PostgreSQL/SQLite per report written: {pg_s / sqlite_s:.2f}x")
    finally:
        try:
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=200)
    ap.add_argument("--turns", type=int, default=5)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--reports", type=int, default=300)
    ap.add_argument("--pg", help="PostgreSQL server URL (default: TRIAGE_BOT_TEST_PG, else a throwaway cluster)")
    a = ap.parse_args()

    plan = calls(a.sessions, a.turns)
    turns = a.sessions * a.turns
    results: dict[str, list[float]] = {"stdio": [], "http": [], "http_n": []}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(a.runs):  # interleaved, so all three see the same machine load
            results["stdio"].append(play_stdio(f"{folder}/stdio-{run}.db", plan))
            results["http"].append(play_http(f"{folder}/http-{run}.db", plan, 1))
            results["http_n"].append(play_http(f"{folder}/http-n-{run}.db", plan, a.clients))
    stdio, single, many = (statistics.median(results[k]) for k in ("stdio", "http", "http_n"))
    print(f"{a.sessions} calls x {a.turns} turns = {turns} turns (+ an end each), SQLite store, "
          f"median of {a.runs} runs, start-up excluded, {os.cpu_count()} CPUs")
    print(f"serve --stdio, one at a time:        {turns / stdio:7.0f} turns/s (baseline)")
    print(f"serve --http, one connection:        {turns / single:7.0f} turns/s  "
          f"ratio http/stdio time {single / stdio:.2f}x")
    print(f"serve --http, {a.clients} connections at once: {turns / many:7.0f} turns/s  "
          f"ratio http/stdio time {many / stdio:.2f}x")
    bench_stores(a.reports, a.pg)


if __name__ == "__main__":
    main()
