"""Load and validate the knowledge files: the monograph's tables, lay terms, cues, advice.

Everything clinical lives in ``knowledge/*.toml``; this module turns those files
into frozen records and refuses anything it does not understand, naming the
file, the record and the valid values.  A drug file has a ``[drug]`` table, a
language file a ``[language]`` table, a dialogue script a ``[dialogue]`` table.
"""
from __future__ import annotations

import os
import sys
from collections import namedtuple

# typing is not imported at run time: a one-shot run pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Mapping

# The monograph's four tables, least to most urgent as the disposition ranks them.
TABLES = ("if_bothersome", "medical_attention", "withdrawal", "overdose")
DISPOSITIONS = ("none", "if_bothersome", "medical_attention", "withdrawal", "emergency")
CONTEXT_KINDS = (
    "stopped_suddenly", "stopped", "not_stopped", "took_too_much", "not_too_much",
    "ingestion", "intentional", "red_flag", "diabetes", "pump_problem", "fever", "suicidal_thoughts",
    "about_another",
)
# What a question can settle, and what a precaution or placement can depend on.
SETTLEABLE = ("stopped_suddenly", "took_too_much")
ADVICE_KEYS = DISPOSITIONS + ("ingestion", "intentional", "worse")
# Advice worded for a situation, used instead of its plain key when it applies:
# a carer calling about someone else ("Do not give them another dose"), and a
# mild side effect after a sudden stop (which will not "ease as the body gets used to it").
ADVICE_VARIANTS = ("emergency_about_another", "ingestion_about_another", "if_bothersome_after_stop")
# ConText categories beyond negation, hypothetical and historical, each a table
# of preceding and following cues in the language file.
CATEGORY_TABLES = ("other_person", "other_drug", "condition", "improved")
NEGATION_KINDS = ("preceding", "following", "pseudo", "termination", "answer", "lists")
READINGS = ("number", "pair")
# How many words "..." skips in a cue pattern, unless a [[context]] rule says.
DEFAULT_REACH, MAX_REACH = 3, 12
FILE_KINDS = ("drug", "language", "dialogue", "known_words", "concepts", "answer_words")
# Concept files live in this subfolder of the knowledge folder.
CONCEPTS_FOLDER = "concepts"
# How many words a frame may span unless it says ("breathing is really very slow").
DEFAULT_FRAME_REACH, MAX_FRAME_REACH = 5, 10


class FrozenMap(dict):
    """A read-only dict: knowledge records never change once loaded."""

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("knowledge is read-only")

    __setitem__ = __delitem__ = __ior__ = clear = update = pop = popitem = setdefault = _read_only  # type: ignore

    def __reduce__(self) -> tuple:
        return (FrozenMap, (dict(self),))




class KnowledgeError(ValueError):
    """A knowledge file is missing, unreadable or says something we do not understand."""


class Frame(namedtuple("Frame", "head with_ without reach denied")):
    """Words that together say a sign in any order within one clause.

    ``Frame(head=("breathing", "breath"), with_=("hard", "slow"), ...)``
    reads "breathing is hard", "a hard time breathing" and "my breath is very
    slow" alike; a word of ``without`` in the clause cancels it ("can't
    breathe through my nose" is a stuffy nose, not troubled breathing).
    """
    # head: tuple[str, ...]     the body part or function
    # with_: tuple[str, ...]    what is wrong with it
    # without: tuple[str, ...]
    # reach: int                most words from the first to the last word of the frame
    # denied: bool               the qualifier counts only when denied: "eyes don't line up"
    __slots__ = ()


class Concept(namedtuple("Concept", "id terms abbreviations frames illness path")):
    """A symptom as people say it, whatever the drug: "troubled_breathing"."""
    # id: str
    # terms: tuple[str, ...]          lay phrases, normalised like patient text
    # abbreviations: tuple[str, ...]  matched with the case as written (SOB)
    # frames: tuple[Frame, ...]
    # illness: tuple[str, ...]        terms that also name an illness a patient may have ("depression")
    # path: str                       the file it came from
    __slots__ = ()


class Sign(namedtuple("Sign", "ref text figure terms abbreviations concepts")):
    """A parenthesised sign of an entry, e.g. 'drowsiness' of 'CNS effects'."""
    # ref: str  # "cns_effects.drowsiness"
    # text: str  # as printed in the monograph
    # figure: str  # incidence figure, e.g. "up to 63%"
    # terms: tuple[str, ...]          the drug file's own words for it
    # abbreviations: tuple[str, ...]
    # concepts: tuple[str, ...]       the language's concepts it is
    __slots__ = ()


class Entry(namedtuple(
    "Entry",
    "ref table effect incidence figure citations note terms abbreviations "
    "concepts signs")):
    """An entry of one of the monograph's tables, e.g. 'chest pain'."""
    # ref: str
    # table: str
    # effect: str  # as printed, without citation marks and figures
    # incidence: str
    # figure: str
    # citations: tuple[str, ...]
    # note: str
    # terms: tuple[str, ...]
    # abbreviations: tuple[str, ...]
    # concepts: tuple[str, ...]
    # signs: tuple[Sign, ...]
    __slots__ = ()


class Target(namedtuple("Target", "ref entry sign")):
    """What a lay term points at: an entry, or one sign of it."""
    # ref: str
    # entry: Entry
    # sign: Sign | None
    __slots__ = ()

    @property
    def tier(self) -> str:
        return self.entry.table

    @property
    def effect(self) -> str:
        return self.entry.effect

    @property
    def sign_text(self) -> str:
        return self.sign.text if self.sign else ""


class Placement(namedtuple("Placement", "sign when to")):
    # sign: str
    # when: str
    # to: str
    __slots__ = ()


class RedFlag(namedtuple("RedFlag", "target reason")):
    # target: str
    # reason: str
    __slots__ = ()


class Measurement(namedtuple("Measurement", "name cues reading below target")):
    """A number a nurse or patient quotes, read against thresholds: "BP 88/50", "RR 8"."""
    # name: str                 "blood pressure"
    # cues: tuple[str, ...]     words that introduce the reading
    # reading: str              "pair" (88/50) or "number" (8)
    # below: tuple[int, ...]    a value under its threshold is the sign
    # target: str               entry or sign it indicates
    __slots__ = ()


class ContextRuleOfDrug(namedtuple("ContextRuleOfDrug", "id when with_any disposition reason advice why source")):
    """A disposition that a context sets, alone or with certain signs: an
    intrathecal pump problem with fever or rigidity is an emergency."""
    # id: str
    # when: str                   a context kind ("pump_problem")
    # with_any: tuple[str, ...]   entries, signs or context kinds, any one of which must be present; empty: none needed
    # disposition: str
    # reason: str                 what /why and the reasons list say
    # advice: str                 said before the tier's advice ("" for none)
    # why: str                    the clinical reason, for the maintainer
    # source: str
    __slots__ = ()


class Question(namedtuple("Question", "id settles text ask_for if_yes")):
    """A follow-up question that settles a tier, and what to do if it is left unanswered and true."""
    # id: str
    # settles: str              "stopped_suddenly" or "took_too_much"
    # text: str
    # ask_for: tuple[str, ...]  entries or signs that make it worth asking
    # if_yes: str               said when the question is still open at the end
    __slots__ = ()


class Precaution(namedtuple("Precaution", "id text when")):
    # id: str
    # text: str
    # when: tuple[str, ...]
    __slots__ = ()


class Interaction(namedtuple("Interaction", "group major effect names")):
    # group: str
    # major: bool
    # effect: str
    # names: tuple[str, ...]
    __slots__ = ()


class Drug(namedtuple(
    "Drug",
    "id name brand_names source strengths_mg max_daily_mg max_dose_mg names entries "
    "targets placements red_flags measurements questions advice "
    "precautions interactions indication_targets after_stop_only context_rules path")):
    # id: str
    # name: str
    # brand_names: tuple[str, ...]
    # source: str
    # strengths_mg: tuple[int, ...]
    # max_daily_mg: int
    # max_dose_mg: int     the most in one dose at the labelled maximum
    # names: tuple[str, ...]
    # entries: tuple[Entry, ...]
    # targets: Mapping[str, Target]
    # placements: tuple[Placement, ...]
    # red_flags: tuple[RedFlag, ...]
    # measurements: tuple[Measurement, ...]
    # questions: tuple[Question, ...]
    # advice: Mapping[str, str]
    # precautions: tuple[Precaution, ...]
    # interactions: tuple[Interaction, ...]
    # indication_targets: frozenset[str]   signs that are also what the drug treats
    # after_stop_only: frozenset[str]      signs the monograph lists only after an abrupt stop
    # context_rules: tuple[ContextRuleOfDrug, ...]
    # path: str
    __slots__ = ()


class ContextRule(namedtuple("ContextRule", "kind patterns reach shares_words", defaults=(False,))):
    """Cue patterns for one kind of context, e.g. stopped_suddenly: "ran out"."""
    # kind: str
    # patterns: tuple[str, ...]
    # reach: int                 how many words "..." may skip in these patterns
    # shares_words: bool         the cue only marks the message: its words stay free
    #                            for every other cue ("my friend" is still another person)
    __slots__ = ()


class Language(namedtuple(
    "Language",
    "id name negation hypothetical historical indication ignore classes context "
    "common_words answers texting amounts categories path")):
    # id: str
    # name: str
    # negation: Mapping[str, tuple[str, ...]]
    # hypothetical: Mapping[str, tuple[str, ...]]   preceding and following cues
    # historical: Mapping[str, tuple[str, ...]]
    # indication: tuple[str, ...]
    # ignore: tuple[str, ...]
    # classes: Mapping[str, tuple[str, ...]]
    # context: tuple[ContextRule, ...]
    # common_words: frozenset[str]
    # answers: Mapping[str, tuple[str, ...]]
    # texting: Mapping[str, str]   texting form -> what it stands for ("outta" -> "out of")
    # amounts: Mapping[str, Any]   number words, units, ingestion verbs and regimen cues
    # categories: Mapping[str, Mapping[str, tuple[str, ...]]]   other ConText categories'
    #     (other_person, other_drug), each with preceding and following cues
    # path: str
    __slots__ = ()


class Knowledge(namedtuple("Knowledge", "drugs language concepts dialogue folder answer_words")):
    """Everything loaded from one knowledge folder."""
    # drugs: Mapping[str, Drug]
    # language: Language
    # concepts: Mapping[str, Concept]
    # dialogue: Mapping[str, Any]   the [dialogue] file as read (validated by the conversation)
    # folder: str
    # answer_words: Mapping[str, Any]   the [answer_words] file as read (validated by triage_bot.answers)
    __slots__ = ()

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


# ---------------------------------------------------------------- locating the files

def default_folder() -> str:
    """Where the knowledge files are: $TRIAGE_BOT_KNOWLEDGE, the installed copy, or the checkout."""
    env = os.environ.get("TRIAGE_BOT_KNOWLEDGE")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.join(here, "knowledge_data")
    if os.path.isdir(installed) and any(n.endswith(".toml") for n in os.listdir(installed)):
        return installed
    return os.path.join(os.path.dirname(here), "knowledge")


# ---------------------------------------------------------------- validation helpers

class Record:
    """One table of a knowledge file, read key by key; unknown keys are an error."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise KnowledgeError(f"{where}: expected a table, found {type(data).__name__}")
        self.data, self.where, self.seen = data, where, set()

    def _get(self, key: str, kind: type | tuple, default: Any) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if default is _REQUIRED:
                raise KnowledgeError(f"{self.where}: missing required key {key!r}")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            name = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise KnowledgeError(f"{self.where}: {key!r} must be a {name}, found {value!r}")
        return value

    def text(self, key: str, default: Any = None) -> str:
        value = self._get(key, str, _REQUIRED if default is None else default)
        if not value.strip() and default is None:
            raise KnowledgeError(f"{self.where}: {key!r} must not be empty")
        return value

    def number(self, key: str, default: Any = None) -> int:
        return self._get(key, int, _REQUIRED if default is None else default)

    def flag(self, key: str, default: bool = False) -> bool:
        return self._get(key, bool, default)

    def words(self, key: str, required: bool = False) -> tuple[str, ...]:
        value = self._get(key, list, _REQUIRED if required else [])
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise KnowledgeError(f"{self.where}: {key!r} must hold non-empty strings, found {item!r}")
        return tuple(dict.fromkeys(value))

    def one_of(self, key: str, valid: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in valid:
            raise KnowledgeError(f"{self.where}: {key}={value!r} is not one of: {', '.join(valid)}")
        return value

    def table(self, key: str) -> "Record":
        self.seen.add(key)
        return Record(self.data.get(key, {}), f"{self.where} [{key}]")

    def tables(self, key: str, label: str = "id") -> list["Record"]:
        self.seen.add(key)
        items = self.data.get(key, [])
        if not isinstance(items, list):
            raise KnowledgeError(f"{self.where}: [[{key}]] must be an array of tables")
        records = []
        for i, item in enumerate(items, 1):
            name = item.get(label) if isinstance(item, dict) else None
            records.append(Record(item, f"{self.where} [[{key}]] #{i}" + (f" {name!r}" if name else "")))
        return records

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise KnowledgeError(
                f"{self.where}: unknown key {unknown[0]!r}; valid keys: {', '.join(sorted(self.seen))}")


_REQUIRED = object()


def _read_toml(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid TOML: {exc}") from None


# ---------------------------------------------------------------- drug files

def _load_sign(rec: Record, entry_id: str) -> Sign:
    sign = Sign(ref=f"{entry_id}.{rec.text('id')}", text=rec.text("text"), figure=rec.text("figure", ""),
                terms=rec.words("terms"), abbreviations=rec.words("abbreviations"),
                concepts=rec.words("concepts"))
    rec.done()
    return sign


def _load_entry(rec: Record) -> Entry:
    ref = rec.text("id")
    signs = tuple(_load_sign(s, ref) for s in rec.tables("sign"))
    entry = Entry(ref=ref, table=rec.one_of("table", TABLES), effect=rec.text("effect"),
                  incidence=rec.text("incidence", ""), figure=rec.text("figure", ""),
                  citations=rec.words("citations"), note=rec.text("note", ""),
                  terms=rec.words("terms"), abbreviations=rec.words("abbreviations"),
                  concepts=rec.words("concepts"), signs=signs)
    rec.done()
    return entry


def _check_ref(ref: str, targets: Mapping[str, Target], where: str) -> None:
    if ref not in targets:
        raise KnowledgeError(f"{where}: {ref!r} is not an entry or sign; valid: {', '.join(targets)}")


def load_drug(data: dict, path: Path) -> Drug:
    """Validate one drug file's parsed TOML into a Drug."""
    top = Record(data, str(path))
    head = top.table("drug")
    entries = tuple(_load_entry(r) for r in top.tables("entry"))
    targets: dict[str, Target] = {}
    for entry in entries:
        for ref, sign in [(entry.ref, None)] + [(s.ref, s) for s in entry.signs]:
            if ref in targets:
                raise KnowledgeError(f"{path}: {ref!r} is defined twice")
            targets[ref] = Target(ref, entry, sign)

    placements = []
    for rec in top.tables("placement", "sign"):
        p = Placement(rec.text("sign"), rec.one_of("when", ("stopped_suddenly",)), rec.text("to"))
        _check_ref(p.sign, targets, rec.where)
        _check_ref(p.to, targets, rec.where)
        rec.done()
        placements.append(p)
    red_flags = []
    for rec in top.tables("red_flag", "target"):
        r = RedFlag(rec.text("target"), rec.text("reason"))
        _check_ref(r.target, targets, rec.where)
        rec.done()
        red_flags.append(r)
    measurements = []
    for rec in top.tables("measurement", "name"):
        m = Measurement(rec.text("name"), rec.words("cues", required=True), rec.one_of("reading", READINGS),
                        tuple(rec._get("below", list, _REQUIRED)), rec.text("target"))
        _check_ref(m.target, targets, rec.where)
        if len(m.below) != READINGS.index(m.reading) + 1 or not all(type(v) is int for v in m.below):
            raise KnowledgeError(f"{rec.where}: below must hold {READINGS.index(m.reading) + 1} whole number(s) "
                                 f"for a {m.reading!r} reading")
        rec.done()
        measurements.append(m)
    questions = []
    for rec in top.tables("question"):
        q = Question(rec.text("id"), rec.one_of("settles", SETTLEABLE), rec.text("text"), rec.words("ask_for"),
                     rec.text("if_yes"))
        for ref in q.ask_for:
            _check_ref(ref, targets, rec.where)
        rec.done()
        questions.append(q)
    advice_rec = top.table("advice")
    advice = {key: advice_rec.text(key) for key in ADVICE_KEYS}
    advice.update({key: advice_rec.text(key, "") for key in ADVICE_VARIANTS})
    advice_rec.done()
    conditions = set(TABLES) | set(CONTEXT_KINDS) | set(targets)
    precautions = []
    for rec in top.tables("precaution"):
        p = Precaution(rec.text("id"), rec.text("text"), rec.words("when", required=True))
        for cond in p.when:
            if cond not in conditions:
                raise KnowledgeError(f"{rec.where}: when={cond!r} is not a table, context kind or entry/sign; "
                                     f"valid: {', '.join(sorted(conditions))}")
        rec.done()
        precautions.append(p)
    interactions = []
    for rec in top.tables("interaction", "group"):
        interactions.append(Interaction(rec.text("group"), rec.flag("major"), rec.text("effect"),
                                        rec.words("names", required=True)))
        rec.done()

    ind = top.table("indication")
    indication_targets = frozenset(ind.words("targets"))
    for ref in indication_targets:
        _check_ref(ref, targets, ind.where)
    ind.done()
    only = top.table("after_stop_only")
    after_stop_only = frozenset(only.words("targets"))
    for ref in after_stop_only:
        _check_ref(ref, targets, only.where)
    only.done()
    context_rules = []
    for rec in top.tables("context_rule"):
        r = ContextRuleOfDrug(rec.text("id"), rec.one_of("when", CONTEXT_KINDS), rec.words("with_any"),
                              rec.one_of("disposition", DISPOSITIONS[1:]), rec.text("reason"),
                              rec.text("advice", ""), rec.text("why", ""), rec.text("source", ""))
        for cond in r.with_any:
            if cond not in conditions:
                raise KnowledgeError(f"{rec.where}: with_any={cond!r} is not a context kind or entry/sign; "
                                     f"valid: {', '.join(sorted(conditions - set(TABLES)))}")
        rec.done()
        context_rules.append(r)

    drug = Drug(id=head.text("id"), name=head.text("name"), brand_names=head.words("brand_names"),
                source=head.text("source", ""), strengths_mg=tuple(head._get("strengths_mg", list, [])),
                max_daily_mg=head.number("max_daily_mg", 0), max_dose_mg=head.number("max_dose_mg", 0),
                names=head.words("names"),
                entries=entries, targets=FrozenMap(targets), placements=tuple(placements),
                red_flags=tuple(red_flags), measurements=tuple(measurements), questions=tuple(questions),
                advice=FrozenMap(advice), precautions=tuple(precautions),
                interactions=tuple(interactions), indication_targets=indication_targets,
                after_stop_only=after_stop_only, context_rules=tuple(context_rules), path=str(path))
    head.done()
    top.done()
    if not entries:
        raise KnowledgeError(f"{path}: a drug file needs at least one [[entry]]")
    return drug


# ---------------------------------------------------------------- language files

def load_language(data: dict, path: Path) -> Language:
    """Validate one language file's parsed TOML into a Language."""
    top = Record(data, str(path))
    head = top.table("language")
    neg = top.table("negation")
    negation = {kind: neg.words(kind) for kind in NEGATION_KINDS}
    neg.done()
    hyp = top.table("hypothetical")
    hypothetical = {kind: hyp.words(kind) for kind in ("preceding", "following", "uncertain")}
    hyp.done()
    hist = top.table("historical")
    historical = {kind: hist.words(kind) for kind in ("preceding", "following")}
    hist.done()
    categories = {}
    for category in CATEGORY_TABLES:
        rec = top.table(category)
        kinds = ("preceding", "following", "worsening") if category == "condition" else ("preceding", "following")
        categories[category] = FrozenMap({kind: rec.words(kind) for kind in kinds})
        rec.done()
    ind = top.table("indication")
    indication = ind.words("preceding")
    ind.done()
    ign = top.table("ignore")
    ignore = ign.words("terms")
    ign.done()
    cls = top.table("classes")
    classes = {name: cls.words(name) for name in cls.data}
    cls.done()
    context = []
    for rec in top.tables("context", "kind"):
        rule = ContextRule(rec.one_of("kind", CONTEXT_KINDS), rec.words("patterns", required=True),
                           rec.number("reach", DEFAULT_REACH), rec.flag("shares_words"))
        if not 1 <= rule.reach <= MAX_REACH:
            raise KnowledgeError(f"{rec.where}: reach must be from 1 to {MAX_REACH} words, not {rule.reach}")
        context.append(rule)
        rec.done()
    common = top.table("common_words")
    common_words = frozenset(w.lower() for w in common.words("words"))
    common.done()
    txt = top.table("texting")
    texting = txt._get("words", dict, {})
    for key, value in texting.items():
        if not isinstance(value, str) or not value.strip() or len(key.split()) != 1:
            raise KnowledgeError(f"{txt.where}: words.{key} must map one word to a non-empty string, found {value!r}")
    txt.done()
    amt = top.table("amounts")
    numbers = amt._get("numbers", dict, {})
    for key, value in numbers.items():
        if type(value) is not int or value < 0:
            raise KnowledgeError(f"{amt.where}: numbers.{key} must be a whole number, found {value!r}")
    amounts = {"numbers": FrozenMap(numbers)}
    for key in ("tablets", "mg", "duration", "followers", "weight", "of_them", "of_whose", "verbs", "regimen_verbs",
                "regimen"):
        amounts[key] = amt.words(key)
    amt.done()
    ans = top.table("answers")
    answers = {kind: ans.words(kind, required=True) for kind in ("yes", "no", "unsure")}
    answers["likely"] = ans.words("likely")  # "probably": a yes to a safety question
    ans.done()
    lang = Language(id=head.text("id"), name=head.text("name", ""), negation=FrozenMap(negation),
                    hypothetical=FrozenMap(hypothetical), historical=FrozenMap(historical), indication=indication, ignore=ignore, classes=FrozenMap(classes),
                    context=tuple(context), common_words=common_words,
                    answers=FrozenMap(answers), texting=FrozenMap(texting),
                    amounts=FrozenMap(amounts), categories=FrozenMap(categories), path=str(path))
    head.done()
    top.done()
    return lang


# ---------------------------------------------------------------- concept files

def _load_frame(rec: Record) -> Frame:
    frame = Frame(head=rec.words("head", required=True), with_=rec.words("with", required=True),
                  without=rec.words("without"), reach=rec.number("reach", DEFAULT_FRAME_REACH),
                  denied=rec.flag("denied"))
    if not 2 <= frame.reach <= MAX_FRAME_REACH:
        raise KnowledgeError(f"{rec.where}: reach must be from 2 to {MAX_FRAME_REACH} words, not {frame.reach}")
    rec.done()
    return frame


def load_concepts(data: dict, path: Path) -> tuple[str, list[Concept]]:
    """Validate one concept file's parsed TOML: its language and its concepts."""
    top = Record(data, str(path))
    head = top.table("concepts")
    language = head.text("language")
    head.done()
    concepts = []
    for rec in top.tables("concept"):
        concept = Concept(id=rec.text("id"), terms=rec.words("terms"), abbreviations=rec.words("abbreviations"),
                          frames=tuple(_load_frame(f) for f in rec.tables("frame", "head")),
                          illness=rec.words("illness"), path=str(path))
        stray = [t for t in concept.illness if t not in concept.terms]
        if stray:
            raise KnowledgeError(f"{rec.where}: illness {stray[0]!r} must also be one of the concept's terms")
        if not (concept.terms or concept.abbreviations or concept.frames):
            raise KnowledgeError(f"{rec.where}: a concept needs terms, abbreviations or frames")
        rec.done()
        concepts.append(concept)
    top.done()
    return language, concepts


def _check_concepts(drug: Drug, concepts: Mapping[str, Concept]) -> None:
    """Every concept a drug file names must exist: a typo would silently lose a sign."""
    for target in drug.targets.values():
        item = target.sign or target.entry
        for cid in item.concepts:
            if cid not in concepts:
                raise KnowledgeError(f"{drug.path}: {target.ref!r}: concept {cid!r} is not defined in "
                                     f"{CONCEPTS_FOLDER}/; valid: {', '.join(sorted(concepts))}")


# ---------------------------------------------------------------- the folder

def load_knowledge(folder: str | os.PathLike | None = None) -> Knowledge:
    """Load every knowledge file of ``folder`` (default: :func:`default_folder`).

    >>> load_knowledge().drug().name
    'baclofen'
    """
    from pathlib import Path  # only when the files are read, not on a cached start

    root = Path(folder if folder is not None else default_folder())
    if not root.is_dir():
        raise KnowledgeError(f"{root}: knowledge folder not found")
    drugs: dict[str, Drug] = {}
    languages: list[Language] = []
    dialogue: dict[str, Any] = {}
    answer_words: dict[str, Any] = {}
    known_words: set[str] = set()
    concept_files: list[tuple[Path, str, list[Concept]]] = []
    for path in sorted(root.glob("*.toml")) + sorted((root / CONCEPTS_FOLDER).glob("*.toml")):
        data = _read_toml(path)
        kinds = [k for k in FILE_KINDS if k in data]
        if len(kinds) != 1:
            raise KnowledgeError(f"{path}: a knowledge file has exactly one of "
                                 f"{', '.join('[%s]' % k for k in FILE_KINDS)}; found {', '.join(kinds) or 'none'}")
        if kinds[0] == "drug":
            drug = load_drug(data, path)
            if drug.id in drugs:
                raise KnowledgeError(f"{path}: drug {drug.id!r} is already defined in {drugs[drug.id].path}")
            drugs[drug.id] = drug
        elif kinds[0] == "language":
            languages.append(load_language(data, path))
        elif kinds[0] == "known_words":
            known_words |= _load_known_words(data, path)
        elif kinds[0] == "concepts":
            concept_files.append((path, *load_concepts(data, path)))
        elif kinds[0] == "answer_words":
            answer_words = data
        else:
            dialogue = data
    if not drugs:
        raise KnowledgeError(f"{root}: no drug file (a .toml with a [drug] table)")
    if len(languages) != 1:
        raise KnowledgeError(f"{root}: expected one language file (a .toml with [language]), "
                             f"found {len(languages)}")
    language = languages[0]._replace(common_words=languages[0].common_words | known_words)
    concepts: dict[str, Concept] = {}
    for path, lang_id, found in concept_files:
        if lang_id != language.id:
            continue  # another language's vocabulary
        for concept in found:
            if concept.id in concepts:
                raise KnowledgeError(f"{path}: concept {concept.id!r} is already defined in "
                                     f"{concepts[concept.id].path}")
            concepts[concept.id] = concept
    for drug in drugs.values():
        _check_concepts(drug, concepts)
    return Knowledge(FrozenMap(drugs), language, FrozenMap(concepts), FrozenMap(dialogue), str(root),
                     FrozenMap(answer_words))


def _load_known_words(data: dict, path: Path) -> set[str]:
    """Real words the fuzzy matcher must not 'correct' ("concussion" is not "confusion")."""
    top = Record(data, str(path))
    rec = top.table("known_words")
    rec.text("language")
    rec.text("source", "")
    words = {w.lower() for w in rec.words("words", required=True)}
    rec.done()
    top.done()
    return words
