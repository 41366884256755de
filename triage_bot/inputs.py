"""What a caller gives the triage, checked: the message and the context it
states; and the context the message's own words say (``read_context``), the
caller's and the words' readings merged the more urgent way.
"""
from __future__ import annotations

from collections.abc import Mapping

from .reading import MAX_TEXT_CHARS

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, Iterable

    from .reading import ContextMatch

# Context keys a caller may give, each true, false or null (unknown).
CONTEXT_KEYS = ("stopped_suddenly", "took_too_much", "ingestion", "intentional", "about_another")


class InputError(ValueError):
    """The message cannot be triaged as given (empty, too long, not text)."""


def check_text(text: Any) -> str:
    """Refuse what cannot be a patient message, with a message that says why."""
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InputError("text is empty: describe the symptoms in your own words")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text is too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    if not text.isascii() and not _encodes(text):
        raise InputError("text is not valid UTF-8")
    return text


def _encodes(text: str) -> bool:
    """Whether text holds no lone surrogate (what a decoder lets through from bytes that
    are not UTF-8): UTF-8 encodes every other character."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_context(context: Any) -> dict[str, bool | None]:
    """Validate a caller's context: known keys, each true, false or null."""
    if context is None:
        return {}
    if not isinstance(context, Mapping):
        raise InputError(f"context must be an object, not {type(context).__name__}")
    checked = {}
    for key, value in context.items():
        if key not in CONTEXT_KEYS:
            raise InputError(f"context key {key!r} is not one of: {', '.join(CONTEXT_KEYS)}")
        if value is not None and not isinstance(value, bool):
            raise InputError(f"context {key!r} must be true, false or null, not {value!r}")
        checked[key] = value
    return checked


def read_context(cues: Iterable[ContextMatch], given: Mapping[str, bool | None] | None = None) -> dict[str, Any]:
    """What the words (and the caller) say about how the medicine was taken.

    An explicit abrupt stop ("ran out", "cold turkey") outweighs a taper;
    a plain "stopped my baclofen" is read as sudden unless the message says
    it was gradual.  Where the words and the caller's context disagree, the
    more urgent reading is kept (stopped; too much taken).
    """
    kinds = {c.kind for c in cues}
    given = dict(given or {})
    # An intrathecal pump that alarms, runs empty or misses its refill stops
    # the drug abruptly, whatever the patient did.
    if "device_fault" in kinds and "on_pump" in kinds:
        # "his pump was refilled in March ... yesterday the alarm started beeping": an alarm or a
        # catheter fault told apart from the pump, in a message that says there is one, is the pump's
        kinds.add("pump_problem")
    # "I take it as prescribed" says both, neither stopped nor more than prescribed, but a stop
    # told beside it wins ("took it as prescribed until I quit on Monday")
    stopped = True if kinds & {"stopped_suddenly", "pump_problem"} else False if "not_stopped" in kinds \
        else True if "stopped" in kinds else False if "as_prescribed" in kinds else None
    # Words and caller are both heard; where they disagree the more urgent
    # reading (an abrupt stop) stands.
    if given.get("stopped_suddenly") is not None and stopped is not True:
        stopped = given["stopped_suddenly"]
    too_much = True if "took_too_much" in kinds else False if kinds & {"not_too_much", "as_prescribed"} else None
    if given.get("took_too_much") is not None and too_much is not True:
        too_much = given["took_too_much"]
    ingestion = "ingestion" in kinds or bool(given.get("ingestion"))
    intentional = "intentional" in kinds or bool(given.get("intentional"))
    return {
        "stopped_suddenly": stopped,
        "took_too_much": True if (ingestion or intentional) else too_much,
        "ingestion": ingestion,
        "intentional": intentional,
        "red_flag": "red_flag" in kinds,
        "diabetes": "diabetes" in kinds,
        "pump_problem": "pump_problem" in kinds,
        "fever": "fever" in kinds,
        "suicidal_thoughts": "suicidal_thoughts" in kinds,
        "vomiting": "vomiting" in kinds,
        # breathlessness with effort ("after the stairs") or a lung illness, said to be usual ("as always")
        "exertion": "exertion" in kinds, "lung_condition": "lung_condition" in kinds, "usual": "usual" in kinds,
        # kidneys that work poorly ("on dialysis", "CKD 4"): the drug builds up
        "kidney_problem": "kidney_problem" in kinds,
        # an everyday cause of blurred sight told beside it ("my glasses broke", "drops at the optician's")
        "eye_cause": "eye_cause" in kinds,
        "head_injury": "head_injury" in kinds,  # a blow to the head: with confusion or vomiting, a bleed
        "within_reach": "within_reach" in kinds,  # a child or pet got at the supply ("my toddler found my pills")
        "hoard": "hoard" in kinds,  # tablets kept back ("all my baclofen saved up"): beside despair, the means
        "means_at_hand": "means_at_hand" in kinds,  # "the baclofen is right here": beside suicidal thoughts, the means
        # sweating, a marker only: after an abrupt stop it is a sign of withdrawal
        "sweating": "sweating" in kinds,
        # the medicine is given by an intrathecal pump ("ITB pt", "his baclofen pump")
        "on_pump": "on_pump" in kinds or "pump_problem" in kinds,
        # the caller speaks of someone else ("my husband took ...", "she is breathing slowly")
        "about_another": "about_another" in kinds or ingestion or "within_reach" in kinds or bool(given.get("about_another")),
        # "not sure" to the too-much question beside mild signs only: not ruled out, checked today
        "unsure_too_much": too_much is None and not (ingestion or intentional) and bool(given.get("unsure_too_much")),
    }
