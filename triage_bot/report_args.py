"""The `triage-bot reports` command's arguments: its sub-commands, their options and the --since reader.

    triage-bot reports list --since "last week"
    triage-bot reports export --format csv -o reports.csv

`add_subparser` puts them under a parser's commands; report_cli carries out
what was parsed.
"""

from __future__ import annotations

import argparse
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from triage_bot import reports

# The export formats; report_cli writes each (e2b-xml and fhir take the sender and MedDRA files).
EXPORT_FORMATS = {
    "jsonl": "one stored report per line, every field",
    "csv": "one row per adverse event (reporter contact left out)",
    "e2b-xml": "one ICH E2B(R3) ICSR XML batch, a case per report (needs pip install 'triage-bot[e2b]')",
    "fhir": "one FHIR R4B Bundle per line (an AdverseEvent per reaction)",
}
RETIRED_FORMATS = {"e2b": "the E2B-shaped JSON rendering was retired, since no safety database imports it: "
                          "use --format e2b-xml, the ICH E2B(R3) XML message"}
# The same metavar and words as triage_bot.cli_args's --db on chat, serve and replay.
DB_METAVAR = "FILE|URL"
DB_HELP = (
    "report database: an SQLite file, or a postgresql:// URL (keep its password in ~/.pgpass or "
    f"${reports.DB_ENV_VAR}, not here) (default: ${reports.DB_ENV_VAR} if set, else "
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


def example_epilog(command: str) -> str:
    """The "example:" epilog of ``command``'s --help."""
    return f"example:\n  {EXAMPLES[command]}\n"


def add_subparser(
    subparsers: argparse._SubParsersAction, formatter_class: type[argparse.HelpFormatter] = HelpFormatter
) -> argparse.ArgumentParser:
    """Add the `reports` command to a parser's sub-commands (``formatter_class`` keeping the
    examples' lines, as HelpFormatter does); run it with `report_cli.run(args)`.

    >>> parser = argparse.ArgumentParser(prog="triage-bot")
    >>> add_subparser(parser.add_subparsers(dest="command"))  # doctest: +ELLIPSIS
    ArgumentParser(prog='triage-bot reports', ...)
    >>> report_cli.run(parser.parse_args(["reports", "list", "--db", "reports.db"]))  # doctest: +SKIP
    0
    """
    # --db goes on each sub-command so that `reports list --db FILE` works.
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--db", metavar=DB_METAVAR, type=Path, help=DB_HELP)

    parser = subparsers.add_parser(
        "reports",
        help="list, show and export stored adverse-event reports",
        description="List, show and export the adverse-event reports saved at the end of conversations.",
        formatter_class=formatter_class, epilog=example_epilog("reports"),
    )  # fmt: skip
    commands = parser.add_subparsers(
        dest="reports_command", metavar="COMMAND", required=True, help="what to do with the reports"
    )

    def command(name: str, help: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[database], help=help, description=description,
                                   formatter_class=formatter_class, epilog=example_epilog(name))  # fmt: skip

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
        "write stored reports as JSON lines, CSV, E2B(R3) XML or FHIR",
        "Write stored reports, oldest first. "
        + " ".join(f"{name}: {words}." for name, words in EXPORT_FORMATS.items()),
    ))  # fmt: skip
    command(
        "import",
        "store the reports of a recovery file written by `serve`",
        "Store the reports of a recovery file: serve writes one, readable by you only, when reports it "
        "accepted could not be stored. Reports already stored are not added twice.",
    ).add_argument("file", metavar="FILE", help="the recovery file (JSON lines, one report each)")
    return parser


def _add_export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument("--format", type=_export_format, default="jsonl", metavar="FORMAT",
                        help=f"output format: {', '.join(EXPORT_FORMATS)} (default: jsonl)")
    export.add_argument("--sender", metavar="FILE",
                        help="e2b-xml: the sender (C.3) and receiver, a TOML file your PV team writes (see README)")
    export.add_argument("--meddra", metavar="FILE",
                        help="e2b-xml, fhir: your licensed mapping of the monograph's signs to MedDRA LLT codes "
                             "(TOML); without it the cases are drafts that need coding")
    export.add_argument("--schemas", metavar="DIR",
                        help="e2b-xml with -o FILE: check the file against the ICH ICSR schema set in DIR "
                             "(the folder holding multicacheschemas/; not shipped)")
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



def _export_format(text: str) -> str:
    if text in RETIRED_FORMATS:
        raise argparse.ArgumentTypeError(RETIRED_FORMATS[text])
    if text not in EXPORT_FORMATS:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a format: choose from {', '.join(EXPORT_FORMATS)}")
    return text


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
    from triage_bot.triager import load_triager

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

