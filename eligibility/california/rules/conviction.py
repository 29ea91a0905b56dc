"""HS 11361.8 relieves convictions only (spec §4.1.2)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "conviction"
CITATION = "HS 11361.8(a), (e)"
EVIDENCE = "verified"
SUMMARY = "A count that is not a conviction is outside HS 11361.8 (other sealing law may apply)."
READS = ("conviction",)


def evaluate(count: CountContext, assessment: Assessment) -> Finding:
    if assessment.reading.conviction:
        return Finding("conviction", {"conviction": True})
    return Finding(
        "no conviction", {"conviction": False}, outcome=codes.CA_NOT_ELIGIBLE, notes=(codes.NOTE_NO_CONVICTION,)
    )
