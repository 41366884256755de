"""The triage layer: sort what the matcher found into the monograph's tiers and
settle the disposition.

``Triager.classify("ran out of my baclofen and now I'm seeing things")`` finds
the hallucination, reads the abrupt stop from the words, places the sign in
the withdrawal table, and answers with the advice and any question still open.
The conversation calls :meth:`Triager.assess` with the matches of several
messages and the answers given so far.
"""
from __future__ import annotations

import os
from collections.abc import Mapping

from .inputs import CONTEXT_KEYS, InputError, check_context, check_text, read_context  # noqa: F401 (triage's names)
from .knowledge import DISPOSITIONS, Drug, Knowledge, Question
from .reading import ANOTHER_CUE, NOW_CUE, WRITER_CUE, ContextMatch, Lexicon, Match, find_symptoms
from .results import Finding, TriageResult

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, Iterable

RANK = {name: i for i, name in enumerate(DISPOSITIONS)}
# The overdose table is an emergency whatever else is known.
TIER_DISPOSITION = {"if_bothersome": "if_bothersome", "medical_attention": "medical_attention",
                    "withdrawal": "withdrawal", "overdose": "emergency"}
# States the triage itself gives a mention (the matcher gives the others).
_SET_ASIDE = ("indication", "not_after_stop")
# The status of a sign the caller dates to long ago in a later turn ("that was years
# ago"): it withdraws the sign, even an emergency sign (triage_bot.mending).
DATED_BACK = "dated_back"
# ... and of a sign the caller, correcting, renames as something else ("I mean a temper fit"):
# it withdraws it as a denial would, even an emergency sign.
RENAMED = "renamed"
TAKEN_BACK = {DATED_BACK: "historical", RENAMED: "negated"}


class Triager:
    """Triage for one drug: holds the knowledge and its compiled lexicon."""

    # The compiled-lexicon cache reads the knowledge only when it is first asked for:
    # a one-shot answer needs the drug and the lexicon alone.
    __cache_deferred__ = ("_knowledge",)

    def __init__(self, knowledge: Knowledge | None = None, drug: str | None = None) -> None:
        if knowledge is None:
            from .knowledge import load_knowledge  # a cached start never loads the files
            knowledge = load_knowledge()
        self._knowledge = knowledge
        self.drug: Drug = self.knowledge.drug(drug)
        self.lexicon = Lexicon(self.knowledge, self.drug)
        self._placements = {(p.sign, p.when): p.to for p in self.drug.placements}
        self._red_flags = {r.target: r.reason for r in self.drug.red_flags}
        self._waits_on = [(w.target, w.when, {t.lower() for t in w.terms}) for w in self.drug.waits_on_overdose]
        self._rules = self.knowledge.language.wording["rules"]
        self._reasons = self.knowledge.language.wording["reasons"]

    @property
    def knowledge(self) -> Knowledge:
        """Everything loaded from the knowledge folder (the language, concepts, dialogue)."""
        knowledge = self._knowledge
        if not isinstance(knowledge, Knowledge):  # still the cache's codec.Deferred
            knowledge = self._knowledge = knowledge.value()
        return knowledge

    # -------------------------------------------------------------- one message

    def find(self, text: str) -> tuple[list[Match], list[ContextMatch]]:
        """The matches and context cues of one message (validated first), with the signs a
        context is by itself ([context_signs])."""
        matches, cues = find_symptoms(check_text(text), self.lexicon)
        signs = self.drug.context_signs
        told = {m.target for m in matches if m.status == "affirmed"}
        for c in cues:
            ref = signs.get(c.kind)
            if ref and ref not in told:  # "I sometimes think they'd be happier if I wasn't around"
                matches.append(Match(ref, c.start, c.end, c.text, 100.0, c.text, "affirmed", ""))
                told.add(ref)
        return matches, cues

    def classify(self, text: str, context: Mapping[str, bool | None] | None = None) -> TriageResult:
        """Triage one message: "my ears are ringing" -> medical_attention (CNS toxicity)."""
        given = check_context(context)
        matches, cues = self.find(text)
        return self.assess([(0, m) for m in matches], read_context(cues, given))

    # -------------------------------------------------------------- any number of messages

    def place(self, match: Match, context: Mapping[str, Any], turn: int = 0) -> Finding:
        """Put one match in its tier, moving a two-table sign by context."""
        ref, rule = match.target, ""
        if context.get("stopped_suddenly"):
            moved = self._placements.get((ref, "stopped_suddenly"))
            if moved:
                ref, rule = moved, self._rules["after_stop"]
        target = self.drug.targets[ref]
        if not rule:
            flag = self._red_flag(ref)
            rule = self._rules["red_flag"].format(reason=flag) if flag else self._rules[target.tier]
        code = target.code
        return Finding(target.tier, target.effect, target.sign_text, match.text, match.start, match.end,
                       match.score, match.target, match.term, rule, match.cue, turn, target.name,
                       code.hpo if code else "", code.umls if code else "")

    def assess(self, matches: Iterable[tuple[int, Match]], context: Mapping[str, Any]) -> TriageResult:
        """Disposition, advice and open questions for matches of one or more messages.

        ``matches`` are (turn, match) pairs; a later denial of the same entry
        (a match with status "negated" in a later turn) withdraws an earlier finding.
        """
        matches = list(matches)
        latest, status, category, pending = self._latest(matches, context)
        findings = tuple(sorted((f for k, f in latest.items() if status[k] == "affirmed"),
                                key=lambda f: (f.turn, f.start)))
        alone = self._alone(findings, context, self._waiting(matches, context))
        findings = tuple(f._replace(rule=self._rules["overdose_alone"]) if f.ref in alone else f for f in findings)
        set_aside = tuple((category[k], f) for k, f in latest.items() if status[k] != "affirmed")
        negated = tuple(f for k, f in latest.items() if status[k] == "negated")
        hypothetical = tuple(f for k, f in latest.items() if status[k] == "hypothetical")
        historical = tuple(f for k, f in latest.items() if status[k] == "historical")
        indication = tuple(f for k, f in latest.items() if status[k] == "indication")

        reasons = self._emergency_reasons([f for f in findings if f.ref not in alone], context)
        if reasons:
            disposition = "emergency"
        else:
            disposition = max((self._disposition(f, alone) for f in findings), key=RANK.__getitem__, default="none")
        rules = self._context_rules(findings, context)
        for rule in rules:
            if RANK[rule.disposition] >= RANK[disposition]:
                disposition = rule.disposition
            if rule.disposition == "emergency":
                reasons.append(rule.reason)
        return TriageResult(
            drug=self.drug.name, disposition=disposition, findings=findings, negated=negated,
            hypothetical=hypothetical, historical=historical, indication=indication, context=dict(context),
            reasons=tuple(dict.fromkeys(reasons)),
            advice=self._advice(disposition, context, rules, findings, alone),
            precautions=self._precautions(findings, context),
            questions=self._questions(findings, context, disposition, pending), set_aside=set_aside)

    def _latest(self, matches: Iterable[tuple[int, Match]], context: Mapping[str, Any]) -> tuple[dict, dict, dict, set]:
        """By (effect, sign), as its latest mention leaves it: the finding, its state
        ("affirmed", "negated", ...) and its ConText category; and the signs whose tier
        waits on whether the drug was stopped ("my legs keep spasming")."""
        latest: dict[tuple[str, str], Finding] = {}
        status: dict[tuple[str, str], str] = {}
        pending: set[str] = set()
        category: dict[tuple[str, str], str] = {}
        for turn, m in matches:
            f = self.place(m, context, turn)
            key = (f.effect, f.sign)
            state = self._meaning(m.status, f, context)
            if f.ref in self.drug.after_stop_only and not context.get("stopped_suddenly") \
                    and not (context.get("on_pump") and state == "affirmed" and not context.get("usual")):
                # The monograph lists these only after an abrupt stop (spasms are
                # what the drug treats): on the drug they are set aside, and the
                # bot asks whether it was stopped.  A pump can stop delivering with
                # no alarm, so with one they stand ("ITB pt, febrile, tone up"), unless said to be
                # as usual ("on a pump, spasms at night as always").
                if state == "affirmed" and context.get("stopped_suddenly") is None:
                    pending.add(f.ref)
                if state in ("affirmed", "indication"):
                    state = "indication" if f.ref in self.drug.indication_targets else "not_after_stop"
            if state == "affirmed" and m.status == "resolved":
                f = f._replace(rule=self._rules["passed"].format(rule=f.rule))
            # A later question or mention of the past does not withdraw what was
            # reported; a denial withdraws it only in a later message ("so
            # irritable ... no mood swings" still reports a mood change), while
            # its passing does ("a rash ... the rash went away"); nothing
            # withdraws an emergency sign ("he had a fit, no more since").
            # ... but the caller dating a sign just told to long ago ("that was years ago"), or
            # renaming it ("I mean a temper fit"), does (TAKEN_BACK).
            taken_back = m.status in TAKEN_BACK
            state = TAKEN_BACK.get(m.status, state)
            if status.get(key) == "affirmed" and not taken_back and (
                    state != "negated" or (m.status == "negated" and turn == latest[key].turn)
                    or self._is_emergency_sign(f, context)
                    or not self.lexicon.graver_words.isdisjoint(m.term.split())):
                # (nor does denying its graver form: "I feel low" ... "not suicidal, just flat")
                continue
            if key not in status or state in ("affirmed", "negated") or taken_back:
                latest[key], status[key] = f, state
                category[key] = state if state in _SET_ASIDE or taken_back else m.status
        return latest, status, category, pending

    def _alone(self, findings: tuple[Finding, ...], context: Mapping[str, Any],
               waits: frozenset[str] = frozenset()) -> frozenset[str]:
        """The overdose-table signs that wait on an overdose ([overdose_context_only], or ``waits``)
        with none in view: no overdose taken or ingestion, no other overdose sign, and none of the
        signs that put one in view beside them ([overdose_context_only] in_view_with: drowsiness)."""
        if context.get("took_too_much") or context.get("ingestion"):
            return frozenset()
        waiting = {f.ref for f in findings if f.ref in self.drug.overdose_context_only or f.ref in waits}
        besides = self.drug.overdose_in_view_with
        signs = {f.ref for f in findings if f.tier == "overdose" or f.ref in besides}
        return frozenset(ref for ref in waiting if not signs - {ref})

    def _waiting(self, matches: list[tuple[int, Match]], context: Mapping[str, Any]) -> frozenset[str]:
        """Signs waiting on an overdose in their context, said only in their words ([[waits_on_overdose]])."""
        said: dict[str, bool] = {}
        for ref, when, terms in self._waits_on:
            for _turn, m in matches:
                if m.target == ref and m.status == "affirmed" and all(context.get(k) for k in when):
                    said[ref] = said.get(ref, True) and (not terms or m.term.lower() in terms)
        return frozenset(ref for ref, only in said.items() if only)

    def _disposition(self, f: Finding, alone: frozenset[str] = frozenset()) -> str:
        """What one finding asks for: its table's, or the drug's answer for a sign alone."""
        return self.drug.alone_disposition if f.ref in alone else TIER_DISPOSITION[f.tier]

    def _context_rules(self, findings: tuple[Finding, ...], context: Mapping[str, Any]) -> list:
        """The drug's context rules that apply: "pump alarm" + "fever" -> emergency."""
        present = {f.ref for f in findings} | {f.ref.split(".")[0] for f in findings}
        present |= {k for k, v in context.items() if v is True}
        return [r for r in self.drug.context_rules
                if context.get(r.when) and (not r.with_any or present & set(r.with_any))
                and set(r.with_all) <= present and not any(context.get(k) for k in r.unless)]

    def _emergency_reasons(self, findings: Iterable[Finding], context: Mapping[str, Any]) -> list[str]:
        reasons = []
        for f in findings:
            flag = self._red_flag(f.ref)
            if flag:
                reasons.append(flag)
            elif f.tier == "overdose":
                # a seizure without an overdose is an emergency sign, not proof of one
                kind = "overdose_sign" if context.get("took_too_much") or context.get("ingestion") else "emergency_sign"
                reasons.append(self._reasons[kind].format(what=f.name or f.sign or f.effect))
        for kind in ("intentional", "ingestion", "took_too_much", "red_flag"):
            if context.get(kind) and not (kind == "took_too_much" and context.get("ingestion")):
                reasons.append(self._reasons[kind])
        return list(dict.fromkeys(reasons))

    def _is_emergency_sign(self, f: Finding, context: Mapping[str, Any] | None = None) -> bool:
        """An overdose-table sign or a red flag; a sign that waits on an overdose is
        one only when too much was taken ("took 10 and my vision is blurry")."""
        if self._red_flag(f.ref) is not None:
            return True
        if f.ref in self.drug.overdose_context_only:
            return bool(context and (context.get("took_too_much") or context.get("ingestion")))
        return f.tier == "overdose"

    def _doubted(self, f: Finding) -> bool:
        """Whether a sign is doubted as had: "I might have had a fit" (the doubt's "had" may be the sign's own)."""
        return f.cue in self.lexicon.doubted_cues or (
            f.cue in self.lexicon.uncertain and f.text.split(" ", 1)[0].lower() in ("had", "been"))

    def _meaning(self, status: str, f: Finding, context: Mapping[str, Any]) -> str:
        """A sign that has passed ("the fit has stopped") still happened: for an
        emergency sign it stays a finding, and so for one the doctor must hear of
        even once it has passed ([counts_when_passed]: "chest pain earlier, gone
        now"); any other is set aside."""
        if status == "resolved" and (f.ref in self.drug.counts_when_passed
                                     or f.ref.split(".")[0] in self.drug.counts_when_passed):
            return "affirmed"
        if status in ("resolved", "improved"):
            return "affirmed" if self._is_emergency_sign(f, context) else "negated"
        if status == "hypothetical" and (f.cue in self.lexicon.fearing_cues or self._doubted(f)) \
                and self._is_emergency_sign(f, context):
            # "worried about seizures, he had one an hour ago", "I might have had a fit": a feared
            # or doubted fit may be a fit had
            return "affirmed"
        if status == "other_drug" and self._is_emergency_sign(f, context):
            return "affirmed"  # slowed breathing is an emergency whichever medicine is to blame
        if status == "other_drug" and f.cue in self.lexicon.illness_cues and (
                f.tier != "if_bothersome" or context.get("stopped_suddenly")):
            return "affirmed"  # "seeing things, probably from my MS": the doctor still needs to hear today
        if status == "other_person" and self._is_emergency_sign(f) and (
                f.cue in self.lexicon.household_cues or f.cue in (WRITER_CUE, NOW_CUE, ANOTHER_CUE)):
            # "my sister takes it too and she's not breathing", a carer who can't
            # breathe, "my friend had a fit just now": someone there needs help now
            return "affirmed"
        if status == "other_person" and f.cue == ANOTHER_CUE and f.tier != "if_bothersome":
            return "affirmed"  # "I'm on it, my wife too, and she's seeing things": she is on it and needs a doctor
        return status

    def _red_flag(self, ref: str) -> str | None:
        """The red-flag reason of a sign or of its entry ("respiratory_depression.breathing")."""
        return self._red_flags.get(ref) or self._red_flags.get(ref.split(".")[0])

    def _advice(self, disposition: str, context: Mapping[str, Any], rules: Iterable[Any] = (),
                findings: tuple[Finding, ...] = (), alone: frozenset[str] = frozenset()) -> str:
        """The advice, its one action first and naming the symptom it is about:
        "Check with your doctor as soon as possible about a skin rash or itching, ..."."""
        advice = self.drug.advice
        parts = []
        if context.get("intentional") or context.get("suicidal_thoughts"):
            parts.append(advice["intentional"])
        # a lower rule's advice ("ask today") never dilutes an emergency's "call now"
        parts.extend(dict.fromkeys(r.advice for r in rules if r.advice
                                   and (disposition != "emergency" or r.disposition == "emergency")))
        another = "_about_another" if context.get("about_another") else ""
        if disposition == "if_bothersome" and context.get("stopped_suddenly"):
            key = "if_bothersome_after_stop" if advice.get("if_bothersome_after_stop") else disposition
        else:
            key = disposition + another if advice.get(disposition + another) else disposition
        told = self._lead(key, disposition, findings, alone) or advice[key]
        if disposition == "emergency":
            parts.insert(0, told)  # the call comes before anything else
        else:
            parts.append(told)
        if disposition == "emergency" and (context.get("took_too_much") or context.get("ingestion")):
            parts.append(advice.get("ingestion" + another) or advice["ingestion"])
        if disposition not in ("none", "emergency"):  # nothing may dilute "call now"
            parts.append(advice["worse"])
        return " ".join(parts)

    def _lead(self, key: str, disposition: str, findings: tuple[Finding, ...],
              alone: frozenset[str] = frozenset()) -> str:
        """The advice with its first sentence made into the lead that names the
        findings it is about; "" when the drug has no lead for it or none decides."""
        lead = self.drug.leads.get(key)
        if not lead:
            return ""
        if disposition == "emergency":
            deciding = [f for f in findings if f.ref not in alone and (f.tier == "overdose" or self._red_flag(f.ref))]
        else:
            deciding = [f for f in findings if self._disposition(f, alone) == disposition]
        names = list(dict.fromkeys(f.name for f in deciding if f.name))
        if not names:
            return ""
        what = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {self.drug.leads['and']} {names[-1]}"
        _first, _sep, rest = self.drug.advice[key].partition(". ")
        return f"{lead.format(what=what)} {rest}".strip()

    def _precautions(self, findings: tuple[Finding, ...], context: Mapping[str, Any]) -> tuple[str, ...]:
        present = {f.tier for f in findings} | {f.ref for f in findings}
        present |= {f.ref.split(".")[0] for f in findings}
        present |= {k for k, v in context.items() if v}
        return tuple(p.text for p in self.drug.precautions if present & set(p.when))

    def _questions(self, findings: tuple[Finding, ...], context: Mapping[str, Any],
                   disposition: str, pending: Iterable[str] = ()) -> tuple[Question, ...]:
        if disposition == "emergency":
            return ()
        refs = {f.ref for f in findings} | {f.ref.split(".")[0] for f in findings} | set(pending)
        return tuple(q for q in self.drug.questions
                     if context.get(q.settles) is None and refs & set(q.ask_for))


# ---------------------------------------------------------------- a compiled-lexicon cache

def load_triager(folder: str | None = None, drug: str | None = None) -> Triager:
    """A Triager for ``folder``, from the compiled cache when the files are unchanged.

    Loading the TOML and compiling the lexicon costs more than triaging a
    message, so a one-shot ``triage-bot triage`` reads a compiled copy keyed
    by the knowledge files' names, sizes and times (triage_bot.cache: data
    only, checked before use); set TRIAGE_BOT_NO_CACHE=1 to bypass it.
    """
    from . import cache
    from .knowledge import default_folder

    root = os.fspath(folder) if folder is not None else os.fspath(default_folder())
    stamp = cache.make_stamp(root, drug) if cache.enabled() else None
    if stamp is not None:
        triager = cache.read(stamp)
        if type(triager) is Triager:
            return triager
    from .knowledge import load_knowledge

    triager = Triager(load_knowledge(root, drug, every_drug=False), drug)
    if stamp is not None:
        cache.write(stamp, triager)
    return triager


_default: list[Triager] = []


def triage(text: str, context: Mapping[str, bool | None] | None = None) -> TriageResult:
    """Triage one message with the built-in knowledge: the Python API.

    >>> import triage_bot
    >>> triage_bot.triage("my ears are ringing").disposition
    'medical_attention'
    """
    if not _default:
        _default.append(load_triager())
    return _default[0].classify(text, context)
