"""Truth table of amounts: every unit form of spec §7.7, exact conversions, brackets, conflicts."""

import datetime as dt
from fractions import Fraction

import pytest

from extract.amounts import check_amount, normalize_amount

OUNCE = 28.349523125
POUND = 453.59237


@pytest.mark.parametrize(
    ("printed", "grams"),
    [
        ("12.4 GRMS", 12.4),
        ("12.4 GR", 12.4),
        ("12.4G", 12.4),
        ("9 GMS", 9.0),
        ("30 GRAMS", 30.0),
        (".5 GR", 0.5),
        ("1/2 OZ", OUNCE / 2),
        ("1/8 OZ", OUNCE / 8),
        ("1 1/2 OZS", OUNCE * 1.5),
        ("1.1 OZ", float(Fraction("1.1") * Fraction(str(OUNCE)))),
        ("1 LB", POUND),
        ("APPROX 2 LBS", POUND * 2),
        ("2 KILOS", 2000.0),
        ("8-11 GRMS", 11.0),
    ],
)
def test_amounts_convert_to_exact_grams(printed, grams):
    assert normalize_amount(printed).value == pytest.approx(grams, rel=1e-12)


def test_one_ounce_is_a_minor_amount_and_one_point_one_ounces_is_not():
    assert normalize_amount("1 OZ").value <= 30 < normalize_amount("1.1 OZ").value


@pytest.mark.parametrize(
    ("printed", "approximate", "basis"),
    [
        ("APPROX 3 GRAMS", True, None),
        ("~5 G", True, None),
        ("+/- 5 G", True, None),
        ("45 GRMS GROSS", False, "gross"),
        ("NET WT 12.3 GRMS", False, "net"),
        ("28.5 GRAMS NET", False, "net"),
    ],
)
def test_approximate_and_weight_basis_are_kept(printed, approximate, basis):
    amount = normalize_amount(printed).detail
    assert (amount.approximate, amount.basis) == (approximate, basis)


def test_a_range_gives_its_upper_end_for_the_not_more_than_test():
    result = normalize_amount("8-11 GRMS")
    assert (result.value, result.detail.low_grams) == (11.0, 8.0)
    assert "range_upper_bound" in result.notes


def test_a_less_than_bracket_is_no_measured_weight():
    result = normalize_amount("<2.5G")
    assert result.value is None
    assert (result.detail.low_grams, result.detail.high_grams) == (0.0, 2.5)


def test_plants_are_counted_not_weighed():
    result = normalize_amount("6 PLANTS")
    assert result.value is None and result.detail.plant_count == 6


@pytest.mark.parametrize(
    ("printed", "grams"),
    [("l2.4 GRMS", 12.4), ("1O GRAMS", 10.0), ("1/4 02", OUNCE / 4), ("5 6RMS", 5.0), ("12,4 GRMS", 12.4)],
    ids=["l-for-1", "O-for-0", "02-for-OZ", "6-for-G", "decimal-comma"],
)
def test_ocr_confusions_in_amounts_are_repaired(printed, grams):
    assert normalize_amount(printed).value == pytest.approx(grams)


@pytest.mark.parametrize("printed", ["", "DEFT DISCHARGED", "12 34"])
def test_text_without_an_amount_gives_none(printed):
    assert normalize_amount(printed).value is None


@pytest.mark.parametrize(
    ("grams", "statute", "offense_class", "conflict"),
    [
        (20.0, "720 ILCS 550/4(c)", None, None),
        (35.0, "720 ILCS 550/4(c)", None, "R_WEIGHT_CONFLICT"),
        (30.0, "720 ILCS 550/4(c)", None, None),
        (30.01, "720 ILCS 550/4(c)", None, "R_WEIGHT_CONFLICT"),
        (2.0, "720 ILCS 550/5(a)", None, None),
        (45.0, "720 ILCS 550/4", "4", None),
        (600.0, "720 ILCS 550/4", "4", "R_WEIGHT_CONFLICT"),
        (5.0, "720 ILCS 550/4", "B", None),
        (500.0, "720 ILCS 570/402(c)", None, None),
    ],
    ids=["inside-4c", "above-4c", "at-30", "just-above-30", "inside-5a", "class4-either-reading", "class4-neither", "class-B", "not-cca"],
)
def test_a_weight_outside_the_bracket_of_its_citation_is_a_conflict(grams, statute, offense_class, conflict):
    assert check_amount(grams, statute, offense_class, dt.date(1990, 5, 1)) == conflict


@pytest.mark.parametrize(
    ("printed", "grams"),
    [
        ("&.2 G", 8.2),
        ("i GR", 1.0),
        ("iL GMS", 1.0),
        ("1/2 O28", float(Fraction("28.349523125") / 2)),
        ("341 GRAS", 341.0),
        ("=7.6 G6", 7.6),
        ("1/8 O02", float(Fraction("28.349523125") / 8)),
        ("@.5 GMS", 0.5),
        ("17.16", 17.1),
    ],
    ids=["ampersand-for-8", "i-for-1", "iL-for-1", "speck-after-OZ", "misread-gram-abbreviation", "speck-after-G", "O-of-OZ-read-twice", "at-sign-for-0", "G-read-6-glued"],
)
def test_dot_matrix_readings_of_an_amount_are_repaired_at_a_lower_confidence(printed, grams):
    result = normalize_amount(printed)
    assert result.value == pytest.approx(grams)
    assert result.confidence < 1.0


@pytest.mark.parametrize("printed", ["12 GROSS", "1/2 123", "100 200", "IL", "LIL GMS", "08/22/76", "22/7 G"])
def test_numbers_without_a_readable_unit_are_no_amount(printed):
    assert normalize_amount(printed).value is None


@pytest.mark.parametrize(
    ("printed", "grams"),
    [("11/2 02", OUNCE * 1.5), ("21/4 LBS", POUND * 2.25), ("17/16 OZ", OUNCE * (1 + 7 / 16))],
)
def test_a_whole_number_run_into_its_fraction_is_read_apart_at_a_lower_confidence(printed, grams):
    # The NLQ printout's "1 1/2 OZ" read "11/2 02": eleven halves of an ounce is no weight a
    # docket writes. A proper fraction stays as printed.
    result = normalize_amount(printed)
    assert result.value == pytest.approx(grams)
    assert "fraction_space_restored" in result.notes and result.confidence < 1.0
    assert normalize_amount("13/16 OZ").value == pytest.approx(OUNCE * 13 / 16)
    assert normalize_amount("13/16 OZ").notes == ()
