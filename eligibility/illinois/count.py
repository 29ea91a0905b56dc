"""Decide one count under every reading of its facts (spec §13.1, §2.3 principle 2).

A count's facts may have several readings (class-only inference, a missing sentence, an unclear
co-charge …). Every combination is judged; a relief path is asserted only if every reading yields
it, and a readings reason is reported only where its readings change the result.
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from eligibility.illinois import codes
from eligibility.illinois import trace as traced
from eligibility.illinois.rules import (
    act_date,
    amount,
    auto_expunge,
    citation,
    disposition,
    enhancement,
    excluded_sections,
    lookalike,
    minor_cannabis_offense,
    mixed_disposition,
    pardon,
    sentence_hints,
    statute_version,
    vacate_motion,
    violent_crime,
)
from eligibility.illinois.statutes import CCA, CCA_APPROVED, ILCS_EFFECTIVE, MCO_MAX_GRAMS
from models.decisions import TraceEntry
from models.records import Charge

OPEN = "open"
NOT_CCA = "not_cca"
CCA_COUNT = "cca"
_NO_PATHS: frozenset[str] = frozenset()


class CountContext(NamedTuple):
    """What the rest of the case (and the person's other cases) tells about one count."""

    arrest_date: dt.date | None
    arrest_latest: dt.date | None  # upper bound on an unknown arrest date
    cocharge_classes: tuple[str, ...]
    other_convictions: tuple[bool | None, ...]
    s7_unattached: bool
    same_date_violence: bool
    as_of: dt.date


class Reading(NamedTuple):
    """The result of one combination of readings."""

    kind: str  # open | not_cca | cca
    paths: frozenset[str]
    mco: bool | None
    conviction: bool | None
    blocks: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    expunge_by: dt.date | None = None
    manual: bool = False  # a look-alike that goes to a person

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.kind, self.paths, self.mco, self.manual)


@dataclass(slots=True)
class CountOutcome:
    """One count decided: its headline, the paths every reading agrees on, and why."""

    count: int
    outcome: str
    relief_paths: tuple[str, ...]
    mco: bool | None
    conviction: bool | None
    cca: bool
    section: str | None
    offense_class: str | None
    max_grams: float | None  # the largest amount any reading allows (None: unbounded or unknown)
    review_reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    expunge_by: dt.date | None = None
    trace: list[TraceEntry] = field(default_factory=list)
    readings: int = 1


class _Count:
    """The readings of one count as they are judged, with the alternative each reason took."""

    __slots__ = ("charge", "ctx", "runs", "trace", "cca", "section", "amounts")

    def __init__(self, charge: Charge, ctx: CountContext, with_trace: bool) -> None:
        self.charge = charge
        self.ctx = ctx
        self.runs: list[tuple[tuple[tuple[str, int], ...], Reading]] = []
        # Only the first combination (every fact as first read) is traced.
        self.trace: list[TraceEntry] | None = [] if with_trace else None
        self.cca = False
        self.section: str | None = None
        self.amounts: list[amount.AmountReading] = []

    def tracing(self) -> bool:
        return self.trace is not None and not self.runs


def decide_count(charge: Charge, ctx: CountContext, *, with_trace: bool = True) -> CountOutcome:
    """The headline, asserted paths, review reasons and trace of one count (spec §13.1, §13.2)."""
    state = _Count(charge, ctx, with_trace)
    cites, cite_reason, cite_block = citation.read_citation(charge.statute, charge.statute_text, charge.description)
    for ci, cite in enumerate(cites):
        assign = ((cite_reason, ci),) if cite_reason else ()
        if state.tracing():
            state.trace.append(traced.citation_entry(charge.statute, cite))
        if cite.act == CCA:
            state.cca = True
            if state.section is None:
                state.section = "5" if cite.section == "7" else cite.section
        if charge.disposition == "NO_FINAL_DISPOSITION":
            state.runs.append((assign, Reading(OPEN, _NO_PATHS, None, None)))
        elif cite.act != CCA:
            outcome, block = lookalike.lookalike_outcome(cite.act)
            if state.tracing():
                state.trace.append(traced.lookalike_entry(cite.act, outcome))
            block = block or cite_block
            reading = Reading(NOT_CCA, _NO_PATHS, None if block else False, None, blocks=(block,) if block else (), manual=bool(block))
            state.runs.append((assign, reading))
        else:
            _judge_cca_count(state, cite, assign)
    return _merge(state)


def _judge_cca_count(state: _Count, cite: citation.CitationReading, assign: tuple) -> None:
    charge, ctx = state.charge, state.ctx
    section, subsection = cite.section, cite.subsection
    kind = enhancement.enhancement_of(charge.enhancements, charge.description)
    own_s7 = kind == enhancement.SECTION_7
    if section == "7":
        # A count cited under §7 is a §5 delivery carrying the enhancement (§7.4).
        section, own_s7 = "5", True
    if kind == enhancement.SCHOOL_ZONE and section == "5":
        section = "5.2"
    if kind is not None and state.tracing():
        state.trace.append(traced.enhancement_entry(kind, section))
    if excluded_sections.is_excluded(section):
        if state.tracing():
            state.trace.append(traced.excluded_entry(section))
        status = disposition.conviction_status(charge.disposition, charge.sentence_kind)
        state.runs.append((assign, Reading(CCA_COUNT, _NO_PATHS, False, status)))
        return
    if section not in excluded_sections.RELIEF_SECTIONS:
        # §10 ("710") is a disposition, not an offense; §1-§3 are no offenses: the offense charged is unknown.
        state.runs.append((assign, Reading(CCA_COUNT, _NO_PATHS, None, None, blocks=("R_CITATION_UNPARSED",))))
        return
    upper = _earliest(ctx.arrest_latest, charge.disposition_date)
    dates, date_reason, date_notes = statute_version.offense_date_readings(
        charge.offense_date, ctx.arrest_date, upper, as_of=ctx.as_of
    )
    deadline = auto_expunge.deadline(ctx.arrest_date, charge.offense_date, upper, as_of=ctx.as_of)
    for di, when in enumerate(dates):
        assign_d = (*assign, (date_reason, di)) if date_reason else assign
        if state.tracing():
            state.trace.append(traced.version_entry(when))
        if when.offense_date < CCA_APPROVED:
            block = "R_CITATION_DATE_CONFLICT" if cite.source == "citation" else "R_PRE_CCA_UNDA"
            state.runs.append((assign_d, Reading(CCA_COUNT, _NO_PATHS, None, None, blocks=(block,))))
            continue
        notes = date_notes
        if charge.statute_text and when.offense_date < ILCS_EFFECTIVE and "ILCS" in charge.statute_text.upper():
            notes = (*notes, "ilcs_cite_pre_1993")
        grams = amount.amount_readings(
            section,
            subsection,
            charge.offense_class,
            charge.amount_grams,
            charge.weight_basis,
            charge.amount_text,
            charge.description,
            charge.sentence_text,
            when.offense_date,
        )
        state.amounts.extend(grams.readings)
        for ai, reading in enumerate(grams.readings):
            assign_a = (*assign_d, (grams.reason, ai)) if grams.reason else assign_d
            if state.tracing():
                state.trace.append(traced.amount_entry(reading))
            _judge_amount_reading(state, reading, when, own_s7, deadline, grams, (*notes, *grams.notes), assign_a)


def _judge_amount_reading(state, reading, when, own_s7, deadline, grams, notes, assign) -> None:
    charge, ctx = state.charge, state.ctx
    if reading.section in excluded_sections.EXCLUDED:
        status = disposition.conviction_status(charge.disposition, charge.sentence_kind)
        state.runs.append((assign, Reading(CCA_COUNT, _NO_PATHS, False, status, notes=notes)))
        return
    s7_rs, s7_reason = enhancement.s7_readings(own_s7, ctx.s7_unattached) if reading.section == "5" else ((False,), None)
    violent_rs, violent_reason, battery_flag = violent_crime.violent_readings(ctx.cocharge_classes, ctx.same_date_violence)
    dispositions, disp_reason = disposition.disposition_readings(
        charge.disposition,
        charge.sentence_kind,
        level=reading.level,
        section=reading.section,
        subsection=reading.subsection,
        disposition_text=charge.disposition_text,
        sentence_text=charge.sentence_text,
        term_start=charge.disposition_date or charge.offense_date or ctx.arrest_date or ctx.arrest_latest,
        as_of=ctx.as_of,
    )
    timing = act_date.committed_before_act(when.offense_date)
    flags = grams.flags
    if sentence_hints.contradicts_class(charge.sentence_kind, charge.sentence_text, reading.level, reading.offense_class):
        flags = (*flags, "R_SENTENCE_CLASS_CONFLICT")
    mixed = mixed_disposition.is_mixed(ctx.other_convictions)
    reduced = amount.reduced_from_over_30(charge.amount_grams, charge.weight_basis, charge.amount_text, reading)
    e2 = reading.grams_le is not None and reading.grams_le <= MCO_MAX_GRAMS
    single = violent_reason is None and s7_reason is None and disp_reason is None
    for vi, violent in enumerate(violent_rs):
        for si, s7 in enumerate(s7_rs):
            for pi, disp in enumerate(dispositions):
                combo = assign
                if not single:
                    if violent_reason:
                        combo = (*combo, (violent_reason, vi))
                    if s7_reason:
                        combo = (*combo, (s7_reason, si))
                    if disp_reason:
                        combo = (*combo, (disp_reason, pi))
                result = _judge(reading, disp, violent, s7, timing, mixed, reduced, deadline)
                extra = flags
                if battery_flag and e2 and not s7:
                    # The simple-battery question matters only where the count is otherwise an MCO.
                    extra = (*extra, battery_flag)
                if state.tracing():
                    _trace_judgement(state, reading, when, disp, violent, s7, timing, mixed, deadline, result)
                if extra or notes:
                    result = result._replace(flags=result.flags + extra, notes=(*notes, *result.notes))
                state.runs.append((combo, result))


def _trace_judgement(state, reading, when, disp, violent, s7, timing, mixed, deadline, result) -> None:
    charge, ctx = state.charge, state.ctx
    entries = state.trace
    entries.append(traced.disposition_entry(charge.disposition, charge.sentence_kind, disp))
    entries.append(traced.violent_entry(ctx.cocharge_classes, ctx.same_date_violence, violent))
    e2 = reading.grams_le is not None and reading.grams_le <= MCO_MAX_GRAMS
    entries.append(traced.mco_entry(reading.section in minor_cannabis_offense.CCA_SECTIONS, e2, not s7, not violent))
    entries.append(traced.act_date_entry(when.offense_date, timing))
    if disp.conviction is False:
        if mixed:
            entries.append(traced.mixed_entry(ctx.other_convictions))
        entries.append(traced.auto_expunge_entry(ctx.arrest_date, deadline, codes.AUTO_EXPUNGE in result.paths))
    elif disp.conviction is True:
        entries.append(traced.pardon_entry(bool(result.mco), True, codes.PARDON in result.paths))
        entries.append(traced.vacate_entry(reading.section, reading.offense_class, reading.level, s7, codes.VACATE in result.paths))


def _earliest(first: dt.date | None, second: dt.date | None) -> dt.date | None:
    if first is None:
        return second
    if second is None:
        return first
    return min(first, second)


def _candidates(conviction: bool, *, mco: bool, vacate: vacate_motion.VacateResult, timing: str, deadline) -> set[str]:
    """The paths the statute gives a count under one reading, before anything blocks them."""
    if timing == act_date.AFTER:
        return set()
    if conviction:
        paths = set()
        if pardon.pardon_path(mco, True):
            paths.add(codes.PARDON)
        if vacate.eligible:
            paths.add(codes.VACATE)
        return paths
    return {codes.AUTO_EXPUNGE} if mco and deadline.one_year_elapsed is not False else set()


# Its inputs are a few small values with few distinct combinations, and a Reading is immutable.
@lru_cache(maxsize=4096)
def _judge(reading, disp, violent, s7, timing, mixed, reduced, deadline) -> Reading:
    """One combination of readings: the paths the statute gives, then what blocks them (§13.1)."""
    if not disp.final:
        return Reading(OPEN, _NO_PATHS, None, None)
    mco = minor_cannabis_offense.is_minor_cannabis_offense(reading.section, reading.grams_le, enhanced=s7, violent=violent)
    vacate = vacate_motion.vacate_motion(reading.section, reading.i3, enhanced=s7, offense_class=reading.offense_class, mco=mco)
    notes: list[str] = [disp.note] if disp.note else []
    blocks: list[str] = []
    if disp.conviction is None:
        # TASC, CE, unknown …: whether it is a conviction decides the path, so it goes to a person
        # wherever either answer would give one.
        possible = _candidates(True, mco=mco, vacate=vacate, timing=timing, deadline=deadline) | _candidates(
            False, mco=mco, vacate=vacate, timing=timing, deadline=deadline
        )
        if disp.block and possible:
            blocks.append(disp.block)
        return Reading(CCA_COUNT, _NO_PATHS, mco, None, blocks=tuple(blocks), notes=tuple(notes))
    paths = _candidates(disp.conviction, mco=mco, vacate=vacate, timing=timing, deadline=deadline)
    if paths and disp.block:
        blocks.append(disp.block)
        paths = set()
    if paths and timing == act_date.ON_THE_DAY:
        blocks.append("R_ACT_DATE_BOUNDARY")
        paths = set()
    if disp.conviction:
        if vacate.block:
            blocks.append(vacate.block)
        if vacate.note:
            notes.append(vacate.note)
        if codes.PARDON in paths:
            notes.extend(pardon.pardon_notes(reading.offense_class))
    elif codes.AUTO_EXPUNGE in paths:
        if mixed:
            blocks.append("R_MIXED_DISPOSITION")
            paths.discard(codes.AUTO_EXPUNGE)
        elif reduced:
            blocks.append("R_REDUCED_FROM_OVER_30")
            paths.discard(codes.AUTO_EXPUNGE)
        elif deadline.one_year_elapsed is None:
            # No arrest date or bound says whether a year has passed; the path waits for one.
            blocks.append("R_TIER_DATE_UNKNOWN")
            paths.discard(codes.AUTO_EXPUNGE)
    flags: tuple[str, ...] = ()
    expunge_by = None
    if codes.AUTO_EXPUNGE in paths:
        notes.append("court_file_needs_petition")
        notes.extend(deadline.notes)
        expunge_by = deadline.expunge_by
        if deadline.flag:
            flags = (deadline.flag,)
    return Reading(CCA_COUNT, frozenset(paths), mco, disp.conviction, tuple(blocks), flags, tuple(notes), expunge_by)


def _ordered(values) -> list[str]:
    return list(dict.fromkeys(values))


def _tri(values: list[bool | None]) -> bool | None:
    if all(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


def _reasons_that_matter(runs) -> list[str]:
    """Readings reasons whose alternatives, all else equal, change the result."""
    dims = _ordered(reason for assign, _ in runs for reason, _ in assign)
    mattering = []
    for dim in dims:
        groups: dict[frozenset, set] = {}
        for assign, reading in runs:
            rest = frozenset(pair for pair in assign if pair[0] != dim)
            groups.setdefault(rest, set()).add(reading.key)
        if any(len(keys) > 1 for keys in groups.values()):
            mattering.append(dim)
    return mattering


def _headline(kinds: set[str], asserted: frozenset[str], readings: list[Reading], blocks: list[str], agree: bool) -> str:
    """The count's headline (spec §13.2)."""
    if kinds == {OPEN}:
        return codes.NO_FINAL_DISPOSITION
    if CCA_COUNT not in kinds and OPEN not in kinds:
        return codes.MANUAL_REVIEW if any(r.manual for r in readings) else codes.NOT_CANNABIS
    if asserted:
        return next(p for p in codes.RELIEF_PATH_ORDER if p in asserted)
    if blocks or not agree or any(r.paths for r in readings):
        return codes.MANUAL_REVIEW
    return codes.NOT_ELIGIBLE


def _merge(state: _Count) -> CountOutcome:
    runs = state.runs
    readings = [r for _, r in runs]
    first = readings[0]
    if len(readings) == 1:
        agree, asserted, kinds = True, first.paths, {first.kind}
        blocks, flags, notes = list(first.blocks), list(first.flags), list(first.notes)
        reasons: list[str] = []
        mco = first.mco
        conviction = first.conviction if first.kind == CCA_COUNT else None
    else:
        agree = all(r.key == first.key for r in readings)
        asserted = frozenset.intersection(*(r.paths for r in readings))
        kinds = {r.kind for r in readings}
        blocks = _ordered(b for r in readings for b in r.blocks)
        flags = _ordered(f for r in readings for f in r.flags)
        reasons = [] if agree else _reasons_that_matter(runs)
        if agree:
            notes = list(first.notes)
        else:
            common = set.intersection(*(set(r.notes) for r in readings))
            notes = [n for n in _ordered(n for r in readings for n in r.notes) if n in common]
        mco = _tri([r.mco for r in readings])
        conviction = _tri([r.conviction for r in readings if r.kind == CCA_COUNT]) if CCA_COUNT in kinds else None
    outcome = _headline(kinds, asserted, readings, blocks, agree)
    if outcome == codes.NOT_ELIGIBLE:
        notes.append("general_5_2_may_apply")
    expunge_by = None
    if codes.AUTO_EXPUNGE in asserted:
        deadlines = {r.expunge_by for r in readings}
        if len(deadlines) == 1:
            expunge_by = deadlines.pop()
        elif "R_TIER_DATE_UNKNOWN" not in flags:
            flags.append("R_TIER_DATE_UNKNOWN")
    amounts = state.amounts
    if len(amounts) == 1:
        offense_class, max_grams = amounts[0].offense_class, amounts[0].grams_le
    else:
        highs = [a.grams_le for a in amounts]
        classes = {a.offense_class for a in amounts}
        offense_class = classes.pop() if len(classes) == 1 else None
        max_grams = None if not highs or None in highs else max(highs)
    review = reasons + blocks + flags
    return CountOutcome(
        count=state.charge.count,
        outcome=outcome,
        relief_paths=_PATH_TUPLES[asserted],
        mco=mco,
        conviction=conviction,
        cca=state.cca,
        section=state.section,
        offense_class=offense_class,
        max_grams=max_grams,
        review_reasons=_ordered(review) if len(review) > 1 else review,
        notes=_ordered(notes) if len(notes) > 1 else notes,
        expunge_by=expunge_by,
        trace=state.trace or [],
        readings=len(readings),
    )


# Every set of paths in relief_paths order, computed once.
_PATH_TUPLES = {
    frozenset(combo): tuple(p for p in codes.RELIEF_PATH_ORDER if p in combo)
    for n in range(len(codes.RELIEF_PATH_ORDER) + 1)
    for combo in itertools.combinations(codes.RELIEF_PATH_ORDER, n)
}
