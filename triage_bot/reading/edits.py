"""Edit distances in plain Python, for the first typos of a process.

rapidfuzz does the fuzzy matching, but importing it costs more than a one-shot
run spends on everything else; a message with a typo or two is corrected with
these instead, which give exactly rapidfuzz's numbers (tests/test_matcher.py
checks them against it): ``OSA.distance`` (insertions, deletions,
substitutions and swaps of two neighbours) and ``fuzz.ratio``.
"""
from __future__ import annotations


def osa_distance(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance of ``a`` and ``b``, or ``limit + 1``
    once it is sure to exceed ``limit``: osa_distance("dizy", "dizzy", 1) -> 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def indel_ratio(a: str, b: str) -> float:
    """rapidfuzz's ``fuzz.ratio``: 100 * (1 - insertions and deletions / total length)."""
    total = len(a) + len(b)
    if not total:
        return 100.0
    return (1.0 - (total - 2 * _lcs(a, b)) / total) * 100


def _lcs(a: str, b: str) -> int:
    """The length of the longest common subsequence of ``a`` and ``b``."""
    previous = [0] * (len(b) + 1)
    for ca in a:
        current = [0]
        for j, cb in enumerate(b):
            current.append(previous[j] + 1 if ca == cb else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]
