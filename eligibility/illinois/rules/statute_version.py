"""Which version of the Cannabis Control Act applies: the one in force on the offense date (spec §7.1)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import NamedTuple

from eligibility.illinois.statutes import CCA_APPROVED, CLASS_LABELS_FROM, CRTA_EFFECTIVE, RECUT_2016, TIERS_1997

RULE_ID = "statute_version"
CITATION = "720 ILCS 550 (P.A. 77-758, 90-397, 99-697)"
SUMMARY = (
    "The statute version is chosen by offense date, else the arrest or filing date (note "
    "version_date_fallback); a fallback date near a boundary that changes the result gives both readings."
)
EVIDENCE = "verified"

# Dates where the law changes for these records: the CCA itself, class labels, the 1997 tiers,
# the 2016 re-cut of §4 and the CRTA's effective date (and the day after it).
BOUNDARIES = (
    CCA_APPROVED,
    CLASS_LABELS_FROM,
    TIERS_1997,
    RECUT_2016,
    CRTA_EFFECTIVE,
    CRTA_EFFECTIVE + dt.timedelta(days=1),
)
# An engine assumption, not law: an offense whose date is unknown happened within the year before
# the date that bounds it (arrest, disposition or case-number year).
FALLBACK_WINDOW = dt.timedelta(days=366)
_NO_DATE_READINGS = (
    CCA_APPROVED - dt.timedelta(days=1),
    dt.date(1972, 6, 1),
    dt.date(1990, 1, 1),
    dt.date(2017, 1, 1),
    CRTA_EFFECTIVE,
    CRTA_EFFECTIVE + dt.timedelta(days=1),
)


class DateReading(NamedTuple):
    offense_date: dt.date
    version: str
    source: str  # offense_date | arrest_date | bound | none


def version_label(offense_date: dt.date) -> str:
    if offense_date < CCA_APPROVED:
        return "pre-CCA"
    if offense_date >= CRTA_EFFECTIVE:
        return "CCA-2019"
    if offense_date >= RECUT_2016:
        return "CCA-2016"
    if offense_date >= TIERS_1997:
        return "CCA-1997-tiers"
    return "CCA-1971"


@lru_cache(maxsize=16384)
def _known(offense_date: dt.date) -> tuple[tuple[DateReading, ...], None, tuple[str, ...]]:
    return (DateReading(offense_date, version_label(offense_date), "offense_date"),), None, ()


def offense_date_readings(
    offense_date: dt.date | None, arrest_date: dt.date | None, upper_bound: dt.date | None, *, as_of: dt.date
) -> tuple[tuple[DateReading, ...], str | None, tuple[str, ...]]:
    """Returns (readings, readings reason, notes)."""
    if offense_date is not None:
        return _known(offense_date)
    fallback, source = (arrest_date, "arrest_date") if arrest_date is not None else (upper_bound, "bound")
    if fallback is None:
        dates = tuple(d for d in _NO_DATE_READINGS if d <= as_of) or (as_of,)
        return tuple(DateReading(d, version_label(d), "none") for d in dates), "R_VERSION_BOUNDARY", ()
    earliest = fallback - FALLBACK_WINDOW
    dates = [fallback]
    for boundary in BOUNDARIES:
        if earliest < boundary <= fallback:
            dates.append(boundary - dt.timedelta(days=1))
            if boundary == CRTA_EFFECTIVE:
                dates.append(boundary)
    dates = sorted(set(dates))
    readings = tuple(DateReading(d, version_label(d), source) for d in dates)
    return readings, ("R_VERSION_BOUNDARY" if len(readings) > 1 else None), ("version_date_fallback",)
