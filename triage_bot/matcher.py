"""The reading layer's first name: ``from triage_bot.matcher import find_symptoms`` still works.

The matcher is now the subpackage :mod:`triage_bot.reading`, one step of the
method a module (tokens, lexicon, patterns, fuzzy, frames, terms, scope,
context, amounts, find); import from there.
"""
from .reading import (  # noqa: F401
    CLAUSE, MAX_TEXT_CHARS, NO_BREAK, SENTENCE, ContextMatch, Lexicon, Match, PatternSet, Token, compile_pattern,
    find_symptoms, normalise, phrase_tokens, tokenize,
)

__all__ = ["CLAUSE", "MAX_TEXT_CHARS", "NO_BREAK", "SENTENCE", "ContextMatch", "Lexicon", "Match", "PatternSet",
           "Token", "compile_pattern", "find_symptoms", "normalise", "phrase_tokens", "tokenize"]
