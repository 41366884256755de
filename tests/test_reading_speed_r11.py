"""Round 11 reading speed-ups: the same answers, with the work on a long message kept small."""
from __future__ import annotations

from triage_bot.reading import amounts, clauses
from triage_bot.triager import load_triager

TRIAGER = load_triager()
LEXICON = TRIAGER.lexicon


class _CountedText(str):
    """A text that counts the characters read from it one at a time."""
    reads = 0

    def __getitem__(self, key):
        type(self).reads += 1
        return str.__getitem__(self, key)


class _CountedList(list):
    """A list that counts the items read from it one at a time."""
    reads = 0

    def __getitem__(self, key):
        type(self).reads += 1
        return list.__getitem__(self, key)


def test_a_question_is_found_without_reading_the_sentence_char_by_char():
    text = "is it normal to feel " + "really " * 3000 + "sleepy?"
    toks = LEXICON.tokenize(text)
    counted = _CountedText(text)
    _CountedText.reads = 0
    assert clauses.in_question(counted, toks, 0)
    assert _CountedText.reads < 10
    assert not clauses.in_question("I feel sleepy. is it ok?", LEXICON.tokenize("I feel sleepy. is it ok?"), 1)
    assert clauses.in_question("I feel sleepy. is it ok?", LEXICON.tokenize("I feel sleepy. is it ok?"), 4)
    assert not clauses.in_question("no mark at all", LEXICON.tokenize("no mark at all"), 0)


def test_a_regimen_sentence_is_read_without_numbering_every_token_again():
    text = "I slept well. " * 2000 + "I take 2 a day as prescribed. " + "I slept well. " * 2000
    toks = LEXICON.tokenize(text)
    numbers = amounts._sentences(toks)
    at = next(i for i, t in enumerate(toks) if t.norm == "2")
    counted = _CountedList(numbers)
    _CountedList.reads = 0
    assert amounts._regimen_sentence(toks, at, counted, LEXICON)
    assert _CountedList.reads < 100
    assert not amounts._regimen_sentence(toks, 0, numbers, LEXICON)


def test_a_pattern_with_a_count_is_not_tried_in_a_message_without_a_number(monkeypatch):
    from triage_bot.reading import scan

    tried = []
    real = scan._match_pattern

    def counted(steps, tokens, i, s=0):
        tried.append(steps)
        return real(steps, tokens, i, s)

    monkeypatch.setattr(scan, "_match_pattern", counted)
    LEXICON._scan = None  # a fresh index, built with the counting matcher in place
    try:
        for text in ("I have been taking it in the morning", "I have been taking 3 in the morning"):
            tried.clear()
            scan.scan(LEXICON.tokenize(text), LEXICON)
            with_count = [steps for steps in tried if any(step[0] == "num" for step in steps)]
            if any(ch.isdigit() for ch in text):
                assert with_count  # (a count step is still tried where a number stands)
            else:
                assert not with_count
    finally:
        LEXICON._scan = None
