"""What a conversation knows: plain data, never changed, only replaced.

A front may keep a conversation anywhere: :meth:`State.to_json` gives it as
JSON-ready data and :meth:`State.from_json` takes it back, so the next
message is answered as if the process had never changed.
"""
from __future__ import annotations

from enum import Enum

from .matcher import Match
from .triager import TAKEN_BACK, TriageResult
from .record import record

TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any, Mapping


class Phase(str, Enum):
    """Where a conversation stands: collecting side effects, taking a report, or over."""
    TRIAGE = "triage"
    REPORT = "report"
    CLOSED = "closed"


# A context cue in a correction, what it settles, and the cues it takes back.
CORRECTIONS = {
    "not_stopped": ("stopped_suddenly", False, ("stopped_suddenly", "stopped")),
    # "wait, no, I've been taking it as prescribed": the stop is taken back (an overdose is not: it stays)
    "as_prescribed": ("stopped_suddenly", False, ("stopped_suddenly", "stopped")),
    "stopped_suddenly": ("stopped_suddenly", True, ("not_stopped",)),
    "not_too_much": ("took_too_much", False, ("took_too_much",)),
    "took_too_much": ("took_too_much", True, ("not_too_much",)),
}
# Corrections that take back the cause of an emergency itself ("it was 2, not 20"):
# the emergency reached is judged again, not kept for good.
REJUDGED = frozenset({"not_too_much"})
# Context kinds that, told after an emergency, have it judged again: a sign the caller then
# calls usual ("only on the stairs, as always, I have COPD") may wait on an overdose
# (the drug file's [[waits_on_overdose]]), as it does when told in one message.
REJUDGED_BY = frozenset({"usual"})
# Pending ids of the bot's own questions (the monograph's use their own ids).
ANYTHING_ELSE, BOTHER, OFFER = "anything_else", "bother", "report:offer"
REPORT_PREFIX = "report:"


@record
class State:
    """Everything a conversation knows; never changed, only replaced by ``step``."""
    turn: int = 0
    phase: Phase = Phase.TRIAGE
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
    rejudging: str = ""               # the alarm of an emergency judged again because a sign was called usual
    settled_at: int = 0               # the turn whose answer last settled a tier-settling question

    @property
    def context(self) -> dict[str, bool]:
        return dict(self.answers)

    def heard(self, **fields: Any) -> "State":
        """The state with what its triage is worked out from (``matches``, ``cues``,
        ``answers``) replaced: the triage worked out before is kept while none of them
        changes, so a turn that adds nothing is not assessed again."""
        state = self._replace(**fields)
        if state.result is not None and (state.matches != self.matches or state.cues != self.cues
                                         or state.answers != self.answers):
            state = state._replace(result=None)
        denied = "not_too_much" in self.cues
        if self.emergency and not denied and any(m.status in TAKEN_BACK
                                                 for _turn, m in state.matches[len(self.matches):]):
            # (an overdose denied after it was told keeps its emergency: nothing lifts it)
            # "that was years ago", "I mean a temper fit": the emergency is judged again without the sign
            state = state._replace(emergency=False, alarm="", advised="emergency", result=None)
        return state

    def with_cues(self, kinds: set[str], correcting: bool = False, rejudge: bool = False) -> "State":
        """The state with a turn's context cues heard; a correction ("wait, no, I never
        stopped it") replaces what it corrects: the earlier answer and the cues that
        said otherwise.  An emergency already reached stays one (``emergency``), unless
        the correction takes back the overdose by telling the amount (``rejudge``: "it was
        2, not 20"; not a bare "I didn't take too many"): then it is judged again."""
        answers, cues = dict(self.answers), set(self.cues)
        if not correcting and kinds <= cues and len(answers) == len(self.answers):
            return self  # nothing new heard: the same answers and cues
        lifted = False
        if correcting:
            for kind in kinds & set(CORRECTIONS):
                settles, value, undone = CORRECTIONS[kind]
                if answers.get(settles, value) != value or cues & set(undone):
                    answers[settles] = value
                    cues -= set(undone)
                    lifted = lifted or (rejudge and kind in REJUDGED)
        usual = not lifted and bool(self.emergency and (kinds & REJUDGED_BY) - self.cues)
        state = self.heard(answers=tuple(answers.items()), cues=frozenset(cues | kinds))
        if usual:  # kept unless a sign now waits on an overdose (triage_bot.corrections.still_emergency)
            return state._replace(emergency=False, alarm="", advised="emergency", result=None,
                                  rejudging=self.alarm)
        # "it was 2, not 20": the count that made the emergency is taken back, so the
        # emergency is judged again (the next assessment keeps it if anything else makes one)
        return state._replace(emergency=False, alarm="", advised="emergency", result=None) if lifted else state

    def to_json(self) -> dict[str, Any]:
        """The state as JSON-ready data (the cached triage is left out: it is worked out again)."""
        data = self._asdict()
        data.update(
            phase=self.phase.value if isinstance(self.phase, Phase) else self.phase,
            matches=[[turn, list(m)] for turn, m in self.matches],
            last_heard=[list(p) for p in self.last_heard], cues=sorted(self.cues),
            answers=[list(p) for p in self.answers], asked=sorted(self.asked), handled=sorted(self.handled),
            prefill=[list(p) for p in self.prefill], said=[list(p) for p in self.said], result=None)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "State":
        """A state from :meth:`to_json` data; ValueError or KeyError when it is not one."""
        fields = dict(data)
        fields.update(
            phase=Phase(fields["phase"]),
            matches=tuple((int(turn), Match(*m)) for turn, m in fields["matches"]),
            last_heard=tuple(tuple(p) for p in fields["last_heard"]), cues=frozenset(fields["cues"]),
            answers=tuple((k, bool(v)) for k, v in fields["answers"]), asked=frozenset(fields["asked"]),
            handled=frozenset(fields["handled"]), prefill=tuple(tuple(p) for p in fields["prefill"]),
            said=tuple((int(t), s) for t, s in fields["said"]), result=None)
        unknown = set(fields) - set(cls._fields)
        if unknown:
            raise ValueError(f"not a conversation state: unknown field {sorted(unknown)[0]!r}")
        return cls(**fields)
