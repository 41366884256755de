"""JSON Lines in and out, shared by the batch and the nurse-line fronts.

Each line is read as bytes, so a line of invalid UTF-8 or one a megabyte long
is answered with an error and the run goes on.  Input is strict RFC 8259
JSON: NaN and Infinity, numbers out of range (a float past 1e308, an integer
of more digits than Python will read), lone surrogates and nesting deeper
than MAX_DEPTH are an error for that line, never a crash; output is always
RFC 8259 JSON, so a strict parser downstream never throws.
"""
from __future__ import annotations

import json
import os

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, BinaryIO, Iterator

# A line longer than this is answered with an error and skipped; the text
# limit itself is the matcher's MAX_TEXT_CHARS.
MAX_LINE_BYTES = 1 << 20
# A request is a flat object with a small report inside; deeper nesting is an
# attack on the parser or on whatever reads the echoed id.
MAX_DEPTH = 32


class _Refused(ValueError):
    """A JSON value this program does not accept."""


def _no_constant(name: str) -> None:
    raise _Refused(f"{name} is not a JSON number")


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict:
    # A key given twice would be read by its last value, and another reader (a log, a proxy) by its
    # first: "took the whole bottle" then "a bit dizzy" must not pass as the second alone.
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise _Refused(f"key {key[:40]!r} twice")
        seen[key] = value
    return seen


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(f"number {text[:20]} is out of range")
    return value


def _check(value: Any) -> str | None:
    """Why a parsed value is refused (a lone surrogate, nesting too deep), or None."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "a string holds a lone surrogate (\\ud800-\\udfff), which is not text"
        elif isinstance(item, (dict, list)):
            if depth > MAX_DEPTH:
                return f"nested deeper than {MAX_DEPTH} levels"
            if isinstance(item, dict):
                stack.extend((k, depth) for k in item)
                stack.extend((v, depth + 1) for v in item.values())
            else:
                stack.extend((v, depth + 1) for v in item)
    return None


def _may_be_refused(line: str) -> bool:
    """Whether :func:`_check` could refuse a line's value: a lone surrogate comes only
    from a "\\u" escape, and no value nests deeper than the line has "{" and "[" (most
    lines hold no such escape and few brackets: they are not walked)."""
    return "\\u" in line or line.count("{") + line.count("[") > MAX_DEPTH


# One strict decoder and one encoder for every line (json.loads and json.dumps with
# options build a new one each call).
_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite, object_pairs_hook=_no_repeats)
_ENCODER = json.JSONEncoder(allow_nan=False)


def iter_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | None]:
    """Lines of a binary stream; None for a line longer than ``limit`` (its rest skipped)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(limit)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def parse_line(raw: bytes | None) -> tuple[Any, dict | None, str | None]:
    """(id, request, error) for one JSON Lines input line."""
    if raw is None:
        return None, None, f"line is longer than {MAX_LINE_BYTES:,} bytes"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, None, f"line is not valid UTF-8 (byte {exc.start})"
    try:
        if line.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", line, 0)
        req = _DECODER.decode(line)
    except json.JSONDecodeError as exc:
        return None, None, f"line is not JSON: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return None, None, f"line is not accepted: nested deeper than {MAX_DEPTH} levels"
    except _Refused as exc:
        return None, None, f"line is not accepted: {exc}"
    except ValueError as exc:  # an integer of more digits than int() reads (sys.get_int_max_str_digits)
        return None, None, "line is not accepted: a number has too many digits"
    if not isinstance(req, dict):
        return None, None, f"line must be a JSON object, not {type(req).__name__}"
    problem = _check(req) if _may_be_refused(line) else None
    if problem:
        return None, None, f"line is not accepted: {problem}"
    return req.get("id"), req, None


def dump_line(answer: dict) -> str:
    """One answer as a line of RFC 8259 JSON (no NaN, no Infinity), newline included.

    An answer that cannot be written so becomes an error answer with the same
    id or session, so every line still gets exactly one answer.
    """
    try:
        return _ENCODER.encode(answer) + "\n"
    except (ValueError, TypeError, RecursionError):
        safe = {k: answer[k] for k in ("id", "session") if k in answer and _plain(answer[k])}
        safe["error"] = "internal error: the answer could not be written as JSON"
        return json.dumps(safe, allow_nan=False) + "\n"


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, (str, bool, int)) and not isinstance(value, float)


class FdReader:
    """``readline(limit)`` straight from a file descriptor, for a reader thread.

    A buffered file object holds a lock while its thread waits in a read, and
    the interpreter's exit needs that lock: a serve stopped by a signal while
    its reader waits would abort.  This reader holds none.
    """

    CHUNK = 1 << 16

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()
        self.eof = False

    def readline(self, limit: int) -> bytes:
        """The next line with its newline, at most ``limit`` bytes; b"" at the end."""
        start = 0
        while True:
            end = self.buffer.find(b"\n", start, limit)
            if end >= 0:
                return self._take(end + 1)
            if len(self.buffer) >= limit or self.eof:
                return self._take(min(limit, len(self.buffer)))
            start = len(self.buffer)
            chunk = os.read(self.fd, self.CHUNK)
            if chunk:
                self.buffer += chunk
            else:
                self.eof = True

    def _take(self, count: int) -> bytes:
        line = bytes(self.buffer[:count])
        del self.buffer[:count]
        return line
