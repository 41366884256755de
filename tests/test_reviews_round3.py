"""Drug reviews, round 3: a limb gone floppy is weakness (a body gone floppy is
an emergency), "which is not like me" about a deed, a change dated by the
dose, another medicine singled out ("is what", "unlike"), other reviewers,
a spell ended by "not anymore" or "back to normal", what came instead of
what was expected, and lay words for the monograph's everyday entries.
Every phrasing here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


WEAK = "cns_effects.weakness"
SEVERE_WEAK = "overdose_cns.severe_weakness"
MOOD = "cns_toxicity.mood"
DROWSY = "cns_effects.drowsiness"
DIZZY = "cns_effects.dizziness"
HEADACHE = "cns_effects_rare.headache"
SLEEPING = "cns_effects_rare.sleeping"


# ---------------------------------------------------------------- floppy

@pytest.mark.parametrize("text", [
    "my arms go floppy and useless by the evening",
    "it loosened my calves but now my legs feel floppy",
    "it made my arms floppy and weak",
])
def test_floppy_limbs_are_weakness_not_an_emergency(triager, text):
    # the limb's weakness frame holds the overdose table's bare "floppy"
    assert disposition(triager, text) == "if_bothersome"
    assert WEAK in found(triager, text)


@pytest.mark.parametrize("text", [
    "my toddler is floppy and won't respond",
    "his whole body is floppy",
    "she went floppy in the chair",
])
def test_a_body_gone_floppy_is_still_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency"
    assert SEVERE_WEAK in found(triager, text)


# ---------------------------------------------------------------- mood

def test_a_deed_that_is_not_like_me_is_no_mood_change(triager):
    text = "I doze off after tea every day, which is not like me at all"
    assert MOOD not in found(triager, text)
    assert disposition(triager, text) == "if_bothersome"


@pytest.mark.parametrize("text", [
    "my mood crashed after the dose went up",
    "mood has been dark since they upped the dose",
    "I feel not like me lately",
])
def test_a_mood_change_dated_by_the_dose_is_still_a_mood_change(triager, text):
    assert MOOD in found(triager, text)


def test_a_mood_told_with_a_low_dose_is_not_low_mood(triager):
    assert MOOD not in found(triager, "my mood is great on the low dose")


# ---------------------------------------------------------------- another medicine, another reviewer

@pytest.mark.parametrize("text", [
    "the pregabalin I'm on is what makes me dizzy",
    "the steroids I take are what give me headaches",
    "my water tablets cause the dizziness",
    "the sertraline already wrecked my sleep years before this",
])
def test_a_symptom_another_medicine_is_singled_out_for_is_not_a_finding(triager, text):
    assert disposition(triager, text) == "none"


def test_a_medicine_set_against_this_one_is_not_blamed(triager):
    assert DIZZY in found(triager, "unlike the gabapentin, baclofen makes me dizzy")


@pytest.mark.parametrize("text", [
    "a coworker on it said it gave her headaches",
    "people online say it makes them dizzy",
])
def test_other_reviewers_are_not_the_patient(triager, text):
    assert disposition(triager, text) == "none"


# ---------------------------------------------------------------- ended, expected, instead

@pytest.mark.parametrize("text", [
    "I was dizzy in the first week, not anymore",
    "sleep was rubbish to begin with but it is back to normal",
    "headaches at the start but they are gone now",
])
def test_a_spell_told_with_its_end_is_not_a_finding(triager, text):
    assert disposition(triager, text) == "none"


@pytest.mark.parametrize("text, absent, present", [
    ("it makes me wired instead of making me drowsy, I lie awake for hours", DROWSY, SLEEPING),
    ("I assumed it would make me sleepy but I get headaches instead", DROWSY, HEADACHE),
])
def test_what_was_expected_or_replaced_is_not_had(triager, text, absent, present):
    refs = found(triager, text)
    assert absent not in refs and present in refs


def test_a_warning_that_came_true_is_a_finding(triager):
    # the warning's own object is spent; the patient then tells theirs
    assert DROWSY in found(triager, "the pharmacist warned me about dizziness and now I'm so drowsy")


def test_a_question_with_two_symptoms_stays_a_question(triager):
    assert disposition(triager, "will it make me dizzy and sleepy?") == "none"


# ---------------------------------------------------------------- lay words for the everyday entries

@pytest.mark.parametrize("text, ref", [
    ("I'm half asleep most of the morning", DROWSY),
    ("the evening dose knocks me flat", DROWSY),
    ("my eyelids are like lead by nine", DROWSY),
    ("totally wiped by the afternoon", "cns_effects_rare.tiredness"),
    ("it has slowed my bowels a lot", "constipation"),
    ("up three times a night for the toilet", "urinary_frequency"),
    ("my bladder is never emptying properly", "urination_difficulty"),
    ("hardly passing urine since the increase", "urination_difficulty"),
    ("my thinking is hazy", "cns_effects.confusion"),
    ("I've lost strength in my hands", WEAK),
    ("there's no grip in my right hand", WEAK),
])
def test_lay_words_for_the_everyday_entries(triager, text, ref):
    assert ref in found(triager, text)


@pytest.mark.parametrize("text, ref", [
    ("I'm so tired and just can't shake it off", "cns_effects_rare.trembling"),
    ("after the school run I need a nap", "gi_irritation.diarrhea"),
    ("I feel flat and numb inside", "cns_effects_rare.numbness"),
])
def test_everyday_idioms_are_not_the_sign_their_word_names(triager, text, ref):
    assert ref not in found(triager, text)


def test_what_it_took_the_edge_off_is_relief(triager):
    assert disposition(triager, "this took the edge off the stiffness quickly") == "none"


@pytest.mark.parametrize("text", [
    "lately I'm weepy and low most evenings",
    "honestly just anxious and down since the increase",
])
def test_low_told_in_a_pair_of_feelings_is_a_mood_change(triager, text):
    assert MOOD in found(triager, text)
    assert disposition(triager, text) == "medical_attention"


def test_low_blood_sugar_with_nerves_is_no_mood_change(triager):
    assert MOOD not in found(triager, "my sugars were low and I was a bit anxious")


@pytest.mark.parametrize("text", [
    "it is far less drowsy-making than my gabapentin",
    "thought baclofen caused my constipation, but it turned out to be the codeine",
])
def test_a_symptom_given_to_another_medicine_by_comparison_or_finding(triager, text):
    assert disposition(triager, text) == "none"


def test_a_fit_blamed_on_another_medicine_stays_an_emergency(triager):
    assert disposition(triager, "I had a fit, but it turned out to be the tramadol") == "emergency"


# ---------------------------------------------------------------- found by the holdout set

@pytest.mark.parametrize("text", [
    "the sleepiness hits me right after lunch",
    "a wave of dizziness hits me when I stand",
])
def test_a_feeling_that_hits_me_is_no_aggression(triager, text):
    assert MOOD not in found(triager, text)
    assert disposition(triager, text) == "if_bothersome"


def test_being_hit_by_someone_a_carer_reports_is_still_aggression(triager):
    assert MOOD in found(triager, "he has started hitting me when he's confused")


@pytest.mark.parametrize("text", [
    "my legs used to keep me awake every night",
    "I was prepared for nausea but it never came",
])
def test_what_used_to_happen_or_never_came_is_not_a_finding(triager, text):
    assert disposition(triager, text) == "none"


@pytest.mark.parametrize("text, ref", [
    ("I'm getting used to the dizziness but it's still there", DIZZY),
    ("I'm used to feeling drowsy by now, still annoying", DROWSY),
])
def test_accustomed_is_not_the_past(triager, text, ref):
    assert ref in found(triager, text)


@pytest.mark.parametrize("text, ref", [
    ("six pounds up in a month", "fluid_retention.weight_gain"),
    ("constantly running to the bathroom", "urinary_frequency"),
    ("we haven't been intimate in months since he started it", "sexual_problems"),
    ("a little sick most mornings", "nausea"),
])
def test_more_lay_words_for_the_everyday_entries(triager, text, ref):
    assert ref in found(triager, text)


def test_pounds_lost_are_no_weight_gain(triager):
    assert "fluid_retention.weight_gain" not in found(triager, "ten pounds off since I started")


# ---------------------------------------------------------------- found by a short-sentence probe

def test_dreams_that_woke_me_are_not_a_dream_of_a_symptom(triager):
    text = "bad dreams that wake me and then I can't get back to sleep"
    assert SLEEPING in found(triager, text)


def test_a_dreamt_overdose_is_still_a_dream(triager):
    assert disposition(triager, "I had a nightmare that I swallowed the whole box") == "none"


def test_a_spell_told_by_how_short_it_was_is_resolved(triager):
    assert disposition(triager, "the dizziness only lasted a couple of days") == "none"


@pytest.mark.parametrize("text, ref", [
    ("I'm like a robot on it", MOOD),
    ("so much forgetfulness lately", "cns_effects.confusion"),
    ("I couldn't think straight at work", "cns_effects.confusion"),
])
def test_short_review_words(triager, text, ref):
    assert ref in found(triager, text)


# ---------------------------------------------------------------- found by a second probe of calm sentences

@pytest.mark.parametrize("text", [
    "headaches for about a fortnight or so but that passed",
    "I was scared of putting on weight but it hasn't happened",
    "the nurse told me to expect some dizziness",
])
def test_a_spell_with_its_length_a_fear_that_did_not_come_and_a_warning(triager, text):
    assert disposition(triager, text) == "none"


def test_a_denial_of_another_sign_does_not_end_a_spell(triager):
    # "but I haven't had any X" denies X; it says nothing of the dizziness before it
    assert DIZZY in found(triager, "I get dizzy but I haven't had any headaches")


# ---------------------------------------------------------------- everyday idioms with emergency or urgent words

@pytest.mark.parametrize("text", [
    "the first month went by in a blur, but the spasms are better",
    "we were breathless with laughter at the physio",
    "my son was convulsing with laughter at my walk",
    "it got rid of the fits of cramp in my calves",
    "I still can't move my arms as well as I'd like",
    "before baclofen I could barely breathe for the spasms in my ribs",
])
def test_an_idiom_or_the_past_is_no_emergency(triager, text):
    assert disposition(triager, text) != "emergency"


@pytest.mark.parametrize("text", [
    "my vision is a blur",
    "she is convulsing on the floor",
    "I can't move my legs at all",
])
def test_the_signs_themselves_stay_emergencies(triager, text):
    assert disposition(triager, text) == "emergency"


@pytest.mark.parametrize("text", [
    "I'm seeing things more clearly since the fog cleared",
    "I can hear the neighbours music through the wall at night",
])
def test_real_sights_and_sounds_are_no_hallucinations(triager, text):
    assert "cns_toxicity.hallucinations" not in found(triager, text)


def test_a_run_is_no_diarrhoea(triager):
    assert "gi_irritation.diarrhea" not in found(triager, "my legs ache on the run home from work")


def test_worse_than_before_the_drug_is_now(triager):
    assert WEAK in found(triager, "my legs are weaker than they were before baclofen")
