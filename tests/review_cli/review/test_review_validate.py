"""A reviewer's typed value, checked by the same normalizers extraction uses."""

import pytest

from review_cli.review.validate import check_edit


@pytest.mark.parametrize(
    ("path", "typed", "value"),
    [
        ("charges.0.statute", "ch. 56 1/2, par. 704(c)", "720 ILCS 550/4(c)"),
        ("charges.0.statute", "720-550/4(C)", "720 ILCS 550/4(c)"),
        ("charges.1.amount_grams", "1.1 OZ", pytest.approx(31.1844754375)),
        ("charges.0.amount_grams", "12.4 GRMS", 12.4),
        # A printed bracket: the normalizer keeps its upper bound (and says so in the preview).
        ("charges.0.amount_grams", "10-30 G", 30.0),
        ("charges.0.offense_date", "7/14/93", "1993-07-14"),
        ("arrest_date", "JUL 14 1993", "1993-07-14"),
        ("case_number", "93 C 660123", "93C660123"),
        ("charges.0.disposition", "NOLLE PROS", "NOLLE"),
        ("charges.0.sentence_kind", "fine", "FINE"),
        ("charges.0.offense_class", "4", "4"),
        ("charges.0.enhancements", "", []),
        ("defendant.name", "public , john q", "PUBLIC, JOHN Q"),
        ("charges.0.plant_count", "3", 3),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_usable_values_are_normalized(path, typed, value):
    checked = check_edit(path, typed)
    assert checked.ok and checked.value == value
    assert checked.preview.startswith("→")


@pytest.mark.parametrize(
    ("path", "typed", "hint"),
    [
        ("charges.0.amount_grams", "12.4", "unit"),
        ("charges.0.offense_date", "yesterday", "not readable"),
        ("charges.0.disposition", "XYZZY", "not a disposition"),
        ("charges.0.sentence_kind", "lashes", "one of"),
        ("charges.0.plant_count", "three", "whole number"),
        ("charges.0.description", "   ", "blank"),
    ],
)
def test_unusable_values_say_what_is_wanted(path, typed, hint):
    checked = check_edit(path, typed)
    assert not checked.ok and checked.value is None
    assert hint in checked.preview


def test_statutes_come_with_fuzzy_suggestions_from_the_statute_table():
    checked = check_edit("charges.0.statute", "720 ILCS 55O/4")
    assert "720 ILCS 550/4" in checked.suggestions
