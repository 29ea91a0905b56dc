"""Sale, transport and gift under AUMA: what a pre-AUMA HS 11360 conviction would be today (spec §4.2)."""

from __future__ import annotations

from dataclasses import replace

from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "conduct_11360"
CITATION = "HS 11360(a)-(b), 11362.1 (as amended by Prop 64)"
EVIDENCE = "secondary"
SUMMARY = (
    "Giving away or transporting up to 28.5 g (8 g concentrate) not for sale is lawful at 21 and an "
    "infraction under 21 (11360(b)); sale, or more, is a misdemeanour (11360(a)(2)), kept a felony "
    "(11360(a)(3)) for a disqualified person. Giving to a minor is never lawful."
)
READS = ("age_band", "conduct", "cannabis_up_to_28_5g", "concentrate", "minor_involved")


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    section = assessment.section
    if section is None or section.section != "11360":
        return None
    reading = assessment.reading
    # 11360(b) is a gift or transport of up to 28.5 g by definition.
    is_11360b = section.subsections[:1] == ("b",)
    personal_use = is_11360b or reading.conduct == "personal_use"
    within_limit = is_11360b or (
        bool(reading.cannabis_up_to_28_5g) and reading.concentrate in ("up_to_4g", "over_4g_up_to_8g")
    )
    facts = {
        "subsection": "".join(f"({s})" for s in section.subsections) or None,
        "conduct": "personal_use" if personal_use else reading.conduct,
        "within_personal_limit": within_limit,
        "age_band": reading.age_band,
    }
    if personal_use and within_limit and not reading.minor_involved:
        level = "lawful" if reading.age_band == "21_and_over" else "infraction"
        return Finding(f"AUMA: {level}", facts, assessment=replace(assessment, auma_level=level))
    return Finding("AUMA: misdemeanor (11360(a)(2))", facts,
                   assessment=replace(assessment, auma_level="misdemeanor", felony_retention=True))
