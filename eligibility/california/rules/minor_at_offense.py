"""Offenses committed under 18 (spec §4.2 last rows; ambiguity K7)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "minor_at_offense"
CITATION = "HS 11357-11360 (AUMA juvenile tiers: infraction under 18)"
EVIDENCE = "secondary"
SUMMARY = (
    "Under 18 at the offense (reference date: the offense date) the AUMA equivalent is an infraction, but "
    "juvenile matters vary: a person decides."
)
READS = ("age_band",)


def evaluate(count: CountContext, assessment: Assessment) -> Finding:
    band = assessment.reading.age_band
    if band == "under_18":
        return Finding("under 18 at offense", {"age_band": band}, outcome=codes.CA_HAND_REVIEW,
                       reasons=(codes.R_CA_MINOR_AT_OFFENSE,))
    return Finding("18 or over at offense", {"age_band": band})
