"""Objects of allowed classes as plain JSON data, and back: no code runs while reading.

``encode(obj, allowed)`` turns a compiled lexicon (tuples, frozensets, dicts,
named tuples and plain objects of the project's own classes) into JSON-ready
lists and dicts plus the names of the classes it uses; ``decode`` rebuilds it
from those names, looked up in ``allowed`` only, without calling ``__init__``.
Anything else is refused with CacheError: a planted or damaged file can at
worst be refused.
"""
from __future__ import annotations

import math

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, Mapping


class CacheError(Exception):
    """An object cannot be written to, or read from, the cache."""


def _class_name(cls: type, allowed: Mapping[str, type]) -> str:
    name = f"{cls.__module__}.{cls.__qualname__}"
    if allowed.get(name) is not cls:
        raise CacheError(f"objects of class {name} are not cached")
    return name


# ---------------------------------------------------------------- encoding
#
# JSON values stand for themselves except lists, which always start with a tag:
#   ["L", items...] list     ["T", items...] tuple     ["S", ...] set   ["Z", ...] frozenset
#   ["D", k, v, k, v...] dict with keys that are not all strings ({...} otherwise)
#   ["F", "nan"|"inf"|"-inf"] a float JSON cannot hold
#   ["N", class, fields...] named tuple    ["U", class, items...] other tuple subclass
#   ["O", class, {attr: value}] an object's __dict__ (or __slots__, or __getstate__)
#   ["M", class, pairs-or-object, attrs] a dict subclass
#   ["R", n] the n-th container or object met so far, so shared parts stay shared
#   ["W", class, {key: n}] a dict whose class sets __cache_lazy__, when the writer keeps
#       slices: each value is slice n, encoded on its own (its own "R" numbers) and
#       decoded on first use (see LazyEntry)

_PLAIN = (str, int, bool, type(None))


class _Encoder:
    def __init__(self, allowed: Mapping[str, type], slices: list[Any] | None = None,
                 classes: dict[str, int] | None = None) -> None:
        self.allowed = allowed
        self.memo: dict[int, int] = {}
        self.keep: list[Any] = []
        self.count = 0
        self.classes: dict[str, int] = {} if classes is None else classes
        self.slices = slices

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
                return ["W", self.cls(kind), {k: self._slice(v) for k, v in obj.items()}]
            return ["M", self.cls(kind), self._dict(dict(obj)), self._attrs(obj, kind)]
        if isinstance(obj, (list, set, frozenset, str, int, float, bytes, type)) or callable(obj):
            raise CacheError(f"objects of class {kind.__module__}.{kind.__qualname__} are not cached")
        return ["O", self.cls(kind), self._attrs(obj, kind)]

    def _slice(self, value: Any) -> int:
        """``value`` encoded on its own, with the same class table: its slice number."""
        assert self.slices is not None
        self.slices.append(_Encoder(self.allowed, self.slices, self.classes).encode(value))
        return len(self.slices) - 1

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
        return {k: self.encode(v) for k, v in state.items()}


def encode(obj: Any, allowed: Mapping[str, type], slices: list[Any] | None = None) -> tuple[list[str], Any]:
    """``obj`` as JSON-ready data and the class names it uses; CacheError if it holds
    anything but plain data and objects of the ``allowed`` classes (by ``module.name``).

    With a ``slices`` list, the values of lazy dicts go there, each encoded on its own."""
    encoder = _Encoder(allowed, slices)
    data = encoder.encode(obj)
    return list(encoder.classes), data


# ---------------------------------------------------------------- decoding

def _resolve(names: Any, allowed: Mapping[str, type]) -> list[type]:
    if not isinstance(names, list):
        raise CacheError("no class table")
    try:
        return [allowed[name] for name in names]
    except (KeyError, TypeError):
        raise CacheError("a class that is not allowed") from None


class Slices:
    """The lazily read values of one cache file: ``read(n)`` parses and decodes slice n."""

    __slots__ = ("blob", "ends", "classes", "loads")

    def __init__(self, blob: bytes | memoryview, ends: list[int], classes: list[type], loads: Any) -> None:
        self.blob, self.ends, self.classes, self.loads = blob, ends, classes, loads

    def read(self, n: int) -> Any:
        start = self.ends[n - 1] if n else 0
        try:
            return _Decoder(self.classes, self).decode(self.loads(bytes(self.blob[start:self.ends[n]])))
        except CacheError:
            raise
        except (IndexError, TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
            raise CacheError(f"damaged data ({type(exc).__name__})") from None


class LazyEntry:
    """A lazy dict's value not read yet: read, put in its place and used when first
    iterated (the lexicon only ever iterates its word indexes' values)."""

    __slots__ = ("owner", "key", "slices", "n")

    def __init__(self, owner: dict, key: str, slices: Slices, n: int) -> None:
        self.owner, self.key, self.slices, self.n = owner, key, slices, n

    def value(self) -> Any:
        value = self.slices.read(self.n)
        dict.__setitem__(self.owner, self.key, value)
        return value

    def __iter__(self) -> Any:
        return iter(self.value())

    def __len__(self) -> int:
        return len(self.value())

    def __getitem__(self, i: Any) -> Any:
        return self.value()[i]


class _Decoder:
    def __init__(self, classes: list[type], slices: Slices | None = None) -> None:
        self.classes = classes
        self.memo: list[Any] = []
        self.slices = slices

    def decode(self, x: Any) -> Any:
        kind = type(x)
        if kind is list:
            return self._tagged(x)
        if kind is dict:
            out: dict = {}
            self.memo.append(out)
            return self._fill(out, x)
        return x

    def _fill(self, out: dict, x: Any) -> dict:
        """``out`` filled from an encoded dict: a JSON object, or ["D", k, v, ...]."""
        dec = self.decode
        if type(x) is dict:
            for k, v in x.items():
                out[k] = dec(v)
        elif type(x) is list and x[:1] == ["D"]:
            for i in range(1, len(x), 2):
                out[dec(x[i])] = dec(x[i + 1])
        else:
            raise CacheError("a dict is neither an object nor a list of pairs")
        return out

    def _tagged(self, x: list) -> Any:
        tag = x[0]
        dec, memo = self.decode, self.memo
        # Most of a lexicon is tuples of words: strings are taken as they are,
        # without a call, which makes reading several times faster.
        if tag == "T":
            out: Any = tuple([v if type(v) is str else dec(v) for v in x[1:]])
        elif tag == "N":
            # tuple.__new__ refuses a class that is not a tuple (TypeError: damaged data).
            out = tuple.__new__(self.classes[x[1]], [v if type(v) is str else dec(v) for v in x[2:]])
        elif tag == "Z":
            out = frozenset([v if type(v) is str else dec(v) for v in x[1:]])
        elif tag == "R":
            return memo[x[1]]
        elif tag == "L":
            out = []
            memo.append(out)
            out.extend([v if type(v) is str else dec(v) for v in x[1:]])
            return out
        elif tag == "D":
            out = {}
            memo.append(out)
            return self._fill(out, x)
        elif tag == "S":
            out = set()
            memo.append(out)
            out.update([dec(v) for v in x[1:]])
            return out
        elif tag == "F":
            return float(x[1])
        elif tag == "W":
            return self._lazy(self.classes[x[1]], x[2])
        elif tag == "U":
            cls = self.classes[x[1]]
            out = tuple.__new__(cls, [dec(v) for v in x[2:]])
        elif tag == "O":
            out = object.__new__(self.classes[x[1]])  # no __init__: nothing of the class runs while reading
            memo.append(out)
            self._set_attrs(out, x[2])
            return out
        elif tag == "M":
            cls = self.classes[x[1]]
            out = dict.__new__(cls)
            memo.append(out)
            dict.update(out, self._fill({}, x[2]))  # dict's own update: a read-only subclass refuses its own
            self._set_attrs(out, x[3])
            return out
        else:
            raise CacheError(f"unknown tag {tag!r}")
        memo.append(out)  # an immutable value is numbered once built, as the writer numbered it
        return out

    def _lazy(self, cls: type, entries: Any) -> dict:
        slices = self.slices
        if slices is None or type(entries) is not dict or not getattr(cls, "__cache_lazy__", False):
            raise CacheError("a lazy dict without its slices")
        out = dict.__new__(cls)
        self.memo.append(out)
        count = len(slices.ends)
        for key, n in entries.items():
            if type(n) is not int or not 0 <= n < count:
                raise CacheError("a lazy entry names no slice")
            dict.__setitem__(out, key, LazyEntry(out, key, slices, n))
        return out

    def _set_attrs(self, obj: Any, attrs: Any) -> None:
        if not isinstance(attrs, dict):
            raise CacheError("attributes are not an object")
        for name, value in attrs.items():
            object.__setattr__(obj, name, self.decode(value))

def decode(names: list[str], data: Any, allowed: Mapping[str, type], blob: bytes | memoryview = b"",
           ends: Any = None, loads: Any = None) -> Any:
    """The object :func:`encode` gave ``(names, data)`` for; CacheError if the data is not
    ours or names a class that is not ``allowed``.

    ``blob`` holds the slices :func:`encode` kept, slice n ending at ``ends[n]``;
    each is parsed with ``loads`` (json.loads) when its value is first used."""
    try:
        classes = _resolve(names, allowed)
        slices = None
        if ends is not None:
            if type(ends) is not list or any(type(e) is not int for e in ends) \
                    or any(b < a for a, b in zip([0] + ends, ends)) or (ends and ends[-1] > len(blob)):
                raise CacheError("slice ends out of order")
            slices = Slices(blob, ends, classes, loads)
        return _Decoder(classes, slices).decode(data)
    except CacheError:
        raise
    except (IndexError, TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
        raise CacheError(f"damaged data ({type(exc).__name__})") from None
