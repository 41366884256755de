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
