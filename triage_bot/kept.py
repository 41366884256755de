"""Conversations kept in the report store, so any process answers any turn of any call.

``serve --stdio`` holds its calls in memory: one process, one pipe.  Behind a
load balancer each turn of a call may reach another process, so the HTTP
service keeps every open conversation in the store (SQLite or PostgreSQL)
instead: :meth:`KeptSessions.handle` reads the call's row, answers the turn
with the same :class:`~triage_bot.sessions.Sessions` logic as stdio, and
writes the row back, all in one transaction of the store.  A report given in
that turn is stored in the same transaction, so it is stored once, however
many processes answer the call, and a process killed mid-turn leaves the
call as it was before the turn.  Two processes answering alternate turns of
one call give the same conversation as one process.

>>> calls = KeptSessions(engine, store)                        # doctest: +SKIP
>>> calls.handle({"session": "call-17", "text": "I ran out of my pills"})["disposition"]
'medical_attention'
"""
from __future__ import annotations

import secrets
import time
from typing import Any, Callable

from .conversation import Engine
from .sessions import MAX_SESSION_CHARS, Limits, Sessions
from .triager import InputError

# Bytes of randomness in a conversation id the service makes up: unguessable,
# since on the web the id is all that stands between a call and a stranger.
NEW_ID_BYTES = 16


class UnknownCall(InputError):
    """A turn for a call that is not open (never opened, ended, or closed as idle)."""


class TooManyCalls(InputError):
    """A new call past the open-call limit of the store."""


def new_session_id(prefix: str = "") -> str:
    """A new unguessable conversation id, e.g. "web-3f9a...": 32 hex digits after the prefix."""
    return prefix + secrets.token_hex(NEW_ID_BYTES)


def check_session_id(session: Any) -> str:
    """The session id of a request, or InputError saying what is wrong with it."""
    if not isinstance(session, str) or not session:
        raise InputError("session is missing or not a string" if not isinstance(session, str) else "session is empty")
    if len(session) > MAX_SESSION_CHARS:
        raise InputError(f"session is longer than {MAX_SESSION_CHARS} characters")
    return session


class KeptSessions:
    """Every turn of every call read from and written back to ``store`` (see the module's docstring).

    ``store`` has ``conversation(session)`` (a context manager yielding a
    reports.rows.Turn), ``count_conversations()`` and
    ``stale_conversations(idle_s)``: ReportStore and PostgresStore both do.
    With ``log`` each kept call also keeps its transcript, for a web page
    that shows the whole conversation again after every form post.
    """

    def __init__(self, engine: Engine, store: Any, limits: Limits = Limits(),
                 warn: Callable[[str], Any] | None = None, clock: Callable[[], float] = time.time,
                 apart: str = "") -> None:
        self.engine = engine
        self.store = store
        self.limits = limits
        self.warn = warn or (lambda line: None)
        self.clock = clock
        # Calls whose id starts with ``apart`` have their own open-call limit, apart from the others':
        # the web chat's visitors cannot use up the nurse line's calls, nor the other way round.
        self.apart = apart

    def handle(self, req: dict, log: bool = False) -> dict:
        """The answer to one request object, as ``serve --stdio`` gives it; with ``log`` it carries
        the call's transcript so far (``"log"``: a list of {"role", "lines"})."""
        session = check_session_id(req.get("session"))

        def answer(sessions: Sessions) -> dict:
            if req.get("end") is True and session not in sessions.states:
                raise UnknownCall(f"no open call {session!r}")
            return sessions.handle(req)
        return self._turn(session, answer, req.get("text"), log)

    def start(self, session: str, log: bool = False) -> dict:
        """Open a call (its greeting) without a message; a call already open answers with no replies."""
        check_session_id(session)

        def greet(sessions: Sessions) -> dict:
            state, greeting = sessions.open(session)
            return sessions.answer(session, state, greeting)
        return self._turn(session, greet, None, log)

    def view(self, session: str) -> dict | None:
        """A call's answer object as it stands, with its transcript; None for no such call."""
        with self.store.conversation(session) as turn:
            if turn.kept is None:
                return None
            sessions = self._sessions(turn)
            sessions.restore(session, turn.kept)
            state = sessions.states[session]
            answer = sessions.answer(session, state, [])
        answer.update(log=list(turn.kept.get("log", [])), alarm=state.alarm if state.emergency else "")
        return answer

    def sweep(self) -> int:
        """Close calls silent past the idle limit, storing their accepted reports; how many were closed.

        Each is re-read in its own transaction, so with several processes sweeping one store a
        call is closed, and its report stored, once."""
        if not self.limits.idle_s:
            return 0
        closed = 0
        for session in self.store.stale_conversations(self.limits.idle_s):
            with self.store.conversation(session) as turn:
                if turn.kept is None or float(turn.kept.get("seen", 0)) + self.limits.idle_s > self.clock():
                    continue  # another process closed it, or it spoke meanwhile
                sessions = self._sessions(turn)
                sessions.restore(session, turn.kept)
                sessions.close_idle()
                self._write_back(turn, sessions, session, turn.kept.get("log"))
                closed += session not in sessions.states
        return closed

    # ------------------------------------------------------------ one turn

    def _sessions(self, turn: Any) -> Sessions:
        # The turn is the store for this request: a report is added in the turn's transaction.
        return Sessions(self.engine, turn, self.limits, self.warn, clock=self.clock)

    def _turn(self, session: str, act: Callable[[Sessions], dict], text: Any, log: bool) -> dict:
        with self.store.conversation(session) as turn:
            sessions = self._sessions(turn)
            if turn.kept is not None:
                sessions.restore(session, turn.kept)
            elif turn.open_calls(self.apart, session.startswith(self.apart)) >= self.limits.sessions:
                raise TooManyCalls(f"too many open calls (limit {self.limits.sessions:,}, --max-sessions); "
                                 "try again later")
            answer = act(sessions)
            transcript = list(turn.kept.get("log", [])) if turn.kept and log else []
            if log:
                if isinstance(text, str):
                    transcript.append({"role": "patient", "lines": [text]})
                if answer.get("replies"):
                    transcript.append({"role": "bot", "lines": list(answer["replies"])})
            self._write_back(turn, sessions, session, transcript if log else None)
        if log:
            # An ended call is forgotten: its emergency advice is the last kept state's.
            state = sessions.states.get(session)
            last = {"alarm": state.alarm, "emergency": state.emergency} if state is not None else (
                (turn.kept or {}).get("state", {}))
            answer.update(log=transcript, alarm=last.get("alarm", "") if last.get("emergency") else "")
        return answer

    @staticmethod
    def _write_back(turn: Any, sessions: Sessions, session: str, transcript: list | None) -> None:
        kept = sessions.kept(session)
        if kept is None:
            turn.forget()
            return
        if transcript is not None:
            kept["log"] = transcript
        turn.keep(kept)
