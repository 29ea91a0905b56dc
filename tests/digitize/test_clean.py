import numpy as np
import pytest

from digitize_pages import render_page, word_accuracy
from digitize import tesseract
from digitize.clean import estimate_dpi, find_ruled_lines, remove_ruled_lines, resample
from digitize.ink import binarize_ink


def longest_horizontal_run(pixels: np.ndarray) -> int:
    ink = binarize_ink(pixels).astype(np.int8)
    best = 0
    for row in ink:
        edges = np.flatnonzero(np.diff(np.concatenate([[0], row, [0]])))
        if len(edges):
            best = max(best, int((edges[1::2] - edges[::2]).max()))
    return best


@pytest.fixture(scope="module")
def ruled():
    return render_page(21, lines=8, rules=True)


def test_ruled_lines_are_erased_and_the_text_kept(ruled):
    page = ruled.page()
    assert longest_horizontal_run(page.pixels) > 5 * page.dpi
    cleaned, removed = remove_ruled_lines(page)
    assert removed
    # No ink run as long as half an inch is left: the rules are gone, letters are shorter.
    assert longest_horizontal_run(cleaned.pixels) < page.dpi / 2
    read = [w.text for w in tesseract.recognize(cleaned).words]
    assert word_accuracy(ruled.words, read) >= 0.95


def test_a_page_without_rules_is_left_alone(clean_page):
    page = clean_page.page()
    assert not find_ruled_lines(page).any()
    cleaned, removed = remove_ruled_lines(page)
    assert not removed and cleaned is page


def test_resample_scales_pixels_and_dpi(clean_page):
    page = clean_page.page()
    low = resample(page, target_dpi=150)
    assert low.dpi == 150 and abs(low.width - page.width / 2) <= 1
    assert resample(low, target_dpi=300).height == pytest.approx(page.height, abs=2)


@pytest.mark.parametrize("dpi", [150, 300])
def test_resolution_is_estimated_from_the_type(dpi):
    page = render_page(4, lines=8, dpi=dpi).page()
    assert estimate_dpi(page.pixels) == pytest.approx(dpi, rel=0.3)
