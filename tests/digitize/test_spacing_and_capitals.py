"""Words Tesseract split at a subsection's parenthesis are joined, and capitals it read as their
same-shaped small letters are read as capitals: real Tesseract on rendered printouts."""

from collections import Counter

import pytest

from digitize import tesseract
from digitize.capitals import restore_capitals
from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from digitize.spacing import _joined, join_subsections
from digitize_pages import generated_printout
from fixtures.generator.layouts import DOT_MATRIX_NLQ, TYPEWRITER
from models.pages import OcrWord, PageImage, PageText

LINES = (
    "PEOPLE OF THE STATE OF ILLINOIS  VS.  CASE NO. 86 C 851046",
    "CT 1  POSS CANN  CH 56 1/2 PAR 704(A)  CLASS C MISD  POC",
    "CT 2  POSS CANN  720 ILCS 550/4 (b)  1402(C)  VS. 705(b)",
    "CT 3  DEL CANN  Ill. Rev. Stat. 1985, ch. 56 1/2, par. 704(c)",
    "DATE OF ARREST 11/13/86  OCT 12 1986  COOK CO SHERIFF",
    "CT 4  POSS DRUG PARAPHERNALIA 720 ILCS 600/3.5(a)  CT 5",
)


def read(face: str) -> tuple[PageImage, PageText, tesseract.CharacterBoxes, list[str]]:
    page, printed = generated_printout(LINES, face, height_inches=0.4 + 0.3 * len(LINES), seed=1)
    blacklist = DigitizeOptions().blacklist
    reading = tesseract.recognize_raw(page, lang="eng", psm=3, blacklist=blacklist)
    text = tesseract.parse_tsv(reading.tsv, width=page.width, height=page.height, hocr=reading.hocr, exclude=blacklist)
    return page, text, tesseract.parse_character_boxes(reading.hocr), printed


def texts(text: PageText) -> list[str]:
    return [word.text for word in text.words]


def right(text: PageText, printed: list[str]) -> int:
    wanted, got = Counter(printed), Counter(texts(text))
    return sum(min(count, got[word]) for word, count in wanted.items())


@pytest.fixture(scope="module")
def typewritten():
    return read(TYPEWRITER)


@pytest.fixture(scope="module")
def near_letter_quality():
    return read(DOT_MATRIX_NLQ)


def test_subsections_split_from_their_number_are_joined(typewritten):
    _, text, characters, printed = typewritten
    split = [pair for pair in zip(texts(text), texts(text)[1:]) if pair in {("705", "(b)"), ("704", "(c)")}]
    assert split, "Tesseract no longer splits these subsections: the test shows nothing"
    joined, count = join_subsections(text, characters)
    assert count == len(split)
    assert {"705(b)", "704(c)"} <= set(texts(joined))
    # Each join makes one printed word of two that were not.
    assert right(joined, printed) == right(text, printed) + count
    assert len(joined.words) == len(text.words) - count


def test_a_subsection_printed_after_a_space_stays_apart(typewritten):
    _, text, characters, _ = typewritten
    joined, _ = join_subsections(text, characters)
    words = texts(joined)
    assert words[words.index("550/4") + 1] == "(b)"


def test_a_joined_word_keeps_both_parts_doubts_at_their_places():
    number = OcrWord("704", 100, 50, 60, 20, 0.95, 1, 1, 1, 3, alternatives=((0, "1"),))
    subsection = OcrWord("(A)", 172, 48, 40, 26, 0.80, 1, 1, 1, 4, alternatives=((1, "4"),))
    joined = _joined(number, subsection)
    assert joined.text == "704(A)"
    assert joined.bbox == (100, 48, 212, 74)
    assert joined.confidence == 0.80
    assert joined.alternatives == ((0, "1"), (4, "4"))
    assert joined.line_key == (1, 1, 1)


def test_a_page_of_too_few_characters_is_left_as_read():
    words = (OcrWord("704", 0, 0, 30, 10, 0.9), OcrWord("(A)", 40, 0, 30, 10, 0.9))
    characters = {w.bbox: tuple((w.left + 10 * i, 0, w.left + 10 * i + 9, 10) for i in range(3)) for w in words}
    text = PageText(words=words, width=100, height=20)
    assert join_subsections(text, characters) == (text, 0)


def test_capitals_read_as_small_letters_are_capitals(near_letter_quality):
    page, text, characters, printed = near_letter_quality
    restored, count = restore_capitals(page, text, characters)
    assert count >= 2
    assert right(restored, printed) >= right(text, printed) + 2
    # No word read right is read wrong, and no letter changes but by case.
    assert {word for word in texts(text) if word in printed} <= set(texts(restored))
    for before, after in zip(texts(text), texts(restored)):
        assert before.upper() == after.upper()


def test_small_letters_printed_small_stay_small(typewritten):
    page, text, characters, _ = typewritten
    restored, _ = restore_capitals(page, text, characters)
    subsections = [word for word in texts(restored) if word in {"(c)", "704(c)", "(b)", "705(b)", "600/3.5(a)"}]
    assert "(b)" in subsections and any("(c)" in word for word in subsections)
    assert {"Ill.", "Rev.", "Stat.", "ch."} <= set(texts(restored))


def test_the_pipeline_runs_both_steps_and_names_them(typewritten):
    page, _, _, _ = typewritten
    result = digitize_page(page, DigitizeOptions())
    unjoined = digitize_page(page, DigitizeOptions(join_subsections=False, restore_capitals=False))
    joined = [int(step.split("(")[1].rstrip(")")) for step in result.steps if step.startswith("join subsections (")]
    assert joined and joined[0] >= 1
    assert len(result.text.words) == len(unjoined.text.words) - joined[0]
    assert {"704(c)", "705(b)"} & (set(texts(result.text)) - set(texts(unjoined.text)))
    assert not unjoined.options["join_subsections"] and not unjoined.options["restore_capitals"]
