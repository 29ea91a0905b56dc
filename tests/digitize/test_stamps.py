"""Rubber stamps inked lighter than the type: found by their tone and spread, and erased."""

import numpy as np
import pytest

from bench.ocr_quality import word_accuracy
from digitize.clean import find_stamps, flatten_background, remove_stamps
from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from fixtures.generator import generate_docket
from models.pages import PageImage


def stamped_page(seed: int, damage: str = "stamp") -> tuple[PageImage, dict]:
    docket = generate_docket(seed, damage=damage)
    truth = docket.truth["pages"][0]
    return PageImage(pixels=np.asarray(docket.pages[0].convert("L")).copy(), dpi=truth["dpi"]), truth


def stamp_box(truth: dict) -> tuple[int, int, int, int]:
    (stamp,) = [effect for effect in truth["damage"] if effect["name"] == "stamp"]
    return tuple(stamp["bbox"])


def words_under(truth: dict, box: tuple[int, int, int, int]) -> list[str]:
    left, top, right, bottom = box
    return [
        word["text"]
        for word in truth["words"]
        if word["bbox"][0] < right and word["bbox"][2] > left and word["bbox"][1] < bottom and word["bbox"][3] > top
    ]


def overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.fixture(scope="module")
def box_stamp():
    # A "FILED" box stamped across 13 words of a typewritten rap sheet.
    page, truth = stamped_page(22)
    return flatten_background(page), truth


def test_a_stamp_is_found_where_it_was_stamped(box_stamp):
    page, truth = box_stamp
    stamps = find_stamps(page)
    assert stamps.boxes
    assert all(overlaps(box, stamp_box(truth)) for box in stamps.boxes)


def test_removing_a_stamp_erases_its_ink_and_nothing_outside_it(box_stamp):
    page, truth = box_stamp
    left, top, right, bottom = stamp_box(truth)
    words = np.zeros(page.pixels.shape, dtype=bool)
    for word in truth["words"]:
        x0, y0, x1, y1 = word["bbox"]
        words[y0:y1, x0:x1] = True
    stamp = np.zeros_like(words)
    stamp[top:bottom, left:right] = True
    stamp &= ~words
    cleaned, count = remove_stamps(page)
    assert count == len(find_stamps(page).boxes) >= 1
    grey_before = int((page.pixels[stamp] < 200).sum())
    grey_after = int((cleaned.pixels[stamp] < 200).sum())
    assert grey_after < 0.4 * grey_before
    # The type keeps its dark strokes, under the stamp as elsewhere.
    type_ink = words & (page.pixels < 64)
    assert (cleaned.pixels[type_ink] == page.pixels[type_ink]).mean() > 0.999
    outside = np.ones_like(words)
    for x0, y0, x1, y1 in find_stamps(page).boxes:
        outside[y0:y1, x0:x1] = False
    assert np.array_equal(cleaned.pixels[outside], page.pixels[outside])


def test_the_words_under_a_stamp_are_read_once_it_is_removed():
    # A clerk's round seal over 19 words of a dot-matrix rap sheet (real Tesseract).
    page, truth = stamped_page(24)
    under = words_under(truth, stamp_box(truth))
    with_stamp = digitize_page(page, DigitizeOptions(remove_stamps=False))
    without = digitize_page(page, DigitizeOptions())
    assert "remove stamps (1)" in without.steps
    assert not any(step.startswith("remove stamps") for step in with_stamp.steps)
    before = word_accuracy(under, [word.text for word in with_stamp.text.words])
    after = word_accuracy(under, [word.text for word in without.text.words])
    assert after >= before + 0.15


@pytest.mark.parametrize(
    ("seed", "damage"),
    [
        (4100, "clean"),
        (4102, "clean"),
        # Faded carbon copies whose type is lighter in one part of the sheet than another: the
        # light type is no tone of its own.
        (5087, "damaged"),
        (6865, "damaged"),
    ],
)
def test_a_page_without_a_stamp_has_none_found(seed, damage):
    page, truth = stamped_page(seed, damage)
    assert not any(effect["name"] == "stamp" for effect in truth.get("damage") or [])
    assert find_stamps(flatten_background(page)).boxes == ()


def test_light_table_rules_are_erased_as_rules_before_stamps_are_looked_for():
    # A blurred half-sheet whose grey table rules cross each other: they spread like a stamp
    # over the docket entries, and the edges of the blurred type beside them would be erased.
    page, truth = stamped_page(6841, "damaged")
    assert not any(effect["name"] == "stamp" for effect in truth["damage"])
    result = digitize_page(page, DigitizeOptions())
    assert "remove ruled lines" in result.steps
    assert not any(step.startswith("remove stamps") for step in result.steps)
