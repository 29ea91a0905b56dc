"""Printed lines and their fields, rebuilt from OCR word boxes.

Tesseract's own lines follow its block segmentation, which splits a two-column caption ("PEOPLE
OF THE STATE OF ILLINOIS ... CASE NO. 93 C 660123") into separate blocks. Dockets are typed on a
fixed character grid, so the page's lines are rebuilt from the word boxes instead: words whose
vertical centres agree form one line, and a gap of two or more character cells between words
separates two fields of that line (the typist's column stops).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from models.pages import OcrWord, PageText

# A gap this many character cells wide separates fields; one typed space measures about 1.2.
FIELD_GAP_CELLS = 1.8
# Words whose centres are closer than this share of the median word height are on one line.
SAME_LINE_SHARE = 0.55
# A mark read as a symbol this short, standing apart before a line's first field, is a speck
# of the scan, not type ("&" before a count's "1", "@" before an entry's date on damaged 8159).
SPECK_CHARACTERS = 2
# The text margin is the leftmost line start that at least this many lines share (within a
# cell): a speck left of the text, read as a word, is no margin.
MARGIN_LINES = 3


@dataclass(frozen=True)
class Field:
    """Words of a line between two wide gaps: one column of a typed form."""

    words: tuple[OcrWord, ...]
    start_cell: float  # left edge, in character cells from the page's text margin

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return union_box(self.words)


@dataclass(frozen=True)
class Line:
    """One printed line of a page: its words left to right, split into fields."""

    page: int
    index: int
    words: tuple[OcrWord, ...]
    fields: tuple[Field, ...]
    indent_cells: float

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return union_box(self.words)


def union_box(words: tuple[OcrWord, ...] | list[OcrWord]) -> tuple[int, int, int, int]:
    return (
        min(w.left for w in words),
        min(w.top for w in words),
        max(w.left + w.width for w in words),
        max(w.top + w.height for w in words),
    )


def character_cell(words: tuple[OcrWord, ...] | list[OcrWord]) -> float:
    """The width of one character cell in pixels: dockets are typed in a fixed-pitch face."""
    widths = [w.width / len(w.text) for w in words if len(w.text) >= 3 and w.text.isalnum()]
    if not widths:
        widths = [w.width / max(1, len(w.text)) for w in words] or [1.0]
    return max(1.0, statistics.median(widths))


def _group_rows(words: list[OcrWord]) -> list[list[OcrWord]]:
    heights = [w.height for w in words if w.text.strip()]
    tolerance = SAME_LINE_SHARE * (statistics.median(heights) if heights else 10)
    rows: list[list[OcrWord]] = []
    centres: list[float] = []
    for word in sorted(words, key=lambda w: w.top + w.height / 2):
        centre = word.top + word.height / 2
        if rows and abs(centre - centres[-1]) <= tolerance:
            rows[-1].append(word)
            # The running centre follows a line that drifts with residual skew.
            centres[-1] = statistics.fmean(w.top + w.height / 2 for w in rows[-1])
        else:
            rows.append([word])
            centres.append(centre)
    return rows


def _text_margin(starts: list[int], cell: float) -> int:
    ordered = sorted(starts)
    return next((left for left in ordered if sum(abs(other - left) <= cell for other in ordered) >= MARGIN_LINES), ordered[0])


def _without_leading_speck(row: list[OcrWord], cell: float) -> list[OcrWord]:
    first = row[0]
    if len(row) < 2 or len(first.text) > SPECK_CHARACTERS or any(c.isalnum() for c in first.text):
        return row
    gap = (row[1].left - (first.left + first.width)) / cell
    return row[1:] if gap >= FIELD_GAP_CELLS else row


def page_lines(page_text: PageText, *, page: int) -> list[Line]:
    """The printed lines of a page, top to bottom, each split into fields at wide gaps."""
    words = [w for w in page_text.words if w.text.strip()]
    if not words:
        return []
    cell = character_cell(words)
    rows = [_without_leading_speck(sorted(row, key=lambda w: w.left), cell) for row in _group_rows(words)]
    # Rows of specks and blots (a stamp's remains below the report, read as "By &", "ee &") do
    # not vote for the margin: a row of type holds a word of three letters or digits.
    typed = [row for row in rows if any(sum(c.isalnum() for c in w.text) >= 3 for w in row)]
    margin = _text_margin([row[0].left for row in typed or rows], cell)
    lines = []
    for index, row in enumerate(rows):
        fields: list[Field] = []
        current: list[OcrWord] = [row[0]]
        for previous, word in zip(row, row[1:]):
            gap = (word.left - (previous.left + previous.width)) / cell
            if gap >= FIELD_GAP_CELLS:
                fields.append(Field(tuple(current), (current[0].left - margin) / cell))
                current = []
            current.append(word)
        fields.append(Field(tuple(current), (current[0].left - margin) / cell))
        lines.append(Line(page, index, tuple(row), tuple(fields), (row[0].left - margin) / cell))
    return lines
