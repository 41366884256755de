"""Drug reviews, round 5: a spell in the first days of treatment was had on
the medicine (a side effect, not the past before it), a relative clause
between a symptom and what ended it, and the other classes of the round's
red team.  Every phrasing here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


DROWSY = "cns_effects.drowsiness"
DIZZY = "cns_effects.dizziness"


# ---------------------------------------------------------------- the first days on it

@pytest.mark.parametrize("text, ref", [
    ("really groggy the first few days on it", DROWSY),
    ("I was lightheaded the first week, and I nearly gave up", DIZZY),
    ("queasy at the start, which my GP said is common", "nausea"),
    ("dozy all afternoon when I first started", DROWSY),
])
def test_a_spell_at_the_start_of_treatment_is_a_side_effect(triager, text, ref):
    assert ref in found(triager, text), text


def test_fainting_in_the_first_week_on_it_needs_attention(triager):
    # not the past before the medicine: it happened on it
    assert disposition(triager, "I passed out twice the first week") == "medical_attention"


@pytest.mark.parametrize("text", [
    "the dozy feeling I had at the start has worn off",
    "the dizziness that I got the first fortnight has gone",
    "the sickness I had in the beginning went away",
    "lightheaded the first few days, none now",
    "groggy the first week, all good now",
])
def test_a_spell_at_the_start_with_its_end_told_is_over(triager, text):
    assert disposition(triager, text) == "none", text


# ---------------------------------------------------------------- everyday words for the tables' signs

MOOD = "cns_toxicity.mood"


@pytest.mark.parametrize("text, ref", [
    ("I've lost the will to live on this stuff", MOOD),
    ("I keep losing my words halfway through a sentence", "cns_effects_rare.speech"),
    ("by mid afternoon I hit a wall and need the sofa", "cns_effects_rare.tiredness"),
    ("giddy and happy all evening, like I'd had champagne", "cns_effects_rare.well_being"),
])
def test_everyday_words_for_a_sign(triager, text, ref):
    assert ref in found(triager, text), text


def test_giddy_with_happiness_is_not_dizziness(triager):
    assert DIZZY not in found(triager, "giddy and happy all evening, like I'd had champagne")


def test_losing_the_will_to_live_needs_care_today(triager):
    assert disposition(triager, "this tablet has taken away my will to live") in ("medical_attention", "emergency")


def test_feeling_crazy_after_running_out_is_withdrawal(triager):
    assert disposition(triager, "my pharmacy was out of it for three days and I felt like I was going insane") \
        == "withdrawal"


# ---------------------------------------------------------------- what the symptom is not

@pytest.mark.parametrize("text", [
    # another medicine, by a brand name, down its list
    "Paxil made me put on weight and gave me no sex drive",
    # a claim told to the patient
    "we were warned it might make him sleepy, nothing so far",
    # the past before the medicine
    "I had nasty cramps in my calves before this, hardly any now",
    # untouched by it
    "my tinnitus is unaffected by it",
    # another cause found
    "I was sure it was giving me headaches, turned out to be my new contact lenses",
])
def test_not_a_side_effect(triager, text):
    assert disposition(triager, text) == "none", text


def test_the_medicine_found_to_be_the_cause_is_a_side_effect(triager):
    assert "cns_effects_rare.headache" in found(
        triager, "I blamed my new glasses for the headaches, but it turned out to be the baclofen")


def test_a_time_before_it_opening_its_own_clause_keeps_the_symptom(triager):
    assert DIZZY in found(triager, "dizzy every morning, before this I was fine")


@pytest.mark.parametrize("text, ref", [
    ("Tell me the dizziness gets better? Day 3 of this", DIZZY),
    ("please tell me the grogginess goes away?", DROWSY),
])
def test_a_hope_that_it_passes_reports_it(triager, text, ref):
    assert ref in found(triager, text), text


# ---------------------------------------------------------------- relief, the illness, and asides

@pytest.mark.parametrize("text", [
    "it eliminated my dizzy spells completely",
    "I feel far less grumpy than on the old tablets",
])
def test_relief_or_the_illness_is_no_side_effect(triager, text):
    assert disposition(triager, text) == "none", text


def test_low_spirits_since_starting_it_are_a_mood_change(triager):
    assert MOOD in found(triager, "feeling down ever since I started it")


SEXUAL = "sexual_problems"


@pytest.mark.parametrize("text, ref", [
    ("I don't have much of a sex drive on this", SEXUAL),
    ("the only real downside is the sexual side", SEXUAL),
    ("not to mention I've put on a stone", "fluid_retention.weight_gain"),
])
def test_reported_in_a_roundabout_way(triager, text, ref):
    assert ref in found(triager, text), text


def test_relief_from_pain_is_no_sexual_problem(triager):
    assert SEXUAL not in found(triager, "no release from the pain in my back, sadly")


# ---------------------------------------------------------------- more everyday words (second fresh set)

@pytest.mark.parametrize("text, ref", [
    ("got up from the sofa and everything greyed out for a moment", DIZZY),
    ("loads of trapped wind since starting these", "gi_irritation.abdominal_pain"),
    ("I've been so ratty with the kids lately", MOOD),
    ("food holds no appeal for me these days", "appetite_loss"),
    ("each dose gives me a strange high for an hour", "cns_effects_rare.well_being"),
    ("honestly it's done a number on my sex life", SEXUAL),
    ("my husband says he can hardly get hard on it", SEXUAL),
])
def test_lay_words_of_the_second_set(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text", [
    "my GP thinks the dose is a bit high for me",
    "my blood pressure was a bit high at the clinic",
])
def test_lay_words_that_are_not_a_sign(triager, text):
    refs = found(triager, text)
    assert "cns_effects_rare.well_being" not in refs, text


# ---------------------------------------------------------------- "less", and PsyTAR-style lists

@pytest.mark.parametrize("text", [
    "more confident, less depressed than in years",
    "calmer and less weepy these days",
])
def test_less_of_a_sign_is_relief(triager, text):
    assert disposition(triager, text) == "none", text


def test_less_than_a_time_is_no_relief(triager):
    assert DIZZY in found(triager, "less than a month in I was dizzy constantly")


def test_weak_erections_are_a_sexual_problem_not_weakness(triager):
    refs = found(triager, "libido is low and erections are weak")
    assert SEXUAL in refs and "cns_effects.weakness" not in refs


def test_felt_high_is_a_false_sense_of_well_being(triager):
    assert "cns_effects_rare.well_being" in found(triager, "felt high for hours after the first dose")


def test_a_list_given_as_the_reason_for_taking_it_is_the_illness(triager):
    assert disposition(triager, "I was put on it because of depression and nonstop crying") == "none"


def test_a_side_effect_after_the_reason_is_still_one(triager):
    assert DIZZY in found(triager, "I was put on it because of depression and it makes me dizzy")


# ---------------------------------------------------------------- "since starting it ... ago"

@pytest.mark.parametrize("text, ref", [
    ("ever since I started on it about six weeks ago my ankles have been puffy", "fluid_retention.ankle_swelling"),
    ("Since beginning baclofen a couple of months ago, constantly bunged up", "constipation"),
])
def test_a_time_since_starting_it_runs_up_to_now(triager, text, ref):
    assert ref in found(triager, text), text


def test_a_time_ago_alone_is_still_the_past(triager):
    assert disposition(triager, "months ago I had a seizure, nothing since") != "emergency"


# ---------------------------------------------------------------- an illness of long standing

@pytest.mark.parametrize("text", [
    "my GP started me on it after a decade of depression and decades of anxiety",
    "finally got put on it after twenty years of depression",
])
def test_an_illness_of_long_standing_is_the_illness(triager, text):
    assert MOOD not in found(triager, text), text


def test_emotional_numbness_is_a_mood_change_not_numb_hands(triager):
    refs = found(triager, "weight gain and emotional numbness on it")
    assert "cns_effects_rare.numbness" not in refs and MOOD in refs


# ---------------------------------------------------------------- a taper too fast, a cleft, idioms of "very low"

@pytest.mark.parametrize("text", [
    "the neurologist cut my dose too quickly and I was jittery and on edge for days",
    "I weaned myself off too fast and couldn't sit still for a week",
])
def test_a_reduction_too_fast_is_an_abrupt_stop(triager, text):
    assert disposition(triager, text) == "withdrawal", text


def test_a_reduction_by_the_prescriber_alone_is_still_a_taper(triager):
    assert disposition(triager, "my doctor halved my dose last month and I feel fine") == "none"


def test_another_medicine_singled_out_by_a_cleft(triager):
    assert disposition(triager, "it's the gabapentin that swells my ankles, not this") == "none"


def test_the_triaged_medicine_singled_out_by_a_cleft_is_a_side_effect(triager):
    assert DIZZY in found(triager, "it's the baclofen that leaves me dizzy")


@pytest.mark.parametrize("text, ref", [
    ("my mood has hit rock bottom since the increase", MOOD),
    ("my appetite has nosedived", "appetite_loss"),
])
def test_idioms_of_very_low(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text, ref", [
    ("lightheaded every morning but it passes", DIZZY),
    ("groggy after each tablet, it usually passes", DROWSY),
])
def test_a_spell_that_passes_each_time_is_still_had(triager, text, ref):
    assert ref in found(triager, text), text


def test_a_spell_that_passed_is_over(triager):
    assert disposition(triager, "lightheaded for a week but it passed") == "none"
