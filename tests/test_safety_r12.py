"""Safety checks of a twelfth red-team round, in our own words: confusion after an abrupt
stop (and a stop told as a symptom's result, which is none); every dose had, told by the
carer who sets them out; a relative's story or a non-taker's sign; a body that won't
respond in bed."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner
from .test_safety_round6 import _emergency, _not_emergency


# ------------------------------------------------ confusion after a sudden stop

@pytest.mark.parametrize("text", [
    "I stopped my baclofen suddenly two days ago and now I'm confused",
    "since stopping baclofen abruptly I've been very confused",
    "it made me dizzy so I stopped it and now I am confused",
])
def test_confusion_after_a_sudden_stop_is_withdrawal(triager, text):
    assert triager.classify(text).disposition == "withdrawal"


@pytest.mark.parametrize("text", [
    "it made me confused so I'm stopping it",
    "the baclofen made me confused so I stopped it",
    "it left me very muddled, so am stopping it for now, but my back pain is back",
    "I was so confused that I stopped it",
    "I got so muddled I quit it",
])
def test_a_stop_told_as_the_result_of_confusion_is_no_withdrawal(triager, text):
    result = triager.classify(text)
    assert result.disposition == "if_bothersome"
    assert not result.context.get("stopped_suddenly")


# ------------------------------------- every dose had, told by the carer who sets them out

@pytest.mark.parametrize("text", [
    "she's had all her tablets, I do her dosette myself",
    "he's taken all his pills, I give him them every morning",
    "yes he's had all his meds, we fill his organiser on Sundays",
])
def test_every_dose_had_told_by_the_carer_is_no_overdose(triager, text):
    _not_emergency(triager, text)


@pytest.mark.parametrize("text", [
    "she's had all her tablets at once, I do her dosette",
    "he took all his tablets from the dosette box",
    "she swallowed all her pills, I do her dosette and it's empty",
    "she's had all her tablets, I do her dosette, and now she can't be woken",
])
def test_every_tablet_taken_at_once_or_with_a_sign_stays_an_emergency(triager, text):
    _emergency(triager, text)


def test_every_dose_had_answering_the_call_is_no_overdose(engine):
    _state, dispositions = chat(engine, "my mum is on baclofen and her legs are so stiff",
                                "she's had all her tablets, I do her dosette myself")
    assert dispositions[-1] != "emergency"


# ------------------------------------- a relative's retold story; a relative not on it

@pytest.mark.parametrize("text", [
    "my aunt told me baclofen gave her seizures",
    "my cousin told me that baclofen made her stop breathing once",
    "my dad doesn't take baclofen, but he had a seizure last night",
    "my sister isn't on baclofen, she was very drowsy yesterday",
])
def test_a_relatives_story_or_a_non_takers_past_sign_is_no_emergency(triager, text):
    _not_emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my mum told me baclofen gave her a seizure last night",
    "my aunt told me baclofen gave her seizures and now my dad is having a seizure",
    "my dad doesn't take baclofen any more since the pump, but he had a seizure last night",
    "my dad doesn't take baclofen, but he had a seizure a few minutes ago",
    "my wife isn't on baclofen but she can't breathe",
    "my husband doesn't take any medication, but I've had a seizure since starting baclofen",
])
def test_a_recent_sign_a_former_taker_or_a_sign_now_stays_an_emergency(triager, text):
    _emergency(triager, text)


# --------------------------------------------- a body that won't respond, in bed

@pytest.mark.parametrize("text", [
    "when we try to make love the body won't respond",
    "my body won't respond when my wife and I are intimate",
    "my body just won't respond to my wife any more",
])
def test_a_body_that_wont_respond_to_sex_is_no_unresponsiveness(triager, text):
    _not_emergency(triager, text)


@pytest.mark.parametrize("text", [
    "his body won't respond, I can't wake him",
    "she collapsed during sex and won't respond",
    "the body won't respond",
])
def test_a_person_who_wont_respond_stays_an_emergency(triager, text):
    _emergency(triager, text)


# ------------------------------------------------ a child's sign, then how they got the tablets

@pytest.mark.parametrize("text", [
    "the baby is hard to wake after getting hold of my tablets",
    "my toddler is very sleepy after getting hold of some of my baclofen",
])
def test_a_childs_sign_after_getting_hold_of_the_tablets_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my son keeps getting hold of the TV remote",
    "my daughter has been grumpy since getting hold of my phone",
])
def test_a_child_getting_hold_of_something_else_is_no_emergency(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------ weary of life; the tablets told as at hand

@pytest.mark.parametrize("text", [
    "I'm so tired of living",
    "honestly I've had enough of life",
])
def test_weary_of_life_is_suicidal_thoughts(triager, text):
    result = triager.classify(text)
    assert result.context.get("suicidal_thoughts")
    assert result.disposition == "medical_attention"


@pytest.mark.parametrize("text", [
    "I'm tired of living with this pain",
    "I'm sick of my spasms",
])
def test_weary_of_the_illness_is_no_suicidal_thought(triager, text):
    assert not triager.classify(text).context.get("suicidal_thoughts")


@pytest.mark.parametrize("text", [
    "I just want to sleep and never wake up, the baclofen is right here",
    "I'm so tired of living, the pills are lined up",
    "life isn't worth living, I've got my baclofen in front of me",
])
def test_suicidal_thoughts_with_the_tablets_at_hand_are_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "I feel low, my tablets are next to me in the pill box",
    "my pills are lined up for the week in the dosette",
    "my baclofen is right here on the table, how much should I take for spasms?",
])
def test_tablets_at_hand_without_suicidal_thoughts_are_no_emergency(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------ a pack a child emptied

def test_a_pack_a_child_emptied_with_a_sign_is_an_emergency(triager):
    _emergency(triager, "my daughter emptied the blister pack of my baclofen and is now very wobbly")


def test_a_pack_a_child_emptied_alone_is_no_emergency(triager):
    _not_emergency(triager, "my son emptied the blister pack onto the floor, I picked them all up")
