"""Dot-matrix print: found by measuring the page, and its dots joined into strokes before OCR.

A dot-matrix printer draws each stroke as a row of round dots. Scanned, the dots either stand
apart (small specks of one size) or overlap and leave small holes of paper between them inside
every stroke. Tesseract binarizes those holes into the letters and misreads them: on generated
near-letter-quality printouts it read 90.5 % of the words, with the dots joined 98.5 %
(docs/design-digitize.md). Typewritten and typeset print has solid strokes and neither specks
nor holes of that size in any number, so the measurement leaves it alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize.ink import binarize_ink, text_region
from models.pages import PageImage

# A dot of a printer head, or a hole of paper between overlapping dots, is under 1/75 inch
# across (9-pin draft heads fire at 1/72–1/96 inch, near-letter-quality passes at 1/144).
MAX_DOT_INCHES = 1 / 75
# Letters are 0.03–0.3 inch tall at any docket's type size.
MIN_LETTER_INCHES = 0.03
MAX_LETTER_INCHES = 0.3
# Near-letter-quality printouts (dots overlapping in a fine grid) measure 50–55 fragments per
# letter; typewritten pages 0.00–0.06; real scans up to 1.2 (bitonal speckle, JPEG holes in
# thermal print). Draft print, whose coarse dots overlap into solid strokes at 300 dpi, measures
# 1.2–3.9, overlapping the real scans: it is left as printed, and joining gained it nothing
# (docs/design-digitize.md).
DOT_FRAGMENTS_PER_LETTER = 10.0
# Below this many fragments the page holds too little print to tell.
MIN_DOT_FRAGMENTS = 50
# Joined with a Gaussian about a third of the finest dot pitch wide (1/144 inch): it fills the
# holes between dots and keeps the gaps between letters. Wider blurs merged draft letters and
# read them worse.
JOIN_SIGMA_INCHES = 1 / 430


@dataclass(frozen=True)
class DotPrint:
    """What the page's print measures: letter-sized ink components, and dot fragments (specks
    and enclosed holes of paper no bigger than a print-head dot)."""

    letters: int
    fragments: int

    @property
    def is_dot_matrix(self) -> bool:
        return self.fragments >= MIN_DOT_FRAGMENTS and self.fragments >= DOT_FRAGMENTS_PER_LETTER * self.letters


def measure_dot_print(page: PageImage) -> DotPrint:
    """Count the letters and the dot fragments in the page's text region, at full resolution
    (at analysis scale the dots and holes vanish)."""
    left, top, right, bottom = text_region(page)
    ink = binarize_ink(page.pixels[top:bottom, left:right]).astype(np.uint8)
    max_dot_area = (MAX_DOT_INCHES * page.dpi) ** 2
    _, _, ink_stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    ink_stats = ink_stats[1:]
    heights = ink_stats[:, cv2.CC_STAT_HEIGHT]
    letters = int(((heights >= MIN_LETTER_INCHES * page.dpi) & (heights <= MAX_LETTER_INCHES * page.dpi)).sum())
    specks = int((ink_stats[:, cv2.CC_STAT_AREA] <= max_dot_area).sum())
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
