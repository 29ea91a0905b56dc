"""Page clean-up that measurably helps Tesseract, and nothing else (docs/design-digitize.md).

Pages stay greyscale: Tesseract's own threshold beats a pre-binarized page, and its adaptive
thresholding modes read generated dockets worse. What helps: resampling type that is too small
or too large, dividing out the paper (shading, greenbar bands, fading), a median filter on
pages whose paper measures noisy, and erasing ruled lines that run through or under text.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize.ink import ANALYSIS_DPI, TextInk, find_text_ink, reduce
from digitize.skew import background_level
from models.pages import PageImage

# The median character-sized ink component of 10–12 pt type at 300 dpi is about 25 px tall:
# dpi ≈ 12 × that height. Used only when a file does not say its resolution.
DPI_PER_CHAR_PIXEL = 12
NOMINAL_DPI = 300
# The paper is estimated at a quarter of the page's resolution, under a disc wider than any
# stroke or letter (a fifth of an inch).
BACKGROUND_SCALE = 0.25
BACKGROUND_KERNEL_INCHES = 0.2
# Grey levels at or above this are paper on a flattened page.
PAPER_LEVEL = 200
# Pages whose paper_noise reaches this are denoised before reading.
NOISY_PAPER = 2.5
# A noisy page under 200 dpi has strokes a pixel or two wide, which a 3×3 median erases: it is
# upscaled first, and its specks, upscaled into blobs of up to 3×3 pixels, then take a 5×5
# median (which keeps 3-pixel strokes). Six 100–150 dpi noisy dockets: 68.4 -> 93.7 % of words.
UPSCALED_MEDIAN_SIZE = 5
# On a speckled two-level scan under 200 dpi, the scanner's threshold has turned sensor noise
# into specks of one or two pixels, which upscaling grows into blobs the 5×5 median keeps: they
# are removed at the scan's resolution (ink specks and paper holes alike), and the page softened
# back to grey by this blur (pixels) so it upscales as a greyscale scan does. Seed 4100, six
# dockets: low_dpi+bitonal+noise 76.4 -> 91.7 % of words, low_dpi+faded+bitonal+noise
# 72.7 -> 76.4 %; the next 18 dockets 77.7 -> 90.1 % and 56.5 -> 73.4 %.
BITONAL_SPECK_PIXELS = 2
BITONAL_SOFTEN_SIGMA = 0.7
# A two-level page is speckled when it has at least this many specks per larger ink component.
# Broken strokes of clean faded 100–150 dpi bitonal pages measure 0.0–0.24 (despeckled, two of
# them lost 10 and 18 words); the noisy ones 0.44 and up.
SPECKLED_BITONAL_RATIO = 1 / 3
# On a noisy page, flattened paper within this many mean deviations of its level is grain.
GRAIN_SPREADS = 4.0
# A ruled line is straight ink at least this long (inches): longer than any letter stroke.
MIN_RULE_INCHES = 0.5
# A straight run with more than this share of its pixels inside character-sized ink is part of
# the letters (the aligned tops of blurred capitals), not a rule.
WORD_RUN_SHARE = 0.5
# A rubber stamp (a "FILED" box, a clerk's seal) spreads at least this far (inches) one way and
# the other; a line of type is a few hundredths of an inch tall.
STAMP_MIN_INCHES = (1.0, 0.6)
# Stroke width of type (inches): a letter's grey edge lies within it of the letter's dark core.
STAMP_STROKE_INCHES = 1 / 60
# A stamp's strokes broken by the letters crossing them and its dry pad are joined over this.
STAMP_GAP_INCHES = 0.03
# Below this contrast between type and paper (grey levels), as on a faded or two-level scan, a
# stamp cannot be told from the type by its tone.
STAMP_MIN_CONTRAST = 48
# Where between the type's tone and the paper's threshold stamp ink begins.
STAMP_SPLIT = 0.5
# A stamp's ink lies at least this share of the type-to-paper contrast above the split between
# them: on generated pages 0.25-0.5 for stamps, under 0.15 for faded or blurred type.
STAMP_TONE_MARGIN = 0.2
# Around the spread of a stamp's light ink, its faintest edges are erased too (inches).
STAMP_MARGIN_INCHES = 0.2


def estimate_dpi(pixels: np.ndarray) -> int:
    """The resolution at which the page's type would be ordinary 10–12 pt print."""
    # Measured at full size, with letters assumed at least 0.03 in tall at 150 dpi (4.5 px):
    # smaller specks and JPEG ringing, which outnumber the letters on a large scan, are ignored.
    ink = find_text_ink(PageImage(pixels=pixels, dpi=ANALYSIS_DPI))
    if ink.char_height == 0:
        return NOMINAL_DPI
    return int(np.clip(round(DPI_PER_CHAR_PIXEL * ink.char_height), 72, 1200))


def resample(page: PageImage, *, target_dpi: int) -> PageImage:
    """The page scaled to `target_dpi`."""
    factor = target_dpi / page.dpi
    size = (max(1, round(page.width * factor)), max(1, round(page.height * factor)))
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return page.with_pixels(cv2.resize(page.pixels, size, interpolation=interpolation), dpi=target_dpi)


def flatten_background(page: PageImage) -> PageImage:
    """The page divided by its own paper: shading, yellowing, greenbar bands and fading evened
    out, so Tesseract's global threshold separates ink from paper everywhere.

    Without it, one faded greenbar printout took Tesseract 56 s to read nothing at all; with
    it, 4 s and 75 % of its words (docs/design-digitize.md). Contrast is not stretched:
    Tesseract's threshold does not need it, and on a sparse page it would stretch the noise.
    """
    small = reduce(page.pixels, BACKGROUND_SCALE)
    size = max(3, int(BACKGROUND_KERNEL_INCHES * page.dpi * BACKGROUND_SCALE) | 1)
    # Closing the bright paper over anything darker and smaller than the kernel erases the
    # ink and keeps the paper's own shading.
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    paper = cv2.resize(paper, (page.width, page.height), interpolation=cv2.INTER_LINEAR)
    return page.with_pixels(cv2.divide(page.pixels, np.maximum(paper, 1), scale=255))


def paper_noise(page: PageImage) -> float:
    """Mean grey-level distance of the paper from its 3×3 median: scanner noise and speckle.

    Clean pages and every real scan in ../shared/real_scans measure 0.0–1.1; generated pages
    with sensor noise 5.9–21 (docs/design-digitize.md).
    """
    smooth = cv2.medianBlur(page.pixels, 3)
    _, paper = cv2.threshold(smooth, PAPER_LEVEL - 1, 255, cv2.THRESH_BINARY)
    if not cv2.countNonZero(paper):
        return 0.0
    return float(cv2.mean(cv2.absdiff(page.pixels, smooth), mask=paper)[0])


def denoise(page: PageImage, *, size: int = 3) -> PageImage:
    """A size×size median: removes speckle and most sensor noise, keeps strokes wider than half
    the window.

    On noisy pages Tesseract otherwise reads thousands of specks: pages that took it over
    60 s then take 2–4 s, and read better.
    """
    return page.with_pixels(cv2.medianBlur(page.pixels, size))


def is_speckled_bitonal(page: PageImage) -> bool:
    """Whether the page has two grey levels (a black-and-white scan) and, per
    SPECKLED_BITONAL_RATIO, specks of up to BITONAL_SPECK_PIXELS scattered among its ink."""
    if np.count_nonzero(cv2.calcHist([page.pixels], [0], None, [256], [0, 256])) > 2:
        return False
    _, _, stats, _ = cv2.connectedComponentsWithStats((page.pixels < 128).astype(np.uint8), connectivity=8)
    specks = int(np.count_nonzero(stats[1:, cv2.CC_STAT_AREA] <= BITONAL_SPECK_PIXELS))
    return specks > 0 and specks >= SPECKLED_BITONAL_RATIO * (len(stats) - 1 - specks)


def without_specks(binary: np.ndarray, *, connectivity: int) -> np.ndarray:
    """`binary` (0/1) less its components of at most BITONAL_SPECK_PIXELS pixels."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=connectivity)
    keep = stats[:, cv2.CC_STAT_AREA] > BITONAL_SPECK_PIXELS
    keep[0] = False
    return keep[labels]


def despeckle_bitonal(page: PageImage) -> PageImage:
    """A noisy two-level page without its specks and pinholes, softened to grey for upscaling.

    Upscaled as they were, three faded 100-dpi near-letter-quality pages speckled with two-pixel
    clusters kept them as blobs through the 5×5 median, and Tesseract spent 12–22 s to read
    2–8 % of their words; despeckled, 24–30 % in 3–5 s (seed 4100, dockets 4108, 4119, 4122).
    """
    ink = without_specks((page.pixels < 128).astype(np.uint8), connectivity=8)
    # Paper holes are 4-connected: diagonal gaps between ink pixels are not paper running through.
    paper = without_specks((~ink).astype(np.uint8), connectivity=4)
    pixels = np.where(paper, 255, 0).astype(np.uint8)
    return page.with_pixels(cv2.GaussianBlur(pixels, (0, 0), BITONAL_SOFTEN_SIGMA))


def whiten_paper(page: PageImage) -> PageImage:
    """The flattened page with its paper grain set to white: grey levels above the paper's level
    less GRAIN_SPREADS times the paper's mean deviation from it.

    The median filter removes speckle but leaves sensor noise as a fine grain on the paper,
    which Tesseract's threshold picks up around thin strokes: on six noisy generated dockets
    typewritten `CASE NO. 91 CR` read `CASE: NOs /91"CR`. Whitened, they read 95.5 -> 96.5 % of
    their words (typewritten pages 294 -> 302 of 304; docs/design-digitize.md).
    """
    pixels = page.pixels
    paper = pixels[pixels >= PAPER_LEVEL]
    if not paper.size:
        return page
    level = float(np.median(paper))
    spread = float(np.mean(np.abs(paper.astype(np.float32) - level)))
    lut = np.arange(256, dtype=np.uint8)
    lut[max(PAPER_LEVEL, int(np.ceil(level - GRAIN_SPREADS * spread))):] = 255
    return page.with_pixels(cv2.LUT(pixels, lut))


def find_ruled_lines(page: PageImage, *, ink: TextInk | None = None) -> np.ndarray:
    """True on the pixels of long straight horizontal and vertical ink runs of a level page.

    Args:
        ink: `find_text_ink(page)`, when the caller has it already.
    """
    # Found at half resolution, a quarter of the work: a 2×2 block is ink if any of its pixels
    # is, so a thin rule stays whole.
    _, full = cv2.threshold(page.pixels, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    half = cv2.resize(full, ((page.width + 1) // 2, (page.height + 1) // 2), interpolation=cv2.INTER_AREA)
    _, binary = cv2.threshold(half, 0, 1, cv2.THRESH_BINARY)
    length = max(8, int(MIN_RULE_INCHES * page.dpi * 0.5))
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    # Each direction on its own: a fold crossing a word must not lend its length to the run
    # along the word's top.
    ink = find_text_ink(page) if ink is None else ink
    rules = cv2.bitwise_or(drop_runs_inside_words(horizontal, ink), drop_runs_inside_words(vertical, ink))
    if not rules.any():
        return np.zeros(page.pixels.shape, dtype=bool)
    rules = cv2.resize(rules, (page.width, page.height), interpolation=cv2.INTER_NEAREST)
    # Anti-aliased edges of a rule are lighter than the threshold; take them too.
    return cv2.dilate(rules, np.ones((3, 3), np.uint8)).astype(bool)


def drop_runs_inside_words(runs: np.ndarray, ink: TextInk) -> np.ndarray:
    """`runs` (0/1) without the runs lying mostly within character-sized ink.

    On a blurred page the flat tops and bottoms of capitals run together into straight ink as
    long as a word; erasing them cut the words in half (a blurred printout lost 15 of its 109
    words). A ruled line, as long as the text is wide or touching the letters it runs under,
    is never character-sized itself, so the text-ink analysis has left it out.
    """
    count, labels = cv2.connectedComponents(runs, connectivity=8)
    if count <= 1:
        return runs
    text = cv2.resize(ink.mask.astype(np.uint8), (runs.shape[1], runs.shape[0]), interpolation=cv2.INTER_NEAREST)
    # Counted over the runs' own pixels, a few per cent of the page: the whole page is most of
    # the stage's time.
    rows, columns = np.nonzero(runs)
    run_labels = labels[rows, columns]
    sizes = np.bincount(run_labels, minlength=count)
    inside = np.bincount(run_labels, weights=text[rows, columns], minlength=count)
    kept = np.zeros_like(runs)
    kept[rows, columns] = inside[run_labels] <= WORD_RUN_SHARE * sizes[run_labels]
    return kept


def remove_ruled_lines(page: PageImage, *, ink: TextInk | None = None) -> tuple[PageImage, bool]:
    """The page with its ruled lines painted over in the paper's colour; and whether any were.

    Args:
        ink: `find_text_ink(page)`, when the caller has it already.
    """
    rules = find_ruled_lines(page, ink=ink)
    if not rules.any():
        return page, False
    cleaned = page.pixels.copy()
    cleaned[rules] = background_level(page.pixels)
    return page.with_pixels(cleaned), True


@dataclass(frozen=True)
class Stamps:
    """Where a page's rubber stamps are, and the grey level that tells their ink from the type's.

    `boxes` are (left, top, right, bottom) in the page's pixels; `split` is a grey level between
    the type's ink and the stamps': a pixel is a letter's if one within a stroke of it is darker.
    """

    boxes: tuple[tuple[int, int, int, int], ...]
    split: float


def _stroke_kernel(dpi: float) -> np.ndarray:
    side = max(3, int(round(STAMP_STROKE_INCHES * dpi)) | 1)
    return np.ones((side, side), np.uint8)


def _stamp_ink(pixels: np.ndarray, ink: np.ndarray, *, split: float, stroke: np.ndarray) -> np.ndarray:
    """Ink (bool) with no pixel darker than `split` within a stroke of it."""
    in_letters = cv2.dilate((pixels < split).astype(np.uint8), stroke).astype(bool)
    return ink & ~in_letters


def _grown(stat: np.ndarray, by: float) -> tuple[float, float, float, float]:
    left, top, width, height = (float(value) for value in stat[:4])
    return left - by, top - by, left + width + by, top + height + by


def _overlaps(stat: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    left, top, width, height = (float(value) for value in stat[:4])
    return left < box[2] and box[0] < left + width and top < box[3] and box[1] < top + height


def find_stamps(page: PageImage) -> Stamps:
    """The rubber stamps of a flattened page: ink lighter than the type's, in no letter's
    stroke, spreading at least STAMP_MIN_INCHES both ways.

    A stamp inked in red scans mid-grey, lighter than typed or printed text. Each stroke of a
    letter has a dark core, and its grey edges lie within a stroke of it; a stamp's ring, border
    and letters are grey throughout. Lines of light type never spread the short way: they are a
    line apart. Measured at about the analysis resolution.
    """
    # Each pixel of the reduced page is the darkest of its block: averaged with the paper, thin
    # strokes of type would turn as grey as a stamp's.
    step = max(1, round(page.dpi / ANALYSIS_DPI))
    scale = 1 / step
    small = cv2.erode(page.pixels, np.ones((step, step), np.uint8))[::step, ::step]
    threshold, binary = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink = binary.astype(bool)
    if not ink.any():
        return Stamps(boxes=(), split=0.0)
    stroke = _stroke_kernel(page.dpi * scale)
    # The type's tone: the darkest pixel near each ink pixel, over the page (stamps are a small
    # share of its ink). Stamp ink is lighter than halfway from it to the paper.
    cores = cv2.erode(small, stroke)
    type_tone = float(np.median(cores[ink]))
    contrast = threshold - type_tone
    if contrast < STAMP_MIN_CONTRAST:
        return Stamps(boxes=(), split=0.0)
    split = type_tone + STAMP_SPLIT * contrast
    light = _stamp_ink(small, ink, split=split, stroke=stroke)
    # Joined across the gaps where letters cross a stamp's strokes and where its pad was dry,
    # then grouped on a grid of that pitch: grouping the thousands of grey specks of a clean
    # page pixel by pixel would be most of the cost.
    pitch = max(1, round(STAMP_GAP_INCHES * page.dpi * scale))
    joined = cv2.dilate(light.astype(np.uint8), np.ones((2 * pitch + 1, 2 * pitch + 1), np.uint8))
    count, groups, stats, _ = cv2.connectedComponentsWithStats(
        np.ascontiguousarray(joined[::pitch, ::pitch]), connectivity=8
    )
    long_side, short_side = (inches * page.dpi * scale / pitch for inches in STAMP_MIN_INCHES)

    def is_stamp_ink(group: int) -> bool:
        # A stamp's ink is a tone of its own, well clear of the split; the light edges of
        # blurred type only just cross it.
        left, top, width, height, _ = stats[group]
        cells = np.kron(groups[top : top + height, left : left + width] == group, np.ones((pitch, pitch), bool))
        box = (slice(top * pitch, (top + height) * pitch), slice(left * pitch, (left + width) * pitch))
        own = light[box] & cells[: light[box].shape[0], : light[box].shape[1]]
        return bool(own.any()) and np.median(cores[box][own]) >= split + STAMP_TONE_MARGIN * contrast

    spread = [
        group
        for group in range(1, count)
        if max(stats[group, 2], stats[group, 3]) >= long_side and min(stats[group, 2], stats[group, 3]) >= short_side
    ]
    stamps = [group for group in spread if is_stamp_ink(group)]
    # The type crossing a stamp can cut it into pieces: the smaller ones beside a stamp, of its
    # tone, are stamp too.
    reach = STAMP_MARGIN_INCHES * page.dpi * scale / pitch
    margin = STAMP_MARGIN_INCHES * page.dpi
    boxes = []
    for stamp in stamps:
        near = _grown(stats[stamp], reach)
        pieces = [stamp] + [
            group
            for group in range(1, count)
            if group not in stamps and _overlaps(stats[group], near) and is_stamp_ink(group)
        ]
        left = min(stats[group, 0] for group in pieces)
        top = min(stats[group, 1] for group in pieces)
        right = max(stats[group, 0] + stats[group, 2] for group in pieces)
        bottom = max(stats[group, 1] + stats[group, 3] for group in pieces)
        boxes.append((
            max(0, int(left * pitch / scale - margin)),
            max(0, int(top * pitch / scale - margin)),
            min(page.width, int(right * pitch / scale + margin)),
            min(page.height, int(bottom * pitch / scale + margin)),
        ))
    return Stamps(boxes=tuple(boxes), split=split)


def remove_stamps(page: PageImage) -> tuple[PageImage, int]:
    """The flattened page with the ink of its rubber stamps (`find_stamps`) painted over in the
    paper's colour, the type they cross kept; and how many stamps there were."""
    stamps = find_stamps(page)
    if not stamps.boxes:
        return page, 0
    cleaned, paper = page.pixels.copy(), background_level(page.pixels)
    stroke = _stroke_kernel(page.dpi)
    for left, top, right, bottom in stamps.boxes:
        region = cleaned[top:bottom, left:right]
        stamp = _stamp_ink(region, region < paper, split=stamps.split, stroke=stroke)
        region[stamp] = paper
    return page.with_pixels(cleaned), len(stamps.boxes)
