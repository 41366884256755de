"""The adverse-event report and its validity against the ICH E2B(R3) minimum criteria.

A conversation ends by handing over a plain, JSON-serialisable dict such as
``{"drug": {"name": "baclofen"}, "reporter": {"type": "patient"},
"patient": {"age": 54}, "events": [{"verbatim": "my pee looks like cola"}]}``;
this module says whether it is a valid case, and holds the small readers of
its sections that the store and the exports share.

Standard library only, and cheap to import: the conversation reads
SERIOUSNESS_CRITERIA from here without loading the store.
"""

from __future__ import annotations

import re
from collections import namedtuple

TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any

# --------------------------------------------------------------------------
# Validity: the ICH E2B(R3) / E2D minimum criteria for a valid case report
# --------------------------------------------------------------------------

CRITERIA = ("patient", "reporter", "suspect drug", "adverse event")

# Sex identifies a patient only when it was actually given.
IDENTIFYING_SEXES = frozenset({"female", "male", "other"})

SERIOUSNESS_CRITERIA = (
    "death",
    "life_threatening",
    "hospitalisation",
    "disability",
    "congenital_anomaly",
    "other_important",
)
EVENT_FIELDS = ("verbatim", "effect", "sign", "hpo", "umls", "tier", "onset", "dechallenge", "rechallenge", "outcome")


class Validity(namedtuple("Validity", ("valid", "missing"))):
    """Whether a report meets the minimum criteria, and which ones it misses:
    ``valid`` (bool) and ``missing`` (tuple[str, ...])."""

    __slots__ = ()


def check_validity(report: dict) -> Validity:
    """Check a report against the four ICH minimum criteria for a valid case.

    A case is reportable once there is an identifiable patient (initials, age
    or a given sex), an identifiable reporter (their type; a reporter who will
    not be named to the manufacturer is still identifiable to us), a suspect
    drug and at least one adverse event in words.

    >>> check_validity({"patient": {"age": 54}, "reporter": {"type": "patient"},
    ...                 "drug": {"name": "baclofen"},
    ...                 "events": [{"verbatim": "my pee looks like cola"}]})
    Validity(valid=True, missing=())
    >>> check_validity({"drug": {"name": "baclofen"}}).missing
    ('patient', 'reporter', 'adverse event')
    """
    missing = tuple(name for name, met in criteria_met(report).items() if not met)
    return Validity(valid=not missing, missing=missing)


def criteria_met(report: dict) -> dict[str, bool]:
    """Each of the four CRITERIA and whether ``report`` meets it, e.g. {"patient": True, ...}."""
    patient = section_of(report, "patient")
    age = patient.get("age")
    return {
        "patient": has_text(patient.get("initials"))
        or (isinstance(age, (int, float)) and not isinstance(age, bool))
        or patient.get("sex") in IDENTIFYING_SEXES,
        "reporter": has_text(section_of(report, "reporter").get("type")),
        "suspect drug": has_text(section_of(report, "drug").get("name")),
        "adverse event": any(
            has_text(event.get("verbatim")) or has_text(event.get("effect")) for event in events_of(report)
        ),
    }


def section_of(report: dict, key: str) -> dict:
    """The report's ``key`` section ("patient", "drug", ...), or {} when it is absent or not an object."""
    value = report.get(key)
    return value if isinstance(value, dict) else {}


def events_of(report: dict) -> list[dict]:
    """The report's adverse events that are objects, e.g. [{"verbatim": "so dizzy"}]."""
    events = report.get("events")
    return [event for event in events if isinstance(event, dict)] if isinstance(events, list) else []


def has_text(value: Any) -> bool:
    """Whether ``value`` is a string with something in it besides spaces."""
    return isinstance(value, str) and bool(value.strip())


# --------------------------------------------------------------------------
# Text any file can hold
# --------------------------------------------------------------------------

# Lone surrogates (from a badly encoded terminal) are not text SQLite or a
# UTF-8 file can hold; they are kept as \\udXXXX escapes instead.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """``text`` with each lone surrogate written as a \\udXXXX escape, so any file can hold it.

    In JSON text the escape reads back as the same string.
    """
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

