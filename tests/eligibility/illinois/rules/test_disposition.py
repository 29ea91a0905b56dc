"""Conviction or not (spec §8.1 canonical dispositions, §8.3 conviction rules)."""

import datetime as dt

import pytest

from eligibility.illinois.rules.disposition import conviction_status, disposition_readings

from ..factories import AS_OF, convicted, decide_one, make_charge


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        ("NOT_CHARGED", "IL_AUTO_EXPUNGE_ARREST"),
        ("NOLLE", "IL_AUTO_EXPUNGE_ARREST"),
        ("DISMISSED", "IL_AUTO_EXPUNGE_ARREST"),
        ("NO_PROBABLE_CAUSE", "IL_AUTO_EXPUNGE_ARREST"),
        ("ACQUITTED", "IL_AUTO_EXPUNGE_ARREST"),
        ("VACATED", "IL_AUTO_EXPUNGE_ARREST"),
        ("STRICKEN_WITH_LEAVE", "IL_AUTO_EXPUNGE_ARREST"),
        ("SUPERVISION_COMPLETED", "IL_AUTO_EXPUNGE_ARREST"),
        ("QUALIFIED_PROBATION_COMPLETED", "IL_AUTO_EXPUNGE_ARREST"),
        ("SUPERVISION_REVOKED", "IL_PARDON_PATH"),
        ("QUALIFIED_PROBATION_REVOKED", "IL_PARDON_PATH"),
        ("ACQUITTED_INSANITY", "IL_MANUAL_REVIEW"),
        ("ICSA_PROBATION_ON_CANNABIS", "IL_MANUAL_REVIEW"),
        ("TASC", "IL_MANUAL_REVIEW"),
        ("CONVICTED_CE", "IL_MANUAL_REVIEW"),
        ("SUPERSEDED", "IL_MANUAL_REVIEW"),
        ("UNKNOWN", "IL_MANUAL_REVIEW"),
        (None, "IL_MANUAL_REVIEW"),
        ("PRE-JANO", "IL_MANUAL_REVIEW"),
        ("NO_FINAL_DISPOSITION", "IL_NO_FINAL_DISPOSITION"),
    ],
    ids=lambda value: str(value),
)
def test_each_canonical_disposition_on_a_minor_possession(code, outcome):
    decision = decide_one(make_charge(statute="720 ILCS 550/4(b)", disposition=code, sentence_kind="FINE"))
    assert decision.outcome == outcome


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("ACQUITTED_INSANITY", "R_INSANITY_ACQUITTAL"),
        ("ICSA_PROBATION_ON_CANNABIS", "R_ICSA_PROBATION_ON_CANNABIS"),
        ("TASC", "R_TASC"),
        ("CONVICTED_CE", "R_CERTIFICATE_OF_ELIGIBILITY"),
        ("SUPERSEDED", "R_SUCCESSOR_CASE_MISSING"),
        ("UNKNOWN", "R_DISPOSITION_UNKNOWN"),
    ],
    ids=lambda value: str(value),
)
def test_dispositions_that_go_to_a_person_say_why(code, reason):
    assert decide_one(make_charge(disposition=code)).review_reasons == (reason,)


def test_an_unknown_disposition_on_a_count_no_path_could_reach_needs_no_person():
    decision = decide_one(make_charge(statute="720 ILCS 550/5(d)", disposition="UNKNOWN"))
    assert (decision.outcome, decision.needs_review) == ("IL_NOT_ELIGIBLE_CRTA", False)


@pytest.mark.parametrize(
    ("statute", "klass", "outcome", "reasons"),
    [
        ("720 ILCS 550/4(b)", None, "IL_MANUAL_REVIEW", ("R_SENTENCE_MISSING",)),
        ("720 ILCS 550/5(c)", None, "IL_PARDON_PATH", ()),
        ("720 ILCS 550/4(d)", None, "IL_VACATE_MOTION", ()),
    ],
    ids=["misdemeanour-two-readings", "felony-is-a-conviction", "felony-not-mco"],
)
def test_a_guilty_finding_with_no_sentence(statute, klass, outcome, reasons):
    decision = decide_one(make_charge(statute=statute, offense_class=klass, disposition="CONVICTED", sentence_kind=None))
    assert (decision.outcome, decision.review_reasons) == (outcome, reasons)


def test_supervision_with_no_later_entry_is_inferred_completed():
    charge = make_charge(disposition="SUPERVISION_ORDERED", sentence_text="SUPV 1 YR", disposition_date=dt.date(1987, 9, 1))
    decision = decide_one(charge)
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"
    assert "completion_inferred" in decision.charges[0].notes


def test_supervision_followed_by_a_violation_without_outcome_goes_to_a_person():
    charge = make_charge(disposition="SUPERVISION_ORDERED", sentence_text="SUPV 1 YR; VOP FILED")
    decision = decide_one(charge)
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert decision.review_reasons == ("R_SUPERVISION_OUTCOME_UNCLEAR",)


def test_supervision_whose_term_has_not_ended_is_not_taken_as_completed():
    readings, reason = disposition_readings(
        "SUPERVISION_ORDERED", None, level="misdemeanor", section="4", subsection="b", disposition_text=None,
        sentence_text="SUPV 2 YRS", term_start=AS_OF - dt.timedelta(days=100), as_of=AS_OF,
    )
    assert [r.code for r in readings] == ["SUPERVISION_COMPLETED", "SUPERVISION_REVOKED"]
    assert reason == "R_SUPERVISION_OUTCOME_UNCLEAR"


def test_supervision_on_a_felony_count_is_a_mismatch():
    decision = decide_one(make_charge(statute="720 ILCS 550/5(c)", disposition="SUPERVISION_COMPLETED"))
    assert decision.review_reasons == ("R_DISPOSITION_COUNT_MISMATCH",)
    assert decision.outcome == "IL_MANUAL_REVIEW"


def test_section_10_probation_on_an_ineligible_count_is_a_mismatch():
    decision = decide_one(make_charge(statute="720 ILCS 550/4(d)", disposition="QUALIFIED_PROBATION_COMPLETED"))
    assert decision.outcome == "IL_NOT_ELIGIBLE_CRTA"
    decision = decide_one(make_charge(statute="720 ILCS 550/4(c)", disposition="QUALIFIED_PROBATION_COMPLETED"))
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"


def test_a_bond_forfeiture_before_sol_goes_to_a_person():
    decision = decide_one(make_charge(disposition="STRICKEN_WITH_LEAVE", disposition_text="BF-SOL"))
    assert decision.review_reasons == ("R_BOND_FORFEITURE",)


@pytest.mark.parametrize("text", ["SOL", "STRICKEN OFF W/ LEAVE TO REINSTATE"], ids=["sol", "sol-spelled-out"])
def test_sol_is_a_dismissal_that_could_be_reinstated(text):
    decision = decide_one(make_charge(disposition="STRICKEN_WITH_LEAVE", disposition_text=text))
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"
    assert "sol_could_be_reinstated" in decision.charges[0].notes


def test_a_stricken_case_reinstated_later_goes_to_a_person():
    decision = decide_one(make_charge(disposition="STRICKEN_WITH_LEAVE", disposition_text="SOL ... CASE REINSTATED"))
    assert decision.review_reasons == ("R_SOL_REINSTATED",)


@pytest.mark.parametrize(
    ("code", "kind", "status"),
    [("NOLLE", None, False), ("CONVICTED", "FINE", True), ("CONVICTED", None, None), ("TASC", None, None), ("NO_FINAL_DISPOSITION", None, False)],
    ids=["nolle", "convicted-with-sentence", "convicted-no-sentence", "tasc", "open"],
)
def test_conviction_status_of_another_count(code, kind, status):
    assert conviction_status(code, kind) is status


def test_an_open_count_makes_the_case_open():
    decision = decide_one(make_charge(1), convicted(count=2, statute="720 ILCS 5/16A-3", description="RETAIL THEFT",
                                                    disposition="NO_FINAL_DISPOSITION"))
    assert decision.outcome == "IL_NO_FINAL_DISPOSITION"
