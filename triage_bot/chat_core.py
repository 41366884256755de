"""The terminal chat without its screen: one conversation and what to offer as it is typed.

:class:`Chat` runs one session of :mod:`triage_bot.sessions` (which holds the
slash commands, :data:`COMMANDS`, and saves a report once) and prints its
replies, made safe, wrapped to the width and coloured; :func:`suggest` is
what the completion menu offers for "blood in my u".  No screen library
here: ``chat.py`` puts these on a prompt_toolkit screen, and a test drives
them with plain lists.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence

from .chat_text import (compile_tier_names, disposition_labels, finding_counts, paint_tiers, terminal_columns,
                        tier_names, wrap_line, wrap_width)
from .sessions import COMMANDS, Command, Limits, Sessions, SummaryOnce, add_report, parse_command  # noqa: F401
from .text import safe_text
from .triager import InputError

PROG = "triage-bot"
# The dialogue line said as the chat ends, whatever ended it ([dialogue] in dialogue.toml).
FAREWELL = "farewell"
REPORT_PHASE = "report"
# Fewer letters than this offer no symptom words: "I" or "my" would flood the menu.
MIN_PREFIX_CHARS = 3
MAX_SUGGESTIONS = 20
# The longest run of typed words tried as the start of a multi-word term ("blood in my u").
MAX_PREFIX_WORDS = 5


# ---------------------------------------------------------------- the conversation at the terminal

# The chat is one session of triage_bot.sessions; a call has no message limit
# (the patient is typing), and no idle close (the screen is theirs).
SESSION = ""
CHAT_LIMITS = Limits(sessions=1, idle_s=0, turns=1_000_000, chars=1_000_000_000)


def _phase_name(state: Any) -> str:
    """The state's phase as a word ("report"), whether the engine keeps it as a string or an Enum."""
    phase = getattr(state, "phase", "")
    return str(getattr(phase, "name", phase)).lower()


class Chat:
    """One terminal conversation: its session, and where replies and warnings go.

    ``Chat(engine, echo=print).handle("I feel dizzy")`` steps the conversation
    and prints its replies, made safe, wrapped to ``columns()`` and coloured.
    Sessions, slash commands and saving a report once are
    :mod:`triage_bot.sessions`, as for every front.
    """

    def __init__(self, engine: Any, *, echo: Callable[[str], Any], warn: Callable[[str], Any] | None = None,
                 colour: bool = False, store: Any = None, columns: Callable[[], int] | None = None) -> None:
        self.engine, self.echo, self.colour = engine, echo, colour
        self.warn = warn or echo
        self.columns = columns or terminal_columns
        self.finished = False
        self.store_failed = False
        self._said_farewell = False
        self._announced = ""
        self.sessions = Sessions(engine, store, CHAT_LIMITS, summary_once=True)
        self.tier_pattern = compile_tier_names(tier_names(engine))
        self.labels = disposition_labels(engine)
        self.counts = finding_counts(engine)
        _state, self._greeting = self.sessions.open(SESSION)

    @property
    def state(self) -> Any:
        return self.sessions.states[SESSION]

    @state.setter
    def state(self, state: Any) -> None:
        self.sessions.states[SESSION] = state

    def greet(self) -> None:
        self.say(self._greeting)

    def say(self, lines: Iterable[str]) -> None:
        """Print reply lines wrapped to the width; a line may hold several, and none is printed raw."""
        width = wrap_width(self.columns())
        for line in lines:
            for part in str(line).split("\n"):
                for row in wrap_line(safe_text(part), width):
                    self.echo(paint_tiers(row, self.colour, self.tier_pattern))

    def result(self) -> Any:
        return self.engine.result(self.state)

    def in_report(self) -> bool:
        """Whether the report interview is asking its questions: what is typed now stays out of history."""
        return _phase_name(self.state) == REPORT_PHASE

    def handle(self, text: str) -> None:
        """One line from the patient: a slash command, or words for the conversation."""
        text = text.strip()
        if not text:
            return
        command = parse_command(text)
        if command is not None:
            self._command(command[0], text)
            return
        try:
            state, lines, _error = self.sessions.step(SESSION, text)
        except InputError as exc:
            self.say([str(exc)])
            return
        self.say(lines)
        if state.done:
            self.finished = True
            self.save_report()

    def _command(self, name: str, text: str) -> None:
        action = COMMANDS[name].action if name in COMMANDS else ""
        if action == "end":
            self.finish()
            return
        if action == "restart":
            self.save_report()  # said before the conversation is forgotten
        lines = self.sessions.command(SESSION, text)
        if action == "help":
            lines.append(self.engine.dialogue.say("help_keys"))
        self.say(lines)
        if action == "restart":
            self.finished = False

    def finish(self) -> None:
        """End the conversation (Ctrl-D, /quit, end of input, a report saved or declined) with a goodbye.

        The summary is printed unless the patient has just seen it; the report is kept.
        """
        if not self.finished:
            _state, lines = self.sessions.close(SESSION)
            self.say(lines)
            self.finished = True
            self.save_report()
        if not self._said_farewell:
            self._said_farewell = True
            farewell = (getattr(getattr(self.engine, "dialogue", None), "lines", None) or {}).get(FAREWELL)
            if farewell:
                self.say([farewell])

    def restart(self) -> None:
        """Forget this conversation and start again; a report already given is kept first."""
        self._command("/restart", "/restart")

    def save_report(self) -> None:
        """Store the conversation's adverse-event report, if one was made and not declined.

        A store error is one line, never a crash: the report must not take
        the conversation down with it, and the exit status says it failed.
        """
        saved = self.sessions.save(SESSION)
        if saved.error:
            self.warn(safe_text(f"{PROG}: the report could not be saved: {saved.error}"))
            self.store_failed = True
        elif saved.report_id and saved.report_id != self._announced:
            self._announced = saved.report_id
            self.say([self.engine.dialogue.say("report_saved", reference=saved.report_id)])


# ---------------------------------------------------------------- completion

class Suggestion(NamedTuple):
    """One completion: ``text`` replaces the last ``replace`` characters before the cursor."""
    text: str
    replace: int
    meta: str = ""


def symptom_words(knowledge: Any, drug: Any) -> tuple[str, ...]:
    """The lay terms of a drug's entries and signs, once each, sorted: "achy", "blood in my urine", ..."""
    words = set()
    for entry in drug.entries:
        words.update(knowledge.lay_terms(entry))
        for sign in entry.signs:
            words.update(knowledge.lay_terms(sign))
    return tuple(sorted(w for w in words if w.strip()))


def suggest(text_before_cursor: str, words: Sequence[str],
            commands: Mapping[str, str] | None = None) -> list[Suggestion]:
    """What to offer as the patient types: slash commands at the start, symptom words after.

    ``suggest("/wh", words, {"/why": "..."})`` offers ``/why``;
    ``suggest("there is blood in my u", words)`` offers "blood in my urine",
    replacing the four words typed so far.  The longest typed phrase that
    starts a term wins, so the menu narrows as the patient types.
    """
    commands = commands or {}
    stripped = text_before_cursor.lstrip()
    if stripped.startswith("/"):
        if " " in stripped:
            return []
        typed = stripped.lower()
        return [Suggestion(name, len(stripped), help_) for name, help_ in commands.items()
                if name.startswith(typed) and name != typed]
    if not text_before_cursor or text_before_cursor[-1].isspace():
        return []
    tokens = list(re.finditer(r"\S+", text_before_cursor))
    for count in range(min(MAX_PREFIX_WORDS, len(tokens)), 0, -1):
        start = tokens[-count].start()
        typed = text_before_cursor[start:]
        if len(typed) < MIN_PREFIX_CHARS:
            continue
        key = " ".join(typed.lower().split())
        found = [w for w in words if w.startswith(key) and w != key]
        if found:
            return [Suggestion(w, len(typed)) for w in found[:MAX_SUGGESTIONS]]
    return []
