"""Cannabis Control Act sections outside CRTA relief (spec §6)."""

from __future__ import annotations

RULE_ID = "excluded_sections"
CITATION = "720 ILCS 550/5.1, 5.2, 8, 9"
SUMMARY = "Trafficking (§5.1), school-zone delivery (§5.2), plants (§8) and conspiracy (§9) are not §4/§5 violations: never eligible."
EVIDENCE = "secondary"

EXCLUDED = frozenset({"5.1", "5.2", "8", "9"})
# The sections CRTA relief can reach; §6 casual delivery counts as a §5 violation of not more than 10 g
# and a §7-cited count is a §5 count carrying the enhancement (§7.4).
RELIEF_SECTIONS = frozenset({"4", "5", "6", "7"})


def is_excluded(section: str | None) -> bool:
    return section in EXCLUDED
