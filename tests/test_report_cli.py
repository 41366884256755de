"""Tests for `triage-bot reports`: through argparse in-process, and as a real process."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage_bot import report_cli
from triage_bot.report_cli import safe_text
from triage_bot.reports import ReportStore

REPO = Path(__file__).resolve().parents[1]
MAIN = "import sys; from triage_bot import report_cli; sys.exit(report_cli.main(sys.argv[1:]))"
HOSTILE = "my pee looks like cola\x1b]0;pwned\x07\x1b[2J\x9b31m and \"quotes\" – ünïcode"
CONTROLS = [chr(code) for code in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]


def complete_report(**changes: object) -> dict:
    report = {
        "session": "call-17",
        "created": "2026-11-20T10:00:00+00:00",
        "drug": {"name": "baclofen", "strength_mg": 10, "dose": "10 mg", "frequency": "three times a day"},
        "patient": {"initials": "JD", "age": 54, "sex": "female"},
        "reporter": {"type": "patient", "contact": "07700 900123", "share_with_manufacturer": True},
        "events": [
            {"verbatim": "my pee looks like cola", "effect": "Bloody or dark urine", "tier": "medical_attention"}
        ],
        "seriousness": {"hospitalisation": True},
        "disposition": "medical_attention",
        "advice": "See your GP today.",
    }
    report.update(changes)
    return report


@pytest.fixture
def database(tmp_path: Path) -> tuple[Path, list[str]]:
    """A database with a complete report and a later, incomplete one with hostile text."""
    path = tmp_path / "reports.db"
    with ReportStore(path) as store:
        ids = [
            store.add(complete_report()),
            store.add({"created": "2026-11-24T09:00:00+00:00", "drug": {"name": "baclofen"},
                       "events": [{"verbatim": HOSTILE}]}),
        ]  # fmt: skip
    return path, ids


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", MAIN, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        timeout=60,
    )


def run_triage_bot(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The `triage-bot` command itself, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "triage_bot", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=REPO, env={**(env or os.environ), "PYTHONPATH": str(REPO)},
                          timeout=60)  # fmt: skip


def assert_one_error_line(result: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("triage-bot: error: "), result.stderr
    for part in parts:
        assert part in lines[0]


# --------------------------------------------------------------------------- safe_text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain words, ünïcode 中文 🟤", "plain words, ünïcode 中文 🟤"),
        ("line one\nline two\tend", "line one\nline two\tend"),
        ("\x1b[2J", "\\x1b[2J"),
        ("bell\x07", "bell\\x07"),
        ("\x9b31m", "\\x9b31m"),
        ("\x7f\x00\r", "\\x7f\\x00\\x0d"),
    ],
)
def test_safe_text(text: str, shown: str) -> None:
    assert safe_text(text) == shown


@given(st.text())
def test_safe_text_leaves_no_control_character_but_newline_and_tab(text: str) -> None:
    shown = safe_text(text)
    assert not any(character in shown for character in CONTROLS)
    assert safe_text(shown) == shown


# --------------------------------------------------------------------------- in-process, via add_subparser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="triage-bot")
    report_cli.add_subparser(parser.add_subparsers(dest="command", required=True, help="command to run"))
    return parser


def test_reports_command_runs_from_a_host_parser(database, capsys: pytest.CaptureFixture[str]) -> None:
    path, ids = database
    assert report_cli.run(build_parser().parse_args(["reports", "list", "--db", str(path)])) == 0
    output = capsys.readouterr().out
    assert output.index(ids[0]) < output.index(ids[1])
    assert "Bloody or dark urine" in output


def test_db_defaults_to_triage_bot_db(database, monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    path, ids = database
    monkeypatch.setenv("TRIAGE_BOT_DB", str(path))
    assert report_cli.run(build_parser().parse_args(["reports", "show", ids[0]])) == 0
    assert f"Report {ids[0]}" in capsys.readouterr().out


def test_every_command_and_option_has_help_text() -> None:
    parsers = [build_parser()]
    seen = []
    while parsers:
        parser = parsers.pop()
        seen.append(parser.prog)
        for action in parser._actions:
            assert action.help, f"{parser.prog}: {action.option_strings or action.dest} has no help"
            if isinstance(action, argparse._SubParsersAction):
                assert all(choice.help for choice in action._choices_actions)
                parsers.extend(action.choices.values())
    assert sorted(seen) == [
        "triage-bot", "triage-bot reports", "triage-bot reports export", "triage-bot reports import",
        "triage-bot reports list", "triage-bot reports show",
    ]  # fmt: skip


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_export_to_a_terminal_shows_control_characters_instead_of_obeying_them(database, monkeypatch) -> None:
    path, _ = database
    for export_format in ("csv", "jsonl", "e2b-xml", "fhir"):
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        args = build_parser().parse_args(["reports", "export", "--format", export_format, "--db", str(path)])
        assert report_cli.run(args) == 0
        shown = terminal.getvalue()
        assert "cola" in shown and not any(character in shown for character in CONTROLS), export_format


# --------------------------------------------------------------------------- as a process


def test_list_prints_one_line_per_report_oldest_first(database) -> None:
    path, ids = database
    result = cli("reports", "list", "--db", str(path))
    assert result.returncode == 0, result.stderr
    header, first, second = result.stdout.splitlines()
    assert header.split()[:3] == ["ID", "CREATED", "(UTC)"]
    assert first.split()[:3] == [ids[0], "2026-11-20T10:00:00+00:00", "yes"]
    assert second.split()[:3] == [ids[1], "2026-11-24T09:00:00+00:00", "no"]
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout


def test_list_since(database) -> None:
    path, ids = database
    result = cli("reports", "list", "--since", "2026-11-21", "--db", str(path))
    assert result.returncode == 0
    assert ids[1] in result.stdout and ids[0] not in result.stdout


def test_list_of_an_empty_database_says_so(tmp_path: Path) -> None:
    ReportStore(tmp_path / "reports.db").close()
    result = cli("reports", "list", "--db", str(tmp_path / "reports.db"))
    assert result.returncode == 0
    assert result.stdout.startswith("No reports in ")


def test_show_prints_the_report_readably(database) -> None:
    path, ids = database
    result = cli("reports", "show", ids[0], "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert f"Report {ids[0]}" in result.stdout
    assert '"my pee looks like cola"' in result.stdout
    assert "tier: medical_attention" in result.stdout
    assert "hospitalisation: yes" in result.stdout
    valid_lines = [line for line in result.stdout.splitlines() if line.startswith("Valid:")]
    assert [line.split(":", 1)[1].strip() for line in valid_lines] == ["yes"]


def test_show_neutralises_escape_sequences_in_patient_text(database) -> None:
    path, ids = database
    result = cli("reports", "show", ids[1], "--db", str(path))
    assert result.returncode == 0
    assert not any(character in result.stdout for character in CONTROLS)
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m" in result.stdout
    assert "no (missing: patient, reporter)" in result.stdout


def test_show_json_is_the_stored_report_and_terminal_safe(database) -> None:
    path, ids = database
    result = cli("reports", "show", ids[1], "--json", "--db", str(path))
    assert result.returncode == 0
    assert not any(character in result.stdout for character in CONTROLS)
    with ReportStore(path) as store:
        assert json.loads(result.stdout) == store.get(ids[1])


def test_show_unknown_id_is_one_error_line(database) -> None:
    path, _ = database
    assert_one_error_line(cli("reports", "show", "feedfacecafe", "--db", str(path)), "feedfacecafe", str(path))


def test_show_of_a_missing_database_is_one_error_line_and_it_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nothing-here.db"
    assert_one_error_line(cli("reports", "show", "feedfacecafe", "--db", str(path)), str(path))
    assert not path.exists()


def fresh_install(tmp_path: Path) -> dict[str, str]:
    """An environment in which no report was ever saved: the default database is inside tmp_path."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("TRIAGE_BOT_DB", None)
    return env


def test_list_and_export_on_a_fresh_install_find_no_reports_and_create_nothing(tmp_path: Path) -> None:
    default = tmp_path / "data" / "triage-bot" / "reports.db"
    for args in (["reports", "list"], ["reports", "list", "--db", str(tmp_path / "new.db")]):
        result = run_triage_bot(*args, env=fresh_install(tmp_path))
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        assert result.stdout == f"No reports yet in {args[-1] if '--db' in args else default}.\n"
    for args in (["reports", "export"], ["reports", "export", "--db", str(tmp_path / "new.db")]):
        result = run_triage_bot(*args, env=fresh_install(tmp_path))
        assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), result.stderr
    since = run_triage_bot("reports", "list", "--since", "2026-11-20", env=fresh_install(tmp_path))
    assert since.returncode == 0 and since.stdout.startswith("No reports yet since 2026-11-20 in ")
    assert not (tmp_path / "data").exists() and not (tmp_path / "new.db").exists()


def test_list_names_the_criteria_an_invalid_report_misses_in_aligned_columns(tmp_path: Path) -> None:
    path = tmp_path / "reports.db"
    with ReportStore(path) as store:
        store.add(complete_report())
        store.add({"created": "2026-11-21T09:00:00+00:00", "drug": {"name": "baclofen"},
                   "events": [{"verbatim": "dizzy"}], "disposition": "if_bothersome"})
        store.add({"created": "2026-11-22T09:00:00+00:00", "patient": {"age": 54}})
    result = run_triage_bot("reports", "list", "--db", str(path))
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert [row.split("  ")[2].strip() for row in rows] == [
        "yes", "no (missing: patient, reporter)", "no (missing: reporter, suspect drug, adverse event)"]
    column = header.index("DISPOSITION")
    assert [row[column:].split()[0] for row in rows] == ["medical_attention", "if_bothersome", "-"]


def test_export_into_a_reader_that_closes_early_ends_quietly(database, tmp_path: Path) -> None:
    small, _ = database
    large = tmp_path / "large.db"
    with ReportStore(large) as store:
        for number in range(150):  # far more than a pipe holds
            store.add(complete_report(events=[{"verbatim": f"report {number} " + "dizzy " * 2000}]))
    # Standard output buffered, as a user has it: the small export meets the closed pipe only when flushed.
    buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    buffered["PYTHONPATH"] = str(REPO)
    for path, export_format in [(large, "jsonl"), (large, "csv"), (large, "e2b-xml"), (large, "fhir"),
                                (small, "jsonl")]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "triage_bot", "reports", "export", "--format", export_format, "--db", str(path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=buffered,
        )  # fmt: skip
        if path == large:
            proc.stdout.readline()  # as `| head -1`; the small export is closed before Python has even started
        proc.stdout.close()
        err = proc.stderr.read()
        assert (proc.wait(timeout=60), err) == (1, b""), (path.name, export_format, err.decode())


def test_corrupt_database_is_one_error_line_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "reports.db"
    path.write_bytes(b"this is my shopping list, not a database\n" * 100)
    before = path.read_bytes()
    assert_one_error_line(cli("reports", "export", "--db", str(path)), str(path), "not a readable report database")
    assert path.read_bytes() == before


def test_export_jsonl_csv_and_fhir_to_stdout(database) -> None:
    path, ids = database
    jsonl = cli("reports", "export", "--db", str(path))
    assert jsonl.returncode == 0
    exported = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [report["id"] for report in exported] == ids
    assert exported[1]["events"][0]["verbatim"] == HOSTILE  # a pipe gets the exact data

    table = cli("reports", "export", "--format", "csv", "--db", str(path)).stdout
    rows = [(row["id"], row["event_verbatim"]) for row in csv.DictReader(io.StringIO(table))]
    assert rows == [(ids[0], "my pee looks like cola"), (ids[1], HOSTILE)]

    bundles = cli("reports", "export", "--format", "fhir", "--since", "2026-11-20", "--db", str(path)).stdout
    events = [[e["resource"]["event"]["text"] for e in json.loads(line)["entry"]
               if e["resource"]["resourceType"] == "AdverseEvent"] for line in bundles.splitlines()]
    assert events == [["my pee looks like cola"], [HOSTILE]]


def test_the_retired_e2b_json_format_points_to_the_xml(database) -> None:
    path, _ = database
    refused = cli("reports", "export", "--format", "e2b", "--db", str(path))
    assert refused.returncode == 2 and "--format e2b-xml" in refused.stderr and refused.stdout == ""


def test_export_to_a_file_is_private_and_counted(database, tmp_path: Path) -> None:
    path, ids = database
    out = tmp_path / "export.csv"
    result = cli("reports", "export", "--format", "csv", "-o", str(out), "--db", str(path))
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == f"triage-bot: wrote 2 rows to {out}"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with out.open(newline="", encoding="utf-8") as file:
        assert [row["id"] for row in csv.DictReader(file)] == ids


def test_export_to_an_unwritable_place_is_one_error_line(database, tmp_path: Path) -> None:
    path, _ = database
    target = tmp_path / "no-such-folder" / "export.jsonl"
    assert_one_error_line(cli("reports", "export", "-o", str(target), "--db", str(path)), str(target))


@pytest.mark.parametrize(
    "args",
    [
        ["reports"],
        ["reports", "show"],
        ["reports", "export", "--format", "xml"],
        ["reports", "list", "--since", "the day after tomorrow"],
        ["reports", "list", "--since", "2999-01-01"],
        ["reports", "frobnicate"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert "usage: triage-bot" in result.stderr


@pytest.mark.parametrize("command", [[], ["reports"], ["reports", "list"], ["reports", "show"], ["reports", "export"]])
def test_every_command_answers_help(command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: triage-bot")
    assert len(result.stdout.splitlines()) > 3


def test_export_never_overwrites_the_database_and_writes_owner_only(tmp_path):
    import stat as _stat
    from triage_bot.reports import ReportStore
    db = tmp_path / "reports.db"
    with ReportStore(db) as store:
        store.add({"drug": {"name": "baclofen"}, "events": [{"verbatim": "my pee looks like cola"}]})
    before = db.read_bytes()
    proc = cli("reports", "export", "--db", str(db), "-o", str(db))
    assert proc.returncode == 1 and "report database itself" in proc.stderr
    assert db.read_bytes() == before
    old = tmp_path / "old.jsonl"
    old.write_text("stale")
    old.chmod(0o644)
    assert cli("reports", "export", "--db", str(db), "-o", str(old)).returncode == 0
    assert "cola" in old.read_text() and _stat.S_IMODE(old.stat().st_mode) == 0o600


def test_since_takes_a_timestamp_and_hours_ago(database) -> None:
    path, ids = database  # the second report was created 2026-11-24T09:00Z
    later = cli("reports", "list", "--since", "2026-11-24T10:00Z", "--db", str(path))
    assert later.returncode == 0 and ids[1] not in later.stdout
    earlier = cli("reports", "list", "--since", "2026-11-24T08:59:00+00:00", "--db", str(path))
    assert ids[1] in earlier.stdout
    recent = cli("reports", "list", "--since", "3 hours ago", "--db", str(path))
    assert recent.returncode == 0 and ids[1] not in recent.stdout


@pytest.mark.parametrize(("since", "says"), [
    ("01/12/2026", "could be 01 December or 12 January"),   # never guessed silently
    ("banana", "is not a date I can read"),
    ("2999-01-01", "is in the future"),
])
def test_since_refuses_what_it_cannot_be_sure_of_in_operator_words(database, since: str, says: str) -> None:
    path, _ids = database
    result = cli("reports", "list", "--since", since, "--db", str(path))
    assert result.returncode == 2 and says in result.stderr
    assert "Sorry" not in result.stderr  # the patient's wording is for patients
