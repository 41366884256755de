"""How far a ConText cue reaches, and the words that are or are not cues:
a cue takes one object, a denial crosses a comma only down a list, a
symptom that "wore off" is over (not a stopped medicine).  Every phrasing
here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


DIZZY = "cns_effects.dizziness"
DROWSY = "cns_effects.drowsiness"
HEADACHE = "cns_effects_rare.headache"
NAUSEA = "nausea"
TIRED = "cns_effects_rare.tiredness"


# ---------------------------------------------------------------- a cue takes one object

@pytest.mark.parametrize("text, ref", [
    ("eases my spasms, makes me really dizzy though", DIZZY),
    ("it calmed the spasms down, gave me headaches", HEADACHE),
    ("takes away the cramping and leaves me so drowsy", DROWSY),
    ("really helps with the spasms, dizzy a lot though", DIZZY),
    ("relieved my stiffness, headaches now", HEADACHE),
    ("no rash, dizzy now though", DIZZY),
])
def test_a_relief_or_denial_cue_does_not_reach_past_its_object(triager, text, ref):
    assert ref in found(triager, text)


@pytest.mark.parametrize("text", [
    "no nausea, headache or dizziness",
    "No: headache, dizziness",
    "denies headache, dizziness",
])
def test_a_denied_list_is_still_denied(triager, text):
    assert triager.classify(text).disposition == "none"


@pytest.mark.parametrize("text, ref", [
    ("no motivation, dizzy all day", DIZZY),
    ("not the best day, so dizzy and sick", DIZZY),
])
def test_a_denial_of_something_else_does_not_cross_into_a_new_clause(triager, text, ref):
    assert ref in found(triager, text)


# ---------------------------------------------------------------- words that are not denials

@pytest.mark.parametrize("text, ref", [
    ("ngl the dizziness is doing my head in", DIZZY),
    ("not gonna lie, headaches every single day", HEADACHE),
    ("no joke the nausea this week", NAUSEA),
    ("never again will I skip breakfast, I feel sick all morning", NAUSEA),
    ("nothing helps, constantly dizzy", DIZZY),
])
def test_talk_that_sounds_like_a_denial_is_not_one(triager, text, ref):
    assert ref in found(triager, text)


# ---------------------------------------------------------------- resolved and denied, said plainly

@pytest.mark.parametrize("text", [
    "my headaches stopped after the first fortnight",
    "the queasiness is sorted now",
    "had some dizziness early on but it's all sorted now",
    "the drowsiness is a thing of the past",
    "was nauseous for a week, fine since",
    "zero headaches, zero nausea",
    "drowsiness - nope",
    "no appetite problems at all",
    "no energy issues whatsoever",
])
def test_a_symptom_over_or_denied_is_not_a_finding(triager, text):
    assert triager.classify(text).disposition == "none"


@pytest.mark.parametrize("text, ref", [
    ("I have zero energy these days", TIRED),
    ("the dizziness stopped me driving", DIZZY),
    ("so dizzy - no idea why", DIZZY),
    ("I need to get my dizziness sorted", DIZZY),
    ("dizzy after every dose, wears off in an hour or so", DIZZY),
])
def test_lookalikes_of_those_words_still_report(triager, text, ref):
    assert ref in found(triager, text)


# ---------------------------------------------------------------- a stop needs the medicine as its subject

@pytest.mark.parametrize("text", [
    "the sleepiness wore off after the first fortnight",
    "my headaches stopped once I started taking it with breakfast",
    "the dizziness has finally stopped",
])
def test_a_symptom_that_wore_off_or_stopped_is_over_not_a_stop(triager, text):
    result = triager.classify(text)
    assert result.disposition == "none" and result.context["stopped_suddenly"] is not True


def test_a_side_effect_that_wore_off_does_not_make_a_new_one_withdrawal(triager):
    result = triager.classify("the drowsiness wore off, but now I see people who aren't there")
    assert result.disposition == "medical_attention" and result.context["stopped_suddenly"] is not True


@pytest.mark.parametrize("text", [
    "if it makes me dizzy should I stop it?",
    "do I need to stop taking it? I feel sick",
    "is it safe to stop it, the drowsiness is awful",
    "my GP is lowering the dose because of the drowsiness",
])
def test_a_stop_asked_about_or_a_prescribed_taper_is_not_an_abrupt_stop(triager, text):
    assert triager.classify(text).context["stopped_suddenly"] is not True


@pytest.mark.parametrize("text", [
    "it wears off by teatime and my legs go stiff",
    "I've felt shaky and sick ever since I stopped",
    "I had to stop it suddenly and now I'm seeing things",
])
def test_a_stop_of_the_medicine_is_still_one(triager, text):
    assert triager.classify(text).context["stopped_suddenly"] is True


# ---------------------------------------------------------------- the past, dated before the clause

@pytest.mark.parametrize("text", [
    "in 2019 I had awful headaches on it",
    "when I was on baclofen before, I had a lot of nausea",
    "a few years back I had dizziness with it",
    "the last time I was on it I was drowsy all day",
])
def test_a_date_or_an_earlier_course_before_the_clause_is_the_past(triager, text):
    assert triager.classify(text).disposition == "none"


@pytest.mark.parametrize("text", [
    "my daughter had a seizure as a toddler, can she still take it?",
    "my brother had convulsions when he was small",
    "my nephew once had a fit, is baclofen ok for him?",
])
def test_an_emergency_sign_from_a_life_stage_long_ago_is_the_past(triager, text):
    assert triager.classify(text).disposition != "emergency"


def test_a_past_sign_does_not_hide_a_present_one(triager):
    result = triager.classify("she had a seizure as a baby and now she can't breathe properly")
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I take it once a day and I'm dizzy",
    "in 2019 I started it and now I'm dizzy all the time",
])
def test_a_routine_or_a_start_date_is_not_the_past(triager, text):
    assert DIZZY in found(triager, text)


def test_the_reason_for_taking_it_is_the_indication(triager):
    result = triager.classify("I'm on it because my legs go rigid at night")
    assert result.disposition == "none" and any(c == "indication" for c, _f in result.set_aside)


# ---------------------------------------------------------------- guards on the new reach

def test_a_denial_of_something_else_is_spent_before_a_joined_predicate(triager):
    assert "hallucinations" in {f.ref.split(".")[-1] for f in triager.classify(
        "she's had zero sleep and is seeing things").findings}


@pytest.mark.parametrize("text", [
    "it hasn't really caused any nausea",
    "it doesn't seem to make me dizzy",
])
def test_a_denial_with_a_verb_in_its_own_phrase_still_denies(triager, text):
    assert triager.classify(text).disposition == "none"


@pytest.mark.parametrize("text", [
    "he once had a seizure and is having one now",
    "as a child she had fits and again this morning",
])
def test_a_past_emergency_sign_back_in_the_present_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "years ago I got a rash from it",
    "as a kid I got seizures, is it safe for me?",
])
def test_i_got_in_the_past_is_not_ive_got_now(triager, text):
    assert triager.classify(text).disposition == "none"


def test_ive_got_still_ends_a_denial(triager):
    assert HEADACHE in found(triager, "no rash, ive got a headache though")
