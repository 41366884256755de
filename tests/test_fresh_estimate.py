"""Misreads found by a fresh, never-tuned red-team set (round 4), most dangerous
first.  Every phrasing here is our own, written apart from that set's messages."""
from __future__ import annotations

import pytest

from triage_bot.knowledge import KnowledgeError
from triage_bot.reading.patterns import compile_pattern
from triage_bot.triager import Triager


def refs(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


# -------------------------------------------- urgent signs that were read as nothing

@pytest.mark.parametrize("text, ref", [
    # a learner's relative clause with "which are not there"
    ("she is seeing persons standing in the hall at night which are not there, since baclofen",
     "cns_toxicity.hallucinations"),
    # low told with withdrawn
    ("my wife is so low and withdrawn since the baclofen dose went up", "cns_toxicity.mood"),
    # a present-tense spell's length is no spell over; "episodes where" is no TV episode
    ("I get a tight pain in my chest that lasts about ten minutes, twice today, on baclofen", "chest_pain"),
    ("I keep having episodes where my heart pounds hard after the baclofen", "pounding_heartbeat"),
])
def test_an_urgent_sign_in_these_words_is_found(triager, text, ref):
    assert ref in refs(triager, text)


def test_a_spell_that_lasted_is_still_over(triager):
    result = triager.classify("on baclofen I had a rash that lasted a week, it went away")
    assert "dermatitis.rash" not in {f.ref for f in result.findings}


@pytest.mark.parametrize("text", [
    "Baclofen not given for 36 hours as pt nil by mouth. Now pt restless and agitated.",
    "We forgot dad's baclofen for two days on holiday and now he is so restless he can't sit still",
    "forgot to reorder my baclofen, been 2 days w/o it and I'm really jittery",
])
def test_doses_not_given_or_not_renewed_are_a_stop(triager, text):
    assert triager.classify(text).disposition == "withdrawal"


# -------------------------------------------- false emergencies

def test_a_prescription_refill_is_not_a_pump_problem(triager):
    result = triager.classify("forgot to refill my baclofen prescription, day 3 without and I feel jittery")
    assert result.disposition == "withdrawal"
    assert not result.context.get("pump_problem")


@pytest.mark.parametrize("text", [
    "missed my pump refill last week and now I'm itchy",
    "the refill for my baclofen pump is overdue",
    "my pump refill got postponed and my legs are tightening",
])
def test_a_pump_refill_missed_is_still_a_pump_problem(triager, text):
    assert triager.classify(text).context.get("pump_problem")


def test_limbs_rigid_and_jerking_after_missed_doses_are_spasticity_not_a_fit(triager):
    result = triager.classify("the hospital forgot his baclofen for two days, now his legs are stiff and jerking worse than usual")
    assert result.disposition == "withdrawal"
    assert "increased_spasticity" in {f.ref for f in result.findings}


@pytest.mark.parametrize("text", [
    "after her missed baclofen she went rigid and jerking all over on the floor",
    "he stopped his baclofen and his arms and legs went stiff and jerking, he won't answer me",
])
def test_a_whole_body_rigid_and_jerking_is_still_a_seizure(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_what_a_stop_can_cause_told_as_hearsay_is_no_report(triager):
    result = triager.classify("Friends warned me it can make you drowsy, and that quitting it suddenly can cause fits. "
                              "I haven't started it yet.")
    assert result.disposition == "none"


def test_a_seizure_after_a_stop_is_still_an_emergency(triager):
    assert triager.classify("I stopped my baclofen abruptly and had a fit this morning").disposition == "emergency"


# -------------------------------------------- wrong dispositions: learner and nurse wording

@pytest.mark.parametrize("text, ref", [
    ("since the baclofen he is not able to sleep at night", "cns_effects_rare.sleeping"),
    ("I make pipi too often in the day with baclofen", "urinary_frequency"),
    ("my mother don't have wish to eat since baclofen", "appetite_loss"),
    ("Pt has reduced output and struggles to pass urine, on baclofen", "urination_difficulty"),
])
def test_learner_and_nurse_wording_is_read(triager, text, ref):
    assert ref in refs(triager, text)


def test_an_earlier_course_told_with_at_the_time_is_the_past(triager):
    result = triager.classify("My GP tried me on baclofen and I had bad headaches with it at the time, "
                              "I'm fine and not on it now.")
    assert result.disposition == "none"


def test_now_it_is_gone_after_a_symptom_is_no_stop(triager):
    result = triager.classify("I had a headache on baclofen but now it is gone")
    assert not result.context.get("stopped_suddenly")


def test_a_named_supply_finished_is_still_a_stop(triager):
    assert triager.classify("my baclofen tablets are finished since Monday and now I see things").disposition == "withdrawal"


def test_a_written_form_step_cannot_start_a_pattern():
    with pytest.raises(KnowledgeError, match="written-form"):
        compile_pattern("=lasted then", {}, "test")


# -------------------------------------------- withdrawal signs missed after a stop

@pytest.mark.parametrize("text", [
    "ran out of my baclofen 3 days ago, by last night I was restless and edgy, couldn't settle at all",
    "left my baclofen at my sister's, two days without, now I hear someone talking when I'm alone in the flat",
])
def test_withdrawal_signs_in_these_words_are_found(triager, text):
    result = triager.classify(text)
    assert result.disposition == "withdrawal" and result.findings
