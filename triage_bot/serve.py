"""Conversations for nurse-line software: ``serve --stdio``.

``serve --stdio`` reads JSON Lines such as
``{"session": "call-17", "text": "I ran out of my pills"}``, keeps one
conversation per session (sessions may interleave), and answers every line
with one line, flushed at once (shared/spec/triage-json.md, "Conversations
over standard input and output").  ``{"session": "call-17", "end": true}``
closes a session: its answer carries the summary and the id of the stored
adverse-event report.  A bad line is answered with an error and the rest goes on.

The sessions themselves (limits, slash commands, storing each report once)
are triage_bot.sessions, shared with the terminal chat and ``replay FILE``
(triage_bot.replay), which runs a script through them.
"""
from __future__ import annotations

import signal
import sys
import threading
try:  # queue's own classes, without the module (and heapq, for the queues serve does not use)
    from _queue import Empty, SimpleQueue
except ImportError:  # pragma: no cover - a Python without the C module
    from queue import Empty, SimpleQueue

from .conversation import Engine
from .jsonl import MAX_LINE_BYTES, dump_line, iter_lines, parse_line
from .sessions import MAX_SESSION_CHARS, Limits, Sessions, one_line  # noqa: F401  (serve's names, as before)
from .text import safe_text
from .triager import InputError
from .record import record

TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any, BinaryIO, Callable, TextIO

EXIT_OK, EXIT_INPUT = 0, 1
# Some accepted report is not in the database (kept in a recovery file, or
# lost when even that failed), or the reader closed standard output.
EXIT_STORE, EXIT_OUTPUT = 1, 1
# The signals a supervisor stops serve with; each is answered by storing
# every accepted report before exiting with 128 + the signal number.
STOP_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")
# Lines read ahead of the one being answered.  The reader is let go again a
# half at a time, not after every line: each wake of its thread is a hand-over
# of the interpreter lock, which cost more than answering a short turn.
READ_AHEAD = 64


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


@record
class _Stop:
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
    taken = 0
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
        taken += 1
        if taken == READ_AHEAD // 2 or lines.empty():
            room.release(taken)
            taken = 0
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
        warn(f"{count} could not be stored nor kept in a recovery file: {one_line(exc)}")
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
