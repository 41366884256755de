"""Drug reviews, round 5: a spell in the first days of treatment was had on
the medicine (a side effect, not the past before it), a relative clause
between a symptom and what ended it, and the other classes of the round's
red team.  Every phrasing here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


DROWSY = "cns_effects.drowsiness"
DIZZY = "cns_effects.dizziness"


# ---------------------------------------------------------------- the first days on it

@pytest.mark.parametrize("text, ref", [
    ("really groggy the first few days on it", DROWSY),
    ("I was lightheaded the first week, and I nearly gave up", DIZZY),
    ("queasy at the start, which my GP said is common", "nausea"),
    ("dozy all afternoon when I first started", DROWSY),
])
def test_a_spell_at_the_start_of_treatment_is_a_side_effect(triager, text, ref):
    assert ref in found(triager, text), text


def test_fainting_in_the_first_week_on_it_needs_attention(triager):
    # not the past before the medicine: it happened on it
    assert disposition(triager, "I passed out twice the first week") == "medical_attention"


@pytest.mark.parametrize("text", [
    "the dozy feeling I had at the start has worn off",
    "the dizziness that I got the first fortnight has gone",
    "the sickness I had in the beginning went away",
    "lightheaded the first few days, none now",
    "groggy the first week, all good now",
])
def test_a_spell_at_the_start_with_its_end_told_is_over(triager, text):
    assert disposition(triager, text) == "none", text
