"""Minor Cannabis Offense: the four elements of 20 ILCS 2630/5.2(a)(1) (spec §3)."""

from __future__ import annotations

from eligibility.illinois.statutes import MCO_MAX_GRAMS

RULE_ID = "minor_cannabis_offense"
CITATION = "20 ILCS 2630/5.2(a)(1)"
SUMMARY = (
    "A violation of CCA §4 or §5 concerning not more than 30 g, with no §7 enhancement and not "
    "associated with a violent crime (E1-E4); 30.0 g qualifies, 30.01 g does not."
)
EVIDENCE = "verified"

CCA_SECTIONS = frozenset({"4", "5", "6"})


def is_minor_cannabis_offense(section: str, grams_le: float | None, *, enhanced: bool, violent: bool) -> bool:
    """All four elements under one reading of the facts."""
    e1 = section in CCA_SECTIONS
    e2 = grams_le is not None and grams_le <= MCO_MAX_GRAMS
    return e1 and e2 and not enhanced and not violent
