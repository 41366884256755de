"""Safety checks written after a sixth red-team round, in our own words: a learner's
"finish my life", a clinician's "SI" with its verb, more tablets than usual, two
doses swallowed together, a witness who tells of the patient's body, a focal fit
told by the answer that never came, lungs that will not fill, a learner's "muscle
very hard" after a stop, blurred sight beside its everyday cause, a person's aside
between commas, a child or a pet supposed at the tablets, an extra dose asked about,
a supply counted, a dose raised on the prescriber's word, sleep coming on."""
from __future__ import annotations

import pytest


def _emergency(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency", (text, result.disposition)
    return result


def _not_emergency(triager, text):
    result = triager.classify(text)
    assert result.disposition != "emergency", (text, result.disposition, result.reasons)
    return result


# ------------------------------------------------------------------ under-triage

@pytest.mark.parametrize("text", [
    "I want finish my life, I have the tablets here",
    "my son he say he will finish himself tonight",
])
def test_a_learners_finish_for_end_is_intent(triager, text):
    assert _emergency(triager, text).context["intentional"] is True


@pytest.mark.parametrize("text", [
    "Pt voicing active SI this am, on baclofen 20mg TDS",
    "resident reports SI overnight, tearful",
])
def test_a_clinicians_si_with_its_verb_is_suicidal_thoughts(triager, text):
    result = triager.classify(text)
    assert result.context["suicidal_thoughts"] is True, text
    assert result.disposition in ("medical_attention", "emergency"), text


def test_si_denied_is_no_suicidal_thought(triager):
    assert triager.classify("Pt low in mood, denies SI or self harm").context["suicidal_thoughts"] is False


@pytest.mark.parametrize("text", [
    "my dad took more pills than normal last night and now he's hard to rouse",
    "my wife she take more tablets than usual this morning, now she talk funny",
    "I swallowed both my lunchtime and evening doses together",
    "took the morning and the afternoon doses at once by accident, very woozy",
])
def test_more_than_usual_or_two_doses_together_is_an_overdose(triager, text):
    assert _emergency(triager, text).context["took_too_much"] is True


def test_more_spasms_than_usual_is_no_overdose(triager):
    assert triager.classify("I had more spasms than usual last night").context["took_too_much"] is not True


@pytest.mark.parametrize("text", [
    "my friend said my lips went blue while I was asleep",
    "a mate told me my eyes rolled back and I was jerking",
])
def test_a_witness_telling_of_the_patients_body_is_the_patient(triager, text):
    _emergency(triager, text)


def test_another_persons_own_story_stays_theirs(triager):
    _not_emergency(triager, "my friend says she had a seizure once on it, I feel fine")


@pytest.mark.parametrize("text", [
    "he was twitching down one side and didn't answer me for about a minute",
    "she was staring and lip smacking and wasn't answering when I said her name",
])
def test_small_movements_with_no_answer_are_a_seizure(triager, text):
    result = _emergency(triager, text)
    assert any(f.ref == "overdose_cns.convulsions" for f in result.findings), text


def test_twitching_in_sleep_with_no_answer_is_no_seizure(triager):
    result = triager.classify("he was twitching in his sleep and didn't answer when I whispered")
    assert not any(f.ref == "overdose_cns.convulsions" for f in result.findings)


@pytest.mark.parametrize("text", [
    "it feels like my lungs won't fill up properly",
    "I just cannot fill my lungs since this morning",
])
def test_lungs_that_will_not_fill_are_troubled_breathing(triager, text):
    _emergency(triager, text)


def test_a_lung_scan_is_no_breathing_sign(triager):
    _not_emergency(triager, "my lung scan can't fill the gap in my records, the clinic lost it")


def test_a_learners_very_hard_muscle_after_a_stop_with_fever_is_an_emergency(triager):
    text = "the tablets finish since three days and now my muscles so hard and I am with fever"
    _emergency(triager, text)


def test_walking_that_is_very_hard_is_no_stiffness(triager):
    result = triager.classify("walking is very hard for my legs these days")
    assert not any("stiff" in (f.sign or f.effect) for f in result.findings)


# ------------------------------------------------------------------ false emergencies

@pytest.mark.parametrize("text", [
    "everything is blurry today but I stood on my specs last night so I'm using a spare pair",
    "had my eyes dilated for an eye exam this morning, still blurred",
    "blurry vision in my right eye, the GP says it's an eye infection",
])
def test_blurred_sight_with_its_everyday_cause_waits_on_an_overdose(triager, text):
    result = _not_emergency(triager, text)
    assert result.disposition == "medical_attention", text


@pytest.mark.parametrize("text", [
    "I broke my glasses yesterday and today I'm seeing double",
    "swallowed ten of them and now it's all blurry, and I lost my glasses",
])
def test_double_vision_or_an_overdose_beside_an_eye_cause_stays_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my colleague, who takes baclofen too, told me she gets seizures on it",
    "my colleague, who is also on it, said her breathing went very slow",
])
def test_a_persons_aside_between_commas_keeps_their_story_theirs(triager, text):
    _not_emergency(triager, text)


def test_a_relative_with_an_aside_who_has_a_fit_now_is_still_an_emergency(triager):
    _emergency(triager, "my husband, who is on baclofen, is having a seizure right now")


@pytest.mark.parametrize("text", [
    "is it bad if my puppy chews one of my tablets? he hasn't, I'm just wondering",
    "is it serious if our dog eats baclofen tablets? ours never has",
])
def test_a_child_or_pet_supposed_at_the_tablets_is_no_ingestion(triager, text):
    # (a pet or child that did get at them stays one: test_everyday_reviews, test_safety_round2)
    result = _not_emergency(triager, text)
    assert result.context["ingestion"] is False, text


def test_an_extra_dose_asked_about_is_no_overdose(triager):
    _not_emergency(triager, "I missed last night's tablet, not sure whether I should take an extra one today")


@pytest.mark.parametrize("text", [
    "I had 30 tablets this morning and now I have 29, so that's right",
    "had 24 tablets this morning, I counted them twice, all fine",
])
def test_a_supply_counted_after_had_is_no_dose(triager, text):
    _not_emergency(triager, text)


def test_a_supply_that_fell_far_is_still_an_overdose(triager):
    _emergency(triager, "I had 30 tablets this morning and now I have 3")


def test_had_a_count_told_alone_stays_an_overdose(triager):
    _emergency(triager, "my mum had 15 tablets this morning")


@pytest.mark.parametrize("text", [
    "the neurologist told me to double my dose last week",
    "I'm taking twice my old dose now since the consultant upped it",
])
def test_a_dose_raised_on_the_prescribers_word_is_a_regimen(triager, text):
    _not_emergency(triager, text)


def test_a_dose_doubled_by_the_patient_stays_an_overdose(triager):
    _emergency(triager, "I took double because the spasms were so bad")


@pytest.mark.parametrize("text", [
    "mum opens her eyes then drifts off",
    "she opened her eyes and drifted off to sleep again",
])
def test_sleep_coming_on_is_no_squint(triager, text):
    result = triager.classify(text)
    assert not any(f.ref == "overdose_cns.strabismus" for f in result.findings), text


@pytest.mark.parametrize("text", [
    "wat if i took 3 together by mistake? asking 4 future",
    "my nan had fits on baclofen yrs ago, im on it now and ok",
])
def test_a_texters_wat_and_yrs_ask_and_date_as_the_words_do(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------------------------ a second probe of the same kinds

@pytest.mark.parametrize("text", [
    "many years ago I was suicidal, but I'm in a good place and on baclofen for MS",
    "when I was a student I was suicidal for a while, therapy sorted it",
])
def test_suicidal_thoughts_dated_by_the_sentences_opening_time_are_the_past(triager, text):
    result = triager.classify(text)
    assert result.context["suicidal_thoughts"] is False, text


@pytest.mark.parametrize("text", [
    "years ago I was suicidal and now I am again",
    "three weeks ago I started having suicidal thoughts",
])
def test_suicidal_thoughts_that_came_back_or_began_lately_stay(triager, text):
    assert triager.classify(text).context["suicidal_thoughts"] is True, text


def test_tablets_found_in_what_a_pet_brought_up_are_an_ingestion(triager):
    result = _emergency(triager, "the puppy vomited on the rug and there were pieces of my baclofen in it")
    assert result.context["ingestion"] is True


@pytest.mark.parametrize("text", [
    "I wrote a letter to my husband and my pills are in a pile on the bed",
    "left notes for the kids and laid out all my tablets",
])
def test_farewell_letters_beside_tablets_made_ready_are_intent(triager, text):
    assert _emergency(triager, text).context["intentional"] is True


def test_notes_for_a_carer_and_a_dosette_are_no_intent(triager):
    _not_emergency(triager, "I wrote a note for the carer and put my pills in the dosette box")


@pytest.mark.parametrize("text", [
    "got shampoo in my eye in the shower and now it's blurry",
    "my vision is blurred, it's my usual migraine aura",
    "Pt reports visual disturbance after opthalmology drops this am",
])
def test_more_everyday_causes_of_blurred_sight(triager, text):
    assert _not_emergency(triager, text).disposition == "medical_attention", text


@pytest.mark.parametrize("text", [
    "ITB pt febrile 38.6 overnight, c/o itching all over",
    "my daughter has the baclofen pump and she's got a temperature and her legs have gone rigid",
])
def test_fever_with_a_withdrawal_sign_on_a_pump_is_an_emergency_without_a_told_fault(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "ITB pt, afebrile, mild itch to forearm",
    "my insulin pump is playing up and I've a temperature and an itchy rash",
])
def test_a_pump_patient_without_fever_or_another_pump_is_not_that_emergency(triager, text):
    _not_emergency(triager, text)


def test_a_learners_not_wake_when_called_is_unresponsive(triager):
    _emergency(triager, "my auntie she is sleeping too much and not wake when I call her")


def test_a_night_slept_through_is_no_wish_not_to_wake(triager):
    _not_emergency(triager, "since the baclofen I sleep deeply and not wake up during the night")


# ------------------------------------------------------------------ a third probe

def test_breathlessness_anyone_has_on_effort_waits_on_an_overdose(triager):
    result = _not_emergency(triager, "out of breath climbing the hill, like anybody would be")
    assert result.disposition == "medical_attention"


def test_none_of_a_sign_since_starting_is_no_stop(triager):
    result = triager.classify("she had fits as a baby, she's had none since beginning baclofen")
    assert result.context["stopped_suddenly"] is not True


def test_confusion_with_a_fever_needs_a_doctor_today(triager):
    result = triager.classify("grandad has a temperature and is muddled, doesn't know where he is")
    assert result.disposition in ("medical_attention", "emergency")


def test_puzzled_about_the_dose_is_no_confusion(triager):
    result = triager.classify("I'm confused about the dosage on the label, can you explain?")
    assert not any(f.ref == "cns_effects.confusion" for f in result.findings)


@pytest.mark.parametrize("text", [
    "he looks pale and clammy and is mumbling",
    "after his baclofen and a few beers he's out cold on the sofa",
    "I keep forgetting to breathe when I'm dropping off",
])
def test_shock_out_cold_and_breathing_that_has_to_be_remembered_are_emergencies(triager, text):
    _emergency(triager, text)


def test_grey_hair_is_no_shock(triager):
    _not_emergency(triager, "his hair went grey and he gets sweaty in the summer")


@pytest.mark.parametrize("text", [
    "I no want to live anymore, everything is too much",
    "my brother say he not want live",
])
def test_a_learners_not_want_to_live_is_intent(triager, text):
    assert _emergency(triager, text).context["intentional"] is True


def test_a_learners_breathing_not_good_is_troubled_breathing(triager):
    _emergency(triager, "since two days my breathing is not good at night")


def test_breathing_that_is_good_again_is_no_sign(triager):
    _not_emergency(triager, "my breathing is good again after the inhaler")


def test_a_storys_character_who_overdoses_is_nobodys_overdose(triager):
    _not_emergency(triager, "for my screenplay, a character overdosed on muscle relaxants, would she be sleepy first?")
