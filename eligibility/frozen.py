"""Frozen dataclasses built without their generated `__init__`, for the batch path.

A frozen dataclass's `__init__` sets every field through `object.__setattr__`: a 21-field `Charge`
costs several microseconds, and a million cases build several records and decisions each. A
builder fills the instance's `__dict__` directly. That gives the very object `__init__` would
(same fields, equality, hash, repr and pickling) for a class with no `__post_init__` and no
`__slots__`, which `builder` checks once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")


def builder(cls: type[T]) -> Callable[[Mapping[str, Any]], T]:
    """A function making `cls(**values)` from a dict `values` of field values; it names every field
    without a default, and only fields (callers check untrusted input against `field_names(cls)`).

    The instance's `__dict__` holds the fields in their declared order, as `__init__` leaves it:
    orjson and `vars()` write them in that order.
    """
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__") or "__slots__" in cls.__dict__:
        raise TypeError(f"{cls.__name__} is built by its __init__ only")
    template: dict[str, Any] = {}
    required: list[str] = []
    factories: dict[str, Callable[[], Any]] = {}
    for f in dataclasses.fields(cls):
        template[f.name] = f.default
        if f.default_factory is not dataclasses.MISSING:
            factories[f.name] = f.default_factory
        elif f.default is dataclasses.MISSING:
            required.append(f.name)
    new = object.__new__

    def build(values: Mapping[str, Any]) -> T:
        for name in required:
            if name not in values:
                raise TypeError(f"{cls.__name__} needs {name}")
        made = new(cls)
        state = made.__dict__
        state.update(template)
        state.update(values)
        for name, factory in factories.items():
            if name not in values:
                state[name] = factory()
        return made

    return build


def field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


_FIELDS: dict[type, frozenset[str]] = {}


def replaced(obj: T, changes: Mapping[str, Any]) -> T:
    """`dataclasses.replace(obj, **changes)` without `__init__`, for a class `builder` accepts."""
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None:
        builder(cls)
        names = _FIELDS[cls] = field_names(cls)
    if not changes.keys() <= names:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(changes.keys() - names))}")
    made = object.__new__(cls)
    state = made.__dict__
    state.update(obj.__dict__)
    state.update(changes)
    return made
