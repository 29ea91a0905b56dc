"""The statutory floor for one count: every reading decided, then combined (spec §2.3, §4.1).

If all readings give the same remedy, that is the outcome. Otherwise the outcome is the least
favourable remedy common to all of them (dismiss > redesignate), with review; when no remedy is
common to all, a person decides (CA_HAND_REVIEW). Nothing ever falls through to relief.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eligibility.california import codes
from eligibility.california.assessment import Assessment
from eligibility.california.dispositions import is_conviction
from eligibility.california.facts import CountContext, Fact, Reading, expand_readings, facts_that_matter
from eligibility.california.rules import RULES
from eligibility.california.sections import SectionReading, read_section
from eligibility.frozen import builder
from models.decisions import TraceEntry

_new_entry = builder(TraceEntry)
# dismiss > redesignate > not eligible (§2.3); recall is a different remedy, not a rung.
_LADDER = {codes.CA_DISMISS_AND_SEAL: 2, codes.CA_REDESIGNATE_REDUCE: 1, codes.CA_NOT_ELIGIBLE: 0}


@dataclass(frozen=True)
class ReadingResult:
    reading: Reading
    outcome: str
    trace: tuple[TraceEntry, ...]
    reasons: tuple[str, ...]
    notes: tuple[str, ...]
    remedy_citation: str | None
    exclusion: str | None

    @property
    def signature(self) -> tuple[str, frozenset[str]]:
        return self.outcome, frozenset(self.reasons)


@dataclass(frozen=True)
class StatutoryResult:
    section: SectionReading
    outcome: str
    remedy_citation: str | None
    needs_review: bool
    reasons: tuple[str, ...]
    notes: tuple[str, ...]
    trace: tuple[TraceEntry, ...]
    review_fields: tuple[str, ...]
    # Exclusion rules that made some reading not eligible (for the §1 overlay rule).
    exclusions: tuple[str, ...]
    conviction: bool | None
    readings: int

    @property
    def prop64_offense(self) -> bool:
        return self.section.is_prop64


def decide_count(count: CountContext) -> StatutoryResult:
    readings, facts = expand_readings(count)
    results = [decide_reading(count, reading, facts) for reading in readings]
    return combine(count, results, facts)


def decide_reading(count: CountContext, reading: Reading, facts: dict[str, Fact]) -> ReadingResult:
    assessment = Assessment(reading=reading, section=reading.section.section)
    trace: list[TraceEntry] = []
    reasons: list[str] = []
    notes: list[str] = []
    for rule in RULES:
        finding = rule.evaluate(count, assessment)
        if finding is None:
            continue
        used = [facts[name] for name in rule.READS if name in facts]
        facts_used: dict[str, Any] = {}
        for fact in used:
            facts_used.update(fact.trace)
        facts_used.update(finding.facts)
        trace.append(
            _new_entry(
                {
                    "rule": rule.RULE_ID,
                    "citation": rule.CITATION,
                    "evidence": rule.EVIDENCE,
                    "facts": facts_used,
                    "result": finding.result,
                }
            )
        )
        reasons.extend(finding.reasons)
        notes.extend(note for fact in used for note in fact.notes)
        notes.extend(finding.notes)
        if finding.assessment is not None:
            assessment = finding.assessment
        if finding.outcome is not None:
            return ReadingResult(
                reading=reading,
                outcome=finding.outcome,
                trace=tuple(trace),
                reasons=_unique(reasons),
                notes=_unique(notes),
                remedy_citation=finding.remedy_citation,
                exclusion=rule.RULE_ID if finding.exclusion else None,
            )
    # The last rule always decides; should the list ever change, a person decides, never the default.
    return ReadingResult(reading, codes.CA_HAND_REVIEW, tuple(trace), _unique(reasons), _unique(notes), None, None)


def combine_outcomes(outcomes: set[str]) -> str:
    if len(outcomes) == 1:
        return next(iter(outcomes))
    if outcomes <= set(_LADDER):
        least = min(outcomes, key=_LADDER.__getitem__)
        return least if least != codes.CA_NOT_ELIGIBLE else codes.CA_HAND_REVIEW
    return codes.CA_HAND_REVIEW


def combine(count: CountContext, results: Sequence[ReadingResult], facts: dict[str, Fact]) -> StatutoryResult:
    outcome = combine_outcomes({r.outcome for r in results})
    deciding = next((r for r in results if r.outcome == outcome), _least_favourable(results))
    mattering = facts_that_matter([r.reading for r in results], [r.signature for r in results], facts)
    reasons = [reason for r in results for reason in r.reasons]
    review_fields: list[str] = []
    for fact in mattering:
        for path, uncertainty in fact.uncertain_fields:
            review_fields.append(path)
            reasons.append(codes.R_LOW_CONFIDENCE_FIELD if uncertainty == "low_confidence" else fact.unknown_reason or "")
    trace = list(deciding.trace)
    if len(results) > 1:
        trace.append(_readings_entry(results, mattering, outcome))
    # Counts outside Prop 64 are not read for a conviction; their disposition is taken as printed.
    conviction_values = {r.reading.conviction for r in results if r.reading.conviction is not None} or {
        is_conviction(count.charge)
    }
    return StatutoryResult(
        section=read_section(count.charge),
        outcome=outcome,
        remedy_citation=deciding.remedy_citation if outcome in codes.RELIEF_OUTCOMES else None,
        needs_review=len({r.signature for r in results}) > 1 or bool(reasons),
        reasons=_unique([r for r in reasons if r]),
        notes=_unique([note for r in results for note in r.notes]),
        trace=tuple(trace),
        review_fields=_unique(review_fields),
        exclusions=_unique([r.exclusion for r in results if r.exclusion]),
        conviction=conviction_values.pop() if len(conviction_values) == 1 else None,
        readings=len(results),
    )


def _least_favourable(results: Sequence[ReadingResult]) -> ReadingResult:
    return min(results, key=lambda r: _LADDER.get(r.outcome, -1))


def _readings_entry(results: Sequence[ReadingResult], mattering: list[Fact], outcome: str) -> TraceEntry:
    names = [fact.name for fact in mattering]
    readings: list[dict[str, Any]] = []
    for result in results:
        entry = {name: _plain(getattr(result.reading, name)) for name in names}
        entry["outcome"] = result.outcome
        if entry not in readings:
            readings.append(entry)
    return TraceEntry(
        rule="every_reading",
        citation="HS 11361.8(b), (f) (presumption of eligibility); spec §2.3",
        evidence="verified",
        facts={"readings_decided": len(results), "facts_that_matter": names, "readings": readings},
        result=outcome,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, SectionReading):
        return value.section.normalised if value.section else value.kind
    return value


def _unique(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
