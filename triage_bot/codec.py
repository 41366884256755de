"""Objects of allowed classes as plain JSON data, and back: no code runs while reading.

``triage_bot.encoder.encode(obj, allowed)`` turns a compiled lexicon (tuples, frozensets, dicts,
named tuples and plain objects of the project's own classes) into JSON-ready
lists and dicts plus the names of the classes it uses; ``decode`` rebuilds it
from those names, looked up in ``allowed`` only, without calling ``__init__``.
Anything else is refused with CacheError: a planted or damaged file can at
worst be refused.
"""
from __future__ import annotations

from _thread import RLock
from itertools import repeat

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any, Mapping


class CacheError(Exception):
    """An object cannot be written to, or read from, the cache."""


# ---------------------------------------------------------------- the format
#
# JSON values stand for themselves except lists, which always start with a tag:
#   ["L", items...] list     ["T", items...] tuple     ["S", ...] set   ["Z", ...] frozenset
#   ["D", k, v, k, v...] dict with keys that are not all strings ({...} otherwise)
#   ["F", "nan"|"inf"|"-inf"] a float JSON cannot hold
#   ["N", class, fields...] named tuple    ["U", class, items...] other tuple subclass
#   ["O", class, {attr: value}] an object's __dict__ (or __slots__, or __getstate__)
#   ["M", class, pairs-or-object, attrs] a dict subclass
#   ["R", n] the n-th container or object met so far, so shared parts stay shared
#   ["W", class, n, [keys...]] a dict whose class sets __cache_lazy__, when the writer
#       keeps slices: the value of the i-th key is slice n + i, decoded on first use
#       (see LazyEntry)
#   ["V", n] an attribute its class names in __cache_deferred__: slice n, read when its
#       holder asks (see Deferred)
#   ["G", n] in a slice: the n-th container or object of the file's first part
#   ["P", n] in a slice: an object of the project's classes that several slices hold,
#       written once as slice n and read once, whichever holder asks first
#
# The slices are written after the first part, each numbered on its own ("R"), so
# what the first part holds is referred to, not copied, and neither is a pattern
# that several words start.


# ---------------------------------------------------------------- decoding

def _resolve(names: Any, allowed: Mapping[str, type]) -> list[type]:
    if not isinstance(names, list):
        raise CacheError("no class table")
    try:
        return [allowed[name] for name in names]
    except (KeyError, TypeError):
        raise CacheError("a class that is not allowed") from None


class Slices:
    """The lazily read values of one cache file: ``read(n)`` parses and decodes slice n;
    ``part(n)`` does so once, for every holder of a shared part ("P", "V")."""

    __slots__ = ("blob", "ends", "classes", "loads", "main", "parts", "reading")

    def __init__(self, blob: bytes | memoryview, ends: list[int], classes: list[type], loads: Any) -> None:
        self.blob, self.ends, self.classes, self.loads = blob, ends, classes, loads
        self.main: list[Any] | None = None  # the first part's containers and objects, once it is read ("G")
        self.parts: dict[int, Any] = {}
        # serve --http triages in worker threads: one reads a shared part while the others wait
        self.reading = RLock()

    def read(self, n: int) -> Any:
        ends = self.ends
        if type(n) is not int or not 0 <= n < len(ends):
            raise CacheError("a reference names no slice")
        start, end = ends[n - 1] if n else 0, ends[n]
        # Checked here, for the slices a start reads, not all of them up front.
        if type(start) is not int or type(end) is not int or not 0 <= start <= end <= len(self.blob):
            raise CacheError("slice ends out of order")
        try:
            return _Decoder(self.classes, self).decode(self.loads(bytes(self.blob[start:end])))
        except CacheError:
            raise
        except (IndexError, TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
            raise CacheError(f"damaged data ({type(exc).__name__})") from None

    def part(self, n: Any) -> Any:
        found = self.parts.get(n, _BUSY)
        if found is not _BUSY:
            return found
        with self.reading:  # re-entered by the parts a part refers to, in the same thread
            found = self.parts.get(n, _BUSY)
            if found is _BUSY:
                if n in self.parts:
                    raise CacheError("shared parts hold each other")
                self.parts[n] = _BUSY
                try:
                    found = self.parts[n] = self.read(n)
                except BaseException:
                    del self.parts[n]  # a failed read leaves no marker behind
                    raise
            return found


_BUSY = object()


class LazyEntry(tuple):
    """A lazy dict's value not read yet, as (dict, key, slices, slice number): read, put
    in its place and used when first iterated (the lexicon only ever iterates its word
    indexes' values).  A tuple, so that the thousands a start makes cost no call each."""

    __slots__ = ()

    def value(self) -> Any:
        owner, key, slices, n = tuple.__iter__(self)
        value = slices.read(n)
        dict.__setitem__(owner, key, value)
        return value

    def __repr__(self) -> str:
        return f"LazyEntry({tuple.__getitem__(self, 1)!r})"

    def __iter__(self) -> Any:
        return iter(self.value())

    def __len__(self) -> int:
        return len(self.value())

    def __getitem__(self, i: Any) -> Any:
        return self.value()[i]


class Deferred:
    """An attribute its class defers (``__cache_deferred__``), not read yet: its holder
    calls ``value()`` when the attribute is first asked for."""

    __slots__ = ("slices", "n")

    def __init__(self, slices: Slices, n: int) -> None:
        self.slices, self.n = slices, n

    def value(self) -> Any:
        return self.slices.part(self.n)


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
            return self._lazy(self.classes[x[1]], x[2], x[3])
        elif tag == "G" or tag == "P" or tag == "V":
            return self._apart(tag, x[1])
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

    def _lazy(self, cls: type, first: Any, keys: Any) -> dict:
        slices = self.slices
        if slices is None or type(first) is not int or type(keys) is not list \
                or not getattr(cls, "__cache_lazy__", False):
            raise CacheError("a lazy dict without its slices")
        out = dict.__new__(cls)
        self.memo.append(out)
        # Each entry made by the tuple type itself (its slice number is checked when read).
        numbers = range(first, first + len(keys))
        dict.update(out, zip(keys, map(LazyEntry, zip(repeat(out), keys, repeat(slices), numbers))))
        return out

    def _apart(self, tag: str, n: Any) -> Any:
        """What a slice refers to outside itself: the first part's ("G"), a shared part ("P"),
        or an attribute read later ("V")."""
        slices = self.slices
        if slices is None or (tag == "G" and slices.main is None) or type(n) is not int or not 0 <= n:
            raise CacheError(f"a reference {tag!r} out of place")
        if tag == "G":
            return slices.main[n]
        return slices.part(n) if tag == "P" else Deferred(slices, n)

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
            if type(ends) is not list:
                raise CacheError("no list of slice ends")
            slices = Slices(blob, ends, classes, loads)
        decoder = _Decoder(classes, slices)
        out = decoder.decode(data)
        if slices is not None:
            slices.main = decoder.memo
        return out
    except CacheError:
        raise
    except (IndexError, TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
        raise CacheError(f"damaged data ({type(exc).__name__})") from None
