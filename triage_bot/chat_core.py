"""The terminal chat without its screen: one conversation, its slash commands, and what to offer as it is typed.

:class:`Chat` steps the engine and prints its replies, made safe, wrapped to
the width and coloured; :data:`COMMANDS` are the slash commands (they also
write ``/help``); :func:`suggest` is what the completion menu offers for
"blood in my u".  No screen library here: ``chat.py`` puts these on a
prompt_toolkit screen, and a test drives them with plain lists.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence

from .chat_text import (compile_tier_names, disposition_labels, paint_tiers, terminal_columns, tier_names,
                        wrap_line, wrap_width)
from .text import safe_text

PROG = "triage-bot"
# The dialogue line said as the chat ends, whatever ended it ([dialogue] in dialogue.toml).
FAREWELL = "farewell"
REPORT_PHASE = "report"
# Fewer letters than this offer no symptom words: "I" or "my" would flood the menu.
MIN_PREFIX_CHARS = 3
MAX_SUGGESTIONS = 20
# The longest run of typed words tried as the start of a multi-word term ("blood in my u").
MAX_PREFIX_WORDS = 5


# ---------------------------------------------------------------- the summary, once

def _find_run(lines: Sequence[str], block: Sequence[str]) -> int:
    """Where ``block`` starts as consecutive lines of ``lines``; -1 when it is not there."""
    n = len(block)
    for i in range(len(lines) - n + 1):
        if list(lines[i:i + n]) == list(block):
            return i
    return -1


class SummaryOnce:
    """An engine whose end does not print again a summary the conversation has just shown.

    "thanks bye" is answered with the summary and the report offer; the end
    that follows (end of input, a declined report, ``replay``'s last line)
    would print the same summary a second time.  A summary that changed since
    (a new symptom, a denial) is printed again.  Every other call goes to the engine.
    """

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self._shown: dict[str, tuple[str, ...]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def _block(self, state: Any, lines: Iterable[str]) -> list[str]:
        """``lines`` without the emergency advice, which the engine moves to the front of every reply."""
        alarm = getattr(state, "alarm", "") if getattr(state, "emergency", False) else None
        return [line for line in lines if line != alarm]

    def _note(self, state: Any, replies: Sequence[str]) -> None:
        summary = tuple(self._block(state, self.engine.summary(state)))
        if summary and _find_run(self._block(state, replies), summary) >= 0:
            self._shown[getattr(state, "session", "")] = summary

    def start(self, *args: Any, **kwargs: Any) -> tuple[Any, list[str]]:
        state, lines = self.engine.start(*args, **kwargs)
        self._shown.pop(getattr(state, "session", ""), None)
        return state, lines

    def step(self, state: Any, *args: Any, **kwargs: Any) -> tuple[Any, list[str]]:
        state, lines = self.engine.step(state, *args, **kwargs)
        self._note(state, lines)
        return state, lines

    def summary(self, state: Any) -> list[str]:
        lines = self.engine.summary(state)
        self._note(state, lines)
        return lines

    def end(self, state: Any) -> tuple[Any, list[str]]:
        state, lines = self.engine.end(state)
        summary = self._block(state, self.engine.summary(state))
        shown = self._shown.get(getattr(state, "session", ""))
        start = _find_run(lines, summary) if shown == tuple(summary) else -1
        if start >= 0:
            lines = lines[:start] + lines[start + len(summary):]
        return state, lines


# ---------------------------------------------------------------- the conversation at the terminal

def _is_declined(report: Mapping[str, Any]) -> bool:
    return bool(report.get("declined")) or report.get("status") == "declined"


def _phase_name(state: Any) -> str:
    """The state's phase as a word ("report"), whether the engine keeps it as a string or an Enum."""
    phase = getattr(state, "phase", "")
    return str(getattr(phase, "name", phase)).lower()


class Chat:
    """One terminal conversation: the engine, its state, and where replies and warnings go.

    ``Chat(engine, echo=print).handle("I feel dizzy")`` steps the engine and
    prints its replies, made safe, wrapped to ``columns()`` and coloured.
    """

    def __init__(self, engine: Any, *, echo: Callable[[str], Any], warn: Callable[[str], Any] | None = None,
                 colour: bool = False, store: Any = None, columns: Callable[[], int] | None = None) -> None:
        self.engine, self.echo, self.colour, self.store = engine, echo, colour, store
        self.warn = warn or echo
        self.columns = columns or terminal_columns
        self.finished = False
        self.store_failed = False
        self._said_farewell = False
        self._saved_report: Any = None
        self._talk = SummaryOnce(engine)
        self.tier_pattern = compile_tier_names(tier_names(engine))
        self.labels = disposition_labels(engine)
        self.state, self._greeting = self._talk.start()

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
        """One line from the patient: a slash command, or words for the engine."""
        from .triager import InputError

        text = text.strip()
        if not text:
            return
        command = parse_command(text)
        if command is not None:
            name, arg = command
            if name in COMMANDS:
                COMMANDS[name].handler(self, arg)
            else:
                self.say([f"There is no command {name}. Type /help to see the commands."])
            return
        try:
            self.state, lines = self._talk.step(self.state, text)
        except InputError as exc:
            self.say([str(exc)])
            return
        self.say(lines)
        if self.state.done:
            self.finished = True
            self.save_report()

    def finish(self) -> None:
        """End the conversation (Ctrl-D, /quit, end of input, a report saved or declined) with a goodbye.

        The summary is printed unless the patient has just seen it; the report is kept.
        """
        if not self.finished:
            self.state, lines = self._talk.end(self.state)
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
        self.save_report()
        self.state, lines = self._talk.start()
        self.say(["Starting again: nothing said before counts now."])
        self.say(lines)

    def save_report(self) -> None:
        """Store the conversation's adverse-event report, if one was made and not declined.

        A store error is one line, never a crash: the report must not take
        the conversation down with it, and the exit status says it failed.
        """
        report = getattr(self.state, "report", None)
        if self.store is None or not report or _is_declined(report) or report == self._saved_report:
            return
        try:
            report_id = add_report(self.store, dict(report))
        except Exception as exc:  # noqa: BLE001 - any failure is reported in one line
            reason = " ".join(str(exc).split()) or type(exc).__name__
            self.warn(safe_text(f"{PROG}: the report could not be saved: {reason}"))
            self.store_failed = True
            return
        # The state keeps its report, so a later end or restart must not store it twice.
        self._saved_report = report
        self.say([f"Your report has been saved (reference {report_id})."])


def add_report(store: Any, report: dict[str, Any]) -> str:
    """Add a report to ``store``: an object with ``add``, or the path of a ReportStore opened just for this."""
    if hasattr(store, "add"):
        return store.add(report)
    from .reports import ReportStore

    with ReportStore(store) as opened:
        return opened.add(report)


# ---------------------------------------------------------------- slash commands

class Command(NamedTuple):
    """A slash command: its name, the line /help shows, and what it does to the chat."""
    name: str
    help: str
    handler: Callable[[Chat, str], None]


def parse_command(text: str) -> tuple[str, str] | None:
    """``"/why"`` -> ("/why", ""); words that do not start with "/" are not a command."""
    match = re.fullmatch(r"(/[A-Za-z]\S*)(?:\s+(.*))?", text.strip(), re.DOTALL)
    if not match:
        return None
    return match.group(1).lower(), (match.group(2) or "").strip()


def _help(chat: Chat, arg: str) -> None:
    width = max(len(name) for name in COMMANDS)
    lines = ["Tell me in your own words how you feel. Commands:"]
    lines += [f"  {c.name.ljust(width)}  {c.help}" for c in COMMANDS.values()]
    lines += ["Tab completes a command or a symptom word; Ctrl-C clears the line; Ctrl-D ends."]
    chat.say(lines)


def _why(chat: Chat, arg: str) -> None:
    chat.say(chat.engine.explain(chat.state))


def _summary(chat: Chat, arg: str) -> None:
    chat.say(chat._talk.summary(chat.state))


def _restart(chat: Chat, arg: str) -> None:
    chat.restart()


def _report(chat: Chat, arg: str) -> None:
    chat.state, lines = chat.engine.start_report(chat.state)
    chat.say(lines)


def _quit(chat: Chat, arg: str) -> None:
    chat.finish()


COMMANDS: dict[str, Command] = {c.name: c for c in (
    Command("/why", "show which of your words were matched, and the rule for each", _why),
    Command("/summary", "summarise what you have told me so far and what to do", _summary),
    Command("/report", "report this side effect to the drug-safety service", _report),
    Command("/restart", "forget this conversation and start again", _restart),
    Command("/quit", "end the conversation with its summary (or press Ctrl-D)", _quit),
    Command("/help", "list these commands", _help),
)}


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
