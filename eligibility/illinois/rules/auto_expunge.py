"""(i)(1): automatic expungement of non-conviction Minor Cannabis Offense records (spec §5.1)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import NamedTuple

RULE_ID = "auto_expunge"
CITATION = "20 ILCS 2630/5.2(i)(1)"
SUMMARY = (
    "Law enforcement and ISP expunge arrest, supervision and qualified-probation records of an MCO "
    "committed before the Act, once a year has passed since the arrest, by a deadline set by the "
    "arrest date (before 2000: 1 Jan 2025; 2000-2012: 1 Jan 2023; 2013 on: 1 Jan 2021)."
)
EVIDENCE = "verified"

# (first arrest date, last arrest date, expunge by); yaml crta.paths.auto_expunge.tiers
TIERS = (
    (dt.date.min, dt.date(1999, 12, 31), dt.date(2025, 1, 1)),
    (dt.date(2000, 1, 1), dt.date(2012, 12, 31), dt.date(2023, 1, 1)),
    (dt.date(2013, 1, 1), dt.date(2019, 6, 25), dt.date(2021, 1, 1)),
)


class Deadline(NamedTuple):
    one_year_elapsed: bool | None  # None: the arrest date cannot say
    expunge_by: dt.date | None
    notes: tuple[str, ...]
    flag: str | None


def _one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 Feb
        return day.replace(year=day.year + 1, day=28)


def _tier(day: dt.date) -> dt.date | None:
    for first, last, expunge_by in TIERS:
        if first <= day <= last:
            return expunge_by
    return None


def deadline(arrest_date: dt.date | None, earliest: dt.date | None, latest: dt.date | None, *, as_of: dt.date) -> Deadline:
    """When (i)(1) applies and by when, from the arrest date or the bounds on it.

    Args:
        earliest: a lower bound on an unknown arrest date (the offense date).
        latest: an upper bound on it (filing or disposition date, end of the case-number year).
    """
    if arrest_date is not None:
        return _deadline(arrest_date, arrest_date, True, as_of)
    return _deadline(earliest, latest, False, as_of)


# A known arrest date is all that matters then, and a backlog has only so many distinct days.
@lru_cache(maxsize=16384)
def _deadline(earliest: dt.date | None, latest: dt.date | None, arrest_known: bool, as_of: dt.date) -> Deadline:
    if latest is not None and _one_year_after(latest) <= as_of:
        elapsed: bool | None = True
    elif earliest is not None and _one_year_after(earliest) > as_of:
        elapsed = False
    else:
        elapsed = None
    notes: list[str] = []
    expunge_by = None
    if latest is not None:
        last_tier = _tier(latest)
        first_tier = _tier(earliest) if earliest is not None else TIERS[0][2]
        if last_tier is not None and last_tier == first_tier:
            expunge_by = last_tier
            if not arrest_known:
                notes.append("tier_from_filing_date")
    if expunge_by is None:
        return Deadline(elapsed, None, tuple(notes), "R_TIER_DATE_UNKNOWN")
    if as_of >= expunge_by:
        notes.append("expunge_deadline_passed")
    return Deadline(elapsed, expunge_by, tuple(notes), None)
