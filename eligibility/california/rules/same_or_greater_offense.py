"""No relief where AUMA punishes the conduct as much as the conviction did (spec §4.1.6)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import LEVEL_RANK, Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "same_or_greater_offense"
CITATION = "HS 11361.8(a), (e)"
EVIDENCE = "verified"
SUMMARY = "A conviction whose conduct is the same or a greater offense under AUMA gets no HS 11361.8 relief."
READS = ("level",)


def evaluate(count: CountContext, assessment: Assessment) -> Finding:
    convicted = assessment.reading.level
    facts = {"conviction_level": convicted, "auma_level": assessment.auma_level}
    if LEVEL_RANK[assessment.auma_level or "felony"] >= LEVEL_RANK[convicted or "felony"]:
        return Finding("same or greater offense under AUMA", facts, outcome=codes.CA_NOT_ELIGIBLE)
    return Finding("lesser or no offense under AUMA", facts)
