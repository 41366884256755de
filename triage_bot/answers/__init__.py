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

from .folding import MAX_ANSWER_CHARS, AnswerError, casefold, find_phrases, fold, plain
from .loading import ANSWER_WORDS_FILE, answer_words, load_answer_words, read_answer_words
from .words import AnswerWords
from .yes_no import YesNoReader

__all__ = ["MAX_ANSWER_CHARS", "ANSWER_WORDS_FILE", "AnswerError", "AnswerWords", "YesNoReader", "answer_words",
           "casefold", "find_phrases", "fold", "load_answer_words", "plain", "read_answer_words"]
