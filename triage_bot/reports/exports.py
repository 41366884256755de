"""Exports of stored reports: JSON lines, CSV (one row per event) and E2B-shaped JSON.

Each writer takes reports as `ReportStore.iter_reports` gives them and a text
stream, and returns how many lines or rows it wrote. Standard library only;
nothing here opens the database.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from .report import (EVENT_FIELDS, SERIOUSNESS_CRITERIA, check_validity, criteria_met, escape_surrogates,
                     events_of, has_text, section_of)



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


# E2B(R3) code lists used below.
SPONTANEOUS_REPORT = 1  # C.1.3 type of report
REPORTER_QUALIFICATION = {"doctor": 1, "pharmacist": 2, "nurse": 3, "patient": 5, "carer": 5, "other": 5}  # C.2.r.4
SEX_CODE = {"male": 1, "female": 2}  # D.5; "other" and "unknown" have no code
AGE_UNIT_YEARS = "a"  # D.2.2b, UCUM
OUTCOME_CODE = {"recovered": 1, "recovering": 2, "not_recovered": 3, "unknown": 0}  # E.i.7
SERIOUSNESS_FIELDS = dict(zip(SERIOUSNESS_CRITERIA, (f"E.i.3.2{letter}" for letter in "abcdef")))  # E.i.3.2a-f
SUSPECT, CONCOMITANT = 1, 2  # G.k.1 characterisation of drug role
# G.k.9.i.4 did the reaction recur on re-administration: 1 yes-yes, 2 yes-no, 4 no-n/a.
# A patient's "don't know" is left empty rather than sent as 3 (rechallenged, outcome unknown).
RECHALLENGE_CODE = {"yes": 1, "no": 2, "not_applicable": 4}


def to_e2b(report: dict) -> dict[str, Any]:
    """Shape a report as an ICH E2B(R3) individual case safety report.

    This is a JSON rendering of the E2B(R3) data elements, keyed by their
    numbers, not the HL7 XML message; dates stay ISO 8601 and unknown values
    are null. Sections:

    - C.1 identification: C.1.1 sender's safety report unique identifier (our
      id), C.1.2 date of creation, C.1.3 type of report (1 spontaneous), C.1.4
      date first received, C.1.5 date of most recent information.
    - C.2.r primary source: C.2.r.4 qualification (1 physician, 2 pharmacist,
      3 other health professional, 5 consumer); C.2.r.2 contact only when the
      reporter agreed to be identified to the manufacturer.
    - D patient: D.1 initials, D.2.2a/b age and unit ("a" = years), D.3 body
      weight (kg), D.5 sex (1 male, 2 female).
    - E.i reactions: E.i.1.1a as reported, verbatim; E.i.2.1b the monograph
      effect (and sign) standing in for a MedDRA term; E.i.3.2a-f seriousness
      (death, life threatening, hospitalisation, disabling, congenital
      anomaly, other medically important) from the report-level answers;
      E.i.4 start date; E.i.7 outcome (1 recovered, 2 recovering, 3 not
      recovered, 0 unknown).
    - G.k drugs: the suspect drug (G.k.1 = 1) with G.k.2.2 name, G.k.2.3.r
      strength, G.k.4.r dosage, G.k.7.r indication, G.k.9.i reaction matrix
      with G.k.9.i.4 rechallenge, and dechallenge in G.k.11 free text (E2B(R3)
      has no coded dechallenge element); other medicines as concomitant
      (G.k.1 = 2).
    - H.1 case narrative: session, pregnancy, alcohol, triage tier,
      disposition and the advice given.
    - minimum_criteria: the four checks of `check_validity` and ``valid``.

    >>> to_e2b({"events": [{"verbatim": "my pee looks like cola"}]})["E.i"][0]["E.i.1.1a"]
    'my pee looks like cola'
    """
    drug, patient, reporter = section_of(report, "drug"), section_of(report, "patient"), section_of(report, "reporter")
    events = events_of(report)
    created = report.get("created")
    source: dict[str, Any] = {"C.2.r.4": REPORTER_QUALIFICATION.get(reporter.get("type"))}
    if reporter.get("share_with_manufacturer") is True and has_text(reporter.get("contact")):
        source["C.2.r.2"] = reporter["contact"]
    age = patient.get("age")
    medicines = report.get("other_medicines")
    met = criteria_met(report)
    return {
        "C.1": {"C.1.1": report.get("id"), "C.1.2": created, "C.1.3": SPONTANEOUS_REPORT, "C.1.4": created,
                "C.1.5": created},
        "C.2.r": [source],
        "D": {"D.1": patient.get("initials"), "D.2.2a": age, "D.2.2b": AGE_UNIT_YEARS if age is not None else None,
              "D.3": patient.get("weight_kg"), "D.5": SEX_CODE.get(patient.get("sex"))},
        "E.i": [_e2b_reaction(event, section_of(report, "seriousness")) for event in events],
        "G.k": [
            _e2b_suspect_drug(drug, events),
            *(_e2b_concomitant_drug(medicine) for medicine in (medicines if isinstance(medicines, list) else [])),
        ],
        "H": {"H.1": _narrative(report)},
        "minimum_criteria": {**met, "valid": all(met.values())},
    }  # fmt: skip


def export_e2b_jsonl(reports: Iterable[dict], out: TextIO) -> int:
    """Write one `to_e2b` case per line and return how many were written."""
    return export_jsonl((to_e2b(report) for report in reports), out)


def _e2b_reaction(event: dict, seriousness: dict) -> dict[str, Any]:
    term = " - ".join(str(event[key]) for key in ("effect", "sign") if has_text(event.get(key)))
    return {
        "E.i.1.1a": event.get("verbatim"),
        "E.i.2.1b": term or None,
        **{field: seriousness.get(criterion) for criterion, field in SERIOUSNESS_FIELDS.items()},
        "E.i.4": event.get("onset"),
        "E.i.7": OUTCOME_CODE.get(event.get("outcome")),
    }


def _e2b_suspect_drug(drug: dict, events: list[dict]) -> dict[str, Any]:
    strength = drug.get("strength_mg")
    dosage = " ".join(str(drug[key]) for key in ("dose", "frequency") if drug.get(key))
    dechallenges = [
        f"Reaction {number} abated when the drug was stopped or reduced (dechallenge): {event['dechallenge']}."
        for number, event in enumerate(events, start=1)
        if event.get("dechallenge")
    ]
    return {
        "G.k.1": SUSPECT,
        "G.k.2.2": drug.get("name"),
        "G.k.2.3.r": [{"G.k.2.3.r.1": drug.get("name"), "G.k.2.3.r.3a": strength, "G.k.2.3.r.3b": "mg"}]
        if strength is not None
        else [],
        "G.k.4.r": [{"G.k.4.r.4": drug.get("start_date"), "G.k.4.r.8": dosage or None}],
        "G.k.7.r": [{"G.k.7.r.1": drug["indication"]}] if drug.get("indication") else [],
        "G.k.9.i": [
            {"G.k.9.i.1": number, "G.k.9.i.4": RECHALLENGE_CODE.get(event.get("rechallenge"))}
            for number, event in enumerate(events, start=1)
        ],
        "G.k.11": " ".join(dechallenges) or None,
    }


def _e2b_concomitant_drug(medicine: Any) -> dict[str, Any]:
    text = medicine.get("text") if isinstance(medicine, dict) else medicine
    interaction = medicine.get("interaction") if isinstance(medicine, dict) else None
    return {
        "G.k.1": CONCOMITANT,
        "G.k.2.2": text,
        "G.k.11": f"The monograph lists an interaction: {interaction}." if interaction else None,
    }


def _narrative(report: dict) -> str:
    session = report.get("session")
    pregnant = section_of(report, "patient").get("pregnant")
    sentences = [f"Spontaneous report collected by the triage-bot conversation{f' {session}' if session else ''}."]
    if pregnant is not None:
        sentences.append(f"Pregnant: {'yes' if pregnant else 'no'}.")
    if report.get("alcohol"):
        sentences.append(f"Alcohol: {report['alcohol']}.")
    for number, event in enumerate(events_of(report), start=1):
        if event.get("tier"):
            sentences.append(f"Reaction {number} triage tier: {event['tier']}.")
    if report.get("disposition"):
        sentences.append(f"Triage disposition: {report['disposition']}.")
    if report.get("advice"):
        when = f" ({report['advised_at']})" if report.get("advised_at") else ""
        sentences.append(f"Advice given{when}: {report['advice']}")
    return " ".join(sentences)
