"""County policy validation (spec §7.1) and the configurable flow's order (§7.3)."""

import datetime as dt

import pytest

from eligibility.california import CaliforniaProp64, PolicyError, codes, configurable_profile
from eligibility.california.overlay import profile_from_mapping
from eligibility.california.policy import parse_configurable
from models.errors import InputError

from .factory import AS_OF, THRESHOLD, case, charge, felony

PEER_JSON = {
    "baselineEligibility": {"dismiss": ["11357(A)", "11358"], "reduce": ["11359", "11360"]},
    "additionalRelief": {"subjectUnder21AtConviction": True, "subjectAgeThreshold": 57,
                         "yearsSinceConvictionThreshold": 10, "yearsCrimeFreeThreshold": 0,
                         "subjectHasOnlyProp64Charges": True, "subjectIsDeceased": False},
}
SNAKE_CASE = {
    "baseline": {"dismiss": ["11357(a)", "11358"], "reduce": ["11359", "11360"]},
    "under_21_at_conviction": True, "age_threshold": 57, "years_since_conviction": 10, "years_crime_free": None,
    "only_prop64": True, "deceased": False,
}


def test_peer_json_and_snake_case_read_the_same():
    assert parse_configurable(PEER_JSON) == parse_configurable(SNAKE_CASE)
    policy = parse_configurable(PEER_JSON)
    assert policy.dismiss == ("11357(a)", "11358")
    assert policy.years_crime_free is None


RANGE_CASES = [
    ("subjectAgeThreshold", 39, "SubjectAgeThreshold should be between 40 and 65, or 0"),
    ("subjectAgeThreshold", 66, "SubjectAgeThreshold should be between 40 and 65, or 0"),
    ("yearsSinceConvictionThreshold", 16, "YearsSinceConvictionThreshold should be between 1 and 15, or 0"),
    ("yearsCrimeFreeThreshold", -1, "YearsCrimeFreeThreshold should be between 1 and 15, or 0"),
    ("yearsCrimeFreeThreshold", "5", "YearsCrimeFreeThreshold should be between 1 and 15, or 0"),
]


@pytest.mark.parametrize(("key", "value", "message"), RANGE_CASES, ids=[f"{c[0]}={c[1]!r}" for c in RANGE_CASES])
def test_out_of_range_thresholds_are_rejected_with_the_peer_message(key, value, message):
    with pytest.raises(PolicyError) as error:
        parse_configurable({"additionalRelief": {key: value}})
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("key", "value"),
    [("subjectAgeThreshold", 40), ("subjectAgeThreshold", 65), ("subjectAgeThreshold", 0),
     ("yearsSinceConvictionThreshold", 1), ("yearsSinceConvictionThreshold", 15), ("yearsCrimeFreeThreshold", None)],
    ids=["age-40", "age-65", "age-0-off", "years-1", "years-15", "null-off"],
)
def test_boundary_thresholds_are_accepted(key, value):
    parse_configurable({"additionalRelief": {key: value}})


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"baselineEligibility": {"dismiss": ["11361"]}}, "UNKNOWN_SECTION_KEY"),
        ({"baselineEligibility": {"dismiss": ["11359"], "reduce": ["11359"]}}, "SECTION_IN_BOTH_LISTS"),
        ({"baselineEligibility": {"dismiss": ["11357"], "reduce": ["11357(b)"]}}, "OVERLAPPING_SECTION_KEYS"),
        ({"baselineEligibility": {"dismiss": ["11357(no-sub-section)"], "reduce": ["11357"]}}, "OVERLAPPING_SECTION_KEYS"),
        ({"additionalRelief": {"subjectIsDeceased": "yes"}}, "NOT_BOOLEAN"),
        ({"additionalRelief": {"dismissOlderThan": -1}}, "UNKNOWN_KEY"),
        ({"baselineEligibility": {"dismiss": "11357"}}, "NOT_A_LIST"),
    ],
    ids=["unknown-section", "both-lists", "section-and-subsection", "no-sub-section-and-section", "not-boolean",
         "unknown-key", "not-a-list"],
)
def test_invalid_policies_are_rejected(data, code):
    with pytest.raises(PolicyError) as error:
        parse_configurable(data)
    assert code in [c for c, _ in error.value.problems]
    assert isinstance(error.value, InputError)


def test_every_problem_is_named_at_once():
    with pytest.raises(PolicyError) as error:
        parse_configurable({"additionalRelief": {"subjectAgeThreshold": 30, "yearsCrimeFreeThreshold": 20}})
    assert len(error.value.problems) == 2


def test_disjoint_subsection_keys_are_valid():
    policy = parse_configurable({"baselineEligibility": {"dismiss": ["11357(a)"], "reduce": ["11357(b)"]}})
    assert policy.reduce == ("11357(b)",)


def test_user_profile_needs_id_and_version():
    with pytest.raises(PolicyError) as error:
        configurable_profile(PEER_JSON)
    assert {"MISSING_ID", "MISSING_VERSION"} <= {c for c, _ in error.value.problems}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"version": "1", "steps": [{"if": "sunny", "then": "CA_COUNTY_DISMISS", "reason": "x"}]}, "BAD_CONDITION"),
        ({"version": "1", "steps": [{"if": "else", "then": "CA_MAYBE", "reason": "x"}]}, "BAD_RESULT"),
        ({"version": "1", "steps": [{"if": {"age_at_least": {"years": 50}}, "then": None, "reason": "x"}]}, "BAD_CONDITION"),
        ({"steps": [{"if": "else", "then": None, "reason": "x"}]}, "MISSING_VERSION"),
        ({"version": "1"}, "NO_STEPS"),
    ],
    ids=["unknown-condition", "unknown-result", "missing-argument", "missing-version", "no-steps"],
)
def test_invalid_presets_are_rejected(body, code):
    with pytest.raises(PolicyError) as error:
        profile_from_mapping("broken", body)
    assert code in [c for c, _ in error.value.problems]


# --- the configurable flow, in its fixed order (§7.3) -------------------------------------------

BORN = dt.date(1970, 1, 1)  # 56 on as_of


def rule_set_with(**relief):
    profile = configurable_profile({
        "id": "test_county", "version": "7",
        "baselineEligibility": {"dismiss": ["11357(a)"], "reduce": ["11359"]},
        "additionalRelief": relief,
    })
    return CaliforniaProp64(extra_profiles=[profile])


def overlay_for(rule_set, *cases):
    decision = rule_set.decide(cases, as_of=AS_OF, policy="test_county", confidence_threshold=THRESHOLD)[-1]
    count = decision.charges[0]
    return count.details["county_overlay"], count.details["county_reason"], count.notes, count.details["county_profile"]


SALE = felony("HS 11359", conduct=("sale",), offense_date=dt.date(2010, 3, 1), disposition_date=dt.date(2010, 6, 1),
              sentence_end_date=dt.date(2011, 1, 1))


@pytest.mark.parametrize(
    ("relief", "subject", "expected"),
    [
        ({}, case(charge("HS 11357(c)"), born=BORN), (codes.CA_COUNTY_DISMISS, "Misdemeanor or Infraction")),
        ({}, case(felony("11357(A) HS"), born=BORN), (codes.CA_COUNTY_DISMISS, "Dismiss all HS 11357(a) convictions")),
        ({"subjectUnder21AtConviction": True}, case(SALE, born=dt.date(1990, 1, 1)),
         (codes.CA_COUNTY_DISMISS, "21 years or younger")),
        ({"subjectAgeThreshold": 56}, case(SALE, born=BORN), (codes.CA_COUNTY_DISMISS, "56 years or older")),
        ({"subjectAgeThreshold": 57}, case(SALE, born=BORN), (codes.CA_REDESIGNATE_REDUCE, "Reduce all HS 11359 convictions")),
        ({"yearsSinceConvictionThreshold": 15}, case(SALE, born=BORN),
         (codes.CA_COUNTY_DISMISS, "Conviction occurred 15 or more years ago")),
        ({"yearsCrimeFreeThreshold": 15}, case(SALE, born=BORN),
         (codes.CA_COUNTY_DISMISS, "No convictions in the past 15 years")),
        ({"subjectHasOnlyProp64Charges": True}, case(SALE, born=BORN), (codes.CA_COUNTY_DISMISS, "Only has 11357-60 charges")),
        ({"subjectIsDeceased": True}, case(SALE, born=BORN, deceased=True), (codes.CA_COUNTY_DISMISS, "Individual is deceased")),
    ],
    ids=["misdemeanour", "dismiss-list", "under-21-at-conviction", "age-threshold-met", "age-threshold-not-met-reduce",
         "years-since-conviction-15", "years-crime-free-15", "only-prop64", "deceased"],
)
def test_configurable_flow(relief, subject, expected):
    code, reason, _, label = overlay_for(rule_set_with(**relief), subject)
    assert (code, reason) == expected
    assert label == {"id": "test_county", "version": "7"}


def test_years_since_conviction_boundary_uses_calendar_years():
    on_boundary = felony("HS 11359", conduct=("sale",), offense_date=dt.date(2015, 6, 1), disposition_date=dt.date(2016, 1, 15),
                         sentence_end_date=dt.date(2016, 6, 1))
    day_after = felony("HS 11359", conduct=("sale",), offense_date=dt.date(2015, 6, 1), disposition_date=dt.date(2016, 1, 16),
                       sentence_end_date=dt.date(2016, 6, 1))
    rule_set = rule_set_with(yearsSinceConvictionThreshold=10)
    assert overlay_for(rule_set, case(on_boundary, born=BORN))[0] == codes.CA_COUNTY_DISMISS
    assert overlay_for(rule_set, case(day_after, born=BORN))[0] == codes.CA_REDESIGNATE_REDUCE


def test_no_match_leaves_no_determination():
    code, reason, notes, _ = overlay_for(rule_set_with(), case(felony("HS 11358", plant_count=20, conduct=("sale",)), born=BORN))
    assert code is None
    assert codes.NOTE_COUNTY_NO_DETERMINATION in notes


def test_a_profile_id_cannot_shadow_a_preset():
    profile = configurable_profile({"id": "los_angeles_2019", "version": "1"})
    with pytest.raises(InputError):
        CaliforniaProp64(extra_profiles=[profile])
