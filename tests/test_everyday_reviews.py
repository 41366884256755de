"""Everyday side effects as drug reviews tell them: a spell that ended told
after a comma and a time, a word that says it passed, sex and weight in lay
words, exhaustion similes, short nights in numbers, another person who takes
the drug too (but not when the patient speaks next), a precaution's object.
Every phrasing here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


DIZZY = "cns_effects.dizziness"
DROWSY = "cns_effects.drowsiness"
CONFUSION = "cns_effects.confusion"
HEADACHE = "cns_effects_rare.headache"
TIRED = "cns_effects_rare.tiredness"
SLEEPING = "cns_effects_rare.sleeping"
SEX = "sexual_problems"
WEIGHT = "fluid_retention.weight_gain"
CONSTIPATION = "constipation"
FREQUENCY = "urinary_frequency"


# ---------------------------------------------------------------- a spell that ended

@pytest.mark.parametrize("text", [
    "I had a headache at first, and within a few days it cleared up",
    "felt dizzy on the higher dose, then after a week or so it went away",
    "the queasiness passed once I started eating breakfast",
    "that foggy feeling lifted by the third week",
    "headaches lasted a fortnight then stopped",
])
def test_a_side_effect_told_with_its_end_is_resolved(triager, text):
    assert disposition(triager, text) == "none"


@pytest.mark.parametrize("text, ref", [
    ("a headache, and after lunch it is still pounding", HEADACHE),
    ("I passed out and felt dizzy after", DIZZY),
])
def test_a_clause_that_does_not_end_it_keeps_the_side_effect(triager, text, ref):
    assert ref in found(triager, text)


# ---------------------------------------------------------------- sex, weight, bowels, bladder

@pytest.mark.parametrize("text", [
    "my love life has gone downhill, nothing is working in the bedroom",
    "struggling to get it up these days",
    "I no longer have any desire for my partner",
    "I don't have any desire for my wife since I started the tablets",
    "the ED started a month after baclofen",
    "my willy doesn't work like it did",
])
def test_sexual_problems_in_everyday_words(triager, text):
    assert SEX in found(triager, text)


@pytest.mark.parametrize("text", [
    "I don't want my husband to worry about me",
    "we redecorated the bedroom last week",
    "keep it up, the physio said",
])
def test_words_of_the_bedroom_and_partners_are_not_sexual_problems(triager, text):
    assert SEX not in found(triager, text)


@pytest.mark.parametrize("text, ref", [
    ("the bathroom scales keep creeping up", WEIGHT),
    ("I am getting more fat on this medicine", WEIGHT),
    ("I'm so backed up, nothing is moving", CONSTIPATION),
    ("I haven't been to the toilet properly all week", CONSTIPATION),
    ("I go to the toilet to wee every hour", FREQUENCY),
])
def test_weight_bowels_and_bladder_in_everyday_words(triager, text, ref):
    assert ref in found(triager, text)


def test_backing_up_a_car_is_no_constipation(triager):
    assert CONSTIPATION not in found(triager, "I backed up the car into the drive")


# ---------------------------------------------------------------- tiredness, sleep, the mind

@pytest.mark.parametrize("text, refs", [
    ("moving about is like wading through wet cement", {TIRED}),
    ("I'm dead on my feet every evening", {TIRED}),
    ("I feel so doped up on it", {DROWSY}),
    ("I'm sleeping only 4 hours of sleep a night", {SLEEPING}),
    ("my mind won't switch off when I go to bed", {SLEEPING}),
    ("my brain isn't working properly, my mind is not working right", {CONFUSION}),
    ("there's a throbbing behind my eyes every afternoon", {HEADACHE}),
])
def test_similes_numbers_and_lay_words(triager, text, refs):
    assert refs <= found(triager, text)


def test_a_full_night_of_sleep_is_no_trouble_sleeping(triager):
    assert SLEEPING not in found(triager, "I get a good 8 hours of sleep")


def test_feeling_blah_and_empty_is_a_mood_change(triager):
    assert disposition(triager, "lately I feel meh and empty") == "medical_attention"


# ---------------------------------------------------------------- whose, and what for

@pytest.mark.parametrize("text", [
    "my colleague is on baclofen and says it gives her headaches",
    "a friend takes baclofen and it made him dizzy",
])
def test_someone_else_on_the_drug_is_another_patient(triager, text):
    assert disposition(triager, text) == "none"


@pytest.mark.parametrize("text, expected", [
    ("my friend takes baclofen and I am having a fit right now", "emergency"),
    ("a neighbour got dizzy on it and now I think I am having a seizure", "emergency"),
    ("people say it makes them sleepy and I cant breathe", "emergency"),
    ("a friend had a rash on it and I feel dizzy", "if_bothersome"),
    ("my neighbour takes baclofen, I get headaches", "if_bothersome"),
])
def test_the_patient_speaking_after_another_person_is_the_patient(triager, text, expected):
    assert disposition(triager, text) == expected


@pytest.mark.parametrize("text", [
    "the gabapentin kills my sex drive",
    "tramadol always bungs me up",
    "I eat crackers before my dose to prevent feeling sick",
    "the nurse says it can make people drowsy",
])
def test_another_medicine_a_precaution_or_a_warning_is_no_report(triager, text):
    assert disposition(triager, text) == "none"


def test_a_precaution_reaches_only_its_own_object(triager):
    assert DIZZY in found(triager, "I hold the rail to avoid falling because I am so dizzy")


def test_a_wish_against_what_is_so_reports_it(triager):
    assert DIZZY in found(triager, "it would be perfect if it didn't make me so dizzy")


# ---------------------------------------------------------------- found on a later check

@pytest.mark.parametrize("text", [
    "some nights I think I'd be better off not alive",
    "I keep thinking my kids would be better off if I was gone",
])
def test_being_better_off_gone_gets_care_today_and_the_crisis_line(triager, text):
    result = triager.classify(text)
    assert result.disposition in ("medical_attention", "emergency") and "988" in result.advice


@pytest.mark.parametrize("text", [
    "I'd be better off not taking it at night",
    "probably better off not going to the gym this week",
])
def test_better_off_not_doing_something_is_no_suicidal_thought(triager, text):
    assert "988" not in triager.classify(text).advice


@pytest.mark.parametrize("text", [
    "I was a bit queasy on the first day, and by the weekend it went away",
    "the headache was gone by lunchtime",
])
def test_a_spell_that_was_gone_is_over(triager, text):
    assert disposition(triager, text) == "none"


def test_a_medicine_that_was_gone_is_still_a_stop(triager):
    # "it was gone" after a symptom may be the tablets running out: the sign stays
    assert disposition(triager, "I keep seeing things, it was gone by Friday") == "withdrawal"


def test_a_love_life_that_is_non_existent_is_a_sexual_problem(triager):
    assert SEX in found(triager, "things in the bedroom are non existent lately")
