"""Yes, no, not sure: the language file's answer words, found in a message."""
from __future__ import annotations

from functools import lru_cache

from ..matcher import tokenize
TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Iterable, Mapping


@lru_cache(maxsize=64)
def _words(text: str) -> tuple[tuple[str, int], ...]:
    """(word, start) of each token: one turn reads its text for answers several times."""
    return tuple((t.norm, t.start) for t in tokenize(text))


# Kinds of phrase that hold answer words but answer nothing ("not been herself",
# "why do you ask if ...").
_NO_ANSWER = ("idioms", "asked_back")
# Kinds the reader keeps apart from its phrases: "openers" ("no", "nope") are no
# words that may open a reply without answering it ("no, he took too many");
# "leading" yes words answer only at the opening ("right, I ran out"); "denying" words
# just before a question's own yes word deny it ("I can't double up"); "conditions"
# before "not sure" make it a habit ("when I'm not sure I skip it"); "began" words
# make a date a start (read by the tier settler).
_APART = ("openers", "leading", "echoes", "denying", "conditions", "began", "lead_ins", "reported", "farewells")
# A no said right after "she says" (at most one word between: "she says she hasn't").
_NO, _REPORTED_NO, _REPORTED_GAP = "no", "reported no", 1
# A phrase kind after which the reply starts over: "not sure... actually no".
_TURNABOUT = "turnabouts"
# How many words may stand between a denying word and the yes word it denies, and
# between a condition and the "not sure" it makes a habit of.
_DENY_GAP, _CONDITION_GAP = 1, 2
# An echoed yes ("I have") with this many words after it in its clause is a sentence's verb.
_RUNS_ON = 3
# Readings a reader keeps (YesNoReader._found): the few a turn makes of its own text.
_KEPT_READINGS = 16


def _asking(text: str, start: int) -> bool:
    """Whether the clause from ``start`` ends with a question mark: "what happens if someone
    takes too many?" asks, it answers nothing."""
    ends = [at for at in (text.find(m, start) for m in ",;.!?") if at >= 0]
    return bool(ends) and text[min(ends)] == "?"


class YesNoReader:
    """Reads yes / no / not sure from a patient's words, with the language file's word lists."""

    def __init__(self, answers: Mapping[str, Iterable[str]], numbers: Iterable[str] = (),
                 texting: Mapping[str, str] | None = None) -> None:
        self.phrases: dict[tuple[str, ...], str] = {}
        apart = {kind: frozenset(tuple(t.norm for t in tokenize(p)) for p in answers.get(kind, ())) - {()}
                 for kind in _APART}
        self.openers, self.leading, self.denying = apart["openers"], apart["leading"], apart["denying"]
        self.conditions, self.began, self.echoes = apart["conditions"], apart["began"], apart["echoes"]
        self.lead_ins = frozenset(p[0] for p in apart["lead_ins"] if len(p) == 1)
        self.reported = apart["reported"]
        self.farewells = frozenset(p[0] for p in apart["farewells"] if len(p) == 1)
        self.own: frozenset[tuple[str, ...]] = frozenset()  # the question's own answer words (with_words)
        self._read: dict = {}  # the last texts' readings (_found): a turn reads its text several times
        for kind, phrases in answers.items():
            if kind in _APART:
                continue
            for phrase in phrases:
                words = tuple(t.norm for t in tokenize(phrase))
                if words:
                    self.phrases.setdefault(words, kind)
        # a texting form read as the answer words it stands for: "kinda" is "kind of", "ya" stays
        for short, full in (texting or {}).items():
            words = tuple(t.norm for t in tokenize(full))
            short_words = tuple(t.norm for t in tokenize(short))
            if words in self.phrases and short_words:
                self.phrases.setdefault(short_words, self.phrases[words])
        self.numbers = frozenset(numbers)
        self._index()

    def _index(self) -> None:
        """The lengths of the phrases each first word starts, longest first: a word
        is tried only at the lengths of its own phrases."""
        self.longest = max((len(p) for p in self.phrases), default=1)
        sizes: dict[str, set[int]] = {}
        for phrase in self.phrases:
            sizes.setdefault(phrase[0], set()).add(len(phrase))
        self.sizes = {word: tuple(sorted(lengths, reverse=True)) for word, lengths in sizes.items()}

    def with_words(self, words: Mapping[str, Iterable[str]]) -> "YesNoReader":
        """A reader that also knows ``words`` by kind, before its own: a question's
        answer words ("not since", "lost count") win over the language's ("not")."""
        reader = YesNoReader({}, self.numbers)  # (its own, empty reading memo)
        reader.phrases, reader.openers, reader.leading = {}, self.openers, self.leading
        reader.denying, reader.conditions, reader.began = self.denying, self.conditions, self.began
        reader.echoes, reader.lead_ins, reader.reported = self.echoes, self.lead_ins, self.reported
        reader.farewells = self.farewells
        for kind, phrases in words.items():
            for phrase in phrases:
                key = tuple(t.norm for t in tokenize(phrase))
                if key:
                    reader.phrases.setdefault(key, kind)
        reader.own = frozenset(reader.phrases)
        for key, kind in self.phrases.items():
            reader.phrases.setdefault(key, kind)
        reader._index()
        return reader

    def kinds(self, text: str, skip: Iterable[tuple[int, int]] = (), anchored: bool = False) -> set[str]:
        """The kinds of answer words in ``text``: "nope, still taking it" -> {"no"}.

        Words inside ``skip`` spans (the symptoms) are not read; ``anchored``
        reads only a phrase at the very start ("and a bit of a headache" says
        nothing about the question).  A "no" between two numbers sets one
        against the other ("it was 20 not 2"): it answers nothing.
        """
        return {_NO if kind == _REPORTED_NO else kind for kind, _key in self._found(text, skip, anchored)}

    def _found(self, text: str, skip: Iterable[tuple[int, int]], anchored: bool,
               turning: bool = False) -> list[tuple[str, tuple[str, ...]]]:
        """(kind, phrase) of each answer phrase, in order, as the reply means them: after its
        last turnabout ("not sure... actually no"), a leading yes word only at the opening,
        a question's own yes word denied just before it read as a no ("I can't double up"),
        and a "not sure" after a condition dropped ("when I'm not sure I skip it").
        A turn's text is read so several times (the same readers, the same words), so the
        last few readings are kept: the list returned is shared, never to be changed."""
        spans = tuple(skip)
        key = (text, spans, anchored, turning)
        out = self._read.get(key)
        if out is None:
            if len(self._read) >= _KEPT_READINGS:
                self._read.clear()
            out = self._read[key] = self._read_found(text, spans, anchored, turning)
        return out

    def _read_found(self, text: str, spans: tuple[tuple[int, int], ...], anchored: bool,
                    turning: bool) -> list[tuple[str, tuple[str, ...]]]:
        kept = [(j, norm, start) for j, (norm, start) in enumerate(_words(text))
                if not any(s <= start < e for s, e in spans)]
        read = [(norm, start) for _j, norm, start in kept]
        found = self._scan(text, kept, read, anchored, turning or bool(self.own))
        turns = [k for k, (kind, _key, _at) in enumerate(found) if kind == _TURNABOUT]
        if turns and turns[-1] + 1 < len(found):
            found = found[turns[-1] + 1:]  # the reply started over: its words after the last turnabout
        words = [norm for norm, _start in read]
        out: list[tuple[str, tuple[str, ...]]] = []
        for kind, key, at in found:
            if key in self.leading and read[at + len(key):] and all(w in self.farewells for w, _s in read[at + len(key):]):
                out.append(("unsure", ()))  # "ok thanks bye", "okay, thank you": a goodbye, no answer:
                continue  # not ruled out (the safer yes beside a weighty sign, else a check today)
            if kind == _TURNABOUT or (key in self.leading and (out or at > 1)) or (
                    kind in ("yes", "no") and (kind == "no" or at > 0) and _asking(text, read[at][1])) or (
                    kind == "likely" and self._asks_on(text, read, at + len(key))):
                # (a doubt asked, "idk?", still doubts; a yes that opens the reply still answers: "yes what should I do?")
                continue  # "popped on the right day": a leading yes word inside a sentence answers nothing
            if key in self.echoes and self._runs_on(text, read, at + len(key)):
                continue  # "I have it in a pill box": the verb of a sentence, no answer
            if kind == "unsure" and self._after(text, read, words, at, self.conditions, _CONDITION_GAP):
                continue
            if kind == "yes" and key in self.own and self._after(text, read, words, at, self.denying, _DENY_GAP):
                kind = "no"
            if kind == "no" and self._after(text, read, words, at, self.reported, _REPORTED_GAP):
                kind = _REPORTED_NO  # "she says not": her word, as the caller tells it
            out.append((kind, key))
        return out

    @staticmethod
    def _asks_on(text: str, read: list[tuple[str, int]], end: int) -> bool:
        """Whether a likely word's clause goes on to a question mark: "could that cause it?"
        asks back, it answers nothing ("maybe?" alone is still a hedged yes)."""
        return end < len(read) and not any(m in text[read[end - 1][1]:read[end][1]] for m in ",;.!?") \
            and _asking(text, read[end][1])

    def _runs_on(self, text: str, read: list[tuple[str, int]], end: int) -> bool:
        """Whether the clause goes on for a sentence after the word before ``end`` ("I have it
        in a pill box"), with no answer word next; not a time after it ("he did yesterday")."""
        rest = 0
        while end + rest < len(read) and not any(m in text[read[end + rest - 1][1]:read[end + rest][1]] for m in ",;.!?"):
            rest += 1
        if rest < _RUNS_ON:
            return False
        return not any(tuple(w for w, _s in read[end:end + n]) in self.phrases for n in range(1, self.longest + 1))

    @staticmethod
    def _after(text: str, read: list[tuple[str, int]], words: list[str], at: int,
               phrases: frozenset[tuple[str, ...]], gap: int) -> bool:
        """Whether one of ``phrases`` ends at most ``gap`` words before word ``at``, in its clause."""
        for size in {len(p) for p in phrases}:
            for end in range(max(0, at - gap), at + 1):
                start = end - size
                if start >= 0 and tuple(words[start:end]) in phrases and \
                        not any(m in text[read[start][1]:read[at][1]] for m in ",;.!?"):
                    return True
        return False

    def _scan(self, text: str, kept: list[tuple[int, str, int]], read: list[tuple[str, int]],
              anchored: bool, turning: bool) -> list[tuple[str, tuple[str, ...], int]]:
        """(kind, phrase, word index) of each phrase, in order.  An anchored reading that opens
        with an opener ("no, he took too many and now he's drowsy") or, ``turning``, a turnabout
        ("actually, yes") reads on for the rest."""
        words = [norm for norm, _start in read]
        found, i = [], 0
        while i < len(words):
            left = len(words) - i
            for size in self.sizes.get(words[i], ()):
                if size > left:
                    continue
                key = tuple(words[i:i + size])
                kind = self.phrases.get(key)
                if kind and size > 1 and any(m in text[read[i][1]:read[i + size - 1][1]] for m in ",;.!?"):
                    continue  # a phrase never spans a clause mark: "I don't, no" is no "don't no"
                if kind:
                    between = kind == "no" and self._between_numbers(words, i, i + size)
                    if kind not in _NO_ANSWER and not between:
                        # a phrase read across a symptom's words is marked apart ("more tired than usual")
                        whole = kept[i + size - 1][0] - kept[i][0] == size - 1
                        found.append((kind, key if whole else (), i))  # "not been herself" says how she is: no answer
                    i += size
                    if kind == "asked_back":  # "why do you ask if I took too much?": the question asked back
                        # to its question mark, else to the next clause mark: "why do you ask, yes I did"
                        marks = [at for at in (text.find(m, read[i - 1][1]) for m in "?,;.!") if at >= 0]
                        end = min(marks) if marks else -1
                        while i < len(words) and (end < 0 or read[i][1] < end):
                            i += 1
                    break
            else:
                if anchored and (found or words[i] not in self.lead_ins):
                    break  # (before any phrase, "I honestly don't know" reads past "I honestly")
                i += 1
                continue
            if anchored and len(found) == 1 and found[0][1] in self.openers and self.own:
                anchored = False  # the question's own yes words may follow
            elif anchored and not (turning and found and found[-1][0] == _TURNABOUT):
                break
        return found

    def _opening_no(self, found: list[tuple[str, tuple[str, ...]]]) -> bool:
        """Whether a no opens the reply and the question's own yes words follow with no other
        denial: "no he took too many", "nope, missed a few" (the no denies the question's
        premise, not what it asks).  A plain yes word ("no, a bit dizzy") does not count."""
        if not found or found[0][0] != "no" or found[0][1] not in self.openers:
            return False
        rest = found[1:]
        return (all(kind != "no" for kind, _key in rest)
                and any(kind == "yes" and key in self.own for kind, key in rest))

    def _number(self, word: str) -> bool:
        return word.isdigit() or word in self.numbers

    def _between_numbers(self, words: list[str], start: int, end: int) -> bool:
        return 0 < start and end < len(words) and self._number(words[start - 1]) and self._number(words[end])

    def tells_a_start(self, text: str) -> bool:
        """Whether the reply says when the medicine was started: "I began it on Thursday"."""
        words = [norm for norm, _start in _words(text)]
        return any(tuple(words[i:i + len(p)]) == p for p in self.began for i in range(len(words)))

    def has_number(self, text: str) -> bool:
        """Whether the answer gives a count: "I think I took 3"."""
        return any(self._number(norm) for norm, _start in _words(text))

    def leans_yes(self, text: str, skip: Iterable[tuple[int, int]] = (), anchored: bool = False) -> bool:
        """Whether a doubtful answer also says a yes or a likely one: "I can't remember, so
        maybe twice" (the doubt is read first by yes_no)."""
        kinds = {kind for kind, _key in self._found(text, skip, anchored, False)}
        return "unsure" in kinds and bool(kinds & {"yes", "likely"})

    def yes_no(self, text: str, skip: Iterable[tuple[int, int]] = (), anchored: bool = False,
               turning: bool = False) -> str | None:
        """"yes", "no", "unsure", or None when the words do not say (or say both).
        A likely yes ("probably", "I might have") is a yes: the safer reading.  ``turning``:
        an anchored reading goes on past a turnabout ("actually no", as a question's words do)."""
        found = self._found(text, skip, anchored, turning)
        kinds = {kind for kind, _key in found}
        if _REPORTED_NO in kinds:  # "she says not, but I think she might have": the caller's own doubt wins
            kinds = kinds - {_REPORTED_NO} if kinds & {"yes", "likely", "unsure"} else (kinds - {_REPORTED_NO}) | {_NO}
            found = [(kind, key) for kind, key in ((_NO if k == _REPORTED_NO else k, key) for k, key in found)
                     if kind in kinds]
        if "unsure" in kinds:
            return "unsure"
        if "likely" in kinds:
            kinds = (kinds - {"likely"}) | {"yes"}
        if len(kinds) == 1:
            return kinds.pop()
        if kinds == {"yes", "no"} and self._opening_no(found):
            return "yes"
        return None


