"""``triage-bot replay FILE``: run a scripted conversation and print it readably.

A script is plain text, one patient message a line, or JSON Lines with
sessions, e.g. ``{"session": "call-17", "text": "I ran out of my pills"}``, as
``serve --stdio`` reads them; each session's final JSON line follows its
conversation. ``-`` is standard input.
"""
from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from typing import Any, Iterable, TextIO

from .conversation import Engine
from .jsonl import MAX_LINE_BYTES, dump_line, iter_lines, parse_line
from .serve import EXIT_INPUT, EXIT_OK, answer_line
from .sessions import MAX_SESSION_CHARS, Sessions
from .text import safe_text

# The session of a plain-text replay script.
REPLAY_SESSION = "replay"


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
    """Run a scripted conversation and print it readably, then each session's final JSON.

    ``path`` "-" is standard input."""
    try:
        with open(path, "rb") if path != "-" else nullcontext(sys.stdin.buffer) as stream:
            lines = list(iter_lines(stream, MAX_LINE_BYTES))
    except OSError as exc:
        name = safe_text(path) if path != "-" else "standard input"
        sys.stderr.write(f"replay: error: cannot read {name}: {exc.strerror or exc}\n")
        return EXIT_INPUT
    sessions = Sessions(engine, store, summary_once=True)
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
        answer = answer_line(sessions, raw if is_jsonl else json.dumps(req).encode())
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
