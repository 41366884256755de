"""The report store: adverse-event reports in one private SQLite file.

WAL mode, one fsync'd transaction per report, owner-only files, a schema
reached by numbered migrations, and every SQLite error translated into one
line naming the file and what to do (ReportStoreError).

Standard library only (with the file-safety helpers of triage_bot.files); it
never prints or logs report contents: fronts decide what reaches a screen.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from ..files import UnsafeFileError, check_private_file, make_private_dirs
from .errors import ReportNotFoundError, ReportStoreError, explain
from .paths import DB_ENV_VAR, default_db_path
from .report import check_validity, escape_surrogates, events_of

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


@dataclass(frozen=True)
class ReportSummary:
    """One line of `ReportStore.list`: enough to pick a report to show."""

    id: str
    created: str  # UTC, ISO 8601
    session: str | None
    disposition: str | None
    valid: bool
    effects: tuple[str, ...]  # the monograph effect, else the patient's own words


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
                effects=tuple(_event_name(event) for event in events_of(view)),
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
            raise ReportStoreError(explain(self.path, exc, self._busy_timeout_s)) from None


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



def _event_name(event: dict) -> str:
    return str(event.get("effect") or event.get("verbatim") or "")
