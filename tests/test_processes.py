"""Several server processes on one store: every acknowledged report there once, calls that move between
processes, and a killed process that loses nothing it acknowledged."""
from __future__ import annotations

import collections
import signal
import threading
import time

import pytest

from triage_bot.conversation import Engine
from triage_bot.reports import open_store
from triage_bot.sessions import Sessions
from tests.servers import HttpServer, StdioServer

TOKEN = "process-test-secret"
# A call that ends with a report: the side effect, nothing more, yes to a report, the initials.
CALL = ["since Tuesday I keep nodding off in my chair", "no that's all", "yes", "CD"]
CALLS_EACH = 5


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "reports.db")
    return request.getfixturevalue("postgres_db")


def stored_reports(db: str) -> list[dict]:
    with open_store(db) as store:
        return list(store.iter_reports())


def http_call(server: HttpServer, session: str) -> str:
    for text in CALL:
        status, answer = server.call("POST", f"/v1/conversations/{session}/messages", {"text": text})
        assert status == 200, answer
    status, answer = server.call("POST", f"/v1/conversations/{session}/end")
    assert status == 200, answer
    return answer["report_id"]


def stdio_call(server: StdioServer, session: str) -> str:
    for text in CALL:
        assert "error" not in server.ask({"session": session, "text": text})
    return server.ask({"session": session, "end": True})["report_id"]


def test_four_processes_on_one_store_keep_every_acknowledged_report_once(db):
    https = [HttpServer(db, token=TOKEN) for _ in range(2)]
    stdios = [StdioServer(db) for _ in range(2)]
    acknowledged: dict[str, str] = {}
    lock = threading.Lock()

    def drive(name: str, one_call) -> None:
        for n in range(CALLS_EACH):
            session = f"{name}-{n}"
            report_id = one_call(session)
            with lock:
                acknowledged[session] = report_id
    workers = [threading.Thread(target=drive, args=(f"http{i}", lambda s, x=x: http_call(x, s)))
               for i, x in enumerate(https)]
    workers += [threading.Thread(target=drive, args=(f"stdio{i}", lambda s, x=x: stdio_call(x, s)))
                for i, x in enumerate(stdios)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    # uvicorn stops on SIGTERM once the requests in flight are answered, then dies of the signal as
    # a supervisor expects; serve --stdio exits 0 at the end of its input.
    assert [server.stop() for server in https + stdios] == [-signal.SIGTERM] * 2 + [0, 0]
    reports = stored_reports(db)
    assert len(acknowledged) == 4 * CALLS_EACH
    assert {r["id"] for r in reports} == set(acknowledged.values())
    by_session = collections.Counter(r["session"] for r in reports)
    assert set(by_session) == set(acknowledged) and set(by_session.values()) == {1}
    assert all(r["patient"]["initials"] == "CD" for r in reports)


def test_a_call_continued_across_two_processes_is_the_call_one_process_gives(db, triager):
    a, b = HttpServer(db, token=TOKEN), HttpServer(db, token=TOKEN)
    try:
        answers = [(a if i % 2 == 0 else b).call("POST", "/v1/conversations/moving/messages", {"text": text})[1]
                   for i, text in enumerate(CALL)]
        ended = b.call("POST", "/v1/conversations/moving/end")[1]
    finally:
        a.stop(), b.stop()
    one = Sessions(Engine(triager))
    expected = [one.handle({"session": "moving", "text": text}) for text in CALL]
    expected.append(one.handle({"session": "moving", "end": True}))
    assert [x["replies"] for x in answers + [ended]] == [x["replies"] for x in expected]
    (report,) = stored_reports(db)
    assert report["id"] == ended["report_id"] and report["session"] == "moving"


def test_a_killed_process_loses_no_acknowledged_report_and_its_open_calls_go_on_elsewhere(db):
    victim, stdio = HttpServer(db, token=TOKEN), StdioServer(db)
    acknowledged: list[str] = []
    stop = threading.Event()

    def drive_http() -> None:
        n = 0
        while not stop.is_set():
            try:
                acknowledged.append(http_call(victim, f"k{n}"))
            except (OSError, AssertionError, ValueError):
                return  # the process is gone under us
            n += 1
    worker = threading.Thread(target=drive_http)
    worker.start()
    acknowledged.append(stdio_call(stdio, "s0"))
    # A call left half way on the HTTP process: its turns are in the store, not in the process.
    for text in CALL:
        assert victim.call("POST", "/v1/conversations/half/messages", {"text": text})[0] == 200
    time.sleep(0.5)
    victim.stop(signal.SIGKILL)
    stdio.stop(signal.SIGKILL)
    stop.set()
    worker.join(timeout=60)
    stored = {r["id"] for r in stored_reports(db)}
    assert acknowledged and set(acknowledged) <= stored
    heir = HttpServer(db, token=TOKEN)
    try:
        status, ended = heir.call("POST", "/v1/conversations/half/end")
    finally:
        heir.stop()
    assert status == 200 and ended["report_id"] in {r["id"] for r in stored_reports(db)}
    sessions = collections.Counter(r["session"] for r in stored_reports(db))
    assert set(sessions.values()) == {1}
