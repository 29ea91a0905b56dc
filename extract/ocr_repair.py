"""Repairs for the character confusions Tesseract makes on typewritten and dot-matrix dockets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import combinations

from models.pages import OcrWord

# Letters OCR reads in place of digits (0/O/Q, 1/l/I, 5/S, 8/B, 2/Z).
DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "Q": "0", "l": "1", "I": "1", "i": "1",
                                  "|": "1", "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2"})
_LOOKALIKE_CHARS = "OoQlIi|!SsBZz"
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


# Dot-matrix printers print a dotted zero, which Tesseract reads as 6, 8 or 9 (and "$" for a
# worn one): a number that cannot be right is read again with some of them as zeros.
DOTTED_ZERO_DIGITS = "689"
_DOTTED_ZERO_READINGS = DOTTED_ZERO_DIGITS + "$"


def zero_variants(text: str, *, max_changes: int = 3) -> list[str]:
    """`text` with up to `max_changes` of its 6, 8, 9 or $ read as 0, fewest changes first."""
    positions = [i for i, ch in enumerate(text) if ch in _DOTTED_ZERO_READINGS]
    variants: list[str] = []
    for changes in range(1, min(max_changes, len(positions)) + 1):
        for chosen in combinations(positions, changes):
            chars = list(text)
            for i in chosen:
                chars[i] = "0"
            variants.append("".join(chars))
    return variants


def weighed_digit_readings(text: str, placed: Iterable[tuple[int, OcrWord]], *, marks: bool = False, letters: str = "") -> Iterator[str]:
    """`text` with one digit read as another digit Tesseract weighed for it.

    Args:
        placed: (offset in `text`, word) of each OCR word `text` was read from.
        marks: also where a mark was read and a digit weighed (`$2CR18282`, whose $ Tesseract
            also weighed as 9).
        letters: letters a digit may be read as too, where Tesseract weighed them (the C of a
            case number read as a zero: `9300983932` with C weighed at its second zero).
    """
    for offset, word in placed:
        for index, others in word.alternatives:
            if index < len(word.text) and (word.text[index].isdigit() or (marks and not word.text[index].isalnum())):
                at = offset + index
                yield from (text[:at] + other + text[at + 1 :] for other in others if other.isdigit() or other in letters)
