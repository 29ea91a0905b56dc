"""Rule exclusion_two_priors: two prior events of the same section (spec §4.3; K4)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import case, decide_count, felony, trace_of

EVALUATED = felony("HS 11360(a)", conduct=("sale",), offense_date=dt.date(2010, 3, 1), disposition_date=dt.date(2010, 6, 1))


def prior(number: str, disposed, statute: str = "HS 11360(a)", count: int = 1):
    return case(felony(statute, count=count, conduct=("sale",), offense_date=None, disposition_date=disposed), number=number)


def test_two_prior_events_exclude_always_with_review():
    decision = decide_count(case(EVALUATED), prior("P1", dt.date(2001, 1, 1)), prior("P2", dt.date(2005, 1, 1)))
    assert decision.outcome == codes.CA_NOT_ELIGIBLE
    assert decision.review_reasons == (codes.R_CA_TWO_PRIORS_UNIT,)
    assert trace_of(decision, "exclusion_two_priors")["prior_events"] == 2


def test_one_event_with_two_counts_counts_once():
    both_counts = case(
        felony("HS 11360(a)", conduct=("sale",), disposition_date=dt.date(2001, 1, 1)),
        felony("HS 11360(a)", count=2, conduct=("sale",), disposition_date=dt.date(2001, 1, 1)),
        number="P1",
    )
    assert decide_count(case(EVALUATED), both_counts).outcome == codes.CA_REDESIGNATE_REDUCE


def test_duplicate_case_numbers_collapse():
    duplicate = prior("P1", dt.date(2001, 1, 1))
    assert decide_count(case(EVALUATED), duplicate, duplicate).outcome == codes.CA_REDESIGNATE_REDUCE


@pytest.mark.parametrize(
    ("second_statute", "second_disposed", "outcome"),
    [
        ("HS 11359", dt.date(2005, 1, 1), codes.CA_REDESIGNATE_REDUCE),
        ("HS 11360(a)", dt.date(2010, 6, 1), codes.CA_REDESIGNATE_REDUCE),
        ("HS 11360(a)", dt.date(2010, 5, 31), codes.CA_NOT_ELIGIBLE),
    ],
    ids=["other-section", "disposed-same-day", "disposed-day-before"],
)
def test_same_section_and_strictly_before(second_statute, second_disposed, outcome):
    decision = decide_count(case(EVALUATED), prior("P1", dt.date(2001, 1, 1)), prior("P2", second_disposed, second_statute))
    assert decision.outcome == outcome


def test_undated_prior_that_could_make_two_asks_about_timing():
    decision = decide_count(case(EVALUATED), prior("P1", dt.date(2001, 1, 1)), prior("P2", None))
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE
    assert decision.review_reasons == (codes.R_CA_PRIOR_TIMING,)
