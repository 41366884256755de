"""Context cues as meant: how the medicine was taken ("ran out", "took too many").

A cue is found by the patterns of ``[[context]]`` in the language file; then
its own scope decides: "didn't take too many" is not an overdose, nor is
"reviews about overdoses" or "I ran out years ago", and "I stopped it because
my mood went down" is no abrupt stop behind the low mood.
"""
from __future__ import annotations

from .clauses import asked_in_clause, counted_since, relative_told, told_when
from .mentions import ContextMatch
from .stop_reasons import stopped_as_a_result, stopped_then_better
from .tokens import CLAUSE, NO_BREAK, SENTENCE, Token

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any

    from .scope import Scope

# A denial reaches a context cue only from close by: "haven't stopped it".
CONTEXT_NEGATION_WINDOW = 1


# How far after a context cue a time may stand and still date it: "ran out of it back in 2019".
HISTORY_REACH = 4

# A denied context cue says the opposite ("I haven't stopped it"); others are dropped.
_CONTEXT_DENIED = {"stopped_suddenly": "not_stopped", "stopped": "not_stopped", "took_too_much": "not_too_much"}


def context_meant(context: list[tuple[str, int, int, str]], tokens: list[Token], scope: Scope,
                  text: str, symptoms: set[int]) -> tuple[list[ContextMatch], set[int]]:
    """Context cues as meant, and the positions of the denials spent on them:
    "didn't take too many" is not an overdose, nor is "reviews about overdoses"
    or "I ran out years ago"."""
    found, used, counts = [], set(), set()
    denied_to = -1  # where the last denied stop or overdose cue ended
    for kind, first, end, source in context:
        status, cue = scope.status(first, end - 1, None, window=CONTEXT_NEGATION_WINDOW,
                                   following=CONTEXT_NEGATION_WINDOW - 1)
        if status == "negated" and (kind in _STOPS and (_answer_then_clause(tokens, cue, text, scope)
                                                        or _answer_before_own_denial(tokens, cue, first, end, text, scope))
                                    or kind == "took_less" and _answer_before_own_denial(tokens, cue, first, end, text, scope, True)):
            status, cue = "affirmed", None  # "nah i stopped it on friday": the no answers, the clause tells
        if kind in _CONTEXT_DENIED and status == "affirmed" and _or_after(tokens, denied_to, first, scope):
            kind = _CONTEXT_DENIED[kind]  # "I didn't stop it suddenly or run out": one denial for both
        if kind in _CONTEXT_DENIED.values() or (kind in _CONTEXT_DENIED and status in ("negated", "resolved")):
            denied_to = end
        if status == "affirmed" and kind not in _FINALITY and _denied_inside(tokens, first, end, source, scope):
            # "pump checked, no alarm": the denial stands inside the cue's own gap
            status, cue = "negated", None
        if kind in _STANDING and status in ("affirmed", "historical"):
            pass  # "the pump was refilled in March": the pump is still there
        elif status == "affirmed" and scope.followed_by(end - 1, "historical_following", HISTORY_REACH):
            kind = ""  # "I overdosed on it years ago": a time after the cue, in its clause
        elif status == "resolved" and kind in ("red_flag", "ingestion"):
            pass  # "he was unconscious for a while, gone now", "he's 3, seems fine": still happened
        elif status in ("negated", "resolved"):
            if kind in _CONTEXT_DENIED and cue is not None:  # the denial is spent on the cue
                used.update(range(cue.first, cue.end))  # "hasn't stopped or missed any"
            kind = _CONTEXT_DENIED.get(kind, "")
        elif status == "hypothetical" and (cue.text in scope.lexicon.uncertain or _already(tokens, cue, end, scope)):
            pass  # "I might have taken it twice", "what if I already took 15?": suspected all the same
        elif status == "hypothetical" and kind == "suicidal_thoughts" and cue is not None and cue.first >= first:
            pass  # "how many would it take to die?": the question is the thought's own words
        elif status in ("hypothetical", "historical", "other_person", "improved"):
            kind = ""
        if kind in _STOPS and (_stopped_because_of_a_symptom(tokens, end, scope, symptoms, first)
                               or stopped_as_a_result(tokens, first, scope, symptoms)):
            # "I stopped it because my mood went down": the symptom came first; no stop
            # for this message, but one for signs told before it (triage_bot.corrections)
            kind = STOPPED_FOR_A_REASON
        elif kind in _STOPS and stopped_then_better(tokens, end, scope, symptoms):
            kind = ""  # "quit it and felt better": the stop was the remedy
        if kind == "suicidal_thoughts" and _of_the_past(scope, first, end):
            kind = ""  # "years ago I was suicidal, now I'm happy": the time opening the sentence dates it
        if kind in _DATED and (_dated_before(tokens, first, scope) or _dated_after(tokens, end, scope)):
            kind = ""  # "in 2018 I took too many and had to go to A&E"
        if kind == "red_flag" and asked_in_clause(text, tokens, scope.lexicon, first):
            kind = ""  # "like could I stop breathing?": a sign asked about
        if kind == "literal":
            kind = ""  # "choking on the big tablets": the words in their ordinary sense
        if kind:
            start, stop = tokens[first].start, tokens[end - 1].end
            found.append(ContextMatch(kind, start, stop, text[start:stop]))
            if source == "amount":
                counts.add(len(found) - 1)
    return _corrected(found, counts, tokens, scope), used


# How many words may follow "or" before the next cue of a denied list: "didn't stop
# it or have my dose lowered".
OR_REACH = 3


def _already(tokens: list[Token], cue: Any, end: int, scope: Scope) -> bool:
    """Whether a word saying it is done ("already") stands between a supposing cue and the
    end of the context cue: "what if I already took 15?" asks about a dose taken."""
    done = scope.lexicon.classes.get("done_words", frozenset())
    return cue is not None and (any(tokens[k].norm in done for k in range(cue.end, end)) or told_when(tokens, scope.lexicon, cue, end))


def _or_after(tokens: list[Token], denied_to: int, first: int, scope: Scope) -> bool:
    """Whether a cue starting at ``first`` is the next item after "or" / "nor" of a
    denied stop or overdose: "haven't stopped or run out", "never missed one, nor ran out"."""
    if denied_to < 0 or not denied_to < first <= denied_to + 2 + OR_REACH:
        return False
    gap = [tok.norm for tok in tokens[denied_to:first]]
    either = scope.lexicon.classes.get("either_or", frozenset())
    if any(w in scope.lexicon.contrast for w in gap) or any(tok.brk == SENTENCE for tok in tokens[denied_to:first + 1]):
        return False
    if any(w in either for w in gap):
        return True
    # a list told with commas, its last item after "or": "haven't stopped it, run out or ..."
    ahead = [tok.norm for tok in tokens[first:first + 2 * OR_REACH]]
    return tokens[first].brk == CLAUSE and len(gap) <= 2 and any(w in either for w in ahead)


# Cues whose own sense is a denial of going on: "took them all so I would never
# wake up" is no denied intent.
_FINALITY = ("intentional", "suicidal_thoughts")


def _denied_inside(tokens: list[Token], first: int, end: int, source: str, scope: Scope) -> bool:
    """Whether the words of a cue after the pattern's last gap are denied from inside
    the gap: "pump ... alarm" in "pump checked, no alarm"; "took ... extra" in "took
    none extra"; "{someone} ... hard to wake" in "he's not hard to wake" (but not
    "never ... {stop} {drug}", whose denial is its own first word)."""
    words = source.split()
    if "..." not in words[1:-1]:
        return False
    gap = max(k for k, w in enumerate(words) if w == "...")
    at = end - (len(words) - 1 - gap) - 1
    return at >= first + gap and tokens[at].norm in scope.lexicon.denial_words


# Cues of a standing fact, not an event: a pump refilled or fitted long ago is still
# fitted ("the pump was refilled in March and all was fine until the alarm went").
_STANDING = ("on_pump",)
# Cues of a past event that a year earlier in the sentence dates: "in 2018 I took too many".
_DATED = ("took_too_much", "ingestion", "red_flag")
_YEARS = range(1900, 2101)
# How far after its cue, in its clause, a date may stand: "doubled up by mistake last month".
DATED_AFTER_REACH = 5


def _dated_before(tokens: list[Token], first: int, scope: Scope) -> bool:
    """Whether "in <year>" or "years ago" opens the cue's sentence with no turn to the
    present or a contrast between: "in 2018 I took too many" (but not "since 2019 I have been
    on it and today I took 30", nor "in 2018 I started it, but last night I took 30")."""
    classes = scope.lexicon.classes
    now = classes.get("now_words", frozenset())
    for k in range(first - 1, 0, -1):
        norm = tokens[k].norm
        if _date_at(tokens, k, classes):
            return True  # "many years ago I was unconscious after a crash", "last summer I took 30"
        if norm in now or norm in scope.lexicon.contrast:
            return False
        if norm.isdecimal() and len(norm) == 4 and int(norm) in _YEARS:
            return tokens[k - 1].norm == "in"
        if tokens[k].brk == SENTENCE:
            return False
    return False


def _of_the_past(scope: Scope, first: int, end: int) -> bool:
    """Whether a time of the past earlier in the sentence ("many years ago", "as a teenager")
    reaches the cue at ``first`` with no turn to the present between ("last year I started
    it and now ..."), and nothing after it brings it back ("... and now again")."""
    start = scope.sentence_of[first]
    past = [c for k in range(start, first + 1) for c in scope.ending_at.get(k, ()) if c.kind == "historical_preceding"]
    return any(scope._opening_reaches(c, first) for c in past) and not scope._recurs(end - 1)


def _date_at(tokens: list[Token], k: int, classes: Any) -> bool:
    """Whether token ``k`` ends a date a month or more back: "weeks ago", "last summer"."""
    if k == 0 or tokens[k].brk != NO_BREAK:
        return False
    before, norm = tokens[k - 1].norm, tokens[k].norm
    if norm == "ago":
        return before in classes.get("ago_units", frozenset())
    return before == "last" and norm in classes.get("dated_spans", frozenset())


def _dated_after(tokens: list[Token], end: int, scope: Scope) -> bool:
    """Whether such a date follows the cue ending before ``end`` in its clause: "doubled up last month"."""
    for k in range(end, min(end + DATED_AFTER_REACH + 1, len(tokens))):
        if tokens[k].brk != NO_BREAK or tokens[k].norm in scope.lexicon.contrast:
            return False
        if _date_at(tokens, k, scope.lexicon.classes):
            return True
    return False


def _ends_its_phrase(tokens: list[Token], k: int, scope: Scope) -> bool:
    """Whether a correction ends at token ``k``: the text or a clause ends, or the
    tablets follow ("I only took one", "only took one tablet", not "one glass")."""
    if k <= 0 or k >= len(tokens) or tokens[k].brk != NO_BREAK:
        return True
    return tokens[k].norm in scope.lexicon.tablet_words or tokens[k].norm in scope.lexicon.units["followers"]


def _corrected(found: list[ContextMatch], counts: set[int], tokens: list[Token], scope: Scope) -> list[ContextMatch]:
    """A later contrasting correction ("took_less") overrides an earlier overdose cue:
    "I was worried I took too many but I counted and I only took one"; an ingestion
    is corrected in its next clause too ("the dog chewed the box, no tablets in it").  Only a
    correction of the amount does: "took 10 but my usual dose is 2" stays one; and
    never a count told ("took 30 tablets but I only took my usual of the other")."""
    starts = {tok.start: k for k, tok in enumerate(tokens)}
    ends = {tok.end: k for k, tok in enumerate(tokens)}
    drop = set()
    for later in found:
        if later.kind != "took_less" or not _ends_its_phrase(tokens, ends.get(later.end, -1) + 1, scope):
            continue  # "but I only took one glass of wine" corrects no overdose
        for k, earlier in enumerate(found):
            if earlier.kind not in ("took_too_much", "ingestion") or earlier.start > later.start or k in counts:
                continue
            if earlier.end >= later.end:
                drop.add(k)  # a denial inside the cue's words: "tablets all over the floor, none missing"
                continue
            between = range(starts.get(earlier.start, 0), starts.get(later.start, 0))
            breaks = range(between.start + 1, between.stop + 1)  # the boundaries before each later word
            if any(tokens[m].norm in scope.lexicon.contrast for m in between):
                drop.add(k)
            elif earlier.kind == "ingestion" and any(tokens[m].brk != NO_BREAK for m in breaks) \
                    and not any(tokens[m].brk == SENTENCE for m in breaks):
                drop.add(k)  # "the dog chewed the empty box, there were no tablets in it"
    return [c._replace(kind="not_too_much") if c.kind == "took_less" else c
            for k, c in enumerate(found) if k not in drop]


_STOPS = ("stopped_suddenly", "stopped")
# A stop told with its reason, a symptom: "quit it because it made me sick".
STOPPED_FOR_A_REASON = "stopped_for_a_reason"


def _answer_then_clause(tokens: list[Token], cue: Any, text: str, scope: Scope) -> bool:
    """Whether the denial of a stop is an answer word opening its sentence, then a
    subject of a clause of its own: "nah i stopped it on friday" (a stop told),
    but not "stopped suddenly? no i stopped slowly" (a "no" after a question
    answers that question) nor "no i didn't stop" (denied by its own "didn't")."""
    if cue is None or cue.end - cue.first != 1 or cue.end >= len(tokens):
        return False
    lex = scope.lexicon
    if tokens[cue.first].norm not in lex.answer_denials or tokens[cue.end].norm not in lex.answer_subjects:
        return False
    before = text[:tokens[cue.first].start].rstrip()
    return not before or before[-1] in ".!"

def _answer_before_own_denial(tokens: list[Token], cue: Any, first: int, end: int, text: str, scope: Scope, agrees=False) -> bool:
    """Whether a stop told in denied words of its own ("none since Friday"), or an amount taken back
    (``agrees``: "no, sorry, I had one"), is denied only by an answer word opening its sentence right before it."""
    if cue is None or cue.end - cue.first != 1 or cue.end > first:
        return False
    lex = scope.lexicon
    if tokens[cue.first].norm not in lex.answer_denials:
        return False
    before = text[:tokens[cue.first].start].rstrip()
    return (not before or before[-1] in ".!") and (agrees or any(
        tokens[k].norm in lex.denial_words | lex.answer_denials for k in range(first, end)))


# How far a reason word may stand after a stop, and a symptom after the reason.
REASON_REACH = 3
REASON_SYMPTOM_REACH = 8


def _stopped_because_of_a_symptom(tokens: list[Token], end: int, scope: Scope, symptoms: set[int],
                                  first: int = -1) -> bool:
    """Whether a stop ending before token ``end`` is followed by its reason, a
    symptom, in the same clause, and no symptom is told after that clause:
    "had to quit it because I kept being sick" (but not "because of the cost,
    and now my spasms are back", nor "because I was sleepy; since then I have
    been seeing things", where what came after the stop is still to be read).
    The reason may stand inside the stop's own gap: "stopped because it made me
    low" (the stop cue "stopped ... it" holds "because")."""
    reasons = scope.lexicon.reasons
    end = next((k for k in range(first + 1, end) if tokens[k].norm in reasons), end) if first >= 0 else end
    for k in range(end, min(end + REASON_REACH, len(tokens))):
        if k > end and scope.stops(k):
            return False
        if tokens[k].norm in scope.lexicon.reasons:
            for m in range(k + 1, min(k + 1 + REASON_SYMPTOM_REACH, len(tokens))):
                if scope.stops(m) or tokens[m].brk != NO_BREAK:
                    return False  # "because of the strike, seeing spiders": the reason told is no symptom
                if m in symptoms:
                    while m + 1 < len(tokens) and not scope.stops(m + 1) and not _sequel(tokens, m + 1, scope):
                        m += 1
                    return not any(s > m for s in symptoms)
            return False
    return False


def _sequel(tokens: list[Token], k: int, scope: Scope) -> bool:
    """Whether a joiner at token ``k`` opens a later time, which ends a stop's reason:
    "because of the nausea, and the next day ...", "and two days later", "and then"."""
    classes = scope.lexicon.classes
    if tokens[k].norm not in classes.get("joiners", frozenset()):
        return False
    later = classes.get("sequels", frozenset())
    ahead = range(k + 1, min(k + 1 + REASON_REACH, len(tokens)))
    return any(tokens[m].norm in later for m in ahead if all(tokens[j].brk == NO_BREAK for j in range(k + 1, m + 1)))


def symptom_stops_dropped(context: list[tuple[str, int, int, str]], tokens: list[Token], kept: list,
                          lexicon: Any) -> list[tuple[str, int, int, str]]:
    """Stop cues whose subject is a symptom, dropped: "the drowsiness wore off",
    "the dizzy spells stopped once I took it" say the symptom ended, not the
    medicine ("it wore off", "I stopped it" still do).  ``kept``: the resolved
    candidates."""
    # "the drowsiness I had at the start wore off": the relative clause is the symptom's
    ends = {c.last + relative_told(tokens, lexicon, c.last + 1) for c in kept if c.target is not None}
    pointing = lexicon.classes.get("symptom_pronouns", frozenset())
    out = []
    for item in context:
        if item[0] in _STOPS + ("not_stopped",):
            k, j = item[1], item[1] - 1
            while k < item[2] and tokens[k].norm in lexicon.ending_aux:
                k += 1  # "the dizziness gradually wore off"
            while j >= 0 and tokens[j].norm in lexicon.ending_aux and tokens[j + 1].brk == NO_BREAK:
                j -= 1  # "the cramps have finally stopped"
            if k < item[2] and tokens[k].norm in lexicon.ending and (
                    j in ends or j >= 0 and tokens[j].norm in pointing and _told_before(tokens, ends, j)
                    or _spell_at_start(tokens, ends, j, lexicon)) \
                    and all(tokens[m].brk == NO_BREAK for m in range(j + 1, k + 1)):
                continue
        out.append(item)
    return [c for c in out if not (c[0] in _STOPS and counted_since(tokens, lexicon, c[1], c[2], ends))]


def _spell_at_start(tokens: list[Token], ends: set[int], j: int, lexicon: Any) -> bool:
    """Whether "it" at ``j`` is a spell told at the start of treatment, just before: "I couldn't
    sleep at first but it wore off" (``start_spell_words``; "it wore off by teatime" stays the dose)."""
    classes = lexicon.classes
    if j < 1 or tokens[j].norm not in classes.get("spell_pronouns", frozenset()):
        return False
    start = classes.get("start_spell_words", frozenset())
    k = j - 1
    while k >= 0 and k not in ends and j - k <= REASON_SYMPTOM_REACH:
        if tokens[k].norm in start:
            return _told_before(tokens, ends, k)
        k -= 1
    return False


def _told_before(tokens: list[Token], ends: set[int], j: int) -> bool:
    """Whether a symptom ends before token ``j`` in its sentence ("a zombie at first but that ...")."""
    k = j - 1
    while k >= 0:
        if k in ends:
            return True
        if tokens[k + 1].brk == SENTENCE:
            return False
        k -= 1
    return False


# Cues of a sign or a condition beside the taking ("a temperature", "can't wake
# him") and cues of how the drug was taken do not compete for words: "I have a
# temperature of 39" keeps its fever whatever an amount reads in it.  A literal
# reading ("choking on the big tablets") competes with both; thoughts of suicide
# compete with an intent ("thoughts of killing myself" are thoughts).
SIGN_KINDS = frozenset({"red_flag", "fever", "diabetes", "pump_problem", "on_pump"})
ALARM = "device_fault"


def resolve_context(found: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Longest cue wins where cues of one group overlap: "haven't stopped" beats
    "stopped"; a literal sense ("never wake up before 9") beats any cue it holds."""
    taken: dict[object, set[int]] = {True: set(), False: set(), ALARM: set()}
    kept = []
    for item in sorted(found, key=lambda f: (-(f[2] - f[1]), f[0] != "literal", f[1])):
        span = range(item[1], item[2])
        # a literal sense takes every group's words; a correction ("none missing") none, so the
        # cue it corrects is kept for it to find (see _corrected); a device's fault competes with
        # a literal only ("smoke alarm"), so "pump alarm is beeping" keeps its pump problem too
        groups = (True, False, ALARM) if item[0] == "literal" else () if item[0] == "took_less" \
            else (ALARM,) if item[0] == ALARM else (item[0] in SIGN_KINDS,)
        if all(taken[g].isdisjoint(span) for g in groups):
            for g in groups:
                taken[g].update(span)
            kept.append(item)
    return sorted(kept, key=lambda f: f[1])
