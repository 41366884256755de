"""What both report stores share: the stored view of a report, its summary, and a conversation's turn.

SQLite (triage_bot.reports.store) and PostgreSQL (triage_bot.reports.postgres)
keep the same rows: a report as one JSON document with a few indexed columns,
and each open conversation as one JSON document, so the two stores read and
write the same things and pass the same tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from .report import check_validity, escape_surrogates, events_of


@dataclass(frozen=True)
class ReportSummary:
    """One line of `ReportStore.list`: enough to pick a report to show."""

    id: str
    created: str  # UTC, ISO 8601
    session: str | None
    disposition: str | None
    valid: bool
    effects: tuple[str, ...]  # the monograph effect, else the patient's own words



class Turn:
    """One turn of a conversation kept in a store, inside one transaction of that store.

    ``kept`` is what the last turn kept for the session (None for a new one);
    :meth:`add` stores a report in the same transaction, and :meth:`keep` or
    :meth:`forget` say what the row becomes.  Nothing is written until the
    turn ends without an error, and then all of it is, together: a report is
    never stored without its conversation knowing, so none is stored twice.
    """

    def __init__(self, kept: dict | None, insert: Callable[[dict], str],
                 count: Callable[[str, bool], int] | None = None) -> None:
        self.kept = kept
        self._insert = insert
        self._count = count
        self.data: dict | None = None
        self.forgotten = False

    def open_calls(self, prefix: str = "", starting: bool = True) -> int:
        """How many conversations are kept whose id starts (or, ``starting=False``, does not start)
        with ``prefix``, read on this turn's own connection (a pool is not asked for a second)."""
        if self._count is None:
            raise RuntimeError("this turn cannot count the kept conversations")
        return self._count(prefix, starting)

    def add(self, report: dict) -> str:
        """Store a report in this turn's transaction; its id."""
        return self._insert(report)

    def keep(self, data: dict) -> None:
        """What the session's row holds once the turn is committed."""
        self.data, self.forgotten = data, False

    def forget(self) -> None:
        """The session's row is deleted once the turn is committed."""
        self.data, self.forgotten = None, True


def prepared(report: dict) -> tuple[dict, str, str, bool]:
    """A report ready to store: (report with ``created``, created as UTC text, its JSON document, validity)."""
    stored = dict(report)
    if not stored.get("created"):
        stored["created"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    created = utc_text(stored["created"])
    try:
        # ASCII escapes let any str be stored, even the lone surrogates a
        # badly encoded terminal can produce; loading gives back the same text.
        document = json.dumps(stored, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"report is not JSON-serialisable: {exc}") from None
    return stored, created, document, check_validity(stored).valid


def summary_of(view: dict) -> ReportSummary:
    """The list line of a stored report's view."""
    return ReportSummary(
        id=view["id"],
        created=utc_text(view["created"]),
        session=_text_or_none(view.get("session")),
        disposition=_text_or_none(view.get("disposition")),
        valid=view["validity"]["valid"],
        effects=tuple(_event_name(event) for event in events_of(view)),
    )


def utc_text(created: Any) -> str:
    """A report's creation time as UTC ISO text; a time without offset is taken as UTC."""
    try:
        # Python 3.10's fromisoformat does not accept a "Z" suffix.
        moment = datetime.fromisoformat(re.sub(r"[Zz]$", "+00:00", created))
    except (TypeError, ValueError):
        raise ValueError(f"report 'created' is not an ISO 8601 date-time: {created!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def since_text(since: date | datetime | None) -> str:
    if since is None:
        return ""
    if not isinstance(since, datetime):
        since = datetime(since.year, since.month, since.day)
    return utc_text(since.isoformat())


def stored_view(report_id: str, document: str) -> dict:
    report = json.loads(document)
    validity = check_validity(report)
    view = {"id": report_id, **report}
    view.update(id=report_id, validity={"valid": validity.valid, "missing": list(validity.missing)})
    return view


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def column_text(value: Any) -> str | None:
    """Text for an indexed column: SQLite takes only valid UTF-8, so lone surrogates become escapes."""
    return None if value is None else escape_surrogates(str(value))



def _event_name(event: dict) -> str:
    return str(event.get("effect") or event.get("verbatim") or "")
