"""Rule prior_relief: relief already on the record (spec §5.3)."""

import pytest

from eligibility.california import codes

from .factory import charge, decide_count

CASES = [
    (("pc1203_4",), codes.NOTE_PRIOR_RELIEF_PC1203_4),
    (("hs11361_8",), codes.NOTE_ALREADY_GRANTED),
    (("hs11361_9",), codes.NOTE_ALREADY_GRANTED),
]


@pytest.mark.parametrize(("relief", "note"), CASES, ids=[c[0][0] for c in CASES])
def test_prior_relief_keeps_the_statutory_outcome_and_notes_it(relief, note):
    decision = decide_count(charge(prior_relief=relief))
    assert decision.outcome == codes.CA_DISMISS_AND_SEAL
    assert note in decision.notes


def test_already_granted_count_has_no_overlay():
    decision = decide_count(charge(prior_relief=("hs11361_8",)), policy="dismiss_all_prop64")
    assert decision.details["county_overlay"] is None


def test_no_prior_relief_no_trace_entry():
    assert "prior_relief" not in [t.rule for t in decide_count(charge()).trace]
