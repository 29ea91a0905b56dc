"""Offenses that look like cannabis records but are not CCA violations (spec §10)."""

from __future__ import annotations

from eligibility.illinois.codes import MANUAL_REVIEW, NOT_CANNABIS
from eligibility.illinois.statutes import ORDINANCE, UNDA, UNKNOWN

RULE_ID = "lookalike"
CITATION = "20 ILCS 2630/5.2(i)"
SUMMARY = (
    "PCS, DUI, paraphernalia, federal and other non-CCA charges never get a CRTA path; municipal "
    "ordinance and pre-1971 marihuana charges go to a person."
)
EVIDENCE = "secondary"

_MANUAL = {
    ORDINANCE: "R_ORDINANCE_VIOLATION",
    UNDA: "R_PRE_CCA_UNDA",
    UNKNOWN: "R_CITATION_UNPARSED",
}


def lookalike_outcome(act: str) -> tuple[str, str | None]:
    """(outcome, blocking reason) of a count whose Act is not the Cannabis Control Act."""
    reason = _MANUAL.get(act)
    return (MANUAL_REVIEW, reason) if reason else (NOT_CANNABIS, None)
