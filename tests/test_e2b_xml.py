"""The E2B(R3) ICSR XML export, read back by an independent parser (the e2br3 package).

The values e2br3 reads equal the stored report's: case id, reporter, patient,
each reaction's words and seriousness, each drug's dose and role. MedDRA codes
here are made up (a licensee's real mapping is theirs)."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from triage_bot.reports import CodingError, Meddra, ReportStore, Sender, case_id, load_meddra, load_sender
from triage_bot.reports.e2b_xml import export_e2b_xml, hl7_time, schema_problems

e2br3 = pytest.importorskip("e2br3", reason="pip install e2br3 (in the test extra)")

REPO = Path(__file__).resolve().parents[1]
SENDER = Sender(id="NURSELINE-01", type="health_professional", organisation="Example Hospital", country="GB",
                reporter_country="GB", receiver="EVTEST", configured=True)
MEDDRA = Meddra("27.1", {"bloody or dark urine": 19999901, "drowsiness": 19999902})  # made-up codes


def stored_report(**changes) -> dict:
    report = {
        "id": "3f9a2c1b7d4e", "session": "call-9", "created": "2026-11-25T21:00:00+00:00", "language": "en",
        "drug": {"name": "baclofen", "strength_mg": 10, "dose": "one tablet three times a day",
                 "frequency": "three times a day", "start_date": "2026-10-01", "indication": "spasticity after a stroke"},
        "patient": {"initials": "RW", "age": 61, "sex": "male", "weight_kg": 82},
        "reporter": {"type": "nurse", "contact": "rw.nurse@example.org", "share_with_manufacturer": True},
        "events": [
            {"verbatim": "wee the colour of strong tea", "effect": "Bloody or dark urine", "sign": "",
             "tier": "medical_attention", "onset": "2026-11-20", "outcome": "recovering", "dechallenge": "yes",
             "rechallenge": "not_applicable"},
            {"verbatim": "nodding off at the table", "effect": "Drowsiness", "sign": "", "tier": "if_bothersome",
             "outcome": "not_recovered"},
        ],
        "seriousness": {"death": False, "life_threatening": False, "hospitalisation": True, "disability": False,
                        "congenital_anomaly": None, "other_important": None},
        "other_medicines": [{"text": "oxycodone 5 mg", "interaction": "CNS depressants"}, {"text": "vitamin D"}],
        "disposition": "medical_attention", "advice": "Check with your doctor today.",
    }
    report.update(changes)
    return report


def null_flavor(value) -> str | None:
    """The nullFlavor e2br3 read for an element ("NI", "MSK", ...), or None for a value."""
    flavor = getattr(value, "null_flavor", None)
    return getattr(flavor, "value", flavor)


def read_back(reports, sender=SENDER, meddra=MEDDRA):
    out = io.StringIO()
    cases, drafts = export_e2b_xml(reports, out, sender, meddra)
    batch = e2br3.parse(out.getvalue().encode("utf-8"))
    return batch, out.getvalue(), drafts


def test_an_exported_case_reads_back_as_the_stored_report():
    report = stored_report()
    batch, _xml, drafts = read_back([report])
    assert drafts == 0 and batch.sender == "NURSELINE-01" and batch.receiver == "EVTEST"
    (message,) = batch.messages
    icsr = message.icsr
    assert icsr.safety_report_id == icsr.worldwide_case_id == case_id(report, SENDER) == "GB-NURSELINE-01-3f9a2c1b7d4e"
    assert icsr.creation_date.raw == "20261125210000+0000" and icsr.report_type.code == "1"
    (source,) = icsr.primary_sources
    assert (source.qualification.code, source.country.code) == ("3", "GB")  # other health professional
    assert icsr.patient.name == "RW" and (float(icsr.patient.age.value), icsr.patient.age.unit) == (61, "a")
    assert icsr.patient.sex.code == "1"
    assert [r.native_term for r in icsr.reactions] == [e["verbatim"] for e in report["events"]]
    assert {r.native_language for r in icsr.reactions} == {"eng"}
    assert [r.meddra.code for r in icsr.reactions] == ["19999901", "19999902"]
    assert {r.meddra.code_system_version for r in icsr.reactions} == {"27.1"}
    first = icsr.reactions[0]
    assert first.hospitalisation is True and first.start_date.raw == "20261120" and first.outcome.code == "2"
    assert icsr.reactions[1].outcome.code == "3"
    suspect = icsr.drugs[0]
    assert (suspect.role.code, suspect.product_name, suspect.substances) == ("1", "baclofen", ["baclofen"])
    assert [d.text for d in suspect.dosages] == ["one tablet three times a day"]  # said once, not twice
    assert suspect.action_taken.code == "0"
    assert '"wee the colour of strong tea"' in icsr.narrative and "Check with your doctor today." in icsr.narrative


def test_seriousness_is_true_or_a_null_flavor_never_false():
    batch, _xml, _ = read_back([stored_report()])
    first = batch.messages[0].icsr.reactions[0]
    assert first.hospitalisation is True
    for answered_no in (first.results_in_death, first.life_threatening, first.disabling):
        assert null_flavor(answered_no) == "NI"


def test_concomitant_drugs_carry_their_role_and_the_interaction_the_monograph_lists():
    batch, xml, _ = read_back([stored_report()])
    _suspect, interacting, plain = batch.messages[0].icsr.drugs
    assert (interacting.role.code, interacting.product_name) == ("3", "oxycodone 5 mg")  # interacting
    assert (plain.role.code, plain.product_name) == ("2", "vitamin D")                    # concomitant
    assert "interaction with the suspect drug: CNS depressants" in xml


def test_a_reporter_who_declined_is_masked_and_their_contact_never_exported():
    report = stored_report(reporter={"type": "patient", "contact": "07700 900456", "share_with_manufacturer": False})
    batch, xml, _ = read_back([report])
    assert "07700" not in xml and "900456" not in xml and 'nullFlavor="MSK"' in xml
    assert batch.messages[0].icsr.primary_sources[0].qualification.code == "5"  # consumer


def test_a_shared_contact_is_a_telecom_not_a_postal_address():
    _batch, xml, _ = read_back([stored_report()])
    assert '<telecom value="mailto:rw.nurse@example.org"/>' in xml and "<addr>" not in xml.split("subjectOf1")[0]


def test_without_a_meddra_mapping_each_reaction_is_a_null_flavor_and_the_case_a_draft():
    batch, xml, drafts = read_back([stored_report(), stored_report(id="aaaaaaaaaaaa")], meddra=None)
    assert drafts == 2
    for message in batch.messages:
        assert all(null_flavor(r.meddra) == "NI" for r in message.icsr.reactions)
        assert [r.native_term for r in message.icsr.reactions][0] == "wee the colour of strong tea"
    assert xml.count("DRAFT") >= 4  # a comment and the sender's comment (H.4) in each case


def test_a_partly_coded_case_is_still_a_draft():
    partly = Meddra("27.1", {"bloody or dark urine": 19999901})
    _batch, _xml, drafts = read_back([stored_report()], meddra=partly)
    assert drafts == 1


def test_text_xml_cannot_hold_is_shown_escaped_and_the_file_still_parses():
    hostile = stored_report(events=[{"verbatim": "dizzy\x00\x1b[2J <b>&amp; \ud800 ]]>", "effect": "Dizziness"}],
                            patient={"initials": "<J&D>", "age": 40, "sex": "female"})
    batch, _xml, _ = read_back([hostile])
    icsr = batch.messages[0].icsr
    assert icsr.reactions[0].native_term == "dizzy\\u0000\\u001b[2J <b>&amp; \\ud800 ]]>"
    assert icsr.patient.name == "<J&D>"


def test_dates_are_hl7_timestamps():
    assert hl7_time("2026-11-25T21:00:00+01:00") == "20261125210000+0100"
    assert hl7_time("2026-11-25T21:00:00Z") == "20261125210000+0000"
    assert hl7_time("2026-11-20") == "20261120" and hl7_time("last week") is None and hl7_time(None) is None


# ---------------------------------------------------------------- the team's files

def test_sender_and_meddra_files_are_read_and_checked(tmp_path):
    sender = tmp_path / "sender.toml"
    sender.write_text('id = "NL-7"\ntype = "pharmaceutical_company"\ncountry = "DE"\norganisation = "Acme"\n')
    assert load_sender(sender) == Sender(id="NL-7", type="pharmaceutical_company", country="DE",
                                         reporter_country="DE", organisation="Acme", configured=True)
    sender.write_text('id = "NL-7"\ntype = "pharmacy"\n')
    with pytest.raises(CodingError, match=r"sender.toml: type 'pharmacy' is not one of pharmaceutical_company, "):
        load_sender(sender)
    sender.write_text('id = "NL-7"\ncountry = "Germany"\n')
    with pytest.raises(CodingError, match="country 'Germany' must be an ISO 3166-1 alpha-2 code"):
        load_sender(sender)
    mapping = tmp_path / "meddra.toml"
    mapping.write_text('version = "27.1"\n[llt]\n"Drowsiness" = 19999902\n')
    assert load_meddra(mapping).code({"effect": "drowsiness"}) == 19999902
    mapping.write_text('version = "27.1"\n[llt]\n"Drowsiness" = 123\n')
    with pytest.raises(CodingError, match=r"meddra.toml: \[llt\] 'Drowsiness' must be an 8-digit LLT code"):
        load_meddra(mapping)


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "triage_bot", *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})}, timeout=120)


def test_the_command_writes_coded_cases_and_says_which_are_drafts(tmp_path):
    db = tmp_path / "reports.db"
    with ReportStore(db) as store:
        store.add(stored_report(id=None))
    sender, mapping, out = tmp_path / "sender.toml", tmp_path / "meddra.toml", tmp_path / "cases.xml"
    sender.write_text('id = "NURSELINE-01"\ncountry = "GB"\n')
    mapping.write_text('version = "27.1"\n[llt]\n"Bloody or dark urine" = 19999901\n"Drowsiness" = 19999902\n')
    coded = cli("reports", "export", "--format", "e2b-xml", "--sender", str(sender), "--meddra", str(mapping),
                "-o", str(out), "--db", str(db))
    assert coded.returncode == 0 and coded.stderr.strip() == f"triage-bot: wrote 1 cases to {out}", coded.stderr
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert e2br3.parse(str(out)).messages[0].icsr.reactions[0].meddra.code == "19999901"
    draft = cli("reports", "export", "--format", "e2b-xml", "--db", str(db))
    assert draft.returncode == 0 and "1 of 1 cases are drafts that need coding" in draft.stderr
    assert "no --sender file" in draft.stderr and draft.stdout.startswith("<?xml")


PERMISSIVE_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:hl7-org:v3" elementFormDefault="qualified">
  <xs:element name="MCCI_IN200100UV01"><xs:complexType><xs:sequence>
    {inside}
  </xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element>
</xs:schema>
"""


def test_schemas_are_checked_when_a_schema_folder_is_given(tmp_path):
    out = tmp_path / "cases.xml"
    out.write_text(io.StringIO().getvalue())
    with open(out, "w", encoding="utf-8") as handle:
        export_e2b_xml([stored_report()], handle, SENDER, MEDDRA)
    folder = tmp_path / "schemas" / "multicacheschemas"
    folder.mkdir(parents=True)
    (folder / "MCCI_IN200100UV01.xsd").write_text(
        PERMISSIVE_XSD.format(inside='<xs:any processContents="skip" maxOccurs="unbounded"/>'))
    assert schema_problems(out, tmp_path / "schemas") == []
    (folder / "MCCI_IN200100UV01.xsd").write_text(PERMISSIVE_XSD.format(inside='<xs:element name="nothingElse"/>'))
    assert schema_problems(out, tmp_path / "schemas")
    with pytest.raises(FileNotFoundError, match="multicacheschemas"):
        schema_problems(out, tmp_path)
