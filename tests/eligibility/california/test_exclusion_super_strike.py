"""Rule exclusion_super_strike: a prior super strike keeps the felony (spec §4.3, §4.4; K3)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import case, decide_count, felony, low_confidence, trace_of

EVALUATED = felony("HS 11359", conduct=("sale",), offense_date=dt.date(1995, 3, 1), disposition_date=dt.date(1995, 6, 1))


def prior(statute: str, disposed: dt.date | None, *, number: str = "P1", extra: tuple = ()):
    return case(felony(statute, offense_date=None, disposition_date=disposed), *extra, number=number)


CASES = [
    ("PC 187(a)", dt.date(1984, 1, 1), codes.CA_NOT_ELIGIBLE, ()),
    ("PC 245(a)(1)", dt.date(1984, 1, 1), codes.CA_REDESIGNATE_REDUCE, ()),
    ("PC 245(d)(3)", dt.date(1984, 1, 1), codes.CA_NOT_ELIGIBLE, ()),
    ("PC 190.2", dt.date(1984, 1, 1), codes.CA_NOT_ELIGIBLE, ()),
    ("MV 1672(a)", dt.date(1984, 1, 1), codes.CA_NOT_ELIGIBLE, ()),
    ("PC 187", dt.date(1995, 6, 1), codes.CA_REDESIGNATE_REDUCE, ()),
    ("PC 187", dt.date(1995, 5, 31), codes.CA_NOT_ELIGIBLE, (codes.R_CA_PRIOR_TIMING,)),
    ("PC 187", None, codes.CA_REDESIGNATE_REDUCE, (codes.R_CA_PRIOR_TIMING,)),
]
IDS = ["murder-before", "245(a)(1)-not-listed", "245(d)(3)-listed", "190-decimal", "military-code",
       "disposed-same-day-not-prior", "disposed-between-offense-and-conviction-K3", "undated-presumed-absent"]


@pytest.mark.parametrize(("statute", "disposed", "outcome", "reasons"), CASES, ids=IDS)
def test_prior_super_strike(statute, disposed, outcome, reasons):
    decision = decide_count(case(EVALUATED), prior(statute, disposed))
    assert decision.outcome == outcome
    assert decision.review_reasons == reasons


def test_same_case_is_never_prior():
    decision = decide_count(case(EVALUATED, felony("PC 187", count=2, disposition_date=dt.date(1990, 1, 1))))
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE


def test_gang_enhancement_combination_in_one_case():
    enhanced = prior("PC 246", dt.date(1984, 1, 1), extra=(felony("PC 186.22(b)(4)", count=2, disposition_date=dt.date(1984, 1, 1)),))
    assert decide_count(case(EVALUATED), enhanced).outcome == codes.CA_NOT_ELIGIBLE
    assert decide_count(case(EVALUATED), prior("PC 246", dt.date(1984, 1, 1))).outcome == codes.CA_REDESIGNATE_REDUCE


def test_no_exclusion_for_11357():
    possession = case(felony("HS 11357(a)", concentrate_grams=2.0))
    assert decide_count(possession, prior("PC 187", dt.date(1984, 1, 1))).outcome == codes.CA_DISMISS_AND_SEAL


def test_trace_names_the_reference_date_and_prior_dates():
    facts = trace_of(decide_count(case(EVALUATED), prior("PC 187", dt.date(1984, 1, 1))), "exclusion_super_strike")
    assert facts["prior_dispositions"] == ["1984-01-01"]
    assert facts["reference_date"] == "evaluated disposition_date"


def test_low_confidence_evaluated_date_cannot_settle_the_timing():
    evaluated = case(EVALUATED, fields=low_confidence("charges.0.disposition_date"))
    decision = decide_count(evaluated, prior("PC 187", dt.date(1984, 1, 1)))
    assert decision.outcome == codes.CA_NOT_ELIGIBLE
    assert codes.R_CA_PRIOR_TIMING in decision.review_reasons
