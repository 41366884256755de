"""What the bot tells: the summary, the explanation, what it noted, and answers
to questions about a side effect, worded by the dialogue file.

"I have noted: ...", "/why", "/summary", "can baclofen cause seizures?": each
takes a triage result (or the matches of one message) and gives the lines to
say; nothing here changes a conversation.
"""
from __future__ import annotations


from .answers import find_phrases, plain
from .matcher import Match
from .triager import Triager, TriageResult
from .wording import Dialogue
TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any, Iterable


class Teller:
    """The lines about side effects, for one drug and one dialogue file."""

    def __init__(self, triager: Triager, dialogue: Dialogue) -> None:
        self.triager, self.drug, self.dialogue = triager, triager.drug, dialogue
        # the rule of a sign that waits on an overdose ("not an emergency on its own")
        self.alone_rule = triager.knowledge.language.wording["rules"]["overdose_alone"]

    def summary(self, result: TriageResult) -> list[str]:
        """/summary: each side effect with its tier, the disposition, the advice and precautions."""
        d = self.dialogue
        lines = [d.say("summary_heading")]
        for f in result.findings:
            lines.append(d.say("summary_finding", what=self.what(f), tier=self.tier(f, result), words=f.text))
        if not result.findings:
            # "my husband took twenty": no side effect named, and still an emergency
            emergency = result.disposition == "emergency" and result.reasons
            lines.append(d.say("summary_emergency_without_sign") if emergency else d.say("summary_none"))
        if result.negated:
            lines.append(d.say("summary_negated", what=self.names(result.negated)))
        lines.append(d.say("summary_disposition", disposition=d.dispositions[result.disposition]))
        if result.disposition == "emergency" and result.reasons:
            lines.append(d.say("summary_reasons", reasons="; ".join(result.reasons)))
        lines.append(result.advice)
        lines.extend(result.precautions)
        lines.extend(f'{d.say("summary_open", question=q.text)} {q.if_yes}'.rstrip() for q in result.questions)
        if result.disposition != "emergency" and d.say("summary_call_back") not in result.advice:
            lines.append(d.say("summary_call_back"))
        return lines

    def explain(self, result: TriageResult) -> list[str]:
        """/why: for each side effect the words, entry, sign, score, message number and rule."""
        d = self.dialogue
        if not result.findings and not result.negated:
            if result.disposition == "emergency" and result.reasons:
                return [d.say("explain_emergency_without_sign", reasons="; ".join(result.reasons))]
            return [d.say("explain_none")]
        reasons = "; ".join(result.reasons) if result.disposition == "emergency" else ""
        lines = [d.say("explain_emergency", reasons=reasons) if reasons else d.say("explain_heading")]
        for f in result.findings:
            match = d.say("explain_close_match", term=f.term) if f.score < 100 else ""
            lines.append(d.say("explain_finding", words=f.text, turn=f.turn, what=self.what(f), effect=f.effect,
                               sign=f" ({f.sign})" if f.sign else "", tier=self.tier(f, result),
                               score=f"{f.score:g}", rule=f.rule, match=match))
        for f in result.negated:
            lines.append(d.say("explain_negated", words=f.text, turn=f.turn, what=self.what(f), effect=f.effect,
                               sign=f" ({f.sign})" if f.sign else ""))
        return lines

    def no_symptom_reply(self, text: str, matches: list[Match]) -> str:
        """ "what's the best time of day to take it?" gets a pointer, "hello" an invitation."""
        d = self.dialogue
        asking = self.asking(text)
        if any(m.status in ("negated", "resolved") for m in matches):
            denied = self.names(m for m in matches if m.status in ("negated", "resolved"))
            return d.say("denied", what=denied) + " " + d.say("tell_me_more")
        asked = [m for m in matches if m.status == "hypothetical"]
        if asking and asked:
            return self.listed(asked)
        return d.say("general_question" if asking else "no_symptom")

    def asking(self, text: str) -> bool:
        """Whether a message asks something: "how long will this last?", "does it go away"."""
        return "?" in text or bool(find_phrases(plain(text), {"q": self.dialogue.words["question_marks"]}))

    def listed(self, asked: list[Match]) -> str:
        """ "can baclofen cause seizures?": where the monograph lists each sign asked about."""
        d, lines, after_stop = self.dialogue, [], False
        for m in {m.target: m for m in asked}.values():
            found = self.triager.place(m, {})
            stopped = self.triager.place(m, {"stopped_suddenly": True})
            # asked about, not had: the overdose table's signs are emergency signs, not proof of one
            tier = d.tiers["emergency_sign" if found.tier == "overdose" else found.tier]
            lines.append(d.say("listed", what=self.what(found), tier=tier))
            after_stop |= stopped.tier == "withdrawal" and found.tier != "withdrawal"
        if after_stop:
            lines.append(d.say("listed_after_stop"))
        return " ".join(lines + [d.say("listed_now")])

    def changes(self, before: TriageResult | None, after: TriageResult) -> list[str]:
        """"I have noted: ..." for new side effects, "taken off the list" for denied ones."""
        d = self.dialogue
        earlier = before.findings if before else ()

        def known(f: Any, among: Iterable[Any]) -> bool:
            # The same words moved to another table ("hearing voices" after an abrupt stop) are not news.
            return any((g.effect, g.sign) == (f.effect, f.sign) or (g.turn, g.start) == (f.turn, f.start)
                       for g in among)

        new = [f for f in after.findings if not known(f, earlier)]
        gone = [f for f in earlier if not known(f, after.findings)]
        lines = []
        if new:
            lines.append(d.say("noted", what=self.names(new)))
        if gone:
            lines.append(d.say("withdrawn", what=self.names(gone)))
        return lines

    def tier(self, f: Any, result: TriageResult) -> str:
        """A finding's tier as said: a seizure with no overdose heard is an emergency
        sign, not an "overdose sign" (the monograph lists it in the overdose table)."""
        if f.tier == "overdose" and not (result.context.get("took_too_much") or result.context.get("ingestion")):
            alone = self.triager.knowledge.language.wording["rules"]["overdose_alone"]
            waiting = f.ref in self.triager.drug.overdose_context_only or f.rule == alone
            if waiting and result.disposition != "emergency":
                return self.dialogue.tiers[self.triager.drug.alone_disposition]  # blurred vision alone
            return self.dialogue.tiers["emergency_sign"]
        return self.dialogue.tiers[f.tier]

    @staticmethod
    def what(f: Any) -> str:
        """A finding by the name a patient knows ("ringing or buzzing in your ears")."""
        return f.name or (f"{f.effect} ({f.sign})" if f.sign else f.effect)

    def names(self, items: Iterable[Any]) -> str:
        """Findings or matches by their patient names: "a skin rash or itching, chest pain"."""
        names = []
        for item in items:
            name = self.what(item) if hasattr(item, "effect") else self.drug.targets[item.target].name
            if name not in names:
                names.append(name)
        return ", ".join(names)
