"""A small factory of California records for the rule tests: synthetic people, explicit dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eligibility.california import CALIFORNIA_PROP64
from models.decisions import CaseDecision, ChargeDecision
from models.records import CaseRecord, Charge, Defendant, FieldInfo

AS_OF = dt.date(2026, 1, 15)
AUMA_EFFECTIVE = dt.date(2016, 11, 9)
DAY_BEFORE_AUMA = dt.date(2016, 11, 8)
BORN_1965 = dt.date(1965, 1, 1)  # 30 at a 1995 offense
OFFENSE_1995 = dt.date(1995, 3, 1)
DISPOSED_1995 = dt.date(1995, 6, 1)
THRESHOLD = 0.8


def charge(statute: str | None = "HS 11357(b)", **values: Any) -> Charge:
    defaults: dict[str, Any] = {
        "count": 1,
        "level": "misdemeanor",
        "disposition": "CONVICTED",
        "offense_date": OFFENSE_1995,
        "disposition_date": DISPOSED_1995,
    }
    defaults.update(values)
    return Charge(statute=statute, **defaults)


def felony(statute: str, **values: Any) -> Charge:
    return charge(statute, level="felony", **values)


def case(
    *charges: Charge,
    county: str = "LOS_ANGELES",
    number: str = "A100",
    born: dt.date | None = BORN_1965,
    deceased: bool | None = None,
    pc290_registered: bool | None = None,
    fields: dict[str, FieldInfo] | None = None,
    court: str | None = None,
) -> CaseRecord:
    defendant = Defendant(name="DOE, JANE", date_of_birth=born, deceased=deceased, pc290_registered=pc290_registered)
    return CaseRecord(
        case_id=f"c-{number}",
        jurisdiction=f"CA-{county}",
        case_number=number,
        defendant=defendant,
        charges=charges or (charge(),),
        fields=fields or {},
        court=court,
    )


def low_confidence(*paths: str, confidence: float = 0.3) -> dict[str, FieldInfo]:
    return {path: FieldInfo(confidence=confidence, status="auto") for path in paths}


def decide(
    *cases: CaseRecord, policy: str = "statutory", as_of: dt.date = AS_OF, threshold: float = THRESHOLD
) -> list[CaseDecision]:
    return CALIFORNIA_PROP64.decide(cases, as_of=as_of, policy=policy, confidence_threshold=threshold)


def decide_count(
    subject: Charge | CaseRecord, *others: CaseRecord, policy: str = "statutory", as_of: dt.date = AS_OF,
    born: dt.date | None = BORN_1965,
) -> ChargeDecision:
    """The decision of the first count of `subject`, decided with the person's other cases."""
    record = subject if isinstance(subject, CaseRecord) else case(subject, born=born)
    decisions = decide(*others, record, policy=policy, as_of=as_of)
    return decisions[-1].charges[0]


def rules_applied(decision: ChargeDecision) -> list[str]:
    return [entry.rule for entry in decision.trace]


def trace_of(decision: ChargeDecision, rule: str) -> dict[str, Any]:
    entries = [entry for entry in decision.trace if entry.rule == rule]
    assert entries, f"{rule} not in trace {rules_applied(decision)}"
    return {"result": entries[0].result, **entries[0].facts}
