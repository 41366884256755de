"""triage_bot: triage patient-reported side effects of a drug against its monograph.

    >>> import triage_bot
    >>> result = triage_bot.triage("ran out of my baclofen and now I'm seeing things")
    >>> result.disposition, result.findings[0].tier
    ('withdrawal', 'withdrawal')

``triage_bot.triage(text, context=None)`` returns a typed ``TriageResult``;
``triage_bot.triage.Triager`` triages for a chosen knowledge folder and drug.
"""
from . import triage  # noqa: F401  (the module is callable: triage_bot.triage(text))

__version__ = "0.1.0"
