"""Rule exclusion_minors: sale to, or use of, a minor (spec §4.3)."""

import pytest

from eligibility.california import codes

from .factory import decide_count, felony

CASES = [
    ("HS 11359(c)(3)", (), codes.CA_NOT_ELIGIBLE),
    ("HS 11359(d)", (), codes.CA_NOT_ELIGIBLE),
    ("HS 11360(a)(3)(C)", ("sale",), codes.CA_NOT_ELIGIBLE),
    ("HS 11359", ("sale", "minor_involved"), codes.CA_NOT_ELIGIBLE),
    ("HS 11360(a)", ("sale", "minor_involved"), codes.CA_NOT_ELIGIBLE),
    ("HS 11359", ("sale",), codes.CA_REDESIGNATE_REDUCE),
    ("HS 11359(c)(1)", ("sale",), codes.CA_REDESIGNATE_REDUCE),
]
IDS = ["11359(c)(3)", "11359(d)", "11360(a)(3)(c)", "11359-minor-fact", "11360-minor-fact", "no-minor", "11359(c)(1)"]


@pytest.mark.parametrize(("statute", "conduct", "outcome"), CASES, ids=IDS)
def test_minors(statute, conduct, outcome):
    decision = decide_count(felony(statute, conduct=conduct, amount_grams=500.0))
    assert decision.outcome == outcome
    if outcome == codes.CA_NOT_ELIGIBLE:
        assert decision.trace[-1].rule == "exclusion_minors"


def test_unknown_minor_fact_is_presumed_absent():
    decision = decide_count(felony("HS 11359"))
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE
    assert codes.NOTE_EXCLUSION_FACTS_UNKNOWN in decision.notes
