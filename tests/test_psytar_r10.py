"""Psychiatric-drug reviews, round 10: a past wish not to live, sleep and
wakefulness told as effort ("trouble staying asleep", "hard to stay awake"),
the bladder told in the past ("I peed ..."), and figures of speech that are no
side effect ("it knocked out my anxiety", "crying with joy").  Every phrasing
here is our own (none is taken from an evaluation set or from the red team's
own cases)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def refs(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


# ---------------------------------------------------------------- a wish not to live, told in the past

@pytest.mark.parametrize("text", [
    "by the end of the month I didn't want to live any more",
    "on it I did not want to be alive",
    "some days I didnt want to go on",
])
def test_a_past_wish_not_to_live_gets_care_today_and_is_a_mood_change(triager, text):
    result = triager.classify(text)
    assert result.disposition in ("medical_attention", "emergency"), text
    assert any(r.endswith("mood") for r in refs(triager, text)), text


def test_ending_it_all_is_a_mood_change_as_well(triager):
    result = triager.classify("I kept thinking about ending it all on this")
    assert result.disposition in ("medical_attention", "emergency")
    assert any(r.endswith("mood") for r in refs(triager, "I kept thinking about ending it all on this"))


def test_wanting_to_live_well_is_no_finding(triager):
    assert triager.classify("I just want to live a normal life again").disposition == "none"


# ---------------------------------------------------------------- sleep and wakefulness told as effort

@pytest.mark.parametrize("text", [
    "I've had real trouble staying asleep since I started",
    "it is hard to stay asleep past four",
    "problems staying asleep most nights",
])
def test_trouble_staying_asleep_is_trouble_sleeping(triager, text):
    assert "cns_effects_rare.sleeping" in refs(triager, text), text


@pytest.mark.parametrize("text", [
    "I had trouble staying awake at my desk",
    "it's hard to stay awake after lunch on it",
    "difficulty staying awake in meetings",
])
def test_trouble_staying_awake_is_drowsiness(triager, text):
    assert "cns_effects.drowsiness" in refs(triager, text), text


@pytest.mark.parametrize("text", [
    "restless legs at night, which I've always had",
    "my restless legs every night are the same as before",
])
def test_restless_legs_at_night_is_no_trouble_sleeping(triager, text):
    assert "cns_effects_rare.sleeping" not in refs(triager, text), text


def test_a_restless_night_still_is(triager):
    assert "cns_effects_rare.sleeping" in refs(triager, "two restless nights in a row")


# ---------------------------------------------------------------- the bladder and bowels, told in the past

def test_peed_all_the_time_is_urinary_frequency(triager):
    assert "urinary_frequency" in refs(triager, "I peed constantly the first week")


def test_peed_blood_needs_a_doctor(triager):
    result = triager.classify("I peed blood twice last week")
    assert "dark_urine" in refs(triager, "I peed blood twice last week")
    assert result.disposition == "medical_attention"


def test_backed_up_in_the_past_is_constipation(triager):
    assert "constipation" in refs(triager, "I was backed up for a week on it")


def test_backed_up_traffic_is_not(triager):
    assert triager.classify("the traffic was backed up so I was late for my refill").disposition == "none"


def test_food_that_lost_its_appeal_is_appetite_loss(triager):
    assert "appetite_loss" in refs(triager, "food lost its appeal for about a month")


# ---------------------------------------------------------------- figures of speech and the illness itself

@pytest.mark.parametrize("text", [
    "it knocked out my anxiety within days",
    "I lost all the weight I gained on the old one",
    "I was crying with joy when I felt normal again",
    "I'm sick of being depressed and hope this works",
])
def test_no_side_effect_in_a_figure_of_speech_or_the_illness(triager, text):
    assert triager.classify(text).disposition == "none", text


def test_knocked_me_out_is_still_drowsiness(triager):
    assert "cns_effects.drowsiness" in refs(triager, "the first dose knocked me out cold")


# ---------------------------------------------------------------- self-harm: an act is a mood change; an accident is none

@pytest.mark.parametrize("text", [
    "two months in I attempted suicide",
    "I tried to kill myself in the spring",
    "I started self harming again on it",
])
def test_an_act_of_self_harm_is_an_emergency_and_a_mood_change(triager, text):
    assert triager.classify(text).disposition == "emergency", text
    assert any(r.endswith("mood") for r in refs(triager, text)), text


@pytest.mark.parametrize("text", [
    "I cut myself shaving this morning, the drowsiness makes me clumsy",
    "I accidentally cut myself chopping onions",
])
def test_a_cut_by_accident_is_no_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency", text


@pytest.mark.parametrize("text", [
    "I cut myself again last night",
    "I have been cutting myself with a blade",
])
def test_cutting_oneself_stays_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency", text


# ---------------------------------------------------------------- the illness eased, told with a worsening word

@pytest.mark.parametrize("text", [
    "my depression is a lot more manageable these days",
    "the depression is more bearable than it was",
    "my depression has been no worse on it",
    "my depression was worse before I started this",
    "still depressed, some weeks worse than others",
])
def test_an_eased_illness_is_no_side_effect(triager, text):
    assert triager.classify(text).disposition == "none", text


def test_an_illness_made_worse_is_still_a_finding(triager):
    result = triager.classify("since starting it my depression has become far worse")
    assert any(r.endswith("mood") for r in {f.ref for f in result.findings})


# ---------------------------------------------------------------- "could not wake up", written out; anger as a state

@pytest.mark.parametrize("text", [
    "I could not wake up in the mornings for a month",
    "some days I could not wake up for work",
])
def test_could_not_wake_up_written_out_is_drowsiness_not_an_emergency(triager, text):
    result = triager.classify(text)
    assert result.disposition == "if_bothersome", text
    assert "cns_effects.drowsiness" in refs(triager, text), text


def test_a_wish_not_to_wake_stays_an_emergency(triager):
    assert triager.classify("I took them all so I would not wake up").disposition == "emergency"


@pytest.mark.parametrize("text", ["uncontrollable anger the first few weeks", "so much anger on this pill"])
def test_anger_as_a_state_is_a_mood_change(triager, text):
    assert any(r.endswith("mood") for r in refs(triager, text)), text


def test_someone_the_writer_cannot_wake_stays_an_emergency(triager):
    assert triager.classify("she took the whole box and now I cannot wake up her").disposition == "emergency"


# ---------------------------------------------------------------- a time on another medicine

@pytest.mark.parametrize("text", [
    "when I was on paroxetine I put on 20 pounds",
    "while taking amitriptyline I was drowsy all day",
])
def test_a_symptom_told_of_the_time_on_another_medicine_is_not_baclofens(triager, text):
    assert triager.classify(text).disposition == "none", text


def test_baclofens_own_symptom_after_the_other_time_is_kept(triager):
    text = "when I was on paroxetine I put on weight, and now on this I feel dizzy"
    assert "cns_effects.dizziness" in refs(triager, text)


# ---------------------------------------------------------------- second fresh set: curtness, appetite, a lifelong illness

@pytest.mark.parametrize("text", ["I became mean and short with my partner", "I was so mean to my kids on it"])
def test_curt_and_mean_with_family_is_a_mood_change(triager, text):
    assert any(r.endswith("mood") for r in refs(triager, text)), text


def test_someone_else_being_mean_is_no_mood_change(triager):
    assert triager.classify("the receptionist was so mean to my dad").disposition == "none"


def test_lost_interest_in_eating_is_appetite_loss(triager):
    assert "appetite_loss" in refs(triager, "I just lost interest in eating on it")


def test_an_illness_of_most_of_a_life_is_the_condition(triager):
    assert triager.classify("I have been anxious and depressed most of my life").disposition == "none"


@pytest.mark.parametrize("text", ["my weight skyrocketed in two months", "weight went through the roof on it"])
def test_weight_through_the_roof_is_weight_gain(triager, text):
    assert "fluid_retention.weight_gain" in refs(triager, text), text


def test_hypersomnia_is_drowsiness(triager):
    assert "cns_effects.drowsiness" in refs(triager, "hypersomnia for the first month")


@pytest.mark.parametrize("text", ["I really like this drug so far", "I feel positive about this drug overall"])
def test_liking_the_drug_is_no_drowsiness(triager, text):
    assert triager.classify(text).disposition == "none", text


def test_no_joy_in_anything_is_a_mood_change(triager):
    assert any(r.endswith("mood") for r in refs(triager, "after a month there was no joy in anything"))


@pytest.mark.parametrize("text", ["it evened out my mood swings nicely", "I have had far fewer mood swings on it"])
def test_mood_swings_smoothed_or_fewer_are_relief(triager, text):
    assert triager.classify(text).disposition == "none", text


def test_a_few_mood_swings_are_still_a_finding(triager):
    assert any(r.endswith("mood") for r in refs(triager, "I had a few mood swings the first week"))


@pytest.mark.parametrize("text", ["depression less severe these days", "depression milder now, sleep fine"])
def test_an_illness_told_as_milder_is_the_condition(triager, text):
    assert triager.classify(text).disposition == "none", text
