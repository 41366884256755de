"""Objects of allowed classes as the JSON data triage_bot.codec reads (the writing half:
a one-shot start that reads the compiled-lexicon cache never imports it).
"""
from __future__ import annotations

import math

from .codec import CacheError

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, Mapping


def _class_name(cls: type, allowed: Mapping[str, type]) -> str:
    name = f"{cls.__module__}.{cls.__qualname__}"
    if allowed.get(name) is not cls:
        raise CacheError(f"objects of class {name} are not cached")
    return name


_PLAIN = (str, int, bool, type(None))
_BUILTIN = (tuple, list, dict, set, frozenset)


class _Encoder:
    def __init__(self, allowed: Mapping[str, type], slices: list[Any] | None = None, file: _File | None = None,
                 root: Any = None) -> None:
        self.allowed = allowed
        self.memo: dict[int, int] = {}
        self.keep: list[Any] = []
        self.count = 0
        self.slices = slices
        self.file = file or _File(self)  # what the encoders of one file share
        self.classes = self.file.classes
        self.root = root  # a shared part's own object, written here and not referred to

    def cls(self, cls: type) -> int:
        return self.classes.setdefault(_class_name(cls, self.allowed), len(self.classes))

    def encode(self, obj: Any) -> Any:
        kind = type(obj)
        if kind in _PLAIN:
            return obj
        if kind is float:
            return obj if math.isfinite(obj) else ["F", repr(obj)]
        key = id(obj)
        seen = self.memo.get(key)
        if seen is not None:
            if seen < 0:
                raise CacheError("an immutable value contains itself")
            return ["R", seen]
        if self.file.main is not self:
            ref = self.file.outside(obj, self)
            if ref is not None:
                return ref
        self.keep.append(obj)  # holds what the memo's ids refer to
        if isinstance(obj, (tuple, frozenset)):
            # Numbered once built, as the reader can only keep it then.
            self.memo[key] = -1
            out = self._container(obj, kind)
            self.memo[key] = self.count
        else:
            # Numbered before its contents, so a cycle through it is a reference.
            self.memo[key] = self.count
            self.count += 1
            return self._container(obj, kind)
        self.count += 1
        return out

    def _container(self, obj: Any, kind: type) -> Any:
        enc = self.encode
        if kind is list:
            return ["L", *map(enc, obj)]
        if kind is tuple:
            return ["T", *map(enc, obj)]
        if kind is dict:
            return self._dict(obj)
        if kind is frozenset or kind is set:
            return ["Z" if kind is frozenset else "S", *map(enc, obj)]
        if isinstance(obj, tuple):
            if hasattr(kind, "_fields"):
                return ["N", self.cls(kind), *map(enc, obj)]
            return ["U", self.cls(kind), *map(enc, obj)]
        if isinstance(obj, dict):
            if self.slices is not None and getattr(kind, "__cache_lazy__", False) and all(type(k) is str for k in obj):
                numbers = [self.file.later(v) for v in obj.values()]  # one after another
                return ["W", self.cls(kind), numbers[0] if numbers else 0, list(obj)]
            return ["M", self.cls(kind), self._dict(dict(obj)), self._attrs(obj, kind)]
        if isinstance(obj, (list, set, frozenset, str, int, float, bytes, type)) or callable(obj):
            raise CacheError(f"objects of class {kind.__module__}.{kind.__qualname__} are not cached")
        return ["O", self.cls(kind), self._attrs(obj, kind)]

    def _dict(self, obj: dict) -> Any:
        if all(type(k) is str for k in obj):
            return {k: self.encode(v) for k, v in obj.items()}
        out: list[Any] = ["D"]
        for k, v in obj.items():
            out.append(self.encode(k))
            out.append(self.encode(v))
        return out

    def _attrs(self, obj: Any, kind: type) -> dict:
        getstate = getattr(kind, "__getstate__", None)
        if getstate is not None and getstate is not getattr(object, "__getstate__", None):
            state = obj.__getstate__()  # the class says which attributes are worth keeping
        else:
            state = dict(getattr(obj, "__dict__", {}))
            for klass in kind.__mro__:
                for name in (klass.__dict__.get("__slots__", ()) if klass is not object else ()):
                    names = (name,) if isinstance(name, str) else name
                    for slot in names:
                        if slot not in ("__dict__", "__weakref__") and hasattr(obj, slot):
                            state[slot] = getattr(obj, slot)
        if not isinstance(state, dict) or not all(type(k) is str for k in state):
            raise CacheError(f"the state of {kind.__qualname__} is not a dict of attributes")
        deferred = getattr(kind, "__cache_deferred__", ()) if self.slices is not None else ()
        return {k: ["V", self.file.later(v)] if k in deferred else self.encode(v) for k, v in state.items()}


class _File:
    """What the encoders of one file share: the class table, the first part's encoder,
    the slices still to write, and the objects several slices hold (``shared``: their ids)."""

    def __init__(self, main: _Encoder, shared: set[int] | None = None) -> None:
        self.main, self.classes, self.pending = main, {}, []
        self.shared = shared
        self.counts: dict[int, int] = {}  # how many slices hold each object of a project class
        self.parts: dict[int, int] = {}  # shared objects' slice numbers
        self.busy: set[int] = set()

    def later(self, value: Any) -> int:
        """A slice number for ``value``, which is written once the first part is."""
        slices = self.main.slices
        assert slices is not None
        slices.append(None)
        self.pending.append((len(slices) - 1, value))
        return len(slices) - 1

    def write_slices(self) -> None:
        done = 0
        while done < len(self.pending):  # a slice may defer more
            n, value = self.pending[done]
            self.main.slices[n] = _Encoder(self.main.allowed, self.main.slices, self).encode(value)
            done += 1

    def outside(self, obj: Any, encoder: _Encoder) -> Any:
        """In a slice, a reference to ``obj`` when it is not the slice's to write: the
        first part's ("G"), or a shared part ("P"); None when it is."""
        ref = self.main.memo.get(id(obj))
        if ref is not None:
            return ["G", ref]
        if type(obj) in _BUILTIN or obj is encoder.root:
            return None
        if self.shared is None:  # the first pass only counts the holders
            self.counts[id(obj)] = self.counts.get(id(obj), 0) + 1
            return None
        if id(obj) not in self.shared:
            return None
        n = self.parts.get(id(obj))
        if n is None:
            slices = self.main.slices
            n = self.parts[id(obj)] = len(slices)
            slices.append(None)
            self.busy.add(n)
            slices[n] = _Encoder(self.main.allowed, slices, self, root=obj).encode(obj)
            self.busy.discard(n)
        elif n in self.busy:
            raise CacheError("shared parts hold each other")
        return ["P", n]


def encode(obj: Any, allowed: Mapping[str, type], slices: list[Any] | None = None) -> tuple[list[str], Any]:
    """``obj`` as JSON-ready data and the class names it uses; CacheError if it holds
    anything but plain data and objects of the ``allowed`` classes (by ``module.name``).

    With a ``slices`` list, the values of lazy dicts and deferred attributes go there,
    each encoded on its own; a first pass counts which objects several slices hold."""
    shared = None
    if slices is not None:
        first = _Encoder(allowed, [])
        first.encode(obj)
        first.file.write_slices()
        shared = {key for key, n in first.file.counts.items() if n > 1}
    encoder = _Encoder(allowed, slices)
    encoder.file.shared = shared
    data = encoder.encode(obj)
    if slices is not None:
        encoder.file.write_slices()
    return list(encoder.classes), data
