"""Round-7 writing styles: long stories, carers, nurse notes, texting and learner
English, where the one sign that matters sits among calm details (phrasings of our own)."""
from __future__ import annotations

import pytest


def refs(result) -> set[str]:
    return {f.ref for f in result.findings}


# Someone with a baclofen pump who has a fever with rigidity, itching or confusion is
# an emergency even when no fault of the pump is told: the refill or the change is
# told in one sentence and the signs several sentences later.
@pytest.mark.parametrize("text", [
    "I've had my baclofen pump since 2019. They topped it up on Thursday at the hospital and the "
    "parking was a nightmare. Anyway, since this morning I'm running a temperature of 38.6 and my "
    "whole body is itchy.",
    "My sister has an intrathecal pump for her MS. We had a nice lunch out on Sunday. Tonight she "
    "is feverish, muddled about what day it is and her arms have gone rigid.",
    "pt w ITB, refill 3/7 ago uneventful. today pyrexial 38.4, generalised pruritus, tone ++",
    "his pump was replaced last month. he is hot to touch and his legs are stiff as planks",
])
def test_pump_fever_with_withdrawal_signs_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


# But a pump of another kind is no baclofen pump, and a pump user's cold is no emergency.
@pytest.mark.parametrize("text", [
    "my insulin pump site is sore and I have a temperature and a headache",
    "I have a baclofen pump, caught a cold off the kids, temp 38 and a headache",
])
def test_other_pumps_and_a_pump_users_cold_are_not_emergencies(triager, text):
    assert triager.classify(text).disposition != "emergency"
