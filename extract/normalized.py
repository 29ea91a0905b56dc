"""What every normalizer returns: the value, how sure the normalizer is, and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Reasons a normalizer gives; stable strings, shown on the review screen.
EXACT = "exact"
REPAIRED = "ocr_repaired"
FUZZY = "fuzzy_match"
FROM_TEXT = "from_charge_text"
UNPARSED = "unparsed"
EMPTY = "empty"
UNKNOWN_STATUTE = "unknown_statute"
TEXT_CONFLICT = "citation_text_conflict"


@dataclass(frozen=True)
class Normalized:
    """One printed value read into its canonical form.

    `confidence` is the normalizer's own match score in 0..1 (1.0 for an exact match of a known
    form); extraction combines it with OCR confidences and calibrates the result. `detail`
    carries the parsed structure (a `Citation`, an `Amount`, a `DispositionReading`).
    """

    value: Any
    confidence: float
    reason: str
    notes: tuple[str, ...] = ()
    detail: Any = None

    @property
    def ok(self) -> bool:
        return self.value is not None
