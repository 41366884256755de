"""The scope cues of a message: negation, question, past, another person's or
another medicine's words (``[negation]``, ``[hypothetical]``... in en.toml),
found in one pass and kept where no term or context cue holds their words.
``Scope`` (reading.scope) then says how far each reaches.
"""
from __future__ import annotations

from .mentions import Cue
from .tokens import NO_BREAK, SENTENCE

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .tokens import Token

# Cues that may run into the symptom they are about: cut where it starts ("if you stop
# it suddenly": the if-clause runs into the stop it supposes).
_CUT_AT_SYMPTOM = ("hypothetical_preceding", "hypothetical_conditional", "other_drug_preceding")
# Cues that are one phrase about the symptom after them ("stopped my", "helps with"): never across a break.
_PHRASE_KINDS = ("improved_preceding", "indication")


def cue_matches(tokens: list[Token], lexicon: Lexicon,
                found: list[tuple[str, int, int, str]] | None = None) -> list[tuple[str, int, int, str]]:
    """Every scope cue pattern's matches in one pass, grouped by kind in the lexicon's order;
    ``found`` are ``lexicon.cues.find(tokens)``, when the caller has them already (reading.scan)."""
    rank = lexicon.cue_rank
    return sorted(lexicon.cues.find(tokens) if found is None else found, key=lambda match: rank[match[0]])


def find_cues(tokens: list[Token], lexicon: Lexicon, occupied: set[int],
              matches: list[tuple[str, int, int, str]] | None = None) -> list[Cue]:
    """Negation and other cues, without those inside a term, a context cue or a pseudo cue.

    ``matches`` are ``cue_matches(tokens, lexicon)``, when the caller has them already."""
    cues = []
    for kind, first, end, source in cue_matches(tokens, lexicon) if matches is None else matches:
        if _lost_have(tokens, first, end, source):
            continue
        if kind in _PHRASE_KINDS and "..." not in source and any(tokens[k].brk != NO_BREAK for k in range(first + 1, end)):
            continue  # a relief phrase does not run across a stop or a comma: "had to stop: my skin ..."
        if occupied.isdisjoint(range(first, end)) or kind == "asked_answers":
            # (an answer only answers, so a context cue in its words does not hide it: "I have none")
            cues.append(Cue(kind, first, end, source))
        elif kind in _CUT_AT_SYMPTOM and first not in occupied:
            # "can baclofen slow your breathing?": the question runs into the
            # symptom it asks about; it ends where the symptom starts.  So does
            # another medicine's: "diazepam knocks me out".
            cut = next(k for k in range(first, end) if k in occupied)
            cues.append(Cue(kind, first, cut, source))
    pseudo = {i for c in cues if c.kind == "pseudo" for i in range(c.first, c.end)}
    return [c for c in cues if c.kind != "pseudo" and not pseudo.issuperset(range(c.first, c.end))
            and not _opening_no(tokens, c, lexicon)]


def _opening_no(tokens: list[Token], cue: Cue, lexicon: Lexicon) -> bool:
    """Whether a denial is an answer word opening its sentence before a subject: it
    answers, and denies nothing after it ("no he took too many", "no, it's all
    blurry").  After a question it answers that question ("too many tablets? no i
    haven't"); a denial of its own after it still denies ("no she hasn't had a fit")."""
    if cue.kind != "preceding" or cue.end - cue.first != 1 or cue.end >= len(tokens):
        return False
    if tokens[cue.first].norm not in lexicon.answer_denials or tokens[cue.end].norm not in lexicon.answer_subjects:
        return False
    return cue.first == 0 or (tokens[cue.first].brk == SENTENCE and not tokens[cue.first].asked)


def _lost_have(tokens: list[Token], first: int, end: int, source: str) -> bool:
    """Whether a cue written with "'ve" matched a word without it: folded, "I've got"
    and "I got" are one ("i got"), but "as a kid I got seizures" is the past."""
    if "'ve" not in source and "\u2019ve" not in source:
        return False  # most cues have no "'ve" at all: no split, no walk
    words = source.split()
    if len(words) != end - first:
        return False
    return any(w.endswith(("'ve", "\u2019ve")) and tokens[first + k].raw.lower() == tokens[first + k].norm
               for k, w in enumerate(words))
