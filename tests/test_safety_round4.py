"""Safety checks written after the round-3 merges, in our own words: an emptied
supply found beside someone is a suspected overdose (one's own that ran out is
a stop), tablets left whole take an ingestion back, breathlessness put down to
effort is not an emergency, and withdrawal told in similes and felt fevers."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "came home and found my brother out cold, an empty bottle of baclofen beside him",
    "there are empty blister strips by his bed and he will not wake properly",
    "i find empty box of her tablet and she sleep sleep",
    "the new packet was collected this morning and it's already empty",
])
def test_an_emptied_supply_found_by_someone_is_an_emergency(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency", text
    assert result.context["took_too_much"] is True, text


@pytest.mark.parametrize("text", [
    "my bottle ran empty at the weekend so I have missed two doses",
    "I threw the empty box in the recycling and ordered a repeat",
    "found an empty box in the drawer, do I need a new prescription?",
])
def test_an_empty_supply_of_ones_own_is_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency", text


@pytest.mark.parametrize("text, emergency", [
    ("he polished it off, finished off the bottle in one evening", True),
    ("my wife finished the strip this afternoon, it was nearly full", True),
    ("finished the whole packet after the row we had", True),
    ("I finished the box on Sunday and the repeat begins on Monday", False),
])
def test_a_supply_finished_at_once_is_an_overdose_and_a_supply_used_up_is_not(triager, text, emergency):
    assert (triager.classify(text).disposition == "emergency") is emergency, text


@pytest.mark.parametrize("text", [
    "our dog chewed up the packet, but the blister strip inside is intact",
    "the puppy chewed the box, but the tablets themselves were untouched",
])
def test_tablets_left_whole_take_back_an_ingestion(triager, text):
    assert triager.classify(text).disposition != "emergency", text


def test_breathlessness_the_patient_puts_down_to_effort_is_not_an_emergency(triager):
    result = triager.classify("cycled up the big hill and was puffed out, normal after a climb like that I think")
    assert result.disposition == "medical_attention"


def test_breathlessness_said_to_be_unusual_stays_an_emergency(triager):
    assert triager.classify("she's struggling to breathe and that's not normal for her").disposition == "emergency"


def test_legs_like_rods_after_running_out_are_withdrawal(triager):
    text = "the chemist had none so I've gone without since friday and my legs are like planks"
    assert triager.classify(text).disposition == "withdrawal"


def test_a_fever_felt_with_confusion_after_running_out_is_an_emergency(triager):
    text = "I ran out of baclofen two days ago, I'm hot and clammy and getting muddled"
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I was like a zombie in the first month, but that wore off",
    "the dizzy spells were bad to begin with, then those wore off",
])
def test_a_symptom_pointed_back_at_that_wore_off_is_no_stop_of_the_medicine(triager, text):
    result = triager.classify(text)
    assert result.context["stopped_suddenly"] is not True, text


def test_the_medicine_wearing_off_is_still_read_as_a_stop(triager):
    assert triager.classify("the baclofen wears off by teatime and my legs start spasming").context["stopped_suddenly"]


def test_tablets_missing_with_a_small_child_about_is_an_ingestion(triager):
    result = triager.classify("nan's baclofen has gone missing off the side and the little boy is very drowsy")
    assert result.disposition == "emergency"
    assert result.context["ingestion"] is True


def test_tablets_lost_elsewhere_are_no_ingestion(triager):
    assert triager.classify("my tablets went missing on the bus, my kids are at their dad's").disposition != "emergency"


@pytest.mark.parametrize("text", [
    "she was out cold and unconscious for an hour, that's passed now",
    "he was unconscious but that has gone",
])
def test_an_emergency_sign_that_has_passed_still_happened(triager, text):
    assert triager.classify(text).disposition == "emergency", text
