"""Yes, no, not sure: the language file's answer words, found in a message."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping

from ..matcher import tokenize


@lru_cache(maxsize=64)
def _words(text: str) -> tuple[tuple[str, int], ...]:
    """(word, start) of each token: one turn reads its text for answers several times."""
    return tuple((t.norm, t.start) for t in tokenize(text))


# Kinds of phrase that hold answer words but answer nothing ("not been herself",
# "why do you ask if ...").
_NO_ANSWER = ("idioms", "asked_back")


class YesNoReader:
    """Reads yes / no / not sure from a patient's words, with the language file's word lists."""

    def __init__(self, answers: Mapping[str, Iterable[str]], numbers: Iterable[str] = (),
                 texting: Mapping[str, str] | None = None) -> None:
        self.phrases: dict[tuple[str, ...], str] = {}
        for kind, phrases in answers.items():
            for phrase in phrases:
                words = tuple(t.norm for t in tokenize(phrase))
                if words:
                    self.phrases.setdefault(words, kind)
        # a texting form read as the answer words it stands for: "kinda" is "kind of", "ya" stays
        for short, full in (texting or {}).items():
            words = tuple(t.norm for t in tokenize(full))
            short_words = tuple(t.norm for t in tokenize(short))
            if words in self.phrases and short_words:
                self.phrases.setdefault(short_words, self.phrases[words])
        self.numbers = frozenset(numbers)
        self._index()

    def _index(self) -> None:
        """The lengths of the phrases each first word starts, longest first: a word
        is tried only at the lengths of its own phrases."""
        self.longest = max((len(p) for p in self.phrases), default=1)
        sizes: dict[str, set[int]] = {}
        for phrase in self.phrases:
            sizes.setdefault(phrase[0], set()).add(len(phrase))
        self.sizes = {word: tuple(sorted(lengths, reverse=True)) for word, lengths in sizes.items()}

    def with_words(self, words: Mapping[str, Iterable[str]]) -> "YesNoReader":
        """A reader that also knows ``words`` by kind, before its own: a question's
        answer words ("not since", "lost count") win over the language's ("not")."""
        reader = YesNoReader({}, self.numbers)
        reader.phrases = {}
        for kind, phrases in words.items():
            for phrase in phrases:
                key = tuple(t.norm for t in tokenize(phrase))
                if key:
                    reader.phrases.setdefault(key, kind)
        for key, kind in self.phrases.items():
            reader.phrases.setdefault(key, kind)
        reader._index()
        return reader

    def kinds(self, text: str, skip: Iterable[tuple[int, int]] = (), anchored: bool = False) -> set[str]:
        """The kinds of answer words in ``text``: "nope, still taking it" -> {"no"}.

        Words inside ``skip`` spans (the symptoms) are not read; ``anchored``
        reads only a phrase at the very start ("and a bit of a headache" says
        nothing about the question).  A "no" between two numbers sets one
        against the other ("it was 20 not 2"): it answers nothing.
        """
        spans = list(skip)
        read = [(norm, start) for norm, start in _words(text) if not any(s <= start < e for s, e in spans)] \
            if spans else _words(text)
        words = [norm for norm, _start in read]
        found, i = set(), 0
        while i < len(words):
            left = len(words) - i
            for size in self.sizes.get(words[i], ()):
                kind = self.phrases.get(tuple(words[i:i + size])) if size <= left else None
                if kind:
                    between = kind == "no" and self._between_numbers(words, i, i + size)
                    if kind not in _NO_ANSWER and not between:
                        found.add(kind)  # "not been herself" says how she is: no answer
                    i += size
                    if kind == "asked_back":  # "why do you ask if I took too much?": the question asked back
                        # to its question mark, else to the next clause mark: "why do you ask, yes I did"
                        marks = [at for at in (text.find(m, read[i - 1][1]) for m in "?,;.!") if at >= 0]
                        end = min(marks) if marks else -1
                        while i < len(words) and (end < 0 or read[i][1] < end):
                            i += 1
                    break
            else:
                if anchored:
                    break
                i += 1
                continue
            if anchored:
                break
        return found

    def _number(self, word: str) -> bool:
        return word.isdigit() or word in self.numbers

    def _between_numbers(self, words: list[str], start: int, end: int) -> bool:
        return 0 < start and end < len(words) and self._number(words[start - 1]) and self._number(words[end])

    def has_number(self, text: str) -> bool:
        """Whether the answer gives a count: "I think I took 3"."""
        return any(self._number(norm) for norm, _start in _words(text))

    def yes_no(self, text: str, skip: Iterable[tuple[int, int]] = (), anchored: bool = False) -> str | None:
        """"yes", "no", "unsure", or None when the words do not say (or say both).
        A likely yes ("probably", "I might have") is a yes: the safer reading."""
        kinds = self.kinds(text, skip, anchored)
        if "unsure" in kinds:
            return "unsure"
        if "likely" in kinds:
            kinds = (kinds - {"likely"}) | {"yes"}
        if len(kinds) == 1:
            return kinds.pop()
        return None


