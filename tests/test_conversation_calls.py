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


def test_a_no_run_into_a_told_overdose_is_the_overdose(triager):
    assert triager.classify("no he took a load more than he should have").disposition == "emergency"


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
