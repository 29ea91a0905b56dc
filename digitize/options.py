"""The options of a scan: one frozen value, checked before any work starts."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from models.errors import InputError

# Tesseract's page segmentation modes that read a whole page (0 only detects orientation,
# 7–10 and 13 read a single line or word).
PAGE_PSMS = (1, 3, 4, 5, 6, 11, 12)


@dataclass(frozen=True)
class DigitizeOptions:
    """How pages are loaded, normalized and read.

    Args:
        lang: Tesseract language(s), e.g. "eng" or "eng+spa".
        psm: Tesseract page segmentation mode.
        default_dpi: resolution assumed for a PDF page that holds no scanned image.
        min_dpi: pages below this are upscaled to `target_dpi` (small type reads badly).
        max_dpi: pages above this are downscaled to `target_dpi` (time and memory grow with
            pixels, accuracy does not).
        target_dpi: the resolution pages are resampled to when they fall outside the range.
        orient: detect pages scanned sideways or upside down and turn them upright.
        deskew: measure the skew of text lines and straighten the page.
        max_skew_degrees: the largest skew searched for.
        flatten: divide the page by its paper (shading, greenbar bands, fading) before reading.
        denoise: median-filter pages whose paper measures noisy (speckle slows Tesseract
            down tenfold and misleads it).
        remove_lines: erase long ruled lines (form rules, table borders) before OCR.
        remove_stamps: erase rubber stamps inked lighter than the type ("FILED" boxes, clerks'
            seals), keeping the type they cross.
        reread_as_block: read a page Tesseract's layout analysis read poorly (mean word
            confidence under 0.6) again as one block of text (psm 6), and keep that reading
            when it holds more confidently read letters.
        read_missed: read again, on a blank sheet, lines of text ink that no word Tesseract read
            covers (its layout analysis can leave out a whole column of clean type).
        join_dots: on pages measured to be dot-matrix print, blur the print head's dots into
            solid strokes before OCR (Tesseract misreads the paper between them).
        drop_doubled: drop a character Tesseract read a second time from the same glyph (a sliver
            of a box at the right edge of the character before: `51.1` read `51.14`).
        restore_zeros: read as 0 a 6, 8 or 9 for which Tesseract also weighed a 0 (its model takes
            the dotted and slashed zeros of printers for them).
        vote_digits: read as another digit a digit glyph whose nearest look-alikes among the page's
            digit glyphs were mostly read as that digit (and Tesseract weighed it, or it is a zero
            read 6, 8 or 9); an `@`, `&` or `$` inside a number is voted the same way, into a zero only.
        vote_letters: read as another capital a capital letter glyph whose nearest look-alikes
            among the page's capitals were mostly read as that letter, one of them its near twin.
        restore_capitals: read as the capital a c, o, s, v, w, x or z as tall as the page's capitals
            (`vs.` on a page printed in capitals is `VS.`).
        join_subsections: join a parenthesized subsection Tesseract split from its number
            (`704` `(A)`) when the type's pitch says no space stood between.
        ocr_timeout_seconds: a page Tesseract has not read by then is recorded as failed.
        png_compression: zlib level (0–9) of the normalized page image kept for review.
        blacklist: characters Tesseract may not output. Typewriters and line printers of
            1975–1999 could not print them, and Tesseract's guesses of them are misreadings
            (an em dash for a hyphen, € for C).
    """

    lang: str = "eng"
    psm: int = 3
    default_dpi: int = 300
    min_dpi: int = 200
    max_dpi: int = 400
    target_dpi: int = 300
    orient: bool = True
    deskew: bool = True
    max_skew_degrees: float = 15.0
    flatten: bool = True
    denoise: bool = True
    remove_lines: bool = True
    remove_stamps: bool = True
    reread_as_block: bool = True
    read_missed: bool = True
    join_dots: bool = True
    drop_doubled: bool = True
    restore_zeros: bool = True
    vote_digits: bool = True
    vote_letters: bool = True
    restore_capitals: bool = True
    join_subsections: bool = True
    ocr_timeout_seconds: float = 300.0
    png_compression: int = 6
    blacklist: str = "—–€¢£¥©®“”‘’«»§¶•…°™{}|"

    def __post_init__(self) -> None:
        check_options(self)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_options(options: DigitizeOptions) -> None:
    """Raise InputError naming the first option that cannot work."""
    if not options.lang or not all(part.isidentifier() for part in options.lang.split("+")):
        raise InputError(f"lang must be Tesseract language names joined by '+', got {options.lang!r}")
    if options.psm not in PAGE_PSMS:
        raise InputError(f"psm must be one of {PAGE_PSMS} (modes that read a whole page), got {options.psm}")
    if not 50 <= options.min_dpi <= options.target_dpi <= options.max_dpi <= 1200:
        raise InputError(
            "dpi options must satisfy 50 <= min_dpi <= target_dpi <= max_dpi <= 1200, got "
            f"{options.min_dpi}, {options.target_dpi}, {options.max_dpi}"
        )
    if not 50 <= options.default_dpi <= 1200:
        raise InputError(f"default_dpi must be within 50..1200, got {options.default_dpi}")
    if not 0 < options.max_skew_degrees <= 45:
        raise InputError(f"max_skew_degrees must be within (0, 45], got {options.max_skew_degrees}")
    if options.ocr_timeout_seconds <= 0:
        raise InputError(f"ocr_timeout_seconds must be positive, got {options.ocr_timeout_seconds}")
    if any(character.isspace() or character in "\"'\\" for character in options.blacklist):
        raise InputError("blacklist cannot hold spaces, quotes or backslashes")
    if not 0 <= options.png_compression <= 9:
        raise InputError(f"png_compression must be within 0..9, got {options.png_compression}")
