"""Recovery files: reports that serve could not store, kept to import later.

One owner-only JSON Lines file per failed run, beside the database (or in the
user's data folder); `triage-bot reports import FILE` brings them back, once
however often it is run.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from ..files import PRIVATE_FILE_MODE, UnsafeFileError, check_private_file, make_private_dirs
from .errors import ReportStoreError

# Reports serve could not store are written to a file named so in the database's folder.
RECOVERY_PREFIX = "reports-unstored-"


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
