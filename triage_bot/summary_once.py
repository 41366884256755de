"""An engine whose end does not say again the summary a conversation has just shown."""
from __future__ import annotations
TYPE_CHECKING = False  # typing stays out of serve's imports
if TYPE_CHECKING:
    from typing import Any, Iterable, Sequence



def _find_run(lines: Sequence[str], block: Sequence[str]) -> int:
    """Where ``block`` starts as consecutive lines of ``lines``; -1 when it is not there."""
    n = len(block)
    for i in range(len(lines) - n + 1):
        if list(lines[i:i + n]) == list(block):
            return i
    return -1


class SummaryOnce:
    """An engine whose end does not print again a summary the conversation has just shown.

    "thanks bye" is answered with the summary and the report offer; the end
    that follows (end of input, a declined report, ``replay``'s last line)
    would print the same summary a second time.  A summary that changed since
    (a new symptom, a denial) is printed again.  Every other call goes to the engine.
    """

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self._shown: dict[str, tuple[str, ...]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def _block(self, state: Any, lines: Iterable[str]) -> list[str]:
        """``lines`` without the emergency advice, which the engine moves to the front of every reply."""
        alarm = getattr(state, "alarm", "") if getattr(state, "emergency", False) else None
        return [line for line in lines if line != alarm]

    def _note(self, state: Any, replies: Sequence[str]) -> None:
        summary = tuple(self._block(state, self.engine.summary(state)))
        if summary and _find_run(self._block(state, replies), summary) >= 0:
            self._shown[getattr(state, "session", "")] = summary

    def start(self, *args: Any, **kwargs: Any) -> tuple[Any, list[str]]:
        state, lines = self.engine.start(*args, **kwargs)
        self._shown.pop(getattr(state, "session", ""), None)
        return state, lines

    def step(self, state: Any, *args: Any, **kwargs: Any) -> tuple[Any, list[str]]:
        state, lines = self.engine.step(state, *args, **kwargs)
        self._note(state, lines)
        return state, lines

    def summary(self, state: Any) -> list[str]:
        lines = self.engine.summary(state)
        self._note(state, lines)
        return lines

    def end(self, state: Any) -> tuple[Any, list[str]]:
        state, lines = self.engine.end(state)
        summary = self._block(state, self.engine.summary(state))
        shown = self._shown.get(getattr(state, "session", ""))
        start = _find_run(lines, summary) if shown == tuple(summary) else -1
        if start >= 0:
            lines = lines[:start] + lines[start + len(summary):]
        return state, lines
