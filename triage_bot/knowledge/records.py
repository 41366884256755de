"""The frozen records the knowledge files load into: a Drug with its entries and
signs, a Language with its cues, the Concepts people's words name, the Codes
that name them in free-to-use vocabularies, and the Knowledge of one folder.
Nothing here changes once loaded.
"""
from __future__ import annotations

from ..record import record

# typing is not imported at run time: a one-shot run pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Mapping

# The monograph's four tables, least to most urgent as the disposition ranks them.
TABLES = ("if_bothersome", "medical_attention", "withdrawal", "overdose")
DISPOSITIONS = ("none", "if_bothersome", "medical_attention", "withdrawal", "emergency")
CONTEXT_KINDS = (
    "stopped_suddenly", "stopped", "not_stopped", "took_too_much", "not_too_much",
    "ingestion", "intentional", "red_flag", "diabetes", "pump_problem", "fever", "suicidal_thoughts",
    "about_another", "literal", "took_less", "vomiting", "carer_writes", "writer_takes", "writer_shares", "exertion", "usual",
    "lung_condition", "eye_cause", "on_pump", "kidney_problem", "sweating", "device_fault", "unsure_too_much",
    "hoard", "within_reach", "head_injury", "as_prescribed", "not_taking", "means_at_hand",
)


class FrozenMap(dict):
    """A read-only dict: knowledge records never change once loaded."""

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("knowledge is read-only")

    __setitem__ = __delitem__ = __ior__ = clear = update = pop = popitem = setdefault = _read_only  # type: ignore

    def __reduce__(self) -> tuple:
        return (FrozenMap, (dict(self),))


class KnowledgeError(ValueError):
    """A knowledge file is missing, unreadable or says something we do not understand."""


@record
class Code:
    """A symptom in free-to-use vocabularies: its Human Phenotype Ontology term and,
    where known, its UMLS concept ("headache": HP:0002315 Headache, C0018681)."""
    hpo: str                              # "HP:0002315"
    hpo_name: str                         # the HPO term's name as the ontology spells it: "Headache"
    umls: str = ""                        # "C0018681"; "" when not known


@record
class Frame:
    """Words that together say a sign in any order within one clause.

    ``Frame(head=("breathing", "breath"), with_=("hard", "slow"), ...)``
    reads "breathing is hard", "a hard time breathing" and "my breath is very
    slow" alike; a word of ``without`` in the clause cancels it ("can't
    breathe through my nose" is a stuffy nose, not troubled breathing).
    """
    head: tuple[str, ...]                 # the body part or function
    with_: tuple[str, ...]                # what is wrong with it
    without: tuple[str, ...]
    reach: int                            # most words from the frame's first word to its last
    denied: bool                          # the qualifier counts only when denied: "eyes don't line up"
    joins: bool = False                   # reaches across "and": "blacked out and bit my tongue"
    sequence: bool = False                # reaches across "then" only: "went stiff, then jerking"
    lists: bool = False                   # reaches across a bare comma too: "zoned out, lips smacking"
    illness: bool = False                 # also names an illness the patient may have: "still feel down"


@record
class Concept:
    """A symptom as people say it, whatever the drug: "troubled_breathing"."""
    id: str
    terms: tuple[str, ...]                # lay phrases, normalised like patient text
    abbreviations: tuple[str, ...]        # matched with the case as written (SOB)
    frames: tuple[Frame, ...]
    illness: tuple[str, ...]              # terms that also name an illness ("depression")
    path: str                             # the file it came from
    code: Code | None = None              # its HPO term (and UMLS concept), if it has one
    hpo_none: str = ""                    # why it has no HPO term, when it has none


@record
class Sign:
    """A parenthesised sign of an entry, e.g. 'drowsiness' of 'CNS effects'."""
    ref: str                              # "cns_effects.drowsiness"
    text: str                             # as printed in the monograph
    figure: str                           # incidence figure, e.g. "up to 63%"
    terms: tuple[str, ...]                # the drug file's own words for it
    abbreviations: tuple[str, ...]
    concepts: tuple[str, ...]             # the language's concepts it is
    say: str                              # what the bot calls it: "drowsiness (feeling sleepy)"
    code: Code | None = None              # the drug file's own code; it wins over its concepts'
    hpo_none: str = ""                    # why it has no HPO term, when it has none


@record
class Entry:
    """An entry of one of the monograph's tables, e.g. 'chest pain'."""
    ref: str
    table: str
    effect: str                           # as printed, without citation marks and figures
    incidence: str
    figure: str
    citations: tuple[str, ...]
    note: str
    terms: tuple[str, ...]
    abbreviations: tuple[str, ...]
    concepts: tuple[str, ...]
    signs: tuple[Sign, ...]
    say: str                              # what the bot calls it ("blood in your urine, or dark urine")
    code: Code | None = None              # the drug file's own code; it wins over its concepts'
    hpo_none: str = ""                    # why it has no HPO term, when it has none


@record
class Target:
    """What a lay term points at: an entry, or one sign of it."""
    ref: str
    entry: Entry
    sign: Sign | None
    # the codes of the sign (or entry): its own, else its concept's; set once the concepts are loaded
    code: Code | None = None

    @property
    def tier(self) -> str:
        return self.entry.table

    @property
    def effect(self) -> str:
        return self.entry.effect

    @property
    def sign_text(self) -> str:
        return self.sign.text if self.sign else ""

    @property
    def name(self) -> str:
        """What the bot calls it to a patient: the sign's own name, else the entry's."""
        return self.sign.say if self.sign else self.entry.say


@record
class Placement:
    sign: str
    when: str
    to: str


@record
class WaitOnOverdose:
    """An overdose-table sign that, said with every one of these contexts ("out of
    breath after the stairs, as always": exertion and usual) and in one of these
    words, waits on an overdose as the [overdose_context_only] signs do."""
    target: str
    when: tuple[str, ...]
    terms: tuple[str, ...] = ()


@record
class RedFlag:
    target: str
    reason: str


@record
class Measurement:
    """A number a nurse or patient quotes, read against thresholds: "BP 88/50", "RR 8"."""
    name: str                             # "blood pressure"
    cues: tuple[str, ...]                 # words that introduce the reading
    reading: str                          # "pair" (88/50) or "number" (8)
    below: tuple[int, ...]                # a value under its threshold is the sign
    target: str                           # entry or sign it indicates
    above: tuple[int, ...] = ()           # or a value over its threshold: "sleeping 14 hours a day"
    unit: str = ""                        # the word the number must stand before ("hours"), if any
    units: tuple[str, ...] = ()           # words that may follow a reading with no cue before it: "6 breaths a minute"
    context: str = ""                     # or a context kind it signals instead of a target: "GCS 8" is a red flag


@record
class ContextRuleOfDrug:
    """A disposition that a context sets, alone or with certain signs: an
    intrathecal pump problem with fever or rigidity is an emergency."""
    id: str
    when: str                             # a context kind ("pump_problem")
    with_any: tuple[str, ...]             # entries, signs or context kinds, any one of which must
                                          # be present; empty: none needed
    disposition: str
    reason: str                           # what /why and the reasons list say
    advice: str                           # said before the tier's advice ("" for none)
    why: str                              # the clinical reason, for the maintainer
    source: str
    with_all: tuple[str, ...] = ()        # entries, signs or context kinds that must all be
                                          # present as well
    unless: tuple[str, ...] = ()          # context kinds any one of which cancels the rule
                                          # ("usual": "the usual drowsiness")


@record
class Question:
    """A follow-up question that settles a tier, and what to do if it is left unanswered and true."""
    id: str
    settles: str                          # "stopped_suddenly" or "took_too_much"
    text: str
    ask_for: tuple[str, ...]              # entries or signs that make it worth asking
    if_yes: str                           # said when the question is still open at the end
    # answers that say yes without a yes word: "number" ("I took 6"), "date"
    # ("since Tuesday", "two days ago": when it happened, so it did)
    yes_if: tuple[str, ...] = ()
    # this question's own answer words, read before the language's: "not since
    # sunday" answers the stop question yes, "like always" the too-much one no
    yes_words: tuple[str, ...] = ()
    no_words: tuple[str, ...] = ()
    # "not sure" is the safer yes only beside one of these signs (or one told as severe,
    # [dialogue.words] unsure_weighs); beside milder ones it sets the context ``unsure_sets``
    unsure_yes_with: tuple[str, ...] = ()
    unsure_sets: str = ""


@record
class Precaution:
    id: str
    text: str
    when: tuple[str, ...]


@record
class Interaction:
    group: str
    major: bool
    effect: str
    names: tuple[str, ...]


@record
class Drug:
    id: str
    name: str
    brand_names: tuple[str, ...]
    source: str
    strengths_mg: tuple[int, ...]
    max_daily_mg: int
    max_dose_mg: int                      # the most in one dose at the labelled maximum
    names: tuple[str, ...]
    entries: tuple[Entry, ...]
    targets: Mapping[str, Target]
    placements: tuple[Placement, ...]
    red_flags: tuple[RedFlag, ...]
    measurements: tuple[Measurement, ...]
    questions: tuple[Question, ...]
    advice: Mapping[str, str]
    precautions: tuple[Precaution, ...]
    interactions: tuple[Interaction, ...]
    indication_targets: frozenset[str]    # signs that are also what the drug treats
    after_stop_only: frozenset[str]       # signs the monograph lists only after an abrupt stop
    context_rules: tuple[ContextRuleOfDrug, ...]
    path: str
    # [advice.lead]: an advice's first sentence naming the symptom it is about
    # ("Check with your doctor about {what} ..."), and the word "and"
    leads: Mapping[str, str] = FrozenMap()
    # overdose-table signs that are an emergency only with an overdose in view
    # (too much taken, an ingestion, another overdose sign), and their disposition alone
    overdose_context_only: frozenset[str] = frozenset()
    alone_disposition: str = "emergency"
    # signs outside the overdose table that put an overdose in view beside them ("drowsy, tiny pupils")
    overdose_in_view_with: frozenset[str] = frozenset()
    # ... and signs that wait on an overdose only in a context ([[waits_on_overdose]])
    waits_on_overdose: tuple[WaitOnOverdose, ...] = ()
    # signs that need the doctor even once they have passed ("chest pain this morning, gone now")
    counts_when_passed: frozenset[str] = frozenset()
    # context kinds that are a sign themselves, and the sign ([context_signs]: thoughts of
    # suicide told without a mood word are the mood change)
    context_signs: Mapping[str, str] = FrozenMap()


@record
class ContextRule:
    """Cue patterns for one kind of context, e.g. stopped_suddenly: "ran out"."""
    kind: str
    patterns: tuple[str, ...]
    reach: int                            # how many words "..." may skip in these patterns
    shares_words: bool = False            # the cue only marks the message: its words stay free
                                          # for every other cue ("my friend" is still another person)
    concepts: tuple[str, ...] = ()        # concepts whose terms and frames also say it ("she won't wake")


@record
class Language:
    id: str
    name: str
    negation: Mapping[str, tuple[str, ...]]
    hypothetical: Mapping[str, tuple[str, ...]]  # preceding and following cues
    historical: Mapping[str, tuple[str, ...]]
    indication: tuple[str, ...]
    ignore: tuple[str, ...]
    classes: Mapping[str, tuple[str, ...]]
    context: tuple[ContextRule, ...]
    common_words: frozenset[str]
    answers: Mapping[str, tuple[str, ...]]
    texting: Mapping[str, str]            # texting form -> what it stands for ("outta" -> "out of")
    amounts: Mapping[str, Any]            # number words, units, ingestion verbs and regimen cues
    # other ConText categories (other_person, other_drug), each with preceding and following cues
    categories: Mapping[str, Mapping[str, tuple[str, ...]]]
    path: str
    wording: Mapping[str, Mapping[str, str]] = FrozenMap()  # [wording]: rule and reason lines


@record
class Knowledge:
    """Everything loaded from one knowledge folder."""
    drugs: Mapping[str, Drug]
    language: Language
    concepts: Mapping[str, Concept]
    dialogue: Mapping[str, Any]           # the [dialogue] file as read (validated by the conversation)
    folder: str
    answer_words: Mapping[str, Any]       # the [answer_words] file (validated by triage_bot.answers)

    def lay_terms(self, item: Entry | Sign) -> tuple[str, ...]:
        """The words for an entry or sign: the drug file's own and its concepts' ("dizzy", ...)."""
        terms = list(item.terms)
        for cid in item.concepts:
            terms.extend(self.concepts[cid].terms)
        return tuple(dict.fromkeys(terms))

    def drug(self, name: str | None = None) -> Drug:
        """The drug called ``name`` (any of its names), or the only/first one."""
        if name is None:
            return next(iter(self.drugs.values()))
        key = name.strip().lower()
        for drug in self.drugs.values():
            if key == drug.id or key in (n.lower() for n in drug.names + drug.brand_names):
                return drug
        raise KnowledgeError(f"no drug {name!r} in {self.folder}; known: {', '.join(self.drugs)}")
