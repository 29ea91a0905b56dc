"""The whole record of one person: every conviction, across counties (spec §2.1, §5.2).

Priors are counted in conviction *events*: a case (one court event) with several counts counts
once, and duplicate case numbers collapse into one event, as peer commit 9f6e505 did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from eligibility.california import offense_lists
from eligibility.california.dispositions import is_conviction
from eligibility.california.sections import CodeSection, SectionReading, find_code_sections, read_section
from models.records import CaseRecord, Charge, Defendant


def case_key(record: CaseRecord, position: int) -> str:
    """One key per court event: the case number within its jurisdiction when there is one."""
    if record.case_number:
        return f"{record.jurisdiction}|{record.case_number}"
    if record.case_id:
        return f"id|{record.case_id}"
    return f"position|{position}"


@dataclass(frozen=True)
class Conviction:
    """One convicted count, as the record-wide rules see it."""

    event: str
    count: int
    section: SectionReading
    level: str | None
    disposition_date: dt.date | None
    sentence_end_date: dt.date | None
    is_super_strike: bool
    is_pc290_offense: bool

    @property
    def prop64_section(self) -> str | None:
        return self.section.section.section if self.section.is_prop64 and self.section.section else None


@dataclass(frozen=True)
class PersonRecord:
    defendant: Defendant
    convictions: tuple[Conviction, ...]
    case_keys: tuple[str, ...]

    @classmethod
    def from_cases(cls, cases: Sequence[CaseRecord]) -> PersonRecord:
        keys = tuple(case_key(record, position) for position, record in enumerate(cases))
        convictions = []
        seen: set[tuple[str, int]] = set()
        for key, record in zip(keys, cases):
            case_sections = [s for charge in record.charges for s in _sections_of(charge)]
            for charge in record.charges:
                if is_conviction(charge) is not True or (key, charge.count) in seen:
                    continue
                seen.add((key, charge.count))
                count_sections = _sections_of(charge)
                convictions.append(
                    Conviction(
                        event=key,
                        count=charge.count,
                        section=read_section(charge),
                        level=charge.level,
                        disposition_date=charge.disposition_date,
                        sentence_end_date=charge.sentence_end_date,
                        is_super_strike=offense_lists.is_super_strike(count_sections, case_sections),
                        is_pc290_offense=offense_lists.is_pc290_offense(count_sections),
                    )
                )
        return cls(defendant=_merged_defendant(cases), convictions=tuple(convictions), case_keys=keys)

    def events(self) -> set[str]:
        return {c.event for c in self.convictions}

    def in_other_events(self, event: str) -> list[Conviction]:
        return [c for c in self.convictions if c.event != event]

    def most_recent_disposition(self) -> dt.date | None:
        """None when any conviction's date is unknown, because that one could be the latest."""
        dates = [c.disposition_date for c in self.convictions]
        if not dates or any(d is None for d in dates):
            return None
        return max(d for d in dates if d is not None)


def _merged_defendant(cases: Sequence[CaseRecord]) -> Defendant:
    """The person across their cases: a death or a registration recorded on any case counts."""
    if not cases:
        return Defendant()
    first = cases[0].defendant

    def flag(values: list[bool | None]) -> bool | None:
        return True if True in values else (False if False in values else None)

    return replace(
        first,
        deceased=flag([c.defendant.deceased for c in cases]),
        pc290_registered=flag([c.defendant.pc290_registered for c in cases]),
    )


def _sections_of(charge: Charge) -> tuple[CodeSection, ...]:
    texts = [t for t in (charge.statute, charge.statute_text, *charge.enhancements) if t]
    return tuple(s for text in texts for s in find_code_sections(text))
