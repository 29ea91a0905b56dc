import cv2
import numpy as np
import pytest

from digitize_pages import render_page, word_accuracy
from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from digitize.skew import measure_skew
from fixtures.generator import generate_docket
from models.pages import PageImage

OPTIONS = DigitizeOptions()


def decoded(result):
    return cv2.imdecode(np.frombuffer(result.image_png, np.uint8), cv2.IMREAD_UNCHANGED)


def test_sideways_skewed_page_comes_out_upright_level_and_read(clean_page):
    result = digitize_page(clean_page.page(skew=4.0, rotation=90, page_number=3), OPTIONS, document_sha256="abc")
    assert (result.document_sha256, result.page_number, result.rotation) == ("abc", 3, 90)
    assert result.skew_degrees == pytest.approx(4.0, abs=0.1)
    assert word_accuracy(clean_page.words, [w.text for w in result.text.words]) >= 0.95
    # Word boxes are in the stored, normalized image: it is upright (wider than tall) and level.
    image = decoded(result)
    assert image.shape == (result.text.height, result.text.width)
    assert image.shape[1] > image.shape[0]
    assert measure_skew(PageImage(image, result.dpi)) == pytest.approx(0.0, abs=0.1)
    for word in result.text.words:
        assert 0 <= word.left and word.left + word.width <= image.shape[1]
        assert 0 <= word.top and word.top + word.height <= image.shape[0]


def test_upside_down_capitals_are_turned(capitals_page):
    result = digitize_page(capitals_page.page(rotation=180), OPTIONS)
    assert result.rotation == 180
    assert word_accuracy(capitals_page.words, [w.text for w in result.text.words]) >= 0.95


def test_low_resolution_page_is_upscaled_before_reading():
    rendered = render_page(8, lines=8, dpi=150)
    result = digitize_page(rendered.page(), OPTIONS)
    assert result.dpi == OPTIONS.target_dpi
    assert any(step.startswith("resample 150->300") for step in result.steps)
    assert word_accuracy(rendered.words, [w.text for w in result.text.words]) >= 0.95


def test_blank_page_is_not_read():
    result = digitize_page(PageImage(np.full((1650, 1275), 250, np.uint8), dpi=150), OPTIONS)
    assert result.ok and result.text.words == ()
    assert result.steps[-1] == "blank: not read"


def test_work_dir_keeps_each_stage(tmp_path, clean_page):
    digitize_page(clean_page.page(skew=-3.0, page_number=3), OPTIONS, work_dir=tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "000003_deskew.png", "000003_flatten.png", "000003_input.png", "000003_ocr.hocr", "000003_ocr.tsv",
        "000003_ocr_region.png",
    ]
    assert (tmp_path / "000003_ocr.tsv").read_text().startswith("level\tpage_num")
    assert "ocrx_word" in (tmp_path / "000003_ocr.hocr").read_text()


def test_options_and_tool_versions_travel_with_the_page(clean_page):
    result = digitize_page(clean_page.page(), DigitizeOptions(psm=6))
    assert result.options["psm"] == 6
    assert {"tesseract", "poppler", "opencv", "cleardocket"} <= set(result.tool_versions)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_generated_damaged_docket_is_oriented_and_deskewed(rotation):
    docket = generate_docket(40 + rotation, damage="damaged", rotation=rotation, skew_degrees=-7.5)
    truth = docket.truth["pages"][0]
    page = PageImage(np.asarray(docket.pages[0]).copy(), dpi=truth["dpi"])
    result = digitize_page(page, OPTIONS)
    assert result.rotation == rotation
    assert result.skew_degrees == pytest.approx(-7.5, abs=0.2)


def test_generated_clean_typewritten_docket_reads_nearly_word_for_word():
    docket = generate_docket(12, damage="clean", layout="half_sheet")
    truth = docket.truth["pages"][0]
    result = digitize_page(PageImage(np.asarray(docket.pages[0]).copy(), dpi=truth["dpi"]), OPTIONS)
    printed = [w["text"] for w in truth["words"]]
    assert word_accuracy(printed, [w.text for w in result.text.words]) >= 0.95


def test_word_boxes_land_on_the_printed_words():
    docket = generate_docket(12, damage="clean", layout="half_sheet")
    truth = docket.truth["pages"][0]
    result = digitize_page(PageImage(np.asarray(docket.pages[0]).copy(), dpi=truth["dpi"]), OPTIONS)
    printed = {}
    for word in truth["words"]:
        printed.setdefault(word["text"], []).append(word["bbox"])
    overlaps = []
    for word in result.text.words:
        boxes = printed.get(word.text, [])
        if len(boxes) == 1:
            (x0, y0, x1, y1), (a0, b0, a1, b1) = boxes[0], word.bbox
            inter = max(0, min(x1, a1) - max(x0, a0)) * max(0, min(y1, b1) - max(y0, b0))
            union = (x1 - x0) * (y1 - y0) + (a1 - a0) * (b1 - b0) - inter
            overlaps.append(inter / union)
    assert len(overlaps) >= 20
    assert np.median(overlaps) >= 0.7


def test_a_page_the_layout_analysis_breaks_into_fragments_is_read_as_one_block():
    # Seed 7207: a 100-dpi blurred, stamped printout skewed 5.7°. Tesseract's automatic layout
    # analysis read it in fragments (mean confidence 0.44), taller than wide, so the page was
    # even turned sideways; as one block of text it reads most of its words.
    docket = generate_docket(7207, damage="damaged")
    truth = docket.truth["pages"][0]
    page = PageImage(np.asarray(docket.pages[0]).copy(), dpi=docket.dpi)
    printed = [w["text"] for w in truth["words"]]
    fragments = digitize_page(page, DigitizeOptions(reread_as_block=False))
    assert word_accuracy(printed, [w.text for w in fragments.text.words]) < 0.2, "the layout analysis reads this page now: the test shows nothing"
    result = digitize_page(page, OPTIONS)
    assert result.rotation == 0 and "read as one block" in result.steps
    assert word_accuracy(printed, [w.text for w in result.text.words]) >= 0.6


def test_a_column_the_layout_analysis_leaves_out_is_read_on_its_own():
    # Seed 8071, clean: Tesseract's layout analysis found no block over the "CT 1" / "CT 2" /
    # "CT 3" column left of the charges, and read none of it. Cut out onto a blank sheet, the
    # column reads whole, each count number on its charge's line.
    docket = generate_docket(8071, damage="clean")
    page = PageImage(np.asarray(docket.pages[0]).copy(), dpi=docket.dpi)
    column = [w for w in docket.truth["pages"][0]["words"] if w["text"] == "CT" and w["bbox"][0] < 300]
    assert len(column) == 3

    def counts(result):
        return sorted((w for w in result.text.words if w.text == "CT" and w.left < 300), key=lambda w: w.top)

    assert not counts(digitize_page(page, DigitizeOptions(read_missed=False))), "the layout analysis reads the column now: the test shows nothing"
    result = digitize_page(page, OPTIONS)
    assert any(step.startswith("read missed lines") for step in result.steps)
    assert len(counts(result)) == 3
    for number, count in enumerate(counts(result), start=1):
        same_line = sorted((w for w in result.text.words if abs(w.top - count.top) < count.height and w.left > count.left), key=lambda w: w.left)
        assert same_line[0].text == str(number)
        # The charge follows on the same printed line.
        assert len(same_line) >= 3
