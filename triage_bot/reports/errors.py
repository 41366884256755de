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
