"""The terminal chat: a real PromptSession fed through a pipe, replies captured as lines.

Like prompt_toolkit's own tests, these drive the session with
``create_pipe_input()`` and ``DummyOutput()`` and assert on what the chat
printed and on the engine's state, never on rendered bytes.  Closing the
pipe (or sending Ctrl-D on an empty line) ends the conversation.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.data_structures import Size
from prompt_toolkit.output import DummyOutput

from triage_bot.chat import (COMMANDS, Chat, ChatCompleter, build_session, create_toolbar_tokens_func,
                             history_path, paint_tiers, parse_command, prompt_loop, run_chat, suggest,
                             symptom_words, toolbar_text, wants_colour)
from triage_bot.chat_text import cell_width, fit_toolbar, wrap_line
from triage_bot.conversation import Engine
from triage_bot.knowledge import load_knowledge
from triage_bot.triager import Triager

ROOT = Path(__file__).resolve().parent.parent
CTRL_D = "\x04"
CTRL_C = "\x03"
QUOTED_INSERT = "\x11"  # Ctrl-Q: the next key goes into the line as it is
SGR = re.compile(r"\x1b\[[0-9;]*m")
# Wide enough that no reply is wrapped: the tests of what is said compare whole lines.
WIDE = 1000


@pytest.fixture
def engine(triager: Triager) -> Engine:
    return Engine(triager)


@pytest.fixture(autouse=True)
def private_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test writes history or reports into the real home folder."""
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("TRIAGE_BOT_DB", str(tmp_path / "reports.db"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return data


def has_raw_control(line: str) -> bool:
    """A character a terminal would obey rather than show (a tab only moves the cursor on)."""
    return any((ord(ch) < 0x20 and ch != "\t") or 0x7F <= ord(ch) <= 0x9F for ch in line)


class Talk(NamedTuple):
    chat: Chat
    lines: list[str]
    warnings: list[str]
    session: Any = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class SizedOutput(DummyOutput):
    """prompt_toolkit's DummyOutput on a screen ``columns`` wide."""

    def __init__(self, columns: int) -> None:
        super().__init__()
        self.columns = columns

    def get_size(self) -> Size:
        return Size(rows=40, columns=self.columns)


def talk(engine: Engine, keys: str, *, store: Any = None, colour: bool = False, columns: int = WIDE) -> Talk:
    """Type ``keys`` into a real PromptSession, then close the pipe (Ctrl-D) and return what was printed."""
    lines: list[str] = []
    warnings: list[str] = []
    chat = Chat(engine, echo=lines.append, warn=warnings.append, colour=colour, store=store)
    with create_pipe_input() as inp:
        inp.send_text(keys)
        session = build_session(chat, words=symptom_words(engine.triager.knowledge, engine.drug), input=inp,
                                output=SizedOutput(columns))
        inp.close()
        prompt_loop(chat, session)
    return Talk(chat, lines, warnings, session)


def flat(text: str | list[str]) -> str:
    """Text with every run of spaces and line breaks made one space: what was said, however it was wrapped."""
    return " ".join((text if isinstance(text, str) else "\n".join(text)).split())


def farewell(engine: Engine) -> str:
    return engine.dialogue.lines["farewell"]


class FakeStore:
    def __init__(self, fail: Exception | None = None) -> None:
        self.reports: list[dict] = []
        self.fail = fail

    def add(self, report: dict) -> str:
        if self.fail is not None:
            raise self.fail
        self.reports.append(report)
        return f"r{len(self.reports)}"


# ---------------------------------------------------------------- a conversation through the prompt

def test_a_symptom_gets_a_tier_reply(engine: Engine) -> None:
    t = talk(engine, "I feel dizzy\r")
    result = t.chat.result()
    assert result.disposition == "if_bothersome"
    assert [f.sign for f in result.findings] == ["dizziness or lightheadedness"]
    _, step_lines = engine.step(engine.start()[0], "I feel dizzy")
    reply = "\n".join(step_lines)
    assert reply and reply in t.text


def test_help_lists_every_command_of_the_registry(engine: Engine) -> None:
    t = talk(engine, "/help\r")
    described = engine.dialogue.commands
    for command in COMMANDS.values():
        said = described[command.name[1:]]
        assert any(line.split()[:1] == [command.name] and said in line for line in t.lines), command.name
    assert engine.dialogue.say("help_keys") in t.lines


def test_every_command_has_help_text_in_the_dialogue_file(engine: Engine) -> None:
    assert {"/why", "/summary", "/restart", "/report", "/quit", "/help"} <= set(COMMANDS)
    for name, command in COMMANDS.items():
        assert name == command.name and name.startswith("/")
        assert engine.dialogue.commands[name[1:]].strip(), name


def test_why_shows_the_matched_words(engine: Engine) -> None:
    t = talk(engine, "my ears are ringing\r/why\r")
    explained = "\n".join(engine.explain(t.chat.state))
    assert "ringing" in explained
    assert explained in t.text


def test_summary_command_prints_the_summary(engine: Engine) -> None:
    t = talk(engine, "I feel dizzy\r/summary\r/quit\r")
    summary = engine.summary(t.chat.state)
    assert summary
    assert "\n".join(summary) in t.text


def test_restart_resets_the_finding_count(engine: Engine) -> None:
    t = talk(engine, "I feel dizzy and sick\r")
    assert len(t.chat.result().findings) >= 1
    t = talk(engine, "I feel dizzy and sick\r/restart\r")
    assert t.chat.result().findings == ()
    assert "| 0 findings |" in toolbar_text(t.chat.result())


def test_ctrl_d_ends_with_the_summary(engine: Engine) -> None:
    t = talk(engine, "I feel dizzy\r" + CTRL_D)
    assert t.chat.finished
    state, _ = engine.step(engine.start()[0], "I feel dizzy")
    _, ending = engine.end(state)
    assert ending and t.lines[-len(ending) - 1:] == ending + [farewell(engine)]


def test_quit_ends_the_conversation_and_later_lines_are_not_read(engine: Engine) -> None:
    t = talk(engine, "/quit\rI feel dizzy\r")
    assert t.chat.finished
    assert t.chat.result().findings == ()


def test_ctrl_c_clears_the_line_and_the_chat_goes_on(engine: Engine) -> None:
    t = talk(engine, "my ears are ringing" + CTRL_C + "I feel dizzy\r")
    assert [f.text for f in t.chat.result().findings] == ["dizzy"]
    assert not t.warnings


def test_an_unknown_command_is_named_and_points_at_help(engine: Engine) -> None:
    t = talk(engine, "/frobnicate\r")
    assert any("/frobnicate" in line and "/help" in line for line in t.lines)


def test_control_characters_typed_are_shown_neutralised(engine: Engine) -> None:
    esc, bell = QUOTED_INSERT + "\x1b", QUOTED_INSERT + "\x07"
    t = talk(engine, f"I feel dizzy {esc}[2J{bell}\r/x{esc}[2J\r/why\r")
    assert t.lines
    for line in t.lines:
        assert not has_raw_control(line), repr(line)
    assert any("\\x1b[2j" in line.lower() for line in t.lines)  # the unknown command, shown as text


def test_say_makes_every_line_safe_before_colouring(engine: Engine) -> None:
    lines: list[str] = []
    chat = Chat(engine, echo=lines.append, colour=True)
    chat.say(["withdrawal \x1b[2J\x9b31m\x07 here", "two\nlines"])
    assert SGR.sub("", lines[0]) == "withdrawal \\x1b[2J\\x9b31m\\x07 here"
    assert "\x1b[35mwithdrawal\x1b[0m" in lines[0]
    assert lines[1:] == ["two", "lines"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_message_is_answered_without_a_crash_or_a_raw_control_character(engine: Engine, text: str) -> None:
    lines: list[str] = []
    chat = Chat(engine, echo=lines.append)
    chat.handle(text)
    chat.finish()
    assert chat.finished
    for line in lines:
        assert not has_raw_control(line), repr(line)


# ---------------------------------------------------------------- reports at the end

REPORT_THEN_CTRL_D = "I feel dizzy\r/report\rJ S\r" + CTRL_D


def test_a_report_begun_with_slash_report_is_stored_once_at_ctrl_d(engine: Engine) -> None:
    store = FakeStore()
    t = talk(engine, REPORT_THEN_CTRL_D, store=store)
    (report,) = store.reports
    assert report["patient"]["initials"] == "JS"
    assert report["events"][0]["verbatim"] == "I feel dizzy"
    assert t.lines[-2:] == ["Your report has been saved (reference r1).", farewell(engine)]
    t.chat.finish()
    t.chat.save_report()
    assert len(store.reports) == 1


def test_a_finished_report_is_stored_when_the_engine_closes(engine: Engine) -> None:
    store = FakeStore()
    chat = Chat(engine, echo=[].append, store=store)
    chat.handle("I feel dizzy")
    chat.handle("/report")
    for _ in range(60):
        if chat.finished:
            break
        chat.handle("skip")
    assert chat.finished and chat.state.done
    assert len(store.reports) == 1


def test_a_stopped_report_and_no_store_save_nothing(engine: Engine) -> None:
    store = FakeStore()
    t = talk(engine, "I feel dizzy\r/report\rstop\r", store=store)
    assert t.chat.finished and t.chat.state.report is None
    assert store.reports == [] and not t.warnings
    t = talk(engine, REPORT_THEN_CTRL_D, store=None)  # --no-store
    assert t.chat.state.report is not None
    assert not any("saved" in line for line in t.lines) and not t.warnings


def test_a_store_error_is_one_line_and_exit_status_1(engine: Engine) -> None:
    warnings: list[str] = []
    with create_pipe_input() as inp:
        inp.send_text(REPORT_THEN_CTRL_D)
        code = run_chat(engine, history=False, store=FakeStore(fail=OSError("disk full\nsecond line")),
                        input=inp, output=DummyOutput(), echo=[].append, warn=warnings.append)
    assert code == 1
    assert len(warnings) == 1 and "could not be saved: disk full second line" in warnings[0]


def test_a_report_is_written_to_the_sqlite_store_at_a_path(engine: Engine, tmp_path: Path) -> None:
    from triage_bot.reports import ReportStore

    db = tmp_path / "chat-reports.db"
    t = talk(engine, REPORT_THEN_CTRL_D, store=db)
    assert not t.chat.store_failed, t.warnings
    with ReportStore(db, create=False) as store:
        (summary,) = store.list()
        assert store.get(summary.id)["events"][0]["verbatim"] == "I feel dizzy"


# ---------------------------------------------------------------- run_chat: history, colour, plain input

def test_history_file_is_private_and_holds_the_lines(engine: Engine, private_data_home: Path) -> None:
    lines: list[str] = []
    with create_pipe_input() as inp:
        inp.send_text("I feel dizzy\r/summary\r")
        inp.close()
        code = run_chat(engine, history=True, store=None, input=inp, output=DummyOutput(), echo=lines.append)
    assert code == 0
    path = private_data_home / "triage-bot" / "history"
    assert path == history_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    saved = path.read_text()
    assert "+I feel dizzy" in saved and "+/summary" in saved


def test_no_history_writes_no_file(engine: Engine, private_data_home: Path) -> None:
    with create_pipe_input() as inp:
        inp.send_text("I feel dizzy\r")
        inp.close()
        assert run_chat(engine, history=False, store=None, input=inp, output=DummyOutput(), echo=[].append) == 0
    assert not private_data_home.exists()


def test_history_path_follows_xdg_and_ignores_a_relative_value() -> None:
    assert history_path({"XDG_DATA_HOME": "/x/data"}) == Path("/x/data/triage-bot/history")
    home = Path.home() / ".local" / "share" / "triage-bot" / "history"
    assert history_path({"XDG_DATA_HOME": "relative"}) == home
    assert history_path({}) == home


def test_an_unwritable_history_is_one_warning_and_the_chat_goes_on(engine: Engine, private_data_home: Path) -> None:
    private_data_home.mkdir()
    (private_data_home / "triage-bot").write_text("a file where the folder should be")
    lines: list[str] = []
    warnings: list[str] = []
    with create_pipe_input() as inp:
        inp.send_text("I feel dizzy\r")
        inp.close()
        code = run_chat(engine, history=True, store=None, input=inp, output=DummyOutput(),
                        echo=lines.append, warn=warnings.append)
    assert code == 0 and len(warnings) == 1 and "history" in warnings[0]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wants_colour_only_on_a_terminal_without_no_color() -> None:
    assert wants_colour(FakeTerminal(), {})
    assert not wants_colour(FakeTerminal(), {"NO_COLOR": "1"})
    assert not wants_colour(io.StringIO(), {})
    assert not wants_colour(object(), {})


@pytest.mark.parametrize("no_color, coloured", [(None, True), ("1", False)])
def test_no_color_disables_tier_colours(engine: Engine, monkeypatch: pytest.MonkeyPatch,
                                        no_color: str | None, coloured: bool) -> None:
    if no_color is not None:
        monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    lines: list[str] = []
    code = run_chat(engine, history=False, store=None, stdin=io.StringIO("I feel dizzy\n/help\n"),
                    echo=lines.append)
    assert code == 0
    assert any("\x1b[" in line for line in lines) is coloured


def test_paint_tiers_colours_tier_names_only() -> None:
    assert paint_tiers("needs medical attention", False) == "needs medical attention"
    assert paint_tiers("needs medical attention", True) == "needs \x1b[33mmedical attention\x1b[0m"
    assert paint_tiers("EMERGENCY: call 911", True).startswith("\x1b[1;31mEMERGENCY\x1b[0m")
    assert paint_tiers("nothing here", True) == "nothing here"


def test_plain_input_is_read_line_by_line_with_the_summary_at_the_end(engine: Engine) -> None:
    lines: list[str] = []
    code = run_chat(engine, history=True, store=None, stdin=io.StringIO("I feel dizzy\n\n/why\n"),
                    echo=lines.append)
    assert code == 0
    state, _ = engine.step(engine.start()[0], "I feel dizzy")
    assert flat(engine.explain(state)) in flat(lines)
    assert flat(engine.end(state)[1] + [farewell(engine)]) in flat(lines)


def test_piped_chat_prints_a_reply_and_the_summary_wrapped_to_80_columns(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data"),
           "TRIAGE_BOT_DB": str(tmp_path / "reports.db")}
    env.pop("NO_COLOR", None)
    env.pop("COLUMNS", None)  # no terminal to ask, and no $COLUMNS: 80 columns
    code = "import sys; from triage_bot.chat import main; sys.exit(main([]))"
    proc = subprocess.run([sys.executable, "-c", code], input="I feel dizzy\n", capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "\x1b" not in proc.stdout
    triager = Triager(load_knowledge())
    engine = Engine(triager)
    state, greeting = engine.start()
    state, reply = engine.step(state, "I feel dizzy")
    _, ending = engine.end(state)
    out = proc.stdout.splitlines()
    assert flat(out) == flat(greeting + reply + ending + [farewell(engine)])
    assert max(map(len, out)) <= 80 < max(map(len, greeting + reply + ending))
    assert out[:2] == wrap_line(greeting[0], 79)[:2]  # broken between words, not at column 80
    assert not (tmp_path / "data").exists()  # no terminal: no history kept


# ---------------------------------------------------------------- pure parts: toolbar, completion, commands

class Result(NamedTuple):
    disposition: str
    findings: tuple


def test_toolbar_text_shows_the_disposition_and_the_finding_count() -> None:
    assert toolbar_text(Result("none", ())) == "no side effect recognised yet | 0 findings | /help"
    one = toolbar_text(Result("if_bothersome", ("dizzy",)))
    assert one.startswith("if bothersome") and "| 1 finding |" in one
    assert toolbar_text(Result("emergency", ("a", "b"))).startswith("EMERGENCY")
    assert "| 2 findings |" in toolbar_text(Result("emergency", ("a", "b")))


def test_toolbar_follows_the_conversation_in_the_dialogue_s_words(engine: Engine) -> None:
    t = talk(engine, "I feel dizzy\r")
    assert toolbar_text(t.chat.result()).startswith("if bothersome")
    ((style, text),) = create_toolbar_tokens_func(t.chat, columns=lambda: 200)()
    assert style == "class:toolbar.if_bothersome"
    assert text.strip() == f"{engine.dialogue.dispositions['if_bothersome']} | 1 finding | /help"


WORDS = ("blood in my urine", "blood in urine", "dizzy", "dizziness", "dry mouth", "headache")
HELP = {"/why": "explain", "/summary": "summarise", "/report": "report", "/restart": "restart", "/quit": "quit",
        "/help": "list"}


@pytest.mark.parametrize("typed, expected", [
    ("/", sorted(HELP)),
    ("/wh", ["/why"]),
    ("/re", ["/report", "/restart"]),
    ("/why", []),                       # already complete
    ("/why now", []),
    ("I feel diz", ["dizzy", "dizziness"]),
    ("I feel DIZ", ["dizzy", "dizziness"]),
    ("there is blood in my u", ["blood in my urine"]),
    ("blood in", ["blood in my urine", "blood in urine"]),
    ("I have dry", ["dry mouth"]),
    ("I have a headache", []),          # a whole term needs no completion
    ("I feel di", []),                  # too few letters to offer anything
    ("I feel dizzy ", []),              # nothing after a space
    ("", []),
    ("xyzzy", []),
])
def test_suggest(typed: str, expected: list[str]) -> None:
    assert sorted(s.text for s in suggest(typed, WORDS, HELP)) == sorted(expected)


def test_suggest_replaces_exactly_the_typed_fragment() -> None:
    (s,) = suggest("there is blood in my u", WORDS, HELP)
    assert s.replace == len("blood in my u")
    (s,) = suggest("  /wh", WORDS, HELP)
    assert s.replace == len("/wh") and s.meta == HELP["/why"]


def test_completer_offers_completions_through_prompt_toolkit() -> None:
    completer = ChatCompleter(WORDS, HELP)
    found = list(completer.get_completions(Document("my head ache and dry m"), CompleteEvent()))
    assert [(c.text, c.start_position) for c in found] == [("dry mouth", -len("dry m"))]


def test_symptom_words_are_the_lay_terms_once_each(triager: Triager) -> None:
    words = symptom_words(triager.knowledge, triager.drug)
    assert len(words) == len(set(words)) and list(words) == sorted(words)
    assert "dizzy" in words and "blood in my urine" in words
    sign_terms = {t for e in triager.drug.entries for s in e.signs for t in triager.knowledge.lay_terms(s)}
    assert sign_terms <= set(words)


@pytest.mark.parametrize("text, expected", [
    ("/why", ("/why", "")),
    ("  /WHY  ", ("/why", "")),
    ("/report now please", ("/report", "now please")),
    ("/x\x1b[2J", ("/x\x1b[2j", "")),
    ("I feel /why", None),
    ("/ 5mg", None),
    ("and/or", None),
])
def test_parse_command(text: str, expected: tuple[str, str] | None) -> None:
    assert parse_command(text) == expected


def test_piped_invalid_utf8_under_a_strict_locale_does_not_end_the_chat():
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONIOENCODING": "utf-8:strict"}
    proc = subprocess.run([sys.executable, "-m", "triage_bot", "chat", "--no-store", "--no-history"],
                          input=b"bad \xff\xfe bytes\nI feel dizzy\n", capture_output=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"dizziness" in proc.stdout and b"Traceback" not in proc.stderr


# ---------------------------------------------------------------- fitting the terminal

WRAP_KEYS = "I feel dizzy\r/help\r/why\rthanks bye\r"


@pytest.mark.parametrize("columns", [40, 100])
def test_replies_are_wrapped_on_words_to_the_terminal_width(engine: Engine, columns: int) -> None:
    wide = talk(engine, WRAP_KEYS)
    t = talk(engine, WRAP_KEYS, columns=columns)
    assert max(cell_width(line) for line in t.lines) <= columns < max(cell_width(line) for line in wide.lines)
    # Read across its line breaks the chat says exactly what it says unwrapped: no "emergen / cy".
    assert flat(t.lines) == flat(wide.lines)
    assert len(t.lines) > len(wide.lines)
    # A list item's wrapped lines hang under its text.
    finding = next(i for i, line in enumerate(t.lines) if line.startswith("- Dizziness"))
    if not next(line for line in wide.lines if line.startswith("- Dizziness")) in t.lines:
        assert re.match(r"  \S", t.lines[finding + 1])


def test_a_help_line_wraps_under_its_description_at_40_columns(engine: Engine) -> None:
    t = talk(engine, "/help\r", columns=40)
    start = next(i for i, line in enumerate(t.lines) if line.startswith("  /why"))
    column = t.lines[start].index("show")
    assert t.lines[start + 1].startswith(" " * column) and t.lines[start + 1][column] != " "


def test_a_piped_chat_wraps_to_columns_when_the_environment_says_so(engine: Engine,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    said = {}
    for columns in (WIDE, 40):
        monkeypatch.setenv("COLUMNS", str(columns))
        lines: list[str] = []
        run_chat(engine, history=False, store=None, stdin=io.StringIO("I feel dizzy\nthanks bye\n"),
                 echo=lines.append)
        said[columns] = lines
    assert max(map(cell_width, said[40])) <= 40 and flat(said[40]) == flat(said[WIDE])


@pytest.mark.parametrize("line, width, rows", [
    ("call emergency services now", 10, ["call", "emergency", "services", "now"]),
    ("- dizziness: see your doctor", 16, ["- dizziness: see", "  your doctor"]),
    ("  * do not drive if drowsy", 14, ["  * do not", "    drive if", "    drowsy"]),
    ("12. one two three four", 12, ["12. one two", "    three", "    four"]),
    # Only a word longer than the line is cut: never wider than the terminal.
    ("a https://example.org/very/long/address", 10, ["a", "https://ex", "ample.org/", "very/long/", "address"]),
    ("short", 40, ["short"]),
    ("", 40, [""]),
    ("co-codamol 30/500 twice", 12, ["co-codamol", "30/500 twice"]),
    ("頭が痛いです とても", 8, ["頭が痛い", "です", "とても"]),
])
def test_wrap_line(line: str, width: int, rows: list[str]) -> None:
    assert wrap_line(line, width) == rows
    assert all(cell_width(row) <= width for row in rows)


# ---------------------------------------------------------------- the toolbar keeps /help

@pytest.mark.parametrize("columns", [100, 80, 40, 30, 20])
def test_the_toolbar_keeps_help_at_any_width(engine: Engine, columns: int) -> None:
    from triage_bot.chat import disposition_labels

    labels = disposition_labels(engine)
    for disposition in labels:
        for findings in ((), ("a",), ("a",) * 12):
            text = toolbar_text(Result(disposition, findings), labels, columns - 2)
            assert text.endswith("/help") and cell_width(text) <= columns - 2, text
            assert not re.search(r"\w\u2026", text) or text.split("\u2026")[0].split()[-1] in labels[disposition]


def test_the_toolbar_at_40_columns_drops_the_count_before_the_label(engine: Engine) -> None:
    t = talk(engine, "I feel dizzy\r", columns=40)
    ((_, text),) = create_toolbar_tokens_func(t.chat, columns=lambda: 40)()
    assert len(text) <= 40 and text.strip() == "usually mild | 1 finding | /help"
    assert fit_toolbar("EMERGENCY: get help now", 2, 38) == "EMERGENCY: get help now | /help"
    assert fit_toolbar("EMERGENCY: get help now", 2, 8) == "/help"


# ---------------------------------------------------------------- the summary once, then a goodbye

def summaries(engine: Engine, lines: list[str]) -> int:
    return sum(engine.dialogue.say("summary_heading") in line for line in lines)


def test_a_piped_chat_ending_thanks_bye_prints_the_summary_once_then_goodbye(engine: Engine) -> None:
    lines: list[str] = []
    code = run_chat(engine, history=False, store=None, stdin=io.StringIO("I feel dizzy\nthanks bye\n"),
                    echo=lines.append)
    assert code == 0
    assert summaries(engine, lines) == 1
    assert lines[-1] == farewell(engine)


def test_slash_summary_then_quit_prints_the_summary_once(engine: Engine) -> None:
    t = talk(engine, "I feel dizzy\r/summary\r/quit\r")
    assert summaries(engine, t.lines) == 1 and t.lines[-1] == farewell(engine)


def test_a_summary_that_changed_since_it_was_shown_is_shown_again(engine: Engine) -> None:
    t = talk(engine, "I feel dizzy\rthanks bye\rI have a rash too\r")
    assert summaries(engine, t.lines) == 2
    last = max(i for i, line in enumerate(t.lines) if engine.dialogue.say("summary_heading") in line)
    assert "rash" in flat(t.lines[last:])


def test_a_declined_report_ends_with_one_summary_and_a_goodbye(engine: Engine) -> None:
    t = talk(engine, "I feel dizzy\rthanks bye\rno\r")
    assert t.chat.finished and summaries(engine, t.lines) == 1
    assert t.lines[-2:] == [engine.dialogue.ask("declined"), farewell(engine)]


def test_a_completed_report_is_saved_then_the_chat_says_goodbye(engine: Engine) -> None:
    store = FakeStore()
    t = talk(engine, "I feel dizzy\rthanks bye\ryes\r" + "skip\r" * 60, store=store)
    assert len(store.reports) == 1 and summaries(engine, t.lines) == 1
    assert t.lines[-2:] == ["Your report has been saved (reference r1).", farewell(engine)]


def test_replay_of_a_declined_report_prints_the_summary_once(engine: Engine, tmp_path: Path) -> None:
    from .conftest import run_cli

    text = tmp_path / "declined.txt"
    text.write_text("I feel dizzy\nthanks bye\nno\n")
    jsonl = tmp_path / "declined.jsonl"
    jsonl.write_text('{"session": "a", "text": "I feel dizzy"}\n{"session": "a", "text": "thanks bye"}\n'
                     '{"session": "a", "text": "no"}\n{"session": "a", "end": true}\n')
    for script in (text, jsonl):
        proc = run_cli("replay", "--no-store", str(script))
        assert proc.returncode == 0, proc.stderr
        out = proc.stdout.decode()
        assert summaries(engine, out.splitlines()) == 1, out
        assert engine.dialogue.ask("declined") in out


# ---------------------------------------------------------------- report answers stay out of history

REPORT_ANSWERS = ["yes", "J S", "54", "female", "skip", "no", "me", "jane@example.com", "no"]
REPORT_KEYS = "I feel dizzy\rthanks bye\r" + "".join(a + "\r" for a in REPORT_ANSWERS)


def test_report_answers_never_reach_the_up_arrow_history(engine: Engine) -> None:
    t = talk(engine, REPORT_KEYS)
    assert t.chat.state.report["reporter"]["contact"] == "jane@example.com"  # the answers were read
    assert t.session.history.get_strings() == ["I feel dizzy", "thanks bye"]


def test_report_answers_never_reach_the_history_file(engine: Engine, private_data_home: Path) -> None:
    with create_pipe_input() as inp:
        inp.send_text(REPORT_KEYS + "I have a rash\r")
        inp.close()
        assert run_chat(engine, history=True, store=None, input=inp, output=DummyOutput(), echo=[].append) == 0
    saved = (private_data_home / "triage-bot" / "history").read_text()
    assert "+I feel dizzy" in saved and "+thanks bye" in saved
    for answer in REPORT_ANSWERS + ["I have a rash"]:
        assert f"+{answer}\n" not in saved, answer


def test_the_report_phase_is_recognised_as_a_string_or_an_enum(engine: Engine) -> None:
    import enum

    class Phase(enum.Enum):
        TRIAGE = 1
        REPORT = 2

    chat = Chat(engine, echo=[].append)
    assert not chat.in_report()
    chat.handle("I feel dizzy")
    chat.handle("thanks bye")
    assert chat.in_report()
    chat.state = chat.state._replace(phase=Phase.REPORT)
    assert chat.in_report()
    chat.state = chat.state._replace(phase=Phase.TRIAGE)
    assert not chat.in_report()


# ---------------------------------------------------------------- on a real pseudo-terminal

# What a terminal obeys rather than shows: CSI and OSC sequences, other escapes, backspace.
TERMINAL_CODES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x08")
CURSOR_POSITION_REQUEST = b"\x1b[6n"
PTY_DEADLINE_S = 15


class Terminal:
    """A chat on a pseudo-terminal ``columns`` wide: what is typed, and the bytes the terminal received."""

    def __init__(self, columns: int, tmp_path: Path) -> None:
        import fcntl
        import struct
        import termios

        try:
            self.fd, child = os.openpty()
        except OSError as exc:
            pytest.skip(f"no pseudo-terminal here: {exc}")
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color",
               "XDG_DATA_HOME": str(tmp_path / "data"), "TRIAGE_BOT_DB": str(tmp_path / "reports.db")}
        for name in ("COLUMNS", "LINES", "NO_COLOR", "PROMPT_TOOLKIT_NO_CPR"):
            env.pop(name, None)
        self.proc = subprocess.Popen([sys.executable, "-m", "triage_bot", "chat", "--no-store", "--no-history"],
                                     stdin=child, stdout=child, stderr=child, env=env, cwd=tmp_path,
                                     start_new_session=True)
        os.close(child)
        self.out = b""
        self.deadline = time.monotonic() + PTY_DEADLINE_S

    def read_until(self, wanted: bytes | None) -> None:
        """Read until ``wanted`` arrives (None: until the chat exits), answering cursor-position requests."""
        import select

        start = len(self.out)
        while time.monotonic() < self.deadline:
            if wanted is not None and wanted in self.out[start:]:
                return
            if not select.select([self.fd], [], [], 0.1)[0]:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: the chat has exited and closed the terminal
                chunk = b""
            if not chunk:
                if wanted is None:
                    return
                break
            self.out += chunk
            # prompt_toolkit asks where the cursor is before it draws the toolbar; say the top left.
            for _ in range(chunk.count(CURSOR_POSITION_REQUEST)):
                os.write(self.fd, b"\x1b[1;1R")
        raise AssertionError(f"the chat did not show {wanted!r} in time: {self.out[-500:]!r}")

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def close(self) -> int | None:
        """The chat's exit status; None when it had to be stopped (it did not end by itself)."""
        try:
            return self.proc.wait(timeout=max(0.1, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None
        finally:
            os.close(self.fd)


def screen_text(out: bytes, columns: int) -> str:
    """The terminal's lines: escapes removed, and a line longer than the screen cut where the terminal wraps it."""
    text = TERMINAL_CODES.sub("", out.decode("utf-8", "replace"))
    rows = re.split(r"\r*\n|\r", text)
    return "\n".join(row[i:i + columns] for row in rows for i in range(0, max(len(row), 1), columns))


def said_whole(line: str, screen: str) -> bool:
    """Whether ``line`` is on the screen with every word whole: its words in order, broken only between them."""
    words = line.split()
    return bool(words) and re.search(r"(?:^|(?<=\n))" + r"\s+".join(map(re.escape, words)), screen) is not None


@pytest.mark.skipif(not sys.platform.startswith(("linux", "darwin")), reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns, last", [(40, CTRL_D), (100, "no\r")])
def test_a_chat_on_a_pseudo_terminal_fits_it(engine: Engine, tmp_path: Path, columns: int, last: str) -> None:
    messages = ["I feel dizzy", "thanks bye"]
    state, said = engine.start()
    for text in messages:
        state, lines = engine.step(state, text)
        said += lines
    if last != CTRL_D:  # "no" declines the report; Ctrl-D ends at the offer
        state, lines = engine.step(state, last.strip())
        said += lines
    said.append(farewell(engine))

    term = Terminal(columns, tmp_path)
    try:
        term.read_until(b"/help")
        for text in messages:
            term.type(text + "\r")
            term.read_until(b"/help")
        term.type(last)
        term.read_until(None)
    finally:
        code = term.close()
    assert code == 0, term.out[-500:]
    screen = screen_text(term.out, columns)
    for line in said:
        assert said_whole(line, screen), (line, screen)
    # The toolbar ends with /help at this width, the disposition before it.
    toolbars = [row for row in screen.split("\n") if row.rstrip().endswith("| /help")]
    assert any("usually mild" in row for row in toolbars), toolbars
    assert screen.count(engine.dialogue.say("summary_heading")) == 1
    assert flat(screen).endswith(flat(farewell(engine)))


def test_the_toolbar_counts_findings_in_the_dialogue_files_words(tmp_path) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(Path(__file__).resolve().parents[1] / "knowledge", folder)
    dialogue = folder / "dialogue.toml"
    text = dialogue.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^toolbar_finding = .*$', 'toolbar_finding = "{count} sign heard"', text)
    text = re.sub(r'(?m)^toolbar_findings = .*$', 'toolbar_findings = "{count} signs heard"', text)
    dialogue.write_text(text, encoding="utf-8")
    engine = Engine(Triager(load_knowledge(folder)))
    t = talk(engine, "I feel dizzy\r", columns=100)
    ((_, bar),) = create_toolbar_tokens_func(t.chat, columns=lambda: 100)()
    assert "| 1 sign heard |" in bar
