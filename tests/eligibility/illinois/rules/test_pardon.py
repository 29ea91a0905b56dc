"""(i)(2): every MCO conviction takes the pardon path (spec §5.2)."""

import pytest

from eligibility.illinois.rules.pardon import pardon_notes, pardon_path

from ..factories import convicted, decide_one


@pytest.mark.parametrize(("mco", "conviction", "path"), [(True, True, True), (True, False, False), (False, True, False)],
                         ids=["mco-conviction", "mco-non-conviction", "not-mco"])
def test_pardon_path(mco, conviction, path):
    assert pardon_path(mco, conviction) is path


def test_the_state_may_object_to_class_4_felonies():
    assert pardon_notes("4") == ("sa_may_object_class4",)
    assert pardon_notes("A") == ()


def test_a_possession_conviction_of_not_more_than_30_grams_takes_both_conviction_paths():
    decision = decide_one(convicted(statute="720 ILCS 550/4(c)", amount_grams=30.0, weight_basis="net"))
    assert decision.relief_paths == ("IL_PARDON_PATH", "IL_VACATE_MOTION")
    assert decision.outcome == "IL_PARDON_PATH"
