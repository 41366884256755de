"""Two amounts compared: the amount taken against the prescribed one ("4 instead
of 1" is an overdose cue, "2 instead of 3" is not), and a dose changed ("down
from 3 to 2", "up from 1 to 3"): a prescriber's change is a regimen.
"""
from __future__ import annotations

from .amounts import (REGIMEN_REACH, YEARS, _count_and_unit, _counts_another, _is_supply, _sentences,
                      _stated_strengths, _verb_of)
from .tokens import NO_BREAK, SENTENCE, Token

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .lexicon import Lexicon


# How far before a comparison its first count may stand ("2 tablets a day instead of 3").
COMPARE_REACH = 6


def _count_before(tokens: list[Token], at: int, lexicon: Lexicon) -> tuple[int, tuple] | None:
    """The last count of the words before token ``at`` in its sentence, with no other
    count between: (its index, its reading)."""
    lo = at
    while lo > 0 and at - lo < COMPARE_REACH and tokens[lo].brk != SENTENCE:
        lo -= 1
    best, j = None, lo
    while j < at:
        read = _count_and_unit(tokens, j, lexicon)
        if read is not None and read[1] <= at:
            best, j = (j, read), read[1]
            continue
        j += 1
    return best


def _counts_doses(tokens: list[Token], i: int, read: tuple, lexicon: Lexicon, joined: int = -1) -> bool:
    """Whether a count read at ``i`` can be of doses: not days, a clock time, a year,
    nor a count of something else ("2 kids", "at 8", "2 boxes"); a comparison right
    after it at ``joined`` ("took 4 but I should take 1") follows a count of doses."""
    value, after, unit, _strength = read
    if unit == "duration" or value == 0:
        return False
    n = len(tokens)
    if unit is None and after < n and after != joined and tokens[after].brk == NO_BREAK \
            and tokens[after].norm not in lexicon.units["followers"] \
            and not any(k == 0 for _r, k, _e, _s in lexicon.regimen.find(tokens[after:after + REGIMEN_REACH])):
        return False  # "2 kids", but "2 a day" counts doses
    return not (unit is None and (value in YEARS or (i > 0 and tokens[i - 1].norm in lexicon.units["times"])))


def _in_mg(read: tuple, stated: int, fallback: int) -> int:
    value, _after, unit, strength = read
    return value if unit == "mg" else value * (strength or stated or fallback)


def _more(taken: tuple, usual: tuple, stated: int, lexicon: Lexicon) -> bool:
    """Whether the amount taken is more than the usual one.  Counts of one kind are set
    side by side; tablets against milligrams are read at the largest strength for the
    amount taken, the smallest for the usual (the safer way)."""
    strengths = lexicon.drug.strengths_mg
    if taken[2] == "mg" and usual[2] is None:
        return taken[0] > usual[0]  # "took 120mg instead of 60": the bare usual count is in mg too
    if (taken[2] == "mg") == (usual[2] == "mg"):
        return taken[0] * (taken[3] or 1) > usual[0] * (usual[3] or 1) if taken[3] and usual[3] else taken[0] > usual[0]
    return _in_mg(taken, stated, max(strengths)) > _in_mg(usual, stated, min(strengths))


def _authored(tokens: list[Token], first: int, lexicon: Lexicon, last: int | None = None) -> bool:
    """Whether a prescriber made the change told from token ``first`` on: a prescriber or
    a regimen word before it in its sentence, after any contrast ("my gp told me to take
    3 instead of 2", but not "my gp said 1 but I took 3 instead of 1")."""
    lo = first
    while lo > 0 and tokens[lo].brk != SENTENCE and tokens[lo - 1].norm not in lexicon.contrast:
        lo -= 1
    before = tokens[lo:first if last is None else last]
    return any(tok.norm in lexicon.classes["prescriber"] for tok in before) or bool(lexicon.regimen.find(before))


def _dose_words(tokens: list[Token], first: int, end: int, reads: tuple, lexicon: Lexicon) -> bool:
    """Whether counts with no verb of taking are of doses: one names tablets or mg, a
    word for the medicine stands before them in the sentence ("my dose went down from
    3 to 2"), or a regimen word after them ("... to 3 a day"; not "I work from 9 to 5
    and take my baclofen")."""
    if any(read[2] in ("tablets", "mg") for read in reads):
        return True
    named, k = lexicon.classes["drug"] - lexicon.units["of_them"] - {"it"}, first
    while k > 0 and tokens[k].brk != SENTENCE:
        k -= 1
        if tokens[k].norm in named:
            return True
    after = [tok for k, tok in enumerate(tokens[end:end + REGIMEN_REACH]) if k == 0 or tok.brk == NO_BREAK]
    return bool(lexicon.regimen.find(after))


def _second_count(tokens: list[Token], at: int, lexicon: Lexicon) -> tuple[int, tuple] | None:
    """The count a comparison ending before ``at`` sets against: "instead of my usual 1"."""
    while at < len(tokens) and tokens[at].brk == NO_BREAK and tokens[at].norm in lexicon.compare_fillers:
        at += 1
    read = _count_and_unit(tokens, at, lexicon) if at < len(tokens) and tokens[at].brk != SENTENCE else None
    return (at, read) if read and _counts_doses(tokens, at, read, lexicon) else None


def read_comparisons(tokens: list[Token], lexicon: Lexicon,
                     matched: tuple[list, list] | None = None) -> list[tuple[str, int, int, str]]:
    """Two counts compared: the amount taken against the usual one.

    "I've been taking 4 instead of 1" -> took_too_much; "I take 2 a day instead
    of 3", "my dose went down from 3 to 2" -> not_too_much (a lower dose is no
    overdose, a reduction no stop); "the doctor told me to take 3 instead of 2"
    is the prescriber's change.  "2 kids instead of 3", "at 8 instead of 10"
    count no doses.  A cue spans from its verb to the second count, so it
    outweighs a shorter overdose cue inside it ("took 2 ... instead of").
    ``matched`` are the matches of ``lexicon.compare`` and ``lexicon.changes``, when the
    caller has them already (reading.scan).
    """
    compared, changed = matched if matched is not None else (lexicon.compare.find(tokens), lexicon.changes.find(tokens))
    found = []
    stated = None
    for _label, first, end, _source in compared:
        before, usual = _count_before(tokens, first, lexicon), _second_count(tokens, end, lexicon)
        if before is None or usual is None or not _counts_doses(tokens, before[0], before[1], lexicon, first):
            continue
        (i, taken), (k, usual) = before, usual
        verb = _verb_of(tokens, i, taken[2] is None, lexicon)
        if verb is None and not _dose_words(tokens, i, usual[1], (taken, usual), lexicon):
            continue
        if verb is not None and (_is_supply(tokens, verb, taken[1], lexicon) or _counts_another(tokens, i, taken[1], lexicon)):
            continue
        if stated is None:
            stated = _stated_strengths(tokens, lexicon)
        start = i if verb is None else verb
        more = _more(taken, usual, stated.get(_sentences(tokens)[i], 0), lexicon)
        found.append(("took_too_much" if more and not _authored(tokens, start, lexicon) else "not_too_much",
                      start, usual[1], "amount"))
    return found + _changes(tokens, lexicon, changed)


def _changes(tokens: list[Token], lexicon: Lexicon, changed: list) -> list[tuple[str, int, int, str]]:
    """A dose changed: "up from 1 to 3 a day", "cut to 2 from 3".  Fewer than before is
    no overdose; more is a regimen where a prescriber or a regimen word says so."""
    found = []
    for label, first, end, _source in changed:
        old_at, new_at = (first + 1, end - 1) if label == "from" else (end - 1, first + 1)
        old, new = _count_and_unit(tokens, old_at, lexicon), _count_and_unit(tokens, new_at, lexicon)
        if old is None or new is None or "duration" in (old[2], new[2]):
            continue
        stop = max(old[1], new[1])
        if not _dose_words(tokens, first, stop, (old, new), lexicon):
            continue  # "I work from 9 to 5"
        if not _more(new, old, 0, lexicon) or _authored(tokens, first, lexicon, min(len(tokens), stop + REGIMEN_REACH)):
            found.append(("not_too_much", first, stop, "amount"))
    return found
