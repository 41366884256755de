"""A supply counted twice on one day: "there were 28 in the pack this morning and now
there are 4 left" says 24 tablets went since the morning, however they were taken.
"""
from __future__ import annotations

from .amounts import _amount_at
from .tokens import NO_BREAK, SENTENCE

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .tokens import Token

# How far after the first count its supply word ("in the pack") and its time ("this
# morning") may stand, and how far after the second count its stock word ("left").
SUPPLY_REACH = 4
RECENT_REACH = 6
LEFT_REACH = 3
# The two counts stand within this many sentences of each other.
SENTENCE_REACH = 1


def _supply_count(tokens: list[Token], i: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A count of a supply at ``i`` told for a recent time: "28 in the pack this morning",
    "there were 30 tablets yesterday": (the count, the index after its time)."""
    read = _amount_at(tokens, i, lexicon)
    if read is None:
        return None
    value, after = read
    near = tokens[after:after + SUPPLY_REACH]
    container = lexicon.classes.get("container", frozenset())
    if not any(tok.norm in container or tok.norm in lexicon.tablet_words for tok in near):
        return None
    window = tokens[after:after + RECENT_REACH]
    window = window[:next((k for k, tok in enumerate(window) if k and tok.brk == SENTENCE), len(window))]
    found = lexicon.recent.find(window)
    return (value, after + max(e for _k, _f, e, _s in found)) if found else None


def _left_count(tokens: list[Token], i: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A count of what is left at ``i``: "4 left", "only 4 remaining": (the count, the end)."""
    read = _amount_at(tokens, i, lexicon)
    if read is None:
        return None
    value, after = read
    window = tokens[after:after + LEFT_REACH]
    cut = next((k for k, tok in enumerate(window) if k and tok.brk != NO_BREAK), len(window))
    window = window[:cut]
    found = [f for f in lexicon.stock.find(window) if f[1] < LEFT_REACH]
    return (value, after + max(e for _k, _f, e, _s in found)) if found else None


def read_supply_drops(tokens: list[Token], lexicon: Lexicon) -> list[tuple[str, int, int, str]]:
    """A supply that fell by more than a day's maximum since a recent count: an
    overdose cue, read at the smallest strength (the evidence is indirect)."""
    drug, found = lexicon.drug, []
    limit = drug.max_daily_mg or drug.max_dose_mg
    if not limit or not drug.strengths_mg:
        return found
    quantities = lexicon.quantities
    for i in range(len(tokens)):
        if not tokens[i].norm.isdecimal() and tokens[i].norm not in quantities:
            continue  # no count starts here (most words)
        first = _supply_count(tokens, i, lexicon)
        if first is None:
            continue
        sentences = 0
        for k in range(first[1], len(tokens)):
            sentences += tokens[k].brk == SENTENCE
            if sentences > SENTENCE_REACH:
                break
            left = _left_count(tokens, k, lexicon)
            if left is not None:
                if (first[0] - left[0]) * min(drug.strengths_mg) > limit:
                    found.append(("took_too_much", i, left[1], "amount"))
                break
            if _amount_at(tokens, k, lexicon) is not None:
                break  # "the pharmacy took 20 back, 10 left": another count tells where they went
    return found
