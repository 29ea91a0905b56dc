"""Rule recall_while_serving: a person still serving petitions for recall (spec §3.2; K12)."""

import datetime as dt

import pytest

from eligibility.california import codes

from .factory import AS_OF, charge, decide_count, felony

FIVE_YEARS_BEFORE_AS_OF = dt.date(2021, 1, 15)

CASES = [
    (dt.date(2026, 1, 16), codes.CA_RECALL_RESENTENCE),
    (AS_OF, codes.CA_DISMISS_AND_SEAL),
    (dt.date(2026, 1, 14), codes.CA_DISMISS_AND_SEAL),
]
IDS = ["ends-day-after-as-of", "ends-on-as-of", "ended-day-before-as-of"]


@pytest.mark.parametrize(("sentence_end", "outcome"), CASES, ids=IDS)
def test_serving_against_as_of(sentence_end, outcome):
    decision = decide_count(charge(sentence_end_date=sentence_end))
    assert decision.outcome == outcome
    if outcome == codes.CA_RECALL_RESENTENCE:
        assert codes.NOTE_COURT_MAY_DENY in decision.notes
        assert decision.details["remedy_citation"] == "HS 11361.8(a)-(c)"


@pytest.mark.parametrize(
    ("disposed", "outcome", "inferred"),
    [
        (dt.date(2021, 1, 14), codes.CA_DISMISS_AND_SEAL, True),
        (FIVE_YEARS_BEFORE_AS_OF, codes.CA_HAND_REVIEW, False),
    ],
    ids=["disposed-day-before-five-years", "disposed-exactly-five-years"],
)
def test_unknown_sentence_end_inferred_after_five_years(disposed, outcome, inferred):
    # An offense before AUMA disposed years later (K2 review aside), sentence end unknown.
    decision = decide_count(charge(offense_date=dt.date(2016, 1, 1), disposition_date=disposed))
    assert decision.outcome == outcome
    assert (codes.NOTE_SENTENCE_END_INFERRED in decision.notes) is inferred
    if not inferred:
        assert codes.R_CA_SENTENCE_UNKNOWN in decision.review_reasons


def test_serving_same_offense_is_not_eligible():
    decision = decide_count(charge("HS 11357(c)", sentence_end_date=dt.date(2027, 1, 1)))
    assert decision.outcome == codes.CA_NOT_ELIGIBLE


def test_serving_a_reducible_felony_is_recall():
    decision = decide_count(felony("HS 11359", conduct=("sale",), sentence_end_date=dt.date(2027, 1, 1)))
    assert decision.outcome == codes.CA_RECALL_RESENTENCE
