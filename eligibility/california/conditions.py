"""The condition vocabulary of county presets (spec §8.2), evaluated for one conviction count.

A condition answers True, False, or both when the record cannot tell (a missing date of birth,
an undated prior). The overlay then follows both branches and asks a person only if they differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from eligibility.california import codes, offense_lists
from eligibility.california.calendar import add_years, fractional_years
from eligibility.california.facts import MAX_SENTENCE_YEARS, CountContext
from eligibility.california.person import Conviction
from eligibility.california.policy import normalise_section_key
from eligibility.california.sections import CodeSection, SectionReading, find_code_sections, read_section
from eligibility.california.statutory import StatutoryResult

BOTH = (True, False)


@dataclass(frozen=True)
class OverlayContext:
    count: CountContext
    section: SectionReading
    statutory: StatutoryResult


@dataclass(frozen=True)
class Check:
    values: tuple[bool, ...]
    facts: dict[str, Any] = field(default_factory=dict)
    # The review reason when the branches disagree (K1); the generic county hand review otherwise.
    ambiguity: str | None = None
    # Values a reason template may name: {key} (section key), {code} (the count's code section).
    detail: dict[str, str] = field(default_factory=dict)


def known(value: bool, **facts: Any) -> Check:
    return Check((bool(value),), facts)


def unknown(**facts: Any) -> Check:
    return Check(BOTH, facts)


def _when(value: bool | None, **facts: Any) -> Check:
    return unknown(**facts) if value is None else known(value, **facts)


# --- the count itself -------------------------------------------------------------------------


def misdemeanor_or_infraction(ctx: OverlayContext, _: Any) -> Check:
    level = ctx.count.charge.level
    return _when(None if level is None else level in ("misdemeanor", "infraction"), level=level)


def felony(ctx: OverlayContext, _: Any) -> Check:
    level = ctx.count.charge.level
    return _when(None if level is None else level == "felony", level=level)


def disposed_on_or_after(ctx: OverlayContext, day: dt.date) -> Check:
    disposed = ctx.count.charge.disposition_date
    return _when(None if disposed is None else disposed >= day, disposition_date=_iso(disposed), boundary=day.isoformat())


def offense_on_or_after(ctx: OverlayContext, day: dt.date) -> Check:
    offense, disposed = ctx.count.charge.offense_date, ctx.count.charge.disposition_date
    if offense is not None:
        return known(offense >= day, offense_date=offense.isoformat(), boundary=day.isoformat())
    if disposed is not None and disposed < day:
        return known(False, disposition_date=disposed.isoformat(), boundary=day.isoformat())
    return unknown(offense_date=None, disposition_date=_iso(disposed))


def section_in(ctx: OverlayContext, sections: list[Any]) -> Check:
    section = ctx.section.section
    number = section.section if section and ctx.section.is_prop64 else None
    return known(number in {str(s) for s in sections}, section=number)


def subsection_in(ctx: OverlayContext, entries: list[str]) -> Check:
    section = ctx.section.section
    if section is None or not ctx.section.is_prop64:
        return known(False)
    for entry in entries:
        wanted = _parse_entry(entry)
        if wanted.section == section.section and section.starts_with(wanted.subsections):
            return known(True, matched=entry)
    return known(False, section=section.normalised)


def section_key_in(ctx: OverlayContext, keys: list[str]) -> Check:
    """The configurable flow's section keys (§7.2)."""
    section = ctx.section.section
    if section is None or not ctx.section.is_prop64:
        return known(False)
    letter = section.subsections[0] if section.subsections else None
    for key in (normalise_section_key(k) for k in keys):
        base, _, rest = key.partition("(")
        if base != section.section:
            continue
        if not rest:
            matched = True
        elif rest == "no-sub-section)":
            matched = letter not in ("a", "b", "c", "d")
        else:
            matched = rest == f"{letter})"
        if matched:
            return Check((True,), {"matched_key": key}, detail={"key": key})
    return known(False, section=section.normalised)


def related_charge(ctx: OverlayContext, _: Any) -> Check:
    return known(offense_lists.matches_any(ctx.section.section, offense_lists.RELATED_CHARGES))


def prop64_charge_in_same_cycle(ctx: OverlayContext, _: Any) -> Check:
    others = [c for i, c in enumerate(ctx.count.record.charges) if i != ctx.count.index]
    return known(any(read_section(c).is_prop64 for c in others))


def code_equals(ctx: OverlayContext, code: str) -> Check:
    wanted = _parse_entry(code)
    found = ctx.section.section
    return known(found is not None and found.section == wanted.section and found.code == wanted.code)


def possible_plea_bargain(ctx: OverlayContext, _: Any) -> Check:
    is_plea_code = offense_lists.matches_any(ctx.section.section, offense_lists.PLEA_BARGAIN_CODES)
    return known(is_plea_code and prop64_charge_in_same_cycle(ctx, None).values == (True,))


def prior_relief_pc1203_4(ctx: OverlayContext, _: Any) -> Check:
    return known("pc1203_4" in ctx.count.charge.prior_relief)


def serving_sentence(ctx: OverlayContext, _: Any) -> Check:
    charge = ctx.count.charge
    if charge.sentence_end_date is not None:
        return known(charge.sentence_end_date > ctx.count.as_of, sentence_end_date=charge.sentence_end_date.isoformat())
    completed = _sentence_completed(ctx.count, None, charge.disposition_date)
    return _when(None if completed is None else not completed, sentence_end_date=None)


def sentence_completed(ctx: OverlayContext, _: Any) -> Check:
    charge = ctx.count.charge
    return _when(_sentence_completed(ctx.count, charge.sentence_end_date, charge.disposition_date),
                 sentence_end_date=_iso(charge.sentence_end_date))


# --- the person ---------------------------------------------------------------------------------


def age_at_least(ctx: OverlayContext, args: Mapping[str, Any]) -> Check:
    birth, years = ctx.count.record.defendant.date_of_birth, int(args["years"])
    if birth is None:
        return unknown(date_of_birth=None)
    return known(add_years(birth, years) <= ctx.count.as_of, years=years, reference_date="as_of")


def age_at_most(ctx: OverlayContext, args: Mapping[str, Any]) -> Check:
    """LA's "21 years or younger": fractional age at as_of in the code, at conviction in the announcement (K1)."""
    birth, years = ctx.count.record.defendant.date_of_birth, int(args["years"])
    disposed = ctx.count.charge.disposition_date
    if birth is None:
        return unknown(date_of_birth=None)
    at_as_of = fractional_years(birth, ctx.count.as_of) <= years
    facts = {"years": years, "age_at_as_of_fractional": round(fractional_years(birth, ctx.count.as_of), 2)}
    if disposed is None:
        return Check((at_as_of, not at_as_of), facts, ambiguity=codes.R_CA_LA_UNDER21_REFERENCE)
    at_conviction = add_years(birth, years) > disposed
    facts["under_at_conviction"] = at_conviction
    return Check(tuple(dict.fromkeys((at_as_of, at_conviction))), facts, ambiguity=codes.R_CA_LA_UNDER21_REFERENCE)


def under_21_at(ctx: OverlayContext, _: Any) -> Check:
    birth, disposed = ctx.count.record.defendant.date_of_birth, ctx.count.charge.disposition_date
    if birth is None or disposed is None:
        return unknown(reference_date="disposition_date")
    return known(add_years(birth, 21) > disposed, reference_date="disposition_date")


def deceased(ctx: OverlayContext, _: Any) -> Check:
    # A death is recorded when known (the DOJ history's DECEASED row); no entry reads as alive, as peers did.
    return known(ctx.count.person.defendant.deceased is True)


def superstrike(ctx: OverlayContext, args: Mapping[str, Any]) -> Check:
    return _prior_offense(ctx, args["timing"], lambda c: c.is_super_strike, registration=False)


def pc290(ctx: OverlayContext, args: Mapping[str, Any]) -> Check:
    return _prior_offense(ctx, args["timing"], lambda c: c.is_pc290_offense, registration=True)


def same_section_convictions(ctx: OverlayContext, args: Mapping[str, Any]) -> Check:
    section = ctx.section.section
    if section is None or not ctx.section.is_prop64:
        return known(False)
    number = section.section
    person = ctx.count.person
    if "total_at_least" in args:
        if number not in {str(s) for s in args.get("sections", [number])}:
            return known(False, section=number)
        events = {c.event for c in person.convictions if c.prop64_section == number}
        return known(len(events) >= int(args["total_at_least"]), section=number, events=len(events))
    needed = int(args["prior_at_least"])
    disposed = ctx.count.charge.disposition_date
    counted, undated = set(), set()
    for conviction in person.in_other_events(ctx.count.event):
        if conviction.prop64_section != number:
            continue
        if disposed is None or conviction.disposition_date is None:
            undated.add(conviction.event)
        elif conviction.disposition_date < disposed:
            counted.add(conviction.event)
    if len(counted) >= needed:
        return known(True, prior_events=len(counted))
    if len(counted | undated) >= needed:
        return unknown(prior_events=len(counted), undated_events=len(undated - counted))
    return known(False, prior_events=len(counted))


def only_prop64_convictions(ctx: OverlayContext, _: Any) -> Check:
    kinds = [c.section.kind for c in ctx.count.person.convictions]
    if any(kind != "prop64" for kind in kinds if kind != "unrecognised"):
        return known(False)
    return _when(None if "unrecognised" in kinds else True, convictions=len(kinds))


def all_sentences_completed(ctx: OverlayContext, _: Any) -> Check:
    states = [_sentence_completed(ctx.count, c.sentence_end_date, c.disposition_date) for c in ctx.count.person.convictions]
    if False in states:
        return known(False)
    return _when(None if None in states else True, convictions=len(states))


def no_conviction_disposed_after(ctx: OverlayContext, args: Mapping[str, Any]) -> Check:
    cutoff = add_years(ctx.count.as_of, -int(args["years_before_as_of"]))
    dates = [c.disposition_date for c in ctx.count.person.convictions]
    if any(d is not None and d > cutoff for d in dates):
        return known(False, cutoff=cutoff.isoformat())
    return _when(None if None in dates else True, cutoff=cutoff.isoformat())


def most_recent_conviction_before(ctx: OverlayContext, args: Mapping[str, Any]) -> Check:
    """The configurable flow's years crime-free: the most recent conviction, any county, before as_of − N."""
    cutoff = add_years(ctx.count.as_of, -int(args["years_before_as_of"]))
    dates = [c.disposition_date for c in ctx.count.person.convictions]
    if any(d is not None and d >= cutoff for d in dates):
        return known(False, cutoff=cutoff.isoformat())
    return _when(None if None in dates else True, cutoff=cutoff.isoformat())


def years_since_this_conviction_at_least(ctx: OverlayContext, years: int) -> Check:
    disposed = ctx.count.charge.disposition_date
    if disposed is None:
        return unknown(disposition_date=None)
    cutoff = add_years(ctx.count.as_of, -int(years))
    return known(disposed <= cutoff, cutoff=cutoff.isoformat(), reference_date="this disposition_date")


def more_than_one_conviction(ctx: OverlayContext, _: Any) -> Check:
    events = ctx.count.person.events()
    return known(len(events) > 1, conviction_events=len(events))


def years_since_most_recent_conviction_gt(ctx: OverlayContext, args: Mapping[str, Any]) -> Check:
    """Sacramento, San Joaquin, Contra Costa: (as_of − most recent, this one included) / 365.25 > N."""
    years = float(args["years"])
    dates = [c.disposition_date for c in ctx.count.person.convictions]
    known_dates = [d for d in dates if d is not None]
    if known_dates and fractional_years(max(known_dates), ctx.count.as_of) <= years:
        return known(False, years=years)
    if None in dates or not known_dates:
        return unknown(years=years)
    return known(True, years=years, most_recent_years_ago=round(fractional_years(max(known_dates), ctx.count.as_of), 2))


def otherwise(ctx: OverlayContext, _: Any) -> Check:
    return known(True)


# --- helpers ----------------------------------------------------------------------------------


def _prior_offense(ctx: OverlayContext, timing: str, qualifies: Callable[[Conviction], bool], *, registration: bool) -> Check:
    person = ctx.count.person
    registered = registration and person.defendant.pc290_registered is True
    if timing == "anywhere":
        return known(registered or any(qualifies(c) for c in person.convictions), timing=timing)
    disposed = ctx.count.charge.disposition_date
    candidates = [c for c in person.in_other_events(ctx.count.event) if qualifies(c)]
    if disposed is not None and any(c.disposition_date and c.disposition_date < disposed for c in candidates):
        return known(True, timing=timing)
    undated = bool(candidates) and (disposed is None or any(c.disposition_date is None for c in candidates))
    # A registration with no dated conviction cannot be placed before this disposition (K15).
    return _when(None if undated or registered else False, timing=timing)


def _sentence_completed(count: CountContext, end: dt.date | None, disposed: dt.date | None) -> bool | None:
    if end is not None:
        return end < count.as_of
    if disposed is not None and disposed < add_years(count.as_of, -MAX_SENTENCE_YEARS):
        return True
    return None


def _parse_entry(entry: str) -> CodeSection:
    found = find_code_sections(str(entry))
    if not found:
        raise ValueError(f"no code section in {entry!r}")
    return found[0]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# Each name of the vocabulary, with the shape of its argument: None (no argument), "date",
# "list", "int", "str", or the keys a mapping must have.
CONDITIONS: dict[str, tuple[Callable[[OverlayContext, Any], Check], Any]] = {
    "misdemeanor_or_infraction": (misdemeanor_or_infraction, None),
    "felony": (felony, None),
    "disposed_on_or_after": (disposed_on_or_after, "date"),
    "offense_on_or_after": (offense_on_or_after, "date"),
    "section_in": (section_in, "list"),
    "subsection_in": (subsection_in, "list"),
    "section_key_in": (section_key_in, "list"),
    "superstrike": (superstrike, {"timing"}),
    "pc290": (pc290, {"timing"}),
    "same_section_convictions": (same_section_convictions, "mapping"),
    "age_at_least": (age_at_least, {"years", "ref"}),
    "age_at_most": (age_at_most, {"years", "ref", "arithmetic"}),
    "under_21_at": (under_21_at, "str"),
    "only_prop64_convictions": (only_prop64_convictions, None),
    "all_sentences_completed": (all_sentences_completed, None),
    "serving_sentence": (serving_sentence, None),
    "sentence_completed": (sentence_completed, None),
    "no_conviction_disposed_after": (no_conviction_disposed_after, {"years_before_as_of"}),
    "most_recent_conviction_before": (most_recent_conviction_before, {"years_before_as_of"}),
    "years_since_this_conviction_at_least": (years_since_this_conviction_at_least, "int"),
    "more_than_one_conviction": (more_than_one_conviction, None),
    "years_since_most_recent_conviction_gt": (years_since_most_recent_conviction_gt, {"years", "arithmetic"}),
    "related_charge": (related_charge, None),
    "prop64_charge_in_same_cycle": (prop64_charge_in_same_cycle, None),
    "code_equals": (code_equals, "str"),
    "deceased": (deceased, None),
    "possible_plea_bargain": (possible_plea_bargain, None),
    "prior_relief_pc1203_4": (prior_relief_pc1203_4, None),
    "else": (otherwise, None),
}
