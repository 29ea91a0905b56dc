"""The part of a scan a value came from, cut out and drawn with half-block characters."""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image
from rich.color import Color
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

# Each terminal cell shows two pixels stacked: the upper one in the foreground colour of "▀",
# the lower one in its background colour.
UPPER_HALF = "\u2580"


def crop_region(
    image_png: bytes, bbox: tuple[int, int, int, int], *, wide: bool = False
) -> Image.Image:
    """The page cut to `bbox` with a margin, greyscale; `wide` adds the words either side and the
    lines above and below, for context."""
    page = Image.open(io.BytesIO(image_png)).convert("L")
    x0, y0, x1, y1 = bbox
    height = max(y1 - y0, 1)
    if wide:
        # A terminal cell is about one scan pixel here: much wider than this and the words blur.
        side = max(x1 - x0, 100)
        box = (x0 - side, y0 - 3 * height // 2, x1 + side, y1 + 3 * height // 2)
    else:
        margin = max(height // 2, 8)
        box = (x0 - 2 * margin, y0 - margin, x1 + 2 * margin, y1 + margin)
    left, top = max(box[0], 0), max(box[1], 0)
    right, bottom = min(box[2], page.width), min(box[3], page.height)
    return page.crop((left, top, max(right, left + 1), max(bottom, top + 1)))


@dataclass(frozen=True)
class HalfBlockImage:
    """A rich renderable drawing a greyscale image in at most `max_rows` terminal rows."""

    image: Image.Image
    max_rows: int = 12

    def _scaled(self, max_width: int) -> Image.Image:
        width, height = self.image.size
        scale = min(max_width / width, (2 * self.max_rows) / height, 1.0 if width <= max_width else math.inf)
        size = (max(1, round(width * scale)), max(2, round(height * scale)))
        return self.image.resize(size, Image.Resampling.BOX)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        scaled = self._scaled(options.max_width)
        pixels = scaled.load()
        width, height = scaled.size
        for row in range(0, height, 2):
            for x in range(width):
                upper = pixels[x, row]
                lower = pixels[x, row + 1] if row + 1 < height else 255
                yield Segment(
                    UPPER_HALF,
                    Style(color=Color.from_rgb(upper, upper, upper), bgcolor=Color.from_rgb(lower, lower, lower)),
                )
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, min(self._scaled(options.max_width).size[0], options.max_width))
