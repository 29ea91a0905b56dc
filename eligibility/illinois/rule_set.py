"""The Illinois CRTA rule set: what the registry hands to `evaluate` and the review screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eligibility.frozen import builder
from eligibility.illinois import codes
from eligibility.illinois.case import questions_and_fields, roll_up, same_date_violence
from eligibility.illinois.count import CountOutcome
from eligibility.illinois.overlays import POLICIES, overlay_flags
from eligibility.illinois.rules import RULES
from eligibility.illinois.uncertain import decide_with_uncertainty
from eligibility.rule_set import RuleInfo
from models.decisions import CaseDecision, ChargeDecision
from models.errors import InputError
from models.records import CaseRecord

NAME = "illinois-crta"
# Bumped whenever a rule changes what it decides; stored with every decision.
VERSION = "1.0.0"


_new_charge_decision = builder(ChargeDecision)
_new_case_decision = builder(CaseDecision)


def _charge_decision(count: CountOutcome) -> ChargeDecision:
    return _new_charge_decision(
        {
            "count": count.count,
            "outcome": count.outcome,
            "relief_paths": count.relief_paths,
            "minor_cannabis_offense": count.mco,
            "conviction": count.conviction,
            "needs_review": bool(count.review_reasons),
            "review_reasons": tuple(count.review_reasons),
            "notes": tuple(count.notes),
            "trace": tuple(count.trace),
            "details": {
                "cca_s4_s5": count.cca and count.section in ("4", "5", "6"),
                "auto_expunge_by": count.expunge_by.isoformat() if count.expunge_by else None,
            },
        }
    )


class IllinoisCrta:
    """20 ILCS 2630/5.2(i) relief for Cannabis Control Act records, with county overlays (spec §12)."""

    name = NAME
    version = VERSION
    policies = POLICIES

    def rules(self) -> list[RuleInfo]:
        return [RuleInfo(rule.RULE_ID, rule.CITATION, rule.EVIDENCE, rule.SUMMARY) for rule in RULES]

    def decide(
        self,
        cases: Sequence[CaseRecord],
        *,
        as_of: dt.date,
        policy: str,
        confidence_threshold: float,
    ) -> list[CaseDecision]:
        """Decide every case of one person (cases sharing a defendant), one decision per case."""
        if policy not in POLICIES:
            raise InputError(f"unknown policy {policy!r} for {NAME}; choose one of: {', '.join(POLICIES)}")
        elsewhere = same_date_violence(cases)
        return [
            self._decide_case(case, as_of=as_of, policy=policy, threshold=confidence_threshold, violence_elsewhere=violence)
            for case, violence in zip(cases, elsewhere)
        ]

    def _decide_case(self, case: CaseRecord, *, as_of: dt.date, policy: str, threshold: float, violence_elsewhere: bool) -> CaseDecision:
        uncertainty = decide_with_uncertainty(case, as_of=as_of, violence_elsewhere=violence_elsewhere, threshold=threshold)
        counts = uncertainty.counts.counts
        classes = uncertainty.counts.cocharge_classes
        rollup = roll_up(counts)
        questions = questions_and_fields(counts, classes, uncertainty.fields)
        headline = rollup.headline
        return _new_case_decision(
            {
                "rule_set": NAME,
                "rule_set_version": VERSION,
                "policy": policy,
                "as_of": as_of,
                "outcome": rollup.outcome,
                "relief_paths": rollup.relief_paths,
                "auto_expunge_by": headline.expunge_by if headline is not None and rollup.outcome == codes.AUTO_EXPUNGE else None,
                "needs_review": rollup.needs_review,
                "review_reasons": rollup.review_reasons,
                "questions": tuple(questions),
                "policy_flags": overlay_flags(policy, counts, case.charges, classes),
                "notes": tuple(headline.notes) if headline is not None else (),
                "charges": tuple(_charge_decision(c) for c in counts),
                "decided_by": "engine",
                "details": {
                    "minor_cannabis_offense": headline.mco if headline is not None else None,
                    "conviction": headline.conviction if headline is not None else None,
                    "headline_count": headline.count if headline is not None else None,
                    # Question -> the field paths it concerns, for the review queue's routing.
                    "review_fields": questions,
                },
            }
        )
