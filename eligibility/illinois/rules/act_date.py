"""Only offenses committed before the Act take effect qualify (spec §5.1, §6; ambiguity A1)."""

from __future__ import annotations

import datetime as dt

from eligibility.illinois.statutes import CRTA_EFFECTIVE

RULE_ID = "act_date"
CITATION = "20 ILCS 2630/5.2(i); P.A. 101-27"
SUMMARY = "The offense must be committed before 25 Jun 2019; an offense on that exact date goes to a person (R_ACT_DATE_BOUNDARY)."
EVIDENCE = "verified"

BEFORE = "before"
ON_THE_DAY = "on_the_day"
AFTER = "after"


def committed_before_act(offense_date: dt.date) -> str:
    if offense_date < CRTA_EFFECTIVE:
        return BEFORE
    if offense_date == CRTA_EFFECTIVE:
        return ON_THE_DAY
    return AFTER
