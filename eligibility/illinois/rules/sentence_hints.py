"""Sentences as weak evidence of the class: they may raise review, never grant relief (spec §7.6)."""

from __future__ import annotations

import re
from functools import lru_cache

from eligibility.illinois.statutes import MISDEMEANOR

RULE_ID = "sentence_hints"
CITATION = "720 ILCS 550/4, 550/5"
SUMMARY = "A prison term on a misdemeanour, jail over 6 months on a Class B/C, or a prison term outside the class range raises R_SENTENCE_CLASS_CONFLICT."
EVIDENCE = "secondary"

# yaml sentence_hints.felony_ranges_years
FELONY_YEARS = {"4": (1, 3), "3": (2, 5), "2": (3, 7), "1": (4, 15), "X": (6, 30)}
_TERM = re.compile(r"(?i)(\d+(?:\.\d+)?)\s*(YRS?|YEARS?|MOS?|MONTHS?|DAYS?|DYS?)\b")


@lru_cache(maxsize=4096)
def term_months(sentence_text: str) -> float | None:
    match = _TERM.search(sentence_text)
    if not match:
        return None
    value, unit = float(match[1]), match[2].upper()
    if unit.startswith("Y"):
        return value * 12
    if unit.startswith("M"):
        return value
    return value / 30.0


def contradicts_class(sentence_kind: str | None, sentence_text: str | None, level: str | None, offense_class: str | None) -> bool:
    if sentence_kind == "PRISON" and level == MISDEMEANOR:
        return True
    months = term_months(sentence_text) if sentence_text else None
    if months is None:
        return False
    if sentence_kind == "JAIL" and offense_class in ("B", "C") and months > 6:
        return True
    if sentence_kind == "PRISON" and offense_class in FELONY_YEARS:
        low, high = FELONY_YEARS[offense_class]
        return not (low * 12 <= months <= high * 12)
    return False
