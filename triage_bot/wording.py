"""The dialogue file: every word the bot says outside the monograph's advice.

``knowledge/dialogue.toml`` holds the lines ("I have noted: {what}."), the
titles of tiers and dispositions, the word lists a conversation listens for
("skip", "that's all") and the report interview's questions and re-asks,
validated here: an unknown key or a placeholder a line cannot fill is an error
that names the file, the key and the valid ones.
"""
from __future__ import annotations

from pathlib import Path

from .answers import find_phrases, plain
from .knowledge import DISPOSITIONS, TABLES, KnowledgeError, Record, default_folder, load_knowledge
from .reports.report import SERIOUSNESS_CRITERIA as SERIOUSNESS
from .record import record

TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any, Iterable, Mapping

DIALOGUE_FILE = "dialogue.toml"

# Lines of [dialogue], with the placeholders each may use ({drug} everywhere).
LINES = {
    "greeting": (), "not_for_emergencies": (), "no_symptom": (), "general_question": (),
    "empty_message": (), "too_long": (), "unreadable": (), "noted": ("what",), "withdrawn": ("what",), "passed_still": ("what",), "asked_back": (),
    "reask": ("question",), "reask_after_symptoms": ("question",), "reask_weighty": ("question",),
    "toolbar_finding": ("count",), "toolbar_findings": ("count",), "unsure_safe": (), "unclear_safe": (), "unsure_light": (),
    "anything_else": (), "tell_me_more": (), "denied": ("what",), "bother_question": (), "bother_check": (),
    "bother_mild": (), "emergency_again": (), "summary_heading": (),
    "summary_finding": ("what", "tier", "words"), "summary_none": (), "summary_negated": ("what",),
    "summary_disposition": ("disposition",), "summary_reasons": ("reasons",), "summary_open": ("question",), "summary_call_back": (),
    "closed": (), "farewell": (), "explain_heading": (), "explain_emergency": ("reasons",),
    "explain_finding": ("words", "turn", "what", "effect", "sign", "tier", "score", "rule", "match"),
    "explain_close_match": ("term",),
    "explain_none": (), "explain_negated": ("words", "turn", "what", "effect", "sign"),
    "summary_emergency_without_sign": (), "explain_emergency_without_sign": ("reasons",),
    "listed": ("what", "tier"), "listed_after_stop": (), "listed_now": (), "corrected": ("disposition",),
    "help_heading": (), "help_keys": (), "no_command": ("name",), "restarted": (), "report_saved": ("reference",),
    "result_because": ("reason",), "result_not_counted": (),
}
# [dialogue.web]: the words of the patient web chat's page, around the conversation itself.
WEB_LINES = {
    "title": (), "heading": (), "intro": (), "log_label": (), "message_label": (), "message_hint": (),
    "send": (), "finish": (), "new_conversation": (), "you": (), "bot": (), "emergency_heading": (),
    "ended": (), "error": ("error",), "sending": (), "no_conversation": (), "busy": (), "unavailable": (),
    "limit": (), "too_long": (), "not_stored": (),
}
# [dialogue.commands]: what each slash command does (triage_bot.sessions.COMMANDS, without the "/").
COMMAND_KEYS = ("why", "summary", "report", "restart", "quit", "help")
WORD_LISTS = ("closing", "goodbye", "skip", "decline", "bothersome", "mild", "question_marks", "reporter_patient",
              "reporter_nurse", "reporter_doctor", "reporter_pharmacist", "reporter_carer", "not_applicable",
              "no_medicines", "correction", "not_that_place", "resolved", "no_longer", "it_words", "again",
              "long_ago", "dated_openers", "dated_vetoes", "unsure_weighs", "told_of_sign", "blamed_on",
              "blamed_maybe", "drug_cleared", "blame_doubts")
# Lists a dialogue file written before them may leave out (read as empty).
OPTIONAL_WORD_LISTS = ("not_that_place", "resolved", "no_longer", "it_words", "again", "long_ago", "dated_openers",
                       "dated_vetoes", "unsure_weighs", "told_of_sign", "blamed_on", "blamed_maybe", "drug_cleared",
                       "blame_doubts")
REPORT_LINES = {
    "offer": (), "accepted": (), "declined": (), "stopped": (), "complete": (), "skipped": (), "gave_up": (),
    "reask": ("question",), "offer_reask": (), "interaction": ("medicine", "group", "effect"),
    "interaction_major": ("medicine", "group", "effect"), "event": (), "initials": (), "age": (), "sex": (),
    "weight": (), "pregnant": (), "reporter": (), "contact": (), "share": (), "strength": (), "dose": (),
    "frequency": (), "start_date": (), "indication": (), "onset": ("event",), "dechallenge": ("event",),
    "rechallenge": ("event",), "outcome": ("event",), "serious": (), **{k: () for k in SERIOUSNESS},
    "other_medicines": (), "alcohol": (), "strength_reask": ("strengths",), "initials_reask": (),
    "text_reask": (), "too_long": ("max",), "date_reask": (), "date_future": (), "date_calendar": (),
    "date_too_early": ("year",), "age_reask": (), "age_negative": (), "age_too_old": ("max",),
    "weight_reask": (), "weight_range": (), "sex_reask": (), "outcome_reask": (), "yes_no_reask": (),
}


@record
class Dialogue:
    """The validated [dialogue] table: lines with {drug} filled in, titles and word lists."""
    lines: Mapping[str, str]
    tiers: Mapping[str, str]
    dispositions: Mapping[str, str]
    words: Mapping[str, tuple[str, ...]]
    report: Mapping[str, str]
    commands: Mapping[str, str]
    web: Mapping[str, str] = {}

    def say(self, key: str, **fields: Any) -> str:
        """One line of the script: ``say("noted", what="dizziness")``."""
        return _sentence(self.lines[key].format(**fields)) if fields else self.lines[key]

    def ask(self, key: str, **fields: Any) -> str:
        """One report question or report line."""
        return _sentence(self.report[key].format(**fields)) if fields else self.report[key]

    def has(self, text: str, words: str, anywhere: bool = False) -> bool:
        """Whether the answer is one of a [dialogue.words] list ("skip", "no more
        questions"), or with ``anywhere`` holds one ("wait, no, I never stopped it")."""
        answer = plain(text)
        phrases = self.words[words]
        if anywhere:
            return bool(find_phrases(answer, {"x": phrases}))
        return answer in {plain(p) for p in phrases}


def _sentence(line: str) -> str:
    """A line, or a list item ("- "), that starts with a filled-in name starts with
    a capital: "{what} is listed" -> "A seizure (fit) is listed"."""
    start = 2 if line.startswith("- ") else 0
    return line[:start] + line[start:start + 1].upper() + line[start + 1:]


def _checked_line(rec: Record, key: str, allowed: Iterable[str], drug: str) -> str:
    """A line with {drug} filled in, refusing a placeholder it cannot fill."""
    text = rec.template(key, set(allowed) | {"drug"})
    return text.format(drug=drug, **{name: "{" + name + "}" for name in allowed})


def _checked_lines(rec: Record, spec: Mapping[str, tuple[str, ...]], drug: str) -> dict[str, str]:
    lines = {key: _checked_line(rec, key, allowed, drug) for key, allowed in spec.items()}
    rec.done()
    return lines


def load_dialogue(data: Mapping[str, Any], where: str, drug: str) -> Dialogue:
    """Validate a [dialogue] file's parsed TOML for ``drug``, naming file, key and valid keys."""
    top = Record(dict(data), where)
    head = top.table("dialogue")
    subtables = {"tiers": TABLES, "dispositions": DISPOSITIONS, "words": WORD_LISTS, "report": tuple(REPORT_LINES),
                 "commands": COMMAND_KEYS, "web": tuple(WEB_LINES)}
    flat = {k: v for k, v in head.data.items() if k not in subtables}
    lines = _checked_lines(Record(flat, head.where), LINES, drug)
    head.seen.update(subtables)
    tiers = _checked_lines(head.table("tiers"), {t: () for t in TABLES + ("emergency_sign",)}, drug)
    dispositions = _checked_lines(head.table("dispositions"), {d: () for d in DISPOSITIONS}, drug)
    words_rec = head.table("words")
    words = {key: tuple(w.format(drug=drug).lower() for w in
                        words_rec.words(key, required=key not in OPTIONAL_WORD_LISTS))
             for key in WORD_LISTS}
    words_rec.done()
    report = _checked_lines(head.table("report"), REPORT_LINES, drug)
    commands = _checked_lines(head.table("commands"), {k: () for k in COMMAND_KEYS}, drug)
    web = _checked_lines(head.table("web"), WEB_LINES, drug)
    top.done()
    return Dialogue(lines, tiers, dispositions, words, report, commands, web)


def _default_dialogue_data() -> tuple[Mapping[str, Any], str]:
    path = Path(default_folder()) / DIALOGUE_FILE
    knowledge = load_knowledge(path.parent)
    return knowledge.dialogue, str(path)
