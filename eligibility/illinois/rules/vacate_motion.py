"""(i)(3): motion to vacate and expunge misdemeanour and Class 4 cannabis convictions (spec §5.3)."""

from __future__ import annotations

from typing import NamedTuple

RULE_ID = "vacate_motion"
CITATION = "20 ILCS 2630/5.2(i)(3)"
SUMMARY = (
    "A conviction for a misdemeanour or Class 4 violation of §4, or a Class 4 violation of §5, may be "
    "vacated on motion, with no violent-crime bar; misdemeanour §5/§6 and §7-enhanced counts are unclear."
)
EVIDENCE = "secondary"


class VacateResult(NamedTuple):
    eligible: bool
    block: str | None = None
    note: str | None = None


def vacate_motion(section: str, i3: bool | None, *, enhanced: bool, offense_class: str | None, mco: bool) -> VacateResult:
    """Whether a conviction qualifies, under one reading of the count.

    `i3` is the statute table's answer for the count's subsection and class: True, False, or None
    where the spec calls it unclear (misdemeanour §5, §6 casual delivery).
    """
    if i3 is None:
        # Moot for an MCO, which takes the pardon path anyway (ambiguity A5).
        return VacateResult(False, note="i3_misd_delivery_unclear") if mco else VacateResult(False, block="R_I3_MISD_DELIVERY")
    if section == "5" and enhanced:
        return VacateResult(False, block="R_S7_I3_UNCLEAR" if offense_class == "4" else None)
    return VacateResult(i3)
