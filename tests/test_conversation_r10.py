"""Round 10 of the conversation red team, in our own words: "not sure" to the
too-much question weighed by the signs beside it (mild alone: a check today, not
an emergency nor an all-clear; confused, slurred or told as severe: an emergency),
a regimen taken all at once each night (a habit, no overdose), and another
person's tablets told as "mine"."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner


# ---------------------------------------------------------------- "not sure", weighed by the signs

@pytest.mark.parametrize("sign, answer", [
    ("I'm slightly sleepy since this morning", "I honestly can't remember"),
    ("a little dizzy today", "not sure really"),
    ("my legs are a bit weak", "dunno"),
])
def test_unsure_beside_mild_signs_is_a_check_today(engine, sign, answer):
    _state, dispositions = chat(engine, sign, answer)
    assert dispositions[-1] == "medical_attention", (sign, answer)


@pytest.mark.parametrize("sign, answer", [
    ("she's extremely drowsy tonight", "I don't know, she sorts her own"),
    ("dad is muddled and confused", "can't remember if I gave him the evening ones"),
    ("his words are slurred", "no idea"),
])
def test_unsure_beside_a_weighty_sign_is_an_emergency(engine, sign, answer):
    _state, dispositions = chat(engine, sign, answer)
    assert dispositions[-1] == "emergency", (sign, answer)


def test_a_weightier_sign_after_unsure_makes_it_an_emergency(engine):
    _state, dispositions = chat(engine, "a little sleepy", "not sure", "and now I feel really confused")
    assert dispositions[1] == "medical_attention"
    assert dispositions[-1] == "emergency"


def test_an_unclear_answer_still_waiting_is_no_all_clear(engine):
    _state, dispositions = chat(engine, "feeling a bit drowsy", "hmm")
    assert dispositions[-1] == "medical_attention"


def test_a_no_after_an_unclear_answer_lifts_the_check(engine):
    _state, dispositions = chat(engine, "feeling a bit drowsy", "hmm", "no, none extra")
    assert dispositions[-1] == "if_bothersome"


# ---------------------------------------------------------------- a regimen taken at one time

@pytest.mark.parametrize("answer", [
    "I take all my tablets together at bedtime, it's simpler",
    "she takes her whole day's worth in one go at night, as the doctor agreed",
])
def test_all_doses_at_night_is_a_habit_not_an_overdose(engine, answer):
    _state, dispositions = chat(engine, "a bit groggy in the mornings", answer)
    assert dispositions[-1] != "emergency", answer


def test_a_threat_to_take_them_all_is_still_an_emergency(engine):
    _state, dispositions = chat(engine, "I'm going to take all my tablets tonight")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- another's tablets as "mine"

@pytest.mark.parametrize("text", ["my brother took mine, about 5", "she's had mine by mistake"])
def test_mine_taken_by_another_is_an_ingestion(engine, text):
    _state, dispositions = chat(engine, text)
    assert dispositions[-1] == "emergency", text


def test_taking_my_own_is_no_ingestion(engine):
    _state, dispositions = chat(engine, "I took mine at 8 and feel a bit dizzy", "no")
    assert dispositions[-1] != "emergency"


# ---------------------------------------------------------------- shaking after a stop

def test_shaking_after_running_out_is_withdrawal(engine):
    _state, dispositions = chat(engine, "my hands keep trembling", "my tablets ran out four days ago and my heart is pounding")
    assert dispositions[-1] == "withdrawal"


def test_shaking_while_still_taking_it_can_wait(engine):
    _state, dispositions = chat(engine, "my hands are a bit shaky", "no, I take it every day")
    assert dispositions[-1] == "if_bothersome"


def test_twice_unclear_beside_mild_signs_is_a_check_today(engine):
    _state, dispositions = chat(engine, "slightly woozy today", "hmm", "eh")
    assert dispositions[-1] == "medical_attention"


def test_twice_unclear_beside_a_weighty_sign_is_an_emergency(engine):
    _state, dispositions = chat(engine, "he's very drowsy", "hmm", "eh")
    assert dispositions[-1] == "emergency"


def test_a_denial_of_both_slips_is_a_no(engine):
    _state, dispositions = chat(engine, "a touch lightheaded", "nope, I never miss or double up")
    assert dispositions[-1] == "if_bothersome"


@pytest.mark.parametrize("answer", ["I can't remember, so maybe I had it twice", "dunno?"])
def test_a_doubt_beside_sleep_that_takes_over_is_an_emergency(engine, answer):
    _state, dispositions = chat(engine, "I keep nodding off all the time", answer)
    assert dispositions[-1] == "emergency", answer


# ---------------------------------------------------------------- after the fresh estimate

def test_a_habit_told_with_its_count_is_no_overdose(engine):
    _state, dispositions = chat(engine, "a touch drowsy", "my dad has all three together before bed, the surgery knows")
    assert dispositions[-1] != "emergency"


def test_another_days_tablets_found_taken_as_well_is_an_overdose(engine):
    _state, dispositions = chat(engine, "I'm dozy", "no", "hang on, I think I've swallowed Thursday's as well")
    assert dispositions[-1] == "emergency"
