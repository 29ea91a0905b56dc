"""A non-conviction cannabis count in a case with a conviction on another count (ambiguity A7)."""

from __future__ import annotations

RULE_ID = "mixed_disposition"
CITATION = "20 ILCS 2630/5.2(i)(1)"
SUMMARY = "(i)(1) is not asserted for a non-conviction cannabis count when another count of the case is (or may be) a conviction."
EVIDENCE = "secondary"


def is_mixed(other_convictions: tuple[bool | None, ...]) -> bool:
    """`other_convictions`: each other count's conviction status (None: may be a conviction)."""
    return any(status is not False for status in other_convictions)
