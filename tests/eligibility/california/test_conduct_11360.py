"""Rule conduct_11360: sale, transport and gift under AUMA (spec §4.2)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import charge, decide_count, felony

ADULT = dt.date(1965, 1, 1)
AGE_19 = dt.date(1976, 1, 1)

CASES = [
    # statute, level, conduct, grams, born, outcome, reasons
    ("HS 11360(a)", "felony", ("sale",), 100.0, ADULT, codes.CA_REDESIGNATE_REDUCE, ()),
    ("HS 11360(a)", "felony", ("gift",), 28.5, ADULT, codes.CA_DISMISS_AND_SEAL, ()),
    ("HS 11360(a)", "felony", ("transport",), 28.5, AGE_19, codes.CA_REDESIGNATE_REDUCE, ()),
    ("HS 11360(a)", "felony", ("gift",), 28.6, ADULT, codes.CA_REDESIGNATE_REDUCE, ()),
    ("HS 11360(a)", "felony", (), 10.0, ADULT, codes.CA_REDESIGNATE_REDUCE, (codes.R_CA_CONDUCT_UNKNOWN,)),
    ("HS 11360(a)", "felony", ("gift",), None, ADULT, codes.CA_REDESIGNATE_REDUCE, (codes.R_CA_AMOUNT_UNKNOWN,)),
    ("HS 11360(b)", "misdemeanor", (), None, ADULT, codes.CA_DISMISS_AND_SEAL, ()),
    ("HS 11360(b)", "misdemeanor", (), None, AGE_19, codes.CA_REDESIGNATE_REDUCE, ()),
]
IDS = [
    "a-sale", "a-gift-28.5g-21plus", "a-transport-28.5g-19", "a-gift-28.6g", "a-conduct-unknown",
    "a-gift-amount-unknown", "b-21plus", "b-19",
]


@pytest.mark.parametrize(("statute", "level", "conduct", "grams", "born", "outcome", "reasons"), CASES, ids=IDS)
def test_sale_transport_gift(statute, level, conduct, grams, born, outcome, reasons):
    decision = decide_count(charge(statute, level=level, conduct=conduct, amount_grams=grams), born=born)
    assert decision.outcome == outcome
    assert decision.review_reasons == reasons


def test_gift_to_a_minor_is_never_lawful():
    decision = decide_count(felony("HS 11360(a)", conduct=("gift", "minor_involved"), amount_grams=2.0))
    assert decision.outcome == codes.CA_NOT_ELIGIBLE
    assert decision.trace[-1].rule == "exclusion_minors"
