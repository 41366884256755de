"""Find the monograph's side effects in a patient's own words.

The method, as a chain of small steps over word tokens, a module each:

1. ``tokens``: the text split into words with their offsets, noting where a
   sentence or clause ends; ``normalise`` folds case, contractions and word
   endings, and is applied the same way to the lexicon (``lexicon``).
2. ``fuzzy``: words we do not know are corrected to the nearest lexicon word
   when they are one typo away ("dizzyness", "nausious") with rapidfuzz.
3. ``terms`` and ``frames``: lexicon terms as word sequences, allowing a couple
   of filler words ("pupils are really small"), never across a sentence, a
   comma or a cue; overlapping candidates resolved by score, then length,
   then fewer gaps.
4. ``cues`` and ``scope``: the scope cues are found in one pass (``cues``), and
   each surviving match is checked for negation ("no chest pain"),
   a following denial ("the rash has gone"), a hypothetical ("can it cause
   seizures?") and the other ConText categories.
5. ``context`` and ``amounts``: context cues ("ran out", "took too many") use
   the same tokens through a small pattern language (``patterns``) described
   in ``knowledge/en.toml``.

6. ``people``: whose each sign is (the writer's, a relative's, told as happening now).

``find.find_symptoms`` runs the chain and gives the records of ``mentions``.
"""
from .find import ANOTHER_CUE, NOW_CUE, WRITER_CUE, find_symptoms
from .lexicon import Lexicon
from .mentions import ContextMatch, Match
from .patterns import PatternSet, compile_pattern
from .tokens import CLAUSE, MAX_TEXT_CHARS, NO_BREAK, SENTENCE, Token, normalise, phrase_tokens, tokenize

__all__ = ["CLAUSE", "MAX_TEXT_CHARS", "NO_BREAK", "SENTENCE", "ContextMatch", "Lexicon", "Match", "PatternSet",
           "ANOTHER_CUE", "NOW_CUE", "Token", "WRITER_CUE", "compile_pattern", "find_symptoms", "normalise", "phrase_tokens", "tokenize"]
