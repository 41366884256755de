"""What a triage answers: each Finding placed in its tier, and the TriageResult
of a message or a conversation, with the JSON form of shared/spec/triage-json.md.
"""
from __future__ import annotations

from .record import record

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, Mapping

    from .knowledge import Question


@record
class Finding:
    """One monograph entry or sign the patient described, placed in its tier."""
    tier: str
    effect: str
    sign: str
    text: str
    start: int
    end: int
    score: float
    ref: str                              # the knowledge reference, e.g. "cns_effects.drowsiness"
    term: str                             # the lexicon term that matched
    rule: str                             # why it is in this tier
    cue: str = ""                         # the words that denied it or made it hypothetical
    turn: int = 0                         # message number in a conversation
    name: str = ""                        # what the bot calls it ("ringing or buzzing in your ears")
    hpo: str = ""                         # its Human Phenotype Ontology term ("HP:0002315"); "" when it has none
    umls: str = ""                        # its UMLS concept ("C0018681"); "" when not known

    def to_json(self) -> dict[str, Any]:
        """The finding as the JSON contract lays it out; ``cue``, ``hpo`` and ``umls`` only when known."""
        data = {"tier": self.tier, "effect": self.effect, "sign": self.sign, "text": self.text,
                "start": self.start, "end": self.end, "score": self.score, "term": self.term,
                "rule": self.rule, "name": self.name}
        if self.cue:
            data["cue"] = self.cue
        if self.hpo:
            data["hpo"] = self.hpo
        if self.umls:
            data["umls"] = self.umls
        return data


@record
class TriageResult:
    """The answer for one message (or a whole conversation so far)."""
    drug: str
    disposition: str
    findings: tuple[Finding, ...]
    negated: tuple[Finding, ...]
    hypothetical: tuple[Finding, ...]
    historical: tuple[Finding, ...]
    indication: tuple[Finding, ...]       # what the drug is taken for ("for my spasms")
    context: Mapping[str, Any]
    reasons: tuple[str, ...]
    advice: str
    precautions: tuple[str, ...]
    questions: tuple[Question, ...]
    # every mention that is not a finding, with its ConText category: negated, resolved,
    # improved, hypothetical, historical, other_person, other_drug, condition, indication,
    # not_after_stop
    set_aside: tuple[tuple[str, Finding], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The result as the JSON contract (shared/spec/triage-json.md) lays it out."""
        return {
            "drug": self.drug,
            "disposition": self.disposition,
            "findings": [f.to_json() for f in self.findings],
            "negated": [f.to_json() for f in self.negated],
            "hypothetical": [f.to_json() for f in self.hypothetical],
            "historical": [f.to_json() for f in self.historical],
            "indication": [f.to_json() for f in self.indication],
            "advice": self.advice,
            "precautions": list(self.precautions),
            "mentions": [{**f.to_json(), "category": category} for category, f in self.set_aside],
            "questions": [q.text for q in self.questions],
            "question_ids": [q.id for q in self.questions],
            "reasons": list(self.reasons),
            "context": dict(self.context),
        }
