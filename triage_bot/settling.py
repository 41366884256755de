"""The answer to a follow-up question that settles a tier: "Did you stop taking
baclofen suddenly?" -> "nope, still taking it" (not stopped), "I think I took
three" (took too much), "not sure" (the safer reading, with a note).

Part of the conversation layer: it reads one answer into a new state and
says nothing itself beyond the dialogue file's re-asks and notes.
"""
from __future__ import annotations

import re
from datetime import date

from .answers import AnswerError, AnswerWords, YesNoReader
from .knowledge import Question
from .matcher import ContextMatch, Match
from .state import Phase, State
from .triager import read_context
from .wording import Dialogue
TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Mapping

# "3/7" (three days, as a nurse writes it): no count of tablets.
_FRACTION = re.compile(r"\d+\s*/\s*\d+")
# The [amounts] lists after whose words a number counts no tablets taken.
COUNT_LEADS = ("times", "usual", "age_leads", "pointing", "readings")
# A frequency in an answer is read as this word: "one <often> and one <often>".
_OFTEN = "qqoften"
# A count this small told with a frequency is a regimen's dose ("1 morning 1 night"); a
# larger one may be too many taken at once ("6 in the morning").
REGIMEN_COUNT = 2
# A triage question whose answer cannot be read is asked once more; after
# that the safer reading (True: stopped suddenly / took too much) is used.
MAX_REASKS = 1
# An unclear answer of at most this many words, with no number or date, tells nothing at all.
BARE_ANSWER = 5
# What read_answer gives for "not sure" beside mild signs only (a question with unsure_sets).
UNSURE = "unsure"


def spans(matches: Iterable[Match]) -> list[tuple[int, int]]:
    """Where the side effects of a message are: a yes/no reader skips their words."""
    return [(m.start, m.end) for m in matches]


def without_unsure(state: State, result: Any) -> Any:
    """The triage without the questions answered "not sure" beside mild signs (their
    unsure_sets is set): not asked again; while one waits on a second try (still pending)
    it stays open."""
    unsure = {k for k, v in state.answers if v}
    questions = tuple(q for q in result.questions if not (q.unsure_sets in unsure and state.pending != q.id))
    return result if len(questions) == len(result.questions) else result._replace(questions=questions)


def only_provisional(state: State, questions: Mapping[str, Question], assess: Callable[[State], Any]) -> bool:
    """Whether an emergency rests only on the safer yes held while a question is asked again
    beside a weighty sign (Settler.settle): shown, but not remembered for good, so a later
    "no" lifts it; without that yes the triage is no emergency."""
    question = questions.get(state.pending) if state.phase == Phase.TRIAGE else None
    if question is None or not state.strikes or state.emergency or (question.settles, True) not in state.answers:
        return False
    base = state._replace(answers=tuple(a for a in state.answers if a != (question.settles, True)), result=None)
    return assess(base).disposition != "emergency"


class Settler:
    """Reads answers to one drug's tier-settling questions."""

    def __init__(self, questions: dict[str, Question], dialogue: Dialogue, reader: YesNoReader,
                 answers: AnswerWords | None = None, today: Callable[[], date] = date.today,
                 amounts: Mapping[str, Iterable[str]] | None = None) -> None:
        """``amounts``: the language's [amounts] words, of which a count right after a clock
        time, a usual dose, an age, a pointing word or a reading ("RR 16") is none, and one told
        before a strength or tablet word with a frequency is the regimen's."""
        self.questions, self.dialogue, self.reader = questions, dialogue, reader
        amounts = amounts or {}
        self.answers, self.today = answers, today
        self.count_leads = frozenset(w for key in COUNT_LEADS for w in amounts.get(key, ()))
        self.regimen_units = frozenset(w for key in ("mg", "tablets") for w in amounts.get(key, ()))
        self.other_things = frozenset(amounts.get("other_things", ()))
        # each question's reader (its own yes and no words first), made when it is first asked
        self._readers: dict[str, YesNoReader] = {}

    def reader_for(self, question_id: str) -> YesNoReader:
        """The reader of answers to one question: the language's words, with the question's own first."""
        reader = self._readers.get(question_id)
        if reader is None:
            q = self.questions.get(question_id)
            reader = self.reader if q is None or not (q.yes_words or q.no_words) else \
                self.reader.with_words({"yes": q.yes_words, "no": q.no_words})
            self._readers[question_id] = reader
        return reader

    def settle(self, state: State, text: str, matches: list[Match], cues: list[ContextMatch],
               reported: bool) -> tuple[State, str, list[str]]:
        """Read the answer to the pending question; (state, re-ask or "", notes)."""
        d = self.dialogue
        question = self.questions[state.pending]
        heard = frozenset(m.target for turn, m in state.matches if turn < state.turn and m.status == "affirmed")
        # an answer that only names again a sign told before is read whole ("she says no but she's
        # confused, so I'm not sure she'd know"); one that tells a new sign only by its opening
        reported = reported and bool({m.target for m in matches if m.status == "affirmed"} - heard)
        weighty = self._weighty(question, state, matches, heard)
        value, notes = self.read_answer(question, text, matches, cues, anchored=reported, heard=heard,
                                        weighty=weighty)
        kept = tuple(a for a in state.answers if a[0] not in (question.settles, question.unsure_sets))
        if value is None and reported:
            return state, d.say("reask_after_symptoms", question=question.text), notes
        if value is None and state.strikes < MAX_REASKS:
            # while it is asked again the overdose is not ruled out: a call that ends here is no
            # all-clear (beside mild signs a check today; beside weightier ones the safer yes, shown
            # but not kept for good: Engine._assessed, so a later "no" lifts it) when the answer told
            # nothing ("erm", "why does that matter"); one that told something else (an age, a
            # regimen, a date, how it is kept) waits on the second try, as before
            safer = bool(question.unsure_sets) and weighty and self._tells_nothing(text)
            # (beside mild signs an answer that tells of the sign instead, "a few days, comes and goes",
            # answers another question: it waits without the check)
            provisional = kept + ((question.unsure_sets, True),) if question.unsure_sets and not weighty \
                and not self._of_the_sign(text) else kept + ((question.settles, True),) if safer else state.answers
            reask = "reask_weighty" if safer else "reask"
            return state.heard(answers=provisional)._replace(strikes=state.strikes + 1), \
                d.say(reask, question=question.text), notes
        if value is None and question.unsure_sets and not weighty:  # twice unclear beside mild signs: as "not sure"
            value, notes = UNSURE, notes + [d.say("unsure_light")]
        elif value is None:
            value, notes = True, notes + [d.say("unclear_safe")]
        answers = kept + (((question.unsure_sets, True),) if value == UNSURE else ((question.settles, value),))
        return state.heard(answers=answers, pending=None, strikes=0, settled_at=state.turn), "", notes

    def left_open(self, state: State, matches: list[Match]) -> State:
        """The call closed ("bye") while a question waits: it is left open, but beside a weighty
        sign the overdose it asks about is not ruled out, so the safer yes holds (as for "not sure")."""
        question = self.questions[state.pending]
        state = state._replace(pending=None, strikes=0)
        heard = frozenset(m.target for _turn, m in state.matches if m.status == "affirmed")
        if not question.unsure_sets or not self._weighty(question, state, matches, heard):
            return state
        kept = tuple(a for a in state.answers if a[0] not in (question.settles, question.unsure_sets))
        return state.heard(answers=kept + ((question.settles, True),))

    def _weighty(self, question: Question, state: State, matches: list[Match], heard: frozenset[str]) -> bool:
        """Whether "not sure" to the question is its safer yes: a sign it names (unsure_yes_with)
        was told, or any sign was told as severe ("very drowsy", "can barely stay awake")."""
        if not question.unsure_sets:
            return True
        told = heard | {m.target for m in matches if m.status == "affirmed"}
        signs = set(question.unsure_yes_with)
        if any(t in signs or t.split(".")[0] in signs for t in told):
            return True
        # the turns that told a sign (not this answer's own "not sure really")
        return any(self.dialogue.has(t, "unsure_weighs", anywhere=True) for _turn, t in state.said)

    def _a_count(self, text: str) -> bool:
        """Whether the answer gives a count of tablets, "I think I took 3", "about ten":
        not a span ("3 days now", "2 weeks"), a clock time or date ("since 2019", "at 8"),
        the usual dose ("only his normal 2"), a frequency ("2 times a day"), the amount of a
        regimen told with its frequency ("25mg three times a day", "2 tablets 3 times a day")
        or a clinical fraction ("3/7")."""
        if self.answers is None:
            return self.reader.has_number(text)
        try:
            plain = _FRACTION.sub(" ", text)
            words = self.answers.words(self.answers.without_frequencies(plain, _OFTEN))
            regimen = words != self.answers.words(plain)  # a frequency was told: its amounts are the regimen
        except AnswerError:  # longer than any answer: a story, read by its cues and words only
            return False
        for i in range(len(words)):
            read = self.answers.number(words, i)
            if read is None:
                continue
            after = read[1]
            if (after < len(words) and words[after] in self.answers.units) or (i and words[i - 1] in self.count_leads):
                continue
            if regimen and after < len(words) and words[after] in self.regimen_units:
                continue
            if after < len(words) and words[after] == _OFTEN and read[0] <= REGIMEN_COUNT:
                continue  # "one in the morning and one at night": a dose of the regimen
            if set(words[after:after + 2]) & self.other_things:
                continue  # "a couple of glasses of wine": a count of something else
            if words[after:after + 1] in (["a"], ["per"], ["every"], ["each"]) and words[after + 1:after + 2] \
                    and words[after + 1] in self.answers.units:
                continue  # "she takes 3 a day": a regimen, not a count taken
            return True
        return False

    def read_answer(self, question: Question, text: str, matches: list[Match] = (),
                    cues: list[ContextMatch] = (), anchored: bool = False,
                    heard: frozenset[str] = frozenset(), weighty: bool = True) -> tuple[bool | str | None, list[str]]:
        """What an answer says to a question that settles a tier, and any note to add.

        The answer's own cues come first ("I haven't taken it for four days"
        -> stopped), then yes / no words ("nope"), then what the question's
        ``yes_if`` lets stand for a yes: a number ("I think I took 3"), a date
        ("since Tuesday", "two days ago"; not a span, "for 3 days", which may
        say how long the symptom has lasted).  "Not sure" takes the safer
        reading, True, beside a weighty sign (``weighty``); else UNSURE.  None: the answer does not say.
        """
        context = read_context(cues)
        said = context.get(question.settles)
        if said is not None:
            return said, []
        word = self.reader_for(question.id).yes_no(self._without_frequencies(text), spans(matches), anchored)
        if word is None and anchored and self.reader_for(question.id).yes_no(text, spans(matches)) == "unsure":
            word = "unsure"  # "he says he hasn't, but he's muddled and forgets he's had them": no plain answer opens it
        if word == "yes" and any(context.get(q.settles) is True for q in self.questions.values()
                                 if q.settles != question.settles):
            # "yes, I ran out on monday" to the too-much question: the yes is the stop's, this is not settled
            return None, []
        told = {m.target for m in matches if m.status == "affirmed"}
        if word == "yes" and told and told <= heard:
            # "yes I am dizzy" to the too-much question: the yes is the sign's, told again (``heard``
            # before this turn), not this question's: it is asked again
            return None, []
        if word == "yes" and "date" not in question.yes_if and self._only_a_span(text):
            # "yes, 3 weeks" to the too-much question: how long, the answer to another question; asked again
            return None, []
        reader = self.reader_for(question.id)
        if word == "unsure" and not weighty and question.unsure_sets \
                and not reader.leans_yes(self._without_frequencies(text), spans(matches), anchored):
            return UNSURE, [self.dialogue.say("unsure_light")]
        if word == "unsure":
            return True, [self.dialogue.say("unsure_safe")]
        if word in ("yes", "no"):
            return word == "yes", []
        if "number" in question.yes_if and self._a_count(text):
            return True, []
        if "date" in question.yes_if and self.answers is not None and not matches and self._dated(text) \
                and not self.reader.tells_a_start(text):  # "I started it on Monday": the date is no stop
            return True, []
        return None, []

    def _without_frequencies(self, text: str) -> str:
        """The answer with how often a medicine is taken blanked out, so that "one tablet twice
        a day" is no "twice" (a yes word of the too-much question); spans keep their places."""
        if self.answers is None:
            return text
        try:
            blanked = self.answers.without_frequencies(text)
        except AnswerError:  # longer than any answer: read as it is
            return text
        if len(blanked) == len(text):
            return blanked
        # folding took out apostrophes or spaces ("I'm on one twice a day"): blank the words in
        # the text as written, letter for letter, so the spans of the matches still hold
        lowered = text.casefold()
        if len(lowered) != len(text):
            return text
        for frequency in self.answers.frequencies:
            pattern = frequency.pattern_in(lowered)
            if pattern is not None:
                lowered = pattern.sub(lambda m: " " * len(m.group()), lowered)
        return lowered

    def _tells_nothing(self, text: str) -> bool:
        """Whether an unclear answer tells nothing else either: a few words with no number or
        date ("erm", "what, him?", "why does that matter"), not "he's 81" nor "since Monday"."""
        return len(text.split()) <= BARE_ANSWER and not self.reader.has_number(text) and \
            (self.answers is None or not self._dated(text))

    def _of_the_sign(self, text: str) -> bool:
        """Whether an unclear answer tells of the sign instead: how it goes or when ("it comes and
        goes", "worse when I stand up": [dialogue.words] told_of_sign), a date or a span ("about a week")."""
        if self.dialogue.has(text, "told_of_sign", anywhere=True):
            return True
        if self.answers is None or self._dated(text):
            return self.answers is not None
        try:
            words = self.answers.words(text)
        except AnswerError:
            return False
        reads = (self.answers.number(words, i, article=True) for i in range(len(words)))
        return any(r is not None and r[1] < len(words) and words[r[1]] in self.answers.units for r in reads)

    def _only_a_span(self, text: str) -> bool:
        """Whether an answer's only number is a span of time, "yes, 3 weeks", "yeah about 2
        days": how long, not when ("2 days ago") nor how many."""
        if self.answers is None or self._dated(text):
            return False
        try:
            words = self.answers.words(text)
        except AnswerError:
            return False
        reads = [self.answers.number(words, i, article=True) for i in range(len(words))]
        counts = [r for r in reads if r is not None]
        return bool(counts) and all(r[1] < len(words) and words[r[1]] in self.answers.units for r in counts)

    def _dated(self, text: str) -> bool:
        """Whether the answer says when ("since Tuesday", "two days ago"), not how long."""
        try:
            return self.answers.find_date(text, self.today(), spans_too=False) is not None
        except AnswerError:  # longer than any answer
            return False
