"""The one-pass scan of the cue patterns finds what each pattern set finds on its own."""
from __future__ import annotations

import pytest

from triage_bot.reading.scan import SCANNED, scan

# Written for this test: denials, questions, gaps across fillers and sentence ends,
# counts in words and figures, dose changes and comparisons.
MESSAGES = [
    "no dizziness and I haven't stopped it",
    "took about 12 of the baclofen tablets last night. my son swallowed 3 of them",
    "I swallowed. Then later my two tablets were gone",
    "could it be the tablets making me sleepy? if I stop it will the spasms come back",
    "my 4yo got hold of the pack and 6 are missing",
    "been taking 4 instead of 2 a day, went up from 2 to 4 last week",
    "ran out on friday, not had any since, hands shaking",
    "she never had a seizure before, years ago maybe",
    "twenty pills gone!! he's so drowsy, can't wake him",
    "temp 39c and the pump alarm went off",
    "her lips are really quite swollen",
    "he is refusing all of his tablets. lips fine",
    "the headache is the very worst of my life",
    "my temperature was about 38.5 this morning",
    "",
]


@pytest.mark.parametrize("text", MESSAGES)
def test_the_scan_finds_what_each_pattern_set_finds(triager, text):
    lexicon = triager.lexicon
    tokens = lexicon.tokenize(text)
    assert scan(tokens, lexicon) == [getattr(lexicon, name).find(tokens) for name in SCANNED]


def test_the_scan_is_kept_out_of_the_compiled_lexicon(triager):
    # the merged index is per process, built word by word: the cache keeps the pattern sets alone
    lexicon = triager.lexicon
    scan(lexicon.tokenize("no dizziness"), lexicon)
    assert lexicon.__getstate__()["_scan"] is None
