"""Rule conduct_11358: cultivation under AUMA (spec §4.2)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import decide_count, felony

ADULT = dt.date(1965, 1, 1)
AGE_19 = dt.date(1976, 1, 1)

CASES = [
    (6, ADULT, codes.CA_DISMISS_AND_SEAL, ()),
    (6, AGE_19, codes.CA_REDESIGNATE_REDUCE, ()),
    (7, ADULT, codes.CA_REDESIGNATE_REDUCE, ()),
    (None, ADULT, codes.CA_REDESIGNATE_REDUCE, (codes.R_CA_AMOUNT_UNKNOWN,)),
    (None, AGE_19, codes.CA_REDESIGNATE_REDUCE, ()),
]
IDS = ["6-plants-21plus", "6-plants-19", "7-plants", "plants-unknown-21plus", "plants-unknown-19"]


@pytest.mark.parametrize(("plants", "born", "outcome", "reasons"), CASES, ids=IDS)
def test_cultivation(plants, born, outcome, reasons):
    decision = decide_count(felony("HS 11358", plant_count=plants, conduct=("sale",)), born=born)
    assert decision.outcome == outcome
    assert decision.review_reasons == reasons


def test_lawful_cultivation_is_dismissed_whatever_the_exclusions():
    decision = decide_count(felony("HS 11358", plant_count=3, conduct=("environmental_violation",)))
    assert decision.outcome == codes.CA_DISMISS_AND_SEAL
