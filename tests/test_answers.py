"""The one reader of free answers (triage_bot.answers): what patients type for a
date, an age, a weight, sex, outcome, yes / no and their medicines, as tables of
wording -> value; an answer that cannot be used names the line to say back."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage_bot.answers import MAX_ANSWER_CHARS, AnswerError, answer_words, load_answer_words

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture(scope="module")
def words(knowledge):
    return answer_words(knowledge)


def refused(read, text: str, **kw) -> str:
    with pytest.raises(AnswerError) as raised:
        read(text, **kw)
    return raised.value.key


# ---------------------------------------------------------------- dates

DATES = [
    ("2026-11-20", date(2026, 11, 20)),
    ("20/11/2026", date(2026, 11, 20)),
    ("20.11.2026", date(2026, 11, 20)),
    ("20-11-2026", date(2026, 11, 20)),
    ("05/11/2026", date(2026, 11, 5)),  # day first: 5 November, not 11 May
    ("11/20/2026", date(2026, 11, 20)),  # 20 cannot be a month, so month first
    ("20/11/26", date(2026, 11, 20)),
    ("1/2/99", date(1999, 2, 1)),
    ("20 Nov 2026", date(2026, 11, 20)),
    ("20th of November, 2026", date(2026, 11, 20)),
    ("November 20 2026", date(2026, 11, 20)),
    ("Nov 20, 2026", date(2026, 11, 20)),
    ("Nov 20", date(2026, 11, 20)),
    ("20 sept", date(2026, 9, 20)),
    ("Dec 20", date(2025, 12, 20)),  # the most recent 20 December, not next month
    ("29 Feb", date(2024, 2, 29)),
    ("today", TODAY),
    ("  Yesterday. ", date(2026, 11, 24)),
    ("3 days ago", date(2026, 11, 22)),
    ("a day ago", date(2026, 11, 24)),
    ("two weeks ago", date(2026, 11, 11)),
    ("last week", date(2026, 11, 18)),
    ("last month", date(2026, 10, 26)),
    ("a month ago", date(2026, 10, 26)),
    ("2 years ago", date(2024, 11, 25)),
]


@pytest.mark.parametrize(("text", "expected"), DATES + [
    ("since March", date(2026, 3, 1)),
    ("back in March", date(2026, 3, 1)),
    ("last March", date(2026, 3, 1)),
    ("last November", date(2025, 11, 1)),       # this month's is not "last"
    ("March 2025", date(2025, 3, 1)),
    ("about 8 months ago", date(2026, 3, 30)),
    ("roughly three weeks ago", date(2026, 11, 4)),
    ("a couple of weeks ago", date(2026, 11, 11)),
    ("a few days ago", date(2026, 11, 22)),
    ("yesterday morning", date(2026, 11, 24)),
    ("since last night", date(2026, 11, 24)),
    ("this morning", TODAY),
    ("it started on Monday", date(2026, 11, 23)),
    ("last Wednesday", date(2026, 11, 18)),      # today is a Wednesday: the one before
    ("the 20th", date(2026, 11, 20)),
    ("the 28th", date(2026, 10, 28)),            # not yet this month
    ("2026-11-20T14:30:00Z", date(2026, 11, 20)),
    ("2026-11-20 09:15", date(2026, 11, 20)),
    ("3.5 weeks ago", date(2026, 11, 1)),        # not 3 May
    ("fifteen days ago", date(2026, 11, 10)),
])
def test_a_date_is_read_as_patients_type_it(words, text: str, expected: date) -> None:
    assert words.read_date(text, today=TODAY) == expected


@pytest.mark.parametrize(("text", "key"), [
    ("tomorrow", "date_future"), ("2027-01-01", "date_future"), ("26/11/2026", "date_future"),
    ("31/02/2026", "date_calendar"), ("13/13/2026", "date_calendar"), ("1850-06-01", "date_too_early"),
    ("banana", "date_reask"), ("", "date_reask"), ("20 Smarch 2026", "date_reask"),
    ("lots of days ago", "date_reask"), ("months ago", "date_reask"), ("march and april", "date_reask"),
])
def test_a_date_that_cannot_be_used_names_its_reask(words, text: str, key: str) -> None:
    assert refused(words.read_date, text, today=TODAY) == key


# ---------------------------------------------------------------- ages and weights

@pytest.mark.parametrize(("text", "expected"), [
    ("54", 54), ("54 years", 54), ("54 years old", 54), ("54yo", 54), ("54 y/o", 54), ("54 yrs", 54),
    ("Aged 54", 54), ("54.5", 54), ("0", 0), ("120", 120), ("6 months", 0), ("18 months old", 1),
    ("3 weeks", 0), ("10 days", 0),
    ("I'm 54", 54), ("she's fifty-four", 54), ("fifty four", 54), ("he is about 70", 70),
    ("ninety nine", 99), ("a hundred and two", 102), ("my mum is 83", 83), ("just turned 40", 40),
])  # fmt: skip
def test_an_age_is_read_in_whole_years(words, text: str, expected: int) -> None:
    assert words.read_age(text) == expected


@pytest.mark.parametrize(("text", "key"), [
    ("-5", "age_negative"), ("- 1 years", "age_negative"), ("121", "age_too_old"), ("999 years", "age_too_old"),
    ("54 stone", "age_reask"), ("", "age_reask"), ("1e3", "age_reask"), ("old enough", "age_reask"),
    ("two three", "age_reask"),
])  # fmt: skip
def test_an_age_that_cannot_be_used_names_its_reask(words, text: str, key: str) -> None:
    assert refused(words.read_age, text) == key


@pytest.mark.parametrize(("text", "expected"), [
    ("70", 70.0), ("70kg", 70.0), ("70.5 kilos", 70.5), ("70 Kilograms", 70.0), ("154 lb", 69.9),
    ("154lbs", 69.9), ("11 stone", 69.9), ("11st 4lb", 71.7), ("11 st 4", 71.7), ("3.2 kg", 3.2),
    ("about 11 stone", 69.9), ("roughly 11 stone 4", 71.7), ("she weighs around 60 kilos", 60.0),
    ("twelve and a half stone", 79.4), ("eleven stone", 69.9),
])  # fmt: skip
def test_a_weight_is_read_in_kilograms(words, text: str, expected: float) -> None:
    assert words.read_weight_kg(text) == expected


@pytest.mark.parametrize(("text", "key"), [
    ("0", "weight_range"), ("-70", "weight_range"), ("1000 kg", "weight_range"), ("heavy", "weight_reask"),
    ("70 m", "weight_reask"), ("11 stone 4 kg", "weight_reask"), ("", "weight_reask"),
    # the pounds after the stones are less than a stone: "11 stone 100" is a slip, not 115 kg
    ("11 stone 100", "weight_reask"), ("12 st 14 lb", "weight_reask"),
])  # fmt: skip
def test_a_weight_that_cannot_be_used_names_its_reask(words, text: str, key: str) -> None:
    assert refused(words.read_weight_kg, text) == key


# ---------------------------------------------------------------- words

@pytest.mark.parametrize(("text", "expected"), [
    ("F", "female"), ("Female", "female"), ("I'm a woman", "female"), ("male", "male"), ("he is a man", "male"),
    ("non-binary", "other"), ("Other", "other"), ("prefer not to say", "unknown"), ("don't know", "unknown"),
])  # fmt: skip
def test_sex(words, text: str, expected: str) -> None:
    assert words.read_sex(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("It's gone!", "recovered"), ("all better", "recovered"), ("getting better", "recovering"),
    ("better but not gone", "recovering"), ("still there", "not_recovered"), ("not better", "not_recovered"),
    ("worse", "not_recovered"), ("not_recovered", "not_recovered"), ("dunno", "unknown"), ("Not sure", "unknown"),
    ("still there but getting better", "recovering"), ("no longer a problem", "recovered"),
])  # fmt: skip
def test_outcome(words, text: str, expected: str) -> None:
    assert words.read_outcome(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Yes", "yes"), ("yeah!", "yes"), ("y", "yes"), ("it did", "yes"), ("No", "no"), ("nope", "no"),
    ("it didn't", "no"), ("not sure", "unknown"), ("I don’t know", "unknown"), ("can't remember", "unknown"),
    ("probably", "unknown"), ("I'm not", "no"), ("n", "no"),
])  # fmt: skip
def test_yes_no_unknown(words, text: str, expected: str) -> None:
    assert words.read_yes_no_unknown(text) == expected


def test_a_likely_yes_is_yes_to_a_safety_question_but_unknown_in_a_report(words) -> None:
    assert words.yes_no.yes_no("probably, I might have") == "yes"
    assert words.read_yes_no_unknown("probably") == "unknown"


@pytest.mark.parametrize(("text", "expected"), [
    ("co-codamol 30/500 and diazepam", ["co-codamol 30/500", "diazepam"]),
    ("ibuprofen/paracetamol, ramipril", ["ibuprofen", "paracetamol", "ramipril"]),
    ("sertraline 50 mg; omeprazole", ["sertraline 50 mg", "omeprazole"]),
])
def test_medicines_are_split_between_names_never_inside_one(words, text: str, expected: list) -> None:
    assert words.split_medicines(text) == expected


@pytest.mark.parametrize("read", ["read_sex", "read_outcome", "read_yes_no_unknown", "read_age",
                                  "read_weight_kg", "read_date"])
@pytest.mark.parametrize("text", ["banana", "???", "yes no", "\x1b[2J"])
def test_every_reader_refuses_nonsense_with_a_reask(words, read: str, text: str) -> None:
    with pytest.raises(AnswerError) as raised:
        getattr(words, read)(text)
    assert raised.value.key.endswith("reask")


@pytest.mark.parametrize("read", ["read_sex", "read_outcome", "read_yes_no_unknown", "read_age",
                                  "read_weight_kg", "read_date"])
def test_a_one_megabyte_answer_is_refused_politely(words, read: str) -> None:
    assert refused(getattr(words, read), "5" * 1_000_000) == "too_long"


def test_answer_length_limit_is_exactly_max_answer_chars(words) -> None:
    assert words.read_age(" " * (MAX_ANSWER_CHARS - 2) + "54") == 54
    assert refused(words.read_age, " " * (MAX_ANSWER_CHARS - 1) + "54") == "too_long"


ANSWERS = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"[0-9 ./\-a-z]{0,24}", fullmatch=True),
    st.from_regex(r"-?[0-9]{1,6}(\.[0-9]{1,3})? ?(days ago|weeks ago|st|lb|kg|years|months|/[0-9]{1,4})?",
                  fullmatch=True),
)


_WORDS: list = []


@settings(max_examples=300, deadline=None)
@given(text=ANSWERS)
def test_readers_only_ever_raise_answer_error(text: str) -> None:
    if not _WORDS:
        _WORDS.append(load_answer_words())
    words = _WORDS[0]
    for read in (words.read_age, words.read_weight_kg, words.read_sex, words.read_outcome,
                 words.read_yes_no_unknown):
        try:
            assert read(text) is not None
        except AnswerError as error:
            assert error.key
    try:
        assert words.read_date(text, today=TODAY) <= TODAY
    except AnswerError as error:
        assert error.key


@pytest.mark.parametrize(("text", "expected"), [
    ("my ears have been ringing since yesterday", date(2026, 11, 24)),
    ("the rash has been there for 3 days now", date(2026, 11, 22)),
    ("it began about two weeks ago", date(2026, 11, 11)),
    ("since March I get headaches most days", date(2026, 3, 1)),
    ("I take 10 mg and I feel dizzy", None),              # a strength is not a day
    ("started on Monday and worse since Friday", None),   # two days: not for a report to choose
    ("I have a rash", None),
    # "may" the verb is not May the month
    ("my ears have been ringing since yesterday and it may be getting worse", date(2026, 11, 24)),
    ("I may have started feeling dizzy last week", date(2026, 11, 18)),
    ("it may be nothing but I feel sick", None),
    ("the dizziness began in May", date(2026, 5, 1)),
    ("since 3 may my legs ache", date(2026, 5, 3)),
])
def test_a_longer_message_dates_itself_only_when_it_says_one_day(words, text: str, expected) -> None:
    assert words.find_date(text, today=TODAY) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("I take it three times a day and my legs ache", "three times a day"),
    ("one tablet at night", "at night"),
    ("20mg tds", "tds"),
    ("I have a rash", None),
    # a frequency the message denies is not how often it is taken
    ("I don't take it three times a day any more, just once a day", "once a day"),
    ("I never take it twice a day", None),
    ("not twice daily but at night", "at night"),
])
def test_a_message_says_how_often_it_is_taken(words, text: str, expected) -> None:
    assert words.find_frequency(text) == expected


def test_for_the_last_few_days_dates_the_start(words) -> None:
    assert words.find_date("it has been like this for the last 3 days", today=TODAY) == date(2026, 11, 22)
