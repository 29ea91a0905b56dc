"""Possession for sale under AUMA: what a pre-AUMA HS 11359 conviction would be today (spec §4.2)."""

from __future__ import annotations

from dataclasses import replace

from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "conduct_11359"
CITATION = "HS 11359(b)-(d) (as amended by Prop 64)"
EVIDENCE = "verified"
SUMMARY = (
    "Possession for sale at 18 or over is a misdemeanour (11359(b)), kept a felony (11359(c)/(d)) for a "
    "disqualified person."
)
READS = ("age_band",)


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    section = assessment.section
    if section is None or section.section != "11359":
        return None
    return Finding("AUMA: misdemeanor (11359(b))", {"age_band": assessment.reading.age_band},
                   assessment=replace(assessment, auma_level="misdemeanor", felony_retention=True))
