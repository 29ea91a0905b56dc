import numpy as np
from PIL import Image, ImageDraw, ImageFont

from digitize.ink import find_text_ink
from digitize.missed import cut_out, find_missed_lines, is_missed_text
from digitize_pages import FONT
from models.pages import OcrWord, PageImage

DPI = 300


def typed(lines: list[tuple[int, int, str]], *, holes: list[tuple[int, int]] = ()) -> tuple[PageImage, dict[str, OcrWord]]:
    """A page with `lines` typed at (x, y) in 12 pt, sprocket holes at `holes`; and a word per
    typed word whose box is where it was drawn (what a Tesseract that read it would give)."""
    image = Image.new("L", (2550, 1200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 50)
    words = {}
    for x, y, text in lines:
        for word in text.split():
            left, top, right, bottom = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, font=font, fill=0)
            words[word] = OcrWord(word, left, top, right - left, bottom - top, 0.95)
            x = right + round(draw.textlength(" ", font=font))
    for x, y in holes:
        draw.ellipse((x, y, x + 40, y + 40), fill=0)
    return PageImage(np.asarray(image).copy(), dpi=DPI), words


def test_a_line_no_word_covers_is_found_and_the_read_ones_are_not():
    page, words = typed([(200, 200, "CT 1"), (400, 200, "POSS CANNABIS 30 GRAMS"), (400, 400, "NOLLE PROSEQUI")])
    read = [words[w] for w in ("POSS", "CANNABIS", "30", "GRAMS", "NOLLE", "PROSEQUI")]
    lines = find_missed_lines(find_text_ink(page), read)
    assert len(lines) == 1
    left, top, right, bottom = lines[0]
    ct, one = words["CT"], words["1"]
    # Within a few pixels: drawn boxes include the glyphs' side bearings, and the ink is found at
    # half the resolution.
    assert left <= ct.left + 8 and right >= one.left + one.width - 8
    assert top <= ct.top + 8 and bottom >= ct.top + ct.height - 8


def test_nothing_is_missed_when_every_word_was_read():
    page, words = typed([(200, 200, "CT 1 POSS CANNABIS"), (200, 400, "NOLLE PROSEQUI")])
    assert find_missed_lines(find_text_ink(page), list(words.values())) == []


def test_a_mark_half_under_its_neighbours_box_is_cut_out_whole():
    # The padded box of the "POSS" Tesseract read covers the right half of the "1" before it:
    # the digit is still missed, and its line reaches the digit's right edge.
    page, words = typed([(200, 200, "CT 1"), (325, 200, "POSS CANNABIS")])
    one = words["1"]
    ink_columns = np.flatnonzero((page.pixels[one.top : one.top + one.height, one.left : one.left + one.width] < 128).any(axis=0))
    one_right = one.left + int(ink_columns[-1])
    (line,) = find_missed_lines(find_text_ink(page), [words["POSS"], words["CANNABIS"]])
    assert line[2] >= one_right - 2


def test_sprocket_holes_and_lone_specks_are_not_lines():
    page, words = typed([(200, 200, "NOLLE PROSEQUI")], holes=[(60, 100 + 150 * k) for k in range(6)])
    assert find_missed_lines(find_text_ink(page), list(words.values())) == []


def test_the_cut_out_sheet_holds_the_missed_line_where_it_stood_and_nothing_else():
    page, words = typed([(200, 200, "CT 1"), (400, 200, "POSS CANNABIS")])
    lines = find_missed_lines(find_text_ink(page), [words["POSS"], words["CANNABIS"]])
    sheet, (left, top) = cut_out(page, lines)
    ct = words["CT"]
    assert sheet.dpi == page.dpi
    assert np.array_equal(
        sheet.pixels[ct.top - top : ct.top - top + ct.height, ct.left - left : ct.left - left + ct.width],
        page.pixels[ct.top : ct.top + ct.height, ct.left : ct.left + ct.width],
    )
    # The words that were read are not on the sheet.
    assert sheet.pixels.shape[1] < words["POSS"].left - left or sheet.pixels[:, words["POSS"].left - left :].min() == 255


def test_only_confident_text_read_from_the_missed_lines_is_kept():
    assert is_missed_text(OcrWord("CT", 0, 0, 10, 10, 0.9))
    assert not is_missed_text(OcrWord("Meee,", 0, 0, 10, 10, 0.39))
    assert not is_missed_text(OcrWord("ct", 0, 0, 10, 10, 0.73))
    assert not is_missed_text(OcrWord("—", 0, 0, 10, 10, 0.95))
    assert is_missed_text(OcrWord("2", 0, 0, 10, 10, 0.9))
    assert not is_missed_text(OcrWord("o", 0, 0, 10, 10, 0.9))
