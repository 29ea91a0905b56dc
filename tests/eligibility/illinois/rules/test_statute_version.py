"""The statute version in force on the offense date (spec §7.1)."""

import datetime as dt

import pytest

from eligibility.illinois.rules.statute_version import offense_date_readings, version_label

from ..factories import AS_OF, convicted, decide_one, make_charge

D = dt.date


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (D(1971, 8, 15), "pre-CCA"),
        (D(1971, 8, 16), "CCA-1971"),
        (D(1997, 8, 14), "CCA-1971"),
        (D(1997, 8, 15), "CCA-1997-tiers"),
        (D(2016, 7, 28), "CCA-1997-tiers"),
        (D(2016, 7, 29), "CCA-2016"),
        (D(2019, 6, 24), "CCA-2016"),
        (D(2019, 6, 25), "CCA-2019"),
    ],
    ids=["day-before-cca", "cca-approved", "day-before-1997-tiers", "1997-tiers", "day-before-2016-recut",
         "2016-recut", "day-before-act", "act-effective"],
)
def test_version_by_offense_date(day, label):
    assert version_label(day) == label


def test_an_offense_date_gives_one_reading():
    readings, reason, notes = offense_date_readings(D(1990, 1, 1), D(1990, 2, 1), None, as_of=AS_OF)
    assert [r.offense_date for r in readings] == [D(1990, 1, 1)]
    assert (reason, notes) == (None, ())


def test_the_arrest_date_stands_in_with_a_note():
    readings, reason, notes = offense_date_readings(None, D(1990, 2, 1), None, as_of=AS_OF)
    assert [r.source for r in readings] == ["arrest_date"]
    assert (reason, notes) == (None, ("version_date_fallback",))


def test_a_fallback_date_just_after_a_boundary_gives_both_readings():
    readings, reason, _ = offense_date_readings(None, D(2016, 9, 1), None, as_of=AS_OF)
    assert {r.version for r in readings} == {"CCA-1997-tiers", "CCA-2016"}
    assert reason == "R_VERSION_BOUNDARY"


def test_a_possession_arrested_after_the_2016_recut_with_no_offense_date_goes_to_a_person():
    # 4(c) was 10-30 g (an MCO) before 29 Jul 2016 and 30-100 g after.
    charge = make_charge(statute="720 ILCS 550/4(c)", offense_date=None, disposition="NOLLE")
    decision = decide_one(charge, arrest_date=D(2016, 8, 10), case_number="16C1")
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert "R_VERSION_BOUNDARY" in decision.review_reasons


def test_a_fallback_date_far_from_any_boundary_decides_alone():
    decision = decide_one(make_charge(statute="720 ILCS 550/4(c)", offense_date=None), arrest_date=D(1988, 4, 4))
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"
    assert "version_date_fallback" in decision.charges[0].notes


def test_no_date_at_all_goes_to_a_person():
    decision = decide_one(make_charge(offense_date=None), arrest_date=None, case_number=None)
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert decision.relief_paths == ()


def test_a_cca_citation_before_the_act_existed_is_a_conflict():
    charge = convicted(statute="720 ILCS 550/4(a)", offense_date=D(1970, 5, 5))
    decision = decide_one(charge, arrest_date=D(1970, 5, 5), case_number="70C1")
    assert decision.review_reasons == ("R_CITATION_DATE_CONFLICT",)
    assert decision.outcome == "IL_MANUAL_REVIEW"


def test_an_ilcs_citation_on_a_pre_1993_record_is_noted():
    charge = make_charge(statute="720 ILCS 550/4(b)", statute_text="720 ILCS 550/4(b)", offense_date=D(1988, 1, 1))
    assert "ilcs_cite_pre_1993" in decide_one(charge).charges[0].notes
