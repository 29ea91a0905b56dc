"""The Illinois CRTA rules, one module per statutory rule, in the order a count goes through them.

Each module carries RULE_ID, CITATION, SUMMARY and EVIDENCE; `cleardocket rules` prints them from
here, so the explanation printed is the one the code applies.
"""

from eligibility.illinois.rules import (
    act_date,
    amount,
    auto_expunge,
    citation,
    disposition,
    enhancement,
    excluded_sections,
    lookalike,
    minor_cannabis_offense,
    mixed_disposition,
    pardon,
    sentence_hints,
    statute_version,
    vacate_motion,
    violent_crime,
)

RULES = (
    citation,
    lookalike,
    excluded_sections,
    enhancement,
    statute_version,
    amount,
    sentence_hints,
    disposition,
    violent_crime,
    minor_cannabis_offense,
    act_date,
    mixed_disposition,
    auto_expunge,
    pardon,
    vacate_motion,
)
