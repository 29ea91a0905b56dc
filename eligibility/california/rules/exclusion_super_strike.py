"""Exclusion: a prior super strike, PC 667(e)(2)(C)(iv) (spec §4.3, §4.4)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext
from eligibility.california.priors import find_priors

RULE_ID = "exclusion_super_strike"
CITATION = "HS 11358(d), 11359(c)(1), 11360(a)(3)(A); PC 667(e)(2)(C)(iv)"
EVIDENCE = "secondary"
SUMMARY = (
    "Where AUMA keeps a felony, a prior super-strike conviction (another case, disposed before this "
    "conviction) makes the count not eligible."
)
READS = ()


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    if not assessment.felony_retention:
        return None
    priors = find_priors(count, lambda c: c.is_super_strike)
    reasons = (codes.R_CA_PRIOR_TIMING,) if priors.timing_unclear else ()
    if priors.counted:
        return Finding("prior super strike", priors.facts(), outcome=codes.CA_NOT_ELIGIBLE, reasons=reasons,
                       exclusion=True)
    return Finding("no prior super strike", priors.facts(), reasons=reasons)
