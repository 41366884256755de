"""Conversations for nurse-line software: ``serve --stdio``.

``serve --stdio`` reads JSON Lines such as
``{"session": "call-17", "text": "I ran out of my pills"}``, keeps one
conversation per session (sessions may interleave), and answers every line
with one line, flushed at once (shared/spec/triage-json.md, "Conversations
over standard input and output").  ``{"session": "call-17", "end": true}``
closes a session: its answer carries the summary and the id of the stored
adverse-event report.  A bad line is answered with an error and the rest goes on.

``replay FILE`` (triage_bot.replay) runs a script through the same Sessions.
"""
from __future__ import annotations

import signal
import sys
import threading
import time
from collections import OrderedDict
from queue import Empty, SimpleQueue
from typing import Any, BinaryIO, Callable, NamedTuple, TextIO

from .conversation import Engine, State
from .jsonl import MAX_LINE_BYTES, dump_line, iter_lines, parse_line
from .text import safe_text
from .triager import InputError

EXIT_OK, EXIT_INPUT = 0, 1
# Some accepted report is not in the database (kept in a recovery file, or
# lost when even that failed), or the reader closed standard output.
EXIT_STORE, EXIT_OUTPUT = 1, 1
# A session id longer than this is refused: it is echoed on every answer.
MAX_SESSION_CHARS = 200
# The signals a supervisor stops serve with; each is answered by storing
# every accepted report before exiting with 128 + the signal number.
STOP_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")
# Lines read ahead of the one being answered.
READ_AHEAD = 64


class Limits(NamedTuple):
    """How much one serve process takes on; each limit reached is a clear error answer.

    The per-session limits also bound the cost of a turn: the conversation
    re-assesses every match of a session on each turn.
    """
    sessions: int = 10_000        # open sessions (finished, stored ones are forgotten to make room)
    idle_s: float = 1800.0        # a session silent this long is closed and its report stored; 0: never
    turns: int = 200              # messages per session
    chars: int = 200_000          # characters of patient text per session


class Sessions:
    """The open conversations of one process, and what each answer line says.

    An accepted report is never dropped: a report that cannot be stored
    keeps its session open for a retry, and what is still unstored when the
    process ends goes to ``recover`` (a recovery file), whatever the reason
    for the end.
    """

    def __init__(self, engine: Engine, store: Any = None, limits: Limits = Limits(),
                 warn: Callable[[str], Any] | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.engine = engine
        self.store = store
        self.limits = limits
        self.warn = warn or (lambda line: None)
        self.clock = clock
        self.states: dict[str, State] = {}
        self.stored: dict[str, str] = {}
        # Sessions by last message, oldest first: the idle sweep and the
        # room-making look only at the front, so neither grows with the count.
        self.seen: OrderedDict[str, float] = OrderedDict()
        self.finished: OrderedDict[str, None] = OrderedDict()
        self.usage: dict[str, list[int]] = {}
        self.store_failures = 0

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
        self._check_limits(session, text)
        state, greeting = self.open(session)
        report_error = None
        try:
            state, replies = self.engine.step(state, text, report)
        except InputError as exc:
            # A bad pre-filled field must not cost the message its triage.
            report_error = str(exc)
            state, replies = self.engine.step(state, text, None)
        self.states[session] = state
        used = self.usage.setdefault(session, [0, 0])
        used[0] += 1
        used[1] += len(text)
        self._touch(session, state)
        # The emergency instruction comes before anything else, the greeting included.
        answer = self.answer(session, state, replies if state.emergency else greeting + replies)
        if report_error:
            answer["report_error"] = report_error
        if state.done and state.report is not None:
            self._store(session, state, answer)
        return answer

    def _check_limits(self, session: str, text: str) -> None:
        """Refuse a message past its session's limits, or a new session past the open-session limit."""
        used = self.usage.get(session, (0, 0))
        limits = self.limits
        if used[0] >= limits.turns:
            raise InputError(f"session has reached its limit of {limits.turns} messages (--max-turns); "
                             'end it with {"end": true}')
        if used[1] + len(text) > limits.chars:
            raise InputError(f"session would pass its limit of {limits.chars:,} characters (--max-chars); "
                             'end it with {"end": true}')
        if session not in self.states and len(self.states) >= limits.sessions:
            self._make_room()

    def _touch(self, session: str, state: State) -> None:
        self.seen[session] = self.clock()
        self.seen.move_to_end(session)
        if state.done and (state.report is None or state.report.get("declined") or session in self.stored):
            self.finished[session] = None
            self.finished.move_to_end(session)
        else:
            self.finished.pop(session, None)

    def open(self, session: str) -> tuple[State, list[str]]:
        """The session's state, and the greeting when it is new."""
        state = self.states.get(session)
        if state is not None:
            return state, []
        if len(self.states) >= self.limits.sessions:
            self._make_room()
        state, greeting = self.engine.start(session=session)
        self.states[session] = state
        self.seen[session] = self.clock()
        return state, greeting

    def _make_room(self) -> None:
        """Forget the longest-finished session (its report stored), or refuse a new one."""
        if not self.finished:
            raise InputError(f"too many open sessions (limit {self.limits.sessions:,}, --max-sessions); "
                             'end one with {"end": true} first')
        session, _ = self.finished.popitem(last=False)
        self._forget(session)

    def _forget(self, session: str) -> None:
        self.states.pop(session, None)
        self.stored.pop(session, None)
        self.seen.pop(session, None)
        self.finished.pop(session, None)
        self.usage.pop(session, None)

    def close_idle(self) -> float | None:
        """Close sessions silent past the idle limit, storing their reports; seconds until the next is due."""
        if not self.limits.idle_s:
            return None
        now = self.clock()
        while self.seen:
            session, last = next(iter(self.seen.items()))
            due = last + self.limits.idle_s - now
            if due > 0:
                return due
            state = self.states.get(session)
            if state is not None and self._unstored(session, state):
                state = self.engine.end(state)[0]
                self.states[session] = state
                if not self._store(session, state, {}):
                    # Kept open for the retry at the end; not idle-checked again.
                    self.seen.pop(session, None)
                    continue
            self._forget(session)
        return None

    def _unstored(self, session: str, state: State) -> bool:
        return (state.report is not None and not state.report.get("declined")
                and session not in self.stored and self.store is not None)

    def close_all(self) -> list[dict]:
        """At the end, however it came: store every report a caller accepted, even unfinished.

        Returns the reports that still could not be stored, for the recovery file.
        """
        failed = []
        for session in list(self.states):
            state = self.states[session]
            if self._unstored(session, state):
                state = self.engine.end(state)[0]
                if not self._store(session, state, {}):
                    failed.append(dict(state.report, session=session))
        return failed

    def end(self, session: str) -> dict:
        state = self.states.get(session)
        if state is None:
            raise InputError(f"no open session {session!r}")
        state, replies = self.engine.end(state)
        answer = self.answer(session, state, replies)
        if state.report is not None and not self._store(session, state, answer):
            # The session stays open: the same {"end": true} retries the store.
            self.states[session] = state
            answer["error"] += '; the session stays open: send {"end": true} again to retry'
            return answer
        report_id = self.stored.get(session)
        if report_id:
            answer["report_id"] = report_id
        self._forget(session)
        return answer

    def answer(self, session: str, state: State, replies: list[str]) -> dict:
        """The answer line: replies, and the triage of the whole conversation so far."""
        result = self.engine.result(state)
        return {"session": session, "replies": replies, "disposition": result.disposition,
                "findings": [f.to_json() for f in result.findings],
                "questions": [q.text for q in result.questions], "done": state.done}

    def _store(self, session: str, state: State, answer: dict) -> bool:
        """Keep a finished report once; False when the store failed (said in the answer and on stderr)."""
        if self.store is None or session in self.stored or state.report.get("declined"):
            return True
        try:
            report_id = self.store.add(dict(state.report, session=session))
        except Exception as exc:  # the store's own errors name the file, never the report's contents
            reason = f"{type(exc).__name__}: {_first_line(exc)}"
            answer["error"] = f"the report could not be stored: {reason}"
            self.store_failures += 1
            self.warn(f"a report could not be stored ({reason}); its session stays open")
            return False
        self.stored[session] = report_id
        answer["report_id"] = report_id
        return True


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [""])[0][:300]


def _write(out: TextIO, answer: dict) -> None:
    out.write(dump_line(answer))
    out.flush()


def answer_line(sessions: Sessions, raw: bytes | None) -> dict:
    """The answer to one input line, an error answer included, e.g. {"session": None, "error": "..."}
    for a line that is not JSON."""
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


_EOF = object()


class _Stop(NamedTuple):
    signum: int


def _read_ahead(in_stream: BinaryIO, lines: SimpleQueue, room: threading.Semaphore) -> None:
    """Read lines into ``lines`` (a few ahead) so the main thread can wait with a timeout and signals."""
    try:
        for raw in iter_lines(in_stream, MAX_LINE_BYTES):
            if raw is not None and not raw.strip():
                continue
            room.acquire()
            lines.put(raw)
    except (OSError, ValueError):  # standard input closed under us: the end of the input
        pass
    lines.put(_EOF)


def run_serve(engine: Engine, in_stream: BinaryIO, out: TextIO, store: Any = None, *,
              limits: Limits = Limits(), recover: Callable[[list[dict]], str] | None = None,
              err: TextIO | None = None, handle_signals: bool = False) -> int:
    """Answer JSON Lines conversations from ``in_stream``, one flushed line per input line.

    However the run ends (end of input, SIGTERM/SIGINT/SIGHUP with
    ``handle_signals``, or ``out`` closed by its reader), every accepted
    report is stored; one that cannot be is passed to ``recover``, which
    writes it to a recovery file and returns its name.
    """
    err = err if err is not None else sys.stderr

    def warn(line: str) -> None:
        try:
            err.write(f"triage-bot: serve: {safe_text(line)}\n")
            err.flush()
        except (OSError, ValueError):
            pass

    sessions = Sessions(engine, store, limits, warn)
    lines: SimpleQueue = SimpleQueue()
    room = threading.Semaphore(READ_AHEAD)
    reader = threading.Thread(target=_read_ahead, args=(in_stream, lines, room), daemon=True,
                              name="serve-reader")
    previous = _catch_signals(lines) if handle_signals else {}
    status = EXIT_OK
    failed: list[dict] = []
    try:
        reader.start()
        status = _answer_all(sessions, lines, room, out, warn)
    finally:
        # The handlers stay until every report is stored: a second signal (a
        # double Ctrl-C, a process group signalled twice) only queues a message.
        # After a stop signal, later ones are ignored until the process exits,
        # so a late one cannot turn a clean stop into a killed one.
        try:
            failed = sessions.close_all()
            if failed:
                _recover(failed, recover, warn)
        finally:
            if status < 128:
                _restore_signals(previous)
            else:
                _ignore_signals(previous)
    if failed:
        return status or EXIT_STORE
    if sessions.store_failures:
        warn("every report was stored in the end, after failed attempts")
    return status


def _answer_all(sessions: Sessions, lines: SimpleQueue, room: threading.Semaphore, out: TextIO,
                warn: Callable[[str], Any]) -> int:
    """Answer lines until the input ends, a stop signal comes or the output is closed."""
    while True:
        try:
            item = lines.get(timeout=sessions.close_idle())
        except Empty:
            continue
        if item is _EOF:
            return EXIT_OK
        if isinstance(item, _Stop):
            warn(f"stopping on {signal.Signals(item.signum).name}; storing every accepted report")
            return 128 + item.signum
        room.release()
        try:
            _write(out, answer_line(sessions, item))
        except (OSError, ValueError):  # BrokenPipeError, or a closed stream
            warn("standard output was closed; storing every accepted report and stopping")
            return EXIT_OUTPUT


def _recover(failed: list[dict], recover: Callable[[list[dict]], str] | None, warn: Callable[[str], Any]) -> None:
    """Put reports the store refused into the recovery file, and say where on stderr."""
    count = f"{len(failed)} accepted report{'s' if len(failed) > 1 else ''}"
    if recover is None:
        warn(f"{count} could not be stored")
        return
    try:
        where = recover(failed)
    except Exception as exc:  # noqa: BLE001 - said in one line
        warn(f"{count} could not be stored nor kept in a recovery file: {type(exc).__name__}: {_first_line(exc)}")
        return
    warn(f"{count} could not be stored; kept in {where}: load them with `triage-bot reports import {where}`")


def _catch_signals(lines: SimpleQueue) -> dict:
    """Turn the stop signals into a message to the main loop, which stores before it exits."""
    previous = {}

    def stop(signum: int, _frame: Any) -> None:
        lines.put(_Stop(signum))  # SimpleQueue.put may be called from a signal handler

    for name in STOP_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, stop)
    return previous


def _ignore_signals(previous: dict) -> None:
    """Stopping already, every report stored: a late stop signal is ignored, even
    while the interpreter shuts down (a Python handler would be gone by then)."""
    for signum in previous:
        signal.signal(signum, signal.SIG_IGN)


def _restore_signals(previous: dict) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)
