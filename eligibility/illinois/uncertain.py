"""Low-confidence values count only where they matter (spec §2.3 principle 4, R_LOW_CONFIDENCE_FIELD).

Each uncertain value is replaced in turn by alternatives that cover every way the rules can treat
that kind of value (each gram bracket, each canonical disposition, each side of each date
boundary …). A count keeps its result only if every combination gives it the same relief; the
values whose alternatives change a result are the ones a person must check.
"""

from __future__ import annotations

import datetime as dt
import itertools
from math import prod
from typing import Any, NamedTuple

from eligibility.illinois import codes
from eligibility.illinois.case import CaseCounts, decide_counts
from eligibility.illinois.count import CountOutcome
from eligibility.illinois.rules import statute_version
from eligibility.illinois.rules.disposition import DEFAULT_TERM_MONTHS, SENTENCE_KINDS
from eligibility.illinois.rules.sentence_hints import term_months
from eligibility.illinois.statutes import CCA_APPROVED, CLASS_LABELS_FROM, CRTA_EFFECTIVE, RECUT_2016, is_approximate
from eligibility.uncertainty import uncertain_paths, value_at, with_value
from models.records import CaseRecord

# The values the Illinois rules read; an uncertain name or page never multiplies the work.
RELEVANT = frozenset(
    {
        "arrest_date",
        "case_number",
        "statute",
        "description",
        "offense_class",
        "amount_grams",
        "weight_basis",
        "offense_date",
        "disposition",
        "sentence_kind",
        "disposition_date",
        "enhancements",
    }
)
# Beyond this many combinations the engine stops enumerating and sends the case to a person.
MAX_WORLDS = 4096

# One value for each way the rules treat a statute: each bracket that can be eligible, one that
# never is, the sections without brackets, and the other Acts (drug, violent, simple battery, other).
_STATUTES = (
    *(f"720 ILCS 550/4({sub})" for sub in "abcde"),
    *(f"720 ILCS 550/5({sub})" for sub in "abcde"),
    *(f"720 ILCS 550/{section}" for section in ("4", "5", "6", "7", "8", "10")),
    "720 ILCS 570/402(c)",
    "720 ILCS 5/12-3",
    "720 ILCS 5/12-3.2",
    "720 ILCS 5/16A-3",
    "625 ILCS 5/11-501",
)
_DESCRIPTIONS = (
    "POSS CANNABIS",
    "POSS CANNABIS 2ND",
    "MFG/DEL CANNABIS",
    "CASUAL DEL CANN",
    "DEL CANNABIS TO MINOR",
    "DEL CANN ON SCHOOL GRNDS",
    "CANNABIS TRAFFICKING",
    "PCS",
    "DUI",
    "DUI INJURY",
    "VILLAGE ORD CANNABIS",
    "MARIHUANA",
    "AGG BATTERY",
    "AGG ASSAULT",
    "BATTERY",
    "THEFT",
    "XXXX",
)
_CLASSES = ("C", "B", "A", "4", "3", "2", "1", "X", "civil")
# One weight inside each bracket of either version of §4 and §5.
_GRAMS = (1.0, 5.0, 20.0, 60.0, 200.0, 1000.0, 3000.0, 10000.0)
_BOUNDARY_GRAMS = (2.5, 10.0, 30.0, 100.0, 500.0, 2000.0, 5000.0)
# Dispositions the rules treat alike share one representative (DISMISSED for the plain
# non-convictions, UNKNOWN for the ones that leave conviction open and go to a person).
_DISPOSITIONS = (
    "DISMISSED",
    "NOLLE_PLEA_TO_OTHER_COUNT",
    "STRICKEN_WITH_LEAVE",
    "SUPERVISION_COMPLETED",
    "SUPERVISION_ORDERED",
    "SUPERVISION_REVOKED",
    "QUALIFIED_PROBATION_COMPLETED",
    "QUALIFIED_PROBATION_ORDERED",
    "QUALIFIED_PROBATION_REVOKED",
    "CONVICTED",
    "CONVICTED_CE",
    "ACQUITTED_INSANITY",
    "NO_FINAL_DISPOSITION",
    "UNKNOWN",
)
# Where a date changes what a rule decides: the deadline tiers of the arrest date (§5.1), and the
# statute versions and the Act for the offense date (§7.1, §6).
_TIER_EDGES = (dt.date(2000, 1, 1), dt.date(2013, 1, 1), CRTA_EFFECTIVE + dt.timedelta(days=1))
_VERSION_EDGES = (CCA_APPROVED, CLASS_LABELS_FROM, RECUT_2016, CRTA_EFFECTIVE, CRTA_EFFECTIVE + dt.timedelta(days=1))
_ORDERED = frozenset({"SUPERVISION_ORDERED", "QUALIFIED_PROBATION_ORDERED"})


def _dates(name: str, record: CaseRecord, paths: list[str], as_of: dt.date) -> tuple[dt.date, ...]:
    """The first day of each stretch of dates the rules treat alike, and a day before them all.

    Only the boundaries a date of this kind can cross in this record count: a version boundary
    matters to an arrest or disposition date only where some offense date is missing (or
    uncertain), a term's end only where supervision or probation was ordered (or the
    disposition is uncertain).
    """
    edges = set(_TIER_EDGES)
    # A year since the arrest (§5.1).
    edges.update((as_of - dt.timedelta(days=365), as_of - dt.timedelta(days=366)))
    if name == "offense_date":
        edges.update(_VERSION_EDGES)
    elif any(c.offense_date is None for c in record.charges) or any(p.endswith(".offense_date") for p in paths):
        # An unknown offense date falls back on this date, within a year of a boundary (§7.1).
        edges.update(_VERSION_EDGES)
        edges.update(b + statute_version.FALLBACK_WINDOW for b in _VERSION_EDGES)
    if any(c.disposition in _ORDERED for c in record.charges) or any(p.endswith(".disposition") for p in paths):
        # The end of a supervision or probation term before as_of (ambiguity A9).
        terms = {DEFAULT_TERM_MONTHS}
        terms.update(m for c in record.charges if c.sentence_text and (m := term_months(c.sentence_text)))
        edges.update(as_of - dt.timedelta(days=months * 30.5) for months in terms)
    edges.add(min(edges) - dt.timedelta(days=1))
    return tuple(sorted(d for d in edges if d <= as_of))


def alternatives(path: str, value: Any, record: CaseRecord, paths: list[str], *, as_of: dt.date) -> tuple[Any, ...]:
    """The value as read first, then one value for each way the rules can treat that kind of value.

    `paths` are all the uncertain values of the record, whose alternatives combine with these.
    """
    name = path.rpartition(".")[2]
    if name == "statute":
        options: tuple[Any, ...] = (None, *_STATUTES)
    elif name == "description":
        options = (None, *_DESCRIPTIONS)
    elif name == "offense_class":
        options = (None, *_CLASSES)
    elif name == "amount_grams":
        options = (None, *_GRAMS)
        charge = record.charges[int(path.split(".")[1])]
        if charge.amount_text and is_approximate(charge.amount_text):
            options += tuple(g for b in _BOUNDARY_GRAMS for g in (b * 0.95, b * 1.05))
    elif name == "weight_basis":
        options = (None, "net", "gross")
    elif name == "disposition":
        options = _DISPOSITIONS
    elif name == "sentence_kind":
        options = (None, *SENTENCE_KINDS)
    elif name == "enhancements":
        options = ((), ("720 ILCS 550/7",), ("SCHOOL ZONE",))
    elif name in ("offense_date", "arrest_date", "disposition_date"):
        options = (None, *_dates(name, record, paths, as_of))
    else:  # case_number: known or not, as an upper bound on the arrest date
        options = (None,)
    seen: dict[Any, None] = {value: None}
    for option in options:
        seen.setdefault(option, None)
    return tuple(seen)


class Uncertainty(NamedTuple):
    counts: CaseCounts
    fields: list[str]  # the uncertain paths whose alternatives change a result


def _relief(count: CountOutcome) -> tuple[Any, ...]:
    """What a person acting on the result would do differently: the relief, or having to ask."""
    stance = count.outcome if count.outcome in (codes.NO_FINAL_DISPOSITION, codes.MANUAL_REVIEW) else "none"
    return (count.relief_paths, stance, count.mco is True, count.expunge_by)


def decide_with_uncertainty(
    record: CaseRecord, *, as_of: dt.date, violence_elsewhere: bool, threshold: float
) -> Uncertainty:
    paths = uncertain_paths(record, threshold, relevant=RELEVANT)
    if not paths:
        return Uncertainty(decide_counts(record, as_of=as_of, violence_elsewhere=violence_elsewhere), [])
    # Most alternatives change one count and leave the others' contexts as they were.
    memo: dict = {}
    base = decide_counts(record, as_of=as_of, violence_elsewhere=violence_elsewhere, memo=memo)
    options = [alternatives(p, value_at(record, p), record, paths, as_of=as_of) for p in paths]
    exhaustive = prod(len(o) for o in options) <= MAX_WORLDS
    if exhaustive:
        combos = list(itertools.product(*(range(len(o)) for o in options)))
    else:
        zero = (0,) * len(paths)
        combos = [zero] + [
            tuple(i if j == k else 0 for j in range(len(paths))) for k, o in enumerate(options) for i in range(1, len(o))
        ]
    # One uncertain value of a one-count case: once two alternatives disagree and no path is left
    # that every alternative grants, the value matters and nothing more can be asserted.
    stop_early = len(paths) == 1 and len(record.charges) == 1
    base_key = tuple(_relief(c) for c in base.counts)
    common = set(base.counts[0].relief_paths) if stop_early else set()
    stopped = False
    worlds: dict[tuple[int, ...], list[CountOutcome]] = {}
    keys: dict[tuple[int, ...], tuple] = {}
    for combo in combos:
        if not any(combo):
            worlds[combo], keys[combo] = base.counts, base_key
            continue
        varied = record
        for path, option, index in zip(paths, options, combo):
            if index:
                varied = with_value(varied, path, option[index])
        counts = decide_counts(varied, as_of=as_of, violence_elsewhere=violence_elsewhere, with_trace=False, memo=memo).counts
        worlds[combo], keys[combo] = counts, tuple(_relief(c) for c in counts)
        if stop_early:
            common &= set(counts[0].relief_paths)
            if not common and keys[combo] != base_key:
                stopped = True
                break
    if stopped:
        return Uncertainty(CaseCounts([_merge_worlds(base.counts[0], [], assert_nothing=True)], base.cocharge_classes), paths)
    mattering = []
    for j, path in enumerate(paths):
        groups: dict[tuple[int, ...], set] = {}
        for combo, key in keys.items():
            groups.setdefault(combo[:j] + combo[j + 1 :], set()).add(key)
        if any(len(g) > 1 for g in groups.values()):
            mattering.append(path)
    if exhaustive and not mattering:
        return Uncertainty(base, [])
    merged = []
    for k, count in enumerate(base.counts):
        results = [counts[k] for counts in worlds.values()]
        if exhaustive and len({_relief(c) for c in results}) == 1:
            merged.append(count)
            continue
        # Combinations left unexplored may deny any path, so nothing is asserted then.
        merged.append(_merge_worlds(count, results, assert_nothing=not exhaustive))
    return Uncertainty(CaseCounts(merged, base.cocharge_classes), mattering or list(paths))


def _merge_worlds(base: CountOutcome, results: list[CountOutcome], *, assert_nothing: bool) -> CountOutcome:
    """A count whose result depends on uncertain values: only what every world grants is asserted.

    `results` are the count's outcomes in the alternatives decided; none when enumeration stopped early.
    """
    asserted = frozenset() if assert_nothing else frozenset.intersection(*(frozenset(c.relief_paths) for c in results))
    if asserted:
        outcome = next(p for p in codes.RELIEF_PATH_ORDER if p in asserted)
    else:
        outcome = codes.MANUAL_REVIEW
    # With no results (enumeration stopped early) MCO and conviction stay unknown.
    mcos = {c.mco for c in results} or {None}
    convictions = {c.conviction for c in results} or {None}
    deadlines = {c.expunge_by for c in results}
    notes = [n for n in base.notes if results and all(n in c.notes for c in results)]
    reasons = list(base.review_reasons)
    if "R_LOW_CONFIDENCE_FIELD" not in reasons:
        reasons.append("R_LOW_CONFIDENCE_FIELD")
    return CountOutcome(
        count=base.count,
        outcome=outcome,
        relief_paths=tuple(p for p in codes.RELIEF_PATH_ORDER if p in asserted),
        mco=mcos.pop() if len(mcos) == 1 else None,
        conviction=convictions.pop() if len(convictions) == 1 else None,
        cca=base.cca,
        section=base.section,
        offense_class=base.offense_class,
        max_grams=base.max_grams,
        review_reasons=reasons,
        notes=notes,
        expunge_by=deadlines.pop() if codes.AUTO_EXPUNGE in asserted and len(deadlines) == 1 else None,
        trace=base.trace,
        readings=base.readings,
    )
