"""Rule exclusion_pc290: a prior PC 290(c) offense keeps the felony (spec §4.3, §4.4; K15)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import case, decide_count, felony

EVALUATED = felony("HS 11358", plant_count=20, conduct=("sale",))


CASES = [
    ("PC 288(a)", dt.date(1980, 1, 1), None, codes.CA_NOT_ELIGIBLE, ()),
    ("PC 647.6", dt.date(1980, 1, 1), None, codes.CA_NOT_ELIGIBLE, ()),
    ("PC 311.2(a)", dt.date(1980, 1, 1), None, codes.CA_REDESIGNATE_REDUCE, ()),
    ("PC 459", dt.date(1980, 1, 1), True, codes.CA_REDESIGNATE_REDUCE, (codes.R_CA_PRIOR_TIMING,)),
    ("PC 288(a)", dt.date(1980, 1, 1), True, codes.CA_NOT_ELIGIBLE, ()),
]
IDS = ["288(a)", "647.6", "311.2(a)-not-listed", "K15-registration-without-dated-conviction", "registered-and-dated"]


@pytest.mark.parametrize(("statute", "disposed", "registered", "outcome", "reasons"), CASES, ids=IDS)
def test_prior_pc290_offense(statute, disposed, registered, outcome, reasons):
    prior = case(felony(statute, offense_date=None, disposition_date=disposed), number="P1", pc290_registered=registered)
    decision = decide_count(case(EVALUATED, pc290_registered=registered), prior)
    assert decision.outcome == outcome
    assert decision.review_reasons == reasons
