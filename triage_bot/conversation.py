"""The conversation, as the fronts import it: the dialogue engine and its state.

The engine is :mod:`triage_bot.dialogue` (the state machine), with the report
interview in :mod:`triage_bot.interview`, the state in :mod:`triage_bot.state`
and every word it says in :mod:`triage_bot.wording` (``knowledge/dialogue.toml``).
"""
from __future__ import annotations

from .dialogue import Engine, load_engine
from .state import Phase, State
from .wording import Dialogue, load_dialogue

__all__ = ["State", "Phase", "Engine", "Dialogue", "load_dialogue", "load_engine"]
