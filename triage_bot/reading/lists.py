"""How a list of symptoms reads: where a list of denials goes on, and where an
item of it is told as present ("denies CP, SOB, N/V" against "denies fever, ankles
are swollen", "no vomiting, some nausea")."""
from __future__ import annotations

from .tokens import CLAUSE, NO_BREAK, Token

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .lexicon import Lexicon


def denied_items_between(tokens: list[Token], lexicon: Lexicon, after: int, first: int) -> bool:
    """Whether every comma item from ``after`` to the symptom at ``first`` opens with a list word
    ("any", "no"; after "or" too), so a list of denials runs on past an item that names no
    symptom: "haven't had any dizziness, any problems with my waterworks, or any trouble breathing"."""
    items = lexicon.classes.get("list_items", frozenset())
    breaks = [k for k in range(after + 1, first + 1) if tokens[k].brk != NO_BREAK]
    if not breaks or any(tokens[k].brk != CLAUSE for k in breaks):
        return False
    for k in breaks:
        while k < first and tokens[k].norm in lexicon.coordinators:
            k += 1  # "..., or any trouble breathing"
        if tokens[k].norm not in items:
            return False
    return True


# How many words before a list item a qualifier may stand ("a little bit of nausea").
QUALIFIER_REACH = 3


def qualified_item(tokens: list[Token], lexicon: Lexicon, symptoms: set[int] | frozenset[int], first: int) -> bool:
    """Whether the symptom at ``first``, after a break, is told with a word that reports
    it: an amount before it ("no vomiting, some nausea", "no rash, slight headache") or a
    frequency or a yes after it ("no headaches, dizziness sometimes", "nausea yes")."""
    classes = lexicon.classes
    before, after = classes.get("item_qualifiers", frozenset()), classes.get("item_reports", frozenset())
    k = first - 1
    while k >= 0 and first - k <= QUALIFIER_REACH and tokens[k + 1].brk == NO_BREAK:
        if tokens[k].norm in before:
            return True
        k -= 1
    last = first
    while last + 1 in symptoms:
        last += 1
    return last + 1 < len(tokens) and tokens[last + 1].brk == NO_BREAK and tokens[last + 1].norm in after


def item_told(tokens: list[Token], lexicon: Lexicon, start: int, first: int) -> bool:
    """Whether the item of a denial list at ``first`` is a clause of its own, told
    with its own verb or subject after a break: "denies SI, mood reported as low",
    "denies fever, ankles are swollen" (not "denies CP, SOB on exertion", nor an
    item a relative clause qualifies: "..., or dizziness that is new")."""
    breaks = [k for k in range(start, first + 1) if tokens[k].brk != NO_BREAK]
    if not breaks:
        return False
    k = breaks[-1]
    verbs, relatives = lexicon.classes.get("item_verbs", frozenset()), lexicon.classes.get("relatives", frozenset())
    subjects = lexicon.clause_openers - lexicon.determiners
    while k < len(tokens) and (k == breaks[-1] or tokens[k].brk == NO_BREAK):
        norm = tokens[k].norm
        if norm in relatives or (k > first and norm in lexicon.coordinators):
            return False  # "..., or dizziness that is new", "..., dizziness or nausea are ..."
        if norm in verbs or (k < first and norm in subjects):
            return True
        k += 1
    return False


# How far after the start of a symptom a turn may stand ("foggy headed though").
TURN_REACH = 6


def predicated(tokens: list[Token], lexicon: Lexicon, symptoms: set[int] | frozenset[int], first: int) -> bool:
    """Whether the clause of the symptom at ``first`` says more than the symptom,
    as a clause of its own does ("dizzy all day", "the headaches are awful"), where
    an item of a list is the symptom alone ("no dry mouth, constipation or rash")."""
    k = first
    while k + 1 < len(tokens) and tokens[k + 1].brk == NO_BREAK:
        k += 1
        if k not in symptoms and tokens[k].norm not in lexicon.coordinators:
            return True
    return False


def turns_after(tokens: list[Token], lexicon: Lexicon, first: int) -> bool:
    """Whether the clause from ``first`` on holds a turn: "..., foggy headed though"."""
    for k in range(first, min(first + TURN_REACH, len(tokens))):
        if k > first and tokens[k].brk != NO_BREAK:
            return False
        if tokens[k].norm in lexicon.turns:
            return True
    return False
