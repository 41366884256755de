"""Psychiatric-drug reviews, round 11: a night told as a few hours of sleep,
sex told without the clinic's words (a climax denied in full words, aroused
but no end, the bedroom's drive gone, sex given up as pointless), and the
illness the medicine treats told before its start with other verbs ("before I
began it", "before this drug") or lifted from more than one person.  Every
phrasing here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def refs(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


# ---------------------------------------------------------------- a night of a few hours

@pytest.mark.parametrize("text", [
    "these days I get maybe two hours a night",
    "on a good night I sleep 4 hours",
    "I slept about three hours again",
    "a couple of hours sleep and then I'm up",
    "i sleep five hours at most on it",
])
def test_a_few_hours_of_sleep_a_night_is_trouble_sleeping(triager, text):
    assert "cns_effects_rare.sleeping" in refs(triager, text), text


@pytest.mark.parametrize("text", [
    "I napped for two hours after lunch",
    "I slept 12 hours straight on it",
    "it wears off after 4 hours and then I sleep fine",
    "after two hours I was sleeping like a baby",
])
def test_naps_long_nights_and_sleep_after_hours_are_no_short_sleep(triager, text):
    assert "cns_effects_rare.sleeping" not in refs(triager, text), text


# ---------------------------------------------------------------- sex told without the clinic's words

@pytest.mark.parametrize("text", [
    "I could not climax for weeks on it",
    "she gets me aroused but I can never finish",
    "I get turned on but never reach the finish line",
    "I'm in the mood but there is no release",
    "my drive in the bedroom is gone",
    "our bedroom life has died since I started",
    "sex feels pointless now",
    "it took away my interest in making love",
])
def test_sex_told_in_everyday_words_is_a_sexual_problem(triager, text):
    assert any(r.endswith("sexual_problems") for r in refs(triager, text)), text


@pytest.mark.parametrize("text", [
    "I was so aroused by the release of that film",
    "I can't finish my dinner, I'm not in the mood for food",
    "I got turned on and could finish fine",
])
def test_a_release_a_meal_or_a_happy_end_is_no_sexual_problem(triager, text):
    assert not any(r.endswith("sexual_problems") for r in refs(triager, text)), text


# ---------------------------------------------------------------- the illness before the start, or lifted from several

@pytest.mark.parametrize("text", [
    "I was badly depressed before I began taking it",
    "before this medication I had depression for months",
    "I was depressed before going on it",
    "it pulled my wife and me out of depression",
    "it saved both my son and me from depression",
])
def test_the_illness_before_the_start_or_lifted_is_no_side_effect(triager, text):
    result = triager.classify(text)
    assert not any(r.endswith("mood") for r in refs(triager, text)), text
    assert result.disposition == "none", text


def test_a_sign_after_the_start_still_reads(triager):
    assert "cns_effects.dizziness" in refs(triager, "before this drug I was fine, now I am dizzy all day")


# ---------------------------------------------------------------- weight told as size

@pytest.mark.parametrize("text", [
    "I've gone up a dress size and a half",
    "my waist has got a lot wider since spring",
    "I had to go out and buy bigger jeans",
    "I think I've ballooned on this stuff",
    "right now I'm the heaviest I have ever been",
    "my work trousers no longer fit",
])
def test_a_body_a_size_up_is_weight_gain(triager, text):
    assert any(r.endswith("weight_gain") for r in refs(triager, text)), text


@pytest.mark.parametrize("text", [
    "the biggest relief I have ever been given",
    "my stomach is up and down all day",
    "my dress size went down by one",
])
def test_a_big_relief_an_upset_stomach_or_a_smaller_size_is_no_weight_gain(triager, text):
    assert not any(r.endswith("weight_gain") for r in refs(triager, text)), text


# ---------------------------------------------------------------- a relief word takes one list item

@pytest.mark.parametrize("text, ref", [
    ("less stiffness, a bit of a headache most days", "headache"),
    ("no more cramps, a little dizziness in the morning", "dizziness"),
    ("much less pain, some nausea now and then", "nausea"),
    ("fewer spasms, a slight headache at times", "headache"),
])
def test_a_relief_word_does_not_reach_a_later_item_told_as_had(triager, text, ref):
    assert any(r.endswith(ref) for r in refs(triager, text)), text


@pytest.mark.parametrize("text", [
    "no more headaches, nausea or dizziness",
    "less dizziness and nausea than before",
])
def test_a_relief_word_still_reaches_a_plain_list(triager, text):
    assert triager.classify(text).disposition == "none", text


# ---------------------------------------------------------------- a whole night denied, dropping off told as a struggle

@pytest.mark.parametrize("text", [
    "on this I never get a full night's sleep",
    "I haven't had a proper night's sleep since March",
    "it's hard to drop off even when I'm exhausted",
    "some nights I struggle to drop off until two",
])
def test_a_whole_night_denied_or_a_struggle_to_drop_off_is_trouble_sleeping(triager, text):
    assert "cns_effects_rare.sleeping" in refs(triager, text), text


def test_a_full_nights_sleep_had_is_no_sign(triager):
    assert "cns_effects_rare.sleeping" not in refs(triager, "I get a full night's sleep now")
