"""Round 11 calls, in our own words: an amount taken back in the next turn with a
correction word and the count told plainly ("sorry, I had one, I've looked in the box"),
not only with "only"; a count that is still too many is never taken back."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner


@pytest.mark.parametrize("correction", [
    "oh sorry, I had one, I've looked in the box now, all good",
    "no sorry, I took 1, I counted them",
    "actually it was just the one",
    "my mistake, he had the one tablet",
])
def test_an_amount_taken_back_with_a_plain_count_lifts_the_overdose(engine, correction):
    _state, dispositions = chat(engine, "I may have swallowed two of them by accident at lunch", correction,
                                "I'm a bit drowsy that's all")
    assert dispositions[-1] != "emergency", correction


@pytest.mark.parametrize("correction", [
    "sorry, I took one extra",
    "sorry I had one too many",
    "actually I took one more on top of that",
])
def test_a_count_that_is_still_more_stays_an_overdose(engine, correction):
    _state, dispositions = chat(engine, "I may have swallowed two of them by accident at lunch", correction,
                                "I'm a bit drowsy that's all")
    assert dispositions[-1] == "emergency", correction


# ---------------------------------------------------------------- a dose cut by the patient's own hand

@pytest.mark.parametrize("text", [
    "I keep hearing voices. I haven't stopped it but I halved the dose myself on Sunday",
    "my spasms are through the roof, I've not quit it, I reduced it on my own a few days ago",
    "I'm jittery and can't settle, I cut my tablets down myself without asking anyone",
])
def test_a_dose_cut_by_oneself_is_a_sudden_stop_even_beside_a_denied_stop(triager, text):
    assert triager.classify(text).disposition in ("withdrawal", "emergency"), text


def test_a_dose_cut_by_the_prescriber_stays_a_taper(triager):
    assert triager.classify("I keep hearing voices, my neurologist reduced the dose last month").disposition \
        not in ("withdrawal", "emergency")


@pytest.mark.parametrize("correction", [
    "no wait, I haven't stopped, I'm still on it, I just lowered the dose myself on Friday",
    "sorry, I didn't stop them, I halved them on my own last week",
])
def test_a_stop_taken_back_for_a_cut_of_ones_own_still_is_a_stop(engine, correction):
    _state, dispositions = chat(engine, "I've come off my baclofen and I'm seeing shapes that aren't there",
                                correction)
    assert dispositions[-1] in ("withdrawal", "emergency"), correction


# ---------------------------------------------------------------- a carer's doubt: the patient forgets having had them

@pytest.mark.parametrize("answer", [
    "she says she hasn't, but I'm worried she forgets she's had them",
    "he told me no, though he forgets he's taken them half the time",
    "she says not but she forgets whether she's had her tablets",
    "he denies it but he keeps losing track of his doses",
])
def test_a_denial_doubted_by_a_carer_who_says_the_patient_forgets_is_the_safer_yes(engine, answer):
    _state, dispositions = chat(engine, "my mum is really drowsy and muddled today", answer)
    assert dispositions[-1] == "emergency", answer


def test_a_dose_forgotten_and_missed_is_no_overdose(engine):
    _state, dispositions = chat(engine, "I'm a bit sleepy in the mornings", "no, if anything I forget to take them")
    assert dispositions[-1] != "emergency"


@pytest.mark.parametrize("answer", [
    "he says he hasn't, but he's gone all muddled since lunch and I fear he forgets he's had them",
    "she told me she didn't, though she's been confused and she loses track of her doses",
])
def test_a_doubted_denial_that_also_tells_a_new_sign_is_still_a_doubt(engine, answer):
    _state, dispositions = chat(engine, "my dad is very sleepy today", answer)
    assert dispositions[-1] == "emergency", answer


def test_a_plain_no_then_a_new_sign_and_a_doubt_about_it_stays_a_no(engine):
    _state, dispositions = chat(engine, "I'm very drowsy today", "no, but I've a rash now, not sure why")
    assert dispositions[-1] != "emergency"


# ---------------------------------------------------------------- doses found untaken

@pytest.mark.parametrize("answer", [
    "he swears he takes them but we found about ten days' worth stuffed in his sock drawer",
    "she says yes but she's been hiding her tablets behind the bread bin",
    "I think he's been spitting his pills out",
    "there are far more left in the pack than there should be",
])
def test_doses_found_untaken_answer_the_stop_question_yes(engine, answer):
    _state, dispositions = chat(engine, "my brother keeps seeing insects crawling on the walls", answer)
    assert dispositions[-1] in ("withdrawal", "emergency"), answer


@pytest.mark.parametrize("text", [
    "my toddler got into my pills and is very sleepy, we found a week's worth scattered on the floor",
    "my son is sleepy, we found the hidden tablets and some are missing",
])
def test_tablets_a_child_got_into_stay_an_ingestion(triager, text):
    assert triager.classify(text).disposition == "emergency", text
