"""Round 9 speed-ups answer exactly as the slow paths they stand in for."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from triage_bot.answers import load_answer_words
from triage_bot.answers.folding import fold

WORDS = load_answer_words()

# Words the frequency phrases are made of, numbers, and everyday words around them.
VOCAB = ["once", "twice", "three", "2", "10", "times", "time", "a", "day", "per", "daily", "every",
         "hours", "at", "night", "each", "in", "the", "morning", "evening", "and", "week", "bd", "tds",
         "nocte", "i", "take", "it", "dont", "tablet", "dizzy", "not", "any", "more", "-", ",", "."]


def slow_patterns() -> list[re.Pattern[str]]:
    """Every frequency phrase compiled and tried, as before the word check."""
    return [re.compile(f._source) for f in WORDS.frequencies]


SLOW = slow_patterns()


def slow_without(text: str) -> str:
    folded = fold(text)
    for pattern in SLOW:
        folded = pattern.sub(lambda m: " " * len(m.group()), folded)
    return folded


def slow_find(text: str) -> str | None:
    folded = fold(text)
    best = None
    for pattern in SLOW:
        for m in pattern.finditer(folded):
            if WORDS._denied(folded[:m.start()]):
                continue
            if best is None or (m.start(), -len(m.group())) < (best.start(), -len(best.group())):
                best = m
            break
    return best.group() if best else None


def test_a_frequency_is_still_blanked_and_found():
    assert WORDS.find_frequency("I take one three times a day") == "three times a day"
    assert WORDS.without_frequencies("one tablet twice a day").split() == ["one", "tablet"]
    assert WORDS.find_frequency("I feel dizzy") is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=14))
def test_frequencies_read_only_where_their_words_are_say_what_every_pattern_says(words):
    text = " ".join(words)
    assert WORDS.without_frequencies(text) == slow_without(text)
    assert WORDS.find_frequency(text) == slow_find(text)
