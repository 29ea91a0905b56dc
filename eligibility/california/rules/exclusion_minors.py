"""Exclusion: sale to, or use of, a minor (spec §4.3)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "exclusion_minors"
CITATION = "HS 11359(c)(3), 11359(d), 11360(a)(3)(C)"
EVIDENCE = "verified"
SUMMARY = (
    "Selling, furnishing or giving cannabis to a person under 18, or hiring or using a minor, keeps the "
    "felony: the subdivision on the record or the conduct fact. A missing conduct fact is presumed absent."
)
READS = ("minor_involved", "exclusion_facts_presumed")

_EXCLUDED = {"11359": (("c", "3"), ("d",)), "11360": (("a", "3", "c"),)}


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    section = assessment.section
    if not assessment.felony_retention or section is None or section.section not in _EXCLUDED:
        return None
    reading = assessment.reading
    by_subsection = any(section.starts_with(subs) for subs in _EXCLUDED[section.section])
    facts = {"subsection": section.normalised, "minor_involved": reading.minor_involved}
    if by_subsection or reading.minor_involved:
        return Finding("minor involved", facts, outcome=codes.CA_NOT_ELIGIBLE, exclusion=True)
    notes = (codes.NOTE_EXCLUSION_FACTS_UNKNOWN,) if reading.exclusion_facts_presumed else ()
    return Finding("no minor involved", facts, notes=notes)
