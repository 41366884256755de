"""The conversation: a pure state machine over the triage core.

``Engine.step(state, "I've been hearing voices at night")`` returns a new
state and what the bot says.  Each phase (:class:`~triage_bot.state.Phase`)
has its turn in a transition table: collecting side effects and asking the
monograph's follow-up questions one at a time, then the report interview
(:mod:`triage_bot.interview`), then closed.  An emergency is answered at once
and leads every later reply.  No I/O: the fronts decide what reaches a screen
or a store; every word comes from the dialogue file (:mod:`triage_bot.wording`).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping  # not typing's: serve starts without typing
from datetime import datetime, timezone
from pathlib import Path

from .answers import answer_words, find_phrases, plain
from .interview import Interview
from .settling import MAX_REASKS, Settler, only_provisional, spans, without_unsure
from .telling import Teller
from .knowledge import Question, load_knowledge
from .matcher import MAX_TEXT_CHARS, ContextMatch, Match
from .mending import Mender
from .corrections import amount_told, answer_taken_back, still_emergency, stops_meant
from .state import ANYTHING_ELSE, BOTHER, CORRECTIONS, OFFER, REPORT_PREFIX, Phase, State
from .triager import RANK, Triager, TriageResult, read_context
from .wording import DIALOGUE_FILE, _default_dialogue_data, load_dialogue

TRIAGE, REPORT, CLOSED = Phase.TRIAGE, Phase.REPORT, Phase.CLOSED


def _now() -> datetime:
    return datetime.now(timezone.utc)


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
        self.answers = answer_words(knowledge)
        self.reader = self.answers.yes_no  # the language's answer words, read once
        self.questions: dict[str, Question] = {q.id: q for q in self.drug.questions}
        self.clock = clock
        self.teller = Teller(triager, self.dialogue)
        self.interview = Interview(triager, self.dialogue, self.answers, self.reader, clock)
        self.settler = Settler(self.questions, self.dialogue, self.reader, self.answers,
                               lambda: self.clock().date(), lang.amounts)
        self.read_answer = self.settler.read_answer
        classes = knowledge.language.classes
        self.amount_words = frozenset(lang.amounts.get("numbers", {}))
        self.mender = Mender(self.dialogue, self.reader, classes, tuple(lang.ignore), self.drug)
        # The transition table: each phase's turn (a new side effect reopens a closed call first).
        self._turns = {TRIAGE: self._triage_turn, REPORT: self._report_turn, CLOSED: self._closed_turn}

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
        prefill = state.prefill + self.interview.check_prefill(report_fields)
        state = state._replace(turn=state.turn + 1, prefill=prefill)
        state = self.interview.apply_prefill(state)
        problem = self._problem(text)
        if problem:
            return state, self._lead(state, [self.dialogue.say(problem)] + self._pending_text(state))
        # (a state read back from JSON carries no triage: it is worked out again)
        before = state.result if state.result is not None or not state.matches else self._assess(state)
        matches, cues = self.triager.find(text)
        cues = stops_meant(state, matches, cues)  # "... because it made me sick": a stop for earlier signs
        matches = self.mender.mend(state, text, matches, state.emergency, state.pending in self.questions, bool(cues))
        state = self._record(state, text, matches, cues)
        reopen = state.phase == CLOSED or (state.phase == REPORT and state.pending == OFFER)
        if reopen and self._new_findings(before, matches):
            state = state._replace(phase=TRIAGE, done=False, pending=None, strikes=0)
        state, replies = self._turns[state.phase](state, before, text, matches, cues)
        return state, self._lead(state, self._passed_still(state, matches) + replies)

    def _passed_still(self, state: State, matches: list[Match]) -> list[str]:
        """ "the chest pain has gone now": a sign the doctor must hear of even once it has
        passed ([counts_when_passed]) is kept, and the patient is told why."""
        kept = self.drug.counts_when_passed
        passed = [m for m in matches if m.status == "resolved" and (m.target in kept or m.target.split(".")[0] in kept)]
        found = {f.ref for f in state.result.findings} if state.result is not None else set()
        passed = [m for m in passed if m.target in found]
        if not passed or state.emergency:
            return []
        return [self.dialogue.say("passed_still", what=self.teller.names(passed))]

    def _closed_turn(self, state: State, before: TriageResult | None, text: str, matches: list[Match],
                     cues: list[ContextMatch]) -> tuple[State, list[str]]:
        state = self._assessed(state)
        return state, self._revised(state, before) + [self.dialogue.say("closed")]

    def _revised(self, state: State, before: TriageResult | None) -> list[str]:
        """A message that changes the advice without a new side effect ("wait, no, I
        never stopped it"; "I stopped it suddenly last week"): the advice that fits now."""
        result, d = state.result, self.dialogue
        if before is None or state.emergency or result.advice == before.advice:
            return []
        lowered = RANK[result.disposition] < RANK[before.disposition]
        return [d.say("corrected", disposition=d.dispositions[result.disposition])] * lowered + [result.advice]

    def end(self, state: State) -> tuple[State, list[str]]:
        """Close the conversation: the summary, and the report finalised if one was being taken."""
        state = self._assessed(state)
        if state.report is not None:
            state = state._replace(report=self.interview.finalised(state, state.report, self.result(state)))
        replies = self.summary(state)
        state = state._replace(phase=CLOSED, done=True, pending=None)
        return state, self._lead(state, replies)

    def result(self, state: State) -> TriageResult:
        """The triage of the whole conversation so far; once an emergency, always an emergency."""
        result = state.result if state.result is not None else self._assess(state)
        if state.emergency and result.disposition != "emergency":
            # Nothing may ever tell this patient it can wait.
            earlier = self.triager.knowledge.language.wording["reasons"]["reached_earlier"]
            result = result._replace(disposition="emergency", advice=state.alarm, questions=(),
                                     reasons=result.reasons + (earlier,))
        return result

    def summary(self, state: State) -> list[str]:
        """/summary: each side effect with its tier, the disposition, the advice and precautions."""
        return self.teller.summary(self.result(state))

    def explain(self, state: State) -> list[str]:
        """/why: for each side effect the words, entry, sign, score, message number and rule."""
        return self.teller.explain(self.result(state))

    def start_report(self, state: State) -> tuple[State, list[str]]:
        """/report: start taking an adverse-event report now, asking only for what is missing."""
        state = self._assessed(state)
        state, replies = self._begin_report(state._replace(done=False))
        return state, self._lead(state, replies)

    # -------------------------------------------------------------- one message

    def _problem(self, text: object) -> str | None:
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
        state = state.heard(matches=state.matches + tuple(kept), last_heard=tuple(last.items()), said=said)
        return self._corrected(state, text, {c.kind for c in cues}, amount_told(cues, self.amount_words))

    def _corrected(self, state: State, text: str, kinds: set[str], counted: bool = False) -> State:
        """This turn's context cues added; "wait, no, I never stopped it" corrects, and
        "it was 2, not 20" (``counted``) has an emergency judged again; with no cue, "actually no,
        that was last year" takes back the answer just given (triage_bot.corrections.answer_taken_back)."""
        worded = self.dialogue.has(text, "correction", anywhere=True)
        # (each reading of the turn's yes or no only where it can matter: most turns need neither)
        correcting = bool(kinds & CORRECTIONS.keys()) and (worded or self.reader.yes_no(text, anchored=True) == "no")
        state = state.with_cues(kinds, correcting, rejudge=correcting and counted)
        if not worded or correcting or state.pending in self.questions:
            return state
        return answer_taken_back(state, self.reader.yes_no(text, anchored=True, turning=True), True)

    def _assess(self, state: State) -> TriageResult:
        return without_unsure(state, self.triager.assess(state.matches, read_context(
            [ContextMatch(kind, 0, 0, "") for kind in sorted(state.cues)], state.context)))

    def _assessed(self, state: State) -> State:
        """The state with its triage brought up to date (kept while what it is worked out
        from is unchanged: State.heard); an emergency is remembered for good (settling.only_provisional)."""
        result = state.result if state.result is not None else self._assess(state)
        state = still_emergency(state, result, self.teller.alone_rule)
        if result.disposition == "emergency" and not only_provisional(state, self.questions, self._assess):
            state = state._replace(emergency=True, alarm=result.advice, pending=None if state.phase == TRIAGE
                                   and state.pending in self.questions else state.pending)
        return state._replace(result=result)

    def _lead(self, state: State, replies: list[str]) -> list[str]:
        """An emergency instruction goes before anything else, every time."""
        return [state.alarm] + [r for r in replies if r != state.alarm] if state.emergency else replies

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
        return self.interview.question(state, pending[len(REPORT_PREFIX):])

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
            state = self.settler.left_open(state, matches)
        elif state.pending in self.questions:
            state, reask, notes = self.settler.settle(state, text, matches, cues, bool(affirmed))
            replies += notes
        state = self._assessed(state)
        result = state.result
        replies += self.teller.changes(before, result)
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
                replies += [d.say("asked_back")] if self.teller.asking(text) else []  # "is it safe with paracetamol?"
        return self._next(state, replies, text, matches)

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
                and (result.findings or state.advised == "emergency"):
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
            return state._replace(pending=None), [self.teller.no_symptom_reply(text, matches)]
        if not result.findings:
            return state._replace(pending=None), replies + [d.say("tell_me_more")]
        return state._replace(pending=ANYTHING_ELSE, asked=state.asked | {ANYTHING_ELSE}), replies + [
            d.say("anything_else")]

    def _bothered(self, state: State, text: str, matches: list[Match]) -> tuple[State, list[str]]:
        """How long and how bad: "two weeks now and it's awful" -> check with your doctor."""
        d, result = self.dialogue, state.result
        words = d.words
        found = find_phrases(plain(text), {"bad": words["bothersome"], "mild": words["mild"]})
        answer = self.reader.yes_no(text, spans(matches))
        mild = ("mild" in found and "bad" not in found) or (answer == "no" and "bad" not in found)
        # "it's gone now" took the mild one back: nothing continues to bother; "how long will
        # it last?" asks, and says nothing of how bad it is
        lines = [d.say("bother_mild" if mild else "bother_check")] if result.disposition == "if_bothersome" else []
        if not matches and answer is None and not found and text.rstrip().endswith("?"):
            lines = [d.say("asked_back")]
        if result.disposition == "if_bothersome" and RANK[state.advised] < RANK["if_bothersome"]:
            lines.append(result.advice)
            state = state._replace(advised="if_bothersome")
        return state._replace(pending=None), lines

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

    def _report_turn(self, state: State, before: TriageResult | None, text: str, matches: list[Match] = (),
                     cues: list[ContextMatch] = ()) -> tuple[State, list[str]]:
        """One answer while the report is taken; a worse triage is still answered first."""
        d = self.dialogue
        state = self._assessed(state)
        # A new side effect is noted; its advice waits for the end of the report
        # (an emergency does not wait: it stops the report at once).
        replies = self.teller.changes(before, state.result)
        if state.emergency and (before is None or before.disposition != "emergency"):
            # An emergency now outranks the report: stop asking; what was given is kept.
            return state._replace(phase=TRIAGE, pending=None), replies
        if state.pending == OFFER:
            revised = self._revised(state, before)
            if revised:  # said at the offer, it is news or a correction, not an answer to it
                return state._replace(advised=state.result.disposition), replies + revised + [d.ask("offer")]
            answer = self.reader.yes_no(text)
            if answer == "yes" and not self.dialogue.has(text, "goodbye", anywhere=True):
                state, lines = self._begin_report(state)
                return state, replies + lines
            if answer == "no" or self.dialogue.has(text, "decline") or self._closing(text):
                return state._replace(phase=CLOSED, done=True, pending=None), replies + [d.ask("declined")]
            return state, replies + [d.ask("offer_reask")]
        if self.dialogue.has(text, "decline"):
            return (state._replace(phase=CLOSED, done=True, pending=None, report=None),
                    replies + [d.ask("stopped")])
        asked = state.pending
        state, lines = self.interview.take(state, text)
        if state.pending == asked and state.strikes and lines:
            return state, replies + lines  # the re-ask says what to type; the question is not said twice
        state, more = self.interview.ask_next(state, self.result(state))
        return state, replies + lines + more

    def _begin_report(self, state: State) -> tuple[State, list[str]]:
        report = state.report if state.report is not None else self.interview.new_report(
            state, state.result or self._assess(state))
        state = self.interview.apply_prefill(state._replace(phase=REPORT, report=report, strikes=0))
        state, more = self.interview.ask_next(state, self.result(state))
        return state, [self.dialogue.ask("accepted")] + more

    # -------------------------------------------------------------- small helpers

    def _timestamp(self) -> str:
        return self.clock().isoformat(timespec="seconds")


def load_engine(folder: str | None = None, drug: str | None = None) -> Engine:
    """An Engine for the knowledge in ``folder`` (default: the built-in knowledge)."""
    return Engine(Triager(load_knowledge(folder, drug, every_drug=False), drug))
