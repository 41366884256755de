"""Psychiatric-drug reviews, round 12: the illness the medicine is taken for
told as lasting ("I still feel down", "the low mood is still there",
"depression still there"), and named as the reason for a prescription or a
switch ("prescribed it because I had terrible mood swings", "switched because
of a worsening depression"); sex and sleep told in everyday turns.  Every
phrasing here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def refs(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def mood(triager: Triager, text: str) -> bool:
    return any(r.endswith("mood") for r in refs(triager, text))


# ---------------------------------------------------------------- the illness told as lasting

@pytest.mark.parametrize("text", [
    "the panic has gone but I still feel down",
    "two months on and I still feel low",
    "I'm still feeling sad much of the time",
    "my low mood is still there",
    "the low mood is still present",
    "depression still there unfortunately",
])
def test_the_illness_told_as_lasting_is_no_side_effect(triager, text):
    assert not mood(triager, text), text
    assert triager.classify(text).disposition == "none", text


@pytest.mark.parametrize("text", [
    "since I started it I feel down all the time",
    "I have had a low mood since the first tablet",
    "I can't sleep, feel so low on it",
    "the dizziness is still there after a month",
])
def test_a_new_low_or_another_lasting_sign_is_still_read(triager, text):
    found = refs(triager, text)
    assert found, text
    if "dizziness" not in text:
        assert mood(triager, text), text


def test_a_pain_down_the_leg_is_no_low_mood(triager):
    assert not mood(triager, "I still feel a shooting pain down my leg")


# ---------------------------------------------------------------- the illness as the reason

@pytest.mark.parametrize("text", [
    "my GP prescribed it because I had terrible mood swings",
    "I was put on it because I was having awful mood swings and crying spells",
    "the doctor prescribed it because I was always having crying fits",
    "they switched me to this one because of a worsening depression",
    "my psychiatrist switched me because of my deepening depression",
])
def test_the_illness_as_the_reason_for_a_prescription_or_switch_is_no_side_effect(triager, text):
    assert not mood(triager, text), text
    assert triager.classify(text).disposition == "none", text


@pytest.mark.parametrize("text", [
    "my depression has got much worse since I started it",
    "I was put on it for spasms but now I have awful mood swings",
])
def test_a_worse_illness_or_a_later_mood_change_is_still_read(triager, text):
    assert mood(triager, text), text


# ---------------------------------------------------------------- sex told in steps, or plainly

@pytest.mark.parametrize("text", [
    "aroused, then nothing, no release at all",
    "I get turned on, then it fades and there is no climax",
    "in bed with my wife I'm in the mood but I just can't come",
    "sex is fine at first but I cannot come",
])
def test_sex_told_in_steps_or_plainly_is_a_sexual_problem(triager, text):
    assert any(r.endswith("sexual_problems") for r in refs(triager, text)), text


@pytest.mark.parametrize("text", [
    "I'm in the mood for a curry but I can't come over tonight",
    "sex education was fine but I can't come to the class",
])
def test_a_visit_that_cannot_be_made_is_no_sexual_problem(triager, text):
    assert not any(r.endswith("sexual_problems") for r in refs(triager, text)), text


# ---------------------------------------------------------------- a night's sleep gone by, woken early for good

@pytest.mark.parametrize("text", [
    "sleeping through the night is just a thing of the past",
    "an unbroken night's sleep is a distant memory",
    "I honestly can't remember my last decent night's sleep",
    "most nights I wake at 3 and that's it",
    "I'm awake at 4 and that's it for the night",
])
def test_sleep_gone_by_or_an_early_wake_for_good_is_trouble_sleeping(triager, text):
    assert "cns_effects_rare.sleeping" in refs(triager, text), text


@pytest.mark.parametrize("text", [
    "my insomnia is a thing of the past",
    "the baby wakes at 5 and that's it",
    "I used to wake at 3 but now I sleep through",
    "takeaways are a thing of the past",
])
def test_insomnia_gone_a_child_waking_or_a_habit_dropped_is_no_trouble_sleeping(triager, text):
    assert "cns_effects_rare.sleeping" not in refs(triager, text), text


# ---------------------------------------------------------------- sleep told as not good, or in short pieces

@pytest.mark.parametrize("text", [
    "when I finally drop off the sleep is not good",
    "my sleep is never restful now",
    "I can't rest for more than an hour at a time",
    "I only sleep a couple of hours at a time",
])
def test_sleep_not_good_or_in_short_pieces_is_trouble_sleeping(triager, text):
    assert "cns_effects_rare.sleeping" in refs(triager, text), text


@pytest.mark.parametrize("text", [
    "no complaints, my sleep is good",
    "I can read for an hour at a time",
    "my sleep has never been better",
])
def test_good_sleep_or_an_hour_of_reading_is_no_trouble_sleeping(triager, text):
    assert "cns_effects_rare.sleeping" not in refs(triager, text), text


# ---------------------------------------------------------------- "more" of something good beside the illness

@pytest.mark.parametrize("text", [
    "I'm more confident every week that my depression won't come back",
    "my last tablets were more effective at lifting my depression",
])
def test_more_of_something_good_beside_the_illness_is_no_worse_illness(triager, text):
    assert not mood(triager, text), text


def test_an_illness_grown_more_intense_is_still_read(triager):
    assert mood(triager, "my depression is more intense since I started it")


@pytest.mark.parametrize("text", [
    "I'm drained from not getting full nights' sleep",
    "a month now without a whole night's rest",
])
def test_a_night_denied_without_an_article_is_trouble_sleeping(triager, text):
    assert "cns_effects_rare.sleeping" in refs(triager, text), text


def test_a_night_got_at_last_is_no_trouble_sleeping(triager):
    assert "cns_effects_rare.sleeping" not in refs(triager, "at last I got a full night's sleep")
