import numpy as np
import pytest

from digitize.orientation import detect_upside_down, has_vertical_lines, rotate
from digitize.skew import deskew, measure_skew
from models.pages import PageImage


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
    assert detect_upside_down(blank) is None
