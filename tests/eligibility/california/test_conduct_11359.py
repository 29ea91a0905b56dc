"""Rule conduct_11359: possession for sale under AUMA (spec §4.2)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import charge, decide_count, felony, trace_of

CASES = [
    ("felony", dt.date(1965, 1, 1), codes.CA_REDESIGNATE_REDUCE),
    ("felony", dt.date(1976, 1, 1), codes.CA_REDESIGNATE_REDUCE),
    ("misdemeanor", dt.date(1965, 1, 1), codes.CA_NOT_ELIGIBLE),
]
IDS = ["felony-21plus", "felony-19", "misdemeanor-same"]


@pytest.mark.parametrize(("level", "born", "outcome"), CASES, ids=IDS)
def test_possession_for_sale(level, born, outcome):
    decision = decide_count(charge("HS 11359", level=level, conduct=("sale",)), born=born)
    assert decision.outcome == outcome
    assert trace_of(decision, "conduct_11359")["result"] == "AUMA: misdemeanor (11359(b))"


def test_missing_conduct_facts_are_presumed_absent_with_a_note():
    decision = decide_count(felony("HS 11359"))
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE
    assert codes.NOTE_EXCLUSION_FACTS_UNKNOWN in decision.notes
    assert not decision.needs_review
