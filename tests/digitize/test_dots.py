"""Dot-matrix print is found by measurement and its dots joined; other print is left alone."""

from collections import Counter

import numpy as np
import pytest

from digitize.dots import join_dots, measure_dot_print
from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from digitize.sources import load_page, sniff_kind
from digitize_pages import REAL_SCANS, generated_printout
from fixtures.generator import generate_docket
from fixtures.generator.layouts import DOT_MATRIX, DOT_MATRIX_NLQ, TYPEWRITER
from models.pages import PageImage

LINES = (
    "*** CIRCUIT COURT OF COOK COUNTY ***   RUN DATE 06/16/93",
    "CASE NUMBER: 89CR1528001   DEFT: KELLY, DONALD",
    "CT 1  POSSESSION OF CANNABIS  704-A  CLASS B MISD",
    "720 ILCS 550/4(A)  2.5 GRAMS  RESIST/OBSTRUCT - PG.",
    "DISPOSITION: SUPERVISION 12 MONTHS  FINE $100 - DEFT",
    "I-BOND $1000  FILED 10/29/1975  COURTROOM 302  RUN",
)


def printed(face: str) -> tuple[PageImage, list[str]]:
    """A small generated printout in `face` and the words on it."""
    return generated_printout(LINES, face, height_inches=1.8, seed=7)


def accuracy(printed_words: list[str], read_words: list[str]) -> float:
    wanted, got = Counter(printed_words), Counter(read_words)
    return sum(min(count, got[word]) for word, count in wanted.items()) / len(printed_words)


def test_near_letter_quality_print_measures_as_dot_matrix():
    page, _ = printed(DOT_MATRIX_NLQ)
    assert measure_dot_print(page).is_dot_matrix


def test_draft_print_has_dot_holes_but_fewer():
    # Draft dots overlap into strokes with a few holes between them: more than typewritten
    # print has, too few to tell from a noisy real scan.
    page, _ = printed(DOT_MATRIX)
    dots = measure_dot_print(page)
    assert dots.fragments >= dots.letters / 2
    assert not dots.is_dot_matrix


def test_typewritten_print_does_not(clean_page):
    generated, _ = printed(TYPEWRITER)
    for page in (generated, clean_page.page()):
        dots = measure_dot_print(page)
        assert dots.letters > 100
        assert not dots.is_dot_matrix


def test_a_blank_page_does_not():
    assert not measure_dot_print(PageImage(pixels=np.full((600, 900), 255, np.uint8), dpi=300)).is_dot_matrix


def test_joined_dots_are_solid_strokes():
    page, _ = printed(DOT_MATRIX_NLQ)
    before, after = measure_dot_print(page), measure_dot_print(join_dots(page))
    assert not after.is_dot_matrix
    assert after.fragments < before.fragments / 4


def test_near_letter_quality_docket_reads_better_joined():
    docket = generate_docket(4104)  # a one-page printout in the near-letter-quality face
    truth = docket.truth["pages"][0]
    assert truth["face"] == DOT_MATRIX_NLQ
    page = PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=truth["dpi"])
    words = [word["text"] for word in truth["words"]]
    joined = digitize_page(page, DigitizeOptions())
    as_printed = digitize_page(page, DigitizeOptions(join_dots=False))
    assert "join dot-matrix dots" in joined.steps
    assert "join dot-matrix dots" not in as_printed.steps
    joined_accuracy = accuracy(words, [word.text for word in joined.text.words])
    assert joined_accuracy >= 0.96
    assert joined_accuracy >= accuracy(words, [word.text for word in as_printed.text.words]) + 0.03


def test_typewritten_page_is_not_joined():
    page, words = printed(TYPEWRITER)
    result = digitize_page(page, DigitizeOptions())
    assert "join dot-matrix dots" not in result.steps
    assert accuracy(words, [word.text for word in result.text.words]) >= 0.95


@pytest.mark.skipif(not REAL_SCANS.is_dir(), reason="../shared/real_scans is not here")
@pytest.mark.parametrize(
    "path",
    [
        # The real pages that measure the most fragments per letter: bitonal CCITT speckle, and
        # JPEG specks of a receipt scanned on A4.
        "court_scans_freelawproject_doctor/ca4_appearance_of_counsel_form_2017_ccitt300.pdf",
        "sroie_receipts_icdar2019/img/440.jpg",
    ],
)
def test_real_scans_are_not_taken_for_dot_matrix(path):
    source = REAL_SCANS / path
    page = load_page(source, sniff_kind(source), 1, DigitizeOptions())
    assert not measure_dot_print(page).is_dot_matrix
