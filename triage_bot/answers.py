"""One reader of free answers: yes / no / not sure, numbers in digits and words,
ages, weights, dates and spans, sex, outcome and lists of medicines.

Each reader takes what the patient typed and gives a typed value, or raises
:class:`AnswerError` with the key of the line to say back (the wording is the
dialogue file's, so this module says nothing to anyone).  The words are the
language's knowledge: ``answer-words.toml`` for dates, ages, weights, sex and
outcome; the language file's number words and yes / no / not sure lists.

    >>> from datetime import date
    >>> words = load_answer_words()
    >>> words.read_age("she's fifty-four")
    54
    >>> words.read_date("since about 8 months ago", today=date(2026, 12, 1))
    datetime.date(2026, 4, 5)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from .knowledge import KnowledgeError, Knowledge, Record, default_folder, load_knowledge
from .matcher import tokenize

ANSWER_WORDS_FILE = "answer-words.toml"
MAX_ANSWER_CHARS = 2_000
EARLIEST_YEAR = 1900
MAX_AGE_YEARS = 120
MIN_WEIGHT_KG = 0.3  # an extremely premature baby
MAX_WEIGHT_KG = 350.0
KG_PER_LB = 0.45359237
# How far back a date without a year may reach to find a real 29 February.
YEARLESS_LOOKBACK_YEARS = 8
# The kinds of yes / no word the language file lists; "likely" ("probably",
# "might have") is a yes to a safety question and "don't know" to a report's.
ANSWER_KINDS = ("yes", "no", "unsure", "likely")

# Read from the answer before hyphens are folded: "2026-11-20T14:30:00Z", "2026/11/20".
_ISO = re.compile(r"(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                  r"(?:z|[+-]\d{2}:?\d{2})?)?(?![\d.])")
# "20/11/2026", "20/11", "20.11.2026", "20-11-26" (a year is needed with dots or
# hyphens: "3.5 weeks" is not 3 May).
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})(?:/(\d{1,2})(?:/(\d{4}|\d{2}))?|([.-])(\d{1,2})\4(\d{4}|\d{2}))"
                           r"(?![\d.])")
_WORD = re.compile(r"\d+(?:\.\d+)?|[a-z]+")
_ORDINALS = frozenset(("st", "nd", "rd", "th"))
# Medicines are split at these, and at "/" only between words ("co-codamol
# 30/500" is one medicine, "ibuprofen/paracetamol" two).
_MEDICINE_SPLIT = re.compile(r"[,;+&\n]|\band\b|\bplus\b|(?<!\d)\s*/\s*|\s*/\s*(?!\d)", re.IGNORECASE)


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


def plain(text: str) -> str:
    """An answer folded for phrase look-up: "No, that's ALL!" -> "no thats all"."""
    text = text.replace("\u2019", "'").casefold().replace("'", "")
    return " ".join(re.sub(r"[^\w/]+", " ", text).split())


@lru_cache(maxsize=64)
def _longest_first(labelled: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, str]]:
    """The folded phrases of a word list, longest first; folded and sorted once
    per list, not once per message."""
    return sorted(((plain(p), label) for label, phrases in labelled for p in phrases), key=lambda pair: -len(pair[0]))


def find_phrases(answer: str, labelled: Mapping[str, Iterable[str]]) -> set[str]:
    """Labels of the phrases found as whole words, longest first so "not bad" hides "bad"."""
    padded = f" {answer} "
    found = set()
    for phrase, label in _longest_first(tuple((label, tuple(phrases)) for label, phrases in labelled.items())):
        if phrase and f" {phrase} " in padded:
            found.add(label)
            padded = padded.replace(f" {phrase} ", " | ")
    return found


class YesNoReader:
    """Reads yes / no / not sure from a patient's words, with the language file's word lists."""

    def __init__(self, answers: Mapping[str, Iterable[str]], numbers: Iterable[str] = ()) -> None:
        self.phrases: dict[tuple[str, ...], str] = {}
        for kind, phrases in answers.items():
            for phrase in phrases:
                words = tuple(t.norm for t in tokenize(phrase))
                if words:
                    self.phrases.setdefault(words, kind)
        self.longest = max((len(p) for p in self.phrases), default=1)
        self.numbers = frozenset(numbers)

    def kinds(self, text: str, skip: Iterable[tuple[int, int]] = (), anchored: bool = False) -> set[str]:
        """The kinds of answer words in ``text``: "nope, still taking it" -> {"no"}.

        Words inside ``skip`` spans (the symptoms) are not read; ``anchored``
        reads only a phrase at the very start ("and a bit of a headache" says
        nothing about the question).
        """
        spans = list(skip)
        words = [t.norm for t in tokenize(text) if not any(s <= t.start < e for s, e in spans)]
        found, i = set(), 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                kind = self.phrases.get(tuple(words[i:i + size]))
                if kind:
                    found.add(kind)
                    i += size
                    break
            else:
                if anchored:
                    break
                i += 1
                continue
            if anchored:
                break
        return found

    def has_number(self, text: str) -> bool:
        """Whether the answer gives a count: "I think I took 3"."""
        return any(t.norm.isdigit() or t.norm in self.numbers for t in tokenize(text))

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


def _phrases(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """Phrases as word tuples, longest first."""
    return tuple(sorted({tuple(_WORD.findall(fold(w))) for w in words} - {()}, key=len, reverse=True))


def _drop(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> list[str]:
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


def _labelled(rec: Record, key: str, valid: tuple[str, ...] | None = None) -> dict[tuple[str, ...], str]:
    """A table of value -> phrases, as phrase -> value."""
    table = rec.table(key)
    out: dict[tuple[str, ...], str] = {}
    for value in list(table.data):
        if valid is not None and value not in valid:
            raise KnowledgeError(f"{table.where}: {value!r} is not one of: {', '.join(valid)}")
        for phrase in _phrases(table.words(value, required=True)):
            out.setdefault(phrase, value)
    table.done()
    return out


def _numbers_of(rec: Record, key: str, kind: type) -> dict[str, Any]:
    """A table of word -> number (``kind`` int, or float which also takes whole numbers)."""
    table = rec.table(key)
    out = {}
    for name in list(table.data):
        value = table._get(name, (int, float) if kind is float else int, None)
        out[" ".join(_WORD.findall(fold(name)))] = value
    table.done()
    return out


@dataclass(frozen=True)
class AnswerWords:
    """The validated words of one language's answers, with the readers that use them."""
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
    frequencies: tuple[re.Pattern[str], ...]   # "# times a day", "at night"

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
        return _WORD.findall(fold(text))

    # ------------------------------------------------------------ dates

    def read_date(self, text: str, today: date | None = None) -> date:
        """The day a patient means: "20/11/2026", "2026-11-20T14:30Z", "20 Nov",
        "yesterday morning", "about 8 months ago", "since March", "last March",
        "last Monday".  Numeric dates are read day first (20/11 is in November)
        unless only month first can be a date (11/20).  A month alone is its
        first day, a year alone its first day."""
        today = today or date.today()
        raw = casefold(text)
        if m := _ISO.search(raw):
            return _checked(_calendar(*(int(g) for g in m.groups())), today)
        if m := _NUMERIC_DATE.search(raw):
            day, month, year = int(m.group(1)), int(m.group(2) or m.group(5)), m.group(3) or m.group(6)
            if month > 12 >= day:
                day, month = month, day
            return self._dated(day, month, year, today)
        words = self._date_words(fold(raw))
        if not words:
            raise AnswerError("date_reask")
        return _checked(self._worded_date(words, today), today)

    def _date_words(self, folded: str) -> list[str]:
        """The words that say which day: "since about 8 months ago" -> 8 months ago."""
        joined = " ".join(_WORD.findall(folded))
        for phrase in sorted(self.days_before, key=len, reverse=True):  # "last night", before "night" goes
            joined = re.sub(rf"\b{re.escape(phrase)}\b", phrase.replace(" ", "_"), joined)
        words = _drop(_drop(_drop(joined.split(), self.hedges), self.day_parts), self.date_fillers)
        words = [w for k, w in enumerate(words) if not (w in _ORDINALS and k and words[k - 1].isdigit())]
        return [w.replace("_", " ") for w in words]

    def _worded_date(self, words: list[str], today: date) -> date:
        if len(words) == 1 and words[0] in self.days_before:
            return today - timedelta(days=self.days_before[words[0]])
        if words[-1:] and (words[-1],) in self.ago or tuple(words[-2:]) in self.ago:
            return self._ago(words, today)
        last = words[0] in self.last
        rest = words[1:] if last or words[0] in self.this else words
        if len(rest) == 1 and rest[0] in self.weekdays:
            back = (today.weekday() - self.weekdays[rest[0]]) % 7 or 7
            return today - timedelta(days=back)
        return self._calendar_words(rest, last, today)

    def _ago(self, words: list[str], today: date) -> date:
        body = _drop(words, self.ago)
        found = self.number(body, 0, article=True)
        if found is None:
            raise AnswerError("date_reask")
        count, j = found
        if body[j:] == [] or len(body) - j != 1 or body[j] not in self.units:
            raise AnswerError("date_reask")
        days = round(count * self.units[body[j]])
        if days > (today - date(EARLIEST_YEAR, 1, 1)).days:
            raise AnswerError("date_too_early", year=EARLIEST_YEAR)
        return today - timedelta(days=days)

    def _calendar_words(self, words: list[str], last: bool, today: date) -> date:
        """ "20 november 2026", "november 20", "march", "march 2025", "20" (that day of this month)."""
        months = [k for k, w in enumerate(words) if w in self.months]
        numbers = [w for w in words if w.isdigit()]
        if len(months) > 1 or len(numbers) + len(months) != len(words) or len(numbers) > 2:
            raise AnswerError("date_reask")
        year = next((n for n in numbers if len(n) == 4), None)
        days = [int(n) for n in numbers if len(n) <= 2]
        if len(days) > 1 or (year and len(numbers) == 2 and not days):
            raise AnswerError("date_reask")
        if not months:
            if days and not year:  # "the 20th"
                return self._most_recent(days[0], None, today)
            if year and not days:
                return _calendar(int(year), 1, 1)
            raise AnswerError("date_reask")
        month = self.months[words[months[0]]]
        if days:
            return self._dated(days[0], month, year, today)
        if year:
            return _calendar(int(year), month, 1)
        first = date(today.year, month, 1)
        if first > today or last and month == today.month:
            first = date(today.year - 1, month, 1)
        return first

    def _dated(self, day: int, month: int, year: str | None, today: date) -> date:
        if year is None:
            return _checked(self._most_recent(day, month, today), today)
        full = int(year)
        if len(year) == 2:
            full += 2000 if 2000 + full <= today.year else 1900
        return _checked(_calendar(full, month, day), today)

    @staticmethod
    def _most_recent(day: int, month: int | None, today: date) -> date:
        """The latest real date with this day (and month) not after today."""
        for back in range(YEARLESS_LOOKBACK_YEARS * 12 + 1):
            y, m = divmod(today.year * 12 + today.month - 1 - back, 12)
            if month is not None and m + 1 != month:
                continue
            try:
                candidate = date(y, m + 1, day)
            except ValueError:
                continue
            if candidate <= today:
                return candidate
        raise AnswerError("date_calendar")

    # ------------------------------------------------------------ ages and weights

    def read_age(self, text: str) -> int:
        """A patient's age in whole years: "54", "I'm 54", "fifty-four", "aged 54 yrs",
        "18 months" (1).  A baby's months, weeks or days count in whole years."""
        raw = casefold(text)
        if re.match(r"-\s*\d", raw):
            raise AnswerError("age_negative")
        words = _drop(_drop(_WORD.findall(fold(raw)), self.hedges), self.age_fillers)
        found = self.number(words, 0)
        if found is None:
            raise AnswerError("age_reask")
        years, j = found
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
        raw = casefold(text)
        if re.match(r"-\s*\d", raw):
            raise AnswerError("weight_range")
        words = _drop(_drop(_WORD.findall(fold(raw)), self.hedges), self.weight_fillers)
        found = self.number(words, 0)
        if found is None:
            raise AnswerError("weight_reask")
        value, j = found
        unit = words[j] if j < len(words) else "kg"
        if unit not in self.weight_units:
            raise AnswerError("weight_reask")
        kilograms, j = value * self.weight_units[unit], j + 1
        if j < len(words) and self.weight_units[unit] > 6:  # "11 stone 4": the pounds after the stones
            more = self.number(words, j)
            if more is None or words[more[1]:] not in ([], ["lb"], ["lbs"], ["pound"], ["pounds"]):
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
        words, found, i = _WORD.findall(fold(text)), set(), 0
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

    def find_date(self, text: str, today: date) -> date | None:
        """The one day a longer message dates itself to, or None: "my ears have been
        ringing since yesterday" -> yesterday; "for 3 days" -> 3 days ago.  Only a
        phrase with a month, a weekday, a day word or "ago" counts (not "10 mg")."""
        words = _WORD.findall(fold(text))
        dating = set(self.months) | set(self.weekdays) | {w for p in self.days_before for w in p.split()} \
            | {w for p in self.ago for w in p}
        found = set()
        for i, w in enumerate(words):
            if w in self.spans and (span := self.number(words, i + 1, article=True)) and span[1] < len(words) \
                    and words[span[1]] in self.units:  # "for 3 days"
                found.add(today - timedelta(days=round(span[0] * self.units[words[span[1]]])))
                continue
            if w not in dating:
                continue
            for lo in range(max(0, i - 3), i + 1):
                for hi in range(i + 1, min(len(words), i + 3) + 1):
                    try:
                        found.add(self.read_date(" ".join(words[lo:hi]), today))
                    except AnswerError:
                        continue
        latest = {d for d in found if d <= today}
        return latest.pop() if len(latest) == 1 else None

    def find_frequency(self, text: str) -> str | None:
        """How often a message says the medicine is taken, as said: "I take it three
        times a day" -> "three times a day"; None when it does not say."""
        folded = fold(text)
        best = None
        for pattern in self.frequencies:
            m = pattern.search(folded)
            if m and (best is None or (m.start(), -len(m.group())) < (best.start(), -len(best.group()))):
                best = m
        return best.group() if best else None

    @staticmethod
    def split_medicines(text: str) -> list[str]:
        """Medicines named in one answer: "co-codamol 30/500 and diazepam" -> two,
        "ibuprofen/paracetamol" -> two; never split inside a name or a strength."""
        return [part.strip(" .") for part in _MEDICINE_SPLIT.split(text) if part and part.strip(" .")]


def _calendar(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise AnswerError("date_calendar") from None


def _checked(value: date, today: date) -> date:
    if value > today:
        raise AnswerError("date_future")
    if value.year < EARLIEST_YEAR:
        raise AnswerError("date_too_early", year=EARLIEST_YEAR)
    return value


# ---------------------------------------------------------------- loading

def answer_words(knowledge: Knowledge) -> AnswerWords:
    """The answer words of a loaded knowledge folder (its own file, else the built-in one)."""
    data, where = knowledge.answer_words, str(Path(knowledge.folder) / ANSWER_WORDS_FILE)
    if not data:
        data, where = dict(load_knowledge(default_folder()).answer_words), str(default_folder() / ANSWER_WORDS_FILE)
    return read_answer_words(data, where, knowledge)


def load_answer_words(folder: str | Path | None = None) -> AnswerWords:
    """The answer words of a knowledge folder (the built-in one by default)."""
    return answer_words(load_knowledge(folder if folder is not None else default_folder()))


def read_answer_words(data: Mapping[str, Any], where: str, knowledge: Knowledge) -> AnswerWords:
    """Validate an ``[answer_words]`` file, naming the file, the key and the valid keys."""
    top = Record(dict(data), where)
    rec = top.table("answer_words")
    rec.text("language")
    lang = knowledge.language
    numbers = {tuple(_WORD.findall(fold(k))): v for k, v in lang.amounts["numbers"].items()}
    age, weight = rec.table("age"), rec.table("weight")
    words = AnswerWords(
        numbers=numbers, hedges=_phrases(rec.words("hedges", required=True)),
        date_fillers=_phrases(rec.words("date_fillers", required=True)),
        day_parts=_phrases(rec.words("day_parts", required=True)),
        last=frozenset(rec.words("last", required=True)), this=frozenset(rec.words("this", required=True)),
        ago=_phrases(rec.words("ago", required=True)), units=_numbers_of(rec, "units", int),
        days_before=_numbers_of(rec, "days_before", int),
        months=_numbers_of(rec, "months", int), weekdays=_numbers_of(rec, "weekdays", int),
        age_fillers=_phrases(age.words("fillers", required=True)), age_units=_numbers_of(age, "units", int),
        weight_fillers=_phrases(weight.words("fillers", required=True)),
        weight_units=_numbers_of(weight, "units", float),
        sexes=_labelled(rec, "sex", ("female", "male", "other", "unknown")),
        outcomes=_labelled(rec, "outcome", ("recovered", "recovering", "not_recovered", "unknown")),
        yes_no=YesNoReader(lang.answers, lang.classes.get("number", ())),
        spans=frozenset(rec.words("spans", required=True)),
        frequencies=tuple(_frequency(p, numbers) for p in rec.words("frequencies", required=True)),
    )
    age.done()
    weight.done()
    rec.done()
    top.done()
    _check_ranges(words, where)
    return words


def _frequency(phrase: str, numbers: Mapping[tuple[str, ...], int]) -> re.Pattern[str]:
    """A frequency phrase as a pattern: "#" is a number in digits or words."""
    number = "|".join(sorted((" ".join(k) for k in numbers if len(k) == 1), key=len, reverse=True))
    parts = [rf"(?:\d+|{number})" if w == "#" else re.escape(w) for w in fold(phrase).split()]
    return re.compile(r"\b" + r"\s+".join(parts) + r"\b")


def _check_ranges(words: AnswerWords, where: str) -> None:
    for name, value in words.months.items():
        if not 1 <= value <= 12:
            raise KnowledgeError(f"{where} [answer_words.months]: {name!r} must be 1 to 12, not {value}")
    for name, value in words.weekdays.items():
        if not 0 <= value <= 6:
            raise KnowledgeError(f"{where} [answer_words.weekdays]: {name!r} must be 0 (Monday) to 6, not {value}")
    for table, values in (("units", words.units), ("age.units", words.age_units),
                          ("weight.units", words.weight_units)):
        for name, value in values.items():
            if value <= 0:
                raise KnowledgeError(f"{where} [answer_words.{table}]: {name!r} must be above 0, not {value}")
