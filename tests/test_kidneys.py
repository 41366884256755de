"""Baclofen leaves by the kidneys: with poor kidney function it builds up, so drowsiness
or confusion beside kidney failure or dialysis needs a doctor today (USP DI: renal
function impairment), while the same sign alone may wait to see if it goes on."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "dad has been on haemodialysis for a year and since the baclofen went up he's really drowsy",
    "CKD stage 4, started baclofen last week, now muddled about what day it is",
    "my kidneys are failing and this medicine has me sleepy all day",
])
def test_drowsiness_or_confusion_with_poor_kidneys_needs_a_doctor_today(triager, text):
    result = triager.classify(text)
    assert result.context["kidney_problem"] is True, text
    assert result.disposition == "medical_attention", text


@pytest.mark.parametrize("text", [
    "a bit sleepy in the afternoons since I started it",
    "I get kidney stones now and then, and I am a bit sleepy on it",
])
def test_the_same_sign_without_kidney_failure_may_wait(triager, text):
    assert triager.classify(text).disposition == "if_bothersome", text
