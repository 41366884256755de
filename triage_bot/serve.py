"""Conversations for nurse-line software: ``serve --stdio`` and ``replay FILE``.

``serve --stdio`` reads JSON Lines such as
``{"session": "call-17", "text": "I ran out of my pills"}``, keeps one
conversation per session (sessions may interleave), and answers every line
with one line, flushed at once (shared/spec/triage-json.md, "Conversations
over standard input and output").  ``{"session": "call-17", "end": true}``
closes a session: its answer carries the summary and the id of the stored
adverse-event report.  A bad line is answered with an error and the rest goes on.

``replay FILE`` runs a scripted conversation (plain text, one patient message
a line, or JSON Lines with sessions) and prints it readably, then each
session's final JSON.
"""
from __future__ import annotations

import json
import sys
from typing import Any, BinaryIO, Iterable, TextIO

from .conversation import Engine, State
from .jsonl import MAX_LINE_BYTES, dump_line, iter_lines, parse_line
from .text import safe_text
from .triage import InputError

EXIT_OK, EXIT_INPUT = 0, 1
# A session id longer than this is refused: it is echoed on every answer.
MAX_SESSION_CHARS = 200
# Past this many open sessions, finished ones (their reports stored) are forgotten.
MAX_OPEN_SESSIONS = 10_000
# The session of a plain-text replay script.
REPLAY_SESSION = "replay"


class Sessions:
    """The open conversations of one process, and what each answer line says."""

    def __init__(self, engine: Engine, store: Any = None) -> None:
        self.engine = engine
        self.store = store
        self.states: dict[str, State] = {}
        self.stored: dict[str, str] = {}

    def handle(self, req: dict) -> dict:
        """Answer one request object: a message, or the end of a session."""
        session = req.get("session")
        if not isinstance(session, str) or not session:
            raise InputError("session is missing or not a string" if "session" not in req or
                             not isinstance(session, str) else "session is empty")
        if len(session) > MAX_SESSION_CHARS:
            raise InputError(f"session is longer than {MAX_SESSION_CHARS} characters")
        if req.get("end") is True:
            return self.end(session)
        text = req.get("text")
        if not isinstance(text, str):
            raise InputError("text is missing" if "text" not in req else
                             f"text must be a string, not {type(text).__name__}")
        report = req.get("report")
        if report is not None and not isinstance(report, dict):
            raise InputError(f"report must be an object, not {type(report).__name__}")
        state, greeting = self.open(session)
        report_error = None
        try:
            state, replies = self.engine.step(state, text, report)
        except InputError as exc:
            # A bad pre-filled field must not cost the message its triage.
            report_error = str(exc)
            state, replies = self.engine.step(state, text, None)
        self.states[session] = state
        # The emergency instruction comes before anything else, the greeting included.
        answer = self.answer(session, state, replies if state.emergency else greeting + replies)
        if report_error:
            answer["report_error"] = report_error
        if state.done and state.report is not None:
            self._store(session, state, answer)
        return answer

    def open(self, session: str) -> tuple[State, list[str]]:
        """The session's state, and the greeting when it is new."""
        state = self.states.get(session)
        if state is not None:
            return state, []
        if len(self.states) >= MAX_OPEN_SESSIONS:
            self._forget_finished()
        state, greeting = self.engine.start(session=session)
        self.states[session] = state
        return state, greeting

    def close_all(self) -> None:
        """At the end of the input: keep every report a caller accepted, even unfinished."""
        for session in list(self.states):
            state = self.states[session]
            if state.report is not None and session not in self.stored:
                self._store(session, self.engine.end(state)[0], {})

    def _forget_finished(self) -> None:
        for session in [s for s, st in self.states.items() if st.done and (st.report is None or s in self.stored)]:
            del self.states[session]
            self.stored.pop(session, None)

    def end(self, session: str) -> dict:
        state = self.states.pop(session, None)
        if state is None:
            raise InputError(f"no open session {session!r}")
        state, replies = self.engine.end(state)
        answer = self.answer(session, state, replies)
        if state.report is not None:
            self._store(session, state, answer)
        report_id = self.stored.pop(session, None)
        if report_id:
            answer["report_id"] = report_id
        return answer

    def answer(self, session: str, state: State, replies: list[str]) -> dict:
        """The answer line: replies, and the triage of the whole conversation so far."""
        result = self.engine.result(state)
        return {"session": session, "replies": replies, "disposition": result.disposition,
                "findings": [f.to_json() for f in result.findings],
                "questions": [q.text for q in result.questions], "done": state.done}

    def _store(self, session: str, state: State, answer: dict) -> None:
        """Keep a finished report once; a store failure is reported in the answer, never raised."""
        if self.store is None or session in self.stored or state.report.get("declined"):
            return
        try:
            report_id = self.store.add(dict(state.report, session=session))
        except Exception as exc:  # the store's own errors name the file, never the report's contents
            answer["error"] = f"the report could not be stored: {type(exc).__name__}: {_first_line(exc)}"
            return
        self.stored[session] = report_id
        answer["report_id"] = report_id


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [""])[0][:300]


def _write(out: TextIO, answer: dict) -> None:
    out.write(dump_line(answer))
    out.flush()


def _answer_line(sessions: Sessions, raw: bytes | None) -> dict:
    """The answer to one input line, an error answer included."""
    _ident, req, error = parse_line(raw)
    if req is None:
        return {"session": None, "error": error}
    session = req.get("session") if isinstance(req.get("session"), str) else None
    try:
        return sessions.handle(req)
    except InputError as exc:
        return {"session": session, "error": str(exc)}
    except Exception as exc:  # one broken conversation must not end everyone else's
        return {"session": session, "error": f"internal error ({type(exc).__name__}); the session goes on"}


def run_serve(engine: Engine, in_stream: BinaryIO, out: TextIO, store: Any = None) -> int:
    """Answer JSON Lines conversations from ``in_stream``, one flushed line per input line."""
    sessions = Sessions(engine, store)
    for raw in iter_lines(in_stream, MAX_LINE_BYTES):
        if raw is not None and not raw.strip():
            continue
        _write(out, _answer_line(sessions, raw))
    sessions.close_all()
    return EXIT_OK


# ---------------------------------------------------------------- replay

def _script(lines: list[bytes | None]) -> tuple[bool, list[bytes | None]]:
    """Whether a script is JSON Lines (its first line is a JSON object), and its non-blank lines."""
    kept = [raw for raw in lines if raw is None or raw.strip()]
    first = next((raw for raw in kept if raw is not None), b"")
    return parse_line(first)[1] is not None, kept


def _print_turn(out: TextIO, label: str, who: str, texts: Iterable[str]) -> None:
    for text in texts:
        for i, line in enumerate(safe_text(text).split("\n")):
            out.write(f"{label}{who if i == 0 else ' ' * len(who)}{line}\n")


def run_replay(engine: Engine, path: str, out: TextIO, store: Any = None) -> int:
    """Run a scripted conversation and print it readably, then each session's final JSON."""
    try:
        with open(path, "rb") as stream:
            lines = list(iter_lines(stream, MAX_LINE_BYTES))
    except OSError as exc:
        sys.stderr.write(f"replay: error: cannot read {safe_text(path)}: {exc.strerror or exc}\n")
        return EXIT_INPUT
    sessions = Sessions(engine, store)
    is_jsonl, lines = _script(lines)
    order: list[str] = []
    for number, raw in enumerate(lines, 1):
        if is_jsonl:
            _ident, req, error = parse_line(raw)
        else:
            text = raw.decode("utf-8", "replace").rstrip("\r\n") if raw is not None else None
            req = {"session": REPLAY_SESSION, "text": text} if text is not None else None
            error = None if text is not None else f"line is longer than {MAX_LINE_BYTES:,} bytes"
        session = req.get("session") if isinstance(req, dict) and isinstance(req.get("session"), str) else None
        label = safe_text(f"[{session}] ") if is_jsonl and session else ""
        if req is None:
            out.write(f"line {number}: error: {error}\n")
            continue
        if session and session not in sessions.states and not req.get("end") and len(session) <= MAX_SESSION_CHARS:
            # The bot greets before the patient speaks, as in the chat.
            _print_turn(out, label, "bot> ", sessions.open(session)[1])
        if isinstance(req.get("text"), str) and not req.get("end"):
            _print_turn(out, label, "patient> ", [req["text"]])
        answer = _answer_line(sessions, raw if is_jsonl else json.dumps(req).encode())
        if "replies" not in answer:
            out.write(f"{label}line {number}: error: {safe_text(answer.get('error', ''))}\n")
            continue
        _print_turn(out, label, "bot> ", answer["replies"])
        if session not in order:
            order.append(session)
        if req.get("end"):
            _final(out, answer)
    for session in [s for s in order if s in sessions.states]:
        label = safe_text(f"[{session}] ") if is_jsonl else ""
        answer = sessions.end(session)
        _print_turn(out, label, "bot> ", answer["replies"])
        _final(out, answer)
    out.flush()
    return EXIT_OK


def _final(out: TextIO, answer: dict) -> None:
    final = {k: answer[k] for k in ("session", "disposition", "findings", "questions", "done", "report_id", "error")
             if k in answer}
    out.write(dump_line(final))
