"""Every reading must agree (spec §2.3): unknown and low-confidence facts, and what a person is asked."""

import datetime as dt

import pytest

from eligibility.california import codes
from models.records import FieldInfo

from .factory import THRESHOLD, case, charge, decide, decide_count, felony, low_confidence, trace_of

POSSESSION = felony("HS 11357(a)", concentrate_grams=2.0)  # lawful at 30: dismiss


@pytest.mark.parametrize(
    ("info", "outcome", "reasons"),
    [
        (None, codes.CA_DISMISS_AND_SEAL, ()),
        (FieldInfo(confidence=0.95, status="auto"), codes.CA_DISMISS_AND_SEAL, ()),
        (FieldInfo(confidence=THRESHOLD, status="auto"), codes.CA_DISMISS_AND_SEAL, ()),
        (FieldInfo(confidence=0.79, status="auto"), codes.CA_REDESIGNATE_REDUCE, (codes.R_LOW_CONFIDENCE_FIELD,)),
        (FieldInfo(confidence=0.3, status="reviewed"), codes.CA_DISMISS_AND_SEAL, ()),
        (FieldInfo(confidence=0.99, status="needs_review"), codes.CA_REDESIGNATE_REDUCE, (codes.R_LOW_CONFIDENCE_FIELD,)),
    ],
    ids=["digital-record", "confident", "at-threshold", "below-threshold", "reviewed-by-a-person", "extractor-flagged"],
)
def test_low_confidence_amount_is_read_every_way(info, outcome, reasons):
    fields = {"charges.0.concentrate_grams": info} if info else {}
    decision = decide_count(case(POSSESSION, fields=fields))
    assert decision.outcome == outcome
    assert decision.review_reasons == reasons
    assert decision.details["review_fields"] == (["charges.0.concentrate_grams"] if reasons else [])


def test_low_confidence_value_that_does_not_matter_asks_nothing():
    # Possession for sale is redesignated whatever the amount.
    decision = decide_count(case(felony("HS 11359", conduct=("sale",), amount_grams=300.0),
                                 fields=low_confidence("charges.0.amount_grams")))
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE
    assert not decision.needs_review


def test_low_confidence_printed_text_counts_like_the_value():
    decision = decide_count(case(charge("HS 11357(b)"), fields=low_confidence("charges.0.statute_text")))
    assert decision.outcome == codes.CA_HAND_REVIEW
    assert decision.details["review_fields"] == ["charges.0.statute"]


def test_low_confidence_birth_date_could_make_the_person_a_minor():
    decision = decide_count(case(charge("HS 11357(b)"), fields=low_confidence("defendant.date_of_birth")))
    assert decision.outcome == codes.CA_HAND_REVIEW
    assert codes.R_LOW_CONFIDENCE_FIELD in decision.review_reasons
    assert decision.details["review_fields"] == ["defendant.date_of_birth"]


def test_low_confidence_conduct_includes_disqualifying_readings():
    # Read as a gift of 2 g (lawful), but a misread page could say "sale to a minor".
    decision = decide_count(case(felony("HS 11360(a)", conduct=("gift",), amount_grams=2.0),
                                 fields=low_confidence("charges.0.conduct")))
    assert decision.outcome == codes.CA_HAND_REVIEW
    assert decision.details["review_fields"] == ["charges.0.conduct"]


def test_missing_conduct_presumes_no_disqualifier_but_not_the_favourable_fact():
    decision = decide_count(felony("HS 11360(a)", amount_grams=2.0))
    assert decision.outcome == codes.CA_REDESIGNATE_REDUCE
    assert decision.review_reasons == (codes.R_CA_CONDUCT_UNKNOWN,)
    assert codes.NOTE_EXCLUSION_FACTS_UNKNOWN in decision.notes


def test_the_trace_shows_every_reading_that_mattered():
    facts = trace_of(decide_count(felony("HS 11357(a)")), "every_reading")
    assert facts["facts_that_matter"] == ["concentrate"]
    assert {r["outcome"] for r in facts["readings"]} == {codes.CA_DISMISS_AND_SEAL, codes.CA_REDESIGNATE_REDUCE}


def test_missing_level_is_read_over_the_pre_auma_forms():
    # 11357(b) before AUMA was a misdemeanour or an infraction; at 19 that decides redesignation.
    decision = decide_count(charge("HS 11357(b)", level=None), born=dt.date(1976, 1, 1))
    assert decision.outcome == codes.CA_HAND_REVIEW
    assert codes.R_CA_LEVEL_UNKNOWN in decision.review_reasons


def test_case_questions_name_the_count():
    record = case(charge("HS 11357(b)"), felony("HS 11357(a)", count=2))
    decision = decide(record)[0]
    assert decision.questions == (
        "Count 2: how much cannabis, concentrate or how many plants did it involve?",
    )
    assert decision.needs_review
