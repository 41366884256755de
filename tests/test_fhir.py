"""The FHIR export: one R4B Bundle per report, each validated by fhir.resources."""
from __future__ import annotations

import io
import json

import pytest

from triage_bot.reports import Meddra, export_fhir, to_bundle
from tests.test_e2b_xml import stored_report

bundle_model = pytest.importorskip("fhir.resources.R4B.bundle", reason="pip install fhir.resources (test extra)")


def validated(report: dict, meddra: Meddra | None = None):
    data = to_bundle(report, meddra)
    bundle = bundle_model.Bundle.model_validate(data)
    return data, {kind: [e.resource for e in bundle.entry if e.resource.__class__.__name__ == kind]
                  for kind in ("Patient", "Practitioner", "RelatedPerson", "MedicationStatement", "AdverseEvent")}


def test_a_report_is_a_valid_bundle_with_an_adverse_event_per_reaction():
    report = stored_report(events=[{**stored_report()["events"][0], "hpo": "HP:0040319", "umls": "C0240536"},
                                   stored_report()["events"][1]])
    data, found = validated(report, Meddra("27.1", {"drowsiness": 19999902}))
    assert data["type"] == "collection" and data["identifier"]["value"] == "3f9a2c1b7d4e"
    (patient,) = found["Patient"]
    assert patient.gender == "male" and patient.name[0].text == "RW"
    (nurse,) = found["Practitioner"]
    assert nurse.qualification[0].code.text == "Nurse" and nurse.telecom[0].value == "rw.nurse@example.org"
    first, second = found["AdverseEvent"]
    assert first.event.text == "wee the colour of strong tea" and first.actuality == "actual"
    assert [(c.system, c.code) for c in first.event.coding] == [
        ("http://human-phenotype-ontology.org", "HP:0040319"), ("http://www.nlm.nih.gov/research/umls", "C0240536")]
    assert [(c.system, c.code, c.version) for c in second.event.coding] == [
        ("http://terminology.hl7.org/CodeSystem/mdr", "19999902", "27.1")]
    assert first.seriousness.coding[0].code == "serious" and first.outcome.coding[0].code == "recovering"
    assert second.outcome.coding[0].code == "ongoing" and str(first.date) == "2026-11-20"
    assert "strong tea" in first.text.div


def test_the_suspect_drug_its_dose_and_an_interacting_medicine_are_suspects():
    _data, found = validated(stored_report())
    suspect, interacting, plain = found["MedicationStatement"]
    assert suspect.medicationCodeableConcept.text == "baclofen"
    assert [d.text for d in suspect.dosage] == ["one tablet three times a day"]
    assert suspect.reasonCode[0].text == "spasticity after a stroke"
    assert "interaction" in interacting.note[0].text and plain.note[0].text == "Concomitant"
    event = found["AdverseEvent"][0]
    refs = [s.instance.reference for s in event.suspectEntity]
    assert refs == [f"urn:uuid:{suspect.id}", f"urn:uuid:{interacting.id}"]


def test_a_contact_the_reporter_did_not_share_is_never_in_the_bundle():
    declined = stored_report(reporter={"type": "carer", "contact": "07700 900456", "share_with_manufacturer": False})
    data, found = validated(declined)
    assert "900456" not in json.dumps(data)
    (carer,) = found["RelatedPerson"]
    assert carer.relationship[0].text == "carer" and carer.telecom is None


def test_a_patient_who_reports_is_the_recorder_and_the_same_report_gives_the_same_ids():
    report = stored_report(reporter={"type": "patient", "contact": "p@example.org", "share_with_manufacturer": True})
    data, found = validated(report)
    assert found["AdverseEvent"][0].recorder.reference == f"urn:uuid:{found['Patient'][0].id}"
    assert to_bundle(report) == data


def test_the_export_is_one_bundle_a_line():
    out = io.StringIO()
    assert export_fhir([stored_report(), stored_report(id="bbbbbbbbbbbb")], out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["identifier"]["value"] for line in lines] == ["3f9a2c1b7d4e", "bbbbbbbbbbbb"]
    for line in lines:
        bundle_model.Bundle.model_validate_json(line)
