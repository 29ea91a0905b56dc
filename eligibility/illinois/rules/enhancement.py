"""Section 7 (delivery to a minor) and school-zone enhancements (spec §7.4)."""

from __future__ import annotations

import re
from functools import lru_cache

RULE_ID = "enhancement"
CITATION = "720 ILCS 550/7"
SUMMARY = (
    "A §7 enhancement attaches to the §5 count it names (no Minor Cannabis Offense); one not tied to "
    "a count makes every §5 count of the case possibly enhanced (R_S7_UNATTACHED)."
)
EVIDENCE = "secondary"

SECTION_7 = "section_7"
SCHOOL_ZONE = "school_zone"

_S7 = re.compile(r"(?i)550\s*/\s*7\b|\b707\b|\bS(?:EC(?:TION)?)?[\s._]*7\b|§\s*7\b|MINOR|UNDER\s*18")
_SCHOOL = re.compile(r"(?i)550\s*/\s*5\.2|\b705\.2\b|SCHOOL|§\s*5\.2\b|\bSEC(?:TION)?\.?\s*5\.2\b")
# yaml statutes."720 ILCS 550/7".text_patterns
_S7_TEXT = re.compile(r"(?i)DEL(?:IVERY)?\b.*CANN.*\b(?:TO\s+)?MINOR|UNDER\s+18")


@lru_cache(maxsize=4096)
def _classify(enhancements: tuple[str, ...], description: str | None) -> str | None:
    for value in enhancements:
        if _SCHOOL.search(value):
            return SCHOOL_ZONE
        if _S7.search(value):
            return SECTION_7
    if description and _S7_TEXT.search(description):
        return SECTION_7
    if description and _SCHOOL.search(description):
        return SCHOOL_ZONE
    return None


def enhancement_of(enhancements: tuple[str, ...], description: str | None) -> str | None:
    """SECTION_7, SCHOOL_ZONE or None for one count, from its enhancements and its text."""
    if not enhancements and not description:
        return None
    return _classify(tuple(enhancements), description)


def s7_readings(own: bool, unattached_in_case: bool) -> tuple[tuple[bool, ...], str | None]:
    """The readings of "this §5 count is §7-enhanced" and the reason when there are two."""
    if own:
        return (True,), None
    if unattached_in_case:
        return (False, True), "R_S7_UNATTACHED"
    return (False,), None
