"""The command line's arguments: the parser of every command, and `triage-bot --no-store` as the chat.

Kept lean on purpose: a one-shot `triage-bot triage` builds this parser on
every run, so argparse is imported only when building it, the version only
when asked for, and the `reports` options (which load the report exports) only
when the command line names them or asks for help.
"""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any

PROG = "triage-bot"
# --db reads the same on every command; report_args.DB_HELP is the same text (importing it would
# bring the report exports into a one-shot run).
DB_METAVAR = "FILE|URL"
DB_HELP = ("report database: an SQLite file, or a postgresql:// URL (keep its password in ~/.pgpass or "
           "$TRIAGE_BOT_DB, not here) (default: $TRIAGE_BOT_DB if set, else $XDG_DATA_HOME/triage-bot/reports.db "
           "or ~/.local/share/triage-bot/reports.db)")


def package_version() -> str:
    """The installed package's version, e.g. "0.1.0"; ``triage_bot.__version__`` when not installed."""
    from importlib.metadata import PackageNotFoundError, version  # only for --version: it is slow to import
    try:
        return version("triage-bot")
    except PackageNotFoundError:
        return str(getattr(sys.modules[__package__], "__version__", "unknown"))


REPORTS_HELP = "list, show and export stored adverse-event reports"
# The "example:" epilog of each command's --help.  Patient words go on
# standard input, never on the command line, where every local user can read them.
EXAMPLES = {
    "": "triage-bot --no-history --db ~/nurse-line/reports.db",
    "triage": "triage-bot triage --json - < message.txt",
    "batch": "triage-bot batch messages.jsonl > answers.jsonl",
    "serve": "triage-bot serve --stdio --db ~/nurse-line/reports.db < calls.jsonl > answers.jsonl",
    "replay": "triage-bot replay --no-store - < script.txt",
    "chat": "triage-bot chat --no-history --db ~/nurse-line/reports.db",
}


def _formatter() -> Any:
    import argparse

    class Formatter(argparse.HelpFormatter):
        """Wrapped to the terminal; a text of several lines (an example) kept as written."""

        # argparse imports shutil just to measure the terminal; os does it for
        # less, and a one-shot run pays for every import.
        def __init__(self, prog: str) -> None:
            try:
                width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
            except (ValueError, OSError):
                width = 80
            super().__init__(prog, width=width - 2)

        def _fill_text(self, text: str, width: int, indent: str) -> str:
            if "\n" in text:
                return "".join(indent + line for line in text.splitlines(keepends=True))
            return super()._fill_text(text, width, indent)
    return Formatter


def _version_action() -> Any:
    import argparse

    class Version(argparse._VersionAction):
        """action="version", with the version looked up only when it is asked for."""

        def __call__(self, parser: Any, *args: Any) -> None:
            self.version = f"{PROG} {package_version()}"
            super().__call__(parser, *args)
    return Version


COMMANDS = ("triage", "batch", "serve", "replay", "chat", "reports")
HELPS = {
    "triage": "triage one message and print the result",
    "batch": "triage JSON Lines requests from FILE or standard input",
    "serve": "conversations for nurse-line software: JSON Lines on stdin/stdout, or HTTP",
    "replay": "run a scripted conversation (text or JSON Lines) and print it",
    "chat": "talk through side effects at the terminal (the default)",
    "reports": REPORTS_HELP,
}
# Options of the whole program that take a value: "--knowledge DIR", "--drug NAME".
_GLOBAL_VALUES = ("--knowledge", "--drug")


def command_of(argv: list[str]) -> str | None:
    """The command an argument list names, or None (the chat, or a usage error).

    >>> command_of(["--drug", "baclofen", "triage", "-"])
    'triage'
    """
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _GLOBAL_VALUES:
            i += 2
            continue
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
        i += 1
    return None


# The one-shot's own options: the values each takes, or None for a flag.
_TRIAGE_OPTIONS = {"--json": None, "--stopped-suddenly": ("yes", "no"), "--took-too-much": ("yes", "no")}


def quick_args(argv: list[str]) -> Any:
    """The arguments of a plain one-shot line, read without argparse (which costs a
    one-shot run about as much as its triage): ``[--knowledge DIR] [--drug NAME]
    triage [OPTIONS] WORD... [OPTIONS]``, no word or value starting with "-" but a
    lone "-".  None for any other line (help, a usage error, another command, an
    abbreviated option): the parser reads those, so the two never disagree.

    >>> quick_args(["triage", "--json", "my ears are ringing"]).text
    ['my ears are ringing']
    """
    from types import SimpleNamespace

    values: dict[str, Any] = {"knowledge": None, "drug": None, "command": "triage", "no_history": False,
                              "no_store": False, "db": None, "text": [], "json": False,
                              "stopped_suddenly": None, "took_too_much": None}
    i = 0
    while i < len(argv) and argv[i] in _GLOBAL_VALUES:
        if i + 1 == len(argv) or argv[i + 1].startswith("-"):
            return None
        values[argv[i][2:]] = argv[i + 1]
        i += 2
    if argv[i:i + 1] != ["triage"]:
        return None
    text, i, after = values["text"], i + 1, False
    while i < len(argv):
        arg = argv[i]
        if arg in _TRIAGE_OPTIONS:
            choices = _TRIAGE_OPTIONS[arg]
            if choices is None:
                values["json"] = True
            elif i + 1 < len(argv) and argv[i + 1] in choices:
                i += 1
                values[arg[2:].replace("-", "_")] = argv[i]
            else:
                return None
            after = bool(text)
        elif arg.startswith("-") and arg != "-" or after:
            return None  # an option it does not know, or words after the options that follow words
        else:
            text.append(arg)
        i += 1
    return SimpleNamespace(**values) if text else None


def build_parser(with_reports: bool = True, only: str | None = None) -> Any:
    """The argument parser; ``with_reports=False`` leaves the report commands'
    options (and the report exports they import) out of a one-shot run, and
    ``only="triage"`` builds that command's options (and the chat's, which
    decide what a bare option means) and names the others: argparse's cost
    grows with every option, and a one-shot run builds this on every start."""
    import argparse

    formatter = _formatter()
    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=formatter, epilog=f"example:\n  {EXAMPLES['']}\n",
        description="Triage patient-reported side effects of a drug. With no COMMAND, triage-bot is "
                    "`triage-bot chat` and takes the chat's options (--no-history, --no-store, --db FILE).")
    parser.add_argument("-V", "--version", action=_version_action(), help="print the version and exit")
    parser.add_argument("--knowledge", metavar="DIR", help="knowledge folder to use instead of the built-in one")
    parser.add_argument("--drug", metavar="NAME", help="drug to triage for (default: the first in the knowledge)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> Any:
        if only is not None and name not in (only, "chat"):
            return _Unbuilt()  # named below, never parsed
        return sub.add_parser(name, formatter_class=formatter, help=help, epilog=f"example:\n  {EXAMPLES[name]}\n")

    _add_commands(command)
    parser.set_defaults(no_history=False, no_store=False, db=None)  # a bare `triage-bot` is the chat

    if with_reports and only in (None, "reports"):
        from . import report_args
        report_args.add_subparser(sub, formatter_class=formatter)
    else:
        sub.add_parser("reports", formatter_class=formatter, help=REPORTS_HELP, add_help=False)
    if only is not None:  # the other commands by name only, in their order
        ordered = {name: sub.choices.get(name) for name in COMMANDS}
        for name in COMMANDS:
            if ordered[name] is None:
                ordered[name] = sub.add_parser(name, formatter_class=formatter, help=HELPS[name], add_help=False)
        sub.choices.clear()
        sub.choices.update(ordered)
    return parser


def _add_commands(command: Any) -> None:
    """The options of triage, batch, serve, replay and chat; ``command(name, help)`` gives each its parser."""
    p = command("triage", HELPS["triage"])
    p.add_argument("text", nargs="+", help="the patient's words, or - to read them from standard input (keeps "
                   "them out of the process list, which every local user can read)")
    p.add_argument("--json", action="store_true", help="print the JSON result instead of text")
    p.add_argument("--stopped-suddenly", choices=["yes", "no"], help="whether the medicine was stopped suddenly")
    p.add_argument("--took-too-much", choices=["yes", "no"], help="whether more than prescribed was taken")

    p = command("batch", HELPS["batch"])
    p.add_argument("file", nargs="?", default="-", help="JSON Lines file, or - for standard input (default)")

    p = command("serve", HELPS["serve"])
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--stdio", action="store_true", help="read and answer on standard input/output")
    mode.add_argument("--http", action="store_true", help="an HTTP JSON API and the patient web chat (needs "
                      "pip install 'triage-bot[server]'); every call is kept in the store")
    p.add_argument("--host", default="127.0.0.1", help="--http: the address to listen on (default 127.0.0.1; any "
                   "other needs TRIAGE_BOT_TOKEN set)")
    p.add_argument("--port", type=_port, default=8080, help="--http: the port (default 8080)")
    p.add_argument("--no-access-log", action="store_true", help="--http: no line per request on stderr")
    _add_store_options(p)
    _add_limit_options(p)

    p = command("replay", HELPS["replay"])
    p.add_argument("file", help="the script, or - for standard input: one patient message a line, or JSON Lines "
                   "with sessions")
    _add_store_options(p)

    p = command("chat", HELPS["chat"])
    p.add_argument("--no-history", action="store_true", help="do not keep typed lines in a history file")
    _add_store_options(p)


class _Unbuilt:
    """A command's parser left unbuilt: every call to it (add_argument, a group) does nothing."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self


def chat_by_default(argv: list[str], parser: Any) -> list[str]:
    """`triage-bot --no-store` is `triage-bot chat --no-store`: a chat option before any command means the chat.

    >>> chat_by_default(["--drug", "baclofen", "--db=r.db"], build_parser(False))
    ['--drug', 'baclofen', 'chat', '--db=r.db']
    """
    import argparse

    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    chat_options = {o for a in commands.choices["chat"]._actions for o in a.option_strings} - {"-h", "--help"}
    with_value = {o for a in parser._actions if a.option_strings and a.nargs is None for o in a.option_strings}
    i = 0
    while i < len(argv):
        name = argv[i].split("=", 1)[0]
        if name in chat_options:
            return [*argv[:i], "chat", *argv[i:]]
        if name not in with_value:
            break
        i += 1 if "=" in argv[i] else 2  # --knowledge DIR, --drug=NAME
    return argv


def _port(text: str) -> int:
    import argparse
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0 to 65535): {text!r}")
    return int(text)


def _positive(kind: Any) -> Any:
    def parse(text: str) -> Any:
        import argparse
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
        return value
    return parse


# serve's limits, as serve.Limits has them: repeated here because importing
# serve (threads, the report store) would slow every one-shot run's parser.
SERVE_LIMITS = {"sessions": 10_000, "idle_s": 1800.0, "turns": 200, "chars": 200_000}


def _add_limit_options(p: Any) -> None:
    d = SERVE_LIMITS
    p.add_argument("--max-sessions", type=_positive(int), default=d["sessions"], metavar="N",
                   help=f"open sessions at once; past it a new session is refused (default {d['sessions']:,})")
    p.add_argument("--idle-timeout", type=_positive(float), default=d["idle_s"], metavar="SECONDS",
                   help=f"close a session silent this long, storing its report; 0 never (default {d['idle_s']:g})")
    p.add_argument("--max-turns", type=_positive(int), default=d["turns"], metavar="N",
                   help=f"messages per session; past it a message is refused (default {d['turns']:,})")
    p.add_argument("--max-chars", type=_positive(int), default=d["chars"], metavar="N",
                   help=f"characters of patient text per session (default {d['chars']:,})")


def _add_store_options(p: Any) -> None:
    p.add_argument("--db", metavar=DB_METAVAR, help=DB_HELP)
    p.add_argument("--no-store", action="store_true", help="do not store adverse-event reports")
