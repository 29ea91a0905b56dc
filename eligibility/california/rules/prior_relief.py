"""Relief already granted on the count (spec §5.3)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "prior_relief"
CITATION = "HS 11361.8, 11361.9; PC 1203.4"
EVIDENCE = "unverified"
SUMMARY = (
    "A PC 1203.4 dismissal keeps the statutory outcome, because sealing and redesignation still add relief; "
    "a count already recalled, dismissed, sealed or redesignated under 11361.8 or 11361.9 is noted as granted."
)
READS = ()

_ALREADY_GRANTED = {"hs11361_8", "hs11361_9"}


def evaluate(count: CountContext, assessment: Assessment) -> Finding | None:
    relief = set(count.charge.prior_relief)
    if not relief:
        return None
    notes = ((codes.NOTE_PRIOR_RELIEF_PC1203_4,) if "pc1203_4" in relief else ()) + (
        (codes.NOTE_ALREADY_GRANTED,) if relief & _ALREADY_GRANTED else ()
    )
    return Finding("prior relief recorded", {"prior_relief": sorted(relief)}, notes=notes)
