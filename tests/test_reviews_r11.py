"""Drug reviews, round 11: a writer who takes the drug telling of a relative's side
effects ("I'm on it, and my brother gets headaches from his"), the writer's own signs
beside them, a relative's emergency sign that stays one, and the clumsy walk of a
reviewer ("kept tripping", "couldn't walk straight").  Every phrasing here is our own
(none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


# ------------------------------------------- a relative's sign, when the writer takes it

@pytest.mark.parametrize("text, theirs", [
    ("I take baclofen for my MS. My uncle was on it years back and he was always dizzy.",
     "cns_effects.dizziness"),
    ("I've been on baclofen since June and it's fine. My cousin tried it and she got awful headaches.",
     "cns_effects_rare.headache"),
    ("Me and my brother both take it for cerebral palsy. He feels sick after every dose, I don't.",
     "nausea"),
    ("Mine works well for the cramps. My nan uses it too and her ankles swell up.",
     "fluid_retention.ankle_swelling"),
    ("I was scared to start because my aunt was so drowsy on it, but I've been fine.",
     "cns_effects.drowsiness"),
])
def test_a_relatives_sign_is_theirs_when_the_writer_takes_it(triager, text, theirs):
    assert theirs not in found(triager, text), text


@pytest.mark.parametrize("text, mine", [
    ("I take baclofen and my husband says I've been slurring my words.", "cns_effects_rare.speech"),
    ("I'm on baclofen. My sister gets headaches from hers but I get constipated.", "constipation"),
    ("I take it for spasms; my wife noticed my ankles are swollen.", "fluid_retention.ankle_swelling"),
])
def test_the_writers_own_sign_beside_a_relative_stays(triager, text, mine):
    assert mine in found(triager, text), text


@pytest.mark.parametrize("text", [
    # a carer, not on it: the relative is the patient
    "My dad takes baclofen and he is so dizzy he can't stand.",
    "I look after my mum, she's on baclofen and she keeps getting headaches.",
])
def test_a_carers_patient_is_still_the_patient(triager, text):
    assert found(triager, text), text


@pytest.mark.parametrize("text", [
    "I take baclofen and my son swallowed some of my tablets, now he's very drowsy.",
    "I'm on baclofen too and my husband is not breathing properly.",
    "I take baclofen and my sister who is on it had a fit just now.",
])
def test_a_relatives_emergency_is_still_one(triager, text):
    assert disposition(triager, text) == "emergency", text


def test_a_relatives_breathing_told_to_the_writer_is_still_an_emergency(triager):
    # a relative's story may be someone in need now: an emergency sign is never set aside by it
    assert disposition(triager, "I take baclofen. My brother told me he couldn't breathe last night.") == "emergency"


@pytest.mark.parametrize("text, mine", [
    # the writer's own word inside the sign: a voice heard is no other person's story
    ("I take baclofen and last night I heard somebody calling my name when no one was there.",
     "cns_toxicity.hallucinations"),
    # a child in the writer's tablets is the patient
    ("I'm on baclofen and my toddler got into my bottle, she's very sleepy.", "cns_effects.drowsiness"),
])
def test_a_sign_told_with_the_writers_word_or_after_an_ingestion_stays(triager, text, mine):
    assert mine in found(triager, text), text


@pytest.mark.parametrize("text", [
    "I take baclofen and found my 3yo near my tablets, she's really sleepy.",
    "I'm on baclofen. My little boy was playing with the packet and he's drowsy now.",
])
def test_a_child_beside_the_writers_tablets_is_the_patient(triager, text):
    assert "cns_effects.drowsiness" in found(triager, text), text


@pytest.mark.parametrize("text, theirs", [
    ("Me and my daughter both take it for our spasms. She gets tummy aches from it, I get nothing.",
     "gastrointestinal_irritation.abdominal_pain"),
    ("I'm on baclofen, and my son's neurologist put him on it too; he is always drowsy on it.",
     "cns_effects.drowsiness"),
])
def test_a_child_said_to_take_it_too_has_their_own_signs(triager, text, theirs):
    assert theirs not in found(triager, text), text


# ------------------------------------------------ the unsteady walk, the past tense too

@pytest.mark.parametrize("text", [
    "For the first time in my life I couldn't walk straight after the evening dose.",
    "I kept tripping over nothing and had to hold my husband's arm.",
    "I keep tripping on the stairs since the dose went up.",
])
def test_an_unsteady_walk_told_by_a_reviewer(triager, text):
    assert "cns_effects_rare.unsteadiness" in found(triager, text), text


@pytest.mark.parametrize("text", [
    "I tripped over the dog's lead yesterday and bruised my knee.",
])
def test_one_trip_is_no_unsteadiness(triager, text):
    assert "cns_effects_rare.unsteadiness" not in found(triager, text), text


def test_tripping_over_words_is_speech(triager):
    refs = found(triager, "On baclofen I kept tripping over my words at work.")
    assert "cns_effects_rare.speech" in refs and "cns_effects_rare.unsteadiness" not in refs


# ------------------------------------------- another medicine that "left me" so; patients

@pytest.mark.parametrize("text, ref", [
    ("Works better than the diazepam did, which left me groggy all day.", "cns_effects.drowsiness"),
    ("I tried amitriptyline first, which left me exhausted and dizzy.", "cns_effects.dizziness"),
    ("The tramadol leaves me nauseous, so I stopped that one.", "nausea"),
])
def test_a_sign_another_medicine_left_is_that_medicines(triager, text, ref):
    assert ref not in found(triager, text), text


def test_patients_seen_at_work_are_others(triager):
    refs = found(triager, "I've watched patients get wobbly on baclofen at work, but I've had headaches myself.")
    assert "cns_effects_rare.unsteadiness" not in refs and "cns_effects_rare.headache" in refs


def test_tripping_over_what_one_says_is_no_unsteadiness(triager):
    assert "cns_effects_rare.unsteadiness" not in found(triager, "I keep tripping over what I want to tell people")


# ------------------------------------------- a spell at the start, its end told after it

@pytest.mark.parametrize("text", [
    "I was queasy for the first fortnight, but now I'm fine.",
    "Headaches the first couple of weeks but I'm okay now.",
    "The first days were rough: sick, dizzy, the runs. That all settled after a month.",
])
def test_a_spell_at_the_start_whose_end_the_writer_tells_is_over(triager, text):
    assert found(triager, text) == set(), text


@pytest.mark.parametrize("text, ref", [
    ("I was dizzy. That went away.", None),  # no start told: left as it was
    ("Dizzy from the start. That is what worries me.", "cns_effects.dizziness"),
    ("Nauseous at first. Those cramps in my legs went away though.", "nausea"),
])
def test_a_sentence_after_a_spell_ends_only_what_it_points_at(triager, text, ref):
    if ref:
        assert ref in found(triager, text), text


@pytest.mark.parametrize("text", [
    "I take baclofen. Last night my wife said she couldn't wake me up.",
    "I'm on baclofen and this morning my son said he couldn't rouse me for ages.",
])
def test_a_relative_who_could_not_wake_the_writer_tells_the_writers_sign(triager, text):
    # the writer is the object after the sign: "couldn't wake me" is the writer's, not the wife's
    assert "cns_effects.drowsiness" in found(triager, text), text
