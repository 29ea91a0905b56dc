"""Dot-matrix print: found by measuring the page, and its dots joined into strokes before OCR.

A dot-matrix printer draws each stroke as a row of round dots. Scanned, the dots either stand
apart (small specks of one size) or overlap and leave small holes of paper between them inside
every stroke. Tesseract binarizes those holes into the letters and misreads them: on generated
near-letter-quality printouts it read 90.5 % of the words, with the dots joined 98.2 %
(docs/design-digitize.md). Typewritten and typeset print has solid strokes and neither specks
nor holes of that size in any number, so the measurement leaves it alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize.ink import TextInk, binarize_ink, find_text_ink
from models.pages import PageImage

# A dot of a printer head, or a hole of paper between overlapping dots, is under 1/75 inch
# across (9-pin draft heads fire at 1/72–1/96 inch, near-letter-quality passes at 1/144).
MAX_DOT_INCHES = 1 / 75
# Fragments per letter, measured (docs/design-digitize.md): near-letter-quality printouts,
# whose dots overlap in a fine grid, 83–104 (18–20 scanned skewed); draft printouts, whose
# coarse dots overlap into nearly solid strokes at 300 dpi, 4.4–5.4; typewritten pages
# 0.00–0.82 with any damage; real scans up to 1.5 (bitonal speckle, JPEG holes in thermal
# print). Draft print is left as printed: joining its dots gained it nothing.
DOT_FRAGMENTS_PER_LETTER = 10.0
# Below this many fragments or letters the band holds too little print to tell.
MIN_DOT_FRAGMENTS = 50
MIN_LETTERS = 20
# Measured on the band this tall richest in text: six to eight lines of print.
BAND_INCHES = 1.25
# Joined with a Gaussian about a third of the finest dot pitch wide (1/144 inch): it fills the
# holes between dots and keeps the gaps between letters. Wider blurs merged draft letters and
# read them worse.
JOIN_SIGMA_INCHES = 1 / 430


@dataclass(frozen=True)
class DotPrint:
    """What a band of the page's print measures: letters (character-sized blots at analysis
    scale), and dot fragments (specks and enclosed holes of paper no bigger than a print-head
    dot, at full resolution)."""

    letters: int
    fragments: int

    @property
    def is_dot_matrix(self) -> bool:
        return (
            self.letters >= MIN_LETTERS
            and self.fragments >= MIN_DOT_FRAGMENTS
            and self.fragments >= DOT_FRAGMENTS_PER_LETTER * self.letters
        )


def measure_dot_print(page: PageImage, *, ink: TextInk | None = None) -> DotPrint:
    """Count the letters and the dot fragments in the band of the page richest in text, at full
    resolution (at analysis scale the dots and holes vanish).

    Args:
        ink: `find_text_ink(page)`, when the caller has it already.
    """
    text = find_text_ink(page) if ink is None else ink
    if text.is_empty:
        return DotPrint(letters=0, fragments=0)
    # A page is printed in one face: a band of a few lines tells as well as the whole page, at a
    # fifth of the cost (counting the holes of a whole dot-matrix page took 36 ms). The band is
    # chosen on character-sized ink, so a scanner's dark border or a stamp does not draw it.
    rows = np.concatenate([[0], np.cumsum(text.mask.sum(axis=1, dtype=np.int64))])
    band = max(1, min(len(rows) - 1, round(BAND_INCHES * page.dpi * text.scale)))
    start = int(np.argmax(rows[band:] - rows[:-band]))
    columns = np.flatnonzero(text.mask[start:start + band].any(axis=0))
    top, bottom = int(start / text.scale), int(np.ceil((start + band) / text.scale))
    left, right = int(columns[0] / text.scale), int(np.ceil((columns[-1] + 1) / text.scale))
    ink = binarize_ink(page.pixels[top:bottom, left:right]).astype(np.uint8)
    max_dot_area = (MAX_DOT_INCHES * page.dpi) ** 2
    # Letters are counted where find_text_ink found them, at analysis scale: there a letter
    # printed in separate dots is one blot, as it is to a reader.
    letters = cv2.connectedComponents(text.mask[start:start + band].astype(np.uint8), connectivity=8)[0] - 1
    _, _, ink_stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    specks = int((ink_stats[1:, cv2.CC_STAT_AREA] <= max_dot_area).sum())
    # Paper components with 4-connectivity: a hole between diagonal dots stays a hole.
    _, _, paper_stats, _ = cv2.connectedComponentsWithStats(1 - ink, connectivity=4)
    paper_stats = paper_stats[1:]
    x, y = paper_stats[:, cv2.CC_STAT_LEFT], paper_stats[:, cv2.CC_STAT_TOP]
    width, height = paper_stats[:, cv2.CC_STAT_WIDTH], paper_stats[:, cv2.CC_STAT_HEIGHT]
    enclosed = (x > 0) & (y > 0) & (x + width < ink.shape[1]) & (y + height < ink.shape[0])
    holes = int((enclosed & (paper_stats[:, cv2.CC_STAT_AREA] <= max_dot_area)).sum())
    return DotPrint(letters=letters, fragments=specks + holes)


def join_dots(page: PageImage) -> PageImage:
    """The page with its print's dots blurred into solid strokes; Tesseract then binarizes it."""
    sigma = JOIN_SIGMA_INCHES * page.dpi
    return page.with_pixels(cv2.GaussianBlur(page.pixels, (0, 0), sigma))
