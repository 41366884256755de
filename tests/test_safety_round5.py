"""Safety checks written after a fifth red-team round, in our own words: a learner's
present tense for one occasion, the owner of a sign named after it, a seizure told
in parts, a carer who gets no answer, a denial spent on its own clause, a tablet
pot found open beside a child, a tomorrow not to be faced, a dose doubled."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "my brother he take 25 tablet last night and now he sleep and sleep",
    "today she take 15 pill together because the pain",
    "I have swallow maybe 14 of this tablets this morning",
])
def test_a_learners_present_tense_for_one_occasion_is_an_overdose(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency", text
    assert result.context["took_too_much"] is True, text


@pytest.mark.parametrize("text", [
    "I take 2 tablets this morning and 2 at night like the doctor say",
    "I take 3 a day, today I am a bit sleepy",
])
def test_a_learners_regimen_with_a_day_named_is_still_a_regimen(triager, text):
    assert triager.classify(text).disposition != "emergency", text


@pytest.mark.parametrize("text", [
    "the breathing of my husband is becoming very slow",
    "the breath of the patient is getting very very shallow",
])
def test_the_owner_named_after_the_head_stays_in_the_frame(triager, text):
    assert triager.classify(text).disposition == "emergency", text


@pytest.mark.parametrize("text", [
    "her arms and legs went rigid then jerky on the kitchen floor",
    "witnessed stiffening of all 4 limbs then jerking, lasted a minute",
])
def test_a_seizure_told_in_parts_across_then_is_an_emergency(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency", text
    assert any(f.sign == "convulsions" for f in result.findings), text


def test_one_leg_stiff_then_jerky_is_no_seizure(triager):
    assert triager.classify("my leg goes stiff then jerky when I stand up").disposition != "emergency"


@pytest.mark.parametrize("text", [
    "grandad is totally out of it and we cannot get a word out of him",
    "my sister is on baclofen and we couldn't get any sense out of her all evening",
    "she has these shaking turns where she goes stiff and stops responding",
])
def test_a_carer_who_gets_no_answer_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency", text


def test_a_sulk_that_gives_no_answer_is_no_emergency(triager):
    text = "my son is 15 and I can't get a word out of him when he is sulking"
    assert triager.classify(text).disposition != "emergency"


def test_a_denial_spent_on_its_own_clause_does_not_reach_a_later_subject(triager):
    text = "stopped her baclofen since she did not like it, a week later she's agitated"
    assert triager.classify(text).disposition == "withdrawal"


def test_the_clinicians_shorthand_for_visual_hallucinations_is_read(triager):
    assert triager.classify("abrupt d/c baclofen 3/7, now c/o VH overnight").disposition == "withdrawal"


@pytest.mark.parametrize("text", [
    "I found him behind the sofa with my pill box opened and he is only 3",
    "found him with my tablets in the garden, he is 4",
])
def test_someone_found_with_the_speakers_tablets_is_an_ingestion(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency", text
    assert result.context["ingestion"] is True, text


def test_tablets_taken_so_as_not_to_face_tomorrow_is_intent(triager):
    result = triager.classify("swallowed the lot of them so that I would not have to face tomorrow")
    assert result.disposition == "emergency"
    assert result.context["intentional"] is True


def test_a_dose_taken_so_as_not_to_face_spasms_is_no_intent(triager):
    result = triager.classify("took my evening baclofen so I won't have to deal with spasms overnight")
    assert result.context["intentional"] is not True


def test_a_dose_doubled_by_the_patient_is_an_overdose(triager):
    assert triager.classify("had my normal morning tablet and then doubled it after lunch").disposition == "emergency"


def test_a_dose_doubled_by_the_prescriber_is_a_regimen(triager):
    assert triager.classify("the consultant doubled it in the spring and I feel fine").disposition != "emergency"


@pytest.mark.parametrize("text", [
    "if she takes too many, what would happen to her?",
    "if someone takes 12 at once is that dangerous? nobody has, I'm asking for my course",
])
def test_an_amount_supposed_in_a_present_if_clause_is_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency", text


def test_a_past_if_clause_of_doubt_stays_a_suspected_overdose(triager):
    assert triager.classify("not sure if I took too many, I feel strange").disposition == "emergency"


def test_an_overdose_of_the_past_told_with_once_is_none_now(triager):
    text = "my uncle swallowed too much of it once and spent a night in hospital, I am fine on it"
    assert triager.classify(text).disposition != "emergency"


def test_too_many_at_once_stays_an_overdose(triager):
    assert triager.classify("my uncle swallowed too many at once and is very drowsy").disposition == "emergency"


def test_a_question_whether_it_can_stop_breathing_is_a_question(triager):
    text = "could baclofen stop someone breathing? just asking, no problems here"
    assert triager.classify(text).disposition != "emergency"


def test_one_tablet_gone_as_it_should_be_takes_back_the_worry(triager):
    text = "worried I had taken a second one by mistake but I checked the strip and just one is gone"
    assert triager.classify(text).disposition != "emergency"


def test_a_stop_the_leaflet_supposes_is_no_stop(triager):
    text = "the pharmacist said to be careful, especially if you stop it suddenly. I'm really restless today"
    result = triager.classify(text)
    assert result.disposition != "withdrawal"
    assert result.context["stopped_suddenly"] is not True


def test_the_patients_own_if_i_miss_a_dose_is_a_report(triager):
    assert triager.classify("if I miss a dose my spasms come back worse").disposition == "withdrawal"


@pytest.mark.parametrize("text", [
    "on review pt noted to have slow laboured breathing",
    "carer noted hallucinations since baclofen stopped abruptly on Sunday",
])
def test_a_sign_noted_is_a_sign_seen_not_denied(triager, text):
    assert triager.classify(text).disposition in ("emergency", "withdrawal"), text


def test_jerking_of_all_limbs_is_a_seizure(triager):
    result = triager.classify("witnessed jerking of all limbs lasting two minutes")
    assert result.disposition == "emergency"
    assert any(f.sign == "convulsions" for f in result.findings)


def test_a_learners_before_some_years_dates_a_seizure(triager):
    result = triager.classify("before three years he have the convulsion, now he is fine, only sleepy")
    assert result.disposition != "emergency"


def test_a_learners_before_some_days_is_a_recent_seizure(triager):
    assert triager.classify("before two days she have the convulsion").disposition == "emergency"


@pytest.mark.parametrize("text", [
    "there were 14 in the strip at breakfast and there are only 2 left now",
    "I had 30 pills in the bottle yesterday. Now there's 5 remaining and nobody else uses them",
])
def test_a_supply_that_fell_by_too_much_in_a_day_is_an_overdose(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency", text
    assert result.context["took_too_much"] is True, text


@pytest.mark.parametrize("text", [
    "there were 10 in the box yesterday and there are 7 left",
    "there were 90 in the bottle last month and now 20 left",
])
def test_a_supply_used_as_prescribed_is_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency", text


def test_a_seizure_told_across_a_comma_and_then_is_an_emergency(triager):
    assert triager.classify("his arms and legs stiffened, then he was jerking for a minute").disposition == "emergency"


@pytest.mark.parametrize("text", [
    "my arms and legs feel heavy and I keep jerking awake at night",
    "my arms and legs ache and my body jerks as I drift off",
])
def test_limbs_and_a_jerk_told_apart_are_no_seizure(triager, text):
    assert triager.classify(text).disposition != "emergency", text


def test_an_injurys_accident_is_no_incontinence(triager):
    result = triager.classify("I have been on baclofen since my accident at the building site, no problems")
    assert not any("urinat" in f.effect.lower() for f in result.findings)


def test_an_accident_of_the_bladder_is_still_read(triager):
    assert triager.classify("keep having accidents, cannot reach the toilet in time").findings


@pytest.mark.parametrize("text", [
    "my headache also went away",
    "drowsiness noted on Monday now settled, alert and orientated",
])
def test_a_symptom_gone_is_read_past_also_and_now(triager, text):
    assert triager.classify(text).disposition == "none", text


@pytest.mark.parametrize("text", [
    "the nausea also hasn't gone",
    "my dizziness now never goes away",
])
def test_a_symptom_that_has_not_gone_is_still_there(triager, text):
    assert triager.classify(text).disposition == "if_bothersome", text


@pytest.mark.parametrize("text", [
    "nine days off it and my legs are rigid",
    "twelve days without any, I am hearing voices",
])
def test_a_number_word_the_stemmer_folds_is_still_a_number(triager, text):
    assert triager.classify(text).disposition == "withdrawal", text


def test_a_learners_drink_of_many_tablets_is_an_overdose(triager):
    assert triager.classify("my husband drink 16 of the tablets after the argument").disposition == "emergency"


def test_drinks_counted_are_no_tablets(triager):
    assert triager.classify("I drank 6 last night and took my usual baclofen").disposition != "emergency"


def test_someone_who_will_not_respond_is_an_emergency(triager):
    assert triager.classify("mum just sits staring and won't respond when I speak to her").disposition == "emergency"


def test_limbs_that_will_not_respond_are_no_emergency(triager):
    assert triager.classify("my legs won't respond properly when I try to walk").disposition != "emergency"


def test_a_repeat_never_fetched_is_a_stop(triager):
    text = "she never collected her repeat, now four days on she's seeing things"
    assert triager.classify(text).disposition == "withdrawal"


def test_an_overdose_of_the_past_with_its_owner_and_ages_ago_is_none_now(triager):
    text = "my dad took too much of his baclofen once, ages ago, and was fine"
    assert triager.classify(text).disposition != "emergency"


def test_what_you_could_get_is_a_supposition(triager):
    text = "the chemist said if you miss doses you could get hallucinations, I never miss"
    assert triager.classify(text).disposition == "none"


def test_off_the_medicine_by_name_for_days_is_a_stop(triager):
    assert triager.classify("been off baclofen four days and my legs keep kicking out").disposition == "withdrawal"


def test_a_reason_that_is_no_symptom_leaves_the_stop_before_the_next_clause(triager):
    text = "went without baclofen since friday because of the bank holiday, hearing people who aren't there"
    assert triager.classify(text).disposition == "withdrawal"


def test_a_symptom_given_as_the_reason_for_stopping_came_first(triager):
    assert triager.classify("stopped taking it because I kept seeing things").disposition != "withdrawal"


def test_more_of_it_than_one_should_is_too_much(triager):
    assert triager.classify("I swallowed far more of my tablets than I was supposed to").disposition == "emergency"


def test_more_of_a_symptom_than_expected_is_no_overdose(triager):
    assert triager.classify("had more of a headache than I thought I would").disposition != "emergency"


def test_a_supply_whose_fall_is_told_otherwise_is_no_overdose(triager):
    text = "there were 30 in the box this morning, the pharmacy took 20 back, 10 left"
    assert triager.classify(text).disposition != "emergency"


def test_a_container_still_sealed_takes_back_an_ingestion(triager):
    text = "found my niece holding my baclofen bottle but it was still sealed"
    assert triager.classify(text).disposition != "emergency"


def test_time_off_work_is_no_relief_by_the_medicine(triager):
    assert triager.classify("had to take time off work for a fortnight with chest pains").disposition == "medical_attention"


def test_what_the_medicine_worked_for_is_still_relief(triager):
    assert triager.classify("it worked for my headaches").disposition == "none"


def test_another_persons_silence_is_no_speech_problem_of_the_patient(triager):
    text = "my daughter is 14, can't get a word out of her about school, I'm on baclofen and well"
    assert triager.classify(text).disposition == "none"
