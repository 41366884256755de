"""Second safety red team: emergencies said in ways the first round did not
reach, and calm messages that only sound alarming.  Every phrasing is our own."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "i can't wake my husband, he's snoring oddly",
    "we cannot rouse my daughter at all",
    "patient obtunded this evening",
    "nothing wakes her, not even shouting",
    "my grandson collapsed and hasn't come round",
    "she passed out at lunch and still hasn't come to",
])
def test_a_person_who_cannot_be_woken_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "he fainted but came round straight away and is fine",
    "i fainted yesterday and woke up on the sofa",
])
def test_a_faint_with_coming_round_is_not_unresponsive(triager, text):
    assert triager.classify(text).disposition != "emergency"


@pytest.mark.parametrize("text", [
    "my uncle's whole body was twitching and he went blank",
    "her arms and legs went stiff and jerky",
])
def test_a_whole_body_twitching_or_stiff_and_jerky_is_a_seizure(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_a_twitch_falling_asleep_is_no_seizure(triager):
    assert triager.classify("my whole body twitches a bit as i drift off to sleep").disposition != "emergency"


@pytest.mark.parametrize("text", [
    "i swallowed them all to end it",
    "took every last tablet, i want it all to be over",
    "i took the lot because i don't want to exist",
])
def test_a_dose_taken_to_end_things_is_an_emergency_with_the_crisis_line(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency"
    assert "crisis line" in result.advice


@pytest.mark.parametrize("text", [
    "honestly i can't carry on like this",
    "my kids would be better off if i wasn't around",
    "i keep thinking of taking them all",
    "some days i just want to end it",
    "there's no point in carrying on",
])
def test_thoughts_of_ending_it_get_the_crisis_line(triager, text):
    result = triager.classify(text)
    assert result.disposition in ("medical_attention", "withdrawal", "emergency")
    assert "crisis line" in result.advice


@pytest.mark.parametrize("text", [
    "no thoughts of self harm at all, just tired",
    "never had any thoughts about harming myself",
    "i might die my hair blue, is that ok on baclofen",
    "i'm dying to know if i can swim on it",
])
def test_denied_or_everyday_words_of_harm_are_calm(triager, text):
    result = triager.classify(text)
    assert result.disposition != "emergency"
    assert "crisis line" not in result.advice


@pytest.mark.parametrize("text", [
    "i've been seizure free for ten years",
    "my son threw a fit when i gave him his tablets",
    "got a fit of the giggles at the clinic",
])
def test_everyday_fits_and_seizure_free_are_calm(triager, text):
    assert triager.classify(text).disposition != "emergency"


def test_days_worth_in_words_is_an_overdose(triager):
    assert triager.classify("i took four days worth of my baclofen").disposition == "emergency"


@pytest.mark.parametrize("text", [
    "my 6yo took some of my baclofen",
    "my teenager swallowed a few of my baclofen",
    "he's ODd on his baclofen",
    "query OD baclofen, possible 200mg",
    "possible OD, drowsy",
    "popped a fistful of my tablets",
    "i took everything which was in the drawer",
    "swallowed the remaining tablets",
    "had four doses within an hour by accident",
    "took three doses in 2 hours",
    "no idea how many tablets my dad swallowed",
    "not sure how much she has taken, the strip is empty",
])
def test_overdoses_and_ingestions_said_indirectly_are_emergencies(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "how many tablets is an overdose of baclofen?",
    "is it dangerous to take two by mistake?",
    "i'm terrified of taking too much one day",
    "the pharmacist explained what an overdose does",
    "saw a story on the news about a teenager who overdosed",
    "i read that people overdose on it",
    "i had a nightmare that i took too many",
    "i take 3 doses in 24 hours",
    "i don't know how much i should take, the label is smudged",
    "it's odd on some days, my legs feel heavy",
])
def test_an_overdose_asked_about_feared_or_told_is_no_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency"


def test_no_drug_for_days_is_an_abrupt_stop(triager):
    result = triager.classify("no baclofen for four days now and my legs are really stiff")
    assert result.disposition in ("withdrawal", "emergency")


@pytest.mark.parametrize("text", [
    "i had a fit of laughter at the cinema",
    "we all had a fit of the giggles",
])
def test_a_fit_of_laughter_is_no_seizure_whatever_verb_opens_it(triager, text):
    assert triager.classify(text).disposition != "emergency"


def test_a_fit_still_is_a_seizure(triager):
    assert triager.classify("my brother had a fit an hour ago").disposition == "emergency"


@pytest.mark.parametrize("text", [
    "my son's chest is barely moving",
    "her chest isn't rising properly",
])
def test_a_chest_that_hardly_moves_is_troubled_breathing(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_a_chest_still_in_a_yoga_class_is_calm(triager):
    assert triager.classify("my chest is not moving much when i do yoga breathing").disposition != "emergency"


@pytest.mark.parametrize("text", [
    "my wife is vomiting and very drowsy",
    "he keeps throwing up and is so sleepy he can't stay awake",
    "puking, really drowsy",
    "my uncle has been sick and is really sleepy",
])
def test_vomiting_with_drowsiness_needs_care_today_and_asks_about_the_dose(triager, text):
    # Not an emergency by itself (a stomach bug and a sedating drug); the
    # question whether too much was taken makes it one on a yes.
    result = triager.classify(text)
    assert result.disposition == "medical_attention"
    assert "took_too_much" in [q.id for q in result.questions]
    assert triager.classify(text, {"took_too_much": True}).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "feeling a bit sick and drowsy after the first dose",
    "could it make me drowsy or make me vomit?",
    "back in 2010 on another medicine i was vomiting and drowsy",
])
def test_sickness_and_drowsiness_told_or_asked_are_not_emergencies(triager, text):
    assert triager.classify(text).disposition != "emergency"


@pytest.mark.parametrize("text", [
    "my mum won't wake up, she takes baclofen",
    "he hasn't woken since he had his tablets last night",
])
def test_a_carer_naming_the_medicine_does_not_cancel_not_waking(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_sleeping_through_the_night_is_calm(triager):
    assert triager.classify("since baclofen my husband doesn't wake up in the night").disposition != "emergency"


def test_a_wish_not_to_exist_after_a_dose_gets_the_crisis_line(triager):
    result = triager.classify("took what was left of the strip and i honestly just want to not exist")
    assert result.disposition == "emergency"
    assert "crisis line" in result.advice


def test_a_note_of_ingestion_is_an_overdose(triager):
    assert triager.classify("pt seen following ingestion of baclofen, alert").disposition == "emergency"


def test_asking_whether_one_may_take_an_extra_tablet_is_calm(triager):
    assert triager.classify("could i take an extra tablet on bad days? my neuro said maybe").disposition != "emergency"


@pytest.mark.parametrize("text", [
    "i swallowed every one of them so i would never wake up",
    "took the lot so i won't ever wake up again",
])
def test_a_dose_taken_never_to_wake_is_an_intentional_overdose(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency"
    assert "crisis line" in result.advice


@pytest.mark.parametrize("text", [
    "i can't get my grandad to wake up",
    "his lips look a bit bluey",
    "she took a strip and a half of them",
    "took four lots of my dose within half an hour",
    "i took my evening tablets and then again twice more",
    "no idea how much my wife took, the packet was new",
])
def test_more_indirect_emergencies(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "i can't keep going like this, i want to end things",
    "it would be easier for everyone if i was gone",
])
def test_more_thoughts_of_ending_get_the_crisis_line(triager, text):
    assert "crisis line" in triager.classify(text).advice


def test_an_overdose_in_a_film_is_calm(triager):
    assert triager.classify("we saw a movie where the hero overdosed").disposition != "emergency"


@pytest.mark.parametrize("text", [
    "the pump has run dry and his temp is up and he's very stiff",
    "she's twitching on the bed and her eyes keep rolling",
])
def test_a_dry_pump_with_a_raised_temperature_and_a_seizure_told_in_parts(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_a_wish_to_vanish_gets_the_crisis_line(triager):
    assert "crisis line" in triager.classify("some nights i wish i could just vanish").advice


def test_asking_whether_a_double_dose_is_bad_is_calm_but_a_dose_taken_is_not(triager):
    assert triager.classify("is it serious if i take my dose twice by mistake?").disposition != "emergency"
    assert triager.classify("is it bad if i took 20 tablets?").disposition == "emergency"


def test_a_collapse_that_wont_come_to_is_unresponsive(triager):
    assert triager.classify("my aunt keeled over in the kitchen and won't come to").disposition == "emergency"


def test_a_son_who_wont_come_round_to_visit_is_no_emergency(triager):
    assert triager.classify("i fainted last week and my son won't come round to visit").disposition != "emergency"
