"""Round-7 writing styles: long stories, carers, nurse notes, texting and learner
English, where the one sign that matters sits among calm details (phrasings of our own)."""
from __future__ import annotations

import pytest


def refs(result) -> set[str]:
    return {f.ref for f in result.findings}


# Someone with a baclofen pump who has a fever with rigidity, itching or confusion is
# an emergency even when no fault of the pump is told: the refill or the change is
# told in one sentence and the signs several sentences later.
@pytest.mark.parametrize("text", [
    "I've had my baclofen pump since 2019. They topped it up on Thursday at the hospital and the "
    "parking was a nightmare. Anyway, since this morning I'm running a temperature of 38.6 and my "
    "whole body is itchy.",
    "My sister has an intrathecal pump for her MS. We had a nice lunch out on Sunday. Tonight she "
    "is feverish, muddled about what day it is and her arms have gone rigid.",
    "pt w ITB, refill 3/7 ago uneventful. today pyrexial 38.4, generalised pruritus, tone ++",
    "his pump was replaced last month. he is hot to touch and his legs are stiff as planks",
])
def test_pump_fever_with_withdrawal_signs_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


# But a pump of another kind is no baclofen pump, and a pump user's cold is no emergency.
@pytest.mark.parametrize("text", [
    "my insulin pump site is sore and I have a temperature and a headache",
    "I have a baclofen pump, caught a cold off the kids, temp 38 and a headache",
    # a heart that pumps is no pump of the medicine
    "my heart keeps pumping hard, I have a fever and I'm a bit confused",
])
def test_other_pumps_and_a_pump_users_cold_are_not_emergencies(triager, text):
    assert triager.classify(text).disposition != "emergency"


# Lay people call the pupils "the eyes": pinpoint eyes with drowsiness are an overdose sign.
@pytest.mark.parametrize("text", [
    "my dad's eyes look like pinpoints and he is so drowsy he keeps nodding off",
    "her eye is tiny like a dot and she is very sleepy",
])
def test_pinpoint_eyes_are_small_pupils(triager, text):
    result = triager.classify(text)
    assert "overdose_cns.miosis" in refs(result)
    assert result.disposition == "emergency"


# A learner's "took his baclofen and more." is more than the dose: an overdose cue,
# but "baclofen and more painkillers" names other tablets.
def test_the_dose_and_more_is_too_much(triager):
    assert triager.classify("she took her baclofen and more.").context["took_too_much"] is True
    assert triager.classify("I take baclofen and more painkillers at night").context["took_too_much"] is not True


# "since about a month ago" runs up to now: the low mood is now, not in the past.
@pytest.mark.parametrize("text", [
    "I have been feeling hopeless and low since roughly a month ago",
    "feeling dizzy and sick since about a month ago",
])
def test_since_a_time_ago_is_a_time_up_to_now(triager, text):
    result = triager.classify(text)
    assert result.findings, text
    assert result.disposition in ("medical_attention", "if_bothersome")


# "do nothing since ..." is a learner's apathy, not "nothing since" (no more of it).
def test_nothing_since_a_clause_is_no_end_of_the_symptom(triager):
    result = triager.classify("I am so miserable and want do nothing since the doctor start me on baclofen")
    assert result.disposition == "medical_attention"
    assert triager.classify("I had a rash in the first week on it, nothing since.").disposition == "none"


# The little figures of visual hallucinations, seen without "not there" in the same clause.
@pytest.mark.parametrize("text", [
    "at night I keep seeing small figures sitting on the wardrobe",
    "mum says she sees little children by her bed every evening",
])
def test_little_people_seen_are_hallucinations(triager, text):
    result = triager.classify(text)
    assert "cns_toxicity.hallucinations" in refs(result)


# The clinician's "resp depressed" is slowed breathing, an emergency, not low mood.
@pytest.mark.parametrize("text", ["obs: GCS 13, resps depressed", "post ingestion, respiration depressed, drowsy"])
def test_resp_depressed_is_breathing_not_mood(triager, text):
    result = triager.classify(text)
    assert "respiratory_depression.breathing" in refs(result)
    assert "cns_toxicity.mood" not in refs(result)
    assert result.disposition == "emergency"


# Erections denied in the patient's own words are the sexual-problems entry.
def test_erections_denied_by_the_patient_are_a_side_effect(triager):
    result = triager.classify("on baclofen 3 months and I'm not getting erections anymore")
    assert result.disposition == "if_bothersome"
    assert result.findings


# A learner's weight: "more heavy 4 kilo", "2 kilogram more".
@pytest.mark.parametrize("text", ["my son is more heavy 4 kilo since the baclofen", "I am 2 kilogram more since the tablets"])
def test_learner_weight_gain(triager, text):
    assert "fluid_retention.weight_gain" in refs(triager.classify(text))


# A learner's present tense after a time of the past: "three years ago I have fits" is the past.
def test_learner_present_after_years_ago_is_the_past(triager):
    result = triager.classify("Three years ago I have depression very bad. Now I take baclofen for my legs, no problem.")
    assert result.disposition == "none"


# A carer who says they are fine and then names their own tiredness, and one who
# writes because the patient cannot type: the writer's tiredness is not the patient's.
@pytest.mark.parametrize("text", [
    "My dad can't type so I'm writing. His hands are shaking. I'm ok, just exhausted from the night shifts.",
    "I'm typing for my sister, she has a headache every day on it. Me, I'm fine, just worn out.",
])
def test_a_carers_own_tiredness_is_set_apart(triager, text):
    result = triager.classify(text)
    assert not any("tired" in r or "fatigue" in r for r in refs(result)), refs(result)
    assert result.findings


# "spine" is the backbone, not "spinning" (they share a stem).
def test_spine_is_no_spinning(triager):
    assert triager.classify("my brother takes baclofen for his spine, he is doing well").findings == ()
    assert triager.classify("everything is spinning when I stand").disposition == "if_bothersome"


# A learner's constipation: "not go to toilet since four day".
@pytest.mark.parametrize("text", ["my father not go to toilet since four day, he take baclofen",
                                  "she no can go to toilet, six day now"])
def test_learner_not_go_to_toilet_is_constipation(triager, text):
    assert "constipation" in refs(triager.classify(text))


# A carer sees a pump patient boiling hot and scratching: fever and itching, with the
# pump named in another sentence, are the pump emergency.
def test_a_carers_pump_fever_in_plain_words_is_an_emergency(triager):
    result = triager.classify("Dad has a baclofen pump. This evening he's roasting hot and keeps "
                              "scratching his chest. His last refill went fine.")
    assert result.disposition == "emergency"


# "it's boiling hot" is the weather, not a fever; "scratching his back" for an itch is the skin entry.
def test_weather_is_no_fever_and_scratching_is_itching(triager):
    assert triager.classify("it's boiling hot out and I'm a bit dizzy on it").context["fever"] is False
    assert "dermatitis.rash" in refs(triager.classify("my son keeps scratching his legs since the new dose"))


# A break in the supply is an abrupt stop: "a gap of three days", "a 5 day gap in my tablets".
@pytest.mark.parametrize("text", [
    "the chemist messed up and there was a gap of three days in my baclofen, now I'm hearing voices",
    "had a 5 day gap in my tablets over Christmas and my legs are spasming like mad",
])
def test_a_gap_in_the_supply_is_a_stop(triager, text):
    result = triager.classify(text)
    assert result.context["stopped_suddenly"] is True
    assert result.disposition in ("withdrawal", "emergency")


def test_a_gap_between_appointments_is_no_stop(triager):
    assert triager.classify("there was a gap of 2 days between my physio sessions").context["stopped_suddenly"] is not True


# "since one month ago" and "since two weeks ago" run up to now.
def test_since_a_counted_time_ago_runs_to_now(triager):
    assert triager.classify("Since one month ago my head is aching every day, I take baclofen").disposition == "if_bothersome"


# A drooping face told as "dropped on one side" is a stroke sign, even when it passed.
def test_face_dropped_to_one_side_is_an_emergency(triager):
    result = triager.classify("At lunch grandad's face dropped on one side for a few minutes, he is back to normal now.")
    assert result.disposition == "emergency"


# Someone who sleeps on and will not wake, told after "and".
@pytest.mark.parametrize("text", ["my brother is snoring really loud and won't wake up",
                                  "she's slumped on the sofa and can't rouse"])
def test_a_third_person_who_wont_wake_after_and_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_the_writer_who_wont_wake_early_is_no_emergency(triager):
    assert triager.classify("I'm worn out and won't wake early tomorrow").disposition != "emergency"


# A child who found the medicine and swallowed some, with the place told in between.
def test_a_supply_found_and_swallowed_is_an_ingestion(triager):
    result = triager.classify("our toddler found the baclofen bottle, the one we keep in the bathroom, and swallowed some")
    assert result.disposition == "emergency"
    assert triager.classify("I found the tablets in my bag and took my usual dose").disposition != "emergency"


# A learner's "he is very sleep" is drowsiness.
def test_learner_very_sleep_is_drowsiness(triager):
    assert "cns_effects.drowsiness" in refs(triager.classify("my father is very sleep since the baclofen start"))


# The last months of someone who has died are the past, not the writer's emergency.
def test_a_late_relatives_last_months_are_the_past(triager):
    result = triager.classify("My late father took baclofen for his spine, and towards the end he had seizures "
                              "and saw things. I've not started it yet myself, my neurologist suggested it.")
    assert result.disposition != "emergency"
    assert triager.classify("towards the end of the evening I get very drowsy on it").disposition == "if_bothersome"


# A carer's "he hasn't passed urine since ..." is the urination entry, and a place
# "sore low down" is no low mood.
def test_third_person_no_urine_and_sore_low_down(triager):
    result = triager.classify("Dad is on baclofen and he hasn't passed urine since breakfast, he's tender low down")
    assert "urination_difficulty" in refs(result)
    assert "cns_toxicity.mood" not in refs(result)
