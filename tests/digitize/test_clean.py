import numpy as np
import pytest

from digitize_pages import render_page, word_accuracy
from digitize import tesseract
from digitize.clean import (
    UPSCALED_MEDIAN_SIZE,
    denoise,
    despeckle_bitonal,
    estimate_dpi,
    find_ruled_lines,
    flatten_background,
    is_speckled_bitonal,
    remove_ruled_lines,
    resample,
    whiten_paper,
)
from digitize.ink import binarize_ink
from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from fixtures.generator import generate_docket
from models.pages import PageImage


def generated_page(seed: int, damage: str, layout: str) -> tuple[PageImage, dict]:
    docket = generate_docket(seed, damage=damage, layout=layout)
    truth = docket.truth["pages"][0]
    return PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=truth["dpi"]), truth


def word_boxes(truth: dict, shape: tuple[int, ...]) -> np.ndarray:
    boxes = np.zeros(shape, dtype=bool)
    for word in truth["words"]:
        left, top, right, bottom = word["bbox"]
        boxes[top:bottom, left:right] = True
    return boxes


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


def test_the_run_along_blurred_capitals_is_not_a_rule():
    # A blurred near-letter-quality printout: its bold capitals' flat tops run together into
    # straight ink longer than half an inch, inside the words; the printout's rules lie between
    # the lines.
    page, truth = generated_page(31, "blur", "printout")
    assert truth["face"] == "dot_matrix_nlq"
    rules = find_ruled_lines(flatten_background(page))
    assert rules.sum() > page.dpi * 10
    assert not (rules & word_boxes(truth, rules.shape)).any()


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


def test_paper_grain_is_whitened_and_the_print_kept(clean_page):
    rng = np.random.default_rng(7)
    page = clean_page.page()
    noisy = np.clip(page.pixels + rng.normal(0, 12, page.pixels.shape), 0, 255).astype(np.uint8)
    flattened = flatten_background(denoise(page.with_pixels(noisy)))
    whitened = whiten_paper(flattened)
    grain = lambda pixels: float(np.mean((pixels >= 200) & (pixels < 255)))
    assert grain(flattened.pixels) > 0.2
    assert grain(whitened.pixels) < grain(flattened.pixels) / 10
    # Only paper-light pixels change: every stroke keeps its grey.
    assert np.array_equal(whitened.pixels[flattened.pixels < 200], flattened.pixels[flattened.pixels < 200])
    read = [w.text for w in tesseract.recognize(whitened).words]
    assert word_accuracy(clean_page.words, read) >= 0.95


def test_white_paper_is_left_white(clean_page):
    page = clean_page.page()
    assert np.array_equal(whiten_paper(page).pixels[page.pixels < 200], page.pixels[page.pixels < 200])


@pytest.fixture(scope="module")
def faded_noisy_100_dpi():
    """A carbon copy at half strength scanned at 100 dpi with sensor noise: strokes a pixel wide."""
    rendered = render_page(4, lines=8, dpi=100)
    faded = 255 - (255 - rendered.page().pixels.astype(np.float32)) * 0.5
    noisy = faded + np.random.default_rng(7).normal(0, 10, faded.shape)
    return rendered, PageImage(pixels=np.clip(noisy, 0, 255).astype(np.uint8), dpi=100)


def test_thin_strokes_survive_a_median_only_once_upscaled(faded_noisy_100_dpi):
    rendered, page = faded_noisy_100_dpi

    def words_read(cleaned: PageImage) -> float:
        cleaned = resample(whiten_paper(flatten_background(cleaned)), target_dpi=300)
        return word_accuracy(rendered.words, [w.text for w in tesseract.recognize(cleaned).words])

    assert words_read(denoise(page)) < 0.5
    assert words_read(denoise(resample(page, target_dpi=300), size=UPSCALED_MEDIAN_SIZE)) >= 0.9


def test_a_noisy_low_resolution_page_is_upscaled_before_its_median(faded_noisy_100_dpi):
    rendered, page = faded_noisy_100_dpi
    result = digitize_page(page, DigitizeOptions())
    assert result.steps[:4] == ("resample 100->300 dpi", "denoise", "flatten background", "whiten paper")
    assert word_accuracy(rendered.words, [w.text for w in result.text.words]) >= 0.9


@pytest.fixture(scope="module")
def speckled_bitonal_100_dpi():
    """A carbon copy at half strength scanned black-and-white at 100 dpi, the scanner's threshold
    close enough to the paper that sensor noise crosses it in specks of one and two pixels; and
    the same page scanned without noise."""
    rendered = render_page(4, lines=8, dpi=100)
    faded = 255 - (255 - rendered.page().pixels.astype(np.float32)) * 0.5
    noisy = faded + np.random.default_rng(7).normal(0, 16, faded.shape)

    def scanned(pixels: np.ndarray) -> PageImage:
        return PageImage(pixels=np.where(pixels < 225, 0, 255).astype(np.uint8), dpi=100)

    return rendered, scanned(noisy), scanned(faded)


def test_only_a_speckled_black_and_white_page_measures_speckled(speckled_bitonal_100_dpi, faded_noisy_100_dpi):
    _, speckled, unspeckled = speckled_bitonal_100_dpi
    assert is_speckled_bitonal(speckled)
    assert not is_speckled_bitonal(unspeckled)
    assert not is_speckled_bitonal(faded_noisy_100_dpi[1])


def test_bitonal_specks_removed_before_upscaling_do_not_survive_the_median(speckled_bitonal_100_dpi):
    rendered, page, _ = speckled_bitonal_100_dpi

    def words_read(scanned: PageImage) -> float:
        cleaned = denoise(resample(scanned, target_dpi=300), size=UPSCALED_MEDIAN_SIZE)
        cleaned = whiten_paper(flatten_background(cleaned))
        return word_accuracy(rendered.words, [w.text for w in tesseract.recognize(cleaned).words])

    assert words_read(page) < 0.5
    assert words_read(despeckle_bitonal(page)) >= 0.75


def test_a_speckled_bitonal_low_resolution_page_is_despeckled_by_the_pipeline(speckled_bitonal_100_dpi):
    rendered, page, _ = speckled_bitonal_100_dpi
    result = digitize_page(page, DigitizeOptions())
    assert "despeckle bitonal" in result.steps
    assert word_accuracy(rendered.words, [w.text for w in result.text.words]) >= 0.75
