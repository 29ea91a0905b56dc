"""(i)(1) automatic expungement: the one-year wait and the deadline tiers (spec §5.1)."""

import datetime as dt

import pytest

from eligibility.illinois.rules.auto_expunge import deadline

from ..factories import AS_OF, decide_one, make_charge

D = dt.date


@pytest.mark.parametrize(
    ("arrest", "expunge_by"),
    [
        (D(1999, 12, 31), D(2025, 1, 1)),
        (D(2000, 1, 1), D(2023, 1, 1)),
        (D(2012, 12, 31), D(2023, 1, 1)),
        (D(2013, 1, 1), D(2021, 1, 1)),
        (D(2019, 6, 24), D(2021, 1, 1)),
    ],
    ids=["31-dec-1999", "1-jan-2000", "31-dec-2012", "1-jan-2013", "24-jun-2019"],
)
def test_deadline_tier_by_arrest_date(arrest, expunge_by):
    decision = decide_one(make_charge(offense_date=arrest), arrest_date=arrest, case_number=None)
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"
    assert decision.auto_expunge_by == expunge_by
    assert "court_file_needs_petition" in decision.notes


@pytest.mark.parametrize(
    ("as_of", "passed"), [(D(2024, 12, 31), False), (D(2025, 1, 1), True)], ids=["day-before-deadline", "deadline-day"]
)
def test_a_passed_deadline_is_noted(as_of, passed):
    from ..factories import decide, make_case

    decision = decide(make_case(make_charge(offense_date=D(1990, 1, 1))), as_of=as_of)
    assert ("expunge_deadline_passed" in decision.notes) is passed


@pytest.mark.parametrize(
    ("arrest", "elapsed"),
    [(AS_OF.replace(year=AS_OF.year - 1), True), (AS_OF.replace(year=AS_OF.year - 1) + dt.timedelta(days=1), False)],
    ids=["exactly-one-year", "one-day-short"],
)
def test_one_year_since_the_arrest(arrest, elapsed):
    assert deadline(arrest, None, None, as_of=AS_OF).one_year_elapsed is elapsed


def test_a_case_number_year_places_an_unknown_arrest_in_the_2025_tier():
    charge = make_charge(offense_date=None, disposition_date=None)
    decision = decide_one(charge, arrest_date=None, case_number="98CR1234501")
    assert decision.auto_expunge_by == D(2025, 1, 1)
    assert "tier_from_filing_date" in decision.notes


def test_a_filing_year_that_leaves_the_tier_open_is_flagged():
    charge = make_charge(offense_date=None, disposition_date=None)
    decision = decide_one(charge, arrest_date=None, case_number="2000CR1234501")
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"
    assert decision.auto_expunge_by is None
    assert decision.review_reasons == ("R_TIER_DATE_UNKNOWN",)


def test_an_arrest_over_30_grams_charged_down_and_dismissed_goes_to_a_person():
    decision = decide_one(make_charge(statute="720 ILCS 550/4(c)", amount_grams=45.0, weight_basis="net"))
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert "R_REDUCED_FROM_OVER_30" in decision.review_reasons
