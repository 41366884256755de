"""The drug's lay terms and the language's cues, compiled for matching.

A Lexicon is built once per (knowledge, drug) and then read by every message: terms
indexed by their first word, frames by the words that start their head, cue patterns by
their first word, the words known (so that only unknown ones are corrected), and the
amounts' numbers and units.  The compiled-lexicon cache keeps it whole between runs.
"""
from __future__ import annotations

import re

from ..knowledge import Drug, Knowledge, KnowledgeError
from ..record import record
from .frame_rules import FrameRule, compile_frame
from .fuzzy import FUZZY_MIN_LEN, correct_word
from .patterns import PATTERN_GAP, Pattern, PatternSet, WordIndex, compile_pattern, word_classes
from .spellings import respellings
from .tokens import NO_BREAK, SENTENCE, Token, normalise, phrase_tokens, tokenize

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, Iterable

# Corrections remembered per lexicon (unknown words repeat: names, places).
FUZZY_CACHE_SIZE = 16384

# A letter held down: "sooo", "tiiired" (three or more of one letter).
_NUMBER_UNIT = re.compile(r"^(\d{1,4})([a-z]+)$")
_COUNT_TIMES = re.compile(r"^(\d{1,4})x(\d{1,4}[a-z]*)$")


@record
class Term:
    """A lexicon phrase as normalised words and what it names: ("ear", "ring") -> a sign."""
    words: tuple[str, ...]
    target: str | None                    # None: an ignore phrase ("fit and well")
    source: str


# The target of a candidate that says a context kind, not a sign: "@red_flag".
CONTEXT_TARGET = "@"


def _compiled(kind: str, phrases: Iterable[str], classes: dict[str, frozenset[str]], where: str,
              reach: int = PATTERN_GAP) -> list[tuple[str, Pattern]]:
    return [(kind, compile_pattern(p, classes, where, reach)) for p in phrases]


class Lexicon:
    """The drug's lay terms and the language's cues, compiled for matching.

    Built once per (knowledge, drug); matching a message is then linear in its
    length.
    """

    def __init__(self, knowledge: Knowledge, drug: Drug) -> None:
        lang = knowledge.language
        self.drug = drug
        self.terms: dict[str, list[Term]] = WordIndex()
        self.abbreviations: dict[str, tuple[str, str]] = {}
        # Frames indexed by each word that can start their head: ("breath", ...).
        self.frames: dict[str, list[FrameRule]] = WordIndex()
        self.classes = classes = word_classes(lang, drug)
        illness = self._add_targets(knowledge, drug)
        self._add_context_concepts(knowledge, lang)
        for phrase in lang.ignore:
            self._add(Term(phrase_tokens(phrase), None, phrase), lang.path)
        # The drug's own names ("baclofen", "lioresal"), without the generic words ("it", "tablets").
        self.drug_names = classes["drug"] - classes.get("medicine", frozenset())
        self._compile_cues(lang, classes)
        vocab = {w for bucket in self.terms.values() for term in bucket for w in term.words}
        vocab |= {w for rules in self.frames.values() for r in rules for opts in (r.head, r.with_)
                  for phrases in opts.values() for words in phrases for w in words}
        self.frame_barriers = classes.get("frame_barriers", frozenset())
        # Terms that also name an illness the patient may already have ("my depression").
        self.illness_terms = frozenset(illness)
        self.worsening = frozenset(w for p in lang.categories.get("condition", {}).get("worsening", ())
                                   for w in phrase_tokens(p))
        cue_vocab = self._cue_vocab()
        known = vocab | cue_vocab | {w for c in classes.values() for w in c}
        known |= {normalise(w) for w in lang.common_words} | set(lang.common_words)
        self.known = frozenset(known)
        self._corrections: dict[str, tuple[str, float] | None] = {}
        self._fuzzy_choices: dict[str, list[str]] = {}
        for w in vocab:
            if w.isalpha() and len(w) >= FUZZY_MIN_LEN:
                self._fuzzy_choices.setdefault(w[0], []).append(w)
        self.sharing_kinds = frozenset(r.kind for r in lang.context if r.shares_words)
        self.coordinators = classes.get("coordinators", frozenset())
        self.sequence = classes.get("sequence", self.coordinators)
        self.passing = classes.get("passing", frozenset())
        self.unlike = classes.get("unlike", frozenset())
        self.asking = classes.get("asking", frozenset())
        self.determiners = classes.get("determiners", frozenset())
        self.shared_subject_verbs = classes.get("shared_subject_verbs", frozenset())
        self.head_pronouns = classes.get("head_pronouns", frozenset())
        self.graver_words = classes.get("graver_words", frozenset())
        self.reasons = classes.get("reasons", frozenset())
        # Reading cues ("bp", "resp rate") by their first word: each token tries only its own.
        self.measurement_cues: dict[str, list[tuple[Any, tuple[str, ...]]]] = {}
        # The word a reading's number must stand before, by reading ("sleeping 14 hours")...
        self.measurement_unit_of = {m.name: phrase_tokens(m.unit)[0] for m in drug.measurements if m.unit}
        # ... and the units that follow a reading with no cue ("6 breaths a minute"), by their first word
        self.measurement_units: dict[str, list[tuple[Any, tuple[str, ...]]]] = {}
        for m in drug.measurements:
            for c in m.cues:
                cue = phrase_tokens(c)
                self.measurement_cues.setdefault(cue[0], []).append((m, cue))
            for u in m.units:
                unit = phrase_tokens(u)
                self.measurement_units.setdefault(unit[0], []).append((m, unit))
        self.texting = {k.lower(): phrase_tokens(v) for k, v in lang.texting.items()}
        self._compile_amounts(lang.amounts, classes, lang.path)
        self._vocab = frozenset(vocab | cue_vocab)

    def _add_targets(self, knowledge: Knowledge, drug: Drug) -> set[str]:
        """Index the terms, abbreviations and frames of every entry and sign and of
        their concepts; the terms that also name an illness are returned."""
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
                    self._add(Term(phrase_tokens(phrase), ref, phrase), where)
                for abbr in source.abbreviations:
                    if len(tokenize(abbr)) != 1:
                        raise KnowledgeError(f"{where}: abbreviation {abbr!r} of {ref!r} must be one word")
                    self.abbreviations[abbr] = (ref, abbr)
                illness.update(getattr(source, "illness", ()))
                for frame in getattr(source, "frames", ()):
                    rule = compile_frame(frame, ref, where, self.classes)
                    if frame.illness:  # "I still feel down": the illness, as "still depressed" is
                        illness.add(rule.source)
                    for first in rule.head:
                        self.frames.setdefault(first, []).append(rule)
        return illness

    def _add_context_concepts(self, knowledge: Knowledge, lang: Any) -> None:
        """The terms and frames of concepts that say a context kind ([[context]] concepts),
        indexed as candidates of the target CONTEXT_TARGET + kind: "she won't wake" is a red flag."""
        for rule in lang.context:
            for cid in rule.concepts:
                concept = knowledge.concepts.get(cid)
                if concept is None:
                    raise KnowledgeError(f"{lang.path} [[context]] {rule.kind}: no concept {cid!r}; "
                                         f"valid: {', '.join(sorted(knowledge.concepts))}")
                ref = CONTEXT_TARGET + rule.kind
                for phrase in concept.terms:
                    self._add(Term(phrase_tokens(phrase), ref, phrase), concept.path)
                for frame in concept.frames:
                    compiled = compile_frame(frame, ref, concept.path, self.classes)
                    for first in compiled.head:
                        self.frames.setdefault(first, []).append(compiled)

    def _compile_cues(self, lang: Any, classes: dict[str, frozenset[str]]) -> None:
        """The language's negation, ConText and context cues as pattern sets, and its cue words."""
        where = lang.path
        # Every kind of scope cue (negation, indication, historical, hypothetical, the ConText
        # categories) in one pattern set labelled by kind, scanned in one pass over a message;
        # cue_rank keeps the order of the kinds, which the scope reads them in.
        kinds = [(kind, phrases, f"[negation] {kind}") for kind, phrases in lang.negation.items() if kind != "lists"]
        kinds.append(("indication", lang.indication, "[indication]"))
        kinds += [(f"historical_{kind}", phrases, f"[historical] {kind}") for kind, phrases in lang.historical.items()]
        kinds += [(f"hypothetical_{kind}", phrases, f"[hypothetical] {kind}")
                  for kind, phrases in lang.hypothetical.items() if kind not in ("uncertain", "doubted")]
        kinds += [(f"{cat}_{kind}", phrases, f"[{cat}] {kind}") for cat, table in lang.categories.items()
                  for kind, phrases in table.items() if kind != "worsening"]
        self.cue_rank = {kind: rank for rank, (kind, _phrases, _table) in enumerate(kinds)}
        self.cues = PatternSet(pair for kind, phrases, table in kinds
                               for pair in _compiled(kind, phrases, classes, f"{where} {table}"))
        self.uncertain = frozenset(lang.hypothetical.get("uncertain", ()))
        self.fearing_cues, self.doubted_cues = (frozenset(lang.hypothetical.get(k, ())) for k in ("fearing", "doubted"))
        # Another person of the household who takes the drug too ("my sister takes it
        # too"): their emergency sign is not set aside as a story.
        self.household_cues = frozenset(p for p in lang.categories.get("other_person", {}).get("preceding", ())
                                        if p.startswith("{someone}"))
        self.kin_told_cues = frozenset(p for p in lang.categories.get("other_person", {}).get("preceding", ())
                                       if p.startswith("my {someone} told"))  # "my aunt told me it gave her fits"
        # The illness blamed ("confused, probably from my MS"): a guess that sets aside only a sign
        # that can wait, never one the doctor must hear of today.
        self.illness_cues = frozenset(p for p in lang.categories.get("other_drug", {}).get("following", ())
                                      if "{illness_names}" in p)
        self.context = PatternSet(
            pair for rule in lang.context
            for pair in _compiled(rule.kind, rule.patterns, classes, f"{where} [[context]] {rule.kind}", rule.reach))
        self.clause_openers = classes.get("clause_openers", frozenset())
        self.phrase_adverbs = classes.get("phrase_adverbs", frozenset())
        self.back_references = classes.get("back_references", frozenset())
        self.time_adjuncts = classes.get("time_adjuncts", frozenset())
        self.self_subjects = classes.get("self_subjects", frozenset())
        self.relatives = classes.get("relatives", frozenset())
        self.contrast = classes.get("contrast", frozenset())
        self.predicates = classes.get("predicates", frozenset())
        self.turns = classes.get("turns", frozenset())
        self.problem_nouns = classes.get("problem_nouns", frozenset())
        self.ending = classes.get("ending", frozenset())
        self.joiners = classes.get("joiners", frozenset())
        self.recurring = classes.get("recurring", frozenset())
        self.present = classes.get("present", frozenset())
        self.ending_aux = classes.get("ending_aux", frozenset())
        self.time_openers = classes.get("time_openers", frozenset())
        self.reading_joiners = classes.get("reading_joiners", frozenset())
        self.list_denials = frozenset(lang.negation.get("lists", ()))
        self.answer_denials = frozenset(lang.negation.get("answer", ()))
        self.answer_subjects = classes.get("answer_subjects", frozenset())
        # One-word denials and terminations are never skipped over as filler
        # inside a term: "breathing is not slow" is not "breathing ... slow".
        self.cue_words = frozenset(
            words[0] for kind in ("preceding", "termination") for phrase in lang.negation[kind]
            for words in [phrase_tokens(phrase)] if len(words) == 1)
        self.denial_words = frozenset(
            words[0] for phrase in lang.negation["preceding"] for words in [phrase_tokens(phrase)] if len(words) == 1)

    def _cue_vocab(self) -> set[str]:
        """Every word a cue pattern names: such words are known, never corrected."""
        return {w for ps in (self.cues, self.context)
                for _label, pat in list(ps.anywhere) + [x for v in ps.by_word.values() for x in v]
                for step in pat.steps if step[0] == "set" for w in step[1]}

    def _compile_amounts(self, amounts: Any, classes: dict[str, frozenset[str]], where: str) -> None:
        """Number words, units, ingestion and regimen words of the language's [amounts]."""
        self.quantities: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for phrase, value in amounts.get("numbers", {}).items():
            words = phrase_tokens(phrase)
            self.quantities.setdefault(words[0], []).append((words, value))
        # counts that name no number, read only before a tablet word: "many pills", "lots of his tablets"
        self.vague: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for phrase, value in amounts.get("vague_numbers", {}).items():
            words = phrase_tokens(phrase)
            self.vague.setdefault(words[0], []).append((words, value))
        for bucket in list(self.quantities.values()) + list(self.vague.values()):
            bucket.sort(key=lambda wv: -len(wv[0]))
        self.units = {kind: frozenset(w for p in amounts.get(kind, ()) for w in phrase_tokens(p))
                      for kind in ("tablets", "mg", "duration", "followers", "weight", "of_them", "of_whose", "times",
                                 "multiply", "fillers", "ages", "age_owners")}
        # words that name a tablet: the units and the drug's own names ("a dozen baclofen")
        self.tablet_words = self.units["tablets"] | (classes["drug"] - self.units["of_them"] - {"it", "dose", "doses"})
        # verbs of taking, those whose stem is another word ("downed", "down") as written
        written = self.ingest_written = frozenset(w.lower() for w in amounts.get("verbs_as_written", ()))
        self.ingest_verbs = frozenset(w for p in amounts.get("verbs", ()) if p not in written for w in phrase_tokens(p))
        self.regimen_verbs = frozenset(w for p in amounts.get("regimen_verbs", ()) for w in phrase_tokens(p))
        # a learner's bare verb after one person ("she take 15 pill"), not after a helper verb ("does she take 2?")
        self.bare_subjects = frozenset(w for p in amounts.get("bare_subjects", ()) for w in phrase_tokens(p))
        self.bare_verbs = frozenset(w.lower() for w in amounts.get("bare_verbs", ()))  # as written, not stemmed
        self.aux_before = frozenset(w for p in amounts.get("aux_before", ()) for w in phrase_tokens(p))
        self.regimen = PatternSet(_compiled("regimen", amounts.get("regimen", ()), classes,
                                            f"{where} [amounts] regimen"))
        self.regimen_sentence = PatternSet(_compiled("regimen", amounts.get("regimen_sentence", ()), classes,
                                                     f"{where} [amounts] regimen_sentence"))
        # a recent time a supply was counted at: "28 in the pack this morning"
        self.recent = PatternSet(_compiled("recent", amounts.get("recent", ()), classes, f"{where} [amounts] recent"))
        # one occasion, not a habit: "he take 20 tablet this morning"
        self.occasion = PatternSet(_compiled("occasion", amounts.get("occasion", ()), classes,
                                             f"{where} [amounts] occasion"))
        # a supply, not a dose taken: "the pharmacy gave me 120", "30 tablets left"
        self.give_verbs = frozenset(w for p in amounts.get("give_verbs", ()) for w in phrase_tokens(p))
        self.recipients = frozenset(w for p in amounts.get("recipients", ()) for w in phrase_tokens(p))
        self.stock = PatternSet(_compiled("stock", amounts.get("stock", ()), classes, f"{where} [amounts] stock"))
        # one dose: "took 4 at once", "three of them all together"
        self.at_once = PatternSet(_compiled("at_once", amounts.get("at_once", ()), classes, f"{where} [amounts] at_once"))
        # two counts compared ("4 instead of 1") and a dose changed ("up from 1 to 3", "cut to 2 from 3")
        self.compare = PatternSet(_compiled("compare", amounts.get("compare", ()), classes,
                                            f"{where} [amounts] compare"))
        self.compare_fillers = frozenset(w for p in amounts.get("compare_fillers", ()) for w in phrase_tokens(p))
        self.changes = PatternSet(_compiled("from", amounts.get("change_from", ()), classes, f"{where} [amounts] change_from")
                                  + _compiled("to", amounts.get("change_to", ()), classes, f"{where} [amounts] change_to"))

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
        tokens = self._split_units(tokens) if any(t.norm[:1].isdigit() for t in tokens) else tokens  # "3kg", "30x10mg"
        known = self.known
        for i in [i for i, tok in enumerate(tokens) if tok.norm not in known]:  # most words are known
            tok = tokens[i]
            if tok.norm.isalpha():
                respelt = self.respell(tok.norm)
                if respelt:
                    tokens[i] = tok._replace(norm=respelt)
        return tokens

    def _split_units(self, tokens: list[Token]) -> list[Token]:
        """A number with a weight unit as two words: "3kg" -> 3 / kg, "20lbs" -> 20 / lb;
        a count times a strength as its parts: "30x10mg" -> 30 / x / 10 / mg."""
        out = []
        for tok in tokens:
            times = _COUNT_TIMES.match(tok.norm) if tok.norm[:1].isdigit() else None  # both start with a digit
            if times:
                cut = tok.start + len(times.group(1))
                out.append(Token(tok.raw[:len(times.group(1))], times.group(1), tok.start, cut, tok.brk, tok.asked))
                out.append(Token(tok.raw[cut - tok.start], "x", cut, cut + 1, NO_BREAK, False))
                tok = Token(tok.raw[cut + 1 - tok.start:], times.group(2), cut + 1, tok.end, NO_BREAK, False)
            m = _NUMBER_UNIT.match(tok.norm) if tok.norm[:1].isdigit() else None
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
        """The word a texting spelling stands for, when it is one this lexicon uses
        (``spellings.respellings``: "jerkin" -> "jerk", "sooo sleeepy", "shakiness" -> "shaky")."""
        for word in respellings(norm):
            stem = normalise(word)
            if stem in self._vocab:
                return stem
        return None

    def _add(self, term: Term, where: str) -> None:
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
        found = self._corrections[spelt] = correct_word(norm, spelt, self._fuzzy_choices)
        return found

    def __getstate__(self) -> dict:
        # Corrections and the memos of reading are per process; the compiled-lexicon cache keeps only the index.
        return {**self.__dict__, "_corrections": {}, "_scan": None, "_term_starts": None}
