"""The `triage-bot reports` command: list, show and export stored adverse-event reports.

A thin front over triage_bot.reports: argument parsing, terminal-safe output
and exit codes (0 ok, 1 not found or unusable database, 2 usage error).

    triage-bot reports list --since "last week"
    triage-bot reports show 3f9a2c1b7d4e
    triage-bot reports export --format csv -o reports.csv
    triage-bot reports import reports-unstored-20261201T101500Z-1a2b3c4d.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TextIO

from triage_bot import reports
from triage_bot.text import safe_json_text, safe_text

PROG = "triage-bot"
EXIT_OK, EXIT_ERROR = 0, 1  # argparse exits with 2 on usage errors
LIST_EFFECTS_WIDTH = 60
EXPORT_FORMATS: dict[str, Callable[[Iterable[dict], TextIO], int]] = {
    "jsonl": reports.export_jsonl,
    "csv": reports.export_csv,
    "e2b": reports.export_e2b_jsonl,
}
# An export holds health data: only its owner may read it.
EXPORT_FILE_MODE = 0o600
# The same metavar and words as triage_bot.cli's --db on chat, serve and replay.
DB_METAVAR = "FILE"
DB_HELP = (
    f"report database file (default: ${reports.DB_ENV_VAR} if set, else "
    f"$XDG_DATA_HOME/{reports.APP_DIR_NAME}/{reports.DB_FILE_NAME} or "
    f"~/.local/share/{reports.APP_DIR_NAME}/{reports.DB_FILE_NAME})"
)
SINCE_HELP = ("only reports created on or after DATE (UTC), e.g. 2026-11-20, 2026-11-20T14:30Z, 20 Nov 2026, "
              "'last week' or '3 hours ago'")
# The "example:" epilog of each command's --help.
EXAMPLES = {
    "reports": "triage-bot reports list --db ~/nurse-line/reports.db",
    "list": "triage-bot reports list --since 2026-11-20",
    "show": "triage-bot reports show 3f9a2c1b7d4e --json",
    "export": "triage-bot reports export --format csv -o reports.csv",
    "import": "triage-bot reports import reports-unstored-20261201T101500Z-1a2b3c4d.jsonl",
}


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, but a text of several lines (an example) is kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _example(command: str) -> str:
    return f"example:\n  {EXAMPLES[command]}\n"


def add_subparser(
    subparsers: argparse._SubParsersAction, formatter_class: type[argparse.HelpFormatter] = HelpFormatter
) -> argparse.ArgumentParser:
    """Add the `reports` command to a parser's sub-commands (``formatter_class`` keeping the
    examples' lines, as HelpFormatter does); run it with `run(args)`.

    >>> parser = argparse.ArgumentParser(prog="triage-bot")
    >>> add_subparser(parser.add_subparsers(dest="command"))  # doctest: +ELLIPSIS
    ArgumentParser(prog='triage-bot reports', ...)
    >>> run(parser.parse_args(["reports", "list", "--db", "reports.db"]))  # doctest: +SKIP
    0
    """
    # --db goes on each sub-command so that `reports list --db FILE` works.
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--db", metavar=DB_METAVAR, type=Path, help=DB_HELP)

    parser = subparsers.add_parser(
        "reports",
        help="list, show and export stored adverse-event reports",
        description="List, show and export the adverse-event reports saved at the end of conversations.",
        formatter_class=formatter_class, epilog=_example("reports"),
    )  # fmt: skip
    commands = parser.add_subparsers(
        dest="reports_command", metavar="COMMAND", required=True, help="what to do with the reports"
    )

    def command(name: str, help: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[database], help=help, description=description,
                                   formatter_class=formatter_class, epilog=_example(name))  # fmt: skip

    lister = command(
        "list",
        "one line per stored report, oldest first",
        "One line per stored report, oldest first: id, creation time, validity (with the minimum criteria "
        "an invalid report misses), disposition, effects.",
    )
    lister.add_argument("--since", metavar="DATE", type=_since_date, help=SINCE_HELP)

    show = command(
        "show",
        "print one report in full",
        "Print one stored report in full, with its validity against the four minimum criteria.",
    )
    show.add_argument("id", metavar="ID", help="report id, as printed by `triage-bot reports list`")
    show.add_argument("--json", action="store_true", help="print the stored report as JSON instead of text")

    _add_export_options(command(
        "export",
        "write stored reports as JSON lines, CSV or E2B-shaped JSON",
        "Write stored reports, oldest first. jsonl: one report per line, every field. "
        "csv: one row per adverse event (reporter contact left out). "
        "e2b: one ICH E2B(R3)-shaped JSON case per line.",
    ))  # fmt: skip
    command(
        "import",
        "store the reports of a recovery file written by `serve`",
        "Store the reports of a recovery file: serve writes one, readable by you only, when reports it "
        "accepted could not be stored. Reports already stored are not added twice.",
    ).add_argument("file", metavar="FILE", help="the recovery file (JSON lines, one report each)")
    return parser


def _add_export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--format", choices=sorted(EXPORT_FORMATS), default="jsonl", help="output format (default: jsonl)"
    )
    export.add_argument("--since", metavar="DATE", type=_since_date, help=SINCE_HELP)
    export.add_argument(
        "--with-unshared-contacts",
        action="store_true",
        help="also write the contact details of reporters who did not agree to share them "
        "(left out by default)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        help="write to FILE, created readable by you only, instead of standard output ('-', the default)",
    )


def run(args: argparse.Namespace) -> int:
    """Carry out a parsed `reports` command and return the exit code: 0 ok, 1 error.

    Errors are one line on stderr, e.g. "triage-bot: error: no report with id ...".
    """
    command = {"list": _list, "show": _show, "export": _export, "import": _import}[args.reports_command]
    try:
        if args.reports_command == "import":
            recovered = reports.read_recovery(args.file)  # a bad file is refused before the database is touched
        with _open_store(args) as store:
            for notice in store.notices:
                print(f"{PROG}: {_text(notice)}", file=sys.stderr)
            if args.reports_command == "import":
                added, present = store.import_reports(recovered)
                print(f"{PROG}: imported {added} report{'s' if added != 1 else ''} from {_text(args.file)}"
                      f" into {_text(store.path)}" + (f" ({present} already there)" if present else ""),
                      file=sys.stderr)
                return EXIT_OK
            command(store, args, sys.stdout)
            sys.stdout.flush()  # a reader that has gone is met here, not in the interpreter's exit
    except BrokenPipeError:
        # The reader (e.g. `| head -1`) has gone: stop quietly like other Unix tools, and send what is
        # still buffered to the null device so the exit's own flush is quiet too (the Python docs' recipe).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except reports.ReportStoreError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {exc.filename}: {exc.strerror}")
    return EXIT_OK


class _NoDatabase:
    """The report database before the first report is saved: read as an empty one, and not created."""

    notices: tuple[str, ...] = ()

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> _NoDatabase:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def list(self, since: date | None = None) -> list[reports.ReportSummary]:
        return []

    def iter_reports(self, since: date | None = None) -> Iterable[dict]:
        return iter(())


def _open_store(args: argparse.Namespace) -> reports.ReportStore | _NoDatabase:
    """The store to read; `list` and `export` of a database not there yet (a fresh install) find no reports."""
    path = Path(args.db) if args.db is not None else reports.default_db_path()
    if args.reports_command in ("list", "export") and not os.path.lexists(path):
        return _NoDatabase(path)
    return reports.ReportStore(path, create=args.reports_command == "import")


def main(argv: Sequence[str] | None = None) -> int:
    """Run `triage-bot reports ...` on its own, e.g. ``main(["reports", "list"])``.

    Usage errors and --help exit through argparse (code 2 and 0).
    """
    parser = argparse.ArgumentParser(prog=PROG, description="Adverse-event reports saved by triage-bot.",
                                     formatter_class=HelpFormatter, epilog=_example("reports"))
    add_subparser(parser.add_subparsers(dest="command", metavar="COMMAND", required=True, help="command to run"))
    return run(parser.parse_args(argv))


def format_report(view: dict) -> str:
    """A stored report (as `ReportStore.get` returns it) as readable, terminal-safe text.

    >>> print(format_report({"id": "3f9a2c1b7d4e", "events": [{"verbatim": "so dizzy"}]}))  # doctest: +SKIP
    Report 3f9a2c1b7d4e
    ...
    Event 1:          "so dizzy"
    """
    validity = view.get("validity") or {}
    missing = ", ".join(validity.get("missing") or [])
    lines = [
        f"Report {_text(view.get('id'))}",
        _line("Valid", "yes" if validity.get("valid") else f"no (missing: {missing})"),
        _line("Created", view.get("created")),
        _line("Session", view.get("session")),
        _line("Drug", _pairs(view.get("drug"))),
        _line("Patient", _pairs(view.get("patient"))),
        _line("Reporter", _pairs(view.get("reporter"))),
    ]
    events = view.get("events") if isinstance(view.get("events"), list) else []
    for number, event in enumerate(events, start=1):
        details = {key: value for key, value in event.items() if key != "verbatim"} if isinstance(event, dict) else {}
        verbatim = event.get("verbatim") if isinstance(event, dict) else event
        lines.append(_line(f"Event {number}", f'"{_text(verbatim)}"'))
        lines.append(_line("", _pairs(details)))
    lines.append(_line("Seriousness", _pairs(view.get("seriousness"))))
    medicines = view.get("other_medicines") if isinstance(view.get("other_medicines"), list) else []
    lines.append(_line("Other medicines", "; ".join(_pairs(medicine) for medicine in medicines)))
    for key in ("alcohol", "disposition", "advice", "advised_at", "declined"):
        lines.append(_line(key.replace("_", " ").capitalize(), view.get(key)))
    shown = {"id", "validity", "created", "session", "drug", "patient", "reporter", "events", "seriousness",
             "other_medicines", "alcohol", "disposition", "advice", "advised_at", "declined"}  # fmt: skip
    for key in sorted(view.keys() - shown):
        lines.append(_line(key, json.dumps(view[key], ensure_ascii=False)))
    return "\n".join(lines)


def _list(store: reports.ReportStore | _NoDatabase, args: argparse.Namespace, out: TextIO) -> None:
    summaries = store.list(since=args.since)
    if not summaries:
        since = f" since {args.since.isoformat()}" if args.since else ""
        yet = " yet" if isinstance(store, _NoDatabase) else ""
        out.write(f"No reports{yet}{since} in {_text(store.path)}.\n")
        return
    validity = [_validity(store, summary) for summary in summaries]
    width = max(len("VALID"), *map(len, validity))
    out.write(f"{'ID':<12}  {'CREATED (UTC)':<25}  {'VALID':<{width}}  {'DISPOSITION':<17}  EFFECTS\n")
    for summary, valid in zip(summaries, validity):
        effects = " ".join("; ".join(summary.effects).split())  # one line per report
        if len(effects) > LIST_EFFECTS_WIDTH:
            effects = effects[: LIST_EFFECTS_WIDTH - 1] + "…"
        out.write(
            f"{_text(summary.id):<12}  {_text(summary.created):<25}  {valid:<{width}}  "
            f"{_text(summary.disposition or '-'):<17}  {_text(effects)}\n"
        )


def _validity(store: reports.ReportStore, summary: reports.ReportSummary) -> str:
    """"yes", or "no (missing: patient, reporter)": the minimum criteria an invalid report misses."""
    if summary.valid:
        return "yes"
    missing = store.get(summary.id).get("validity", {}).get("missing") or []
    return f"no (missing: {', '.join(_text(name) for name in missing)})"


def _show(store: reports.ReportStore, args: argparse.Namespace, out: TextIO) -> None:
    view = store.get(args.id)
    if args.json:
        # Control, BiDi and other invisible characters become JSON escapes: the same data, shown safely.
        out.write(safe_json_text(reports.escape_surrogates(json.dumps(view, ensure_ascii=False, indent=2))) + "\n")
    else:
        out.write(format_report(view) + "\n")


def _import(store: reports.ReportStore, args: argparse.Namespace, out: TextIO) -> None:
    """Carried out in `run`, which reads the file before the database is opened."""


def _exported(store: reports.ReportStore, args: argparse.Namespace) -> Iterable[dict]:
    found = store.iter_reports(args.since)
    if getattr(args, "with_unshared_contacts", False):
        return found
    # Data minimisation: a contact the reporter did not agree to share stays in `show` only.
    return (reports.without_unshared_contacts(report) for report in found)


def _export(store: reports.ReportStore, args: argparse.Namespace, out: TextIO) -> None:
    write = EXPORT_FORMATS[args.format]
    if args.output == "-":
        # Exact data down a pipe; neutralised patient text on a terminal.
        write(_exported(store, args), _TerminalWriter(out) if out.isatty() else out)
        return
    target = Path(args.output)
    if target.exists() and target.resolve() == Path(store.path).resolve():
        raise reports.ReportStoreError(f"{target} is the report database itself; choose another output file")
    # Written beside the target and renamed over it, owner-only from the start:
    # a failed export never leaves half a file, and never widens an old file's mode.
    partial = target.with_name(f".{target.name}.{os.urandom(6).hex()}.partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, EXPORT_FILE_MODE)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as file:
            count = write(_exported(store, args), file)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    print(f"{PROG}: wrote {count} {'rows' if args.format == 'csv' else 'reports'} to {_text(args.output)}",
          file=sys.stderr)  # fmt: skip


class _TerminalWriter:
    """A text stream to a terminal that shows control characters in exports instead of obeying them."""

    def __init__(self, terminal: TextIO) -> None:
        self._terminal = terminal

    def write(self, text: str) -> int:
        return self._terminal.write(safe_text(text.replace("\r\n", "\n")))


# "3 hours ago", "an hour ago", "90 minutes ago": times within a day.
_CLOCK_AGO = re.compile(r"(\d{1,6}|an?|one)\s*(minutes?|mins?|m|hours?|hrs?|h)\s+ago")
# 01/12/2026 read as 1 December or as 12 January: refused, not guessed.
_AMBIGUOUS = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_SINCE_PROBLEMS = {"date_future": "is in the future", "date_calendar": "is not a date on the calendar",
                   "date_too_early": "is before 1900", "too_long": "is too long"}


def _since_date(text: str) -> date | datetime:
    """The --since moment: "2026-11-20", "2026-11-20T14:30Z" (UTC when no offset),
    "3 hours ago", "last week", "20 Nov 2026"; a numeric date that reads both
    ways (01/12/2026) is refused with the two readings named."""
    from triage_bot.answers import AnswerError, answer_words
    from triage_bot.triage import load_triager

    answer = " ".join(text.split()).lower()
    now = datetime.now(timezone.utc)
    if m := _CLOCK_AGO.fullmatch(answer):
        count = int(m.group(1)) if m.group(1).isdigit() else 1
        minutes = count * (60 if m.group(2).startswith("h") else 1)
        return (now - timedelta(minutes=minutes)).replace(tzinfo=None)
    if ":" in answer:
        try:
            moment = datetime.fromisoformat(re.sub(r"z$", "+00:00", answer))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 time; use e.g. 2026-11-20T14:30Z") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
        if moment > now.replace(tzinfo=None):
            raise argparse.ArgumentTypeError(f"{text!r} is in the future")
        return moment
    if (m := _AMBIGUOUS.fullmatch(answer)) and m.group(1) != m.group(2) and max(map(int, m.group(1, 2))) <= 12:
        raise argparse.ArgumentTypeError(
            f"{text!r} could be {m.group(1)} {_MONTH_NAMES[int(m.group(2))]} or {m.group(2)} "
            f"{_MONTH_NAMES[int(m.group(1))]}: write it as YYYY-MM-DD")
    try:
        return answer_words(load_triager().knowledge).read_date(text, today=now.date())
    except AnswerError as exc:
        problem = _SINCE_PROBLEMS.get(exc.key, "is not a date I can read")
        raise argparse.ArgumentTypeError(
            f"{text!r} {problem}; use e.g. 2026-11-20, 2026-11-20T14:30Z, 20 Nov 2026, 'last week' or "
            "'3 hours ago'") from None


_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


def _fail(message: str) -> int:
    one_line = safe_text(message).replace("\n", "\\n")
    print(f"{PROG}: error: {one_line}", file=sys.stderr)
    return EXIT_ERROR


def _text(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return safe_text(str(value))


def _line(label: str, value: Any) -> str:
    # Continuation lines of a multi-line answer stay under the value column.
    return f"{label + ':' if label else '':<17} " + _text(value).replace("\n", "\n" + " " * 18)


def _pairs(section: Any) -> str:
    if not isinstance(section, dict):
        return _text(section)
    return "; ".join(f"{_text(key)}: {_text(value)}" for key, value in section.items())
