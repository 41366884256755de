"""Psychiatric-drug reviews, round 7 of the red team: thoughts of suicide told
indirectly, a stop told as "going off" or "weaning off", and a few sexual and
appetite wordings.  Every phrasing here is our own (none is taken from an
evaluation set or from the red team's own cases)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def refs(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


# ---------------------------------------------------------------- suicidal thoughts, told indirectly

@pytest.mark.parametrize("text", [
    "some mornings I honestly didn't want to wake up at all",
    "there were nights I did not want to wake up the next day",
    "by week three I just wanted to disappear from everyone",
    "I caught myself thinking about crashing the car into a wall on the motorway",
])
def test_a_wish_not_to_wake_or_to_vanish_gets_care_today(triager, text):
    assert triager.classify(text).disposition in ("medical_attention", "emergency"), text


@pytest.mark.parametrize("text", [
    "on it I thought my family would be better off without me",
    "a month in and I wanted to kill myself most days",
    "it gave me thoughts of ending my life",
    "by the second week I wanted to kill myself",
])
def test_a_thought_of_suicide_is_also_a_mood_change(triager, text):
    assert any(r.endswith("mood") for r in refs(triager, text)), text


@pytest.mark.parametrize("text", [
    "I want the headaches to disappear",
    "I wanted to disappear into my bed and sleep for a week after the night shift",
    "I didn't want to wake up my husband so I slept on the sofa",
])
def test_an_ordinary_wish_is_no_thought_of_suicide(triager, text):
    r = triager.classify(text)
    assert r.disposition not in ("medical_attention", "emergency"), (text, [f.ref for f in r.findings])


# ---------------------------------------------------------------- a stop told as going or weaning off

@pytest.mark.parametrize("text", [
    "since going off it I've been so restless I pace the kitchen at night",
    "weaning off gave me a restlessness I've never felt before",
    "while tapering off I got so jittery I couldn't sit through a film",
])
def test_going_or_weaning_off_is_a_stop(triager, text):
    assert triager.classify(text).disposition == "withdrawal", text


def test_an_alarm_going_off_is_no_stop(triager):
    assert triager.classify("my alarm kept going off and I felt restless").disposition != "withdrawal"


# ---------------------------------------------------------------- sexual and appetite wordings

@pytest.mark.parametrize("text", [
    "it took forever to orgasm, if I got there at all",
    "I don't feel like being intimate with my partner any more",
])
def test_more_wordings_of_listed_effects(triager, text):
    assert refs(triager, text), text


@pytest.mark.parametrize("text", [
    "I didn't feel hungry for most of the first month",
    "I wasn't interested in food at all",
])
def test_not_hungry_in_the_past_is_a_loss_of_appetite(triager, text):
    assert "loss_of_appetite" in refs(triager, text) or any("appetite" in r for r in refs(triager, text)), text


# ---------------------------------------------------------------- "made" is no "mad"

@pytest.mark.parametrize("text", [
    "walking into town made me tired",
    "going back to work made me so sleepy in the afternoons",
])
def test_made_does_not_fold_onto_mad(triager, text):
    r = triager.classify(text)
    assert not any(f.ref.endswith("mood") for f in r.findings), (text, [f.ref for f in r.findings])
    assert r.disposition == "if_bothersome", text


def test_going_mad_is_still_a_mood_change(triager):
    assert any(f.ref.endswith("mood") for f in triager.classify("I felt like I was going mad on it").findings)


# ---------------------------------------------------------------- other psychiatric drugs, by brand

@pytest.mark.parametrize("text", [
    "Lamictal gave me an itchy rash so I came off that one",
    "Latuda made me so dizzy I couldn't drive",
    "the Risperdal had me ringing in my ears for weeks",
    "Buspar gave me headaches every afternoon",
])
def test_another_psychiatric_drug_named_takes_the_blame(triager, text):
    assert triager.classify(text).findings == (), text


# ---------------------------------------------------------------- numbness that is sexual

@pytest.mark.parametrize("text", [
    "it's like everything is numb down there now",
    "I've felt sexually numb for months",
])
def test_numb_down_there_is_a_sexual_effect_not_tingling_hands(triager, text):
    found = refs(triager, text)
    assert any("sexual" in r for r in found) and not any("numbness" in r for r in found), (text, found)


# ---------------------------------------------------------------- "out of it" is spaced out, not out of tablets

@pytest.mark.parametrize("text", [
    "the first week I felt nervous and out of it",
    "I was groggy and out of it and a bit jumpy most mornings",
    "felt really out of it and on edge all day",
])
def test_feeling_out_of_it_is_no_stop(triager, text):
    r = triager.classify(text)
    assert not r.context.get("stopped_suddenly"), text
    assert r.disposition != "withdrawal", (text, [f.ref for f in r.findings])


def test_out_of_tablets_is_still_a_stop(triager):
    assert triager.classify("I've been out of it since Friday and my legs are like boards").disposition == "withdrawal"


# ---------------------------------------------------------------- no desire to have sex

@pytest.mark.parametrize("text", [
    "I have no desire to have sex with anyone",
    "there's just no desire to make love any more",
])
def test_no_desire_to_have_sex_is_a_sexual_effect(triager, text):
    assert any("sexual" in r for r in refs(triager, text)), text


# ---------------------------------------------------------------- "getting off it", "discontinuation syndrome"

@pytest.mark.parametrize("text", [
    "every time I try to get off it I get so restless I can't sit down",
    "getting off it was brutal, I was weepy and snapping at everyone",
    "the discontinuation syndrome left me paranoid and weepy",
])
def test_getting_off_it_and_discontinuation_are_stops(triager, text):
    assert triager.classify(text).disposition == "withdrawal", (text, [f.ref for f in triager.classify(text).findings])


@pytest.mark.parametrize("text", [
    "I get off the bus a stop early because I feel anxious",
    "got off work early, I felt so anxious",
])
def test_getting_off_a_bus_is_no_stop(triager, text):
    assert triager.classify(text).disposition != "withdrawal", text


# ---------------------------------------------------------------- a relief word that ends its clause

@pytest.mark.parametrize("text, ref", [
    ("I go out a lot less, chest pain most evenings", "chest_pain"),
    ("I exercise less, constant nausea in the mornings", "nausea"),
    ("sleeping less, headaches nearly every day", "cns_effects_rare.headache"),
])
def test_a_relief_word_ending_its_clause_relieves_nothing_after_it(triager, text, ref):
    assert ref in refs(triager, text), (text, refs(triager, text))


def test_a_relief_word_still_relieves_its_own_list(triager):
    assert "nausea" not in refs(triager, "no more nausea, headaches or dizziness")


# ---------------------------------------------------------------- a short night told per night

@pytest.mark.parametrize("text", [
    "I'm down to about 4 hours a night",
    "3 hrs per night at best since the dose went up",
])
def test_few_hours_a_night_is_trouble_sleeping(triager, text):
    assert "cns_effects_rare.sleeping" in refs(triager, text), (text, refs(triager, text))


def test_a_full_night_per_night_is_no_trouble(triager):
    assert "cns_effects_rare.sleeping" not in refs(triager, "I get a solid 8 hours a night")


# ---------------------------------------------------------------- more ways to tell a stop

@pytest.mark.parametrize("text", [
    "when I cut back to one tablet a day I turned weepy and paranoid",
    "three days after my last tablet I couldn't stop crying",
    "I weaned myself off it and was constantly on edge",
    "been off it for 4 days and I'm a nervous wreck",
    "stopping this drug left me paranoid about the neighbours",
    "I decided to quit and was snapping at everyone for a week",
])
def test_more_ways_to_tell_a_stop(triager, text):
    r = triager.classify(text)
    assert r.disposition == "withdrawal", (text, [f.ref for f in r.findings])



def test_cutting_down_on_coffee_is_no_stop(triager):
    assert triager.classify("I cut down to one coffee a day and feel so irritable").disposition != "withdrawal"


def test_having_taken_many_drugs_is_no_overdose(triager):
    assert triager.classify("I have taken many, many drugs over the years and this one made me sleepy").disposition \
        != "emergency"
