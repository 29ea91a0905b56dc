import numpy as np
import pytest

from digitize import pipeline, tesseract
from digitize.clean import NOISY_PAPER, denoise, flatten_background, paper_noise, remove_ruled_lines, resample
from digitize.dots import join_dots, measure_dot_print
from digitize.ink import TextInk, find_text_ink
from digitize.options import DigitizeOptions
from digitize.orientation import (
    DECISIVE_ASYMMETRY,
    OSD_CONFIDENCE,
    SURE_ASYMMETRY,
    MIN_LINES,
    TextLine,
    detect_upside_down,
    find_lines,
    has_vertical_lines,
    line_alignment,
    line_asymmetry,
    rotate,
)
from digitize.skew import deskew, measure_skew
from fixtures.generator import generate_docket
from fixtures.generator.layouts import LAYOUTS
from models.pages import ORIENTATION_UNSURE, PageImage


def upright(page: PageImage) -> tuple[int, PageImage]:
    """The rotation the orientation stages find, and the page they leave (as the pipeline does)."""
    rotation = 90 if has_vertical_lines(page) else 0
    page = rotate(page, rotation)
    page = deskew(page, measure_skew(page))
    if detect_upside_down(page):
        rotation += 180
        page = rotate(page, 180)
    return rotation % 360, page


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("skew", [0.0, -6.0])
@pytest.mark.parametrize("type_case", ["mixed", "capitals"])
def test_rotation_is_found(clean_page, capitals_page, rotation, skew, type_case):
    rendered = clean_page if type_case == "mixed" else capitals_page
    found, _ = upright(rendered.page(skew=skew, rotation=rotation))
    assert found == rotation


def test_rotate_undoes_a_clockwise_turn(clean_page):
    original = clean_page.page()
    turned = clean_page.page(rotation=90)
    assert np.array_equal(rotate(turned, 90).pixels, original.pixels)


def test_rotate_refuses_other_angles(clean_page):
    with pytest.raises(ValueError):
        rotate(clean_page.page(), 45)


def test_blank_page_is_upright():
    blank = PageImage(pixels=np.full((600, 800), 255, np.uint8), dpi=300)
    assert not has_vertical_lines(blank)
    assert detect_upside_down(blank) is False


def prepared(seed: int, *, skew: float, rotation: int) -> PageImage:
    """A generated 100-dpi noisy docket page after the pipeline's clean-up, before orientation."""
    docket = generate_docket(seed, damage="damaged", skew_degrees=skew, rotation=rotation)
    page = PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=docket.truth["pages"][0]["dpi"])
    assert page.dpi == 100 and paper_noise(page) >= NOISY_PAPER
    return resample(flatten_background(denoise(page)), target_dpi=300)


def test_a_page_more_speckle_than_text_is_not_turned_sideways():
    # Upright, its speckle outweighs its faint type: closing gaps makes more word-sized pieces
    # across it than along it (215 against 151), which alone called it sideways; Tesseract's
    # orientation detection does not place it on its side, so it stays.
    assert not has_vertical_lines(prepared(7304, skew=9.57, rotation=0))


def test_a_page_too_damaged_to_read_either_way_is_still_turned_upright():
    # Upside down; its line shape leans the wrong way and a few lines read both ways score
    # under 0.3 either way: Tesseract's orientation detection decides.
    page = prepared(9122, skew=-7.93, rotation=180)
    assert not has_vertical_lines(page)
    level = deskew(page, measure_skew(page))
    assert detect_upside_down(level) is True


def test_a_page_too_damaged_to_read_either_way_keeps_its_near_decisive_shape():
    # Upright; its line shape measures 0.50 the right way, not sure enough to decide alone, and
    # its lines read both ways score under 0.35: the shape decides, not Tesseract's orientation
    # detection, which put this page upside down at 2.56.
    page = prepared(7304, skew=9.57, rotation=0)
    level = deskew(page, measure_skew(page))
    assert detect_upside_down(level) is False


def test_a_dot_matrix_page_osd_cannot_place_once_joined_is_still_turned_sideways():
    # A clean near-letter-quality printout turned 270°: its pieces across outnumber those along
    # it too narrowly to be sure, and once its dots are joined OSD is unsure of it (0.21); on
    # the page as printed it is sure (1.68).
    docket = generate_docket(8211, damage="clean", skew_degrees=3.12, rotation=270)
    printed = flatten_background(PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=300))
    assert measure_dot_print(printed).is_dot_matrix
    joined = join_dots(printed)
    found = tesseract.detect_orientation(joined)
    assert found is None or found[1] < OSD_CONFIDENCE, "OSD now places the joined page: this test no longer tests the fallback"
    assert has_vertical_lines(joined, unchanged=printed)


def test_an_upside_down_page_whose_shape_leans_the_wrong_way_is_read_both_ways():
    # The second page of a damaged docket turned 180°: seven lines whose shape says upright at
    # 0.54, just past DECISIVE_ASYMMETRY; three of its lines read both ways score 0.25 upright
    # and 0.67 turned.
    docket = generate_docket(8230, damage="damaged", skew_degrees=-8.81, rotation=180)
    page = PageImage(pixels=np.asarray(docket.pages[1]).copy(), dpi=docket.truth["pages"][1]["dpi"])
    page = flatten_background(denoise(page))
    assert not has_vertical_lines(page)
    level, _ = remove_ruled_lines(deskew(page, measure_skew(page)))
    ink = find_text_ink(level)
    asymmetry, _ = line_asymmetry(ink, find_lines(ink))
    assert DECISIVE_ASYMMETRY <= asymmetry < SURE_ASYMMETRY
    assert detect_upside_down(level, ink=ink) is True


def test_a_page_found_upside_down_stays_as_scanned_when_it_reads_far_better_so(clean_page, monkeypatch):
    # Tesseract's OSD decides a page too damaged to read a few lines of either way, and put one
    # upright such page upside down at 2.29; its two whole readings said otherwise. Here an
    # upright clean page is found upside down by fiat: it reads far better as scanned, so it stays.
    page = clean_page.page()
    ink = find_text_ink(page)
    options = DigitizeOptions()
    reading = pipeline.read(page, ink, options, None)
    monkeypatch.setattr(pipeline, "detect_upside_down", lambda *args, **kwargs: True)
    kept, kept_reading, turned = pipeline.read_upright(page, ink, reading, options, None)
    assert not turned
    assert kept is page and kept_reading is reading


def test_a_blurred_page_osd_is_unsure_of_is_turned_sideways_when_only_turned_it_shows_lines():
    # A dot-matrix rap sheet blurred (σ 2.7 px) and scanned at 270°: its letters merge both ways
    # (30 word-sized pieces across against 22 along), OSD leans to 270° at 0.4, and only turned
    # does it show lines of text.
    docket = generate_docket(5074, damage="damaged")
    assert docket.truth["pages"][0]["rotation"] == 270
    page = flatten_background(PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=300))
    found = tesseract.detect_orientation(page)
    assert found is not None and found[1] < OSD_CONFIDENCE, "OSD now places the page: this test no longer tests the fallback"
    assert has_vertical_lines(page)
    result = pipeline.digitize_page(PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=300), DigitizeOptions())
    assert result.rotation == 270


def test_a_page_read_too_poorly_either_way_up_is_marked_orientation_unsure():
    # The one held-out page of seed 10700 left upside down: 100 dpi, blurred, speckled and
    # stamped, 22 words. Its orientation is a guess, and the page says so; the readable first
    # page of the same docket, turned the same way, is found upright and not marked.
    docket = generate_docket(10722, damage="damaged", skew_degrees=-0.85, rotation=180)
    results = [
        pipeline.digitize_page(PageImage(pixels=np.asarray(image).copy(), dpi=truth["dpi"], page_number=number), DigitizeOptions())
        for number, (image, truth) in enumerate(zip(docket.pages, docket.truth["pages"]), start=1)
    ]
    assert [r.rotation for r in results][0] == 180
    assert [ORIENTATION_UNSURE in r.steps for r in results] == [False, True]


def ragged_lines(lengths: list[int]) -> tuple[TextInk, list[TextLine]]:
    """Lines of 10-pixel letters starting at one margin, each as long as `lengths` says."""
    mask = np.zeros((20 * len(lengths), 400), dtype=bool)
    for index, length in enumerate(lengths):
        mask[20 * index + 5 : 20 * index + 15, 30 : 30 + length] = True
    return TextInk(mask=mask, scale=1.0, char_height=10.0), [TextLine(20 * i, 20 * i + 20) for i in range(len(lengths))]


def test_lines_starting_together_and_ending_raggedly_are_upright():
    ink, lines = ragged_lines([300, 120, 250, 90, 330, 200])
    assert line_alignment(ink, lines) == pytest.approx(5 / 6)
    turned = TextInk(mask=np.ascontiguousarray(np.rot90(ink.mask, 2)), scale=1.0, char_height=10.0)
    assert line_alignment(turned, lines) == pytest.approx(-5 / 6)


def test_line_alignment_ignores_speckle_and_says_nothing_of_few_lines():
    ink, lines = ragged_lines([300, 120, 250, 90, 330, 200])
    # A speck beyond a line's end is no text: it does not line the ends up.
    ink.mask[25, 385] = ink.mask[65, 385] = ink.mask[105, 385] = True
    assert line_alignment(ink, lines) == pytest.approx(5 / 6)
    few, few_lines = ragged_lines([300, 120, 250][: MIN_LINES - 1])
    assert line_alignment(few, few_lines) == 0.0


def test_an_upside_down_page_too_damaged_to_read_either_way_is_turned_by_its_lines_alignment():
    # A damaged 300-dpi page turned 180°: a few of its lines read both ways score under 0.35,
    # its shape is no evidence and Tesseract's orientation detection does not place it upside
    # down, so it was left as scanned. Its lines end together on the left: it is turned.
    docket = generate_docket(20565, damage="damaged", skew_degrees=-6.67, rotation=180)
    page = PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=docket.truth["pages"][0]["dpi"], page_number=1)
    assert pipeline.digitize_page(page, DigitizeOptions()).rotation == 180


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_generated_layout_starts_its_lines_together(layout):
    # Clean first pages, upright and turned: the sign is right. Rap sheets, whose entries
    # repeat one shape, measure least (0.16–0.39 on seeds 20000–20005; the others 0.33–0.80).
    docket = generate_docket(20000, damage="clean", layout=layout)
    page = flatten_background(PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=300))
    ink, turned = find_text_ink(page), find_text_ink(rotate(page, 180))
    assert line_alignment(ink, find_lines(ink)) > 0 > line_alignment(turned, find_lines(turned))
