"""Cultivation under AUMA: what a pre-AUMA HS 11358 conviction would be today (spec §4.2)."""

from __future__ import annotations

from dataclasses import replace

from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "conduct_11358"
CITATION = "HS 11358(b)-(d), 11362.1 (as amended by Prop 64 and SB 753)"
EVIDENCE = "secondary"
SUMMARY = (
    "Up to 6 plants is lawful at 21 (11362.1) and an infraction at 18-20; more than 6 plants is a "
    "misdemeanour (11358(c)), kept a felony (11358(d)) for a disqualified person."
)
READS = ("age_band", "plants_up_to_6")


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    section = assessment.section
    if section is None or section.section != "11358":
        return None
    reading = assessment.reading
    facts = {"plants_up_to_6": reading.plants_up_to_6, "age_band": reading.age_band}
    if reading.plants_up_to_6:
        level = "lawful" if reading.age_band == "21_and_over" else "infraction"
        return Finding(f"AUMA: {level}", facts, assessment=replace(assessment, auma_level=level))
    return Finding("AUMA: misdemeanor (11358(c))", facts,
                   assessment=replace(assessment, auma_level="misdemeanor", felony_retention=True))
