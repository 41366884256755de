"""Safety checks written after an eleventh red-team round, in our own words: what an
overdose does, as a nurse or pharmacist explains it; a claim heard, then the sign in
the patient the writer cares for ("... and his breathing is slow now")."""
from __future__ import annotations

import pytest

from .test_safety_round6 import _emergency, _not_emergency


# ------------------------------------------------- an overdose explained, not had

@pytest.mark.parametrize("text", [
    "a nurse explained that an overdose can slow breathing",
    "the pharmacist explained how an overdose can cause seizures",
    "my GP said an overdose could stop your breathing",
])
def test_what_an_overdose_does_explained_is_no_emergency(triager, text):
    _not_emergency(triager, text)


@pytest.mark.parametrize("text", [
    "the nurse said that an overdose can slow breathing and his breathing is slow now",
    "I read that stopping can cause seizures and he is having a seizure now",
    "they told us an overdose could make you hard to wake and she won't wake up",
])
def test_a_claim_heard_then_the_sign_in_the_patient_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "what happens if he gets confused and his breathing slows?",
    "the leaflet says it can slow breathing and that he should get help if it does",
])
def test_a_question_or_a_warning_with_a_subject_after_it_stays_calm(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------- a list of warning signs told, not had

@pytest.mark.parametrize("text", [
    "the pharmacist said signs include blurred vision, I don't have any",
    "the nurse told me the warning signs are slow breathing and confusion, none of that here",
    "my GP explained the signs to watch for include fits and very shallow breathing",
])
def test_warning_signs_told_by_someone_are_no_emergency(triager, text):
    _not_emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my symptoms are blurred vision and a bit of drowsiness",
    "symptoms include slow shallow breathing since this morning",
    "the nurse said signs include slow breathing and his breathing is really slow now",
])
def test_symptoms_told_as_ones_own_stay_emergencies(triager, text):
    _emergency(triager, text)


# ------------------------------------------------ a slip supposed in an if-clause

@pytest.mark.parametrize("text", [
    "if I accidentally took an extra tablet would that be dangerous?",
    "if she swallowed two more by mistake, is that an emergency?",
    "if I ever doubled my dose without thinking, would it hurt me",
])
def test_a_slip_supposed_in_an_if_clause_is_no_overdose(triager, text):
    result = _not_emergency(triager, text)
    assert not result.context.get("took_too_much"), text


@pytest.mark.parametrize("text", [
    "what if I already took an extra tablet, would that be dangerous?",
    "I accidentally took an extra 3 tablets, would that be dangerous?",
    "if I took 20 last night and now I can't stay awake, what do I do?",
])
def test_a_slip_told_as_done_is_still_an_overdose(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "if I accidentally took 20 last night and now I can't wake up properly",
    "if I accidentally took 20 this morning, what should I do",
    "if she mistakenly swallowed a whole strip an hour ago is that bad?",
])
def test_a_slip_in_an_if_clause_dated_just_now_is_still_an_overdose(triager, text):
    _emergency(triager, text)


# ----------------------------------------------- a fever with rigid muscles, no stop told

@pytest.mark.parametrize("text", [
    "I have a fever of 39 and my muscles are rigid",
    "running a high temperature and my legs have gone really rigid",
])
def test_fever_with_rigid_muscles_needs_a_doctor_today(triager, text):
    assert triager.classify(text).disposition in ("medical_attention", "emergency"), text


@pytest.mark.parametrize("text", [
    "stopped my baclofen suddenly on Sunday, now a fever of 39 and my muscles are rigid",
    "his pump was refilled last week, now he has a fever and his legs are rigid",
])
def test_fever_with_rigid_muscles_after_a_stop_or_with_a_pump_stays_an_emergency(triager, text):
    _emergency(triager, text)


# --------------------------------------------- farewells beside the tablets set out

@pytest.mark.parametrize("text", [
    "I've written letters to my kids and put all my pills on the table",
    "wrote goodbye letters and put all my tablets beside the bed",
])
def test_farewell_letters_beside_tablets_set_out_are_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "wrote notes for the carer and put my tablets in the dosette",
    "I left a note for the nurse about my tablets",
    "I wrote a letter to the pharmacy, my tablets were counted out wrong",
])
def test_notes_about_the_tablets_are_no_emergency(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------- breaths counted in number words

@pytest.mark.parametrize("text", [
    "she takes six breaths a minute",
    "she's breathing maybe four or five times a minute",
    "her respiratory rate is about eight per minute",
])
def test_breaths_counted_in_words_and_few_are_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "he takes twenty breaths a minute",
    "I took some deep breaths and two tablets",
    "breathing exercises twice a day for five minutes",
])
def test_breaths_counted_in_words_and_normal_are_no_emergency(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------------- help sought is no relief

@pytest.mark.parametrize("text", [
    "the leaflet says seek help for shallow breathing or fainting. Neither has happened",
    "get medical help if you have trouble breathing, the leaflet says. I'm fine",
])
def test_help_told_to_seek_in_a_leaflet_is_no_emergency(triager, text):
    _not_emergency(triager, text)


def test_help_sought_for_a_side_effect_reports_it(triager):
    result = triager.classify("I need help with the dizziness, it's constant")
    assert [f.ref for f in result.findings], result


# ---------------------------------- a noun head said again by a pronoun after a comma

@pytest.mark.parametrize("text", [
    "his breathing, it's very shallow",
    "I had to get help for his breathing, it's very shallow",
    "my breathing, it is slow and I feel faint",
])
def test_a_head_said_again_by_its_pronoun_keeps_its_sign(triager, text):
    _emergency(triager, text)


def test_a_head_said_again_and_fine_is_no_sign(triager):
    _not_emergency(triager, "my breathing, it's fine, just tired")


@pytest.mark.parametrize("text", [
    "the pharmacist explained that too much can make you very drowsy and slow your breathing",
    "my nurse said that too much baclofen could cause a coma",
])
def test_what_too_much_does_explained_is_no_emergency(triager, text):
    result = _not_emergency(triager, text)
    assert not result.context.get("took_too_much"), text


def test_what_too_much_does_explained_then_had_is_an_emergency(triager):
    _emergency(triager, "the nurse said that too much can slow breathing and his breathing is slow now")


# ----------------------------------------- a sign asked about by someone, answered no

@pytest.mark.parametrize("text", [
    "my doctor asked if I'd ever had trouble breathing and I said no",
    "the doctor asked whether I'd had any fits and I said no",
    "asked about breathing problems, I told her I don't have any",
    "the pump team asked if he had a fever or confusion, he has neither",
    "asked about breathing problems, I told her I have none",
    "the GP asked whether I'd had any fits and I said I hadn't.",
])
def test_a_sign_asked_about_and_answered_no_is_denied(triager, text):
    result = triager.classify(text)
    assert result.disposition in ("none", "if_bothersome"), (text, result.disposition)


@pytest.mark.parametrize("text", [
    "the doctor asked if he had trouble breathing and yes he does",
    "the paramedic asked whether she'd had a seizure, I said yes, two this morning",
    "the nurse asked if his breathing was slow, I said no but now it's very shallow",
    "she asked if I had trouble breathing and I said no. Now my lips are blue",
])
def test_a_sign_asked_about_and_not_answered_no_stays_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "the doctor asked if he had a seizure and he said he doesn't remember, his arms were jerking",
    "she asked whether his breathing was slow and he doesn't know, it's really shallow and noisy",
])
def test_a_sign_asked_about_and_answered_by_not_knowing_stays_an_emergency(triager, text):
    _emergency(triager, text)


# ------------------------------- with a pump, confusion beside an early withdrawal sign

@pytest.mark.parametrize("text", [
    "since the refill of my intrathecal pump I'm itching all over and confused",
    "he has a baclofen pump, today he is muddled and his legs are rigid",
])
def test_confusion_with_an_early_sign_in_a_pump_patient_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "I have a baclofen pump and my skin is a bit itchy",
    "my pump was refilled on Monday, I feel a bit confused today",
])
def test_one_early_sign_in_a_pump_patient_is_the_pump_team_today(triager, text):
    assert triager.classify(text).disposition == "withdrawal", text


@pytest.mark.parametrize("text", [
    "missed my lunchtime dose, should I double up this afternoon?",
    "can I take an extra one tonight if the spasms are bad?",
])
def test_a_dose_asked_about_ahead_is_no_overdose(triager, text):
    _not_emergency(triager, text)
