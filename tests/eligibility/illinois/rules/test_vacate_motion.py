"""(i)(3) motion to vacate: misdemeanour or Class 4 §4, Class 4 §5 (spec §5.3 table)."""

import datetime as dt

import pytest

from eligibility.illinois.rules.vacate_motion import VacateResult, vacate_motion

from ..factories import convicted, decide_one, make_charge


@pytest.mark.parametrize(
    ("section", "i3", "enhanced", "klass", "mco", "expected"),
    [
        ("4", True, False, "A", True, VacateResult(True)),
        ("4", False, False, "3", False, VacateResult(False)),
        ("5", True, False, "4", True, VacateResult(True)),
        ("5", True, True, "4", False, VacateResult(False, block="R_S7_I3_UNCLEAR")),
        ("5", None, False, "B", True, VacateResult(False, note="i3_misd_delivery_unclear")),
        ("5", None, False, "B", False, VacateResult(False, block="R_I3_MISD_DELIVERY")),
        ("6", None, False, None, True, VacateResult(False, note="i3_misd_delivery_unclear")),
    ],
    ids=["misd-possession", "class-3-possession", "class-4-delivery", "enhanced-class-4-delivery",
         "misd-delivery-mco", "misd-delivery-not-mco", "casual-delivery"],
)
def test_vacate_motion(section, i3, enhanced, klass, mco, expected):
    assert vacate_motion(section, i3, enhanced=enhanced, offense_class=klass, mco=mco) == expected


@pytest.mark.parametrize(
    ("statute", "klass", "paths"),
    [
        ("720 ILCS 550/4(a)", None, ("IL_PARDON_PATH", "IL_VACATE_MOTION")),
        ("720 ILCS 550/4(b)", None, ("IL_PARDON_PATH", "IL_VACATE_MOTION")),
        ("720 ILCS 550/4(c)", None, ("IL_PARDON_PATH", "IL_VACATE_MOTION")),
        ("720 ILCS 550/4(c)", "4", ("IL_PARDON_PATH", "IL_VACATE_MOTION")),
        ("720 ILCS 550/4(d)", None, ("IL_VACATE_MOTION",)),
        ("720 ILCS 550/4(d)", "3", ()),
        ("720 ILCS 550/4(e)", None, ()),
        ("720 ILCS 550/5(a)", None, ("IL_PARDON_PATH",)),
        ("720 ILCS 550/5(b)", None, ("IL_PARDON_PATH",)),
        ("720 ILCS 550/5(c)", None, ("IL_PARDON_PATH", "IL_VACATE_MOTION")),
        ("720 ILCS 550/5(d)", None, ()),
        ("720 ILCS 550/6", None, ("IL_PARDON_PATH",)),
    ],
    ids=["4a-class-c", "4b", "4c-class-a", "4c-subsequent-class-4", "4d-first-class-4", "4d-subsequent-class-3",
         "4e", "5a", "5b", "5c", "5d", "casual-delivery"],
)
def test_conviction_paths_by_subsection_before_2016(statute, klass, paths):
    decision = decide_one(convicted(statute=statute, offense_class=klass))
    assert decision.relief_paths == paths


def test_misdemeanour_delivery_that_is_not_an_mco_goes_to_a_person():
    decision = decide_one(convicted(statute="720 ILCS 550/5(b)"), make_charge(2, statute=None, description="ARMED ROBBERY"))
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert decision.review_reasons == ("R_I3_MISD_DELIVERY",)


def test_misdemeanour_delivery_notes_the_open_question_when_it_is_moot():
    decision = decide_one(convicted(statute="720 ILCS 550/5(b)"))
    assert "i3_misd_delivery_unclear" in decision.notes
    assert not decision.needs_review


def test_post_2016_possession_of_100_to_500_grams_is_a_vacate_motion():
    day = dt.date(2017, 1, 1)
    decision = decide_one(convicted(statute="720 ILCS 550/4(d)", offense_date=day), arrest_date=day, case_number="17C1")
    assert decision.relief_paths == ("IL_VACATE_MOTION",)
