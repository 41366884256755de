"""Spells told with their end or their time: an early spell ended by a clause of its own later
in the sentence, and a symptom blamed on other medicines tried in the past."""
from __future__ import annotations

from .clauses import back_reference
from .tokens import CLAUSE, SENTENCE

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .tokens import Token


def own_end(tokens: list[Token], lexicon: Lexicon, starting_at: dict, last: int) -> tuple[str, object]:
    """("resolved", the end cue) of a clause of its own, later in the sentence, whose subject is the one
    who had a spell told with its span or start: "groggy the first fortnight, now
    I'm fine", "dizzy at the start, went back to work, I've been ok since" (not "dizzy all
    day, I'm fine otherwise": no end; not "dizzy, now I'm fine": no spell told)."""
    classes = lexicon.classes
    openers, span = classes.get("own_end_openers", frozenset()), classes.get("spell_span_words", frozenset())
    start = last
    while start > 0 and tokens[start].brk != SENTENCE:
        start -= 1
    for k in range(last + 1, len(tokens)):
        if tokens[k].brk == SENTENCE:
            break
        if tokens[k].brk != CLAUSE or not any(tokens[j].norm in span for j in range(start, k)):
            continue
        if tokens[k].norm in openers:
            for cue in starting_at.get(k, ()):
                if cue.kind == "following":
                    return "resolved", cue
        # ... or its pronoun: "felt drunk the first month, kept bumping into things, after that it settled"
        j = back_reference(tokens, lexicon, k)
        for cue in starting_at.get(j, ()) if j > k else ():
            if cue.kind in ("following", "adjacent"):
                return "resolved", cue
    return "affirmed", None


def tried_before(tokens: list[Token], lexicon: Lexicon, first: int) -> bool:
    """Whether the sentence of a symptom blamed on another medicine tells that medicine as another
    one tried in the past ("the other relaxants I tried", "the other meds I was on", "previous
    meds"), with no time of now in it ("... gave me a fit this morning" is had now; "I tried
    gabapentin and it gave me a fit" names no other one before it)."""
    classes = lexicon.classes
    tried, on_verbs = classes.get("tried_words", frozenset()), classes.get("tried_on_verbs", frozenset())
    recent, other = classes.get("tried_recent", frozenset()), classes.get("tried_other", frozenset())
    start, end = first, first
    while start > 0 and tokens[start].brk != SENTENCE:
        start -= 1
    while end + 1 < len(tokens) and tokens[end + 1].brk != SENTENCE:
        end += 1
    if any(tokens[k].norm in recent for k in range(start, end + 1)):
        return False
    return any(tokens[k].norm in other for k in range(start, first)) and any(
        tokens[k].norm in tried or (tokens[k].norm in on_verbs and tokens[k + 1].norm == "on") for k in range(start, first))
