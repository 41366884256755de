"""Frames compiled: a concept's frame (head, qualifiers, words that veto it) as
the FrameRule that triage_bot.reading.frames tries at every word of a message.
"""
from __future__ import annotations

import re

from ..knowledge import KnowledgeError
from ..record import record
from .tokens import phrase_tokens

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Mapping


@record
class FrameRule:
    """A concept's frame compiled for matching (see triage_bot.reading.frames)."""
    target: str
    head: Mapping[str, tuple[tuple[str, ...], ...]]  # normalised phrases by first word, longest first
    with_: Mapping[str, tuple[tuple[str, ...], ...]]
    without: frozenset[str]
    reach: int
    source: str                           # "breathing + slow", for /why
    denied: bool                          # the qualifier counts only when denied
    without_phrases: tuple[tuple[str, ...], ...] = ()  # "like a truck": kept whole, never word by word
    joins: bool = False                   # the frame reaches across the barrier words ("and")
    sequence: bool = False                # ... across "then" only ("went stiff, then jerking")
    lists: bool = False                   # ... and across a bare comma ("zoned out, lips smacking")


_CLASS_SLOT = re.compile(r"(\{\w+\})")


def _frame_phrase(raw: str, classes: Mapping[str, frozenset[str]], where: str) -> list[tuple[str, ...]]:
    """A frame phrase normalised; a {class} in it stands for each word of the class:
    "{someone} wont" is "he wont", "she wont", "mum wont" ..."""
    combos: list[tuple[str, ...]] = [()]
    for part in _CLASS_SLOT.split(raw):
        if _CLASS_SLOT.fullmatch(part):
            name = part[1:-1]
            if name not in classes:
                raise KnowledgeError(f"{where}: frame phrase {raw!r}: no word class {name!r}; "
                                     f"valid: {', '.join(sorted(classes))}")
            combos = [c + (w,) for c in combos for w in sorted(classes[name])]
        elif part.strip():
            words = phrase_tokens(part)
            combos = [c + words for c in combos]
    return [c for c in combos if c]


def compile_frame(frame, target: str, where: str, classes: Mapping[str, frozenset[str]] | None = None) -> FrameRule:
    """A knowledge Frame as a FrameRule: its phrases normalised and indexed by first word."""
    def phrases(words: tuple[str, ...], key: str) -> tuple[tuple[str, ...], ...]:
        out = []
        for w in words:
            found = _frame_phrase(w, classes or {}, where)
            if not found:
                raise KnowledgeError(f"{where}: frame of {target!r}: a {key!r} phrase has no word in it")
            out.extend(found)
        return tuple(out)
    def by_first(found: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
        index: dict[str, list[tuple[str, ...]]] = {}
        for p in found:
            index.setdefault(p[0], []).append(p)
        return {w: tuple(sorted(ps, key=len, reverse=True)) for w, ps in index.items()}
    head, with_ = by_first(phrases(frame.head, "head")), by_first(phrases(frame.with_, "with"))
    # A word of a "without" phrase alone must not veto: "like a truck" is not "a".
    without_all = phrases(frame.without, "without")
    without = frozenset(p[0] for p in without_all if len(p) == 1)
    return FrameRule(target, head, with_, without, frame.reach, f"{frame.head[0]} + {frame.with_[0]}",
                     frame.denied, tuple(p for p in without_all if len(p) > 1), frame.joins,
                     frame.sequence, frame.lists)
