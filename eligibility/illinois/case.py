"""Decide a case from its counts (spec §13.4 roll-up) and the person's other cases (spec §4.3)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from eligibility.illinois import codes
from eligibility.illinois.count import CountContext, CountOutcome, decide_count
from eligibility.illinois.rules.disposition import conviction_status
from eligibility.illinois.rules.violent_crime import VIOLENT, VIOLENT_IF_FACTS, classify_cocharge
from eligibility.illinois.statutes import parse_statute
from models.records import CaseRecord, Charge

_YEAR_4 = re.compile(r"^\s*((?:19|20)\d\d)(?=\s*-?\s*[A-Z])")
_YEAR_2 = re.compile(r"^\s*(\d\d)(?=\s*-?\s*[A-Z]|\d{9}$)")

# The fields of a count that each review reason asks a person to look at (routing for the review queue).
REASON_FIELDS: dict[str, tuple[str, ...]] = {
    "R_ACT_DATE_BOUNDARY": ("offense_date",),
    "R_I3_MISD_DELIVERY": ("statute", "offense_class"),
    "R_S7_I3_UNCLEAR": ("statute", "enhancements"),
    "R_MIXED_DISPOSITION": ("disposition",),
    "R_SOL_REINSTATED": ("disposition",),
    "R_BOND_FORFEITURE": ("disposition",),
    "R_SUPERVISION_OUTCOME_UNCLEAR": ("disposition", "sentence_kind"),
    "R_ORDINANCE_VIOLATION": ("statute", "description"),
    "R_PRE_CCA_UNDA": ("statute", "offense_date"),
    "R_AMOUNT_UNKNOWN": ("amount_grams", "statute", "offense_class"),
    "R_CLASS4_S4_AMBIGUOUS": ("statute", "amount_grams"),
    "R_GROSS_WEIGHT": ("amount_grams", "weight_basis"),
    "R_WEIGHT_CONFLICT": ("amount_grams", "statute"),
    "R_REDUCED_FROM_OVER_30": ("amount_grams", "statute"),
    "R_JUVENILE": (),
    "R_DISPOSITION_UNKNOWN": ("disposition",),
    "R_TASC": ("disposition",),
    "R_CERTIFICATE_OF_ELIGIBILITY": ("disposition",),
    "R_INSANITY_ACQUITTAL": ("disposition",),
    "R_ICSA_PROBATION_ON_CANNABIS": ("disposition", "sentence_kind"),
    "R_S5_CLASS_MISMATCH": ("statute", "offense_class"),
    "R_AMOUNT_STRADDLES_BOUNDARY": ("amount_grams",),
    "R_SENTENCE_MISSING": ("sentence_kind", "disposition"),
    "R_SENTENCE_CLASS_CONFLICT": ("sentence_kind", "offense_class"),
    "R_DISPOSITION_COUNT_MISMATCH": ("disposition", "statute", "offense_class"),
    "R_DEGREE_UNKNOWN": ("offense_class",),
    "R_CITATION_UNPARSED": ("statute", "description"),
    "R_CITATION_TEXT_CONFLICT": ("statute", "description"),
    "R_CITATION_DATE_CONFLICT": ("statute", "offense_date"),
    "R_VERSION_BOUNDARY": ("offense_date",),
    "R_TIER_DATE_UNKNOWN": (),
    "R_SUCCESSOR_CASE_MISSING": ("disposition",),
    "R_S7_UNATTACHED": ("enhancements",),
    "R_LOW_CONFIDENCE_FIELD": (),
}
# Reasons answered from the case rather than the count itself.
_CASE_FIELDS = {
    "R_TIER_DATE_UNKNOWN": ("arrest_date",),
    "R_ASSOCIATION_SCOPE": ("arrest_date",),
    "R_VERSION_BOUNDARY": ("arrest_date",),
}


def case_number_year(case_number: str | None, *, as_of: dt.date) -> int | None:
    """The year a Cook County case number starts with (spec §11): an upper bound on the arrest year."""
    if not case_number:
        return None
    return _case_number_year(case_number, as_of.year)


@lru_cache(maxsize=65536)
def _case_number_year(case_number: str, this_year: int) -> int | None:
    match = _YEAR_4.match(case_number)
    if match:
        return int(match[1])
    match = _YEAR_2.match(case_number)
    if not match:
        return None
    two = int(match[1])
    return 2000 + two if 2000 + two <= this_year else 1900 + two


def _violent_arrest_dates(cases: Sequence[CaseRecord]) -> dict[dt.date, set[int]]:
    dates: dict[dt.date, set[int]] = {}
    for index, case in enumerate(cases):
        if case.arrest_date is None:
            continue
        if any(classify_cocharge(c.statute, c.description, c.offense_class) in (VIOLENT, VIOLENT_IF_FACTS) for c in case.charges):
            dates.setdefault(case.arrest_date, set()).add(index)
    return dates


def same_date_violence(cases: Sequence[CaseRecord]) -> list[bool]:
    """For each case: does another case of the person hold a violent count on the same arrest date?

    Records carry no arrest or booking identifier, so such a case is never taken as linked; it
    gives the readings of ambiguity A3 (R_ASSOCIATION_SCOPE).
    """
    if len(cases) < 2:
        return [False] * len(cases)
    dates = _violent_arrest_dates(cases)
    return [
        case.arrest_date is not None and bool(dates.get(case.arrest_date, set()) - {index})
        for index, case in enumerate(cases)
    ]


class CaseCounts(NamedTuple):
    counts: list[CountOutcome]
    cocharge_classes: list[str]


def decide_counts(
    record: CaseRecord,
    *,
    as_of: dt.date,
    violence_elsewhere: bool,
    with_trace: bool = True,
    memo: dict[tuple[Charge, CountContext], CountOutcome] | None = None,
) -> CaseCounts:
    """Every count of a case, each read against the others (violent co-charges, other convictions, §7).

    Args:
        memo: outcomes already decided for a (count, context), reused when the same count is
            decided again in the same context (the alternatives of one uncertain value).
    """
    charges = record.charges
    single = len(charges) == 1
    # A count alone in its case has no co-charges, other convictions or unattached §7 to read.
    classes = [] if single else [classify_cocharge(c.statute, c.description, c.offense_class) for c in charges]
    statuses = [] if single else [conviction_status(c.disposition, c.sentence_kind) for c in charges]
    s7_unattached = False
    for c in () if single else charges:
        if c.statute:
            cited = parse_statute(c.statute)
            if cited is not None and cited.act == "CCA" and cited.section == "7":
                s7_unattached = True
    latest = None
    if record.arrest_date is None:
        year = case_number_year(record.case_number, as_of=as_of)
        if year is not None:
            latest = dt.date(year, 12, 31)
    counts = []
    for index, charge in enumerate(charges):
        if single:
            ctx = CountContext(record.arrest_date, latest, (), (), False, violence_elsewhere, as_of)
        else:
            ctx = CountContext(
                arrest_date=record.arrest_date,
                arrest_latest=latest,
                cocharge_classes=(*classes[:index], *classes[index + 1 :]),
                other_convictions=(*statuses[:index], *statuses[index + 1 :]),
                s7_unattached=s7_unattached and not (charge.statute and "550/7" in charge.statute),
                same_date_violence=violence_elsewhere,
                as_of=as_of,
            )
        if memo is None:
            counts.append(decide_count(charge, ctx, with_trace=with_trace))
            continue
        outcome = memo.get((charge, ctx))
        if outcome is None:
            outcome = memo[(charge, ctx)] = decide_count(charge, ctx, with_trace=with_trace)
        counts.append(outcome)
    return CaseCounts(counts, classes)


class RollUp(NamedTuple):
    outcome: str
    headline: CountOutcome | None
    relief_paths: tuple[str, ...]
    needs_review: bool
    review_reasons: tuple[str, ...]


def roll_up(counts: list[CountOutcome]) -> RollUp:
    """The case outcome from its counts (spec §13.4)."""
    if len(counts) == 1:
        count = counts[0]
        reasons = tuple(count.review_reasons)
        relief = count.relief_paths if count.cca else ()
        if count.cca or count.outcome in (codes.NO_FINAL_DISPOSITION, codes.MANUAL_REVIEW):
            return RollUp(count.outcome, count, relief, bool(reasons), reasons)
        return RollUp(codes.NOT_CANNABIS, count, relief, bool(reasons), reasons)
    paths: set[str] = set()
    reasons: dict[str, None] = {}
    for count in counts:
        if count.cca:
            paths.update(count.relief_paths)
        for reason in count.review_reasons:
            reasons.setdefault(reason, None)
    relief = tuple(p for p in codes.RELIEF_PATH_ORDER if p in paths)
    needs_review = bool(reasons)
    open_counts = [c for c in counts if c.outcome == codes.NO_FINAL_DISPOSITION]
    if open_counts:
        return RollUp(codes.NO_FINAL_DISPOSITION, open_counts[0], relief, needs_review, tuple(reasons))
    cannabis = [c for c in counts if c.cca]
    if not cannabis:
        manual = [c for c in counts if c.outcome == codes.MANUAL_REVIEW]
        if manual:
            return RollUp(codes.MANUAL_REVIEW, manual[0], relief, needs_review, tuple(reasons))
        return RollUp(codes.NOT_CANNABIS, counts[0] if counts else None, relief, needs_review, tuple(reasons))
    rank = {code: i for i, code in enumerate(codes.CASE_HEADLINE_ORDER)}
    headline = min(cannabis, key=lambda c: (rank.get(c.outcome, len(rank)), c.count))
    return RollUp(headline.outcome, headline, relief, needs_review, tuple(reasons))


def questions_and_fields(
    counts: list[CountOutcome], cocharge_classes: list[str], uncertain_fields: list[str]
) -> dict[str, list[str]]:
    """Each question a person must answer (one per count and review reason), with the field paths
    it concerns, so the review queue can route it.

    `uncertain_fields` are the low-confidence values that change a result.
    """
    questions: dict[str, list[str]] = {}
    for index, count in enumerate(counts):
        for reason in count.review_reasons:
            question = codes.QUESTIONS[reason].format(count=count.count)
            fields: dict[str, None] = {}
            if reason == "R_LOW_CONFIDENCE_FIELD":
                own = [p for p in uncertain_fields if p.startswith(f"charges.{index}.") or not p.startswith("charges.")]
                fields.update(dict.fromkeys(own or uncertain_fields))
                question = f"{question} ({', '.join(fields)})"
            for name in REASON_FIELDS.get(reason, ()):
                fields.setdefault(f"charges.{index}.{name}", None)
            for path in _CASE_FIELDS.get(reason, ()):
                fields.setdefault(path, None)
            if reason in ("R_VIOLENT_COCHARGE_UNCLEAR", "R_SIMPLE_BATTERY_COCHARGE"):
                wanted = ("VIOLENT_IF_FACTS", "UNKNOWN") if reason == "R_VIOLENT_COCHARGE_UNCLEAR" else ("NOT_VIOLENT_FLAG",)
                for other, klass in enumerate(cocharge_classes):
                    if other != index and klass in wanted:
                        fields.setdefault(f"charges.{other}.description", None)
                        fields.setdefault(f"charges.{other}.statute", None)
            questions[question] = list(fields)
    return questions
