"""Rule same_or_greater_offense: no relief when AUMA punishes the conduct as much (spec §4.1.6)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import charge, decide_count, trace_of

AGE_19 = dt.date(1976, 1, 1)

CASES = [
    ("HS 11357(c)", "misdemeanor", None, codes.CA_NOT_ELIGIBLE),
    ("HS 11357(b)", "infraction", AGE_19, codes.CA_NOT_ELIGIBLE),
    ("HS 11359", "misdemeanor", None, codes.CA_NOT_ELIGIBLE),
    ("HS 11359", "felony", None, codes.CA_REDESIGNATE_REDUCE),
]
IDS = ["11357(c)-misdemeanor", "11357(b)-infraction-at-19-K8", "11359-misdemeanor", "11359-felony"]


@pytest.mark.parametrize(("statute", "level", "born", "outcome"), CASES, ids=IDS)
def test_same_or_greater(statute, level, born, outcome):
    decision = decide_count(charge(statute, level=level, conduct=("sale",)), born=born or dt.date(1965, 1, 1))
    assert decision.outcome == outcome
    facts = trace_of(decision, "same_or_greater_offense")
    assert facts["conviction_level"] == level
