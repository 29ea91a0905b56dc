"""Exclusion: environmental violations of cultivation (spec §4.3)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "exclusion_environmental"
CITATION = "HS 11358(d) (as expanded by SB 753, 2023)"
EVIDENCE = "secondary"
SUMMARY = (
    "Cultivation with a specified environmental violation keeps the felony; a missing conduct fact is "
    "presumed absent."
)
READS = ("environmental_violation", "exclusion_facts_presumed")


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    section = assessment.section
    if not assessment.felony_retention or section is None or section.section != "11358":
        return None
    reading = assessment.reading
    facts = {"environmental_violation": reading.environmental_violation}
    if reading.environmental_violation:
        return Finding("environmental violation", facts, outcome=codes.CA_NOT_ELIGIBLE, exclusion=True)
    notes = (codes.NOTE_EXCLUSION_FACTS_UNKNOWN,) if reading.exclusion_facts_presumed else ()
    return Finding("no environmental violation", facts, notes=notes)
