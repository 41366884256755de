"""The open conversations of one process, shared by every front.

``Sessions(engine, store)`` keeps one conversation per session id and gives
each front the same services: :meth:`Sessions.handle` answers a request
object (``{"session": "call-17", "text": "I ran out of my pills"}``, as
``serve --stdio`` and ``replay`` read them), :meth:`Sessions.step` and
:meth:`Sessions.end` take one message or close a call, :meth:`Sessions.command`
runs a slash command ("/why", "/summary", "/report", "/restart", "/quit",
"/help"), and :meth:`Sessions.save` stores a report once, never a declined
one, with a one-line error.  The terminal chat is one session of it; the
fronts only read input and print what comes back.

An accepted report is never dropped: a report that cannot be stored keeps its
session open for a retry, and :meth:`Sessions.close_all` returns what is still
unstored when the process ends, for the recovery file.
"""
from __future__ import annotations

import re
import time
from collections import OrderedDict

from .conversation import Engine, State
from .summary_once import SummaryOnce
from .triager import InputError
from .record import record

TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any, Callable

# A session id longer than this is refused: it is echoed on every answer.
MAX_SESSION_CHARS = 200


@record
class Limits:
    """How much one process takes on; each limit reached is a clear error.

    The per-session limits also bound the cost of a turn: the conversation
    re-assesses every match of a session on each turn.
    """
    sessions: int = 10_000        # open sessions (finished, stored ones are forgotten to make room)
    idle_s: float = 1800.0        # a session silent this long is closed and its report stored; 0: never
    turns: int = 200              # messages per session
    chars: int = 200_000          # characters of patient text per session


@record
class Saved:
    """What saving a session's report came to: its id, or the one-line reason it failed."""
    report_id: str | None = None
    error: str | None = None


# ---------------------------------------------------------------- slash commands

@record
class Command:
    """A slash command: its name, and what it does to a session (a Sessions method)."""
    name: str
    action: str


# In the order /help lists them; what each says of itself is [dialogue.commands].
COMMANDS: dict[str, Command] = {c.name: c for c in (
    Command("/why", "explain"), Command("/summary", "summary"), Command("/report", "start_report"),
    Command("/restart", "restart"), Command("/quit", "end"), Command("/help", "help"),
)}


_COMMAND = re.compile(r"(/[A-Za-z]\S*)(?:\s+(.*))?", re.DOTALL)


def parse_command(text: str) -> tuple[str, str] | None:
    """``"/why"`` -> ("/why", ""); words that do not start with "/" are not a command."""
    text = text.strip()
    match = _COMMAND.fullmatch(text) if text.startswith("/") else None
    if not match:
        return None
    return match.group(1).lower(), (match.group(2) or "").strip()


def add_report(store: Any, report: dict[str, Any]) -> str:
    """Add a report to ``store``: an object with ``add``, or the path of a ReportStore opened just for this."""
    if hasattr(store, "add"):
        return store.add(report)
    from .reports import ReportStore

    with ReportStore(store) as opened:
        return opened.add(report)


def one_line(exc: BaseException) -> str:
    """An error in one line for a log or an answer: "disk full" (OSError), "OperationalError: locked"."""
    said = " ".join(str(exc).split())[:300]
    return said if isinstance(exc, OSError) and said else f"{type(exc).__name__}: {said}".rstrip(": ")


def _is_declined(report: dict) -> bool:
    return bool(report.get("declined")) or report.get("status") == "declined"


# ---------------------------------------------------------------- sessions

class Sessions:
    """The open conversations of one process.

    ``store`` is None (reports are not kept), an object with ``add(report)``,
    or the path of a report database opened when a report is saved.
    ``summary_once`` keeps the end of a call from repeating a summary it has
    just shown (the terminal chat and ``replay``; serve's end always carries it).
    """

    def __init__(self, engine: Engine, store: Any = None, limits: Limits = Limits(),
                 warn: Callable[[str], Any] | None = None, clock: Callable[[], float] = time.monotonic,
                 summary_once: bool = False) -> None:
        self.engine = engine
        self.talk: Any = SummaryOnce(engine) if summary_once else engine
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

    # ------------------------------------------------------------ a request object

    def handle(self, req: dict) -> dict:
        """Answer one request object: a message, a slash command, or the end of a session."""
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
        command = parse_command(text)
        if command is not None:
            self._check_limits(session, text)
            _state, greeting = self.open(session)
            if command[0] in COMMANDS and COMMANDS[command[0]].action == "end":
                answer = self.end(session)
                return dict(answer, replies=greeting + answer["replies"])
            replies = self.command(session, text)
            return self.answer(session, self.states[session], greeting + replies)
        state, replies, report_error = self.step(session, text, report)
        answer = self.answer(session, state, replies)
        if report_error:
            answer["report_error"] = report_error
        if state.done and state.report is not None:
            self._saved_into(answer, session)
        return answer

    def answer(self, session: str, state: State, replies: list[str]) -> dict:
        """The answer object: replies, and the triage of the whole conversation so far."""
        result = self.engine.result(state)
        return {"session": session, "replies": replies, "disposition": result.disposition,
                "findings": [f.to_json() for f in result.findings],
                "questions": [q.text for q in result.questions], "done": state.done}

    # ------------------------------------------------------------ one session

    def open(self, session: str) -> tuple[State, list[str]]:
        """The session's state, and the greeting when it is new."""
        state = self.states.get(session)
        if state is not None:
            return state, []
        if len(self.states) >= self.limits.sessions:
            self._make_room()
        state, greeting = self.talk.start(session=session)
        self.states[session] = state
        self.seen[session] = self.clock()
        return state, greeting

    def step(self, session: str, text: str, report: dict | None = None) -> tuple[State, list[str], str | None]:
        """One message: (state, replies with the greeting of a new session, the pre-fill error if any).

        A bad pre-filled report field must not cost the message its triage:
        the message is answered without it, and the error is returned.
        """
        self._check_limits(session, text)
        state, greeting = self.open(session)
        report_error = None
        try:
            state, replies = self.talk.step(state, text, report)
        except InputError as exc:
            report_error = str(exc)
            state, replies = self.talk.step(state, text, None)
        self.states[session] = state
        used = self.usage.setdefault(session, [0, 0])
        used[0] += 1
        used[1] += len(text)
        self._touch(session, state)
        # The emergency instruction comes before anything else, the greeting included.
        return state, replies if state.emergency else greeting + replies, report_error

    def command(self, session: str, text: str) -> list[str]:
        """A slash command's replies: "/why" explains, "/restart" starts again, ..."""
        d = self.engine.dialogue
        name, _arg = parse_command(text) or ("", "")
        command = COMMANDS.get(name)
        if command is None:
            return [d.say("no_command", name=name)]
        state, _greeting = self.open(session)
        if command.action == "help":
            return self.help_lines()
        if command.action == "restart":
            return self.restart(session)
        if command.action == "end":
            return self.close(session)[1]
        if command.action == "start_report":
            state, replies = self.talk.start_report(state)
            self.states[session] = state
            self._touch(session, state)
            return replies
        return getattr(self.talk, command.action)(state)

    def help_lines(self) -> list[str]:
        """/help: what the bot is for, then each command with what it does."""
        d = self.engine.dialogue
        width = max(len(name) for name in COMMANDS)
        return [d.say("help_heading")] + [f"  {name.ljust(width)}  {d.commands[name[1:]]}" for name in COMMANDS]

    def command_help(self) -> dict[str, str]:
        """Each command's name and what it does, as the dialogue file words it."""
        return {name: self.engine.dialogue.commands[name[1:]] for name in COMMANDS}

    def restart(self, session: str) -> list[str]:
        """Forget a conversation and start it again; a report already given is kept first."""
        self.save(session)
        self._forget(session)
        _state, greeting = self.open(session)
        return [self.engine.dialogue.say("restarted")] + greeting

    def end(self, session: str) -> dict:
        """Close a session: the summary and the stored report's id; the session is then forgotten.

        A report that cannot be stored keeps the session open: the same end retries it."""
        state, replies = self.close(session)
        answer = self.answer(session, state, replies)
        if not self._saved_into(answer, session):
            answer["error"] += '; the session stays open: send {"end": true} again to retry'
            return answer
        self._forget(session)
        return answer

    def close(self, session: str) -> tuple[State, list[str]]:
        """End a session's conversation (its summary; a report being taken is finalised) and keep
        it open until its report is saved: :meth:`end` does both, a front may do them apart."""
        state = self.states.get(session)
        if state is None:
            raise InputError(f"no open session {session!r}")
        state, replies = self.talk.end(state)
        self.states[session] = state
        self._touch(session, state)
        return state, replies

    def save(self, session: str) -> Saved:
        """Store a session's report once; nothing for no report, a declined one or no store."""
        state = self.states.get(session)
        report = state.report if state is not None else None
        if self.store is None or not report or _is_declined(report):
            return Saved()
        if session in self.stored:
            return Saved(self.stored[session])
        try:
            report_id = add_report(self.store, dict(report, session=session) if session else dict(report))
        except Exception as exc:  # noqa: BLE001 - the store's own errors name the file, never the report
            self.store_failures += 1
            return Saved(error=one_line(exc))
        self.stored[session] = report_id
        return Saved(report_id)

    def _saved_into(self, answer: dict, session: str) -> bool:
        """Save and say so in an answer object; False when the store failed."""
        saved = self.save(session)
        if saved.error:
            answer["error"] = f"the report could not be stored: {saved.error}"
            self.warn(f"a report could not be stored ({saved.error}); its session stays open")
            return False
        if saved.report_id:
            answer["report_id"] = saved.report_id
        return True

    # ------------------------------------------------------------ kept between processes

    def kept(self, session: str) -> dict | None:
        """What a store keeps of an open session between turns, as JSON-ready data; None once forgotten."""
        state = self.states.get(session)
        if state is None:
            return None
        return {"state": state.to_json(), "usage": list(self.usage.get(session, (0, 0))),
                "report_id": self.stored.get(session), "seen": self.seen.get(session, self.clock())}

    def restore(self, session: str, kept: dict) -> None:
        """Take back a session that :meth:`kept` gave, as if this process had answered every turn;
        ValueError, KeyError or TypeError when ``kept`` is not such data."""
        state = State.from_json(kept["state"])
        turns, chars = (int(n) for n in kept["usage"])
        self.states[session] = state
        self.usage[session] = [turns, chars]
        if kept.get("report_id"):
            self.stored[session] = str(kept["report_id"])
        self.seen[session] = float(kept["seen"])
        self._touch_finished(session, state)

    # ------------------------------------------------------------ limits and the end

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
        self._touch_finished(session, state)

    def _touch_finished(self, session: str, state: State) -> None:
        if state.done and (state.report is None or state.report.get("declined") or session in self.stored):
            self.finished[session] = None
            self.finished.move_to_end(session)
        else:
            self.finished.pop(session, None)

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

    def unstored(self, session: str) -> bool:
        """Whether a session holds an accepted report not stored yet."""
        state = self.states.get(session)
        return (state is not None and state.report is not None and not _is_declined(state.report)
                and session not in self.stored and self.store is not None)

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
            if self.unstored(session):
                self.close(session)
                if not self._saved_into({}, session):
                    # Kept open for the retry at the end; not idle-checked again.
                    self.seen.pop(session, None)
                    continue
            self._forget(session)
        return None

    def close_all(self) -> list[dict]:
        """At the end, however it came: store every report a caller accepted, even unfinished.

        Returns the reports that still could not be stored, for the recovery file.
        """
        failed = []
        for session in list(self.states):
            if self.unstored(session):
                self.close(session)
                if not self._saved_into({}, session):
                    failed.append(dict(self.states[session].report, session=session))
        return failed
