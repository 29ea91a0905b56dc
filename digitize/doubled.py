"""Characters Tesseract read twice: one glyph decoded as two characters, one of them boxed as a
sliver at an edge of the other (`51.1` read `51.14`, `3` read `32`, `C` read `C9` or `Cc`).

Its line model emits a character per stretch of the line it is sure of, and now and then a second
one over the last columns of the same glyph. Such a character is no glyph of its own: its box
lies inside the character before it, ends where that one ends, and is a fraction of a
character's width. On clean generated dockets (seeds 4100–4159, 5000–5099, 6500–6599) eight
words were read so, two of them cannabis amounts taken at 0.97 (docs/design-digitize.md,
session 8). Less often the sliver comes first, over the first columns of the glyph, and the
glyph's own box starts where the sliver does: the `C` of case number `88 C 494154` read `Cc`
(seeds 6872, 6907).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from digitize.tesseract import CharacterBoxes
from models.pages import OcrWord, PageText

# A sliver is at most this share of the page's typical character box width. The doubled
# characters measured 0.05–0.39 of it; letters whose boxes Tesseract nested inside a wide
# neighbour's (`UUW`, `GRAMS`) were whole characters, 0.9 and more.
MAX_SLIVER_SHARE = 0.5
# A sliver before the glyph measured 0.55–0.58. On blurred pages Tesseract boxes whole letters so
# too, at the start of the next one's box (dropped, `POSS` became `OSS` and `CT` became `T` on
# seeds 5000–5059), so such a sliver must also have read the glyph's own letter.
MAX_LEADING_SLIVER_SHARE = 0.65
# Pixels between the two boxes' right edges that still count as one edge.
EDGE_TOLERANCE = 1
# A sliver before the glyph may also start left of it and run this many pixels into its box.
MIN_OVERLAP = 2
# Fewer character boxes than this and the page's typical width is not known.
MIN_BOXES = 20


def _is_sliver_after(before: tuple[int, int, int, int], box: tuple[int, int, int, int], typical_width: float) -> bool:
    """`box` lies inside `before` and ends where it ends."""
    return (
        box[0] >= before[0]
        and abs(box[2] - before[2]) <= EDGE_TOLERANCE
        and box[2] - box[0] <= MAX_SLIVER_SHARE * typical_width
    )


def _is_sliver_before(box: tuple[int, int, int, int], after: tuple[int, int, int, int], typical_width: float) -> bool:
    """`box` lies inside `after` and starts where it starts."""
    return (
        abs(box[0] - after[0]) <= EDGE_TOLERANCE
        and box[2] < after[2]
        and box[2] - box[0] <= MAX_LEADING_SLIVER_SHARE * typical_width
    )


def _reads_glyph_letter(word: OcrWord, boxes: list[tuple[int, int, int, int]], sliver: int, glyph: int, typical_width: float) -> bool:
    """The sliver read the glyph's own letter (`Cc`), or weighed it and is a sliver indeed: a few
    columns of the glyph's box, within its rows (`6G` for the G of a unit, the 6 three pixels
    wide, seeds 7214 and 7271). `(DB)` for the D of `1401(D)`, the D half a character wide and
    taller than the B it weighed, was right (seed 7273)."""
    if word.text[sliver].lower() == word.text[glyph].lower():
        return True
    (x0, y0, x1, y1), (_, top, _, bottom) = boxes[sliver], boxes[glyph]
    return (
        word.text[glyph].lower() in dict(word.alternatives).get(sliver, "").lower()
        and x1 - x0 <= MAX_SLIVER_SHARE * typical_width
        and top <= y0 and y1 <= bottom
    )


def _overlaps_glyph(word: OcrWord, boxes: list[tuple[int, int, int, int]], sliver: int, glyph: int, typical_width: float) -> bool:
    """The sliver starts left of the glyph, ends inside its box, and weighed its letter: the glyph
    read twice, the first reading boxed a little to the left (`15890` read `158390`, the 3 14 px
    wide and its last 4 inside the 9's box, 9 weighed at 87 against its own 90; seeds 7612,
    7668). A wider one must lie mostly inside the glyph, each of the two having weighed the
    other's letter (`14295` read `142595`, the 5 16 px wide, 11 of them inside the 9, each
    weighing the other at 86; clean seed 7649). One that starts with the glyph is
    `_is_sliver_before`'s to judge (`(DB)`). Digits only: the c of a subsection `(c)` read `(ca)`
    is boxed so too, and weighed a, but the a was the misreading (clean seed 7140)."""
    digit, glyph_digit = word.text[sliver], word.text[glyph]
    if not (digit.isdigit() and glyph_digit.isdigit()):
        return False
    (x0, _, x1, _), (g0, _, g1, _) = boxes[sliver], boxes[glyph]
    weighed = dict(word.alternatives)
    if not (x0 < g0 - EDGE_TOLERANCE and x1 - g0 >= MIN_OVERLAP and x1 < g1 and glyph_digit in weighed.get(sliver, "")):
        return False
    if x1 - x0 <= MAX_LEADING_SLIVER_SHARE * typical_width:
        return True
    return 2 * (x1 - g0) >= x1 - x0 and digit in weighed.get(glyph, "")


def _without(word: OcrWord, index: int, kept_index: int) -> OcrWord:
    """The word less its character at `index`, which stays among the doubts of the glyph's
    character at `kept_index` (next to it)."""
    doubled = word.text[index]
    alternatives = dict(word.alternatives)
    weighed = alternatives.pop(index, "")
    kept = alternatives.get(kept_index, "")
    alternatives[kept_index] = kept + "".join(c for c in doubled + weighed if c not in kept and c != word.text[kept_index])
    shifted = {(i - 1 if i > index else i): others for i, others in alternatives.items() if others}
    return replace(word, text=word.text[:index] + word.text[index + 1 :], alternatives=tuple(sorted(shifted.items())))


def drop_doubled_characters(text: PageText, characters: CharacterBoxes) -> tuple[PageText, CharacterBoxes, int]:
    """The page's words less each character Tesseract read a second time from the same glyph,
    the character boxes to match; and how many were dropped.

    Args:
        characters: each word's character boxes (`tesseract.parse_character_boxes`).
    """
    widths = [box[2] - box[0] for boxes in characters.values() for box in boxes]
    if len(widths) < MIN_BOXES:
        return text, characters, 0
    typical_width = float(np.median(widths))
    words, boxes_of, dropped = list(text.words), dict(characters), 0
    for position, word in enumerate(text.words):
        boxes = list(characters.get(word.bbox, ()))
        if len(boxes) != len(word.text) or len(boxes) < 2:
            continue
        index = len(boxes) - 1
        while index >= 1:
            if _is_sliver_after(boxes[index - 1], boxes[index], typical_width):
                word = _without(word, index, index - 1)
                del boxes[index]
                dropped += 1
            elif (
                _reads_glyph_letter(word, boxes, index - 1, index, typical_width) and _is_sliver_before(boxes[index - 1], boxes[index], typical_width)
            ) or _overlaps_glyph(word, boxes, index - 1, index, typical_width):
                word = _without(word, index - 1, index)
                del boxes[index - 1]
                dropped += 1
            index -= 1
        if len(boxes) != len(characters[word.bbox]):
            words[position], boxes_of[word.bbox] = word, tuple(boxes)
    if not dropped:
        return text, characters, 0
    return replace(text, words=tuple(words)), boxes_of, dropped
