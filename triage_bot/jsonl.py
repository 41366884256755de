"""JSON Lines input shared by the batch and the nurse-line fronts.

Each line is read as bytes, so a line of invalid UTF-8 or one a megabyte long
is answered with an error and the run goes on.
"""
from __future__ import annotations

import json

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, BinaryIO, Iterator

# A line longer than this is answered with an error and skipped; the text
# limit itself is the matcher's MAX_TEXT_CHARS.
MAX_LINE_BYTES = 1 << 20


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
        req = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, None, f"line is not JSON: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return None, None, "line is not JSON: nested too deeply"
    if not isinstance(req, dict):
        return None, None, f"line must be a JSON object, not {type(req).__name__}"
    return req.get("id"), req, None
