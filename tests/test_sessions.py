"""Sessions, shared by every front: slash commands, and each report stored once."""
from __future__ import annotations

import pytest

from triage_bot.chat_core import Chat
from triage_bot.conversation import Engine
from triage_bot.sessions import COMMANDS, Sessions

REPORT = ["I have a rash", "no that's all", "yes"]


class Store:
    def __init__(self, fail: Exception | None = None) -> None:
        self.reports: list[dict] = []
        self.fail = fail

    def add(self, report: dict) -> str:
        if self.fail is not None:
            raise self.fail
        self.reports.append(report)
        return f"r{len(self.reports)}"


@pytest.fixture(scope="module")
def engine(triager):
    return Engine(triager)


def handle(sessions: Sessions, session: str, *texts: str) -> list[dict]:
    return [sessions.handle({"session": session, "text": text}) for text in texts]


def test_a_slash_command_sent_by_nurse_line_software_is_run_not_triaged(engine):
    sessions = Sessions(engine)
    *_, why = handle(sessions, "c1", "my husband took twenty of his tablets", "/why")
    said = " ".join(why["replies"])
    assert why["disposition"] == "emergency"
    # /why explains the emergency, and is not read as a message without a side effect
    assert "emergency" in said and "did not recognise" not in said
    (summary,) = handle(sessions, "c1", "/summary")
    assert summary["replies"][0] == engine.dialogue.say("summary_heading")


def test_quit_ends_a_session_as_end_does(engine):
    sessions = Sessions(engine, Store())
    handle(sessions, "c1", "I have a rash")
    (quit_answer,) = handle(sessions, "c1", "/quit")
    assert quit_answer["done"] is True and "c1" not in sessions.states
    assert engine.dialogue.say("summary_heading") in quit_answer["replies"]


def test_an_unknown_command_names_itself_and_help_lists_the_dialogue_files_words(engine):
    sessions = Sessions(engine)
    (unknown,) = handle(sessions, "c1", "/wat")
    assert unknown["replies"][-1] == engine.dialogue.say("no_command", name="/wat")
    (help_answer,) = handle(sessions, "c2", "/help")
    listed = "\n".join(help_answer["replies"])
    for name in COMMANDS:
        assert name in listed and engine.dialogue.commands[name[1:]] in listed


def test_a_report_is_stored_once_however_many_fronts_ask(engine):
    store = Store()
    sessions = Sessions(engine, store)
    handle(sessions, "c1", *REPORT)
    first, again = sessions.save("c1"), sessions.save("c1")
    assert first.report_id == again.report_id == "r1" and len(store.reports) == 1
    assert store.reports[0]["session"] == "c1"


def test_a_declined_report_and_no_store_save_nothing(engine):
    store = Store()
    sessions = Sessions(engine, store)
    handle(sessions, "c1", "I have a rash", "no that's all", "no")
    assert sessions.save("c1") == (None, None) and store.reports == []
    unkept = Sessions(engine, None)  # --no-store
    handle(unkept, "c2", *REPORT)
    assert unkept.save("c2") == (None, None) and not unkept.unstored("c2")


def test_a_store_failure_is_one_line_and_keeps_the_report_for_a_retry(engine):
    store = Store(fail=OSError("disk full\nand more"))
    sessions = Sessions(engine, store)
    handle(sessions, "c1", *REPORT)
    saved = sessions.save("c1")
    assert saved.report_id is None and saved.error == "disk full and more"
    assert sessions.unstored("c1")
    store.fail = None
    assert sessions.save("c1").report_id == "r1"


def test_the_chat_and_serve_say_the_same_command_help(engine):
    lines: list[str] = []
    chat = Chat(engine, echo=lines.append)
    chat.handle("/help")
    (served,) = handle(Sessions(engine), "c1", "/help")
    assert served["replies"][-len(COMMANDS):] == lines[1:1 + len(COMMANDS)]
