"""Conversations kept in the store: any process answers any turn of a call, and a report is stored once."""
from __future__ import annotations

import threading
import time

import pytest

from triage_bot.conversation import Engine
from triage_bot.kept import KeptSessions, new_session_id
from triage_bot.reports import ReportStore
from triage_bot.sessions import Limits, Sessions
from triage_bot.triager import InputError

# A call that gives a report: a side effect, nothing else, yes to the report, the patient's initials.
CALL = ["my wee has gone the colour of cola", "no that's all", "yes", "AB", "/why"]


@pytest.fixture(scope="module")
def engine(triager):
    return Engine(triager)


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request, tmp_path):
    """Two store objects on one database, as two server processes would hold them."""
    if request.param == "sqlite":
        opened = [ReportStore(tmp_path / "r.db"), ReportStore(tmp_path / "r.db")]
    else:
        from triage_bot.reports import PostgresStore
        url = request.getfixturevalue("postgres_db")
        opened = [PostgresStore(url), PostgresStore(url)]
    yield opened
    for store in opened:
        store.close()


def turns(sessions, session, texts):
    return [sessions.handle({"session": session, "text": text}) for text in texts] + [
        sessions.handle({"session": session, "end": True})]


def test_two_processes_answering_alternate_turns_give_the_conversation_one_process_gives(engine, stores):
    one = turns(Sessions(engine), "call-1", CALL)
    a, b = (KeptSessions(engine, store) for store in stores)
    answers = [(a if i % 2 == 0 else b).handle({"session": "call-1", "text": text}) for i, text in enumerate(CALL)]
    answers.append(b.handle({"session": "call-1", "end": True}))
    assert [x["replies"] for x in answers] == [x["replies"] for x in one]
    assert [x["disposition"] for x in answers] == [x["disposition"] for x in one]
    report_id = answers[-1]["report_id"]
    assert stores[0].get(report_id)["patient"]["initials"] == "AB"
    assert [r["id"] for r in stores[1].iter_reports()] == [report_id]
    assert stores[0].count_conversations() == 0  # an ended call is not kept


def test_a_turn_that_fails_changes_nothing_and_stores_nothing(engine, stores):
    calls = KeptSessions(engine, stores[0], Limits(turns=3))
    for text in CALL[:3]:
        calls.handle({"session": "c", "text": text})
    with pytest.raises(InputError, match="limit of 3 messages"):
        calls.handle({"session": "c", "text": "AB"})
    assert list(stores[0].iter_reports()) == []
    assert calls.view("c")["done"] is False


def test_an_idle_call_is_closed_once_with_its_report_stored_however_many_processes_sweep(engine, stores):
    a, b = (KeptSessions(engine, store, Limits(idle_s=0.2)) for store in stores)
    for text in CALL[:4]:
        a.handle({"session": "idle", "text": text})
    assert a.sweep() == 0 and list(stores[0].iter_reports()) == []
    time.sleep(0.3)
    assert stores[1].stale_conversations(0.2) == ["idle"]
    assert a.sweep() + b.sweep() == 1
    (report,) = stores[1].iter_reports()
    assert report["session"] == "idle" and report["patient"]["initials"] == "AB"
    assert stores[0].count_conversations() == 0


def test_the_open_call_limit_counts_the_calls_of_every_process(engine, stores):
    a, b = (KeptSessions(engine, store, Limits(sessions=2)) for store in stores)
    a.start("one")
    b.start("two")
    with pytest.raises(InputError, match="too many open calls"):
        a.start("three")
    assert b.handle({"session": "one", "text": "I feel dizzy"})["findings"]  # an open call goes on


def test_concurrent_turns_of_one_call_are_answered_one_after_the_other(engine, stores):
    a, b = (KeptSessions(engine, store) for store in stores)
    a.start("busy")
    errors: list[BaseException] = []

    def talk(calls, n):
        try:
            for _ in range(n):
                calls.handle({"session": "busy", "text": "I feel a bit sick"})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
    threads = [threading.Thread(target=talk, args=(calls, 10)) for calls in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with stores[0].conversation("busy") as turn:
        assert turn.kept["usage"][0] == 20  # no turn lost to another's write


def test_the_web_transcript_is_kept_with_the_call(engine, stores):
    calls = KeptSessions(engine, stores[0])
    session = new_session_id("web-")
    assert len(session) == 4 + 32
    calls.start(session, log=True)
    answer = calls.handle({"session": session, "text": "I feel dizzy"}, log=True)
    roles = [entry["role"] for entry in answer["log"]]
    assert roles == ["bot", "patient", "bot"] and answer["log"][1]["lines"] == ["I feel dizzy"]
    assert KeptSessions(engine, stores[1]).view(session)["log"] == answer["log"]
