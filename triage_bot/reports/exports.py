"""Exports of stored reports: JSON lines and CSV (one row per event); `write_export` also gives the
E2B(R3) XML (e2b_xml, with lxml) and FHIR (fhir) ones.

Each writer takes reports as `ReportStore.iter_reports` gives them and a text
stream, and returns how many lines or rows it wrote. Standard library only;
nothing here opens the database.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from .report import EVENT_FIELDS, SERIOUSNESS_CRITERIA, check_validity, escape_surrogates, events_of, section_of



def export_jsonl(reports: Iterable[dict], out: TextIO) -> int:
    """Write one JSON object per line (every key kept) and return how many were written.

    >>> export_jsonl(store.iter_reports(), sys.stdout)  # doctest: +SKIP
    {"id": "3f9a2c1b7d4e", "drug": {"name": "baclofen"}, ...}
    1
    """
    count = 0
    for count, report in enumerate(reports, start=1):
        out.write(escape_surrogates(json.dumps(report, ensure_ascii=False)) + "\n")
    return count


def without_unshared_contacts(report: dict) -> dict:
    """``report`` without the reporter's contact unless they agreed to share it (data minimisation).

    >>> without_unshared_contacts({"reporter": {"contact": "555-0100", "share_with_manufacturer": False}})
    {'reporter': {'share_with_manufacturer': False}}
    """
    reporter = report.get("reporter")
    if not isinstance(reporter, dict) or "contact" not in reporter or reporter.get("share_with_manufacturer") is True:
        return report
    return {**report, "reporter": {k: v for k, v in reporter.items() if k != "contact"}}


CSV_COLUMNS = (
    "id", "created", "session", "valid", "missing",
    "drug_name", "drug_strength_mg", "drug_dose", "drug_frequency", "drug_start_date", "drug_indication",
    "patient_initials", "patient_age", "patient_sex", "patient_weight_kg", "patient_pregnant",
    "reporter_type", "reporter_share_with_manufacturer",
    "event_number", *(f"event_{field}" for field in EVENT_FIELDS),
    *(f"serious_{criterion}" for criterion in SERIOUSNESS_CRITERIA),
    "other_medicines", "alcohol", "disposition", "advice", "advised_at", "declined",
)  # fmt: skip
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def export_csv(reports: Iterable[dict], out: TextIO) -> int:
    """Write one CSV row per adverse event and return the number of rows.

    A report without events still gets one row. The patient's words are kept
    exactly, except that a text cell starting with = + - @ (or a tab or
    carriage return) gets a leading ' so a spreadsheet shows it instead of
    running it: "=HYPERLINK(...)" becomes "'=HYPERLINK(...)". The reporter's
    contact details are left out (data minimisation: an analysis sheet has no
    need of them); they remain in JSON lines and `show`. Open `out` with
    ``newline=""``.
    """
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    rows = 0
    for report in reports:
        for row in _csv_rows(report):
            writer.writerow({column: _csv_cell(value) for column, value in row.items()})
            rows += 1
    return rows


def _csv_rows(report: dict) -> Iterator[dict[str, Any]]:
    drug, patient = section_of(report, "drug"), section_of(report, "patient")
    reporter, seriousness = section_of(report, "reporter"), section_of(report, "seriousness")
    validity = check_validity(report)
    medicines = report.get("other_medicines")
    shared = {
        "id": report.get("id"),
        "created": report.get("created"),
        "session": report.get("session"),
        "valid": validity.valid,
        "missing": "; ".join(validity.missing),
        **{f"drug_{key}": drug.get(key) for key in ("name", "strength_mg", "dose", "frequency", "start_date")},
        "drug_indication": drug.get("indication"),
        **{f"patient_{key}": patient.get(key) for key in ("initials", "age", "sex", "weight_kg", "pregnant")},
        "reporter_type": reporter.get("type"),
        "reporter_share_with_manufacturer": reporter.get("share_with_manufacturer"),
        **{f"serious_{criterion}": seriousness.get(criterion) for criterion in SERIOUSNESS_CRITERIA},
        "other_medicines": "; ".join(_medicine_text(medicine) for medicine in medicines)
        if isinstance(medicines, list)
        else medicines,
        **{key: report.get(key) for key in ("alcohol", "disposition", "advice", "advised_at", "declined")},
    }
    for number, event in enumerate(events_of(report) or [None], start=1):
        yield {
            **shared,
            "event_number": number if event is not None else None,
            **{f"event_{field}": (event or {}).get(field) for field in EVENT_FIELDS},
        }


def _medicine_text(medicine: Any) -> str:
    if not isinstance(medicine, dict):
        return str(medicine)
    text = str(medicine.get("text") or "")
    return f"{text} (interaction: {medicine['interaction']})" if medicine.get("interaction") else text


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = escape_surrogates(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class ExportNeedsError(ValueError):
    """An export whose optional dependency is not installed; the message says what to install."""


def write_export(name: str, reports: Iterable[dict], out: TextIO, sender: Any = None, meddra: Any = None) -> tuple[int, int]:
    """Write ``reports`` in format ``name`` (jsonl, csv, e2b-xml, fhir): (reports or rows written, drafts).

    A draft is an E2B case whose reactions are not all coded in MedDRA."""
    if name == "jsonl":
        return export_jsonl(reports, out), 0
    if name == "csv":
        return export_csv(reports, out), 0
    if name == "fhir":
        from .fhir import export_fhir
        return export_fhir(reports, out, meddra), 0
    if name == "e2b-xml":
        try:
            from .e2b_xml import export_e2b_xml
        except ImportError as exc:
            raise ExportNeedsError(f"the e2b-xml export needs lxml ({exc.name} is not installed): "
                                   "pip install 'triage-bot[e2b]'") from None
        return export_e2b_xml(reports, out, sender, meddra)
    raise ValueError(f"unknown export format {name!r}")
