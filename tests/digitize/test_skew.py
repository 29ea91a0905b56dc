import numpy as np
import pytest

from digitize_pages import render_page
from digitize.skew import deskew, measure_skew

SKEWS = [-10.0, -6.3, -2.2, -0.35, 0.0, 0.15, 1.7, 4.05, 7.5, 10.0]


@pytest.fixture(scope="module")
def page():
    return render_page(11, lines=12)


@pytest.mark.parametrize("skew", SKEWS)
def test_measured_skew_is_within_a_tenth_of_a_degree(page, skew):
    assert measure_skew(page.page(skew=skew)) == pytest.approx(skew, abs=0.1)


def test_counter_clockwise_is_positive(page):
    # Lines rising to the right (the page turned counter-clockwise) measure positive.
    assert measure_skew(page.page(skew=3.0)) > 2.5
    assert measure_skew(page.page(skew=-3.0)) < -2.5


@pytest.mark.parametrize("skew", [-8.0, 5.0])
def test_deskewed_page_is_level_and_keeps_its_corners(page, skew):
    skewed = page.page(skew=skew)
    level = deskew(skewed, measure_skew(skewed))
    assert measure_skew(level) == pytest.approx(0.0, abs=0.1)
    assert level.width >= skewed.width * np.cos(np.deg2rad(abs(skew))) - 2
    # The fill matches the paper: no black corners for Tesseract to read as ink.
    assert level.pixels[0, 0] > 200 and level.pixels[-1, -1] > 200


def test_blank_page_measures_zero():
    from models.pages import PageImage

    assert measure_skew(PageImage(pixels=np.full((800, 600), 255, np.uint8), dpi=300)) == 0.0
