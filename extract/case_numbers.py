"""Cook County case numbers of every era (spec §11) read into the records.md normalized form."""

from __future__ import annotations

import re

from extract import normalized as n
from extract.normalized import Normalized
from extract.ocr_repair import clean_spaces, repair_digits
from extract.vocabulary import compiled_patterns

EXACT_SCORE = 1.0
REPAIR_SCORE = 0.85
# A number no §11 pattern knows but shaped like a docket number: a year, letters, a sequence.
GENERIC_SCORE = 0.6
_GENERIC = re.compile(r"^\d{2}(?:\d{2})?[A-Z]{0,3}\d{4,11}$")
_SEPARATORS = re.compile(r"[\s\-–—_.]+")
# Marks OCR reads in place of a typed C on worn ribbons.
_LETTER_LOOKALIKES = str.maketrans({"©": "C", "¢": "C", "€": "C", "(": "C"})


def _pattern_form(text: str) -> str:
    """The form §11 patterns read: upper case, single spaces, dashes kept."""
    return clean_spaces(text.upper().replace("–", "-").replace("—", "-").translate(_LETTER_LOOKALIKES))


_SPECKS = re.compile(r"[^A-Z0-9\s\-]")
_DOUBLED_ZERO = re.compile(r"(?<=[A-Z])O(0)(?=\d)")
_CAPITAL_LOOKALIKES = {"L": "1", "I": "1", "O": "0", "S": "5", "B": "8", "Z": "2", "G": "6"}


def _letter_digit_variants(text: str) -> list[str]:
    """`text` with one capital that OCR may have read for a digit ("76CRL4379") made that digit."""
    return [
        text[:i] + _CAPITAL_LOOKALIKES[ch] + text[i + 1 :]
        for i, ch in enumerate(text)
        if ch in _CAPITAL_LOOKALIKES and i + 1 < len(text) and text[i + 1].isdigit()
    ]


def normalize_case_number(text: str | None) -> Normalized:
    """Read a printed case number (`93 C 660123`, `98 CR 12345-01`) into `93C660123` form.

    records.md: upper case, spaces and dashes removed. `detail` is the §11 meaning of the matched
    pattern (a weak hint only: it never decides eligibility).
    """
    raw = _pattern_form(text or "")
    if not raw:
        return Normalized(None, 0.0, n.EMPTY)
    # "89CRO02218": the first zero after the letters read twice, once as the letter O.
    undoubled = _DOUBLED_ZERO.sub(r"\1", raw)
    # "84C6é15414", "$86C848784": a speck inside the number, or before it, read as a mark or an S.
    despeckled = clean_spaces(_SPECKS.sub("", raw))
    unprefixed = despeckled[1:] if re.match(r"^[$S5]\d{2}", despeckled) else despeckled
    candidates = (
        (raw, False),
        (undoubled, True),
        (repair_digits(raw)[0], True),
        *((v, True) for v in _letter_digit_variants(raw)),
        (despeckled, True),
        (repair_digits(despeckled)[0], True),
        (repair_digits(_DOUBLED_ZERO.sub(r"\1", unprefixed))[0], True),
    )
    for candidate, repaired in candidates:
        if repaired and candidate == raw:
            continue
        for row, pattern in compiled_patterns("case_numbers"):
            if pattern.match(candidate):
                value = _SEPARATORS.sub("", candidate)
                if repaired:
                    return Normalized(value, REPAIR_SCORE, n.REPAIRED, ("digits_repaired",), row["meaning"])
                return Normalized(value, EXACT_SCORE, n.EXACT, (), row["meaning"])
    compact = _SEPARATORS.sub("", repair_digits(raw)[0])
    # "82C756593" read as "820756593": the letter of a complaint number taken for a zero.
    lettered = re.sub(r"^(\d{2})[0O](\d{6})$", r"\1C\2", compact)
    if lettered != compact:
        return Normalized(lettered, REPAIR_SCORE, n.REPAIRED, ("letter_repaired",), None)
    if _GENERIC.match(compact):
        return Normalized(compact, GENERIC_SCORE, "unknown_pattern", ("case_number_pattern_unknown",))
    return Normalized(None, 0.0, n.UNPARSED)
