"""What a pharmacovigilance team configures for the ICSR exports: the sender (C.3) and a MedDRA mapping.

Both are TOML files the team writes; neither is shipped.  MedDRA is licensed:
a licensee points the export at their own mapping of the monograph's signs to
lowest level terms (``--meddra FILE``); without one every reaction carries a
nullFlavor and the case is a draft that needs coding.

A sender file (``--sender FILE``)::

    id = "NURSELINE-GB-01"          # N.1.3 / N.2.r.2 sender identifier, and the case ids' middle part
    type = "health_professional"    # C.3.1: one of SENDER_TYPES
    organisation = "Example Hospital nurse line"
    department = "Pharmacy"
    given_name = "Ann"               # C.3.3 the sender's person (optional)
    family_name = "Smith"
    country = "GB"                   # ISO 3166-1 alpha-2: C.3.4.5, and the case ids' first part
    reporter_country = "GB"          # C.2.r.3 where the callers are (default: country)
    email = "pv@example.org"
    phone = "+44 20 7946 0000"
    receiver = "EVHUMAN"             # N.1.4 / N.2.r.3 (default "ICHTEST")

A MedDRA mapping (``--meddra FILE``), keyed by the monograph's sign or effect
as the reports name them (a sign first, then its effect)::

    version = "27.1"
    [llt]
    "drowsiness" = 10013993
    "Bloody or dark urine" = 10005863
"""
from __future__ import annotations

import re
import tomllib
import uuid
from pathlib import Path
from typing import Any, NamedTuple

from .errors import ReportStoreError

# C.3.1 sender type (ICH code list 7).
SENDER_TYPES = {"pharmaceutical_company": 1, "regulatory_authority": 2, "health_professional": 3,
                "regional_pharmacovigilance_centre": 4, "who_collaborating_centre": 5, "other": 6,
                "patient_or_consumer": 7}  # fmt: skip
SENDER_KEYS = ("id", "type", "organisation", "department", "given_name", "family_name", "country",
               "reporter_country", "email", "phone", "receiver")
_COUNTRY = re.compile(r"[A-Z]{2}")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,59}")
_VERSION = re.compile(r"\d{1,2}\.\d")
DEFAULT_SENDER_ID = "TRIAGE-BOT"
DEFAULT_RECEIVER = "ICHTEST"


class CodingError(ReportStoreError):
    """A sender or MedDRA file that cannot be used; the message names the file, the key and what is valid."""


class Sender(NamedTuple):
    """The organisation sending the cases (C.3), and who receives them."""
    id: str = DEFAULT_SENDER_ID
    type: str = "other"
    organisation: str | None = None
    department: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    country: str | None = None
    reporter_country: str | None = None
    email: str | None = None
    phone: str | None = None
    receiver: str = DEFAULT_RECEIVER
    configured: bool = False

    @property
    def type_code(self) -> int:
        return SENDER_TYPES[self.type]


class Meddra(NamedTuple):
    """A licensee's mapping of the monograph's signs and effects to MedDRA lowest level terms."""
    version: str
    llt: dict[str, int]

    def code(self, event: dict) -> int | None:
        """The LLT code of a report's event: its sign's, else its effect's; None if unmapped."""
        for key in ("sign", "effect"):
            name = event.get(key)
            if isinstance(name, str) and name.strip():
                found = self.llt.get(name.strip().casefold())
                if found is not None:
                    return found
        return None


def _read(path: str | Path, what: str) -> dict:
    try:
        with open(path, "rb") as file:
            return tomllib.load(file)
    except OSError as exc:
        raise CodingError(f"cannot read the {what} file {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CodingError(f"{what} file {path} is not valid TOML: {exc}") from None


def load_sender(path: str | Path) -> Sender:
    """The sender a TOML file describes, checked key by key."""
    data = _read(path, "sender")
    unknown = sorted(set(data) - set(SENDER_KEYS))
    if unknown:
        raise CodingError(f"sender file {path}: unknown key {unknown[0]!r}; the keys are {', '.join(SENDER_KEYS)}")
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise CodingError(f"sender file {path}: {key} must be a non-empty string")
    if "id" not in data:
        raise CodingError(f"sender file {path}: id is missing (the sender identifier agreed with the receiver)")
    for key in ("id", "receiver"):
        if key in data and not _ID.fullmatch(data[key]):
            raise CodingError(f"sender file {path}: {key} {data[key][:40]!r} must be 1-60 letters, digits, '.', '_' "
                              "or '-'")
    if data.get("type", "other") not in SENDER_TYPES:
        raise CodingError(f"sender file {path}: type {data['type'][:40]!r} is not one of {', '.join(SENDER_TYPES)}")
    for key in ("country", "reporter_country"):
        if key in data and not _COUNTRY.fullmatch(data[key]):
            raise CodingError(f"sender file {path}: {key} {data[key][:20]!r} must be an ISO 3166-1 alpha-2 code "
                              "such as GB or US")
    fields = {key: value.strip() for key, value in data.items()}
    fields.setdefault("reporter_country", fields.get("country"))
    return Sender(**fields, configured=True)


def load_meddra(path: str | Path) -> Meddra:
    """The MedDRA mapping a TOML file holds, checked term by term."""
    data = _read(path, "MedDRA mapping")
    unknown = sorted(set(data) - {"version", "llt"})
    if unknown:
        raise CodingError(f"MedDRA mapping {path}: unknown key {unknown[0]!r}; the keys are version and [llt]")
    version = data.get("version")
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise CodingError(f"MedDRA mapping {path}: version must be the MedDRA version as text, such as \"27.1\"")
    table = data.get("llt")
    if not isinstance(table, dict) or not table:
        raise CodingError(f"MedDRA mapping {path}: [llt] must map each sign or effect to its LLT code")
    llt: dict[str, int] = {}
    for name, code in table.items():
        if isinstance(code, bool) or not isinstance(code, int) or not 10_000_000 <= code <= 99_999_999:
            raise CodingError(f"MedDRA mapping {path}: [llt] {name[:60]!r} must be an 8-digit LLT code, "
                              f"not {str(code)[:20]!r}")
        llt[name.strip().casefold()] = code
    return Meddra(version, llt)


def case_id(report: dict, sender: Sender) -> str:
    """The worldwide unique case id (C.1.1 and C.1.8.1): country, sender, report id, as ICH shapes it."""
    return "-".join(part for part in (sender.country, sender.id, str(report.get("id") or "")) if part)


_IDS = uuid.UUID("6f1c0b1e-3c52-4c1e-9d55-7c1f3a0e2b10")  # the namespace of this program's element ids


def part_id(report: dict, part: str) -> str:
    """A UUID for one part of a report (a reaction, a drug, a FHIR resource): the same at every export."""
    return str(uuid.uuid5(_IDS, f"{report.get('id') or report.get('created') or ''}/{part}"))


def language_code(language: Any) -> str:
    """ISO 639-2 (E.i.1.1b) for the report's language (ISO 639-1 as the knowledge names it)."""
    text = str(language or "en").strip().lower()
    return ISO_639_2.get(text, text if len(text) == 3 else "und")


ISO_639_2 = {"en": "eng", "fr": "fre", "de": "ger", "es": "spa", "it": "ita", "nl": "dut", "pt": "por",
             "ja": "jpn", "zh": "chi", "ar": "ara", "pl": "pol", "sv": "swe", "da": "dan", "fi": "fin"}
