"""Amounts and regimens: how much of the drug was taken, against its dose limits.

"I swallowed about twenty of them" is more than a day's maximum at once (an
overdose cue); "my doctor said take 4 a day" is a regimen; "taking it 5
days" is a duration, never an amount.
"""
from __future__ import annotations

from .tokens import MAX_NUMBER_DIGITS, NO_BREAK, SENTENCE, Token

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .lexicon import Lexicon


# How far an amount may stand from its verb ("took about twenty of her tablets"),
# and how far a regimen word from the amount ("4 tablets a day").
AMOUNT_VERB_REACH = 5
REGIMEN_REACH = 6


def _amount_at(tokens: list[Token], i: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A count at token ``i`` and the index after it: "twenty", "12", "a dozen", "a couple"."""
    norm = tokens[i].norm
    if norm.isdecimal() and len(norm) <= MAX_NUMBER_DIGITS:
        return int(norm), i + 1
    for words, value in lexicon.quantities.get(norm, ()):
        if tuple(t.norm for t in tokens[i:i + len(words)]) == words:
            return value, i + len(words)
    return None


# A bare four-digit count in this range is a year: "took it back in 2019".
YEARS = range(1900, 2101)


def read_amounts(tokens: list[Token], lexicon: Lexicon) -> list[tuple[str, int, int, str]]:
    """Counts of tablets or milligrams taken, judged against the drug's dose limits.

    "I swallowed about twenty of them" -> took_too_much; "my doctor said take 4
    a day" is a regimen within the label -> not_too_much; "taking it 5 days" is
    a duration, never an amount.  A regimen is never an overdose by itself:
    the monograph allows higher doses in some patients.
    """
    drug, found = lexicon.drug, []
    # More than a whole day's labelled maximum taken at once is an overdose.
    limit = drug.max_daily_mg or drug.max_dose_mg
    if not limit or not drug.strengths_mg:
        return found
    n = len(tokens)
    counted: set[int] = set()  # verbs whose count, with its unit, is read
    for i in range(n):
        read = _amount_at(tokens, i, lexicon)
        if read is None:
            continue
        value, after = read
        strength = _amount_at(tokens, after, lexicon) if after < n else None
        if strength and lexicon.amount_unit(tokens, strength[1]) == "mg":
            # "I took 5 20mg tablets": five of that strength
            value, after = value * strength[0], strength[1]
            unit = "mg"
        else:
            unit = lexicon.amount_unit(tokens, after)
        if unit == "duration" or value == 0:
            continue
        if unit is None and after < n and tokens[after].brk == NO_BREAK and tokens[after].norm not in lexicon.units["followers"]:
            continue  # "a few drinks", "two glasses": a count of something else
        if unit is None and (value in YEARS or (i > 0 and tokens[i - 1].norm in lexicon.units["times"])):
            continue  # "took one at 10", "since 2020": a clock time or a date
        verb = next((k for k in range(i - 1, max(-1, i - 1 - AMOUNT_VERB_REACH), -1)
                     if tokens[k + 1].brk == SENTENCE or tokens[k].norm in lexicon.ingest_verbs), None)
        if verb is None or tokens[verb].norm not in lexicon.ingest_verbs:
            continue
        if unit is None and verb in counted:
            continue  # "took 2 tablets around 11": the verb's count is told already
        if unit is not None:
            counted.add(verb)
        lo, hi = max(0, i - REGIMEN_REACH), min(n, after + REGIMEN_REACH)
        sentence = [k for k in range(lo, hi) if not any(tokens[m].brk == SENTENCE for m in range(min(k, i) + 1, max(k, i) + 1))]
        regimen = lexicon.regimen.find([tokens[k] for k in sentence])
        # A count of unknown strength is read at the largest: "took 5" may be 100 mg.
        mg = value if unit == "mg" else value * max(drug.strengths_mg)
        # "I take 40mg", "I was taking 30mg": the verb itself says a regimen
        regimen = regimen or tokens[verb].norm in lexicon.regimen_verbs
        kind = "not_too_much" if regimen else "took_too_much" if mg > limit else ""
        if kind:
            found.append((kind, verb, after, "amount"))
    return found
