"""A language file -> Language: the cues of negation and the other ConText
categories, word classes, context patterns, texting forms, amounts and answer
words, each table checked key by key.
"""
from __future__ import annotations

from .records import CONTEXT_KINDS, ContextRule, FrozenMap, KnowledgeError, Language
from .tables import Record

# typing is not imported at run time: a one-shot run pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

# ConText categories beyond negation, hypothetical and historical, each a table
# of preceding and following cues in the language file.
CATEGORY_TABLES = ("other_person", "other_drug", "condition", "improved")
NEGATION_KINDS = ("preceding", "following", "adjacent", "pseudo", "termination", "answer", "asked", "asked_answers",
                  "lists")
# How many words "..." skips in a cue pattern, unless a [[context]] rule says.
DEFAULT_REACH, MAX_REACH = 3, 12
# [wording]: the triage's own lines, each with the placeholders it may use.
WORDING = {
    "rules": {"overdose": (), "withdrawal": (), "medical_attention": (), "if_bothersome": (), "after_stop": (),
              "overdose_alone": (), "red_flag": ("reason",), "passed": ("rule",)},
    "reasons": {"overdose_sign": ("what",), "emergency_sign": ("what",), "intentional": (), "ingestion": (),
                "took_too_much": (), "red_flag": (), "reached_earlier": ()},
}


def load_language(data: dict, path: Path) -> Language:
    """Validate one language file's parsed TOML into a Language."""
    top = Record(data, str(path))
    head = top.table("language")
    cues = _load_cues(top)
    context = _load_context(top)
    words = _load_words(top)
    wording = _load_wording(top)
    lang = Language(id=head.text("id"), name=head.text("name", ""), **cues, context=context, **words,
                    path=str(path), wording=wording)
    head.done()
    top.done()
    return lang


def _load_cues(top: Record) -> dict[str, Any]:
    """The cue tables: [negation], [hypothetical], [historical], the other ConText
    categories, [indication], [ignore] and the word [classes]."""
    neg = top.table("negation")
    negation = {kind: neg.words(kind) for kind in NEGATION_KINDS}
    neg.done()
    hyp = top.table("hypothetical")
    hypothetical = {kind: hyp.words(kind) for kind in ("preceding", "following", "uncertain", "conditional", "fearing",
                                                                "doubted")}
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
    return {"negation": FrozenMap(negation), "hypothetical": FrozenMap(hypothetical),
            "historical": FrozenMap(historical), "indication": indication, "ignore": ignore,
            "classes": FrozenMap(classes), "categories": FrozenMap(categories)}


def _load_context(top: Record) -> tuple[ContextRule, ...]:
    """The [[context]] rules: cue patterns for how the medicine was taken ("ran out")."""
    context = []
    for rec in top.tables("context", "kind"):
        rule = ContextRule(rec.one_of("kind", CONTEXT_KINDS), rec.words("patterns", required=True),
                           rec.number("reach", DEFAULT_REACH), rec.flag("shares_words"), rec.words("concepts"))
        if not 1 <= rule.reach <= MAX_REACH:
            raise KnowledgeError(f"{rec.where}: reach must be from 1 to {MAX_REACH} words, not {rule.reach}")
        context.append(rule)
        rec.done()
    return tuple(context)


def _load_wording(top: Record) -> FrozenMap:
    """[wording.rules] and [wording.reasons], every line present and using only its placeholders."""
    rec = top.table("wording")
    wording = {}
    for part, lines in WORDING.items():
        sub = rec.table(part)
        wording[part] = FrozenMap({key: sub.template(key, allowed) for key, allowed in lines.items()})
        sub.done()
    rec.done()
    return FrozenMap(wording)


def _load_words(top: Record) -> dict[str, Any]:
    """The word tables: [common_words], [texting], [amounts] and [answers]."""
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
    vague = amt._get("vague_numbers", dict, {})
    for key, value in vague.items():
        if type(value) is not int or value < 1:
            raise KnowledgeError(f"{amt.where}: vague_numbers.{key} must be a whole number above 0, found {value!r}")
    amounts = {"numbers": FrozenMap(numbers), "vague_numbers": FrozenMap(vague)}
    for key in ("tablets", "mg", "duration", "followers", "weight", "of_them", "of_whose", "verbs", "regimen_verbs",
                "regimen", "times", "multiply", "regimen_sentence", "give_verbs", "recipients", "stock", "at_once",
                "fillers", "compare", "compare_fillers", "change_from", "change_to", "occasion", "recent",
                "bare_subjects", "bare_verbs", "aux_before", "usual", "age_leads", "ages", "age_owners", "pointing", "readings", "other_things",
                "verbs_as_written"):
        amounts[key] = amt.words(key)
    amt.done()
    ans = top.table("answers")
    answers = {kind: ans.words(kind, required=True) for kind in ("yes", "no", "unsure")}
    answers["likely"] = ans.words("likely")  # "probably": a yes to a safety question
    answers["idioms"] = ans.words("idioms")  # "not been herself": answers nothing
    answers["asked_back"] = ans.words("asked_back")  # "why do you ask if ...?": the question, not an answer
    answers["openers"] = ans.words("openers")  # "no, he took too many": a no that may open a yes
    for kind in ("leading", "echoes", "turnabouts", "denying", "conditions", "began", "lead_ins", "reported",
                 "farewells"):  # how a reply's words are weighed
        answers[kind] = ans.words(kind)
    ans.done()
    return {"common_words": common_words, "answers": FrozenMap(answers), "texting": FrozenMap(texting),
            "amounts": FrozenMap(amounts)}


def load_known_words(data: dict, path: Path) -> set[str]:
    """Real words the fuzzy matcher must not 'correct' ("concussion" is not "confusion")."""
    top = Record(data, str(path))
    rec = top.table("known_words")
    rec.text("language")
    rec.text("source", "")
    words = {w.lower() for w in rec.words("words", required=True)}
    rec.done()
    top.done()
    return words
