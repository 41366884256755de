"""Conversation misreads found by the round's third fresh estimate, fixed by method (own
phrasings): a goodbye after the too-much question is no yes, and denying a sign's graver
form leaves the milder one told before it."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner


def call(engine, *turns: str) -> str:
    """The disposition at the end of a call."""
    return chat(engine, *turns)[1][-1]


@pytest.mark.parametrize("goodbye", ["ok thanks bye", "okay, thank you", "right, cheers", "ok thanks for the help"])
def test_a_goodbye_to_the_too_much_question_is_no_yes(engine, goodbye):
    assert call(engine, "I get a bit lightheaded when I stand up", goodbye) != "emergency"


@pytest.mark.parametrize("answer", ["ok", "ok, I did take two extra this morning"])
def test_a_plain_ok_is_still_a_yes(engine, answer):
    assert call(engine, "I get a bit lightheaded when I stand up", answer) == "emergency"


def test_denying_suicidal_thoughts_keeps_the_low_mood(engine):
    assert call(engine, "I've been feeling really low", "not suicidal or anything, just flat") == "medical_attention"


def test_denying_the_mood_itself_still_withdraws_it(engine):
    assert call(engine, "I've been feeling really low", "actually I'm not depressed, just tired") != "medical_attention"


@pytest.mark.parametrize("text", [
    "not sure whether to double up on Friday",
    "I forgot my lunchtime dose, not sure if I should double up tonight",
])
def test_doubling_up_wondered_about_is_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency", text


@pytest.mark.parametrize("text", ["not sure if he doubled up this morning", "I doubled up, not sure if that was wise"])
def test_doubling_up_done_or_doubted_stays_an_overdose(triager, text):
    assert triager.classify(text).disposition == "emergency", text


# ------------------------------------------------ found by the round's read-through review

@pytest.mark.parametrize("answer", ["yes what do I do now?", "yes?", "yes is that bad?"])
def test_a_yes_that_opens_a_question_still_answers(engine, answer):
    assert call(engine, "my wife is really drowsy and muddled", answer) == "emergency"


@pytest.mark.parametrize("goodbye", ["okay thank you", "ok thanks bye"])
def test_a_goodbye_beside_a_weighty_sign_leaves_the_overdose_not_ruled_out(engine, goodbye):
    assert call(engine, "my wife is really drowsy and muddled", goodbye) == "emergency"


@pytest.mark.parametrize("text", [
    "I've been hoarding baclofen because the chemist keeps having shortages",
    "I've got all my baclofen saved up in the cupboard for our holiday",
])
def test_a_supply_kept_back_for_a_reason_is_no_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency", text


def test_hoarding_told_alone_is_still_an_emergency(triager):
    assert triager.classify("she has been hoarding her baclofen").disposition == "emergency"


def test_spasms_as_usual_on_a_pump_are_set_aside(triager):
    assert triager.classify("I have a baclofen pump, spasms at night as always").disposition == "none"


@pytest.mark.parametrize("text", [
    "no baclofen since sat n my legs keep spazzin",
    "pharmacy had none so I went without, now my arms are spazzing out",
])
def test_texted_spasm_slang_after_a_stop_is_withdrawal(triager, text):
    result = triager.classify(text)
    assert "increased_spasticity" in {f.ref for f in result.findings}, text
    assert result.disposition == "withdrawal", text
