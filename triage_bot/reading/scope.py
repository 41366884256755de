"""ConText: how each symptom is meant, from the cues around it.

A cue before a symptom ("no chest pain", "years ago I had", "can it cause"),
after it ("the rash has gone"), or an answer to it ("Nausea? No.") makes it
negated, resolved, historical, hypothetical, another person's, another drug's,
an illness the patient has, improved, or what the drug is taken for.  Each
cue reaches only so far: a sentence end, a termination ("but") or a bracket
ends it, and the nearest cue wins.
"""
from __future__ import annotations

from .clauses import (answered_no, asides, back_reference, had_after, in_question, joined_symptom_end, partial_end,
                      duration as _duration, relative_told, self_told, since_started, spell_ended_after,
                      told_after_object)
from .lists import denied_items_between, item_told, qualified_item
from .mentions import Cue
from .tokens import CLAUSE, NO_BREAK, SENTENCE, Token

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .lexicon import Lexicon


# How far a preceding negation reaches, in words ("denies CP, SOB or N/V").
NEGATION_WINDOW = 6
# How far after a symptom a following denial may stand ("... has gone").
FOLLOWING_WINDOW = 4
# A question's reach ("can it cause ... seizures?") within one clause, in words.
HYPOTHETICAL_WINDOW = 12
# "my depression", "my severe anxiety": how close a possessive marks an illness,
# and how far around it a word may say it got worse.
CONDITION_WINDOW = 2
WORSENING_WINDOW = 6
# A denied symptom list goes on across at most this many words ("..., SOB or CP").
LIST_GAP = 2
# How far an if-clause reaches ("if I get really confused ..."), in words.
CONDITIONAL_WINDOW = 3

# How far after the start of a symptom a turn may stand ("foggy headed though").
TURN_REACH = 6
# Cues that take one object: once it is found, later words are not theirs.
_ONE_OBJECT = ("preceding", "improved_preceding", "indication")

# What a cue after a symptom makes of it.
_FOLLOWING = {"following": "resolved", "historical_following": "historical", "hypothetical_following": "hypothetical",
              "other_person_following": "other_person", "other_drug_following": "other_drug",
              "condition_following": "condition", "improved_following": "improved"}

# Cues before a symptom whose reach runs to the end of its clause: "a friend
# had hallucinations", "the amitriptyline makes me drowsy".
_CLAUSE_WIDE = {"hypothetical_preceding": "hypothetical", "other_person_preceding": "other_person",
                "other_drug_preceding": "other_drug"}


class Scope:
    """The cues of one message, indexed by position, so each match looks only nearby."""

    def __init__(self, tokens: list[Token], cues: list[Cue], lexicon: Lexicon, text: str = "",
                 matched: frozenset[int] | set[int] = frozenset()) -> None:
        self.tokens, self.lexicon = tokens, lexicon
        # "(if I don't eat first), sleepiness": a closing bracket ends every cue's
        # reach; an opening one ends a denial's, but "they cause mood problems
        # (severe mood swings)" still blames them for what is in the brackets.
        gaps = [(i, text[tokens[i - 1].end:tokens[i].start]) for i in range(1, len(tokens)) if tokens[i].brk == CLAUSE]
        self.parens = {i for i, gap in gaps if ")" in gap or "]" in gap}
        self.openers = {i for i, gap in gaps if i not in self.parens and ("(" in gap or "[" in gap)}
        # Where a symptom was found, so that "for work, muscles tightening" does
        # not read the muscles as what the medicine is taken for.
        self.symptoms = matched
        # "Any chest pain?", "dizzy or any chest pain?": a sign asked about.
        # Only where "any" opens the question or joins a list ("or any"): "is it normal
        # that I have any trouble breathing?" says the patient has it.
        self.asked_at = {i for i, t in enumerate(tokens) if t.norm in lexicon.asking and in_question(text, tokens, i)
                         and (i == 0 or t.brk != NO_BREAK or tokens[i - 1].norm in lexicon.coordinators)}
        self.text, self.asides = text, asides(tokens, lexicon)

        # "since starting it a month ago": that past dates the start of a time up to now
        cues = [c for c in cues if not (c.kind.startswith("historical") and since_started(tokens, lexicon, c.first))]
        # ("depression still there": an illness's lasting cue is no turn, as "no rash, still sore" is)
        self.terminators = {i for c in cues if c.kind == "termination" for i in range(c.first, c.end)} \
            - {c.first for c in cues if c.kind == "condition_following"}
        self.ending_at: dict[int, list[Cue]] = {}
        self.starting_at: dict[int, list[Cue]] = {}
        for c in cues:
            if c.kind in _FOLLOWING or c.kind in ("answer", "adjacent"):
                self.starting_at.setdefault(c.first, []).append(c)
            elif c.kind != "termination":
                self.ending_at.setdefault(c.end, []).append(c)
        # A time opening a sentence reaches all of it: "years ago, before I was
        # on baclofen, I had a seizure".
        self.sentence_of = []
        start = 0
        for i, tok in enumerate(tokens):
            if tok.brk == SENTENCE:
                start = i
            self.sentence_of.append(start)
        self.sentence_past = {c.first: c for c in cues
                              if c.kind == "historical_preceding" and self.sentence_of[c.first] == c.first}
        # ... and so does another medicine's time: "since starting the pregabalin, I've put on weight".
        self.sentence_other = {c.first: c for c in cues
                               if c.kind == "other_drug_preceding" and self.sentence_of[c.first] == c.first
                               and tokens[c.first].norm in lexicon.time_openers}

    def stops(self, i: int) -> bool:
        """Whether the reach of a cue ends between token i-1 and token i."""
        tok = self.tokens[i]
        if tok.brk == SENTENCE or i in self.terminators or i in self.parens or i in self.openers:
            return True
        return tok.brk == CLAUSE and tok.norm in self.lexicon.clause_openers

    def status(self, first: int, last: int, target: str | None, window: int = NEGATION_WINDOW,
               following: int = FOLLOWING_WINDOW, term: str = "", reported: int = -1) -> tuple[str, Cue | None]:
        """How the words from ``first`` to ``last`` are meant: ("negated", "no") for
        "no chest pain"; the nearest cue wins."""
        status, cue = self._status(first, last, target, window, following, term, reported)
        if target is not None and (status == "historical" and self._recurs(last)
                                   or status in ("hypothetical", "other_person")
                                   and had_after(self.tokens, self.lexicon, last, status == "other_person")):
            return "affirmed", None  # "warned of fits, now I've had one", "reviews mention it and I have it"
        if status == "affirmed" and target is not None and answered_no(self.tokens, self.lexicon, self.ending_at, first, last):
            return "negated", None  # "the doctor asked whether I'd had any fits and I said no"
        if status == "condition" and self._worsened(first, last, any(c.kind == "indication" for c in self.ending_at.get(cue.end, ()))):
            return "affirmed", None  # "my depression is much worse since I started it"
        if status == "resolved" and cue and partial_end(self.tokens, self.lexicon, cue.first, cue.end, self.symptoms):
            return "affirmed", None  # "the dizziness has eased a bit but is still there"
        return status, cue

    def _recurs(self, last: int) -> bool:
        """Whether the clause after a symptom brings it to the present: "and is
        having one now", "and again this morning" (but "and now I'm dizzy" opens
        a clause of its own)."""
        k = last + 1
        while k < len(self.tokens) and self.tokens[k].brk == NO_BREAK:
            norm = self.tokens[k].norm
            if norm in self.lexicon.contrast:
                return False  # "dizziness at the start, but it's gone now"
            if norm in self.lexicon.recurring or (
                    norm in self.lexicon.present and self.tokens[k - 1].norm not in self.lexicon.coordinators):
                return True
            k += 1
        return False

    def _worsened(self, first: int, last: int, reason: bool = False) -> bool:
        """Whether the clause around a symptom says it got worse: "my anxiety has got worse" (not in a cue
        that tells it eased: "no worse"; nor, for a ``reason``, before it: "because of a worsening depression")."""
        lo = first  # before it, within its own clause: "more energy, less depressed" is no worse
        while lo > 0 and not reason and first - lo < WORSENING_WINDOW and not self.stops(lo) and self.tokens[lo].brk == NO_BREAK:
            lo -= 1
        hi = last
        while hi + 1 < len(self.tokens) and hi - last < WORSENING_WINDOW and not self.stops(hi + 1):
            hi += 1
        eased = {k for i in range(lo, hi + 1) for c in self.starting_at.get(i, ())
                 if c.kind == "condition_following" for k in range(c.first, c.end)}
        return any(self.tokens[k].norm in self.lexicon.worsening and k not in eased for k in range(lo, hi + 1))

    def _status(self, first: int, last: int, target: str | None, window: int, following: int,
                term: str, reported: int) -> tuple[str, Cue | None]:
        status, cue = self._near_status(first, last, target, window, following, term, reported)
        other = self.sentence_other.get(self.sentence_of[first])
        if status == "affirmed" and other is not None and self._opening_reaches(other, first, True) \
                and not self._not_blamed(other, first, True):
            return "other_drug", other
        if status in ("affirmed", "resolved") and target is not None:
            # "I used to have turns where I couldn't breathe, not any more": the past, not a fit just over
            past = self.sentence_past.get(self.sentence_of[first])
            if past is not None and self._opening_reaches(past, first):
                return "historical", past
        return status, cue

    def _opening_reaches(self, cue: Cue, first: int, contrast_only: bool = False) -> bool:
        """Whether a cue opening the sentence reaches ``first``: "Last year I started it
        and now I see things": a turn to the present (or a contrast) ends its reach;
        with ``contrast_only`` ("since starting the pregabalin, I'm dizzy"), a contrast alone."""
        return cue.end <= first and not any(
            (k in self.terminators and not contrast_only) or self.tokens[k].norm in self.lexicon.contrast
            for k in range(cue.end, first + 1))

    def _near_status(self, first: int, last: int, target: str | None, window: int, following: int,
                     term: str, reported: int) -> tuple[str, Cue | None]:
        """``reported``: the last token of the latest present symptom in this sentence, or -1."""
        illness = term in self.lexicon.illness_terms
        if target is not None and first - 1 in self.asked_at:
            return "hypothetical", Cue("hypothetical_asked", first - 1, first, self.tokens[first - 1].raw)
        found = self._preceding_status(first, target, window, illness, reported)
        if found is not None:
            return found
        return self._following_status(last, following, illness, first)

    def _preceding_status(self, first: int, target: str | None, window: int, illness: bool,
                          reported: int) -> tuple[str, Cue] | None:
        """The status a cue before the words starting at ``first`` gives them: "no" of "no rash"."""
        same_clause, open_, crossed = True, True, False
        for i in range(first, 0, -1):
            bracket = i in self.openers and i not in self.terminators \
                and self.tokens[i].norm not in self.lexicon.clause_openers
            if self.stops(i):
                tok = self.tokens[i]
                if not bracket and (tok.brk != NO_BREAK or i not in self.terminators
                                    or tok.norm in self.lexicon.contrast):
                    break
                # "my friend who's also on it had a seizure": "also" ends a denial's
                # reach, but a question or another person's story goes on.
                open_ = False
            same_clause = same_clause and (self.tokens[i].brk == NO_BREAK or bracket or i in self.asides) \
                and first - i <= HYPOTHETICAL_WINDOW
            near = open_ and first - i <= window
            crossed = crossed or self.tokens[i].brk != NO_BREAK
            for cue in self.ending_at.get(i, ()):
                if cue.kind in _ONE_OBJECT and near and self._spent(cue, first, crossed):
                    continue  # "helps with the spasms, makes me dizzy though"
                if cue.kind == "preceding" and near and not (
                        crossed and cue.first > reported >= 0 and cue.text not in self.lexicon.list_denials):
                    # A plain "no" in the middle of a list of complaints denies its own
                    # item only: "sleepy, no motivation, sexual problems".
                    return "negated", cue
                if cue.kind in _CLAUSE_WIDE and same_clause and not (
                        cue.kind == "other_drug_preceding" and self._not_blamed(cue, first, open_)) and not (
                        cue.kind == "other_person_preceding" and self_told(self.tokens, self.lexicon, cue, first)) and not (
                        cue.kind == "hypothetical_preceding"
                        and told_after_object(self.tokens, self.lexicon, cue, first, self.symptoms, self.text)):
                    return _CLAUSE_WIDE[cue.kind], cue
                if cue.kind == "hypothetical_fearing" and first == cue.end:
                    return "hypothetical", cue  # "I was worried about seizures" (not "... the fits he's having")
                if cue.kind == "hypothetical_conditional" and open_ and first - i <= CONDITIONAL_WINDOW \
                        and not self._subject_between(i, first):
                    return "hypothetical", cue  # "if I get confused, should I stop it?"
                if cue.kind == "historical_preceding" and near:
                    return "historical", cue
                if cue.kind == "improved_preceding" and near:
                    return "improved", cue
                if cue.kind == "indication" and near and crossed and not self._names_a_symptom(cue.end, first):
                    continue  # "for work, muscles tightening up": the cue's object is not a symptom
                if cue.kind == "indication" and near and target in self.lexicon.drug.indication_targets:
                    return "indication", cue
                if illness and ((cue.kind == "indication" and near)
                                or (cue.kind == "condition_preceding" and open_ and not crossed and first - i <= CONDITION_WINDOW)):
                    return "condition", cue
            if not near and not same_clause:
                break
        return None

    def _following_status(self, last: int, following: int, illness: bool, first: int = -1) -> tuple[str, Cue | None]:
        """The status a cue after the words ending at ``last`` gives them: "the rash has gone"; a time
        told right after them does not count against the reach ("dizzy for a day or two, then fine")."""
        last = joined_symptom_end(self.tokens, self.lexicon, last, self.symptoms)  # "nausea and a headache, but those ..."
        told = relative_told(self.tokens, self.lexicon, last + 1)
        told += _duration(self.tokens, self.lexicon, last + 1 + told)
        for i in range(last + 1, min(last + 2 + following + told, len(self.tokens))):
            if first >= 0 and self._asks_ahead(first, i):
                break  # "will the weakness pass?", "is the drowsiness likely to settle?"
            for cue in self.starting_at.get(i, ()):
                nxt = self.tokens[cue.end] if cue.end < len(self.tokens) else None  # "Nausea? No." (not "?? no pain")
                if cue.kind == "answer" and i == last + 1 and self.tokens[i].asked \
                        and (nxt is None or nxt.brk != NO_BREAK or nxt.norm in self.lexicon.answer_subjects):
                    return "negated", cue
                # "the headaches stopped", "has finally stopped": a cue whose subject is the symptom
                if cue.kind == "adjacent" and all(self.tokens[k].brk == NO_BREAK for k in range(last + 1, i + 1)) \
                        and all(self.tokens[k].norm in self.lexicon.ending_aux for k in range(last + 1, i)):
                    return "resolved", cue
            if self.tokens[i].brk == CLAUSE or self.stops(i):
                # "a headache, but it has gone now": the pronoun carries the cue back.
                j = back_reference(self.tokens, self.lexicon, i)
                if j > i and (self.tokens[i].brk != SENTENCE or spell_ended_after(self.tokens, self.lexicon, i, last)):
                    for cue in self.starting_at.get(j, ()):
                        if cue.kind in ("following", "adjacent"):
                            return "resolved", cue
                        if cue.kind == "other_drug_following":
                            return "other_drug", cue  # "weight gain, but it turned out to be the prednisone"
            if self.stops(i) and not (self.tokens[i].brk == NO_BREAK and self.tokens[i].norm in self.lexicon.passing):
                break  # ("the nausea also went away", "confusion yesterday now resolved": passed)
            for cue in self.starting_at.get(i, ()):
                if cue.kind in _FOLLOWING and (illness or cue.kind != "condition_following") \
                        and not self._opens_clause(last, cue):
                    return _FOLLOWING[cue.kind], cue
        return "affirmed", None

    def _opens_clause(self, last: int, cue: Cue) -> bool:
        """Whether a time of the past after a clause break opens a clause of its own, with
        its subject: "dizzy all day, before this I was fine" (not "cramps before this, now rare")."""
        return cue.kind == "historical_following" and cue.end < len(self.tokens) \
            and self.tokens[cue.end].brk == NO_BREAK and self.tokens[cue.end].norm in self.lexicon.answer_subjects \
            and any(self.tokens[k].brk != NO_BREAK for k in range(last + 1, cue.first + 1))

    def _asks_ahead(self, first: int, i: int) -> bool:
        """Whether an end asked about comes at ``i`` after the symptom at ``first``: a
        question with a modal before the symptom, or "to" before the end ("likely
        to settle?"); not a report with a question after it ("the rash has gone, is
        that normal?")."""
        if not any(c.kind in ("following", "adjacent") for c in self.starting_at.get(i, ())):
            return False
        if not in_question(self.text, self.tokens, i):
            return False
        modal = self.lexicon.classes.get("modal", frozenset()) | self.lexicon.classes.get("asked_ahead", frozenset())
        start = self.sentence_of[first]
        return self.tokens[i - 1].norm == "to" or any(self.tokens[k].norm in modal for k in range(start, first))

    def followed_by(self, last: int, kind: str, reach: int) -> bool:
        """Whether a cue of ``kind`` starts within ``reach`` words after token ``last``, in its clause."""
        for i in range(last + 1, min(last + 2 + reach, len(self.tokens))):
            if self.stops(i) or self.tokens[i].brk != NO_BREAK:
                return False
            if any(cue.kind == kind for cue in self.starting_at.get(i, ())):
                return True
        return False

    def _spent(self, cue: Cue, first: int, crossed: bool) -> bool:
        """Whether a cue has found its object before the words at ``first``: a cue
        takes one object.  "helps with the spasms, makes me dizzy though": a new
        predicate after that object, or a clause break and a turn ("though", "now")
        around the later words, starts a clause of their own.  "no motivation, dizzy
        all day": a plain denial crosses a break only to go on denying a list."""
        if cue.text in self.lexicon.list_denials:  # "denies SI, mood reported as low": a clause of its own
            return crossed and item_told(self.tokens, self.lexicon, cue.end, first)
        if cue.kind == "improved_preceding" and cue.end <= first and self.tokens[cue.end].brk == CLAUSE \
                and not self.tokens[cue.end].asked:
            return True  # "I go out less, chest pain at night": the relief word ends its clause
        if crossed and cue.kind in ("preceding", "improved_preceding") \
                and qualified_item(self.tokens, self.lexicon, self.symptoms, first):
            return True  # "no vomiting, some nausea", "less pain, a little headache": the later item is told as had
        held = [k for k in range(cue.end, first) if k in self.symptoms]
        after = held[-1] + 1 if held else cue.end + 1  # the cue's object: a symptom, or at least a word
        # A denial's own verb phrase may hold a predicate ("hasn't really caused any
        # nausea"); after a word that is not a symptom only a joined one counts
        # ("had zero sleep and is seeing things").
        joined = cue.kind == "preceding" and not held
        if any(self.tokens[k].norm in self.lexicon.predicates
               and (not joined or self.tokens[k - 1].norm in self.lexicon.joiners) for k in range(after, first)):
            return True
        if not held and crossed and cue.kind == "preceding" and cue.end < first:
            # "3 days without, and he's seeing things", "didn't like it, two days later he's
            # agitated": a new subject after the break, a clause of its own
            brk = max(k for k in range(cue.end, first + 1) if self.tokens[k].brk != NO_BREAK)
            if self._subject_between(brk, first):
                return True
        if not held:
            # "No: nausea, vomiting": a denial with nothing of its own before the break heads a list
            return crossed and cue.kind == "preceding" and cue.end < first \
                and self.tokens[cue.end].brk == NO_BREAK and self._predicated(first)
        return any(self.tokens[k].brk != NO_BREAK for k in range(after, first + 1)) and self._turns(first)

    def _predicated(self, first: int) -> bool:
        """Whether the clause of the symptom at ``first`` says more than the symptom,
        as a clause of its own does ("dizzy all day", "the headaches are awful"), where
        an item of a list is the symptom alone ("no dry mouth, constipation or rash")."""
        k = first
        while k + 1 < len(self.tokens) and self.tokens[k + 1].brk == NO_BREAK:
            k += 1
            if k not in self.symptoms and self.tokens[k].norm not in self.lexicon.coordinators:
                return True
        return False

    def _turns(self, first: int) -> bool:
        """Whether the clause from ``first`` on holds a turn: "..., foggy headed though"."""
        for k in range(first, min(first + TURN_REACH, len(self.tokens))):
            if k > first and self.tokens[k].brk != NO_BREAK:
                return False
            if self.tokens[k].norm in self.lexicon.turns:
                return True
        return False

    def _not_blamed(self, cue: Cue, first: int, open_: bool) -> bool:
        """Whether another medicine's cue stops short of the symptom at ``first``: the
        triaged drug is named in between ("the tramadol makes me drowsy and the baclofen
        makes me dizzy"), or the cue has its symptom and a new subject follows ("my
        inhaler makes me shaky and I keep seeing things")."""
        # (within the cue's own gap too: "the gabapentin, baclofen makes me dizzy")
        if any(self.tokens[k].norm in self.lexicon.drug_names for k in range(cue.first + 1, first)):
            return True
        before = cue.first - 1
        if before > 0 and self.tokens[before].norm in self.lexicon.determiners:
            before -= 1
        if before >= 0 and self.tokens[before].norm in self.lexicon.unlike:
            return True  # "unlike (the) tizanidine, this one makes me dizzy"
        between = range(cue.end, first)
        return not open_ and any(k in self.symptoms for k in between)

    def _subject_between(self, start: int, first: int) -> bool:
        """Whether a subject word stands from ``start`` to ``first``: the main clause
        after an if-clause ("if I get home late I feel exhausted")."""
        subjects = self.lexicon.clause_openers - self.lexicon.determiners
        return any(self.tokens[k].norm in subjects for k in range(start, first))

    def _names_a_symptom(self, start: int, first: int) -> bool:
        """Whether the words from ``start`` to the first break before ``first`` hold a symptom."""
        k = start
        while k < first and (k == start or self.tokens[k].brk == NO_BREAK):
            if k in self.symptoms:
                return True
            k += 1
        return False

    def continues_list(self, after: int, first: int, cue: Cue | None = None) -> bool:
        """Whether ``first`` goes on a list of denied symptoms that ended at ``after``:
        "denies CP, SOB, palpitations, syncope, rash, dark urine or hallucinations"."""
        if first - after - 1 > LIST_GAP and not denied_items_between(self.tokens, self.lexicon, after, first):
            return False
        return not any(self.stops(i) for i in range(after + 1, first + 1)) and not self._turns(first) \
            and not qualified_item(self.tokens, self.lexicon, self.symptoms, first) \
            and not (cue is not None and cue.text in self.lexicon.list_denials  # "denies fever, ankles are swollen"
                     and item_told(self.tokens, self.lexicon, after + 1, first))
