"""Rule exclusion_interstate: import or export over the thresholds (spec §4.3)."""

import pytest

from eligibility.california import codes

from .factory import decide_count, felony

CASES = [
    ("HS 11360(a)(3)(D)", ("sale",), 1.0, None, codes.CA_NOT_ELIGIBLE),
    ("HS 11360(a)", ("import_export",), 28.6, None, codes.CA_NOT_ELIGIBLE),
    ("HS 11360(a)", ("import_export",), 28.5, None, codes.CA_REDESIGNATE_REDUCE),
    ("HS 11360(a)", ("import_export",), None, 4.1, codes.CA_NOT_ELIGIBLE),
    ("HS 11360(a)", ("import_export",), None, 4.0, codes.CA_REDESIGNATE_REDUCE),
    ("HS 11360(a)", ("sale",), 500.0, None, codes.CA_REDESIGNATE_REDUCE),
]
IDS = ["subsection-a3d", "over-28.5g", "exactly-28.5g", "over-4g-concentrate", "exactly-4g-concentrate", "no-import"]


@pytest.mark.parametrize(("statute", "conduct", "grams", "concentrate", "outcome"), CASES, ids=IDS)
def test_interstate(statute, conduct, grams, concentrate, outcome):
    decision = decide_count(felony(statute, conduct=conduct, amount_grams=grams, concentrate_grams=concentrate))
    assert decision.outcome == outcome
