"""Find the monograph's side effects in a patient's own words.

The method, as a chain of small steps over word tokens:

1. ``tokenize`` splits the text into words with their offsets and notes where a
   sentence or clause ends; ``normalise`` folds case, contractions and word
   endings, and is applied the same way to the lexicon.
2. Words we do not know are corrected to the nearest lexicon word when they are
   one typo away ("dizzyness", "nausious") with rapidfuzz.
3. Lexicon terms are found as word sequences, allowing a couple of filler words
   ("pupils are really small"), never across a sentence, a comma or a cue.
4. Overlapping candidates are resolved by score, then length, then fewer gaps.
5. Each surviving match is checked for negation ("no chest pain"), a following
   denial ("the rash has gone") and a hypothetical ("can it cause seizures?").

Context cues ("ran out", "took too many") use the same tokens through a small
pattern language described in ``knowledge/en.toml``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from collections import namedtuple

from .knowledge import Drug, Knowledge, KnowledgeError

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, Iterable, Mapping

# Longest message we read; longer is refused, so cost stays bounded and linear.
MAX_TEXT_CHARS = 20_000
# Filler words allowed between the words of a term, in one gap and in all.
MAX_GAP = 3
MAX_GAPS_TOTAL = 3
# How far a preceding negation reaches, in words ("denies CP, SOB or N/V").
NEGATION_WINDOW = 6
# How far after a symptom a following denial may stand ("... has gone").
FOLLOWING_WINDOW = 4
# A reading must follow its cue within this many words: "BP was 88/50".
MEASUREMENT_REACH = 3
# Longer digit runs are not counts or readings (and int() refuses very long ones).
MAX_NUMBER_DIGITS = 6
# A question's reach ("can it cause ... seizures?") within one clause, in words.
HYPOTHETICAL_WINDOW = 12
# "my depression", "my severe anxiety": how close a possessive marks an illness,
# and how far around it a word may say it got worse.
CONDITION_WINDOW = 2
WORSENING_WINDOW = 6
# A denied symptom list goes on across at most this many words ("..., SOB or CP").
LIST_GAP = 2
# A denial reaches a context cue only from close by: "haven't stopped it".
CONTEXT_NEGATION_WINDOW = 1
# A pattern's "..." skips at most this many words.
PATTERN_GAP = 3
# Words joined by a slash are a list when each has at least this many letters
# ("libido/tinnitus"); shorter ones are abbreviations (N/V, c/o, d/c).
SLASH_WORD_LEN = 4
# Fuzzy matching: only words of at least this many letters are corrected, and
# only by this many edits (insertion, deletion, substitution, transposition).
FUZZY_MIN_LEN = 4
FUZZY_ANY_EDIT_LEN = 6
FUZZY_TWO_EDITS_LEN = 8
FUZZY_SCORE_FLOOR = 70.0
# A word spelt by ear ("drozzey" for "drowsy") must sound like exactly one
# lexicon word, be this long, and still look a little like it.
SOUND_MIN_LEN = 5
SOUND_SCORE_FLOOR = 55.0
# A frame scores below a whole phrase, so "can't breathe through my nose" (a
# phrase) wins over "breathe ... can't" (a frame) where both match.
FRAME_SCORE = 90.0
# Corrections remembered per lexicon (unknown words repeat: names, places).
FUZZY_CACHE_SIZE = 16384

# Words (with inner apostrophes, slashes, "&" and "+": "can't", "N/V", "N+V"), and
# the arrows nurses write for "increased" and "decreased" (see [texting]).
_TOKEN = re.compile(r"[^\W_]+(?:(?:['\u2019/&+]|-(?=[^\W\d_]))[^\W_]+)*|[\u2191\u2193]", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?;\n]")
_CLAUSE_END = re.compile(r"[,:()\[\]\u2013\u2014]|\s-\s")
# "Nausea? No." and "SOB: denies": a question mark or colon before an answer.
_ASKED = re.compile(r"[?:]")
# A letter held down: "sooo", "tiiired" (three or more of one letter).
_REPEATS = re.compile(r"([a-z])\1{2,}")
_NUMBER_UNIT = re.compile(r"^(\d{1,4})([a-z]+)$")
_BP = re.compile(r"^(\d{2,3})/(\d{2,3})$")
_VOWELS = set("aeiouy")
_CONTRACTIONS = (("n't", "nt"), ("'s", ""), ("'re", ""), ("'ve", ""), ("'ll", ""), ("'d", ""), ("'m", "m"))
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "dozen": 12,
}

# Boundaries before a token: none, a clause mark (comma, dash), a sentence end.
NO_BREAK, CLAUSE, SENTENCE = 0, 1, 2


class Token(namedtuple("Token", "raw norm start end brk asked")):
    """A word of the patient's text: ``text[start:end] == raw``."""
    # raw: str
    # norm: str
    # start: int
    # end: int
    # brk: int     # boundary between this token and the one before
    # asked: bool  # a "?" or ":" stands between this token and the one before
    __slots__ = ()


class Match(namedtuple("Match", "target start end text score term status cue")):
    """A lexicon term found in the text, with how it is meant.

    ``status`` is "affirmed", "negated" ("no rash"), "resolved" ("the rash has
    gone": it was there), "hypothetical", "historical" or "indication" (what
    the drug is taken for); ``cue`` the words
    that made it so.  ``text == input[start:end]``.
    """
    # target: str
    # start: int
    # end: int
    # text: str
    # score: float
    # term: str
    # status: str
    # cue: str
    __slots__ = ()


class ContextMatch(namedtuple("ContextMatch", "kind start end text")):
    """A context cue found in the text, e.g. kind "stopped_suddenly" for "ran out"."""
    # kind: str
    # start: int
    # end: int
    # text: str
    __slots__ = ()


# ---------------------------------------------------------------- normalising

@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """Fold one word to the form the lexicon is indexed by.

    Lower case, curly apostrophes, contractions ("can't" -> "cant"), hyphens
    ("light-headed" -> "lightheaded"), then a light stemmer so that
    "spasms", "spasming" and "spasm" meet: ``normalise("Spasming") == "spasm"``.
    """
    w = word.lower().replace("\u2019", "'").replace("-", "")
    if w == "cannot":
        return "cant"
    for suffix, repl in _CONTRACTIONS:
        if w.endswith(suffix) and len(w) > len(suffix):
            w = w[: -len(suffix)] + repl
            break
    w = w.replace("'", "")
    return _stem(w) if w.isalpha() else w


def _stem(w: str) -> str:
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        base = w[: -len(suffix)]
        if w.endswith(suffix) and len(base) >= 3 and _VOWELS & set(base):
            w = base
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if len(w) > 3 and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]
    return w


def tokenize(text: str, texting: Mapping[str, tuple[str, ...]] | None = None) -> list[Token]:
    """Split text into word tokens with offsets and the boundary before each.

    "no rash, but dizzy." -> no / rash / but (after a clause mark) / dizzy.
    With ``texting`` (the language's texting forms, already normalised), a
    texting word becomes the words it stands for, each spanning the original:
    "ran outta" -> ran / out / of.
    """
    tokens: list[Token] = []
    last = 0
    for m in _TOKEN.finditer(text):
        between = text[last:m.start()]
        brk = SENTENCE if _SENTENCE_END.search(between) else CLAUSE if _CLAUSE_END.search(between) else NO_BREAK
        raw = m.group()
        asked = bool(_ASKED.search(between))
        norm = normalise(raw)
        expansion = texting.get(raw.lower()) if texting else None
        parts = raw.split("/")
        if len(parts) > 1 and all(len(p) >= SLASH_WORD_LEN and p.isalpha() for p in parts):
            # "desire/tinnitus/weight": a list written with slashes, one item a clause
            pos = m.start()
            for k, part in enumerate(parts):
                tokens.append(Token(part, normalise(part), pos, pos + len(part), brk if k == 0 else CLAUSE,
                                    asked and k == 0))
                pos += len(part) + 1
        elif expansion:
            for k, word in enumerate(expansion):
                tokens.append(Token(raw, word, m.start(), m.end(), brk if k == 0 else NO_BREAK, asked and k == 0))
        else:
            tokens.append(Token(raw, norm, m.start(), m.end(), brk, asked))
        last = m.end()
    return tokens


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """The normalised words of a lexicon phrase: "can't sleep" -> ("cant", "sleep")."""
    return tuple(t.norm for t in tokenize(phrase))


# ---------------------------------------------------------------- patterns

class _Pattern(namedtuple("_Pattern", "steps source")):
    """A compiled cue pattern: a tuple of steps (see knowledge/en.toml)."""
    # steps: tuple
    # source: str
    __slots__ = ()


def _number(norm: str) -> int | None:
    digits = norm.lstrip("~")
    if digits.isdecimal() and len(digits) <= MAX_NUMBER_DIGITS:
        return int(digits)
    return _NUMBER_WORDS.get(norm)


def compile_pattern(source: str, classes: dict[str, frozenset[str]], where: str,
                    reach: int = PATTERN_GAP) -> _Pattern:
    """Compile "took|swallowed ... #4+ {drug}" into matching steps; "..." skips up to
    ``reach`` words, never another medicine's name ("stopped the tizanidine because
    it" is not a stop of this drug)."""
    steps: list = []
    barrier = classes.get("other_drug", frozenset())
    for word in source.split():
        if word == "...":
            steps.append(("gap", reach, barrier))
        elif word == "*":
            steps.append(("any",))
        elif word.startswith("#"):
            rest = word[1:]
            if rest.endswith("+") and rest[:-1].isdigit():
                steps.append(("num", int(rest[:-1]), ""))
            elif rest == "" or rest.isalpha():
                steps.append(("num", 0, rest))
            else:
                raise KnowledgeError(f"{where}: pattern {source!r}: bad number step {word!r} (use #, #N+ or #unit)")
        elif "|" in word and "{" in word:
            raise KnowledgeError(f"{where}: pattern {source!r}: a class cannot be one of alternatives in {word!r}")
        elif word.startswith("{") and word.endswith("}"):
            name = word[1:-1]
            if name not in classes:
                raise KnowledgeError(f"{where}: pattern {source!r}: unknown class {{{name}}}; "
                                     f"valid: {', '.join('{%s}' % c for c in sorted(classes))}")
            steps.append(("set", classes[name]))
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
    if not steps or steps[0][0] == "gap" or steps[-1][0] == "gap":
        raise KnowledgeError(f"{where}: pattern {source!r} must start and end with a word")
    return _Pattern(tuple(steps), source)


def _step_ok(step: tuple, tok: Token) -> bool:
    kind = step[0]
    if kind == "set":
        return tok.norm in step[1]
    if kind == "any":
        return True
    # ("num", minimum, unit): "4", "four", "~20", or with a unit suffix "2yo"
    minimum, unit = step[1], step[2]
    norm = tok.norm
    if unit:
        if not norm.endswith(unit):
            return False
        norm = norm[: -len(unit)]
    n = _number(norm)
    return n is not None and n >= minimum


def _match_pattern(steps: tuple, tokens: list[Token], i: int, s: int = 0) -> int | None:
    """Index after the last token if ``steps[s:]`` match from token ``i``, else None."""
    while s < len(steps):
        step = steps[s]
        if step[0] == "gap":
            for j in range(i, min(i + step[1] + 1, len(tokens))):
                if j > i and (tokens[j].brk == SENTENCE or tokens[j - 1].norm in step[2]):
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


class PatternSet:
    """Many patterns indexed by their first word, so each token tries only a few."""

    def __init__(self, labelled: Iterable[tuple[str, _Pattern]]) -> None:
        self.by_word: dict[str, list[tuple[str, _Pattern]]] = {}
        self.anywhere: list[tuple[str, _Pattern]] = []
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
        for i, tok in enumerate(tokens):
            for label, pattern in self.by_word.get(tok.norm, []) + self.anywhere:
                end = _match_pattern(pattern.steps, tokens, i)
                if end is not None:
                    found.append((label, i, end, pattern.source))
        return found


# ---------------------------------------------------------------- the lexicon index

class _Term(namedtuple("_Term", "words target source")):
    # words: tuple[str, ...]
    # target: str | None  # None: an ignore phrase ("fit and well")
    # source: str
    __slots__ = ()


class Lexicon:
    """The drug's lay terms and the language's cues, compiled for matching.

    Built once per (knowledge, drug); matching a message is then linear in its
    length.
    """

    def __init__(self, knowledge: Knowledge, drug: Drug) -> None:
        lang = knowledge.language
        self.drug = drug
        self.terms: dict[str, list[_Term]] = {}
        self.abbreviations: dict[str, tuple[str, str]] = {}
        # Frames indexed by each word that can start their head: ("breath", ...).
        self.frames: dict[str, list[_FrameRule]] = {}
        owner: dict[str, str] = {}
        illness: set[str] = set()
        for ref, target in drug.targets.items():
            item = target.sign or target.entry
            sources = [(item, drug.path)]
            for cid in item.concepts:
                if cid in owner:
                    raise KnowledgeError(f"{drug.path}: concept {cid!r} is named by both {owner[cid]!r} and {ref!r}")
                owner[cid] = ref
                sources.append((knowledge.concepts[cid], knowledge.concepts[cid].path))
            for source, where in sources:
                for phrase in source.terms:
                    self._add(_Term(phrase_tokens(phrase), ref, phrase), where)
                for abbr in source.abbreviations:
                    if len(tokenize(abbr)) != 1:
                        raise KnowledgeError(f"{where}: abbreviation {abbr!r} of {ref!r} must be one word")
                    self.abbreviations[abbr] = (ref, abbr)
                illness.update(getattr(source, "illness", ()))
                for frame in getattr(source, "frames", ()):
                    rule = _compile_frame(frame, ref, where)
                    for first in rule.head:
                        self.frames.setdefault(first, []).append(rule)
        for phrase in lang.ignore:
            self._add(_Term(phrase_tokens(phrase), None, phrase), lang.path)

        for name, words in lang.classes.items():
            several = [w for w in words if len(phrase_tokens(w)) != 1]
            if several:  # a class matches one word: "little one" would match "one" alone
                raise KnowledgeError(f"{lang.path} [classes] {name}: {several[0]!r} is not one word")
        classes = {name: frozenset(phrase_tokens(w)[0] for w in words) for name, words in lang.classes.items()}
        drug_names = drug.names + drug.brand_names + (drug.name,)
        classes["drug"] = frozenset(t for n in drug_names for t in phrase_tokens(n)) | classes.get("medicine", frozenset())
        # Other medicines: the drug file's interacting ones and the language's list, one word each.
        others = {w for i in drug.interactions for n in i.names for w in [phrase_tokens(n)] if len(w) == 1}
        classes["other_drug"] = frozenset(w[0] for w in others) | classes.get("other_medicines", frozenset())
        self.classes = classes

        def compiled(kind: str, phrases: Iterable[str], where: str, reach: int = PATTERN_GAP) -> list[tuple[str, _Pattern]]:
            return [(kind, compile_pattern(p, classes, where, reach)) for p in phrases]

        where = lang.path
        self.negation = {kind: PatternSet(compiled(kind, phrases, f"{where} [negation] {kind}"))
                         for kind, phrases in lang.negation.items() if kind != "lists"}
        self.hypothetical = {kind: PatternSet(compiled(f"hypothetical_{kind}", phrases, f"{where} [hypothetical] {kind}"))
                             for kind, phrases in lang.hypothetical.items() if kind != "uncertain"}
        self.uncertain = frozenset(lang.hypothetical.get("uncertain", ()))
        self.indication = PatternSet(compiled("indication", lang.indication, f"{where} [indication]"))
        self.categories = {f"{cat}_{kind}": PatternSet(compiled(f"{cat}_{kind}", phrases, f"{where} [{cat}] {kind}"))
                           for cat, table in lang.categories.items() for kind, phrases in table.items()
                           if kind != "worsening"}
        self.historical = {kind: PatternSet(compiled(f"historical_{kind}", phrases, f"{where} [historical] {kind}"))
                           for kind, phrases in lang.historical.items()}
        self.context = PatternSet(
            pair for rule in lang.context
            for pair in compiled(rule.kind, rule.patterns, f"{where} [[context]] {rule.kind}", rule.reach))
        self.clause_openers = classes.get("clause_openers", frozenset())
        self.back_references = classes.get("back_references", frozenset())
        self.contrast = classes.get("contrast", frozenset())
        self.reading_joiners = classes.get("reading_joiners", frozenset())
        self.list_denials = frozenset(lang.negation.get("lists", ()))
        # One-word denials and terminations are never skipped over as filler
        # inside a term: "breathing is not slow" is not "breathing ... slow".
        self.cue_words = frozenset(
            words[0] for kind in ("preceding", "termination") for phrase in lang.negation[kind]
            for words in [phrase_tokens(phrase)] if len(words) == 1)
        self.denial_words = frozenset(
            words[0] for phrase in lang.negation["preceding"] for words in [phrase_tokens(phrase)] if len(words) == 1)
        vocab = {w for bucket in self.terms.values() for term in bucket for w in term.words}
        vocab |= {w for rules in self.frames.values() for r in rules for opts in (r.head, r.with_)
                  for phrases in opts.values() for words in phrases for w in words}
        self.frame_barriers = classes.get("frame_barriers", frozenset())
        # Terms that also name an illness the patient may already have ("my depression").
        self.illness_terms = frozenset(illness)
        self.worsening = frozenset(w for p in lang.categories.get("condition", {}).get("worsening", ())
                                   for w in phrase_tokens(p))
        cue_vocab = {w for ps in list(self.negation.values()) + list(self.historical.values())
                     + list(self.hypothetical.values()) + list(self.categories.values()) + [self.indication, self.context]
                     for _label, pat in list(ps.anywhere) + [x for v in ps.by_word.values() for x in v]
                     for step in pat.steps if step[0] == "set" for w in step[1]}
        known = vocab | cue_vocab | {w for c in classes.values() for w in c}
        known |= {normalise(w) for w in lang.common_words} | set(lang.common_words)
        self.known = frozenset(known)
        self._corrections: dict[str, tuple[str, float] | None] = {}
        self._fuzzy_choices: dict[str, list[str]] = {}
        for w in vocab:
            if w.isalpha() and len(w) >= FUZZY_MIN_LEN:
                self._fuzzy_choices.setdefault(w[0], []).append(w)
        # Reading cues ("bp", "resp rate") by their first word: each token tries only its own.
        self.sharing_kinds = frozenset(r.kind for r in lang.context if r.shares_words)
        self.coordinators = classes.get("coordinators", frozenset())
        self.determiners = classes.get("determiners", frozenset())
        self.reasons = classes.get("reasons", frozenset())
        self.measurement_cues: dict[str, list[tuple[Any, tuple[str, ...]]]] = {}
        for m in drug.measurements:
            for c in m.cues:
                cue = phrase_tokens(c)
                self.measurement_cues.setdefault(cue[0], []).append((m, cue))
        self.texting = {k.lower(): phrase_tokens(v) for k, v in lang.texting.items()}
        amounts = lang.amounts
        self.quantities: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for phrase, value in amounts.get("numbers", {}).items():
            words = phrase_tokens(phrase)
            self.quantities.setdefault(words[0], []).append((words, value))
        for bucket in self.quantities.values():
            bucket.sort(key=lambda wv: -len(wv[0]))
        self.units = {kind: frozenset(w for p in amounts.get(kind, ()) for w in phrase_tokens(p))
                      for kind in ("tablets", "mg", "duration", "followers", "weight", "of_them", "of_whose")}
        # words that name a tablet: the units and the drug's own names ("a dozen baclofen")
        self.tablet_words = self.units["tablets"] | (classes["drug"] - self.units["of_them"] - {"it", "dose", "doses"})
        self.ingest_verbs = frozenset(w for p in amounts.get("verbs", ()) for w in phrase_tokens(p))
        self.regimen_verbs = frozenset(w for p in amounts.get("regimen_verbs", ()) for w in phrase_tokens(p))
        self.regimen = PatternSet(compiled("regimen", amounts.get("regimen", ()), f"{where} [amounts] regimen"))
        self._vocab = frozenset(vocab | cue_vocab)

    def amount_unit(self, tokens: list[Token], i: int) -> str | None:
        """What the count before token ``i`` counts: "tablets", "mg", "duration" or None.

        "12 tablets", "15 lioresal", "20 of them", "ten of her pills" count
        tablets; "20 of these headaches" counts something else.
        """
        k, of = i, False
        while k < len(tokens) and k - i < 5 and tokens[k].brk != SENTENCE:
            norm = tokens[k].norm
            if of and (norm.isdecimal() or norm in self.units["mg"]):
                k += 1  # "12 of my 10mg ones": the strength between
                continue
            if norm in self.tablet_words or (of and norm in self.units["of_them"]):
                return "tablets"
            if not of:
                for kind in ("mg", "duration"):
                    if norm in self.units[kind]:
                        return kind
            if norm == "of":
                of = True
            elif not (of and norm in self.units["of_whose"]):
                return None
            elif k + 1 == len(tokens) or tokens[k + 1].brk != NO_BREAK or tokens[k + 1].norm in self.units["followers"]:
                return "tablets"  # "I took 20 of those", "10 of mine by mistake"
            k += 1
        return None

    def tokenize(self, text: str) -> list[Token]:
        """Tokens of a message with texting forms read as the words they stand for:
        "ears r ringin" -> ears / are / ring (the dropped g put back)."""
        tokens = tokenize(text, self.texting)
        if "-" in text:
            tokens = self._split_compounds(tokens)
        tokens = self._split_units(tokens)
        for i, tok in enumerate(tokens):
            if tok.norm not in self.known and tok.norm.isalpha():
                respelt = self.respell(tok.norm)
                if respelt:
                    tokens[i] = tok._replace(norm=respelt)
        return tokens

    def _split_units(self, tokens: list[Token]) -> list[Token]:
        """A number with a weight unit as two words: "3kg" -> 3 / kg, "20lbs" -> 20 / lb."""
        out = []
        for tok in tokens:
            m = _NUMBER_UNIT.match(tok.norm)
            if m is None or m.group(2) not in self.units["weight"]:
                out.append(tok)
                continue
            cut = tok.start + len(m.group(1))
            out.append(Token(tok.raw[:len(m.group(1))], m.group(1), tok.start, cut, tok.brk, tok.asked))
            unit = tok.raw[len(m.group(1)):]
            out.append(Token(unit, normalise(unit), cut, tok.end, NO_BREAK, False))
        return out

    def _split_compounds(self, tokens: list[Token]) -> list[Token]:
        """An unknown hyphenated word as its parts: "cola-coloured" -> cola / colour;
        a known one stays whole ("light-headed")."""
        out = []
        for tok in tokens:
            parts = tok.raw.split("-")
            if len(parts) < 2 or tok.norm in self.known or not all(p.isalpha() for p in parts):
                out.append(tok)
                continue
            pos = tok.start
            for k, part in enumerate(parts):
                out.append(Token(part, normalise(part), pos, pos + len(part), tok.brk if k == 0 else NO_BREAK,
                                 tok.asked and k == 0))
                pos += len(part) + 1
        return out

    def respell(self, norm: str) -> str | None:
        """The word a texting spelling stands for, when it is one this lexicon uses:
        a dropped g ("jerkin" -> "jerk") or letters held down ("sooo sleeepy")."""
        tries = []
        if norm.endswith("in") and len(norm) >= 4:
            tries.append(norm + "g")
        squeezed = _REPEATS.sub(r"\1\1", norm)
        if squeezed != norm:
            tries += [squeezed, _REPEATS.sub(r"\1", norm)]
            if squeezed.endswith("in"):
                tries.append(squeezed + "g")
        for word in tries:
            stem = normalise(word)
            if stem in self._vocab:
                return stem
        return None

    def _add(self, term: _Term, where: str) -> None:
        if not term.words:
            raise KnowledgeError(f"{where}: term {term.source!r} has no words")
        self.terms.setdefault(term.words[0], []).append(term)

    # -------------------------------------------------------------- fuzzy words

    def correct(self, norm: str, spelt: str = "") -> tuple[str, float] | None:
        """The lexicon word a typo stands for: "nausious" -> ("nauseous", 88.9).
        ``spelt`` is the word as typed, before stemming, for words spelt by ear."""
        if norm in self.known or not norm.isalpha() or len(norm) < FUZZY_MIN_LEN:
            return None
        spelt = spelt.lower() if spelt.isalpha() else norm
        try:
            return self._corrections[spelt]
        except KeyError:
            pass
        if len(self._corrections) >= FUZZY_CACHE_SIZE:
            self._corrections.clear()
        found = self._corrections[spelt] = _correct(norm, spelt, self)
        return found

    def __getstate__(self) -> dict:
        # Corrections are per process; the compiled-lexicon cache keeps only the index.
        return {**self.__dict__, "_corrections": {}}


def _correct(norm: str, spelt: str, lexicon: Lexicon) -> tuple[str, float] | None:
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    choices = lexicon._fuzzy_choices.get(norm[0])
    if not choices:
        return None
    max_edits = 2 if len(norm) >= FUZZY_TWO_EDITS_LEN else 1
    near = process.extract(norm, choices, scorer=OSA.distance, score_cutoff=max_edits, limit=None)
    best = max(((fuzz.ratio(norm, word), word) for word, _dist, _i in near if _typo_shaped(norm, word)),
               default=None)
    if best is None or best[0] < FUZZY_SCORE_FLOOR:
        return _sounds_like(norm, spelt, choices, fuzz.ratio)
    return best[1], best[0]


_SOUNDS = ((re.compile(r"ph"), "f"), (re.compile(r"sh|ti(?=[aou])"), "s"), (re.compile(r"ch|ck|q"), "k"), (re.compile(r"c(?=[eiy])"), "s"),
           (re.compile(r"c"), "k"), (re.compile(r"x"), "ks"), (re.compile(r"z"), "s"),
           (re.compile(r"(?<=[aeiouy])w|(?<=.)h"), ""), (re.compile(r"[aeiouy]+"), "a"), (re.compile(r"(.)\1+"), r"\1"))


_FIRST_VOWEL = re.compile(r"[aeiouy]")


def _sound_key(word: str) -> str:
    """How a word sounds, roughly: "drozzey" and "drowsy" are both "o:drasa".
    People spell the first vowel as they hear it, so it stays in the key:
    "happyer" does not sound like "hyper"."""
    vowel = _FIRST_VOWEL.search(word)
    for pattern, sound in _SOUNDS:
        word = pattern.sub(sound, word)
    return f"{vowel.group() if vowel else ''}:{word}"


def _sounds_like(norm: str, spelt: str, choices: list[str], ratio: Any) -> tuple[str, float] | None:
    """A word spelt by ear ("drozzey", "nawshus", "weeknes") as the lexicon word
    that sounds the same, stemmed or as typed; only for words of SOUND_MIN_LEN
    letters or more that still look a little like it."""
    if len(norm) < SOUND_MIN_LEN:
        return None
    keys = {_sound_key(norm), _sound_key(spelt)}
    same = [(ratio(spelt, w), w) for w in choices if len(w) >= SOUND_MIN_LEN and _sound_key(w) in keys]
    best = max(same, default=None)
    if best is None or best[0] < SOUND_SCORE_FLOOR:
        return None
    return best[1], FUZZY_SCORE_FLOOR


def _typo_shaped(typed: str, word: str) -> bool:
    """Whether ``typed`` looks like a slip of the fingers for ``word``.

    Short words are real words too often ("boat" is not "bloat", "wheel" is
    not "wheeze"), so below FUZZY_ANY_EDIT_LEN letters only a doubled letter
    typed once or twice ("dizy", "dizzzy") or two swapped letters count.
    """
    if len(typed) >= FUZZY_ANY_EDIT_LEN:
        return True
    if len(typed) == len(word):
        diff = [i for i in range(len(word)) if typed[i] != word[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == word[diff[1]]
    short, long_ = sorted((typed, word), key=len)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return (i > 0 and long_[i] == long_[i - 1]) or (i + 1 < len(long_) and long_[i] == long_[i + 1])
    return False


# ---------------------------------------------------------------- frames

class _FrameRule(namedtuple("_FrameRule", "target head with_ without reach source denied")):
    # target: str
    # head: Mapping[str, tuple[tuple[str, ...], ...]]   normalised phrases by first word, longest first
    # with_: Mapping[str, tuple[tuple[str, ...], ...]]
    # without: frozenset[str]
    # reach: int
    # source: str                         "breathing + slow", for /why
    __slots__ = ()


def _compile_frame(frame, target: str, where: str) -> _FrameRule:
    def phrases(words: tuple[str, ...], key: str) -> tuple[tuple[str, ...], ...]:
        out = tuple(p for p in (phrase_tokens(w) for w in words) if p)
        if len(out) != len(words):
            raise KnowledgeError(f"{where}: frame of {target!r}: a {key!r} phrase has no word in it")
        return out
    def by_first(found: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
        index: dict[str, list[tuple[str, ...]]] = {}
        for p in found:
            index.setdefault(p[0], []).append(p)
        return {w: tuple(sorted(ps, key=len, reverse=True)) for w, ps in index.items()}
    head, with_ = by_first(phrases(frame.head, "head")), by_first(phrases(frame.with_, "with"))
    without = frozenset(w for p in phrases(frame.without, "without") for w in p)
    return _FrameRule(target, head, with_, without, frame.reach, f"{frame.head[0]} + {frame.with_[0]}",
                      frame.denied)


def _phrase_at(words: list[tuple[str, float]], tokens: list[Token], i: int, phrase: tuple[str, ...]) -> int | None:
    """Index of the last token if ``phrase`` stands from token ``i`` with no break inside."""
    end = i + len(phrase)
    if end > len(tokens):
        return None
    for k, want in enumerate(phrase):
        if words[i + k][0] != want or (k and tokens[i + k].brk != NO_BREAK):
            return None
    return end - 1


def _frames(tokens: list[Token], words: list[tuple[str, float]], lexicon: Lexicon) -> Iterable[_Candidate]:
    """Signs said as a head and a qualifier in any order within one clause:
    "breathing is hard", "hard time breathing", "my breath is very slow"."""
    for i in range(len(tokens)):
        for rule in lexicon.frames.get(words[i][0], ()):
            head_last = next((e for p in rule.head[words[i][0]] if (e := _phrase_at(words, tokens, i, p)) is not None),
                             None)
            if head_last is None:
                continue
            lo, hi = _clause_bounds(tokens, words, lexicon, i, head_last, rule.reach)
            if any(words[k][0] in rule.without for k in range(lo, hi + 1)):
                continue
            best = _frame_qualifier(rule, tokens, words, lexicon, i, head_last, lo, hi, None)
            # "my mood and energy went down": a head joined to another noun shares
            # its predicate; the frame then stands at the head alone.  Only a head
            # that is a noun ("my mood", not "if I sat or lay down") is joined.
            if best is None and hi == head_last and head_last + 2 < len(tokens) and i > 0 \
                    and words[i - 1][0] in lexicon.determiners \
                    and words[head_last + 1][0] in lexicon.coordinators and tokens[head_last + 1].brk == NO_BREAK:
                joined = head_last + 1
                far = _clause_bounds(tokens, words, lexicon, joined + 1, joined + 1, rule.reach)[1]
                if not any(words[k][0] in rule.without for k in range(joined, far + 1)):
                    best = _frame_qualifier(rule, tokens, words, lexicon, i, head_last, lo, far, joined)
                    if best:
                        best = (i, head_last) + best[2:]
            if best:
                first, last, j, e = best
                used = list(range(i, head_last + 1)) + list(range(j, e + 1))
                score = FRAME_SCORE * sum(words[k][1] for k in used) / (100.0 * len(used))
                yield _Candidate(first, last, rule.target, score, len(used), max(0, last - first + 1 - len(used)),
                                 rule.source)


def _frame_qualifier(rule: _FrameRule, tokens: list[Token], words: list[tuple[str, float]], lexicon: Lexicon,
                     i: int, head_last: int, lo: int, hi: int,
                     joined: int | None) -> tuple[int, int, int, int] | None:
    """The nearest qualifier of ``rule`` for the head at ``i..head_last``, within
    ``lo..hi`` (after ``joined`` when the head is joined to another noun):
    (first, last, qualifier start, qualifier end)."""
    best = None
    for j in range(lo if joined is None else joined + 1, hi + 1):
        if i <= j <= head_last:
            continue
        for p in rule.with_.get(words[j][0], ()):
            e = _phrase_at(words, tokens, j, p)
            if e is None or e > hi or (j < i and e >= i):
                continue
            first, last = min(i, j), max(head_last, e)
            between = [k for k in range(first + 1, last) if not (i <= k <= head_last or j <= k <= e)]
            denied = any(words[k][0] in lexicon.denial_words for k in between)
            if denied != rule.denied:
                continue  # "breathing is not slow"; but "eyes don't line up" wants its denial
            if best is None or last - first < best[1] - best[0]:
                best = (first, last, j, e)
    return best


def _clause_bounds(tokens: list[Token], words: list[tuple[str, float]], lexicon: Lexicon,
                   first: int, last: int, reach: int) -> tuple[int, int]:
    """The tokens a frame may use around ``first..last``: within ``reach``, never
    across a clause or sentence mark or a barrier word ("and", "but")."""
    lo = first
    while lo > 0 and first - lo < reach and tokens[lo].brk == NO_BREAK and words[lo - 1][0] not in lexicon.frame_barriers:
        lo -= 1
    hi = last
    while (hi + 1 < len(tokens) and hi - last < reach and tokens[hi + 1].brk == NO_BREAK
           and words[hi + 1][0] not in lexicon.frame_barriers):
        hi += 1
    return lo, hi


# ---------------------------------------------------------------- finding terms

class _Candidate(namedtuple("_Candidate", "first last target score matched gaps term")):
    # first: int
    # last: int  # index of the last token, inclusive
    # target: str | None
    # score: float
    # matched: int
    # gaps: int
    # term: str
    __slots__ = ()


def _words_with_corrections(tokens: list[Token], lexicon: Lexicon) -> list[tuple[str, float]]:
    words = []
    for tok in tokens:
        fixed = lexicon.correct(tok.norm, tok.raw)
        words.append(fixed if fixed else (tok.norm, 100.0))
    return words


def _extend(term: _Term, words: list[tuple[str, float]], tokens: list[Token], i: int,
            lexicon: Lexicon) -> _Candidate | None:
    """Match ``term`` starting at token ``i``, allowing short filler gaps."""
    pos, scores, gaps = i, [words[i][1]], 0
    for want in term.words[1:]:
        for skip in range(MAX_GAP + 1):
            j = pos + 1 + skip
            if j >= len(tokens) or tokens[j].brk != NO_BREAK:
                return None
            if words[j][0] == want:
                break
            if (skip == MAX_GAP or tokens[j].norm in lexicon.cue_words or term.target is None
                    or words[pos][0] in lexicon.cue_words):
                # Fixed phrases to ignore, and the word after a denial inside a
                # term ("not making sense"), take no filler.
                return None
        else:  # pragma: no cover - loop always breaks or returns
            return None
        gaps += skip
        if gaps > MAX_GAPS_TOTAL:
            return None
        scores.append(words[j][1])
        pos = j
    return _Candidate(i, pos, term.target, sum(scores) / len(scores), len(term.words), gaps, term.source)


def _candidates(tokens: list[Token], words: list[tuple[str, float]], lexicon: Lexicon) -> list[_Candidate]:
    found = []
    for i, tok in enumerate(tokens):
        abbr = lexicon.abbreviations.get(tok.raw)
        if abbr:
            found.append(_Candidate(i, i, abbr[0], 100.0, 1, 0, abbr[1]))
        for term in lexicon.terms.get(words[i][0], ()):
            cand = _extend(term, words, tokens, i, lexicon)
            if cand:
                found.append(cand)
    found.extend(_measurements(tokens, lexicon))
    found.extend(_frames(tokens, words, lexicon))
    return found


def _measurements(tokens: list[Token], lexicon: Lexicon) -> Iterable[_Candidate]:
    """Quoted readings under the drug's thresholds: "BP was 88/50" is low, "RR 8" is slow."""
    for i, tok in enumerate(tokens):
        for m, cue in lexicon.measurement_cues.get(tok.norm, ()):
            if len(cue) > 1 and tuple(t.norm for t in tokens[i:i + len(cue)]) != cue:
                continue
            for j in range(i + len(cue), min(i + len(cue) + MEASUREMENT_REACH, len(tokens))):
                values = _reading(tokens[j].norm, m.reading)
                last = j
                if values is None and m.reading == "pair" and j + 2 < len(tokens) \
                        and tokens[j + 1].norm in lexicon.reading_joiners and tokens[j].norm.isdecimal():
                    values = _reading(f"{tokens[j].norm}/{tokens[j + 2].norm}", "pair")  # "86 on 54"
                    last = j + 2
                if values is None:
                    continue
                if any(v < limit for v, limit in zip(values, m.below)):
                    yield _Candidate(i, last, m.target, 100.0, len(cue) + 1, j - i - len(cue), tokens[j].raw)
                break


def _reading(norm: str, kind: str) -> tuple[int, ...] | None:
    if kind == "pair":
        pair = _BP.match(norm)
        return (int(pair.group(1)), int(pair.group(2))) if pair else None
    return (int(norm),) if norm.isdecimal() and len(norm) <= MAX_NUMBER_DIGITS else None


def _resolve(cands: list[_Candidate]) -> list[_Candidate]:
    """Keep the best of overlapping candidates: score, then length, then fewer gaps."""
    taken: set[int] = set()
    kept = []
    for c in sorted(cands, key=lambda c: (-c.score, -c.matched, c.gaps, c.first)):
        span = range(c.first, c.last + 1)
        if taken.isdisjoint(span):
            taken.update(span)
            kept.append(c)
    return sorted(kept, key=lambda c: c.first)


# ---------------------------------------------------------------- negation and hypotheticals

class _Cue(namedtuple("_Cue", "kind first end text")):
    # kind: str
    # first: int
    # end: int  # exclusive
    # text: str
    __slots__ = ()


def _cues(tokens: list[Token], lexicon: Lexicon, occupied: set[int]) -> list[_Cue]:
    """Negation and other cues, without those inside a term, a context cue or a pseudo cue."""
    cues = []
    sets = list(lexicon.negation.items()) + [("indication", lexicon.indication)]
    sets += [(f"historical_{kind}", ps) for kind, ps in lexicon.historical.items()]
    sets += [(f"hypothetical_{kind}", ps) for kind, ps in lexicon.hypothetical.items()]
    sets += list(lexicon.categories.items())
    for kind, ps in sets:
        for _label, first, end, source in ps.find(tokens):
            if occupied.isdisjoint(range(first, end)):
                cues.append(_Cue(kind, first, end, source))
            elif kind == "hypothetical_preceding" and first not in occupied:
                # "can baclofen slow your breathing?": the question runs into the
                # symptom it asks about; it ends where the symptom starts.
                cut = next(k for k in range(first, end) if k in occupied)
                cues.append(_Cue(kind, first, cut, source))
    pseudo = {i for c in cues if c.kind == "pseudo" for i in range(c.first, c.end)}
    return [c for c in cues if c.kind != "pseudo" and not pseudo.issuperset(range(c.first, c.end))]


# What a cue after a symptom makes of it.
_FOLLOWING = {"following": "resolved", "historical_following": "historical",
              "hypothetical_following": "hypothetical", "other_person_following": "other_person",
              "other_drug_following": "other_drug", "condition_following": "condition",
              "improved_following": "improved"}
# Cues before a symptom whose reach runs to the end of its clause: "a friend
# had hallucinations", "the amitriptyline makes me drowsy".
_CLAUSE_WIDE = {"hypothetical_preceding": "hypothetical", "other_person_preceding": "other_person",
                "other_drug_preceding": "other_drug"}


class _Scope:
    """The cues of one message, indexed by position, so each match looks only nearby."""

    def __init__(self, tokens: list[Token], cues: list[_Cue], lexicon: Lexicon, text: str = "",
                 matched: frozenset[int] | set[int] = frozenset()) -> None:
        self.tokens, self.lexicon = tokens, lexicon
        # "(if I don't eat first), sleepiness": a closing bracket ends every cue's
        # reach; an opening one ends a denial's, but "they cause mood problems
        # (severe mood swings)" still blames them for what is in the brackets.
        gaps = [text[tokens[i - 1].end:tokens[i].start] if tokens[i].brk == CLAUSE else ""
                for i in range(1, len(tokens))]
        self.parens = {i for i, gap in enumerate(gaps, 1) if any(ch in ")]" for ch in gap)}
        self.openers = {i for i, gap in enumerate(gaps, 1) if i not in self.parens and any(ch in "([" for ch in gap)}
        # Where a symptom was found, so that "for work, muscles tightening" does
        # not read the muscles as what the medicine is taken for.
        self.symptoms = matched

        self.terminators = {i for c in cues if c.kind == "termination" for i in range(c.first, c.end)}
        self.ending_at: dict[int, list[_Cue]] = {}
        self.starting_at: dict[int, list[_Cue]] = {}
        for c in cues:
            if c.kind in _FOLLOWING or c.kind == "answer":
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

    def stops(self, i: int) -> bool:
        """Whether the reach of a cue ends between token i-1 and token i."""
        tok = self.tokens[i]
        if tok.brk == SENTENCE or i in self.terminators or i in self.parens or i in self.openers:
            return True
        return tok.brk == CLAUSE and tok.norm in self.lexicon.clause_openers

    def status(self, first: int, last: int, target: str | None, window: int = NEGATION_WINDOW,
               following: int = FOLLOWING_WINDOW, term: str = "", reported: int = -1) -> tuple[str, _Cue | None]:
        """How the words from ``first`` to ``last`` are meant: ("negated", "no") for
        "no chest pain"; the nearest cue wins."""
        status, cue = self._status(first, last, target, window, following, term, reported)
        if status == "condition" and self._worsened(first, last):
            return "affirmed", None  # "my depression is much worse since I started it"
        return status, cue

    def _worsened(self, first: int, last: int) -> bool:
        """Whether the clause around a symptom says it got worse: "my anxiety has got worse"."""
        lo = first
        while lo > 0 and first - lo < WORSENING_WINDOW and not self.stops(lo):
            lo -= 1
        hi = last
        while hi + 1 < len(self.tokens) and hi - last < WORSENING_WINDOW and not self.stops(hi + 1):
            hi += 1
        return any(self.tokens[k].norm in self.lexicon.worsening for k in range(lo, hi + 1))

    def _status(self, first: int, last: int, target: str | None, window: int, following: int,
                term: str, reported: int) -> tuple[str, _Cue | None]:
        status, cue = self._near_status(first, last, target, window, following, term, reported)
        if status == "affirmed" and target is not None:
            past = self.sentence_past.get(self.sentence_of[first])
            # "Last year I started it and now I see things": a turn to the
            # present ends the opening time's reach.
            if past is not None and past.end <= first and not any(
                    k in self.terminators or self.tokens[k].norm in self.lexicon.contrast
                    for k in range(past.end, first + 1)):
                return "historical", past
        return status, cue

    def _near_status(self, first: int, last: int, target: str | None, window: int, following: int,
                     term: str, reported: int) -> tuple[str, _Cue | None]:
        """``reported``: the last token of the latest present symptom in this sentence, or -1."""
        illness = term in self.lexicon.illness_terms
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
            same_clause = same_clause and (self.tokens[i].brk == NO_BREAK or bracket) \
                and first - i <= HYPOTHETICAL_WINDOW
            near = open_ and first - i <= window
            crossed = crossed or self.tokens[i].brk != NO_BREAK
            for cue in self.ending_at.get(i, ()):
                if cue.kind == "preceding" and near and not (
                        crossed and cue.first > reported >= 0 and cue.text not in self.lexicon.list_denials):
                    # A plain "no" in the middle of a list of complaints denies its own
                    # item only: "sleepy, no motivation, sexual problems".
                    return "negated", cue
                if cue.kind in _CLAUSE_WIDE and same_clause:
                    return _CLAUSE_WIDE[cue.kind], cue
                if cue.kind == "historical_preceding" and near:
                    return "historical", cue
                if cue.kind == "improved_preceding" and near:
                    return "improved", cue
                if cue.kind == "indication" and near and crossed and not self._names_a_symptom(cue.end, first):
                    continue  # "for work, muscles tightening up": the cue's object is not a symptom
                if cue.kind == "indication" and near and target in self.lexicon.drug.indication_targets:
                    return "indication", cue
                if illness and ((cue.kind == "indication" and near)
                                or (cue.kind == "condition_preceding" and open_ and first - i <= CONDITION_WINDOW)):
                    return "condition", cue
            if not near and not same_clause:
                break
        for i in range(last + 1, min(last + 2 + following, len(self.tokens))):
            for cue in self.starting_at.get(i, ()):
                # "Nausea? No.": a denial answering the symptom named just before.
                if cue.kind == "answer" and i == last + 1 and self.tokens[i].asked:
                    return "negated", cue
            if self.stops(i):
                # "a headache, but it has gone now": the pronoun carries the cue back.
                j = i
                while j < len(self.tokens) and j - i < 3 and self.tokens[j].norm in self.lexicon.back_references \
                        and (j == i or self.tokens[j].brk == NO_BREAK):
                    j += 1
                if j > i and self.tokens[i].brk != SENTENCE:
                    for cue in self.starting_at.get(j, ()):
                        if cue.kind == "following":
                            return "resolved", cue
                break
            for cue in self.starting_at.get(i, ()):
                if cue.kind in _FOLLOWING and (illness or cue.kind != "condition_following"):
                    return _FOLLOWING[cue.kind], cue
        return "affirmed", None

    def _names_a_symptom(self, start: int, first: int) -> bool:
        """Whether the words from ``start`` to the first break before ``first`` hold a symptom."""
        k = start
        while k < first and (k == start or self.tokens[k].brk == NO_BREAK):
            if k in self.symptoms:
                return True
            k += 1
        return False

    def continues_list(self, after: int, first: int) -> bool:
        """Whether ``first`` goes on a list of denied symptoms that ended at ``after``:
        "denies CP, SOB, palpitations, syncope, rash, dark urine or hallucinations"."""
        if first - after - 1 > LIST_GAP:
            return False
        return not any(self.stops(i) for i in range(after + 1, first + 1))


# ---------------------------------------------------------------- public API

# ---------------------------------------------------------------- amounts and regimens

# How far an amount may stand from its verb ("took about twenty of her tablets"),
# and how far a regimen word from the amount ("4 tablets a day").
AMOUNT_VERB_REACH = 5
REGIMEN_REACH = 6


def _amount_at(tokens: list[Token], i: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """A count at token ``i`` and the index after it: "twenty", "12", "a dozen", "a couple"."""
    norm = tokens[i].norm
    if norm.isdecimal() and len(norm) <= MAX_NUMBER_DIGITS:
        return int(norm), i + 1
    for words, value in lexicon.quantities.get(norm, ()):
        if tuple(t.norm for t in tokens[i:i + len(words)]) == words:
            return value, i + len(words)
    return None


def _read_amounts(tokens: list[Token], lexicon: Lexicon) -> list[tuple[str, int, int, str]]:
    """Counts of tablets or milligrams taken, judged against the drug's dose limits.

    "I swallowed about twenty of them" -> took_too_much; "my doctor said take 4
    a day" is a regimen within the label -> not_too_much; "taking it 5 days" is
    a duration, never an amount.  A regimen is never an overdose by itself:
    the monograph allows higher doses in some patients.
    """
    drug, found = lexicon.drug, []
    # More than a whole day's labelled maximum taken at once is an overdose.
    limit = drug.max_daily_mg or drug.max_dose_mg
    if not limit or not drug.strengths_mg:
        return found
    n = len(tokens)
    for i in range(n):
        read = _amount_at(tokens, i, lexicon)
        if read is None:
            continue
        value, after = read
        strength = _amount_at(tokens, after, lexicon) if after < n else None
        if strength and lexicon.amount_unit(tokens, strength[1]) == "mg":
            # "I took 5 20mg tablets": five of that strength
            value, after = value * strength[0], strength[1]
            unit = "mg"
        else:
            unit = lexicon.amount_unit(tokens, after)
        if unit == "duration" or value == 0:
            continue
        if unit is None and after < n and tokens[after].brk == NO_BREAK and tokens[after].norm not in lexicon.units["followers"]:
            continue  # "a few drinks", "two glasses": a count of something else
        verb = next((k for k in range(i - 1, max(-1, i - 1 - AMOUNT_VERB_REACH), -1)
                     if tokens[k + 1].brk == SENTENCE or tokens[k].norm in lexicon.ingest_verbs), None)
        if verb is None or tokens[verb].norm not in lexicon.ingest_verbs:
            continue
        lo, hi = max(0, i - REGIMEN_REACH), min(n, after + REGIMEN_REACH)
        sentence = [k for k in range(lo, hi) if not any(tokens[m].brk == SENTENCE for m in range(min(k, i) + 1, max(k, i) + 1))]
        regimen = lexicon.regimen.find([tokens[k] for k in sentence])
        # A count of unknown strength is read at the largest: "took 5" may be 100 mg.
        mg = value if unit == "mg" else value * max(drug.strengths_mg)
        # "I take 40mg", "I was taking 30mg": the verb itself says a regimen
        regimen = regimen or tokens[verb].norm in lexicon.regimen_verbs
        kind = "not_too_much" if regimen else "took_too_much" if mg > limit else ""
        if kind:
            found.append((kind, verb, after, "amount"))
    return found


def find_symptoms(text: str, lexicon: Lexicon) -> tuple[list[Match], list[ContextMatch]]:
    """Find side effects and context cues in one message.

    "no chest pain, but dizzy" -> chest pain (negated), dizziness (affirmed).
    """
    tokens = lexicon.tokenize(text)
    words = _words_with_corrections(tokens, lexicon)
    cands = _denials_first(_candidates(tokens, words, lexicon), words, lexicon)
    cues = lexicon.context.find(tokens) + _read_amounts(tokens, lexicon)
    sharing = lexicon.sharing_kinds
    context = _resolve_context([c for c in cues if c[0] not in sharing])
    kept = _resolve(cands)
    # A cue inside a symptom ("can't sleep") or a context cue ("haven't taken it") is part of it;
    # one inside a phrase to ignore ("tired of my spasms") still counts.
    symptoms = {i for c in kept if c.target is not None for i in range(c.first, c.last + 1)}
    occupied = symptoms | {i for _k, first, end, _s in context for i in range(first, end)}
    context = sorted(context + [c for c in cues if c[0] in sharing], key=lambda c: c[1])
    scope = _Scope(tokens, _cues(tokens, lexicon, occupied), lexicon, text, symptoms)
    found_context, used = _context_meant(context, tokens, scope, text, symptoms)
    if used:  # "hasn't stopped or missed any doses": that denial is spent on the context cue
        scope = _Scope(tokens, _cues(tokens, lexicon, occupied | used), lexicon, text, symptoms)
    matches = []
    denied_list: tuple[int, _Cue | None] | None = None
    reported = -1  # the last token of the latest present symptom
    for c in kept:
        if c.target is None:
            continue
        same_sentence = reported >= 0 and scope.sentence_of[reported] == scope.sentence_of[c.first]
        status, cue = scope.status(c.first, c.last, c.target, term=c.term, reported=reported if same_sentence else -1)
        if status == "affirmed" and denied_list and scope.continues_list(denied_list[0], c.first):
            status, cue = "negated", denied_list[1]
        denied_list = (c.last, cue) if status == "negated" else None
        if status == "affirmed":
            reported = c.last
        start, end = tokens[c.first].start, tokens[c.last].end
        matches.append(Match(c.target, start, end, text[start:end], round(c.score, 1), c.term, status,
                             cue.text if cue else ""))
    return matches, found_context


# A denied context cue says the opposite ("I haven't stopped it"); others are dropped.
_CONTEXT_DENIED = {"stopped_suddenly": "not_stopped", "stopped": "not_stopped", "took_too_much": "not_too_much"}


def _context_meant(context: list[tuple[str, int, int, str]], tokens: list[Token], scope: "_Scope",
                   text: str, symptoms: set[int]) -> tuple[list[ContextMatch], set[int]]:
    """Context cues as meant, and the positions of the denials spent on them:
    "didn't take too many" is not an overdose, nor is "reviews about overdoses"
    or "I ran out years ago"."""
    found, used = [], set()
    for kind, first, end, _source in context:
        status, cue = scope.status(first, end - 1, None, window=CONTEXT_NEGATION_WINDOW,
                                   following=CONTEXT_NEGATION_WINDOW - 1)
        if status in ("negated", "resolved"):
            if kind in _CONTEXT_DENIED:  # the denial is spent on the cue: "hasn't stopped or missed any"
                used.update(range(cue.first, cue.end))
            kind = _CONTEXT_DENIED.get(kind, "")
        elif status == "hypothetical" and cue.text in scope.lexicon.uncertain:
            pass  # "I might have taken it twice": a suspected overdose all the same
        elif status in ("hypothetical", "historical", "other_person", "improved"):
            kind = ""
        if kind in _STOPS and _stopped_because_of_a_symptom(tokens, end, scope, symptoms):
            kind = ""  # "I stopped it because my mood went down": the symptom came first
        if kind:
            start, stop = tokens[first].start, tokens[end - 1].end
            found.append(ContextMatch(kind, start, stop, text[start:stop]))
    return found, used


_STOPS = ("stopped_suddenly", "stopped")
# How far a reason word may stand after a stop, and a symptom after the reason.
REASON_REACH = 3
REASON_SYMPTOM_REACH = 8


def _stopped_because_of_a_symptom(tokens: list[Token], end: int, scope: "_Scope", symptoms: set[int]) -> bool:
    """Whether a stop ending before token ``end`` is followed by its reason, a
    symptom, in the same clause, and no symptom is told after that clause:
    "had to quit it because I kept being sick" (but not "because of the cost,
    and now my spasms are back", nor "because I was sleepy; since then I have
    been seeing things", where what came after the stop is still to be read)."""
    for k in range(end, min(end + REASON_REACH, len(tokens))):
        if k > end and scope.stops(k):
            return False
        if tokens[k].norm in scope.lexicon.reasons:
            for m in range(k + 1, min(k + 1 + REASON_SYMPTOM_REACH, len(tokens))):
                if scope.stops(m):
                    return False
                if m in symptoms:
                    while m + 1 < len(tokens) and not scope.stops(m + 1):
                        m += 1
                    return not any(s > m for s in symptoms)
            return False
    return False


def _denials_first(cands: list[_Candidate], words: list[tuple[str, float]], lexicon: Lexicon) -> list[_Candidate]:
    """Read "no appetite loss" as a denial: a term that starts with a denial word
    ("no appetite") gives way to a term starting right after that word."""
    reach: dict[int, int] = {}
    for c in cands:
        if c.target is not None:
            reach[c.first] = max(reach.get(c.first, -1), c.last)
    return [c for c in cands if not (
        c.target is not None and c.last > c.first and words[c.first][0] in lexicon.cue_words
        and reach.get(c.first + 1, -1) >= c.last)]


def _resolve_context(found: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Longest cue wins where cues overlap: "haven't stopped" beats "stopped"."""
    taken: set[int] = set()
    kept = []
    for item in sorted(found, key=lambda f: (-(f[2] - f[1]), f[1])):
        span = range(item[1], item[2])
        if taken.isdisjoint(span):
            taken.update(span)
            kept.append(item)
    return sorted(kept, key=lambda f: f[1])


