"""What the eligibility engine decides, with the trace that explains it (spec §2.2, §13)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TraceEntry:
    """One rule applied: which, under what law, how sure the law is, and on which facts."""

    rule: str
    citation: str
    evidence: str
    facts: dict[str, Any] = field(default_factory=dict)
    result: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"rule": self.rule, "citation": self.citation, "evidence": self.evidence, "facts": self.facts}
        if self.result is not None:
            out["result"] = self.result
        return out


@dataclass(frozen=True)
class ChargeDecision:
    count: int
    outcome: str
    relief_paths: tuple[str, ...] = ()
    minor_cannabis_offense: bool | None = None
    conviction: bool | None = None
    needs_review: bool = False
    review_reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    trace: tuple[TraceEntry, ...] = ()
    # Rule-set specific outputs (California: county_overlay, remedy_citation …).
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "count": self.count,
            "outcome": self.outcome,
            "relief_paths": list(self.relief_paths),
            "minor_cannabis_offense": self.minor_cannabis_offense,
            "conviction": self.conviction,
            "needs_review": self.needs_review,
            "review_reasons": list(self.review_reasons),
            "notes": list(self.notes),
            "trace": [t.to_dict() for t in self.trace],
        }
        out.update(self.details)
        return out


@dataclass(frozen=True)
class CaseDecision:
    """The decision for one case `as_of` a date, under a rule set and a policy."""

    rule_set: str
    rule_set_version: str
    policy: str
    as_of: dt.date
    outcome: str
    relief_paths: tuple[str, ...] = ()
    auto_expunge_by: dt.date | None = None
    needs_review: bool = False
    review_reasons: tuple[str, ...] = ()
    # The questions a person must answer, one per review reason where the engine can phrase it.
    questions: tuple[str, ...] = ()
    policy_flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    charges: tuple[ChargeDecision, ...] = ()
    decided_by: str = "engine"
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "rule_set": self.rule_set,
            "rule_set_version": self.rule_set_version,
            "policy": self.policy,
            "as_of": self.as_of.isoformat(),
            "outcome": self.outcome,
            "relief_paths": list(self.relief_paths),
            "auto_expunge_by": self.auto_expunge_by.isoformat() if self.auto_expunge_by else None,
            "needs_review": self.needs_review,
            "review_reasons": list(self.review_reasons),
            "questions": list(self.questions),
            "policy_flags": list(self.policy_flags),
            "notes": list(self.notes),
            "charges": [c.to_dict() for c in self.charges],
            "decided_by": self.decided_by,
        }
        out.update(self.details)
        return out
