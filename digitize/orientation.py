"""Turn pages scanned sideways or upside down upright, cheaply.

Tesseract's orientation detection (OSD) costs about as much as reading the page again, and was
wrong on the hardest generated pages. Instead: letters merge into words when small gaps are
closed along the lines but not across them, which tells 0/180 from 90/270; only when that
count is close is OSD asked (and asked again about the page before its dot-matrix dots were
joined, when it is unsure of the joined one). When OSD leans to a quarter turn but is unsure,
the page is sideways only if it shows text lines when turned and none as it stands (a blurred
page whose letters merge both ways); a page it cannot place stays as scanned, unless Tesseract's
reading then runs up or down the page (its words taller than wide), when it is turned. A
page Tesseract then reads with high confidence is upright. Otherwise the shape of the lines
tells 0 from 180 (Latin letters rise above the x-height more often than they drop below the
baseline), alone only when it is far past its margin; when it is not (all-capital type, few
lines, or near the margin), a few lines are read both ways by Tesseract in one call; when
those lines cannot be read either way, the lines' alignment decides (they start together at
the margin and end raggedly), or else a shape past its margin, or else OSD (a second whole
reading would cost as much as the first and tell nothing); when they can but do not
decide, the pipeline reads the whole page both ways and keeps the better reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import cv2
import numpy as np

from digitize import tesseract
from digitize.ink import TextInk, find_text_ink
from models.pages import OcrWord, PageImage, PageText

# A piece of ink at least this many squared letter heights is a word (three letters or more).
WORD_AREA_IN_LETTERS = 2.5
# Word-sized pieces across the page must outnumber those along it by this factor before
# sideways is considered at all. Generated pages measure 1.06–50 when sideways (1.06: a clean
# draft dot-matrix printout, whose dots close into pieces both ways; OSD then says 270° at
# 3.1) and near 1 only when speckle outweighs the text.
SIDEWAYS_MARGIN = 1.0
# ...and by this factor, with at least SURE_SIDEWAYS_WORDS pieces across, to call it sideways
# without asking Tesseract's OSD. Upright 100-dpi pages whose speckle outweighs the text
# measured up to 1.42 (and 3 pieces against 1), sideways clean pages from 1.19
# (docs/design-digitize.md).
SURE_SIDEWAYS = 2.0
SURE_SIDEWAYS_WORDS = 10
# OSD's confidence in a quarter turn: 1.5–7.3 on those sideways clean pages (1.5: dot-matrix
# print once its dots were joined); the hopeless upright pages it placed at 0° or 180°, with
# confidence under 1.3.
OSD_CONFIDENCE = 1.0
# The line shape counts as evidence for 0 vs 180 only when |asymmetry| reaches
# DECISIVE_ASYMMETRY and at least MIN_OUTSIDE_SHARE of the lines' ink lies outside the x-height
# band. Mixed-case type measures 5–11 % outside; all-capital type under 2 %, but up to 4 % with
# slashes and commas, and then the sign means nothing (docs/design-digitize.md).
DECISIVE_ASYMMETRY = 0.5
MIN_OUTSIDE_SHARE = 0.06
# It decides alone only from SURE_ASYMMETRY; nearer its margin it decides only when a few lines
# read both ways cannot be read either way. Upright real scans in proportional type measure
# 0.24–0.50 with the right sign, yet a damaged generated page measured 0.54 the wrong way (its
# lines read both ways said so at 0.25 against 0.67); a hopeless 100-dpi page whose shape
# measured 0.50 the right way could not be read either way, and OSD put it upside down at 2.56.
SURE_ASYMMETRY = 0.75
# Tesseract's mean word confidence on generated dockets: upright 0.64–0.95 even when damaged,
# upside down 0.25–0.45 (docs/design-digitize.md). At or above it a page is taken as upright.
UPRIGHT_CONFIDENCE = 0.6
# The few lines read both ways decide only when one reading beats the other by this much and
# reaches DECISIVE_PROBE_CONFIDENCE; upright clean lines score about 0.9 against 0.2–0.6
# turned, while on a badly damaged page both can be near 0 and the lines may not be text.
DECISIVE_PROBE_MARGIN = 0.15
DECISIVE_PROBE_CONFIDENCE = 0.5
# Below this either way, the page's best-inked lines cannot be read at all (hopeless 100-dpi
# speckled pages score 0.17–0.27): a whole second reading, turned, would cost as much as the
# first and tell nothing. Tesseract's OSD, which judges letter shapes rather than words, decides
# instead, and turns the page only when it says 180° with at least UPSIDE_DOWN_OSD_CONFIDENCE:
# on such pages it is often wrong. Measured on four: an upside-down page 1.85 (right), an
# upright one 1.04 (wrong), a sideways one 1.75 (wrong either way), another upside-down one
# said 0°. Most pages are scanned upright, so a page left as scanned is the better bet.
READABLE_PROBE_CONFIDENCE = 0.35
UPSIDE_DOWN_OSD_CONFIDENCE = 1.5
# Fewer measured lines than this and the shape is not trusted.
MIN_LINES = 3
# A line's text is its runs of ink at least MIN_RUN_LETTERS letter heights long once gaps of a
# letter height are closed (speckle past the text does not move its ends); line ends within
# ALIGNED_WITHIN letter heights of each other are lined up.
MIN_RUN_LETTERS = 2.0
ALIGNED_WITHIN = 0.5
# The lines' alignment decides a page whose lines cannot be read either way from this share
# of lines more starting together than ending together, or the reverse. 460 generated pages,
# clean and damaged (seeds 20000–20599), measured 0.0–0.8 the right way and never the wrong
# way, 0.25 or more on 93 % of them (docs/design-digitize.md, session 13).
DECISIVE_ALIGNMENT = 0.25
# A reading whose words of three letters or more are this share taller than wide, with at
# least this many such words, ran up or down the page (upright pages: none).
VERTICAL_SHARE = 0.8
MIN_VERTICAL_WORDS = 10
# Lines read both ways when the shape does not decide.
PROBE_LINES = 3
# ...and at most this many character heights of each, which is plenty to tell.
PROBE_WIDTH_CHARS = 40


def rotate(page: PageImage, degrees: int) -> PageImage:
    """The page turned counter-clockwise by `degrees` (a multiple of 90): undoes a page
    scanned turned `degrees` clockwise."""
    if degrees % 90:
        raise ValueError(f"rotate turns by quarter turns only, got {degrees}")
    turns = (degrees // 90) % 4
    if turns == 0:
        return page
    return page.with_pixels(np.ascontiguousarray(np.rot90(page.pixels, k=turns)))


def _words_after_closing(mask: np.ndarray, kernel: tuple[int, int], min_area: float) -> int:
    closed = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_CLOSE, np.ones(kernel, np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    return int((stats[1:, cv2.CC_STAT_AREA] >= min_area).sum())


def has_vertical_lines(page: PageImage, *, ink: TextInk | None = None, unchanged: PageImage | None = None) -> bool:
    """True when the text lines run up and down the page (scanned at 90° or 270°).

    Letters of a word sit closer together than lines do. Closing gaps of half a letter's
    height along the lines merges letters into word-sized pieces; across the lines it merges
    almost nothing. (Projection profiles cannot tell: typewritten columns line up as sharply
    as rows, and counting all pieces is swamped by speckle on noisy scans.) When the two
    counts are close, Tesseract's orientation detection decides; when it is unsure, the text
    lines found as the page stands and turned decide.

    Args:
        ink: `find_text_ink(page)`, when the caller has it already.
        unchanged: the page before a stage that redrew its ink (dot-matrix dots joined). OSD
            judges letter shapes, and a join can make them harder or easier for it to place:
            when it is unsure of the page, it is asked about this one too.
    """
    ink = find_text_ink(page) if ink is None else ink
    if ink.is_empty:
        return False
    gap = max(2, int(round(0.5 * ink.char_height)))
    word_area = WORD_AREA_IN_LETTERS * ink.char_height**2
    along_rows = _words_after_closing(ink.mask, (1, gap), word_area)
    along_columns = _words_after_closing(ink.mask, (gap, 1), word_area)
    # Most pages are upright: a near tie (a page of speckle more than text) stays as it is.
    if along_columns <= SIDEWAYS_MARGIN * along_rows:
        return False
    if along_columns >= SURE_SIDEWAYS * along_rows and along_columns >= SURE_SIDEWAYS_WORDS:
        return True
    found = tesseract.detect_orientation(page)
    if unchanged is not None and (found is None or found[1] < OSD_CONFIDENCE):
        again = tesseract.detect_orientation(unchanged)
        if again is not None and (found is None or again[1] > found[1]):
            found = again
    if found is None or found[0] % 180 != 90:
        return False
    # OSD leans sideways but is unsure: a page blurred until its letters merge both ways shows
    # text lines only when turned.
    return found[1] >= OSD_CONFIDENCE or _lines_only_when_turned(page, ink)


def reads_vertically(text: PageText) -> bool:
    """True when Tesseract's reading found the text running up or down the page: a page scanned
    sideways that the tests above left as it stands (a clean monospaced page whose letters line
    up across its lines as well as along them). Tesseract reads such text, its words' boxes
    taller than wide."""
    words = [w for w in text.words if len(w.text) >= 3]
    return len(words) >= MIN_VERTICAL_WORDS and sum(w.height > w.width for w in words) >= VERTICAL_SHARE * len(words)


def _lines_only_when_turned(page: PageImage, ink: TextInk) -> bool:
    return len(find_lines(ink)) < MIN_LINES <= len(find_lines(find_text_ink(rotate(page, 90))))


@dataclass(frozen=True)
class TextLine:
    top: int
    bottom: int  # exclusive


def find_lines(ink: TextInk) -> list[TextLine]:
    """Text lines of a level page: runs of inked rows about a character high.

    Runs are found above a low threshold (so speckle between lines does not join them), then
    widened to the last inked row on each side, so sparse ascenders and descenders count.
    """
    profile = ink.mask.sum(axis=1)
    if not profile.any():
        return []
    threshold = 0.05 * np.percentile(profile[profile > 0], 90)
    rows = profile > threshold
    edges = np.flatnonzero(np.diff(np.concatenate([[0], rows.astype(np.int8), [0]])))
    runs = list(zip(edges[::2].tolist(), edges[1::2].tolist()))
    lines = []
    for index, (top, bottom) in enumerate(runs):
        ceiling = (runs[index - 1][1] + top) // 2 if index else 0
        floor = (bottom + runs[index + 1][0]) // 2 if index + 1 < len(runs) else len(profile)
        while top > ceiling and profile[top - 1] > 0:
            top -= 1
        while bottom < floor and profile[bottom] > 0:
            bottom += 1
        lines.append(TextLine(top, bottom))
    low, high = 0.6 * ink.char_height, 4 * ink.char_height + 2
    return [line for line in lines if low <= line.bottom - line.top <= high]


def line_asymmetry(ink: TextInk, lines: list[TextLine]) -> tuple[float, float]:
    """(asymmetry, outside share) of the ink around the lines' x-height bands.

    asymmetry = (ink above the band − ink below it) / both: positive when upright.
    outside share = ink above or below the band / all the lines' ink: how much there is to
    judge by (little in all-capital type, where the band is the whole line).
    """
    profile = ink.mask.sum(axis=1).astype(np.float64)
    above = below = total = 0.0
    for line in lines:
        rows = profile[line.top : line.bottom]
        core = np.flatnonzero(rows >= 0.5 * rows.max())
        above += rows[: core[0]].sum()
        below += rows[core[-1] + 1 :].sum()
        total += rows.sum()
    outside = above + below
    if outside == 0:
        return 0.0, 0.0
    return float((above - below) / outside), float(outside / total)


def line_alignment(ink: TextInk, lines: list[TextLine]) -> float:
    """(lines starting together − lines ending together) / lines: positive when upright, 0.0
    with fewer than MIN_LINES lines.

    A docket's lines start at its margin or a column stop and end where their text does; turned
    180°, the ragged edge is on the left. Unlike the lines' shape this needs no letter shapes,
    and it holds on pages too blurred or faded for Tesseract to read either way.
    """
    gap = np.ones((1, max(2, round(ink.char_height))), np.uint8)
    starts, ends = [], []
    for line in lines:
        inked = ink.mask[line.top : line.bottom].any(axis=0).astype(np.uint8)[None, :]
        closed = cv2.morphologyEx(inked, cv2.MORPH_CLOSE, gap)[0].astype(np.int8)
        edges = np.flatnonzero(np.diff(closed, prepend=0, append=0))
        runs = [(a, b) for a, b in zip(edges[::2], edges[1::2]) if b - a >= MIN_RUN_LETTERS * ink.char_height]
        if runs:
            starts.append(int(runs[0][0]))
            ends.append(int(runs[-1][1]))
    if len(starts) < MIN_LINES:
        return 0.0
    within = ALIGNED_WITHIN * ink.char_height
    return (_most_lined_up(starts, within) - _most_lined_up(ends, within)) / len(starts)


def _most_lined_up(positions: list[int], within: float) -> int:
    """The most positions lying within `within` of each other."""
    positions = sorted(positions)
    most, first = 0, 0
    for last, position in enumerate(positions):
        while position - positions[first] > within:
            first += 1
        most = max(most, last - first + 1)
    return most


def _probe_band(page: PageImage, ink: TextInk, lines: list[TextLine]) -> np.ndarray:
    """The full-resolution rows of the PROBE_LINES consecutive lines holding the most ink."""
    profile = ink.mask.sum(axis=1)
    weights = [int(profile[line.top : line.bottom].sum()) for line in lines]
    count = min(PROBE_LINES, len(lines))
    start = max(range(len(lines) - count + 1), key=lambda i: sum(weights[i : i + count]))
    chosen = lines[start : start + count]
    gap = max(2, int(ink.char_height))
    top = int(max(0, (chosen[0].top - gap) / ink.scale))
    bottom = int(min(page.height, (chosen[-1].bottom + gap) / ink.scale))
    columns = np.flatnonzero(ink.mask[chosen[0].top : chosen[-1].bottom].any(axis=0))
    left = int(max(0, (columns[0] - gap) / ink.scale))
    right = int(min(page.width, (columns[-1] + 1 + gap) / ink.scale, left + PROBE_WIDTH_CHARS * ink.char_height / ink.scale))
    return page.pixels[top:bottom, left:right]


def reading_confidence(words: Iterable[OcrWord]) -> float:
    """Mean word confidence weighted by word length: what a reading of some text is worth."""
    words = list(words)
    letters = sum(len(w.text) for w in words)
    return 0.0 if letters == 0 else sum(w.confidence * len(w.text) for w in words) / letters


def _confidence(words: list[OcrWord], *, top: int, bottom: int) -> float:
    return reading_confidence(w for w in words if top <= w.top + w.height / 2 < bottom)


def read_both_ways(page: PageImage, ink: TextInk, lines: list[TextLine], *, lang: str) -> tuple[float, float]:
    """(confidence upright, confidence turned 180°) of Tesseract reading a few lines.

    Both readings go into one image, one above the other, so they cost one Tesseract start.
    """
    band = _probe_band(page, ink, lines)
    spacer = np.full((max(8, band.shape[0] // 4), band.shape[1]), 255, dtype=np.uint8)
    stacked = np.vstack([band, spacer, np.rot90(band, 2)])
    text = tesseract.recognize(page.with_pixels(np.ascontiguousarray(stacked)), lang=lang, psm=6)
    split = band.shape[0] + spacer.shape[0] // 2
    words = list(text.words)
    return _confidence(words, top=0, bottom=split), _confidence(words, top=split, bottom=stacked.shape[0])


def is_confidently_upright(text: PageText) -> bool:
    """True when Tesseract read the page as it stands with high confidence."""
    confidence = text.mean_confidence
    return confidence is not None and confidence >= UPRIGHT_CONFIDENCE


def _upside_down_by_osd(page: PageImage) -> bool:
    """Tesseract's OSD on a page too damaged to judge otherwise; one it cannot place stays as scanned."""
    found = tesseract.detect_orientation(page)
    return found is not None and found[0] == 180 and found[1] >= UPSIDE_DOWN_OSD_CONFIDENCE


def detect_upside_down(page: PageImage, *, ink: TextInk | None = None, lang: str = "eng") -> bool | None:
    """Whether the level page's text is upside down; None when the evidence is too weak to say
    (then read the page both ways and keep the better reading). See the module's docstring for
    the order in which the evidence is weighed.

    Args:
        ink: `find_text_ink(page)`, when the caller has it already.
    """
    ink = find_text_ink(page) if ink is None else ink
    lines = find_lines(ink)
    if not lines:
        return _upside_down_by_osd(page)
    shape_says: bool | None = None
    if len(lines) >= MIN_LINES:
        asymmetry, outside_share = line_asymmetry(ink, lines)
        if abs(asymmetry) >= DECISIVE_ASYMMETRY and outside_share >= MIN_OUTSIDE_SHARE:
            if abs(asymmetry) >= SURE_ASYMMETRY:
                return asymmetry < 0
            shape_says = asymmetry < 0
    upright, turned = read_both_ways(page, ink, lines, lang=lang)
    if max(upright, turned) < READABLE_PROBE_CONFIDENCE:
        alignment = line_alignment(ink, lines)
        if abs(alignment) >= DECISIVE_ALIGNMENT:
            return alignment < 0
        return _upside_down_by_osd(page) if shape_says is None else shape_says
    if abs(turned - upright) < DECISIVE_PROBE_MARGIN or max(upright, turned) < DECISIVE_PROBE_CONFIDENCE:
        return None
    return turned > upright
