"""Relevance: the count is HS 11357, 11358, 11359 or 11360 after normalisation (spec §4.1.1, §5)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "prop64_offense"
CITATION = "HS 11361.8(a), (e); HS 11357-11360"
EVIDENCE = "verified"
SUMMARY = (
    "Only convictions under HS 11357, 11358, 11359 or 11360 are Prop 64 offenses; attempts (PC 664) and "
    "wrong code letters are read as the section. 11362.1 cited as an offense, or an unreadable code, goes "
    "to a person."
)
READS = ("section",)


def evaluate(count: CountContext, assessment: Assessment) -> Finding:
    section = assessment.reading.section
    facts = {"section": section.section.normalised if section.section else None}
    if section.kind == "other":
        return Finding("not a Prop 64 offense", facts, outcome=codes.CA_NOT_PROP64)
    if section.kind != "prop64":
        return Finding(
            "code section unrecognised" if section.kind == "unrecognised" else "11362.1 cited as an offense",
            facts,
            outcome=codes.CA_HAND_REVIEW,
            reasons=(codes.R_CA_CODE_UNRECOGNISED,),
        )
    notes = ((codes.NOTE_ATTEMPT,) if section.attempt else ()) + (
        (codes.NOTE_CODE_LETTERS_CORRECTED,) if section.letters_corrected else ()
    )
    return Finding("Prop 64 offense", facts, notes=notes)
