"""One page from scan to words: the per-page pipeline, read top to bottom."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from digitize import tesseract
from digitize.capitals import restore_capitals
from digitize.clean import (
    NOISY_PAPER,
    UPSCALED_MEDIAN_SIZE,
    denoise,
    despeckle_bitonal,
    flatten_background,
    is_speckled_bitonal,
    paper_noise,
    remove_ruled_lines,
    remove_stamps,
    resample,
    whiten_paper,
)
from digitize.dots import join_dots, measure_dot_print
from digitize.doubled import drop_doubled_characters
from digitize.glyphs import vote_digits, vote_letters
from digitize.ink import TextInk, find_text_ink, text_region
from digitize.missed import cut_out, find_missed_lines, is_missed_text
from digitize.options import DigitizeOptions
from digitize.orientation import (
    READABLE_PROBE_CONFIDENCE,
    detect_upside_down,
    has_vertical_lines,
    is_confidently_upright,
    reading_confidence,
    reads_vertically,
    rotate,
)
from digitize.review_image import encode_review_png, flatten_paper
from digitize.skew import deskew, measure_skew
from digitize.spacing import join_subsections
from digitize.versions import tool_versions
from digitize.work_dir import keep_image, keep_text
from digitize.zeros import restore_zeros
from models.pages import ORIENTATION_UNSURE, PageImage, PageResult, PageText

# Straightening by less than this moves no pixel at page size, but blurs every stroke.
MIN_SKEW_CORRECTION_DEGREES = 0.05
# Read both ways, the turned reading must beat the page as scanned by this much: on a page too
# damaged to read either way, the two differ by noise.
FLIP_MARGIN = 0.05
# Fewer character-sized ink pixels than this (at analysis scale) is a blank page or speckle.
MIN_TEXT_INK_PIXELS = 30


# Tesseract's page segmentation mode for one uniform block of text.
BLOCK_PSM = 6
# A reading of the page as one block replaces the automatic layout's when it holds this many
# times its confident letters.
BLOCK_GAIN = 1.1


def is_blank_page(ink: TextInk) -> bool:
    return int(ink.mask.sum()) < MIN_TEXT_INK_PIXELS


def read(
    page: PageImage, ink: TextInk, options: DigitizeOptions, work_dir: Path | None, *, name: str = "ocr.tsv"
) -> tuple[PageText, tesseract.CharacterBoxes]:
    """Tesseract's reading of the page and its words' character boxes, in the page's pixels.

    Only the region holding text is handed over: Tesseract's time grows with the image, and the
    blank margins and lower halves of dockets cost it 15–30 % (docs/design-digitize.md).
    """
    left, top, right, bottom = text_region(page, ink=ink)
    region = page.with_pixels(np.ascontiguousarray(page.pixels[top:bottom, left:right]))
    keep_image(work_dir, region, name.replace(".tsv", "_region"))
    reading = tesseract.recognize_raw(
        region,
        lang=options.lang,
        psm=options.psm,
        blacklist=options.blacklist,
        timeout_seconds=options.ocr_timeout_seconds,
    )
    keep_text(work_dir, page.page_number, name, reading.tsv)
    keep_text(work_dir, page.page_number, name.replace(".tsv", ".hocr"), reading.hocr)
    text = tesseract.parse_tsv(
        reading.tsv, width=page.width, height=page.height, origin=(left, top), hocr=reading.hocr, exclude=options.blacklist
    )
    return text, tesseract.parse_character_boxes(reading.hocr, origin=(left, top))


def read_upright(
    page: PageImage,
    ink: TextInk,
    reading: tuple[PageText, tesseract.CharacterBoxes],
    options: DigitizeOptions,
    work_dir: Path | None,
) -> tuple[PageImage, tuple[PageText, tesseract.CharacterBoxes], bool]:
    """The page and its reading (`read`), turned 180° if it was upside down; and whether it was.

    Only pages Tesseract read with low confidence get here: most pages are upright and read
    confidently, and skip the check.
    """
    upside_down = detect_upside_down(page, ink=ink, lang=options.lang)
    if upside_down is False:
        return page, reading, False
    turned = rotate(page, 180)
    turned_reading = read(turned, find_text_ink(turned), options, work_dir, name="ocr_turned.tsv")
    gain = reading_confidence(turned_reading[0].words) - reading_confidence(reading[0].words)
    # Found upside down, the page is turned unless the two whole readings clearly say otherwise
    # (on a page too damaged to read, OSD put one upright page upside down at 2.29 and it read
    # 0.246 as scanned, 0.184 turned); undecided, only if the turned reading is clearly better.
    if gain > (-FLIP_MARGIN if upside_down else FLIP_MARGIN):
        keep_image(work_dir, turned, "rotate")
        return turned, turned_reading, True
    return page, reading, False


def best_reading(
    page: PageImage,
    ink: TextInk,
    reading: tuple[PageText, tesseract.CharacterBoxes],
    options: DigitizeOptions,
    work_dir: Path | None,
) -> tuple[tuple[PageText, tesseract.CharacterBoxes], bool]:
    """The reading, or, when it is a poor one, the page read again as one block of text if that
    reads more of it confidently; and whether it was.

    On a blurred or low-resolution page Tesseract's automatic layout analysis can break the type
    into fragments it then reads as nothing (seed 7207: mean word confidence 0.30, the lines read
    as one block almost whole).
    """
    if not options.reread_as_block or options.psm == BLOCK_PSM or is_confidently_upright(reading[0]):
        return reading, False
    block = read(page, ink, replace(options, psm=BLOCK_PSM), work_dir, name="ocr_block.tsv")
    if _confident_letters(block[0]) > BLOCK_GAIN * _confident_letters(reading[0]):
        return block, True
    return reading, False


def read_missed(
    page: PageImage,
    ink: TextInk,
    reading: tuple[PageText, tesseract.CharacterBoxes],
    options: DigitizeOptions,
    work_dir: Path | None,
) -> tuple[tuple[PageText, tesseract.CharacterBoxes], int]:
    """The reading with the lines of text it left out read too (digitize.missed); and how many
    words that added.

    The missed lines are read as one block, in blocks numbered after the reading's own.
    """
    text, characters = reading
    lines = find_missed_lines(ink, text.words)
    if not lines:
        return reading, 0
    sheet, origin = cut_out(page, lines)
    keep_image(work_dir, sheet, "missed")
    missed = tesseract.recognize_raw(
        sheet, lang=options.lang, psm=BLOCK_PSM, blacklist=options.blacklist, timeout_seconds=options.ocr_timeout_seconds
    )
    keep_text(work_dir, page.page_number, "ocr_missed.tsv", missed.tsv)
    found = tesseract.parse_tsv(
        missed.tsv, width=page.width, height=page.height, origin=origin, hocr=missed.hocr, exclude=options.blacklist
    )
    after = max(w.block for w in text.words)
    added = tuple(replace(w, block=after + w.block) for w in found.words if is_missed_text(w))
    if not added:
        return reading, 0
    characters = {**characters, **tesseract.parse_character_boxes(missed.hocr, origin=origin)}
    return (replace(text, words=text.words + added), characters), len(added)


def _confident_letters(text: PageText) -> float:
    """Letters read, each counted by its word's confidence: how much of a page a reading holds."""
    return sum(w.confidence * len(w.text) for w in text.words)


def to_target_dpi(page: PageImage, options: DigitizeOptions, steps: list[str], work_dir: Path | None) -> PageImage:
    steps.append(f"resample {page.dpi}->{options.target_dpi} dpi")
    page = resample(page, target_dpi=options.target_dpi)
    keep_image(work_dir, page, "resample")
    return page


def digitize_page(
    page_image: PageImage,
    options: DigitizeOptions,
    *,
    document_sha256: str = "",
    work_dir: Path | None = None,
) -> PageResult:
    """Orient, straighten, clean and read one page.

    Args:
        work_dir: when given, each stage's page image is written there (`000003_deskew.png`).
    """
    started = time.perf_counter()
    page, steps, rotation, skew = page_image, [], 0, 0.0
    keep_image(work_dir, page, "input")
    # Paper and noise are dealt with at the scan's own resolution, except on a noisy page whose
    # strokes are too thin for a median filter there (clean.UPSCALED_MEDIAN_SIZE).
    noisy = options.denoise and paper_noise(page) >= NOISY_PAPER
    if options.denoise and page.dpi < options.min_dpi and is_speckled_bitonal(page):
        page = despeckle_bitonal(page)
        steps.append("despeckle bitonal")
        keep_image(work_dir, page, "despeckle")
    if noisy:
        if page.dpi < options.min_dpi:
            page = denoise(to_target_dpi(page, options, steps, work_dir), size=UPSCALED_MEDIAN_SIZE)
        else:
            page = denoise(page)
        steps.append("denoise")
        keep_image(work_dir, page, "denoise")
    if options.flatten:
        page = flatten_background(page)
        steps.append("flatten background")
        keep_image(work_dir, page, "flatten")
        if noisy:
            page = whiten_paper(page)
            steps.append("whiten paper")
            keep_image(work_dir, page, "whiten")
    if not options.min_dpi <= page.dpi <= options.max_dpi:
        page = to_target_dpi(page, options, steps, work_dir)
    # The text-ink analysis the next stages measure by is made once, and again only after a
    # stage changes the page: it is most of their cost.
    ink = find_text_ink(page)
    if is_blank_page(ink):
        text, characters = PageText(words=(), width=page.width, height=page.height), {}
        steps.append("blank: not read")
    else:
        # Before deskewing: its interpolation half-fills the holes between dots, and they no
        # longer measure as dot-matrix print.
        unjoined = None
        if options.join_dots and measure_dot_print(page, ink=ink).is_dot_matrix:
            unjoined = page
            page = join_dots(page)
            ink = find_text_ink(page)
            steps.append("join dot-matrix dots")
            keep_image(work_dir, page, "join_dots")
        if options.orient and has_vertical_lines(page, ink=ink, unchanged=unjoined):
            rotation = 90
            page = rotate(page, 90)
            ink = find_text_ink(page)
            keep_image(work_dir, page, "rotate")
        if options.deskew:
            skew = measure_skew(page, ink=ink, max_degrees=options.max_skew_degrees)
            if abs(skew) >= MIN_SKEW_CORRECTION_DEGREES:
                steps.append(f"deskew {skew:+.2f}°")
                page = deskew(page, skew)
                ink = find_text_ink(page)
                keep_image(work_dir, page, "deskew")
        if options.remove_lines:
            page, removed = remove_ruled_lines(page, ink=ink)
            if removed:
                ink = find_text_ink(page)
                steps.append("remove ruled lines")
                keep_image(work_dir, page, "remove_lines")
        if options.remove_stamps:
            # After the ruled lines: light table rules crossing each other spread like a stamp.
            page, stamps = remove_stamps(page)
            if stamps:
                ink = find_text_ink(page)
                steps.append(f"remove stamps ({stamps})")
                keep_image(work_dir, page, "remove_stamps")
        # A reading broken into fragments also looks sideways (its pieces taller than wide): the
        # page is read as one block before that is asked, and again once it has been turned.
        reading, as_block = best_reading(page, ink, read(page, ink, options, work_dir), options, work_dir)
        if options.orient and not rotation and reads_vertically(reading[0]):
            # Tesseract found the text running up or down the page: it was scanned sideways
            # after all (a clean monospaced page whose letters line up both ways).
            rotation, page = 90, rotate(page, 90)
            ink = find_text_ink(page)
            keep_image(work_dir, page, "rotate")
            reading, as_block = best_reading(page, ink, read(page, ink, options, work_dir, name="ocr_sideways.tsv"), options, work_dir)
        oriented = options.orient and not is_confidently_upright(reading[0])
        if oriented:
            page, reading, turned = read_upright(page, ink, reading, options, work_dir)
            if turned:
                rotation += 180
                ink = find_text_ink(page)
                reading, as_block = best_reading(page, ink, reading, options, work_dir)
        if as_block:
            steps.append("read as one block")
        if options.read_missed:
            reading, added = read_missed(page, ink, reading, options, work_dir)
            if added:
                steps.append(f"read missed lines ({added} words)")
        if oriented and reading_confidence(reading[0].words) < READABLE_PROBE_CONFIDENCE:
            # Read too poorly either way up to tell which is up (every orientation miss on
            # generated pages was such a page): a person should look.
            steps.append(ORIENTATION_UNSURE)
        text, characters = reading
        if rotation:
            steps.append(f"rotate {rotation}°")
    # The glyph votes and the review image both see the page with its paper flattened.
    flattened = page.with_pixels(flatten_paper(page.pixels))
    if options.drop_doubled:
        text, characters, dropped = drop_doubled_characters(text, characters)
        if dropped:
            steps.append(f"drop doubled characters ({dropped})")
    # In this order: the glyphs vote after the zeros are restored, so more of their readings
    # are right; subsections are joined last, since the steps before find each word's
    # character boxes by the box Tesseract gave it.
    repairs = (
        (options.restore_zeros, "restore zeros", restore_zeros),
        (options.vote_digits, "vote digits", lambda text: vote_digits(flattened, text, characters)),
        (options.vote_letters, "vote letters", lambda text: vote_letters(flattened, text, characters)),
        (options.restore_capitals, "restore capitals", lambda text: restore_capitals(page, text, characters)),
        (options.join_subsections, "join subsections", lambda text: join_subsections(text, characters)),
    )
    for wanted, name, repair in repairs:
        if wanted:
            text, changed = repair(text)
            if changed:
                steps.append(f"{name} ({changed})")
    return PageResult(
        document_sha256=document_sha256,
        page_number=page.page_number,
        text=text,
        rotation=rotation,
        skew_degrees=round(skew, 3),
        dpi=page.dpi,
        image_png=encode_review_png(flattened.pixels, compression=options.png_compression),
        seconds=time.perf_counter() - started,
        steps=tuple(steps),
        tool_versions=tool_versions(),
        options=options.to_dict(),
    )
