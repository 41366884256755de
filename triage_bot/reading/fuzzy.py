"""Typos and words spelt by ear, corrected to the lexicon's own words.

"nausious" is one edit from "nauseous", so it is read as that; "drozzey"
sounds like "drowsy".  Only words long enough to be safe are corrected, and
short ones only for a slip of the fingers ("dizy"), never into another real
word ("boat" is not "bloat").  rapidfuzz is imported only when a process has
corrected a few words already.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, Mapping

# Fuzzy matching: only words of at least this many letters are corrected, and
# only by this many edits (insertion, deletion, substitution, transposition).
FUZZY_MIN_LEN = 4
FUZZY_ANY_EDIT_LEN = 6
FUZZY_TWO_EDITS_LEN = 8
FUZZY_SCORE_FLOOR = 70.0
# A word spelt by ear ("drozzey" for "drowsy") must sound like exactly one
# lexicon word, be this long, and still look a little like it.
SOUND_MIN_LEN = 5
SOUND_SCORE_FLOOR = 55.0


# The first typos of a process are corrected in plain Python (reading.edits, the
# same numbers): a one-shot message with a typo then does not pay for importing
# rapidfuzz, which a batch with many typos soon does.
PLAIN_CORRECTIONS = 8
_plain_done = [0]


def correct_word(norm: str, spelt: str, choices_by_letter: Mapping[str, list[str]]) -> tuple[str, float] | None:
    """The lexicon word (among ``choices_by_letter``, by first letter) a typo
    stands for, with its score: "nausious" -> ("nauseous", 88.9)."""
    choices = choices_by_letter.get(norm[0])
    if not choices:
        return None
    max_edits = 2 if len(norm) >= FUZZY_TWO_EDITS_LEN else 1
    if _plain_done[0] < PLAIN_CORRECTIONS and "rapidfuzz" not in sys.modules:
        from .edits import indel_ratio, osa_distance

        _plain_done[0] += 1
        ratio: Any = indel_ratio
        near = [word for word in choices if osa_distance(norm, word, max_edits) <= max_edits]
    else:
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        ratio = fuzz.ratio
        near = [word for word, _dist, _i in
                process.extract(norm, choices, scorer=OSA.distance, score_cutoff=max_edits, limit=None)]
    best = max(((ratio(norm, word), word) for word in near if _typo_shaped(norm, word)), default=None)
    if best is None or best[0] < FUZZY_SCORE_FLOOR:
        return _sounds_like(norm, spelt, choices, ratio)
    return best[1], best[0]


_SOUNDS = ((re.compile(r"ph"), "f"), (re.compile(r"sh|ti(?=[aou])"), "s"), (re.compile(r"ch|ck|q"), "k"), (re.compile(r"c(?=[eiy])"), "s"),
           (re.compile(r"c"), "k"), (re.compile(r"x"), "ks"), (re.compile(r"z"), "s"),
           (re.compile(r"(?<=[aeiouy])w|(?<=.)h"), ""), (re.compile(r"[aeiouy]+"), "a"), (re.compile(r"(.)\1+"), r"\1"))


_FIRST_VOWEL = re.compile(r"[aeiouy]")


@lru_cache(maxsize=1 << 14)  # the lexicon's words are keyed again for every word spelt by ear
def _sound_key(word: str) -> str:
    """How a word sounds, roughly: "drozzey" and "drowsy" are both "o:drasa".
    People spell the first vowel as they hear it, so it stays in the key:
    "happyer" does not sound like "hyper"."""
    vowel = _FIRST_VOWEL.search(word)
    for pattern, sound in _SOUNDS:
        word = pattern.sub(sound, word)
    return f"{vowel.group() if vowel else ''}:{word}"


def _sounds_like(norm: str, spelt: str, choices: list[str], ratio: Any) -> tuple[str, float] | None:
    """A word spelt by ear ("drozzey", "nawshus", "weeknes") as the lexicon word
    that sounds the same, stemmed or as typed; only for words of SOUND_MIN_LEN
    letters or more that still look a little like it."""
    if len(norm) < SOUND_MIN_LEN:
        return None
    keys = {_sound_key(norm), _sound_key(spelt)}
    same = [(ratio(spelt, w), w) for w in choices if len(w) >= SOUND_MIN_LEN and _sound_key(w) in keys]
    best = max(same, default=None)
    if best is None or best[0] < SOUND_SCORE_FLOOR:
        return None
    return best[1], FUZZY_SCORE_FLOOR


def _typo_shaped(typed: str, word: str) -> bool:
    """Whether ``typed`` looks like a slip of the fingers for ``word``.

    Short words are real words too often ("boat" is not "bloat", "wheel" is
    not "wheeze"), so below FUZZY_ANY_EDIT_LEN letters only a doubled letter
    typed once or twice ("dizy", "dizzzy") or two swapped letters count.
    """
    if len(typed) >= FUZZY_ANY_EDIT_LEN:
        return True
    if len(typed) == len(word):
        diff = [i for i in range(len(word)) if typed[i] != word[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == word[diff[1]]
    short, long_ = sorted((typed, word), key=len)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return (i > 0 and long_[i] == long_[i - 1]) or (i + 1 < len(long_) and long_[i] == long_[i + 1])
    return False
