"""Cues a conversation reads against what was said before.

A stop told with its reason, across the turns of a conversation.

The reader gives no stop for "I stopped it because it made me sick": the
symptom named as the reason came before the stop.  But a sign told in an
earlier turn and not named as the reason ("I keep hearing voices" ... "well,
I quit it on Monday because it made me sick") is still present after that
stop, so for the conversation the stop stands.  A stop whose reason is the
very sign told before ("... because of the voices") stays no stop.

An overdose count taken back by a count ("it was 2, not 20", "I mean I only
took one") is a correction of the amount itself, after which an emergency
reached for that count is judged again; a bare denial ("actually no, I didn't
take too many") is not, nor the usual dose named without a count ("that's his
usual": "20 tablets" may be what he calls usual).
"""

from __future__ import annotations

import re

from .matcher import ContextMatch, Match
from .reading.context import STOPPED_FOR_A_REASON

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .state import State


def stops_meant(state: "State", matches: list[Match], cues: list[ContextMatch]) -> list[ContextMatch]:
    """This turn's cues with each stop told for a reason made a stop (``stopped_suddenly``)
    when a sign told in an earlier turn, still affirmed, is not among this turn's own
    signs; otherwise dropped."""
    if not any(c.kind == STOPPED_FOR_A_REASON for c in cues):
        return cues
    earlier = {target for target, status in state.last_heard if status == "affirmed"}
    told_now = {m.target for m in matches}
    kind = "stopped_suddenly" if earlier - told_now else ""
    return [c._replace(kind=kind) if c.kind == STOPPED_FOR_A_REASON else c
            for c in cues if c.kind != STOPPED_FOR_A_REASON or kind]


_DIGITS = re.compile(r"\d")


def amount_told(cues: list[ContextMatch], words: frozenset[str]) -> bool:
    """Whether a cue that takes an overdose back names the amount taken: a number or a
    number word (``words``): "2 not 20", "only took one"."""
    return any(c.kind == "not_too_much" and (_DIGITS.search(c.text) or words & set(c.text.lower().split()))
               for c in cues)


def still_emergency(state: "State", result: Any, alone_rule: str) -> "State":
    """An emergency judged again because a sign was then called usual (``rejudging``)
    comes back unless a sign of the result now waits on an overdose (its rule is
    ``alone_rule``): "as always" lifts only what the drug file's [[waits_on_overdose]]
    lets wait, never an emergency reached for another reason."""
    if not state.rejudging:
        return state
    waits = any(f.rule == alone_rule for f in result.findings)
    if result.disposition == "emergency" or waits:
        return state._replace(rejudging="")
    return state._replace(rejudging="", emergency=True, alarm=state.rejudging)


def answer_taken_back(state: "State", answer: str | None, worded: bool) -> "State":
    """The answer settled in the turn before, taken back by a correction that tells no cue
    of its own: "yes I stopped" ... "actually no, that was last year" (``worded``: the turn
    holds a correction's words and answers no question now; ``answer``: its opening yes or
    no).  An emergency reached stays one: only the answer is put right."""
    if not worded or answer not in ("yes", "no") or not state.answers or state.settled_at != state.turn - 1:
        return state
    from .state import CORRECTIONS

    settles, value = state.answers[-1]
    now = answer == "yes"
    if value == now:
        return state
    # the cues that said otherwise go with the answer, as a correction's own cue takes them
    undone = {cue for kind, (what, said, cues) in CORRECTIONS.items() if what == settles and said == now for cue in cues}
    return state.heard(answers=state.answers[:-1] + ((settles, now),), cues=state.cues - undone, settled_at=state.turn)
