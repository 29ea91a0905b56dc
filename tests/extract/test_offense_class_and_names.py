"""Offense classes (spec §8.4), §7 enhancements and defendant names."""

import pytest

from extract.names import name_text, normalize_name
from models.pages import OcrWord
from extract.assemble import CountDraft, finish_count
from extract.offense_class import SECTION_7, class_level_without_code, normalize_enhancements, normalize_offense_class


@pytest.mark.parametrize(
    ("printed", "code", "level"),
    [
        ("CL A MISD", "A", "misdemeanor"),
        ("CLASS B MISDEMEANOR", "B", "misdemeanor"),
        ("CLASS C MISD", "C", "misdemeanor"),
        ("CL 4 FEL", "4", "felony"),
        ("Class 4 Felony", "4", "felony"),
        ("CLASS X FEL", "X", "felony"),
        ("CLASS 3", "3", "felony"),
        ("CLASS I FEL", "1", "felony"),
        # Dot-matrix print as OCR reads it: the space lost, MISD's D read as O.
        ("CL AMISD", "A", "misdemeanor"),
        ("CLASS BMISD", "B", "misdemeanor"),
        ("CLASS B MISO", "B", "misdemeanor"),
        ("CL 3FEL", "3", "felony"),
    ],
)
def test_classes_read_as_their_code(printed, code, level):
    result = normalize_offense_class(printed)
    assert (result.value, result.detail) == (code, level)


def test_a_class_that_contradicts_its_level_is_a_misreading():
    assert normalize_offense_class("CLASS 4 MISD").confidence < 1.0


@pytest.mark.parametrize("printed", ["ENH: DEL TO PERSON UNDER 18", "DEL CANN TO MINOR - PAR 707", "ENHANCED - DEL TO MINOR (SEC 7)"])
def test_section_7_enhancements_are_named(printed):
    assert normalize_enhancements(printed).value == (SECTION_7,)


def test_a_plain_description_has_no_enhancement():
    assert normalize_enhancements("MFG/DEL CANNABIS").value == ()


@pytest.mark.parametrize(
    ("printed", "name", "exact"),
    [
        ("PUBLIC, JOHN Q", "PUBLIC, JOHN Q", True),
        ("public,john q", "PUBLIC, JOHN Q", True),
        ("SMITH , JOHN", "SMITH, JOHN", True),
        ("PUBL1C, JOHN Q", "PUBLIC, JOHN Q", False),
        ("O'BRIEN, MARY-ANN", "O'BRIEN, MARY-ANN", True),
    ],
)
def test_names_read_in_docket_form(printed, name, exact):
    result = normalize_name(printed)
    assert result.value == name
    assert (result.confidence == 1.0) is exact


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        # Dot-matrix middle initials as OCR reads them: S struck through, B's bowls, D's zero.
        ("HAYES, GREGORY $", "HAYES, GREGORY S"),
        ("STEWART, RAYMOND &", "STEWART, RAYMOND B"),
        ("STEWART, PATRICIA 0", "STEWART, PATRICIA D"),
        ("WASHINGTON, FRANK Db", "WASHINGTON, FRANK D"),
        ("PHILLIPS. EDWARD W", "PHILLIPS, EDWARD W"),
        ("ROGERS, KENNETH 5S", "ROGERS, KENNETH S"),
    ],
)
def test_misread_initials_and_commas_are_repaired_with_doubt(printed, name):
    result = normalize_name(printed)
    assert result.value == name
    assert "characters_repaired" in result.notes
    assert result.confidence < 1.0


def test_a_marked_first_name_is_not_taken_for_an_initial():
    assert normalize_name("SMITH, $").value == "SMITH"


def test_an_o_tesseract_weighed_as_d_is_read_d():
    words = [OcrWord("LOPEZ,", 0, 0, 60, 20, 0.9), OcrWord("EOWARD", 70, 0, 60, 20, 0.71, alternatives=((1, "QD"),)), OcrWord("E", 140, 0, 10, 20, 0.9)]
    text, repaired = name_text(words)
    assert (text, repaired) == ("LOPEZ, EDWARD E", True)
    result = normalize_name(text, letters_repaired=repaired)
    assert result.value == "LOPEZ, EDWARD E"
    assert result.confidence < 1.0


def test_an_initial_read_as_a_digit_is_the_capital_tesseract_weighed():
    words = [OcrWord("FOSTER,", 0, 0, 60, 20, 0.9), OcrWord("DAVID", 70, 0, 60, 20, 0.9), OcrWord("0", 140, 0, 10, 20, 0.6, alternatives=((0, "6&G%S"),))]
    text, repaired = name_text(words)
    assert (text, repaired) == ("FOSTER, DAVID G", True)
    assert normalize_name(text, letters_repaired=repaired).confidence < 1.0
    # A lone 0 with D or O weighed is left to be read D.
    draft_d = [*words[:2], OcrWord("0", 140, 0, 10, 20, 0.6, alternatives=((0, "OD"),))]
    assert normalize_name(name_text(draft_d)[0]).value == "FOSTER, DAVID D"


def test_an_o_with_no_d_weighed_stays():
    words = [OcrWord("OWENS,", 0, 0, 60, 20, 0.9, alternatives=((0, "Q"),)), OcrWord("JOHN", 70, 0, 60, 20, 0.9)]
    assert name_text(words) == ("OWENS, JOHN", False)


@pytest.mark.parametrize(
    ("printed", "code"),
    [("L B MISD", "B"), ("CLASS 6 MISO", "B"), ("CLASS 8 MISD", "B")],
    ids=["C-of-CL-lost", "B-read-as-6", "B-read-as-8"],
)
def test_draft_misreadings_of_a_misdemeanor_class_are_repaired_with_doubt(printed, code):
    result = normalize_offense_class(printed)
    assert result.value == code
    assert result.confidence < 1.0 and "class_repaired" in result.notes


@pytest.mark.parametrize("printed", ["CLASS 8 FEL", "CLASS 6", "L B"])
def test_a_digit_or_lone_letter_is_no_class_without_a_misdemeanor_word(printed):
    assert normalize_offense_class(printed).value is None


def test_a_class_without_its_code_still_says_its_level():
    assert class_level_without_code("CLASS MISD") == "misdemeanor"
    assert class_level_without_code("CLASS FELONY") == "felony"
    assert class_level_without_code("CLASS C MISD") is None


def _count(citation: str, offense_class: str) -> CountDraft:
    def words(text: str, left: int) -> list[OcrWord]:
        return [OcrWord(part, left + 60 * i, 0, 50, 20, 0.9) for i, part in enumerate(text.split())]

    count = CountDraft(1, 1)
    count.description = words("POSS CANNABIS", 0)
    count.citation = words(citation, 200)
    count.offense_class = words(offense_class, 500)
    return count


def test_a_class_whose_code_was_lost_is_read_from_the_statute_with_doubt():
    # "CLASS C MISD" printed; OCR read "CLASS MISD": 550/4(a) is a Class C misdemeanor.
    values = finish_count(_count("720 ILCS 550/4(a)", "CLASS MISD"), {}).values
    offense_class = values["offense_class"]
    assert offense_class.value == "C"
    assert "class_from_statute" in offense_class.normalized.notes
    assert offense_class.normalized.confidence < 1.0
    assert "class_agrees_with_statute" not in offense_class.flags + values["statute"].flags


def test_a_lost_class_is_not_read_from_a_statute_of_the_other_level():
    # 550/5(d) is a felony: "CLASS MISD" beside it says one of them was misread.
    assert "offense_class" not in finish_count(_count("720 ILCS 550/5(d)", "CLASS MISD"), {}).values
