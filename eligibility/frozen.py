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
    """A function making `cls(**values)` for a dict `values` that names every field without a
    default and no other key (callers check untrusted input against `field_names(cls)`)."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__") or "__slots__" in cls.__dict__:
        raise TypeError(f"{cls.__name__} is built by its __init__ only")
    defaults: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            defaults[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            factories[f.name] = f.default_factory
    new = object.__new__

    def build(values: Mapping[str, Any]) -> T:
        made = new(cls)
        state = made.__dict__
        state.update(defaults)
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
