"""Safety checks written after a ninth red-team round, in our own words: a pump
alarm told beside a refill booked ahead, or told apart from the pump; a stop "to
try without it" whose "without" denied the signs after it; a bystander who calls a
name and gets only a stare; breaths counted and found few; responding only in part;
a wish to end it joined to a time or the means; beside them the calm look-alikes."""
from __future__ import annotations

import pytest

from .test_safety_round6 import _emergency, _not_emergency


def _disposition(triager, text):
    return triager.classify(text).disposition


# ------------------------------------------------------------------ pump problems

@pytest.mark.parametrize("text", [
    "the baclofen pump is beeping, refill is due next week",
    "my ITB pump keeps alarming; the refill isn't due until next week",
    "pump alarm going off since lunch, refill due next week",
])
def test_alarm_beside_a_refill_booked_ahead_is_still_a_pump_problem(triager, text):
    assert _disposition(triager, text) in ("withdrawal", "emergency"), text


@pytest.mark.parametrize("text", [
    "his baclofen pump is bleeping, refill is due on friday, and he is hot and his legs are rigid",
    "the pump has been beeping all night, the refill is due in a week, now I'm itchy and muddled",
])
def test_alarm_beside_a_refill_booked_ahead_with_signs_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "her pump got refilled back in April, all good. Since this morning the alarm has been going and she has a temperature and rigid legs",
    "Dad's pump was put in two years ago. Last night an alarm started beeping; now he is feverish and very stiff",
])
def test_alarm_told_apart_from_the_pump_with_signs_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my pump refill is due next week, can I book the afternoon slot?",
    "the refill of my pump is due in ten days, all fine",
    "I have a baclofen pump. The smoke alarm went off when I burnt the toast and I jumped, now a bit stiff",
])
def test_refill_booked_or_house_alarm_is_no_emergency(triager, text):
    _not_emergency(triager, text)


# ---------------------------------------------------------------- abrupt stops

@pytest.mark.parametrize("text", [
    "since I stopped it to try without it, fever, rigid, confused",
    "quit the tablets to see how I manage without them, now burning up, stiff as a board, confused",
    "stopped my baclofen to see if I could cope without it, high temp, muscles locked, muddled",
])
def test_stop_to_try_without_it_does_not_deny_the_signs_after_it(triager, text):
    _emergency(triager, text)


def test_without_it_still_denies_nothing_when_nothing_is_told(triager):
    assert _disposition(triager, "I'm managing fine without it, no spasms") in ("none", "if_bothersome")


# ---------------------------------------------------------------- seizures, waking

@pytest.mark.parametrize("text", [
    "she was staring and didn't answer when I called her name",
    "my son went blank and didnt answer when i spoke to him",
    "he kept staring and wasn't responding when we called him",
])
def test_stare_with_no_answer_to_a_call_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my mum fainted and is still not really responding",
    "pt isn't properly responsive this evening",
])
def test_responding_only_in_part_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my daughter was staring at her screen and didn't answer my calls",
    "she wasn't answering my calls all day, she was at work",
    "my spasms are not really responding to baclofen",
    "he isn't responding to the higher dose, still stiff",
])
def test_unanswered_phone_or_an_illness_not_yielding_is_no_emergency(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------------------------- breathing

@pytest.mark.parametrize("text", [
    "he only takes a few breaths a minute",
    "she is breathing only a few times, just a few breaths a minute",
    "his breaths are few and far between tonight",
    "grandma only breathes every now and then",
])
def test_few_breaths_are_an_emergency(triager, text):
    _emergency(triager, text)


def test_a_few_deep_breaths_are_calm(triager):
    _not_emergency(triager, "I took a few deep breaths to calm down before the appointment")


# ----------------------------------------------------------------- self-harm plans

@pytest.mark.parametrize("text", [
    "I want to end it tonight, I have enough tablets",
    "im gonna end it this weekend",
    "I've saved up enough pills to end it",
])
def test_wish_to_end_it_with_a_time_or_the_means_is_an_emergency(triager, text):
    result = _emergency(triager, text)
    assert result.context.get("intentional"), text


def test_wish_to_end_a_relationship_is_no_emergency(triager):
    _not_emergency(triager, "I want to end things with my boyfriend tonight")


# ------------------------------------------------------------- amounts and signs

@pytest.mark.parametrize("text", [
    "took 120mg today instead of 60",
    "I swallowed 90 mg this morning instead of 30",
])
def test_mg_taken_instead_of_a_bare_usual_count_is_an_overdose(triager, text):
    _emergency(triager, text)


def test_fewer_mg_instead_of_the_usual_is_no_overdose(triager):
    _not_emergency(triager, "took 30mg instead of 60 because I felt sleepy")


@pytest.mark.parametrize("text", [
    "two dozen tablets gone from the pack and my son is very drowsy",
    "10 pills missing from the box and grandad is so sleepy",
])
def test_tablets_gone_with_someone_sleepy_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "I blacked out and woke up on the floor with wet trousers",
    "he passed out in the kitchen and had wet his trousers",
])
def test_blackout_with_the_bladder_let_go_is_a_seizure(triager, text):
    result = _emergency(triager, text)
    assert any(f.ref == "overdose_cns.convulsions" for f in result.findings), text


# -------------------------------------------------------------- false emergencies

@pytest.mark.parametrize("text", [
    "I had a double espresso and now I feel jittery",
    "took a double shift yesterday, shattered",
    "could taking two by accident hurt me? I haven't, just asking",
    "would taking an extra one be dangerous? just want to know",
    "had a seizure before I was diagnosed with MS, ten years ago",
    "I'm scared it will slow my breathing, should I worry?",
    "ran a marathon on Sunday and was out of breath at the end, as always",
])
def test_calm_look_alikes_stay_calm(triager, text):
    _not_emergency(triager, text)


@pytest.mark.parametrize("text", [
    "I had a double dose by mistake",
    "took two by accident this morning",
    "worried it might slow his breathing, he is breathing very slowly now",
])
def test_the_real_thing_beside_the_look_alikes_stays_an_emergency(triager, text):
    _emergency(triager, text)


# ------------------------------------------------------ doses doubled, other people's

@pytest.mark.parametrize("text", [
    "she took her night-time dose 3 times",
    "I took my bedtime tablet twice",
    "took tomorrow's dose as well as today's",
    "I took two doses close together",
    "had 2 doses back to back this morning",
    "resident given another resident's baclofen at lunch",
])
def test_doses_doubled_or_someone_elses_are_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "I take my dose 3 times a day",
    "I took all my tablets on time today",
    "the pharmacist gave me the wrong tablets, I haven't taken any",
])
def test_regimens_and_untaken_tablets_stay_calm(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------------------- stops said otherwise

def test_gave_up_the_medicine_is_a_stop(triager):
    _emergency(triager, "I gave up the baclofen last week. Now I'm seeing spiders and my temperature is 39")


def test_given_up_hope_is_no_stop(triager):
    result = triager.classify("I've given up hope that baclofen will help my spasms")
    assert not result.context.get("stopped_suddenly")


# ----------------------------------------------------------------- self-harm, told

@pytest.mark.parametrize("text", [
    "I've been cutting my arms again",
    "I took all my pills on purpose",
    "tried to hang myself yesterday",
    "I've been hoarding my baclofen",
])
def test_self_harm_done_or_prepared_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "I don't see a way out",
    "there's no way out for me",
    "i just want to sleep forever",
])
def test_hopeless_words_get_medical_attention(triager, text):
    result = triager.classify(text)
    assert result.context.get("suicidal_thoughts") or result.context.get("intentional"), text
    assert result.disposition in ("medical_attention", "emergency"), text


@pytest.mark.parametrize("text", [
    "I cut my arm on a tin can",
    "i cut my legs shaving",
    "I can't see a way out of the car park lol",
])
def test_everyday_cuts_and_ways_out_stay_calm(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------- colour, breathing, spells, told by others

@pytest.mark.parametrize("text", [
    "he has gone a funny colour and isn't breathing right",
    "my little girl has turned a strange colour",
    "she wasn't breathing properly and her lips were dusky",
])
def test_a_colour_with_no_name_or_breathing_not_right_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "the paint on the fence has gone a funny colour",
    "my nose isn't breathing right, it's all blocked",
    "she stared for ages at the menu and didn't answer me, typical",
    "he wasn't there when I got home and I was shaking with fear",
])
def test_colours_noses_and_stares_of_everyday_life_stay_calm(triager, text):
    _not_emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my wife had some kind of episode, her arms were shaking and she wasn't there",
    "she had a funny turn and was staring, didnt answer me",
    "all my body shake and after I fall down",
])
def test_a_spell_with_shaking_or_a_stare_is_a_seizure(triager, text):
    result = _emergency(triager, text)
    assert any(f.ref == "overdose_cns.convulsions" for f in result.findings), text


# ------------------------------------------------------- questions that tell what happened

@pytest.mark.parametrize("text", [
    "do I need to go to A&E if she had a fit?",
    "should I take her to hospital now that she's had a seizure?",
    "what if I already took 15?",
    "what happens if he's already had 10 of them?",
    "my brother takes baclofen too. Anyway I took twenty of mine an hour ago",
])
def test_questions_and_asides_that_tell_of_a_sign_or_a_dose_are_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "what if I took 15?",
    "would I need hospital if I had a seizure on it?",
    "she took 3 of hers this morning as usual",
])
def test_supposed_signs_and_usual_doses_stay_calm(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------------------ pump catheters and stops

@pytest.mark.parametrize("text", [
    "pump interrogated - catheter occluded; increased spasticity, itchy",
    "no refill for my pump since 2 months, very itchy and muscle tight",
    "since I stop the pump medicine my body very stiff and hot",
    "the pump wasn't refilled on time and now he's rigid",
    "pump catheter may be kinked, the nurse thinks, and now she's itchy and stiff",
])
def test_pump_catheter_faults_missed_refills_and_stops_with_signs_are_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my urinary catheter is blocked and my legs are stiff",
    "my insulin pump catheter is blocked and my legs are stiff",
    "I have taken loads of photos of my rash",
])
def test_other_catheters_and_piles_of_photos_stay_calm(triager, text):
    _not_emergency(triager, text)


@pytest.mark.parametrize("text", ["I took loads", "she's taken dozens of them"])
def test_a_pile_taken_is_an_overdose(triager, text):
    _emergency(triager, text)


# --------------------------------------------------------------- more calm look-alikes

@pytest.mark.parametrize("text", [
    "if I miss a dose will I have a seizure?",
    "if I stop it will he stop breathing?",
    "I took 2 tablets this morning instead of 1 because the doctor increased it",
    "I get short of breath with my asthma sometimes",
    "my husband's friend killed himself, I'm worried about him",
    "I'm not going to hurt myself, I just feel flat",
    "I would never kill myself",
])
def test_questions_reasons_and_denied_intents_stay_calm(triager, text):
    _not_emergency(triager, text)


@pytest.mark.parametrize("text", [
    "when he had the fit, should I have called 999?",
    "I took 4 instead of 1, my doctor will be cross",
    "I'm going to hurt myself tonight",
])
def test_the_real_thing_beside_them_stays_an_emergency(triager, text):
    _emergency(triager, text)


# ------------------------------------------------------ another person's sign, just now

@pytest.mark.parametrize("text", [
    "my friend who has MS had a seizure just now at my house",
    "a mate of mine had a fit right now in the kitchen, what do I do",
])
def test_another_persons_sign_told_as_now_is_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "my friend had a fit on baclofen last year",
    "a friend had a seizure on it, she's fine now",
])
def test_another_persons_sign_told_as_a_story_stays_calm(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------------------ texting and learner English

@pytest.mark.parametrize("text", [
    "i tuk 10 tabs",
    "took 2many last nite",
    "he no breathe good",
    "my daughter drink my medicine, maybe 8 tablet",
])
def test_texting_and_learner_forms_of_the_emergency_signs(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", ["i tuk 1 tab this morning", "I drink my medicine with water"])
def test_texting_and_learner_forms_of_a_usual_dose_stay_calm(triager, text):
    _not_emergency(triager, text)


# ---------------------------------------------------------- suicidal thoughts, indirectly

@pytest.mark.parametrize("text", [
    "I feel like such a burden to everyone",
    "I've had thoughts of not being here",
    "sometimes i think my family would be happier without me",
    "life isn't worth it anymore",
    "I'm so low I could end it",
    "I've thought about jumping off the bridge",
    "part of me wants to take all the tablets",
])
def test_indirect_suicidal_thoughts_get_medical_attention_and_the_crisis_line(triager, text):
    result = triager.classify(text)
    assert result.context.get("suicidal_thoughts") or result.context.get("intentional"), text
    assert result.disposition in ("medical_attention", "emergency"), text


@pytest.mark.parametrize("text", [
    "the shopping is a burden to carry up the stairs",
    "the gym membership is not worth it anymore",
    "I want to take all my tablets on time",
])
def test_everyday_burdens_and_worth_stay_calm(triager, text):
    result = triager.classify(text)
    assert not result.context.get("suicidal_thoughts") and not result.context.get("intentional"), text


# --------------------------------------------------------------- long messages, buried signs

def test_pump_asked_about_then_fever_itch_and_rigidity_is_an_emergency(triager):
    _emergency(triager, "Quick question about my pump. It was topped up last month and seemed fine, but since "
                        "yesterday I'm itchy all over, today my temperature is 38.6 and my legs are rigid. A virus?")


def test_a_dose_forgotten_and_taken_again_buried_in_news_is_an_emergency(triager):
    _emergency(triager, "Saw the neuro, all fine, same dose. Oh and the other night I took my bedtime dose, "
                        "then forgot and took it again, felt woozy")


def test_forgot_to_take_it_then_took_it_is_no_overdose(triager):
    _not_emergency(triager, "I forgot to take it this morning and took it at lunch instead")


# ----------------------------------------------------------- breathing doubted, rousing

@pytest.mark.parametrize("text", [
    "I don't think he's breathing",
    "not sure she is breathing, she's so still",
    "no idea if my son is breathing",
    "no response to voice, pt on baclofen",
    "she responds only when I shake her hard",
    "he only opens his eyes to pain",
])
def test_breathing_doubted_and_rousing_only_by_force_are_an_emergency(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "I don't think she's breathing properly through her nose, it's blocked",
    "I don't think he is breathing too fast",
])
def test_breathing_doubted_only_in_its_manner_stays_calm(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------------------ stops by other names

@pytest.mark.parametrize("text", [
    "took a break from baclofen over the weekend, now I'm seeing things",
    "on a baclofen holiday since Friday, hearing voices",
])
def test_a_break_from_the_medicine_is_a_stop(triager, text):
    assert _disposition(triager, text) in ("withdrawal", "emergency"), text


def test_off_the_medicine_to_see_how_i_manage_with_fever_and_muddle_is_an_emergency(triager):
    _emergency(triager, "I've been off the baclofen since Sunday to see how I manage, the spasms are "
                        "through the roof and I'm hot and muddled")


def test_a_break_from_the_spasms_is_no_stop(triager):
    result = triager.classify("I need a break from the spasms, any tips?")
    assert not result.context.get("stopped_suddenly")


# --------------------------------------------------- second-round classes (own phrasings)

@pytest.mark.parametrize("text", [
    "nan muddled her dosette and had all of Monday's and Tuesday's with her tea",
    "took my usual 20mg then another 20 half an hour later as the spasms were awful",
    "he went vacant, chewing movements, wouldn't respond for about a minute",
    "my son would not respond for a few seconds and his eyes were fixed",
    "pump refilled Tuesday; now I am itchy all over, running a temperature, and my legs are rigid",
])
def test_second_round_urgent_classes_are_emergencies(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "our cat knocked over my tea and ate my toast, not my tablets thankfully",
    "I had Monday and Tuesday off work to rest",
    "he didn't respond to my texts for a while, he was at the gym",
    "she took 9 baclofen at once but she seems fine",
])
def test_second_round_look_alikes(triager, text):
    expected_emergency = "9 baclofen" in text
    assert (_disposition(triager, text) == "emergency") == expected_emergency, text


# ---------------------------------------------------- a seizure's parts told as a list

@pytest.mark.parametrize("text", [
    "mum had a blank spell, stared for ages, didn't know me after",
    "my girl zoned out at dinner, lips smacking",
    "he had a funny turn, his hand was twitching",
])
def test_a_seizures_parts_told_with_commas_are_a_seizure(triager, text):
    result = _emergency(triager, text)
    assert any(f.ref == "overdose_cns.convulsions" for f in result.findings), text


@pytest.mark.parametrize("text", [
    "I zoned out in the meeting, my eyelid twitching",
    "I was zoning out, shaking with cold",
])
def test_a_daydream_beside_a_twitch_is_no_seizure(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------- doses at the wrong time, other things eaten

@pytest.mark.parametrize("text", [
    "I took my tablets twice a day as prescribed",
    "took a handful of vitamins with breakfast",
    "the puppy ate a sock this morning",
    "I accidentally took my dose two hours late",
])
def test_regimens_late_doses_and_other_things_swallowed_stay_calm(triager, text):
    _not_emergency(triager, text)


@pytest.mark.parametrize("text", [
    "I took my dose twice this morning",
    "the puppy ate a sock and some of my tablets",
    "took a handful of my baclofen",
])
def test_the_overdose_beside_them_stays_an_emergency(triager, text):
    _emergency(triager, text)


# -------------------------------------------------------------- pump and ward notes

@pytest.mark.parametrize("text", [
    "ITB pt, pump due refill 3 days ago, not done, T39",
    "we think his pump catheter has come out, he's itching all over",
    "her pump battery went flat and now she's rigid",
    "pump was supposed to be refilled Monday but it got cancelled; now feverish and twitching",
    "pt on oral baclofen, doses omitted x 2 days (NBM), now agitated and febrile",
])
def test_pump_faults_and_omitted_doses_in_ward_words_are_an_emergency(triager, text):
    _emergency(triager, text)


def test_a_late_refill_with_hallucinations_is_withdrawal(triager):
    assert _disposition(triager, "the refill came late by a week and he's hallucinating") in ("withdrawal", "emergency")


@pytest.mark.parametrize("text", [
    "my pump battery was replaced last year, all good",
    "my prescription refill is due next week",
    "I'm agitated about the traffic and have a mild fever from a cold",
])
def test_pump_and_refill_news_without_a_problem_stays_calm(triager, text):
    _not_emergency(triager, text)


# ------------------------------------------------ the medicine by its kind, a container's contents

@pytest.mark.parametrize("text", [
    "I've just downed about twelve of my muscle relaxers",
    "she swallowed the contents of her pill organiser",
])
def test_muscle_relaxers_counted_and_a_containers_contents_are_an_overdose(triager, text):
    _emergency(triager, text)


@pytest.mark.parametrize("text", [
    "I take 2 of my muscle relaxers a day",
    "I drank the contents of a glass of water with it",
    "I had 20 of my muscle spasms today",
])
def test_a_regimen_of_relaxers_and_other_contents_stay_calm(triager, text):
    _not_emergency(triager, text)
