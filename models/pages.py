"""Pages and OCR words: what digitize produces and extract reads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np


# The step digitize records on a page it read too poorly either way up to tell which is up:
# extraction sends every value read from it to review.
ORIENTATION_UNSURE = "orientation unsure"


@dataclass(frozen=True)
class PageImage:
    """One page as a greyscale image in memory.

    `pixels` is a 2-D uint8 array (0 = black); `page_number` counts from 1 within its document.
    """

    pixels: np.ndarray
    dpi: int
    page_number: int = 1

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    def with_pixels(self, pixels: np.ndarray, *, dpi: int | None = None) -> PageImage:
        return PageImage(pixels=pixels, dpi=self.dpi if dpi is None else dpi, page_number=self.page_number)


@dataclass(frozen=True)
class OcrWord:
    """A word Tesseract read, with its box in the normalized page image's pixels.

    `confidence` is Tesseract's word confidence scaled to 0..1. `alternatives` names the
    characters Tesseract was torn over: (index in `text`, the other characters it weighed there,
    likeliest first).
    """

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    block: int = 0
    paragraph: int = 0
    line: int = 0
    word: int = 0
    alternatives: tuple[tuple[int, str], ...] = ()

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1)."""
        return (self.left, self.top, self.left + self.width, self.top + self.height)

    @property
    def line_key(self) -> tuple[int, int, int]:
        return (self.block, self.paragraph, self.line)


def alternatives_to_json(alternatives: tuple[tuple[int, str], ...]) -> str | None:
    """A word's alternatives as stored in the words table (null when there are none)."""
    return json.dumps([list(pair) for pair in alternatives], ensure_ascii=False) if alternatives else None


def alternatives_from_json(stored: str | None) -> tuple[tuple[int, str], ...]:
    return tuple((int(index), str(others)) for index, others in json.loads(stored)) if stored else ()


@dataclass(frozen=True)
class PageText:
    """All the words of one page, in Tesseract's reading order."""

    words: tuple[OcrWord, ...]
    width: int
    height: int

    def lines(self) -> list[tuple[OcrWord, ...]]:
        """Words grouped by Tesseract line, in reading order."""
        grouped: dict[tuple[int, int, int], list[OcrWord]] = {}
        for word in self.words:
            grouped.setdefault(word.line_key, []).append(word)
        return [tuple(line) for line in grouped.values()]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(w.text for w in line) for line in self.lines())

    @property
    def mean_confidence(self) -> float | None:
        if not self.words:
            return None
        return sum(w.confidence for w in self.words) / len(self.words)


@dataclass(frozen=True)
class PageResult:
    """What digitizing one page yields; small and picklable so it can cross a process boundary.

    `image_png` is the normalized (rotated, deskewed) page kept for the review screen; word boxes
    are in its pixels.
    """

    document_sha256: str
    page_number: int
    text: PageText | None
    rotation: int = 0
    skew_degrees: float = 0.0
    dpi: int = 0
    image_png: bytes | None = None
    seconds: float = 0.0
    steps: tuple[str, ...] = ()
    tool_versions: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None
