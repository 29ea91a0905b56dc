"""Offense classes (`CL A MISD`, `Class 4 Felony` → `A`, `4`) and §7 enhancements of a count."""

from __future__ import annotations

import re

from extract import normalized as n
from extract.normalized import Normalized
from extract.ocr_repair import clean_spaces

# spec §8.4: Class A, B, C misdemeanours; X, 1–4 felonies; "M" murder. Monospaced print read by
# OCR loses the space between class and level ("CL AMISD") and reads MISD's D as O ("MISO").
_LEVEL = r"MIS[DO](?:EMEANOR)?|FEL(?:ONY)?"
_CLASS = re.compile(
    rf"\bCL(?:ASS|\.)?\s*(?P<cls>[ABCX1-4Il])(?:\b|(?<=[A-Z])\d\b|(?=MIS[DO]|FEL))\.?\s*(?P<level>{_LEVEL}|M|F)?\b", re.IGNORECASE
)
_LEVEL_FIRST = re.compile(rf"\b(?P<level>{_LEVEL})\s*(?:CL(?:ASS|\.)?\s*)?(?P<cls>[ABCX1-4])\b", re.IGNORECASE)
# OCR reads a printed class digit or letter as one of these.
_CLASS_REPAIRS = {"I": "1", "l": "1"}
_MISDEMEANOR_CLASSES = frozenset("ABC")
_SECTION_7 = re.compile(
    r"(?i)\bENH(?:ANCED|ANCEMENT)?\b|\bDEL(?:IVERY)?\b.*\b(?:TO\s+)?MINOR\b|\bUNDER\s+18\b|\bPAR\.?\s*707\b|\bSEC(?:TION)?\.?\s*7\b|550/7\b"
)
SECTION_7 = "720 ILCS 550/7"


def normalize_offense_class(text: str | None) -> Normalized:
    """Read a printed class into its §8.4 code (`A`, `B`, `C`, `X`, `1`–`4`).

    `detail` is "misdemeanor" or "felony" when the text or the code says which.
    """
    raw = clean_spaces(text or "")
    if not raw:
        return Normalized(None, 0.0, n.EMPTY)
    match = _CLASS.search(raw) or _LEVEL_FIRST.search(raw)
    if match is None:
        return Normalized(None, 0.0, n.UNPARSED)
    code = match.group("cls")
    notes: tuple[str, ...] = ()
    if code in _CLASS_REPAIRS:
        code, notes = _CLASS_REPAIRS[code], ("class_repaired",)
    code = code.upper()
    if code not in "ABCX1234":
        return Normalized(None, 0.0, n.UNPARSED, notes)
    level_word = (match.group("level") or "").upper()
    level = "misdemeanor" if code in _MISDEMEANOR_CLASSES else "felony"
    if level_word.startswith("M") and level != "misdemeanor" or level_word.startswith("F") and level != "felony":
        # "CLASS 4 MISD" cannot be: one of the two was misread.
        return Normalized(code, 0.5, "class_level_conflict", (*notes, "class_level_conflict"), level)
    score = 0.85 if notes else 1.0
    return Normalized(code, score, n.REPAIRED if notes else n.EXACT, notes, level)


def normalize_enhancements(text: str | None) -> Normalized:
    """The §7 enhancement (delivery to a minor) a count's text names: value = tuple of citations."""
    raw = clean_spaces(text or "")
    if raw and _SECTION_7.search(raw):
        return Normalized((SECTION_7,), 1.0, n.EXACT)
    return Normalized((), 1.0 if raw else 0.0, n.EXACT if raw else n.EMPTY)
