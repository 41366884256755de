"""Urgent misses found by the round's second fresh estimate, fixed by method (own
phrasings, never its text): most of a container swallowed, a hoard counted out, a sleep
never woken from, a doubt about a dose doubled, a pump alarm told with its time, a
figure seen against the truth, a pronoun after the urine's head, a fall and a time not awake."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


def refs(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


@pytest.mark.parametrize("text", [
    "my son swallowed most of the bottle after he was told off",
    "she has taken the rest of her box in one go",
    "I've counted out 45 pills and I just want it all to be over",
    "it would be simpler for them if I could just go to sleep and never wake up, I have lined up 30 tablets",
    "dad is slurring a lot, not sure if he doubled his tablets",
    "the ITB pump alarmed this morning and she has a fever",
])
def test_these_are_emergencies(triager, text):
    assert disposition(triager, text) == "emergency", text


@pytest.mark.parametrize("text", [
    "I counted out 28 tablets for the month into the dosette box",
    "not sure if I took my morning dose, I feel fine",
    "I took most of my tablets as prescribed this week",
    "my alarm went off early this morning and I feel a bit dizzy",
])
def test_these_are_no_emergencies(triager, text):
    assert disposition(triager, text) != "emergency", text


@pytest.mark.parametrize("text, ref", [
    ("Nan keeps saying there are dogs in her bedroom when there aren't", "cns_toxicity.hallucinations"),
    ("Grandpa says there are people in the hall when there's nobody", "cns_toxicity.hallucinations"),
    ("he swears there's a woman by the door but nobody is there", "cns_toxicity.hallucinations"),
    ("wee smells strong and it's dark brown", "dark_urine"),
    ("my urine stinks n its really dark", "dark_urine"),
    ("I fall on the floor and I am not awake for two minute", "syncope.fainting"),
])
def test_these_signs_are_found(triager, text, ref):
    assert ref in refs(triager, text), text


def test_a_long_sleep_is_no_faint(triager):
    assert "syncope.fainting" not in refs(triager, "I fell asleep on the sofa and was not awake for hours")


@pytest.mark.parametrize("text", [
    "I've been meaning to write to you about my dose for a while",
    "I was meaning to ask whether I can take it with food",
])
def test_meaning_to_ask_is_no_unkindness(triager, text):
    assert "cns_toxicity.mood" not in refs(triager, text), text


def test_unkindness_to_a_person_is_a_mood_change(triager):
    assert "cns_toxicity.mood" in refs(triager, "I have been mean to my kids ever since I started it")
