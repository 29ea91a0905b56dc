"""A page scanned sideways that the cheap tests leave as it stands is turned once Tesseract's
reading shows its text running up or down the page."""

import numpy as np

from digitize import pipeline
from digitize.options import DigitizeOptions
from digitize.orientation import has_vertical_lines, reads_vertically
from fixtures.generator import generate_docket
from models.pages import OcrWord, PageImage, PageText


def _words(boxes):
    return PageText(words=tuple(OcrWord("WORD", 0, 40 * i, w, h, 0.9) for i, (w, h) in enumerate(boxes)), width=800, height=800)


def test_a_reading_whose_words_are_taller_than_wide_runs_vertically():
    assert reads_vertically(_words([(26, 120)] * 12))
    assert not reads_vertically(_words([(120, 26)] * 12))
    assert not reads_vertically(_words([(26, 120)] * 5)), "too few words to tell"


def test_a_clean_monospaced_page_scanned_sideways_is_turned_after_its_reading():
    # A near-letter-quality printout turned 90°: its letters line up across its lines as well as
    # along them (64 word-sized pieces across against 36 along), OSD leans to 270° at 0.2-0.7,
    # and Tesseract then reads it sideways at 0.9, every word taller than wide.
    docket = generate_docket(10325, damage="clean", skew_degrees=-6.49, rotation=90)
    page = PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=300)
    assert not has_vertical_lines(page), "the cheap tests now find it: this test no longer tests the late check"
    result = pipeline.digitize_page(page, DigitizeOptions())
    assert result.rotation == 90
    assert not reads_vertically(result.text)
