"""The Prop 64 window: an offense before 9 Nov 2016 (spec §2.4, §4.1.3; ambiguities K2, K13)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "prop64_window"
CITATION = "HS 11361.8(a) (\"had that act been in effect at the time of the offense\")"
EVIDENCE = "verified"
SUMMARY = (
    "Relief covers offenses committed before 2016-11-09 (reference date: the offense date). An offense "
    "before and a conviction on or after that date meets the statute but peers denied it: review."
)
READS = ("window",)


def evaluate(count: CountContext, assessment: Assessment) -> Finding:
    window = assessment.reading.window
    facts = {"window": window}
    if window == "post_auma":
        return Finding(
            "offense on or after 2016-11-09", facts, outcome=codes.CA_NOT_ELIGIBLE, notes=(codes.NOTE_CONVICTED_UNDER_AUMA,)
        )
    if window == "pre_auma_disposed_after":
        return Finding("offense before, conviction on or after 2016-11-09", facts,
                       reasons=(codes.R_CA_DISPOSED_AFTER_EFFECTIVE,))
    return Finding("offense and conviction before 2016-11-09", facts, notes=(codes.NOTE_AB1793_POPULATION,))
