"""The conversation: a pure state machine over the triage core.

``Engine.step(state, "I've been hearing voices at night")`` returns a new
state and what the bot says: it keeps every side effect with the message it
came from, asks the monograph's follow-up questions one at a time ("Did you
stop taking baclofen...?"), reads free answers ("nope, still taking it"),
answers an emergency at once and for the rest of the conversation, sums up,
and then offers to record an adverse-event report, asking only for what is
missing.  No I/O: the fronts (the terminal chat, ``serve --stdio``, ``replay``)
decide what reaches a screen or a store.

Every word the bot says outside the monograph's advice comes from the
``[dialogue]`` knowledge file (``knowledge/dialogue.toml``), validated here.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from . import reports
from .answers import MAX_ANSWER_CHARS, AnswerError, YesNoReader, answer_words, find_phrases, plain
from .knowledge import DISPOSITIONS, TABLES, KnowledgeError, Question, Record, default_folder, load_knowledge
from .matcher import MAX_TEXT_CHARS, ContextMatch, Match, tokenize
from .triage import RANK, InputError, Triager, TriageResult, read_context

DIALOGUE_FILE = "dialogue.toml"
# A triage question whose answer cannot be read is asked once more; after
# that the safer reading (True: stopped suddenly / took too much) is used.
MAX_REASKS = 1
# A report question whose answer cannot be used is asked this many times more, then left out.
REPORT_MAX_REASKS = 2

# Phases of a conversation.
TRIAGE, REPORT, CLOSED = "triage", "report", "closed"
# Pending ids of the bot's own questions (the monograph's use their own ids).
ANYTHING_ELSE, BOTHER, OFFER = "anything_else", "bother", "report:offer"
REPORT_PREFIX = "report:"

# ---------------------------------------------------------------- the dialogue file

# Lines of [dialogue], with the placeholders each may use ({drug} everywhere).
LINES = {
    "greeting": (), "not_for_emergencies": (), "no_symptom": (), "general_question": (),
    "empty_message": (), "too_long": (), "unreadable": (), "noted": ("what",), "withdrawn": ("what",),
    "reask": ("question",), "reask_after_symptoms": ("question",), "unsure_safe": (), "unclear_safe": (),
    "anything_else": (), "tell_me_more": (), "denied": ("what",), "bother_question": (), "bother_check": (),
    "bother_mild": (), "emergency_again": (), "summary_heading": (),
    "summary_finding": ("what", "tier", "words"), "summary_none": (), "summary_negated": ("what",),
    "summary_disposition": ("disposition",), "summary_reasons": ("reasons",), "summary_open": ("question",), "summary_call_back": (),
    "closed": (), "farewell": (), "explain_heading": (),
    "explain_finding": ("words", "turn", "effect", "sign", "tier", "score", "rule"),
    "explain_none": (), "explain_negated": ("words", "turn", "effect", "sign"),
    "summary_emergency_without_sign": (), "explain_emergency_without_sign": ("reasons",),
    "listed": ("what", "tier"), "listed_after_stop": (), "listed_now": (), "corrected": ("disposition",),
}
WORD_LISTS = ("closing", "goodbye", "skip", "decline", "bothersome", "mild", "question_marks", "reporter_patient",
              "reporter_nurse", "reporter_doctor", "reporter_pharmacist", "reporter_carer", "not_applicable",
              "no_medicines", "correction")
REPORTER_TYPES = ("patient", "nurse", "doctor", "pharmacist", "carer")
# A context cue in a correction, what it settles, and the cues it takes back.
CORRECTIONS = {
    "not_stopped": ("stopped_suddenly", False, ("stopped_suddenly", "stopped")),
    "stopped_suddenly": ("stopped_suddenly", True, ("not_stopped",)),
    "not_too_much": ("took_too_much", False, ("took_too_much",)),
    "took_too_much": ("took_too_much", True, ("not_too_much",)),
}
SERIOUSNESS = reports.SERIOUSNESS_CRITERIA
REPORT_LINES = {
    "offer": (), "accepted": (), "declined": (), "stopped": (), "complete": (), "skipped": (), "gave_up": (),
    "reask": ("question",), "offer_reask": (), "interaction": ("medicine", "group", "effect"),
    "interaction_major": ("medicine", "group", "effect"), "event": (), "initials": (), "age": (), "sex": (),
    "weight": (), "pregnant": (), "reporter": (), "contact": (), "share": (), "strength": (), "dose": (),
    "frequency": (), "start_date": (), "indication": (), "onset": ("event",), "dechallenge": ("event",),
    "rechallenge": ("event",), "outcome": ("event",), "serious": (), **{k: () for k in SERIOUSNESS},
    "other_medicines": (), "alcohol": (), "strength_reask": ("strengths",), "initials_reask": (),
    "text_reask": (), "too_long": ("max",), "date_reask": (), "date_future": (), "date_calendar": (),
    "date_too_early": ("year",), "age_reask": (), "age_negative": (), "age_too_old": ("max",),
    "weight_reask": (), "weight_range": (), "sex_reask": (), "outcome_reask": (), "yes_no_reask": (),
}


class Dialogue(NamedTuple):
    """The validated [dialogue] table: lines with {drug} filled in, titles and word lists."""
    lines: Mapping[str, str]
    tiers: Mapping[str, str]
    dispositions: Mapping[str, str]
    words: Mapping[str, tuple[str, ...]]
    report: Mapping[str, str]

    def say(self, key: str, **fields: Any) -> str:
        """One line of the script: ``say("noted", what="dizziness")``."""
        return self.lines[key].format(**fields) if fields else self.lines[key]

    def ask(self, key: str, **fields: Any) -> str:
        """One report question or report line."""
        return self.report[key].format(**fields) if fields else self.report[key]


def _checked_line(rec: Record, key: str, allowed: Iterable[str], drug: str) -> str:
    """A line with {drug} filled in, refusing a placeholder it cannot fill."""
    text = rec.text(key)
    allowed = set(allowed)
    for _lit, name, _spec, _conv in string.Formatter().parse(text):
        if name is not None and name != "drug" and name not in allowed:
            valid = ", ".join("{%s}" % n for n in sorted(allowed | {"drug"}))
            raise KnowledgeError(f"{rec.where}: {key!r} uses {{{name}}}; valid placeholders here: {valid}")
    keep = {name: "{" + name + "}" for name in allowed}
    try:
        return text.format(drug=drug, **keep)
    except (ValueError, IndexError, KeyError) as exc:
        raise KnowledgeError(f"{rec.where}: {key!r} is not a valid template: {exc}") from None


def _checked_lines(rec: Record, spec: Mapping[str, tuple[str, ...]], drug: str) -> dict[str, str]:
    lines = {key: _checked_line(rec, key, allowed, drug) for key, allowed in spec.items()}
    rec.done()
    return lines


def load_dialogue(data: Mapping[str, Any], where: str, drug: str) -> Dialogue:
    """Validate a [dialogue] file's parsed TOML for ``drug``, naming file, key and valid keys."""
    top = Record(dict(data), where)
    head = top.table("dialogue")
    subtables = {"tiers": TABLES, "dispositions": DISPOSITIONS, "words": WORD_LISTS, "report": tuple(REPORT_LINES)}
    flat = {k: v for k, v in head.data.items() if k not in subtables}
    lines = _checked_lines(Record(flat, head.where), LINES, drug)
    head.seen.update(subtables)
    tiers = _checked_lines(head.table("tiers"), {t: () for t in TABLES + ("emergency_sign",)}, drug)
    dispositions = _checked_lines(head.table("dispositions"), {d: () for d in DISPOSITIONS}, drug)
    words_rec = head.table("words")
    words = {key: tuple(w.format(drug=drug).lower() for w in words_rec.words(key, required=True))
             for key in WORD_LISTS}
    words_rec.done()
    report = _checked_lines(head.table("report"), REPORT_LINES, drug)
    top.done()
    return Dialogue(lines, tiers, dispositions, words, report)


def _default_dialogue_data() -> tuple[Mapping[str, Any], str]:
    path = Path(default_folder()) / DIALOGUE_FILE
    knowledge = load_knowledge(path.parent)
    return knowledge.dialogue, str(path)


# ---------------------------------------------------------------- the state

class State(NamedTuple):
    """Everything a conversation knows; never changed, only replaced by ``step``."""
    turn: int = 0
    phase: str = TRIAGE
    pending: str | None = None        # the question waiting for an answer
    strikes: int = 0                  # unclear answers to it so far
    matches: tuple[tuple[int, Match], ...] = ()
    last_heard: tuple[tuple[str, str], ...] = ()  # each sign's latest (target, status), in matches
    cues: frozenset[str] = frozenset()          # context cue kinds heard so far
    answers: tuple[tuple[str, bool], ...] = ()  # settled by answers: (settles, value)
    asked: frozenset[str] = frozenset()         # the bot's own questions already asked
    advised: str = "none"             # the disposition whose advice was last given
    emergency: bool = False
    alarm: str = ""                   # the emergency advice, repeated first from then on
    done: bool = False
    report: dict | None = None
    handled: frozenset[str] = frozenset()       # report fields answered without a value or skipped
    prefill: tuple[tuple[str, Any], ...] = ()   # report fields given by a nurse-line script
    said: tuple[tuple[int, str], ...] = ()      # messages that named a side effect, for the report
    result: TriageResult | None = None
    session: str = ""
    summarised_at: str = ""

    @property
    def context(self) -> dict[str, bool]:
        return dict(self.answers)


# ---------------------------------------------------------------- report fields

class Field(NamedTuple):
    """One question of the adverse-event report: where its answer goes and how it is read."""
    path: str          # "patient.age", "events.0.onset"
    ask: str           # key of [dialogue.report]
    kind: str          # how the answer is read: a key of Engine._parsers


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
EVENT_FIELDS = (("onset", "date"), ("dechallenge", "challenge"), ("rechallenge", "challenge"),
                ("outcome", "outcome"))
SERIOUS_GATE = Field("seriousness.any", "serious", "gate")
SERIOUS_FIELDS = tuple(Field(f"seriousness.{k}", k, "flag") for k in SERIOUSNESS)
LAST_FIELDS = (Field("other_medicines", "other_medicines", "medicines"), Field("alcohol", "alcohol", "alcohol"))
NEW_EVENT = Field("events.new", "event", "event")
# Fields a nurse-line script may fill in advance ({"report": {"patient": {"age": 54}}}).
PREFILLABLE = {f.path: f for f in PATIENT_FIELDS + REPORTER_FIELDS + DRUG_FIELDS + SERIOUS_FIELDS + LAST_FIELDS}


def _get(report: Mapping, path: str) -> Any:
    value: Any = report
    for part in path.split("."):
        if isinstance(value, list):
            value = value[int(part)] if part.isdigit() and int(part) < len(value) else None
        elif isinstance(value, Mapping):
            value = value.get(part)
        else:
            return None
    return value


def _put(report: dict, path: str, value: Any) -> dict:
    """A copy of ``report`` with ``path`` set; the old dict is left as it was."""
    head, _, rest = path.partition(".")
    new = dict(report) if isinstance(report, dict) else {}
    if not rest:
        new[head] = value
    elif head == "events":
        index, _, key = rest.partition(".")
        events = list(new.get("events") or [])
        events[int(index)] = _put(events[int(index)], key, value)
        new["events"] = events
    else:
        new[head] = _put(new.get(head) or {}, rest, value)
    return new


def _now() -> datetime:
    return datetime.now(timezone.utc)


# ---------------------------------------------------------------- the engine

class Engine:
    """The conversation for one drug; holds no per-conversation data, so one serves many sessions."""

    def __init__(self, triager: Triager, dialogue: Mapping | None = None,
                 clock: Callable[[], datetime] = _now) -> None:
        self.triager = triager
        self.drug = triager.drug
        knowledge = triager.knowledge
        where = str(Path(knowledge.folder) / DIALOGUE_FILE)
        if dialogue is None:
            dialogue = knowledge.dialogue
            if not dialogue:
                dialogue, where = _default_dialogue_data()
        if "dialogue" not in dialogue:
            dialogue = {"dialogue": dialogue}
        self.dialogue = load_dialogue(dialogue, where, self.drug.name)
        lang = knowledge.language
        self.reader = YesNoReader(lang.answers, lang.classes.get("number", ()))
        self.answers = answer_words(knowledge)
        self.questions: dict[str, Question] = {q.id: q for q in self.drug.questions}
        self.clock = clock
        self._parsers: dict[str, Callable[[str], Any]] = {
            "initials": self._parse_initials, "age": self.answers.read_age, "sex": self.answers.read_sex,
            "weight": self.answers.read_weight_kg, "flag": self._parse_flag, "reporter": self._parse_reporter,
            "text": self._parse_text, "strength": self._parse_strength, "date": self._parse_date,
            "challenge": self._parse_challenge, "outcome": self.answers.read_outcome, "gate": self._parse_gate,
            "event": self._parse_text,
        }

    # -------------------------------------------------------------- the public contract

    def start(self, session: str = "") -> tuple[State, list[str]]:
        """Open a conversation: the greeting names the drug and says it is not for emergencies."""
        d = self.dialogue
        return State(session=session), [d.say("greeting"), d.say("not_for_emergencies")]

    def step(self, state: State, text: str, report_fields: Mapping | None = None) -> tuple[State, list[str]]:
        """Take one patient message, e.g. "yes, I stopped it on Saturday", and answer it.

        ``report_fields`` (a nurse-line script's "report" object) pre-fill the
        adverse-event report so those questions are not asked; a bad one
        raises InputError and leaves ``state`` as it was.
        """
        prefill = state.prefill + self._check_prefill(report_fields)
        state = state._replace(turn=state.turn + 1, prefill=prefill)
        state = self._apply_prefill(state)
        problem = self._problem(text)
        if problem:
            return state, self._lead(state, [self.dialogue.say(problem)] + self._pending_text(state))
        matches, cues = self.triager.find(text)
        before = state.result
        state = self._record(state, text, matches, cues)
        reopen = state.phase == CLOSED or (state.phase == REPORT and state.pending == OFFER)
        if reopen and self._new_findings(before, matches):
            state = state._replace(phase=TRIAGE, done=False, pending=None, strikes=0)
        if state.phase == TRIAGE:
            state, replies = self._triage_turn(state, before, text, matches, cues)
        elif state.phase == REPORT:
            state, replies = self._report_turn(state, before, text)
        else:
            state, replies = self._assessed(state), [self.dialogue.say("closed")]
        return state, self._lead(state, replies)

    def end(self, state: State) -> tuple[State, list[str]]:
        """Close the conversation: the summary, and the report finalised if one was being taken."""
        state = self._assessed(state)
        if state.report is not None:
            state = state._replace(report=self._finalised(state, state.report))
        replies = self.summary(state)
        state = state._replace(phase=CLOSED, done=True, pending=None)
        return state, self._lead(state, replies)

    def result(self, state: State) -> TriageResult:
        """The triage of the whole conversation so far; once an emergency, always an emergency."""
        result = state.result if state.result is not None else self._assess(state)
        if state.emergency and result.disposition != "emergency":
            # Nothing may ever tell this patient it can wait.
            result = result._replace(disposition="emergency", advice=state.alarm, questions=(),
                                     reasons=result.reasons + ("an emergency was reached earlier",))
        return result

    def summary(self, state: State) -> list[str]:
        """/summary: each side effect with its tier, the disposition, the advice and precautions."""
        d, result = self.dialogue, self.result(state)
        lines = [d.say("summary_heading")]
        for f in result.findings:
            lines.append(d.say("summary_finding", what=self._what(f), tier=self._tier(f, result), words=f.text))
        if not result.findings:
            # "my husband took twenty": no side effect named, and still an emergency
            emergency = result.disposition == "emergency" and result.reasons
            lines.append(d.say("summary_emergency_without_sign") if emergency else d.say("summary_none"))
        if result.negated:
            lines.append(d.say("summary_negated", what=self._list(result.negated)))
        lines.append(d.say("summary_disposition", disposition=d.dispositions[result.disposition]))
        if result.disposition == "emergency" and result.reasons:
            lines.append(d.say("summary_reasons", reasons="; ".join(result.reasons)))
        lines.append(result.advice)
        lines.extend(result.precautions)
        lines.extend(f'{d.say("summary_open", question=q.text)} {q.if_yes}'.rstrip() for q in result.questions)
        if result.disposition != "emergency" and d.say("summary_call_back") not in result.advice:
            lines.append(d.say("summary_call_back"))
        return lines

    def explain(self, state: State) -> list[str]:
        """/why: for each side effect the words, entry, sign, score, message number and rule."""
        d, result = self.dialogue, self.result(state)
        if not result.findings and not result.negated:
            if result.disposition == "emergency" and result.reasons:
                return [d.say("explain_emergency_without_sign", reasons="; ".join(result.reasons))]
            return [d.say("explain_none")]
        lines = [d.say("explain_heading")]
        for f in result.findings:
            lines.append(d.say("explain_finding", words=f.text, turn=f.turn, effect=f.effect,
                               sign=f" ({f.sign})" if f.sign else "", tier=self._tier(f, result),
                               score=f"{f.score:g}", rule=f.rule))
        for f in result.negated:
            lines.append(d.say("explain_negated", words=f.text, turn=f.turn, effect=f.effect,
                               sign=f" ({f.sign})" if f.sign else ""))
        lines.extend(f"  ({reason})" for reason in result.reasons)
        return lines

    def start_report(self, state: State) -> tuple[State, list[str]]:
        """/report: start taking an adverse-event report now, asking only for what is missing."""
        state = self._assessed(state)
        state, replies = self._begin_report(state._replace(done=False))
        return state, self._lead(state, replies)

    # -------------------------------------------------------------- one message

    def _problem(self, text: Any) -> str | None:
        """Why a message cannot be read, as a [dialogue] key; None when it can."""
        if not isinstance(text, str) or not text.strip():
            return "empty_message"
        if len(text) > MAX_TEXT_CHARS:
            return "too_long"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from a badly encoded terminal
            return "unreadable"
        return None

    def _record(self, state: State, text: str, matches: list[Match], cues: list[ContextMatch]) -> State:
        """Keep this turn's mentions, but not one that says again what its sign's
        last mention said: it cannot change the assessment ("dizzy" a hundred
        times is one finding), so a turn's cost does not grow with past turns."""
        last = dict(state.last_heard)
        kept = []
        for m in matches:
            if last.get(m.target) != m.status:
                last[m.target] = m.status
                kept.append((state.turn, m))
        said = state.said + ((state.turn, text),) if any(m.status == "affirmed" for m in matches) else state.said
        state = state._replace(matches=state.matches + tuple(kept), last_heard=tuple(last.items()), said=said)
        return self._corrected(state, text, {c.kind for c in cues})

    def _corrected(self, state: State, text: str, kinds: set[str]) -> State:
        """Add this turn's context cues; a correction ("wait, no, I never stopped it")
        replaces what it corrects, the earlier answer and the cues that said otherwise.
        An emergency already reached stays one (state.emergency)."""
        correcting = self._is(text, "correction", anywhere=True) or self.reader.yes_no(text, anchored=True) == "no"
        answers, cues = dict(state.answers), set(state.cues)
        if correcting:
            for kind in kinds & set(CORRECTIONS):
                settles, value, undone = CORRECTIONS[kind]
                if answers.get(settles, value) != value or cues & set(undone):
                    answers[settles] = value
                    cues -= set(undone)
        return state._replace(answers=tuple(answers.items()), cues=frozenset(cues | kinds))

    def _assess(self, state: State) -> TriageResult:
        return self.triager.assess(state.matches, read_context(
            [ContextMatch(kind, 0, 0, "") for kind in sorted(state.cues)], state.context))

    def _assessed(self, state: State) -> State:
        """The state with its triage brought up to date; an emergency is remembered for good."""
        result = self._assess(state)
        if result.disposition == "emergency":
            state = state._replace(emergency=True, alarm=result.advice, pending=None if state.phase == TRIAGE
                                   and state.pending in self.questions else state.pending)
        return state._replace(result=result)

    def _lead(self, state: State, replies: list[str]) -> list[str]:
        """An emergency instruction goes before anything else, every time."""
        if not state.emergency:
            return replies
        return [state.alarm] + [r for r in replies if r != state.alarm]

    def _pending_text(self, state: State) -> list[str]:
        question = self._question_text(state, state.pending)
        return [question] if question else []

    def _question_text(self, state: State, pending: str | None) -> str:
        if pending is None:
            return ""
        if pending in self.questions:
            return self.questions[pending].text
        if pending == BOTHER:
            return self.dialogue.say("bother_question")
        if pending == ANYTHING_ELSE:
            return self.dialogue.say("anything_else")
        if pending == OFFER:
            return self.dialogue.ask("offer")
        return self._field_question(state, pending[len(REPORT_PREFIX):])

    @staticmethod
    def _new_findings(before: TriageResult | None, matches: list[Match]) -> bool:
        return any(m.status == "affirmed" for m in matches) and (
            before is None or {m.target for m in matches if m.status == "affirmed"}
            - {f.ref for f in before.findings} != set())

    # -------------------------------------------------------------- triage

    def _triage_turn(self, state: State, before: TriageResult | None, text: str,
                     matches: list[Match], cues: list[ContextMatch]) -> tuple[State, list[str]]:
        """One message while symptoms are being collected: "and a bit of a headache"."""
        d = self.dialogue
        replies: list[str] = []
        affirmed = [m for m in matches if m.status == "affirmed"]
        reask = ""
        asked_before = state.pending
        # "that's all", "bye": the caller is closing, not answering; an open
        # question stays open (the summary says what to do if the answer is yes).
        closing = self._closing(text) and not affirmed and self.reader.yes_no(text, anchored=True) != "yes"
        if state.pending in self.questions and closing and self.reader.yes_no(text) is None:
            state = state._replace(pending=None, strikes=0)
        elif state.pending in self.questions:
            state, reask, notes = self._settle(state, text, matches, cues, bool(affirmed))
            replies += notes
        state = self._assessed(state)
        result = state.result
        replies += self._changes(before, result)
        if state.emergency:
            return self._emergency_turn(state, before, replies, text, matches)
        if reask:
            return state, replies + [reask]
        if state.pending == BOTHER and closing:
            return self._close_triage(state._replace(pending=None), replies)
        if state.pending == BOTHER:
            state, lines = self._bothered(state, text, matches)
            replies += lines
        elif state.pending in (None, ANYTHING_ELSE) and not matches:
            # "no that's all", "bye"; a bare "no" once something has been reported.
            answer = self.reader.yes_no(text, anchored=True)
            bare_no = answer == "no" and asked_before not in self.questions and (
                asked_before == ANYTHING_ELSE or state.said)
            if closing or bare_no:
                return self._close_triage(state, replies)
            if answer == "yes" and state.pending == ANYTHING_ELSE:
                return state, replies + [d.say("tell_me_more")]
            if asked_before == ANYTHING_ELSE and answer is None:
                # Words we cannot place, again and again: sum up rather than ask forever.
                if state.strikes >= MAX_REASKS:
                    return self._close_triage(state, replies)
                state = state._replace(strikes=state.strikes + 1)
        return self._next(state, replies, text, matches)

    def _settle(self, state: State, text: str, matches: list[Match], cues: list[ContextMatch],
                reported: bool) -> tuple[State, str, list[str]]:
        """Read the answer to a tier-settling question; (state, re-ask or "", notes)."""
        d = self.dialogue
        question = self.questions[state.pending]
        value, notes = self.read_answer(question, text, matches, cues, anchored=reported)
        if value is None and reported:
            return state, d.say("reask_after_symptoms", question=question.text), notes
        if value is None and state.strikes < MAX_REASKS:
            return state._replace(strikes=state.strikes + 1), d.say("reask", question=question.text), notes
        if value is None:
            value, notes = True, notes + [d.say("unclear_safe")]
        answers = tuple(a for a in state.answers if a[0] != question.settles) + ((question.settles, value),)
        return state._replace(answers=answers, pending=None, strikes=0), "", notes

    def read_answer(self, question: Question, text: str, matches: list[Match] = (),
                    cues: list[ContextMatch] = (), anchored: bool = False) -> tuple[bool | None, list[str]]:
        """What an answer says to a question that settles a tier, and any note to add.

        The answer's own cues come first ("I haven't taken it for four days"
        -> stopped), then yes / no words ("nope"), then for the took-too-much
        question a number ("I think I took 3" -> yes).  "Not sure" takes the
        safer reading, True.  None: the answer does not say.
        """
        said = read_context(cues).get(question.settles)
        if said is not None:
            return said, []
        word = self.reader.yes_no(text, self._spans(matches), anchored)
        if word == "unsure":
            return True, [self.dialogue.say("unsure_safe")]
        if word in ("yes", "no"):
            return word == "yes", []
        if question.settles == "took_too_much" and self.reader.has_number(text):
            return True, []
        return None, []

    def _emergency_turn(self, state: State, before: TriageResult | None, replies: list[str], text: str,
                        matches: list[Match]) -> tuple[State, list[str]]:
        """After an emergency the instruction leads every reply; "that's all" still ends with a summary."""
        if not matches and (self._closing(text) or self.reader.yes_no(text, anchored=True) == "no"):
            return self._close_triage(state, replies)
        if before is not None and before.disposition == "emergency":
            replies.append(self.dialogue.say("emergency_again"))
        return state._replace(pending=None), replies

    def _next(self, state: State, replies: list[str], text: str, matches: list[Match]) -> tuple[State, list[str]]:
        """Advice once the tier is settled, then the next question, one at a time."""
        d, result = self.dialogue, state.result
        # How long and how bad matters only while the mild list is the most urgent.
        waiting_bother = BOTHER not in state.asked and result.disposition == "if_bothersome"
        if not result.questions and RANK[result.disposition] > RANK[state.advised] and not (
                result.disposition == "if_bothersome" and waiting_bother):
            replies.append(result.advice)
            state = state._replace(advised=result.disposition)
        elif not result.questions and RANK[result.disposition] < RANK[state.advised] and not state.emergency \
                and result.findings:
            # a correction lowered the tier: say so, with the advice that fits now
            replies += [d.say("corrected", disposition=d.dispositions[result.disposition]), result.advice]
            state = state._replace(advised=result.disposition)
        if result.questions:
            q = result.questions[0]
            if state.pending != q.id:
                state = state._replace(pending=q.id, strikes=0)
            return state, replies + [q.text]
        if waiting_bother:
            return state._replace(pending=BOTHER, asked=state.asked | {BOTHER}), replies + [d.say("bother_question")]
        if not result.findings and not replies:
            return state._replace(pending=None), [self._no_symptom_reply(text, matches)]
        if not result.findings:
            return state._replace(pending=None), replies + [d.say("tell_me_more")]
        return state._replace(pending=ANYTHING_ELSE, asked=state.asked | {ANYTHING_ELSE}), replies + [
            d.say("anything_else")]

    def _bothered(self, state: State, text: str, matches: list[Match]) -> tuple[State, list[str]]:
        """How long and how bad: "two weeks now and it's awful" -> check with your doctor."""
        d, result = self.dialogue, state.result
        words = d.words
        found = find_phrases(plain(text), {"bad": words["bothersome"], "mild": words["mild"]})
        answer = self.reader.yes_no(text, self._spans(matches))
        mild = ("mild" in found and "bad" not in found) or (answer == "no" and "bad" not in found)
        lines = [d.say("bother_mild" if mild else "bother_check")]
        if result.disposition == "if_bothersome" and RANK[state.advised] < RANK["if_bothersome"]:
            lines.append(result.advice)
            state = state._replace(advised="if_bothersome")
        return state._replace(pending=None), lines

    def _no_symptom_reply(self, text: str, matches: list[Match]) -> str:
        """ "what's the best time of day to take it?" gets a pointer, "hello" an invitation."""
        d = self.dialogue
        asking = "?" in text or bool(find_phrases(plain(text), {"q": d.words["question_marks"]}))
        if any(m.status in ("negated", "resolved") for m in matches):
            denied = self._list(m for m in matches if m.status in ("negated", "resolved"))
            return d.say("denied", what=denied) + " " + d.say("tell_me_more")
        asked = [m for m in matches if m.status == "hypothetical"]
        if asking and asked:
            return self._listed(asked)
        return d.say("general_question" if asking else "no_symptom")

    def _listed(self, asked: list[Match]) -> str:
        """ "can baclofen cause seizures?": where the monograph lists each sign asked about."""
        d, lines, after_stop = self.dialogue, [], False
        for m in {m.target: m for m in asked}.values():
            found = self.triager.place(m, {})
            stopped = self.triager.place(m, {"stopped_suddenly": True})
            label = d.tiers["overdose"] if found.tier == "overdose" else d.tiers[found.tier]
            lines.append(d.say("listed", what=self._what(found), tier=label))
            after_stop |= stopped.tier == "withdrawal" and found.tier != "withdrawal"
        if after_stop:
            lines.append(d.say("listed_after_stop"))
        return " ".join(lines + [d.say("listed_now")])

    def _changes(self, before: TriageResult | None, after: TriageResult) -> list[str]:
        """"I have noted: ..." for new side effects, "taken off the list" for denied ones."""
        d = self.dialogue
        earlier = before.findings if before else ()

        def known(f: Any, among: Iterable[Any]) -> bool:
            # The same words moved to another table ("hearing voices" after an abrupt stop) are not news.
            return any((g.effect, g.sign) == (f.effect, f.sign) or (g.turn, g.start) == (f.turn, f.start)
                       for g in among)

        new = [f for f in after.findings if not known(f, earlier)]
        gone = [f for f in earlier if not known(f, after.findings)]
        lines = []
        if new:
            lines.append(d.say("noted", what=self._list(new)))
        if gone:
            lines.append(d.say("withdrawn", what=self._list(gone)))
        return lines

    def _close_triage(self, state: State, replies: list[str]) -> tuple[State, list[str]]:
        """The summary, then the offer of a report when there is something to report."""
        state = state._replace(summarised_at=self._timestamp(), advised=state.result.disposition)
        if not state.result.findings and state.result.disposition == "none":
            return state._replace(phase=CLOSED, done=True, pending=None), replies + self.summary(state)
        state = state._replace(phase=REPORT, pending=OFFER)
        return state, replies + self.summary(state) + [self.dialogue.ask("offer")]

    def _closing(self, text: str) -> bool:
        return bool(find_phrases(plain(text), {"end": self.dialogue.words["closing"]}))

    # -------------------------------------------------------------- the report

    def _report_turn(self, state: State, before: TriageResult | None, text: str) -> tuple[State, list[str]]:
        """One answer while the report is taken; a worse triage is still answered first."""
        d = self.dialogue
        state = self._assessed(state)
        # A new side effect is noted; its advice waits for the end of the report
        # (an emergency does not wait: it stops the report at once).
        replies = self._changes(before, state.result)
        if state.emergency and (before is None or before.disposition != "emergency"):
            # An emergency now outranks the report: stop asking; what was given is kept.
            return state._replace(phase=TRIAGE, pending=None), replies
        if state.pending == OFFER:
            answer = self.reader.yes_no(text)
            if answer == "yes" and not self._is(text, "goodbye", anywhere=True):
                state, lines = self._begin_report(state)
                return state, replies + lines
            if answer == "no" or self._is(text, "decline") or self._closing(text):
                return state._replace(phase=CLOSED, done=True, pending=None), replies + [d.ask("declined")]
            return state, replies + [d.ask("offer_reask")]
        if self._is(text, "decline"):
            return (state._replace(phase=CLOSED, done=True, pending=None, report=None),
                    replies + [d.ask("stopped")])
        asked = state.pending
        state, lines = self._take_field(state, text)
        if state.pending == asked and state.strikes and lines:
            return state, replies + lines  # the re-ask says what to type; the question is not said twice
        state, more = self._ask_next_field(state)
        return state, replies + lines + more

    def _begin_report(self, state: State) -> tuple[State, list[str]]:
        report = state.report if state.report is not None else self._new_report(state)
        state = self._apply_prefill(state._replace(phase=REPORT, report=report, strikes=0))
        state, more = self._ask_next_field(state)
        return state, [self.dialogue.ask("accepted")] + more

    def _new_report(self, state: State) -> dict:
        """The report's skeleton, with one event per side effect found, in the patient's words."""
        result = state.result or self._assess(state)
        messages = dict(state.said)
        today = self.clock().date()
        events = []
        for f in result.findings:
            verbatim = messages.get(f.turn, f.text)
            onset = self.answers.find_date(verbatim, today)  # "ringing since yesterday" is not asked again
            events.append({"verbatim": verbatim, "effect": f.effect, "sign": f.sign, "tier": f.tier,
                           "onset": onset.isoformat() if onset else None, "dechallenge": None,
                           "rechallenge": None, "outcome": None})
        frequency = next(filter(None, (self.answers.find_frequency(t) for _turn, t in state.said)), None)
        return {
            "session": state.session, "created": self._timestamp(),
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

    def _finalised(self, state: State, report: dict) -> dict:
        result = self.result(state)
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

    def _field_question(self, state: State, path: str) -> str:
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
        """How a question names a side effect: the sign or entry as the patient would read it."""
        return str(event.get("sign") or event.get("effect") or event.get("verbatim") or "")

    def _ask_next_field(self, state: State) -> tuple[State, list[str]]:
        field = self._missing(state)
        if field is None:
            report = self._finalised(state, state.report)
            lines = [self.dialogue.ask("complete")]
            result = self.result(state)
            if RANK[result.disposition] > RANK[state.advised]:  # heard during the report
                lines.append(result.advice)
            return (state._replace(report=report, phase=CLOSED, done=True, pending=None,
                                   advised=result.disposition), lines)
        pending = REPORT_PREFIX + field.path
        if pending != state.pending:
            state = state._replace(pending=pending, strikes=0)
        return state, [self._field_question(state, field.path)]

    def _take_field(self, state: State, text: str) -> tuple[State, list[str]]:
        """Put one answer in its field; "skip" leaves it out, a bad answer is asked again."""
        d = self.dialogue
        path = (state.pending or "")[len(REPORT_PREFIX):]
        field = next((f for f in self._fields(state) if f.path == path), None)
        if field is None:
            return state, []
        if self._is(text, "skip"):
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
            events = [{"verbatim": text, "effect": f.effect, "sign": f.sign, "tier": f.tier} for f in found] or [
                {"verbatim": text, "effect": "", "sign": "", "tier": ""}]
            for ev in events:
                ev.update(onset=None, dechallenge=None, rechallenge=None, outcome=None)
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

    def _yes_no_unknown(self, text: str) -> str:
        """"yes" / "no" / "unknown", from the language's answer words."""
        return self.answers.read_yes_no_unknown(text)

    def _parse_flag(self, text: str) -> bool | None:
        return {"yes": True, "no": False}.get(self._yes_no_unknown(text))

    _parse_gate = _parse_flag

    def _parse_challenge(self, text: str) -> str:
        if self._is(text, "not_applicable", anywhere=True):
            return "not_applicable"
        return self._yes_no_unknown(text)

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
        if self._is(answer, "no_medicines"):
            return [], []
        medicines, notes = [], []
        for part in self.answers.split_medicines(answer):
            group, flagged = self._flag(part, part)
            medicines.append({"text": part, "interaction": group})
            notes += flagged
        return medicines, notes

    def _parse_alcohol(self, text: str) -> tuple[str, list[str]]:
        answer = self._parse_text(text)
        if self._yes_no_unknown_or_none(answer) == "no" or self._is(answer, "no_medicines"):
            return "none", []
        _group, notes = self._flag("alcohol")
        return answer, notes

    def _yes_no_unknown_or_none(self, text: str) -> str | None:
        try:
            return self._yes_no_unknown(text)
        except ValueError:
            return None

    # -------------------------------------------------------------- pre-filled report fields

    def _check_prefill(self, fields: Mapping | None) -> tuple[tuple[str, Any], ...]:
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
                yield from Engine._flatten(value, path + ".")
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

    def _apply_prefill(self, state: State) -> State:
        if state.report is None or not state.prefill:
            return state
        report = state.report
        for path, value in state.prefill:
            report = _put(report, path, value)
        return state._replace(report=report, prefill=())

    # -------------------------------------------------------------- small helpers

    def _is(self, text: str, words: str, anywhere: bool = False) -> bool:
        """Whether the answer is one of a [dialogue.words] list: "skip", "no more questions"."""
        answer = plain(text)
        phrases = self.dialogue.words[words]
        if anywhere:
            return bool(find_phrases(answer, {"x": phrases}))
        return answer in {plain(p) for p in phrases}

    @staticmethod
    def _spans(matches: Iterable[Match]) -> list[tuple[int, int]]:
        return [(m.start, m.end) for m in matches]

    def _tier(self, f: Any, result: TriageResult) -> str:
        """A finding's tier as said: a seizure with no overdose heard is an emergency
        sign, not an "overdose sign" (the monograph lists it in the overdose table)."""
        if f.tier == "overdose" and not (result.context.get("took_too_much") or result.context.get("ingestion")):
            return self.dialogue.tiers["emergency_sign"]
        return self.dialogue.tiers[f.tier]

    @staticmethod
    def _what(f: Any) -> str:
        return f"{f.effect} ({f.sign})" if f.sign else f.effect

    def _list(self, items: Iterable[Any]) -> str:
        names = []
        for item in items:
            name = self._what(item) if hasattr(item, "effect") else self.drug.targets[item.target].sign_text \
                or self.drug.targets[item.target].effect
            if name not in names:
                names.append(name)
        return ", ".join(names)

    def _timestamp(self) -> str:
        return self.clock().isoformat(timespec="seconds")


def load_engine(folder: str | None = None, drug: str | None = None) -> Engine:
    """An Engine for the knowledge in ``folder`` (default: the built-in knowledge)."""
    return Engine(Triager(load_knowledge(folder), drug))


__all__ = ["State", "Engine", "Dialogue", "load_dialogue", "load_engine"]
