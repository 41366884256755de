"""The words an unknown spelling may stand for: a texter's dropped g or held-down letters,
and an adjective's noun."""
from __future__ import annotations

import re

_REPEATS = re.compile(r"([a-z])\1{2,}")


def respellings(norm: str) -> list[str]:
    """The words to try for an unknown one, in order: a dropped g ("jerkin" -> "jerking"),
    letters held down ("sooo sleeepy"), or an adjective's noun ("shakiness" -> "shaky",
    "restlessness" -> "restless")."""
    tries = []
    if norm.endswith("in") and len(norm) >= 4:
        tries.append(norm + "g")
    squeezed = _REPEATS.sub(r"\1\1", norm)
    if squeezed != norm:
        tries += [squeezed, _REPEATS.sub(r"\1", norm)]
        if squeezed.endswith("in"):
            tries.append(squeezed + "g")
    if norm.endswith("iness") and len(norm) > 7:
        tries.append(norm[:-5] + "y")
    elif norm.endswith("lessness"):
        tries.append(norm[:-4])
    return tries
