"""How much cannabis a count concerns, as a gram range (spec §7.6 inference, §7.7 units)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from eligibility.illinois.statutes import (
    CCA_BRACKETS,
    CLASS_LABELS_FROM,
    MISDEMEANOR,
    S5_CLASS_STEP_UP,
    Bracket,
    boundaries,
    bracket_by_grams,
    bracket_for,
    bracket_text,
    class_ranges,
    grams_in_text,
    is_approximate,
    level_of,
    normalize_class,
    says_subsequent,
    subsection_of,
)

RULE_ID = "amount"
CITATION = "720 ILCS 550/4, 550/5"
SUMMARY = (
    "The gram range comes from, in order: the written weight, the subsection, the section and class, "
    "bracket text; the subsection of conviction governs a conflicting weight (R_WEIGHT_CONFLICT)."
)
EVIDENCE = "verified"

SUBSECTIONS = "abcdefg"


class AmountReading(NamedTuple):
    section: str  # "4", "5", "6", or "5.2" when a §5 class mismatch reads as school zone
    subsection: str | None
    grams_gt: float | None
    grams_le: float | None  # None = unbounded
    offense_class: str | None
    level: str | None
    subsequent: bool
    i3: bool | None  # None: the spec calls (i)(3) coverage unclear
    step: str  # grams | subsection | class | text | unknown | casual_delivery


class AmountResult(NamedTuple):
    readings: tuple[AmountReading, ...]
    reason: str | None  # the readings reason when there are several
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def _reading(section: str, bracket: Bracket, *, subsequent: bool, step: str, gt=None, le=None) -> AmountReading:
    row = bracket.subsequent if subsequent and bracket.subsequent else bracket
    return AmountReading(
        section,
        subsection_of(section, bracket),
        bracket.grams_gt if gt is None else gt,
        bracket.grams_le if le is None else le,
        row.offense_class,
        row.level,
        subsequent and bracket.subsequent is not None,
        row.i3,
        step,
    )


def _brackets_at(section: str, offense_date: dt.date) -> list[Bracket]:
    rows = []
    for sub in SUBSECTIONS:
        row = bracket_for(section, sub, offense_date)
        if row is not None and row.start <= offense_date:
            rows.append(row)
    return rows


def _overlapping(section: str, offense_date: dt.date, low: float, high: float | None, step: str, klass: str | None):
    readings = []
    for row in _brackets_at(section, offense_date):
        if high is not None and row.grams_gt >= high:
            continue
        if row.grams_le is not None and row.grams_le <= low:
            continue
        le = row.grams_le if high is None else (high if row.grams_le is None else min(row.grams_le, high))
        gt = max(row.grams_gt, low)
        subsequent = klass is not None and row.subsequent is not None and klass == row.subsequent.offense_class
        readings.append(_reading(section, row, subsequent=subsequent, step=step, gt=gt, le=le))
    return readings


def _every_bracket(section: str, offense_date: dt.date) -> tuple[AmountReading, ...]:
    readings = []
    for row in _brackets_at(section, offense_date):
        readings.append(_reading(section, row, subsequent=False, step="unknown"))
        if row.subsequent:
            readings.append(_reading(section, row, subsequent=True, step="unknown"))
    return tuple(readings)


# The days on which what the statute table says about amounts changes: each version's first day
# (the day after the one before it ends) and the first day of class labels. Offense dates from one
# of them to the next read alike, so readings are computed once for each stretch.
_FIRST_DAYS = tuple(
    sorted(
        {CLASS_LABELS_FROM}
        | {row.start for rows in CCA_BRACKETS.values() for row in rows}
        | {row.end + dt.timedelta(days=1) for rows in CCA_BRACKETS.values() for row in rows if row.end}
    )
)
_BEFORE_ALL = _FIRST_DAYS[0] - dt.timedelta(days=1)


def version_day(offense_date: dt.date) -> dt.date:
    """The first day of the stretch `offense_date` falls in: it gives the same amount readings."""
    index = bisect_right(_FIRST_DAYS, offense_date)
    return _FIRST_DAYS[index - 1] if index else _BEFORE_ALL


def amount_readings(
    section: str,
    subsection: str | None,
    offense_class: str | None,
    grams: float | None,
    weight_basis: str | None,
    amount_text: str | None,
    description: str | None,
    sentence_text: str | None,
    offense_date: dt.date,
) -> AmountResult:
    """The gram-range readings of one §4/§5/§6 count under the version in force on `offense_date`."""
    return readings_on(
        section, subsection, offense_class, grams, weight_basis, amount_text, description, sentence_text,
        version_day(offense_date),
    )


@lru_cache(maxsize=4096)
def readings_on(
    section: str,
    subsection: str | None,
    offense_class: str | None,
    grams: float | None,
    weight_basis: str | None,
    amount_text: str | None,
    description: str | None,
    sentence_text: str | None,
    offense_date: dt.date,
) -> AmountResult:
    """amount_readings for an offense on exactly `offense_date` (readings are shared: immutable)."""
    klass = normalize_class(offense_class) if offense_class else None
    if section == "6":
        level = level_of(klass) or MISDEMEANOR
        return AmountResult((AmountReading("6", None, 0.0, 10.0, klass, level, False, None, "casual_delivery"),), None)
    subsequent_text = bool(
        (description and says_subsequent(description)) or (sentence_text and says_subsequent(sentence_text))
    )
    if grams is None and amount_text:
        grams = grams_in_text(amount_text)
    notes = ("weight_basis_unknown",) if grams is not None and weight_basis is None else ()

    row = bracket_for(section, subsection, offense_date) if subsection else None
    if row is not None:
        return _from_subsection(section, row, klass, subsequent_text, grams, weight_basis, notes)
    if grams is not None and grams > 0:
        result = _from_grams(section, grams, klass, weight_basis, amount_text, offense_date, notes)
        if result is not None:
            return result
    if klass is not None and offense_date >= CLASS_LABELS_FROM:
        ranges = class_ranges(section, klass, offense_date)
        if section == "4" and klass == "4" and subsequent_text:
            ranges = tuple(r for r in ranges if r.subsequent)
        if ranges:
            level = level_of(klass)
            readings = tuple(
                AmountReading(section, r.subsection, r.grams_gt, r.grams_le, klass, level, r.subsequent, r.i3, "class")
                for r in ranges
            )
            reason = None
            if len(readings) > 1:
                reason = "R_CLASS4_S4_AMBIGUOUS" if klass == "4" else "R_AMOUNT_UNKNOWN"
            return AmountResult(readings, reason, (), notes)
    for text in (description, amount_text):
        written = bracket_text(text) if text else None
        if written:
            readings = _overlapping(section, offense_date, written[0], written[1], "text", klass)
            if readings:
                return AmountResult(tuple(readings), "R_AMOUNT_UNKNOWN" if len(readings) > 1 else None, (), notes)
    unreadable_degree = offense_class is not None and klass is None
    return AmountResult(
        _every_bracket(section, offense_date), "R_DEGREE_UNKNOWN" if unreadable_degree else "R_AMOUNT_UNKNOWN", (), notes
    )


def _from_subsection(section, row, klass, subsequent_text, grams, weight_basis, notes) -> AmountResult:
    flags: tuple[str, ...] = ()
    step, le = "subsection", None
    if grams is not None:
        below = grams <= row.grams_gt
        above = row.grams_le is not None and grams > row.grams_le and weight_basis != "gross"
        if below or above:
            flags = ("R_WEIGHT_CONFLICT",)
        elif weight_basis != "gross":
            # A written weight inside the subsection's bracket is the amount (§7.6 step 1).
            step, le = "grams", grams
    base = _reading(section, row, subsequent=False, step=step, le=le)
    if klass is None or klass == row.offense_class:
        if klass is None and subsequent_text and row.subsequent:
            return AmountResult((_reading(section, row, subsequent=True, step=step, le=le),), None, flags, notes)
        return AmountResult((base,), None, flags, notes)
    if row.subsequent and klass == row.subsequent.offense_class:
        return AmountResult((_reading(section, row, subsequent=True, step=step, le=le),), None, flags, notes)
    if section == "5" and S5_CLASS_STEP_UP.get(base.subsection) == klass:
        school_zone = base._replace(section="5.2", offense_class=klass, level=level_of(klass), i3=False)
        return AmountResult((base, school_zone), "R_S5_CLASS_MISMATCH", flags, notes)
    # The subsection of conviction governs (§7.6 step 1); the class that contradicts it is kept in the trace.
    return AmountResult((base,), None, flags, notes)


def _from_grams(section, grams, klass, weight_basis, amount_text, offense_date, notes) -> AmountResult | None:
    if weight_basis == "gross":
        readings = _overlapping(section, offense_date, 0.0, grams, "grams", klass)
        if readings:
            return AmountResult(tuple(readings), "R_GROSS_WEIGHT" if len(readings) > 1 else None, (), notes)
        return None
    if amount_text and is_approximate(amount_text):
        for boundary in boundaries(section, offense_date):
            if abs(grams - boundary) <= 0.1 * boundary:
                below = bracket_by_grams(section, boundary, offense_date)
                above = bracket_by_grams(section, boundary * 1.0001, offense_date)
                readings = [
                    _reading(section, row, subsequent=_is_subsequent(row, klass), step="grams", le=le)
                    for row, le in ((below, boundary), (above, None))
                    if row is not None
                ]
                if readings:
                    return AmountResult(tuple(readings), "R_AMOUNT_STRADDLES_BOUNDARY", (), notes)
    row = bracket_by_grams(section, grams, offense_date)
    if row is None:
        return None
    return AmountResult(
        (_reading(section, row, subsequent=_is_subsequent(row, klass), step="grams", le=grams),), None, (), notes
    )


def _is_subsequent(row: Bracket, klass: str | None) -> bool:
    return klass is not None and row.subsequent is not None and klass == row.subsequent.offense_class


def reduced_from_over_30(grams: float | None, weight_basis: str | None, amount_text: str | None, reading: AmountReading) -> bool:
    """An arrest that concerned more than 30 g (net, as written) charged in a bracket of 30 g or less (ambiguity A15)."""
    if reading.step == "grams" or weight_basis == "gross":
        return False
    if grams is None and amount_text:
        grams = grams_in_text(amount_text)
    return grams is not None and grams > 30.0 and reading.grams_le is not None and reading.grams_le <= 30.0
