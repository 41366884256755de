"""Adverse-event reports: validity, answer parsing, SQLite storage and export.

A conversation ends by handing over a plain, JSON-serialisable dict such as
``{"drug": {"name": "baclofen"}, "reporter": {"type": "patient"},
"patient": {"age": 54}, "events": [{"verbatim": "my pee looks like cola"}]}``.
This module checks it against the ICH E2B(R3) minimum criteria, keeps it in a
private SQLite file that survives a killed process, and exports it as JSON
lines, CSV or an E2B-shaped JSON case.

Standard library only; it imports no other triage_bot module but the
file-safety helpers of triage_bot.files, and never prints or logs report
contents: fronts decide what reaches a screen.
"""

from __future__ import annotations

import csv
import json
import os
import re
import secrets
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from .files import PRIVATE_FILE_MODE, UnsafeFileError, check_private_file, make_private_dirs

# --------------------------------------------------------------------------
# Validity: the ICH E2B(R3) / E2D minimum criteria for a valid case report
# --------------------------------------------------------------------------

CRITERIA = ("patient", "reporter", "suspect drug", "adverse event")

# Sex identifies a patient only when it was actually given.
IDENTIFYING_SEXES = frozenset({"female", "male", "other"})

SERIOUSNESS_CRITERIA = (
    "death",
    "life_threatening",
    "hospitalisation",
    "disability",
    "congenital_anomaly",
    "other_important",
)
EVENT_FIELDS = ("verbatim", "effect", "sign", "tier", "onset", "dechallenge", "rechallenge", "outcome")


@dataclass(frozen=True)
class Validity:
    """Whether a report meets the minimum criteria, and which ones it misses."""

    valid: bool
    missing: tuple[str, ...]


def check_validity(report: dict) -> Validity:
    """Check a report against the four ICH minimum criteria for a valid case.

    A case is reportable once there is an identifiable patient (initials, age
    or a given sex), an identifiable reporter (their type; a reporter who will
    not be named to the manufacturer is still identifiable to us), a suspect
    drug and at least one adverse event in words.

    >>> check_validity({"patient": {"age": 54}, "reporter": {"type": "patient"},
    ...                 "drug": {"name": "baclofen"},
    ...                 "events": [{"verbatim": "my pee looks like cola"}]})
    Validity(valid=True, missing=())
    >>> check_validity({"drug": {"name": "baclofen"}}).missing
    ('patient', 'reporter', 'adverse event')
    """
    missing = tuple(name for name, met in _criteria_met(report).items() if not met)
    return Validity(valid=not missing, missing=missing)


def _criteria_met(report: dict) -> dict[str, bool]:
    patient = _section(report, "patient")
    age = patient.get("age")
    return {
        "patient": _has_text(patient.get("initials"))
        or (isinstance(age, (int, float)) and not isinstance(age, bool))
        or patient.get("sex") in IDENTIFYING_SEXES,
        "reporter": _has_text(_section(report, "reporter").get("type")),
        "suspect drug": _has_text(_section(report, "drug").get("name")),
        "adverse event": any(
            _has_text(event.get("verbatim")) or _has_text(event.get("effect")) for event in _events(report)
        ),
    }


def _section(report: dict, key: str) -> dict:
    value = report.get(key)
    return value if isinstance(value, dict) else {}


def _events(report: dict) -> list[dict]:
    events = report.get("events")
    return [event for event in events if isinstance(event, dict)] if isinstance(events, list) else []


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


# --------------------------------------------------------------------------
# Storage: one private SQLite file, WAL, one transaction per report
# --------------------------------------------------------------------------

DB_ENV_VAR = "TRIAGE_BOT_DB"
APP_DIR_NAME = "triage-bot"
DB_FILE_NAME = "reports.db"
# Reports hold health data: only the owner may read the file, its folder,
# or SQLite's -wal and -shm side files.
DIR_MODE = 0o700
FILE_MODE = 0o600
PRIVATE_UMASK = 0o077
BUSY_TIMEOUT_S = 10.0
APPLICATION_ID = 0x54424F54  # "TBOT" in PRAGMA application_id marks our files
ID_BYTES = 6  # 12 hex digits
WAL_SWITCH_RETRY_S = 0.01
# SQLite's side files, which hold report contents too until a checkpoint.
SIDE_FILES = ("-wal", "-shm", "-journal")
# Reports serve could not store are written to a file named so in the database's folder.
RECOVERY_PREFIX = "reports-unstored-"
# Lone surrogates (from a badly encoded terminal) are not text SQLite or a
# UTF-8 file can hold; they are kept as \\udXXXX escapes instead.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class ReportStoreError(Exception):
    """The report database cannot be used; the message is one line naming the file and what to do."""


class ReportNotFoundError(ReportStoreError):
    """No stored report has the requested id."""


@dataclass(frozen=True)
class ReportSummary:
    """One line of `ReportStore.list`: enough to pick a report to show."""

    id: str
    created: str  # UTC, ISO 8601
    session: str | None
    disposition: str | None
    valid: bool
    effects: tuple[str, ...]  # the monograph effect, else the patient's own words


def user_data_dir(environ: "dict[str, str] | None" = None) -> Path:
    """triage-bot's folder for the user's own data (reports, chat history).

    ``$XDG_DATA_HOME/triage-bot``, falling back to ``~/.local/share/triage-bot``;
    on macOS ``~/Library/Application Support/triage-bot``.
    """
    environ = os.environ if environ is None else environ
    if sys.platform == "darwin":
        data_home = Path.home() / "Library" / "Application Support"
    else:
        xdg = environ.get("XDG_DATA_HOME", "")
        # The XDG spec says a relative value is invalid and must be ignored.
        data_home = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return data_home / APP_DIR_NAME


def default_db_path() -> Path:
    """Where reports are kept unless told otherwise: ``$TRIAGE_BOT_DB``, else
    ``reports.db`` in :func:`user_data_dir`."""
    configured = os.environ.get(DB_ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    return user_data_dir() / DB_FILE_NAME


def _create_reports_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE reports (
            id          TEXT PRIMARY KEY,
            created     TEXT NOT NULL,   -- UTC ISO 8601, so text order is time order
            session     TEXT,
            disposition TEXT,
            valid       INTEGER NOT NULL CHECK (valid IN (0, 1)),
            report      TEXT NOT NULL    -- the whole report as JSON, events included
        )"""
    )
    conn.execute("CREATE INDEX reports_by_created ON reports (created)")


# Schema version N (PRAGMA user_version) is reached by applying MIGRATIONS[:N]
# in order; a new version is one function appended here.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_create_reports_table,)


class ReportStore:
    """Adverse-event reports in one SQLite file that only its owner can read.

    Ids are 12 random hex digits rather than row numbers: they stay unique when
    reports from several nurse-line machines are merged into one safety
    database (they become the E2B sender's case id, C.1.1), and they do not
    reveal how many reports a site has made.

    Each `add` is one transaction, committed with synchronous=FULL in WAL mode,
    so a report whose id was returned survives the process being killed; two
    processes may write at once (each waits up to `busy_timeout_s`). An
    existing file is never deleted, recreated or overwritten: if it cannot be
    used, ReportStoreError says why in one line.

    The umask is changed while the file is opened, so open stores from one
    thread only while other threads create files.

    >>> with ReportStore("/tmp/example-reports.db") as store:      # doctest: +SKIP
    ...     report_id = store.add({"drug": {"name": "baclofen"}})
    ...     store.get(report_id)["drug"]
    {'name': 'baclofen'}
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        create: bool = True,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
    ) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self._busy_timeout_s = busy_timeout_s
        self._writer = create
        # One-line notices for the user, e.g. a file of theirs that was tightened to 0600.
        self.notices: list[str] = []
        previous_umask = os.umask(PRIVATE_UMASK)
        try:
            self._check_files()
            if create:
                _create_private_file(self.path)
            elif not self.path.exists():
                raise ReportStoreError(
                    f"no report database at {self.path} yet; reports are saved there when a conversation ends "
                    f"(choose another file with --db or {DB_ENV_VAR})"
                )
            self._conn = self._connect()
            try:
                # SQLite made or opened the side files meanwhile: check them again.
                self._check_files()
            except BaseException:
                self._conn.close()
                raise
        finally:
            os.umask(previous_umask)

    def _check_files(self) -> None:
        """Refuse a database or side file of another user; tighten the user's own that others could read."""
        for suffix in ("", *SIDE_FILES):
            what = "report database" if not suffix else f"report database side file"
            try:
                notice = check_private_file(f"{self.path}{suffix}", what)
            except UnsafeFileError as exc:
                raise ReportStoreError(f"{exc}; it has been left untouched (choose another file with --db or "
                                       f"{DB_ENV_VAR})") from None
            if notice and notice not in self.notices:
                self.notices.append(notice)

    def __enter__(self) -> ReportStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def add(self, report: dict) -> str:
        """Store a finished conversation's report and return its new id once it is on disk.

        ``created`` is filled with the current UTC time when absent; any keys
        this module does not know are kept. Raises ValueError if ``created`` is
        not ISO 8601 or the report is not JSON-serialisable.

        >>> store.add({"drug": {"name": "baclofen"}, "events": [{"verbatim": "so dizzy"}]})  # doctest: +SKIP
        '3f9a2c1b7d4e'
        """
        return self._add(report)[0]

    def import_reports(self, reports: Iterable[dict]) -> tuple[int, int]:
        """Add reports read back from a recovery file; (added, already stored), so importing twice adds once."""
        added = present = 0
        for report in reports:
            if self._add(report, skip_present=True)[1]:
                added += 1
            else:
                present += 1
        return added, present

    def _add(self, report: dict, skip_present: bool = False) -> tuple[str | None, bool]:
        """(id, True) once stored; (id of the same stored report, False) when ``skip_present`` finds it."""
        stored = dict(report)
        if not stored.get("created"):
            stored["created"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        created = _utc_text(stored["created"])
        try:
            # ASCII escapes let any str be stored, even the lone surrogates a
            # badly encoded terminal can produce; loading gives back the same text.
            document = json.dumps(stored, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"report is not JSON-serialisable: {exc}") from None
        valid = check_validity(stored).valid
        with self._translated_errors(), _transaction(self._conn):
            if skip_present:
                row = self._conn.execute("SELECT id FROM reports WHERE report = ?", (document,)).fetchone()
                if row is not None:
                    return row[0], False
            report_id = self._unused_id()
            self._conn.execute(
                "INSERT INTO reports (id, created, session, disposition, valid, report) VALUES (?, ?, ?, ?, ?, ?)",
                (report_id, created, _column_text(stored.get("session")),
                 _column_text(stored.get("disposition")), int(valid), document),
            )  # fmt: skip
        return report_id, True

    def get(self, report_id: str) -> dict:
        """The stored report with its ``id`` and current ``validity`` added.

        >>> store.get("3f9a2c1b7d4e")["validity"]  # doctest: +SKIP
        {'valid': False, 'missing': ['patient']}
        """
        with self._translated_errors():
            row = self._conn.execute("SELECT id, report FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise ReportNotFoundError(f"no report with id {report_id} in {self.path}")
        return _stored_view(*row)

    def iter_reports(self, since: date | datetime | None = None) -> Iterator[dict]:
        """Stored reports, oldest first, as `get` returns them; `since` keeps those created on or after it (UTC)."""
        with self._translated_errors():
            rows = self._conn.execute(
                "SELECT id, report FROM reports WHERE created >= ? ORDER BY created, rowid", (_since_text(since),)
            )
            for row in rows:
                yield _stored_view(*row)

    def list(self, since: date | datetime | None = None) -> list[ReportSummary]:
        """One summary per stored report, oldest first, e.g. to choose one for `get`."""
        return [
            ReportSummary(
                id=view["id"],
                created=_utc_text(view["created"]),
                session=_text_or_none(view.get("session")),
                disposition=_text_or_none(view.get("disposition")),
                valid=view["validity"]["valid"],
                effects=tuple(_event_name(event) for event in _events(view)),
            )
            for view in self.iter_reports(since)
        ]

    def _connect(self) -> sqlite3.Connection:
        with self._translated_errors():
            conn = sqlite3.connect(self.path, timeout=self._busy_timeout_s, isolation_level=None)
        try:
            with self._translated_errors():
                self._prepare(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        # Reading the header first means a file that is not a database is
        # rejected before anything is written to it.
        # One statement, so one snapshot even while another process is creating the schema.
        version, application_id, objects = conn.execute(
            "SELECT (SELECT user_version FROM pragma_user_version), "
            "(SELECT application_id FROM pragma_application_id), (SELECT count(*) FROM sqlite_master)"
        ).fetchone()
        if application_id != APPLICATION_ID and not (application_id == 0 and version == 0 and objects == 0):
            raise ReportStoreError(
                f"{self.path} is an SQLite database but not a triage-bot report database; it has been left "
                f"untouched (choose another file with --db or {DB_ENV_VAR})"
            )
        if version > len(MIGRATIONS):
            raise ReportStoreError(
                f"report database {self.path} was written by a newer triage-bot (schema {version}); "
                "upgrade triage-bot to read it"
            )
        if self._writer:
            # A damaged file must not be acknowledged into: list and export
            # would refuse it later, and the new reports with it.
            problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if problem != "ok":
                raise ReportStoreError(
                    f"report database {self.path} is damaged ({' '.join(str(problem).split())[:200]}); it has "
                    f"been left untouched: move it aside, or choose another file with --db or {DB_ENV_VAR}"
                )
        conn.execute("PRAGMA synchronous = FULL")
        self._use_wal(conn)
        if version < len(MIGRATIONS):
            with _transaction(conn):
                # Re-read inside the write lock: another process may have just migrated.
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                for number, migrate in enumerate(MIGRATIONS[version:], start=version + 1):
                    migrate(conn)
                    conn.execute(f"PRAGMA user_version = {number}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _use_wal(self, conn: sqlite3.Connection) -> None:
        # Switching a new file to WAL needs it to ourselves, and SQLite answers
        # "locked" at once instead of waiting, so retry while another process
        # is creating the same database.
        deadline = time.monotonic() + self._busy_timeout_s
        while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(WAL_SWITCH_RETRY_S)

    def _unused_id(self) -> str:
        # Called inside the write transaction, so no other writer can take it meanwhile.
        while True:
            candidate = secrets.token_hex(ID_BYTES)
            if self._conn.execute("SELECT 1 FROM reports WHERE id = ?", (candidate,)).fetchone() is None:
                return candidate

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise ReportStoreError(_explain(self.path, exc, self._busy_timeout_s)) from None


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front, so a busy database makes us
    # wait for busy_timeout instead of failing half way through.
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _create_private_file(path: Path) -> None:
    try:
        make_private_dirs(path.parent)
    except OSError as exc:
        reason = "part of that path is a file, not a folder" if isinstance(exc, FileExistsError) else exc.strerror
        raise ReportStoreError(
            f"cannot create the folder for report database {path}: {reason}; "
            f"choose another file with --db or {DB_ENV_VAR}"
        ) from None
    try:
        # Created 0600 before SQLite opens it, so it is never readable by others.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        pass  # an existing database is opened as it is, never recreated
    except OSError as exc:
        raise ReportStoreError(
            f"cannot create report database {path}: {exc.strerror}; choose another file with --db or {DB_ENV_VAR}"
        ) from None


_ADVICE = (
    (("locked", "busy"), "is locked by another program (waited {timeout:g} s); close other triage-bot sessions "
     "using it and try again"),
    (("readonly", "read-only"), "is read-only; check the file's permissions, or choose another file with --db or "
     f"{DB_ENV_VAR}"),
    (("not a database", "malformed", "corrupt"), "is not a readable report database (corrupt, or another kind of "
     f"file); it has been left untouched: move it aside, or choose another file with --db or {DB_ENV_VAR}"),
    (("unable to open",), "cannot be opened; check that it is a file in a folder you can write to, or choose "
     f"another file with --db or {DB_ENV_VAR}"),
    (("full",), "cannot be written because the disk is full; free some space and try again"),
)  # fmt: skip


def _explain(path: Path, exc: sqlite3.Error, timeout: float) -> str:
    reason = " ".join(str(exc).split())
    for keywords, advice in _ADVICE:
        if any(keyword in reason.lower() for keyword in keywords):
            return f"report database {path} {advice.format(timeout=timeout)}"
    return f"report database {path} cannot be used: {reason}"


def _utc_text(created: Any) -> str:
    """A report's creation time as UTC ISO text; a time without offset is taken as UTC."""
    try:
        # Python 3.10's fromisoformat does not accept a "Z" suffix.
        moment = datetime.fromisoformat(re.sub(r"[Zz]$", "+00:00", created))
    except (TypeError, ValueError):
        raise ValueError(f"report 'created' is not an ISO 8601 date-time: {created!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _since_text(since: date | datetime | None) -> str:
    if since is None:
        return ""
    if not isinstance(since, datetime):
        since = datetime(since.year, since.month, since.day)
    return _utc_text(since.isoformat())


def _stored_view(report_id: str, document: str) -> dict:
    report = json.loads(document)
    validity = check_validity(report)
    view = {"id": report_id, **report}
    view.update(id=report_id, validity={"valid": validity.valid, "missing": list(validity.missing)})
    return view


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _column_text(value: Any) -> str | None:
    """Text for an indexed column: SQLite takes only valid UTF-8, so lone surrogates become escapes."""
    return None if value is None else escape_surrogates(str(value))


def escape_surrogates(text: str) -> str:
    """``text`` with each lone surrogate written as a \\udXXXX escape, so any file can hold it.

    In JSON text the escape reads back as the same string.
    """
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _event_name(event: dict) -> str:
    return str(event.get("effect") or event.get("verbatim") or "")


# --------------------------------------------------------------------------
# Export: JSON lines, CSV (one row per event) and E2B-shaped JSON
# --------------------------------------------------------------------------


def export_jsonl(reports: Iterable[dict], out: TextIO) -> int:
    """Write one JSON object per line (every key kept) and return how many were written.

    >>> export_jsonl(store.iter_reports(), sys.stdout)  # doctest: +SKIP
    {"id": "3f9a2c1b7d4e", "drug": {"name": "baclofen"}, ...}
    1
    """
    count = 0
    for count, report in enumerate(reports, start=1):
        out.write(escape_surrogates(json.dumps(report, ensure_ascii=False)) + "\n")
    return count


def without_unshared_contacts(report: dict) -> dict:
    """``report`` without the reporter's contact unless they agreed to share it (data minimisation).

    >>> without_unshared_contacts({"reporter": {"contact": "555-0100", "share_with_manufacturer": False}})
    {'reporter': {'share_with_manufacturer': False}}
    """
    reporter = report.get("reporter")
    if not isinstance(reporter, dict) or "contact" not in reporter or reporter.get("share_with_manufacturer") is True:
        return report
    return {**report, "reporter": {k: v for k, v in reporter.items() if k != "contact"}}


CSV_COLUMNS = (
    "id", "created", "session", "valid", "missing",
    "drug_name", "drug_strength_mg", "drug_dose", "drug_frequency", "drug_start_date", "drug_indication",
    "patient_initials", "patient_age", "patient_sex", "patient_weight_kg", "patient_pregnant",
    "reporter_type", "reporter_share_with_manufacturer",
    "event_number", *(f"event_{field}" for field in EVENT_FIELDS),
    *(f"serious_{criterion}" for criterion in SERIOUSNESS_CRITERIA),
    "other_medicines", "alcohol", "disposition", "advice", "advised_at", "declined",
)  # fmt: skip
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def export_csv(reports: Iterable[dict], out: TextIO) -> int:
    """Write one CSV row per adverse event and return the number of rows.

    A report without events still gets one row. The patient's words are kept
    exactly, except that a text cell starting with = + - @ (or a tab or
    carriage return) gets a leading ' so a spreadsheet shows it instead of
    running it: "=HYPERLINK(...)" becomes "'=HYPERLINK(...)". The reporter's
    contact details are left out (data minimisation: an analysis sheet has no
    need of them); they remain in JSON lines and `show`. Open `out` with
    ``newline=""``.
    """
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    rows = 0
    for report in reports:
        for row in _csv_rows(report):
            writer.writerow({column: _csv_cell(value) for column, value in row.items()})
            rows += 1
    return rows


def _csv_rows(report: dict) -> Iterator[dict[str, Any]]:
    drug, patient = _section(report, "drug"), _section(report, "patient")
    reporter, seriousness = _section(report, "reporter"), _section(report, "seriousness")
    validity = check_validity(report)
    medicines = report.get("other_medicines")
    shared = {
        "id": report.get("id"),
        "created": report.get("created"),
        "session": report.get("session"),
        "valid": validity.valid,
        "missing": "; ".join(validity.missing),
        **{f"drug_{key}": drug.get(key) for key in ("name", "strength_mg", "dose", "frequency", "start_date")},
        "drug_indication": drug.get("indication"),
        **{f"patient_{key}": patient.get(key) for key in ("initials", "age", "sex", "weight_kg", "pregnant")},
        "reporter_type": reporter.get("type"),
        "reporter_share_with_manufacturer": reporter.get("share_with_manufacturer"),
        **{f"serious_{criterion}": seriousness.get(criterion) for criterion in SERIOUSNESS_CRITERIA},
        "other_medicines": "; ".join(_medicine_text(medicine) for medicine in medicines)
        if isinstance(medicines, list)
        else medicines,
        **{key: report.get(key) for key in ("alcohol", "disposition", "advice", "advised_at", "declined")},
    }
    for number, event in enumerate(_events(report) or [None], start=1):
        yield {
            **shared,
            "event_number": number if event is not None else None,
            **{f"event_{field}": (event or {}).get(field) for field in EVENT_FIELDS},
        }


def _medicine_text(medicine: Any) -> str:
    if not isinstance(medicine, dict):
        return str(medicine)
    text = str(medicine.get("text") or "")
    return f"{text} (interaction: {medicine['interaction']})" if medicine.get("interaction") else text


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = escape_surrogates(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


# E2B(R3) code lists used below.
SPONTANEOUS_REPORT = 1  # C.1.3 type of report
REPORTER_QUALIFICATION = {"doctor": 1, "pharmacist": 2, "nurse": 3, "patient": 5, "carer": 5, "other": 5}  # C.2.r.4
SEX_CODE = {"male": 1, "female": 2}  # D.5; "other" and "unknown" have no code
AGE_UNIT_YEARS = "a"  # D.2.2b, UCUM
OUTCOME_CODE = {"recovered": 1, "recovering": 2, "not_recovered": 3, "unknown": 0}  # E.i.7
SERIOUSNESS_FIELDS = dict(zip(SERIOUSNESS_CRITERIA, (f"E.i.3.2{letter}" for letter in "abcdef")))  # E.i.3.2a-f
SUSPECT, CONCOMITANT = 1, 2  # G.k.1 characterisation of drug role
# G.k.9.i.4 did the reaction recur on re-administration: 1 yes-yes, 2 yes-no, 4 no-n/a.
# A patient's "don't know" is left empty rather than sent as 3 (rechallenged, outcome unknown).
RECHALLENGE_CODE = {"yes": 1, "no": 2, "not_applicable": 4}


def to_e2b(report: dict) -> dict[str, Any]:
    """Shape a report as an ICH E2B(R3) individual case safety report.

    This is a JSON rendering of the E2B(R3) data elements, keyed by their
    numbers, not the HL7 XML message; dates stay ISO 8601 and unknown values
    are null. Sections:

    - C.1 identification: C.1.1 sender's safety report unique identifier (our
      id), C.1.2 date of creation, C.1.3 type of report (1 spontaneous), C.1.4
      date first received, C.1.5 date of most recent information.
    - C.2.r primary source: C.2.r.4 qualification (1 physician, 2 pharmacist,
      3 other health professional, 5 consumer); C.2.r.2 contact only when the
      reporter agreed to be identified to the manufacturer.
    - D patient: D.1 initials, D.2.2a/b age and unit ("a" = years), D.3 body
      weight (kg), D.5 sex (1 male, 2 female).
    - E.i reactions: E.i.1.1a as reported, verbatim; E.i.2.1b the monograph
      effect (and sign) standing in for a MedDRA term; E.i.3.2a-f seriousness
      (death, life threatening, hospitalisation, disabling, congenital
      anomaly, other medically important) from the report-level answers;
      E.i.4 start date; E.i.7 outcome (1 recovered, 2 recovering, 3 not
      recovered, 0 unknown).
    - G.k drugs: the suspect drug (G.k.1 = 1) with G.k.2.2 name, G.k.2.3.r
      strength, G.k.4.r dosage, G.k.7.r indication, G.k.9.i reaction matrix
      with G.k.9.i.4 rechallenge, and dechallenge in G.k.11 free text (E2B(R3)
      has no coded dechallenge element); other medicines as concomitant
      (G.k.1 = 2).
    - H.1 case narrative: session, pregnancy, alcohol, triage tier,
      disposition and the advice given.
    - minimum_criteria: the four checks of `check_validity` and ``valid``.

    >>> to_e2b({"events": [{"verbatim": "my pee looks like cola"}]})["E.i"][0]["E.i.1.1a"]
    'my pee looks like cola'
    """
    drug, patient, reporter = _section(report, "drug"), _section(report, "patient"), _section(report, "reporter")
    events = _events(report)
    created = report.get("created")
    source: dict[str, Any] = {"C.2.r.4": REPORTER_QUALIFICATION.get(reporter.get("type"))}
    if reporter.get("share_with_manufacturer") is True and _has_text(reporter.get("contact")):
        source["C.2.r.2"] = reporter["contact"]
    age = patient.get("age")
    medicines = report.get("other_medicines")
    met = _criteria_met(report)
    return {
        "C.1": {"C.1.1": report.get("id"), "C.1.2": created, "C.1.3": SPONTANEOUS_REPORT, "C.1.4": created,
                "C.1.5": created},
        "C.2.r": [source],
        "D": {"D.1": patient.get("initials"), "D.2.2a": age, "D.2.2b": AGE_UNIT_YEARS if age is not None else None,
              "D.3": patient.get("weight_kg"), "D.5": SEX_CODE.get(patient.get("sex"))},
        "E.i": [_e2b_reaction(event, _section(report, "seriousness")) for event in events],
        "G.k": [
            _e2b_suspect_drug(drug, events),
            *(_e2b_concomitant_drug(medicine) for medicine in (medicines if isinstance(medicines, list) else [])),
        ],
        "H": {"H.1": _narrative(report)},
        "minimum_criteria": {**met, "valid": all(met.values())},
    }  # fmt: skip


def export_e2b_jsonl(reports: Iterable[dict], out: TextIO) -> int:
    """Write one `to_e2b` case per line and return how many were written."""
    return export_jsonl((to_e2b(report) for report in reports), out)


def _e2b_reaction(event: dict, seriousness: dict) -> dict[str, Any]:
    term = " - ".join(str(event[key]) for key in ("effect", "sign") if _has_text(event.get(key)))
    return {
        "E.i.1.1a": event.get("verbatim"),
        "E.i.2.1b": term or None,
        **{field: seriousness.get(criterion) for criterion, field in SERIOUSNESS_FIELDS.items()},
        "E.i.4": event.get("onset"),
        "E.i.7": OUTCOME_CODE.get(event.get("outcome")),
    }


def _e2b_suspect_drug(drug: dict, events: list[dict]) -> dict[str, Any]:
    strength = drug.get("strength_mg")
    dosage = " ".join(str(drug[key]) for key in ("dose", "frequency") if drug.get(key))
    dechallenges = [
        f"Reaction {number} abated when the drug was stopped or reduced (dechallenge): {event['dechallenge']}."
        for number, event in enumerate(events, start=1)
        if event.get("dechallenge")
    ]
    return {
        "G.k.1": SUSPECT,
        "G.k.2.2": drug.get("name"),
        "G.k.2.3.r": [{"G.k.2.3.r.1": drug.get("name"), "G.k.2.3.r.3a": strength, "G.k.2.3.r.3b": "mg"}]
        if strength is not None
        else [],
        "G.k.4.r": [{"G.k.4.r.4": drug.get("start_date"), "G.k.4.r.8": dosage or None}],
        "G.k.7.r": [{"G.k.7.r.1": drug["indication"]}] if drug.get("indication") else [],
        "G.k.9.i": [
            {"G.k.9.i.1": number, "G.k.9.i.4": RECHALLENGE_CODE.get(event.get("rechallenge"))}
            for number, event in enumerate(events, start=1)
        ],
        "G.k.11": " ".join(dechallenges) or None,
    }


def _e2b_concomitant_drug(medicine: Any) -> dict[str, Any]:
    text = medicine.get("text") if isinstance(medicine, dict) else medicine
    interaction = medicine.get("interaction") if isinstance(medicine, dict) else None
    return {
        "G.k.1": CONCOMITANT,
        "G.k.2.2": text,
        "G.k.11": f"The monograph lists an interaction: {interaction}." if interaction else None,
    }


def _narrative(report: dict) -> str:
    session = report.get("session")
    pregnant = _section(report, "patient").get("pregnant")
    sentences = [f"Spontaneous report collected by the triage-bot conversation{f' {session}' if session else ''}."]
    if pregnant is not None:
        sentences.append(f"Pregnant: {'yes' if pregnant else 'no'}.")
    if report.get("alcohol"):
        sentences.append(f"Alcohol: {report['alcohol']}.")
    for number, event in enumerate(_events(report), start=1):
        if event.get("tier"):
            sentences.append(f"Reaction {number} triage tier: {event['tier']}.")
    if report.get("disposition"):
        sentences.append(f"Triage disposition: {report['disposition']}.")
    if report.get("advice"):
        when = f" ({report['advised_at']})" if report.get("advised_at") else ""
        sentences.append(f"Advice given{when}: {report['advice']}")
    return " ".join(sentences)


# --------------------------------------------------------------------------
# Recovery: reports that could not be stored, kept in a file to import later
# --------------------------------------------------------------------------


def write_recovery(reports: Iterable[dict], folder: str | os.PathLike[str]) -> Path:
    """Write reports the store refused to a new owner-only JSON Lines file in ``folder``; its path.

    Each report gets its ``created`` time now, so importing the file twice
    adds each report once. Raises OSError when the file cannot be written.
    """
    folder = Path(folder)
    make_private_dirs(folder)
    now = datetime.now(timezone.utc)
    path = folder / f"{RECOVERY_PREFIX}{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(4)}.jsonl"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE_MODE)
    try:
        with open(fd, "w", encoding="ascii", closefd=True) as file:
            for report in reports:
                kept = dict(report)
                kept.setdefault("created", now.isoformat(timespec="seconds"))
                # ASCII escapes keep every string exactly, lone surrogates included.
                file.write(json.dumps(kept, allow_nan=False) + "\n")
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def read_recovery(path: str | os.PathLike[str]) -> list[dict]:
    """The reports of a recovery file (or any JSON Lines file of reports); ReportStoreError naming a bad line."""
    try:
        notice = check_private_file(path, "recovery file")
    except UnsafeFileError as exc:
        raise ReportStoreError(str(exc)) from None
    del notice  # a recovery file is ours; tightening it needs no word
    reports = []
    try:
        with open(path, encoding="utf-8") as file:
            for number, line in enumerate(file, start=1):
                if not line.strip():
                    continue
                try:
                    report = json.loads(line)
                except (ValueError, RecursionError):
                    raise ReportStoreError(f"{path} line {number} is not a JSON report; nothing was imported") from None
                if not isinstance(report, dict):
                    raise ReportStoreError(f"{path} line {number} is not a JSON object; nothing was imported")
                reports.append(report)
    except OSError as exc:
        raise ReportStoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ReportStoreError(f"{path} is not UTF-8 text; nothing was imported") from None
    return reports
