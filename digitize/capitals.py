"""Capitals Tesseract read as their small letters: a c, o, s, v, w, x or z as tall as the page's
capitals is the capital.

These seven letters have the same shape in both cases and differ only in height, which
Tesseract's line model judges from the line around them; in words it knows in lower case it
guesses wrong on all-capital pages (`VS.` read `vs.` or `Vs.`, `CT` read `cT`, `POC` read `Poc`:
15 words on 60 clean generated dockets, seeds 4100–4159). The letter's own ink height decides instead
(docs/design-digitize.md, session 8).
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from digitize.glyphs import glyph_boxes
from digitize.tesseract import CharacterBoxes
from models.pages import OcrWord, PageImage, PageText

SAME_SHAPE = "cosvwxz"
# A word of capitals only (no descenders, nothing below the line) is as tall as the page's capitals.
_CAPITALS = set("ABCDEFGHIKLMNOPRSTUVWXYZ")
# Fewer such words than this and the page's capital height is not known well enough to judge by.
MIN_CAPITAL_WORDS = 5
# Of the capitals' height, on generated dockets (seeds 4100–4159 clean, 4100–4139 damaged): small
# letters stand 0.67–0.78 (one blurred c beside an h, 0.97), capitals read as small letters
# 0.86–1.0 on clean pages and 0.83–1.0 on damaged ones. Above the upper bound the word's box holds
# specks or a neighbour, not a letter's height.
CAPITAL_SHARE = (0.82, 1.3)
# A character box's outer columns may hold a neighbour's ink (`cT`): only its middle is measured.
MEASURED_WIDTH = 0.6


def _may_be_capitals(word: str) -> bool:
    """A word of capitals and same-shaped small letters only: any other small letter (`ch.`,
    `Poss`) says Tesseract read the word as mixed case from letters that do differ."""
    letters = [character for character in word if character.isalpha()]
    return any(character in SAME_SHAPE for character in letters) and all(
        character.isupper() or character in SAME_SHAPE for character in letters
    )


def _capital_height(text: PageText) -> float | None:
    heights = [word.height for word in text.words if len(word.text) >= 2 and set(word.text) <= _CAPITALS]
    return float(np.median(heights)) if len(heights) >= MIN_CAPITAL_WORDS else None


def _word_threshold(page: PageImage, word: OcrWord) -> float:
    """The word's own threshold: its ink against its paper, whatever the page's contrast."""
    word_pixels = page.pixels[word.top : word.top + word.height, word.left : word.left + word.width]
    threshold, _ = cv2.threshold(word_pixels, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return threshold


def _ink_height(page: PageImage, threshold: float, box: tuple[int, int, int, int]) -> int:
    """Rows darker than `threshold` in the middle columns of a character's box
    (`glyphs.glyph_boxes`: its columns, its word's rows)."""
    margin = (box[2] - box[0]) * (1 - MEASURED_WIDTH) / 2
    left, right = int(round(box[0] + margin)), int(round(box[2] - margin))
    if right <= left:
        return 0
    crop = page.pixels[box[1] : box[3], left:right]
    if not crop.size:
        return 0
    rows = np.nonzero((crop < threshold).any(axis=1))[0]
    return int(rows[-1] - rows[0] + 1) if len(rows) else 0


def restore_capitals(page: PageImage, text: PageText, characters: CharacterBoxes) -> tuple[PageText, int]:
    """The page's words with each same-shaped small letter as tall as the page's capitals read
    as the capital; and how many letters changed.

    Args:
        page: the image Tesseract read, in whose pixels the words and `characters` are boxed.
        characters: each word's character boxes (`tesseract.parse_character_boxes`).
    """
    capital_height = _capital_height(text)
    if capital_height is None:
        return text, 0
    low, high = CAPITAL_SHARE
    words = list(text.words)
    thresholds: dict[int, float] = {}
    changed = 0
    for word_index, index, box in glyph_boxes(text, characters, keeps_word=_may_be_capitals, keeps=SAME_SHAPE.__contains__):
        word = words[word_index]
        if word_index not in thresholds:
            thresholds[word_index] = _word_threshold(page, word)
        if low <= _ink_height(page, thresholds[word_index], box) / capital_height <= high:
            words[word_index] = replace(word, text=word.text[:index] + word.text[index].upper() + word.text[index + 1 :])
            changed += 1
    if not changed:
        return text, 0
    return replace(text, words=tuple(words)), changed
