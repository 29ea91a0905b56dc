"""Digits and capitals Tesseract misread on a page whose glyphs repeat are read as their look-alikes are."""

from collections import Counter

import pytest

from digitize import tesseract
import numpy as np

from digitize.glyphs import MAX_TWIN_DISTANCE, MAX_VOTED_DISTANCE, MIN_GLYPHS, ZERO_MISREADS, _digit_boxes, _is_plausible, _letter_boxes, _voted, vote_digits, vote_letters
from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from digitize.review_image import flatten_paper
from digitize.zeros import restore_zeros
from digitize_pages import generated_printout
from fixtures.generator.layouts import DOT_MATRIX, TYPEWRITER
from models.pages import OcrWord, PageImage, PageText

# Dates, case numbers and amounts, as a disposition printout has them: enough repeated digits.
LINES = (
    "RUN DATE 06/10/90   CASE 90CR1040023   BOND $1000",
    "ARREST 10/30/80  DISPOSITION 01/20/00  FINE $200",
    "CT 1  720 ILCS 550/4(A)  2.0 GRAMS  20 DAYS CCDOC",
    "CT 2  720 ILCS 570/402   0.5 GRAMS  SUPV 12 MOS 0",
    "FILED 09/19/89  NEXT 05/29/89  CASE 89C5509966",
    "BOND 3500 PAID 08/08/88  COSTS 95.00  CT 3",
)


def read_printout(face: str, lines: tuple[str, ...] = LINES) -> tuple[PageImage, PageText, tesseract.CharacterBoxes, list[str]]:
    """A generated printout in `face` with its paper flattened (as the votes see it), Tesseract's
    reading of it with the zeros it weighed restored (as the pipeline reads before voting), its
    character boxes, and the printed words."""
    page, printed = generated_printout(lines, face, height_inches=0.4 + 0.3 * len(lines), seed=1)
    reading = tesseract.recognize_raw(page, lang="eng", psm=3)
    text, _ = restore_zeros(tesseract.parse_tsv(reading.tsv, width=page.width, height=page.height, hocr=reading.hocr))
    return page.with_pixels(flatten_paper(page.pixels)), text, tesseract.parse_character_boxes(reading.hocr), printed


def right(text: PageText, printed: list[str]) -> int:
    wanted, got = Counter(printed), Counter(word.text for word in text.words)
    return sum(min(count, got[word]) for word, count in wanted.items())


@pytest.fixture(scope="module")
def draft():
    return read_printout(DOT_MATRIX)


def test_draft_digits_misread_are_read_as_their_look_alikes_on_the_page(draft):
    page, text, characters, printed = draft
    voted, changed = vote_digits(page, text, characters)
    assert changed >= 2
    assert right(voted, printed) >= right(text, printed) + 2
    # No word read right is read wrong after the vote.
    assert {w.text for w in text.words if w.text in printed} <= {w.text for w in voted.words}


def test_the_digit_tesseract_read_stays_as_the_alternative(draft):
    page, text, characters, _ = draft
    voted, _ = vote_digits(page, text, characters)
    changed = [(before, after) for before, after in zip(text.words, voted.words) if before.text != after.text]
    assert changed
    for before, after in changed:
        # Only digits change, and each keeps its box, its confidence and what was read there.
        assert (after.bbox, after.confidence) == (before.bbox, before.confidence)
        for index, (old, new) in enumerate(zip(before.text, after.text)):
            if old != new:
                assert (old.isdigit() or old in ZERO_MISREADS) and new.isdigit()
                assert old in dict(after.alternatives)[index]


def test_a_typewritten_page_is_left_as_read():
    page, text, characters, _ = read_printout(TYPEWRITER)
    assert vote_digits(page, text, characters) == (text, 0)


def test_a_page_with_too_few_digits_to_vote_is_left_as_read():
    page, text, characters, _ = read_printout(DOT_MATRIX, LINES[:1])
    assert sum(character.isdigit() for word in text.words for character in word.text) < MIN_GLYPHS
    assert vote_digits(page, text, characters) == (text, 0)


@pytest.mark.slow
def test_the_pipeline_votes_digits_and_records_the_step():
    page, printed = generated_printout(LINES, DOT_MATRIX, height_inches=2.2, seed=1)
    voted = digitize_page(page, DigitizeOptions())
    unvoted = digitize_page(page, DigitizeOptions(vote_digits=False))
    assert any(step.startswith("vote digits (") for step in voted.steps)
    assert not any(step.startswith("vote digits") for step in unvoted.steps)
    assert voted.options["vote_digits"] and not unvoted.options["vote_digits"]
    assert right(voted.text, printed) > right(unvoted.text, printed)


def test_only_numbers_vote_and_are_voted():
    # "8RANCH" is BRANCH with its B read as 8: a letter, not a digit among digits.
    words = (OcrWord("8RANCH", 0, 0, 60, 10, 0.9), OcrWord("1985", 0, 20, 40, 10, 0.9), OcrWord("CR05162", 0, 40, 70, 10, 0.9))
    characters = {w.bbox: tuple((w.left + 10 * i, w.top, w.left + 10 * i + 9, w.top + w.height) for i in range(len(w.text))) for w in words}
    found = _digit_boxes(PageText(words=words, width=100, height=100), characters)
    assert sorted({word for word, _, _ in found}) == [1, 2]


def test_a_sign_a_zero_is_misread_as_is_voted_but_a_unit_letter_is_not():
    # "@4/11/1928" and "$6/25/1995": draft zeros read as signs. The G of "2.6G" is its unit.
    words = (OcrWord("@4/11/1928", 0, 0, 100, 10, 0.9), OcrWord("$6/25/1995", 0, 20, 100, 10, 0.9), OcrWord("2.6G", 0, 40, 40, 10, 0.9))
    characters = {w.bbox: tuple((w.left + 10 * i, w.top, w.left + 10 * i + 9, w.top + w.height) for i in range(len(w.text))) for w in words}
    found = {(word, index) for word, index, _ in _digit_boxes(PageText(words=words, width=100, height=100), characters)}
    assert {(0, 0), (1, 0)} <= found
    assert (2, 3) not in found


def test_a_sign_is_read_only_as_a_zero_all_but_one_of_its_neighbours_are():
    # A zero read "$" among zeros becomes one; a printed "$" that Tesseract also weighed as 5 is
    # never voted into a 5.
    assert _is_plausible("$", "0", 6, "968")
    assert not _is_plausible("$", "0", 5, "968")
    assert not _is_plausible("$", "5", 7, "5")


def _distances_from(labels: list[str], glyph: int, to_zeros: float) -> np.ndarray:
    """Zeros a compared distance of 1 apart; glyph `glyph` `to_zeros` from each zero and 9 from
    every other glyph."""
    distances = np.full((len(labels), len(labels)), 9.0)
    zeros = [i for i, label in enumerate(labels) if label == "0"]
    distances[np.ix_(zeros, zeros)] = 1.0
    distances[glyph, zeros] = distances[zeros, glyph] = to_zeros
    np.fill_diagonal(distances, np.inf)
    return distances


@pytest.mark.parametrize(("to_zeros", "voted"), [(1.5, (("0", 7, True),)), (MAX_VOTED_DISTANCE + 0.5, ())])
def test_a_digit_is_outvoted_only_by_glyphs_it_looks_like(to_zeros, voted):
    # The case number 00168 on a printout of zeros: its one 6 has only zeros for neighbours. Read
    # 6 and near them, it is a zero misread; far from all of them, it is a 6 unlike any zero.
    labels = ["0"] * 9 + ["6", "6"]
    assert _voted(labels, _distances_from(labels, 9, to_zeros), 9) == voted


def test_a_sign_read_once_on_the_page_is_still_voted():
    # A digit read once keeps its reading (nothing of its own to look like); the page's one "@"
    # among zeros is no digit's reading, and is read as the zero it looks like.
    labels = ["0"] * 9 + ["@", "6"]
    assert _voted(labels, _distances_from(labels, 9, 1.5), 9) == (("0", 7, True),)


def _twin_distances(labels: list[str], glyph: int, to_twin: float, to_own: float) -> np.ndarray:
    """Glyph `glyph` `to_twin` from the page's first glyph and `to_own` from the others read as
    it was; every other pair 3 apart."""
    distances = np.full((len(labels), len(labels)), 3.0)
    own = [i for i, label in enumerate(labels) if label == labels[glyph] and i != glyph]
    distances[glyph, own] = distances[own, glyph] = to_own
    distances[glyph, 0] = distances[0, glyph] = to_twin
    np.fill_diagonal(distances, np.inf)
    return distances


@pytest.mark.parametrize(
    ("to_twin", "to_own", "voted"),
    [(0.85, 4.0, (("9", 1, True),)), (MAX_TWIN_DISTANCE + 0.2, 4.0, ()), (0.85, MAX_VOTED_DISTANCE - 0.5, ())],
    ids=["twin-and-unlike-its-own", "no-twin", "like-its-own"],
)
def test_a_digit_unlike_its_own_is_read_as_its_one_near_twin(to_twin, to_own, voted):
    # The draft 9 of "01189" read 5, on a page with two 9's: one of them is its twin (0.85), and
    # no 5 of the page looks like it. Nearer to its own 5's, or with no near twin, it stays.
    labels = ["9", "9"] + ["0"] * 8 + ["1"] * 4 + ["5"] * 3
    misread = labels.index("5")
    assert _voted(labels, _twin_distances(labels, misread, to_twin, to_own), misread, twin_distance=MAX_TWIN_DISTANCE) == voted


def test_a_lone_twin_votes_only_for_a_digit_tesseract_weighed():
    assert _is_plausible("5", "9", 1, "93S")
    assert not _is_plausible("5", "9", 1, "")
    # "77C072918": the 6 of 672918 read 6, restored to the zero Tesseract weighed, then found the
    # twin of a 6 and like no zero of the page.
    assert _is_plausible("0", "6", 1, "6")
    assert not _is_plausible("0", "6", 6, "6")


# Docket words, as a draft printout has them: capitals enough to vote, several P's, D's and O's.
WORDS = (
    "CRIMINAL DISPOSITION REPORT PAGE 1 CLERK OF THE CIRCUIT COURT",
    "DEFENDANT PHILLIPS DONALD  DOB 12/28/58  AGENCY CHICAGO PD",
    "PUB DEF APPTD. CONT MOTION DEFT  COMPLAINT FILED. DEFT ARRAIGNED.",
    "POSS CANNABIS CLASS A MISD  PLEA OF GUILTY  FINE PAID",
    "SUPV ENTERED  DEFT DISCHARGED  PROCEEDINGS  DISPOSITION REPORT",
    "PUB DEF APPTD. CONT MOTION STATE  DEFT FAILS TO APPEAR  BFW",
)


def test_draft_capitals_misread_are_read_as_their_twins_on_the_page():
    page, text, characters, printed = read_printout(DOT_MATRIX, WORDS)
    voted, changed = vote_letters(page, text, characters)
    assert changed >= 1
    assert right(voted, printed) == right(text, printed) + changed
    assert {w.text for w in text.words if w.text in printed} <= {w.text for w in voted.words}
    for before, after in zip(text.words, voted.words):
        for index, (old, new) in enumerate(zip(before.text, after.text)):
            if old != new:
                assert old.isupper() and new.isupper() and old in dict(after.alternatives)[index]


def test_a_typewritten_page_read_right_keeps_its_capitals():
    page, text, characters, printed = read_printout(TYPEWRITER, WORDS)
    voted, _ = vote_letters(page, text, characters)
    assert right(voted, printed) >= right(text, printed)


def test_only_words_vote_letters():
    # "1985" and "CR05162" are numbers: their letters are a case number's code, voted by no word.
    words = (OcrWord("REFORT", 0, 0, 60, 10, 0.9), OcrWord("1985", 0, 20, 40, 10, 0.9), OcrWord("CR05162", 0, 40, 70, 10, 0.9), OcrWord("Ill.", 0, 60, 40, 10, 0.9))
    characters = {w.bbox: tuple((w.left + 10 * i, w.top, w.left + 10 * i + 9, w.top + w.height) for i in range(len(w.text))) for w in words}
    found = _letter_boxes(PageText(words=words, width=100, height=100), characters)
    assert [(word, index) for word, index, _ in found] == [(0, i) for i in range(6)] + [(3, 0)]
