"""Long messages and clinicians' notes, round 12.  Every phrasing here is our own
(none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def result(triager: Triager, text: str):
    return triager.classify(text)


# ------------------------------------------------ an age is no count of tablets taken

@pytest.mark.parametrize("text", [
    "Long story: I had bad depression in my twenties, it's treated now. Can I drink at a wedding?",
    "My brother had a few fits when he was seven, none as an adult. I take baclofen for my back.",
    "She was in hospital when she was twenty with her asthma. She's on baclofen now and fine.",
    "I got panic attacks in my thirties. Just asking whether to take it at night.",
])
def test_an_age_is_not_an_overdose(triager, text):
    r = result(triager, text)
    assert r.disposition != "emergency", text
    assert not r.context.get("took_too_much"), text


@pytest.mark.parametrize("text", [
    "I swallowed twenty of them an hour ago.",
    "He had 20 in his room and I think he took them all.",
])
def test_a_count_still_counts(triager, text):
    assert result(triager, text).disposition == "emergency", text


def test_a_childhood_fit_told_of_another_is_the_past(triager):
    text = "My daughter had febrile fits when she was two. She started baclofen last month and is fine."
    assert result(triager, text).disposition == "none"


# ------------------------------------------------ a note's plan is to be done, no stop made

@pytest.mark.parametrize("text, ref", [
    ("Pt c/o seeing insects on walls x2 nights since dose up. Plan: reduce dose, GP r/v.", "cns_toxicity.hallucinations"),
    ("S: c/o low mood since increase. P: d/c baclofen, refer GP.", "cns_toxicity.mood"),
    ("Pt hearing buzzing in ears x1/52. Plan: wean off baclofen over 2/52.", "cns_toxicity.ringing"),
])
def test_a_plan_to_cut_is_no_abrupt_stop(triager, text, ref):
    r = result(triager, text)
    assert ref in found(triager, text), text
    assert not r.context.get("stopped_suddenly"), text
    assert r.disposition == "medical_attention", text


def test_a_stop_made_before_the_plan_still_counts(triager):
    text = "Pt ran out of baclofen 4 days ago, now rigid legs and sweats. Plan: restart, then reduce dose slowly."
    assert result(triager, text).disposition in ("withdrawal", "emergency")


# ------------------------------------------------ one more on top of a dose told

@pytest.mark.parametrize("text", [
    "Long day. I took my night dose and then an extra one as the spasms were bad, now I feel woozy.",
    "She had her tablets at tea time plus an extra pill later because her legs hurt.",
])
def test_an_extra_one_on_top_of_a_dose_is_too_much(triager, text):
    assert result(triager, text).context.get("took_too_much"), text


def test_extra_as_a_word_of_degree_is_no_dose(triager):
    text = "I took my dose this morning and felt extra tired all day."
    assert not result(triager, text).context.get("took_too_much")


# ------------------------------------------------ an end told in brackets after the sign

@pytest.mark.parametrize("text", [
    "Pt reports drowsiness on first starting baclofen (resolved within 2/52). Nil SE now.",
    "Had a headache in week one (settled by itself), otherwise no problems.",
])
def test_an_end_in_brackets_resolves_the_sign_before_it(triager, text):
    assert result(triager, text).disposition == "none", text


def test_a_fit_ended_in_brackets_is_still_an_emergency(triager):
    text = "Pt had a sz at home this AM (resolved after 2 mins), now drowsy."
    assert result(triager, text).disposition == "emergency"


def test_brackets_that_tell_no_end_keep_the_sign(triager):
    assert "cns_effects_rare.headache" in found(triager, "Pt c/o headaches (worse in the mornings) x1/52.")


# ------------------------------------------------ "whether it can cause" inside a long message

@pytest.mark.parametrize("text", [
    "All fine on it so far, my legs are looser. Two things: can I fly with it, and whether baclofen can cause weight gain?",
    "Last thing, my sister asked me to find out whether baclofen may bring on nausea in the mornings.",
])
def test_whether_it_can_cause_asks(triager, text):
    assert result(triager, text).disposition == "none", text


def test_asked_and_then_had_still_counts(triager):
    text = "My mum wants to know whether baclofen can cause fits, because she had one this morning."
    assert result(triager, text).disposition == "emergency"


# ------------------------------------------------ a relative's own sign, told with a reflexive

@pytest.mark.parametrize("text", [
    "Review at home. Pt well on baclofen, nil SE. Husband c/o feeling nauseous himself today.",
    "Telephone call. Pt doing fine. Daughter reports being constipated herself this week.",
])
def test_a_relatives_own_sign_in_a_note_is_theirs(triager, text):
    assert result(triager, text).disposition == "none", text


@pytest.mark.parametrize("text, disposition", [
    ("Carer reports pt wet himself twice overnight, new since dose increase.", "if_bothersome"),
    ("Wife c/o chest pain herself, advised to see GP. Pt well.", "medical_attention"),
    ("Son c/o having a seizure himself this morning.", "emergency"),
])
def test_a_reflexive_object_or_an_urgent_sign_still_counts(triager, text, disposition):
    assert result(triager, text).disposition == disposition, text


def test_an_end_in_brackets_reaches_the_whole_list_before_it(triager):
    text = "Pt had N/V and drowsiness in the first weeks of baclofen (resolved after 3/52). Currently asymptomatic."
    r = result(triager, text)
    assert r.disposition == "none" and not r.findings


# ------------------------------------------------ a sign pointed back at the illness after a contrast

@pytest.mark.parametrize("text", [
    "Been on baclofen since 2016 for the spasms. I've always had problems with fatigue but that's my MS. Can I travel with it?",
    "My legs ache in the evenings, but it's probably just my spinal injury. Any advice on timing doses?",
])
def test_a_sign_pointed_back_at_the_illness_can_wait(triager, text):
    assert result(triager, text).disposition == "none", text


def test_an_urgent_sign_blamed_on_the_illness_still_counts(triager):
    text = "He had a fit this morning but his wife says that's just his MS."
    assert result(triager, text).disposition == "emergency"


# ------------------------------------------------ "none since" after a sign of the past counts the sign

@pytest.mark.parametrize("text", [
    "My history: I had a couple of fits as a teenager but none since. On baclofen for my legs now, a bit dizzy some mornings.",
    "Years ago I had bad hallucinations on another drug, nothing like that and none since. Baclofen makes me a bit sleepy.",
])
def test_none_since_after_a_past_sign_is_no_stop(triager, text):
    r = result(triager, text)
    assert not r.context.get("stopped_suddenly"), text
    assert r.disposition == "if_bothersome", text


@pytest.mark.parametrize("text", [
    "Ran out of my baclofen on Saturday and had none since. Legs are rigid and I'm sweating.",
    "Legs locking up and sweaty. Last tablet was Thursday, none since.",
])
def test_none_since_of_the_tablets_is_still_a_stop(triager, text):
    assert result(triager, text).disposition in ("withdrawal", "emergency"), text
