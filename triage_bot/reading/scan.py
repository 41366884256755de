"""The pattern sets read over a whole message, scanned in one pass: the
comparisons and dose changes of ``[amounts]``, the ``[[context]]`` cues and the
scope cues (negation, hypothetical, historical, the ConText categories).

Each PatternSet indexes its patterns by their first word; here those indexes
are merged, word by word as a message first holds the word, into a small word
trie: under the first word, the patterns whose second step is a word are
indexed again by that word, so at each token only the patterns its next token
continues are tried ("ran" tries "ran out ..." only before "out"), and those
whose second step is a gap by the word after it, looked up in the gap's reach
("took ... {drug}" only where a word of {drug} follows within it).  What each
set finds, and in what order, is what its own ``PatternSet.find`` gives.
"""
from __future__ import annotations

from .patterns import _NUMBER_STARTS, _match_pattern
from .tokens import SENTENCE

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Iterable

    from .lexicon import Lexicon
    from .patterns import PatternSet
    from .tokens import Token

# The sets scanned together, as lexicon attributes, in the order ``scan`` returns their matches.
SCANNED = ("compare", "changes", "context", "cues")
# A first word's entry is built once; past this many words met the memo starts again
# (a long-running server meets ever new typos).
_MEMO_WORDS = 50_000
# Patterns tried wherever they match (not by a first word) sort after the indexed ones.
_ANYWHERE = 1 << 20
# A word not met yet (its entry may be None: it starts no pattern).
_UNSEEN = object()
# Held among a message's words when one of them can be a count ("4", "~20", "twenty"): a
# pattern with a count step needs it, as it needs a word of each of its word steps
# ("took #2+ ...", said at every "took", is tried only in a message that has a number).
_COUNTED = "\x00#"
_NEEDS_COUNT = (frozenset([_COUNTED]),)


class Scanner:
    """The merged first-word index of several pattern sets (see the module's doc)."""

    def __init__(self, sets: tuple[PatternSet, ...]) -> None:
        self.sets = sets
        self.words: dict[str, tuple | None] = {}
        anywhere = [(slot, _ANYWHERE + k, label, pattern) for slot, ps in enumerate(sets)
                    for k, (label, pattern) in enumerate(ps.anywhere)]
        # most tokens are no number: the patterns that start with one are tried only at one,
        # and indexed by their later words as the others are
        self.numeric = _index([a for a in anywhere if a[3].steps[0][0] == "num"])
        self.other = [a + (a[3].needs,) for a in anywhere if a[3].steps[0][0] != "num"]

    def entry(self, word: str) -> tuple | None:
        """The patterns ``word`` starts, indexed (see ``_index``), or None."""
        words = self.words
        if len(words) >= _MEMO_WORDS:
            words.clear()
        found = words[word] = _index([(slot, k, label, pattern) for slot, ps in enumerate(self.sets)
                                      for k, (label, pattern) in enumerate(ps.by_word.get(word, ()))])
        return found

    def scan(self, tokens: list[Token]) -> list[list[tuple[str, int, int, str]]]:
        """Each set's (label, first token, end token, source) matches, as its own ``find`` gives them."""
        words, numeric, other = self.words, self.numeric, self.other
        norms = [tok.norm for tok in tokens]
        present = set(norms)
        if any(word[:1].isdigit() or word.startswith(_NUMBER_STARTS) for word in present):
            present.add(_COUNTED)
        hits: list = []  # (token, set, order in the set, label, end, source)
        count = len(tokens)
        stops = _sentence_stops(tokens)
        for i, tok in enumerate(tokens):
            norm = tok.norm
            entry = words.get(norm, _UNSEEN)
            if entry is _UNSEEN:
                entry = self.entry(norm)
            if entry is not None:
                # indexed by its first word, a pattern's first step has matched already
                nexts, gapped, reach, rest = entry
                if nexts and i + 1 < count and tokens[i + 1].brk != SENTENCE:
                    followed = nexts.get(tokens[i + 1].norm)
                    if followed:
                        _try(followed, tokens, i, i + 2, 2, present, hits)
                if gapped:
                    rest = rest + _after_gap(gapped, reach, norms, i, stops)
                if rest:
                    _try(rest, tokens, i, i + 1, 1, present, hits)
            if numeric is not None and (norm[:1].isdigit() or norm.startswith(_NUMBER_STARTS)):
                nexts, gapped, reach, rest = numeric
                followed = nexts.get(tokens[i + 1].norm, ()) if i + 1 < count else ()
                _try(list(followed) + rest + _after_gap(gapped, reach, norms, i, stops), tokens, i, i, 0, present, hits)
            if other:
                _try(other, tokens, i, i, 0, present, hits)
        hits.sort(key=_order)  # by token, then in each set's own order
        out: list[list[tuple[str, int, int, str]]] = [[] for _ in self.sets]
        for i, slot, _k, label, end, source in hits:
            out[slot].append((label, i, end, source))
        return out


def _index(items: list[tuple]) -> tuple | None:
    """Patterns (set, order, label, pattern) of one first step, as (those by their second
    word, those by the word after their gap, the gaps' longest reach, the rest), each
    item (set, order, label, pattern, the word sets it still needs); None for none."""
    nexts: dict[str, list] = {}
    gapped: dict[str, list] = {}
    reach, rest = 0, []
    for slot, k, label, pattern in items:
        steps, needs = pattern.steps, pattern.needs
        counted = _NEEDS_COUNT if any(step[0] == "num" for step in steps[1:]) else ()
        if len(steps) > 1 and steps[1][0] == "set":
            # the second word is looked up, not tested: what is left to need is the later words
            item = (slot, k, label, pattern, counted + needs[1:])
            for nxt in steps[1][1]:
                nexts.setdefault(nxt, []).append(item)
        elif len(steps) > 2 and steps[1][0] == "gap" and steps[2][0] == "set":
            item = (slot, k, label, pattern, counted + needs)
            reach = max(reach, steps[1][1])
            for after in steps[2][1]:
                gapped.setdefault(after, []).append(item)
        else:
            rest.append((slot, k, label, pattern, counted + needs))
    return (nexts, gapped, reach, rest) if nexts or gapped or rest else None


def _after_gap(gapped: dict[str, list], reach: int, norms: list[str], i: int, stops: list[int]) -> list:
    """The patterns of an index (``_index``) for the token at ``i`` whose word after
    their gap stands within reach of it, before the next sentence (each once; in no
    particular order: ``scan`` sorts its hits)."""
    found: list = []
    stop = min(i + 2 + reach, stops[i])  # the gap never spans a sentence's start
    for word in set(norms[i + 1:stop]).intersection(gapped):
        items = gapped[word]
        found.extend(items if not found else [x for x in items if x not in found])
    return found


def _sentence_stops(tokens: list[Token]) -> list[int]:
    """For each token ``i``, where a gap after it ends: the first token from ``i + 2`` on
    that starts a sentence, or the count."""
    count = len(tokens)
    stops, start = [count] * count, count
    for k in range(count - 1, 1, -1):
        if tokens[k].brk == SENTENCE:
            start = k
        stops[k - 2] = start
    return stops


def _try(items: Iterable[tuple], tokens: list[Token], i: int, at: int, step: int, present: set[str],
         hits: list) -> None:
    """Match each pattern from its ``step`` at token ``at`` (the pattern starting at ``i``), if
    the message holds a word for each of its later word steps at all."""
    for slot, k, label, pattern, needs in items:
        for need in needs:
            if present.isdisjoint(need):
                break
        else:
            steps = pattern.steps  # a pattern matched by its words so far ("no") ends there, without a call
            end = at if step >= len(steps) else _match_pattern(steps, tokens, at, step)
            if end is not None:
                hits.append((i, slot, k, label, end, pattern.source))


def _order(hit: tuple) -> tuple[int, int, int]:
    return hit[0], hit[1], hit[2]


def scan(tokens: list[Token], lexicon: Lexicon) -> list[list[tuple[str, int, int, str]]]:
    """The matches of the sets of SCANNED over a message, in that order, in one pass."""
    scanner = getattr(lexicon, "_scan", None)
    if scanner is None:
        scanner = lexicon._scan = Scanner(tuple(getattr(lexicon, name) for name in SCANNED))
    return scanner.scan(tokens)
