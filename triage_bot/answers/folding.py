"""Folding an answer for reading, and the error every reader raises."""
from __future__ import annotations

import re
from functools import lru_cache
TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any, Iterable, Mapping

MAX_ANSWER_CHARS = 2_000
WORD = re.compile(r"\d+(?:\.\d+)?|[a-z]+")


class AnswerError(ValueError):
    """An answer that cannot be used: ``key`` names the dialogue line to say, ``fields`` fill it."""

    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.key, self.fields = key, fields


def casefold(text: str) -> str:
    """An answer in one case with plain apostrophes, refused when too long: "Don’t" -> "dont"."""
    if len(text) > MAX_ANSWER_CHARS:
        raise AnswerError("too_long", max=MAX_ANSWER_CHARS)
    return " ".join(text.replace("\u2019", "'").casefold().replace("'", "").split())


def fold(text: str) -> str:
    """An answer folded for reading words: "Fifty-FOUR" -> "fifty four" (hyphens and underscores are spaces)."""
    return " ".join(re.sub(r"[-_]", " ", casefold(text)).split())


_NOT_WORD = re.compile(r"[^\w/]+")


@lru_cache(maxsize=512)  # a turn's text is folded by several readers in turn
def plain(text: str) -> str:
    """An answer folded for phrase look-up: "No, that's ALL!" -> "no thats all"."""
    text = text.replace("\u2019", "'").casefold().replace("'", "")
    return " ".join(_NOT_WORD.sub(" ", text).split())


@lru_cache(maxsize=64)
def _longest_first(labelled: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[list[tuple[str, str]], dict[str, list[int]]]:
    """The folded phrases of a word list, longest first, each padded (" no more "),
    and where each first word starts phrases in that order; folded and sorted once
    per list, not once per message."""
    ordered = sorted(((plain(p), label) for label, phrases in labelled for p in phrases), key=lambda pair: -len(pair[0]))
    padded = [(f" {phrase} ", label) for phrase, label in ordered if phrase]
    starts: dict[str, list[int]] = {}
    for i, (phrase, _label) in enumerate(padded):
        starts.setdefault(phrase[1:].split(" ", 1)[0], []).append(i)
    return padded, starts


# The prepared word lists by the identity of their (immutable) tuples: a turn looks up the
# same few lists several times, and a key of every phrase cost more than the look-up.
_PREPARED: dict[tuple[tuple[str, int], ...], tuple[tuple, Any]] = {}


def _prepared(labelled: Mapping[str, Iterable[str]]) -> tuple[list[tuple[str, str]], dict[str, list[int]]]:
    key = tuple((label, id(phrases)) for label, phrases in labelled.items())
    hit = _PREPARED.get(key)
    if hit is None:
        lists = tuple(labelled.values())
        prepared = _longest_first(tuple((label, tuple(phrases)) for label, phrases in labelled.items()))
        if not all(isinstance(phrases, tuple) for phrases in lists):
            return prepared  # a list may change: not kept by its identity
        if len(_PREPARED) >= 64:
            _PREPARED.clear()
        hit = _PREPARED[key] = (lists, prepared)  # (the tuples held, so their ids stay theirs)
    return hit[1]


def find_phrases(answer: str, labelled: Mapping[str, Iterable[str]]) -> set[str]:
    """Labels of the phrases found as whole words, longest first so "not bad" hides "bad".
    Only phrases whose first word is in the answer are tried (no other can be found)."""
    ordered, starts = _prepared(labelled)
    tried = [i for word in set(answer.split(" ")) for i in starts.get(word, ())]
    padded = f" {answer} "
    found = set()
    for i in sorted(tried):
        phrase, label = ordered[i]
        if phrase in padded:
            found.add(label)
            padded = padded.replace(phrase, " | ")
    return found


def phrases(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """Phrases as word tuples, longest first."""
    return tuple(sorted({tuple(WORD.findall(fold(w))) for w in words} - {()}, key=len, reverse=True))


def drop(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> list[str]:
    """``words`` without any of ``phrases`` (longest first): hedges, fillers."""
    out, i = [], 0
    while i < len(words):
        for p in phrases:
            if tuple(words[i:i + len(p)]) == p:
                i += len(p)
                break
        else:
            out.append(words[i])
            i += 1
    return out


