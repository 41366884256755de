"""What a correction takes back in a conversation, before a turn is recorded.

"Sorry, I mixed that up" is the patient correcting themselves, not confusion;
"sorry I meant my knees, not my chest" takes back the chest pain said before.
The words are the dialogue file's ([dialogue.words] correction and
not_that_place); this module only reads a turn against what was heard.
"""
from __future__ import annotations

from .answers import plain
from .matcher import Match
from .state import State
from .wording import Dialogue

# A word after "not my" shorter than this names no place: "not my ... ok".
MIN_PLACE_CHARS = 3


class Mender:
    """Reads a turn's corrections of the conversation so far."""

    def __init__(self, dialogue: Dialogue) -> None:
        self.dialogue = dialogue

    def mend(self, state: State, text: str, matches: list[Match], emergency: bool) -> list[Match]:
        """This turn's mentions as the correction means them: without the
        correction's own words, and with a denial of an earlier sign whose
        place the patient now says was wrong.  Nothing said of an emergency is
        taken back: it stays one whatever follows."""
        matches = self._without_own_words(text, matches)
        if emergency or not self.dialogue.has(text, "correction", anywhere=True):
            return matches
        return matches + self._wrong_places(state, text, matches)

    def _without_own_words(self, text: str, matches: list[Match]) -> list[Match]:
        """"I mixed that up", "I got that wrong": the correction is no symptom."""
        found = [p for p in map(plain, self.dialogue.words["correction"]) if f" {p} " in f" {plain(text)} "]
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

    def _places(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) of each word right after a not_that_place phrase: "not my *chest*"."""
        lowered = text.replace("\u2019", "'").casefold()
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


def _word_spans(text: str) -> list[tuple[int, str]]:
    """(start, word) of each run of letters, digits and apostrophes."""
    out, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isalnum() or ch == "'":
            if start is None:
                start = i
        elif start is not None:
            out.append((start, text[start:i]))
            start = None
    return out
