"""The adverse-event report interview: one question at a time, only for what is missing.

Given what the conversation already knows (the side effects in the patient's words, when each started, how
often the medicine is taken), it asks for the rest of an E2B-style report (patient, reporter, drug, each event's
onset, dechallenge, rechallenge and outcome, seriousness, other medicines, alcohol), reads each free answer with
:mod:`triage_bot.answers`, and fills the report. Pure: it takes a state and gives a new one and the lines to say.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping  # not typing's: serve starts without typing
from datetime import datetime

from .answers import MAX_ANSWER_CHARS, AnswerError, AnswerWords, YesNoReader, find_phrases, plain
from .state import REPORT_PREFIX, Phase, State
from .triager import RANK, Finding, InputError, Triager, TriageResult
from .wording import SERIOUSNESS, Dialogue
from .record import record
from .report_paths import get_path as _get, put_path as _put

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CLOSED = Phase.CLOSED
# A report question whose answer cannot be used is asked this many times more, then kept as said.
REPORT_MAX_REASKS = 2
REPORTER_TYPES = ("patient", "nurse", "doctor", "pharmacist", "carer")


@record
class Field:
    """One question of the adverse-event report: where its answer goes and how it is read."""
    path: str          # "patient.age", "events.0.onset"
    ask: str           # key of [dialogue.report]
    kind: str          # how the answer is read: a key of Interview._parsers


PATIENT_FIELDS = (
    Field("patient.initials", "initials", "initials"), Field("patient.age", "age", "age"),
    Field("patient.sex", "sex", "sex"), Field("patient.weight_kg", "weight", "weight"),
    Field("patient.pregnant", "pregnant", "flag"),
)
REPORTER_FIELDS = (
    Field("reporter.type", "reporter", "reporter"), Field("reporter.contact", "contact", "text"),
    Field("reporter.share_with_manufacturer", "share", "flag"),
)
DRUG_FIELDS = (
    Field("drug.strength_mg", "strength", "strength"), Field("drug.dose", "dose", "text"),
    Field("drug.frequency", "frequency", "text"), Field("drug.start_date", "start_date", "date"),
    Field("drug.indication", "indication", "text"),
)
EVENT_FIELDS = (("onset", "date"), ("dechallenge", "challenge"), ("rechallenge", "challenge"), ("outcome", "outcome"))
SERIOUS_GATE = Field("seriousness.any", "serious", "gate")
SERIOUS_FIELDS = tuple(Field(f"seriousness.{k}", k, "flag") for k in SERIOUSNESS)
LAST_FIELDS = (Field("other_medicines", "other_medicines", "medicines"), Field("alcohol", "alcohol", "alcohol"))
NEW_EVENT = Field("events.new", "event", "event")
# Fields a nurse-line script may fill in advance ({"report": {"patient": {"age": 54}}}).
PREFILLABLE = {f.path: f for f in PATIENT_FIELDS + REPORTER_FIELDS + DRUG_FIELDS + SERIOUS_FIELDS + LAST_FIELDS}


def _event(verbatim: str, finding: Finding | None, onset: str | None = None) -> dict:
    """A report event as the patient said it, with the monograph's entry, sign, tier and codes (HPO, UMLS)."""
    f = finding
    return {"verbatim": verbatim, "effect": f.effect if f else "", "sign": f.sign if f else "",
            "tier": f.tier if f else "", "hpo": f.hpo or None if f else None, "umls": f.umls or None if f else None,
            "onset": onset, "dechallenge": None, "rechallenge": None, "outcome": None}


class Interview:
    """The report questions for one drug; holds no per-conversation data."""

    def __init__(self, triager: Triager, dialogue: Dialogue, answers: AnswerWords, reader: YesNoReader,
                 clock: Callable[[], datetime]) -> None:
        self.triager, self.drug, self.dialogue = triager, triager.drug, dialogue
        self.answers, self.reader, self.clock = answers, reader, clock
        self._parsers: dict[str, Callable[[str], Any]] = {
            "initials": self._parse_initials, "age": answers.read_age, "sex": answers.read_sex,
            "weight": answers.read_weight_kg, "flag": self._parse_flag, "reporter": self._parse_reporter,
            "text": self._parse_text, "strength": self._parse_strength, "date": self._parse_date,
            "challenge": self._parse_challenge, "outcome": answers.read_outcome, "gate": self._parse_gate,
            "event": self._parse_text,
        }

    def new_report(self, state: State, result: TriageResult) -> dict:
        """The report's skeleton, with one event per side effect found, in the patient's words."""
        messages = dict(state.said)
        today = self.clock().date()
        events = []
        for f in result.findings:
            verbatim = messages.get(f.turn, f.text)
            onset = self.answers.find_date(verbatim, today)  # "ringing since yesterday" is not asked again
            events.append(_event(verbatim, f, onset.isoformat() if onset else None))
        frequency = next(filter(None, (self.answers.find_frequency(t) for _turn, t in state.said)), None)
        return {
            "session": state.session, "created": self._timestamp(), "language": self.triager.knowledge.language.id,
            "drug": {"name": self.drug.name, "strength_mg": None, "dose": None, "frequency": frequency,
                     "start_date": None, "indication": None},
            "patient": {"initials": None, "age": None, "sex": None, "weight_kg": None, "pregnant": None},
            "reporter": {"type": None, "contact": None, "share_with_manufacturer": None},
            "events": events,
            "seriousness": {k: None for k in SERIOUSNESS},
            "other_medicines": None, "alcohol": None,
            "disposition": result.disposition, "advice": result.advice,
            "advised_at": state.summarised_at or None, "declined": False,
        }

    def finalised(self, state: State, report: dict, result: TriageResult) -> dict:
        """The report as stored: the conversation's disposition and advice, and when it was advised."""
        report = dict(report, session=state.session, disposition=result.disposition, advice=result.advice,
                      advised_at=state.summarised_at or self._timestamp())
        if report.get("other_medicines") is None:
            report["other_medicines"] = []
        return report

    def _fields(self, state: State) -> Iterable[Field]:
        """The report's questions in order, given what is known so far."""
        report = state.report or {}
        if not report.get("events"):
            yield NEW_EVENT
            return
        sex = _get(report, "patient.sex")
        for f in PATIENT_FIELDS:
            if f.path != "patient.pregnant" or sex != "male":
                yield f
        for f in REPORTER_FIELDS:
            if f.path != "reporter.share_with_manufacturer" or _get(report, "reporter.contact"):
                yield f
        yield from DRUG_FIELDS
        for i in range(len(report["events"])):
            for key, kind in EVENT_FIELDS:
                yield Field(f"events.{i}.{key}", key, kind)
        serious = [_get(report, f.path) for f in SERIOUS_FIELDS]
        if all(v is None for v in serious) and SERIOUS_GATE.path not in state.handled:
            yield SERIOUS_GATE
            return
        yield from SERIOUS_FIELDS
        yield from LAST_FIELDS

    def _missing(self, state: State) -> Field | None:
        for f in self._fields(state):
            if _get(state.report, f.path) is None and f.path not in state.handled:
                return f
        return None

    def question(self, state: State, path: str) -> str:
        field = next((f for f in self._fields(state) if f.path == path), None)
        if field is None:
            return ""
        event = ""
        if path.startswith("events.") and path != NEW_EVENT.path:
            ev = state.report["events"][int(path.split(".")[1])]
            event = self._event_words(ev)
        return self.dialogue.ask(field.ask, event=event) if "{event}" in self.dialogue.report[field.ask] \
            else self.dialogue.ask(field.ask)

    def _event_words(self, event: Mapping) -> str:
        """A side effect by its patient name, else the monograph's words, else the patient's."""
        for target in self.drug.targets.values():
            if event.get("effect") == target.effect and (event.get("sign") or "") == target.sign_text:
                return target.name
        return str(event.get("sign") or event.get("effect") or event.get("verbatim") or "")

    def ask_next(self, state: State, result: TriageResult) -> tuple[State, list[str]]:
        """The next question, or the report complete (with advice heard during it)."""
        field = self._missing(state)
        if field is None:
            report = self.finalised(state, state.report, result)
            lines = [self.dialogue.ask("complete")]
            if RANK[result.disposition] > RANK[state.advised]:  # heard during the report
                lines.append(result.advice)
            return (state._replace(report=report, phase=CLOSED, done=True, pending=None,
                                   advised=result.disposition), lines)
        pending = REPORT_PREFIX + field.path
        if pending != state.pending:
            state = state._replace(pending=pending, strikes=0)
        return state, [self.question(state, field.path)]

    def take(self, state: State, text: str) -> tuple[State, list[str]]:
        """Put one answer in its field; "skip" leaves it out, a bad answer is asked again."""
        d = self.dialogue
        path = (state.pending or "")[len(REPORT_PREFIX):]
        field = next((f for f in self._fields(state) if f.path == path), None)
        if field is None:
            return state, []
        if self.dialogue.has(text, "skip"):
            return self._skip(state, path), [d.ask("skipped")]
        try:
            value, notes = self._parse(field, text)
        except ValueError as exc:
            if state.strikes >= REPORT_MAX_REASKS:
                # kept in the patient's words for the safety team, not dropped
                unread = dict(state.report.get("unread_answers") or {}, **{path: " ".join(text.split())})
                state = state._replace(report=_put(state.report, "unread_answers", unread))
                return self._skip(state, path), [d.ask("gave_up")]
            return state._replace(strikes=state.strikes + 1), [self._reask(exc)]
        return self._store_field(state, field, value, text), notes

    def _reask(self, exc: ValueError) -> str:
        """What to say when an answer cannot be used: the dialogue's line for it."""
        if isinstance(exc, AnswerError):
            return self.dialogue.ask(exc.key, **exc.fields)
        return str(exc)

    def _skip(self, state: State, path: str) -> State:
        handled = state.handled | {path}
        if path == SERIOUS_GATE.path:
            handled |= {f.path for f in SERIOUS_FIELDS}
        return state._replace(handled=handled, strikes=0)

    def _store_field(self, state: State, field: Field, value: Any, text: str) -> State:
        report = state.report
        if field is NEW_EVENT:
            matches, _ = self.triager.find(text)
            found = [self.triager.place(m, state.context) for m in matches if m.status == "affirmed"]
            events = [_event(text, f) for f in found] or [_event(text, None)]
            return state._replace(report=_put(report, "events", events), strikes=0)
        if field is SERIOUS_GATE:
            handled = state.handled | {field.path}
            if value is False:
                for f in SERIOUS_FIELDS:
                    report = _put(report, f.path, False)
            elif value is None:
                handled |= {f.path for f in SERIOUS_FIELDS}
            return state._replace(report=report, handled=handled, strikes=0)
        handled = state.handled | {field.path} if value is None else state.handled
        report = _put(report, field.path, value)
        if field.path.endswith(".dechallenge") and value == "not_applicable":
            # never stopped: it cannot have come back on restarting
            report = _put(report, field.path[:-len("dechallenge")] + "rechallenge", "not_applicable")
        return state._replace(report=report, handled=handled, strikes=0)

    def _parse(self, field: Field, text: str) -> tuple[Any, list[str]]:
        """The value of one answer and any notes (an interaction to flag); ValueError to re-ask."""
        if len(text) > MAX_ANSWER_CHARS:
            raise AnswerError("too_long", max=MAX_ANSWER_CHARS)
        if field.kind == "medicines":
            return self._parse_medicines(text)
        if field.kind == "alcohol":
            return self._parse_alcohol(text)
        return self._parsers[field.kind](text), []

    # -------------------------------------------------------------- answer parsers for the report

    def _parse_text(self, text: str) -> str:
        answer = " ".join(text.split())
        if not answer:
            raise AnswerError("text_reask")
        return answer

    def _parse_initials(self, text: str) -> str:
        letters = re.sub(r"[\s.\-]", "", text)
        if not 1 <= len(letters) <= 4 or not letters.isalpha() or self.reader.yes_no(text) is not None:
            raise AnswerError("initials_reask")
        return letters.upper()

    def _parse_date(self, text: str) -> str:
        return self.answers.read_date(text, today=self.clock().date()).isoformat()

    def _parse_strength(self, text: str) -> int:
        strengths = self.drug.strengths_mg
        numbers = [int(n) for n in re.findall(r"(?<!\d)\d{1,4}(?!\d)", text)]
        chosen = [n for n in numbers if n in strengths]
        if len(set(chosen)) != 1:
            raise AnswerError("strength_reask", strengths=" or ".join(map(str, strengths)))
        return chosen[0]

    def _parse_flag(self, text: str) -> bool | None:
        return {"yes": True, "no": False}.get(self.answers.read_yes_no_unknown(text))

    _parse_gate = _parse_flag

    def _parse_challenge(self, text: str) -> str:
        if self.dialogue.has(text, "not_applicable", anywhere=True):
            return "not_applicable"
        return self.answers.read_yes_no_unknown(text)

    def _parse_reporter(self, text: str) -> str:
        words = self.dialogue.words
        found = find_phrases(plain(text), {t: words[f"reporter_{t}"] for t in REPORTER_TYPES})
        # A carer who names the patient ("my mum") is the carer, not the patient.
        for kind in ("nurse", "doctor", "pharmacist", "carer", "patient"):
            if kind in found:
                return kind
        if "other" in plain(text).split():
            return "other"
        raise AnswerError("reask", question=self.dialogue.ask("reporter"))

    def _interactions(self, text: str) -> list[tuple[Any, str]]:
        answer = plain(text)
        return [(i, name) for i in self.drug.interactions for name in i.names
                if f" {plain(name)} " in f" {answer} "]

    def _flag(self, text: str, label: str | None = None) -> tuple[str | None, list[str]]:
        """The first interaction the monograph lists for these words, and the note that flags it."""
        hits = self._interactions(text)
        if not hits:
            return None, []
        interaction, name = hits[0]
        key = "interaction_major" if interaction.major else "interaction"
        return interaction.group, [self.dialogue.ask(key, medicine=label or name, group=interaction.group,
                                                     effect=interaction.effect)]

    def _parse_medicines(self, text: str) -> tuple[list[dict], list[str]]:
        """ "diazepam and ramipril" -> two medicines, each flagged with its interaction."""
        answer = self._parse_text(text)
        if self.dialogue.has(answer, "no_medicines"):
            return [], []
        medicines, notes = [], []
        for part in self.answers.split_medicines(answer):
            group, flagged = self._flag(part, part)
            medicines.append({"text": part, "interaction": group})
            notes += flagged
        return medicines, notes

    def _parse_alcohol(self, text: str) -> tuple[str, list[str]]:
        answer = self._parse_text(text)
        if self._yes_no_unknown_or_none(answer) == "no" or self.dialogue.has(answer, "no_medicines"):
            return "none", []
        _group, notes = self._flag("alcohol")
        return answer, notes

    def _yes_no_unknown_or_none(self, text: str) -> str | None:
        try:
            return self.answers.read_yes_no_unknown(text)
        except ValueError:
            return None

    # -------------------------------------------------------------- pre-filled report fields

    def check_prefill(self, fields: Mapping | None) -> tuple[tuple[str, Any], ...]:
        """Validate a script's report object into (path, value) pairs; InputError names a bad field."""
        if fields is None:
            return ()
        if not isinstance(fields, Mapping):
            raise InputError(f"report must be an object, not {type(fields).__name__}")
        pairs = []
        for path, value in self._flatten(fields):
            field = PREFILLABLE.get(path)
            if field is None:
                raise InputError(f"report field {path!r} is not one of: {', '.join(PREFILLABLE)}")
            if value is None:
                continue
            try:
                pairs.append((path, self._prefill_value(field, value)))
            except (ValueError, TypeError) as exc:
                raise InputError(f"report field {path!r}: {self._reask(exc) if isinstance(exc, ValueError) else exc}") \
                    from None
        return tuple(pairs)

    @staticmethod
    def _flatten(fields: Mapping, prefix: str = "") -> Iterable[tuple[str, Any]]:
        for key, value in fields.items():
            path = f"{prefix}{key}"
            if isinstance(value, Mapping):
                yield from Interview._flatten(value, path + ".")
            else:
                yield path, value

    def _prefill_value(self, field: Field, value: Any) -> Any:
        if field.kind == "flag" and isinstance(value, bool):
            return value
        if field.kind == "medicines" and isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValueError(f"unexpected value {value!r}")
        parsed, _notes = self._parse(field, str(value))
        return parsed

    def apply_prefill(self, state: State) -> State:
        if state.report is None or not state.prefill:
            return state
        report = state.report
        for path, value in state.prefill:
            report = _put(report, path, value)
        return state._replace(report=report, prefill=())

    def _timestamp(self) -> str:
        return self.clock().isoformat(timespec="seconds")
