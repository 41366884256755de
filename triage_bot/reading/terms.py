"""Candidates for what a message names: lexicon terms, frames and quoted readings.

Terms are found as word sequences allowing a couple of filler words ("pupils
are really small"), never across a sentence, a comma or a cue; readings under
the drug's thresholds ("BP was 88/50") are signs too.  Overlapping candidates
are resolved by score, then length, then fewer gaps.
"""
from __future__ import annotations

import re

from .frames import find_frames
from .lexicon import CONTEXT_TARGET
from .mentions import Candidate
from .tokens import MAX_NUMBER_DIGITS, NO_BREAK, Token

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Iterable

    from typing import Any

    from .lexicon import Lexicon, Term

# Filler words allowed between the words of a term, in one gap and in all.
MAX_GAP = 3
MAX_GAPS_TOTAL = 3
# A reading must follow its cue within this many words: "BP was 88/50".
MEASUREMENT_REACH = 3
# A reading told in words is under a hundred, and its time ("a minute") follows within this many words.
MAX_WORD_READING, RATE_REACH = 100, 5

_BP = re.compile(r"^(\d{2,3})/(\d{2,3})$")
# A number written against its rate or its scale: "resp 6/min", "GCS 7/15".
_PER = re.compile(r"^(\d{1,3})/(?:min|mins|minute|m|15)$")


def words_with_corrections(tokens: list[Token], lexicon: Lexicon) -> list[tuple[str, float]]:
    known, correct = lexicon.known, lexicon.correct
    return [(tok.norm, 100.0) if tok.norm in known  # most words are known
            else correct(tok.norm, tok.raw) or (tok.norm, 100.0) for tok in tokens]


def _extend(term: Term, words: list[tuple[str, float]], tokens: list[Token], i: int,
            lexicon: Lexicon) -> Candidate | None:
    """Match ``term`` starting at token ``i``, allowing short filler gaps."""
    pos, scores, gaps, holes = i, [words[i][1]], 0, []
    for want in term.words[1:]:
        for skip in range(MAX_GAP + 1):
            j = pos + 1 + skip
            if j >= len(tokens) or tokens[j].brk != NO_BREAK:
                return None
            if words[j][0] == want:
                break
            if (skip == MAX_GAP or tokens[j].norm in lexicon.cue_words or term.target is None
                    or words[pos][0] in lexicon.cue_words
                    or (tokens[j].norm in lexicon.coordinators and (j + 1 >= len(words) or words[j + 1][0] != want))):
                # Fixed phrases to ignore, and the word after a denial inside a term ("not
                # making sense"), take no filler; nor does a term reach past "and" into another
                # predicate ("can't sleep and feel anxious all the time" is no "sleeping all the
                # time"), though "and" right before its next word may stand ("twitching and tight").
                return None
        else:  # pragma: no cover - loop always breaks or returns
            return None
        gaps += skip
        holes.extend(range(pos + 1, j))
        if gaps > MAX_GAPS_TOTAL:
            return None
        scores.append(words[j][1])
        pos = j
    return Candidate(i, pos, term.target, sum(scores) / len(scores), len(term.words), gaps, term.source, tuple(holes))


def find_candidates(tokens: list[Token], words: list[tuple[str, float]], lexicon: Lexicon) -> list[Candidate]:
    found = []
    present = {word for word, _score in words}
    starts = getattr(lexicon, "_term_starts", None)
    if starts is None:
        starts = lexicon._term_starts = {}
    count = len(tokens)
    abbreviations = lexicon.abbreviations
    ends = _clause_ends(tokens)
    for i, tok in enumerate(tokens):
        abbr = abbreviations.get(tok.raw)
        if abbr:
            found.append(Candidate(i, i, abbr[0], 100.0, 1, 0, abbr[1]))
        word = words[i][0]
        entry = starts[word] if word in starts else _term_start(lexicon, starts, word)
        if entry is None:
            continue
        tried, by_second = entry
        if by_second:
            # a term's second word stands within a gap's reach, before any break: look the
            # next few words up instead of testing every term ("can't" starts some hundred)
            # (each group is in the lexicon's order, and two or more are sorted into it)
            # (a loop, not a set made and crossed for every word: most find no second word)
            seconds = None
            for j in range(i + 1, min(i + MAX_GAP + 2, count, ends[i])):
                second = words[j][0]
                if second in by_second:
                    if seconds is None:
                        seconds = [second]
                    elif second not in seconds:
                        seconds.append(second)
            if seconds:
                tried = tried + [t for w in seconds for t in by_second[w]]
                if len(seconds) > 1 or len(tried) > len(by_second[seconds[0]]):
                    tried.sort(key=_first)  # the lexicon's order, as before
        for _k, term, rest in tried:
            if rest and not present.issuperset(rest):
                continue  # a word of the term is not in the message at all
            cand = _extend(term, words, tokens, i, lexicon)
            if cand:
                found.append(cand)
    found.extend(_measurements(tokens, lexicon))
    found.extend(find_frames(tokens, words, lexicon, present))
    return found


def _clause_ends(tokens: list[Token]) -> list[int]:
    """For each token, the index of the next token after a break (or the count): a term's
    later words stand before it."""
    ends, end = [0] * len(tokens), len(tokens)
    for k in range(len(tokens) - 1, -1, -1):
        ends[k] = end
        if tokens[k].brk != NO_BREAK:
            end = k
    return ends


# A start word's terms are grouped once; past this many words met the memo starts again.
_MEMO_WORDS = 50_000


def _term_start(lexicon: Lexicon, starts: dict, word: str) -> tuple[list, dict] | None:
    """The terms ``word`` starts, in the lexicon's order, as (those of one word, those of
    more by their second word), each (order, term, its words after the second); or None."""
    if len(starts) >= _MEMO_WORDS:
        starts.clear()
    single, by_second = [], {}
    for k, term in enumerate(lexicon.terms.get(word, ())):
        if len(term.words) == 1:
            single.append((k, term, ()))
        else:
            by_second.setdefault(term.words[1], []).append((k, term, term.words[2:]))
    entry = starts[word] = (single, by_second) if single or by_second else None
    return entry


def _first(item: tuple) -> int:
    return item[0]


def _measurements(tokens: list[Token], lexicon: Lexicon) -> Iterable[Candidate]:
    """Quoted readings past the drug's thresholds: "BP was 88/50" is low, "RR 8" is slow,
    "sleeping 14 hours a day" is too long."""
    cues_at, units_at = lexicon.measurement_cues, lexicon.measurement_units
    for i in [i for i, tok in enumerate(tokens) if tok.norm in cues_at or tok.norm in units_at]:
        tok = tokens[i]  # only a word that starts a reading's cue or unit can start a reading
        for m, cue in cues_at.get(tok.norm, ()):
            if len(cue) > 1 and tuple(t.norm for t in tokens[i:i + len(cue)]) != cue:
                continue
            for j in range(i + len(cue), min(i + len(cue) + MEASUREMENT_REACH, len(tokens))):
                values = _reading(tokens[j].norm, m.reading) or _rate_in_words(tokens, j, m.reading, lexicon)
                last = j
                if values is None and m.reading == "pair" and j + 2 < len(tokens) \
                        and tokens[j + 1].norm in lexicon.reading_joiners and tokens[j].norm.isdecimal():
                    values = _reading(f"{tokens[j].norm}/{tokens[j + 2].norm}", "pair")  # "86 on 54"
                    last = j + 2
                if values is None:
                    continue
                if last + 2 < len(tokens) and tokens[last + 1].norm in lexicon.classes.get("reading_changes", ()) \
                        and tokens[last + 2].brk == NO_BREAK and _reading(tokens[last + 2].norm, m.reading) is not None:
                    last += 2  # "GCS dropped from 15 to 10": the reading it changed to
                    values = _reading(tokens[last].norm, m.reading)
                unit = lexicon.measurement_unit_of.get(m.name)
                if unit and (last + 1 >= len(tokens) or tokens[last + 1].norm != unit):
                    break  # "slept 14 hours": the number counts only before its unit
                last += 1 if unit else 0
                if any(v < limit for v, limit in zip(values, m.below)) \
                        or any(v > limit for v, limit in zip(values, m.above)):
                    yield Candidate(i, last, _target(m), 100.0, len(cue) + 1, j - i - len(cue), tokens[j].raw)
                break
        # a reading before its unit: "6 breaths a minute", "8 breaths/min"
        for m, unit in units_at.get(tok.norm, ()) if i > 0 and tok.brk == NO_BREAK else ():
            if tuple(t.norm for t in tokens[i:i + len(unit)]) != unit or any(
                    t.brk != NO_BREAK for t in tokens[i + 1:i + len(unit)]):
                continue
            values = _reading(tokens[i - 1].norm, m.reading) or _number_word(tokens[i - 1].norm, m.reading, lexicon)
            if values is not None and any(v < limit for v, limit in zip(values, m.below)):
                yield Candidate(i - 1, i + len(unit) - 1, _target(m), 100.0, len(unit) + 1, 0, tokens[i - 1].raw)


def _target(m: Any) -> str:
    """What a reading indicates: its sign, or its context kind ("GCS 8": a red flag)."""
    return m.target or CONTEXT_TARGET + m.context


def _number_word(norm: str, kind: str, lexicon: Lexicon) -> tuple[int, ...] | None:
    """A reading told in a number word ("six breaths a minute"): one word of [amounts.numbers]."""
    if kind != "number":
        return None
    value = next((v for words, v in lexicon.quantities.get(norm, ()) if len(words) == 1), None)
    return (value,) if value is not None and value < MAX_WORD_READING else None


def _rate_in_words(tokens: list[Token], j: int, kind: str, lexicon: Lexicon) -> tuple[int, ...] | None:
    """A number word after a reading's cue, read only as a rate told with its time ("breathing
    about four or five times a minute"), never a count of something else ("breaths and two tablets")."""
    values = _number_word(tokens[j].norm, kind, lexicon)
    units = lexicon.classes.get("rate_units", frozenset())
    for t in tokens[j + 1:j + 1 + RATE_REACH] if values is not None else ():
        if t.brk != NO_BREAK:
            return None
        if t.norm in units:
            return values
    return None


def _reading(norm: str, kind: str) -> tuple[int, ...] | None:
    if kind == "pair":
        pair = _BP.match(norm)
        return (int(pair.group(1)), int(pair.group(2))) if pair else None
    per = _PER.match(norm)
    if per:
        return (int(per.group(1)),)
    return (int(norm),) if norm.isdecimal() and len(norm) <= MAX_NUMBER_DIGITS else None


def resolve(cands: list[Candidate], tokens: list[Token] | None = None,
            linking: frozenset[str] = frozenset()) -> list[Candidate]:
    """Keep the best of overlapping candidates: score, then length, then fewer gaps;
    but a candidate that holds another within its span and matches more words says
    more than it ("arms and legs started jerking" is more than "legs jerking"), and
    so does one that matches as many and starts before another that opens on a
    linking verb (a word of ``linking``, looked up in ``tokens``): its first word is the subject the
    other lacks ("my breath is feeling very weak" is the breathing, not weakness;
    but "I thought my heart was racing" stays the heart)."""
    taken: set[int] = set()
    kept = []
    # Candidates by their first token: a span is short, so what may hold or end
    # inside another starts at most ``width`` tokens before it (linear in length).
    width = max((c.last - c.first for c in cands), default=0)
    starting: dict[int, list[Candidate]] = {}
    for c in cands:
        starting.setdefault(c.first, []).append(c)

    # what may hold c starts from c.last - width to c.first
    inner = {id(c) for c in cands for k in range(c.last - width, c.first + 1) for o in starting.get(k, ())
             if o.target is not None and o.first <= c.first
             and c.last <= o.last and (o.matched > c.matched or o.matched == c.matched and o.first < c.first
                                      and tokens is not None and tokens[c.first].norm in linking) and c.target != o.target}
    # A phrase to ignore vetoes a sign that ends inside it: "had a coughing fit" is
    # no seizure, though "had a fit" is longer than "coughing fit".  A sign whose
    # own words hold the whole phrase ("fits of rage", "my shoes don't fit") is a
    # term on purpose and stays.
    # (a phrase holding c.last starts within ``width`` before it: the phrases alone are looked at)
    ignored = [o for o in cands if o.target is None]
    if ignored:
        cands = [c for c in cands if c.target is None or not any(
            o.first <= c.last <= o.last and not (c.gaps == 0 and c.first <= o.first and c.last >= o.last)
            for o in ignored)]
    for c in sorted(cands, key=lambda c: (id(c) in inner, -c.score, -c.matched, c.gaps, c.first)):
        holes = _open_holes(c, starting, width) if c.holes else ()  # once, not for every token of c
        span = [k for k in range(c.first, c.last + 1) if k not in holes] if holes else range(c.first, c.last + 1)
        if taken.isdisjoint(span):
            taken.update(span)
            kept.append(c)
    return sorted(kept, key=lambda c: c.first)


def _open_holes(c: Candidate, starting: dict[int, list[Candidate]], width: int) -> set[int]:
    """The filler tokens of ``c`` another sign may still be read in: not those its own
    sign also claims ("my legs [floppy and] weak": "legs floppy" is weakness too, so
    the bare "floppy" of the overdose table is not read inside it)."""
    own = {k for j in range(c.first - width, c.last + 1) for o in starting.get(j, ())
           if o.target == c.target and o is not c for k in range(o.first, o.last + 1) if k not in o.holes}
    return set(c.holes) - own


def denials_first(cands: list[Candidate], words: list[tuple[str, float]], lexicon: Lexicon) -> list[Candidate]:
    """Read "no appetite loss" as a denial: a term that starts with a denial word
    ("no appetite") gives way to a term starting right after that word, or to a
    problem noun after it ("no appetite problems", "no energy issues")."""
    reach: dict[int, int] = {}
    for c in cands:
        if c.target is not None:
            reach[c.first] = max(reach.get(c.first, -1), c.last)
    return [c for c in cands if not (
        c.target is not None and c.last > c.first and words[c.first][0] in lexicon.cue_words
        and (reach.get(c.first + 1, -1) >= c.last
             or c.last + 1 < len(words) and words[c.last + 1][0] in lexicon.problem_nouns))]
