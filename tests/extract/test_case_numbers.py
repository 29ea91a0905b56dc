"""Cook County case numbers of spec §11, normalized as records.md says."""

import datetime as dt

import pytest

from extract.assemble import CaseDraft, Entry, Value, add_reading, check_case_number_year, vote_repeated
from extract.case_numbers import normalize_case_number
from extract.dates import parse_docket_date
from extract.layout import page_lines
from extract.normalized import Normalized
from extract.pipeline import analyse_page
from models.pages import OcrWord, PageText


@pytest.mark.parametrize(
    ("printed", "normalized"),
    [
        ("93 C 660123", "93C660123"),
        ("93-C-660123", "93C660123"),
        ("98 CR 12345-01", "98CR1234501"),
        ("95CR0127401", "95CR0127401"),
        ("1995CR0127401", "1995CR0127401"),
        ("00113380301", "00113380301"),
        ("1997MC1123456", "1997MC1123456"),
        ("1997 MC3 232260", "1997MC3232260"),
        ("1995 CM 001234", "1995CM001234"),
    ],
)
def test_every_era_reads_into_the_normalized_form(printed, normalized):
    result = normalize_case_number(printed)
    assert result.value == normalized
    assert result.confidence == 1.0


@pytest.mark.parametrize(
    ("printed", "normalized"),
    [
        ("93 C 66O123", "93C660123"),
        ("88 © 973466", "88C973466"),
        ("1996 MCi 347237", "1996MC1347237"),
        ("Mi-90-698549", "M190698549"),
        ("1993 MC5 7520000", "1993MC5752000"),
        ("91 CR 004505", "91CR04505"),
    ],
    ids=[
        "O-for-0", "copyright-for-C", "district-digit-read-as-a-letter-and-spaced-off", "district-digit-read-as-a-letter-before-a-dash",
        "zero-read-twice-in-a-municipal-serial", "zero-read-twice-in-a-felony-serial",
    ],
)
def test_ocr_confusions_are_repaired(printed, normalized):
    assert normalize_case_number(printed).value == normalized


def test_an_unknown_shape_is_kept_at_a_lower_score():
    result = normalize_case_number("87-123456")
    assert result.value == "87123456"
    assert result.confidence < 1.0


def test_older_municipal_numbers_with_the_district_in_front_are_read_at_a_lower_score():
    # Not a spec §11 form: read, but as unverified.
    result = normalize_case_number("M1-87-363185")
    assert result.value == "M187363185"
    assert result.confidence < 1.0 and "case_number_form_loose" in result.notes


@pytest.mark.parametrize("printed", ["", "PEOPLE OF THE STATE", "M1"])
def test_text_that_is_no_case_number_gives_none(printed):
    assert normalize_case_number(printed).value is None


@pytest.mark.parametrize(
    ("printed", "normalized"),
    [
        ("89CRO02218", "89CR02218"),
        ("1994CRO0325502", "1994CR0325502"),
        ("84C6é15414", "84C615414"),
        ("$86C848784", "86C848784"),
        ("S84CRO6937", "84CR06937"),
        ("78 CR 01168-O01", "78CR0116801"),
        ("~-76CR14379-", "76CR14379"),
        ("79CR1088901~_ARREST~09/04/79", "79CR1088901"),
    ],
    ids=[
        "zero-read-as-O0", "zero-read-as-O0-4-digit-year", "speck-inside", "speck-before", "speck-before-and-O0",
        "zero-read-as-O0-in-suffix", "specks-read-as-dashes-around", "next-field-glued-on",
    ],
)
def test_dot_matrix_specks_and_doubled_zeros_are_repaired_at_a_lower_confidence(printed, normalized):
    assert normalize_case_number(printed).value == normalized


def test_a_real_leading_5_is_kept():
    assert normalize_case_number("54CR12345").value == "54CR12345"
    assert normalize_case_number("S4CR12345").value == "54CR12345"


def _draft(number_text, arrest):
    parsed = normalize_case_number(number_text)
    draft = CaseDraft()
    draft.values["case_number"] = Value(parsed.value, parsed, (), 1, "court.case_number.v1", number_text)
    draft.values["arrest_date"] = Value(arrest, Normalized(arrest, 1.0, "exact"), (), 1, "court.dates.v1", arrest.isoformat())
    return draft


@pytest.mark.parametrize(
    ("printed", "arrest", "expected"),
    [
        ("S3CR27941", dt.date(1993, 4, 2), "93CR27941"),
        ("1999MC4766962", dt.date(1990, 6, 1), "1990MC4766962"),
        ("300140210", dt.date(1990, 2, 1), "90C140210"),
        ("S7CRO4847", dt.date(1986, 12, 30), "87CR04847"),
    ],
    ids=["S-for-9", "dotted-zero-in-year", "3-for-9-and-C-for-0", "filed-the-year-after-arrest"],
)
def test_a_filing_year_one_confusable_digit_from_the_arrest_is_read_as_the_arrest_year(printed, arrest, expected):
    draft = _draft(printed, arrest)
    check_case_number_year(draft)
    assert draft.values["case_number"].value == expected
    assert "case_number_year_refit" in draft.values["case_number"].flags


@pytest.mark.parametrize(
    ("printed", "arrest"),
    [("93CR27941", dt.date(1993, 4, 2)), ("93CR27941", dt.date(1992, 11, 30))],
    ids=["same-year", "arrest-the-year-before"],
)
def test_a_filing_year_that_fits_the_arrest_is_kept_and_counts_as_checked(printed, arrest):
    draft = _draft(printed, arrest)
    check_case_number_year(draft)
    assert draft.values["case_number"].value == "93CR27941"
    assert draft.values["case_number"].flags == ("case_number_agrees_with_arrest",)


@pytest.mark.parametrize(
    ("printed", "arrest"),
    [("71CR27941", dt.date(1993, 4, 2)), ("93CR27941", dt.date(1988, 4, 2))],
    ids=["unconfusable-digits", "two-digits-apart"],
)
def test_a_filing_year_far_from_the_arrest_is_left_as_printed(printed, arrest):
    draft = _draft(printed, arrest)
    check_case_number_year(draft)
    assert draft.values["case_number"].value == normalize_case_number(printed).value
    assert draft.values["case_number"].flags == ()


def test_a_filing_year_is_not_moved_after_the_dockets_own_entries():
    # "95CR…" with an arrest misread as 1999: the entries of 1995 say the arrest date is the misread one.
    draft = _draft("95CR27941", dt.date(1999, 4, 2))
    entry_date = parse_docket_date("06/14/95")
    draft.entries.append(Entry(Value(entry_date.value, entry_date, (), 1, "court.dates.v1", "06/14/95"), "PLEA OF GUILTY", (), 1))
    check_case_number_year(draft)
    assert draft.values["case_number"].value == "95CR27941"
    assert "case_number_year_refit" not in draft.values["case_number"].flags


@pytest.mark.parametrize(
    ("printed", "normalized"),
    [
        ("930CR16362", "90CR16362"),
        ("930 C 174378", "90C174378"),
        ("84(C528679", "84C528679"),
        ("75CRO0757", "75CR00757"),
        ("92CR2482761", "92CR2482701"),
        ("1994CR0759461", "1994CR0759401"),
        ("98 CR 12345-81", "98CR1234501"),
        ("90R62563", "90CR62563"),
        ("1995M1478863", "1995MC1478863"),
        ("1990MC11417030", "1990MC1417030"),
        ("1990 Mc1i 417030", "1990MC1417030"),
        ("96CR1I8421", "96CR18421"),
        ("87311861", "87C311861"),
        ("820756593", "82C756593"),
    ],
    ids=["three-digit-year", "three-digit-year-complaint", "letter-read-twice", "O0-is-two-zeros-when-the-serial-needs-five", "suffix-6-for-0", "suffix-6-for-0-4-digit-year", "suffix-8-for-0-dashed", "C-of-CR-lost", "C-of-MC-lost", "typewritten-1-read-twice", "typewritten-1-read-as-1i", "dot-matrix-1-read-as-1I", "C-of-complaint-lost", "C-of-complaint-read-as-0"],
)
def test_the_printed_form_of_each_era_repairs_what_ocr_added_or_misread(printed, normalized):
    assert normalize_case_number(printed).value == normalized


@pytest.mark.parametrize(
    ("printed", "normalized"),
    [("92CR2482711", "92CR2482711"), ("92CR2482701", "92CR2482701"), ("1995 CM 001234", "1995CM001234"), ("87CR0768203", "87CR0768203")],
    ids=["suffix-11", "suffix-01", "two-letter-code", "serial-with-suffix"],
)
def test_a_number_in_its_printed_form_is_not_repaired(printed, normalized):
    result = normalize_case_number(printed)
    assert result.value == normalized
    assert result.confidence == 1.0


def test_a_number_outside_the_printed_forms_is_kept_at_a_lower_score():
    # A Criminal Division serial of four digits fits the vocabulary's pattern, not §11's form.
    result = normalize_case_number("75CR0757")
    assert result.value == "75CR0757"
    assert 0.0 < result.confidence < 1.0
    assert "case_number_form_loose" in result.notes


def _reading(text: str, confidence: float, top: int) -> Value:
    parsed = normalize_case_number(text)
    words = (OcrWord(text, 100, top, 200, 20, confidence),)
    return Value(parsed.value, parsed, words, 1 + top // 1000, "court.case_number.v1", text)


def _voted(*readings: Value) -> Value:
    draft = CaseDraft()
    for reading in readings:
        add_reading(draft, "case_number", reading)
    vote_repeated(draft, "case_number")
    return draft.values["case_number"]


def test_repeated_readings_that_agree_count_as_a_check_passed():
    voted = _voted(_reading("93CR27941", 0.9, 50), _reading("93 CR 27941", 0.8, 1050))
    assert voted.value == "93CR27941"
    assert "repeated_agrees" in voted.flags


def test_repeated_readings_vote_character_by_character_weighted_by_ocr_confidence():
    # The best-read page took an 8 for a 3; the two other pages agree on the 8 and outweigh it.
    voted = _voted(_reading("92CR2482701", 0.7, 50), _reading("92CR2432701", 0.95, 1050), _reading("92CR2482701", 0.8, 2050))
    assert voted.value == "92CR2482701"
    assert "repeated_disagrees" in voted.flags


def test_two_readings_that_disagree_keep_the_better_read_one_flagged():
    voted = _voted(_reading("89C387880", 0.6, 50), _reading("89C387886", 0.95, 1050))
    assert voted.value == "89C387886"
    assert "repeated_disagrees" in voted.flags
    assert "repeated_agrees" not in voted.flags


def test_the_same_printed_words_found_twice_are_one_reading():
    reading = _reading("93CR27941", 0.9, 50)
    voted = _voted(reading, reading)
    assert voted.flags == ()


@pytest.mark.parametrize(
    ("printed", "normalized"),
    [("810R18621", "81CR18621"), ("810R2447802", "81CR2447802"), ("85(0374342", "85C374342")],
    ids=["C-read-as-0", "C-read-as-0-with-suffix", "C-read-as-bracket-and-0"],
)
def test_a_code_letter_read_as_a_zero_is_repaired_at_a_lower_confidence(printed, normalized):
    result = normalize_case_number(printed)
    assert result.value == normalized
    assert result.confidence < 1.0 and "digits_repaired" in result.notes


def test_a_year_read_in_look_alike_letters_is_read_as_digits_and_then_fits_the_arrest():
    # "SOCRO7046": the year 90 of a draft printout, its 9 read as S (a 5) and its 0 as O.
    assert normalize_case_number("SOCRO7046").value == "50CR07046"
    draft = _draft("SOCRO7046", dt.date(1990, 10, 10))
    check_case_number_year(draft)
    assert draft.values["case_number"].value == "90CR07046"
    assert "case_number_year_refit" in draft.values["case_number"].flags


def test_a_year_digit_tesseract_weighed_as_the_arrest_years_is_read_again():
    # digitize read a 9 for which Tesseract also weighed a zero as the dotted zero: "1904MC…".
    parsed = normalize_case_number("1904MC1468036")
    word = OcrWord("1904MC1468036", 0, 0, 200, 20, 0.79, alternatives=((2, "9"), (4, "NH")))
    draft = CaseDraft()
    draft.values["case_number"] = Value(parsed.value, parsed, (word,), 1, "court.case_number.v1", word.text)
    arrest = dt.date(1994, 8, 18)
    draft.values["arrest_date"] = Value(arrest, Normalized(arrest, 1.0, "exact"), (), 1, "court.dates.v1", "08/18/94")
    check_case_number_year(draft)
    assert draft.values["case_number"].value == "1994MC1468036"
    assert draft.values["case_number"].normalized.confidence < parsed.confidence


def test_a_year_digit_read_as_a_letter_and_weighed_as_the_arrest_years_is_read_again():
    # "7OCRO8668" on a draft printout of a 1979 arrest: the year's 9 read as the letter O, with 9 weighed.
    parsed = normalize_case_number("7OCRO8668")
    word = OcrWord("7OCRO8668", 0, 0, 200, 20, 0.86, alternatives=((1, "9"),))
    draft = CaseDraft()
    draft.values["case_number"] = Value(parsed.value, parsed, (word,), 1, "court.case_number.v1", word.text)
    arrest = dt.date(1979, 8, 24)
    draft.values["arrest_date"] = Value(arrest, Normalized(arrest, 1.0, "exact"), (), 1, "court.dates.v1", "08/24/1979")
    check_case_number_year(draft)
    assert (parsed.value, draft.values["case_number"].value) == ("70CR08668", "79CR08668")
    assert "case_number_year_refit" in draft.values["case_number"].flags


def test_a_year_digit_nothing_weighed_is_not_read_as_the_arrest_years():
    draft = _draft("1904MC1468036", dt.date(1994, 8, 18))
    check_case_number_year(draft)
    assert draft.values["case_number"].value == "1904MC1468036"


def test_a_case_number_whose_code_letter_tesseract_weighed_for_a_zero_is_read_with_it():
    # "9300983932" on a near-letter-quality printout of 90C983932: the C read as a zero (a 9 read
    # twice before it), with C weighed there; no §11 form reads without it.
    def word(text, left, alternatives=()):
        return OcrWord(text, left, 100, 20 * len(text), 30, 0.95, 1, 1, 1, left // 100, alternatives)

    text = PageText(words=(word("CASE", 100), word("9300983932", 200, ((0, "3"), (1, "9"), (3, "C"))), word("ARREST", 600)), width=1000, height=300)
    doc = analyse_page(page_lines(text, page=1), page=1)
    (number,) = doc.spans["case_numbers"]
    assert number._.normalized.value == "90C983932"
    assert "read_as_weighed" in number._.normalized.notes and number._.normalized.confidence < 1.0
