"""Round 11 of the conversation red team, in our own words: a pump named only as
"the pump" ("my grandson has the pump", "I've got a pump, not tablets"), and the
safer reading of an unsettled too-much answer when the call ends beside a weighty sign."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner


# ---------------------------------------------------------------- "the pump", named in passing

@pytest.mark.parametrize("messages", [
    ("my grandson has the pump and tonight he's running a temp", "his arms have gone really rigid", "no"),
    ("I've a high temperature and my legs are stiff as anything", "no, I'm not on tablets, I have the pump", "no"),
    ("she's got the pump", "her forehead is burning hot and she's itching like mad", "not that I'm aware"),
    ("feverish and my back is spasming badly, the pump is working fine mind you", "no"),
])
def test_the_pump_named_in_passing_with_fever_and_a_withdrawal_sign_is_an_emergency(engine, messages):
    _state, dispositions = chat(engine, *messages)
    assert dispositions[-1] == "emergency", messages


def test_the_pump_named_in_passing_with_a_withdrawal_sign_needs_the_pump_checked(engine):
    _state, dispositions = chat(engine, "my daughter has the pump and her spasms are much worse lately",
                                "no temperature", "no that's all")
    assert dispositions[-1] in ("withdrawal", "emergency")


@pytest.mark.parametrize("text", [
    "my dad has a pump in his garden and I feel a bit dizzy",
    "I have an insulin pump and I've got a temperature and stiff legs",
    "we've got a pump in the shed, anyway I've a fever and stiff muscles",
])
def test_another_kind_of_pump_is_no_baclofen_pump(triager, text):
    assert triager.classify(text).disposition != "emergency", text


# ---------------------------------------------------------------- answers that doubt, or ask back

@pytest.mark.parametrize("answer", [
    "how would I know, I don't keep track of her tablets",
    "how am I supposed to know that",
    "how should I know, he does his own",
    "I wouldn't know, I only visit on Sundays",
])
def test_a_doubt_told_as_a_question_beside_confusion_is_the_safer_yes(engine, answer):
    _state, dispositions = chat(engine, "my nan is really muddled and very sleepy today", answer)
    assert dispositions[-1] == "emergency", answer


@pytest.mark.parametrize("answer", [
    "perhaps? I'm not good with numbers",
    "possibly? I'm not great at keeping count",
])
def test_a_likely_yes_with_a_question_mark_and_a_confession_is_still_a_likely_yes(engine, answer):
    _state, dispositions = chat(engine, "I'm extremely drowsy and my head is all foggy and confused", answer)
    assert dispositions[-1] == "emergency", answer


@pytest.mark.parametrize("answer", [
    "why, could that do it?",
    "hmm, could that be the reason?",
    "might that explain it?",
])
def test_a_question_asked_back_with_a_hedging_word_is_no_yes(engine, answer):
    _state, dispositions = chat(engine, "I feel a little queasy and slightly lightheaded", answer, "thanks, bye")
    assert dispositions[-1] != "emergency", answer


# ---------------------------------------------------------------- a call that ends while the question is asked again

@pytest.mark.parametrize("first, answer", [
    ("my dad is very confused and his speech is slurry", "what, him?"),
    ("my wife is so drowsy she can barely answer me and she's muddled", "hmm"),
    ("my words keep coming out slurred", "why does that matter"),
])
def test_a_call_ending_while_the_overdose_question_is_asked_again_beside_a_weighty_sign_shows_the_safer_tier(
        engine, first, answer):
    _state, dispositions = chat(engine, first, answer)
    assert dispositions[-1] == "emergency", (first, answer)


def test_the_safer_tier_shown_while_asking_again_is_lifted_by_a_later_no(engine):
    state, dispositions = chat(engine, "my dad is very confused and his speech is slurry", "what, him?",
                               "no, his tablets are in a locked dosette and all there")
    assert dispositions[-1] != "emergency"
    assert not state.emergency


def test_asking_again_beside_a_weighty_sign_says_what_to_do_if_it_cannot_be_ruled_out(engine):
    state, _greeting = engine.start("r11")
    state, _replies = engine.step(state, "my dad is very confused and his speech is slurry")
    state, replies = engine.step(state, "erm")
    assert any("emergency" in r.lower() for r in replies), replies


@pytest.mark.parametrize("first, answer", [
    ("I feel a little woozy today", "eh"),
    ("a bit sleepy this afternoon", "I'm 45"),
])
def test_asking_again_beside_a_mild_sign_alone_is_no_emergency(engine, first, answer):
    _state, dispositions = chat(engine, first, answer)
    assert dispositions[-1] != "emergency", (first, answer)


def test_an_age_told_as_the_answer_beside_a_weighty_sign_still_waits_on_the_second_try(engine):
    _state, dispositions = chat(engine, "my dad is very confused and his speech is slurry", "he's 81")
    assert dispositions[-1] != "emergency"


# ---------------------------------------------------------------- a goodbye while the overdose question waits

@pytest.mark.parametrize("first, goodbye", [
    ("my husband is very muddled and can't get his words out", "bye"),
    ("I'm slurring and so confused", "goodbye"),
    ("grandma is extremely sleepy, I can't keep her awake", "that's all, bye"),
])
def test_a_goodbye_while_the_overdose_question_waits_beside_a_weighty_sign_is_the_safer_yes(engine, first, goodbye):
    _state, dispositions = chat(engine, first, goodbye)
    assert dispositions[-1] == "emergency", (first, goodbye)


@pytest.mark.parametrize("first", ["I feel a touch lightheaded", "slightly sleepy after lunch"])
def test_a_goodbye_while_the_overdose_question_waits_beside_a_mild_sign_is_no_emergency(engine, first):
    _state, dispositions = chat(engine, first, "bye")
    assert dispositions[-1] != "emergency", first
