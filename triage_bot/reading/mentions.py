"""What the reading finds: a symptom as meant (Match), a context cue
(ContextMatch), and the candidates and cues weighed on the way."""
from __future__ import annotations

from ..record import record


@record
class Match:
    """A lexicon term found in the text, with how it is meant.

    ``status`` is "affirmed", "negated" ("no rash"), "resolved" ("the rash has
    gone": it was there), "hypothetical", "historical" or "indication" (what
    the drug is taken for); ``cue`` the words
    that made it so.  ``text == input[start:end]``.
    """
    target: str
    start: int
    end: int
    text: str
    score: float
    term: str
    status: str
    cue: str


@record
class ContextMatch:
    """A context cue found in the text, e.g. kind "stopped_suddenly" for "ran out"."""
    kind: str
    start: int
    end: int
    text: str


@record
class Candidate:
    """A term, frame or reading that may be meant at tokens ``first..last``:
    "chest pain" at 1..2, before overlapping candidates are resolved."""
    first: int
    last: int                             # index of the last token, inclusive
    target: str | None
    score: float
    matched: int
    gaps: int
    term: str
    # Filler tokens a term skipped ("feel [dizzy and] sick"): another sign there is
    # still read, for the term's own words are around it, not on it.
    holes: tuple[int, ...] = ()


@record
class Cue:
    """A negation or other ConText cue at tokens ``first`` to ``end``: "no" of "no rash"."""
    kind: str
    first: int
    end: int                              # exclusive
    text: str
