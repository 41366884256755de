"""Misreads found by the round's final fresh estimate (own phrasings, never its text):
a chest pain told with its place, a hoard told tablets-first beside despair, an ending
texted as "its gone", a learner's "is possible ...?" and a clinician's counselling note."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def refs(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


@pytest.mark.parametrize("text", [
    "last night a squeezing pain round the centre of my chest for a few minutes",
    "there was a heavy band across the front of his chest after lunch",
])
def test_a_chest_pain_told_with_its_place_is_found(triager, text):
    assert "chest_pain" in refs(triager, text)


def test_a_hoard_told_tablets_first_beside_despair_is_an_emergency(triager):
    text = "I have all my tablets saved up in the wardrobe and I can't see the point of anything any more"
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I keep my pills saved up in a dosette box for the week",
    "my chest infection has cleared and the pain in my knee is better",
])
def test_look_alikes_stay_calm(triager, text):
    assert triager.classify(text).disposition != "emergency"
    assert "chest_pain" not in refs(triager, text)


def test_an_ending_texted_as_its_gone_ends_the_sign(triager):
    assert triager.classify("had a bad headache this morning but its gone now").findings == ()


@pytest.mark.parametrize("text", [
    "Is possible baclofen give me the dizziness?",
    "Pt counselled re constipation and drowsiness, no complaints today",
    "pt educated on dizziness when standing",
])
def test_a_question_or_counselling_is_no_report(triager, text):
    assert triager.classify(text).findings == (), text


def test_advice_on_a_day_still_tells_the_sign(triager):
    text = "I was advised on Friday to stop it because of the hallucinations"
    assert "cns_toxicity.hallucinations" in refs(triager, text)
