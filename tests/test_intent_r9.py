"""A wish to take every tablet, joined to a time or to an end, is a plan: an emergency.
Found when the rounds' readers were merged (a longer suicidal-thought cue had swallowed it)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


@pytest.mark.parametrize("text", [
    "I want to take all my tablets tonight and end it",
    "i want to take all my pills and end everything",
    "he says he is ready to swallow all of them tonight",
    "she wants to take all her tabs now",
])
def test_a_wish_to_take_every_tablet_with_a_time_or_an_end_is_an_emergency(triager: Triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency", text


@pytest.mark.parametrize("text", [
    "I want to take all my doses today as prescribed, is that ok?",
    "do I have to take all my tablets at once or spread them out?",
])
def test_a_days_regimen_is_no_plan(triager: Triager, text):
    assert triager.classify(text).disposition != "emergency", text


@pytest.mark.parametrize("text", ["I want to take all my tablets", "he wants to take them all"])
def test_the_wish_to_take_every_tablet_is_an_intent(triager: Triager, text):
    # ("wanted" folds onto "want", so a past wish cannot be told apart by the word: the safer reading)
    result = triager.classify(text)
    assert result.disposition == "emergency"
    assert result.context.get("intentional") is True
