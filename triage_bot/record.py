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

    Built without ``collections.namedtuple``, which costs a one-shot start
    a few milliseconds for the project's 27 records; only ``__new__`` is
    compiled (a record is made for every token), and only when the first
    record of its class is made.  It behaves the same: fields by name and
    position, defaults, ``_replace``, ``_asdict``, ``_fields``, its repr,
    equality and pickling of a tuple."""
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
    if not all(f.isidentifier() and not f.startswith("_") for f in fields):
        raise TypeError(f"record {cls.__qualname__}: field names must be identifiers not starting with '_'")
    kept = {k: v for k, v in body.items() if k not in _CLASS_ONLY}
    made: list[type] = []  # the class, for its __new__ to replace itself with the compiled one
    namespace = _tuple_methods(cls.__name__, fields, dict(zip(fields[len(fields) - len(defaults):], defaults)), made)
    for index, name in enumerate(fields):
        namespace[name] = _tuplegetter(index, f"Alias for field number {index}")
    namespace.update(kept)
    namespace["__slots__"] = ()
    namespace["__annotations__"] = body.get("__annotations__", {})
    namespace["__module__"] = cls.__module__
    made.append(type(cls.__name__, (tuple,), namespace))
    made[0].__qualname__ = cls.__qualname__
    return made[0]


def _tuple_methods(name: str, fields: tuple[str, ...], defaults: dict[str, Any], made: list[type]) -> dict[str, Any]:
    """What a named tuple class has beside its fields."""
    count = len(fields)
    new_tuple = tuple.__new__

    def _make(cls: type, iterable: Any) -> Any:
        made = new_tuple(cls, iterable)
        if len(made) != count:
            raise TypeError(f"expected {count} arguments, got {len(made)}")
        return made

    def _replace(self: Any, **changes: Any) -> Any:
        # (each field's new value or its own, looked up in C as a named tuple's: a turn
        # replaces a few records, and a generator's frame per field cost more than the rest)
        made = new_tuple(type(self), map(changes.pop, fields, self))
        if changes:
            raise ValueError(f"got unexpected field names: {list(changes)!r}")
        return made

    def __repr__(self: Any) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={v!r}' for f, v in zip(fields, self))})"

    def __new__(_cls: type, *args: Any, **kwargs: Any) -> Any:
        # Compiled when the record is first made, not when its module is imported: a start
        # from the compiled-lexicon cache rebuilds records without it, and makes few itself.
        new = _new(name, fields, defaults)
        made[0].__new__ = new
        return new(_cls, *args, **kwargs)

    return {"__new__": __new__, "_make": classmethod(_make), "_replace": _replace,
            "__repr__": __repr__, "_asdict": lambda self: dict(zip(fields, self)),
            "__getnewargs__": lambda self: tuple(self),
            "_fields": fields, "_field_defaults": defaults, "__match_args__": fields}


def _new(name: str, fields: tuple[str, ...], defaults: dict[str, Any]) -> Any:
    """``__new__(cls, field, ...)`` with the fields as its parameters, as a named tuple's:
    a record is made for every token of a message, so this is compiled, not generic."""
    args = ", ".join(fields)
    namespace = {"_tuple_new": tuple.__new__}
    exec(f"def __new__(_cls, {args}):\n    return _tuple_new(_cls, ({args}{',' if fields else ''}))\n", namespace)
    made = namespace["__new__"]
    made.__defaults__ = tuple(defaults.values()) or None
    made.__qualname__ = f"{name}.__new__"
    return made
