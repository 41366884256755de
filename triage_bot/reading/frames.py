"""Frames: a sign said as a head and a qualifier in any order within one clause.

"breathing is hard", "a hard time breathing" and "my breath is very slow" are
one frame of troubled breathing (``knowledge/concepts/*.toml``).  A frame is
compiled once with the lexicon (``frame_rules.compile_frame``) and tried at every
word that can start its head.
"""
from __future__ import annotations

from .mentions import Candidate
from .tokens import CLAUSE, NO_BREAK, Token

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Iterable

    from .frame_rules import FrameRule
    from .lexicon import Lexicon

# A frame scores below a whole phrase, so "can't breathe through my nose" (a
# phrase) wins over "breathe ... can't" (a frame) where both match.
FRAME_SCORE = 90.0


def _phrase_at(words: list[tuple[str, float]], tokens: list[Token], i: int, phrase: tuple[str, ...],
               adverbs: frozenset[str] = frozenset()) -> int | None:
    """Index of the last token if ``phrase`` stands from token ``i`` with no break inside;
    one word of ``adverbs`` may stand between two of its words ("he just won't" is
    "he won't")."""
    at = i
    for k, want in enumerate(phrase):
        if k and at < len(tokens) and words[at][0] != want and words[at][0] in adverbs \
                and tokens[at].brk == NO_BREAK:
            at += 1
        if at >= len(tokens) or words[at][0] != want or (k and tokens[at].brk != NO_BREAK):
            return None
        at += 1
    return at - 1


def _head_end(phrases: tuple[tuple[str, ...], ...], words: list[tuple[str, float]], tokens: list[Token],
              i: int) -> int | None:
    """Index of the last token of the first (longest) head phrase standing at ``i``;
    a phrase of one word stands, its word being the one the rule was looked up by."""
    after = words[i + 1][0] if i + 1 < len(tokens) else None
    for phrase in phrases:
        if len(phrase) == 1:
            return i
        if phrase[1] != after:
            continue  # its second word is not the next word (no adverb may stand inside a head)
        end = _phrase_at(words, tokens, i, phrase)
        if end is not None:
            return end
    return None


def find_frames(tokens: list[Token], words: list[tuple[str, float]], lexicon: Lexicon,
                present: set[str] | None = None) -> Iterable[Candidate]:
    """Signs said as a head and a qualifier in any order within one clause:
    "breathing is hard", "hard time breathing", "my breath is very slow".
    ``present``: the message's words (``words``' first items), when the caller has them."""
    if present is None:
        present = {word for word, _score in words}
    frames = lexicon.frames
    for i in [i for i, (word, _score) in enumerate(words) if word in frames]:  # a word a head starts
        for rule in frames[words[i][0]]:
            if rule.with_.keys().isdisjoint(present):  # (a view against a set: the smaller is walked)
                continue  # no word of the message starts a qualifier of it
            head_last = _head_end(rule.head[words[i][0]], words, tokens, i)
            if head_last is None:
                continue
            # "my pee smells funny and is darker": a noun head is the subject of
            # both verbs joined by "and", so its frame runs on past the "and".
            noun = i == 0 or tokens[i].brk != NO_BREAK or words[i - 1][0] in lexicon.determiners  # or opening its clause
            # "the breathing of my wife is going very slow": the owner named after the head
            # (a learner's word order) stands outside the frame's reach
            owner = _owner_after(tokens, words, lexicon, head_last)
            crossing = lexicon.sequence if rule.joins else lexicon.sequence - lexicon.coordinators if rule.sequence \
                else frozenset()
            lo, hi = _clause_bounds(tokens, words, lexicon, i, head_last, rule.reach + owner, noun, crossing, rule.lists)
            if _vetoed(rule, tokens, words, lo, hi):
                continue
            best = _frame_qualifier(rule, tokens, words, lexicon, i, head_last, lo, hi, None)
            # "my mood and energy went down": a head joined to another noun shares
            # its predicate; the frame then stands at the head alone.  Only a head
            # that is a noun ("my mood", not "if I sat or lay down") is joined.
            if best is None and hi == head_last and head_last + 2 < len(tokens) and i > 0 \
                    and words[i - 1][0] in lexicon.determiners \
                    and words[head_last + 1][0] in lexicon.coordinators and tokens[head_last + 1].brk == NO_BREAK:
                joined = head_last + 1
                far = _clause_bounds(tokens, words, lexicon, joined + 1, joined + 1, rule.reach)[1]
                if not _vetoed(rule, tokens, words, joined, far):
                    best = _frame_qualifier(rule, tokens, words, lexicon, i, head_last, lo, far, joined)
                    if best:
                        best = (i, head_last) + best[2:]
            weight = 1.0
            if best is None:  # "my legs feel awful by teatime, really tight"
                far = _afterthought(rule, tokens, words, lexicon, i, lo, hi)
                if far > hi and not _vetoed(rule, tokens, words, lo, far):
                    best = _frame_qualifier(rule, tokens, words, lexicon, i, head_last, lo, far, None)
                    weight = AFTERTHOUGHT_WEIGHT  # a sign read within one clause wins over it
            if best:
                first, last, j, e = best
                used = list(range(i, head_last + 1)) + list(range(j, e + 1))
                score = weight * FRAME_SCORE * sum(words[k][1] for k in used) / (100.0 * len(used))
                yield Candidate(first, last, rule.target, score, len(used), max(0, last - first + 1 - len(used)),
                                 rule.source)


def _owner_after(tokens: list[Token], words: list[tuple[str, float]], lexicon: Lexicon, last: int) -> int:
    """How many words after a head at ``last`` name its owner: "of my wife" (3), "of him"
    (2), "of the patient" (3); else 0."""
    k = last + 1
    if k >= len(tokens) or words[k][0] != "of" or tokens[k].brk != NO_BREAK:
        return 0
    k += 1
    if k < len(tokens) and words[k][0] in lexicon.determiners and tokens[k].brk == NO_BREAK:
        k += 1
    people = lexicon.classes.get("someone", frozenset()) | lexicon.classes.get("child", frozenset()) \
        | lexicon.classes.get("third_person", frozenset()) | lexicon.classes.get("clause_openers", frozenset())
    if k < len(tokens) and tokens[k].brk == NO_BREAK and words[k][0] in people and words[k][0] != "it":
        return k - last
    return 0


# How many words a clause after a comma may hold and still be a qualifier only, and how
# a frame read across that comma scores against one read within a clause.
AFTERTHOUGHT_REACH = 5
AFTERTHOUGHT_WEIGHT = 0.95


def _afterthought(rule: FrameRule, tokens: list[Token], words: list[tuple[str, float]], lexicon: Lexicon,
                  head: int, lo: int, hi: int) -> int:
    """The last token of a clause after the comma that ends a head clause at ``hi``,
    when it holds a qualifier of ``rule`` and only degree words beside it and the head
    clause opens with the head (after its subject) and says nothing is well ("my legs feel
    awful by teatime, really tight"; not "breathing's fine, just slow", "the physio had me
    do breathing, very slow"); else ``hi``."""
    start = hi + 1  # the head clause's end, a few words past the frame's reach at most
    while start < len(tokens) and start - hi <= AFTERTHOUGHT_REACH and tokens[start].brk == NO_BREAK \
            and words[start][0] not in lexicon.frame_barriers:
        start += 1
    if start >= len(tokens) or tokens[start].brk != CLAUSE:
        return hi
    classes = lexicon.classes
    if any(words[k][0] in classes.get("afterthought_barriers", ()) for k in range(lo, start)):
        return hi
    k = head  # the head opens its clause, after its subject at most ("my legs ...", "when I look ...")
    while k > 0 and tokens[k].brk == NO_BREAK:
        k -= 1
        if words[k][0] not in lexicon.clause_openers | lexicon.determiners | classes.get("afterthought_openers", frozenset()):
            return hi
    degree = classes.get("afterthought_words", frozenset())
    qualifier_words = {w for phrases in rule.with_.values() for p in phrases for w in p}
    k, held, degreed = start, False, False
    while k < len(tokens) and (k == start or tokens[k].brk == NO_BREAK):
        existential = k > start and words[k - 1][0] in classes.get("afterthought_existential", ()) \
            and words[k][0] in classes.get("afterthought_copulas", ())  # "there are two of them"
        if k - start >= AFTERTHOUGHT_REACH or not (existential or words[k][0] in degree | qualifier_words):
            return hi
        held = held or words[k][0] in rule.with_
        degreed = degreed or words[k][0] in degree  # "really tight", "there are two": not "nothing is on"
        k += 1
    return k - 1 if held and degreed else hi


def _vetoed(rule: FrameRule, tokens: list[Token], words: list[tuple[str, float]], lo: int, hi: int) -> bool:
    """Whether a word of the frame's ``without`` stands within ``lo..hi``, or one of its
    phrases starts there."""
    for k in range(lo, hi + 1):
        if words[k][0] in rule.without:
            return True
        # a phrase that starts within reach vetoes even if it runs past it: "hit me like a truck"
        if rule.without_phrases and any(p[0] == words[k][0] and _phrase_at(words, tokens, k, p) is not None
                                        for p in rule.without_phrases):
            return True
    return False


def _frame_qualifier(rule: FrameRule, tokens: list[Token], words: list[tuple[str, float]], lexicon: Lexicon,
                     i: int, head_last: int, lo: int, hi: int,
                     joined: int | None) -> tuple[int, int, int, int] | None:
    """The nearest qualifier of ``rule`` for the head at ``i..head_last``, within
    ``lo..hi`` (after ``joined`` when the head is joined to another noun):
    (first, last, qualifier start, qualifier end)."""
    best = None
    for j in range(lo if joined is None else joined + 1, hi + 1):
        if i <= j <= head_last:
            continue
        for p in rule.with_.get(words[j][0], ()):
            e = _phrase_at(words, tokens, j, p, lexicon.phrase_adverbs)
            if e is None or e > hi or (j < i and e >= i):
                continue
            first, last = min(i, j), max(head_last, e)
            between = [k for k in range(first + 1, last) if not (i <= k <= head_last or j <= k <= e)]
            denied = any(words[k][0] in lexicon.denial_words for k in between)
            if denied != rule.denied:
                continue  # "breathing is not slow"; but "eyes don't line up" wants its denial
            if best is None or last - first < best[1] - best[0]:
                best = (first, last, j, e)
    return best


def _clause_bounds(tokens: list[Token], words: list[tuple[str, float]], lexicon: Lexicon,
                   first: int, last: int, reach: int, noun: bool = False,
                   crossing: frozenset[str] = frozenset(), lists: bool = False) -> tuple[int, int]:
    """The tokens a frame may use around ``first..last``: within ``reach``, never
    across a clause or sentence mark or a barrier word ("while"; "and", "or" and
    "then" too unless the frame crosses them, ``crossing``: "blacked out and bit my
    tongue", even past a comma before one: "went stiff, then jerking"); after a
    ``noun`` head, a coordinator followed by a verb with no new subject ("and is
    darker", "and looks brown") is crossed; a frame that ``lists`` its parts crosses a bare
    comma too ("she zoned out, lips smacking")."""
    barriers = lexicon.frame_barriers - crossing

    def crossed(k: int) -> bool:
        return tokens[k].brk == NO_BREAK or (tokens[k].brk == CLAUSE and (lists or words[k][0] in crossing))
    lo = first
    while lo > 0 and first - lo < reach and crossed(lo) and words[lo - 1][0] not in barriers:
        lo -= 1
    hi = last
    # a noun head said again by a pronoun after its comma: "his breathing, it's very shallow"
    resumed = noun and last + 1 < len(tokens) and tokens[last + 1].brk == CLAUSE and words[last + 1][0] in lexicon.head_pronouns
    while hi + 1 < len(tokens) and hi - last < reach and (crossed(hi + 1) or (resumed and hi == last)):
        word = words[hi + 1][0]
        if word in barriers and not (
                noun and word in lexicon.coordinators and hi + 2 < len(tokens) and tokens[hi + 2].brk == NO_BREAK
                and (words[hi + 2][0] in lexicon.shared_subject_verbs or words[hi + 2][0] in lexicon.head_pronouns)):
            break
        hi += 1
    return lo, hi
