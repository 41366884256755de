"""The cue pattern language of ``knowledge/en.toml``: "took|swallowed ... #4+ {drug}".

A pattern compiles to a tuple of steps over tokens: a word or alternatives, a
word class, a number, any word, or a short gap ("...").  A PatternSet indexes
many patterns by their first word, so each token tries only a few.
"""
from __future__ import annotations

from ..knowledge import KnowledgeError
from ..record import record
from .tokens import CLAUSE, MAX_NUMBER_DIGITS, SENTENCE, Token, normalise, phrase_tokens

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, Iterable

    from ..knowledge import Drug

# A pattern's "..." skips at most this many words.
PATTERN_GAP = 3

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "dozen": 12,
}
# ... as a message's words are folded ("five" is "fiv", "twelve" "twelv"), so "#" reads them
_NUMBER_WORDS.update({normalise(w): n for w, n in list(_NUMBER_WORDS.items())})


# A token a number step can match starts with one of these (or a digit): "4", "~20", "twenty", "2yo".
_NUMBER_STARTS = ("~", *_NUMBER_WORDS)


@record
class Pattern:
    """A compiled cue pattern: a tuple of steps (see knowledge/en.toml)."""
    steps: tuple
    source: str
    # The word sets of its later word steps: a message must hold a word of each
    # for the pattern to be worth trying ("ran out", at "ran", wants "out").
    needs: tuple = ()


def _number(norm: str) -> int | None:
    digits = norm.lstrip("~")
    if digits.isdecimal() and len(digits) <= MAX_NUMBER_DIGITS:
        return int(digits)
    return _NUMBER_WORDS.get(norm)


def compile_pattern(source: str, classes: dict[str, frozenset[str]], where: str,
                    reach: int = PATTERN_GAP) -> Pattern:
    """Compile "took|swallowed ... #4+ {drug}" into matching steps; "..." skips up to
    ``reach`` words, never another medicine's name ("stopped the tizanidine because
    it" is not a stop of this drug)."""
    steps: list = []
    barrier = classes.get("other_drug", frozenset()) | classes.get("gap_barriers", frozenset())
    for word in source.split():
        if word == "...":
            steps.append(("gap", reach, barrier))
        elif word == "." and steps:
            steps.append(("end",))  # the sentence ends here: "so I quit." (not "quit smoking")
        elif word == "," and steps:
            steps.append(("clause",))  # a clause or the sentence ends here: "I had one, I checked"
        elif word == "*":
            steps.append(("any",))
        elif word.startswith("#"):
            rest = word[1:]
            low, _, high = rest.partition("-")
            if rest.endswith("+") and rest[:-1].isdigit():
                steps.append(("num", int(rest[:-1]), ""))
            elif low.isdigit() and high.rstrip("abcdefghijklmnopqrstuvwxyz").isdigit():
                # "#38-45": a number in that range; "#100-110f": with a unit written against it
                bound = high.rstrip("abcdefghijklmnopqrstuvwxyz")
                steps.append(("num", int(low), high[len(bound):], int(bound)))
            elif rest == "" or rest.isalpha():
                steps.append(("num", 0, rest))
            else:
                raise KnowledgeError(f"{where}: pattern {source!r}: bad number step {word!r} "
                                     "(use #, #N+, #unit, #N-M or #N-Munit)")
        elif "|" in word and "{" in word:
            raise KnowledgeError(f"{where}: pattern {source!r}: a class cannot be one of alternatives in {word!r}")
        elif word.startswith("=") and len(word) > 1:
            # "=lasted": the word as written, not its stem ("that =lasted" is over,
            # "that lasts" still goes on); never the first step (patterns index by stem)
            if not steps:
                raise KnowledgeError(f"{where}: pattern {source!r}: a written-form step {word!r} cannot start it")
            steps.append(("raw", frozenset(alt.lower() for alt in word[1:].split("|") if alt)))
        elif word.startswith("{") and word.endswith(("}", "}'s", "}s'")):
            steps.append(_class_step(word, classes, where, source, bool(steps)))
        else:
            # One word, or alternatives for one word ("ran|run"); a plain word the
            # tokenizer splits in two ("i've" does not, "co-careldopa" does not) takes two steps.
            options = [phrase_tokens(alt) for alt in word.split("|")]
            if len(options) == 1 and len(options[0]) > 1:
                steps.extend(("set", frozenset([w])) for w in options[0])
            elif any(options):
                steps.append(("set", frozenset(o[0] for o in options if o)))
            else:
                raise KnowledgeError(f"{where}: pattern {source!r}: {word!r} has no word in it")
    if not steps or steps[0][0] in ("gap", "end") or steps[-1][0] == "gap":
        raise KnowledgeError(f"{where}: pattern {source!r} must start and end with a word")
    return Pattern(tuple(steps), source, tuple(step[1] for step in steps[1:] if step[0] == "set"))


def _class_step(word: str, classes: dict[str, frozenset[str]], where: str, source: str, later: bool) -> tuple:
    """A word class step, "{someone}"; or "{someone}'s", a word of the class written as a
    possessive ("her sister's", "my parents'"), which cannot start a pattern."""
    name = word[1:word.index("}")]
    if name not in classes:
        raise KnowledgeError(f"{where}: pattern {source!r}: unknown class {{{name}}}; "
                             f"valid: {', '.join('{%s}' % c for c in sorted(classes))}")
    if not word.endswith("}"):
        if not later:
            raise KnowledgeError(f"{where}: pattern {source!r}: a possessive step {word!r} cannot start it")
        # a pronoun's "'s" is "is" or "has", never a possessive: "she's seeing people"
        return ("poss", classes[name] - classes.get("not_possessive", frozenset()))
    return ("set", classes[name])


def _step_ok(step: tuple, tok: Token) -> bool:
    kind = step[0]
    if kind == "set":
        return tok.norm in step[1]
    if kind == "any":
        return True
    if kind == "raw":
        return tok.raw.lower().replace("\u2019", "'") in step[1]
    if kind == "poss":
        return tok.norm in step[1] and tok.raw.replace("\u2019", "'").lower().endswith(("'s", "s'"))
    # ("num", minimum, unit): "4", "four", "~20", or with a unit suffix "2yo"
    minimum, unit = step[1], step[2]
    norm = tok.norm
    if unit:
        if not norm.endswith(unit):
            return False
        norm = norm[: -len(unit)]
    n = _number(norm)
    return n is not None and n >= minimum and (len(step) < 4 or n <= step[3])


def _decimal_part(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` is the part after the point of a decimal: the "3" of "39.3"."""
    return k > 0 and tokens[k].norm.isdecimal() and tokens[k - 1].norm.isdecimal() \
        and tokens[k].start == tokens[k - 1].end + 1


def _match_pattern(steps: tuple, tokens: list[Token], i: int, s: int = 0) -> int | None:
    """Index after the last token if ``steps[s:]`` match from token ``i``, else None."""
    while s < len(steps):
        step = steps[s]
        if step[0] in ("end", "clause"):
            if i < len(tokens) and tokens[i].brk < (SENTENCE if step[0] == "end" else CLAUSE):
                return None
            s += 1
            continue
        if step[0] == "gap":
            for j in range(i, min(i + step[1] + 1, len(tokens))):
                # no sentence starts at a word skipped or the word after them ("pump. The
                # smoke alarm went off" is no "pump ... went off"; a decimal's "39.3" is one number)
                if j > i and (tokens[j].brk == SENTENCE or (tokens[j - 1].brk == SENTENCE and not _decimal_part(tokens, j - 1))
                              or tokens[j - 1].norm in step[2]):
                    return None
                end = _match_pattern(steps, tokens, j, s + 1)
                if end is not None:
                    return end
            return None
        if i >= len(tokens) or (s and tokens[i].brk == SENTENCE) or not _step_ok(step, tokens[i]):
            return None
        i += 1
        s += 1
    return i


class WordIndex(dict):
    """Entries by the word that starts them: a plain dict to its readers.

    The compiled-lexicon cache stores each word's entries apart and reads them
    on first use (``__cache_lazy__``), so a one-shot start decodes only the
    words its message holds.
    """

    __slots__ = ()
    __cache_lazy__ = True


class PatternSet:
    """Many patterns indexed by their first word, so each token tries only a few."""

    def __init__(self, labelled: Iterable[tuple[str, Pattern]]) -> None:
        self.by_word: dict[str, list[tuple[str, Pattern]]] = WordIndex()
        self.anywhere: list[tuple[str, Pattern]] = []
        for label, pattern in labelled:
            first = pattern.steps[0]
            if first[0] == "set":
                for word in first[1]:
                    self.by_word.setdefault(word, []).append((label, pattern))
            else:
                self.anywhere.append((label, pattern))

    def find(self, tokens: list[Token]) -> list[tuple[str, int, int, str]]:
        """All (label, first token, end token, source) matches, longest first at each start."""
        found = []
        by_word, anywhere = self.by_word, self.anywhere
        present = {tok.norm for tok in tokens}
        for i, tok in enumerate(tokens):
            # Indexed by its first word, a pattern's first step has matched already: try the
            # rest, if the message holds a word for each of its later word steps at all.
            for label, pattern in by_word.get(tok.norm, ()):
                for need in pattern.needs:
                    if present.isdisjoint(need):
                        break
                else:
                    end = _match_pattern(pattern.steps, tokens, i + 1, 1)
                    if end is not None:
                        found.append((label, i, end, pattern.source))
            could_count = None
            for label, pattern in anywhere:
                if pattern.steps[0][0] == "num":  # most tokens are no number: skip those patterns at once
                    if could_count is None:
                        could_count = tok.norm[:1].isdigit() or tok.norm.startswith(_NUMBER_STARTS)
                    if not could_count:
                        continue
                end = _match_pattern(pattern.steps, tokens, i)
                if end is not None:
                    found.append((label, i, end, pattern.source))
        return found


def word_classes(lang: Any, drug: Drug) -> dict[str, frozenset[str]]:
    """The language's word classes, one word each, with the drug's names and the other medicines'."""
    for name, words in lang.classes.items():
        several = [w for w in words if len(phrase_tokens(w)) != 1]
        if several:  # a class matches one word: "little one" would match "one" alone
            raise KnowledgeError(f"{lang.path} [classes] {name}: {several[0]!r} is not one word")
    classes = {name: frozenset(phrase_tokens(w)[0] for w in words) for name, words in lang.classes.items()}
    drug_names = drug.names + drug.brand_names + (drug.name,)
    # the drug by name only ("all my baclofen"), and by name or any word for a medicine ("all my tablets")
    classes["drug_name"] = frozenset(t for n in drug_names for t in phrase_tokens(n))
    classes["drug"] = classes["drug_name"] | classes.get("medicine", frozenset())
    # Other medicines: the drug file's interacting ones and the language's list, one word each.
    others = {w for i in drug.interactions for n in i.names for w in [phrase_tokens(n)] if len(w) == 1}
    classes["other_drug"] = frozenset(w[0] for w in others) | classes.get("other_medicines", frozenset())
    return classes
