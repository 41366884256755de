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

from operator import itemgetter

try:  # the C accessor named tuples use; a property where there is none
    from _collections import _tuplegetter
except ImportError:  # pragma: no cover - other Pythons
    def _tuplegetter(index: int, doc: str) -> property:
        return property(itemgetter(index), doc=doc)

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
    """``cls`` as a frozen named tuple with its annotated fields, in order.

    Built without ``collections.namedtuple``, which compiles code for every
    class (a tenth of a one-shot start for the project's 27 records); it
    behaves the same: fields by name and position, defaults, ``_replace``,
    ``_asdict``, ``_fields``, its repr, equality and pickling of a tuple."""
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
    kept = {k: v for k, v in body.items() if k not in _CLASS_ONLY}
    namespace = _tuple_methods(cls.__name__, fields, dict(zip(fields[len(fields) - len(defaults):], defaults)))
    for index, name in enumerate(fields):
        namespace[name] = _tuplegetter(index, f"Alias for field number {index}")
    namespace.update(kept)
    namespace["__slots__"] = ()
    namespace["__annotations__"] = body.get("__annotations__", {})
    namespace["__module__"] = cls.__module__
    made = type(cls.__name__, (tuple,), namespace)
    made.__qualname__ = cls.__qualname__
    return made


def _tuple_methods(name: str, fields: tuple[str, ...], defaults: dict[str, Any]) -> dict[str, Any]:
    """What a named tuple class has beside its fields."""
    count = len(fields)
    new_tuple = tuple.__new__

    def __new__(cls: type, *args: Any, **kwargs: Any) -> Any:
        if kwargs or len(args) != count:
            args = _bind(name, fields, defaults, args, kwargs)
        return new_tuple(cls, args)

    def _make(cls: type, iterable: Any) -> Any:
        made = new_tuple(cls, iterable)
        if len(made) != count:
            raise TypeError(f"expected {count} arguments, got {len(made)}")
        return made

    def _replace(self: Any, **changes: Any) -> Any:
        made = self._make(changes.pop(f, v) for f, v in zip(fields, self))
        if changes:
            raise ValueError(f"got unexpected field names: {list(changes)!r}")
        return made

    def __repr__(self: Any) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={v!r}' for f, v in zip(fields, self))})"

    return {"__new__": __new__, "_make": classmethod(_make), "_replace": _replace, "__repr__": __repr__,
            "_asdict": lambda self: dict(zip(fields, self)), "__getnewargs__": lambda self: tuple(self),
            "_fields": fields, "_field_defaults": defaults, "__match_args__": fields}


def _bind(name: str, fields: tuple[str, ...], defaults: dict[str, Any], args: tuple, kwargs: dict) -> tuple:
    """The field values of a call by position and name, defaults filled in, as a named tuple checks them."""
    if len(args) > len(fields):
        raise TypeError(f"{name}() takes {len(fields)} positional arguments but {len(args)} were given")
    values = list(args)
    for field in fields[len(args):]:
        if field in kwargs:
            values.append(kwargs.pop(field))
        elif field in defaults:
            values.append(defaults[field])
        else:
            raise TypeError(f"{name}() missing required argument: {field!r}")
    for field in kwargs:
        kind = "multiple values for argument" if field in fields else "an unexpected keyword argument"
        raise TypeError(f"{name}() got {kind} {field!r}")
    return tuple(values)
