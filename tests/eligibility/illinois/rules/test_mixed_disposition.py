"""A dismissed cannabis count in a case with a conviction on another count (ambiguity A7)."""

import pytest

from eligibility.illinois.rules.mixed_disposition import is_mixed

from ..factories import convicted, decide_one, make_charge


@pytest.mark.parametrize(
    ("others", "mixed"),
    [((), False), ((False,), False), ((True,), True), ((None,), True), ((False, True), True)],
    ids=["alone", "other-dismissed", "other-convicted", "other-maybe-convicted", "one-of-two-convicted"],
)
def test_is_mixed(others, mixed):
    assert is_mixed(others) is mixed


def test_a_dismissed_cannabis_count_beside_a_conviction_goes_to_a_person():
    decision = decide_one(make_charge(1), convicted(count=2, statute="720 ILCS 570/402(c)", description="PCS"))
    assert decision.charges[0].outcome == "IL_MANUAL_REVIEW"
    assert decision.review_reasons == ("R_MIXED_DISPOSITION",)


def test_a_nolle_for_a_plea_to_another_count_is_mixed_by_itself():
    decision = decide_one(make_charge(disposition="NOLLE_PLEA_TO_OTHER_COUNT"))
    assert decision.review_reasons == ("R_MIXED_DISPOSITION",)


def test_two_dismissed_counts_are_not_mixed():
    decision = decide_one(make_charge(1), make_charge(2, statute="720 ILCS 570/402(c)", description="PCS"))
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"
    assert not decision.needs_review
