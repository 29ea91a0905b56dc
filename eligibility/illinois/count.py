"""Decide one count under every reading of its facts (spec §13.1, §2.3 principle 2).

A count's facts may have several readings (class-only inference, a missing sentence, an unclear
co-charge …). Every combination is judged; a relief path is asserted only if every reading yields
it, and a readings reason is reported only where its readings change the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from eligibility.illinois import codes
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
from eligibility.illinois.statutes import CCA, CCA_APPROVED, ILCS_EFFECTIVE
from models.decisions import TraceEntry
from models.records import Charge

OPEN = "open"
NOT_CCA = "not_cca"
CCA_COUNT = "cca"


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


@dataclass
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

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.outcome, self.relief_paths, self.mco)


def _trace(rule: Any, facts: dict[str, Any], result: Any = None) -> TraceEntry:
    return TraceEntry(rule=rule.RULE_ID, citation=rule.CITATION, evidence=rule.EVIDENCE, facts=facts, result=result)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


class _Collector:
    """Gathers the readings of one count with the alternative each readings reason took."""

    __slots__ = ("runs", "trace", "cca", "section", "amounts")

    def __init__(self, with_trace: bool) -> None:
        self.runs: list[tuple[dict[str, int], Reading]] = []
        self.trace: list[TraceEntry] | None = [] if with_trace else None
        self.cca = False
        self.section: str | None = None
        self.amounts: list[amount.AmountReading] = []

    def add(self, assign: dict[str, int], reading: Reading) -> None:
        self.runs.append((assign, reading))

    def note(self, entry_factory) -> None:
        # Only the first combination (every fact as read) is traced, once per rule.
        if self.trace is not None and len(self.runs) == 0:
            self.trace.append(entry_factory())


def decide_count(charge: Charge, ctx: CountContext, *, with_trace: bool = True) -> CountOutcome:
    """The headline, asserted paths, review reasons and trace of one count (spec §13.1, §13.2)."""
    collector = _Collector(with_trace)
    cites, cite_reason, cite_block = citation.read_citation(charge.statute, charge.statute_text, charge.description)
    for ci, cite in enumerate(cites):
        assign = {cite_reason: ci} if cite_reason else {}
        collector.note(
            lambda: _trace(
                citation,
                {"statute": charge.statute, "act": cite.act, "section": cite.section, "subsection": cite.subsection, "source": cite.source},
                cite.act,
            )
        )
        if cite.act == CCA:
            collector.cca = True
            if collector.section is None:
                collector.section = "5" if cite.section == "7" else cite.section
        if charge.disposition == "NO_FINAL_DISPOSITION":
            collector.add(assign, Reading(OPEN, frozenset(), None, None))
            continue
        if cite.act != CCA:
            outcome, block = lookalike.lookalike_outcome(cite.act)
            collector.note(lambda: _trace(lookalike, {"act": cite.act}, outcome))
            block = block or cite_block
            blocks = (block,) if block else ()
            collector.add(assign, Reading(NOT_CCA, frozenset(), None if block else False, None, blocks=blocks, manual=bool(block)))
            continue
        _judge_cca_count(charge, ctx, cite, assign, collector)
    return _merge(charge, collector)


def _judge_cca_count(charge: Charge, ctx: CountContext, cite: citation.CitationReading, assign: dict[str, int], collector: _Collector) -> None:
    section, subsection = cite.section, cite.subsection
    kind = enhancement.enhancement_of(charge.enhancements, charge.description)
    own_s7 = kind == enhancement.SECTION_7
    if section == "7":
        # A count cited under §7 is a §5 delivery carrying the enhancement (§7.4).
        section, own_s7 = "5", True
    if kind == enhancement.SCHOOL_ZONE and section == "5":
        section = "5.2"
    if kind is not None:
        collector.note(lambda: _trace(enhancement, {"enhancement": kind}, section))
    if excluded_sections.is_excluded(section):
        collector.note(lambda: _trace(excluded_sections, {"section": section}, codes.NOT_ELIGIBLE))
        collector.add(assign, Reading(CCA_COUNT, frozenset(), False, disposition.conviction_status(charge.disposition, charge.sentence_kind)))
        return
    if section not in excluded_sections.RELIEF_SECTIONS:
        # §10 ("710") is a disposition, not an offense; §1-§3 are not offenses: the charged offense is unknown.
        collector.add(assign, Reading(CCA_COUNT, frozenset(), None, None, blocks=("R_CITATION_UNPARSED",)))
        return
    upper = _earliest(ctx.arrest_latest, charge.disposition_date)
    dates, date_reason, date_notes = statute_version.offense_date_readings(
        charge.offense_date, ctx.arrest_date, upper, as_of=ctx.as_of
    )
    violent_rs, violent_reason, battery_flag = violent_crime.violent_readings(ctx.cocharge_classes, ctx.same_date_violence)
    mixed = mixed_disposition.is_mixed(ctx.other_convictions)
    deadline = auto_expunge.deadline(ctx.arrest_date, charge.offense_date, upper, as_of=ctx.as_of)
    for di, when in enumerate(dates):
        assign_d = {**assign, date_reason: di} if date_reason else assign
        collector.note(lambda: _trace(statute_version, {"offense_date": _iso(when.offense_date), "version": when.version, "source": when.source}, when.version))
        if when.offense_date < CCA_APPROVED:
            block = "R_CITATION_DATE_CONFLICT" if cite.source == "citation" else "R_PRE_CCA_UNDA"
            collector.add(assign_d, Reading(CCA_COUNT, frozenset(), None, None, blocks=(block,)))
            continue
        notes = date_notes
        if charge.statute_text and "ILCS" in charge.statute_text.upper() and when.offense_date < ILCS_EFFECTIVE:
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
        collector.amounts.extend(grams.readings)
        for ai, reading in enumerate(grams.readings):
            assign_a = {**assign_d, grams.reason: ai} if grams.reason else assign_d
            collector.note(
                lambda: _trace(
                    amount,
                    {
                        "grams_gt": reading.grams_gt,
                        "grams_le": reading.grams_le,
                        "subsection": reading.subsection,
                        "class": reading.offense_class,
                        "level": reading.level,
                        "subsequent": reading.subsequent,
                        "step": reading.step,
                    },
                    f"{reading.grams_gt}-{reading.grams_le} g",
                )
            )
            _judge_reading(charge, ctx, reading, when, own_s7, violent_rs, violent_reason, battery_flag, mixed, deadline, grams, notes, assign_a, collector)


def _judge_reading(charge, ctx, reading, when, own_s7, violent_rs, violent_reason, battery_flag, mixed, deadline, grams, notes, assign, collector) -> None:
    if reading.section in excluded_sections.EXCLUDED:
        collector.add(assign, Reading(CCA_COUNT, frozenset(), False, disposition.conviction_status(charge.disposition, charge.sentence_kind), notes=notes))
        return
    s7_rs, s7_reason = enhancement.s7_readings(own_s7, ctx.s7_unattached) if reading.section == "5" else ((False,), None)
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
    hint = sentence_hints.contradicts_class(charge.sentence_kind, charge.sentence_text, reading.level, reading.offense_class)
    reduced = amount.reduced_from_over_30(charge.amount_grams, charge.amount_text, reading)
    for vi, violent in enumerate(violent_rs):
        for si, s7 in enumerate(s7_rs):
            for pi, disp in enumerate(dispositions):
                combo = dict(assign)
                if violent_reason:
                    combo[violent_reason] = vi
                if s7_reason:
                    combo[s7_reason] = si
                if disp_reason:
                    combo[disp_reason] = pi
                result = _judge(reading, disp, violent=violent, s7=s7, timing=timing, mixed=mixed, reduced=reduced, deadline=deadline)
                flags = list(grams.flags)
                if hint:
                    flags.append("R_SENTENCE_CLASS_CONFLICT")
                if battery_flag and minor_cannabis_offense.is_minor_cannabis_offense(reading.section, reading.grams_le, enhanced=s7, violent=False):
                    flags.append(battery_flag)
                collector.note(lambda: _trace(disposition, {"disposition": charge.disposition, "sentence_kind": charge.sentence_kind, "reading": disp.code, "conviction": disp.conviction}, disp.code))
                collector.note(lambda: _trace(violent_crime, {"cocharges": list(ctx.cocharge_classes), "same_date_violence_elsewhere": ctx.same_date_violence}, violent))
                collector.note(
                    lambda: _trace(
                        minor_cannabis_offense,
                        {
                            "E1_cca_4_or_5": reading.section in minor_cannabis_offense.CCA_SECTIONS,
                            "E2_not_over_30g": reading.grams_le is not None and reading.grams_le <= 30.0,
                            "E3_no_section_7": not s7,
                            "E4_no_violent_association": not violent,
                        },
                        result.mco,
                    )
                )
                collector.note(lambda: _trace(act_date, {"offense_date": _iso(when.offense_date)}, timing))
                if mixed and disp.conviction is False:
                    collector.note(lambda: _trace(mixed_disposition, {"other_convictions": list(ctx.other_convictions)}, True))
                collector.note(lambda: _trace(auto_expunge, {"arrest_date": _iso(ctx.arrest_date), "expunge_by": _iso(deadline.expunge_by), "one_year_elapsed": deadline.one_year_elapsed}, codes.AUTO_EXPUNGE in result.paths))
                collector.note(lambda: _trace(pardon, {"mco": result.mco, "conviction": result.conviction}, codes.PARDON in result.paths))
                collector.note(lambda: _trace(vacate_motion, {"section": reading.section, "class": reading.offense_class, "level": reading.level, "enhanced": s7}, codes.VACATE in result.paths))
                if flags or notes:
                    result = result._replace(flags=result.flags + tuple(flags), notes=result.notes + notes + grams.notes)
                elif grams.notes:
                    result = result._replace(notes=result.notes + grams.notes)
                collector.add(combo, result)


def _earliest(*days: dt.date | None) -> dt.date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _judge(reading, disp, *, violent, s7, timing, mixed, reduced, deadline) -> Reading:
    """One combination of readings: the paths the statute gives, then what blocks them (§13.1)."""
    if not disp.final:
        return Reading(OPEN, frozenset(), None, None)
    mco = minor_cannabis_offense.is_minor_cannabis_offense(reading.section, reading.grams_le, enhanced=s7, violent=violent)
    notes: list[str] = []
    blocks: list[str] = []
    if disp.note:
        notes.append(disp.note)
    vacate = vacate_motion.vacate_motion(reading.section, reading.i3, enhanced=s7, offense_class=reading.offense_class, mco=mco)

    def candidates(conviction: bool) -> set[str]:
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

    if disp.conviction is None:
        possible = candidates(True) | candidates(False)
        if disp.block and possible:
            blocks.append(disp.block)
        return Reading(CCA_COUNT, frozenset(), mco, None, blocks=tuple(blocks), notes=tuple(notes))
    paths = candidates(disp.conviction)
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
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)


def _tri(values: list[bool | None]) -> bool | None:
    if all(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


def _reasons_that_matter(runs: list[tuple[dict[str, int], Reading]]) -> list[str]:
    """Readings reasons whose alternatives, all else equal, change the result."""
    dims = _ordered(reason for assign, _ in runs for reason in assign)
    mattering = []
    for dim in dims:
        groups: dict[frozenset, set] = {}
        for assign, reading in runs:
            rest = frozenset((k, v) for k, v in assign.items() if k != dim)
            groups.setdefault(rest, set()).add(reading.key)
        if any(len(keys) > 1 for keys in groups.values()):
            mattering.append(dim)
    return mattering


def _merge(charge: Charge, collector: _Collector) -> CountOutcome:
    runs = collector.runs
    readings = [r for _, r in runs]
    first = readings[0]
    agree = all(r.key == first.key for r in readings)
    asserted = frozenset.intersection(*(r.paths for r in readings))
    kinds = {r.kind for r in readings}
    blocks = _ordered(b for r in readings for b in r.blocks)
    flags = _ordered(f for r in readings for f in r.flags)
    reasons = [] if agree else _reasons_that_matter(runs)
    if not agree and not reasons and not blocks:
        # Readings disagree through a combination no single reason explains: say which ones took part.
        reasons = _ordered(reason for assign, _ in runs for reason in assign)
    if agree:
        notes = list(first.notes)
    else:
        common = set.intersection(*(set(r.notes) for r in readings))
        notes = [n for n in _ordered(n for r in readings for n in r.notes) if n in common]
    if kinds == {OPEN}:
        outcome = codes.NO_FINAL_DISPOSITION
    elif CCA_COUNT not in kinds and OPEN not in kinds:
        outcome = codes.MANUAL_REVIEW if any(r.manual for r in readings) else codes.NOT_CANNABIS
    elif asserted:
        outcome = next(p for p in codes.RELIEF_PATH_ORDER if p in asserted)
    elif any(r.paths for r in readings) or blocks or not agree:
        outcome = codes.MANUAL_REVIEW
    else:
        outcome = codes.NOT_ELIGIBLE
    if outcome == codes.NOT_ELIGIBLE:
        notes.append("general_5_2_may_apply")
    expunge_by = None
    if codes.AUTO_EXPUNGE in asserted:
        deadlines = {r.expunge_by for r in readings}
        if len(deadlines) == 1:
            expunge_by = deadlines.pop()
        elif "R_TIER_DATE_UNKNOWN" not in flags:
            flags.append("R_TIER_DATE_UNKNOWN")
    review = _ordered([*reasons, *blocks, *flags])
    highs = [a.grams_le for a in collector.amounts]
    classes = {a.offense_class for a in collector.amounts}
    return CountOutcome(
        count=charge.count,
        outcome=outcome,
        relief_paths=tuple(p for p in codes.RELIEF_PATH_ORDER if p in asserted),
        mco=_tri([r.mco for r in readings]),
        conviction=_tri([r.conviction for r in readings if r.kind == CCA_COUNT]) if CCA_COUNT in kinds else None,
        cca=collector.cca,
        section=collector.section,
        offense_class=classes.pop() if len(classes) == 1 else None,
        max_grams=None if not highs or None in highs else max(highs),
        review_reasons=review,
        notes=_ordered(notes),
        expunge_by=expunge_by,
        trace=collector.trace or [],
        readings=len(readings),
    )
