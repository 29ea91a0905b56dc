"""Cook County case numbers of spec §11, normalized as records.md says."""

import pytest

from extract.case_numbers import normalize_case_number


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


@pytest.mark.parametrize(("printed", "normalized"), [("93 C 66O123", "93C660123"), ("88 © 973466", "88C973466")])
def test_ocr_confusions_are_repaired(printed, normalized):
    assert normalize_case_number(printed).value == normalized


def test_an_unknown_shape_is_kept_at_a_lower_score():
    result = normalize_case_number("87-123456")
    assert result.value == "87123456"
    assert result.confidence < 1.0


@pytest.mark.parametrize("printed", ["", "PEOPLE OF THE STATE", "M1"])
def test_text_that_is_no_case_number_gives_none(printed):
    assert normalize_case_number(printed).value is None
