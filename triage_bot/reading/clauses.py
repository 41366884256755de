"""Small readings of a clause that scope needs: a question, a pointer back, a new subject."""
from __future__ import annotations

import re

from .tokens import CLAUSE, NO_BREAK, SENTENCE, Token, normalise


TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .mentions import Cue


# How far a pointer back may run ("and after 2 weeks it"), in words.
BACK_REFERENCE_REACH = 8
# How long a relative clause after a symptom may be ("I had at the very start"), in words.
RELATIVE_REACH = 9


def relative_told(tokens: list[Token], lexicon: Lexicon, start: int) -> int:
    """How many words from ``start`` are a relative clause that tells the symptom
    was had, and when ("the drowsiness I had at the start wore off", "the dizziness
    that I got the first week has gone"): what follows is still said of the symptom."""
    classes = lexicon.classes
    k = start
    while k < len(tokens) and k - start < 2 and tokens[k].norm in classes.get("relative_heads", ()):
        k += 1  # "the dozy feeling I had"
    k += k < len(tokens) and tokens[k].norm in classes.get("relative_words", ())
    if not (k + 1 < len(tokens) and tokens[k].norm in classes.get("relative_subjects", ())
            and tokens[k + 1].norm in classes.get("relative_verbs", ())):
        return 0
    k += 2
    times = classes.get("relative_times", frozenset()) | lexicon.time_adjuncts
    while k < len(tokens) and k - start < RELATIVE_REACH and tokens[k].norm in times:
        k += 1
    return k - start if all(t.brk == NO_BREAK for t in tokens[start:k]) else 0


def asides(tokens: list[Token], lexicon: Lexicon) -> frozenset[int]:
    """The tokens right after the two commas around a relative clause told of a
    person ("my neighbour, who is on it too, said she gets seizures"): across
    them another person's story is still one clause."""
    words = lexicon.classes.get("aside_relatives", frozenset())
    found: set[int] = set()
    for i in [i for i, tok in enumerate(tokens) if tok.brk == CLAUSE and tok.norm in words]:  # most tokens: none
        for j in range(i + 1, min(len(tokens), i + RELATIVE_REACH + 1)):
            if tokens[j].brk == SENTENCE:
                break
            if tokens[j].brk == CLAUSE:
                found.update((i, j))
                break
    return frozenset(found)


def in_question(text: str, tokens: list[Token], i: int) -> bool:
    """Whether the sentence holding token ``i`` ends with a question mark."""
    # searched from the token on, not in a copy of the rest of the text: a long message stays linear
    end = _SENTENCE_MARK.search(text, tokens[i].end)
    return end is not None and end.group() == "?"


# What ends the sentence a question is read to (in_question).
_SENTENCE_MARK = re.compile(r"[.!;\n?]")


# How many words may stand between "and" and the symptom it joins ("and a bit of a headache").
JOINED_REACH = 5


def back_reference(tokens: list[Token], lexicon: Lexicon, i: int) -> int:
    """The token after the words from ``i`` that point back at a symptom told
    before a clause break ("but it", "which"), past a time they may give on the
    way ("and after 2 weeks it went away"); ``i`` when there are none."""
    j, pointed = i, False
    while j < len(tokens) and j - i < BACK_REFERENCE_REACH and (j == i or tokens[j].brk == NO_BREAK):
        norm = tokens[j].norm
        if norm in lexicon.back_references:
            pointed = True
        elif not (norm in lexicon.time_adjuncts or norm.isdigit()):
            break
        j += 1
    return j if pointed else i


def spell_ended_after(tokens: list[Token], lexicon: Lexicon, i: int, last: int) -> bool:
    """Whether the sentence opened at ``i`` by a symptom's pronoun ends a spell told at the
    start of treatment in the sentence before, up to ``last``: "vomiting at first. That all
    went away" (``start_spell_words``; not "I feel dizzy. That is normal?")."""
    classes = lexicon.classes
    if tokens[i].norm not in classes.get("symptom_pronouns", frozenset()):
        return False
    start, k = classes.get("start_spell_words", frozenset()), last
    while k >= 0:
        if tokens[k].norm in start:
            return True
        if tokens[k].brk == SENTENCE:
            return False
        k -= 1
    return False


def self_told(tokens: list[Token], lexicon: Lexicon, cue: Cue, first: int) -> bool:
    """Whether the patient is the subject between another person's cue and the
    symptom at ``first``: "my friend takes baclofen and I am having a seizure",
    "a friend had a rash, I get sleepy" (not a relative clause: "a friend who I
    work with had a seizure"); or the other person is a witness telling of the
    patient's body: "my friend say my eyes go up", "she told me my lips were blue"."""
    witness = lexicon.classes.get("witness_verbs", frozenset())
    contact = lexicon.classes.get("contact_verbs", frozenset())  # "someone I know had a rash": a relative clause
    return any(tokens[k].norm in lexicon.self_subjects and tokens[k - 1].norm not in lexicon.relatives
               and not (k + 1 < len(tokens) and tokens[k + 1].norm in contact)
               or tokens[k].norm == "my" and _after_witness(tokens, witness, k)
               for k in range(cue.first + 1, first))


def _after_witness(tokens: list[Token], witness: frozenset[str], k: int) -> bool:
    """Whether the word at ``k`` comes right after a witness's verb, or its "me"
    ("says my", "told me my"), in the same clause."""
    if tokens[k].brk != NO_BREAK:
        return False
    j = k - 1
    if j > 0 and tokens[j].norm == "me" and tokens[j].brk == NO_BREAK:
        j -= 1
    return tokens[j].norm in witness


def told_after_object(tokens: list[Token], lexicon: Lexicon, cue: Cue, first: int, symptoms: set[int] | frozenset[int],
                      text: str = "") -> bool:
    """Whether a question or warning got its own symptom before the one at ``first``
    and the patient then speaks of theirs: "my doctor warned me about drowsiness and
    sure enough I'm sleepy all day" (not "what if I get dizzy and sick")."""
    spent = next((k for k in range(cue.end, first) if k in symptoms), None)
    if spent is None:
        return False
    if any(tokens[k].norm in lexicon.self_subjects and k not in symptoms for k in range(spent + 1, first)):
        return True
    # ... or of the one they care for, a subject after a joiner: "the nurse said an overdose can
    # slow breathing and his breathing is slow now" (not asked: "what if ... and his breathing slows?")
    joined = lexicon.classes.get("joined_subjects", frozenset())
    return any(tokens[k].norm in joined and tokens[k - 1].norm in lexicon.joiners and tokens[k].brk == NO_BREAK
               for k in range(spent + 2, first + 1)) and not in_question(text, tokens, first)


# How far back from a time of the past "since" and its start may stand ("since I started on it about").
SINCE_REACH = 7


def since_started(tokens: list[Token], lexicon: Lexicon, first: int) -> bool:
    """Whether the time of the past at ``first`` ("a month ago") dates the start of a
    time that runs up to now: "since starting it about a month ago I've been constipated",
    or the time itself after "since": "down since about a month ago"."""
    classes = lexicon.classes
    started = False
    hedged = True   # only hedges so far between "since" and the time: "since about a month ago"
    for k in range(first - 1, max(-1, first - 1 - SINCE_REACH), -1):
        if tokens[k + 1].brk != NO_BREAK:
            return False
        started = started or tokens[k].norm in classes.get("started", ())
        if tokens[k].norm in classes.get("since", ()):
            return started or hedged
        hedged = hedged and tokens[k].norm in classes.get("since_hedges", ())
    return False


# How far after the supposed sign its report may stand, and how far its pronoun after "I".
HAD_SINCE_REACH = 10
ANAPHOR_REACH = 3


def had_after(tokens: list[Token], lexicon: Lexicon, last: int, own: bool = False) -> bool:
    """Whether a sign supposed or warned of (ending at ``last``) is then had, told by a
    pronoun in its sentence: "warned me it can cause fits and now I've had one" (but not
    "... but I've never had one", nor "what if I get one"); with ``own``, another person's
    sign had by the writer too ("reviews talk about drowsiness and I definitely have it")."""
    classes = lexicon.classes
    subjects, verbs, anaphors = (classes.get(k, frozenset()) for k in ("anaphor_subjects", "anaphor_verbs", "anaphors"))
    subjects = lexicon.self_subjects if own else subjects
    felt, crossed = classes.get("anaphor_felt", frozenset()), False
    for k in range(last + 1, min(last + 1 + HAD_SINCE_REACH, len(tokens))):
        if tokens[k].brk == SENTENCE and (crossed or not tokens[k].asked):
            return False  # one question's end may be crossed: "can it slow your breathing? it feels slow"
        crossed = crossed or tokens[k].brk == SENTENCE
        if tokens[k].norm in lexicon.denial_words or tokens[k].norm == "if":
            return False
        if tokens[k].norm in anaphors and k + 1 < len(tokens) and tokens[k + 1].norm in felt:
            return True  # the sign itself felt: "... my breathing to slow down? it feels slow"
        if _like_i_did(tokens, k, classes):
            return True  # the writer's own, compared: "if you get vertigo from it like I did"
        if tokens[k].norm not in subjects:
            continue
        ahead = [t.norm for t in tokens[k + 1:k + 1 + ANAPHOR_REACH + 1]]
        verb = next((j for j, w in enumerate(ahead) if w in verbs), None)
        if verb is not None and not any(w in lexicon.denial_words for w in ahead[:verb]) \
                and any(w in anaphors for w in ahead[verb + 1:verb + 3]) \
                and not (ahead[verb] in classes.get("started", frozenset()) and ahead[verb + 1:verb + 2] == ["it"]):
            return True  # (not "I'm thinking of starting it": the medicine started)
    return False


def _like_i_did(tokens: list[Token], k: int, classes: dict) -> bool:
    """Whether "like I did" / "as I did" stands at token ``k``."""
    return k + 2 < len(tokens) and tokens[k].norm in classes.get("comparers", frozenset()) \
        and tokens[k + 1].norm in classes.get("self_subjects", frozenset()) \
        and tokens[k + 2].norm in classes.get("past_do", frozenset())


_HAVE = normalise("have")
_BACK, _TO = normalise("back"), normalise("to")


def asked_in_clause(text: str, tokens: list[Token], lexicon: Lexicon, i: int) -> bool:
    """Whether token ``i`` stands in a question that opens its clause with a modal and a
    subject: "like could I stop breathing?", "will he get headaches?" (not "could he be
    having a fit?" nor "could I have had one?", which doubt what happened)."""
    if not in_question(text, tokens, i):
        return False
    classes = lexicon.classes
    k = i
    while k > 0 and tokens[k].brk == NO_BREAK:
        k -= 1
    while k < i and tokens[k].norm in classes.get("question_fillers", frozenset()):
        k += 1
    modal, subjects = classes.get("modal", frozenset()), classes.get("question_subjects", frozenset())
    if k < i and tokens[k].norm in classes.get("question_conditions", frozenset()):
        # "if I miss a dose will I have a seizure?": the question opens after its if-clause
        k = next((m for m in range(k + 1, i - 1) if tokens[m].norm in modal and tokens[m + 1].norm in subjects), k)
    doubts = classes.get("question_doubts", frozenset())
    after = k + 3 if k + 3 <= i and tokens[k + 2].norm == _HAVE else k + 2  # "could I have had one?"
    if any(tokens[m].norm in classes.get("question_help", frozenset()) for m in range(k, i)):
        return False  # "do I need to go to A&E if she had a fit?": help asked for, the sign told
    return k + 2 <= i and tokens[k].norm in modal and tokens[k + 1].norm in subjects and tokens[after].norm not in doubts



def joined_symptom_end(tokens: list[Token], lexicon: Lexicon, last: int, symptoms: set[int]) -> int:
    """The end of the symptoms joined by "and" or "or" to the one ending at ``last``, in its
    clause, so that a cue after them reaches it too: "some nausea and a bit of a headache,
    but those only lasted a few days" (a few words may stand between: "and felt a bit sick")."""
    n, start = len(tokens), last
    k = last + 1
    while k < n and tokens[k].brk == NO_BREAK and tokens[k].norm in lexicon.coordinators:
        j = k + 1
        while j < n and j - k <= JOINED_REACH and tokens[j].brk == NO_BREAK and j not in symptoms:
            j += 1
        if j >= n or j not in symptoms or tokens[j].brk != NO_BREAK:
            break
        while j + 1 < n and j + 1 in symptoms and tokens[j + 1].brk == NO_BREAK:
            j += 1
        last, k = j, j + 1
    # only when a pronoun after them points back at them all ("..., but those", "but both of them");
    # not "dizzy and a headache, the headache has gone", where the end is the headache's alone
    for k in range(last + 1, min(last + 2 + JOINED_REACH, n)):
        if (tokens[k].brk == CLAUSE or tokens[k].norm in lexicon.contrast) and back_reference(tokens, lexicon, k) > k:
            return last
    return start


# How far after an end a word may say it is only partly over ("eased a bit, but it's still there").
PARTIAL_REACH = 6


def partial_end(tokens: list[Token], lexicon: Lexicon, first: int, end: int,
                symptoms: set[int] | frozenset[int] = frozenset()) -> bool:
    """Whether the end told by the cue from ``first`` to ``end`` is only partial: a word of
    degree beside it ("mostly gone", "has eased a bit", "faded about 75%") or the symptom
    said to last after a contrast ("has lessened but is still there", "... but not completely"; not
    "gone, but I still get headaches", where what lasts is another symptom), or to come back."""
    classes = lexicon.classes
    partly, lasting = classes.get("partial_words", frozenset()), classes.get("lasting_words", frozenset())
    if not any(tokens[j].norm in classes.get("ended_words", frozenset()) for j in range(first, end)):
        return False  # "my stiffness is a bit better": relief, not a symptom partly over
    if first > 0 and tokens[first].brk == NO_BREAK and tokens[first - 1].norm in partly:
        return True
    contrast = False
    for k in range(end, min(end + PARTIAL_REACH, len(tokens))):
        if tokens[k].brk == SENTENCE:
            return False
        if k == end and tokens[k].brk == NO_BREAK and tokens[k].norm in partly:
            return True
        contrast = contrast or tokens[k].norm in classes.get("contrast", frozenset())
        if k in symptoms or contrast and tokens[k].norm in lexicon.self_subjects:
            return False  # "gone, but I still take it at night": the writer goes on, not the symptom
        if contrast and tokens[k].norm in lasting:
            return not any(j in symptoms for j in range(k, min(k + PARTIAL_REACH, len(tokens))))
        if _came_back(tokens, lexicon, k):
            return True  # "went away but came back", "wore off, then returned at 60mg"
    return False


def _came_back(tokens: list[Token], lexicon: Lexicon, k: int) -> bool:
    """Whether the word at ``k`` tells a symptom come back ("came back", "they're back",
    "returned"; not "never came back", "went back to work", "back to normal")."""
    classes = lexicon.classes
    k0 = k
    if tokens[k].norm == _BACK:
        if k < 1 or tokens[k - 1].norm not in classes.get("coming_back", frozenset()) \
                or (k + 1 < len(tokens) and tokens[k + 1].norm == _TO):
            return False
        k0 = k - 1
    elif tokens[k].norm not in classes.get("returning_words", frozenset()):
        return False
    return k0 < 1 or tokens[k0 - 1].norm not in lexicon.denial_words


# How long a time told right after a symptom may be ("for the first couple of days"), in words.
DURATION_REACH = 6


def duration(tokens: list[Token], lexicon: Lexicon, start: int) -> int:
    """How many words from ``start`` tell a time, in one clause ("for a day or two")."""
    k = start
    while k < len(tokens) and k - start < DURATION_REACH and tokens[k].brk == NO_BREAK and (
            tokens[k].norm in lexicon.time_adjuncts or tokens[k].norm.isdigit()):
        k += 1
    return k - start


# How far after a supposed dose its time may stand: "if I accidentally took 20 last night".
TOLD_WHEN_REACH = 4


def told_when(tokens: list[Token], lexicon: Lexicon, cue: Cue, end: int) -> bool:
    """Whether a time just past follows a dose supposed in an if-clause, in its clause: "if I
    accidentally took 20 this morning, what do I do?" tells a dose taken (not "if I ever
    took an extra one, would it hurt?", nor a question ahead: "should I double up tonight?")."""
    if cue.kind != "hypothetical_conditional":
        return False
    classes = lexicon.classes
    when, parts = classes.get("told_when", frozenset()), classes.get("told_when_parts", frozenset())
    for k in range(end, min(end + TOLD_WHEN_REACH, len(tokens))):
        if tokens[k].brk != NO_BREAK:
            return False
        if tokens[k].norm in when or (tokens[k].norm == "this" and k + 1 < len(tokens) and tokens[k + 1].norm in parts):
            return True
    return False


# How far after a sign asked about its answer may stand: "asked if I'd had fits and I said no".
ANSWER_REACH = 8


def answered_no(tokens: list[Token], lexicon: Lexicon, ending_at: dict[int, list[Cue]], first: int, last: int) -> bool:
    """Whether the sign at ``first..last`` was asked about by someone ("the doctor asked whether
    I'd had any fits") and the answer told after it is no ("and I said no"), in its sentence or
    the next (a sign told after the answer is not in its reach: "I said no. Now my lips are blue")."""
    k = first
    while not any(c.kind == "asked" for c in ending_at.get(k, ())):
        if k == 0 or tokens[k].brk == SENTENCE:
            return False
        k -= 1
    sentences = 0
    for j in range(last + 1, min(last + 1 + ANSWER_REACH, len(tokens))):
        sentences += tokens[j].brk == SENTENCE
        if sentences > 1:
            return False
        if any(c.kind == "asked_answers" and c.first > last for c in ending_at.get(j + 1, ())):
            return not _turned_after(tokens, lexicon, j + 1)
    return False


def _turned_after(tokens: list[Token], lexicon: Lexicon, k: int) -> bool:
    """Whether a contrast follows an answer in its sentence: "I said no but now it's very shallow"."""
    while k < len(tokens) and tokens[k].brk != SENTENCE:
        if tokens[k].norm in lexicon.contrast:
            return True
        k += 1
    return False

