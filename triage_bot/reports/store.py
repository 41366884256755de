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
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..files import UnsafeFileError, check_private_file, make_private_dirs
from .errors import ReportNotFoundError, ReportStoreError, explain
from .paths import DB_ENV_VAR, default_db_path
from .rows import ReportSummary, Turn, column_text, prepared, since_text, stored_view, summary_of

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


def _create_conversations_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE conversations (
            id      TEXT PRIMARY KEY,
            updated REAL NOT NULL,       -- Unix time of the last turn, for the idle sweep
            data    TEXT NOT NULL        -- what the last turn kept, as JSON
        )"""
    )
    conn.execute("CREATE INDEX conversations_by_updated ON conversations (updated)")


# Schema version N (PRAGMA user_version) is reached by applying MIGRATIONS[:N]
# in order; a new version is one function appended here.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_create_reports_table, _create_conversations_table)


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
        self.where = str(self.path)  # what messages call the store, as PostgresStore.where
        self._busy_timeout_s = busy_timeout_s
        self._writer = create
        # One-line notices for the user, e.g. a file of theirs that was tightened to 0600.
        self.notices: list[str] = []
        self._lock = threading.RLock()
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
        with self._lock:
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
        with self._lock, self._translated_errors(), _transaction(self._conn):
            return self._insert(report, skip_present)

    def _insert(self, report: dict, skip_present: bool = False) -> tuple[str, bool]:
        """Insert a report inside the caller's transaction."""
        stored, created, document, valid = prepared(report)
        if skip_present:
            row = self._conn.execute("SELECT id FROM reports WHERE report = ?", (document,)).fetchone()
            if row is not None:
                return row[0], False
        report_id = self._unused_id()
        self._conn.execute(
            "INSERT INTO reports (id, created, session, disposition, valid, report) VALUES (?, ?, ?, ?, ?, ?)",
            (report_id, created, column_text(stored.get("session")),
             column_text(stored.get("disposition")), int(valid), document),
        )  # fmt: skip
        return report_id, True

    # ------------------------------------------------------------ conversations

    @contextmanager
    def conversation(self, session: str) -> Iterator[Turn]:
        """One turn of a kept conversation, in one transaction: see rows.Turn.

        >>> with store.conversation("call-17") as turn:  # doctest: +SKIP
        ...     turn.keep({"state": {...}})
        """
        key = column_text(session)
        with self._lock, self._translated_errors(), _transaction(self._conn):
            row = self._conn.execute("SELECT data FROM conversations WHERE id = ?", (key,)).fetchone()
            turn = Turn(json.loads(row[0]) if row else None, lambda report: self._insert(report)[0],
                        self._count)
            yield turn
            if turn.forgotten:
                self._conn.execute("DELETE FROM conversations WHERE id = ?", (key,))
            elif turn.data is not None:
                self._conn.execute(
                    "INSERT OR REPLACE INTO conversations (id, updated, data) VALUES (?, ?, ?)",
                    (key, time.time(), json.dumps(turn.data, allow_nan=False)))

    def stale_conversations(self, idle_s: float, limit: int = 100) -> list[str]:
        """Kept conversations silent for ``idle_s`` seconds or more, longest silent first."""
        with self._lock, self._translated_errors():
            rows = self._conn.execute("SELECT id FROM conversations WHERE updated <= ? ORDER BY updated LIMIT ?",
                                      (time.time() - idle_s, limit)).fetchall()
        return [row[0] for row in rows]

    def count_conversations(self, prefix: str = "", starting: bool = True) -> int:
        """How many conversations are kept (those whose id starts, or does not start, with ``prefix``)."""
        with self._lock, self._translated_errors():
            return self._count(prefix, starting)

    def _count(self, prefix: str, starting: bool) -> int:
        test = "=" if starting else "<>"
        return self._conn.execute(f"SELECT count(*) FROM conversations WHERE substr(id, 1, ?) {test} ?",
                                  (len(prefix), column_text(prefix))).fetchone()[0]

    def get(self, report_id: str) -> dict:
        """The stored report with its ``id`` and current ``validity`` added.

        >>> store.get("3f9a2c1b7d4e")["validity"]  # doctest: +SKIP
        {'valid': False, 'missing': ['patient']}
        """
        with self._lock, self._translated_errors():
            row = self._conn.execute("SELECT id, report FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise ReportNotFoundError(f"no report with id {report_id} in {self.path}")
        return stored_view(*row)

    def iter_reports(self, since: date | datetime | None = None) -> Iterator[dict]:
        """Stored reports, oldest first, as `get` returns them; `since` keeps those created on or after it (UTC)."""
        with self._lock, self._translated_errors():
            rows = self._conn.execute(
                "SELECT id, report FROM reports WHERE created >= ? ORDER BY created, rowid", (since_text(since),)
            ).fetchall()
        for row in rows:
            yield stored_view(*row)

    def list(self, since: date | datetime | None = None) -> list[ReportSummary]:
        """One summary per stored report, oldest first, e.g. to choose one for `get`."""
        return [summary_of(view) for view in self.iter_reports(since)]

    def _connect(self) -> sqlite3.Connection:
        with self._translated_errors():
            # One connection serves every thread of an HTTP server, one at a time (self._lock).
            conn = sqlite3.connect(self.path, timeout=self._busy_timeout_s, isolation_level=None,
                                   check_same_thread=False)
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
