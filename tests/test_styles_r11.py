"""Round-11 writing styles: texting, learner English, carers, nurse notes and long messages
(phrasings of our own).  Each test names a class of wording the method now reads right."""
from __future__ import annotations

import pytest


def refs(result) -> set[str]:
    return {f.ref for f in result.findings}


# Texted times and people: "yr" for year, "mth" for month, "m8" for mate.  Without them a
# friend's fit of long ago was the patient's emergency now.
@pytest.mark.parametrize("text", [
    "my cousin had a fit last yr when she was on it, cud that happen 2 me?",
    "had a seizure 2 yrs ago, nothing since, just askin if bac is ok",
    "my m8 gets headaches on baclofen, will i?",
])
def test_texted_times_and_people_set_a_sign_apart(triager, text):
    r = triager.classify(text)
    assert not r.findings
    assert r.disposition == "none"


def test_a_texted_month_dates_a_spell(triager):
    r = triager.classify("i was sick loads about 6 mths ago")
    assert "nausea" not in refs(r)


# A wish to stop living, a learner's "stop to live", is an intent like "don't want to live".
@pytest.mark.parametrize("text", [
    "some days I want to stop living",
    "I am thinking to stop to live, I am so tired of everything",
])
def test_a_wish_to_stop_living_is_an_emergency_with_the_mood(triager, text):
    r = triager.classify(text)
    assert r.disposition == "emergency"
    assert "cns_toxicity.mood" in refs(r)


# A carer tells the patient's words of not being missed, in the third person.
@pytest.mark.parametrize("text", [
    "my husband says no one would care if he wasn't here",
    "she told me we'd all be better off without her",
    "he keeps telling me nobody would notice if he died",
    "she says we would be happier without her",
])
def test_a_carer_told_wish_not_to_be_here_is_the_mood_with_the_crisis_line(triager, text):
    r = triager.classify(text)
    assert r.disposition in ("medical_attention", "emergency")
    assert "cns_toxicity.mood" in refs(r)


def test_not_missing_someone_in_the_ordinary_sense_is_nothing(triager):
    r = triager.classify("he's away at uni and says nobody would care if he skipped a lecture")
    assert r.disposition == "none"


# A learner's adverb of time before the verb: "all the day sleeping".
@pytest.mark.parametrize("text", [
    "my father is all the day sleeping since the new tablet",
    "I sleep all the day, I can not do nothing",
])
def test_sleeping_all_the_day_is_drowsiness(triager, text):
    assert "cns_effects.drowsiness" in refs(triager.classify(text))


# A stomach "not good", "bad", "not right": a learner's and a carer's plain word for an upset.
@pytest.mark.parametrize("text", [
    "my stomach is not good since I start this medicine",
    "his tummy has been bad all week on it",
    "belly not right since the tablets",
])
def test_a_stomach_not_good_is_stomach_upset(triager, text):
    assert "gi_irritation.abdominal_pain" in refs(triager.classify(text))


def test_a_stomach_that_is_fine_is_no_upset(triager):
    assert "gi_irritation.abdominal_pain" not in refs(triager.classify("my stomach is good, no problems"))


# A learner's "it give sleepy" for "it makes you sleepy": a warning, not a report.
@pytest.mark.parametrize("text", [
    "the pharmacist say it can give dizzy",
    "my doctor told maybe it give sleepy in the start",
])
def test_a_learners_it_give_a_sign_is_a_warning(triager, text):
    r = triager.classify(text)
    assert not r.findings


# A spell ended with "nothing since" / "not since": the end crosses a "but", as "fine since" does.
# A stop with "taken nothing since" is no end of the sign told before it.
@pytest.mark.parametrize("text", [
    "I had a headache the first day but nothing since.",
    "felt a little dizzy at the start but not since",
])
def test_a_spell_with_nothing_since_is_over(triager, text):
    r = triager.classify(text)
    assert not r.findings
    assert r.disposition == "none"


def test_a_stop_with_nothing_taken_since_keeps_its_signs(triager):
    r = triager.classify("ran out of baclofen on Saturday, my legs are really tight, taken nothing since.")
    assert r.disposition == "withdrawal"


# (Not read: a sign told as long standing, "that's not new".  As a resolved cue it also set
# aside a withdrawal sign after a stop, "stopped it, legs spasming, that's not new".)
@pytest.mark.parametrize("text", [
    "stopped it 3 days ago, my legs are spasming, that's not new",
    "stopped it 3 days ago, my legs are spasming, nothing new",
])
def test_a_withdrawal_sign_told_as_not_new_stays_withdrawal(triager, text):
    assert triager.classify(text).disposition == "withdrawal"


# A child's swallow told with the child's age and "seems fine" is still an emergency: a pronoun
# carried the "fine" back across the comma and the ingestion was read as over.
@pytest.mark.parametrize("text", [
    "my daughter got into my baclofen, she's 2, seems ok",
    "the little one chewed some of my tablets, he's four, looks fine",
])
def test_an_ingestion_told_as_fine_is_still_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


# Falls counted ("fell twice", "a learner's "I fall three times") are unsteadiness; falling asleep
# or ill is not.
@pytest.mark.parametrize("text", [
    "she fell twice on the stairs this week",
    "I fall three times since the new dose",
])
def test_falls_counted_are_unsteadiness(triager, text):
    assert "cns_effects_rare.unsteadiness" in refs(triager.classify(text))


@pytest.mark.parametrize("text", ["I fell asleep twice at my desk", "he fell ill twice this winter"])
def test_falling_asleep_or_ill_is_no_fall(triager, text):
    assert "cns_effects_rare.unsteadiness" not in refs(triager.classify(text))


# Speech that "sounds odd", "is different": a carer's word for a change in speech.
def test_speech_that_sounds_odd_is_a_speech_problem(triager):
    assert "cns_effects_rare.speech" in refs(triager.classify("her speech has sounded odd since Tuesday"))


# A learner's "I want always to sleep": the adverb before the verb.
@pytest.mark.parametrize("text", ["I want always to sleep, also at work", "he always want to sleep now"])
def test_always_wanting_to_sleep_is_drowsiness(triager, text):
    assert "cns_effects.drowsiness" in refs(triager.classify(text))


# Eyes that would not stay open, told in the past and texted: "couldn't", "cudnt".
@pytest.mark.parametrize("text", [
    "I couldn't keep my eyes open at work today",
    "she cudnt keep her eyes open thru dinner",
    "he could not keep his eyes open all afternoon",
])
def test_eyes_that_could_not_stay_open_are_drowsiness(triager, text):
    assert "cns_effects.drowsiness" in refs(triager.classify(text))


def test_eyes_kept_off_someone_are_no_drowsiness(triager):
    assert "cns_effects.drowsiness" not in refs(triager.classify("I couldn't keep my eyes off the baby"))
