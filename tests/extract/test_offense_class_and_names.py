"""Offense classes (spec §8.4), §7 enhancements and defendant names."""

import pytest

from extract.names import normalize_name
from extract.offense_class import SECTION_7, normalize_enhancements, normalize_offense_class


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
