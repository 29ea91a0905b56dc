"""Rule exclusion_environmental: cultivation with an environmental violation (spec §4.3)."""

import pytest

from eligibility.california import codes

from .factory import decide_count, felony

CASES = [
    (("environmental_violation",), 20, codes.CA_NOT_ELIGIBLE, False),
    (("sale",), 20, codes.CA_REDESIGNATE_REDUCE, False),
    ((), 20, codes.CA_REDESIGNATE_REDUCE, True),
    (("environmental_violation",), 6, codes.CA_DISMISS_AND_SEAL, False),
]
IDS = ["violation-over-6-plants", "no-violation", "unknown-presumed-absent", "violation-but-lawful-6-plants"]


@pytest.mark.parametrize(("conduct", "plants", "outcome", "presumed"), CASES, ids=IDS)
def test_environmental(conduct, plants, outcome, presumed):
    decision = decide_count(felony("HS 11358", conduct=conduct, plant_count=plants))
    assert decision.outcome == outcome
    assert (codes.NOTE_EXCLUSION_FACTS_UNKNOWN in decision.notes) is presumed
