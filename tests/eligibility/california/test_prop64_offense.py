"""Rule prop64_offense: only HS 11357-11360 are Prop 64 offenses (spec §4.1.1, §5)."""

import pytest

from eligibility.california import codes

from .factory import charge, decide_count, trace_of

CASES = [
    ("HS 11357(b)", codes.CA_DISMISS_AND_SEAL, ()),
    ("PC 459", codes.CA_NOT_PROP64, ()),
    ("HS 11364", codes.CA_NOT_PROP64, ()),
    ("11362.1 HS", codes.CA_HAND_REVIEW, (codes.R_CA_CODE_UNRECOGNISED,)),
    ("CASE 93C11357", codes.CA_HAND_REVIEW, (codes.R_CA_CODE_UNRECOGNISED,)),
    (None, codes.CA_HAND_REVIEW, (codes.R_CA_CODE_UNRECOGNISED,)),
]


@pytest.mark.parametrize(("statute", "outcome", "reasons"), CASES, ids=[str(c[0]) for c in CASES])
def test_relevance(statute, outcome, reasons):
    decision = decide_count(charge(statute))
    assert decision.outcome == outcome
    assert decision.review_reasons == reasons
    assert decision.details["prop64_offense"] is (outcome == codes.CA_DISMISS_AND_SEAL)


def test_attempt_is_read_as_the_section_with_a_note():
    decision = decide_count(charge("66411357(B) HS"))
    assert decision.outcome == codes.CA_DISMISS_AND_SEAL
    assert codes.NOTE_ATTEMPT in decision.notes
    assert decision.details["statute"] == "HS 11357(b)"


def test_wrong_code_letters_are_corrected_with_a_note():
    decision = decide_count(charge("11357(B) PC"))
    assert decision.outcome == codes.CA_DISMISS_AND_SEAL
    assert codes.NOTE_CODE_LETTERS_CORRECTED in decision.notes


def test_trace_names_the_normalised_section():
    assert trace_of(decide_count(charge("11357(B) HS")), "prop64_offense")["section"] == "HS 11357(b)"
