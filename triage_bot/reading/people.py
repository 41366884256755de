"""Whose a sign is: the writer's own, another person's, or told as happening now."""
from __future__ import annotations

from .tokens import CLAUSE, NO_BREAK, Token


TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .lexicon import Lexicon


# How far after a sign its object may stand: "she couldn't wake me up".
OBJECT_REACH = 2


def whose_clause(tokens: list[Token], lexicon: Lexicon, first: int, last: int) -> str:
    """Who the clause of the symptom at ``first``..``last`` is about: "writer" ("I",
    "my" nearest before it, or "myself" after it), "another" ("he", "her", "my
    sister" nearest before it, or inside it: "his legs are weak"), or "" (no one
    named: "very drowsy")."""
    classes = lexicon.classes
    writer, third = classes.get("writer_words", frozenset()), classes.get("third_person", frozenset())
    others = classes.get("someone", frozenset()) | classes.get("child", frozenset())
    if any(tokens[k].norm in third for k in range(first, last + 1)):
        return "another"
    after = range(last + 1, min(last + 1 + OBJECT_REACH, len(tokens)))
    if any(tokens[k].norm in writer for k in range(first, last + 1)) or any(
            tokens[k].norm in writer and all(tokens[m].brk == NO_BREAK for m in range(last + 1, k + 1)) for k in after):
        return "writer"  # "I heard someone calling my name", "she couldn't wake me up"
    k = first - 1
    while k >= 0:
        norm = tokens[k].norm
        if norm in third or norm in others:
            return "another"
        if norm in writer:
            return "another" if norm == "my" and k + 1 < len(tokens) and tokens[k + 1].norm in others else "writer"
        if tokens[k].brk == CLAUSE and k > 0 and tokens[k - 1].norm in classes.get("writer_fine", ()):
            k -= 1  # "I'm fine, just tired": the writer's own clause goes on past its comma
            continue
        if tokens[k].brk != NO_BREAK:
            break
        k -= 1
    k = last + 1
    while k < len(tokens) and tokens[k].brk == NO_BREAK:
        if tokens[k].norm == "myself":
            return "writer"
        k += 1
    return ""


def told_as_now(tokens: list[Token], lexicon: Lexicon, last: int) -> bool:
    """Whether the clause after a sign ending at token ``last`` says it is happening about
    now: "my friend had a seizure just now at my house", "... a few minutes ago"."""
    classes = lexicon.classes
    lead, units = classes.get("present_lead", frozenset()), classes.get("recent_units", frozenset())
    for k in range(last + 1, len(tokens) - 1):
        if tokens[k].brk != NO_BREAK and k > last + 1:
            return False
        if tokens[k + 1].brk != NO_BREAK:
            continue
        if (tokens[k].norm in lead and tokens[k + 1].norm == "now") or (tokens[k].norm in units and tokens[k + 1].norm == "ago"):
            return True
    return False


def reflexive_after(tokens: list[Token], lexicon: Lexicon, last: int) -> bool:
    """Whether a reflexive right after the sign ending at ``last`` makes it the named person's
    own: "wife c/o back pain and headaches herself" (not "dad wet himself": the verb's object)."""
    classes, k = lexicon.classes, last + 1
    if k >= len(tokens) or tokens[k].brk != NO_BREAK or tokens[k].norm not in classes.get("others_own", ()):
        return False
    return tokens[last].norm not in classes.get("reflexive_verbs", ())


def told_recently(tokens: list[Token], lexicon: Lexicon, last: int) -> bool:
    """Whether the clause after a sign ending at token ``last`` dates it to about now or
    the last day: "my mum told me it gave her a fit last night" may be the one cared for."""
    recent = lexicon.classes.get("recent_words", frozenset())
    for k in range(last + 1, len(tokens)):
        if tokens[k].brk != NO_BREAK:
            return False
        if tokens[k].norm in recent:
            return True
    return False


def told_in_the_past(tokens: list[Token], lexicon: Lexicon, first: int) -> bool:
    """Whether the clause of a sign starting at token ``first`` tells it in the past, a
    verb of the past before it: "but he had a seizure last night" (not "she can't breathe")."""
    past = lexicon.classes.get("past_verbs", frozenset())
    for k in range(first - 1, -1, -1):
        if tokens[k].norm in past:
            return True
        if tokens[k].brk != NO_BREAK or tokens[k].norm in lexicon.coordinators:
            return False  # (the sign's own clause: "she started it too and she is seeing things")
    return False
