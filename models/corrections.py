"""A reviewer's answer, stored as data layered over machine output (never an overwrite)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Correction:
    """One reviewed value. `action` is accept, edit, blank, skip or flag."""

    case_id: str
    field_path: str
    action: str
    old_value: Any
    new_value: Any
    reviewer: str
    at: dt.datetime
    reason: str | None = None
    seconds_spent: float | None = None
    routed_because: str | None = None
    extractor: str | None = None
