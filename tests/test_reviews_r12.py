"""Drug reviews, round 12: an early spell ended by a clause of its own later in the
sentence (", now I'm fine", ", I've been ok since"), an illness had before the drug
that the drug helps, a dash to the toilet beside diarrhoea, and a fit or blackout
blamed on other medicines tried in the past.  Every phrasing here is our own (none is
taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


# ---------------------------------------------------------------- an early spell, ended by a clause of its own

@pytest.mark.parametrize("text", [
    "I felt woozy for the first few days, now I'm fine",
    "my head spun at the start, I've been ok since",
    "queasy the first fortnight, went back to work, I've been fine since",
    "he was very sleepy when they started him on it, he's fine now",
    "lightheaded for a week or so, now I'm back to normal and walking more",
    "the first month I was woozy, kept walking into the furniture, after that it settled down",
])
def test_an_early_spell_ended_later_in_the_sentence_is_over(triager, text):
    assert disposition(triager, text) == "none", text


@pytest.mark.parametrize("text", [
    "I feel dizzy all day, now I'm fine otherwise",
    "dizzy at the start and still dizzy, I'm not fine at all",
    "I've been nauseous since the first week, it's awful",
])
def test_a_spell_with_no_end_of_its_own_is_still_had(triager, text):
    assert disposition(triager, text) == "if_bothersome", text


def test_an_emergency_sign_stays_one_after_an_end_clause(triager):
    assert disposition(triager, "he had a fit in the first week, now he's fine") == "emergency"


# ---------------------------------------------------------------- a dash to the toilet beside the bowels

def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


@pytest.mark.parametrize("text", [
    "the runny stools were the worst of it, I was running to the loo all morning",
    "my tummy was churning and I kept rushing to the toilet",
    "loose bowels for a week, always running to the bathroom",
    "the runny tummy was relentless, constantly dashing to the toilet, day and night",
])
def test_a_dash_to_the_toilet_told_with_the_bowels_is_no_bladder_sign(triager, text):
    assert not any(ref == "urinary_frequency" for ref in found(triager, text)), text


@pytest.mark.parametrize("text", [
    "since the dose went up I'm forever dashing to the loo to pee",
    "I keep rushing to the toilet every half hour, my bladder is overactive",
])
def test_a_dash_to_the_toilet_alone_is_still_the_bladder(triager, text):
    assert any(ref == "urinary_frequency" for ref in found(triager, text)), text


# ---------------------------------------------------------------- a fit blamed on other medicines tried in the past

@pytest.mark.parametrize("text", [
    "the other relaxants I tried gave me fits, this one has been kind to me",
    "previous muscle relaxants caused seizures for me, baclofen never has",
    "I tried two other drugs first and one of them gave me a seizure, so I'm wary",
    "the other pills I was on for my legs gave me fits",
])
def test_a_fit_blamed_on_other_medicines_tried_before_is_no_emergency_now(triager, text):
    assert disposition(triager, text) != "emergency", text


@pytest.mark.parametrize("text", [
    "my gabapentin gave me a seizure this morning",
    "I tried gabapentin and it gave me a seizure",
    "the other meds I tried gave me a fit again today",
    "the other tablets I'm on are giving me fits",
])
def test_a_fit_blamed_on_another_medicine_now_stays_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency", text


# ---------------------------------------------------------------- had before the medicine, which now helps it

@pytest.mark.parametrize("text", [
    "I had shocking insomnia before, and baclofen actually helps me get some sleep",
    "I had awful headaches before, the tablets have really helped",
    "I was nauseous before, and this medicine has eased it",
])
def test_an_illness_had_before_that_the_medicine_helps_is_no_side_effect(triager, text):
    assert disposition(triager, text) == "none", text


@pytest.mark.parametrize("text", [
    "I never had insomnia before, now I can't sleep at all",
    "I was dizzy before, now I'm much dizzier",
])
def test_a_symptom_new_or_worse_since_is_still_had(triager, text):
    assert disposition(triager, text) == "if_bothersome", text


def test_a_fit_had_before_that_the_medicine_helped_is_still_a_fit(triager):
    assert disposition(triager, "I had fits before, and baclofen helped") == "emergency"


# ---------------------------------------------------------------- an overdose of the past, told by what it left

@pytest.mark.parametrize("text", [
    "it has done wonders for me after a nasty overdose that took a real toll on my muscles",
    "baclofen helped me get back on my feet after an overdose of sleeping pills wrecked my body",
    "the tablets helped me recover after an overdose",
])
def test_an_overdose_told_by_the_harm_it_left_is_no_overdose_now(triager, text):
    assert disposition(triager, text) != "emergency", text


@pytest.mark.parametrize("text", [
    "the overdose is taking its toll, he's so drowsy",
    "I took an overdose this morning and my body feels wrecked",
    "I overdosed and it has damaged my kidneys, what do I do",
])
def test_an_overdose_now_stays_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency", text


# ---------------------------------------------------------------- a symptom caused by an operation or an injury

@pytest.mark.parametrize("text", [
    "five years of heartburn and nausea caused by a hernia operation, and baclofen finally stopped it",
    "constant dizziness caused by my inner ear surgery, baclofen did nothing for it",
    "I've had nausea ever since my gallbladder operation",
])
def test_a_symptom_caused_by_an_operation_is_no_side_effect(triager, text):
    assert disposition(triager, text) == "none", text


@pytest.mark.parametrize("text", [
    "I had a seizure after my operation today",
    "he's having a fit, he had one after the accident too",
])
def test_an_emergency_sign_beside_an_operation_stays_one(triager, text):
    assert disposition(triager, text) == "emergency", text
