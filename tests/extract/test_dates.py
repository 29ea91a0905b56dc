"""Docket dates: the forms of the 1970s-90s, two-digit years as 19xx, OCR repairs."""

import datetime as dt

import pytest

from extract.assemble import Value, refit_date
from extract.dates import find_dates, parse_docket_date
from extract.layout import page_lines
from extract.pipeline import analyse_page
from models.pages import OcrWord, PageText


@pytest.mark.parametrize(
    ("printed", "day"),
    [
        ("07-14-93", dt.date(1993, 7, 14)),
        ("7/14/93", dt.date(1993, 7, 14)),
        ("07/14/1993", dt.date(1993, 7, 14)),
        ("JUL 14 1993", dt.date(1993, 7, 14)),
        ("JUL 14, 1993", dt.date(1993, 7, 14)),
        ("14 JUL 93", dt.date(1993, 7, 14)),
        ("12.01.88", dt.date(1988, 12, 1)),
        ("01/02/75", dt.date(1975, 1, 2)),
    ],
)
def test_every_docket_date_form(printed, day):
    assert parse_docket_date(printed).value == day


def test_two_digit_birth_years_are_in_the_1900s_whatever_today_is():
    assert parse_docket_date("04-03-61").value == dt.date(1961, 4, 3)
    assert parse_docket_date("04-03-25").value == dt.date(1925, 4, 3)


@pytest.mark.parametrize(
    ("printed", "day"),
    [
        ("O7-l4-93", dt.date(1993, 7, 14)),
        ("AUQ 3 1990", dt.date(1990, 8, 3)),
        ("NOV O07 1967", dt.date(1967, 11, 7)),
        ("G7/17/57", dt.date(1957, 7, 17)),
        # Not 16 September: dockets print the month first, so a month 16 is a zero misread.
        ("16/09/1977", dt.date(1977, 10, 9)),
    ],
    ids=["O-and-l-for-digits", "Q-for-G", "zero-read-twice-in-day", "G-for-a-dotted-zero", "month-16-is-10"],
)
def test_ocr_confusions_are_repaired_at_a_lower_score(printed, day):
    result = parse_docket_date(printed)
    assert result.value == day and result.confidence < 1.0


def test_a_g_in_a_month_name_is_a_letter():
    assert parse_docket_date("AUG 3 1990").confidence == 1.0


def test_a_month_name_ocr_cannot_decide_is_a_guess():
    assert parse_docket_date("JUI 14 1993").confidence < 0.5


@pytest.mark.parametrize("printed", ["13-45-93", "13/01/90", "FEB 30 1990", "", "CONT MOTION STATE"])
def test_impossible_or_missing_dates_give_none(printed):
    assert parse_docket_date(printed).value is None


def test_every_date_of_an_entry_is_found_in_order():
    found = find_dates("04/07/88 PLEA OF GUILTY. CONT BY AGREEMENT TO MAY 02 1988")
    assert [parsed.value for _, _, parsed in found] == [dt.date(1988, 4, 7), dt.date(1988, 5, 2)]


def _date_value(text):
    parsed = parse_docket_date(text)
    return Value(parsed.value, parsed, (), 1, "court.dates.v1", text)


def test_a_refit_takes_the_reading_nearest_the_filing_year():
    # An arrest in "1996" on a case filed in 1990: "10/12/90" (a 6 for a dotted zero), not "10/12/06".
    refit = refit_date(_date_value("10/12/96"), latest=dt.date(1990, 12, 31), near=dt.date(1990, 1, 1))
    assert refit.value == dt.date(1990, 10, 12)
    assert "date_refit" in refit.flags


def test_a_two_digit_year_a_century_before_the_arrest_is_the_2000s():
    refit = refit_date(_date_value("01/24/00"), earliest=dt.date(1999, 6, 2), near=dt.date(1999, 6, 2))
    assert refit.value == dt.date(2000, 1, 24)
    assert "century_refit" in refit.flags


def test_a_date_that_fits_is_left_alone():
    value = _date_value("06/14/96")
    assert refit_date(value, earliest=dt.date(1996, 1, 2), near=dt.date(1996, 1, 2)) is value


def test_an_entry_a_confused_digit_before_the_arrest_is_read_again_near_it():
    # "10/08/32" on a 1992 arrest: a 9 read as 3, not a hearing in 2032.
    refit = refit_date(_date_value("10/08/32"), earliest=dt.date(1992, 8, 9), near=dt.date(1992, 8, 9))
    assert refit.value == dt.date(1992, 10, 8)
    assert "date_refit" in refit.flags


def test_a_date_no_reading_fits_is_flagged_not_changed():
    value = _date_value("10/08/11")
    refit = refit_date(value, earliest=dt.date(1992, 8, 9), near=dt.date(1992, 8, 9))
    assert refit.value == value.value
    assert "date_out_of_order" in refit.flags


def test_a_date_that_reads_only_with_a_digit_tesseract_weighed_is_found_and_doubted():
    # "09/02/82" printed; digitize restored the 9 to a 0 (Tesseract weighed both), so the line
    # reads "00/02/82", no date, unless the weighed 9 is tried.
    def word(text, left, alternatives=()):
        return OcrWord(text, left, 100, 20 * len(text), 30, 0.95, 1, 1, 1, left // 100, alternatives)

    text = PageText(words=(word("ARREST", 100), word("00/02/82", 300, ((1, "9"),)), word("CHICAGO", 600)), width=1000, height=300)
    doc = analyse_page(page_lines(text, page=1), page=1)
    (date,) = doc.spans["dates"]
    assert date._.normalized.value == dt.date(1982, 9, 2)
    assert "read_as_weighed" in date._.normalized.notes and date._.normalized.confidence < 1.0
    # A line whose date reads as printed keeps it, whatever Tesseract weighed.
    text = PageText(words=(word("ARREST", 100), word("08/02/82", 300, ((0, "9"),)),), width=1000, height=300)
    doc = analyse_page(page_lines(text, page=1), page=1)
    (date,) = doc.spans["dates"]
    assert date._.normalized.value == dt.date(1982, 8, 2) and "read_as_weighed" not in date._.normalized.notes
