"""Section 7 (delivery to a minor) attaches to the §5 count it names (spec §7.4)."""

import pytest

from eligibility.illinois.rules.enhancement import SCHOOL_ZONE, SECTION_7, enhancement_of, s7_readings

from ..factories import convicted, decide_one, make_charge


@pytest.mark.parametrize(
    ("enhancements", "description", "expected"),
    [
        ((), None, None),
        (("720 ILCS 550/7",), None, SECTION_7),
        (("SECTION_7",), None, SECTION_7),
        ((), "DEL CANN TO MINOR", SECTION_7),
        ((), "DEL CANNABIS TO PERSON UNDER 18", SECTION_7),
        (("SCHOOL ZONE",), None, SCHOOL_ZONE),
        (("720 ILCS 550/5.2",), None, SCHOOL_ZONE),
        ((), "MFG/DEL CANNABIS", None),
    ],
    ids=["none", "s7-cite", "s7-code", "s7-text", "under-18-text", "school-zone", "school-zone-cite", "plain-delivery"],
)
def test_enhancement_of_a_count(enhancements, description, expected):
    assert enhancement_of(enhancements, description) == expected


@pytest.mark.parametrize(
    ("own", "unattached", "expected"),
    [(True, False, ((True,), None)), (True, True, ((True,), None)), (False, True, ((False, True), "R_S7_UNATTACHED")), (False, False, ((False,), None))],
    ids=["attached", "attached-wins", "unattached-two-readings", "none"],
)
def test_s7_readings(own, unattached, expected):
    assert s7_readings(own, unattached) == expected


def test_a_section_7_delivery_is_no_mco_and_its_class_4_motion_is_unclear():
    decision = decide_one(convicted(statute="720 ILCS 550/5(c)", enhancements=("720 ILCS 550/7",), amount_grams=15.0))
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert decision.charges[0].minor_cannabis_offense is False
    assert decision.review_reasons == ("R_S7_I3_UNCLEAR",)


def test_a_section_7_delivery_dismissed_is_not_eligible():
    decision = decide_one(make_charge(statute="720 ILCS 550/5(a)", description="DEL CANN TO MINOR", disposition="NOLLE"))
    assert decision.outcome == "IL_NOT_ELIGIBLE_CRTA"


def test_an_unattached_section_7_count_makes_every_delivery_count_possibly_enhanced():
    decision = decide_one(
        make_charge(1, statute="720 ILCS 550/5(a)", disposition="NOLLE"),
        make_charge(2, statute="720 ILCS 550/7", disposition="NOLLE"),
    )
    first = decision.charges[0]
    assert first.outcome == "IL_MANUAL_REVIEW"
    assert first.minor_cannabis_offense is None
    assert first.review_reasons == ("R_S7_UNATTACHED",)


def test_an_unattached_section_7_count_leaves_possession_alone():
    decision = decide_one(
        make_charge(1, statute="720 ILCS 550/4(a)", disposition="NOLLE"),
        make_charge(2, statute="720 ILCS 550/7", disposition="NOLLE"),
    )
    assert decision.charges[0].outcome == "IL_AUTO_EXPUNGE_ARREST"
