"""Rule dismiss_or_redesignate: the remedy after the sentence (spec §3.2)."""

import pytest

from eligibility.california import codes

from .factory import charge, decide_count, felony, trace_of

CASES = [
    (charge("HS 11357(b)"), codes.CA_DISMISS_AND_SEAL, "no offense under AUMA"),
    (felony("HS 11359", conduct=("sale",)), codes.CA_REDESIGNATE_REDUCE, "lesser offense under AUMA"),
]


@pytest.mark.parametrize(("count", "outcome", "result"), CASES, ids=["lawful-dismiss", "lesser-redesignate"])
def test_remedy(count, outcome, result):
    decision = decide_count(count)
    assert decision.outcome == outcome
    assert decision.relief_paths == (outcome,)
    assert decision.details["remedy_citation"] == "HS 11361.8(e)-(f)"
    assert trace_of(decision, "dismiss_or_redesignate")["result"] == result
