"""Which HS 11357 subdivision a possession count is (spec §4.2; ambiguity K6)."""

from __future__ import annotations

from dataclasses import replace

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "subsection_11357"
CITATION = "HS 11357(a)-(e) (pre-AUMA)"
EVIDENCE = "unverified"
SUMMARY = (
    "Pre-AUMA 11357 letters are read against the pre-AUMA table. With no subdivision, a felony is read as "
    "11357(a) (the only felony form) and an infraction as 11357(b); a misdemeanour, or 11357(e), goes to a person."
)
READS = ("level",)

_KNOWN = ("a", "b", "c", "d")


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    section = assessment.section
    if section is None or section.section != "11357":
        return None
    level = assessment.reading.level
    facts = {"section": section.normalised, "level": level}
    if section.subsections[:1] and section.subsections[0] in _KNOWN:
        return Finding(f"11357({section.subsections[0]})", facts)
    if not section.subsections and level in ("felony", "infraction"):
        letter = "a" if level == "felony" else "b"
        resolved = replace(section, subsections=(letter,))
        return Finding(f"read as 11357({letter})", facts, assessment=replace(assessment, section=resolved))
    return Finding("subdivision unknown", facts, outcome=codes.CA_HAND_REVIEW, reasons=(codes.R_CA_SUBSECTION_UNKNOWN,))
