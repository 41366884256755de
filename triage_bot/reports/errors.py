"""The report store's errors: one line naming the file and what to do.

Kept apart from the store so that a reader of recovery files can raise them
without loading SQLite.
"""

from __future__ import annotations

from pathlib import Path

from .paths import DB_ENV_VAR

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3


class ReportStoreError(Exception):
    """The report database cannot be used; the message is one line naming the file and what to do."""


class ReportNotFoundError(ReportStoreError):
    """No stored report has the requested id."""


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


def explain(path: Path, exc: sqlite3.Error, timeout: float) -> str:
    """What went wrong with the database and what to do, in one line, e.g. "report database
    /srv/reports.db is read-only; check the file's permissions, ..."."""
    reason = " ".join(str(exc).split())
    for keywords, advice in _ADVICE:
        if any(keyword in reason.lower() for keyword in keywords):
            return f"report database {path} {advice.format(timeout=timeout)}"
    return f"report database {path} cannot be used: {reason}"


# What a PostgreSQL SQLSTATE (or its class, the first two characters) means for the user, said after the
# database's redacted name.
POSTGRES_ADVICE = {
    "28P01": "refused the login (authentication failed); check the user and password (URL, PGPASSWORD, ~/.pgpass)",
    "28000": "refused the login for this user; check the user name in the URL, and pg_hba.conf on the server",
    "3D000": "does not exist on the server; create it (createdb) or correct the database name in the URL",
    "42501": "refused this user permission; ask for the triage-bot tables (and CREATE, for a new database)",
    "25006": "is read-only (a standby server?); use the URL of the primary server",
    "53100": "cannot be written because the server's disk is full; free some space and try again",
    "53300": "has too many connections open; try again, use a smaller pool (max_size), or raise max_connections",
    "57P01": "was shut down; try again once the server is running",
    "57P03": "is not accepting connections yet; try again once the server is running",
    "57014": "cancelled a statement (statement_timeout?); try again",
    "40": "was busy with a conflicting transaction; try again",
    "08": "lost the connection to the server; check that it is running and reachable, then try again",
}  # fmt: skip
# libpq's words, for a connection failure that has no SQLSTATE: the POSTGRES_ADVICE to give.
LIBPQ_WORDS = ((("password authentication failed",), "28P01"), (("no password supplied",), "28P01"),
                (("role", "does not exist"), "28000"), (("no pg_hba.conf entry",), "28000"),
                (("database", "does not exist"), "3D000"), (("server closed the connection",), "08"))
