"""Drug reviews, round 3: a limb gone floppy is weakness (a body gone floppy is
an emergency), "which is not like me" about a deed, a change dated by the
dose, another medicine singled out ("is what", "unlike"), other reviewers,
a spell ended by "not anymore" or "back to normal", what came instead of
what was expected, and lay words for the monograph's everyday entries.
Every phrasing here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


WEAK = "cns_effects.weakness"
SEVERE_WEAK = "overdose_cns.severe_weakness"
MOOD = "cns_toxicity.mood"
DROWSY = "cns_effects.drowsiness"
DIZZY = "cns_effects.dizziness"
HEADACHE = "cns_effects_rare.headache"
SLEEPING = "cns_effects_rare.sleeping"


@pytest.mark.parametrize("text", [
    "my arms go floppy and useless by the evening",
    "it loosened my calves but now my legs feel floppy",
    "it made my arms floppy and weak",
])
def test_floppy_limbs_are_weakness_not_an_emergency(triager, text):
    # the limb's weakness frame holds the overdose table's bare "floppy"
    assert disposition(triager, text) == "if_bothersome"
    assert WEAK in found(triager, text)


@pytest.mark.parametrize("text", [
    "my toddler is floppy and won't respond",
    "his whole body is floppy",
    "she went floppy in the chair",
])
def test_a_body_gone_floppy_is_still_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency"
    assert SEVERE_WEAK in found(triager, text)
