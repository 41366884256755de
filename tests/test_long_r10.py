"""Long messages, round 10: a clinician's denial list that runs into a clause of its
own ("denies fever, legs are puffy") no longer denies that clause, while a plain list
goes on being denied.  Every phrasing here is our own (none is taken from an
evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


# ------------------------------------------- a denial list ends at an item told as a clause

@pytest.mark.parametrize("text, ref", [
    ("Pt denies SI, mood noted to be very low since the weekend.", "cns_toxicity.mood"),
    ("Denies headache, pain, feet are swollen by the evening.", "fluid_retention.ankle_swelling"),
    ("Denies CP, nausea, urine was dark brown this morning per wife.", "dark_urine"),
    ("Denies falls, dizziness, hearing voices overnight reported by night staff.",
     "cns_toxicity.hallucinations"),
])
def test_a_denial_list_stops_at_an_item_with_its_own_verb(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text", [
    "Pt denies SI, mood noted to be very low since the weekend.",
    "Denies CP, nausea, urine was dark brown this morning per wife.",
])
def test_the_told_item_is_acted_on(triager, text):
    assert disposition(triager, text) == "medical_attention", text


@pytest.mark.parametrize("text", [
    "denies CP, SOB, N/V, headache or rash",
    "Denies dizziness at rest, SOB on stairs.",
    "Pt denies nausea, vomiting, dark urine.",
    "Denies CP, SOB, or dizziness that is new.",
])
def test_a_plain_denial_list_is_still_denied(triager, text):
    assert found(triager, text) == set(), text


def test_a_list_of_what_was_missing_before_is_not_a_denial_list(triager):
    # a patient's own "wasn't ..." story keeps its reading: only a clinician's list
    # denial ("denies", "negative for") is ended by an item told with its own verb
    text = "Looking back, I wasn't sleeping, was sad all the time and was achy everywhere."
    assert disposition(triager, text) != "emergency"


# ------------------------------------------- a qualifier told in a short clause after a comma

@pytest.mark.parametrize("text, ref", [
    ("My arms are awful after a day of typing, so tight.", "cns_effects_rare.stiffness"),
    ("Whenever I look at the telly, there are two of them.", "overdose_cns.vision"),
])
def test_a_qualifier_after_a_comma_completes_its_head_clause(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text", [
    "my breathing is fine, just slow",
    "the nurse had him practise breathing, very slow",
    "my breath has been good all week, very slow and steady",
])
def test_a_comma_afterthought_makes_no_breathing_emergency(triager, text):
    assert disposition(triager, text) != "emergency", text


# ------------------------------------------- doses kept up are no plan to take them all

@pytest.mark.parametrize("text", [
    "I'm taking all my doses, haven't missed a single one. Can it go up?",
    "She takes all her doses, the carers check.",
])
def test_taking_every_dose_is_not_an_overdose(triager, text):
    assert disposition(triager, text) == "none", text


@pytest.mark.parametrize("text", [
    "I've just swallowed all my tablets at once.",
    "I'm going to take all my doses at once tonight.",
])
def test_taking_them_all_at_once_is_still_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency", text


# ------------------------------------------- a collapse told with how long it lasted

@pytest.mark.parametrize("text", [
    "At the sink he went grey, slumped against the cupboard and was out for about twenty seconds.",
    "Gran slipped off the bench and was out for a few moments before she knew us again.",
])
def test_a_collapse_with_its_length_is_a_faint(triager, text):
    assert "syncope.fainting" in found(triager, text), text
    assert disposition(triager, text) == "medical_attention", text


@pytest.mark.parametrize("text", [
    "I went pale at the news and went out for a walk to clear my head.",
    "I fell asleep on the sofa and was out for a few hours.",
])
def test_being_out_for_a_while_is_no_faint(triager, text):
    assert "syncope.fainting" not in found(triager, text), text


# ------------------------------------------- a reduction wished for is no stop yet

@pytest.mark.parametrize("text", [
    "My spasms are well managed now, so I'd like to reduce the dose. How do I do it safely?",
    "I'm hoping to come off it eventually; the cramps are well managed for now.",
])
def test_a_wished_reduction_is_not_withdrawal(triager, text):
    assert disposition(triager, text) == "none", text


def test_a_reduction_made_is_still_a_stop(triager):
    text = "I cut the dose myself on Friday and now my legs are spasming all the time."
    assert disposition(triager, text) == "withdrawal"


def test_a_hard_time_passing_water_is_difficult_urination(triager):
    assert "urination_difficulty" in found(triager, "Dad has a hard time passing water since the dose went up.")


def test_an_attempt_to_come_off_is_still_a_stop(triager):
    text = "Whenever I try to come off it my legs go into spasm for days."
    assert disposition(triager, text) == "withdrawal"
