"""Misses the round-16/17 estimators found on fresh text and calls, as classes (phrasings of our own)."""
from __future__ import annotations

import pytest

from triage_bot.dialogue import Engine


def call(triager, *turns):
    engine = Engine(triager)
    state, _ = engine.start("t")
    for turn in turns:
        state, _ = engine.step(state, turn)
    return engine.result(state)


# A denial of extra told of what is past: "she couldn't have had extra" rules an excess out.
@pytest.mark.parametrize("text", [
    "he can't have taken any extra, I keep them locked away",
    "no, she couldn't have had more, I give her every dose",
])
def test_an_excess_ruled_out_in_the_past_is_no_overdose(triager, text):
    assert triager.classify(text).context["took_too_much"] is not True


def test_an_excess_ruled_out_answers_the_overdose_question(triager):
    r = call(triager, "my dad's been slurring and muddled this week", "no, he couldn't have had extra, I do his pills")
    assert r.disposition != "emergency"


# Away from home without the tablets is a stop: "forgot to pack his baclofen", "3 days without."
@pytest.mark.parametrize("text", [
    "she forgot to bring her baclofen on the trip and now she's hearing voices",
    "left my baclofen at home when I went to my sister's, now my legs are jumping and I feel paranoid",
])
def test_tablets_left_behind_are_a_stop(triager, text):
    r = triager.classify(text)
    assert r.context["stopped_suddenly"] is True and r.disposition == "withdrawal"


# A swallowing the caller cannot rule out, and a child playing with the tablets beside a sign.
@pytest.mark.parametrize("text", [
    "the baby had my pill bottle, I don't know whether she ate any",
    "my grandson was playing with my baclofen and he's gone very sleepy",
])
def test_a_swallowing_not_ruled_out_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_a_dose_doubt_is_no_swallowing(triager):
    assert triager.classify("not sure if he took his lunchtime dose today").disposition != "emergency"


# A relative's seizure told by a writer on baclofen is kept, told of the past or not (the
# writer may be calling for them); only a relative said not to take it, in the past, is set aside.
@pytest.mark.parametrize("text", [
    "I take baclofen. My wife had a seizure.",
    "I'm on baclofen for my spine. My dad had a fit this week.",
])
def test_a_relatives_seizure_is_kept(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_a_past_seizure_of_a_relative_not_on_it_is_set_aside(triager):
    assert triager.classify("my uncle doesn't take baclofen, but he had a seizure last month").disposition != "emergency"


def test_a_relatives_seizure_now_is_an_emergency(triager):
    assert triager.classify("I'm on baclofen and my brother is having a fit right now").disposition == "emergency"


@pytest.mark.parametrize("text, ref", [
    ("honestly I haven't felt like eating for a week", "appetite_loss"),
    ("when I make pipi it burn and only little come", "urination_difficulty"),
])
def test_everyday_and_learner_words_for_table_signs(triager, text, ref):
    assert ref in {f.ref for f in triager.classify(text).findings}


def test_legs_clamping_up_after_running_out_is_withdrawal(triager):
    assert triager.classify("pharmacy had none so I've gone 3 days without, legs clamping up").disposition == "withdrawal"


# The review's finds: a doubted excess told with "could have" is still one; a wish to live
# otherwise is no wish to die; the usual drowsiness after a bump is no head-injury sign.
def test_an_excess_told_with_could_have_is_suspected(triager):
    assert triager.classify("we could have given her a double dose, she's very drowsy").disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I want to stop living in fear of the cramps, could the dose go up?",
    "my daughter is better off without him, he never helped with her tablets",
])
def test_a_wish_to_live_otherwise_is_no_suicidal_thought(triager, text):
    r = triager.classify(text)
    assert r.disposition != "emergency" and not r.context["suicidal_thoughts"]


def test_the_usual_drowsiness_after_a_bump_is_no_head_injury_sign(triager):
    r = triager.classify("banged my head on the car door last week; baclofen has always made me sleepy")
    assert r.disposition != "emergency"


# A stop told beside "as prescribed" wins: the regimen was kept until the stop.
@pytest.mark.parametrize("text", [
    "I took it exactly as prescribed until I quit on Saturday, now I'm seeing things",
    "always took it as prescribed but gave it up four days ago and my legs are jumping",
])
def test_a_stop_beside_as_prescribed_is_still_a_stop(triager, text):
    assert triager.classify(text).disposition == "withdrawal"


# The last estimators' finds (est18/19), as classes.
def test_not_answering_when_spoken_to_is_a_red_flag(triager):
    assert triager.classify("he's so drowsy and isn't properly answering me").disposition == "emergency"


def test_not_answering_messages_is_no_red_flag(triager):
    assert triager.classify("my son isn't really answering my texts this week").disposition != "emergency"


def test_the_dead_heard_as_if_there_are_hallucinations(triager):
    refs = {f.ref for f in triager.classify("grandad keeps hearing his late wife calling him at night").findings}
    assert "cns_toxicity.hallucinations" in refs


def test_a_song_of_the_dead_heard_is_no_hallucination(triager):
    assert not triager.classify("I heard my late mum's favourite song and felt fine").findings


@pytest.mark.parametrize("text", [
    "been about five days, I forgot to refill. Legs really tight now.",
    "I skipped a couple of my baclofen tablets and now my legs are jumping",
])
def test_a_refill_forgotten_or_tablets_skipped_is_a_stop(triager, text):
    assert triager.classify(text).context["stopped_suddenly"] is True


# A learner's "my water" for urine, with blood or a dark colour, is bloody or dark urine.
def test_my_water_with_blood_is_bloody_urine(triager):
    assert "dark_urine" in {f.ref for f in triager.classify("since the tablets my water come with blood").findings}


def test_water_drunk_is_no_urine(triager):
    assert not triager.classify("my water bottle has gone dark brown inside").findings
