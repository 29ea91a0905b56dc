"""Rule conduct_11357: possession under AUMA (spec §4.2)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import charge, decide_count

ADULT = dt.date(1965, 1, 1)  # 30 at the 1995 offense
AGE_19 = dt.date(1976, 1, 1)

CASES = [
    # statute, level, concentrate grams, born, outcome, reasons
    ("HS 11357(b)", "misdemeanor", None, ADULT, codes.CA_DISMISS_AND_SEAL, ()),
    ("HS 11357(b)", "misdemeanor", None, AGE_19, codes.CA_REDESIGNATE_REDUCE, ()),
    ("HS 11357(b)", "infraction", None, AGE_19, codes.CA_NOT_ELIGIBLE, ()),
    ("HS 11357(a)", "felony", 8.0, ADULT, codes.CA_DISMISS_AND_SEAL, ()),
    ("HS 11357(a)", "felony", 8.0, AGE_19, codes.CA_REDESIGNATE_REDUCE, ()),
    ("HS 11357(a)", "felony", 8.01, ADULT, codes.CA_REDESIGNATE_REDUCE, ()),
    ("HS 11357(a)", "misdemeanor", 8.01, ADULT, codes.CA_NOT_ELIGIBLE, ()),
    ("HS 11357(a)", "felony", None, ADULT, codes.CA_REDESIGNATE_REDUCE, (codes.R_CA_AMOUNT_UNKNOWN,)),
    ("HS 11357(a)", "felony", None, AGE_19, codes.CA_REDESIGNATE_REDUCE, ()),
    ("HS 11357(a)", "misdemeanor", None, ADULT, codes.CA_HAND_REVIEW, (codes.R_CA_AMOUNT_UNKNOWN,)),
    ("HS 11357(c)", "misdemeanor", None, ADULT, codes.CA_NOT_ELIGIBLE, ()),
    ("HS 11357(d)", "misdemeanor", None, ADULT, codes.CA_NOT_ELIGIBLE, ()),
]
IDS = [
    "b-21plus-lawful", "b-19-misdemeanor-to-infraction", "b-19-infraction-same", "a-8g-21plus-lawful",
    "a-8g-19-infraction", "a-8.01g-felony-to-misdemeanor", "a-8.01g-misdemeanor-same",
    "a-unknown-felony-21plus", "a-unknown-felony-19", "a-unknown-misdemeanor", "c-over-28.5g", "d-school-grounds",
]


@pytest.mark.parametrize(("statute", "level", "grams", "born", "outcome", "reasons"), CASES, ids=IDS)
def test_possession(statute, level, grams, born, outcome, reasons):
    decision = decide_count(charge(statute, level=level, concentrate_grams=grams), born=born)
    assert decision.outcome == outcome
    assert decision.review_reasons == reasons


def test_concentrate_written_as_the_amount():
    decision = decide_count(charge("HS 11357(a)", level="felony", amount_grams=3.0))
    assert decision.outcome == codes.CA_DISMISS_AND_SEAL
