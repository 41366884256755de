"""Tests for triage_bot.reports: validity, storage, export."""

from __future__ import annotations

import ast
import copy
import csv
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage_bot import reports
from triage_bot.reports import (
    CRITERIA,
    MIGRATIONS,
    ReportNotFoundError,
    ReportStore,
    ReportStoreError,
    check_validity,
    default_db_path,
    export_csv,
    export_jsonl,
)

REPO = Path(__file__).resolve().parents[1]
CHILD_ENV = {**os.environ, "PYTHONPATH": str(REPO)}
TODAY = date(2026, 11, 25)
VERBATIM = 'my pee looks like "cola" – it\'s dark 🟤\nnaïve café, 中文, back\\slash, <b>&amp;'


def full_report() -> dict:
    return {
        "session": "call-17",
        "created": "2026-11-25T21:00:00+00:00",
        "drug": {
            "name": "baclofen",
            "strength_mg": 10,
            "dose": "10 mg",
            "frequency": "three times a day",
            "start_date": "2026-10-01",
            "indication": "MS spasticity",
        },
        "patient": {"initials": "JD", "age": 54, "sex": "female", "weight_kg": 70, "pregnant": False},
        "reporter": {"type": "patient", "contact": "07700 900123", "share_with_manufacturer": True},
        "events": [
            {
                "verbatim": VERBATIM,
                "effect": "Bloody or dark urine",
                "sign": "",
                "tier": "medical_attention",
                "onset": "2026-11-20",
                "dechallenge": "yes",
                "rechallenge": "not_applicable",
                "outcome": "recovering",
            },
            {
                "verbatim": "so sleepy I can't stay awake",
                "effect": "Drowsiness",
                "tier": "if_bothersome",
                "outcome": "unknown",
                "rechallenge": "yes",
            },
        ],
        "seriousness": {
            "death": False,
            "life_threatening": False,
            "hospitalisation": True,
            "disability": False,
            "congenital_anomaly": None,
            "other_important": None,
        },
        "other_medicines": [{"text": "amitriptyline 10mg", "interaction": "Antidepressants, tricyclic"}],
        "alcohol": "yes, a glass of wine most nights",
        "disposition": "medical_attention",
        "advice": "Please see your GP today about the dark urine.",
        "advised_at": "2026-11-25T21:04:00+00:00",
        "declined": False,
        "channel": {"kind": "phone", "line": "nurse-2"},  # a key this module does not know
    }


def stored_part(view: dict) -> dict:
    """What `get` returns minus what the store adds."""
    return {key: value for key, value in view.items() if key not in ("id", "validity")}


# --------------------------------------------------------------------------- validity


def test_complete_report_is_valid() -> None:
    assert check_validity(full_report()) == reports.Validity(valid=True, missing=())


@pytest.mark.parametrize(
    ("section", "value", "criterion"),
    [
        ("patient", {"sex": "unknown", "weight_kg": 70, "pregnant": None}, "patient"),
        ("reporter", {"contact": "07700 900123", "share_with_manufacturer": True}, "reporter"),
        ("drug", {"strength_mg": 10, "dose": "10 mg"}, "suspect drug"),
        ("events", [{"tier": "medical_attention", "verbatim": "   ", "effect": ""}], "adverse event"),
        ("events", [], "adverse event"),
    ],
)
def test_missing_criterion_is_named(section: str, value: object, criterion: str) -> None:
    report = full_report()
    report[section] = value
    assert check_validity(report) == reports.Validity(valid=False, missing=(criterion,))


@pytest.mark.parametrize(
    ("patient", "identifiable"),
    [
        ({"initials": "JD"}, True),
        ({"age": 0}, True),  # a baby under one year
        ({"sex": "female"}, True),
        ({"sex": "other"}, True),
        ({"sex": "unknown"}, False),
        ({"initials": "  ", "age": None, "pregnant": True}, False),
        ({"age": True}, False),
    ],
)
def test_any_one_identifier_makes_the_patient_identifiable(patient: dict, identifiable: bool) -> None:
    report = full_report()
    report["patient"] = patient
    assert ("patient" not in check_validity(report).missing) is identifiable


def test_reporter_who_will_not_be_named_to_the_manufacturer_is_still_identifiable() -> None:
    report = full_report()
    report["reporter"] = {"type": "carer", "share_with_manufacturer": False}
    assert check_validity(report).valid


def test_an_event_in_monograph_words_only_counts() -> None:
    report = full_report()
    report["events"] = [{"effect": "Drowsiness"}]
    assert check_validity(report).valid


@pytest.mark.parametrize(
    "report",
    [{}, {"patient": "JD", "reporter": [], "drug": None, "events": "rash"}, {"events": [None, 3, "dizzy"]}],
)
def test_empty_or_malformed_report_misses_all_four_without_crashing(report: dict) -> None:
    assert check_validity(report) == reports.Validity(valid=False, missing=CRITERIA)


# --------------------------------------------------------------------------- storage


@pytest.fixture
def store(tmp_path: Path) -> ReportStore:
    with ReportStore(tmp_path / "reports.db") as opened:
        yield opened


def test_new_database_and_its_folders_are_private_from_the_start(tmp_path: Path) -> None:
    path = tmp_path / "data" / "triage-bot" / "reports.db"
    with ReportStore(path) as opened:
        opened.add(full_report())
        for name in ("reports.db", "reports.db-wal", "reports.db-shm"):
            if (path.parent / name).exists():
                assert stat.S_IMODE((path.parent / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


def test_opening_a_store_restores_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        ReportStore(tmp_path / "reports.db").close()
        assert os.umask(0o022) == 0o022
    finally:
        os.umask(previous)


def test_default_db_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("TRIAGE_BOT_DB", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert default_db_path() == tmp_path / ".local/share/triage-bot/reports.db"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")
    assert default_db_path() == tmp_path / ".local/share/triage-bot/reports.db"
    monkeypatch.setenv("XDG_DATA_HOME", "/srv/data")
    assert default_db_path() == Path("/srv/data/triage-bot/reports.db")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert default_db_path() == tmp_path / "Library/Application Support/triage-bot/reports.db"
    monkeypatch.setenv("TRIAGE_BOT_DB", str(tmp_path / "chosen.db"))
    assert default_db_path() == tmp_path / "chosen.db"


def test_store_without_a_path_uses_triage_bot_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRIAGE_BOT_DB", str(tmp_path / "from-env.db"))
    with ReportStore() as opened:
        opened.add(full_report())
    assert (tmp_path / "from-env.db").exists()


def test_round_trip_keeps_every_word_and_unknown_key(store: ReportStore) -> None:
    original = full_report()
    report_id = store.add(copy.deepcopy(original))
    view = store.get(report_id)
    assert stored_part(view) == original
    assert view["id"] == report_id
    assert view["events"][0]["verbatim"] == VERBATIM
    assert view["validity"] == {"valid": True, "missing": []}
    assert [stored_part(each) for each in store.iter_reports()] == [original]


def test_a_reopened_store_still_has_the_reports(tmp_path: Path) -> None:
    with ReportStore(tmp_path / "reports.db") as first:
        report_id = first.add(full_report())
    with ReportStore(tmp_path / "reports.db") as second:
        assert stored_part(second.get(report_id)) == full_report()
    connection = sqlite3.connect(tmp_path / "reports.db")
    assert connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_add_fills_created_with_utc_now_and_keeps_the_callers_dict(store: ReportStore) -> None:
    report = full_report()
    del report["created"]
    before = datetime.now(timezone.utc).replace(microsecond=0)
    view = store.get(store.add(report))
    created = datetime.fromisoformat(view["created"])
    assert created.utcoffset() == timedelta(0)
    assert before <= created <= datetime.now(timezone.utc)
    assert "created" not in report


def test_an_invalid_report_is_stored_and_says_what_it_misses(store: ReportStore) -> None:
    report_id = store.add({"drug": {"name": "baclofen"}, "events": [{"verbatim": "I feel odd"}]})
    assert store.get(report_id)["validity"] == {"valid": False, "missing": ["patient", "reporter"]}
    assert [summary.valid for summary in store.list()] == [False]


@pytest.mark.parametrize("report", [{"created": "last Tuesday"}, {"created": 20261125}, {"blob": b"bytes"}])
def test_add_refuses_a_report_it_could_not_read_back(store: ReportStore, report: dict) -> None:
    with pytest.raises(ValueError):
        store.add(report)
    assert store.list() == []


def test_list_is_oldest_first_and_since_compares_in_utc(store: ReportStore) -> None:
    def made(created: str, effect: str) -> dict:
        return {**full_report(), "created": created, "events": [{"effect": effect}]}

    late = store.add(made("2026-11-25T23:30:00-05:00", "Confusion"))  # 26 Nov in UTC
    early = store.add(made("2026-11-01T09:00:00+00:00", "Drowsiness"))
    middle = store.add(made("2026-11-20T00:30:00+01:00", "Nausea"))  # 19 Nov 23:30 in UTC
    assert [summary.id for summary in store.list()] == [early, middle, late]
    since = store.list(since=date(2026, 11, 20))
    assert [(summary.id, summary.created, summary.effects) for summary in since] == [
        (late, "2026-11-26T04:30:00+00:00", ("Confusion",))
    ]
    assert [view["id"] for view in store.iter_reports(since=date(2026, 11, 19))] == [middle, late]


def test_unknown_id_is_a_one_line_not_found_error(store: ReportStore) -> None:
    store.add(full_report())
    with pytest.raises(ReportNotFoundError) as raised:
        store.get("0123456789ab")
    assert "0123456789ab" in str(raised.value) and "\n" not in str(raised.value)


def assert_one_line_naming(error: pytest.ExceptionInfo, path: Path) -> None:
    message = str(error.value)
    assert "\n" not in message and str(path) in message


def test_corrupt_file_is_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "reports.db"
    garbage = random.Random(7).randbytes(8192)
    path.write_bytes(garbage)
    with pytest.raises(ReportStoreError, match="not a readable report database") as raised:
        ReportStore(path)
    assert_one_line_naming(raised, path)
    assert path.read_bytes() == garbage
    assert sorted(item.name for item in tmp_path.iterdir()) == ["reports.db"]


def test_a_truncated_database_is_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "reports.db"
    with ReportStore(path) as opened:
        opened.add(full_report())
    damaged = path.read_bytes()[:1000]
    path.write_bytes(damaged)
    with pytest.raises(ReportStoreError) as raised:
        ReportStore(path).list()
    assert_one_line_naming(raised, path)
    assert path.read_bytes() == damaged


def test_another_programs_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(ReportStoreError, match="not a triage-bot report database") as raised:
        ReportStore(path)
    assert_one_line_naming(raised, path)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_triage_bot_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "reports.db"
    ReportStore(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(ReportStoreError, match="newer triage-bot"):
        ReportStore(path)
    assert path.read_bytes() == before


def test_a_path_through_a_regular_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("notes")
    path = tmp_path / "not-a-folder" / "reports.db"
    with pytest.raises(ReportStoreError, match="not a folder") as raised:
        ReportStore(path)
    assert_one_line_naming(raised, path)


def test_missing_database_is_not_created_when_only_reading(tmp_path: Path) -> None:
    path = tmp_path / "reports.db"
    with pytest.raises(ReportStoreError, match="no report database") as raised:
        ReportStore(path, create=False)
    assert_one_line_naming(raised, path)
    assert not path.exists()


@pytest.fixture
def read_only(tmp_path: Path):
    """Make a file really read-only: chmod for a normal user; root ignores modes, so chattr +i."""

    def protect(path: Path) -> None:
        if os.geteuid() != 0:
            path.chmod(0o400)
            return
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode != 0:
            pytest.skip("running as root without chattr +i support: cannot make a file read-only")
        protected.append(path)

    protected: list[Path] = []
    yield protect
    for path in protected:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_read_only_database_can_be_read_but_not_written(tmp_path: Path, read_only) -> None:
    path = tmp_path / "reports.db"
    with ReportStore(path) as opened:
        report_id = opened.add(full_report())
    read_only(path)
    with ReportStore(path) as opened:
        assert stored_part(opened.get(report_id)) == full_report()
        with pytest.raises(ReportStoreError, match="read-only") as raised:
            opened.add(full_report())
        assert_one_line_naming(raised, path)
        assert [summary.id for summary in opened.list()] == [report_id]


def test_locked_database_is_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "reports.db"
    with ReportStore(path, busy_timeout_s=0.2) as opened:
        first = opened.add(full_report())
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(ReportStoreError, match="locked") as raised:
            opened.add(full_report())
        assert time.monotonic() - started >= 0.2
        assert_one_line_naming(raised, path)
        holder.execute("ROLLBACK")
        holder.close()
        second = opened.add(full_report())
        assert [summary.id for summary in opened.list()] == [first, second]


# Child writer: adds reports first..last-1 and prints each id once add() has returned.
WRITER = """
import json, sys
from triage_bot.reports import ReportStore
path, first, last, template = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
store = ReportStore(path)
for number in range(first, last):
    report_id = store.add(json.loads(template.replace("@N@", str(number))))
    print(report_id, number, flush=True)
"""
TEMPLATE = json.dumps(
    {**full_report(), "session": "writer-@N@", "events": [{"verbatim": "report @N@: «dizzy» \"and\" sick"}]}
)


def numbered_report(number: int) -> dict:
    return json.loads(TEMPLATE.replace("@N@", str(number)))


def start_writer(path: Path, first: int, last: int) -> subprocess.Popen:
    command = [sys.executable, "-c", WRITER, str(path), str(first), str(last), TEMPLATE]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO, env=CHILD_ENV)


def returned_ids(output: str) -> dict[str, int]:
    """The ids the child printed in full: a line cut by the kill does not count."""
    return {line.split()[0]: int(line.split()[1]) for line in output.splitlines(keepends=True) if line.endswith("\n")}


def test_every_returned_report_survives_sigkill(tmp_path: Path) -> None:
    total, kills = 500, 4
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    path = tmp_path / "reports.db"
    returned: dict[str, int] = {}
    killed_mid_run = 0
    next_number = 0
    for run in range(kills + 1):
        writer = start_writer(path, next_number, total)
        output = ""
        if run < kills:
            output = writer.stdout.readline()  # writing has begun
            time.sleep(rng.uniform(0, 0.03))
            writer.send_signal(signal.SIGKILL)
        # Read on through the stream readline used: communicate(timeout=...) reads the pipe beneath
        # it and would miss the lines readline had already buffered (a gap in the returned numbers).
        output += writer.stdout.read()
        writer.stdout.close()
        writer.wait(timeout=30)
        assert writer.returncode in (0, -signal.SIGKILL), f"writer failed (seed {seed})"
        killed_mid_run += writer.returncode == -signal.SIGKILL
        returned |= returned_ids(output)
        next_number = max(returned.values(), default=-1) + 1
    assert killed_mid_run >= 1, f"no kill landed while writing (seed {seed})"
    assert sorted(returned.values()) == list(range(total)), f"seed {seed}"
    with ReportStore(path) as reopened:
        for report_id, number in returned.items():
            assert stored_part(reopened.get(report_id)) == numbered_report(number), f"seed {seed}"
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    stored = connection.execute("SELECT count(*) FROM reports").fetchone()[0]
    connection.close()
    # A kill between commit and print may leave one unreported write per kill.
    assert total <= stored <= total + kills


def test_two_writers_at_once_both_succeed(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "reports.db"  # both race to create it, too
    writers = [start_writer(path, 0, 100), start_writer(path, 100, 200)]
    outputs = [writer.communicate(timeout=60)[0] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0]
    returned = returned_ids(outputs[0]) | returned_ids(outputs[1])
    assert sorted(returned.values()) == list(range(200))
    with ReportStore(path) as reopened:
        assert len(reopened.list()) == 200
        assert all(stored_part(reopened.get(rid)) == numbered_report(n) for rid, n in returned.items())


# --------------------------------------------------------------------------- export


def test_jsonl_export_parses_back_to_the_stored_reports(store: ReportStore) -> None:
    ids = [store.add(full_report()), store.add({"drug": {"name": "baclofen"}})]
    out = io.StringIO()
    assert export_jsonl(store.iter_reports(), out) == 2
    lines = out.getvalue().split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == [store.get(report_id) for report_id in ids]
    assert "dark 🟤" in out.getvalue() and "naïve café, 中文" in out.getvalue()  # readable, not \u-escaped


def export_csv_rows(reports_: list[dict]) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    rows = export_csv(reports_, out)
    parsed = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert len(parsed) == rows
    return parsed


def test_csv_has_one_row_per_event_with_the_words_kept(store: ReportStore) -> None:
    full = store.add(full_report())
    bare = store.add({"drug": {"name": "baclofen"}})
    rows = export_csv_rows(list(store.iter_reports()))
    assert [(row["id"], row["event_number"]) for row in rows] == [(full, "1"), (full, "2"), (bare, "")]
    first = rows[0]
    assert first["event_verbatim"] == VERBATIM
    assert first["event_effect"] == "Bloody or dark urine"
    assert first["event_tier"] == "medical_attention"
    assert first["serious_hospitalisation"] == "true" and first["serious_death"] == "false"
    assert first["serious_other_important"] == ""
    assert first["valid"] == "true" and rows[2]["valid"] == "false"
    assert rows[2]["missing"] == "patient; reporter; adverse event"
    assert first["other_medicines"] == "amitriptyline 10mg (interaction: Antidepressants, tricyclic)"
    assert tuple(first) == reports.CSV_COLUMNS


def test_csv_leaves_out_the_reporters_contact(store: ReportStore) -> None:
    store.add(full_report())
    out = io.StringIO()
    export_csv(store.iter_reports(), out)
    assert "07700 900123" not in out.getvalue()


@pytest.mark.parametrize(
    ("typed", "cell"),
    [
        ('=HYPERLINK("http://evil","click")', '\'=HYPERLINK("http://evil","click")'),
        ("+44 7700 900123", "'+44 7700 900123"),
        ("-5 stars", "'-5 stars"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("dizzy = bad", "dizzy = bad"),
    ],
)
def test_csv_cells_cannot_run_as_spreadsheet_formulas(typed: str, cell: str) -> None:
    report = {**full_report(), "events": [{"verbatim": typed}]}
    assert export_csv_rows([report])[0]["event_verbatim"] == cell


def test_reports_package_uses_only_the_standard_library() -> None:
    """Only the standard library, but for the optional parts' libraries, each in its own module: the PostgreSQL
    store's driver (the postgres extra) and the XML writer of the E2B(R3) export (the e2b extra)."""
    imported = set()
    extras = {"postgres.py": {"psycopg", "psycopg_pool"}, "e2b_xml.py": {"lxml"}}
    for module in sorted(Path(reports.__file__).parent.glob("*.py")):
        allowed = extras.get(module.name, set())
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names} - allowed
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported |= {node.module.split(".")[0]} - allowed
            elif isinstance(node, ast.ImportFrom) and node.level == 2:  # out of the package: only triage_bot.files,
                assert node.module == "files", (module.name, node.module)  # the file-safety helpers (stdlib only)
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}


def test_importing_reports_for_its_criteria_does_not_load_sqlite() -> None:
    code = ("import sys; from triage_bot import reports; reports.SERIOUSNESS_CRITERIA, reports.default_db_path(); "
            "print('sqlite3' in sys.modules, 'csv' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=CHILD_ENV, timeout=60)
    assert proc.stdout.split() == ["False", "False"], proc.stderr


def test_csv_carries_each_events_hpo_and_umls_codes() -> None:
    report = {**full_report(), "events": [{"verbatim": "so sleepy", "effect": "Drowsiness", "hpo": "HP:0002329",
                                           "umls": "C0013144"}]}
    row = export_csv_rows([report])[0]
    assert (row["event_hpo"], row["event_umls"]) == ("HP:0002329", "C0013144")
