"""One message read: candidates found and resolved, cues scoped, context cues
meant -> the Match and ContextMatch records of ``find_symptoms``."""
from __future__ import annotations

from .amounts import read_amounts
from .comparisons import read_comparisons
from .clauses import asked_in_clause
from .people import reflexive_after, told_as_now, told_in_the_past, told_recently, whose_clause
from .context import HISTORY_REACH, context_meant, resolve_context, symptom_stops_dropped
from .cues import cue_matches, find_cues
from .lexicon import CONTEXT_TARGET
from .mentions import ContextMatch, Cue, Match
from .scan import scan
from .scope import Scope
from .supply import read_supply_drops
from .terms import denials_first, find_candidates, resolve, words_with_corrections

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any

    from .lexicon import Lexicon
    from .tokens import Token


# Context kinds that say who writes; they are read here and not passed on.
_WRITER_KINDS = ("carer_writes", "writer_takes", "writer_shares", "not_taking")
# The cue of a past sign of a relative said not to take the drug.
NOT_TAKING_CUE = "not on the drug"
# The cue of a symptom a carer tells of themselves.
WRITER_CUE = "the writer's own"
# Another person's sign told as happening about now ("my friend had a fit just now"): someone
# there needs help, as with a relative on the drug too.
NOW_CUE = "told as now"
# A relative's sign in the message of a writer who takes the drug ("I'm on it, my
# brother gets headaches from his"); an emergency sign so told is still kept.
ANOTHER_CUE = "another's, the writer on it"


def find_symptoms(text: str, lexicon: Lexicon) -> tuple[list[Match], list[ContextMatch]]:
    """Find side effects and context cues in one message.

    "no chest pain, but dizzy" -> chest pain (negated), dizziness (affirmed).
    """
    tokens = lexicon.tokenize(text)
    words = words_with_corrections(tokens, lexicon)
    cands = denials_first(find_candidates(tokens, words, lexicon), words, lexicon)
    compared, changed, context_cues, scope_cues = scan(tokens, lexicon)  # every cue pattern in one pass
    # a comparison first: of cues as long, it wins ("taking 4 instead of 1" is no regimen of 1)
    cues = read_comparisons(tokens, lexicon, (compared, changed)) + context_cues + read_amounts(tokens, lexicon) \
        + read_supply_drops(tokens, lexicon)
    context = resolve_context([c for c in cues if c[0] not in lexicon.sharing_kinds])
    kept = resolve(cands, tokens, lexicon.shared_subject_verbs)
    context = symptom_stops_dropped(context, tokens, kept, lexicon)
    # A cue inside a symptom ("can't sleep") or a context cue ("haven't taken it") is part of it;
    # one inside a phrase to ignore ("tired of my spasms") still counts.
    symptoms = {i for c in kept if c.target is not None for i in range(c.first, c.last + 1)}
    occupied = symptoms | {i for _k, first, end, _s in context for i in range(first, end)}
    context = sorted(context + [c for c in cues if c[0] in lexicon.sharing_kinds], key=lambda c: c[1])
    raw_cues = cue_matches(tokens, lexicon, scope_cues)
    scope = Scope(tokens, find_cues(tokens, lexicon, occupied, raw_cues), lexicon, text, symptoms)
    found_context, used = context_meant(context, tokens, scope, text, symptoms)
    if used:  # "hasn't stopped or missed any doses": that denial is spent on the context cue
        scope = Scope(tokens, find_cues(tokens, lexicon, occupied | used, raw_cues), lexicon, text, symptoms)
    kinds = {c.kind for c in found_context}
    carer = "carer_writes" in kinds and not kinds & {"writer_takes", "writer_shares"}
    patient = _writer_is_patient(tokens, lexicon, kinds)
    found_context = [c for c in found_context if c.kind not in _WRITER_KINDS]
    matches = []
    listed: tuple[int, str, Cue | None] | None = None
    reported = -1  # the last token of the latest present symptom
    for c in kept:
        if c.target is None:
            continue
        same_sentence = reported >= 0 and scope.sentence_of[reported] == scope.sentence_of[c.first]
        status, cue = scope.status(c.first, c.last, c.target, term=c.term, reported=reported if same_sentence else -1)
        if status == "affirmed" and listed and scope.continues_list(listed[0], c.first, listed[2]):
            # "denies CP, SOB or N/V", "the leaflet lists drowsiness, dizziness, nausea"
            status, cue = listed[1], listed[2]
        doubt = cue is not None and (cue.text in lexicon.uncertain or cue.text in lexicon.doubted_cues)
        if status == "hypothetical" and doubt and scope.followed_by(c.last, "historical_following", HISTORY_REACH):
            status = "historical"  # a doubt of long ago: "I might have had a seizure as a child"
        if status == "affirmed" and asked_in_clause(text, tokens, lexicon, c.first):
            status, cue = "hypothetical", Cue("hypothetical_asked", c.first, c.first, "?")  # "could I stop breathing?"
        status, cue = _whose(tokens, lexicon, c, status, cue, (carer, patient, "not_taking" in kinds and not patient))
        # a list goes on being denied, asked about, or given as the reason for taking it
        # ("prescribed it because of depression and constant crying")
        listed = (c.last, status, cue) if status in ("negated", "hypothetical") or (
            status == "condition" and cue is not None and cue.kind == "indication") else None
        if status == "affirmed":
            reported = c.last
        start, end = tokens[c.first].start, tokens[c.last].end
        if c.target.startswith(CONTEXT_TARGET):  # "she won't wake": a red flag, not a sign
            if status == "affirmed":
                found_context.append(ContextMatch(c.target[len(CONTEXT_TARGET):], start, end, text[start:end]))
            continue
        matches.append(Match(c.target, start, end, text[start:end], round(c.score, 1), c.term, status,
                             cue.text if cue else ""))
    return matches, found_context


def _writer_is_patient(tokens: list[Token], lexicon: Lexicon, kinds: set[str]) -> bool:
    """Whether the writer takes the drug, not as a carer, and no one else took the tablets
    nor is a child named who might have ("found my 2yo with my baclofen"), unless the child
    is said to take it too ("me and my son both take it")."""
    if "carer_writes" in kinds or kinds & {"ingestion", "took_too_much"}:
        return False
    if "writer_shares" in kinds:
        return True
    classes = lexicon.classes  # (a sister or brother in the child class is an adult relative too)
    young = (classes.get("child", frozenset()) - classes.get("someone", frozenset())) | classes.get("age_marks", frozenset())
    return "writer_takes" in kinds and not any(t.norm in young or t.norm.lstrip("0123456789") in young
                                               for t in tokens)


def _whose(tokens: list[Token], lexicon: Lexicon, c: Any, status: str, cue: Cue | None,
           writer: tuple[bool, bool, bool]) -> tuple[str, Cue | None]:
    """A carer's own tiredness is the writer's ("the writer's own"); a relative's sign told
    by a writer who takes the drug is the relative's; another person's sign told as about
    now ("my friend had a fit just now") is marked so its emergency is kept; a past sign of a
    relative said not to take the drug is no side effect of it."""
    carer, patient, nontaker = writer
    if status == "affirmed":
        who = whose_clause(tokens, lexicon, c.first, c.last)  # read once: "writer", "another" or ""
        if carer and who == "writer":
            return "other_person", Cue("other_person_preceding", c.first, c.first, WRITER_CUE)
        # "my dad doesn't take baclofen, but he had a seizure last night": no side effect of it
        past_of_nontaker = nontaker and who == "another" and told_in_the_past(tokens, lexicon, c.first) \
            and not told_as_now(tokens, lexicon, c.last)
        # "I take it too; my sister was dizzy on it" (an emergency sign so told is kept: "my husband
        # told me he couldn't breathe last night" may be someone in need now); "wife c/o headaches herself"
        if who == "another" and ((patient and not past_of_nontaker) or (
                not carer and not patient and reflexive_after(tokens, lexicon, c.last))):
            return "other_person", Cue("other_person_preceding", c.first, c.first, ANOTHER_CUE)
        if past_of_nontaker:
            return "other_person", Cue("other_person_preceding", c.first, c.first, NOT_TAKING_CUE)
        return status, cue
    if status == "other_person" and cue is not None and (told_as_now(tokens, lexicon, c.last) or (
            cue.text in lexicon.kin_told_cues and told_recently(tokens, lexicon, c.last))):
        return status, Cue(cue.kind, cue.first, cue.end, NOW_CUE)
    return status, cue
