"""Found by reading this round's changes again, in our own words: a seizure dated back
only in words that say it is recent or back, a renaming that is no renaming, and cues
read too widely ("in the end", a fear of dying, time taken, a drink of water, a garden pump)."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner


def last_disposition(engine, *messages):
    return chat(engine, *messages)[1][-1]


@pytest.mark.parametrize("second", [
    "it was not long ago, maybe half an hour",
    "how long ago? about an hour ago",
    "it looked like the ones before she started baclofen",
    "it was years ago he first had one, this one was today",
    "no wait, he has always been fit and well until this",
    "no, I mean not a coughing fit, a real fit",
])
def test_a_fit_stays_an_emergency_when_the_next_turn_does_not_date_or_rename_it(engine, second):
    assert last_disposition(engine, "my daughter had a fit", second) == "emergency", second


def test_a_fit_dated_to_childhood_is_still_taken_back(engine):
    assert last_disposition(engine, "my daughter had a fit", "oh that was years ago, when she was a kid") != "emergency"


def test_in_the_end_of_a_live_story_is_no_history(triager):
    assert triager.classify("in the end he had a seizure in the car this afternoon").disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I do not want to die from this, I'm scared of the rash on my arms",
    "it took more time than usual to fall asleep after my baclofen",
    "I found my tablets in the kitchen drawer and drank some water, a bit dizzy",
    "my dad has a pump for his pond, he has a fever and is a bit confused on baclofen",
])
def test_everyday_words_near_a_cue_are_no_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency", text
