"""Calendar arithmetic of the reference-date rule (spec §2.4).

"N years before D" is D with the year minus N. A 29 February moved into a non-leap year becomes
1 March, as Go's `AddDate` does in the peer tools.
"""

from __future__ import annotations

import datetime as dt

DAYS_PER_YEAR_FRACTIONAL = 365.25


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Whole years from the date of birth to `day`."""
    years = day.year - date_of_birth.year
    if add_years(date_of_birth, years) > day:
        years -= 1
    return years


def fractional_years(start: dt.date, end: dt.date) -> float:
    """The peers' fractional years: days / 365.25, kept only where a preset reproduces them."""
    return (end - start).days / DAYS_PER_YEAR_FRACTIONAL
