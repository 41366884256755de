"""Where triage-bot keeps the user's own data: the report database and the chat history.

Standard library only and cheap to import, so a front can name the default
database (``--help``, the chat) without loading SQLite.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DB_ENV_VAR = "TRIAGE_BOT_DB"
APP_DIR_NAME = "triage-bot"
DB_FILE_NAME = "reports.db"


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
