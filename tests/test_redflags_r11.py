"""Round-11 red flags outside the tables (phrasings of our own): blood brought up is a bleed
until shown otherwise, an emergency whatever the medicine; nausea alone, or its denial, is not."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "since last night I keep throwing up blood",
    "he was sick and there was blood in it",
    "vomited twice, the second time it looked like coffee grounds",
])
def test_blood_brought_up_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "been throwing up all morning but there's no blood",
    "we spread coffee grounds on the roses, and I feel a bit sick on this tablet",
    "the sheet says to call if you ever vomit blood",
])
def test_sickness_without_blood_brought_up_can_wait(triager, text):
    assert triager.classify(text).disposition != "emergency"


# A blow to the head with confusion, drowsiness or vomiting after it is a bleed until shown
# otherwise; the blow alone, or with a little dizziness, is not.
@pytest.mark.parametrize("text", [
    "dad tripped and knocked his head on the radiator, now he's muddled and sleepy",
    "I bumped my head getting out of the car and I've been throwing up since",
])
def test_a_blow_to_the_head_with_signs_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "banged my head on the cupboard door, a bit lightheaded but fine",
    "I hit my head as a child and have had headaches since",
])
def test_a_blow_to_the_head_alone_can_wait(triager, text):
    assert triager.classify(text).disposition != "emergency"
