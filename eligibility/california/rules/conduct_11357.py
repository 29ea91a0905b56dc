"""Possession under AUMA: what a pre-AUMA HS 11357 conviction would be today (spec §4.2)."""

from __future__ import annotations

from dataclasses import replace

from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "conduct_11357"
CITATION = "HS 11357(a)-(c), 11362.1 (as amended by Prop 64)"
EVIDENCE = "secondary"
SUMMARY = (
    "Up to 28.5 g (11357(b)) or 8 g of concentrate (11357(a)) is lawful at 21 and an infraction at 18-20; "
    "more concentrate, more than 28.5 g (11357(c)) or school grounds (11357(d)) stay misdemeanours."
)
READS = ("age_band", "concentrate")


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    section = assessment.section
    if section is None or section.section != "11357":
        return None
    reading = assessment.reading
    adult = reading.age_band == "21_and_over"
    letter = section.subsections[0]
    facts = {"subsection": letter, "age_band": reading.age_band}
    if letter == "b":
        level = "lawful" if adult else "infraction"
    elif letter == "a":
        facts["concentrate"] = reading.concentrate
        within_limit = reading.concentrate in ("up_to_4g", "over_4g_up_to_8g")
        level = ("lawful" if adult else "infraction") if within_limit else "misdemeanor"
    else:
        level = "misdemeanor"
    return Finding(f"AUMA: {level}", facts, assessment=replace(assessment, auma_level=level))
