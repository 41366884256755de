"""Round 9 speed-ups answer exactly as the slow paths they stand in for."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from triage_bot.answers import load_answer_words, plain
from triage_bot.answers.folding import fold
from triage_bot.dialogue import load_engine

WORDS = load_answer_words()

# Words the frequency phrases are made of, numbers, and everyday words around them.
VOCAB = ["once", "twice", "three", "2", "10", "times", "time", "a", "day", "per", "daily", "every",
         "hours", "at", "night", "each", "in", "the", "morning", "evening", "and", "week", "bd", "tds",
         "nocte", "i", "take", "it", "dont", "tablet", "dizzy", "not", "any", "more", "-", ",", "."]


def slow_patterns() -> list[re.Pattern[str]]:
    """Every frequency phrase compiled and tried, as before the word check."""
    return [re.compile(f._source) for f in WORDS.frequencies]


SLOW = slow_patterns()


def slow_without(text: str) -> str:
    folded = fold(text)
    for pattern in SLOW:
        folded = pattern.sub(lambda m: " " * len(m.group()), folded)
    return folded


def slow_find(text: str) -> str | None:
    folded = fold(text)
    best = None
    for pattern in SLOW:
        for m in pattern.finditer(folded):
            if WORDS._denied(folded[:m.start()]):
                continue
            if best is None or (m.start(), -len(m.group())) < (best.start(), -len(best.group())):
                best = m
            break
    return best.group() if best else None


def test_a_frequency_is_still_blanked_and_found():
    assert WORDS.find_frequency("I take one three times a day") == "three times a day"
    assert WORDS.without_frequencies("one tablet twice a day").split() == ["one", "tablet"]
    assert WORDS.find_frequency("I feel dizzy") is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=14))
def test_frequencies_read_only_where_their_words_are_say_what_every_pattern_says(words):
    text = " ".join(words)
    assert WORDS.without_frequencies(text) == slow_without(text)
    assert WORDS.find_frequency(text) == slow_find(text)


# ---------------------------------------------------------------- dating a sign back

ENGINE = load_engine()
MENDER = ENGINE.mender
_STATE = ENGINE.step(ENGINE.start()[0], "my son had a fit this morning")[0]
# a few words of the dating phrases (taken from the loaded words), and others around them
DATING = sorted({w for key in ("long_ago", "dated_openers") for p in MENDER.folded[key][:6] for w in p.split()})
AROUND = ["no", "it", "was", "years", "ago", "when", "he", "little", "but", "today", "fine", ",", ".", "/",
          "_", "\u2019", "I", "mean"]


def slow_dated_back(text: str) -> list:
    """Every clause tried, as before the whole-turn check."""
    if not _STATE.matches or MENDER._again(_STATE, text):
        return []
    padded = f" {plain(text)} "
    if any(f" {p} " in padded for p in MENDER.folded["dated_vetoes"]):
        return []
    for offset, clause in MENDER._clauses(text):
        folded = f" {plain(clause)} "
        if all(any(f" {p} " in folded for p in MENDER.folded[key]) for key in ("long_ago", "dated_openers")):
            return [m._replace(status="dated_back") for m in MENDER._pointed_at(clause, offset, text, _STATE, set())]
    return []


def test_a_sign_is_still_dated_back():
    said = "that was when he was little"
    assert [m.target for m in MENDER._dated_back(_STATE, said, [], False)] == ["overdose_cns.convulsions"]
    assert MENDER._dated_back(_STATE, "he is fine today", [], False) == []


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(DATING + AROUND), min_size=1, max_size=14))
def test_dating_back_read_only_where_the_turn_holds_its_words_says_what_every_clause_says(words):
    text = " ".join(words)
    got = [(m.target, m.status) for m in MENDER._dated_back(_STATE, text, [], False)]
    assert got == [(m.target, m.status) for m in slow_dated_back(text)]


# ---------------------------------------------------------------- yes / no with nothing skipped

READER = WORDS.yes_no
REPLIES = ["yes", "no", "nope", "not", "sure", "i", "dont", "think", "so", "maybe", "probably", "did", "never",
           "why", "do", "you", "ask", "2", "20", "took", ",", ".", "?", "dizzy", "a", "bit", "kind", "of"]
NOWHERE = [(10 ** 9, 10 ** 9 + 1)]  # a span no word is in: the reading that checks every word against it


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(REPLIES), min_size=1, max_size=10), st.booleans())
def test_a_reply_read_with_nothing_skipped_says_what_the_checked_reading_says(words, anchored):
    text = " ".join(words)
    assert READER.yes_no(text, (), anchored) == READER.yes_no(text, NOWHERE, anchored)
    assert READER.kinds(text, (), anchored) == READER.kinds(text, NOWHERE, anchored)


# ---------------------------------------------------------------- a question's own answer words

SETTLER = ENGINE.settler


def eager_reader(question_id: str):
    """The reader every question had made for it at start-up."""
    q = SETTLER.questions[question_id]
    return SETTLER.reader.with_words({"yes": q.yes_words, "no": q.no_words}) if q.yes_words or q.no_words \
        else SETTLER.reader


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(SETTLER.questions)), st.lists(st.sampled_from(REPLIES), min_size=1, max_size=8))
def test_a_question_read_with_the_reader_made_when_first_asked_answers_as_before(question_id, words):
    text = " ".join(words)
    assert SETTLER.reader_for(question_id).yes_no(text) == eager_reader(question_id).yes_no(text)
    assert SETTLER.reader_for(question_id).phrases == eager_reader(question_id).phrases


# ---------------------------------------------------------------- a JSON line walked only when it may be refused

import json  # noqa: E402

from triage_bot.jsonl import _check, parse_line  # noqa: E402

_TEXT = st.text(alphabet=st.sampled_from(["a", "é", "\ud800", "\udfff", "{", "[", "\\", "u", " ", "\"", "\n"]),
                max_size=6)
_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | _TEXT,
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
                       max_leaves=40)


def _nested(depth: int) -> dict:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return {"id": 1, "text": value}


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_TEXT, _VALUES, max_size=4), st.booleans())
def test_a_line_is_refused_exactly_when_walking_its_value_refuses_it(value, ascii_only):
    line = json.dumps(value, ensure_ascii=ascii_only)
    try:
        raw = line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate written as itself: not UTF-8, refused before
        return
    _ident, req, error = parse_line(raw)
    problem = _check(json.loads(line))
    assert (req is None) == (problem is not None)
    if problem:
        assert problem in error


def test_a_line_nested_past_the_limit_is_still_refused():
    assert parse_line(json.dumps(_nested(40)).encode())[1] is None
    assert parse_line(json.dumps(_nested(20)).encode())[1] is not None
