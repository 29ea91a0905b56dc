"""The eligibility engine as the review queue uses it: decide a person without saving (to see
whether a value matters), and re-decide a person at once after a correction (saved)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from eligibility.evaluate import evaluate_case
from eligibility.rule_set import RuleSet
from models.records import CaseRecord
from models.store import current_decision


class ReviewEngine:
    def __init__(
        self, rule_set: RuleSet, *, as_of: dt.date, policy: str | None = None, confidence_threshold: float
    ) -> None:
        self.rules = rule_set
        self.rule_set = rule_set.name
        self.policy = policy or rule_set.policies[0]
        if self.policy not in rule_set.policies:
            raise ValueError(f"{rule_set.name} has no policy {self.policy!r}; it has {', '.join(rule_set.policies)}")
        self.as_of = as_of
        self.confidence_threshold = confidence_threshold

    def decide(self, cases: Sequence[CaseRecord]) -> dict[str, dict[str, Any]]:
        decisions = self.rules.decide(
            list(cases), as_of=self.as_of, policy=self.policy, confidence_threshold=self.confidence_threshold
        )
        return {case.case_id or "": decision.to_dict() for case, decision in zip(cases, decisions)}

    def redecide(self, db: Database, case_id: str) -> dict[str, Any] | None:
        """Decide every case of the person again (record-wide rules read them all) and save."""
        evaluate_case(
            db,
            case_id,
            as_of=self.as_of,
            rule_set=self.rule_set,
            policy=self.policy,
            confidence_threshold=self.confidence_threshold,
        )
        return current_decision(db, case_id, rule_set=self.rule_set, policy=self.policy)
