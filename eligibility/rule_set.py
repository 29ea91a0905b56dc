"""What every rule set offers the rest of cleardocket."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from models.decisions import CaseDecision
from models.records import CaseRecord


@dataclass(frozen=True)
class RuleInfo:
    """One rule as `cleardocket rules` prints it, taken from the rule's own module."""

    rule_id: str
    citation: str
    evidence: str
    summary: str


class RuleSet(Protocol):
    name: str
    version: str
    # The first policy is the default: the statutory result with no county overlay.
    policies: tuple[str, ...]

    def rules(self) -> Sequence[RuleInfo]: ...

    def decide(
        self,
        cases: Sequence[CaseRecord],
        *,
        as_of: dt.date,
        policy: str,
        confidence_threshold: float,
    ) -> list[CaseDecision]:
        """Decide every case of one person (cases sharing a defendant), one decision per case."""
        ...
