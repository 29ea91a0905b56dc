"""Each county preset of spec §8, step by step, and the §1 rules for overlays."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import case, charge, decide, decide_count, felony

SALE_2010 = felony("HS 11359", conduct=("sale",), offense_date=dt.date(2010, 3, 1), disposition_date=dt.date(2010, 6, 1),
                   sentence_end_date=dt.date(2012, 6, 1))
BORN_1976 = dt.date(1976, 6, 1)  # 18 at a 1995 offense, 49 on as_of (under the LA age of 50)


def overlay(decision):
    return decision.details["county_overlay"], decision.details["county_reason"]


def burglary(year: int, *, county: str = "LOS_ANGELES", born=BORN_1976, number: str | None = None, deceased=None):
    return case(felony("PC 459", offense_date=None, disposition_date=dt.date(year, 6, 1)),
                number=number or f"B{year}", county=county, born=born, deceased=deceased)


# --- Los Angeles --------------------------------------------------------------------------------

LA = "los_angeles_2019"


@pytest.mark.parametrize(
    ("subject", "others", "expected"),
    [
        (case(charge("HS 11357(c)"), born=BORN_1976), (), (codes.CA_HAND_REVIEW, "Misdemeanor or Infraction")),
        (case(felony("HS 11359", offense_date=dt.date(2016, 10, 1), disposition_date=dt.date(2017, 2, 1)),
              born=BORN_1976), (), (codes.CA_NOT_ELIGIBLE, "Occurred after 11/09/2016")),
        (case(felony("11357(A) HS"), born=BORN_1976), (), (codes.CA_COUNTY_DISMISS, "11357(a) or 11357(b)")),
        (case(felony("HS 11357"), born=BORN_1976), (), (codes.CA_HAND_REVIEW, "Other 11357")),
        (case(SALE_2010, born=BORN_1976), (case(felony("PC 187", disposition_date=dt.date(2000, 1, 1)), number="M",
                                                born=BORN_1976),), (codes.CA_NOT_ELIGIBLE, "PC 667(e)(2)(c)(iv)")),
        (case(SALE_2010, born=BORN_1976), (case(felony("PC 647.6", disposition_date=dt.date(2000, 1, 1)), number="S",
                                                born=BORN_1976),), (codes.CA_NOT_ELIGIBLE, "PC 290")),
        (case(SALE_2010, born=dt.date(1970, 1, 1)), (burglary(2020, born=dt.date(1970, 1, 1)),),
         (codes.CA_COUNTY_DISMISS, "50 years or older")),
        (case(SALE_2010, born=BORN_1976), (), (codes.CA_COUNTY_DISMISS, "Only has 11357-60 charges and completed sentence")),
        (case(SALE_2010, born=BORN_1976), (burglary(2012),), (codes.CA_COUNTY_DISMISS, "No convictions in past 10 years")),
        (case(felony("HS 11359", conduct=("sale",), offense_date=dt.date(2014, 3, 1), disposition_date=dt.date(2014, 6, 1),
                     sentence_end_date=dt.date(2027, 1, 1)), born=BORN_1976), (burglary(2020),),
         (codes.CA_HAND_REVIEW, "Currently serving sentence")),
        (case(SALE_2010, born=BORN_1976, deceased=True), (burglary(2020, number="B1"),), (codes.CA_COUNTY_DISMISS, "Deceased")),
        (case(SALE_2010, born=BORN_1976), (burglary(2020),), (codes.CA_HAND_REVIEW, "No applicable eligibility criteria")),
    ],
    ids=["misdemeanour-city-attorney", "occurred-after", "11357(a)", "other-11357", "super-strike", "pc290",
         "50-or-older", "only-prop64-completed", "no-convictions-10-years", "serving", "deceased", "else"],
)
def test_los_angeles(subject, others, expected):
    assert overlay(decide_count(subject, *others, policy=LA)) == expected


def test_los_angeles_k1_under_21_at_conviction_but_not_at_as_of_goes_to_a_person():
    born = dt.date(1995, 1, 1)  # 20 at the 2015 conviction, 31 on as_of
    sale = case(felony("HS 11359", conduct=("sale",), offense_date=dt.date(2015, 3, 1), disposition_date=dt.date(2015, 6, 1),
                       sentence_end_date=dt.date(2016, 6, 1)), born=born)
    decision = decide_count(sale, burglary(2020, born=born), policy=LA)
    assert overlay(decision)[0] == codes.CA_HAND_REVIEW
    assert {codes.R_CA_LA_UNDER21_REFERENCE, codes.R_CA_COUNTY_HAND_REVIEW} <= set(decision.review_reasons)
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE


def test_los_angeles_k1_readings_that_agree_need_no_review():
    born = dt.date(2005, 2, 1)  # 20.96 on as_of, 11 at the 2016 conviction: both readings say 21 or younger
    record = case(felony("HS 11357(a)", concentrate_grams=20.0, offense_date=dt.date(2016, 3, 1),
                         disposition_date=dt.date(2016, 6, 1)), born=born)
    decision = decide_count(record, policy=LA)
    assert overlay(decision) == (codes.CA_COUNTY_DISMISS, "11357(a) or 11357(b)")


def test_overlay_only_in_its_county():
    decision = decide_count(case(SALE_2010, county="SAN_FRANCISCO"), policy=LA)
    assert overlay(decision)[0] is None
    assert codes.NOTE_COUNTY_OUT_OF_SCOPE in decision.notes


# --- San Francisco ------------------------------------------------------------------------------

SF = "san_francisco_2018"


def sf(*charges, **values):
    return case(*charges, county="SAN_FRANCISCO", born=BORN_1976, **values)


@pytest.mark.parametrize(
    ("subject", "others", "expected"),
    [
        (sf(charge("HS 11357(c)")), (), (None, "misdemeanors handled separately")),
        (sf(felony("HS 11359", conduct=("sale",), prior_relief=("pc1203_4",))), (), (None, "already dismissed (PC 1203.4)")),
        (sf(SALE_2010), (sf(felony("PC 187", disposition_date=dt.date(2020, 1, 1)), number="M"),),
         (codes.CA_NOT_ELIGIBLE, "superstrike")),
        (sf(SALE_2010, pc290_registered=True), (), (codes.CA_NOT_ELIGIBLE, "PC 290")),
        (sf(SALE_2010), tuple(sf(felony("HS 11359", conduct=("sale",), disposition_date=dt.date(y, 1, 1)), number=f"S{y}")
                              for y in (2012, 2014)), (codes.CA_NOT_ELIGIBLE, "2 prior convictions")),
        (sf(felony("HS 11359(c)(3)")), (), (codes.CA_NOT_ELIGIBLE, "ineligible subsection")),
        (sf(felony("HS 11359", conduct=("sale",), sentence_end_date=dt.date(2027, 1, 1))), (),
         (codes.CA_RECALL_RESENTENCE, "resentencing or dismissal HS 11361.8(b)")),
        (sf(SALE_2010), (), (codes.CA_REDESIGNATE_REDUCE, "redesignation or dismissal/sealing HS 11361.8(f)")),
        (sf(felony("HS 11357(a)", concentrate_grams=1.0, offense_date=dt.date(2010, 3, 1),
                   disposition_date=dt.date(2010, 6, 1))), (),
         (codes.CA_COUNTY_DISMISS, "redesignation or dismissal/sealing HS 11361.8(f)")),
    ],
    ids=["misdemeanour", "pc1203.4", "super-strike-anywhere", "pc290-registration", "three-of-the-section",
         "ineligible-subsection", "serving", "statutory-redesignate", "statutory-dismiss"],
)
def test_san_francisco(subject, others, expected):
    assert overlay(decide_count(subject, *others, policy=SF)) == expected


def test_san_francisco_plea_bargain_goes_to_a_person():
    record = sf(felony("HS 11359", conduct=("sale",)), felony("HS 11364", count=2))
    plea = decide(record, policy=SF)[0].charges[1]
    assert plea.outcome == codes.CA_NOT_PROP64
    assert overlay(plea) == (codes.CA_HAND_REVIEW, "plea bargain (yes/maybe)")
    assert codes.R_CA_COUNTY_HAND_REVIEW in plea.review_reasons


def test_san_francisco_scope_by_courthouse():
    record = case(SALE_2010, county="UNKNOWN", court="CASC San Francisco", born=BORN_1976)
    assert overlay(decide_count(record, policy=SF))[0] == codes.CA_REDESIGNATE_REDUCE


def test_overlay_below_the_statutory_floor_is_noted():
    decision = decide_count(sf(SALE_2010), sf(felony("PC 187", disposition_date=dt.date(2020, 1, 1)), number="M"), policy=SF)
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE
    assert codes.NOTE_COUNTY_BELOW_FLOOR in decision.notes


# --- Sacramento ---------------------------------------------------------------------------------

SAC = "sacramento_2019"


def sac(*charges, **values):
    return case(*charges, county="SACRAMENTO", born=BORN_1976, **values)


@pytest.mark.parametrize(
    ("subject", "others", "expected"),
    [
        (sac(felony("HS 11359", offense_date=dt.date(2016, 10, 1), disposition_date=dt.date(2016, 11, 9))), (),
         (codes.CA_NOT_ELIGIBLE, "Occurred after 11/09/2016")),
        (sac(charge("HS 11357(c)")), (), (codes.CA_COUNTY_DISMISS, "Misdemeanor or Infraction")),
        (sac(felony("11357(B) HS")), (), (codes.CA_COUNTY_DISMISS, "HS 11357(b)")),
        (sac(SALE_2010), (burglary(2015, county="SACRAMENTO"),), (codes.CA_COUNTY_DISMISS, "No convictions in past 10 years")),
        (sac(SALE_2010), (burglary(2020, county="SACRAMENTO"),), (codes.CA_REDESIGNATE_REDUCE, "Has convictions in past 10 years")),
        (sac(SALE_2010), (), (codes.CA_COUNTY_DISMISS, "Sentence Completed")),
        (sac(felony("HS 11359", conduct=("sale",), sentence_end_date=dt.date(2027, 1, 1))), (),
         (codes.CA_REDESIGNATE_REDUCE, "Sentence not Completed")),
    ],
    ids=["occurred-after", "misdemeanour", "11357(B)-case-insensitive", "more-than-one-over-10-years",
         "more-than-one-recent", "single-completed", "single-serving"],
)
def test_sacramento(subject, others, expected):
    assert overlay(decide_count(subject, *others, policy=SAC)) == expected


def test_sacramento_years_since_most_recent_is_fractional_and_includes_this_one():
    # Most recent conviction (this one) 2015-06-01: 10.63 years before as_of > 10.
    this = sac(felony("HS 11359", conduct=("sale",), offense_date=dt.date(2015, 3, 1), disposition_date=dt.date(2015, 6, 1),
                      sentence_end_date=dt.date(2016, 1, 1)))
    assert overlay(decide_count(this, burglary(2000, county="SACRAMENTO"), policy=SAC))[1] == "No convictions in past 10 years"


# --- San Joaquin and Contra Costa ---------------------------------------------------------------


@pytest.mark.parametrize("policy, county", [("san_joaquin_2019", "SAN_JOAQUIN"), ("contra_costa_2019", "CONTRA_COSTA")])
@pytest.mark.parametrize(
    ("charges", "which", "others", "expected"),
    [
        ((felony("HS 11359", conduct=("sale",)), charge("PC 647(f)", count=2)), 1, (), (codes.CA_COUNTY_DISMISS, "PC 647(f)")),
        ((felony("HS 11359", conduct=("sale",)), charge("4060 BP", count=2)), 1, (), (codes.CA_HAND_REVIEW, "4060 BP")),
        ((charge("PC 647(f)"),), 0, (), (codes.CA_HAND_REVIEW, "No Related Prop64 Charges")),
        ((felony("HS 11357(a)", concentrate_grams=20.0),), 0, (), (codes.CA_COUNTY_DISMISS, "11357 HS")),
        ((SALE_2010,), 0, (2003,), (codes.CA_COUNTY_DISMISS, "No convictions in past 5 years")),
        ((SALE_2010,), 0, (2022,), (codes.CA_HAND_REVIEW, "Has convictions in past 5 years")),
        ((SALE_2010,), 0, (), (codes.CA_COUNTY_DISMISS, "Sentence Completed")),
    ],
    ids=["related-with-prop64", "4060-BP", "related-alone", "11357-felony", "more-than-one-over-5-years",
         "more-than-one-recent", "single-completed"],
)
def test_san_joaquin_flow(policy, county, charges, which, others, expected):
    record = case(*charges, county=county, born=BORN_1976)
    history = [burglary(year, county=county) for year in others]
    decision = decide(*history, record, policy=policy)[-1].charges[which]
    assert overlay(decision) == expected


# --- Hypothetical flows -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "statute", "expected"),
    [
        ("dismiss_all_prop64", "HS 11359", (codes.CA_COUNTY_DISMISS, "Dismiss all Prop 64 charges")),
        ("dismiss_all_prop64", "PC 647(f)", (None, "not a charge this policy covers")),
        ("dismiss_all_prop64_and_related", "PC 647(f)", (codes.CA_COUNTY_DISMISS, "Dismiss all Prop 64 and related charges")),
        ("dismiss_all_prop64_and_related", "PC 459", (None, "not a charge this policy covers")),
    ],
    ids=["prop64", "related-not-covered", "related-covered", "unrelated"],
)
def test_hypothetical_flows(policy, statute, expected):
    assert overlay(decide_count(felony(statute, conduct=("sale",)), policy=policy)) == expected


def test_overlay_never_changes_the_statutory_outcome():
    for policy in ("statutory", LA, "dismiss_all_prop64", "bear_sample_gogen"):
        assert decide_count(case(SALE_2010, born=BORN_1976), policy=policy).outcome == codes.CA_REDESIGNATE_REDUCE


def test_a_death_recorded_on_any_case_of_the_person_counts():
    decision = decide_count(case(SALE_2010, born=BORN_1976), burglary(2020, number="B1", deceased=True), policy=LA)
    assert overlay(decision) == (codes.CA_COUNTY_DISMISS, "Deceased")
