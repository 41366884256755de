"""A report's values by dotted path ("patient.age", "events.0.onset"): read, and set in a copy.
(Split out of triage_bot.interview, which asks for them.)"""
from __future__ import annotations

from collections.abc import Mapping

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def get_path(report: Mapping, path: str) -> Any:
    value: Any = report
    for part in path.split("."):
        if isinstance(value, list):
            value = value[int(part)] if part.isdigit() and int(part) < len(value) else None
        elif isinstance(value, Mapping):
            value = value.get(part)
        else:
            return None
    return value


def put_path(report: dict, path: str, value: Any) -> dict:
    """A copy of ``report`` with ``path`` set; the old dict is left as it was."""
    head, _, rest = path.partition(".")
    new = dict(report) if isinstance(report, dict) else {}
    if not rest:
        new[head] = value
    elif head == "events":
        index, _, key = rest.partition(".")
        events = list(new.get("events") or [])
        events[int(index)] = put_path(events[int(index)], key, value)
        new["events"] = events
    else:
        new[head] = put_path(new.get(head) or {}, rest, value)
    return new
