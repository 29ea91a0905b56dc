"""Text Tesseract's layout analysis left out: character-sized ink that no word it read covers.

Tesseract sometimes finds no block at all over clean type: a column of "CT 1" / "CT 2" beside
the charges (seed 8071), a caption line over a stamp (damaged 8026). The ink is still there, so
the lines it forms are cut out onto a blank sheet and read again, away from what misled the
layout analysis.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitize.ink import TextInk
from models.pages import OcrWord, PageImage

# A word's box is widened by these shares of the character height before its ink counts as read:
# Tesseract's boxes hug the glyphs and leave the edges of serifs and dots outside.
COVER_PAD_X = 0.5
COVER_PAD_Y = 0.3
# A mark (a letter, or letters run together) is missed when no word's box covers this share of it.
MISSED_SHARE = 0.5
# Letters closer than this many character heights are one line of missed text.
JOIN_HEIGHTS = 1.5
# Missed ink narrower than this many character heights is a speck or a stray letter, not a line
# worth a second reading; one shorter or taller than these is no line of type either.
MIN_WIDTH_HEIGHTS = 1.5
LINE_HEIGHTS = (0.5, 3.0)
# And it must hold this much ink (in square character heights): two or three letters' worth.
MIN_INK_SQUARE_HEIGHTS = 0.6
# And at least this many separate marks: the sprocket holes down a printout's margins are
# letter-sized, but each stands alone.
MIN_MARKS = 2
# A word read from the missed lines is kept at this confidence or more: what layout analysis left
# out is also what remains of stamps printed as dark as the type, read as letters. On damaged
# generated pages (seeds 7000–7399, 8000–8099) this keeps 186 of the 199 added words that were
# printed and 49 of the 97 that were not (at 0.5, all 199 and 97).
MIN_CONFIDENCE = 0.75
# Around each missed line, this much of the page is cut out with it (inches).
LINE_MARGIN_INCHES = 0.04
# Around all of them, this much blank sheet (inches): Tesseract reads text touching the edge badly.
SHEET_MARGIN_INCHES = 0.1

Box = tuple[int, int, int, int]


def find_missed_lines(ink: TextInk, words: tuple[OcrWord, ...] | list[OcrWord]) -> list[Box]:
    """Boxes (left, top, right, bottom, in the page's pixels) of the lines of text marks that no
    word's box covers; specks and lone letters are left out."""
    if ink.is_empty or not words:
        return []
    scale, height = ink.scale, ink.char_height
    covered = np.zeros_like(ink.mask)
    for word in words:
        left = max(0, int(word.left * scale - COVER_PAD_X * height))
        top = max(0, int(word.top * scale - COVER_PAD_Y * height))
        right = int((word.left + word.width) * scale + COVER_PAD_X * height) + 1
        bottom = int((word.top + word.height) * scale + COVER_PAD_Y * height) + 1
        covered[top:bottom, left:right] = True
    count, marks, stats, _ = cv2.connectedComponentsWithStats(ink.mask.astype(np.uint8), connectivity=8)
    areas = stats[:, cv2.CC_STAT_AREA]
    # A mark is missed whole: a digit half under the padded box of the word beside it is cut out
    # with both its halves.
    is_missed = np.bincount(marks[ink.mask & ~covered], minlength=count) >= MISSED_SHARE * areas
    is_missed[0] = False
    if not is_missed.any():
        return []
    on_missed = is_missed[marks]
    join = max(1, round(JOIN_HEIGHTS * height))
    _, line_labels = cv2.connectedComponents(cv2.dilate(on_missed.astype(np.uint8), np.ones((1, join), np.uint8)), connectivity=8)
    line_of_mark = np.zeros(count, dtype=np.int64)
    line_of_mark[marks[on_missed]] = line_labels[on_missed]
    missed_marks = np.flatnonzero(is_missed)
    lines = []
    for line in np.unique(line_of_mark[missed_marks]):
        members = missed_marks[line_of_mark[missed_marks] == line]
        left = int(stats[members, cv2.CC_STAT_LEFT].min())
        top = int(stats[members, cv2.CC_STAT_TOP].min())
        right = int((stats[members, cv2.CC_STAT_LEFT] + stats[members, cv2.CC_STAT_WIDTH]).max())
        bottom = int((stats[members, cv2.CC_STAT_TOP] + stats[members, cv2.CC_STAT_HEIGHT]).max())
        if right - left < MIN_WIDTH_HEIGHTS * height or not LINE_HEIGHTS[0] * height <= bottom - top <= LINE_HEIGHTS[1] * height:
            continue
        if areas[members].sum() < MIN_INK_SQUARE_HEIGHTS * height * height or len(members) < MIN_MARKS:
            continue
        lines.append((int(left / scale), int(top / scale), int(np.ceil(right / scale)), int(np.ceil(bottom / scale))))
    return lines


def cut_out(page: PageImage, lines: list[Box]) -> tuple[PageImage, tuple[int, int]]:
    """The missed lines on a blank sheet, each where it stands on the page; and the sheet's
    top-left corner in the page's pixels."""
    margin = round(LINE_MARGIN_INCHES * page.dpi)
    sheet_margin = round(SHEET_MARGIN_INCHES * page.dpi)
    left = max(0, min(box[0] for box in lines) - sheet_margin)
    top = max(0, min(box[1] for box in lines) - sheet_margin)
    right = min(page.width, max(box[2] for box in lines) + sheet_margin)
    bottom = min(page.height, max(box[3] for box in lines) + sheet_margin)
    sheet = np.full((bottom - top, right - left), 255, dtype=np.uint8)
    for x0, y0, x1, y1 in lines:
        x0, y0 = max(0, x0 - margin), max(0, y0 - margin)
        x1, y1 = min(page.width, x1 + margin), min(page.height, y1 + margin)
        sheet[y0 - top : y1 - top, x0 - left : x1 - left] = page.pixels[y0:y1, x0:x1]
    return page.with_pixels(sheet), (left, top)


def is_missed_text(word: OcrWord) -> bool:
    """Whether a word read from the missed lines is text: confidently read, not a dash or bar read
    from a speck or a rule's end, and not a lone small letter (a count number standing alone is
    a digit; a lone `o` or `a` was a blot)."""
    if word.confidence < MIN_CONFIDENCE or not any(c.isalnum() for c in word.text):
        return False
    return len(word.text) > 1 or word.text.isdigit() or word.text.isupper()
