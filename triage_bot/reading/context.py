"""Context cues as meant: how the medicine was taken ("ran out", "took too many").

A cue is found by the patterns of ``[[context]]`` in the language file; then
its own scope decides: "didn't take too many" is not an overdose, nor is
"reviews about overdoses" or "I ran out years ago", and "I stopped it because
my mood went down" is no abrupt stop behind the low mood.
"""
from __future__ import annotations

from .mentions import ContextMatch
from .tokens import NO_BREAK, Token

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any

    from .scope import Scope

# A denial reaches a context cue only from close by: "haven't stopped it".
CONTEXT_NEGATION_WINDOW = 1


# How far after a context cue a time may stand and still date it: "ran out of it back in 2019".
HISTORY_REACH = 4

# A denied context cue says the opposite ("I haven't stopped it"); others are dropped.
_CONTEXT_DENIED = {"stopped_suddenly": "not_stopped", "stopped": "not_stopped", "took_too_much": "not_too_much"}


def context_meant(context: list[tuple[str, int, int, str]], tokens: list[Token], scope: Scope,
                  text: str, symptoms: set[int]) -> tuple[list[ContextMatch], set[int]]:
    """Context cues as meant, and the positions of the denials spent on them:
    "didn't take too many" is not an overdose, nor is "reviews about overdoses"
    or "I ran out years ago"."""
    found, used = [], set()
    for kind, first, end, _source in context:
        status, cue = scope.status(first, end - 1, None, window=CONTEXT_NEGATION_WINDOW,
                                   following=CONTEXT_NEGATION_WINDOW - 1)
        if status == "affirmed" and scope.followed_by(end - 1, "historical_following", HISTORY_REACH):
            kind = ""  # "I overdosed on it years ago": a time after the cue, in its clause
        elif status in ("negated", "resolved"):
            if kind in _CONTEXT_DENIED:  # the denial is spent on the cue: "hasn't stopped or missed any"
                used.update(range(cue.first, cue.end))
            kind = _CONTEXT_DENIED.get(kind, "")
        elif status == "hypothetical" and cue.text in scope.lexicon.uncertain:
            pass  # "I might have taken it twice": a suspected overdose all the same
        elif status in ("hypothetical", "historical", "other_person", "improved"):
            kind = ""
        if kind in _STOPS and _stopped_because_of_a_symptom(tokens, end, scope, symptoms):
            kind = ""  # "I stopped it because my mood went down": the symptom came first
        if kind:
            start, stop = tokens[first].start, tokens[end - 1].end
            found.append(ContextMatch(kind, start, stop, text[start:stop]))
    return found, used


_STOPS = ("stopped_suddenly", "stopped")

# How far a reason word may stand after a stop, and a symptom after the reason.
REASON_REACH = 3
REASON_SYMPTOM_REACH = 8


def _stopped_because_of_a_symptom(tokens: list[Token], end: int, scope: Scope, symptoms: set[int]) -> bool:
    """Whether a stop ending before token ``end`` is followed by its reason, a
    symptom, in the same clause, and no symptom is told after that clause:
    "had to quit it because I kept being sick" (but not "because of the cost,
    and now my spasms are back", nor "because I was sleepy; since then I have
    been seeing things", where what came after the stop is still to be read)."""
    for k in range(end, min(end + REASON_REACH, len(tokens))):
        if k > end and scope.stops(k):
            return False
        if tokens[k].norm in scope.lexicon.reasons:
            for m in range(k + 1, min(k + 1 + REASON_SYMPTOM_REACH, len(tokens))):
                if scope.stops(m):
                    return False
                if m in symptoms:
                    while m + 1 < len(tokens) and not scope.stops(m + 1):
                        m += 1
                    return not any(s > m for s in symptoms)
            return False
    return False


def symptom_stops_dropped(context: list[tuple[str, int, int, str]], tokens: list[Token], kept: list,
                          lexicon: Any) -> list[tuple[str, int, int, str]]:
    """Stop cues whose subject is a symptom, dropped: "the drowsiness wore off",
    "the dizzy spells stopped once I took it" say the symptom ended, not the
    medicine ("it wore off", "I stopped it" still do).  ``kept``: the resolved
    candidates."""
    ends = {c.last for c in kept if c.target is not None}
    out = []
    for item in context:
        if item[0] in _STOPS + ("not_stopped",):
            k, j = item[1], item[1] - 1
            while k < item[2] and tokens[k].norm in lexicon.ending_aux:
                k += 1  # "the dizziness gradually wore off"
            while j >= 0 and tokens[j].norm in lexicon.ending_aux and tokens[j + 1].brk == NO_BREAK:
                j -= 1  # "the cramps have finally stopped"
            if k < item[2] and tokens[k].norm in lexicon.ending and j in ends \
                    and all(tokens[m].brk == NO_BREAK for m in range(j + 1, k + 1)):
                continue
        out.append(item)
    return out


def resolve_context(found: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Longest cue wins where cues overlap: "haven't stopped" beats "stopped"."""
    taken: set[int] = set()
    kept = []
    for item in sorted(found, key=lambda f: (-(f[2] - f[1]), f[1])):
        span = range(item[1], item[2])
        if taken.isdisjoint(span):
            taken.update(span)
            kept.append(item)
    return sorted(kept, key=lambda f: f[1])
