"""Remedy while serving: recall or dismissal of sentence (spec §3.2)."""

from __future__ import annotations

from eligibility.california import codes
from eligibility.california.assessment import Assessment, Finding
from eligibility.california.facts import CountContext

RULE_ID = "recall_while_serving"
CITATION = "HS 11361.8(a)-(c); PC 1170.18(c)"
EVIDENCE = "verified"
SUMMARY = (
    "A person still serving the sentence (sentence end after as_of; probation and parole included) may "
    "petition for recall or dismissal; the court may deny it for an unreasonable risk to public safety."
)
READS = ("serving",)


def evaluate(count: CountContext, assessment: Assessment) -> Finding:
    serving = assessment.reading.serving
    facts = {"serving": serving, "as_of": count.as_of.isoformat()}
    if serving:
        return Finding("serving a sentence", facts, outcome=codes.CA_RECALL_RESENTENCE,
                       notes=(codes.NOTE_COURT_MAY_DENY,), remedy_citation="HS 11361.8(a)-(c)")
    return Finding("sentence completed", facts)
