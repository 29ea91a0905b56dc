"""Defendant names as dockets print them: `LAST, FIRST M`."""

from __future__ import annotations

import re

from extract import normalized as n
from extract.normalized import Normalized

_LETTERS_FOR_DIGITS = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "6": "G", "4": "A"})
_ALLOWED = re.compile(r"[^A-Z ,.'\-]")
_NAME = re.compile(r"^[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)*, [A-Z][A-Z'\-]*(?: [A-Z][A-Z'\-.]*)*$")


def normalize_name(text: str | None) -> Normalized:
    """Upper-case `LAST, FIRST M` with single spaces and one space after the comma.

    Digits and stray marks are OCR noise, dropped with a lower score; a name without the comma
    of the docket form is kept as printed with a lower score.
    """
    raw = " ".join((text or "").upper().split())
    if not raw:
        return Normalized(None, 0.0, n.EMPTY)
    # A digit inside a word of letters is a misread letter ("PUBL1C").
    # So is a lone digit after the comma: a middle initial ("KENNETH 5").
    given = raw.partition(",")
    raw = given[0] + given[1] + re.sub(r"(?<=\s)\d(?=\s|$)", lambda m: m.group(0).translate(_LETTERS_FOR_DIGITS), given[2])
    lettered = re.sub(r"[A-Z]*\d[A-Z\d]*", lambda m: m.group(0).translate(_LETTERS_FOR_DIGITS) if re.search("[A-Z]", m.group(0)) else m.group(0), raw)
    cleaned = _ALLOWED.sub("", lettered)
    cleaned = re.sub(r"\s*,\s*", ", ", cleaned).strip(" ,.")
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        return Normalized(None, 0.0, n.UNPARSED)
    changed = cleaned.replace(", ", ",") != raw.replace(", ", ",").replace(" ,", ",").strip(" ,.")
    notes: tuple[str, ...] = ("characters_repaired",) if changed else ()
    if _NAME.match(cleaned):
        return Normalized(cleaned, 0.85 if notes else 1.0, n.REPAIRED if notes else n.EXACT, notes)
    return Normalized(cleaned, 0.6, "unusual_form", (*notes, "name_form_unusual"))
