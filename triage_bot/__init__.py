"""triage_bot: triage patient-reported side effects of a drug against its monograph.

    >>> import triage_bot
    >>> result = triage_bot.triage("ran out of my baclofen and now I'm seeing things")
    >>> result.disposition, result.findings[0].tier
    ('withdrawal', 'withdrawal')

``triage_bot.triage(text, context=None)`` returns a typed ``TriageResult``;
``triage_bot.triager.Triager`` triages for a chosen knowledge folder and drug.
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Mapping

    from .results import TriageResult

__version__ = "0.1.0"
__all__ = ["triage", "__version__"]


def triage(text: str, context: Mapping[str, bool | None] | None = None) -> TriageResult:
    """Triage one message with the built-in knowledge.

    ``context`` may say what is known already: ``{"stopped_suddenly": True}``.
    The knowledge is loaded on the first call (from the compiled cache when
    the files are unchanged), not when the package is imported.
    """
    from .triager import triage as _triage

    return _triage(text, context)
