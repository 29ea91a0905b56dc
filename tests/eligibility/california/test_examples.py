"""Every illustrative example of spec §11, statutory result and the overlays it names (as_of 2026-01-15)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import case, charge, decide_count, felony

# Y1: 1995 felony 11357(a), amount unknown, age 30 at offense, sentence done, no priors.
Y1 = case(felony("HS 11357(a)", offense_date=dt.date(1995, 3, 1), disposition_date=dt.date(1995, 6, 1),
                 sentence_end_date=dt.date(1996, 6, 1)), born=dt.date(1965, 1, 1))
# Y3: 2001 misdemeanour 11357(b), age 19 at offense.
Y3_OFFENSE = dt.date(2001, 3, 1)
Y3_BORN = dt.date(1981, 6, 1)
# Y4: 2012 felony 11360(a) sale, age 40, only conviction, sentence done.
Y4_CHARGE = felony("HS 11360(a)", conduct=("sale",), offense_date=dt.date(2012, 3, 1),
                   disposition_date=dt.date(2012, 6, 1), sentence_end_date=dt.date(2014, 6, 1))
Y4_BORN = dt.date(1971, 6, 1)
# Y6: offense 2017-03-01, 11357(b) misdemeanour, disposed 2017-06-01.
Y6_CHARGE = charge("HS 11357(b)", offense_date=dt.date(2017, 3, 1), disposition_date=dt.date(2017, 6, 1))


def y2(county: str = "LOS_ANGELES"):
    """Y2: 1990 felony 11359; born 1955; a 1984 PC 187 conviction."""
    born = dt.date(1955, 1, 1)
    murder = case(felony("PC 187", offense_date=dt.date(1983, 5, 1), disposition_date=dt.date(1984, 6, 1)),
                  number="M84", born=born, county=county)
    sale = case(felony("HS 11359", offense_date=dt.date(1990, 3, 1), disposition_date=dt.date(1990, 6, 1)),
                number="S90", born=born, county=county)
    return sale, murder


def y5():
    """Y5: 2015 felony 11358, 20 plants, age 25; 11358 convictions disposed 2005 and 2009."""
    born = dt.date(1990, 1, 1)
    evaluated = case(felony("HS 11358", plant_count=20, offense_date=dt.date(2015, 3, 1),
                            disposition_date=dt.date(2015, 6, 1)), number="G15", born=born)
    priors = [case(felony("HS 11358", plant_count=10, offense_date=None, disposition_date=dt.date(year, 6, 1)),
                   number=f"G{year}", born=born) for year in (2005, 2009)]
    return evaluated, priors


def test_y1_statutory_redesignate_with_amount_review():
    decision = decide_count(Y1)
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE
    assert decision.review_reasons == (codes.R_CA_AMOUNT_UNKNOWN,)


def test_y1_los_angeles_dismisses():
    decision = decide_count(Y1, policy="los_angeles_2019")
    assert decision.details["county_overlay"] == codes.CA_COUNTY_DISMISS
    assert decision.details["county_reason"] == "11357(a) or 11357(b)"
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE


def test_y2_statutory_prior_super_strike():
    sale, murder = y2()
    decision = decide_count(sale, murder)
    assert decision.outcome == codes.CA_NOT_ELIGIBLE
    assert decision.trace[-1].rule == "exclusion_super_strike"


def test_y2_los_angeles_not_eligible():
    sale, murder = y2()
    decision = decide_count(sale, murder, policy="los_angeles_2019")
    assert (decision.details["county_overlay"], decision.details["county_reason"]) == (
        codes.CA_NOT_ELIGIBLE, "PC 667(e)(2)(c)(iv)")
    assert not decision.needs_review


def test_y2_bear_sample_dismisses_an_excluded_count_so_a_person_confirms():
    sale, murder = y2()
    decision = decide_count(sale, murder, policy="bear_sample_pilots")
    assert (decision.details["county_overlay"], decision.details["county_reason"]) == (
        codes.CA_COUNTY_DISMISS, "57 years or older")
    assert decision.outcome == codes.CA_NOT_ELIGIBLE
    assert decision.review_reasons == (codes.R_CA_COUNTY_DISMISS_ON_EXCLUDED,)


def test_y3_statutory_misdemeanour_to_infraction():
    decision = decide_count(charge("HS 11357(b)", offense_date=Y3_OFFENSE, disposition_date=dt.date(2001, 6, 1)),
                            born=Y3_BORN)
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE
    assert not decision.needs_review


@pytest.mark.parametrize(
    ("county", "policy", "overlay", "reason", "route"),
    [
        ("SAN_JOAQUIN", "san_joaquin_2019", codes.CA_COUNTY_DISMISS, "Misdemeanor or Infraction", None),
        ("LOS_ANGELES", "los_angeles_2019", codes.CA_HAND_REVIEW, "Misdemeanor or Infraction", "city_attorney"),
    ],
    ids=["san-joaquin", "los-angeles-city-attorney"],
)
def test_y3_overlays(county, policy, overlay, reason, route):
    record = case(charge("HS 11357(b)", offense_date=Y3_OFFENSE, disposition_date=dt.date(2001, 6, 1)),
                  born=Y3_BORN, county=county)
    decision = decide_count(record, policy=policy)
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE
    assert (decision.details["county_overlay"], decision.details["county_reason"]) == (overlay, reason)
    assert decision.details["county_route"] == route
    assert (codes.R_CA_COUNTY_HAND_REVIEW in decision.review_reasons) is (overlay == codes.CA_HAND_REVIEW)


def test_y4_statutory_redesignate():
    assert decide_count(case(Y4_CHARGE, born=Y4_BORN)).outcome == codes.CA_REDESIGNATE_REDUCE


def test_y4_sacramento_dismisses_completed_sentence():
    decision = decide_count(case(Y4_CHARGE, born=Y4_BORN, county="SACRAMENTO"), policy="sacramento_2019")
    assert (decision.details["county_overlay"], decision.details["county_reason"]) == (
        codes.CA_COUNTY_DISMISS, "Sentence Completed")


def test_y5_statutory_two_priors_with_review():
    evaluated, priors = y5()
    decision = decide_count(evaluated, *priors)
    assert decision.outcome == codes.CA_NOT_ELIGIBLE
    assert decision.review_reasons == (codes.R_CA_TWO_PRIORS_UNIT,)


def test_y5_los_angeles_two_priors():
    evaluated, priors = y5()
    decision = decide_count(evaluated, *priors, policy="los_angeles_2019")
    assert (decision.details["county_overlay"], decision.details["county_reason"]) == (codes.CA_NOT_ELIGIBLE, "Two priors")


def test_y6_statutory_offense_after_auma():
    decision = decide_count(Y6_CHARGE)
    assert decision.outcome == codes.CA_NOT_ELIGIBLE
    assert codes.NOTE_CONVICTED_UNDER_AUMA in decision.notes


@pytest.mark.parametrize("policy", ["bear_sample_pilots", "bear_sample_gogen"])
def test_y6_configurable_profiles_do_not_evaluate(policy):
    assert decide_count(Y6_CHARGE, policy=policy).details["county_overlay"] is None


def test_y6_sacramento_occurred_after():
    decision = decide_count(case(Y6_CHARGE, county="SACRAMENTO"), policy="sacramento_2019")
    assert (decision.details["county_overlay"], decision.details["county_reason"]) == (
        codes.CA_NOT_ELIGIBLE, "Occurred after 11/09/2016")
