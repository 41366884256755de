"""FHIR R4B: one Bundle per stored report, for hospitals that integrate through FHIR.

Each Bundle (type ``collection``) holds the Patient, the reporter (the
Patient themselves, a RelatedPerson for a carer, a Practitioner for a
nurse, doctor or pharmacist), a MedicationStatement for the suspect drug and
one for each other medicine, and one AdverseEvent per reaction: the
patient's words as the event's text, its HPO and UMLS codes (and MedDRA's,
from a licensee's mapping), seriousness, outcome, the suspect drug (and any
interacting medicine) as suspect entities, and the narrative as its text.
A reporter's contact appears only when they agreed to share it.

Plain JSON from the standard library; the tests validate every Bundle with
``fhir.resources``.  Ids are derived from the report's id, so exporting the
same report twice gives the same resources.
"""
from __future__ import annotations

import json
from html import escape
from typing import Any, Iterable, TextIO

from .coding import Meddra, part_id
from .narrative import dosage_text, narrative
from .report import SERIOUSNESS_CRITERIA, escape_surrogates, events_of, has_text, section_of

HPO_SYSTEM = "http://human-phenotype-ontology.org"
UMLS_SYSTEM = "http://www.nlm.nih.gov/research/umls"
MEDDRA_SYSTEM = "http://terminology.hl7.org/CodeSystem/mdr"
SERIOUSNESS_SYSTEM = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness"
OUTCOME_SYSTEM = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"
OUTCOME = {"recovered": "resolved", "recovering": "recovering", "not_recovered": "ongoing", "unknown": "unknown"}
GENDER = {"male": "male", "female": "female", "other": "other"}
PROFESSIONALS = {"nurse": "Nurse", "doctor": "Physician", "pharmacist": "Pharmacist"}
_uuid = part_id


def _entry(resource: dict) -> dict:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def _ref(resource: dict) -> dict:
    return {"reference": f"urn:uuid:{resource['id']}"}


def _div(text: str) -> dict:
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{escape(text)}</p></div>'}


def _telecom(contact: Any) -> list[dict]:
    text = str(contact or "").strip()
    if not text:
        return []
    return [{"system": "email" if "@" in text else "phone", "value": text}]


def to_bundle(report: dict, meddra: Meddra | None = None) -> dict:
    """The FHIR R4B Bundle of one stored report (see the module's docstring)."""
    patient_section, drug = section_of(report, "patient"), section_of(report, "drug")
    reporter = section_of(report, "reporter")
    patient: dict[str, Any] = {"resourceType": "Patient", "id": _uuid(report, "patient"),
                               "gender": GENDER.get(patient_section.get("sex"), "unknown")}
    if has_text(patient_section.get("initials")):
        patient["name"] = [{"text": str(patient_section["initials"])}]
    resources = [patient]
    recorder = _reporter(report, reporter, patient)
    if recorder is not patient and recorder is not None:
        resources.append(recorder)
    suspect = _medication(report, "suspect", str(drug.get("name") or "unknown"), patient, recorder)
    if dosage_text(drug):
        suspect["dosage"] = [{"text": dosage_text(drug)}]
    if has_text(drug.get("start_date")):
        suspect["effectivePeriod"] = {"start": str(drug["start_date"])}
    if has_text(drug.get("indication")):
        suspect["reasonCode"] = [{"text": str(drug["indication"])}]
    resources.append(suspect)
    suspects = [suspect]
    medicines = report.get("other_medicines")
    for number, medicine in enumerate(medicines if isinstance(medicines, list) else [], start=1):
        text = medicine.get("text") if isinstance(medicine, dict) else medicine
        interaction = medicine.get("interaction") if isinstance(medicine, dict) else None
        statement = _medication(report, f"medicine/{number}", str(text or "unknown"), patient, recorder)
        statement["note"] = [{"text": f"Concomitant; the monograph lists an interaction: {interaction}"
                              if interaction else "Concomitant"}]
        resources.append(statement)
        if interaction:
            suspects.append(statement)
    story = narrative(report)
    serious = any(section_of(report, "seriousness").get(c) is True for c in SERIOUSNESS_CRITERIA)
    for number, event in enumerate(events_of(report), start=1):
        resources.append(_adverse_event(report, number, event, patient, recorder, suspects, serious, story, meddra))
    return {"resourceType": "Bundle", "id": _uuid(report, "bundle"), "type": "collection",
            "identifier": {"system": "urn:triage-bot:report", "value": str(report.get("id") or "")},
            **({"timestamp": str(report["created"])} if has_text(report.get("created")) else {}),
            "entry": [_entry(resource) for resource in resources]}


def _reporter(report: dict, reporter: dict, patient: dict) -> dict | None:
    kind = reporter.get("type")
    shared = reporter.get("share_with_manufacturer") is True
    telecom = _telecom(reporter.get("contact")) if shared else []
    if kind == "patient":
        if telecom:
            patient["telecom"] = telecom
        return patient
    if kind == "carer":
        person = {"resourceType": "RelatedPerson", "id": _uuid(report, "reporter"), "patient": _ref(patient),
                  "relationship": [{"text": "carer"}]}
    elif kind in PROFESSIONALS:
        person = {"resourceType": "Practitioner", "id": _uuid(report, "reporter"),
                  "qualification": [{"code": {"text": PROFESSIONALS[kind]}}]}
    elif has_text(kind):
        person = {"resourceType": "RelatedPerson", "id": _uuid(report, "reporter"), "patient": _ref(patient),
                  "relationship": [{"text": str(kind)}]}
    else:
        return None
    if telecom:
        person["telecom"] = telecom
    return person


def _medication(report: dict, part: str, name: str, patient: dict, recorder: dict | None) -> dict:
    statement = {"resourceType": "MedicationStatement", "id": _uuid(report, part), "status": "active",
                 "medicationCodeableConcept": {"text": name}, "subject": _ref(patient)}
    if recorder is not None:
        statement["informationSource"] = _ref(recorder)
    return statement


def _adverse_event(report: dict, number: int, event: dict, patient: dict, recorder: dict | None,
                   suspects: list[dict], serious: bool, story: str, meddra: Meddra | None) -> dict:
    codings = []
    named = " - ".join(str(event[k]) for k in ("effect", "sign") if has_text(event.get(k)))
    if has_text(event.get("hpo")):
        codings.append({"system": HPO_SYSTEM, "code": str(event["hpo"]), **({"display": named} if named else {})})
    if has_text(event.get("umls")):
        codings.append({"system": UMLS_SYSTEM, "code": str(event["umls"])})
    code = meddra.code(event) if meddra else None
    if code is not None and meddra is not None:
        codings.append({"system": MEDDRA_SYSTEM, "version": meddra.version, "code": str(code)})
    concept: dict[str, Any] = {"text": str(event.get("verbatim") or named or "not recorded")}
    if codings:
        concept["coding"] = codings
    resource: dict[str, Any] = {
        "resourceType": "AdverseEvent", "id": _uuid(report, f"event/{number}"), "text": _div(story),
        "identifier": {"system": "urn:triage-bot:report-event", "value": f"{report.get('id') or ''}/{number}"},
        "actuality": "actual", "event": concept, "subject": _ref(patient),
        "seriousness": {"coding": [{"system": SERIOUSNESS_SYSTEM, "code": "serious" if serious else "non-serious"}]},
        "suspectEntity": [{"instance": _ref(s)} for s in suspects],
    }
    if has_text(event.get("onset")):
        resource["date"] = str(event["onset"])
    if has_text(report.get("created")):
        resource["recordedDate"] = str(report["created"])
    if event.get("outcome") in OUTCOME:
        resource["outcome"] = {"coding": [{"system": OUTCOME_SYSTEM, "code": OUTCOME[event["outcome"]]}]}
    if recorder is not None:
        resource["recorder"] = _ref(recorder)
    return resource


def export_fhir(reports: Iterable[dict], out: TextIO, meddra: Meddra | None = None) -> int:
    """Write one FHIR R4B Bundle per line (NDJSON) and return how many were written."""
    count = 0
    for count, report in enumerate(reports, start=1):
        out.write(escape_surrogates(json.dumps(to_bundle(report, meddra), ensure_ascii=False)) + "\n")
    return count
