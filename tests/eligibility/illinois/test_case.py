"""The case roll-up of spec §13.4 and the case-number year (spec §11)."""

import datetime as dt

import pytest

from eligibility.illinois.case import case_number_year

from .factories import AS_OF, convicted, decide, make_case, make_charge


@pytest.mark.parametrize(
    ("number", "year"),
    [("93C660123", 1993), ("98CR1234501", 1998), ("1997MC1123456", 1997), ("00113380301", 2000), ("25C1", 2025),
     ("27C1", 1927), ("CR123", None), (None, None)],
    ids=["complaint", "felony", "municipal", "eleven-digit", "this-century", "future-is-last-century", "no-year", "none"],
)
def test_case_number_year(number, year):
    assert case_number_year(number, as_of=AS_OF) == year


def test_the_best_cannabis_count_gives_the_headline_and_paths_are_the_union():
    case = make_case(
        make_charge(1, statute="720 ILCS 550/4(d)", disposition="NOLLE"),
        convicted(count=2, statute="720 ILCS 550/4(d)"),
        convicted(count=3, statute="720 ILCS 550/4(b)"),
    )
    decision = decide(case)
    assert decision.outcome == "IL_PARDON_PATH"
    assert decision.details["headline_count"] == 3
    assert decision.relief_paths == ("IL_PARDON_PATH", "IL_VACATE_MOTION")
    assert [c.outcome for c in decision.charges] == ["IL_NOT_ELIGIBLE_CRTA", "IL_VACATE_MOTION", "IL_PARDON_PATH"]


def test_ties_go_to_the_lowest_count():
    case = make_case(make_charge(1, statute="720 ILCS 550/4(a)"), make_charge(2, statute="720 ILCS 550/4(b)"))
    assert decide(case).details["headline_count"] == 1


def test_a_case_with_no_cannabis_count_is_not_cannabis():
    case = make_case(convicted(statute="720 ILCS 570/402(c)", description="PCS"), make_charge(2, statute=None, description="THEFT"))
    assert decide(case).outcome == "IL_NOT_CANNABIS"


def test_review_reasons_are_the_union_over_counts_each_with_a_question_naming_its_count():
    case = make_case(
        convicted(count=1, statute="720 ILCS 550/4", offense_class="4", description="POSS CANNABIS"),
        make_charge(2, statute=None, description="AGG ASSAULT", offense_class="4"),
    )
    decision = decide(case)
    assert decision.needs_review
    assert set(decision.review_reasons) >= {"R_CLASS4_S4_AMBIGUOUS"}
    assert all(q.startswith("Count 1:") for q in decision.questions)
    assert all(isinstance(paths, list) for paths in decision.details["review_fields"].values())


def test_the_decision_carries_its_trace_with_citations_and_evidence():
    decision = decide(make_case(make_charge(offense_date=dt.date(1987, 3, 2))))
    trace = decision.charges[0].trace
    assert [t.rule for t in trace][:3] == ["citation", "statute_version", "amount"]
    assert all(t.citation and t.evidence in ("verified", "secondary", "unverified") for t in trace)
