"""What a correction takes back in a conversation, before a turn is recorded.

"Sorry, I mixed that up" is the patient correcting themselves, not confusion;
"sorry I meant my knees, not my chest" takes back the chest pain said before;
"my head is fine now" and, just after the headache was told, "that's gone now"
say the headache has passed.  The words are the dialogue file's
([dialogue.words] correction, not_that_place, resolved, no_longer) and the
language file's determiners; this module only reads a turn against what was heard.
"""
from __future__ import annotations

import re

from .answers import YesNoReader, find_phrases, plain
from .matcher import Match
from .state import State
from .triager import DATED_BACK, RENAMED
from .wording import Dialogue
TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any, Mapping

# A word after "not my" shorter than this names no place: "not my ... ok".
MIN_PLACE_CHARS = 3


def _clauses_are_runs(text: str) -> bool:
    """Whether each clause's folded words are a run of the whole turn's, so a phrase
    no clause can hold unless the turn does: not when a clause may start inside one
    of the turn's words (after a "/", "_" or "\u2019") or casefolding changes its length."""
    return not ("/" in text or "_" in text or "\u2019" in text or len(text.casefold()) != len(text))


class Mender:
    """Reads a turn's corrections of the conversation so far."""

    def __init__(self, dialogue: Dialogue, reader: YesNoReader, classes: Mapping[str, frozenset[str]] | None = None,
                 ignore: tuple[str, ...] = (), drug: Any = None) -> None:
        """``drug``: the medicine (its names, and its [counts_when_passed] signs, which a blame
        elsewhere never sets aside: the doctor must hear of chest pain whatever it is put down to)."""
        classes = classes or {}
        # the words that name this medicine ("baclofen", "the tablets", "it"): a sign blamed on them stays
        self.drug_words = frozenset(plain(w) for w in (*getattr(drug, "names", ()), *classes.get("medicine", ())))
        self.kept = frozenset(getattr(drug, "counts_when_passed", ()))
        self.dialogue, self.reader = dialogue, reader
        self.determiners = classes.get("determiners", frozenset())
        self.contrast = classes.get("contrast", frozenset())
        self.either_or = classes.get("either_or", frozenset())  # "or any chest pain" goes on denying
        # the language's phrases to ignore ("coughing fit", "temper fit"), folded: a correction
        # that holds one renames the earlier sign that shares its word
        self.ignore = tuple(sorted({plain(p) for p in ignore} - {""}, key=len, reverse=True))
        # each word list folded once, longest first, not once per turn and phrase
        self.folded = {key: tuple(sorted({plain(p) for p in dialogue.words[key]} - {""}, key=len, reverse=True))
                       for key in ("correction", "again", "resolved", "long_ago", "dated_openers", "dated_vetoes",
                                   "blamed_on", "blamed_maybe", "drug_cleared", "blame_doubts")}
        # the phrases that say a sign has passed, by first word: a turn that holds none
        # of them has no clause that says so
        self.passed = tuple(sorted((set(self.folded["resolved"]) | {plain(p) for p in dialogue.words["no_longer"]}) - {""}))
        self.passed_by_start = _by_start(self.passed)
        # the same lists padded for whole-word look-up (" years ago "), padded once
        self.padded = {key: tuple(f" {p} " for p in phrases) for key, phrases in self.folded.items()}
        self.correction_by_start = _by_start(self.folded["correction"])

    def mend(self, state: State, text: str, matches: list[Match], emergency: bool,
             answering: bool = False, cued: bool = False) -> list[Match]:
        """This turn's mentions as the patient means them: without a
        correction's own words; with the sign last spoken of when the turn says
        it is back ("she's having one now"); with a denial of an earlier sign whose place
        the patient now says was wrong; and with the passing of an earlier sign
        the turn says is gone (by name, or as "it" / "that" right after the
        only sign just told, unless the turn is ``answering`` a question that
        settles a tier).  Nothing said of an emergency is taken back: it stays
        one whatever follows."""
        found = self._own_words(text)
        matches = self._continued_denial(state, text, self._without_own_words(matches, found))
        if not matches and not answering and not cued:  # ("I'm having one now" of a tablet is a cue)
            matches = self._again(state, text)
        dated = self._dated_back(state, text, matches, answering)
        if dated:  # "that was years ago": the sign just told, even an emergency sign, is of the past
            return matches + dated
        renamed = self._renamed(state, text, matches) if found else []
        if renamed:  # "sorry, I mean a temper fit": the sign was never one
            return matches + renamed
        if emergency:
            return matches
        if found:  # the turn holds a correction's words
            matches = matches + self._wrong_places(state, text, matches)
        matches = self._blamed_elsewhere(state, text, matches)
        return matches + self._passed(state, text, matches, answering)

    def _blamed_elsewhere(self, state: State, text: str, matches: list[Match]) -> list[Match]:
        """"actually the rash is from the new washing powder, the baclofen's fine": an earlier sign,
        still affirmed, named again (or pointed at, "that's from ...") before a phrase that blames
        something other than this medicine ([dialogue.words] blamed_on; a weaker blamed_maybe,
        "is probably the new soap", only beside drug_cleared) is denied by this turn; not in a
        doubt ("not sure if it's the baclofen or ..."), nor after an abrupt stop; an emergency sign
        stays (the triage never lets a later denial withdraw one)."""
        if state.cues & {"stopped_suddenly", "pump_problem"}:
            return matches  # after an abrupt stop any sign may be withdrawal, whatever it is put down to
        padded = f" {plain(text)} "
        p = self.padded
        if not any(b in padded for b in p["blamed_on"] + p["blamed_maybe"]) or any(d in padded for d in p["blame_doubts"]):
            return matches
        cleared = any(c in padded for c in p["drug_cleared"])
        phrases = p["blamed_on"] + (p["blamed_maybe"] if cleared else ())
        latest = dict(state.last_heard)
        earlier = {m.target for _turn, m in state.matches if m.status == "affirmed" and latest.get(m.target) == "affirmed"}
        blamed: set[str] = set()
        for offset, clause in self._clauses(text):
            folded = f" {plain(clause)} "
            at = min((folded.find(b) for b in phrases if b in folded), default=-1)
            if at < 0 or set(folded[at:].split()) & self.drug_words - {"it", "them"} and not cleared:
                continue  # "the rash is from the tablets": blamed on this medicine, it stays
            told = [m for m in matches if m.status == "affirmed" and m.target in earlier
                    and offset <= m.start < offset + len(clause)]
            if not told:
                told = self._pointed_at(clause, offset, text, state, {m.target for m in matches})
            blamed |= {m.target for m in told if m.target not in self.kept and m.target.split(".")[0] not in self.kept}
        if not blamed:
            return matches
        kept = [m for m in matches if m.target not in blamed or m.status != "affirmed"]
        first = {m.target: m for _turn, m in reversed(state.matches) if m.target in blamed}
        return kept + [m._replace(start=0, end=len(text), text=text, status="negated", cue="") for m in first.values()]

    def _own_words(self, text: str) -> list[str]:
        """The correction phrases the turn holds, longest first: "i mixed that up"."""
        folded = f" {plain(text)} "
        tried = sorted(i for w in set(folded[1:-1].split(" ")) for i in self.correction_by_start.get(w, ()))
        phrases = self.folded["correction"]
        return [phrases[i] for i in tried if f" {phrases[i]} " in folded]

    @staticmethod
    def _without_own_words(matches: list[Match], found: list[str]) -> list[Match]:
        """"I mixed that up", "I got that wrong": the correction is no symptom."""
        if not found:
            return matches
        return [m for m in matches if not any(f" {plain(m.text)} " in f" {p} " for p in found)]

    def _wrong_places(self, state: State, text: str, matches: list[Match]) -> list[Match]:
        """"not my chest": each sign heard earlier in words that name that place,
        still affirmed and not said again now, is denied by this turn."""
        places = self._places(text)
        if not places:
            return []
        now = {m.target for m in matches if m.status == "affirmed"}
        latest = dict(state.last_heard)
        out, seen = [], set()
        for _turn, m in reversed(state.matches):
            if m.target in seen or m.target in now or latest.get(m.target) != "affirmed" or m.status != "affirmed":
                continue
            said = set(plain(m.text).split())
            for word, start, end in places:
                if word in said:
                    seen.add(m.target)
                    out.append(m._replace(start=start, end=end, text=text[start:end], status="negated",
                                          cue=self._cue(text, start)))
                    break
        return out

    def _again(self, state: State, text: str) -> list[Match]:
        """"she's having one now", "it's started again": the sign last spoken of, said
        to be here now, even if it was denied ("no fits" ... "oh god she's having one")."""
        if not state.matches:
            return []
        folded = f" {plain(text)} "
        for phrase in self.padded["again"]:
            if phrase in folded:
                _turn, last = state.matches[-1]
                return [last._replace(start=0, end=len(text), text=text, status="affirmed", cue="")]
        return []

    def _passed(self, state: State, text: str, matches: list[Match], answering: bool) -> list[Match]:
        """Earlier signs this turn says have passed, each in a clause that says so:
        "my head is fine now", "that's gone" (but not "the rash is gone but my head hurts")."""
        latest = dict(state.last_heard)
        now = {m.target for m in matches}
        heard = [(turn, m) for turn, m in state.matches if m.status == "affirmed" and m.target not in now
                 and latest.get(m.target) == "affirmed"]
        if not heard or not self._may_say_passed(text):
            return []
        out: list[Match] = []
        for offset, clause in self._clauses(text):
            if not self._says_passed(clause):
                continue
            named = self._named(clause, offset, text, heard)
            inside = any(offset <= m.start < offset + len(clause) for m in matches)
            # "it's gone now, the headache": a sign heard before and named again is what "it" is
            again = {m.target for m in matches} & {m.target for _turn, m in state.matches}
            if not named and not inside and not again and not answering:
                named = self._pointed_at(clause, offset, text, state, now)
            out += [m for m in named if m.target not in {o.target for o in out}]
        return out

    def _dated_back(self, state: State, text: str, matches: list[Match], answering: bool) -> list[Match]:
        """"that was years ago, when he was little": the one sign just told, dated by the
        caller to long ago in a clause of both word lists ([dialogue.words] long_ago,
        dated_openers); not while answering a question, nor in a turn that says it is back."""
        if answering or not state.matches or self._again(state, text):
            return []
        padded = f" {plain(text)} "
        if any(p in padded for p in self.padded["dated_vetoes"]):
            return []  # "it was not long ago", "years ago he first had one, this one was today"
        if _clauses_are_runs(text) and not any(p in padded for p in self.padded["long_ago"]):
            return []  # no clause can date it back when the whole turn does not
        for offset, clause in self._clauses(text):
            folded = f" {plain(clause)} "
            if all(any(p in folded for p in self.padded[key]) for key in ("long_ago", "dated_openers")):
                now = {m.target for m in matches}
                return [m._replace(status=DATED_BACK) for m in self._pointed_at(clause, offset, text, state, now)]
        return []

    def _continued_denial(self, state: State, text: str, matches: list[Match]) -> list[Match]:
        """"no rash" ... "or any chest pain": a turn that opens with "or" / "nor" right after
        a turn that only denied goes on denying (unless it turns with "but")."""
        words = plain(text).split()
        if not words or words[0] not in self.either_or or any(w in self.contrast for w in words):
            return matches
        before = [m for turn, m in state.matches if turn == state.turn - 1]
        if not before or any(m.status != "negated" for m in before):
            return matches
        return [m._replace(status="negated") if m.status == "affirmed" else m for m in matches]

    def _renamed(self, state: State, text: str, matches: list[Match]) -> list[Match]:
        """"no wait, I mean he had a temper fit": in a correction, a phrase to ignore that
        holds a word of an earlier sign's own words, still affirmed and not said again now,
        renames that sign as something else."""
        folded = f" {plain(text)} "
        phrases = [p for p in self.ignore if f" {p} " in folded]
        if not phrases:
            return []
        now = {m.target for m in matches if m.status == "affirmed"}
        latest = dict(state.last_heard)
        out, seen = [], set()
        for _turn, m in reversed(state.matches):
            if m.target in seen or m.target in now or latest.get(m.target) != "affirmed" or m.status != "affirmed":
                continue
            said = set(plain(m.text).split())
            # the sign's word ends the phrase, as in a name for something else ("a temper fit"; not
            # "fit and well"), and is not said again outside it ("not a coughing fit, a real fit")
            if any(p.split()[-1] in said and p.split()[-1] not in _outside(folded, p).split() for p in phrases):
                seen.add(m.target)
                out.append(m._replace(start=0, end=len(text), text=text, status=RENAMED, cue=""))
        return out

    def _may_say_passed(self, text: str) -> bool:
        """Whether any clause of the turn could say a sign has passed: not when the turn
        holds none of those phrases (a clause's words are a run of the turn's, unless a
        clause starts inside one of the turn's words: after a "/", "_" or "’", or where
        casefolding changes the text's length)."""
        if not _clauses_are_runs(text):
            return True
        folded = plain(text)
        padded = f" {folded} "
        return any(f" {self.passed[i]} " in padded for w in set(folded.split(" ")) for i in self.passed_by_start.get(w, ()))

    def _says_passed(self, clause: str) -> bool:
        """"that's gone", "my head doesn't hurt anymore"; not "it hasn't gone away"."""
        folded, words = f" {plain(clause)} ", self.dialogue.words
        if self._counted_gone(folded):
            return False
        if find_phrases(folded.strip(), {"n": words["no_longer"]}) and "no" in self.reader.kinds(clause):
            return True
        found = False
        for phrase in self.folded["resolved"]:
            if f" {phrase} " in folded:
                found, folded = True, folded.replace(f" {phrase} ", " | ")
        return found and "no" not in self.reader.kinds(folded)

    def _counted_gone(self, folded: str) -> bool:
        """ "there are 9 gone since this morning": a count before the word is tablets gone, no sign."""
        return any(f" {word} {phrase} " in folded for word in folded.split()
                   if self.reader.has_number(word) for phrase in self.folded["resolved"])

    def _clauses(self, text: str) -> list[tuple[int, str]]:
        """(offset, words) of each clause: split at punctuation and at contrast words."""
        out, start = [], 0
        spans = _word_spans(_fold(text))
        for k, (at, word) in enumerate(spans):
            gap = text[spans[k - 1][0] + len(spans[k - 1][1]):at] if k else ""
            if k and (any(ch in gap for ch in ".,;:!?") or plain(word) in self.contrast):
                out.append((start, text[start:at]))
                start = at
        out.append((start, text[start:]))
        return out

    def _pointed_at(self, clause: str, offset: int, text: str, state: State, now: set[str]) -> list[Match]:
        """"that's gone now", "it went away": the one sign of the turn that last told one."""
        if not any(plain(w) in self.dialogue.words["it_words"] for _at, w in _word_spans(_fold(clause))):
            return []
        latest = dict(state.last_heard)
        affirmed = [(turn, m) for turn, m in state.matches if m.status == "affirmed"]
        last_turn = max(turn for turn, _m in affirmed)
        told = {m.target: m for turn, m in affirmed if turn == last_turn}
        if len(told) != 1:
            return []  # "it" could be either
        m = next(iter(told.values()))
        if m.target in now or latest.get(m.target) != "affirmed":
            return []
        end = offset + len(clause.rstrip())
        return [m._replace(start=offset, end=end, text=text[offset:end], status="resolved", cue=text[offset:end])]

    def _named(self, clause: str, offset: int, text: str, heard: list[tuple[int, Match]]) -> list[Match]:
        """Earlier signs named again by a word after a determiner: "my *head* is fine now"
        names the headache ("head" begins "headache")."""
        spans = _word_spans(_fold(clause))
        out, seen = [], set()
        for k in range(1, len(spans)):
            if plain(spans[k - 1][1]) not in self.determiners:
                continue
            at, word = spans[k]
            word, start = plain(word), offset + at
            if len(word) < MIN_PLACE_CHARS:
                continue
            for _turn, m in heard:
                said = plain(m.text).split()
                if m.target not in seen and any(w == word or (len(word) > MIN_PLACE_CHARS and w.startswith(word))
                                                for w in said):
                    seen.add(m.target)
                    out.append(m._replace(start=start, end=start + len(word), text=text[start:start + len(word)],
                                          status="resolved", cue=self._cue(text, start)))
        return out

    def _places(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) of each word right after a not_that_place phrase: "not my *chest*"."""
        lowered = _fold(text.replace("\u2019", "'"))
        words = [(w, i) for i, w in _word_spans(lowered)]
        plain_words = [plain(w) for w, _i in words]
        out = []
        for phrase in self.dialogue.words["not_that_place"]:
            p = plain(phrase).split()
            for k in range(len(plain_words) - len(p)):
                if plain_words[k:k + len(p)] == p:
                    word, start = words[k + len(p)]
                    if len(word) >= MIN_PLACE_CHARS:
                        out.append((plain(word), start, start + len(word)))
        return out

    def _cue(self, text: str, start: int) -> str:
        return text[max(0, start - 8):start].strip()


def _by_start(phrases: tuple[str, ...]) -> dict[str, list[int]]:
    """Where each first word starts folded phrases, in their order: {"i": [0, 2], "got": [1]}."""
    starts: dict[str, list[int]] = {}
    for i, phrase in enumerate(phrases):
        starts.setdefault(phrase.split(" ", 1)[0], []).append(i)
    return starts


# A run of letters, digits and apostrophes ([^\W_] is exactly str.isalnum).
_WORD_RUN = re.compile(r"(?:[^\W_]|')+")


def _fold(text: str) -> str:
    """Casefolded letter for letter: "ß" stays one character, so offsets into the
    folded text are offsets into the patient's own."""
    return "".join(f if len(f := ch.casefold()) == 1 else ch for ch in text)


def _word_spans(text: str) -> list[tuple[int, str]]:
    """(start, word) of each run of letters, digits and apostrophes."""
    return [(m.start(), m.group()) for m in _WORD_RUN.finditer(text)]


def _outside(folded: str, phrase: str) -> str:
    """The padded turn with every run of ``phrase`` taken out."""
    return folded.replace(f" {phrase} ", "  ")
