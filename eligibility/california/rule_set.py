"""The California Proposition 64 rule set: the statutory floor plus an optional county overlay."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eligibility.california import codes
from eligibility.california.facts import CountContext
from eligibility.california.overlay import OverlayResult, evaluate_overlay, load_presets
from eligibility.california.person import PersonRecord, case_key
from eligibility.california.policy import CountyProfile
from eligibility.california.rules import RULES
from eligibility.california.statutory import StatutoryResult, decide_count
from eligibility.frozen import builder
from eligibility.rule_set import RuleInfo
from models.decisions import CaseDecision, ChargeDecision
from models.errors import InputError
from models.records import CaseRecord

STATUTORY = "statutory"
# The case headline is the best outcome among its counts, in this order.
_HEADLINE_ORDER = (
    codes.CA_DISMISS_AND_SEAL,
    codes.CA_REDESIGNATE_REDUCE,
    codes.CA_RECALL_RESENTENCE,
    codes.CA_HAND_REVIEW,
    codes.CA_NOT_ELIGIBLE,
    codes.CA_NOT_PROP64,
)
# The case block repeats these of its headline count (records.md: outcome, remedy, overlay).
_HEADLINE_DETAILS = ("remedy_citation", "county_overlay", "county_reason")
_CLEARED = {codes.CA_DISMISS_AND_SEAL, codes.CA_REDESIGNATE_REDUCE, codes.CA_COUNTY_DISMISS}
_new_case_decision = builder(CaseDecision)
_new_charge_decision = builder(ChargeDecision)


@dataclass(frozen=True)
class _CountResult:
    record_position: int
    count: CountContext
    statutory: StatutoryResult
    overlay: OverlayResult | None


class CaliforniaProp64:
    """HS 11361.8 relief for HS 11357-11360 convictions, with county policy overlays (spec §1-§10)."""

    name = "california-prop64"
    version = "1.0.0"

    def __init__(self, extra_profiles: Iterable[CountyProfile] = ()):
        self._profiles = dict(load_presets())
        for profile in extra_profiles:
            if profile.profile_id == STATUTORY or profile.profile_id in self._profiles:
                raise InputError(f"county policy id {profile.profile_id!r} is already taken")
            self._profiles[profile.profile_id] = profile
        self.policies: tuple[str, ...] = (STATUTORY, *self._profiles)

    def rules(self) -> list[RuleInfo]:
        return [RuleInfo(rule.RULE_ID, rule.CITATION, rule.EVIDENCE, rule.SUMMARY) for rule in RULES]

    def profile(self, policy: str) -> CountyProfile | None:
        if policy == STATUTORY:
            return None
        if policy not in self._profiles:
            raise InputError(f"unknown California policy {policy!r}; known: {', '.join(self.policies)}")
        return self._profiles[policy]

    def decide(
        self,
        cases: Sequence[CaseRecord],
        *,
        as_of: dt.date,
        policy: str,
        confidence_threshold: float,
    ) -> list[CaseDecision]:
        profile = self.profile(policy)
        person = PersonRecord.from_cases(cases)
        results: list[_CountResult] = []
        for position, record in enumerate(cases):
            event = case_key(record, position)
            for index in range(len(record.charges)):
                count = CountContext(record, index, person, event, as_of, confidence_threshold)
                statutory = decide_count(count)
                overlay = evaluate_overlay(profile, count, statutory) if profile else None
                results.append(_CountResult(position, count, statutory, overlay))
        cleared = _all_felonies_cleared(results)
        return [
            self._case_decision([r for r in results if r.record_position == position],
                                as_of=as_of, policy=policy, profile=profile, all_felonies_cleared=cleared)
            for position in range(len(cases))
        ]

    def _case_decision(
        self,
        results: list[_CountResult],
        *,
        as_of: dt.date,
        policy: str,
        profile: CountyProfile | None,
        all_felonies_cleared: bool | None,
    ) -> CaseDecision:
        charges = tuple(_charge_decision(r) for r in results)
        questions: list[str] = []
        for charge in charges:
            questions.extend(codes.QUESTIONS[reason].format(count=charge.count) for reason in charge.review_reasons)
        if charges:
            headline = min(charges, key=lambda c: (_HEADLINE_ORDER.index(c.outcome), c.count))
            outcome = headline.outcome
            reasons = tuple(dict.fromkeys(r for c in charges for r in c.review_reasons))
            headline_details = {key: headline.details[key] for key in _HEADLINE_DETAILS}
        else:
            # A case with no counts cannot be decided; a person looks at it.
            outcome, reasons = codes.CA_HAND_REVIEW, (codes.R_CA_CODE_UNRECOGNISED,)
            headline_details = dict.fromkeys(_HEADLINE_DETAILS)
            questions.append("The case has no counts: which code sections was the person convicted under?")
        return _new_case_decision(
            {
                "rule_set": self.name,
                "rule_set_version": self.version,
                "policy": policy,
                "as_of": as_of,
                "outcome": outcome,
                "relief_paths": tuple(dict.fromkeys(p for c in charges for p in c.relief_paths)),
                "needs_review": bool(reasons) or any(c.needs_review for c in charges),
                "review_reasons": reasons,
                "questions": tuple(dict.fromkeys(questions)),
                "notes": tuple(dict.fromkeys(n for c in charges for n in c.notes)),
                "charges": charges,
                "details": {
                    **headline_details,
                    "county_profile": profile.label if profile else None,
                    "all_felonies_cleared": all_felonies_cleared,
                },
            }
        )


def _charge_decision(result: _CountResult) -> ChargeDecision:
    statutory, overlay = result.statutory, result.overlay
    reasons = statutory.reasons + (overlay.reasons if overlay else ())
    notes = statutory.notes + (overlay.notes if overlay else ())
    trace = statutory.trace + ((overlay.trace,) if overlay else ())
    return _new_charge_decision(
        {
            "count": result.count.charge.count,
            "outcome": statutory.outcome,
            "relief_paths": (statutory.outcome,) if statutory.outcome in codes.RELIEF_OUTCOMES else (),
            "minor_cannabis_offense": None,
            "conviction": statutory.conviction,
            "needs_review": statutory.needs_review or bool(reasons),
            "review_reasons": tuple(dict.fromkeys(reasons)),
            "notes": tuple(dict.fromkeys(notes)),
            "trace": trace,
            "details": {
                "prop64_offense": statutory.prop64_offense,
                "statute": statutory.section.section.normalised if statutory.section.section else None,
                "remedy_citation": statutory.remedy_citation,
                "county_overlay": overlay.code if overlay else None,
                "county_reason": overlay.reason if overlay else None,
                "county_profile": overlay.profile if overlay else None,
                "county_route": overlay.route if overlay else None,
                "review_fields": list(statutory.review_fields),
            },
        }
    )


def _all_felonies_cleared(results: list[_CountResult]) -> bool | None:
    """Spec §6: every felony conviction of the person dismissed or redesignated, statutory or overlay."""
    felonies = [r for r in results if r.statutory.conviction and r.count.charge.level == "felony"]
    if not felonies:
        return None
    return all(
        r.statutory.outcome in _CLEARED or (r.overlay is not None and r.overlay.code in _CLEARED) for r in felonies
    )


CALIFORNIA_PROP64 = CaliforniaProp64()
