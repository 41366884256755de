"""The pattern sets read over a whole message, scanned in one pass: the
comparisons and dose changes of ``[amounts]``, the ``[[context]]`` cues and the
scope cues (negation, hypothetical, historical, the ConText categories).

Each PatternSet indexes its patterns by their first word; here those indexes
are merged, word by word as a message first holds the word, into a small word
trie: under the first word, the patterns whose second step is a word are
indexed again by that word, so at each token only the patterns its next token
continues are tried ("ran" tries "ran out ..." only before "out").  What each
set finds, and in what order, is what its own ``PatternSet.find`` gives.
"""
from __future__ import annotations

from .patterns import _NUMBER_STARTS, _match_pattern
from .tokens import SENTENCE

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
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


class Scanner:
    """The merged first-word index of several pattern sets (see the module's doc)."""

    def __init__(self, sets: tuple[PatternSet, ...]) -> None:
        self.sets = sets
        self.words: dict[str, tuple | None] = {}
        anywhere = [(slot, _ANYWHERE + k, label, pattern) for slot, ps in enumerate(sets)
                    for k, (label, pattern) in enumerate(ps.anywhere)]
        # most tokens are no number: the patterns that start with one are skipped at once there
        self.numeric = [a for a in anywhere if a[3].steps[0][0] == "num"]
        self.other = [a for a in anywhere if a[3].steps[0][0] != "num"]

    def entry(self, word: str) -> tuple | None:
        """The patterns ``word`` starts: (by the next word, the rest), or None."""
        words = self.words
        if len(words) >= _MEMO_WORDS:
            words.clear()
        nexts: dict[str, list] = {}
        rest = []
        for slot, ps in enumerate(self.sets):
            for k, (label, pattern) in enumerate(ps.by_word.get(word, ())):
                steps, needs = pattern.steps, pattern.needs
                if len(steps) > 1 and steps[1][0] == "set":
                    # the second word is looked up, not tested: what is left to need is the later words
                    item = (slot, k, label, pattern, needs[1:])
                    for nxt in steps[1][1]:
                        nexts.setdefault(nxt, []).append(item)
                else:
                    rest.append((slot, k, label, pattern, needs))
        found = words[word] = (nexts, rest) if nexts or rest else None
        return found

    def scan(self, tokens: list[Token]) -> list[list[tuple[str, int, int, str]]]:
        """Each set's (label, first token, end token, source) matches, as its own ``find`` gives them."""
        out: list[list[tuple[str, int, int, str]]] = [[] for _ in self.sets]
        words, numeric, other = self.words, self.numeric, self.other
        present = {tok.norm for tok in tokens}
        count = len(tokens)
        for i, tok in enumerate(tokens):
            norm = tok.norm
            hits = []
            entry = words[norm] if norm in words else self.entry(norm)
            if entry is not None:
                nexts, rest = entry
                following = tokens[i + 1] if i + 1 < count else None
                if nexts and following is not None and following.brk != SENTENCE:
                    for slot, k, label, pattern, needs in nexts.get(following.norm, ()):
                        for need in needs:  # the message holds a word for each later word step?
                            if present.isdisjoint(need):
                                break
                        else:
                            end = _match_pattern(pattern.steps, tokens, i + 2, 2)
                            if end is not None:
                                hits.append((slot, k, label, end, pattern.source))
                for slot, k, label, pattern, needs in rest:
                    for need in needs:
                        if present.isdisjoint(need):
                            break
                    else:
                        end = _match_pattern(pattern.steps, tokens, i + 1, 1)
                        if end is not None:
                            hits.append((slot, k, label, end, pattern.source))
            tried = other + numeric if numeric and (norm[:1].isdigit() or norm.startswith(_NUMBER_STARTS)) else other
            for slot, k, label, pattern in tried:
                end = _match_pattern(pattern.steps, tokens, i)
                if end is not None:
                    hits.append((slot, k, label, end, pattern.source))
            if len(hits) > 1:
                hits.sort(key=_order)
            for slot, _k, label, end, source in hits:
                out[slot].append((label, i, end, source))
        return out


def _order(hit: tuple) -> tuple[int, int]:
    return hit[0], hit[1]


def scan(tokens: list[Token], lexicon: Lexicon) -> list[list[tuple[str, int, int, str]]]:
    """The matches of the sets of SCANNED over a message, in that order, in one pass."""
    scanner = getattr(lexicon, "_scan", None)
    if scanner is None:
        scanner = lexicon._scan = Scanner(tuple(getattr(lexicon, name) for name in SCANNED))
    return scanner.scan(tokens)
