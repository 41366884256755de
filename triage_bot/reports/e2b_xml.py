"""ICH E2B(R3) ICSR XML: the message a safety database imports (Argus, ArisGlobal, EudraVigilance).

One batch (``MCCI_IN200100UV01``, N.1) holds one message (``PORR_IN049016UV``,
N.2.r) per stored report, each with its case: C.1 identification (a
worldwide unique case id, dates as CCYYMMDDHHMMSS+ZZZZ), C.2.r the primary
source (qualification and country; the name and contact masked when the
reporter did not agree to be identified to the manufacturer), C.3 the sender
(from the team's sender file), D the patient, E.i each reaction (the
patient's words verbatim with their language, MedDRA from the team's mapping
or a nullFlavor, seriousness true or a nullFlavor, outcome), G.k the suspect
and concomitant drugs (dose, action taken, rechallenge, interactions) and
H.1 a narrative written from the conversation.  An element the guide
requires that the report does not know carries the nullFlavor allowed for it.

A case whose reactions are not all coded in MedDRA is a draft: it says so in an XML comment and the
sender's comment (H.4), and ``export_e2b_xml`` counts the drafts for the command to say on stderr.
Needs lxml (the e2b extra); :func:`schema_problems` checks a file against your copy of the ICH schemas.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, TextIO

from lxml import etree

from .coding import Meddra, Sender, case_id, language_code, part_id
from .narrative import dosage_text, narrative
from .report import SERIOUSNESS_CRITERIA, events_of, has_text, section_of

HL7 = "urn:hl7-org:v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ICH = "2.16.840.1.113883.3.989.2.1"           # the ICH arc: code lists .1.N, identifiers .3.N
LIST = ICH + ".1."
OBS = LIST + "19"                             # observation codes
MEDDRA = "2.16.840.1.113883.6.163"
COUNTRY_CODES = "1.0.3166.1.2.2"
SEX_CODES = "1.0.5218"
SEX = {"male": "1", "female": "2"}
QUALIFICATION = {"doctor": "1", "pharmacist": "2", "nurse": "3", "patient": "5", "carer": "5", "other": "5"}
OUTCOME = {"recovered": "1", "recovering": "2", "not_recovered": "3", "unknown": "0"}
# E.i.3.2a-f, in SERIOUSNESS_CRITERIA's order: death, life threatening, hospitalisation, disabling,
# congenital anomaly, other medically important.
SERIOUSNESS_OBS = dict(zip(SERIOUSNESS_CRITERIA, ("34", "21", "33", "35", "12", "26")))
RECHALLENGE = {"yes": "1", "no": "2", "not_applicable": "4"}   # G.k.9.i.4; "don't know" is left out
SUSPECT, CONCOMITANT, INTERACTING = "1", "2", "3"               # G.k.1
ACTION_UNKNOWN = "0"                                            # G.k.8: the conversation does not ask
DRAFT_NOTE = ("DRAFT: the reactions are not coded in MedDRA (E.i.2.1b); code them, or export with "
              "--meddra FILE, before submitting this case.")


def hl7_time(moment: Any) -> str | None:
    """An ISO 8601 date or time as an HL7 TS: "20261125210000+0000", or "20261125" for a date."""
    if not has_text(moment):
        return None
    text = str(moment).strip()
    try:
        if len(text) == 10:
            return datetime.fromisoformat(text).strftime("%Y%m%d")
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).strftime("%Y%m%d%H%M%S%z")


class _Builder:
    """Element helpers in the HL7 namespace."""

    @staticmethod
    def el(parent: Any, tag: str, text: Any = None, **attrs: Any) -> Any:
        node = etree.SubElement(parent, f"{{{HL7}}}{tag}", {k.rstrip("_"): str(v) for k, v in attrs.items()
                                                            if v is not None})
        if text is not None:
            node.text = _xml_text(text)
        return node

    def typed(self, parent: Any, tag: str, kind: str, text: Any = None, **attrs: Any) -> Any:
        node = self.el(parent, tag, text, **attrs)
        node.set(f"{{{XSI}}}type", kind)
        return node

    def code(self, parent: Any, code: str, code_list: str, tag: str = "code") -> Any:
        return self.el(parent, tag, code=code, codeSystem=code_list)

    def observation(self, parent: Any, code: str, relation: str = "subjectOf2", type_code: str = "SBJ") -> Any:
        obs = self.el(self.el(parent, relation, typeCode=type_code), "observation", classCode="OBS", moodCode="EVN")
        self.code(obs, code, OBS)
        return obs

    def flag(self, parent: Any, code: str, value: bool | None, relation: str = "outboundRelationship2",
             type_code: str = "PERT") -> None:
        """A BL observation: true, or the nullFlavor NI (R3 allows no false for these)."""
        obs = self.observation(parent, code, relation, type_code)
        self.typed(obs, "value", "BL", **({"value": "true"} if value is True else {"nullFlavor": "NI"}))


B = _Builder()


def _xml_text(value: Any) -> str:
    """Text XML 1.0 can hold: characters it forbids (NUL, most C0 controls, lone surrogates) shown as \\uXXXX."""
    out = []
    for ch in str(value):
        code = ord(ch)
        ok = ch in "\t\n\r" or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000
        out.append(ch if ok else f"\\u{code:04x}")
    return "".join(out)


def _device(parent: Any, relation: str, type_code: str, ident: str, root: str) -> None:
    device = B.el(B.el(parent, relation, typeCode=type_code), "device", classCode="DEV", determinerCode="INSTANCE")
    B.el(device, "id", extension=ident, root=root)


def batch(reports: Iterable[dict], sender: Sender, meddra: Meddra | None, now: datetime | None = None) -> tuple[Any, int, int]:
    """The batch element for ``reports``: (root, cases, drafts)."""
    now = now or datetime.now(timezone.utc)
    stamp = now.strftime("%Y%m%d%H%M%S%z")
    root = etree.Element(f"{{{HL7}}}MCCI_IN200100UV01", nsmap={None: HL7, "xsi": XSI}, ITSVersion="XML_1.0")
    B.el(root, "id", extension=f"{sender.id}-{now.strftime('%Y%m%d%H%M%S')}", root=ICH + ".3.22")   # N.1.2
    B.el(root, "creationTime", value=stamp)                                                      # N.1.5
    B.el(root, "responseModeCode", code="D")
    B.el(root, "interactionId", extension="MCCI_IN200100UV01", root="2.16.840.1.113883.1.6")
    B.el(root, "name", code="1", codeSystem=LIST + "1")                                          # N.1.1 ICSRs
    cases = drafts = 0
    for report in reports:
        drafts += _message(root, report, sender, meddra, stamp)
        cases += 1
    _device(root, "receiver", "RCV", sender.receiver, ICH + ".3.14")                           # N.1.4
    _device(root, "sender", "SND", sender.id, ICH + ".3.13")                                   # N.1.3
    return root, cases, drafts


def export_e2b_xml(reports: Iterable[dict], out: TextIO, sender: Sender | None = None,
                   meddra: Meddra | None = None) -> tuple[int, int]:
    """Write one E2B(R3) batch of every report to ``out``: (cases written, of which drafts)."""
    root, cases, drafts = batch(reports, sender or Sender(), meddra)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(etree.tostring(root, encoding="unicode", pretty_print=True))
    return cases, drafts


def schema_problems(path: str | Path, schemas: str | Path) -> list[str]:
    """Problems the ICH schema set in folder ``schemas`` finds in the batch file ``path`` ([] if valid)."""
    xsd = Path(schemas) / "multicacheschemas" / "MCCI_IN200100UV01.xsd"
    if not xsd.is_file():
        raise FileNotFoundError(f"{xsd} is missing: --schemas names the folder of the ICH ICSR schema set "
                                "(it holds multicacheschemas/)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    schema = etree.XMLSchema(etree.parse(str(xsd), parser))
    document = etree.parse(str(path), parser)
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


# ---------------------------------------------------------------- one case

def _message(root: Any, report: dict, sender: Sender, meddra: Meddra | None, stamp: str) -> int:
    ident = case_id(report, sender)
    created = hl7_time(report.get("created")) or stamp
    message = B.el(root, "PORR_IN049016UV")
    B.el(message, "id", extension=ident, root=ICH + ".3.1")                                      # N.2.r.1
    B.el(message, "creationTime", value=stamp)                                                   # N.2.r.4
    B.el(message, "interactionId", extension="PORR_IN049016UV", root="2.16.840.1.113883.1.6")
    B.el(message, "processingCode", code="P")
    B.el(message, "processingModeCode", code="T")
    B.el(message, "acceptAckCode", code="AL")
    _device(message, "receiver", "RCV", sender.receiver, ICH + ".3.12")                        # N.2.r.3
    _device(message, "sender", "SND", sender.id, ICH + ".3.11")                                # N.2.r.2
    act = B.el(message, "controlActProcess", classCode="CACT", moodCode="EVN")
    B.el(act, "code", code="PORR_TE049016UV", codeSystem="2.16.840.1.113883.1.18")
    B.el(act, "effectiveTime", value=created)                                                    # C.1.2
    case = B.el(B.el(act, "subject", typeCode="SUBJ"), "investigationEvent", classCode="INVSTG", moodCode="EVN")
    B.el(case, "id", extension=ident, root=ICH + ".3.1")                                         # C.1.1
    B.el(case, "id", extension=ident, root=ICH + ".3.2")                                         # C.1.8.1
    B.el(case, "code", code="PAT_ADV_EVNT", codeSystem="2.16.840.1.113883.5.4")
    B.el(case, "text", narrative(report))                                                        # H.1
    B.el(case, "statusCode", code="active")
    B.el(B.el(case, "effectiveTime"), "low", value=created)                                     # C.1.4
    B.el(case, "availabilityTime", value=created)                                                # C.1.5
    events = events_of(report)
    codes = [meddra.code(event) if meddra else None for event in events]
    draft = not events or any(code is None for code in codes)
    if draft:
        case.append(etree.Comment(" DRAFT: the reactions need MedDRA coding (E.i.2.1b) before this case is sent "))
    _assessment(case, report, events, codes, meddra, draft)
    flags = B.el(B.el(case, "component", typeCode="COMP"), "observationEvent", classCode="OBS", moodCode="EVN")
    B.code(flags, "1", OBS)
    B.typed(flags, "value", "BL", value="false")                                                 # C.1.6.1
    expedited = B.el(B.el(case, "component", typeCode="COMP"), "observationEvent", classCode="OBS", moodCode="EVN")
    B.code(expedited, "23", OBS)
    B.typed(expedited, "value", "BL", nullFlavor="NI")                                           # C.1.7
    _first_sender(case)
    _primary_source(case, section_of(report, "reporter"), sender)
    _sender(case, sender)
    kind = B.el(B.el(case, "subjectOf2", typeCode="SUBJ"), "investigationCharacteristic", classCode="OBS",
                moodCode="EVN")
    B.code(kind, "1", LIST + "23")
    B.typed(kind, "value", "CE", code="1", codeSystem=LIST + "2")                                # C.1.3 spontaneous
    return int(draft)


def _first_sender(case: Any) -> None:
    related = B.el(B.el(case, "outboundRelationship", typeCode="SPRT"), "relatedInvestigation",
                   classCode="INVSTG", moodCode="EVN")
    B.code(related, "1", LIST + "22")
    author = B.el(B.el(B.el(related, "subjectOf2", typeCode="SUBJ"), "controlActEvent", classCode="CACT",
                       moodCode="EVN"), "author", typeCode="AUT")
    B.code(B.el(author, "assignedEntity", classCode="ASSIGNED"), "2", LIST + "3")               # C.1.8.2 other


def _primary_source(case: Any, reporter: dict, sender: Sender) -> None:
    """C.2.r: who reported; their name and contact masked (MSK) unless they agreed to be identified."""
    link = B.el(case, "outboundRelationship", typeCode="SPRT")
    B.el(link, "priorityNumber", value="1")                                                      # C.2.r.5
    related = B.el(link, "relatedInvestigation", classCode="INVSTG", moodCode="EVN")
    B.code(related, "2", LIST + "22")
    entity = B.el(B.el(B.el(B.el(related, "subjectOf2", typeCode="SUBJ"), "controlActEvent", classCode="CACT",
                            moodCode="EVN"), "author", typeCode="AUT"), "assignedEntity", classCode="ASSIGNED")
    shared = reporter.get("share_with_manufacturer") is True
    contact = str(reporter.get("contact") or "").strip()
    if shared and contact:
        B.el(entity, "telecom", value=("mailto:" if "@" in contact else "tel:") + contact.replace(" ", ""))
    elif contact:
        B.el(entity, "telecom", nullFlavor="MSK")
    person = B.el(entity, "assignedPerson", classCode="PSN", determinerCode="INSTANCE")
    if not shared:
        B.el(person, "name", nullFlavor="MSK")
    qualification = QUALIFICATION.get(reporter.get("type"))
    qualified = B.el(person, "asQualifiedEntity", classCode="QUAL")
    if qualification:
        B.code(qualified, qualification, LIST + "6")                                            # C.2.r.4
    else:
        B.el(qualified, "code", nullFlavor="UNK")
    place = B.el(B.el(person, "asLocatedEntity", classCode="LOCE"), "location", classCode="COUNTRY",
                 determinerCode="INSTANCE")
    if sender.reporter_country:
        B.el(place, "code", code=sender.reporter_country, codeSystem=COUNTRY_CODES)              # C.2.r.3
    else:
        B.el(place, "code", nullFlavor="UNK")


def _sender(case: Any, sender: Sender) -> None:
    """C.3: the organisation sending the case, from the sender file."""
    entity = B.el(B.el(B.el(B.el(case, "subjectOf1", typeCode="SUBJ"), "controlActEvent", classCode="CACT",
                            moodCode="EVN"), "author", typeCode="AUT"), "assignedEntity", classCode="ASSIGNED")
    B.code(entity, str(sender.type_code), LIST + "7")                                           # C.3.1
    if sender.country:
        B.el(B.el(entity, "addr"), "country", sender.country)                                   # C.3.4.5
    for value, scheme in ((sender.phone, "tel:"), (sender.email, "mailto:")):
        if value:
            B.el(entity, "telecom", value=scheme + value.replace(" ", ""))                      # C.3.4.6/.8
    if sender.given_name or sender.family_name:
        name = B.el(B.el(entity, "assignedPerson", classCode="PSN", determinerCode="INSTANCE"), "name")
        if sender.given_name:
            B.el(name, "given", sender.given_name)                                              # C.3.3.3
        if sender.family_name:
            B.el(name, "family", sender.family_name)                                            # C.3.3.5
    org = B.el(entity, "representedOrganization", classCode="ORG", determinerCode="INSTANCE")
    B.el(org, "name", sender.department or sender.organisation or "triage-bot")                  # C.3.3.1 / C.3.2
    if sender.department and sender.organisation:
        inner = B.el(B.el(org, "assignedEntity", classCode="ASSIGNED"), "representedOrganization", classCode="ORG",
                     determinerCode="INSTANCE")
        B.el(inner, "name", sender.organisation)                                                 # C.3.2


def _assessment(case: Any, report: dict, events: list[dict], codes: list[int | None], meddra: Meddra | None,
                draft: bool) -> None:
    assessment = B.el(B.el(case, "component", typeCode="COMP"), "adverseEventAssessment", classCode="INVSTG",
                      moodCode="EVN")
    role = B.el(B.el(assessment, "subject1", typeCode="SBJ"), "primaryRole", classCode="INVSBJ")
    patient = section_of(report, "patient")
    person = B.el(role, "player1", classCode="PSN", determinerCode="INSTANCE")
    if has_text(patient.get("initials")):
        B.el(person, "name", patient["initials"])                                              # D.1
    else:
        B.el(person, "name", nullFlavor="UNK")
    if patient.get("sex") in SEX:
        B.el(person, "administrativeGenderCode", code=SEX[patient["sex"]], codeSystem=SEX_CODES)  # D.5
    else:
        B.el(person, "administrativeGenderCode", nullFlavor="UNK")
    if isinstance(patient.get("age"), (int, float)) and not isinstance(patient.get("age"), bool):
        B.typed(B.observation(role, "3"), "value", "PQ", value=patient["age"], unit="a")         # D.2.2a/b
    if isinstance(patient.get("weight_kg"), (int, float)) and not isinstance(patient.get("weight_kg"), bool):
        B.typed(B.observation(role, "7"), "value", "PQ", value=patient["weight_kg"], unit="kg")  # D.3
    language = language_code(report.get("language"))
    reaction_ids = [part_id(report, f"reaction/{n}") for n in range(1, len(events) + 1)]
    seriousness = section_of(report, "seriousness")
    for event, code, reaction_id in zip(events, codes, reaction_ids):
        _reaction(role, event, code, meddra, reaction_id, language, seriousness)
    drugs = B.el(B.el(role, "subjectOf2", typeCode="SBJ"), "organizer", classCode="CATEGORY", moodCode="EVN")
    B.code(drugs, "4", LIST + "20")
    roles = [(_suspect(drugs, part_id(report, "suspect"), section_of(report, "drug"), events, reaction_ids), SUSPECT)]
    medicines = report.get("other_medicines")
    for number, medicine in enumerate(medicines if isinstance(medicines, list) else [], start=1):
        roles.append(_concomitant(drugs, part_id(report, f"medicine/{number}"), medicine))
    for drug_id, drug_role in roles:
        causality = B.el(B.el(assessment, "component", typeCode="COMP"), "causalityAssessment", classCode="OBS",
                         moodCode="EVN")
        B.code(causality, "20", OBS)
        B.typed(causality, "value", "CE", code=drug_role, codeSystem=LIST + "13")               # G.k.1
        reference = B.el(B.el(causality, "subject2", typeCode="SUBJ"), "productUseReference", classCode="SBADM",
                         moodCode="EVN")
        B.el(reference, "id", root=drug_id)
    if draft:
        comment = B.el(B.el(assessment, "component1", typeCode="COMP"), "observationEvent", classCode="OBS",
                       moodCode="EVN")
        B.code(comment, "10", OBS)
        B.typed(comment, "value", "ED", DRAFT_NOTE)                                              # H.4
        author = B.el(B.el(comment, "author", typeCode="AUT"), "assignedEntity", classCode="ASSIGNED")
        B.code(author, "1", LIST + "21")


def _reaction(role: Any, event: dict, code: int | None, meddra: Meddra | None, reaction_id: str, language: str,
              seriousness: dict) -> None:
    obs = B.observation(role, "29")
    obs.insert(0, etree.Element(f"{{{HL7}}}id", root=reaction_id))
    onset = hl7_time(event.get("onset"))
    if onset:
        B.el(B.typed(obs, "effectiveTime", "IVL_TS"), "low", value=onset)                       # E.i.4
    if code is not None and meddra is not None:
        value = B.typed(obs, "value", "CE", code=code, codeSystem=MEDDRA, codeSystemVersion=meddra.version)
    else:
        value = B.typed(obs, "value", "CE", codeSystem=MEDDRA, nullFlavor="NI")                  # E.i.2.1a/b
    B.el(value, "originalText", str(event.get("verbatim") or ""), language=language)             # E.i.1.1a/b
    for criterion, obs_code in SERIOUSNESS_OBS.items():
        B.flag(obs, obs_code, seriousness.get(criterion))                                         # E.i.3.2a-f
    outcome = B.observation(obs, "27", "outboundRelationship2", "PERT")
    B.typed(outcome, "value", "CE", code=OUTCOME.get(event.get("outcome"), "0"), codeSystem=LIST + "11")  # E.i.7


def _product(drug_node: Any, name: str, strength: Any = None) -> None:
    product = B.el(B.el(B.el(drug_node, "consumable", typeCode="CSM"), "instanceOfKind", classCode="INST"),
                   "kindOfProduct", classCode="MMAT", determinerCode="KIND")
    B.el(product, "name", name)                                                                  # G.k.2.2
    if isinstance(strength, (int, float)) and not isinstance(strength, bool):
        ingredient = B.el(product, "ingredient", classCode="ACTI")
        quantity = B.el(ingredient, "quantity")
        B.el(quantity, "numerator", value=strength, unit="mg")                                  # G.k.2.3.r.3a/b
        B.el(quantity, "denominator", value="1")
        substance = B.el(ingredient, "ingredientSubstance", classCode="MMAT", determinerCode="KIND")
        B.el(substance, "name", name)                                                            # G.k.2.3.r.1


def _drug_node(organizer: Any, drug_id: str) -> Any:
    node = B.el(B.el(organizer, "component", typeCode="COMP"), "substanceAdministration", classCode="SBADM",
                moodCode="EVN")
    B.el(node, "id", root=drug_id)
    return node


def _note(node: Any, text: str) -> None:
    """G.k.11 additional information on the drug (free text)."""
    obs = B.observation(node, "2", "outboundRelationship2", "REFR")
    B.typed(obs, "value", "ST", text)


def _suspect(organizer: Any, drug_id: str, drug: dict, events: list[dict], reaction_ids: list[str]) -> str:
    node = _drug_node(organizer, drug_id)
    _product(node, str(drug.get("name") or "unknown"), drug.get("strength_mg"))
    dosage = dosage_text(drug)
    start = hl7_time(drug.get("start_date"))
    if dosage or start:
        regimen = B.el(B.el(node, "outboundRelationship2", typeCode="COMP"), "substanceAdministration",
                       classCode="SBADM", moodCode="EVN")
        if dosage:
            B.el(regimen, "text", dosage)                                                        # G.k.4.r.8
        if start:
            B.el(B.typed(regimen, "effectiveTime", "IVL_TS"), "low", value=start)               # G.k.4.r.4
    for event, reaction_id in zip(events, reaction_ids):
        if event.get("rechallenge") in RECHALLENGE:
            obs = B.observation(node, "31", "outboundRelationship2", "PERT")
            B.typed(obs, "value", "CE", code=RECHALLENGE[event["rechallenge"]], codeSystem=LIST + "16")  # G.k.9.i.4
            reference = B.el(B.el(obs, "outboundRelationship1", typeCode="REFR"), "actReference", classCode="OBS",
                             moodCode="EVN")
            B.el(reference, "id", root=reaction_id)
    dechallenges = [f"Reaction {n} better after the drug was stopped or the dose lowered (dechallenge): "
                    f"{event['dechallenge']}." for n, event in enumerate(events, 1) if event.get("dechallenge")]
    if dechallenges:
        _note(node, " ".join(dechallenges))
    if has_text(drug.get("indication")):
        indication = B.observation(node, "19", "inboundRelationship", "RSON")
        B.el(B.typed(indication, "value", "CE", codeSystem=MEDDRA, nullFlavor="NI"), "originalText",
             drug["indication"])                                                                 # G.k.7.r.1
    action = B.el(B.el(node, "inboundRelationship", typeCode="CAUS"), "act", classCode="ACT", moodCode="EVN")
    B.code(action, ACTION_UNKNOWN, LIST + "15")                                                  # G.k.8
    return drug_id


def _concomitant(organizer: Any, drug_id: str, medicine: Any) -> tuple[str, str]:
    text = medicine.get("text") if isinstance(medicine, dict) else medicine
    interaction = medicine.get("interaction") if isinstance(medicine, dict) else None
    node = _drug_node(organizer, drug_id)
    _product(node, str(text or "unknown"))
    if interaction:
        _note(node, f"The monograph lists an interaction with the suspect drug: {interaction}.")
    return drug_id, INTERACTING if interaction else CONCOMITANT
