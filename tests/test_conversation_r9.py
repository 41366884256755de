"""Round 9 of the conversation red team, in our own words: how a follow-up answer
settles a tier when its yes word is denied or only a habit ("I can't double up"),
when the caller turns about inside the answer ("not sure... actually no"), when a
yes word only sits in the sentence ("on the right day"), when the date told is a
start ("started on Monday"), and tablets counted gone late in the call."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner

SLEEPY = "I've been nodding off in my chair a lot"


# ---------------------------------------------------------------- a yes word denied or only a habit

@pytest.mark.parametrize("answer", [
    "they're in a dosette so I couldn't really double up",
    "no, if I can't remember whether I had it I leave it out rather than double up",
    "I never double up, I use alarms on my phone",
    "whenever I'm not sure I just skip that one",
])
def test_a_denied_or_habitual_yes_word_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] != "emergency", answer


@pytest.mark.parametrize("answer", [
    "yes, I doubled up last night",
    "I'm not sure, I might have doubled up",
    "I can't remember if I took it, so maybe twice",
])
def test_a_yes_word_that_is_said_is_still_an_overdose(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] == "emergency", answer


# ---------------------------------------------------------------- turning about inside one answer

@pytest.mark.parametrize("answer", [
    "hmm, don't know... actually no, I checked the packet and the count is right",
    "maybe? on second thoughts no, tuesday's slot is still full so I'm behind if anything",
])
def test_an_answer_that_turns_about_to_no_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] != "emergency", answer


@pytest.mark.parametrize("answer", [
    "no... actually yes, I had an extra one at lunch",
    "I don't think so, no wait, I did take extra this morning",
])
def test_an_answer_that_turns_about_to_yes_is_an_overdose(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] == "emergency", answer


# ---------------------------------------------------------------- a yes word inside a sentence

def test_a_yes_word_inside_a_sentence_is_no_stop(engine):
    _state, dispositions = chat(engine, "I've been really down and crying a lot",
                                "the pharmacy packs them by day and I've taken each on the right morning")
    assert dispositions[-1] == "medical_attention"


@pytest.mark.parametrize("answer", ["right, I ran out on Saturday", "yes that's right, since the weekend"])
def test_a_yes_word_opening_the_answer_still_says_yes(engine, answer):
    _state, dispositions = chat(engine, "I keep hearing music that isn't playing", answer)
    assert dispositions[-1] == "withdrawal", answer


# ---------------------------------------------------------------- a start date is no stop date

@pytest.mark.parametrize("answer", [
    "only been on it a few days, I began it on Thursday",
    "I started taking it last Friday",
])
def test_the_day_the_tablets_were_started_is_no_stop(engine, answer):
    _state, dispositions = chat(engine, "I keep seeing cats that are not there", answer)
    assert dispositions[-1] == "medical_attention", answer


def test_a_stop_date_told_beside_a_start_is_still_a_stop(engine):
    _state, dispositions = chat(engine, "I keep seeing cats that are not there",
                                "I started it in May but I stopped it on Thursday")
    assert dispositions[-1] == "withdrawal"


# ---------------------------------------------------------------- tablets counted gone, late in the call

@pytest.mark.parametrize("late", [
    "I've just looked at her pill box, there are 9 gone since this morning",
    "7 of her tablets have gone since this morning",
    "there are 6 missing from her blister pack",
])
def test_tablets_counted_gone_late_in_the_call_are_an_emergency(engine, late):
    _state, dispositions = chat(engine, "my mum is very drowsy", "no", "and she's mumbling her words", late)
    assert dispositions[-1] == "emergency", late


def test_tablets_counted_gone_do_not_take_back_the_sign_just_told(engine):
    state, _dispositions = chat(engine, "my mum is very drowsy", "no", "and she's mumbling her words",
                                "I've just looked at her pill box, there are 9 gone since this morning")
    assert any(m.target == "cns_effects_rare.speech" and m.status == "affirmed" for _turn, m in state.matches)
    assert not any(m.status == "resolved" for _turn, m in state.matches)


def test_a_sign_gone_now_is_still_taken_back(engine):
    _state, dispositions = chat(engine, "I had a headache this afternoon", "no", "it's gone now")
    assert dispositions[-1] == "none"


# ---------------------------------------------------------------- a yes that is only a sentence's verb

@pytest.mark.parametrize("answer", [
    "I have them in a weekly pill box and it's all correct",
    "I am taking it exactly as the leaflet says",
])
def test_an_echoed_yes_that_starts_a_sentence_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] != "emergency", answer


@pytest.mark.parametrize("answer", ["she did, a couple extra", "he did last night", "I did"])
def test_an_echoed_yes_on_its_own_is_still_an_overdose(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] == "emergency", answer


def test_a_vague_many_gone_from_the_packet_after_a_denial_is_an_emergency(engine):
    _state, dispositions = chat(engine, "grandad is really drowsy", "he says not but there's loads gone from the packet")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- a second dose told late, or in pieces

def test_a_carer_correcting_a_no_with_a_dose_taken_twice_is_an_emergency(engine):
    _state, dispositions = chat(engine, "my husband is really dozy tonight", "no",
                                "oh hang on, my daughter says she gave him his tablets and then he took them again himself")
    assert dispositions[-1] == "emergency"


def test_a_dose_repeated_because_it_was_forgotten_is_an_emergency(engine):
    _state, dispositions = chat(engine, SLEEPY, "I had my usual one at 7 and again at 8 because I forgot")
    assert dispositions[-1] == "emergency"


def test_a_count_after_a_question_asked_back_is_still_an_overdose(engine):
    _state, dispositions = chat(engine, SLEEPY, "no, why do you ask? I did take 5 at lunch though")
    assert dispositions[-1] == "emergency"


@pytest.mark.parametrize("answer", ["then I took it again at teatime like normal",
                                    "I have one at 8 and then again at 2 and 8 as usual"])
def test_the_next_dose_of_a_regimen_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] != "emergency", answer


def test_a_prescriber_cutting_the_dose_all_at_once_is_a_stop(engine):
    _state, dispositions = chat(engine, "I keep hearing my name called when nobody is there",
                                "yes, my consultant reduced it from four a day to one overnight")
    assert dispositions[-1] == "withdrawal"


# ---------------------------------------------------------------- a bare count put right by its unit

def test_a_bare_count_the_caller_puts_right_as_milligrams_is_no_longer_an_emergency(engine):
    _state, dispositions = chat(engine, "I swallowed 15 this morning and I'm a little drowsy",
                                "oh I mean 15 mg, that's one tablet, my normal")
    assert dispositions[0] == "emergency" and dispositions[-1] != "emergency"


def test_a_count_put_right_as_milligrams_does_not_lift_an_emergency_sign(engine):
    _state, dispositions = chat(engine, "I swallowed 15 this morning and now my breathing is very slow",
                                "15 milligrams I meant")
    assert dispositions[-1] == "emergency"


def test_milligrams_put_right_as_tablets_stay_an_emergency(engine):
    _state, dispositions = chat(engine, "I had 30 today and feel drowsy", "no I meant 30 tablets not 30 mg")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- a regimen told by the parts of the day

@pytest.mark.parametrize("answer", ["1 morning 1 night", "one in the morning and one at bedtime",
                                    "one with breakfast and one with dinner"])
def test_a_regimen_told_by_parts_of_the_day_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, "I'm woozy on my feet", answer)
    assert dispositions[-1] != "emergency", answer


@pytest.mark.parametrize("answer", ["I took 5 this morning", "6 in the morning, I was in so much pain"])
def test_a_larger_count_told_with_a_part_of_the_day_is_still_an_overdose(engine, answer):
    _state, dispositions = chat(engine, "I'm woozy on my feet", answer)
    assert dispositions[-1] == "emergency", answer


# ---------------------------------------------------------------- an answer that names the sign again

def test_a_carer_doubting_the_patients_no_while_naming_the_sign_again_takes_the_safer_view(engine):
    _state, dispositions = chat(engine, "dad is muddled this evening",
                                "he says no, but he's that muddled I'm not sure he'd remember")
    assert dispositions[-1] == "emergency"


def test_a_cause_wondered_at_beside_the_sign_again_is_no_doubt_of_an_overdose(engine):
    _state, dispositions = chat(engine, "I'm dizzy a lot", "still dizzy today, no idea why")
    assert dispositions[-1] != "emergency"


def test_another_lot_taken_after_a_carer_gave_the_dose_is_an_emergency(engine):
    _state, dispositions = chat(engine, SLEEPY, "my son gave me my evening ones and I forgot and took another lot")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- the answer just given, taken back

def test_a_stop_answer_taken_back_in_the_next_turn_is_no_longer_a_stop(engine):
    _state, dispositions = chat(engine, "I keep hearing a radio that isn't on", "yes I stopped them",
                                "actually no sorry, that was back in the spring, I've been on them since")
    assert dispositions[1] == "withdrawal" and dispositions[-1] == "medical_attention"


def test_a_no_turned_to_yes_in_the_next_turn_is_a_stop(engine):
    _state, dispositions = chat(engine, "I keep hearing a radio that isn't on", "no", "wait, yes I have")
    assert dispositions[-1] == "withdrawal"


def test_an_overdose_answer_taken_back_keeps_the_emergency(engine):
    _state, dispositions = chat(engine, SLEEPY, "yes", "actually no, sorry")
    assert dispositions[-1] == "emergency"


def test_a_correction_of_a_place_does_not_take_back_the_stop(engine):
    _state, dispositions = chat(engine, "I keep hearing a radio that isn't on", "yes I stopped on Monday",
                                "sorry, I meant my knees not my chest")
    assert dispositions[-1] == "withdrawal"


# ---------------------------------------------------------------- a doubt checked and put to rest

@pytest.mark.parametrize("answer", ["I was scared I'd had too many but I counted and I hadn't",
                                    "I thought I'd doubled it but the dosette shows I didn't"])
def test_an_overdose_feared_then_checked_is_no_emergency(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] != "emergency", answer


def test_a_check_that_shows_the_double_dose_is_an_emergency(engine):
    _state, dispositions = chat(engine, SLEEPY, "I hoped I hadn't but the dosette shows I did double up")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- a doubt about something else

@pytest.mark.parametrize("answer", [
    "not sure what you mean? I only ever take what's on the label",
    "I can't remember what dose I'm on exactly, my husband sorts them and he's very careful",
    "I don't see how I could have, they come in a blister pack",
])
def test_a_doubt_about_the_question_or_the_regimen_is_no_unsure_overdose(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] != "emergency", answer


@pytest.mark.parametrize("answer", ["I honestly can't remember, I was really muddled last night",
                                    "she really doesn't know, she's too confused to say"])
def test_a_doubt_told_beside_a_new_sign_takes_the_safer_view(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] == "emergency", answer


# ---------------------------------------------------------------- when the supply ended

@pytest.mark.parametrize("answer", ["since the weekend", "over the weekend I think"])
def test_the_weekend_as_the_answer_to_the_stop_question_is_a_stop(engine, answer):
    _state, dispositions = chat(engine, "my legs are jumping and spasming far more", answer)
    assert dispositions[-1] == "withdrawal", answer


def test_tablets_that_finished_on_a_day_with_no_new_prescription_are_a_stop(engine):
    _state, dispositions = chat(engine, "she's very restless and jittery",
                                "her pills finished on Friday and the surgery still hasn't sent the new prescription")
    assert dispositions[-1] == "withdrawal"


# ---------------------------------------------------------------- a nurse's readings, a carer's report of a denial

def test_readings_given_to_the_too_much_question_are_no_count_of_tablets(engine):
    _state, dispositions = chat(engine, "ringing about a resident, 84, very drowsy on baclofen",
                                "obs are stable, RR 15, sats 96%")
    assert dispositions[-1] != "emergency"


def test_a_denial_the_pack_contradicts_is_an_emergency(engine):
    _state, dispositions = chat(engine, "my gran is so dozy today", "she swears she hasn't but the blister pack says otherwise")
    assert dispositions[-1] == "emergency"


def test_a_reported_denial_gives_way_to_the_callers_own_doubt(engine):
    _state, dispositions = chat(engine, "my gran is so dozy today", "she says not, but I reckon she may have")
    assert dispositions[-1] == "emergency"


@pytest.mark.parametrize("answer", ["she says not and I believe her", "he told me no, and I count them anyway"])
def test_a_reported_denial_alone_is_still_a_no(engine, answer):
    _state, dispositions = chat(engine, "my gran is so dozy today", answer)
    assert dispositions[-1] == "if_bothersome", answer


# ---------------------------------------------------------------- calm answers that held an overdose word

@pytest.mark.parametrize("answer", [
    "no - but what would happen if somebody took too many?",
    "no, a friend of mine overdosed on something once so I'm really careful",
    "nope, I always double check",
    "I'm on 10mg three times a day, I've never missed or doubled",
    "I have 2 at bedtime instead of 1 now, my neurologist asked me to",
    "no, I only had the one extra ibuprofen for my back",
    "no, though I did have a couple of pints last night",
    "no, I'm on 20mg twice a day now, it was 10",
])
def test_a_calm_answer_holding_an_overdose_word_is_no_emergency(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] != "emergency", answer


@pytest.mark.parametrize("answer", [
    "I had 2 at bedtime instead of 1 because I was in pain",
    "I took an extra baclofen and an extra ibuprofen",
    "I'm on 10mg twice a day but today I had 4 at once",
])
def test_an_overdose_told_beside_a_regimen_or_another_medicine_is_still_an_emergency(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] == "emergency", answer


@pytest.mark.parametrize("answer", ["dunno?", "possibly? I lost track", "did I have too many? yes I think so"])
def test_a_doubt_or_an_answer_beside_a_question_mark_still_counts(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] == "emergency", answer


# ---------------------------------------------------------------- a supply gone, a present-tense excess, a doubt said honestly

def test_a_whole_packet_gone_is_no_denial_of_an_overdose(engine):
    _state, dispositions = chat(engine, "my brother is slurring and so sleepy",
                                "he says he's okay but there's a whole packet gone since Tuesday")
    assert dispositions[-1] == "emergency"


def test_a_learners_present_tense_excess_is_an_overdose(engine):
    _state, dispositions = chat(engine, "my legs are so weak", "yes i take 2 more than usual for the pain")
    assert dispositions[-1] == "emergency"


def test_a_dose_given_then_taken_again_told_at_the_end_is_an_emergency(engine):
    _state, dispositions = chat(engine, "grandad is nodding off all the time", "don't think so",
                                "oh hold on, the carer says she gave him his lunchtime tablets and then he took them again")
    assert dispositions[-1] == "emergency"


@pytest.mark.parametrize("answer", ["I gave him his dose and then he took it again at teatime as usual",
                                    "she stopped it for a week and then she took it again"])
def test_a_next_dose_or_a_restart_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, "grandad is nodding off all the time", answer)
    assert dispositions[-1] != "emergency", answer


def test_a_doubt_said_honestly_beside_a_new_sign_takes_the_safer_view(engine):
    _state, dispositions = chat(engine, "I'm unsteady and seeing double", "I can't really say, I've been muddled all day")
    assert dispositions[-1] == "emergency"


def test_tablets_made_to_last_are_a_dose_lowered(engine):
    _state, dispositions = chat(engine, "my spasms are back with a vengeance",
                                "I've been making my pills last till the new prescription comes")
    assert dispositions[-1] == "withdrawal"


# ---------------------------------------------------------------- an excess told without a yes word

@pytest.mark.parametrize("answer", [
    "I had Thursday's and Friday's today, I muddled the days",
    "the whole day's worth at once because I was going out",
    "all three doses together this morning",
    "I swallowed a handful when I got upset",
    "took my evening dose at 5 and again at 9",
    "more than I'm supposed to",
    "I kept popping them, the pain was unbearable",
    "she took her bedtime tablets at lunchtime too",
    "the weekly pill box is empty and it's only Tuesday",
])
def test_an_excess_told_in_its_own_way_is_an_emergency(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] == "emergency", answer


@pytest.mark.parametrize("answer", [
    "no, I kept taking them hoping the sleepiness would wear off",
    "no, the pill box still has the rest of the week in it",
    "I took Monday's on Monday, as you do",
])
def test_a_regimen_kept_to_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, SLEEPY, answer)
    assert dispositions[-1] != "emergency", answer


# ---------------------------------------------------------------- a supply not had, another medicine stopped

@pytest.mark.parametrize("answer", ["the pharmacy couldn't order any in this week",
                                    "I had a stomach bug and couldn't keep my tablets down for two days"])
def test_a_supply_not_had_or_not_kept_down_is_a_stop(engine, answer):
    _state, dispositions = chat(engine, "I keep seeing faces in the curtains", answer)
    assert dispositions[-1] == "withdrawal", answer


def test_another_medicine_stopped_is_no_stop_of_this_one(engine):
    _state, dispositions = chat(engine, "I keep seeing faces in the curtains",
                                "I stopped a different tablet on Monday, not the baclofen")
    assert dispositions[-1] == "medical_attention"


# ---------------------------------------------------------------- from the third fresh set, in other words

def test_a_count_missing_after_counting_late_in_the_call_is_an_emergency(engine):
    _state, dispositions = chat(engine, "my wife is very drowsy and muddled", "she says not",
                                "I've checked her pack and 8 have gone since lunch")
    assert dispositions[-1] == "emergency"


def test_a_supply_that_finished_on_a_weekday_and_could_not_be_had_is_a_stop(engine):
    _state, dispositions = chat(engine, "I hear music that nobody else can hear",
                                "my tablets finished Tuesday and I haven't been able to get any more")
    assert dispositions[-1] == "withdrawal"


def test_fewer_tablets_than_prescribed_told_with_since_is_no_overdose(engine):
    _state, dispositions = chat(engine, "my legs keep cramping and going stiff",
                                "I've been taking two a day instead of four since Saturday to make them last")
    assert dispositions[-1] == "withdrawal"
