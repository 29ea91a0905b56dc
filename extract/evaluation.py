"""Score extracted records against ground truth (records.md-shaped dicts), field by field.

Used by the accuracy benchmark and by the calibration fit: each compared value yields whether it
is right and the confidence extraction gave it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from extract.confidence import field_kind
from models.records import CaseRecord

# Grams are compared to a hundredth of a percent: conversions are exact, printing is not.
AMOUNT_RELATIVE_TOLERANCE = 1e-4
CASE_FIELDS = ("case_number", "defendant.name", "defendant.date_of_birth", "arrest_date")
CHARGE_FIELDS = ("statute", "disposition", "amount_grams", "offense_date", "disposition_date", "offense_class", "sentence_kind")


@dataclass(frozen=True)
class FieldResult:
    """One value compared with the truth; `confidence` is None when nothing was extracted."""

    kind: str
    path: str
    truth: Any
    value: Any
    correct: bool
    confidence: float | None
    status: str | None
    field: str | None = None  # the records.md path of the extracted value (`charges.0.statute`)
    case_id: str | None = None


def _same(name: str, truth: Any, value: Any) -> bool:
    if truth is None or value is None:
        return truth is None and value is None
    if name == "amount_grams":
        return abs(float(truth) - float(value)) <= AMOUNT_RELATIVE_TOLERANCE * max(1.0, abs(float(truth)))
    if isinstance(value, dt.date):
        value = value.isoformat()
    return str(truth) == str(value)


def _get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _match(truth_cases: list[dict[str, Any]], records: list[CaseRecord]) -> list[tuple[dict[str, Any], CaseRecord | None]]:
    """Pair each truth case with the extracted case of the same number, else the next unused one."""
    unused = list(records)
    pairs: list[tuple[dict[str, Any], CaseRecord | None]] = []
    for truth in truth_cases:
        found = next((r for r in unused if r.case_number and r.case_number == truth.get("case_number")), None)
        pairs.append((truth, found))
        if found is not None:
            unused.remove(found)
    for i, (truth, found) in enumerate(pairs):
        if found is None and unused:
            pairs[i] = (truth, unused.pop(0))
    return pairs


def compare_records(truth_cases: list[dict[str, Any]], records: list[CaseRecord], *, ignore: tuple[str, ...] = ()) -> list[FieldResult]:
    """Every truth or extracted value of the compared fields; both-null pairs are left out.

    Args:
        ignore: field names not to compare (a truth value the page does not print).
    """
    results: list[FieldResult] = []
    for truth, record in _match(truth_cases, records):
        data = record.to_dict() if record is not None else {}
        for path in CASE_FIELDS:
            if path in ignore:
                continue
            results.extend(_result(path, _get(truth, path), _get(data, path), record, path))
        extracted = {c["count"]: (i, c) for i, c in enumerate(data.get("charges", []))}
        for charge in truth.get("charges", []):
            position, found = extracted.get(charge["count"], (None, {}))
            for name in CHARGE_FIELDS:
                if name in ignore:
                    continue
                path = f"charges.{position}.{name}" if position is not None else None
                results.extend(_result(name, charge.get(name), found.get(name), record, path))
    return results


def _result(name: str, truth: Any, value: Any, record: CaseRecord | None, path: str | None) -> list[FieldResult]:
    if truth is None and value is None:
        return []
    info = record.fields.get(path) if record is not None and path else None
    kind = field_kind(name)
    return [
        FieldResult(
            kind, name, truth, value, _same(name, truth, value), info.confidence if info else None, info.status if info else None,
            path, record.case_id if record is not None else None,
        )
    ]


def unprinted_truth(truth: dict[str, Any]) -> tuple[str, ...]:
    """Truth fields a layout never prints: a rap sheet prints no offense date, yet the generator's
    truth gives one (reported to the fixtures owner); such values cannot be read, only guessed."""
    return ("offense_date",) if truth.get("layout") == "rap_sheet" else ()
