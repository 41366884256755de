"""Dates and spans as patients give them: "since March", "about 8 months ago",
"yesterday morning", "20/11/2026" (day first), "2026-11-20T14:30Z"."""
from __future__ import annotations

import re
from datetime import date, timedelta

from .folding import WORD, AnswerError, casefold, drop, fold

EARLIEST_YEAR = 1900
# How far back a date without a year may reach to find a real 29 February.
YEARLESS_LOOKBACK_YEARS = 8
# Read from the answer before hyphens are folded: "2026-11-20T14:30:00Z", "2026/11/20".
_ISO = re.compile(r"(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                  r"(?:z|[+-]\d{2}:?\d{2})?)?(?![\d.])")
# "20/11/2026", "20/11", "20.11.2026", "20-11-26" (a year is needed with dots or
# hyphens: "3.5 weeks" is not 3 May).
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})(?:/(\d{1,2})(?:/(\d{4}|\d{2}))?|([.-])(\d{1,2})\4(\d{4}|\d{2}))"
                           r"(?![\d.])")
_ORDINALS = frozenset(("st", "nd", "rd", "th"))


class DateReading:
    """The date readers of :class:`~triage_bot.answers.words.AnswerWords`, which
    holds the words they use (months, weekdays, day words, units, hedges)."""

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
        joined = " ".join(WORD.findall(folded))
        for phrase in sorted(self.days_before, key=len, reverse=True):  # "last night", before "night" goes
            joined = re.sub(rf"\b{re.escape(phrase)}\b", phrase.replace(" ", "_"), joined)
        words = drop(drop(drop(joined.split(), self.hedges), self.day_parts), self.date_fillers)
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
        body = drop(words, self.ago)
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

    def find_date(self, text: str, today: date, spans_too: bool = True) -> date | None:
        """The one day a longer message dates itself to, or None: "my ears have been
        ringing since yesterday" -> yesterday; "for 3 days" -> 3 days ago.  Only a
        phrase with a month, a weekday, a day word or "ago" counts (not "10 mg"), and
        a date word that is also an everyday word ("it may be", "in the sun") only
        beside a number or after a word that introduces a date ("since May").
        Without ``spans_too`` a span ("for 3 days": how long) dates nothing."""
        words = WORD.findall(fold(text))
        dating = set(self.months) | set(self.weekdays) | {w for p in self.days_before for w in p.split()} \
            | {w for p in self.ago for w in p}
        spans: list[tuple[int, int, date]] = []
        for i, w in enumerate(words):
            if w in self.spans and spans_too:  # "for 3 days", "for the last 3 days"
                k = i + 1
                while k < len(words) and (words[k] == "the" or words[k] in self.last):
                    k += 1
                span = self.number(words, k, article=True)
                if span and span[1] < len(words) and words[span[1]] in self.units:
                    days = round(span[0] * self.units[words[span[1]]])
                    spans.append((i, span[1] + 1, today - timedelta(days=days)))
                    break
                continue
            if w not in dating or (w in self.everyday_dates and not self._introduced(words, i)):
                continue
            for lo in range(max(0, i - 3), i + 1):
                for hi in range(i + 1, min(len(words), i + 3) + 1):
                    try:
                        spans.append((lo, hi, self.read_date(" ".join(words[lo:hi]), today)))
                    except AnswerError:
                        continue
        # "since 3 May" is 3 May, not also 1 May: a reading inside a longer one gives way to it
        found = {d for lo, hi, d in spans
                 if not any(a <= lo and hi <= b and (a, b) != (lo, hi) for a, b, _d in spans)}
        latest = {d for d in found if d <= today}
        return latest.pop() if len(latest) == 1 else None

    def _introduced(self, words: list[str], i: int) -> bool:
        """Whether an everyday word at ``i`` is said as a date: beside a number
        ("3 may", "may 2025") or after a word that introduces one ("since may")."""
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        return before.isdigit() or after.isdigit() or before in self.date_leads or before in self.last \
            or before in self.this


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
