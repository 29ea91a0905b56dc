"""Words Tesseract split at a parenthesis: `704(A)` read as `704` and `(A)`.

On fixed-pitch type a parenthesis sits alone in a full character cell, and the gap before its
ink looks to Tesseract like a space: it split 27 subsections from their numbers on 60 clean
generated dockets (seeds 4100–4159). The type's own pitch tells the two apart: from the middle
of the number's last character to the middle of the parenthesis is about one character cell
when they are one word, two when a space stands between (docs/design-digitize.md, session 8).
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from digitize.tesseract import CharacterBoxes
from models.pages import OcrWord, PageText

# A subsection in parentheses, perhaps followed by the punctuation that ends a citation.
SUBSECTION = re.compile(r"\([A-Za-z0-9]\)[.,;:]?")
# Measured in character cells between the two characters' middles (seeds 4100–4159 clean and
# 4100–4139 damaged): one word 1.05–1.62, a space between 1.84–2.62. Nearer than the lower
# bound the boxes overlap, which says nothing about a space.
ONE_WORD_CELLS = (0.75, 1.7)
# Fewer character steps than this and the page's pitch is not known.
MIN_STEPS = 20


def _centre(box: tuple[int, int, int, int]) -> float:
    return (box[0] + box[2]) / 2


def character_pitch(text: PageText, characters: CharacterBoxes) -> float | None:
    """The page's typical step from one character's middle to the next's, within words."""
    steps: list[float] = []
    for word in text.words:
        boxes = characters.get(word.bbox, ())
        if len(boxes) == len(word.text) >= 2:
            steps.extend(_centre(b) - _centre(a) for a, b in zip(boxes, boxes[1:]))
    return float(np.median(steps)) if len(steps) >= MIN_STEPS else None


def _joined(first: OcrWord, second: OcrWord) -> OcrWord:
    right, bottom = max(first.left + first.width, second.left + second.width), max(first.top + first.height, second.top + second.height)
    left, top = min(first.left, second.left), min(first.top, second.top)
    shifted = tuple((index + len(first.text), others) for index, others in second.alternatives)
    return replace(
        first,
        text=first.text + second.text,
        left=left,
        top=top,
        width=right - left,
        height=bottom - top,
        confidence=min(first.confidence, second.confidence),
        alternatives=first.alternatives + shifted,
    )


def join_subsections(text: PageText, characters: CharacterBoxes) -> tuple[PageText, int]:
    """The page's words with each parenthesized subsection Tesseract split from the number before
    it joined back to it; and how many were joined.

    Args:
        characters: each word's character boxes (`tesseract.parse_character_boxes`).
    """
    pitch = character_pitch(text, characters)
    if not pitch or pitch <= 0:
        return text, 0
    low, high = ONE_WORD_CELLS
    words: list[OcrWord] = []
    joined = 0
    for word in text.words:
        previous = words[-1] if words else None
        if (
            previous is not None
            and previous.line_key == word.line_key
            and previous.text[-1:].isdigit()
            and SUBSECTION.fullmatch(word.text)
        ):
            before, after = characters.get(previous.bbox, ()), characters.get(word.bbox, ())
            if before and after and low <= (_centre(after[0]) - _centre(before[-1])) / pitch <= high:
                words[-1] = _joined(previous, word)
                joined += 1
                continue
        words.append(word)
    if not joined:
        return text, 0
    return replace(text, words=tuple(words)), joined
