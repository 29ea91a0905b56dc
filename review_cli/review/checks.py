"""Hard checks: values that cannot be right as read, whatever their confidence."""

from __future__ import annotations

import datetime as dt
import re

from models.records import CaseRecord

# Cook County dockets this project reads start after the Cannabis Control Act (1971); a date
# before 1900 is a misread year, never a real one.
EARLIEST_PLAUSIBLE = dt.date(1900, 1, 1)
# Above a metric ton a "gram" figure is a misread unit or an extra digit.
MOST_GRAMS_PLAUSIBLE = 1_000_000.0
_COUNT_FIELD = re.compile(r"^charges\.(\d+)\.(\w+)$")


def failed_checks(record: CaseRecord, *, as_of: dt.date) -> dict[str, str]:
    """Field path → why its value fails a hard check, for every failing value of `record`."""
    failures: dict[str, str] = {}
    if record.case_number_text and not record.case_number:
        failures["case_number"] = "hard check: case number printed but not readable as a case number"
    for index, charge in enumerate(record.charges):
        prefix = f"charges.{index}."
        if charge.statute_text and not charge.statute:
            failures[prefix + "statute"] = "hard check: citation printed but not recognised"
        if charge.disposition_text and charge.disposition in (None, "UNKNOWN"):
            failures[prefix + "disposition"] = "hard check: disposition printed but not recognised"
        if charge.amount_text and charge.amount_grams is None:
            failures[prefix + "amount_grams"] = "hard check: amount printed but not readable as a weight"
        if charge.amount_grams is not None and not 0 < charge.amount_grams <= MOST_GRAMS_PLAUSIBLE:
            failures[prefix + "amount_grams"] = f"hard check: {charge.amount_grams:g} g is not a plausible amount"
        for name in ("offense_date", "disposition_date"):
            value = getattr(charge, name)
            if value is not None and not EARLIEST_PLAUSIBLE <= value <= as_of:
                failures[prefix + name] = f"hard check: {name.replace('_', ' ')} outside {EARLIEST_PLAUSIBLE.year}..{as_of}"
        if charge.offense_date and charge.disposition_date and charge.disposition_date < charge.offense_date:
            failures.setdefault(prefix + "disposition_date", "hard check: disposition dated before the offense")
    if record.arrest_date is not None and not EARLIEST_PLAUSIBLE <= record.arrest_date <= as_of:
        failures["arrest_date"] = f"hard check: arrest date outside {EARLIEST_PLAUSIBLE.year}..{as_of}"
    return failures


def field_name(path: str) -> str:
    """The kind of value a path holds: `charges.2.amount_grams` → `amount_grams`."""
    match = _COUNT_FIELD.match(path)
    return match.group(2) if match else path
