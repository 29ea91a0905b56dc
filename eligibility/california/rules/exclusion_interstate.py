"""Exclusion: import into, or transport for sale out of, California (spec §4.3)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "exclusion_interstate"
CITATION = "HS 11360(a)(3)(D)"
EVIDENCE = "secondary"
SUMMARY = (
    "Importing into, or transporting for sale out of, California more than 28.5 g (more than 4 g of "
    "concentrate) keeps the felony: subdivision 11360(a)(3)(D) or the conduct fact, presumed absent if missing."
)
READS = ("import_export", "cannabis_up_to_28_5g", "concentrate", "exclusion_facts_presumed")


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    section = assessment.section
    if not assessment.felony_retention or section is None or section.section != "11360":
        return None
    reading = assessment.reading
    over_threshold = reading.cannabis_up_to_28_5g is False or reading.concentrate in ("over_4g_up_to_8g", "over_8g")
    facts = {"subsection": section.normalised, "import_export": reading.import_export, "over_threshold": over_threshold}
    if section.starts_with(("a", "3", "d")) or (reading.import_export and over_threshold):
        return Finding("interstate import or export", facts, outcome=codes.CA_NOT_ELIGIBLE, exclusion=True)
    notes = (codes.NOTE_EXCLUSION_FACTS_UNKNOWN,) if reading.exclusion_facts_presumed else ()
    return Finding("no interstate conduct", facts, notes=notes)
