"""The report store on PostgreSQL: the SQLite store's reports and conversations, shared by several servers.

`PostgresStore` has ReportStore's methods and behaviour (see store.py and
rows.py): the same rows, ids, ordering, validity and one-transaction turns,
with a pool of connections so the threads of one process, and several
processes, can use one database at once. Its schema is reached by numbered
migrations, applied once under an advisory lock however many processes start.

psycopg 3 and psycopg_pool are loaded here only, when a store is opened, so
nothing else pays for them; without them ReportStoreError says what to install.
Every psycopg error becomes one line naming the database (never its password)
and what to do; no message holds report contents.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from types import ModuleType
from typing import Any, NamedTuple
from urllib.parse import urlsplit, urlunsplit

from .errors import LIBPQ_WORDS, POSTGRES_ADVICE, ReportNotFoundError, ReportStoreError
from .paths import DB_ENV_VAR
from .rows import ReportSummary, Turn, column_text, prepared, since_text, stored_view, summary_of

INSTALL_HINT = "pip install 'triage-bot[postgres]'"
WAIT_TIMEOUT_S = 30.0  # for a connection from the pool, and for the pool's first one
CONNECT_TIMEOUT_S = 10  # libpq's connect_timeout, unless the URL sets one
MAX_REASON = 200  # characters of libpq's reason kept in a message
APPLICATION_ID = 0x54424F54  # "TBOT", as the SQLite store's PRAGMA application_id
ID_BYTES = 6  # 12 hex digits, as the SQLite store's ids
# Two-int advisory lock keys: a key space apart from the sessions' bigint keys.
SCHEMA_LOCK = (APPLICATION_ID, 1)
IMPORT_LOCK = (APPLICATION_ID, 2)
SECRET_PARAMS = ("password", "sslpassword")  # never shown in `where`

Connection = Any  # a psycopg.Connection: psycopg is loaded only when a store is opened


class _Driver(NamedTuple):
    psycopg: ModuleType
    pool: ModuleType


def _create_reports_table(conn: Connection) -> None:
    conn.execute(
        """CREATE TABLE reports (
            seq         bigint GENERATED ALWAYS AS IDENTITY,  -- insertion order, after created
            id          text PRIMARY KEY,
            created     text COLLATE "C" NOT NULL,  -- UTC ISO 8601, so (byte) text order is time order
            session     text,
            disposition text,
            valid       boolean NOT NULL,
            report      text NOT NULL  -- the SQLite store's JSON text, so it reads back identically
        )"""
    )
    conn.execute("CREATE INDEX reports_by_created ON reports (created, seq)")


def _create_conversations_table(conn: Connection) -> None:
    conn.execute(
        """CREATE TABLE conversations (
            id      text PRIMARY KEY,
            updated double precision NOT NULL,  -- the server's Unix time of the last turn, for the idle sweep
            data    text NOT NULL               -- what the last turn kept, as JSON
        )"""
    )
    conn.execute("CREATE INDEX conversations_by_updated ON conversations (updated)")


# Schema version N (the one row of triage_bot_schema) is reached by applying
# MIGRATIONS[:N] in order; a new version is one function appended here.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_create_reports_table, _create_conversations_table)


class PostgresStore:
    """Adverse-event reports in a PostgreSQL database, with the interface and behaviour of ReportStore.

    ``url`` is a libpq URL (``postgresql://user@host:5432/dbname``) or
    key=value string; a password may come from it, PGPASSWORD or ~/.pgpass.
    ``where`` names the database in messages, without any password; ``path``
    is None. With ``create=False`` a database without the tables is refused
    rather than set up. The store is safe to share between threads: each call
    takes a connection from a pool of ``min_size`` to ``max_size``.

    >>> with PostgresStore("postgresql://triage@db.example/reports") as store:  # doctest: +SKIP
    ...     store.get(store.add({"drug": {"name": "baclofen"}}))["drug"]
    {'name': 'baclofen'}
    """

    def __init__(self, url: str, *, create: bool = True, min_size: int = 1, max_size: int = 8,
                 timeout_s: float = WAIT_TIMEOUT_S) -> None:
        self.where = redacted(url)
        self.path = None
        self.notices: list[str] = []
        self._create = create
        self._timeout_s = timeout_s
        self._max_size = max_size
        self._driver = _load_driver(self.where)
        given = self._parse(url)
        self._password = given.get("password") or ""
        if self._password and self._password in self.where:  # a URL too mangled for urlsplit
            self.where = self.where.replace(self._password, "")
        defaults = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "triage-bot"}
        conninfo = self._driver.psycopg.conninfo.make_conninfo(
            url, **{key: value for key, value in defaults.items() if key not in given})
        with self._translated_errors():
            with self._driver.psycopg.connect(conninfo, autocommit=True) as conn:
                self._migrate(conn)
            self._pool = self._driver.pool.ConnectionPool(
                conninfo, min_size=min_size, max_size=max_size, kwargs={"autocommit": True}, open=False,
                check=self._driver.pool.ConnectionPool.check_connection, timeout=timeout_s,
                name="triage-bot-reports")  # fmt: skip
            try:
                self._pool.open(wait=True, timeout=timeout_s)
            except BaseException:
                self._pool.close()
                raise

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every connection of the pool; the store cannot be used afterwards."""
        self._pool.close()

    # ------------------------------------------------------------------ reports

    def add(self, report: dict) -> str:
        """Store a finished conversation's report in one committed transaction; its new id (as ReportStore.add)."""
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

    def _add(self, report: dict, skip_present: bool = False) -> tuple[str, bool]:
        with self._connection() as conn, conn.transaction():
            if skip_present:
                # Imports one after the other, so two importing the same file at once add it once.
                conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", IMPORT_LOCK)
            return _insert(conn, report, skip_present)

    def get(self, report_id: str) -> dict:
        """The stored report with its ``id`` and current ``validity`` added."""
        with self._connection() as conn:
            row = conn.execute("SELECT id, report FROM reports WHERE id = %s", (_text(report_id),)).fetchone()
        if row is None:
            raise ReportNotFoundError(f"no report with id {report_id} in {self.where}")
        return stored_view(*row)

    def iter_reports(self, since: date | datetime | None = None) -> Iterator[dict]:
        """Stored reports, oldest first, as `get` returns them; `since` keeps those created on or after it (UTC)."""
        with self._connection() as conn:
            rows = conn.execute("SELECT id, report FROM reports WHERE created >= %s ORDER BY created, seq",
                                (since_text(since),)).fetchall()
        for row in rows:
            yield stored_view(*row)

    def list(self, since: date | datetime | None = None) -> list[ReportSummary]:
        """One summary per stored report, oldest first, e.g. to choose one for `get`."""
        return [summary_of(view) for view in self.iter_reports(since)]

    # ------------------------------------------------------------ conversations

    @contextmanager
    def conversation(self, session: str) -> Iterator[Turn]:
        """One turn of a kept conversation, in one transaction: see rows.Turn.

        Turns of one session, even one not kept yet, wait for each other (an advisory lock
        on it), so none is lost. `Turn.add` runs in a savepoint: a failed insert spares the turn.
        """
        key = _text(session)
        with self._connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))
            row = conn.execute("SELECT data FROM conversations WHERE id = %s", (key,)).fetchone()
            is_open = [True]
            turn = Turn(json.loads(row[0]) if row else None, lambda report: self._turn_insert(conn, is_open, report),
                        lambda prefix, starting: _count(conn, prefix, starting))
            try:
                yield turn
            finally:
                is_open[0] = False  # the connection goes back to the pool: no more reports through this turn
            if turn.forgotten:
                conn.execute("DELETE FROM conversations WHERE id = %s", (key,))
            elif turn.data is not None:
                conn.execute(
                    "INSERT INTO conversations (id, updated, data) "
                    "VALUES (%s, extract(epoch FROM clock_timestamp())::double precision, %s) "
                    "ON CONFLICT (id) DO UPDATE SET updated = excluded.updated, data = excluded.data",
                    (key, json.dumps(turn.data, allow_nan=False)))  # fmt: skip

    def _turn_insert(self, conn: Connection, is_open: list[bool], report: dict) -> str:
        if not is_open[0]:
            raise RuntimeError("a turn's reports must be added inside its `with store.conversation(...)` block")
        with self._translated_errors(), conn.transaction():
            return _insert(conn, report)[0]

    def stale_conversations(self, idle_s: float, limit: int = 100) -> list[str]:
        """Kept conversations silent for ``idle_s`` seconds or more (by the server's clock), longest silent first."""
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT id FROM conversations "
                "WHERE updated <= extract(epoch FROM clock_timestamp())::double precision - %s::double precision "
                "ORDER BY updated, id LIMIT %s", (float(idle_s), int(limit))).fetchall()  # fmt: skip
        return [row[0] for row in rows]

    def count_conversations(self, prefix: str = "", starting: bool = True) -> int:
        """How many conversations are kept (those whose id starts, or does not start, with ``prefix``)."""
        with self._connection() as conn:
            return _count(conn, prefix, starting)

    # --------------------------------------------------------------- internals

    def _parse(self, url: str) -> dict[str, Any]:
        try:
            return self._driver.psycopg.conninfo.conninfo_to_dict(url)
        except self._driver.psycopg.Error:
            # Its reason may quote the URL, password included: say only where to look.
            raise ReportStoreError(f"report database {self.where} is not a valid PostgreSQL URL; check its "
                                   f"spelling (postgresql://user@host:port/dbname), or choose another with "
                                   f"--db or {DB_ENV_VAR}") from None

    def _migrate(self, conn: Connection) -> None:
        """Bring the schema to len(MIGRATIONS), in one transaction that one process at a time may run."""
        version = self._version(conn)
        if version == len(MIGRATIONS):
            return
        if version is None and not self._create:
            raise ReportStoreError(
                f"no report database in {self.where} yet; reports are saved there when a conversation ends "
                f"(choose another with --db or {DB_ENV_VAR})")  # fmt: skip
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", SCHEMA_LOCK)
            # Re-read under the lock: another process may have just migrated.
            version = self._version(conn)
            if version is None:
                self._refuse_foreign_tables(conn)
                conn.execute("CREATE TABLE triage_bot_schema (version integer NOT NULL)")
                version = 0
            for migrate in MIGRATIONS[version:]:
                migrate(conn)
            conn.execute("DELETE FROM triage_bot_schema")
            conn.execute("INSERT INTO triage_bot_schema (version) VALUES (%s)", (len(MIGRATIONS),))

    def _version(self, conn: Connection) -> int | None:
        """The schema version, None without triage-bot's tables; refuses a newer one."""
        if not _table_exists(conn, "triage_bot_schema"):
            return None
        version = conn.execute("SELECT coalesce(max(version), 0) FROM triage_bot_schema").fetchone()[0]
        if version > len(MIGRATIONS):
            raise ReportStoreError(
                f"report database {self.where} was written by a newer triage-bot (schema {version}); "
                "upgrade triage-bot to read it")  # fmt: skip
        return version

    def _refuse_foreign_tables(self, conn: Connection) -> None:
        taken = [name for name in ("reports", "conversations") if _table_exists(conn, name)]
        if taken:
            raise ReportStoreError(
                f"{self.where} has a table {' and '.join(taken)} that triage-bot did not make; it has been left "
                f"untouched (choose another database or schema with --db or {DB_ENV_VAR})")  # fmt: skip

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """A connection of the pool (autocommit: transactions are explicit), errors translated."""
        with self._translated_errors(), self._pool.connection() as conn:
            yield conn

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except self._driver.psycopg.Error as exc:
            raise ReportStoreError(self._explain(exc)) from None

    def _explain(self, exc: Exception) -> str:
        """One line: what went wrong with the database and what to do; never the statement or its values."""
        pool, where = self._driver.pool, f"report database {self.where}"
        if isinstance(exc, pool.PoolTimeout):
            return (f"{where} gave no connection within {self._timeout_s:g} s (all {self._max_size} busy, or "
                    "the server unreachable); check that the server is running and try again")
        if isinstance(exc, pool.PoolClosed):
            return f"{where} has been closed; open the store again"
        code = getattr(exc, "sqlstate", None) or ""
        reason = " ".join(str(exc).split())
        if self._password:
            reason = reason.replace(self._password, "")
        advice = (POSTGRES_ADVICE.get(code) or POSTGRES_ADVICE.get(code[:2]) if code else
                  next((POSTGRES_ADVICE[key] for words, key in LIBPQ_WORDS if all(w in reason for w in words)), None))
        if advice:
            return f"{where} {advice}"
        if not code:  # libpq's own message, about the connection: it names hosts, never the data
            return (f"cannot connect to {where} ({reason[:MAX_REASON]}); check that the PostgreSQL server is "
                    "running and the URL's host, port and database name, then try again")
        return f"{where} cannot be used: {type(exc).__name__} (SQLSTATE {code}); see the server's log"


def _table_exists(conn: Connection, name: str) -> bool:
    """Whether the schema that unqualified names create in has table ``name``.

    A query of pg_class, not to_regclass: that would trust a "no such table"
    this connection cached before the migration lock was granted.
    """
    return conn.execute(
        "SELECT EXISTS (SELECT FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relname = %s AND n.nspname = current_schema())", (name,)).fetchone()[0]  # fmt: skip


def _insert(conn: Connection, report: dict, skip_present: bool = False) -> tuple[str, bool]:
    """Insert a report inside the caller's transaction: (new id, True), or (stored id, False) if skipped."""
    stored, created, document, valid = prepared(report)
    if skip_present:
        row = conn.execute("SELECT id FROM reports WHERE report = %s ORDER BY seq LIMIT 1", (document,)).fetchone()
        if row is not None:
            return row[0], False
    while True:
        # An id another transaction took meanwhile inserts nothing: draw another.
        row = conn.execute(
            "INSERT INTO reports (id, created, session, disposition, valid, report) VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (id) DO NOTHING RETURNING id",
            (secrets.token_hex(ID_BYTES), created, _text(stored.get("session")), _text(stored.get("disposition")),
             valid, document)).fetchone()  # fmt: skip
        if row is not None:
            return row[0], True


def _text(value: Any) -> str | None:
    """column_text, with NUL written as an escape too: PostgreSQL text cannot hold it."""
    text = column_text(value)
    return None if text is None else text.replace("\x00", "\\u0000")


def redacted(url: str) -> str:
    """``url`` without its password, to name the database in messages.

    >>> redacted("postgresql://nurse:s3cret@db.example:5432/reports?sslpassword=x&sslmode=require")
    'postgresql://nurse@db.example:5432/reports?sslmode=require'
    """
    if "://" not in url:  # a key=value connection string
        return re.sub(r"\s*\b(?:ssl)?password\s*=\s*('(?:[^'\\]|\\.)*'|\S*)", "", url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("://", 1)[0] + "://(unreadable URL)"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, hosts = netloc.rsplit("@", 1)
        netloc = f"{userinfo.split(':', 1)[0]}@{hosts}"
    query = "&".join(pair for pair in parts.query.split("&") if pair.split("=", 1)[0].lower() not in SECRET_PARAMS)
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def _load_driver(where: str) -> _Driver:
    """psycopg and psycopg_pool (the postgres extra), loaded when a store is opened."""
    try:
        import psycopg
        import psycopg_pool
        return _Driver(psycopg, psycopg_pool)
    except ImportError:
        raise ReportStoreError(f"report database {where} is PostgreSQL, which needs psycopg: {INSTALL_HINT}") from None


def _count(conn: Connection, prefix: str, starting: bool) -> int:
    """Kept conversations whose id starts (or does not start) with ``prefix``, on ``conn``."""
    test = "=" if starting else "<>"
    return conn.execute(f"SELECT count(*) FROM conversations WHERE substr(id, 1, %s) {test} %s",
                        (len(prefix), _text(prefix))).fetchone()[0]
