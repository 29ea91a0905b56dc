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
    rf"\bCL(?:ASS|\.)?\s*(?P<cls>[ABCX1-4Il68])(?:\b|(?<=[A-Z])\d\b|(?=MIS[DO]|FEL))\.?\s*(?P<level>{_LEVEL}|M|F)?\b", re.IGNORECASE
)
# "CL B MISD" with its C lost: a lone L before a misdemeanor class and its level.
_CLASS_C_LOST = re.compile(r"\bL\s+(?P<cls>[ABC])\s*(?P<level>MIS[DO](?:EMEANOR)?)\b", re.IGNORECASE)
_LEVEL_FIRST = re.compile(rf"\b(?P<level>{_LEVEL})\s*(?:CL(?:ASS|\.)?\s*)?(?P<cls>[ABCX1-4])\b", re.IGNORECASE)
# OCR reads a printed class digit or letter as one of these.
_CLASS_REPAIRS = {"I": "1", "l": "1"}
# A misdemeanor's B read as the digit whose bowls it shares (draft dot matrix): no class is 6 or 8.
_MISDEMEANOR_CLASS_REPAIRS = {"6": "B", "8": "B"}
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
    lost_c = _CLASS_C_LOST.search(raw) if match is None else None
    if match is None and lost_c is None:
        return Normalized(None, 0.0, n.UNPARSED)
    match = match or lost_c
    code = match.group("cls")
    notes: tuple[str, ...] = ("class_repaired",) if lost_c else ()
    if code in _CLASS_REPAIRS:
        code, notes = _CLASS_REPAIRS[code], ("class_repaired",)
    elif code in _MISDEMEANOR_CLASS_REPAIRS:
        if not (match.group("level") or "").upper().startswith("MIS"):
            return Normalized(None, 0.0, n.UNPARSED)
        code, notes = _MISDEMEANOR_CLASS_REPAIRS[code], ("class_repaired",)
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


_CLASS_WITHOUT_CODE = re.compile(rf"\bCL(?:ASS|\.)?\s+(?P<level>{_LEVEL})\b", re.IGNORECASE)


def class_level_without_code(text: str | None) -> str | None:
    """The level of a printed class whose code OCR lost ("CLASS MISD", "CLASS FELONY"): a draft
    printout's one-letter code can vanish between the words. None when the text is otherwise."""
    match = _CLASS_WITHOUT_CODE.search(clean_spaces(text or ""))
    if match is None:
        return None
    return "misdemeanor" if match.group("level").upper().startswith("M") else "felony"


def normalize_enhancements(text: str | None) -> Normalized:
    """The §7 enhancement (delivery to a minor) a count's text names: value = tuple of citations."""
    raw = clean_spaces(text or "")
    if raw and _SECTION_7.search(raw):
        return Normalized((SECTION_7,), 1.0, n.EXACT)
    return Normalized((), 1.0 if raw else 0.0, n.EXACT if raw else n.EMPTY)
