"""Exclusion: a prior conviction requiring PC 290(c) registration (spec §4.3, §4.4; K15)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext
from eligibility.california.priors import find_priors

RULE_ID = "exclusion_pc290"
CITATION = "HS 11358(d), 11359(c)(1), 11360(a)(3)(A); PC 290(c)"
EVIDENCE = "secondary"
SUMMARY = (
    "Where AUMA keeps a felony, a prior conviction requiring PC 290(c) registration makes the count not "
    "eligible; a registration flag with no dated qualifying conviction goes to a person."
)
READS = ()


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    if not assessment.felony_retention:
        return None
    priors = find_priors(count, lambda c: c.is_pc290_offense)
    registered = count.person.defendant.pc290_registered is True
    dated_anywhere = any(c.is_pc290_offense and c.disposition_date for c in count.person.convictions)
    unclear = priors.timing_unclear or (registered and not dated_anywhere)
    reasons = (codes.R_CA_PRIOR_TIMING,) if unclear else ()
    facts = {**priors.facts(), "pc290_registered": count.person.defendant.pc290_registered}
    if priors.counted:
        return Finding("prior PC 290 offense", facts, outcome=codes.CA_NOT_ELIGIBLE, reasons=reasons, exclusion=True)
    return Finding("no prior PC 290 offense", facts, reasons=reasons)
