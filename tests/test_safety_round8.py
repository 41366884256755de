"""Safety checks written after an eighth red-team round, in our own words: a wish
to die joined to the tablets that would do it (a plan with its means, not a
thought), a face that has "fallen" in a learner's English, and a clinician's noun
"facial droop"; beside them the calm look-alikes that must stay calm."""
from __future__ import annotations

import pytest


from .test_safety_round6 import _emergency, _not_emergency


# ------------------------------------------------------------------ under-triage

@pytest.mark.parametrize("text", [
    "I want to kill myself with my tablets",
    "i want to kill myself using the baclofen i have",
    "she wants to kill herself with her meds",
])
def test_wish_to_die_with_the_means_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my wife her face is falling down on the left",
    "his face has fell down one side since lunch",
    "Obs: right-sided facial droop noted at 14:00.",
    "facial drooping on the left, pt on baclofen",
])
def test_fallen_face_or_facial_droop_is_an_emergency(triager, text):
    _emergency(triager, text)


# -------------------------------------------------------------- false emergencies

@pytest.mark.parametrize("text", [
    "years ago I wanted to kill myself but therapy helped",
    "the spasms make me feel like my legs fall down under me",
    "no facial droop, speech normal",
    "I had a facial droop in 2017 from Bell's palsy, all gone",
    "the cramps make me want to kill myself with frustration, but the tablets help",
    "back in my twenties I wanted to end my life; the baclofen is for my MS now",
])
def test_calm_look_alikes_stay_calm(triager, text):
    _not_emergency(triager, text)


# "Not long ago" dates a sign to the recent past: its "not" denies nothing.
@pytest.mark.parametrize("text", [
    "not long ago my son had a fit and now he's very sleepy",
    "not so long ago she stopped breathing for a bit",
])
def test_not_long_ago_is_recent_not_a_denial(triager, text):
    assert triager.classify(text).disposition == "emergency", text


# A time long gone with no number in it is the past, like "years ago".
@pytest.mark.parametrize("text", [
    "a long time ago I had one seizure, nothing since, just a bit sleepy on it",
    "I did overdose on my meds a long time ago, these days I'm just a bit dizzy",
])
def test_a_long_time_ago_is_history(triager, text):
    assert triager.classify(text).disposition != "emergency", text
