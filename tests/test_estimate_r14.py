"""Misses the round-14/15 estimators found on fresh text, as classes (phrasings of our own)."""
from __future__ import annotations

import pytest


def refs(result) -> set[str]:
    return {f.ref for f in result.findings}


# People seen in a room where no one would be, as a carer tells it, are hallucinations.
@pytest.mark.parametrize("text", [
    "the man I care for says he's seeing kids in his bedroom every night",
    "my aunt on baclofen keeps telling us she saw a man in her room",
])
def test_people_seen_in_the_room_are_hallucinations(triager, text):
    assert "cns_toxicity.hallucinations" in refs(triager.classify(text))


@pytest.mark.parametrize("text", [
    "I'm seeing people in my room for therapy appointments now",
    "she saw someone in her room on the video call",
])
def test_people_met_in_a_room_are_no_hallucination(triager, text):
    assert "cns_toxicity.hallucinations" not in refs(triager.classify(text))
