"""Adverse-event reports: the report and its validity, the store, the exports.

A conversation ends by handing over a plain, JSON-serialisable dict such as
``{"drug": {"name": "baclofen"}, "reporter": {"type": "patient"},
"patient": {"age": 54}, "events": [{"verbatim": "my pee looks like cola"}]}``.

- `report`: the ICH E2B(R3) minimum criteria (`check_validity`) and the
  report's seriousness criteria;
- `paths`: where the database and the user's data live;
- `store`: `ReportStore`, one private SQLite file that survives a killed
  process, with its `errors`;
- `postgres`: `PostgresStore`, the same store in a PostgreSQL database shared
  by several servers (needs ``pip install 'triage-bot[postgres]'``);
  `open_store` opens either, from a path or a ``postgresql://`` URL;
- `exports`: JSON lines, CSV and E2B-shaped JSON;
- `recovery`: reports serve could not store, kept in a file to import later.

Every name is importable from here as before the split. Only the report part
loads with the package (the conversation reads SERIOUSNESS_CRITERIA); the rest
loads on first use, so a one-shot `triage` never imports sqlite3 (nor psycopg).

Standard library only, with the file-safety helpers of triage_bot.files (and
psycopg, for `postgres` only); it never prints or logs report contents:
fronts decide what reaches a screen.
"""

from __future__ import annotations

import os

from .report import (CRITERIA, EVENT_FIELDS, IDENTIFYING_SEXES, SERIOUSNESS_CRITERIA, Validity, check_validity,
                     escape_surrogates)

TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any

    from .postgres import PostgresStore
    from .store import ReportStore

# The names of each part loaded on first use.
_LAZY = {
    "paths": ("APP_DIR_NAME", "DB_ENV_VAR", "DB_FILE_NAME", "default_db_path", "user_data_dir"),
    "errors": ("ReportNotFoundError", "ReportStoreError"),
    "store": ("APPLICATION_ID", "BUSY_TIMEOUT_S", "DIR_MODE", "FILE_MODE", "ID_BYTES", "MIGRATIONS", "PRIVATE_UMASK",
              "SIDE_FILES", "WAL_SWITCH_RETRY_S", "ReportStore", "ReportSummary"),
    "exports": ("CSV_COLUMNS", "FORMULA_PREFIXES", "ExportNeedsError", "export_csv", "export_jsonl", "write_export",
                "without_unshared_contacts"),
    "coding": ("CodingError", "Meddra", "SENDER_TYPES", "Sender", "case_id", "load_meddra", "load_sender"),
    "narrative": ("narrative",),
    "fhir": ("export_fhir", "to_bundle"),
    "recovery": ("RECOVERY_PREFIX", "read_recovery", "write_recovery"),
    "postgres": ("PostgresStore",),
}  # fmt: skip
# The URL schemes libpq reads; anything else names an SQLite file.
DATABASE_URL_SCHEMES = ("postgresql://", "postgres://")
_PART_OF = {name: part for part, names in _LAZY.items() for name in names}

__all__ = ["CRITERIA", "DATABASE_URL_SCHEMES", "EVENT_FIELDS", "IDENTIFYING_SEXES", "SERIOUSNESS_CRITERIA",
           "Validity", "check_validity", "escape_surrogates", "is_database_url", "open_store", *_PART_OF]


def is_database_url(text: object) -> bool:
    """Whether ``text`` is a PostgreSQL URL (``postgresql://`` or ``postgres://``) rather than a file's path.

    >>> is_database_url("postgresql://triage@db.example/reports"), is_database_url("/srv/reports.db")
    (True, False)
    """
    return isinstance(text, str) and text.startswith(DATABASE_URL_SCHEMES)


def open_store(where: str | os.PathLike[str] | None = None, *, create: bool = True) -> ReportStore | PostgresStore:
    """The report store at ``where``: a PostgresStore for a PostgreSQL URL, else a ReportStore (SQLite) file.

    None means the default: TRIAGE_BOT_DB when it holds a URL, else ReportStore's default path.

    >>> with open_store("postgresql://triage@db.example/reports") as store:  # doctest: +SKIP
    ...     store.where
    'postgresql://triage@db.example/reports'
    """
    from .paths import DB_ENV_VAR

    if where is None and is_database_url(os.environ.get(DB_ENV_VAR)):
        where = os.environ[DB_ENV_VAR]
    if is_database_url(where):
        from .postgres import PostgresStore

        return PostgresStore(where, create=create)
    from .store import ReportStore

    return ReportStore(where, create=create)


def __getattr__(name: str) -> Any:
    """Load the part that holds ``name`` on first use, e.g. `store` for ``reports.ReportStore``."""
    part = _PART_OF.get(name)
    if part == "paths":
        from . import paths as module
    elif part == "errors":
        from . import errors as module
    elif part == "store":
        from . import store as module
    elif part == "exports":
        from . import exports as module
    elif part == "coding":
        from . import coding as module
    elif part == "narrative":
        from . import narrative as module
    elif part == "fhir":
        from . import fhir as module
    elif part == "recovery":
        from . import recovery as module
    elif part == "postgres":
        from . import postgres as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value
