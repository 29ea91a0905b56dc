"""Trace entries: one per rule applied, with its citation, evidence level and the facts it used;
the result is what the rule concluded (the act, the version, the amount step, the disposition read …).

Entries are immutable and many cases share the same facts (the same statute, the same
disposition), so each entry is built once per distinct set of facts and shared.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

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
    statute_version,
    vacate_motion,
    violent_crime,
)
from models.decisions import TraceEntry

_CACHE = 8192


def _entry(rule, facts, result) -> TraceEntry:
    return TraceEntry(rule=rule.RULE_ID, citation=rule.CITATION, evidence=rule.EVIDENCE, facts=facts, result=result)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@lru_cache(maxsize=_CACHE)
def citation_entry(statute: str | None, reading: citation.CitationReading) -> TraceEntry:
    facts = {"statute": statute, "section": reading.section, "subsection": reading.subsection, "source": reading.source}
    return _entry(citation, facts, reading.act)


@lru_cache(maxsize=_CACHE)
def lookalike_entry(act: str, outcome: str) -> TraceEntry:
    return _entry(lookalike, {"act": act}, outcome)


@lru_cache(maxsize=_CACHE)
def excluded_entry(section: str) -> TraceEntry:
    return _entry(excluded_sections, {"section": section}, "IL_NOT_ELIGIBLE_CRTA")


@lru_cache(maxsize=_CACHE)
def enhancement_entry(kind: str, section: str) -> TraceEntry:
    return _entry(enhancement, {"enhancement": kind}, section)


@lru_cache(maxsize=_CACHE)
def version_entry(reading: statute_version.DateReading) -> TraceEntry:
    facts = {"offense_date": _iso(reading.offense_date), "source": reading.source}
    return _entry(statute_version, facts, reading.version)


@lru_cache(maxsize=_CACHE)
def amount_entry(reading: amount.AmountReading) -> TraceEntry:
    facts = {
        "grams_gt": reading.grams_gt,
        "grams_le": reading.grams_le,
        "subsection": reading.subsection,
        "class": reading.offense_class,
        "level": reading.level,
        "subsequent": reading.subsequent,
    }
    return _entry(amount, facts, reading.step)


@lru_cache(maxsize=_CACHE)
def disposition_entry(code: str | None, sentence_kind: str | None, reading: disposition.DispositionReading) -> TraceEntry:
    facts = {"disposition": code, "sentence_kind": sentence_kind, "conviction": reading.conviction}
    return _entry(disposition, facts, reading.code)


@lru_cache(maxsize=_CACHE)
def violent_entry(cocharges: tuple[str, ...], elsewhere: bool, associated: bool) -> TraceEntry:
    return _entry(violent_crime, {"cocharges": list(cocharges), "same_date_elsewhere": elsewhere}, associated)


@lru_cache(maxsize=_CACHE)
def mco_entry(e1: bool, e2: bool, e3: bool, e4: bool) -> TraceEntry:
    # The elements of spec §3: E1 CCA §4/§5, E2 not over 30 g, E3 no §7, E4 no violent association.
    facts = {"E1": e1, "E2": e2, "E3": e3, "E4": e4}
    return _entry(minor_cannabis_offense, facts, e1 and e2 and e3 and e4)


@lru_cache(maxsize=_CACHE)
def act_date_entry(offense_date: dt.date, timing: str) -> TraceEntry:
    return _entry(act_date, {"offense_date": _iso(offense_date)}, timing)


@lru_cache(maxsize=_CACHE)
def mixed_entry(other_convictions: tuple[bool | None, ...]) -> TraceEntry:
    return _entry(mixed_disposition, {"other_convictions": list(other_convictions)}, True)


@lru_cache(maxsize=_CACHE)
def auto_expunge_entry(arrest_date: dt.date | None, deadline: auto_expunge.Deadline, asserted: bool) -> TraceEntry:
    facts = {"arrest_date": _iso(arrest_date), "expunge_by": _iso(deadline.expunge_by), "one_year_elapsed": deadline.one_year_elapsed}
    return _entry(auto_expunge, facts, asserted)


@lru_cache(maxsize=_CACHE)
def pardon_entry(mco: bool, conviction: bool, asserted: bool) -> TraceEntry:
    return _entry(pardon, {"mco": mco, "conviction": conviction}, asserted)


@lru_cache(maxsize=_CACHE)
def vacate_entry(section: str, offense_class: str | None, level: str | None, enhanced: bool, asserted: bool) -> TraceEntry:
    facts = {"section": section, "class": offense_class, "level": level, "enhanced": enhanced}
    return _entry(vacate_motion, facts, asserted)
