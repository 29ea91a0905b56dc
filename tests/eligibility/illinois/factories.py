"""Small builders for Illinois test cases: state only what the test is about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eligibility.registry import get_rule_set
from models.decisions import CaseDecision
from models.records import CaseRecord, Charge, Defendant, FieldInfo

AS_OF = dt.date(2026, 1, 15)
THRESHOLD = 0.9
RULE_SET = get_rule_set("illinois-crta")


def make_charge(count: int = 1, **values: Any) -> Charge:
    values.setdefault("statute", "720 ILCS 550/4(b)")
    values.setdefault("disposition", "NOLLE")
    values.setdefault("offense_date", dt.date(1987, 5, 1))
    return Charge(count=count, **values)


def make_case(*charges: Charge, case_id: str = "c-1", **values: Any) -> CaseRecord:
    values.setdefault("case_number", "87C123456")
    if "arrest_date" not in values:
        values["arrest_date"] = charges[0].offense_date if charges else None
    values.setdefault("defendant", Defendant(name="DOE, JANE", date_of_birth=dt.date(1960, 1, 1)))
    return CaseRecord(case_id=case_id, charges=charges or (make_charge(),), **values)


def low_confidence(record: CaseRecord, *paths: str, confidence: float = 0.4) -> CaseRecord:
    fields = dict(record.fields)
    for path in paths:
        fields[path] = FieldInfo(confidence=confidence, status="needs_review")
    return CaseRecord(**{**record.__dict__, "fields": fields})


def decide(*cases: CaseRecord, policy: str = "statutory", as_of: dt.date = AS_OF) -> CaseDecision:
    """The decision of the first case, deciding all of them as one person's record."""
    return RULE_SET.decide(list(cases), as_of=as_of, policy=policy, confidence_threshold=THRESHOLD)[0]


def decide_all(*cases: CaseRecord, policy: str = "statutory", as_of: dt.date = AS_OF) -> list[CaseDecision]:
    return RULE_SET.decide(list(cases), as_of=as_of, policy=policy, confidence_threshold=THRESHOLD)


def decide_one(charge: Charge | None = None, *more: Charge, **case: Any) -> CaseDecision:
    """Decide a one-person, one-case record made of these counts."""
    return decide(make_case(*(c for c in (charge, *more) if c is not None), **case))


def convicted(**values: Any) -> Charge:
    values.setdefault("disposition", "CONVICTED")
    values.setdefault("sentence_kind", "FINE")
    return make_charge(**values)
