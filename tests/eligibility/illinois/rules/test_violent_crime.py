"""Association with a violent crime (spec §4: definition, co-charge classes, scope, effect by path)."""

import datetime as dt

import pytest

from eligibility.illinois.rules.violent_crime import classify_cocharge, violent_readings

from ..factories import convicted, decide, decide_all, decide_one, make_case, make_charge


@pytest.mark.parametrize(
    ("statute", "description", "klass", "expected"),
    [
        (None, "MURDER", "M", "VIOLENT"),
        (None, "ARMED ROBBERY", "X", "VIOLENT"),
        (None, "AGG BATTERY", "3", "VIOLENT"),
        ("720 ILCS 5/12-3.2", "DOMESTIC BATTERY", "A", "VIOLENT"),
        (None, "VIOL ORDER OF PROTECTION", "A", "VIOLENT"),
        (None, "STALKING", "4", "VIOLENT"),
        (None, "CRIM SEXUAL ASSAULT", "1", "VIOLENT"),
        ("720 ILCS 5/9-3", "RECKLESS HOMICIDE", "3", "VIOLENT"),
        (None, "AGG ASSAULT", "4", "VIOLENT_IF_FACTS"),
        (None, "AGG ASSAULT", "A", "NOT_VIOLENT"),
        (None, "MOB ACTION", "4", "VIOLENT_IF_FACTS"),
        (None, "RESISTING - INJURY TO OFFICER", "4", "VIOLENT_IF_FACTS"),
        ("625 ILCS 5/11-501", "DUI - GREAT BODILY HARM", "4", "VIOLENT_IF_FACTS"),
        (None, "PROSTITUTION", "A", "VIOLENT_IF_FACTS"),
        ("720 ILCS 5/12-3", "BATTERY", "A", "NOT_VIOLENT_FLAG"),
        (None, "BATTERY", "A", "NOT_VIOLENT_FLAG"),
        (None, "ASSAULT", "C", "NOT_VIOLENT"),
        (None, "RETAIL THEFT", "A", "NOT_VIOLENT"),
        (None, "CRIMINAL TRESPASS TO LAND", "B", "NOT_VIOLENT"),
        (None, "UUW", "A", "NOT_VIOLENT"),
        (None, "DIS CON", "C", "NOT_VIOLENT"),
        ("625 ILCS 5/11-501", "DUI", "A", "NOT_VIOLENT"),
        ("720 ILCS 570/402(c)", "PCS", "4", "NOT_VIOLENT"),
        (None, None, None, "UNKNOWN"),
        (None, "QZX ILLEGIBLE", "4", "UNKNOWN"),
    ],
    ids=lambda value: str(value),
)
def test_co_charge_classes(statute, description, klass, expected):
    assert classify_cocharge(statute, description, klass) == expected


@pytest.mark.parametrize(
    ("classes", "elsewhere", "expected"),
    [
        ((), False, ((False,), None, None)),
        (("NOT_VIOLENT",), False, ((False,), None, None)),
        (("VIOLENT", "UNKNOWN"), False, ((True,), None, None)),
        (("VIOLENT_IF_FACTS",), False, ((False, True), "R_VIOLENT_COCHARGE_UNCLEAR", None)),
        (("UNKNOWN",), False, ((False, True), "R_VIOLENT_COCHARGE_UNCLEAR", None)),
        (("NOT_VIOLENT_FLAG",), False, ((False,), None, "R_SIMPLE_BATTERY_COCHARGE")),
        ((), True, ((False, True), "R_ASSOCIATION_SCOPE", None)),
    ],
    ids=["alone", "not-violent", "violent-wins", "if-facts", "unknown", "simple-battery", "same-date-elsewhere"],
)
def test_violent_readings(classes, elsewhere, expected):
    assert violent_readings(classes, elsewhere) == expected


def test_an_unclear_co_charge_on_a_dismissal_goes_to_a_person():
    decision = decide_one(make_charge(1), make_charge(2, statute=None, description="AGG ASSAULT", offense_class="4"))
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert decision.charges[0].minor_cannabis_offense is None
    assert decision.review_reasons == ("R_VIOLENT_COCHARGE_UNCLEAR",)


def test_the_vacate_motion_has_no_violent_crime_bar():
    decision = decide_one(convicted(statute="720 ILCS 550/4(b)"), make_charge(2, statute=None, description="ARMED ROBBERY"))
    assert decision.relief_paths == ("IL_VACATE_MOTION",)
    assert decision.charges[0].minor_cannabis_offense is False


def test_an_unclear_co_charge_leaves_the_vacate_motion_asserted_and_pardon_open():
    decision = decide_one(convicted(statute="720 ILCS 550/4(b)"), make_charge(2, statute=None, description="MOB ACTION", offense_class="4"))
    assert decision.relief_paths == ("IL_VACATE_MOTION",)
    assert decision.charges[0].minor_cannabis_offense is None
    assert decision.review_reasons == ("R_VIOLENT_COCHARGE_UNCLEAR",)


def test_a_violent_case_of_the_same_person_on_another_date_is_unrelated():
    cannabis = make_case(make_charge(), case_id="c-1")
    robbery = make_case(make_charge(statute=None, description="ARMED ROBBERY", offense_date=dt.date(1991, 1, 1)),
                        case_id="c-2", case_number="91CR1")
    assert decide_all(cannabis, robbery)[0].outcome == "IL_AUTO_EXPUNGE_ARREST"


def test_a_co_defendants_violent_case_is_never_associated():
    # Another person's case is decided with that person's record, not this one.
    assert decide(make_case(make_charge())).outcome == "IL_AUTO_EXPUNGE_ARREST"
