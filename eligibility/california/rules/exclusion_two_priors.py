"""Exclusion: two or more priors of the same section (spec §4.3; ambiguity K4)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext
from eligibility.california.priors import find_priors

RULE_ID = "exclusion_two_priors"
CITATION = "HS 11358(d), 11359(c)(2), 11360(a)(3)(B)"
EVIDENCE = "unverified"
SUMMARY = (
    "Where AUMA keeps a felony, two or more earlier conviction events of the same section make the count "
    "not eligible, always with review: whether only the misdemeanour subdivision counts is unverified."
)
READS = ()


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    if not assessment.felony_retention or assessment.section is None:
        return None
    number = assessment.section.section
    priors = find_priors(count, lambda c: c.prop64_section == number)
    facts = {**priors.facts(), "section": number, "prior_events": len(priors.events)}
    if len(priors.events) >= 2:
        reasons = (codes.R_CA_TWO_PRIORS_UNIT,) + ((codes.R_CA_PRIOR_TIMING,) if priors.timing_unclear else ())
        return Finding("two or more priors", facts, outcome=codes.CA_NOT_ELIGIBLE, reasons=reasons, exclusion=True)
    undated_events = {c.event for c in priors.undated}
    could_reach_two = len(priors.events) + len(undated_events - priors.events) >= 2
    reasons = (codes.R_CA_PRIOR_TIMING,) if priors.timing_unclear and could_reach_two else ()
    return Finding("fewer than two priors", facts, reasons=reasons)
