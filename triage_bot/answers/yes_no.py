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
# Kinds the reader keeps apart from its phrases: "openers" ("no", "nope") are no
# words that may open a reply without answering it ("no, he took too many").
_APART = ("openers",)


class YesNoReader:
    """Reads yes / no / not sure from a patient's words, with the language file's word lists."""

    def __init__(self, answers: Mapping[str, Iterable[str]], numbers: Iterable[str] = (),
                 texting: Mapping[str, str] | None = None) -> None:
        self.phrases: dict[tuple[str, ...], str] = {}
        self.openers = frozenset(tuple(t.norm for t in tokenize(p)) for p in answers.get("openers", ()))
        self.own: frozenset[tuple[str, ...]] = frozenset()  # the question's own answer words (with_words)
        for kind, phrases in answers.items():
            if kind in _APART:
                continue
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
        reader.phrases, reader.openers = {}, self.openers
        for kind, phrases in words.items():
            for phrase in phrases:
                key = tuple(t.norm for t in tokenize(phrase))
                if key:
                    reader.phrases.setdefault(key, kind)
        reader.own = frozenset(reader.phrases)
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
        return {kind for kind, _key in self._found(text, skip, anchored)}

    def _found(self, text: str, skip: Iterable[tuple[int, int]], anchored: bool) -> list[tuple[str, tuple[str, ...]]]:
        """(kind, phrase) of each answer phrase, in order.  An anchored reading that opens
        with an opener ("no, he took too many and now he's drowsy") reads on for the rest."""
        spans = list(skip)
        if spans:
            kept = [(j, norm, start) for j, (norm, start) in enumerate(_words(text))
                    if not any(s <= start < e for s, e in spans)]
            read = [(norm, start) for _j, norm, start in kept]
        else:  # most readings skip nothing: every word is kept, in its place
            read, kept = _words(text), None
        words = [norm for norm, _start in read]
        found, i = [], 0
        while i < len(words):
            left = len(words) - i
            for size in self.sizes.get(words[i], ()):
                if size > left:
                    continue
                key = tuple(words[i:i + size])
                kind = self.phrases.get(key)
                if kind and size > 1 and any(m in text[read[i][1]:read[i + size - 1][1]] for m in ",;.!?"):
                    continue  # a phrase never spans a clause mark: "I don't, no" is no "don't no"
                if kind:
                    between = kind == "no" and self._between_numbers(words, i, i + size)
                    if kind not in _NO_ANSWER and not between:
                        # a phrase read across a symptom's words is marked apart ("more tired than usual")
                        whole = kept is None or kept[i + size - 1][0] - kept[i][0] == size - 1
                        found.append((kind, key if whole else ()))  # "not been herself" says how she is: no answer
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
            if anchored and len(found) == 1 and found[0][1] in self.openers and self.own:
                anchored = False  # the question's own yes words may follow
            elif anchored:
                break
        return found

    def _opening_no(self, found: list[tuple[str, tuple[str, ...]]]) -> bool:
        """Whether a no opens the reply and the question's own yes words follow with no other
        denial: "no he took too many", "nope, missed a few" (the no denies the question's
        premise, not what it asks).  A plain yes word ("no, a bit dizzy") does not count."""
        if not found or found[0][0] != "no" or found[0][1] not in self.openers:
            return False
        rest = found[1:]
        return (all(kind != "no" for kind, _key in rest)
                and any(kind == "yes" and key in self.own for kind, key in rest))

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
        found = self._found(text, skip, anchored)
        kinds = {kind for kind, _key in found}
        if "unsure" in kinds:
            return "unsure"
        if "likely" in kinds:
            kinds = (kinds - {"likely"}) | {"yes"}
        if len(kinds) == 1:
            return kinds.pop()
        if kinds == {"yes", "no"} and self._opening_no(found):
            return "yes"
        return None


