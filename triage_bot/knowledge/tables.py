"""One table of a knowledge file, read key by key: a wrong type, a missing
required key or an unknown key is an error that names the file, the record
and the valid keys.  ``read_toml`` reads a file for it.
"""
from __future__ import annotations

import string
import sys

from .records import KnowledgeError

# typing is not imported at run time: a one-shot run pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Iterable


class Record:
    """One table of a knowledge file, read key by key; unknown keys are an error."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise KnowledgeError(f"{where}: expected a table, found {type(data).__name__}")
        self.data, self.where, self.seen = data, where, set()

    def _get(self, key: str, kind: type | tuple, default: Any) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if default is REQUIRED:
                raise KnowledgeError(f"{self.where}: missing required key {key!r}")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            name = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise KnowledgeError(f"{self.where}: {key!r} must be a {name}, found {value!r}")
        return value

    def text(self, key: str, default: Any = None) -> str:
        value = self._get(key, str, REQUIRED if default is None else default)
        if not value.strip() and default is None:
            raise KnowledgeError(f"{self.where}: {key!r} must not be empty")
        return value

    def template(self, key: str, allowed: Iterable[str]) -> str:
        """A line the program fills in later: only the ``allowed`` {placeholders}, and a
        template ``str.format`` can read ("{reason" or "{0}" is refused)."""
        text = self.text(key)
        allowed = set(allowed)
        try:
            used = [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None]
            unknown = [name for name in used if name not in allowed]
            if unknown:
                valid = ", ".join("{%s}" % n for n in sorted(allowed)) or "none"
                raise KnowledgeError(f"{self.where}: {key!r} uses {{{unknown[0]}}}; valid placeholders here: {valid}")
            text.format(**{name: "" for name in allowed})
        except (ValueError, IndexError, KeyError) as exc:
            raise KnowledgeError(f"{self.where}: {key!r} is not a valid template: {exc}") from None
        return text

    def number(self, key: str, default: Any = None) -> int:
        return self._get(key, int, REQUIRED if default is None else default)

    def flag(self, key: str, default: bool = False) -> bool:
        return self._get(key, bool, default)

    def words(self, key: str, required: bool = False) -> tuple[str, ...]:
        value = self._get(key, list, REQUIRED if required else [])
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise KnowledgeError(f"{self.where}: {key!r} must hold non-empty strings, found {item!r}")
        return tuple(dict.fromkeys(value))

    def one_of(self, key: str, valid: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in valid:
            raise KnowledgeError(f"{self.where}: {key}={value!r} is not one of: {', '.join(valid)}")
        return value

    def table(self, key: str) -> "Record":
        self.seen.add(key)
        return Record(self.data.get(key, {}), f"{self.where} [{key}]")

    def tables(self, key: str, label: str = "id") -> list["Record"]:
        self.seen.add(key)
        items = self.data.get(key, [])
        if not isinstance(items, list):
            raise KnowledgeError(f"{self.where}: [[{key}]] must be an array of tables")
        records = []
        for i, item in enumerate(items, 1):
            name = item.get(label) if isinstance(item, dict) else None
            records.append(Record(item, f"{self.where} [[{key}]] #{i}" + (f" {name!r}" if name else "")))
        return records

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise KnowledgeError(
                f"{self.where}: unknown key {unknown[0]!r}; valid keys: {', '.join(sorted(self.seen))}")


# The default of a key that must be given.
REQUIRED = object()


def read_toml(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid TOML: {exc}") from None
