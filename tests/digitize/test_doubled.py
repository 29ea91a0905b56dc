"""A character Tesseract read twice from one glyph is dropped; nested whole letters are kept."""

import numpy as np

from digitize.doubled import drop_doubled_characters
from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from fixtures.generator import generate_docket
from models.pages import OcrWord, PageImage, PageText


def page_of(*words: tuple[OcrWord, tuple[tuple[int, int, int, int], ...]]) -> tuple[PageText, dict]:
    """The words, plus a line of 24 ordinary 20-pixel characters that sets the page's typical width."""
    filler = OcrWord("ABCDEFGHIJKLMNOPQRSTUVWX", 0, 200, 480, 30, 0.95)
    characters = {filler.bbox: tuple((20 * i, 200, 20 * i + 20, 230) for i in range(24))}
    characters.update({word.bbox: boxes for word, boxes in words})
    return PageText(words=tuple(word for word, _ in words) + (filler,), width=600, height=300), characters


def assert_kept(word: OcrWord, boxes: tuple[tuple[int, int, int, int], ...]) -> None:
    """Nothing of the word is dropped: the page comes back as it was."""
    text, characters = page_of((word, boxes))
    assert drop_doubled_characters(text, characters) == (text, characters, 0)


# Clean seed 7649's `142595` for `14295`, as Tesseract boxed it: the first 5 runs 11 px into the 9.
SERIAL_142595_BOXES = ((556, 276, 574, 313), (581, 276, 602, 313), (606, 276, 627, 313), (626, 276, 642, 313), (631, 276, 652, 313), (656, 276, 677, 313))


def test_a_sliver_at_the_last_characters_edge_is_dropped_and_stays_a_doubt():
    # Seed 6504's `51.1 GRMS` as Tesseract boxed it: the 4 is the last 7 columns of the 1.
    amount = OcrWord("51.14", 1535, 609, 109, 32, 0.97, alternatives=((3, "4%"), (4, "12")))
    boxes = ((1535, 609, 1555, 640), (1566, 610, 1584, 641), (1601, 634, 1609, 641), (1626, 610, 1644, 641), (1637, 609, 1644, 641))
    text, characters = page_of((amount, boxes))
    dropped_text, dropped_characters, dropped = drop_doubled_characters(text, characters)
    assert dropped == 1
    word = dropped_text.words[0]
    assert word.text == "51.1" and word.bbox == amount.bbox
    assert dict(word.alternatives) == {3: "4%2"}
    assert dropped_characters[word.bbox] == boxes[:4]


def test_a_sliver_before_the_glyph_reading_its_letter_is_dropped():
    # Seed 6907's case number `88 C 494154`: Tesseract read the C as `Cc`, the C boxed over the
    # first 11 columns of the c's box.
    code = OcrWord("Cc", 318, 1429, 24, 30, 0.43, alternatives=((0, "c"), (1, "C")))
    text, characters = page_of((code, ((318, 1429, 329, 1459), (318, 1429, 342, 1459))))
    dropped_text, dropped_characters, dropped = drop_doubled_characters(text, characters)
    assert dropped == 1
    word = dropped_text.words[0]
    assert word.text == "c" and dict(word.alternatives) == {0: "C"}
    assert dropped_characters[word.bbox] == ((318, 1429, 342, 1459),)


def test_a_sliver_before_the_glyph_that_weighed_its_letter_is_dropped():
    # Seed 7214's `8.1 G`: the unit read `6G`, the 6 boxed over the first 3 columns of the G and
    # weighing G itself.
    unit = OcrWord("6G", 1587, 475, 26, 26, 0.0, alternatives=((0, "Gc"), (1, "6C")))
    text, characters = page_of((unit, ((1587, 475, 1590, 501), (1587, 475, 1613, 501))))
    dropped_text, _, dropped = drop_doubled_characters(text, characters)
    assert dropped == 1
    assert dropped_text.words[0].text == "G"


def test_a_sliver_before_the_glyph_weighing_nothing_of_it_is_kept():
    word = OcrWord("6G", 1587, 475, 26, 26, 0.5, alternatives=((0, "5"),))
    assert_kept(word, ((1587, 475, 1590, 501), (1587, 475, 1613, 501)))


def test_a_sliver_running_into_the_glyph_from_its_left_that_weighed_its_letter_is_dropped():
    # Seed 7668's case number serial `3936895` read `39368395`: the 3 boxed 9 px wide, its last 2
    # columns inside the 9's box, weighing 9 at 85 against its own 87.
    serial = OcrWord("9368395", 733, 381, 145, 28, 0.61, alternatives=((0, "$3%2"), (4, "9"), (5, "3")))
    boxes = ((733, 381, 753, 409), (758, 381, 778, 409), (783, 381, 803, 409), (808, 381, 828, 409), (828, 381, 837, 409), (835, 381, 853, 409), (858, 381, 878, 409))
    text, characters = page_of((serial, boxes))
    dropped_text, dropped_characters, dropped = drop_doubled_characters(text, characters)
    assert dropped == 1
    assert dropped_text.words[0].text == "936895"
    assert dropped_characters[serial.bbox] == boxes[:4] + boxes[5:]


def test_a_wider_reading_lying_mostly_inside_the_glyph_each_weighing_the_other_is_dropped():
    # Clean seed 7649's `89 CR 14295` read `142595`: the first 5 16 px wide, 11 of them inside
    # the 9's box, each of the two weighing the other's digit at 86.
    serial = OcrWord("142595", 556, 276, 121, 37, 0.72, alternatives=((0, "1"), (3, "93"), (4, "53$S8"), (5, "3")))
    text, characters = page_of((serial, SERIAL_142595_BOXES))
    dropped_text, _, dropped = drop_doubled_characters(text, characters)
    assert dropped == 1 and dropped_text.words[0].text == "14295"


def test_a_wider_reading_inside_the_glyph_that_the_glyph_did_not_weigh_is_kept():
    serial = OcrWord("142595", 556, 276, 121, 37, 0.72, alternatives=((3, "9"),))
    assert_kept(serial, SERIAL_142595_BOXES)


def test_a_letter_running_into_the_next_letter_is_kept():
    # Clean seed 7140's subsection `(c)` read `(ca)`: the c boxed into the a and weighing it, the
    # a weighing c. The c was right; extraction reads `(ca)` as (c).
    subsection = OcrWord("(ca)", 893, 1323, 53, 34, 0.42, alternatives=((1, "ea"), (2, "ce")))
    boxes = ((893, 1323, 903, 1357), (902, 1323, 915, 1357), (908, 1331, 932, 1351), (937, 1323, 946, 1357))
    assert_kept(subsection, boxes)


def test_a_character_touching_the_next_glyph_is_kept():
    # The same word, the 3 a whole character that touches the 9 by one column: no sliver.
    serial = OcrWord("39", 808, 381, 45, 28, 0.9, alternatives=((0, "9"),))
    assert_kept(serial, ((808, 381, 828, 409), (827, 381, 853, 409)))


def test_a_narrow_character_running_into_the_next_that_weighed_nothing_of_it_is_kept():
    serial = OcrWord("39", 808, 381, 45, 28, 0.9, alternatives=((0, "8"),))
    assert_kept(serial, ((828, 381, 837, 409), (835, 381, 853, 409)))


def test_a_letter_wider_and_taller_than_a_sliver_is_kept_though_it_weighed_the_next():
    # Seed 7273's `(D)` read `(DB)`: the D boxed at the start of the B, weighing B, but half a
    # character wide and taller than the B. The D was right.
    word = OcrWord("(DB)", 1950, 906, 55, 46, 0.3, alternatives=((1, "B"), (2, "Dbd")))
    boxes = ((1950, 910, 1961, 944), (1963, 906, 1975, 952), (1964, 912, 1988, 938), (1995, 910, 2005, 944))
    assert_kept(word, boxes)


def test_a_letter_boxed_at_the_start_of_another_letter_is_kept():
    # Blurred `POSS`: the P boxed over the first columns of the O's box is a letter of its own.
    word = OcrWord("POSS", 0, 0, 80, 30, 0.6)
    boxes = ((0, 0, 12, 30), (0, 0, 20, 30), (40, 0, 60, 30), (60, 0, 80, 30))
    assert_kept(word, boxes)


def test_a_whole_letter_boxed_inside_a_wide_neighbour_is_kept():
    # `UUW`: Tesseract gave the second U a box over both U's and the W, and the W its own.
    word = OcrWord("UUW", 326, 662, 102, 26, 0.9)
    boxes = ((326, 662, 350, 688), (352, 662, 428, 688), (401, 662, 428, 688))
    assert_kept(word, boxes)


def test_alternatives_after_the_dropped_character_move_with_their_characters():
    word = OcrWord("C9X", 0, 0, 60, 30, 0.9, alternatives=((2, "K"),))
    boxes = ((0, 0, 20, 30), (19, 0, 20, 30), (40, 0, 60, 30))
    text, characters = page_of((word, boxes))
    dropped_text, _, _ = drop_doubled_characters(text, characters)
    assert dropped_text.words[0].text == "CX"
    assert dict(dropped_text.words[0].alternatives) == {0: "9", 1: "K"}


def test_the_pipeline_reads_a_doubled_amount_as_printed():
    docket = generate_docket(6504, damage="clean")
    truth = docket.truth["pages"][0]
    page = PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=truth["dpi"], page_number=1)
    read = [word.text for word in digitize_page(page, DigitizeOptions()).text.words]
    doubled = [word.text for word in digitize_page(page, DigitizeOptions(drop_doubled=False)).text.words]
    assert "51.14" in doubled, "Tesseract no longer doubles this 1: the test shows nothing"
    assert "51.1" in read and "51.14" not in read


def _words_after(seed: int, before: str, options: DigitizeOptions, damage: str = "clean") -> list[str]:
    """The words the pipeline reads right after each `before` on the first page of `seed`."""
    docket = generate_docket(seed, damage=damage)
    page = PageImage(pixels=np.asarray(docket.pages[0]).copy(), dpi=docket.dpi, page_number=1)
    words = [word.text for word in digitize_page(page, options).text.words]
    return [following for word, following in zip(words, words[1:]) if word == before]


def test_the_pipeline_reads_a_case_numbers_doubled_letter_as_printed():
    assert _words_after(6907, "88", DigitizeOptions(drop_doubled=False)) == ["CC"], "Tesseract no longer doubles this C: the test shows nothing"
    assert _words_after(6907, "88", DigitizeOptions()) == ["C"]


def test_the_pipeline_reads_a_unit_read_twice_as_printed():
    assert _words_after(7214, "8.1", DigitizeOptions(drop_doubled=False)) == ["6G"], "Tesseract no longer doubles this G: the test shows nothing"
    assert _words_after(7214, "8.1", DigitizeOptions()) == ["G"]


def test_the_pipeline_reads_a_case_number_whose_digit_was_read_twice_as_printed():
    # Seed 7612, a faded 100-dpi half-sheet skewed 6°: case number `95 CR 15890` read `158390`.
    assert _words_after(7612, "CR", DigitizeOptions(drop_doubled=False), "damaged") == ["158390"], "Tesseract no longer doubles this 9: the test shows nothing"
    assert _words_after(7612, "CR", DigitizeOptions(), "damaged") == ["15890"]
