"""A stop told with what came before it: the remedy ("quit it and felt better") or the
result of a symptom ("it made me confused so I'm stopping it"); either way the
symptom was had on the medicine, not after an abrupt stop."""
from __future__ import annotations

from .tokens import NO_BREAK, SENTENCE, Token

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .scope import Scope


# How far after a stop the patient may say it left them well: "quit it and felt better".
RELIEF_REACH = 5


def stopped_then_better(tokens: list[Token], end: int, scope: Scope, symptoms: set[int]) -> bool:
    """Whether a stop ending before token ``end`` is told as the remedy, what came
    before it the reason: "it made me so low; I quit it and felt better in a week"
    (but not "quit it and felt better for a day, then the spasms came back")."""
    classes = scope.lexicon.classes
    well, verbs = classes.get("relieved_words", frozenset()), classes.get("relieved_before", frozenset())
    for k in range(end + 1, min(end + RELIEF_REACH, len(tokens))):
        if scope.stops(k) or tokens[k].brk == SENTENCE:
            return False
        if tokens[k].norm in well and tokens[k - 1].norm in verbs:
            return not any(s > k for s in symptoms)
    return False


# How many words (a subject, an auxiliary) may stand between a result word and the
# stop it opens: "so I've decided to stop it" is still the symptom's result.
RESULT_REACH = 4


def stopped_as_a_result(tokens: list[Token], first: int, scope: Scope, symptoms: set[int]) -> bool:
    """Whether a stop starting at token ``first`` is told as the result of a symptom
    before it in the same sentence, a result word ("so", "therefore") opening the stop's
    clause, and no symptom is told after a stop already made: "it made me confused so I'm
    stopping it" (but not "it made me dizzy so I stopped it and now I'm confused")."""
    classes = scope.lexicon.classes
    results, ahead = classes.get("result_words", frozenset()), classes.get("stop_ahead", frozenset())
    so_that = classes.get("so_that_words", frozenset())
    for k in range(first - 1, max(first - 1 - RESULT_REACH, -1), -1):
        if tokens[k + 1].brk != NO_BREAK:
            return False  # the stop opens its own clause: "I was dizzy. I stopped it"
        if k in symptoms and any(tokens[j].norm in results for j in range(max(k - 2, 0), k)) \
                and all(tokens[j].norm in so_that for j in range(k + 1, first)):
            # "I was so confused (that) I stopped it": a symptom so great the stop followed
            return now_or_nothing_after(tokens, k, first, ahead, symptoms)
        if tokens[k].norm in results:
            before = [s for s in symptoms if s < k]
            if not before or any(tokens[j].brk == SENTENCE for j in range(max(before) + 1, k + 1)):
                return False
            return now_or_nothing_after(tokens, k, first, ahead, symptoms)
    return False


def now_or_nothing_after(tokens: list[Token], k: int, first: int, ahead: frozenset[str], symptoms: set[int]) -> bool:
    """Whether a stop at ``first`` told as a result (its word at ``k``) is only now begun or
    still to come ("so am stopping it", "so I'm going to stop"), which has had no time for
    withdrawal, or no symptom is told after it."""
    return any(tokens[j].norm in ahead for j in range(k + 1, first)) or not any(s >= first for s in symptoms)
