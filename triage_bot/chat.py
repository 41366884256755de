"""The terminal chat: a prompt_toolkit front on the conversation engine.

    $ triage-bot
    > I feel dizzy since the new dose
    ...
    > /why

Like litecli and pgcli, one function (:func:`build_session`) assembles the
``PromptSession`` from small factories: the history, the completer, the
toolbar.  What those factories show is pure and tested with plain data, in
the front's two screen-free modules: ``chat_core`` (:class:`Chat`, the slash
commands of :data:`COMMANDS`, :func:`suggest`) and ``chat_text`` (tier
colours, :func:`toolbar_text`, lines wrapped to the width).  When standard
input is not a terminal the same :class:`Chat` reads plain lines and prints
plain replies, with no screen UI, wrapped as for an 80-column terminal.

What the patient typed is shown, never obeyed: every line the chat prints
goes through :func:`safe_text` before any colour is added.  What is typed
while the report interview asks its questions (an e-mail address, a phone
number) never reaches the history: the next caller at a shared terminal must
not find it with the Up arrow.
"""
from __future__ import annotations

import errno
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, AsyncGenerator, Callable, Iterable, Mapping, Sequence, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.application import get_app
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.styles import Style

from .chat_core import (COMMANDS, PROG, Chat, Command, Suggestion, add_report, parse_command,  # noqa: F401
                        suggest, symptom_words)
from .chat_text import (DISPOSITION_LABELS, TIER_NAMES, compile_tier_names, disposition_labels,  # noqa: F401
                        paint_tiers, tier_names, toolbar_text)
from .files import UnsafeFileError, check_private_fd, make_private_dirs
from .text import safe_text, wants_colour

EXIT_OK, EXIT_STORE = 0, 1
HISTORY_FILE_NAME = "history"
# The history holds the patient's own words: only its owner may read it.
HISTORY_DIR_MODE = 0o700
HISTORY_FILE_MODE = 0o600
PROMPT = "> "
# The toolbar is drawn with one space either side of its text.
TOOLBAR_PADDING = 2


# ---------------------------------------------------------------- the toolbar

def create_toolbar_tokens_func(chat: Chat, columns: Callable[[], int] | None = None
                               ) -> Callable[[], list[tuple[str, str]]]:
    """The toolbar as prompt_toolkit asks for it, styled by the current disposition and fitted to the screen.

    ``columns`` is the screen's width; by default the running application's output is asked each time,
    so a resized terminal still shows "/help".
    """
    def get_toolbar_tokens() -> list[tuple[str, str]]:
        result = chat.result()
        width = (columns() if columns is not None else get_app().output.get_size().columns) - TOOLBAR_PADDING
        return [(f"class:toolbar.{result.disposition}", " " + toolbar_text(result, chat.labels, width, chat.counts) + " ")]
    return get_toolbar_tokens


TOOLBAR_STYLE = Style.from_dict({
    "bottom-toolbar": "noreverse bg:#303030 #ffffff",
    "toolbar.emergency": "bg:ansired #ffffff bold",
    "toolbar.withdrawal": "bg:ansimagenta #ffffff",
    "toolbar.medical_attention": "bg:ansiyellow #000000",
    "toolbar.if_bothersome": "bg:ansicyan #000000",
    "toolbar.none": "",
})


# ---------------------------------------------------------------- completion

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


class GuardedHistory(History):
    """A history that keeps a line only while ``keep()`` says so, in memory and in its file.

    The chat's ``keep`` is "not in the report interview": the answers to the
    report's questions (initials, age, a phone number) are typed and read,
    and then forgotten; the symptom messages stay for the Up arrow.
    prompt_toolkit adds a line to the history when it is accepted, before the
    chat reads it, so ``keep()`` sees the phase the question was asked in.
    """

    def __init__(self, inner: History, keep: Callable[[], bool]) -> None:
        super().__init__()
        self.inner, self.keep = inner, keep

    async def load(self) -> AsyncGenerator[str, None]:
        async for item in self.inner.load():
            yield item

    def get_strings(self) -> list[str]:
        return self.inner.get_strings()

    def append_string(self, string: str) -> None:
        if self.keep():
            self.inner.append_string(string)

    def load_history_strings(self) -> Iterable[str]:
        return self.inner.load_history_strings()

    def store_string(self, string: str) -> None:
        if self.keep():
            self.inner.store_string(string)


# ---------------------------------------------------------------- assembling the session

def build_session(chat: Chat, *, words: Sequence[str] = (), input: Any = None, output: Any = None,
                  history_path: str | os.PathLike[str] | None = None,
                  history: History | None = None) -> PromptSession:
    """The PromptSession of one chat: history, completer, toolbar; the chat's replies fit its output.

    ``history_path`` None keeps typed lines in memory only (--no-history);
    either way the report interview's answers are kept out of it.  Tests pass
    ``input=create_pipe_input()`` and ``output=DummyOutput()``.
    """
    if history is None:
        history = open_history(history_path) if history_path is not None else InMemoryHistory()
    session: PromptSession = PromptSession(
        message=PROMPT,
        history=GuardedHistory(history, lambda: not chat.in_report()),
        completer=ChatCompleter(words, chat.sessions.command_help()),
        complete_while_typing=True,
        bottom_toolbar=create_toolbar_tokens_func(chat),
        style=TOOLBAR_STYLE,
        input=input,
        output=output,
    )
    chat.columns = lambda: session.output.get_size().columns
    return session


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


def _session_history(keep: bool, warn: Callable[[str], Any]) -> History | None:
    """The history file when one is kept, else None; a history that cannot be kept is one warning."""
    if not keep:
        return None
    path = history_path()
    try:
        history = open_history(path)
    except UnsafeFileError as exc:
        warn(safe_text(f"{PROG}: history is not kept: {exc}"))
        return InMemoryHistory()
    except OSError as exc:
        warn(safe_text(f"{PROG}: history is not kept: cannot write {path}: {exc.strerror or exc}"))
        return InMemoryHistory()
    if history.notice:
        warn(safe_text(f"{PROG}: {history.notice}"))
    return history


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
    if input is None and not wants_terminal(stdin):
        chat.greet()
        plain_loop(chat, stdin)
    else:
        session = build_session(chat, words=_engine_words(engine), input=input, output=output,
                                history=_session_history(history, warn))
        chat.greet()
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
    from .triager import Triager

    parser = argparse.ArgumentParser(prog=f"{PROG} chat", description="Talk through side effects at the terminal.")
    add_chat_arguments(parser)
    parser.add_argument("--knowledge", metavar="DIR", help="knowledge folder to use instead of the built-in one")
    parser.add_argument("--drug", metavar="NAME", help="drug to triage for (default: the first in the knowledge)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        engine = Engine(Triager(load_knowledge(args.knowledge, args.drug, every_drug=False), args.drug))
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
