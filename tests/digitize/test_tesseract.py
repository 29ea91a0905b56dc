import numpy as np
import pytest

from digitize_pages import word_accuracy
from digitize import tesseract
from digitize.orientation import OSD_CONFIDENCE
from models.errors import ToolMissingError
from models.pages import PageImage

# Recorded TSV output: a page, a block, a line and two words, one of them empty.
TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n"
    "2\t1\t1\t0\t0\t0\t40\t50\t300\t40\t-1\t\n"
    "4\t1\t1\t1\t1\t0\t40\t50\t300\t40\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t40\t50\t120\t40\t96.5\tCOURT\n"
    "5\t1\t1\t1\t1\t2\t180\t50\t20\t40\t95.0\t \n"
    "5\t1\t1\t1\t1\t3\t210\t52\t130\t38\t41.25\t\"ILLINOIS\n"
)


def test_parse_keeps_words_with_boxes_lines_and_confidence():
    text = tesseract.parse_tsv(TSV, width=800, height=600)
    assert [w.text for w in text.words] == ["COURT", '"ILLINOIS']
    first = text.words[0]
    assert first.bbox == (40, 50, 160, 90)
    assert first.confidence == pytest.approx(0.965)
    assert (first.block, first.paragraph, first.line, first.word) == (1, 1, 1, 1)
    assert text.lines() == [text.words]


def test_clean_typewritten_page_reads_nearly_word_for_word(clean_page):
    text = tesseract.recognize(clean_page.page(), psm=3)
    assert word_accuracy(clean_page.words, [w.text for w in text.words]) >= 0.97
    assert all(0.0 <= w.confidence <= 1.0 for w in text.words)
    assert all(0 <= w.left and w.left + w.width <= text.width for w in text.words)


def test_blacklisted_characters_are_never_output(clean_page):
    text = tesseract.recognize(clean_page.page(), blacklist="eE")
    assert not any(ch in w.text for w in text.words for ch in "eE")


def test_missing_tesseract_is_a_tool_error(monkeypatch, clean_page):
    monkeypatch.setattr(tesseract.pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    tesseract.tesseract_version.cache_clear()
    try:
        with pytest.raises(ToolMissingError):
            tesseract.recognize(clean_page.page())
    finally:
        tesseract.tesseract_version.cache_clear()


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_orientation_detection_finds_the_turn_that_sets_a_page_upright(clean_page, rotation):
    turn, confidence = tesseract.detect_orientation(clean_page.page(rotation=rotation))
    # The page was turned `rotation` clockwise; turning it (360 - rotation) clockwise undoes that.
    assert turn == (360 - rotation) % 360
    assert confidence >= OSD_CONFIDENCE


def test_orientation_detection_of_a_blank_page_finds_nothing():
    assert tesseract.detect_orientation(PageImage(pixels=np.full((600, 800), 255, np.uint8), dpi=300)) is None


# Recorded hOCR (`lstm_choice_mode=2`, character boxes) of the TSV's first word, cut short.
HOCR = """
<span class='ocrx_word' id='word_1_1' title='bbox 40 50 160 90; x_wconf 96'>
 <span class='ocrx_cinfo' title='x_bboxes 40 50 62 90; x_conf 98.6'>C</span>
  <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
   <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 88.8'>C</span>
   <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 48.2'>G</span>
   <span class='ocrx_cinfo' id='choice_1_1_3' title='x_confs 61.7'>&amp;</span>
   <span class='ocrx_cinfo' id='choice_1_1_4' title='x_confs 52.0'>€</span>
   <span class='ocrx_cinfo' id='choice_1_1_5' title='x_confs 12.0'>O</span>
  </span>
 <span class='ocrx_cinfo' title='x_bboxes 64 50 86 90; x_conf 99.5'>O</span>
  <span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
   <span class='ocrx_cinfo' id='choice_1_1_6' title='x_confs 95.2'>O</span>
  </span>
 <span class='ocrx_cinfo' title='x_bboxes 88 50 110 90; x_conf 97.0'>U</span>
  <span class='ocrx_cinfo' id='lstm_choices_1_1_3'>
   <span class='ocrx_cinfo' id='choice_1_1_7' title='x_confs 90.1'>U</span>
   <span class='ocrx_cinfo' id='choice_1_1_8' title='x_confs 44.0'>V</span>
  </span>
</span>
"""


def test_the_characters_tesseract_weighed_become_the_words_alternatives():
    text = tesseract.parse_tsv(TSV, width=800, height=600, hocr=HOCR, exclude="€")
    court, illinois = text.words
    # Likeliest first, at 40 or more, never a blacklisted character nor the one read.
    assert court.alternatives == ((0, "&G"), (2, "V"))
    assert illinois.alternatives == ()


def test_character_boxes_are_moved_into_the_page_with_their_word():
    boxes = tesseract.parse_character_boxes(HOCR, origin=(100, 10))
    # The word's key is its box in the page, as OcrWord.bbox gives it.
    assert boxes == {(140, 60, 260, 100): ((140, 60, 162, 100), (164, 60, 186, 100), (188, 60, 210, 100))}
