"""Rule subsection_11357: which 11357 subdivision (spec §4.2; K6)."""

import pytest

from eligibility.california import codes

from .factory import charge, decide_count, trace_of

CASES = [
    ("HS 11357", "felony", "read as 11357(a)", codes.CA_REDESIGNATE_REDUCE),
    ("HS 11357", "infraction", "read as 11357(b)", codes.CA_DISMISS_AND_SEAL),
    ("HS 11357", "misdemeanor", "subdivision unknown", codes.CA_HAND_REVIEW),
    ("HS 11357(e)", "misdemeanor", "subdivision unknown", codes.CA_HAND_REVIEW),
    ("HS 11357(c)", "misdemeanor", "11357(c)", codes.CA_NOT_ELIGIBLE),
]
IDS = ["felony-no-sub", "infraction-no-sub", "misdemeanor-no-sub", "11357(e)", "11357(c)"]


@pytest.mark.parametrize(("statute", "level", "result", "outcome"), CASES, ids=IDS)
def test_subsection(statute, level, result, outcome):
    # A felony with no subdivision is read as 11357(a); its concentrate amount is unknown here.
    decision = decide_count(charge(statute, level=level))
    assert trace_of(decision, "subsection_11357")["result"] == result
    assert decision.outcome == outcome
    if result == "subdivision unknown":
        assert decision.review_reasons == (codes.R_CA_SUBSECTION_UNKNOWN,)
