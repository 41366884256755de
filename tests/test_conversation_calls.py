"""Nurse-line calls over several turns (red team 4, our own phrasings): an
answer word run into the clause after it, stops and overdoses told late, calm
calls that must stay calm."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from triage_bot.conversation import Engine

NOW = datetime(2026, 12, 4, 15, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def engine(triager):
    return Engine(triager, clock=lambda: NOW)


def chat(engine, *messages):
    state, _greeting = engine.start("t")
    turns = []
    for message in messages:
        state, replies = engine.step(state, message)
        turns.append(engine.result(state).disposition)
    return state, turns


# ---------------------------------------------------------------- "nah i stopped it": the no answers, the clause tells

@pytest.mark.parametrize("answer", ["nah i stopped taking them on wednesday", "no she stopped it 3 days ago cos she felt better"])
def test_a_no_run_into_a_told_stop_is_the_stop(engine, answer):
    _state, turns = chat(engine, "she sees bugs crawling on the walls", answer)
    assert turns[-1] == "withdrawal"


@pytest.mark.parametrize("text", ["seizures? no i've been fine", "too many tablets? no i haven't",
                                  "overdose? no i take them right", "drowsy. took too much? no i only had my usual"])
def test_a_no_answering_an_asked_sign_still_denies_it(triager, text):
    assert triager.classify(text).disposition != "emergency"


@pytest.mark.parametrize("answer", ["no i didnt stop it", "nah i never missed one"])
def test_a_no_before_its_own_denial_stays_no(engine, answer):
    _state, turns = chat(engine, "she sees bugs crawling on the walls", answer)
    assert turns[-1] == "medical_attention"


# ---------------------------------------------------------------- how often is no count of tablets taken

@pytest.mark.parametrize("answer", ["he gets it 2 times a day like the doctor said", "she take 3 time in day",
                                    "three times in the day, what the doctor said"])
def test_how_often_it_is_taken_is_no_yes_to_the_too_much_question(engine, answer):
    _state, turns = chat(engine, "my grandad is very drowsy on his baclofen", answer)
    assert "emergency" not in turns


def test_a_count_of_times_taken_today_is_still_a_yes(engine):
    _state, turns = chat(engine, "my grandad is very drowsy on his baclofen", "he had it 4 times this morning by mistake")
    assert turns[-1] == "emergency"


# ---------------------------------------------------------------- a saying that holds "not" answers nothing

@pytest.mark.parametrize("saying", ["he's not been himself since the weekend", "she's just not right in herself"])
def test_a_saying_with_not_is_no_answer_to_the_stop_question(engine, saying):
    # asked again, so a stop told next is still heard
    _state, turns = chat(engine, "my husband is convinced the neighbours are spying on him", saying,
                         "he says he binned his tablets on thursday")
    assert turns[-1] == "withdrawal"


def test_a_plain_no_still_answers_the_stop_question(engine):
    _state, turns = chat(engine, "my husband is convinced the neighbours are spying on him", "no, not that I know of")
    assert turns[-1] == "medical_attention"


# ---------------------------------------------------------------- tablets thrown away, a dose dropped to none

@pytest.mark.parametrize("text", [
    "she chucked her baclofen in the bin on sunday and now she keeps hearing music that isn't there",
    "he flushed all his tablets down the loo days ago and his legs are spasming like mad",
    "went from four a day to none on monday and now I see faces in the curtains",
])
def test_thrown_away_or_dropped_to_none_is_a_stop(triager, text):
    assert triager.classify(text).disposition == "withdrawal"


def test_a_taper_to_none_over_weeks_is_no_abrupt_stop(triager):
    text = "my neurologist is bringing me from 3 a day to none over 8 weeks and I'm hearing voices"
    assert triager.classify(text).disposition == "medical_attention"


def test_throwing_up_after_a_dose_is_no_stop(triager):
    assert triager.classify("I threw up after my baclofen and now I'm seeing things").disposition == "medical_attention"


def test_spasms_then_a_quick_self_wean_told_late_is_withdrawal(engine):
    _state, turns = chat(engine, "the spasms in my calves are back worse than ever",
                         "I've been weaning myself off it, went from 3 a day to zero last week")
    assert turns[-1] == "withdrawal"


# ---------------------------------------------------------------- a dose taken again after forgetting the first

@pytest.mark.parametrize("text", ["I forgot I'd already had my evening tablet and had another",
                                  "took my 8 o'clock one, forgot, took another at 9"])
def test_a_dose_taken_again_after_forgetting_is_too_much(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", ["I forgot to take my tablets yesterday and now my legs are spasming",
                                  "I forgot I had to take it at lunch so I had it at 3 instead"])
def test_a_forgotten_dose_alone_is_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency"


def test_a_double_dose_told_after_a_vague_opening_escalates_at_once(engine):
    _state, turns = chat(engine, "I think I've got my tablets in a muddle today",
                         "had my morning one, then forgot and took another before lunch")
    assert turns[-1] == "emergency"


# ---------------------------------------------------------------- the bot's question asked back

def test_the_too_much_question_asked_back_is_no_emergency(engine):
    state, turns = chat(engine, "I've been a bit woozy since the new tablets", "why are you asking if I've taken too much?")
    assert "emergency" not in turns
    assert engine.result(state).questions  # asked again


def test_the_question_asked_back_then_answered_no_stays_calm(engine):
    _state, turns = chat(engine, "I've been a bit woozy since the new tablets",
                         "why do you ask if I took too much? no I just had the one")
    assert turns[-1] == "if_bothersome"


def test_the_question_asked_back_then_a_count_is_an_emergency(engine):
    _state, turns = chat(engine, "I've been a bit woozy since the new tablets", "why do you ask? I had 7 this morning")
    assert turns[-1] == "emergency"


def test_asking_back_in_one_message_is_no_overdose(triager):
    assert triager.classify("why do you ask if I took too much?").disposition == "none"


@pytest.mark.parametrize("text", ["why would I take too many? I'm really careful with them",
                                  "why would i take extra, i'm not daft"])
def test_a_patient_putting_an_overdose_away_is_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency"


@pytest.mark.parametrize("text", ["why would I take baclofen if it makes me this sleepy",
                                  "why would i be so dizzy all the time"])
def test_a_why_would_i_question_still_reports_its_sign(triager, text):
    assert triager.classify(text).disposition == "if_bothersome"


def test_a_why_would_i_question_then_a_count_is_an_overdose(triager):
    assert triager.classify("why would i be this dizzy? i took 8 extra").disposition == "emergency"


def test_the_question_asked_back_then_a_yes_after_a_comma_is_an_emergency(engine):
    _state, turns = chat(engine, "so sleepy since this morning", "why are you asking, yes I did")
    assert turns[-1] == "emergency"
