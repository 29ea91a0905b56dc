"""County policy overlays add flags only; the statutory result never changes (spec §12)."""

import pytest

from eligibility.illinois.overlays import POLICIES

from .factories import convicted, decide, make_case, make_charge

CASES = {
    "standalone-class-b": make_case(convicted(statute="720 ILCS 550/4(b)")),
    "class-c": make_case(convicted(statute="720 ILCS 550/4(a)")),
    "over-30-grams": make_case(convicted(statute="720 ILCS 550/4(d)")),
    "delivery": make_case(convicted(statute="720 ILCS 550/5(c)")),
    "with-battery": make_case(convicted(statute="720 ILCS 550/4(b)"),
                              make_charge(2, statute="720 ILCS 5/12-3", description="BATTERY", offense_class="A")),
    "with-felony-conviction": make_case(convicted(statute="720 ILCS 550/4(b)"),
                                        convicted(count=2, statute="720 ILCS 570/402(c)", description="PCS", offense_class="4")),
    "dismissed": make_case(make_charge(statute="720 ILCS 550/4(b)")),
}

EXPECTED = {
    ("ccsao_style", "standalone-class-b"): (),
    ("ccsao_style", "class-c"): ("ccsao_class_not_listed",),
    ("ccsao_style", "over-30-grams"): ("ccsao_amount_not_listed",),
    ("ccsao_style", "delivery"): ("ccsao_delivery_not_listed",),
    ("ccsao_style", "with-battery"): ("ccsao_not_standalone",),
    ("ccsao_style", "with-felony-conviction"): ("ccsao_not_standalone", "ccsao_other_conviction_in_case"),
    ("ccsao_style", "dismissed"): (),
    ("mchenry_style", "standalone-class-b"): (),
    ("mchenry_style", "over-30-grams"): ("mchenry_not_misdemeanor",),
    ("mchenry_style", "delivery"): ("mchenry_delivery_not_listed", "mchenry_not_misdemeanor"),
    ("mchenry_style", "with-felony-conviction"): ("mchenry_felony_cocharge",),
    ("will_style", "delivery"): ("will_delivery_not_listed",),
    ("will_style", "standalone-class-b"): (),
}


@pytest.mark.parametrize(("policy", "case"), list(EXPECTED), ids=[f"{p}-{c}" for p, c in EXPECTED])
def test_overlay_flags(policy, case):
    assert decide(CASES[case], policy=policy).policy_flags == EXPECTED[(policy, case)]


@pytest.mark.parametrize("policy", POLICIES[1:])
@pytest.mark.parametrize("case", list(CASES))
def test_an_overlay_never_changes_the_statutory_result(policy, case):
    statutory, overlaid = decide(CASES[case]), decide(CASES[case], policy=policy)
    assert overlaid.policy == policy
    for field in ("outcome", "relief_paths", "needs_review", "review_reasons", "charges"):
        assert getattr(overlaid, field) == getattr(statutory, field)


def test_statutory_adds_no_flags():
    assert all(decide(case).policy_flags == () for case in CASES.values())
