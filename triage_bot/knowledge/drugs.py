"""A drug file -> Drug: the monograph's tables with their entries and signs (and
the codes of those without a concept), and what the drug file says about them
(placements, red flags, readings, questions, advice, precautions,
interactions, context rules).  Every reference to an entry or sign is
checked, so a typo fails the load instead of losing a sign.
"""
from __future__ import annotations

from .concepts import read_code
from .records import (
    CONTEXT_KINDS, DISPOSITIONS, TABLES, ContextRuleOfDrug, Drug, Entry, FrozenMap, Interaction, KnowledgeError,
    Measurement, Placement, Precaution, Question, RedFlag, Sign, Target, WaitOnOverdose,
)
from .tables import Record

# typing is not imported at run time: a one-shot run pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Mapping

# What a question can settle, and what a precaution or placement can depend on.
SETTLEABLE = ("stopped_suddenly", "took_too_much")
# What may stand for a yes in the answer to a [[question]] (its yes_if).
YES_IF = ("number", "date")
ADVICE_KEYS = DISPOSITIONS + ("ingestion", "intentional", "worse")
# Advice worded for a situation, used instead of its plain key when it applies:
# a carer calling about someone else ("Do not give them another dose"), and a
# mild side effect after a sudden stop (which will not "ease as the body gets used to it").
ADVICE_VARIANTS = ("emergency_about_another", "ingestion_about_another", "if_bothersome_after_stop")
READINGS = ("number", "pair")
# Context kinds a reading may signal instead of a sign: "GCS 8" is a red flag.
SIGN_CONTEXTS = ("red_flag",)
# Advice that may open with a lead naming the symptoms it is about ({what}).
LEAD_KEYS = ("emergency", "emergency_about_another", "withdrawal", "medical_attention", "if_bothersome",
             "if_bothersome_after_stop")


def _load_sign(rec: Record, entry_id: str) -> Sign:
    code, hpo_none = read_code(rec)
    sign = Sign(ref=f"{entry_id}.{rec.text('id')}", text=rec.text("text"), figure=rec.text("figure", ""),
                terms=rec.words("terms"), abbreviations=rec.words("abbreviations"),
                concepts=rec.words("concepts"), say=rec.text("say"), code=code, hpo_none=hpo_none)
    rec.done()
    return sign


def _load_entry(rec: Record) -> Entry:
    ref = rec.text("id")
    signs = tuple(_load_sign(s, ref) for s in rec.tables("sign"))
    code, hpo_none = read_code(rec)
    entry = Entry(ref=ref, table=rec.one_of("table", TABLES), effect=rec.text("effect"),
                  incidence=rec.text("incidence", ""), figure=rec.text("figure", ""),
                  citations=rec.words("citations"), note=rec.text("note", ""),
                  terms=rec.words("terms"), abbreviations=rec.words("abbreviations"),
                  concepts=rec.words("concepts"), signs=signs, say=rec.text("say"), code=code,
                  hpo_none=hpo_none)
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
    targets = _targets(entries, path)
    placements = _load_placements(top, targets)
    red_flags = _load_red_flags(top, targets)
    measurements = _load_measurements(top, targets)
    questions = _load_questions(top, targets)
    advice, leads = _load_advice(top)
    conditions = set(TABLES) | set(CONTEXT_KINDS) | set(targets)
    precautions = _load_precautions(top, conditions)
    interactions = _load_interactions(top)
    indication_targets = _load_targets_of(top, "indication", targets)
    after_stop_only = _load_targets_of(top, "after_stop_only", targets)
    counts_when_passed = _load_targets_of(top, "counts_when_passed", targets)
    context_signs = _load_context_signs(top, targets)
    overdose_context_only, alone, in_view_with = _load_overdose_context_only(top, targets)
    waits = _load_waits_on_overdose(top, targets, bool(overdose_context_only))
    context_rules = _load_context_rules(top, conditions)

    drug = Drug(id=head.text("id"), name=head.text("name"), brand_names=head.words("brand_names"),
                source=head.text("source", ""), strengths_mg=tuple(head._get("strengths_mg", list, [])),
                max_daily_mg=head.number("max_daily_mg", 0), max_dose_mg=head.number("max_dose_mg", 0),
                names=head.words("names"),
                entries=entries, targets=FrozenMap(targets), placements=tuple(placements),
                red_flags=tuple(red_flags), measurements=tuple(measurements), questions=tuple(questions),
                advice=FrozenMap(advice), precautions=tuple(precautions),
                interactions=tuple(interactions), indication_targets=indication_targets,
                after_stop_only=after_stop_only, context_rules=tuple(context_rules), path=str(path),
                leads=FrozenMap(leads), overdose_context_only=overdose_context_only, alone_disposition=alone,
                waits_on_overdose=tuple(waits), counts_when_passed=counts_when_passed,
                overdose_in_view_with=in_view_with, context_signs=context_signs)
    head.done()
    top.done()
    if not entries:
        raise KnowledgeError(f"{path}: a drug file needs at least one [[entry]]")
    return drug


def _targets(entries: tuple[Entry, ...], path: Path) -> dict[str, Target]:
    """What a lay term may point at: every entry and every sign, by reference."""
    targets: dict[str, Target] = {}
    for entry in entries:
        for ref, sign in [(entry.ref, None)] + [(s.ref, s) for s in entry.signs]:
            if ref in targets:
                raise KnowledgeError(f"{path}: {ref!r} is defined twice")
            targets[ref] = Target(ref, entry, sign)
    return targets


def _load_placements(top: Record, targets: Mapping[str, Target]) -> list[Placement]:
    placements = []
    for rec in top.tables("placement", "sign"):
        p = Placement(rec.text("sign"), rec.one_of("when", ("stopped_suddenly",)), rec.text("to"))
        _check_ref(p.sign, targets, rec.where)
        _check_ref(p.to, targets, rec.where)
        rec.done()
        placements.append(p)
    return placements


def _load_red_flags(top: Record, targets: Mapping[str, Target]) -> list[RedFlag]:
    red_flags = []
    for rec in top.tables("red_flag", "target"):
        r = RedFlag(rec.text("target"), rec.text("reason"))
        _check_ref(r.target, targets, rec.where)
        rec.done()
        red_flags.append(r)
    return red_flags


def _load_measurements(top: Record, targets: Mapping[str, Target]) -> list[Measurement]:
    measurements = []
    for rec in top.tables("measurement", "name"):
        context = rec.one_of("context", SIGN_CONTEXTS) if "context" in rec.data else ""
        m = Measurement(rec.text("name"), rec.words("cues", required=True), rec.one_of("reading", READINGS),
                        tuple(rec._get("below", list, [])), rec.text("target", "") if context else rec.text("target"),
                        tuple(rec._get("above", list, [])), rec.text("unit", ""), rec.words("units"), context)
        if context and m.target:
            raise KnowledgeError(f"{rec.where}: give target or context, not both")
        if not context:
            _check_ref(m.target, targets, rec.where)
        if bool(m.below) == bool(m.above):
            raise KnowledgeError(f"{rec.where}: give one of below or above (the threshold of the reading)")
        limits, key = (m.below, "below") if m.below else (m.above, "above")
        if len(limits) != READINGS.index(m.reading) + 1 or not all(type(v) is int for v in limits):
            raise KnowledgeError(f"{rec.where}: {key} must hold {READINGS.index(m.reading) + 1} whole number(s) "
                                 f"for a {m.reading!r} reading")
        if len(m.unit.split()) > 1:
            raise KnowledgeError(f"{rec.where}: unit must be one word, not {m.unit!r}")
        rec.done()
        measurements.append(m)
    return measurements


def _load_questions(top: Record, targets: Mapping[str, Target]) -> list[Question]:
    questions = []
    for rec in top.tables("question"):
        q = Question(rec.text("id"), rec.one_of("settles", SETTLEABLE), rec.text("text"), rec.words("ask_for"),
                     rec.text("if_yes"), rec.words("yes_if"), rec.words("yes_words"), rec.words("no_words"),
                     rec.words("unsure_yes_with"), rec.text("unsure_sets", ""))
        if q.unsure_sets and q.unsure_sets not in CONTEXT_KINDS:
            raise KnowledgeError(f"{rec.where}: unsure_sets is {q.unsure_sets!r}, not a context kind")
        for kind in q.yes_if:
            if kind not in YES_IF:
                raise KnowledgeError(f"{rec.where}: yes_if holds {kind!r}, not one of: {', '.join(YES_IF)}")
        for ref in q.ask_for + q.unsure_yes_with:
            _check_ref(ref, targets, rec.where)
        rec.done()
        questions.append(q)
    return questions


def _load_advice(top: Record) -> tuple[dict[str, str], dict[str, str]]:
    """[advice] by disposition and situation, and its optional [advice.lead]."""
    advice_rec = top.table("advice")
    advice = {key: advice_rec.text(key) for key in ADVICE_KEYS}
    advice.update({key: advice_rec.text(key, "") for key in ADVICE_VARIANTS})
    leads: dict[str, str] = {}
    if "lead" in advice_rec.data:
        lead_rec = advice_rec.table("lead")
        leads = {key: lead_rec.text(key, "") for key in LEAD_KEYS}
        leads["and"] = lead_rec.text("and")
        for key, lead in leads.items():
            if key != "and" and lead and "{what}" not in lead:
                raise KnowledgeError(f"{lead_rec.where}: {key!r} must name the symptoms with {{what}}")
            try:
                lead.format(what="")
            except (KeyError, IndexError, ValueError):
                raise KnowledgeError(f"{lead_rec.where}: {key!r} may use only the placeholder {{what}}") from None
        lead_rec.done()
    advice_rec.done()
    return advice, leads


def _load_precautions(top: Record, conditions: set[str]) -> list[Precaution]:
    precautions = []
    for rec in top.tables("precaution"):
        p = Precaution(rec.text("id"), rec.text("text"), rec.words("when", required=True))
        for cond in p.when:
            if cond not in conditions:
                raise KnowledgeError(f"{rec.where}: when={cond!r} is not a table, context kind or entry/sign; "
                                     f"valid: {', '.join(sorted(conditions))}")
        rec.done()
        precautions.append(p)
    return precautions


def _load_interactions(top: Record) -> list[Interaction]:
    interactions = []
    for rec in top.tables("interaction", "group"):
        interactions.append(Interaction(rec.text("group"), rec.flag("major"), rec.text("effect"),
                                        rec.words("names", required=True)))
        rec.done()
    return interactions


def _load_targets_of(top: Record, key: str, targets: Mapping[str, Target]) -> frozenset[str]:
    """The entries and signs a table lists: [indication] (what the drug treats), [after_stop_only],
    [counts_when_passed]."""
    rec = top.table(key)
    listed = frozenset(rec.words("targets"))
    for ref in listed:
        _check_ref(ref, targets, rec.where)
    rec.done()
    return listed


def _load_context_signs(top: Record, targets: Mapping[str, Target]) -> FrozenMap:
    """[context_signs]: a context kind that is a sign in itself, and the sign: thoughts of
    suicide told without a mood word ("my kids would be happier if I wasn't around") are
    the mood change."""
    rec = top.table("context_signs")
    signs = {}
    for kind in list(rec.data):
        if kind not in CONTEXT_KINDS:
            raise KnowledgeError(f"{rec.where}: {kind!r} is not a context kind; valid: {', '.join(CONTEXT_KINDS)}")
        signs[kind] = rec.text(kind)
        _check_ref(signs[kind], targets, rec.where)
    rec.done()
    return FrozenMap(signs)


def _load_overdose_context_only(top: Record, targets: Mapping[str, Target]
                                ) -> tuple[frozenset[str], str, frozenset[str]]:
    """[overdose_context_only]: overdose-table signs that are an emergency only with
    an overdose in view, the disposition they have alone (``otherwise``), and the
    other signs that put one in view beside them (``in_view_with``)."""
    rec = top.table("overdose_context_only")
    listed = frozenset(rec.words("targets"))
    for ref in listed:
        _check_ref(ref, targets, rec.where)
        if targets[ref].tier != "overdose":
            raise KnowledgeError(f"{rec.where}: {ref!r} is in the {targets[ref].tier} table; "
                                 "only overdose-table signs can wait on an overdose")
    alone = rec.one_of("otherwise", DISPOSITIONS[1:3]) if listed else "emergency"
    besides = frozenset(rec.words("in_view_with"))
    for ref in besides:
        _check_ref(ref, targets, rec.where)
    rec.done()
    return listed, alone, besides


def _load_waits_on_overdose(top: Record, targets: Mapping[str, Target], alone: bool) -> list[WaitOnOverdose]:
    """[[waits_on_overdose]]: an overdose-table sign that waits on an overdose in a
    context ("out of breath after the stairs"), as [overdose_context_only] signs do."""
    waits = []
    for rec in top.tables("waits_on_overdose", "target"):
        w = WaitOnOverdose(rec.text("target"), rec.words("when", required=True), rec.words("terms"))
        _check_ref(w.target, targets, rec.where)
        for kind in w.when:
            if kind not in CONTEXT_KINDS:
                raise KnowledgeError(f"{rec.where}: when {kind!r} is not a context kind; "
                                     f"valid: {', '.join(CONTEXT_KINDS)}")
        if targets[w.target].tier != "overdose":
            raise KnowledgeError(f"{rec.where}: {w.target!r} is in the {targets[w.target].tier} table; "
                                 "only overdose-table signs can wait on an overdose")
        if not alone:
            raise KnowledgeError(f"{rec.where}: needs [overdose_context_only] with its `otherwise` disposition")
        rec.done()
        waits.append(w)
    return waits


def _load_context_rules(top: Record, conditions: set[str]) -> list[ContextRuleOfDrug]:
    context_rules = []
    for rec in top.tables("context_rule"):
        r = ContextRuleOfDrug(rec.text("id"), rec.one_of("when", CONTEXT_KINDS), rec.words("with_any"),
                              rec.one_of("disposition", DISPOSITIONS[1:]), rec.text("reason"),
                              rec.text("advice", ""), rec.text("why", ""), rec.text("source", ""),
                              rec.words("with_all"), rec.words("unless"))
        for cond in r.with_any + r.with_all + r.unless:
            if cond not in conditions:
                raise KnowledgeError(f"{rec.where}: {cond!r} in with_any/with_all is not a context kind or entry/sign; "
                                     f"valid: {', '.join(sorted(conditions - set(TABLES)))}")
        rec.done()
        context_rules.append(r)
    return context_rules
