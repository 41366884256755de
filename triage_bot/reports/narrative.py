"""The case narrative (E2B H.1, FHIR AdverseEvent.description) written from a stored report.

Plain English for a safety reviewer, from what the conversation collected:
who reported, the patient, the suspect drug and its dose, each reaction in
the patient's words with how it was read and how it went, other medicines
with any interaction the monograph lists, seriousness, and what the patient
was told.  A reporter's contact never appears here.
"""
from __future__ import annotations

from typing import Any

from .report import SERIOUSNESS_CRITERIA, events_of, has_text, section_of

ANSWERS = {"yes": "yes", "no": "no", "not_applicable": "not applicable", "unknown": "not known"}
OUTCOMES = {"recovered": "recovered", "recovering": "recovering", "not_recovered": "not recovered",
            "unknown": "not known"}
SERIOUS_WORDS = {"death": "death", "life_threatening": "life-threatening", "hospitalisation": "hospitalisation",
                 "disability": "disability", "congenital_anomaly": "congenital anomaly",
                 "other_important": "other medically important condition"}  # fmt: skip


def dosage_text(drug: dict) -> str:
    """The dose and how often, said once: "10 mg three times a day" (a dose that already says how often
    is not followed by the frequency again)."""
    dose, often = (str(drug.get(k) or "").strip() for k in ("dose", "frequency"))
    if dose and often and often.casefold() in dose.casefold():
        return dose
    return " ".join(part for part in (dose, often) if part)


def narrative(report: dict) -> str:
    """The narrative of one report; see the module's docstring."""
    drug, patient = section_of(report, "drug"), section_of(report, "patient")
    reporter = section_of(report, "reporter")
    session = report.get("session")
    call = f" (conversation {session})" if has_text(session) else ""
    by = f" by the {reporter['type']}" if has_text(reporter.get("type")) else ""
    on = f" on {str(report['created'])[:10]}" if has_text(report.get("created")) else ""
    said = [f"Spontaneous report made to the triage-bot nurse line{call}{by}{on}."]
    who = [f"{patient['age']} years old" if patient.get("age") is not None else "",
           str(patient.get("sex") or "") if patient.get("sex") not in (None, "unknown") else "",
           f"weighing {patient['weight_kg']} kg" if patient.get("weight_kg") is not None else ""]
    if any(who):
        said.append(f"Patient: {', '.join(w for w in who if w)}.")
    if patient.get("pregnant") is not None:
        said.append(f"Pregnant: {'yes' if patient['pregnant'] else 'no'}.")
    taking = " ".join(p for p in (str(drug.get("name") or "the suspect drug"), dosage_text(drug)) if p)
    since = f", since {drug['start_date']}" if has_text(drug.get("start_date")) else ""
    why = f", for {drug['indication']}" if has_text(drug.get("indication")) else ""
    said.append(f"Suspect drug: {taking}{since}{why}.")
    for number, event in enumerate(events_of(report), start=1):
        said.append(_reaction(number, event))
    said.extend(_medicines(report))
    if has_text(report.get("alcohol")):
        said.append(f"Alcohol: {report['alcohol']}.")
    seriousness = section_of(report, "seriousness")
    serious = [SERIOUS_WORDS[c] for c in SERIOUSNESS_CRITERIA if seriousness.get(c) is True]
    said.append(f"Seriousness: {', '.join(serious)}." if serious else "No seriousness criterion was reported.")
    if has_text(report.get("disposition")):
        said.append(f"Triage disposition: {report['disposition']}.")
    if has_text(report.get("advice")):
        when = f" ({report['advised_at']})" if has_text(report.get("advised_at")) else ""
        said.append(f"Advice given{when}: {report['advice']}")
    return " ".join(said)


def _reaction(number: int, event: dict) -> str:
    read = " - ".join(str(event[k]) for k in ("effect", "sign") if has_text(event.get(k)))
    parts = [f"read as {read}" if read else "",
             f"monograph tier {event['tier']}" if has_text(event.get("tier")) else "",
             f"started {event['onset']}" if has_text(event.get("onset")) else "",
             f"outcome {OUTCOMES.get(event.get('outcome'), event.get('outcome'))}" if event.get("outcome") else "",
             _answer("better after stopping or lowering the dose (dechallenge)", event.get("dechallenge")),
             _answer("came back when restarted (rechallenge)", event.get("rechallenge"))]
    words = f'"{event["verbatim"]}"' if has_text(event.get("verbatim")) else "(no words recorded)"
    details = "; ".join(p for p in parts if p)
    return f"Reaction {number}: {words}{f' ({details})' if details else ''}."


def _answer(question: str, answer: Any) -> str:
    return f"{question}: {ANSWERS.get(answer, answer)}" if answer else ""


def _medicines(report: dict) -> list[str]:
    medicines: Any = report.get("other_medicines")
    if medicines == []:
        return ["No other medicines."]
    if not isinstance(medicines, list):
        return []
    named = []
    for medicine in medicines:
        text = medicine.get("text") if isinstance(medicine, dict) else medicine
        interaction = medicine.get("interaction") if isinstance(medicine, dict) else None
        named.append(f"{text} (the monograph lists an interaction: {interaction})" if interaction else str(text))
    return [f"Other medicines: {'; '.join(named)}."]
