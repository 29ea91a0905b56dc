"""The facts a count is decided on, each with every reading the record allows (spec §2.3).

A fact read with confidence is one reading. A missing fact has the readings of its domain,
except a missing *disqualifying* fact, which HS 11361.8 presumes absent. A value extracted with a
low confidence (below the threshold and not reviewed by a person) could be any value of its
domain, disqualifying ones included: a misread page may well say "sale to a minor".
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal

from eligibility.california import codes
from eligibility.california.calendar import add_years, age_on
from eligibility.california.dispositions import is_conviction
from eligibility.california.person import PersonRecord
from eligibility.california.sections import SectionReading, read_section
from eligibility.frozen import builder
from models.records import CaseRecord, Charge, FieldInfo

# A project default [unverified], like max_sentence_years: with no offense date, the offense is
# read as committed at most this many years before the conviction, so that a missing offense
# date does not make every adult a possible juvenile.
OFFENSE_LOOKBACK_YEARS = 3
# Spec §3.2: a sentence whose end is unknown is read as completed once the conviction is more
# than this many years old (project default; the longest pre-AUMA base term is 4 years).
MAX_SENTENCE_YEARS = 5

LEVELS = ("felony", "misdemeanor", "infraction")
AGE_BANDS = ("under_18", "18_to_20", "21_and_over")
WINDOWS = ("pre_auma", "pre_auma_disposed_after", "post_auma")
CONCENTRATE_BANDS = ("up_to_4g", "over_4g_up_to_8g", "over_8g")
CONDUCTS = ("sale", "personal_use")

UNRECOGNISED = SectionReading("unrecognised", None, None)

Uncertainty = Literal["unknown", "low_confidence"]


@dataclass(frozen=True)
class Reading:
    """One reading of every fact of a count; facts a section does not use stay None."""

    section: SectionReading
    conviction: bool | None = None
    level: str | None = None
    window: str | None = None
    age_band: str | None = None
    serving: bool | None = None
    concentrate: str | None = None
    cannabis_up_to_28_5g: bool | None = None
    plants_up_to_6: bool | None = None
    conduct: str | None = None
    minor_involved: bool = False
    environmental_violation: bool = False
    import_export: bool = False
    # True when the disqualifying conduct facts were missing and are presumed absent (§2.3).
    exclusion_facts_presumed: bool = False

    def without(self, name: str) -> tuple[Any, ...]:
        return _OTHERS[name](self)


_READING_FIELDS = tuple(f.name for f in fields(Reading))
# Field name -> a getter of every other field, in field order (Reading has more than two fields).
_OTHERS = {name: attrgetter(*(other for other in _READING_FIELDS if other != name)) for name in _READING_FIELDS}
_new_reading = builder(Reading)


@dataclass(frozen=True)
class Fact:
    """The readings of one fact, and which record fields made it uncertain."""

    name: str
    values: tuple[Any, ...]
    uncertain_fields: tuple[tuple[str, Uncertainty], ...] = ()
    unknown_reason: str | None = None
    notes: tuple[str, ...] = ()
    trace: dict[str, Any] = field(default_factory=dict)
    # The other facts are read differently for each of its values (the section decides them).
    root: bool = False


@dataclass(frozen=True)
class CountContext:
    """A count with everything its rules may read: its case, the person's record and `as_of`."""

    record: CaseRecord
    index: int
    person: PersonRecord
    event: str
    as_of: dt.date
    confidence_threshold: float

    @property
    def charge(self) -> Charge:
        return self.record.charges[self.index]

    def path(self, name: str) -> str:
        return f"charges.{self.index}.{name}"


@dataclass(frozen=True)
class Read:
    """One record value and how far it can be trusted."""

    value: Any
    path: str
    uncertainty: Uncertainty | None

    @property
    def as_read(self) -> bool:
        return self.uncertainty is None


def is_low_confidence(info: FieldInfo | None, threshold: float) -> bool:
    # A person's confirmation settles a value; an extractor's own "needs_review" flag does not.
    if info is None or info.status == "reviewed":
        return False
    if info.status == "needs_review":
        return True
    return info.confidence is not None and info.confidence < threshold


def read_value(count: CountContext, path: str, value: Any) -> Read:
    infos = [count.record.field_info(p) for p in (path, path + "_text")]
    if any(is_low_confidence(info, count.confidence_threshold) for info in infos):
        return Read(value, path, "low_confidence")
    if value is None or value == ():
        return Read(value, path, "unknown")
    return Read(value, path, None)


def expand_readings(count: CountContext) -> tuple[list[Reading], dict[str, Fact]]:
    """Every reading of the count, and the facts (merged over section readings) they vary over."""
    section_fact = _section_fact(count)
    readings: list[Reading] = []
    merged: dict[str, Fact] = {section_fact.name: section_fact}
    for section in section_fact.values:
        facts = _facts_for_section(count, section)
        for fact in facts:
            merged[fact.name] = _merge(merged.get(fact.name), fact)
        names = ["section", *(f.name for f in facts)]
        for combination in itertools.product((section,), *(f.values for f in facts)):
            readings.append(_new_reading(dict(zip(names, combination))))
    return readings, merged


def facts_that_matter(
    readings: Sequence[Reading], signatures: Sequence[Any], facts: dict[str, Fact]
) -> list[Fact]:
    """The uncertain facts whose readings change the result with every other fact held fixed."""
    mattering = []
    for fact in facts.values():
        if len(set(getattr(r, fact.name) for r in readings)) < 2:
            continue
        if fact.root:
            if len(set(signatures)) > 1:
                mattering.append(fact)
            continue
        groups: dict[tuple[Any, ...], set[Any]] = {}
        for reading, signature in zip(readings, signatures):
            groups.setdefault(reading.without(fact.name), set()).add(signature)
        if any(len(results) > 1 for results in groups.values()):
            mattering.append(fact)
    return mattering


def _merge(old: Fact | None, new: Fact) -> Fact:
    if old is None:
        return new
    return Fact(
        name=new.name,
        values=tuple(dict.fromkeys(old.values + new.values)),
        uncertain_fields=tuple(dict.fromkeys(old.uncertain_fields + new.uncertain_fields)),
        unknown_reason=new.unknown_reason or old.unknown_reason,
        notes=tuple(dict.fromkeys(old.notes + new.notes)),
        trace={**old.trace, **new.trace},
    )


def _section_fact(count: CountContext) -> Fact:
    charge = count.charge
    statute = read_value(count, count.path("statute"), charge.statute or charge.statute_text)
    section = read_section(charge)
    if statute.uncertainty == "low_confidence" and section.kind != "unrecognised":
        return Fact("section", (section, UNRECOGNISED), ((statute.path, "low_confidence"),), root=True)
    return Fact("section", (section,), root=True)


def _facts_for_section(count: CountContext, section: SectionReading) -> list[Fact]:
    if not section.is_prop64 or section.section is None:
        return []
    number, subs = section.section.section, section.section.subsections
    facts = [
        _conviction_fact(count),
        _level_fact(count, number, subs),
        _window_fact(count),
        _age_band_fact(count),
        _serving_fact(count),
    ]
    if number == "11357" and subs[:1] in ((), ("a",)):
        facts.append(_concentrate_fact(count, for_possession=True))
    if number == "11358":
        facts.append(_bool_fact(count, "plants_up_to_6", "plant_count", lambda n: n <= 6, codes.R_CA_AMOUNT_UNKNOWN))
    # 11360(b) is giving away or transporting up to 28.5 g by definition.
    if number == "11360" and subs[:1] != ("b",):
        facts.extend(_transport_amount_facts(count))
        facts.append(_conduct_fact(count))
    if number in ("11358", "11359", "11360"):
        facts.extend(_exclusion_conduct_facts(count))
    return facts


def _conviction_fact(count: CountContext) -> Fact:
    read = read_value(count, count.path("disposition"), count.charge.disposition or count.charge.disposition_text)
    status = is_conviction(count.charge)
    if read.as_read and status is not None:
        return Fact("conviction", (status,))
    uncertainty = read.uncertainty or "unknown"
    return Fact("conviction", (True, False), ((read.path, uncertainty),), codes.R_CA_DISPOSITION_UNKNOWN)


# The levels each pre-AUMA form could be convicted at (§3.1): read when the level is missing.
def _pre_auma_levels(number: str, subs: tuple[str, ...]) -> tuple[str, ...]:
    first = subs[:1]
    if number == "11357":
        return {("a",): ("felony", "misdemeanor"), ("b",): ("misdemeanor", "infraction")}.get(
            first, ("misdemeanor",) if first in (("c",), ("d",), ("e",)) else LEVELS
        )
    if number == "11360":
        return {("a",): ("felony",), ("b",): ("misdemeanor",)}.get(first, ("felony", "misdemeanor"))
    return ("felony",)


def _level_fact(count: CountContext, number: str, subs: tuple[str, ...]) -> Fact:
    level = count.charge.level if count.charge.level in LEVELS else None
    read = read_value(count, count.path("level"), level)
    if read.as_read:
        return Fact("level", (level,))
    if read.uncertainty == "low_confidence":
        return Fact("level", LEVELS, ((read.path, "low_confidence"),), codes.R_CA_LEVEL_UNKNOWN)
    return Fact("level", _pre_auma_levels(number, subs), ((read.path, "unknown"),), codes.R_CA_LEVEL_UNKNOWN)


def _window_fact(count: CountContext) -> Fact:
    offense = read_value(count, count.path("offense_date"), count.charge.offense_date)
    disposition = read_value(count, count.path("disposition_date"), count.charge.disposition_date)
    trace = {"offense_date": _iso(offense.value), "disposition_date": _iso(disposition.value),
             "effective_date": codes.AUMA_EFFECTIVE.isoformat()}
    uncertain: list[tuple[str, Uncertainty]] = []
    if offense.as_read:
        if offense.value >= codes.AUMA_EFFECTIVE:
            values: tuple[str, ...] = ("post_auma",)
        elif disposition.as_read:
            values = ("pre_auma",) if disposition.value < codes.AUMA_EFFECTIVE else ("pre_auma_disposed_after",)
        else:
            values = ("pre_auma", "pre_auma_disposed_after")
            uncertain.append((disposition.path, disposition.uncertainty or "unknown"))
    else:
        uncertain.append((offense.path, offense.uncertainty or "unknown"))
        # The offense precedes its conviction, so a conviction before the effective date proves it.
        if disposition.as_read and disposition.value < codes.AUMA_EFFECTIVE:
            values = ("pre_auma",)
        elif disposition.as_read:
            values = ("pre_auma_disposed_after", "post_auma")
        else:
            values = WINDOWS
            uncertain.append((disposition.path, disposition.uncertainty or "unknown"))
    return Fact("window", values, tuple(uncertain) if len(values) > 1 else (), codes.R_CA_WINDOW_UNKNOWN, trace=trace)


def _band(age: int) -> str:
    return "under_18" if age < 18 else "18_to_20" if age < 21 else "21_and_over"


def _age_band_fact(count: CountContext) -> Fact:
    birth = read_value(count, "defendant.date_of_birth", count.record.defendant.date_of_birth)
    offense = read_value(count, count.path("offense_date"), count.charge.offense_date)
    disposition = read_value(count, count.path("disposition_date"), count.charge.disposition_date)
    if birth.as_read and offense.as_read:
        age = age_on(birth.value, offense.value)
        trace = {"reference_date": "offense_date", "age_at_offense": age}
        return Fact("age_band", (_band(age),), trace=trace)
    if birth.as_read and disposition.as_read:
        earliest = add_years(disposition.value, -OFFENSE_LOOKBACK_YEARS)
        youngest, oldest = age_on(birth.value, earliest), age_on(birth.value, disposition.value)
        values = tuple(dict.fromkeys(_band(a) for a in range(youngest, oldest + 1)))
        trace = {"reference_date": "disposition_date", "age_range_at_offense": [youngest, oldest],
                 "lookback_years": OFFENSE_LOOKBACK_YEARS}
        uncertain = ((offense.path, offense.uncertainty or "unknown"),) if len(values) > 1 else ()
        return Fact("age_band", values, uncertain, codes.R_CA_AGE_UNKNOWN,
                    notes=(codes.NOTE_AGE_AT_OFFENSE_BOUNDED,), trace=trace)
    uncertain = tuple((r.path, r.uncertainty or "unknown") for r in (birth, offense) if not r.as_read)
    return Fact("age_band", AGE_BANDS, uncertain, codes.R_CA_AGE_UNKNOWN, trace={"reference_date": "offense_date"})


def _serving_fact(count: CountContext) -> Fact:
    end = read_value(count, count.path("sentence_end_date"), count.charge.sentence_end_date)
    disposition = read_value(count, count.path("disposition_date"), count.charge.disposition_date)
    if end.as_read:
        trace = {"sentence_end_date": end.value.isoformat(), "as_of": count.as_of.isoformat()}
        return Fact("serving", (end.value > count.as_of,), trace=trace)
    if end.uncertainty == "unknown" and disposition.as_read:
        completed_before = add_years(count.as_of, -MAX_SENTENCE_YEARS)
        if disposition.value < completed_before:
            trace = {"disposition_date": disposition.value.isoformat(), "inferred_completed_if_before":
                     completed_before.isoformat(), "max_sentence_years": MAX_SENTENCE_YEARS}
            return Fact("serving", (False,), notes=(codes.NOTE_SENTENCE_END_INFERRED,), trace=trace)
    uncertain = [(end.path, end.uncertainty or "unknown")]
    if end.uncertainty == "unknown" and not disposition.as_read:
        uncertain.append((disposition.path, disposition.uncertainty or "unknown"))
    return Fact("serving", (True, False), tuple(uncertain), codes.R_CA_SENTENCE_UNKNOWN)


def _concentrate_band(grams: float) -> str:
    return "up_to_4g" if grams <= 4 else "over_4g_up_to_8g" if grams <= 8 else "over_8g"


def _concentrate_fact(count: CountContext, *, for_possession: bool) -> Fact:
    charge = count.charge
    # An 11357(a) count is concentrate by definition; its weight may be written as the amount.
    if for_possession and charge.concentrate_grams is None:
        read = read_value(count, count.path("amount_grams"), charge.amount_grams)
    else:
        read = read_value(count, count.path("concentrate_grams"), charge.concentrate_grams)
    if read.as_read:
        return Fact("concentrate", (_concentrate_band(read.value),), trace={"concentrate_grams": read.value})
    return Fact("concentrate", CONCENTRATE_BANDS, ((read.path, read.uncertainty or "unknown"),), codes.R_CA_AMOUNT_UNKNOWN)


def _transport_amount_facts(count: CountContext) -> list[Fact]:
    charge = count.charge
    cannabis = read_value(count, count.path("amount_grams"), charge.amount_grams)
    concentrate = read_value(count, count.path("concentrate_grams"), charge.concentrate_grams)
    if cannabis.uncertainty == "unknown" and concentrate.uncertainty == "unknown":
        return [
            Fact("cannabis_up_to_28_5g", (True, False), ((cannabis.path, "unknown"),), codes.R_CA_AMOUNT_UNKNOWN),
            Fact("concentrate", CONCENTRATE_BANDS, ((concentrate.path, "unknown"),), codes.R_CA_AMOUNT_UNKNOWN),
        ]
    # One weight written and the other not means none of the other kind.
    facts = []
    if cannabis.uncertainty == "low_confidence":
        facts.append(Fact("cannabis_up_to_28_5g", (True, False), ((cannabis.path, "low_confidence"),),
                          codes.R_CA_AMOUNT_UNKNOWN))
    else:
        facts.append(Fact("cannabis_up_to_28_5g", ((cannabis.value or 0) <= 28.5,), trace={"amount_grams": cannabis.value}))
    if concentrate.uncertainty == "low_confidence":
        facts.append(Fact("concentrate", CONCENTRATE_BANDS, ((concentrate.path, "low_confidence"),),
                          codes.R_CA_AMOUNT_UNKNOWN))
    else:
        facts.append(Fact("concentrate", (_concentrate_band(concentrate.value or 0),),
                          trace={"concentrate_grams": concentrate.value}))
    return facts


def _bool_fact(count: CountContext, name: str, field_name: str, test: Any, reason: str) -> Fact:
    read = read_value(count, count.path(field_name), getattr(count.charge, field_name))
    if read.as_read:
        return Fact(name, (bool(test(read.value)),), trace={field_name: read.value})
    return Fact(name, (True, False), ((read.path, read.uncertainty or "unknown"),), reason)


def _conduct_fact(count: CountContext) -> Fact:
    read = read_value(count, count.path("conduct"), count.charge.conduct)
    tags = set(count.charge.conduct)
    if read.as_read and tags & {"sale", "import_export"}:
        return Fact("conduct", ("sale",), trace={"conduct": sorted(tags)})
    if read.as_read and tags & {"gift", "transport"}:
        return Fact("conduct", ("personal_use",), trace={"conduct": sorted(tags)})
    return Fact("conduct", CONDUCTS, ((read.path, read.uncertainty or "unknown"),), codes.R_CA_CONDUCT_UNKNOWN)


def _exclusion_conduct_facts(count: CountContext) -> list[Fact]:
    read = read_value(count, count.path("conduct"), count.charge.conduct)
    names = ("minor_involved", "environmental_violation", "import_export")
    if read.uncertainty == "low_confidence":
        return [Fact(n, (False, True), ((read.path, "low_confidence"),), codes.R_CA_CONDUCT_UNKNOWN) for n in names]
    if read.uncertainty == "unknown":
        return [Fact(n, (False,)) for n in names] + [Fact("exclusion_facts_presumed", (True,))]
    return [Fact(n, (n in count.charge.conduct,)) for n in names]


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None

