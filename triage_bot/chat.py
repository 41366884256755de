"""The terminal chat: a prompt_toolkit front on the conversation engine.

    $ triage-bot
    > I feel dizzy since the new dose
    ...
    > /why

Like litecli and pgcli, one function (:func:`build_session`) assembles the
``PromptSession`` from small factories: the history, the completer, the
toolbar.  The logic those factories show is pure and tested with plain data:
:func:`suggest` (what to offer for "blood in my u"), :func:`toolbar_text`
(the disposition and finding count), :data:`COMMANDS` (the slash commands,
which also write ``/help``).  When standard input is not a terminal the same
:class:`Chat` reads plain lines and prints plain replies, with no screen UI.

What the patient typed is shown, never obeyed: every line the chat prints
goes through :func:`safe_text` before any colour is added.
"""
from __future__ import annotations

import errno
import os
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.styles import Style

from .files import UnsafeFileError, check_private_fd, make_private_dirs
from .text import TIER_COLOURS, safe_text, wants_colour

EXIT_OK, EXIT_STORE = 0, 1
PROG = "triage-bot"
HISTORY_FILE_NAME = "history"
# The history holds the patient's own words: only its owner may read it.
HISTORY_DIR_MODE = 0o700
HISTORY_FILE_MODE = 0o600
PROMPT = "> "
# Fewer letters than this offer no symptom words: "I" or "my" would flood the menu.
MIN_PREFIX_CHARS = 3
MAX_SUGGESTIONS = 20
# The longest run of typed words tried as the start of a multi-word term ("blood in my u").
MAX_PREFIX_WORDS = 5


# ---------------------------------------------------------------- colour

# How each tier or disposition is named in the replies, so the chat can colour the name.
TIER_NAMES = {
    "emergency": ("EMERGENCY", "emergency"),
    "overdose": ("overdose",),
    "withdrawal": ("withdrawal",),
    "medical_attention": ("medical attention", "medical_attention"),
    "if_bothersome": ("if bothersome", "if_bothersome"),
}


def compile_tier_names(names: Mapping[str, Iterable[str]]) -> re.Pattern[str]:
    """One pattern finding any tier name, the longest name first: {"withdrawal": ["withdrawal"], ...}."""
    groups = []
    for key, words in names.items():
        alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)
        if alternatives:
            groups.append(rf"(?P<{key}>\b(?:{alternatives})\b)")
    return re.compile("|".join(groups) or r"(?!)", re.IGNORECASE)


DEFAULT_TIER_PATTERN = compile_tier_names(TIER_NAMES)


def tier_names(engine: Any) -> dict[str, tuple[str, ...]]:
    """The tier names to colour: the built-in ones plus the titles the engine's dialogue gives them.

    "see your doctor only if it continues or bothers you" is the if_bothersome
    tier in the baclofen dialogue; a nurse line that rewords it still gets it coloured.
    """
    names = {key: list(words) for key, words in TIER_NAMES.items()}
    dialogue = getattr(engine, "dialogue", None)
    for table in (getattr(dialogue, "tiers", None), getattr(dialogue, "dispositions", None)):
        for key, title in (table or {}).items():
            if key in TIER_COLOURS and key != "none" and isinstance(title, str):
                names.setdefault(key, []).append(title)
    return {key: tuple(words) for key, words in names.items()}


def paint_tiers(line: str, colour: bool, pattern: re.Pattern[str] = DEFAULT_TIER_PATTERN) -> str:
    """Tier names in their colour: "needs medical attention" with "medical attention" in yellow.

    ``line`` must already be safe to print: only the colour codes added here reach the terminal.
    """
    if not colour:
        return line
    return pattern.sub(lambda m: f"\x1b[{TIER_COLOURS[m.lastgroup]}m{m.group()}\x1b[0m", line)


# ---------------------------------------------------------------- the toolbar

DISPOSITION_LABELS = {
    "emergency": "EMERGENCY: call emergency services now",
    "withdrawal": "withdrawal: contact your doctor today",
    "medical_attention": "medical attention: check with your doctor soon",
    "if_bothersome": "if bothersome: check with your doctor if it continues",
    "none": "no side effect recognised yet",
}


def toolbar_text(result: Any, labels: Mapping[str, str] = DISPOSITION_LABELS) -> str:
    """The bottom line of the screen: where the conversation stands.

    A result with one dizzy finding gives
    ``"if bothersome: check with your doctor if it continues | 1 finding | /help"``.
    """
    label = labels.get(result.disposition) or DISPOSITION_LABELS.get(result.disposition, str(result.disposition))
    count = len(result.findings)
    return f"{label} | {count} finding{'' if count == 1 else 's'} | /help"


def create_toolbar_tokens_func(chat: Chat) -> Callable[[], list[tuple[str, str]]]:
    """The toolbar as prompt_toolkit asks for it, styled by the current disposition."""
    def get_toolbar_tokens() -> list[tuple[str, str]]:
        result = chat.result()
        return [(f"class:toolbar.{result.disposition}", " " + toolbar_text(result, chat.labels) + " ")]
    return get_toolbar_tokens


def disposition_labels(engine: Any) -> dict[str, str]:
    """The toolbar's words for each disposition: the engine dialogue's titles where it has them."""
    titles = getattr(getattr(engine, "dialogue", None), "dispositions", None) or {}
    return {key: titles.get(key) or label for key, label in DISPOSITION_LABELS.items()}


TOOLBAR_STYLE = Style.from_dict({
    "bottom-toolbar": "noreverse bg:#303030 #ffffff",
    "toolbar.emergency": "bg:ansired #ffffff bold",
    "toolbar.withdrawal": "bg:ansimagenta #ffffff",
    "toolbar.medical_attention": "bg:ansiyellow #000000",
    "toolbar.if_bothersome": "bg:ansicyan #000000",
    "toolbar.none": "",
})


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


class ChatCompleter(Completer):
    """prompt_toolkit's side of :func:`suggest`."""

    def __init__(self, words: Sequence[str], commands: Mapping[str, str]) -> None:
        self.words, self.commands = tuple(words), dict(commands)

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        for s in suggest(document.text_before_cursor, self.words, self.commands):
            yield Completion(s.text, start_position=-s.replace, display_meta=s.meta or None)


# ---------------------------------------------------------------- history

def history_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where typed lines are kept: ``history`` in the user's triage-bot data folder."""
    from .reports import user_data_dir
    return user_data_dir(dict(os.environ if environ is None else environ)) / HISTORY_FILE_NAME


def _private_opener(path: str, flags: int) -> int:
    """Open the history without following a link, and only when it is the user's own file."""
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), HISTORY_FILE_MODE)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link: another user's file could be behind it
            raise UnsafeFileError(f"history file {path} is not used: it is a symbolic link") from None
        raise
    try:
        check_private_fd(fd, path, "history file")
    except BaseException:
        os.close(fd)
        raise
    return fd


class PrivateFileHistory(FileHistory):
    """prompt_toolkit's FileHistory, opened each time without following links and only if the user's own."""

    def load_history_strings(self) -> Iterable[str]:
        strings: list[str] = []
        lines: list[str] = []
        try:
            with open(self.filename, "rb", opener=_private_opener) as f:
                for line_bytes in f:
                    line = line_bytes.decode("utf-8", errors="replace")
                    if line.startswith("+"):
                        lines.append(line[1:])
                    else:
                        if lines:
                            strings.append("".join(lines)[:-1])
                        lines = []
        except (OSError, UnsafeFileError):
            return []
        if lines:
            strings.append("".join(lines)[:-1])
        return reversed(strings)

    def store_string(self, string: str) -> None:
        try:
            with open(self.filename, "ab", opener=_private_opener) as f:
                f.write(f"\n# {datetime.now()}\n".encode("utf-8", errors="replace"))
                for line in string.split("\n"):
                    f.write(f"+{line}\n".encode("utf-8", errors="replace"))
        except (OSError, UnsafeFileError):
            pass  # the history is a convenience: a chat never stops for it


def open_history(path: str | os.PathLike[str]) -> FileHistory:
    """A history file only its owner can read, created before prompt_toolkit appends to it.

    Its folders are made 0700 whatever the umask; a link, or another user's
    file, is refused; the user's own file that others could read is made
    0600 (``.notice`` says so). Raises OSError or UnsafeFileError.
    """
    path = Path(path)
    make_private_dirs(path.parent)
    fd = _private_opener(str(path), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        notice = check_private_fd(fd, str(path), "history file")
    finally:
        os.close(fd)
    history = PrivateFileHistory(str(path))
    history.notice = notice
    return history


# ---------------------------------------------------------------- the conversation at the terminal

def _is_declined(report: Mapping[str, Any]) -> bool:
    return bool(report.get("declined")) or report.get("status") == "declined"


class Chat:
    """One terminal conversation: the engine, its state, and where replies and warnings go.

    ``Chat(engine, echo=print).handle("I feel dizzy")`` steps the engine and
    prints its replies, made safe and coloured.
    """

    def __init__(self, engine: Any, *, echo: Callable[[str], Any], warn: Callable[[str], Any] | None = None,
                 colour: bool = False, store: Any = None) -> None:
        self.engine, self.echo, self.colour, self.store = engine, echo, colour, store
        self.warn = warn or echo
        self.finished = False
        self.store_failed = False
        self._saved_report: Any = None
        self.tier_pattern = compile_tier_names(tier_names(engine))
        self.labels = disposition_labels(engine)
        self.state, self._greeting = engine.start()

    def greet(self) -> None:
        self.say(self._greeting)

    def say(self, lines: Iterable[str]) -> None:
        """Print reply lines; a line may hold several, and none is printed raw."""
        for line in lines:
            for part in str(line).split("\n"):
                self.echo(paint_tiers(safe_text(part), self.colour, self.tier_pattern))

    def result(self) -> Any:
        return self.engine.result(self.state)

    def handle(self, text: str) -> None:
        """One line from the patient: a slash command, or words for the engine."""
        from .triage import InputError

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
            self.state, lines = self.engine.step(self.state, text)
        except InputError as exc:
            self.say([str(exc)])
            return
        self.say(lines)
        if self.state.done:
            self.finished = True
            self.save_report()

    def finish(self) -> None:
        """End the conversation with its summary, and keep its report (Ctrl-D, /quit, end of input)."""
        if self.finished:
            return
        self.state, lines = self.engine.end(self.state)
        self.say(lines)
        self.finished = True
        self.save_report()

    def restart(self) -> None:
        """Forget this conversation and start again; a report already given is kept first."""
        self.save_report()
        self.state, lines = self.engine.start()
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
    chat.say(chat.engine.summary(chat.state))


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


# ---------------------------------------------------------------- assembling the session

def build_session(chat: Chat, *, words: Sequence[str] = (), input: Any = None, output: Any = None,
                  history_path: str | os.PathLike[str] | None = None,
                  history: History | None = None) -> PromptSession:
    """The PromptSession of one chat: history, completer, toolbar.

    ``history_path`` None keeps typed lines in memory only (--no-history);
    tests pass ``input=create_pipe_input()`` and ``output=DummyOutput()``.
    """
    if history is None:
        history = open_history(history_path) if history_path is not None else InMemoryHistory()
    return PromptSession(
        message=PROMPT,
        history=history,
        completer=ChatCompleter(words, {c.name: c.help for c in COMMANDS.values()}),
        complete_while_typing=True,
        bottom_toolbar=create_toolbar_tokens_func(chat),
        style=TOOLBAR_STYLE,
        input=input,
        output=output,
    )


def prompt_loop(chat: Chat, session: PromptSession) -> None:
    """Ask until the conversation ends: Ctrl-C clears the line, Ctrl-D ends with the summary."""
    while not chat.finished:
        try:
            text = session.prompt()
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        chat.handle(text)
    chat.finish()


def plain_loop(chat: Chat, stdin: TextIO) -> None:
    """The chat without a screen: one message a line, until the end of the input.

    Lines are read as bytes where the stream allows, so invalid UTF-8 reaches
    the engine (which asks again) instead of ending the chat and its report.
    """
    raw = getattr(stdin, "buffer", None)
    lines = (b.decode("utf-8", "surrogateescape") for b in raw) if raw is not None else stdin
    for line in lines:
        chat.handle(line.rstrip("\r\n"))
        if chat.finished:
            break
    chat.finish()


def _writer(stream: TextIO) -> Callable[[str], None]:
    def write(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()
    return write


def _engine_words(engine: Any) -> tuple[str, ...]:
    triager = getattr(engine, "triager", None)
    drug = getattr(triager, "drug", None)
    return symptom_words(triager.knowledge, drug) if drug is not None else ()


def run_chat(engine: Any, *, history: bool, store: Any, input: Any = None, output: Any = None,
             stdin: TextIO | None = None, echo: Callable[[str], Any] | None = None,
             warn: Callable[[str], Any] | None = None, colour: bool | None = None) -> int:
    """Hold one conversation at the terminal and return the exit status.

    ``store`` is None (--no-store), a path to open a ReportStore at when a
    report is to be saved, or any object with ``add(report) -> id``.  With a
    prompt_toolkit ``input`` given, or a terminal on standard input, the chat
    runs full screen; otherwise it reads plain lines from ``stdin``.
    Exit status 0, or 1 when the report could not be saved.
    """
    stdin = sys.stdin if stdin is None else stdin
    echo = echo or _writer(sys.stdout)
    warn = warn or _writer(sys.stderr)
    if colour is None:
        colour = wants_colour(sys.stdout)
    chat = Chat(engine, echo=echo, warn=warn, colour=colour, store=store)
    chat.greet()
    if input is None and not wants_terminal(stdin):
        plain_loop(chat, stdin)
    else:
        session_history = None
        if history:
            path = history_path()
            try:
                session_history = open_history(path)
                if session_history.notice:
                    warn(safe_text(f"{PROG}: {session_history.notice}"))
            except UnsafeFileError as exc:
                warn(safe_text(f"{PROG}: history is not kept: {exc}"))
                session_history = InMemoryHistory()
            except OSError as exc:
                warn(safe_text(f"{PROG}: history is not kept: cannot write {path}: {exc.strerror or exc}"))
                session_history = InMemoryHistory()
        session = build_session(chat, words=_engine_words(engine), input=input, output=output,
                                history=session_history)
        prompt_loop(chat, session)
    return EXIT_STORE if chat.store_failed else EXIT_OK


def wants_terminal(stdin: Any) -> bool:
    """Whether the patient is typing at a terminal (not piping a file in)."""
    try:
        return bool(stdin.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m triage_bot.chat [--no-history] [--no-store] [--db PATH] [--knowledge DIR] [--drug NAME]``."""
    import argparse

    from .conversation import Engine
    from .knowledge import KnowledgeError, load_knowledge
    from .triage import Triager

    parser = argparse.ArgumentParser(prog=f"{PROG} chat", description="Talk through side effects at the terminal.")
    add_chat_arguments(parser)
    parser.add_argument("--knowledge", metavar="DIR", help="knowledge folder to use instead of the built-in one")
    parser.add_argument("--drug", metavar="NAME", help="drug to triage for (default: the first in the knowledge)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        engine = Engine(Triager(load_knowledge(args.knowledge), args.drug))
    except KnowledgeError as exc:
        sys.stderr.write(safe_text(f"{PROG}: error: {exc}") + "\n")
        return 1
    return run_chat(engine, history=not args.no_history, store=store_from_args(args))


def add_chat_arguments(parser: Any) -> None:
    """The chat's options, for this module's main and for the ``chat`` subcommand of cli.py."""
    parser.add_argument("--no-history", action="store_true", help="do not keep typed lines in a history file")
    parser.add_argument("--db", metavar="FILE", help="report database (default: $TRIAGE_BOT_DB or the user data folder)")
    parser.add_argument("--no-store", action="store_true", help="do not store adverse-event reports")


def store_from_args(args: Any) -> Any:
    """What --no-store and --db ask for: None, or the path of the report database."""
    if getattr(args, "no_store", False):
        return None
    if getattr(args, "db", None):
        return args.db
    from .reports import default_db_path

    return default_db_path()


if __name__ == "__main__":
    sys.exit(main())
