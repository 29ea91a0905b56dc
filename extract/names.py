"""Defendant names as dockets print them: `LAST, FIRST M`."""

from __future__ import annotations

import re

from extract import normalized as n
from extract.normalized import Normalized
from models.pages import OcrWord

_LETTERS_FOR_DIGITS = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "6": "G", "4": "A"})
_ALLOWED = re.compile(r"[^A-Z ,.'\-]")
_NAME = re.compile(r"^[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)*, [A-Z][A-Z'\-]*(?: [A-Z][A-Z'\-.]*)*$")
# Marks a worn or dot-matrix middle initial is read as: S with a stroke through it, B's two bowls.
_INITIAL_LOOKALIKES = {"$": "S", "&": "B"}
# A lone zero for an initial is a dot-matrix D (draft D reads as O or 0): D begins far more
# given names than O does.
_ZERO_INITIAL = "D"
# A surname closed by a period where the docket prints a comma ("PHILLIPS. EDWARD W").
_PERIOD_FOR_COMMA = re.compile(r"^([A-Z][A-Z'\-]+)\. (?=[A-Z])")
# A middle initial read as its capital twice ("KENNETH 5S": a dot-matrix S read as 5 and S).
_DOUBLED_INITIAL = re.compile(r"^([^,]+, \S+(?: \S+)*) ([A-Z])\2$")
# An initial with a speck beside it read as a lower-case letter ("Db"): dockets print capitals.
_SPECKED_INITIAL = re.compile(r"(?<=\s)([A-Z])[a-z]$")


def is_name_word(text: str) -> bool:
    """A word that may belong to a name: letters or digits, or a mark read for an initial."""
    return any(ch.isalnum() for ch in text) or text in _INITIAL_LOOKALIKES


def name_text(words: list[OcrWord] | tuple[OcrWord, ...]) -> tuple[str, bool]:
    """The words of a name as text, with an O that Tesseract weighed as D read D (draft dot-matrix
    D reads as O: "EOWARD"), and an initial read as a mark or digit read as the capital
    Tesseract weighed for it ("0" with G weighed), unless that is D or O (a lone 0 is a D, see
    normalize_name). Returns the text and whether a letter was changed."""
    texts = []
    changed = False
    for word in words:
        weighed = dict(word.alternatives)
        capitals = [ch for ch in weighed.get(0, "") if ch.isupper()]
        if len(word.text) == 1 and not word.text.isalpha() and capitals and not {"D", "O"} & set(capitals):
            letters = capitals[:1]
        else:
            letters = [
                "D" if ch == "O" and "D" in weighed.get(i, "") else ch
                for i, ch in enumerate(word.text)
            ]
        texts.append("".join(letters))
        changed = changed or texts[-1] != word.text
    return " ".join(texts), changed


def normalize_name(text: str | None, *, letters_repaired: bool = False) -> Normalized:
    """Upper-case `LAST, FIRST M` with single spaces and one space after the comma.

    Digits and stray marks are OCR noise, dropped with a lower score; a name without the comma
    of the docket form is kept as printed with a lower score. `letters_repaired` says the text
    already had letters repaired (`name_text`).
    """
    printed = " ".join((text or "").split())
    if not printed:
        return Normalized(None, 0.0, n.EMPTY)
    unspecked = _SPECKED_INITIAL.sub(r"\1", printed) if "," in printed else printed
    raw = unspecked.upper()
    if "," not in raw:
        raw = _PERIOD_FOR_COMMA.sub(r"\1, ", raw)
    surname, comma, given = raw.partition(",")
    if comma:
        initials = [_INITIAL_LOOKALIKES.get(w, _ZERO_INITIAL if w == "0" else w) if i else w for i, w in enumerate(given.split())]
        raw = surname + comma + " " + " ".join(initials)
    letters_repaired = letters_repaired or unspecked != printed
    # A digit inside a word of letters is a misread letter ("PUBL1C").
    # So is a lone digit after the comma: a middle initial ("KENNETH 5").
    given = raw.partition(",")
    raw = given[0] + given[1] + re.sub(r"(?<=\s)\d(?=\s|$)", lambda m: m.group(0).translate(_LETTERS_FOR_DIGITS), given[2])
    lettered = re.sub(r"[A-Z]*\d[A-Z\d]*", lambda m: m.group(0).translate(_LETTERS_FOR_DIGITS) if re.search("[A-Z]", m.group(0)) else m.group(0), raw)
    cleaned = _ALLOWED.sub("", lettered)
    cleaned = re.sub(r"\s*,\s*", ", ", cleaned).strip(" ,.")
    cleaned = _DOUBLED_INITIAL.sub(r"\1 \2", " ".join(cleaned.split()))
    if not cleaned:
        return Normalized(None, 0.0, n.UNPARSED)
    changed = letters_repaired or cleaned.replace(", ", ",") != " ".join(printed.upper().split()).replace(", ", ",").replace(" ,", ",").strip(" ,.")
    notes: tuple[str, ...] = ("characters_repaired",) if changed else ()
    if _NAME.match(cleaned):
        return Normalized(cleaned, 0.85 if notes else 1.0, n.REPAIRED if notes else n.EXACT, notes)
    return Normalized(cleaned, 0.6, "unusual_form", (*notes, "name_form_unusual"))
