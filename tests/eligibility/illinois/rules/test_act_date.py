"""Only offenses committed before the Act qualify (spec §5.1, §6, ambiguity A1)."""

import datetime as dt

import pytest

from ..factories import decide_one, make_charge

DAY_BEFORE_THE_ACT = dt.date(2019, 6, 24)
THE_ACT = dt.date(2019, 6, 25)
DAY_AFTER_THE_ACT = dt.date(2019, 6, 26)


@pytest.mark.parametrize(
    ("offense", "outcome", "reasons"),
    [
        (DAY_BEFORE_THE_ACT, "IL_AUTO_EXPUNGE_ARREST", ()),
        (THE_ACT, "IL_MANUAL_REVIEW", ("R_ACT_DATE_BOUNDARY",)),
        (DAY_AFTER_THE_ACT, "IL_NOT_ELIGIBLE_CRTA", ()),
    ],
    ids=["24-jun-2019", "25-jun-2019", "26-jun-2019"],
)
def test_offense_date_against_the_act(offense, outcome, reasons):
    decision = decide_one(make_charge(statute="720 ILCS 550/4(b)", offense_date=offense), case_number="19C1")
    assert (decision.outcome, decision.review_reasons) == (outcome, reasons)
