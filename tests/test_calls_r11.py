"""Round 11 calls, in our own words: an amount taken back in the next turn with a
correction word and the count told plainly ("sorry, I had one, I've looked in the box"),
not only with "only"; a count that is still too many is never taken back."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner


@pytest.mark.parametrize("correction", [
    "oh sorry, I had one, I've looked in the box now, all good",
    "no sorry, I took 1, I counted them",
    "actually it was just the one",
    "my mistake, he had the one tablet",
])
def test_an_amount_taken_back_with_a_plain_count_lifts_the_overdose(engine, correction):
    _state, dispositions = chat(engine, "I may have swallowed two of them by accident at lunch", correction,
                                "I'm a bit drowsy that's all")
    assert dispositions[-1] != "emergency", correction


@pytest.mark.parametrize("correction", [
    "sorry, I took one extra",
    "sorry I had one too many",
    "actually I took one more on top of that",
])
def test_a_count_that_is_still_more_stays_an_overdose(engine, correction):
    _state, dispositions = chat(engine, "I may have swallowed two of them by accident at lunch", correction,
                                "I'm a bit drowsy that's all")
    assert dispositions[-1] == "emergency", correction
