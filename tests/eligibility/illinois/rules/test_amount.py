"""The gram range of a count (spec §7.6 inference order, §7.7 units and weights)."""

import datetime as dt

import pytest

from eligibility.illinois.rules.amount import amount_readings

from ..factories import convicted, decide_one, make_charge

PRE_2016 = dt.date(1990, 6, 1)
POST_2016 = dt.date(2017, 6, 1)
OUNCE = 28.349523125


def _range(section, subsection=None, klass=None, grams=None, basis="net", text=None, description=None, day=PRE_2016):
    result = amount_readings(section, subsection, klass, grams, basis, text, description, None, day)
    return [(r.grams_gt, r.grams_le, r.offense_class, r.step) for r in result.readings], result.reason, result.flags


@pytest.mark.parametrize(
    ("grams", "mco"),
    [(30.0, True), (30.01, False), (OUNCE, True), (1.1 * OUNCE, False), (2.5, True), (500.0, False)],
    ids=["exactly-30g", "30.01g", "one-ounce", "1.1-ounce", "2.5g", "500g"],
)
def test_written_grams_without_subsection_decide_the_30_gram_element(grams, mco):
    decision = decide_one(convicted(statute="720 ILCS 550/4", amount_grams=grams, weight_basis="net"))
    assert decision.charges[0].minor_cannabis_offense is mco


@pytest.mark.parametrize(
    ("text", "mco"), [("1 OZ", True), ("1.1 OZ", False), ("1/2 OZ", True), ("1 LB", False)],
    ids=["1-oz", "1.1-oz", "half-oz", "1-lb"],
)
def test_printed_units_are_converted_exactly(text, mco):
    decision = decide_one(convicted(statute="720 ILCS 550/4", amount_text=text, weight_basis="net"))
    assert decision.charges[0].minor_cannabis_offense is mco


def test_one_pound_of_first_offense_possession_is_a_vacate_motion():
    decision = decide_one(convicted(statute="720 ILCS 550/4", amount_text="1 LB", weight_basis="net"))
    assert decision.relief_paths == ("IL_VACATE_MOTION",)


@pytest.mark.parametrize(
    ("subsection", "expected"),
    [("a", (0.0, 2.5, "C")), ("b", (2.5, 10.0, "B")), ("c", (10.0, 30.0, "A")), ("d", (30.0, 500.0, "4")), ("e", (500.0, None, "3"))],
    ids=["4a", "4b", "4c", "4d", "4e"],
)
def test_the_subsection_gives_the_bracket_of_its_version(subsection, expected):
    readings, reason, _ = _range("4", subsection)
    assert readings == [(*expected, "subsection")]
    assert reason is None


def test_the_2016_recut_moves_section_4_brackets():
    readings, _, _ = _range("4", "c", day=POST_2016)
    assert readings == [(30.0, 100.0, "A", "subsection")]


def test_the_subsection_of_conviction_wins_over_a_conflicting_weight():
    readings, _, flags = _range("4", "c", grams=35.0)
    assert readings == [(10.0, 30.0, "A", "subsection")]
    assert flags == ("R_WEIGHT_CONFLICT",)


@pytest.mark.parametrize(
    ("klass", "expected", "reason"),
    [
        ("C", [(0.0, 2.5, "C")], None),
        ("B", [(2.5, 10.0, "B")], None),
        ("A", [(10.0, 30.0, "A")], None),
        ("4", [(10.0, 30.0, "4"), (30.0, 500.0, "4")], "R_CLASS4_S4_AMBIGUOUS"),
        ("Class 4 Felony", [(10.0, 30.0, "4"), (30.0, 500.0, "4")], "R_CLASS4_S4_AMBIGUOUS"),
        ("3", [(30.0, 500.0, "3"), (500.0, None, "3")], "R_AMOUNT_UNKNOWN"),
    ],
    ids=["C", "B", "A", "class-4-two-readings", "clerk-degree-string", "class-3"],
)
def test_section_4_class_only_inference_before_2016(klass, expected, reason):
    readings, got_reason, _ = _range("4", klass=klass)
    assert [r[:3] for r in readings] == expected
    assert got_reason == reason


def test_a_subsequent_offense_marker_resolves_class_4_to_4c():
    readings, reason, _ = _range("4", klass="4", description="POSS CANNABIS 2ND OFFENSE")
    assert [r[:3] for r in readings] == [(10.0, 30.0, "4")]
    assert reason is None


@pytest.mark.parametrize(
    ("klass", "expected"),
    [("B", (0.0, 2.5)), ("A", (2.5, 10.0)), ("4", (10.0, 30.0)), ("3", (30.0, 500.0)), ("2", (500.0, None)), ("1", (2000.0, 5000.0)), ("X", (5000.0, None))],
    ids=["B", "A", "4", "3", "2", "1", "X"],
)
def test_section_5_class_only_inference(klass, expected):
    readings, _, _ = _range("5", klass=klass)
    assert [r[:2] for r in readings] == [expected]


def test_charge_text_brackets_give_the_range_as_written():
    readings, _, _ = _range("4", description="POSS CANNABIS 10-30G")
    assert [r[:2] for r in readings] == [(10.0, 30.0)]
    readings, _, _ = _range("4", description="POSS CANN <2.5G")
    assert [r[:2] for r in readings] == [(0.0, 2.5)]


def test_no_amount_at_all_is_unknown():
    readings, reason, _ = _range("4")
    assert reason == "R_AMOUNT_UNKNOWN"
    assert len(readings) > 1


def test_an_unreadable_degree_is_its_own_reason():
    assert _range("4", klass="N")[1] == "R_DEGREE_UNKNOWN"


def test_no_class_inference_before_class_labels_existed():
    assert _range("4", klass="B", day=dt.date(1972, 5, 1))[1] == "R_AMOUNT_UNKNOWN"


@pytest.mark.parametrize(
    ("grams", "mco", "reasons"),
    [(25.0, True, ()), (45.0, None, ("R_GROSS_WEIGHT",))],
    ids=["gross-under-30-holds", "gross-over-30-unknown"],
)
def test_a_gross_weight_is_an_upper_bound(grams, mco, reasons):
    decision = decide_one(make_charge(statute="720 ILCS 550/4", amount_grams=grams, weight_basis="gross"))
    assert decision.charges[0].minor_cannabis_offense is mco
    assert decision.review_reasons == reasons


def test_an_approximate_amount_near_30_grams_straddles_the_boundary():
    charge = make_charge(statute="720 ILCS 550/4", amount_grams=29.0, amount_text="APPROX 29 G", weight_basis="net")
    decision = decide_one(charge)
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert decision.review_reasons == ("R_AMOUNT_STRADDLES_BOUNDARY",)


def test_a_weight_stated_without_basis_is_taken_as_written_with_a_note():
    decision = decide_one(make_charge(statute="720 ILCS 550/4", amount_grams=5.0))
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"
    assert "weight_basis_unknown" in decision.charges[0].notes


def test_a_delivery_one_class_above_its_subsection_may_be_school_zone():
    decision = decide_one(convicted(statute="720 ILCS 550/5(b)", offense_class="4"))
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert decision.review_reasons == ("R_S5_CLASS_MISMATCH",)
    assert decision.charges[0].minor_cannabis_offense is None


def test_a_post_2016_4c_possession_is_not_an_mco():
    day = dt.date(2017, 3, 3)
    decision = decide_one(convicted(statute="720 ILCS 550/4(c)", offense_date=day), arrest_date=day, case_number="17C1")
    assert decision.charges[0].minor_cannabis_offense is False
    assert decision.relief_paths == ("IL_VACATE_MOTION",)
