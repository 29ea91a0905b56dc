"""Which extracted values a rule set may not take on trust, and records with one value changed.

A value counts as uncertain when its field confidence is below the run's threshold (or unknown
while the extractor marked it for review) and no person has reviewed it. Rule sets decide every
plausible alternative of such values (spec/illinois-crta.md §2.3 principle 4).
"""

from __future__ import annotations

from typing import Any

from eligibility.frozen import replaced
from models.records import CaseRecord


def uncertain_paths(record: CaseRecord, threshold: float, *, relevant: frozenset[str]) -> list[str]:
    """Field paths of `record` whose values are uncertain and whose last part is in `relevant`.

    `relevant` names the values a rule set reads ("statute", "arrest_date" …), so an uncertain
    defendant name or page number never multiplies the work.
    """
    if not record.fields:
        return []
    paths = []
    for path, info in record.fields.items():
        if info.status == "reviewed":
            continue
        if info.confidence is None:
            if info.status != "needs_review":
                continue
        elif info.confidence >= threshold:
            continue
        if path.rpartition(".")[2] in relevant:
            paths.append(path)
    return sorted(paths, key=_path_order)


def _path_order(path: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else part for part in path.split("."))


def value_at(record: CaseRecord, path: str) -> Any:
    parts = path.split(".")
    if parts[0] == "charges" and len(parts) == 3:
        index = int(parts[1])
        if index >= len(record.charges):
            return None
        return getattr(record.charges[index], parts[2])
    node: Any = record
    for part in parts:
        node = getattr(node, part, None)
    return node


def with_value(record: CaseRecord, path: str, value: Any) -> CaseRecord:
    """A copy of `record` with the value at `path` (`arrest_date`, `charges.1.disposition`) replaced."""
    parts = path.split(".")
    if parts[0] == "charges" and len(parts) == 3:
        index = int(parts[1])
        if index >= len(record.charges):
            return record
        charges = list(record.charges)
        charges[index] = replaced(charges[index], {parts[2]: value})
        return replaced(record, {"charges": tuple(charges)})
    if len(parts) == 1:
        return replaced(record, {parts[0]: value})
    if len(parts) == 2 and parts[0] == "defendant":
        return replaced(record, {"defendant": replaced(record.defendant, {parts[1]: value})})
    raise ValueError(f"cannot vary field path {path!r}")
