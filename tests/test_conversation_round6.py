"""Round 6 of the conversation red team, in our own words: a carer who says
"he just won't wake", a child found with tablets told late in the call, a stop
told after a "no", counts taken back ("it was 2, not 20"), and a seizure the
caller then dates to long ago."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from triage_bot.conversation import Engine

NOW = datetime(2026, 12, 7, 16, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def engine(triager):
    return Engine(triager, clock=lambda: NOW)


def chat(engine, *messages):
    state, _greeting = engine.start("r6")
    dispositions = []
    for message in messages:
        state, _replies = engine.step(state, message)
        dispositions.append(engine.result(state).disposition)
    return state, dispositions


# ---------------------------------------------------------------- an adverb inside "he won't wake"

@pytest.mark.parametrize("text", [
    "she really won't wake up",
    "my dad still won't wake, we've been shouting at him",
    "he simply isn't responding to us",
    "my wife just doesn't wake when I call her",
])
def test_an_adverb_between_a_person_and_a_denied_waking_is_still_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency", text


def test_a_carer_who_cannot_wake_someone_late_in_the_call_is_an_emergency(engine):
    _state, dispositions = chat(engine, "my partner has been dozing on the sofa since lunch",
                                "no, nothing extra that I know of",
                                "we tried to get him up for dinner and he really won't wake up")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- a child named by its age

@pytest.mark.parametrize("text", [
    "I just caught my 2 year old with my baclofen strip",
    "my four year old has been into my tablets, I think a couple are gone",
    "our 20 month old has been at the pill organiser",
])
def test_a_child_named_by_its_age_with_the_tablets_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency", text


def test_a_child_at_the_tablets_told_after_a_mild_sign_is_an_emergency(engine):
    _state, dispositions = chat(engine, "I feel a bit light headed this morning",
                                "oh no, hold on, I've just found my 3 year old with my pills and the box is open")
    assert dispositions[-1] == "emergency"
