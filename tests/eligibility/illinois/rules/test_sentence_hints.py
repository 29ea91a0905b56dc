"""Sentences are weak evidence of the class: they raise review, never relief (spec §7.6)."""

import pytest

from eligibility.illinois.rules.sentence_hints import contradicts_class, term_months

from ..factories import convicted, decide_one


@pytest.mark.parametrize(
    ("kind", "text", "level", "klass", "conflict"),
    [
        ("PRISON", "IDOC 1 YR", "misdemeanor", "A", True),
        ("PRISON", "IDOC 2 YRS", "felony", "4", False),
        ("PRISON", "IDOC 6 YRS", "felony", "4", True),
        ("PRISON", "IDOC 4 YRS", "felony", "3", False),
        ("JAIL", "CCDOC 9 MOS", "misdemeanor", "B", True),
        ("JAIL", "CCDOC 9 MOS", "misdemeanor", "A", False),
        ("JAIL", "CCDOC 30 DAYS", "misdemeanor", "C", False),
        ("FINE", "FINE $100", "misdemeanor", "C", False),
    ],
    ids=["prison-on-misdemeanor", "class-4-in-range", "class-4-too-long", "class-3-in-range",
         "jail-over-6-months-class-b", "jail-over-6-months-class-a", "30-days-class-c", "fine"],
)
def test_sentence_against_class(kind, text, level, klass, conflict):
    assert contradicts_class(kind, text, level, klass) is conflict


@pytest.mark.parametrize(("text", "months"), [("SUPV 1 YR", 12), ("PROB 18 MOS", 18), ("CCDOC 30 DAYS", 1), ("FINE", None)],
                         ids=["years", "months", "days", "no-term"])
def test_term_months(text, months):
    assert term_months(text) == months


def test_a_contradicting_sentence_flags_review_and_keeps_the_result():
    decision = decide_one(convicted(statute="720 ILCS 550/4(b)", sentence_kind="PRISON", sentence_text="IDOC 1 YR"))
    assert decision.relief_paths == ("IL_PARDON_PATH", "IL_VACATE_MOTION")
    assert decision.review_reasons == ("R_SENTENCE_CLASS_CONFLICT",)
