"""Round-9 writing styles: texting, learner English, carers, nurse notes and long messages
(phrasings of our own).  Each test names a class of misreading the method now avoids."""
from __future__ import annotations

import pytest


def refs(result) -> set[str]:
    return {f.ref for f in result.findings}


# A patient who says they are NOT thinking of harming themselves has no plan: no emergency.
@pytest.mark.parametrize("text", [
    "I've felt flat for weeks. To be clear I'm not thinking of harming myself.",
    "feeling miserable on it but im not going to hurt myself",
    "My mood is awful lately, though I would never hurt myself.",
])
def test_a_denied_thought_of_self_harm_is_no_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency"


# ... while the means and the end told together, ahead of time, are a plan.
@pytest.mark.parametrize("text", [
    "I keep thinking about taking all my tablets this weekend to end it",
    "planning on swallowing the baclofen to end everything",
])
def test_tablets_taken_to_end_it_are_a_plan(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_the_tablets_taken_to_end_a_symptom_are_no_plan(triager):
    assert triager.classify("I take my tablets to end the spasms at night").disposition != "emergency"


# "fit" as in healthy is no seizure.
@pytest.mark.parametrize("text", [
    "I'm 60, otherwise fit, and my only problem on baclofen is constipation",
    "He's generally fit and active, just a bit sleepy since the dose went up",
])
def test_fit_meaning_healthy_is_no_seizure(triager, text):
    r = triager.classify(text)
    assert "overdose_cns.convulsions" not in refs(r)
    assert r.disposition != "emergency"


# Doubling up asked about is no double dose taken; doubling up told still is.
def test_doubling_up_asked_about_is_no_overdose(triager):
    assert triager.classify("forgot my lunchtime one, should i double up tonight?").disposition == "none"
    assert triager.classify("do we double his next dose since he missed one?").disposition == "none"


def test_doubling_up_told_is_an_overdose(triager):
    assert triager.classify("i doubled up this morning by mistake").disposition == "emergency"


# Every tablet that was left, taken at once, is an overdose; all the day's tablets taken
# as the doctor said are not.
@pytest.mark.parametrize("text", [
    "he swallowed all of the pills that were left in the drawer",
    "she took all the tablets in her handbag at lunch",
])
def test_all_the_tablets_taken_is_an_overdose(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_all_the_pills_taken_as_a_regimen_is_not(triager):
    assert triager.classify("I take all the pills the doctor gave me, two a day").disposition != "emergency"


# Texting: "b" for "be", and "woke" for "woken".
def test_texted_cannot_be_woken_is_an_emergency(triager):
    assert triager.classify("cant b woke, hes had his baclofen").disposition == "emergency"


# Double sight told as what is looked at, seen twice.
def test_looking_and_seeing_two_of_it_is_double_vision(triager):
    r = triager.classify("whenever I look at the door there are two of them")
    assert "overdose_cns.vision" in refs(r)
    assert r.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I look after my grandkids, there are two of them and they wear me out",
    "I looked at the tablets and took two of them",
])
def test_two_of_them_counted_is_no_double_vision(triager, text):
    assert "overdose_cns.vision" not in refs(triager.classify(text))


# The dead seen, or a figure at the foot of the bed, is a hallucination.
def test_seeing_a_late_relative_at_the_bed_is_a_hallucination(triager):
    r = triager.classify("For three nights dad has been seeing his late wife at the foot of his bed")
    assert "cns_toxicity.hallucinations" in refs(r)
    assert triager.classify("I saw my late husband in a dream last night").disposition == "none"


# "OK so I'm writing this ..." is the patient writing, not a carer: their own signs count.
def test_so_im_writing_is_the_patient_not_a_carer(triager):
    r = triager.classify("So I'm writing this late at night. I stopped baclofen on Sunday and now I feel really on edge.")
    assert "withdrawal_nervousness" in refs(r)


def test_a_carer_typing_for_someone_still_sets_the_writers_tiredness_apart(triager):
    r = triager.classify("he can't type so I'm writing. I'm exhausted myself. He's fine on baclofen.")
    assert "cns_effects_rare.tiredness" not in refs(r)


# A symptom with its end told in its own relative clause, or by "both of those", is over.
@pytest.mark.parametrize("text", [
    "My only problem was a little drowsiness in week one that passed quickly. Any advice on travel?",
    "I had some dizziness and a headache but both of those went away.",
])
def test_a_symptom_whose_end_is_told_is_resolved(triager, text):
    assert triager.classify(text).disposition == "none"


# Lay and learner words for common signs.
@pytest.mark.parametrize("text,ref", [
    ("my feet are swole up by the evening", "fluid_retention.ankle_swelling"),
    ("i cant stop peeing, up every hour", "urinary_frequency"),
    ("When I talk the words not come out, my wife says", "cns_effects_rare.speech"),
    ("I feel the head very hot and with pain all day", "cns_effects_rare.headache"),
    ("a nagging tummy ache low down since Monday", "gi_irritation.abdominal_pain"),
])
def test_lay_and_learner_words(triager, text, ref):
    assert ref in refs(triager.classify(text))


def test_can_not_stop_peeing_is_no_trouble_passing_urine(triager):
    assert "urination_difficulty" not in refs(triager.classify("i cant stop peeing, up every hour"))


# "low down" as a place of pain is no low mood; "feeling low down" still is.
def test_low_down_as_a_place_is_no_mood(triager):
    assert "cns_toxicity.mood" not in refs(triager.classify("it aches low down on the left"))
    assert "cns_toxicity.mood" in refs(triager.classify("I've been feeling low down for weeks"))


# "sleep it off" is no trouble sleeping.
def test_sleeping_it_off_is_no_insomnia(triager):
    r = triager.classify("my brother says leave her to sleep it off, she had a headache")
    assert "cns_effects_rare.sleeping" not in refs(r)


# A lower dose asked about is no abrupt stop.
def test_a_lower_dose_asked_about_is_no_stop(triager):
    r = triager.classify("I've been feeling down lately. Would a lower dose help with that?")
    assert r.disposition == "medical_attention"
    assert not r.context.get("stopped_suddenly")


# Number words: a tens word and a unit word are one number ("thirty two" is 32, not a count
# of two after "thirty"), and common misspellings of them still count.
@pytest.mark.parametrize("text", [
    "she took forty two of her tablets",
    "i swallowed twenty-two pills",
    "took fourty tablets last night",
    "he took twelfe pills",
])
def test_number_words_as_written_count(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_a_small_number_word_is_still_small(triager):
    assert triager.classify("took two pills this morning as usual").disposition == "none"


# Texting typos of "took".
def test_texted_tok_is_took(triager):
    assert triager.classify("tuk 8 pills").disposition == "emergency"


# Regimen abbreviations within the label are no overdose.
@pytest.mark.parametrize("text", [
    "baclofen 10mg TID, tolerating well", "on 20mg QDS for a year, no issues", "pt takes 15mg t.i.d.",
    "baclofen 10mg q8h PRN for spasm",
])
def test_regimen_abbreviations_are_no_overdose(triager, text):
    assert triager.classify(text).disposition == "none"


# A ward's held doses are an abrupt stop: the tone rising after them is withdrawal.
@pytest.mark.parametrize("text", [
    "NPO overnight, baclofen held x3 doses, now increased tone in both legs",
    "doses held since Tuesday, spasms now much worse",
])
def test_held_doses_are_a_stop(triager, text):
    r = triager.classify(text)
    assert r.disposition == "withdrawal"
    assert "increased_spasticity" in refs(r)


def test_a_medicine_that_held_the_spasms_is_no_stop(triager):
    assert triager.classify("the baclofen has held my spasms at bay for years").disposition == "none"


# A systolic pressure told alone.
def test_a_low_systolic_alone_is_low_blood_pressure(triager):
    assert "low_blood_pressure" in refs(triager.classify("SBP 84 on standing, pt dizzy"))
    assert "low_blood_pressure" not in refs(triager.classify("systolic 128, feeling fine"))


# Something else given up is no stop of the medicine.
def test_stopping_going_to_the_gym_is_no_stop(triager):
    r = triager.classify("Since I stopped going to the pool my legs feel tighter.")
    assert r.disposition != "withdrawal"
    assert not r.context.get("stopped_suddenly")


# Learner English for common signs.
@pytest.mark.parametrize("text,ref", [
    ("Since two days I am having the vision not clear", "overdose_cns.vision"),
    ("the arms is no strong for lift the bag", "cns_effects.weakness"),
    ("I am not capable to walk straight since Monday", "cns_effects_rare.unsteadiness"),
    ("all the day I am without energy", "cns_effects_rare.tiredness"),
    ("at night I listen voices in the room", "cns_toxicity.hallucinations"),
])
def test_learner_words_for_signs(triager, text, ref):
    assert ref in refs(triager.classify(text))


def test_the_vision_not_clear_is_no_hallucination(triager):
    assert "cns_toxicity.hallucinations" not in refs(triager.classify("I am having the vision not clear"))


# A writer who says they take it ("I've been on baclofen") is the patient, even if they
# also look after someone: their own signs are findings.
def test_a_writer_on_the_drug_who_also_cares_for_someone_is_the_patient(triager):
    r = triager.classify("I've been on baclofen since spring. I look after my dad most days. "
                         "This week I've had a tight pain in my chest when I climb the stairs.")
    assert "chest_pain" in refs(r)


# A list of denials runs on past an item that names no symptom, when each item opens with "any" or "no".
def test_a_denied_list_runs_on_past_an_item_that_is_no_symptom(triager):
    r = triager.classify("I haven't noticed any drowsiness, any issues with my eyesight or any shortness of breath.")
    assert r.disposition != "emergency"
    assert "respiratory_depression.breathing" not in refs(r)


def test_a_new_clause_after_a_denial_still_reports(triager):
    r = triager.classify("no rash, my kids are well, I am short of breath")
    assert r.disposition == "emergency"


# Two symptoms joined by "and", then "but those went away": both are over.
def test_joined_symptoms_ended_by_a_pronoun_are_both_over(triager):
    assert triager.classify("In week one I had some nausea and a bit of a headache, but both of those settled quickly.").disposition \
        == "none"


def test_one_of_two_symptoms_ended_by_name_leaves_the_other(triager):
    r = triager.classify("I'm dizzy and I've had a headache, the headache has gone now")
    assert "cns_effects.dizziness" in refs(r)


# A ward's doses not given, told in the passive, are an abrupt stop, even told after the signs.
def test_doses_not_given_told_in_the_passive_are_a_stop(triager):
    r = triager.classify("Her legs are jumping and she is restless. The nurse said her baclofen had not "
                         "been given since Sunday.")
    assert r.disposition == "withdrawal"


# A temperature that has come down is no fever.
def test_a_temperature_that_has_come_down_is_no_fever(triager):
    assert not triager.classify("his temperature has come down since yesterday").context.get("fever")
    assert triager.classify("his temperature went up overnight").context.get("fever")


# Texting: "bin off it", more not ordered, digits for number words.
def test_texted_stops(triager):
    assert triager.classify("bin off it since weds n my legs r jumpin").disposition == "withdrawal"
    assert triager.classify("forgot 2 order more, legs r so tight n jumpy").disposition == "withdrawal"


def test_forgetting_something_else_is_no_stop(triager):
    assert not triager.classify("i forgot to get my hair cut, my legs are jumping").context.get("stopped_suddenly")


def test_texted_digits_for_double_vision(triager):
    assert triager.classify("keep seein 2 of everythin").disposition == "emergency"


# A question about "this medicine" is a question.
def test_a_question_about_this_medicine_is_no_sign(triager):
    assert triager.classify("could these tablets slow my breathing? it's fine now, just asking").disposition == "none"


# With a pump, spasticity rising is a finding even with no stop told (a pump can stop
# delivering with no alarm): with a fever it is an emergency, alone the pump team today.
def test_rising_tone_with_a_pump_and_a_fever_is_an_emergency(triager):
    assert triager.classify("ITB in situ, T 38.9, increased tone in both legs").disposition == "emergency"


def test_rising_spasms_with_a_pump_alone_need_the_pump_team(triager):
    assert triager.classify("I have a baclofen pump and my spasms have got worse this week").disposition \
        == "withdrawal"


def test_spasms_a_pump_controls_are_no_finding(triager):
    assert triager.classify("my baclofen pump keeps my spasms well controlled").disposition == "none"


# A learner's whole container taken: "he take all the box".
def test_a_learners_whole_box_taken_is_an_overdose(triager):
    assert triager.classify("My sister she take all the packet this morning").disposition == "emergency"


def test_a_learners_regimen_with_drink_is_no_overdose(triager):
    assert triager.classify("I drink my tablets with water in the morning").disposition == "none"
    assert triager.classify("I take all the box over one month").disposition == "none"


# Kidneys that are "not working very well" are poor kidneys: drowsiness with them needs a doctor today.
def test_kidneys_not_working_well_raise_drowsiness(triager):
    r = triager.classify("Her kidneys are not working properly and she is very drowsy")
    assert r.disposition == "medical_attention"


# Texted alarm "??" is no question answered by the next "no": "no pain" denies the pain only.
def test_alarm_marks_then_no_pain_keep_the_sign(triager):
    r = triager.classify("weein blood?? no pain tho")
    assert "dark_urine" in refs(r)
    assert r.disposition == "medical_attention"


def test_a_bare_no_still_answers_the_sign_asked(triager):
    assert triager.classify("Rash? No. Dizziness? No.").disposition == "none"


# Texted "2" for "to" in "can't get her to wake".
def test_texted_cannot_get_him_2_wake_is_an_emergency(triager):
    assert triager.classify("cant get him 2 wake up, hes on baclofen").disposition == "emergency"


# A nurse's "no change from baseline" makes breathlessness on effort the patient's usual.
def test_breathless_on_effort_at_baseline_waits_on_an_overdose(triager):
    assert triager.classify("c/o SOBOE, unchanged from baseline").disposition == "medical_attention"
    assert triager.classify("c/o SOB at rest, new since this am").disposition == "emergency"
