"""Words of a patient's text with their offsets, folded the way the lexicon is.

``tokenize`` splits the text into words and notes where a sentence or clause
ends; ``normalise`` folds case, contractions and word endings, and is applied
the same way to the lexicon's phrases, so "Spasming" meets "spasms".
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..record import record

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Mapping

# Longest message we read; longer is refused, so cost stays bounded and linear.
MAX_TEXT_CHARS = 20_000
# Longer digit runs are not counts or readings (and int() refuses very long ones).
MAX_NUMBER_DIGITS = 6
# Words joined by a slash are a list when each has at least this many letters
# ("libido/tinnitus"); shorter ones are abbreviations (N/V, c/o, d/c).
SLASH_WORD_LEN = 4

# Words (with inner apostrophes, slashes, "&" and "+": "can't", "N/V", "N+V"), and
# the arrows nurses write for "increased" and "decreased" (see [texting]).
# Invisible characters pasted inside a word (a soft hyphen, zero-width space or
# joiner, a byte-order mark) join it: "diz\u00adzy" is one word, read as "dizzy".
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_UNSEEN = dict.fromkeys(map(ord, _INVISIBLE))
_TOKEN = re.compile(r"[^\W_]+(?:(?:['\u2019/&+%s]|-(?=[^\W\d_]))[^\W_]+)*|[\u2191\u2193]" % _INVISIBLE, re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?;\n]")
_CLAUSE_END = re.compile(r"[,:()\[\]\u2013\u2014]|\s-\s")
# "Nausea? No.", "SOB: denies" and "sleepiness - nope": a question mark, colon or
# dash before an answer.
_ASKED = re.compile(r"[?:\u2013\u2014]|\s-\s")
_VOWELS = set("aeiouy")
_CONTRACTIONS = (("n't", "nt"), ("'s", ""), ("'re", ""), ("'ve", ""), ("'ll", ""), ("'d", ""), ("'m", "m"))

# Boundaries before a token: none, a clause mark (comma, dash), a sentence end.
NO_BREAK, CLAUSE, SENTENCE = 0, 1, 2


@record
class Token:
    """A word of the patient's text: ``text[start:end] == raw``."""
    raw: str
    norm: str
    start: int
    end: int
    brk: int                              # boundary between this token and the one before
    asked: bool                           # a "?" or ":" stands between this token and the one before


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """Fold one word to the form the lexicon is indexed by.

    Lower case, curly apostrophes, contractions ("can't" -> "cant"), hyphens
    ("light-headed" -> "lightheaded"), then a light stemmer so that
    "spasms", "spasming" and "spasm" meet: ``normalise("Spasming") == "spasm"``.
    """
    w = word.lower().replace("\u2019", "'").replace("-", "")
    if not w.isascii():
        w = w.translate(_UNSEEN)
    if w == "cannot":
        return "cant"
    for suffix, repl in _CONTRACTIONS:
        if w.endswith(suffix) and len(w) > len(suffix):
            w = w[: -len(suffix)] + repl
            break
    w = w.replace("'", "")
    return _stem(w) if w.isalpha() else w


def _stem(w: str) -> str:
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        base = w[: -len(suffix)]
        if w.endswith(suffix) and len(base) >= 3 and _VOWELS & set(base):
            w = base
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if len(w) > 3 and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]
    # "note", "noted", "noting" would fold onto the denial "not" ("confusion noted" is seen,
    # not denied), and "made" onto "mad" ("going to the gym made me tired" is no "going
    # mad"): a longer word never folds onto a short word of another meaning
    return _NOT_A_DENIAL.get(w, w)


# Stems a longer word would share with a short word of another meaning (a denial,
# a feeling), and what they fold to instead.
_NOT_A_DENIAL = {"not": "note", "mad": "made"}


def tokenize(text: str, texting: Mapping[str, tuple[str, ...]] | None = None) -> list[Token]:
    """Split text into word tokens with offsets and the boundary before each.

    "no rash, but dizzy." -> no / rash / but (after a clause mark) / dizzy.
    With ``texting`` (the language's texting forms, already normalised), a
    texting word becomes the words it stands for, each spanning the original:
    "ran outta" -> ran / out / of.
    """
    tokens: list[Token] = []
    last = 0
    plain = _plain_words(texting)
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        raw = m.group()
        if start == last + 1 and text[last] == " ":  # most gaps: one space, no mark
            norm = plain.get(raw)
            if norm is not None:  # a word neither split nor expanded: its fold, memoised
                tokens.append(_new_tuple(Token, (raw, norm, start, end, NO_BREAK, False)))
                last = end
                continue
            brk, asked = NO_BREAK, False
        else:
            between = text[last:start]
            brk, asked = _break_of(between)
            if between.endswith("?") and _queried(text, between, start):
                # the nurse's "?OD", "?baclofen toxicity": a "?" against the word is "query"
                brk, asked = _break_of(between[:-1])
                tokens.append(Token("?", QUERY, start - 1, start, brk, asked))
                brk, asked = NO_BREAK, False
        parts = raw.split("/") if "/" in raw else None
        if parts and all(len(p) >= SLASH_WORD_LEN and p.replace("-", "").isalpha() for p in parts):
            # "desire/tinnitus/weight": a list written with slashes, one item a clause
            pos = start
            for k, part in enumerate(parts):
                tokens.append(Token(part, normalise(part), pos, pos + len(part), brk if k == 0 else CLAUSE,
                                    asked and k == 0))
                pos += len(part) + 1
            last = end
            continue
        expansion = texting.get(raw.lower()) if texting else None
        if expansion:
            for k, word in enumerate(expansion):
                tokens.append(Token(raw, word, start, end, brk if k == 0 else NO_BREAK, asked and k == 0))
        else:
            norm = normalise(raw)
            if len(plain) < _PLAIN_WORDS:
                plain[raw] = norm
            tokens.append(_new_tuple(Token, (raw, norm, start, end, brk, asked)))
        last = end
    return tokens


# Words met that are neither a slash list nor a texting form, with their folds, for each
# texting table in use (by its id, the table kept alive beside it); bounded.
_PLAIN: dict[int, tuple] = {}
_PLAIN_WORDS = 65536


def _plain_words(texting: Mapping[str, tuple[str, ...]] | None) -> dict[str, str]:
    """The memo of plain words' folds for ``texting`` (see ``_PLAIN``)."""
    entry = _PLAIN.get(id(texting))
    if entry is None or entry[0] is not texting:
        if len(_PLAIN) >= 8:
            _PLAIN.clear()
        entry = _PLAIN[id(texting)] = (texting, {})
    return entry[1]


# A Token is a record, a tuple: the tokenizer makes most of them without the record's
# Python-level __new__ (one call a word fewer), with the fields in their order.
_new_tuple = tuple.__new__


# The word a "?" written against the next word stands for ("?OD": query overdose).
QUERY = "query"


def _break_of(between: str) -> tuple[int, bool]:
    """The boundary a gap between two words makes, and whether it asks ("?", ":")."""
    brk = SENTENCE if _SENTENCE_END.search(between) else CLAUSE if _CLAUSE_END.search(between) else NO_BREAK
    return brk, bool(_ASKED.search(between))


def _queried(text: str, between: str, start: int) -> bool:
    """Whether a "?" stands against the word at ``start`` with a space or the text's
    start before it: the clinician's "?OD" (not "any rash?No", a question answered)."""
    return between.endswith("?") and (start == 1 or text[start - 2].isspace() or text[start - 2] in ",;(")


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """The normalised words of a lexicon phrase: "can't sleep" -> ("cant", "sleep")."""
    return tuple(t.norm for t in tokenize(phrase))
