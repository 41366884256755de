"""The words of one language's answers, and the readers of numbers, ages,
weights, sex, outcome, yes / no, frequencies and medicines that use them."""
from __future__ import annotations

import re

from .dates import DateReading
from .folding import WORD, AnswerError, casefold, drop, fold
from .yes_no import YesNoReader
TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Mapping

MAX_AGE_YEARS = 120
MIN_WEIGHT_KG = 0.3  # an extremely premature baby
MAX_WEIGHT_KG = 350.0
KG_PER_LB = 0.45359237
# Medicines are split at these, and at "/" only between words ("co-codamol
# 30/500" is one medicine, "ibuprofen/paracetamol" two).
_MEDICINE_SPLIT = re.compile(r"[,;+&\n]|\band\b|\bplus\b|(?<!\d)\s*/\s*|\s*/\s*(?!\d)", re.IGNORECASE)



class Frequency:
    """A frequency phrase ("# times a day", "#" a number in digits or words) as a pattern,
    compiled the first time a text holds every one of its words: most answers hold none
    of most phrases, and each is then neither compiled at start-up nor searched for."""

    __slots__ = ("words", "_source", "_pattern")

    def __init__(self, words: tuple[str, ...], numbers: tuple[str, ...]) -> None:
        self.words = tuple(w for w in words if w != "#")  # what the text must hold, as written
        number = "|".join(numbers)
        parts = [rf"(?:\d+|{number})" if w == "#" else re.escape(w) for w in words]
        self._source = r"\b" + r"\s+".join(parts) + r"\b"
        self._pattern: re.Pattern[str] | None = None

    def pattern_in(self, folded: str) -> re.Pattern[str] | None:
        """The pattern when ``folded`` may hold the phrase; None when it cannot (a word is missing)."""
        for word in self.words:
            if word not in folded:
                return None
        if self._pattern is None:
            self._pattern = re.compile(self._source)
        return self._pattern


class AnswerWords(DateReading):
    """The validated words of one language's answers, with the readers that use them.
    Made once, with every field by name, and never changed (a plain class, not a
    dataclass: dataclasses brings inspect, and a conversation's start did without)."""
    numbers: Mapping[tuple[str, ...], int]
    hedges: tuple[tuple[str, ...], ...]
    date_fillers: tuple[tuple[str, ...], ...]
    day_parts: tuple[tuple[str, ...], ...]
    last: frozenset[str]
    this: frozenset[str]
    ago: tuple[tuple[str, ...], ...]
    units: Mapping[str, int]
    days_before: Mapping[str, int]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    age_fillers: tuple[tuple[str, ...], ...]
    age_units: Mapping[str, int]
    weight_fillers: tuple[tuple[str, ...], ...]
    weight_units: Mapping[str, float]
    sexes: Mapping[tuple[str, ...], str]
    outcomes: Mapping[tuple[str, ...], str]
    yes_no: YesNoReader
    spans: frozenset[str]                      # "for" (3 days): how long something has lasted
    frequencies: tuple[Frequency, ...]         # "# times a day", "at night"
    everyday_dates: frozenset[str]             # date words that are also everyday words: "may", "sun"
    date_leads: frozenset[str]                 # words that introduce a date: "since", "in"
    denials: tuple[tuple[str, ...], ...]       # the language's preceding negation cues, folded

    def __init__(self, **fields: object) -> None:
        names = self.__annotations__
        if fields.keys() != names.keys():
            wrong = sorted(set(names) ^ set(fields))
            raise TypeError(f"AnswerWords needs exactly its fields; not these: {', '.join(wrong)}")
        for name in names:
            object.__setattr__(self, name, fields[name])

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"AnswerWords is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"AnswerWords is frozen: cannot delete {name!r}")

    # ------------------------------------------------------------ numbers

    def number(self, words: list[str], i: int, article: bool = False) -> tuple[float, int] | None:
        """The number starting at ``words[i]`` and the index after it: "fifty four" -> 54,
        "12 and a half" -> 12.5, "a couple of" -> 2 (and "a" -> 1 with ``article``)."""
        if i >= len(words):
            return None
        w = words[i]
        if w[0].isdigit():
            value, j = float(w), i + 1
        else:
            found = self._number_words(words, i, article)
            if found is None:
                return None
            value, j = found
        if words[j:j + 3] == ["and", "a", "half"]:
            value, j = value + 0.5, j + 3
        return value, j

    def _number_words(self, words: list[str], i: int, article: bool) -> tuple[float, int] | None:
        for size in (3, 2):
            value = self.numbers.get(tuple(words[i:i + size]))
            if value is not None and size <= len(words) - i:
                return float(value), i + size
        total, j = None, i
        if words[i] in ("a", "an") and words[i + 1:i + 2] == ["hundred"]:
            total, j = 1, i + 1  # "a hundred and five"
        while j < len(words):
            value = self.numbers.get((words[j],))
            if value is None:
                if words[j] == "and" and total and total >= 100 and (tuple(words[j + 1:j + 2])) in self.numbers:
                    j += 1  # "a hundred and five"
                    continue
                break
            if total is None:
                total = value
            elif value == 100 and total < 100:
                total *= 100  # "one hundred"
            elif total >= 100 and total % 100 == 0 and value < 100:
                total += value  # "one hundred five"
            elif total % 10 == 0 and total % 100 >= 20 and value < 10:
                total += value  # "fifty four"
            else:
                break  # "two three": two numbers, not one
            j += 1
        if total is not None:
            return float(total), j
        if article and words[i] in ("a", "an"):
            return 1.0, i + 1
        return None

    def words(self, text: str) -> list[str]:
        """The words and numbers of an answer, ordinals split off: "20th" -> 20, th."""
        return WORD.findall(fold(text))

    # ------------------------------------------------------------ dates

    # ------------------------------------------------------------ ages and weights

    def _leading_number(self, text: str, fillers: tuple[tuple[str, ...], ...], negative: str,
                        reask: str) -> tuple[float, int, list[str]]:
        """The number an answer gives, once hedges and ``fillers`` are dropped ("she's about
        fifty-four"), the index after it and the words; AnswerError ``negative`` for "-5"."""
        raw = casefold(text)
        if re.match(r"-\s*\d", raw):
            raise AnswerError(negative)
        words = drop(drop(WORD.findall(fold(raw)), self.hedges), fillers)
        found = self.number(words, 0)
        if found is None:
            raise AnswerError(reask)
        return found[0], found[1], words

    def read_age(self, text: str) -> int:
        """A patient's age in whole years: "54", "I'm 54", "fifty-four", "aged 54 yrs",
        "18 months" (1).  A baby's months, weeks or days count in whole years."""
        years, j, words = self._leading_number(text, self.age_fillers, "age_negative", "age_reask")
        unit = " ".join(words[j:])
        if unit and unit not in self.age_units:
            raise AnswerError("age_reask")
        years /= self.age_units.get(unit, 1)
        if years > MAX_AGE_YEARS:
            raise AnswerError("age_too_old", max=MAX_AGE_YEARS)
        return int(years)

    def read_weight_kg(self, text: str) -> float:
        """A weight in kilograms, to 0.1 kg: "70", "70.5 kilos", "154 lb", "about 11 stone",
        "11 st 4" (stones and pounds), "eleven and a half stone".  A bare number is kilograms."""
        value, j, words = self._leading_number(text, self.weight_fillers, "weight_range", "weight_reask")
        unit = words[j] if j < len(words) else "kg"
        if unit not in self.weight_units:
            raise AnswerError("weight_reask")
        kilograms, j = value * self.weight_units[unit], j + 1
        if j < len(words) and self.weight_units[unit] > 6:  # "11 stone 4": the pounds after the stones
            more = self.number(words, j)
            pounds = [w for w, kg in self.weight_units.items() if kg == KG_PER_LB]
            if more is None or words[more[1]:] not in [[]] + [[w] for w in pounds]:
                raise AnswerError("weight_reask")
            if more[0] * KG_PER_LB >= self.weight_units[unit]:  # "11 stone 100": the pounds are under a stone
                raise AnswerError("weight_reask")
            kilograms += more[0] * KG_PER_LB
            j = len(words)
        if j < len(words):
            raise AnswerError("weight_reask")
        if not MIN_WEIGHT_KG <= kilograms <= MAX_WEIGHT_KG:
            raise AnswerError("weight_range")
        return round(kilograms, 1)

    # ------------------------------------------------------------ words

    def read_sex(self, text: str) -> str:
        """female, male, other or unknown: "I'm a woman", "she is female", "prefer not to say"."""
        return self._one_of(text, self.sexes, "sex_reask")

    def read_outcome(self, text: str) -> str:
        """recovered, recovering, not_recovered or unknown: "it's gone", "getting better
        but still there" (recovering), "no better"."""
        return self._one_of(text, self.outcomes, "outcome_reask", prefer="recovering")

    def read_yes_no_unknown(self, text: str) -> str:
        """yes, no or unknown: "yes it did", "nope", "not sure", "probably" (unknown: a
        report records what is known, not the safer guess)."""
        folded = fold(text)
        if folded.strip(" .!") in ("y", "n"):
            return {"y": "yes", "n": "no"}[folded.strip(" .!")]
        kinds = self.yes_no.kinds(folded)
        if kinds & {"unsure", "likely"}:
            return "unknown"
        if len(kinds) != 1:
            raise AnswerError("yes_no_reask")
        return kinds.pop()

    def _one_of(self, text: str, table: Mapping[tuple[str, ...], str], reask: str, prefer: str = "") -> str:
        words, found, i = WORD.findall(fold(text)), set(), 0
        phrases = sorted(table, key=len, reverse=True)
        while i < len(words):
            p = next((p for p in phrases if tuple(words[i:i + len(p)]) == p), None)
            if p:
                found.add(table[p])
                i += len(p)
            else:
                i += 1
        if len(found) > 1 and prefer in found:
            return prefer
        if len(found) != 1:
            raise AnswerError(reask)
        return found.pop()

    def find_frequency(self, text: str) -> str | None:
        """How often a message says the medicine is taken, as said: "I take it three
        times a day" -> "three times a day"; None when it does not say.  A frequency
        denied in its clause ("I don't take it twice a day any more") does not count."""
        folded = fold(text)
        best = None
        for frequency in self.frequencies:
            pattern = frequency.pattern_in(folded)
            for m in pattern.finditer(folded) if pattern is not None else ():
                if self._denied(folded[:m.start()]):
                    continue
                if best is None or (m.start(), -len(m.group())) < (best.start(), -len(best.group())):
                    best = m
                break
        return best.group() if best else None

    def without_frequencies(self, text: str, mark: str = "") -> str:
        """The text folded, with how often it is taken blanked out by as many spaces (so a
        span found in the text still holds): "she take 3 time in day" says a regimen, no
        count of tablets taken, and "one tablet twice a day" no "twice" too many.  With
        ``mark``, each is that word instead: "one <mark> and one <mark>"."""
        folded = fold(text)
        for frequency in self.frequencies:
            pattern = frequency.pattern_in(folded)
            if pattern is not None:
                folded = pattern.sub(lambda m: f" {mark} " if mark else " " * len(m.group()), folded)
        return folded

    def _denied(self, before: str) -> bool:
        """Whether the clause that ends here holds a denial: "i dont take it" before "twice a day"."""
        clause = re.split(r"[,;.!?]|\bbut\b", before)[-1]
        words = tuple(WORD.findall(clause))
        return any(words[k:k + len(cue)] == cue for cue in self.denials for k in range(len(words)))

    @staticmethod
    def split_medicines(text: str) -> list[str]:
        """Medicines named in one answer: "co-codamol 30/500 and diazepam" -> two,
        "ibuprofen/paracetamol" -> two; never split inside a name or a strength."""
        return [part.strip(" .") for part in _MEDICINE_SPLIT.split(text) if part and part.strip(" .")]


