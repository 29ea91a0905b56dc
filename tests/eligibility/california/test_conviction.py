"""Rule conviction: HS 11361.8 relieves convictions only (spec §4.1.2)."""

import pytest

from eligibility.california import codes

from .factory import charge, decide_count

CASES = [
    ("CONVICTED", codes.CA_DISMISS_AND_SEAL, True),
    ("DISMISSED", codes.CA_NOT_ELIGIBLE, False),
    ("ACQUITTED", codes.CA_NOT_ELIGIBLE, False),
    ("NOLLE", codes.CA_NOT_ELIGIBLE, False),
]


@pytest.mark.parametrize(("disposition", "outcome", "conviction"), CASES, ids=[c[0] for c in CASES])
def test_conviction(disposition, outcome, conviction):
    decision = decide_count(charge(disposition=disposition))
    assert decision.outcome == outcome
    assert decision.conviction is conviction
    assert (codes.NOTE_NO_CONVICTION in decision.notes) is (not conviction)


def test_printed_disposition_word_is_understood():
    assert decide_count(charge(disposition=None, disposition_text="Convicted")).outcome == codes.CA_DISMISS_AND_SEAL


@pytest.mark.parametrize("disposition", [None, "UNKNOWN", "NO_FINAL_DISPOSITION"], ids=["missing", "unknown", "pending"])
def test_unknown_disposition_goes_to_a_person(disposition):
    decision = decide_count(charge(disposition=disposition))
    assert decision.outcome == codes.CA_HAND_REVIEW
    assert decision.conviction is None
    assert codes.R_CA_DISPOSITION_UNKNOWN in decision.review_reasons
    assert decision.details["review_fields"] == ["charges.0.disposition"]
