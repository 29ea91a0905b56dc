"""Remedy after the sentence: dismissal and sealing, or redesignation (spec §3.2)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "dismiss_or_redesignate"
CITATION = "HS 11361.8(e)-(f)"
EVIDENCE = "secondary"
SUMMARY = (
    "After the sentence, conduct that is no offense under AUMA is dismissed and sealed as legally invalid; "
    "a lesser offense is redesignated (felony to misdemeanour, misdemeanour to infraction)."
)
READS = ()


def evaluate(count: CountContext, assessment: Assessment) -> Finding:
    facts = {"auma_level": assessment.auma_level}
    if assessment.auma_level == "lawful":
        return Finding("no offense under AUMA", facts, outcome=codes.CA_DISMISS_AND_SEAL,
                       remedy_citation="HS 11361.8(e)-(f)")
    return Finding("lesser offense under AUMA", facts, outcome=codes.CA_REDESIGNATE_REDUCE,
                   remedy_citation="HS 11361.8(e)-(f)")
