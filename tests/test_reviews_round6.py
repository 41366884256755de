"""Drug reviews, round 6: a stop told as "after I stopped" or "N days since my last
dose", a stop's reason that ends before a later time ("... and the next day"),
an illness told as soaring after a stop, and the other classes of the round's
red team.  Every phrasing here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


# ---------------------------------------------------------------- a stop, as reviews tell it

@pytest.mark.parametrize("text", [
    "after I stopped, I kept hearing my name called in an empty house",
    "when she quit them her legs went rigid as boards",
    "when we stopped his tablets he got really paranoid about the neighbours",
    "after he quit, he was seeing spiders all over the ceiling",
])
def test_a_stop_told_with_its_subject_is_a_stop(triager, text):
    assert disposition(triager, text) == "withdrawal", text


@pytest.mark.parametrize("text", [
    "since I stopped smoking I've been anxious",
    "after I quit drinking my legs got stiff",
    "when I stopped for a breather I felt anxious",
])
def test_something_else_given_up_is_no_stop_of_the_medicine(triager, text):
    assert disposition(triager, text) != "withdrawal", text


@pytest.mark.parametrize("text", [
    "it's been 4 days since my last dose and I'm seeing faces in the curtains",
    "three days since his last tablet, and he's hallucinating",
    "a couple of weeks since my last pill and my spasms are worse than they've ever been",
])
def test_days_since_the_last_dose_is_a_stop(triager, text):
    assert disposition(triager, text) == "withdrawal", text


def test_hours_since_the_last_dose_is_no_stop(triager):
    assert disposition(triager, "it's been 6 hours since my last dose and I'm seeing faces in the curtains") \
        == "medical_attention"


@pytest.mark.parametrize("text", [
    "quit it cold turkey because of the nausea, and the following day my calves were spasming nonstop",
    "I stopped it because it made me groggy and two days later my legs were locked up",
    "dropped baclofen because of the weight gain and then I was hallucinating at night",
])
def test_a_later_time_after_the_reason_is_after_the_stop(triager, text):
    assert disposition(triager, text) == "withdrawal", text


def test_a_reason_list_stays_the_reason(triager):
    # both came before the stop: neither is withdrawal
    r = triager.classify("I stopped it suddenly because of the dizziness and the headaches")
    assert all(f.tier != "withdrawal" for f in r.findings)


@pytest.mark.parametrize("text", [
    "my anxiety went through the roof once I ran out",
    "my anxiety has skyrocketed since I came off it cold turkey",
])
def test_an_illness_soaring_after_a_stop_is_withdrawal(triager, text):
    assert disposition(triager, text) == "withdrawal", text


@pytest.mark.parametrize("text", [
    "ran out on friday and I can't stop pacing the kitchen",
    "missed my doses all weekend and kept pacing the house at night",
])
def test_pacing_after_a_stop_is_restlessness(triager, text):
    assert "withdrawal_nervousness" in found(triager, text), text


# ---------------------------------------------------------------- cramps are what it is taken for

@pytest.mark.parametrize("text", [
    "night-time calf cramps are what I take it for",
    "I'm on it for muscle cramps and it works",
    "it's the only thing that touches my leg cramps",
])
def test_cramps_it_is_taken_for_are_no_side_effect(triager, text):
    assert disposition(triager, text) == "none", text


def test_cramping_after_running_out_is_withdrawal(triager):
    assert disposition(triager, "since running out of it, my legs are cramping every evening") == "withdrawal"


# ---------------------------------------------------------------- everyday words for the tables' signs

SEXUAL = "sexual_problems"
WEAK = "muscle_weakness"
DROWSY = "cns_effects.drowsiness"
TIRED = "cns_effects_rare.tiredness"


@pytest.mark.parametrize("text, refs", [
    ("he could not get an erection the whole time he was on it", {SEXUAL}),
    ("he cannot get an erection since the dose went up", {SEXUAL}),
    ("by the evening my muscles go all rubbery", {WEAK, "cns_effects.weakness"}),
    ("I was so drugged up I could hardly function", {DROWSY}),
    ("kept sleeping through my alarm on it", {DROWSY}),
    ("I spend the whole day in bed since starting it", {TIRED, DROWSY}),
    ("it made me loopy for hours after each dose", {"cns_effects.confusion"}),
    ("I'm not as sharp at work these days", {"cns_effects.confusion"}),
    ("some evenings I couldn't string a sentence together", {"cns_effects_rare.speech"}),
    ("I had this wild energy, talking to anyone who'd listen", {"cns_effects_rare.excitement"}),
    ("my bladder has gone crazy since the dose went up", {"urinary_frequency"}),
])
def test_everyday_words_for_a_sign(triager, text, refs):
    assert found(triager, text) & refs, text


def test_a_bladder_gone_crazy_is_no_mood_change(triager):
    assert disposition(triager, "good for the spasms, but my bladder went crazy on it") == "if_bothersome"


# ---------------------------------------------------------------- a stop told as the remedy

@pytest.mark.parametrize("text", [
    "It made me so depressed I could barely function, so I quit them and felt like myself again within days",
    "the pills made me really weepy. Stopped them and was fine after a week",
])
def test_a_stop_that_left_the_patient_well_is_no_withdrawal(triager, text):
    assert disposition(triager, text) == "medical_attention", text


def test_a_stop_that_left_the_patient_well_then_a_relapse_is_withdrawal(triager):
    assert disposition(triager, "I quit it and felt much better for two days, then my legs went rigid") \
        == "withdrawal"


def test_going_mad_after_a_stop_is_withdrawal(triager):
    assert disposition(triager, "came off it cold turkey and felt like I was going mad") == "withdrawal"


# ---------------------------------------------------------------- CP for cerebral palsy

def test_cp_for_cerebral_palsy_is_no_chest_pain(triager):
    assert "chest_pain" not in found(triager, "my daughter takes it for tight legs due to CP, and she's a bit sleepy")


def test_cp_for_chest_pain_in_a_note_stays(triager):
    assert "chest_pain" in found(triager, "pt c/o CP since this am")


# ---------------------------------------------------------------- the writer's own, and a spell over

@pytest.mark.parametrize("text, ref", [
    ("if you get lightheaded on it like I did, stand up slowly", "cns_effects.dizziness"),
    ("in case you get the bad headaches, as I did, drink lots of water", "cns_effects_rare.headache"),
])
def test_a_sign_compared_with_the_writers_own_is_had(triager, text, ref):
    assert ref in found(triager, text), text


def test_a_sign_feared_like_anothers_stays_feared(triager):
    assert disposition(triager, "I'm scared I'll get fits like she did") != "emergency"


def test_a_spell_with_nothing_now_is_over(triager):
    assert disposition(triager, "groggy for the first fortnight, nothing now") == "none"


@pytest.mark.parametrize("text", [
    "I've lost all motivation since starting this",
    "totally unmotivated on it, just sit on the sofa",
])
def test_lost_motivation_is_a_mood_change(triager, text):
    assert "cns_toxicity.mood" in found(triager, text), text


# ---------------------------------------------------------------- a stop told on its own

@pytest.mark.parametrize("text", [
    "Week one: drowsy. Week two: worse. Week three: quit. Week four: legs rigid and spasming.",
    "It wasn't for me so I stopped. By the weekend I was hearing voices",
])
def test_a_stop_told_on_its_own_is_a_stop(triager, text):
    assert disposition(triager, text) == "withdrawal", text


@pytest.mark.parametrize("text", [
    "I quit smoking last month and my legs are stiff",
    "the awful spasms finally stopped. Now I just feel a bit anxious",
])
def test_a_stop_of_something_else_on_its_own_is_none(triager, text):
    assert disposition(triager, text) != "withdrawal", text


def test_a_sentence_end_cannot_open_a_pattern():
    from triage_bot.knowledge import KnowledgeError
    from triage_bot.reading.patterns import compile_pattern
    with pytest.raises(KnowledgeError):
        compile_pattern(". quit", {}, "test")
    assert compile_pattern("so i quit .", {}, "test").steps[-1] == ("end",)


# ---------------------------------------------------------------- more ways a review tells a stop

@pytest.mark.parametrize("text", [
    "once she stopped, she was convinced the carers were poisoning her",
    "my son forgot to collect his prescription and by Sunday his legs were jumping constantly",
    "Day 4 without baclofen and the voices are back",
    "I quit and then the spasms came back worse than before",
])
def test_more_ways_a_stop_is_told(triager, text):
    assert disposition(triager, text) == "withdrawal", text


def test_once_of_a_time_is_no_stop(triager):
    assert disposition(triager, "once I get out of bed I feel anxious") != "withdrawal"


# ---------------------------------------------------------------- a verdict is no denial

@pytest.mark.parametrize("text, ref", [
    ("helps a bit, but the side effects aren't worth it: drowsy, clumsy, foggy", "cns_effects.drowsiness"),
    ("not worth the constant headaches", "cns_effects_rare.headache"),
])
def test_not_worth_it_denies_no_symptom(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text, ref", [
    ("I'm always yawning on it", "cns_effects.drowsiness"),
    ("been backed up for a week since the dose went up", "constipation"),
])
def test_more_everyday_words(triager, text, ref):
    assert ref in found(triager, text), text
