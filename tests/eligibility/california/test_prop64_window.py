"""Rule prop64_window: offenses before 2016-11-09 (spec §2.4, §4.1.3; K2, K13)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import AUMA_EFFECTIVE, DAY_BEFORE_AUMA, charge, decide_count, trace_of

BORN_1990 = dt.date(1990, 1, 1)

CASES = [
    # offense, disposition, outcome, reasons, note
    (DAY_BEFORE_AUMA, DAY_BEFORE_AUMA, codes.CA_DISMISS_AND_SEAL, (), codes.NOTE_AB1793_POPULATION),
    (AUMA_EFFECTIVE, AUMA_EFFECTIVE, codes.CA_NOT_ELIGIBLE, (), codes.NOTE_CONVICTED_UNDER_AUMA),
    (DAY_BEFORE_AUMA, AUMA_EFFECTIVE, codes.CA_DISMISS_AND_SEAL, (codes.R_CA_DISPOSED_AFTER_EFFECTIVE,), None),
    (None, DAY_BEFORE_AUMA, codes.CA_DISMISS_AND_SEAL, (), codes.NOTE_AB1793_POPULATION),
    (None, AUMA_EFFECTIVE, codes.CA_HAND_REVIEW, (codes.R_CA_DISPOSED_AFTER_EFFECTIVE, codes.R_CA_WINDOW_UNKNOWN), None),
]
IDS = ["offense-and-disposition-day-before", "offense-on-effective-date", "K2-disposed-on-effective-date",
       "offense-unknown-disposed-day-before", "K13-offense-unknown-disposed-on-effective-date"]


@pytest.mark.parametrize(("offense", "disposed", "outcome", "reasons", "note"), CASES, ids=IDS)
def test_window(offense, disposed, outcome, reasons, note):
    # Sentence known to be over, so only the window decides.
    decision = decide_count(
        charge(offense_date=offense, disposition_date=disposed, sentence_end_date=dt.date(2017, 1, 1)), born=BORN_1990
    )
    assert decision.outcome == outcome
    assert set(decision.review_reasons) == set(reasons)
    if note:
        assert note in decision.notes


def test_trace_records_the_dates_compared():
    facts = trace_of(decide_count(charge(offense_date=DAY_BEFORE_AUMA, disposition_date=DAY_BEFORE_AUMA)), "prop64_window")
    assert facts["offense_date"] == "2016-11-08"
    assert facts["effective_date"] == "2016-11-09"
