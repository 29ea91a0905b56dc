"""Whether a count is a conviction, from the canonical disposition codes the records use.

records.md gives dispositions as the canonical codes of spec/illinois-crta.md §8.1; digital
California exports often carry only the printed word, which is matched the same way.
"""

from __future__ import annotations

from models.records import Charge

CONVICTION_CODES = frozenset({"CONVICTED", "CONVICTED_CE", "SUPERVISION_REVOKED", "QUALIFIED_PROBATION_REVOKED"})
NON_CONVICTION_CODES = frozenset(
    {
        "NOT_CHARGED",
        "NOLLE",
        "NOLLE_PLEA_TO_OTHER_COUNT",
        "STRICKEN_WITH_LEAVE",
        "DISMISSED",
        "NO_PROBABLE_CAUSE",
        "ACQUITTED",
        "ACQUITTED_INSANITY",
        "VACATED",
        "SUPERVISION_COMPLETED",
        "QUALIFIED_PROBATION_COMPLETED",
    }
)


def is_conviction(charge: Charge) -> bool | None:
    """True or False when the disposition says so; None when it is missing, pending or unclear."""
    code = charge.disposition or charge.disposition_text
    if not code:
        return None
    code = "_".join(code.strip().upper().split())
    if code in CONVICTION_CODES:
        return True
    if code in NON_CONVICTION_CODES:
        return False
    return None
