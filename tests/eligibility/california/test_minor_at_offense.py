"""Rule minor_at_offense: under 18 at the offense goes to a person (spec §4.2; K7), age at the offense date."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import charge, decide_count, trace_of

OFFENSE = dt.date(1995, 3, 1)
EIGHTEENTH_BIRTHDAY_ON_OFFENSE = dt.date(1977, 3, 1)
EIGHTEENTH_BIRTHDAY_DAY_AFTER_OFFENSE = dt.date(1977, 3, 2)
# Born 29 Feb 1976: the 18th birthday in 1994 (not a leap year) is 1 Mar 1994 (Go AddDate).
LEAP_DAY_BIRTH = dt.date(1976, 2, 29)

CASES = [
    (EIGHTEENTH_BIRTHDAY_ON_OFFENSE, OFFENSE, "18_to_20"),
    (EIGHTEENTH_BIRTHDAY_DAY_AFTER_OFFENSE, OFFENSE, "under_18"),
    (LEAP_DAY_BIRTH, dt.date(1994, 2, 28), "under_18"),
    (LEAP_DAY_BIRTH, dt.date(1994, 3, 1), "18_to_20"),
]
IDS = ["18th-birthday-on-offense-date", "18th-birthday-day-after", "leap-day-born-28-feb", "leap-day-born-1-mar"]


@pytest.mark.parametrize(("born", "offense", "band"), CASES, ids=IDS)
def test_age_band_at_offense(born, offense, band):
    decision = decide_count(charge("HS 11357(b)", offense_date=offense, disposition_date=dt.date(1995, 6, 1)), born=born)
    assert trace_of(decision, "minor_at_offense")["age_band"] == band
    if band == "under_18":
        assert decision.outcome == codes.CA_HAND_REVIEW
        assert decision.review_reasons == (codes.R_CA_MINOR_AT_OFFENSE,)
    else:
        assert decision.outcome == codes.CA_REDESIGNATE_REDUCE


def test_unknown_birth_date_reads_every_age_band():
    decision = decide_count(charge("HS 11357(b)"), born=None)
    assert decision.outcome == codes.CA_HAND_REVIEW
    assert set(decision.review_reasons) == {codes.R_CA_MINOR_AT_OFFENSE, codes.R_CA_AGE_UNKNOWN}
    assert decision.details["review_fields"] == ["defendant.date_of_birth"]


def test_unknown_offense_date_bounds_the_age_by_the_conviction():
    # 40 at conviction: within the lookback the person was an adult at any offense date.
    decision = decide_count(charge("HS 11357(b)", offense_date=None, disposition_date=dt.date(2005, 6, 1)))
    assert decision.outcome == codes.CA_DISMISS_AND_SEAL
    assert codes.NOTE_AGE_AT_OFFENSE_BOUNDED in decision.notes
    assert trace_of(decision, "minor_at_offense")["age_range_at_offense"] == [37, 40]


def test_unknown_offense_date_near_a_birthday_band_is_read_both_ways():
    # 22 at conviction: the offense may have been at 19-22.
    decision = decide_count(charge("HS 11357(b)", offense_date=None, disposition_date=dt.date(1987, 6, 1)))
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE
    assert codes.R_CA_AGE_UNKNOWN in decision.review_reasons
    assert decision.details["review_fields"] == ["charges.0.offense_date"]
