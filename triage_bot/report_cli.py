"""The `triage-bot reports` command: list, show and export stored adverse-event reports.

A thin front over triage_bot.reports: terminal-safe output and exit codes (0
ok, 1 not found or unusable database, 2 usage error); the arguments are built
in triage_bot.report_args.

    triage-bot reports list --since "last week"
    triage-bot reports show 3f9a2c1b7d4e
    triage-bot reports export --format csv -o reports.csv
    triage-bot reports import reports-unstored-20261201T101500Z-1a2b3c4d.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from triage_bot import reports
from triage_bot.report_args import HelpFormatter, add_subparser, example_epilog
from triage_bot.text import safe_json_text, safe_text

PROG = "triage-bot"
EXIT_OK, EXIT_ERROR = 0, 1  # argparse exits with 2 on usage errors
LIST_EFFECTS_WIDTH = 60
# An export holds health data: only its owner may read it.
EXPORT_FILE_MODE = 0o600


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
                                     formatter_class=HelpFormatter, epilog=example_epilog("reports"))
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
    sender, meddra = _coding(args)
    if args.schemas and (args.format != "e2b-xml" or args.output == "-"):
        raise reports.CodingError("--schemas checks an e2b-xml export written to a file: add --format e2b-xml "
                                  "-o FILE")

    def write(stream: TextIO) -> tuple[int, int]:
        try:
            return reports.write_export(args.format, _exported(store, args), stream, sender, meddra)
        except reports.ExportNeedsError as exc:
            raise reports.CodingError(str(exc)) from None

    if args.output == "-":
        # Exact data down a pipe; neutralised patient text on a terminal.
        count, drafts = write(_TerminalWriter(out) if out.isatty() else out)
    else:
        count, drafts = _write_file(store, args, write)
    if args.format == "e2b-xml" and sender is None:
        print(f"{PROG}: no --sender file: the cases name triage-bot as their sender (C.3), with no country",
              file=sys.stderr)
    if drafts:
        print(f"{PROG}: {drafts} of {count} cases are drafts that need coding: their reactions carry no MedDRA "
              "code (give your mapping with --meddra FILE)", file=sys.stderr)
    if args.schemas:
        from triage_bot.reports.e2b_xml import schema_problems
        try:
            problems = schema_problems(args.output, args.schemas)
        except OSError as exc:
            raise reports.CodingError(str(exc)) from None
        if problems:
            raise reports.CodingError(f"{_text(args.output)} does not validate against the ICH schemas in "
                                      f"{_text(args.schemas)}: {'; '.join(problems[:5])}")
        print(f"{PROG}: {_text(args.output)} validates against the ICH schemas in {_text(args.schemas)}",
              file=sys.stderr)


def _coding(args: argparse.Namespace) -> tuple[Any, Any]:
    """The sender and MedDRA files of an export (None where not given)."""
    sender = reports.load_sender(args.sender) if args.sender else None
    meddra = reports.load_meddra(args.meddra) if args.meddra else None
    return sender, meddra


def _write_file(store: Any, args: argparse.Namespace, write: Any) -> tuple[int, int]:
    target = Path(args.output)
    if target.exists() and store.path is not None and target.resolve() == Path(store.path).resolve():
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
            count, drafts = write(file)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    what = {"csv": "rows", "e2b-xml": "cases"}.get(args.format, "reports")
    print(f"{PROG}: wrote {count} {what} to {_text(args.output)}", file=sys.stderr)
    return count, drafts


class _TerminalWriter:
    """A text stream to a terminal that shows control characters in exports instead of obeying them."""

    def __init__(self, terminal: TextIO) -> None:
        self._terminal = terminal

    def write(self, text: str) -> int:
        return self._terminal.write(safe_text(text.replace("\r\n", "\n")))



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
