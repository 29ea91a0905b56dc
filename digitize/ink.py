"""Where the text is: a reduced, binarized view of a page keeping only character-sized ink.

Skew and orientation are measured on this view, so ruled lines, stamps, scanner borders and
speckle do not pull the measurement away from the text lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from models.pages import PageImage

# Measuring at 150 dpi keeps text lines several pixels tall while cutting the work fourfold.
ANALYSIS_DPI = 150
MIN_LETTER_INCHES = 0.03
NOISE_SIGMA = 1.0


@dataclass(frozen=True)
class TextInk:
    """Character-sized ink of a page at `scale` times its size.

    `mask` is True on ink; `char_height` is the median height of the kept components, in the
    reduced image's pixels.
    """

    mask: np.ndarray
    scale: float
    char_height: float

    @property
    def is_empty(self) -> bool:
        return not bool(self.mask.any())


def reduce(pixels: np.ndarray, scale: float) -> np.ndarray:
    if scale >= 1.0:
        return pixels
    size = (max(1, round(pixels.shape[1] * scale)), max(1, round(pixels.shape[0] * scale)))
    return cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)


def binarize_ink(pixels: np.ndarray) -> np.ndarray:
    """True where a pixel is ink (Otsu threshold; dark on light)."""
    _, ink = cv2.threshold(pixels, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink.astype(bool)


def find_text_ink(page: PageImage, *, analysis_dpi: int = ANALYSIS_DPI) -> TextInk:
    """The page's character-sized ink at about `analysis_dpi`."""
    scale = min(1.0, analysis_dpi / max(page.dpi, 1))
    # Scanner noise on a faded page would cross the threshold as thousands of specks; a light
    # blur at this scale evens it out and leaves strokes dark.
    small = cv2.GaussianBlur(reduce(page.pixels, scale), (0, 0), NOISE_SIGMA)
    ink = binarize_ink(small)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    areas = stats[1:, cv2.CC_STAT_AREA]
    # Specks of one or two pixels are noise at this scale, not strokes.
    candidates = areas >= 3
    if count <= 1 or not candidates.any():
        return TextInk(mask=np.zeros_like(ink), scale=scale, char_height=0.0)
    # Letters of the smallest print on a docket are at least 0.03 in tall; on a noisy scan,
    # specks outnumber letters, so they must not set the median.
    letter_sized = candidates & (heights >= max(3.0, MIN_LETTER_INCHES * page.dpi * scale))
    char_height = float(np.median(heights[letter_sized if letter_sized.any() else candidates]))
    # Characters are at most a few line heights tall; words that touched into one component
    # are long but short. Rules, borders, stamps and pictures are larger than that; specks and
    # dots much smaller.
    keep = (
        candidates
        & (np.maximum(heights, widths) >= 0.3 * char_height)
        & (heights <= 4 * char_height + 2)
        & (widths <= 25 * char_height + 2)
    )
    lookup = np.concatenate([[False], keep])
    return TextInk(mask=lookup[labels], scale=scale, char_height=char_height)


def text_region(
    page: PageImage, *, ink: TextInk | None = None, margin_inches: float = 0.25
) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the page's text, with a margin; the whole page if none.

    Args:
        ink: `find_text_ink(page)`, when the caller has it already.
    """
    ink = find_text_ink(page) if ink is None else ink
    if ink.is_empty:
        return 0, 0, page.width, page.height
    rows = np.flatnonzero(ink.mask.any(axis=1))
    columns = np.flatnonzero(ink.mask.any(axis=0))
    margin = margin_inches * page.dpi
    left = max(0, int((columns[0] / ink.scale) - margin))
    top = max(0, int((rows[0] / ink.scale) - margin))
    right = min(page.width, int(np.ceil((columns[-1] + 1) / ink.scale + margin)))
    bottom = min(page.height, int(np.ceil((rows[-1] + 1) / ink.scale + margin)))
    return left, top, right, bottom
