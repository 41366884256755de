"""Misses the round-14/15 estimators found on fresh text, as classes (phrasings of our own)."""
from __future__ import annotations

import pytest


def refs(result) -> set[str]:
    return {f.ref for f in result.findings}


# People seen in a room where no one would be, as a carer tells it, are hallucinations.
@pytest.mark.parametrize("text", [
    "the man I care for says he's seeing kids in his bedroom every night",
    "my aunt on baclofen keeps telling us she saw a man in her room",
])
def test_people_seen_in_the_room_are_hallucinations(triager, text):
    assert "cns_toxicity.hallucinations" in refs(triager.classify(text))


@pytest.mark.parametrize("text", [
    "I'm seeing people in my room for therapy appointments now",
    "she saw someone in her room on the video call",
])
def test_people_met_in_a_room_are_no_hallucination(triager, text):
    assert "cns_toxicity.hallucinations" not in refs(triager.classify(text))


# A reduction a doctor made, or a coming off told with its pace or plan, is a taper, not an
# abrupt stop: no "you may need to restart" for hallucinations the dose was lowered for.
@pytest.mark.parametrize("text", [
    "Been seeing things that aren't there. The doc lowered my dose.",
    "Weaned off over four weeks on my consultant's plan and now I feel tense.",
    "tapering off gradually as planned and my legs feel a bit restless",
])
def test_a_planned_or_paced_reduction_is_no_abrupt_stop(triager, text):
    r = triager.classify(text)
    assert r.disposition != "withdrawal", text
    assert not r.context.get("stopped_suddenly")


def test_a_stop_against_the_plan_is_still_abrupt(triager):
    r = triager.classify("my doctor's advice was to taper but I just stopped it, now I'm hallucinating")
    assert r.disposition == "withdrawal"


# An adjective's noun reads as the adjective: "shakiness" is "shaky", "restlessness" "restless".
@pytest.mark.parametrize("text, ref", [
    ("the shakiness in my fingers makes writing hard", "cns_effects_rare.trembling"),
    ("so much wobbliness when I get up", "cns_effects_rare.unsteadiness"),
    ("restlessness every evening since my prescription ran out", "withdrawal_nervousness"),
])
def test_an_adjectives_noun_is_the_sign(triager, text, ref):
    assert ref in refs(triager.classify(text))


def test_weepiness_is_mood_not_weariness(triager):
    assert refs(triager.classify("a lot of weepiness this week")) == {"cns_toxicity.mood"}


# A child or a pet that found or reached the tablets: with a sign beside it, an unwitnessed
# swallowing until shown otherwise; by itself, no emergency.
@pytest.mark.parametrize("text", [
    "my little boy found my baclofen on the counter and now he's really drowsy",
    "our puppy reached the packet on the bedside table and is staggering about",
])
def test_a_child_or_pet_at_the_tablets_with_signs_is_an_emergency(triager, text):
    r = triager.classify(text)
    assert r.disposition == "emergency"
    assert "Poison Control" in r.advice


def test_a_find_without_signs_is_no_emergency(triager):
    assert triager.classify("my daughter found my tablets but the lid was on tight").disposition != "emergency"


def test_a_pets_swallowing_names_the_vet(triager):
    r = triager.classify("the cat ate one of my baclofen tablets")
    assert r.disposition == "emergency" and "vet" in r.advice


# A supply lower than its count allows is tablets taken beyond it (as tablets counted missing are).
@pytest.mark.parametrize("text", [
    "his blister pack is emptier than it ought to be and he's slurring",
    "there are fewer left in the box than there should be",
])
def test_a_supply_lower_than_it_should_be_is_too_much_taken(triager, text):
    assert triager.classify(text).context["took_too_much"] is True


def test_more_left_than_there_should_be_is_no_overdose(triager):
    assert triager.classify("there are more left in her box than there should be").context["took_too_much"] is not True
