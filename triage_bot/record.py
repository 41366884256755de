"""Typed, frozen records without importing typing: ``@record`` makes a class's
annotated fields those of a named tuple.

    @record
    class Sign:
        ref: str                  # "cns_effects.drowsiness"
        terms: tuple[str, ...] = ()

is ``typing.NamedTuple`` for the records a one-shot run loads: typing (and
dataclasses, which brings inspect) stay out of its imports, the compiled-lexicon
cache rebuilds a record from its fields in order, and an attribute cannot be
set once made.  Fields with a default come last, as in a named tuple; methods
and properties of the class are kept.
"""
from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform
    T = TypeVar("T")
else:
    def dataclass_transform(**_options):
        return lambda decorator: decorator

_CLASS_ONLY = ("__dict__", "__weakref__", "__annotations__")


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """``cls`` as a frozen named tuple with its annotated fields, in order."""
    if cls.__bases__ != (object,):
        raise TypeError(f"record {cls.__qualname__} cannot have base classes")
    body = dict(cls.__dict__)
    fields = tuple(body.get("__annotations__", {}))
    defaults: list[Any] = []
    for name in fields:
        if name in body:
            defaults.append(body.pop(name))
        elif defaults:
            raise TypeError(f"record {cls.__qualname__}: field {name!r} without a default "
                            "follows one with a default")
    base = namedtuple(cls.__name__, fields, defaults=defaults, module=cls.__module__)
    kept = {k: v for k, v in body.items() if k not in _CLASS_ONLY}
    kept["__slots__"] = ()
    kept["__annotations__"] = body.get("__annotations__", {})
    made = type(cls.__name__, (base,), kept)
    made.__qualname__ = cls.__qualname__
    return made
