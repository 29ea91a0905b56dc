"""Zeros Tesseract weighed but read as 6, 8 or 9 are restored; other print is left alone."""

from collections import Counter

from rapidfuzz.distance import Levenshtein

from digitize import tesseract
from digitize_pages import generated_printout
from digitize.zeros import restore_zeros
from fixtures.generator.layouts import DOT_MATRIX, TYPEWRITER
from models.pages import OcrWord, PageText, alternatives_from_json, alternatives_to_json

# Dates, case numbers and amounts full of zeros, as a disposition printout has them.
LINES = (
    "RUN DATE 06/10/90   CASE 90CR1040023   BOND $1000",
    "ARREST 10/30/80  DISPOSITION 01/20/00  FINE $200",
    "CT 1  720 ILCS 550/4(A)  2.0 GRAMS  20 DAYS CCDOC",
    "CT 2  720 ILCS 570/402   0.5 GRAMS  SUPV 12 MOS 0",
)


def printed(face: str) -> tuple[PageText, list[str]]:
    """Tesseract's reading of a small generated printout in `face`, and the words printed on it."""
    page, words = generated_printout(LINES, face, height_inches=1.4, seed=3)
    return tesseract.recognize(page), words


def right(read: PageText, printed_words: list[str]) -> int:
    wanted, got = Counter(printed_words), Counter(word.text for word in read.words)
    return sum(min(count, got[word]) for word, count in wanted.items())


def test_a_six_read_where_tesseract_weighed_a_zero_becomes_zero_and_stays_uncertain():
    word = OcrWord("66/16/93", 10, 10, 80, 20, 0.96, alternatives=((0, "08"), (6, "5")))
    text, restored = restore_zeros(PageText(words=(word,), width=100, height=40))
    assert restored == 1
    assert text.words[0].text == "06/16/93"
    # The 6 Tesseract read is now the alternative, so extraction still knows the digit was in doubt.
    assert text.words[0].alternatives == ((0, "68"), (6, "5"))


def test_letters_and_digits_without_a_weighed_zero_are_left_as_read():
    words = (OcrWord("CASUAL", 0, 0, 9, 9, 0.9, alternatives=((3, "0"),)), OcrWord("1996", 0, 0, 9, 9, 0.9, alternatives=((3, "5"),)))
    text, restored = restore_zeros(PageText(words=words, width=10, height=10))
    assert restored == 0 and text.words == words


def errors(read: PageText, printed_words: list[str]) -> int:
    return Levenshtein.distance(" ".join(word.text for word in read.words), " ".join(printed_words))


def test_draft_dot_matrix_zeros_read_as_sixes_are_restored():
    read, printed_words = printed(DOT_MATRIX)
    restored_text, restored = restore_zeros(read)
    assert restored >= 4
    # Each restored character is a misread fixed (one wrong restoration allowed).
    assert errors(restored_text, printed_words) <= errors(read, printed_words) - restored + 2
    assert right(restored_text, printed_words) > right(read, printed_words)


def test_typewritten_zeros_are_read_right_and_nothing_is_restored():
    read, printed_words = printed(TYPEWRITER)
    assert right(read, printed_words) >= 0.95 * len(printed_words)
    assert restore_zeros(read) == (read, 0)


def test_alternatives_survive_the_database_round_trip():
    alternatives = ((0, "68"), (4, "€C"))
    assert alternatives_from_json(alternatives_to_json(alternatives)) == alternatives
    assert alternatives_to_json(()) is None and alternatives_from_json(None) == ()
