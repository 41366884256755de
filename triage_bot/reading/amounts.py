"""Amounts and regimens: how much of the drug was taken, against its dose limits.

"I swallowed about twenty of them" is more than a day's maximum at once (an
overdose cue); "my doctor said take 4 a day" is a regimen; "taking it 5
days" is a duration, never an amount; "I have 30 at home" and "the pharmacy
gave me 120" are a supply, never taken; "took 600 mg gabapentin" counts
another medicine.
"""
from __future__ import annotations

from .tokens import CLAUSE, MAX_NUMBER_DIGITS, NO_BREAK, SENTENCE, Token

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .lexicon import Lexicon


# How far an amount may stand from its verb ("took about twenty of her tablets"),
# and how far a regimen word from the amount ("4 tablets a day").
AMOUNT_VERB_REACH = 5
REGIMEN_REACH = 6
# How far after its count a medicine's name still names what was counted
# ("took 600 mg of gabapentin"), and a stock word says it is a supply ("30 tablets left").
BOUND_REACH = 5
STOCK_REACH = 2
# ... and how far an "at once" may stand after it: "three of them all together".
AT_ONCE_REACH = 4
# How far after a count "had" may a counting word or a second count of the same
# supply stand ("I had 20 this morning, I counted them", "... and now I have 19").
COUNTED_REACH = 12


def _amount_at(tokens: list[Token], i: int, lexicon: Lexicon, vague: bool = False) -> tuple[int, int] | None:
    """A count at token ``i`` and the index after it: "twenty", "12", "a dozen", "a couple";
    with ``vague``, also a count that names no number ("many", "lots of")."""
    norm = tokens[i].norm
    if norm.isdecimal() and len(norm) <= MAX_NUMBER_DIGITS:
        return int(norm), i + 1
    for words, value in lexicon.vague.get(norm, ()) if vague else lexicon.quantities.get(norm, ()):
        if tuple(t.norm for t in tokens[i:i + len(words)]) == words:
            return _tens_and_units(tokens, value, i + len(words), lexicon)
    return None


def _tens_and_units(tokens: list[Token], value: int, end: int, lexicon: Lexicon) -> tuple[int, int]:
    """A tens word and the unit word after it, one number: "thirty two" and "thirty-two" are 32
    (not 30, nor a count of two after it)."""
    if not (20 <= value <= 90 and value % 10 == 0) or end >= len(tokens) or tokens[end].brk != NO_BREAK:
        return value, end
    for words, unit in lexicon.quantities.get(tokens[end].norm, ()):
        if len(words) == 1 and 1 <= unit <= 9:
            return value + unit, end + 1
    return value, end


def _strength_at(tokens: list[Token], i: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A tablet strength at token ``i`` and the index after it: "20 mg", "20mg", "the 20s"."""
    if i >= len(tokens):
        return None
    norm = tokens[i].norm
    if norm.endswith("s") and norm[:-1].isdecimal() and len(norm) <= MAX_NUMBER_DIGITS:
        return int(norm[:-1]), i + 1  # "5 of the 20s"
    read = _amount_at(tokens, i, lexicon)
    if read and read[1] < len(tokens) and tokens[read[1]].norm in lexicon.units["mg"]:
        return read[0], read[1] + 1
    return None


def _of_strength(tokens: list[Token], after: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """ "12 of my 20mg", "5 of the 20s", "10 of the 5 mg ones": tablets of a stated strength."""
    n = len(tokens)
    if after + 2 >= n or tokens[after].norm != "of" or tokens[after + 1].norm not in lexicon.units["of_whose"]:
        return None
    read = _strength_at(tokens, after + 2, lexicon)
    if read is None:
        return None
    end = read[1]
    if end < n and tokens[end].brk == NO_BREAK and tokens[end].norm in lexicon.tablet_words:
        end += 1  # "of the 5 mg ones"
    return read[0], end


def _stated_strengths(tokens: list[Token], lexicon: Lexicon) -> dict[int, int]:
    """Per sentence, the drug strength the message names for its tablets: "(5mg ones)",
    "5 mg tablets", "of the 10 mg ones".  A count in that sentence is read at it."""
    stated: dict[int, int] = {}
    sentence, strengths = 0, set(lexicon.drug.strengths_mg)
    for i, tok in enumerate(tokens):
        if tok.brk == SENTENCE:
            sentence += 1
        read = _strength_at(tokens, i, lexicon)
        if read is None or not 0 < read[0] <= max(strengths):
            continue
        end = read[1]
        named = (tokens[i].norm.endswith("s") or (end < len(tokens) and tokens[end].norm in lexicon.units["tablets"])
                 or (i > 1 and tokens[i - 1].norm == "of" and tokens[i - 2].norm in lexicon.units["tablets"]))
        if named:
            stated[sentence] = max(stated.get(sentence, 0), read[0])
    return stated


def _counts_another(tokens: list[Token], i: int, after: int, lexicon: Lexicon) -> bool:
    """Whether the count names another medicine in its own noun phrase: "took 600 mg
    gabapentin", "my 100 mg tramadol", "took sertraline 100mg" (but not "took my
    sertraline and then 30 tablets", nor "30 with my sertraline")."""
    others, ours = lexicon.classes["other_drug"], lexicon.classes["drug"] - lexicon.units["of_them"]
    phrase = lexicon.determiners | lexicon.units["mg"] | {"of"}
    for k in range(after, min(len(tokens), after + BOUND_REACH)):
        if k > after and tokens[k].brk != NO_BREAK:
            break
        if tokens[k].norm in others:
            return True
        if tokens[k].norm in ours or not (tokens[k].norm in phrase or tokens[k].norm.isdecimal()):
            return False
    return i > 0 and tokens[i].brk == NO_BREAK and tokens[i - 1].norm in others


def _is_supply(tokens: list[Token], verb: int, after: int, lexicon: Lexicon) -> bool:
    """A count given to the speaker or kept in stock, not taken: "the pharmacy gave me
    120", "I had 30 tablets left", "we've 60 in the cupboard"."""
    if verb + 1 < len(tokens) and tokens[verb].norm in lexicon.give_verbs and tokens[verb + 1].norm in lexicon.recipients:
        return True
    window = tokens[after:after + STOCK_REACH + 2]
    return any(first < STOCK_REACH for _k, first, _e, _s in lexicon.stock.find(window))


def _recounted(tokens: list[Token], verb: int, after: int, value: int, lexicon: Lexicon) -> int | None:
    """How many of a count after "had" are left, when the message treats it as a
    supply: counted ("I had 20 this morning, I counted them": all of them) or
    counted again ("... and now I have 19": the second count).  None when the count
    may be tablets taken ("had 20 tablets this morning")."""
    classes = lexicon.classes
    if tokens[verb].norm not in classes.get("supply_or_dose", ()):
        return None
    counting, holding = classes.get("counting", frozenset()), classes.get("holding", frozenset())
    for k in range(max(0, verb - COUNTED_REACH), min(len(tokens) - 1, after + COUNTED_REACH)):
        again = _amount_at(tokens, k + 1, lexicon) if k >= after and tokens[k].norm in holding else None
        if again is not None:
            return again[0]
        if tokens[k].norm in counting:
            return value
    return None


def _an_age(tokens: list[Token], i: int, lexicon: Lexicon) -> bool:
    """A bare count told as an age: "when she was five", "in my twenties"."""
    before = tokens[i - 1].norm if i > 0 else ""
    return before in lexicon.units["ages"] or (
        i > 1 and before in lexicon.units["age_owners"] and tokens[i - 2].norm == "in")


def _verb_of(tokens: list[Token], i: int, bare: bool, lexicon: Lexicon) -> int | None:
    """The ingest verb a count at ``i`` belongs to, in its sentence.  A bare count
    in another clause counts only across fillers ("I took, like, 30"): "took my
    baclofen, room 12" and "took 3 today: 7, 13 and 19h" count no tablets."""
    for k in range(i - 1, max(-1, i - 1 - AMOUNT_VERB_REACH), -1):
        if tokens[k + 1].brk == SENTENCE:
            return None
        if tokens[k].norm in lexicon.ingest_verbs or tokens[k].raw.lower() in lexicon.ingest_written:
            between = range(k + 1, i + 1)
            if bare and any(tokens[m].brk == CLAUSE for m in between) and not all(
                    tokens[m].norm in lexicon.units["fillers"] for m in range(k + 1, i)):
                return None
            return k
    return None


def _count_and_unit(tokens: list[Token], i: int, lexicon: Lexicon) -> tuple[int, int, str | None, int] | None:
    """The count at ``i``: (value, index after, unit, stated strength or 0).  A vague count
    counts only tablets: "many pill" does, "many times" and "lots of water" do not."""
    read = _amount_at(tokens, i, lexicon)
    if read is None:
        read = _amount_at(tokens, i, lexicon, vague=True)
        if read is None or lexicon.amount_unit(tokens, read[1]) != "tablets":
            return None
    value, after = read
    n = len(tokens)
    if after + 1 < n and tokens[after].norm in lexicon.units["multiply"]:
        after += 1  # "30 x 10mg": thirty of that strength
    strength = _strength_at(tokens, after, lexicon) if after < n else None
    if strength and tokens[strength[1] - 1].norm in lexicon.units["mg"]:
        # "I took 5 20mg tablets": five of that strength
        end = strength[1]
        if end < n and tokens[end].norm in lexicon.tablet_words:
            end += 1
        return value * strength[0], end, "mg", 0
    of = _of_strength(tokens, after, lexicon)
    if of:
        return value, of[1], "tablets", of[0]
    return value, after, lexicon.amount_unit(tokens, after), 0


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
    stated, sentence_of = None, None
    quantities, vague = lexicon.quantities, lexicon.vague
    for i in range(n):
        norm = tokens[i].norm
        if not norm.isdecimal() and norm not in quantities and norm not in vague:
            continue  # no count starts here (most words)
        read = _count_and_unit(tokens, i, lexicon)
        if read is None:
            continue
        value, after, unit, strength = read
        if unit == "duration" or value == 0:
            continue
        if unit is None and after < n and tokens[after].brk == NO_BREAK and tokens[after].norm not in lexicon.units["followers"]:
            continue  # "a few drinks", "two glasses": a count of something else
        if unit is None and (value in YEARS or (i > 0 and tokens[i - 1].norm in lexicon.units["times"])):
            continue  # "took one at 10", "since 2020": a clock time or a date
        if unit is None and _an_age(tokens, i, lexicon):
            continue  # "had fits when she was five", "depression in my twenties": an age
        verb = _verb_of(tokens, i, unit is None, lexicon)
        if verb is None or (unit is None and verb in counted):
            continue  # "took 2 tablets around 11": the verb's count is told already
        if _is_supply(tokens, verb, after, lexicon) or _counts_another(tokens, i, after, lexicon):
            continue
        recount = _recounted(tokens, verb, after, value, lexicon)
        if recount is not None:
            if (value - recount) * min(drug.strengths_mg) > limit:
                found.append(("took_too_much", verb, after, "amount"))
            continue  # "had 20 this morning and now I have 19": a supply counted, one gone
        if unit is not None:
            counted.add(verb)
        if sentence_of is None:
            sentence_of = _sentences(tokens)
            stated = _stated_strengths(tokens, lexicon)
        # "took the usual and then 2 more", "did take an extra one": on top of a dose is more than prescribed
        extra = lexicon.classes.get("on_top", ())
        on_top = (after < n and tokens[after].norm in extra or i > 0 and tokens[i - 1].norm in extra) \
            and not _ongoing(tokens, verb, lexicon) and not _regimen_sentence(tokens, i, sentence_of, lexicon)
        regimen = not on_top and _regimen(tokens, verb, i, after, sentence_of, lexicon)
        # A count of unknown strength is read at the one the message names, else the largest.
        mg = value if unit == "mg" else value * (strength or stated.get(sentence_of[i]) or max(drug.strengths_mg))
        kind = "not_too_much" if regimen else "took_too_much" if mg > limit or on_top \
            or _beyond_one_dose(tokens, after, value, unit, strength, lexicon) else ""
        if kind:
            found.append((kind, verb, after, "amount"))
    return found


def _beyond_one_dose(tokens: list[Token], after: int, value: int, unit: str | None, strength: int,
                     lexicon: Lexicon) -> bool:
    """Whether a count said to be taken at once ("4 at once", "60mg in one go") is more
    than the most in one dose, even at the smallest strength."""
    drug, window = lexicon.drug, tokens[after:after + AT_ONCE_REACH + 3]
    if not drug.max_dose_mg or (value if unit == "mg" else value * (strength or min(drug.strengths_mg))) <= drug.max_dose_mg:
        return False
    window = window[:next((k for k, tok in enumerate(window) if tok.brk == SENTENCE), len(window))]  # not "3. At once"
    return any(first < AT_ONCE_REACH for _k, first, _e, _s in lexicon.at_once.find(window))


# A bare four-digit count in this range is a year: "took it back in 2019".
YEARS = range(1900, 2101)


def _sentences(tokens: list[Token]) -> list[int]:
    """The sentence number of each token."""
    out, s = [], 0
    for tok in tokens:
        s += tok.brk == SENTENCE
        out.append(s)
    return out


def _regimen(tokens: list[Token], verb: int, i: int, after: int, sentence_of: list[int], lexicon: Lexicon) -> bool:
    """Whether the count is a regimen: a regimen word near it ("4 tablets a day"), one
    anywhere in its sentence that says so for the whole ("... as prescribed", "spread
    over the day"), or the verb itself ("I take 40mg", "I was taking 30mg")."""
    if _ongoing(tokens, verb, lexicon):
        return True
    lo, hi = max(0, i - REGIMEN_REACH), min(len(tokens), after + REGIMEN_REACH)
    for k in range(after, hi):  # "took 30 tablets, my doctor will be cross": another clause's subject
        if (tokens[k].brk != NO_BREAK and tokens[k].norm in lexicon.clause_openers) or tokens[k].norm in lexicon.contrast:
            hi = k
            break
    for k in range(i - 1, lo - 1, -1):  # "my usual dose is 2 but I took 10": a contrast between
        if tokens[k].norm in lexicon.contrast:
            lo = k + 1
            break
    near = [tokens[k] for k in range(lo, hi) if sentence_of[k] == sentence_of[i]]
    if lexicon.regimen.find(near):
        return True
    return _regimen_sentence(tokens, i, sentence_of, lexicon)


def _ongoing(tokens: list[Token], verb: int, lexicon: Lexicon) -> bool:
    """Whether the verb is of an ongoing regimen: "I take 40mg", not "I did take an extra
    one", nor a learner's "he take 20 tablet this morning" (one occasion in its clause) or
    bare verb after one person ("she take 15 pill"; but "does she take 2?")."""
    return tokens[verb].norm in lexicon.regimen_verbs and not (
        verb > 0 and tokens[verb - 1].norm in lexicon.classes.get("past_do", ())) \
        and not lexicon.occasion.find(_clause_of(tokens, verb)) and not _bare_after_one(tokens, verb, lexicon)


def _clause_of(tokens: list[Token], at: int) -> list[Token]:
    """The tokens of the clause that holds token ``at``."""
    lo, hi = at, at + 1
    while lo > 0 and tokens[lo].brk == NO_BREAK:
        lo -= 1
    while hi < len(tokens) and tokens[hi].brk == NO_BREAK:
        hi += 1
    return tokens[lo:hi]


def _bare_after_one(tokens: list[Token], verb: int, lexicon: Lexicon) -> bool:
    """Whether the verb is in its bare form right after one person, with no helper verb
    before them: "my mother take", "she take" (but "does she take", "they take")."""
    if verb == 0 or tokens[verb].raw.lower() not in lexicon.bare_verbs or tokens[verb].brk != NO_BREAK:
        return False
    subject = verb - 1
    if tokens[subject].norm not in lexicon.bare_subjects:
        return False
    return not (subject > 0 and tokens[subject].brk == NO_BREAK and tokens[subject - 1].norm in lexicon.aux_before)


def _regimen_sentence(tokens: list[Token], i: int, sentence_of: list[int], lexicon: Lexicon) -> bool:
    """Whether the count's sentence says it is a regimen: "... as prescribed"."""
    s, lo, hi = sentence_of[i], i, i + 1  # the numbers only grow: the sentence is one slice around i
    while lo > 0 and sentence_of[lo - 1] == s:
        lo -= 1
    while hi < len(sentence_of) and sentence_of[hi] == s:
        hi += 1
    whole = tokens[lo:hi]
    return bool(lexicon.regimen_sentence.find(whole))
