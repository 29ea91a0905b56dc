"""Repairs for the character confusions Tesseract makes on typewritten and dot-matrix dockets."""

from __future__ import annotations

import re

# Letters OCR reads in place of digits (0/O, 1/l/I, 5/S, 8/B, 2/Z).
DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "i": "1",
                                  "|": "1", "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2"})
_LOOKALIKE_CHARS = "OolIi|!SsBZz"
# A run of digits and look-alike letters; repaired only when it holds a real digit, so words
# ("ILCS", "SEC") and lone subsection letters ("(b)", "-B") are left alone.
_NUMERIC_RUN = re.compile(rf"[0-9{re.escape(_LOOKALIKE_CHARS)}]*[0-9][0-9{re.escape(_LOOKALIKE_CHARS)}]*")


def repair_digits(text: str) -> tuple[str, bool]:
    """Read look-alike letters as digits inside runs that already hold a digit.

    Returns the repaired text and whether anything changed.
    """

    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        # A run with more letters than digits is a word that happens to touch a digit ("5SEC").
        digits = sum(ch.isdigit() for ch in run)
        if digits * 2 < len(run):
            return run
        return run.translate(DIGIT_LOOKALIKES)

    repaired = _NUMERIC_RUN.sub(fix, text)
    return repaired, repaired != text


def clean_spaces(text: str) -> str:
    return " ".join(text.split())
