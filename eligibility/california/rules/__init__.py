"""The statutory rules of Prop 64 relief, in the order they are applied (spec §4.1).

Each module reads like the statute: `RULE_ID`, `CITATION`, `EVIDENCE`, `SUMMARY`, the facts it
`READS`, and `evaluate(count, assessment)`, which returns a Finding (None when it does not apply).
The first rule that sets an outcome decides the reading.
"""

from eligibility.california.rules import (
    conduct_11357,
    conduct_11358,
    conduct_11359,
    conduct_11360,
    conviction,
    dismiss_or_redesignate,
    exclusion_environmental,
    exclusion_interstate,
    exclusion_minors,
    exclusion_pc290,
    exclusion_super_strike,
    exclusion_two_priors,
    minor_at_offense,
    prior_relief,
    prop64_offense,
    prop64_window,
    recall_while_serving,
    same_or_greater_offense,
    subsection_11357,
)

RULES = (
    prop64_offense,
    prior_relief,
    conviction,
    prop64_window,
    minor_at_offense,
    subsection_11357,
    conduct_11357,
    conduct_11358,
    conduct_11359,
    conduct_11360,
    exclusion_super_strike,
    exclusion_pc290,
    exclusion_two_priors,
    exclusion_minors,
    exclusion_environmental,
    exclusion_interstate,
    same_or_greater_offense,
    recall_while_serving,
    dismiss_or_redesignate,
)
