"""Round 11 of the conversation red team, in our own words: a pump named only as
"the pump" ("my grandson has the pump", "I've got a pump, not tablets"), and the
safer reading of an unsettled too-much answer when the call ends beside a weighty sign."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner


# ---------------------------------------------------------------- "the pump", named in passing

@pytest.mark.parametrize("messages", [
    ("my grandson has the pump and tonight he's running a temp", "his arms have gone really rigid", "no"),
    ("I've a high temperature and my legs are stiff as anything", "no, I'm not on tablets, I have the pump", "no"),
    ("she's got the pump", "her forehead is burning hot and she's itching like mad", "not that I'm aware"),
    ("feverish and my back is spasming badly, the pump is working fine mind you", "no"),
])
def test_the_pump_named_in_passing_with_fever_and_a_withdrawal_sign_is_an_emergency(engine, messages):
    _state, dispositions = chat(engine, *messages)
    assert dispositions[-1] == "emergency", messages


def test_the_pump_named_in_passing_with_a_withdrawal_sign_needs_the_pump_checked(engine):
    _state, dispositions = chat(engine, "my daughter has the pump and her spasms are much worse lately",
                                "no temperature", "no that's all")
    assert dispositions[-1] in ("withdrawal", "emergency")


@pytest.mark.parametrize("text", [
    "my dad has a pump in his garden and I feel a bit dizzy",
    "I have an insulin pump and I've got a temperature and stiff legs",
    "we've got a pump in the shed, anyway I've a fever and stiff muscles",
])
def test_another_kind_of_pump_is_no_baclofen_pump(triager, text):
    assert triager.classify(text).disposition != "emergency", text
