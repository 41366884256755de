"""Round 7 of the conversation red team, in our own words: thoughts of dying told
of someone else ("he doesn't want to ..."), a regimen given as the answer to the
too-much question, and a "yes" that only says how long."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner


# ---------------------------------------------------------------- thoughts of dying, of someone else

@pytest.mark.parametrize("text", [
    "my brother keeps telling me he doesn't want to carry on",
    "grandad doesnt want to be alive any more he says",
    "our son doesn't want to go on, he told his teacher",
])
def test_thoughts_of_dying_told_of_someone_else_need_care(triager, text):
    assert triager.classify(text).disposition in ("medical_attention", "emergency"), text


def test_thoughts_of_dying_of_someone_else_told_late_in_the_call_need_care(engine):
    _state, dispositions = chat(engine, "ringing about my partner, he's on baclofen for his spine injury",
                                "he's been low and tearful", "last night he said he doesn't want to go on")
    assert dispositions[-1] in ("medical_attention", "emergency")


def test_a_denial_of_a_sign_in_the_third_person_is_still_a_denial(triager):
    assert triager.classify("she doesn't feel sick at all").disposition == "none"


# ---------------------------------------------------------------- a regimen is not a count taken

@pytest.mark.parametrize("answer", [
    "she takes 20mg four times a day",
    "two tablets three times a day, like it says",
    "2 tabs 3 times a day",
])
def test_a_regimen_told_to_the_too_much_question_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, "my mum is drowsy and a bit wobbly on baclofen", answer)
    assert dispositions[-1] != "emergency", answer


def test_a_count_taken_told_to_the_too_much_question_is_still_an_overdose(engine):
    _state, dispositions = chat(engine, "he is really drowsy today", "I think he took about 8 of them")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- a yes that says how long

@pytest.mark.parametrize("answer", ["yes, about 10 days", "yeah for a month or so"])
def test_a_yes_with_only_a_span_does_not_confirm_an_overdose(engine, answer):
    state, dispositions = chat(engine, "my legs feel weak and heavy", answer)
    assert dispositions[-1] != "emergency", answer


def test_a_yes_with_only_a_span_then_a_plain_yes_is_an_overdose(engine):
    _state, dispositions = chat(engine, "my legs feel weak and heavy", "yes, about 10 days", "yes")
    assert dispositions[-1] == "emergency"


def test_a_plain_yes_to_the_too_much_question_is_still_an_overdose(engine):
    _state, dispositions = chat(engine, "my legs feel weak and heavy", "yes I might have")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- how often, not "twice" too many

@pytest.mark.parametrize("answer", [
    "just the one tablet twice a day",
    "2 of them twice daily, as always",
])
def test_a_frequency_answering_the_too_much_question_is_no_yes(engine, answer):
    _state, dispositions = chat(engine, "so drowsy on it these last days", answer)
    assert dispositions[-1] != "emergency", answer


def test_twice_told_of_one_morning_is_still_too_much(engine):
    _state, dispositions = chat(engine, "so drowsy on it these last days", "I took it twice this morning by accident")
    assert dispositions[-1] == "emergency"
