"""Measure how far text lines are tilted, and straighten the page.

The measurement is a coarse-to-fine projection-profile search: project the ink onto a line
tilted by each candidate angle and keep the angle whose profile is sharpest (text lines
and the gaps between them line up). Tesseract's own deskew gives up past about 7°; this works
to `max_degrees` and to a few hundredths of a degree.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitize.ink import TextInk, find_text_ink
from models.pages import PageImage

# Enough ink pixels to place text lines precisely; more only costs time.
_MAX_POINTS = 250_000
# (half-width of the window, step) of each pass, in degrees; the first pass spans the whole range.
_FINE_PASSES = ((0.6, 0.05), (0.06, 0.01))


def _ink_points(ink: TextInk, *, max_points: int = _MAX_POINTS) -> tuple[np.ndarray, np.ndarray]:
    ys, xs = np.nonzero(ink.mask)
    if len(ys) > max_points:
        # A fixed stride rather than random sampling keeps the measurement reproducible.
        stride = int(np.ceil(len(ys) / max_points))
        ys, xs = ys[::stride], xs[::stride]
    return ys.astype(np.float32), xs.astype(np.float32)


def profile_sharpness(ys: np.ndarray, xs: np.ndarray, angle_degrees: float) -> float:
    """How sharply the ink falls into lines when projected across `angle_degrees` (CCW).

    Lines tilted counter-clockwise by `angle` rise to the right, so y + x·tan(angle) is
    constant along each; the sum of squared bin counts peaks when it is.
    """
    radians = np.deg2rad(angle_degrees)
    projected = ys * np.float32(np.cos(radians)) + xs * np.float32(np.sin(radians))
    bins = (projected - projected.min()).astype(np.int32)
    counts = np.bincount(bins).astype(np.float64)
    return float(np.dot(counts, counts))


def _best_angle(ys: np.ndarray, xs: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
    scores = np.array([profile_sharpness(ys, xs, a) for a in angles])
    best = int(np.argmax(scores))
    angle = float(angles[best])
    if 0 < best < len(angles) - 1:
        # A parabola through the peak and its neighbours places it between grid steps.
        left, mid, right = scores[best - 1 : best + 2]
        curvature = left - 2 * mid + right
        if curvature < 0:
            angle += 0.5 * (left - right) / curvature * float(angles[1] - angles[0])
    return angle, float(scores[best])


def search_skew(ink: TextInk, *, max_degrees: float) -> tuple[float, float]:
    """(angle CCW in degrees, sharpness at that angle) of the text lines in `ink`."""
    if ink.is_empty:
        return 0.0, 0.0
    coarse_ys, coarse_xs = _ink_points(ink, max_points=_MAX_POINTS // 5)
    # The profile's peak is about (line height / line length) radians wide; steps of a third of
    # that cannot step over it.
    coarse_step = float(np.clip(np.rad2deg(max(ink.char_height, 2.0) / ink.mask.shape[1]) / 3, 0.05, 0.5))
    angles = np.arange(-max_degrees, max_degrees + coarse_step / 2, coarse_step)
    angle, score = _best_angle(coarse_ys, coarse_xs, angles)
    ys, xs = _ink_points(ink)
    for half_width, step in _FINE_PASSES:
        angles = np.arange(angle - half_width, angle + half_width + step / 2, step)
        angle, score = _best_angle(ys, xs, angles)
    return float(np.clip(angle, -max_degrees, max_degrees)), score


def measure_skew(page: PageImage, *, ink: TextInk | None = None, max_degrees: float = 15.0) -> float:
    """The tilt of the page's text lines in degrees, counter-clockwise positive.

    Args:
        ink: `find_text_ink(page)`, when the caller has it already.
    """
    angle, _ = search_skew(find_text_ink(page) if ink is None else ink, max_degrees=max_degrees)
    return angle


def background_level(pixels: np.ndarray) -> int:
    """The paper's grey level: the brightest common value, so fill matches the page."""
    return int(np.percentile(pixels[:: 4, :: 4], 90))


def deskew(page: PageImage, angle_degrees: float) -> PageImage:
    """The page turned by −angle so its lines are level; the canvas grows to keep every corner."""
    height, width = page.pixels.shape
    center = (width / 2, height / 2)
    # OpenCV's angle is counter-clockwise in the image as displayed.
    matrix = cv2.getRotationMatrix2D(center, -angle_degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_width = int(np.ceil(height * sin + width * cos))
    new_height = int(np.ceil(height * cos + width * sin))
    matrix[0, 2] += new_width / 2 - center[0]
    matrix[1, 2] += new_height / 2 - center[1]
    rotated = cv2.warpAffine(
        page.pixels,
        matrix,
        (new_width, new_height),
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=background_level(page.pixels),
    )
    return page.with_pixels(rotated)
