"""Loading and checking ``answer-words.toml``: errors name the file, the key and the valid values."""
from __future__ import annotations

from pathlib import Path

from ..knowledge import Knowledge, KnowledgeError, Record, default_folder, load_knowledge
from .folding import WORD, fold, phrases
from .words import AnswerWords, Frequency
from .yes_no import YesNoReader
TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any, Mapping

ANSWER_WORDS_FILE = "answer-words.toml"
# The kinds of yes / no word the language file lists; "likely" ("probably",
# "might have") is a yes to a safety question and "don't know" to a report's.
# "idioms" ("not been herself") hold an answer word but answer nothing; "asked_back"
# ("why do you ask") opens the bot's question asked back, which answers nothing either.
ANSWER_KINDS = ("yes", "no", "unsure", "likely", "idioms", "asked_back")


def _labelled(rec: Record, key: str, valid: tuple[str, ...] | None = None) -> dict[tuple[str, ...], str]:
    """A table of value -> phrases, as phrase -> value."""
    table = rec.table(key)
    out: dict[tuple[str, ...], str] = {}
    for value in list(table.data):
        if valid is not None and value not in valid:
            raise KnowledgeError(f"{table.where}: {value!r} is not one of: {', '.join(valid)}")
        for phrase in phrases(table.words(value, required=True)):
            out.setdefault(phrase, value)
    table.done()
    return out


def _numbers_of(rec: Record, key: str, kind: type) -> dict[str, Any]:
    """A table of word -> number (``kind`` int, or float which also takes whole numbers)."""
    table = rec.table(key)
    out = {}
    for name in list(table.data):
        value = table._get(name, (int, float) if kind is float else int, None)
        out[" ".join(WORD.findall(fold(name)))] = value
    table.done()
    return out



def answer_words(knowledge: Knowledge) -> AnswerWords:
    """The answer words of a loaded knowledge folder (its own file, else the built-in one)."""
    data, where = knowledge.answer_words, str(Path(knowledge.folder) / ANSWER_WORDS_FILE)
    if not data:
        data, where = dict(load_knowledge(default_folder()).answer_words), str(default_folder() / ANSWER_WORDS_FILE)
    return read_answer_words(data, where, knowledge)


def load_answer_words(folder: str | Path | None = None) -> AnswerWords:
    """The answer words of a knowledge folder (the built-in one by default)."""
    return answer_words(load_knowledge(folder if folder is not None else default_folder()))


def read_answer_words(data: Mapping[str, Any], where: str, knowledge: Knowledge) -> AnswerWords:
    """Validate an ``[answer_words]`` file, naming the file, the key and the valid keys."""
    top = Record(dict(data), where)
    rec = top.table("answer_words")
    rec.text("language")
    lang = knowledge.language
    numbers = {tuple(WORD.findall(fold(k))): v for k, v in lang.amounts["numbers"].items()}
    age, weight = rec.table("age"), rec.table("weight")
    words = AnswerWords(
        numbers=numbers, hedges=phrases(rec.words("hedges", required=True)),
        date_fillers=phrases(rec.words("date_fillers", required=True)),
        day_parts=phrases(rec.words("day_parts", required=True)),
        last=frozenset(rec.words("last", required=True)), this=frozenset(rec.words("this", required=True)),
        ago=phrases(rec.words("ago", required=True)), units=_numbers_of(rec, "units", int),
        days_before=_numbers_of(rec, "days_before", int),
        months=_numbers_of(rec, "months", int), weekdays=_numbers_of(rec, "weekdays", int),
        age_fillers=phrases(age.words("fillers", required=True)), age_units=_numbers_of(age, "units", int),
        weight_fillers=phrases(weight.words("fillers", required=True)),
        weight_units=_numbers_of(weight, "units", float),
        sexes=_labelled(rec, "sex", ("female", "male", "other", "unknown")),
        outcomes=_labelled(rec, "outcome", ("recovered", "recovering", "not_recovered", "unknown")),
        yes_no=YesNoReader(lang.answers, lang.classes.get("number", ()), lang.texting),
        spans=frozenset(rec.words("spans", required=True)),
        frequencies=tuple(_frequency(p, numbers) for p in rec.words("frequencies", required=True)),
        everyday_dates=frozenset(rec.words("everyday_dates", required=True)),
        date_leads=frozenset(rec.words("date_leads", required=True)),
        denials=phrases(lang.negation["preceding"]),
    )
    age.done()
    weight.done()
    rec.done()
    top.done()
    _check_ranges(words, where)
    return words


def _frequency(phrase: str, numbers: Mapping[tuple[str, ...], int]) -> Frequency:
    """A frequency phrase as a pattern: "#" is a number in digits or words."""
    number = tuple(sorted((" ".join(k) for k in numbers if len(k) == 1), key=len, reverse=True))
    return Frequency(tuple(fold(phrase).split()), number)


def _check_ranges(words: AnswerWords, where: str) -> None:
    for name, value in words.months.items():
        if not 1 <= value <= 12:
            raise KnowledgeError(f"{where} [answer_words.months]: {name!r} must be 1 to 12, not {value}")
    for name, value in words.weekdays.items():
        if not 0 <= value <= 6:
            raise KnowledgeError(f"{where} [answer_words.weekdays]: {name!r} must be 0 (Monday) to 6, not {value}")
    for table, values in (("units", words.units), ("age.units", words.age_units),
                          ("weight.units", words.weight_units)):
        for name, value in values.items():
            if value <= 0:
                raise KnowledgeError(f"{where} [answer_words.{table}]: {name!r} must be above 0, not {value}")
