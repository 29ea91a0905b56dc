"""County overlays: what a named prosecutor policy would do with a count (spec §1, §7, §8).

An overlay never changes the statutory outcome. It adds `county_overlay`, `county_reason` and
`county_profile`, and touches `needs_review` in two ways only: an overlay that routes the count to
people (R_CA_COUNTY_HAND_REVIEW), and one that dismisses a count the statute excludes for a
disqualifier (R_CA_COUNTY_DISMISS_ON_EXCLUDED).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from eligibility.california import codes, offense_lists
from eligibility.california.conditions import BOTH, CONDITIONS, Check, OverlayContext
from eligibility.california.facts import CountContext
from eligibility.california.policy import (
    CountyProfile,
    PolicyError,
    Step,
    configurable_steps,
    normalise_county,
    parse_configurable,
)
from eligibility.california.sections import find_code_sections
from eligibility.california.statutory import StatutoryResult
from models.decisions import TraceEntry

PRESETS_FILE = Path(__file__).with_name("presets.yaml")
_THEN_VALUES = (*codes.OVERLAY_CODES, None, "statutory")
_SCOPE_KEYS = {"county", "courthouses", "sections", "related_charges", "misdemeanors", "plea_bargains"}
_PROFILE_KEYS = {"version", "source", "evidence", "scope", "parameters", "steps", "configurable"}
# How generous an overlay or a statutory outcome is, for the "below the floor" note (§1).
_GENEROSITY = {
    codes.CA_COUNTY_DISMISS: 3,
    codes.CA_DISMISS_AND_SEAL: 3,
    codes.CA_REDESIGNATE_REDUCE: 2,
    codes.CA_RECALL_RESENTENCE: 2,
    codes.CA_NOT_ELIGIBLE: 1,
}


@dataclass(frozen=True)
class OverlayResult:
    profile: dict[str, str]
    code: str | None
    reason: str | None
    route: str | None
    reasons: tuple[str, ...]
    notes: tuple[str, ...]
    trace: TraceEntry


@dataclass(frozen=True)
class _Determination:
    code: str | None
    reason: str | None
    step: int | None
    route: str | None = None
    reasons: tuple[str, ...] = ()
    facts: Mapping[str, Any] | None = None


@lru_cache(maxsize=1)
def load_presets() -> dict[str, CountyProfile]:
    """The county presets of spec §8, validated; a broken preset file fails loudly here."""
    data = yaml.safe_load(PRESETS_FILE.read_text(encoding="utf-8"))
    return {profile_id: profile_from_mapping(profile_id, body) for profile_id, body in data.items()}


def profile_from_mapping(profile_id: str, body: Mapping[str, Any]) -> CountyProfile:
    problems: list[tuple[str, str]] = []
    unknown = set(body) - _PROFILE_KEYS
    if unknown:
        problems.append(("UNKNOWN_KEY", f"unknown profile key(s) {sorted(unknown)}"))
    if not body.get("version"):
        problems.append(("MISSING_VERSION", "a county policy needs a 'version'"))
    scope = dict(body.get("scope") or {})
    if set(scope) - _SCOPE_KEYS:
        problems.append(("UNKNOWN_KEY", f"unknown scope key(s) {sorted(set(scope) - _SCOPE_KEYS)}"))
    configurable = None
    if "configurable" in body:
        try:
            configurable = parse_configurable(body["configurable"], profile_id=profile_id)
        except PolicyError as error:
            problems.extend(error.problems)
        steps: tuple[Step, ...] = configurable_steps(configurable) if configurable else ()
    else:
        steps = tuple(_step(raw, body.get("parameters") or {}, problems) for raw in body.get("steps") or ())
        if not steps:
            problems.append(("NO_STEPS", "a preset needs 'steps' or 'configurable'"))
    if problems:
        raise PolicyError(profile_id, problems)
    return CountyProfile(
        profile_id=profile_id,
        version=str(body["version"]),
        source=str(body.get("source", "")),
        evidence=str(body.get("evidence", "unverified")),
        steps=steps,
        county=normalise_county(scope["county"]) if scope.get("county") else None,
        courthouses=tuple(c.upper() for c in scope.get("courthouses", ())),
        related_charges=bool(scope.get("related_charges", False)),
        plea_bargains=bool(scope.get("plea_bargains", False)),
        configurable=configurable,
    )


def evaluate_overlay(profile: CountyProfile, count: CountContext, statutory: StatutoryResult) -> OverlayResult:
    skipped = _out_of_scope(profile, count, statutory)
    if skipped is not None:
        determination, notes = _Determination(None, skipped, None), ()
        if skipped == "outside the county":
            notes = (codes.NOTE_COUNTY_OUT_OF_SCOPE,)
        return _result(profile, determination, statutory, notes)
    ctx = OverlayContext(count=count, section=statutory.section, statutory=statutory)
    determination = _run(profile.steps, 0, ctx)
    notes = (codes.NOTE_COUNTY_NO_DETERMINATION,) if determination.step is None else ()
    return _result(profile, determination, statutory, notes)


def evaluate_condition(condition: Any, ctx: OverlayContext) -> Check:
    if isinstance(condition, list):
        checks = [evaluate_condition(c, ctx) for c in condition]
        if any(c.values == (False,) for c in checks):
            return Check((False,))
        if all(c.values == (True,) for c in checks):
            detail = {k: v for c in checks for k, v in c.detail.items()}
            return Check((True,), {k: v for c in checks for k, v in c.facts.items()}, detail=detail)
        ambiguity = next((c.ambiguity for c in checks if c.ambiguity and c.values != (True,)), None)
        return Check(BOTH, {k: v for c in checks for k, v in c.facts.items()}, ambiguity=ambiguity)
    name, argument = _name_and_argument(condition)
    function, _ = CONDITIONS[name]
    return function(ctx, argument)


def _run(steps: tuple[Step, ...], index: int, ctx: OverlayContext) -> _Determination:
    if index >= len(steps):
        return _Determination(None, None, None)
    step = steps[index]
    check = evaluate_condition(step.condition, ctx)
    branches = [_matched(step, index, check, ctx) if value else _run(steps, index + 1, ctx) for value in check.values]
    first = branches[0]
    if all(b.code == first.code for b in branches):
        return first
    # The record cannot tell whether this step applies, and the answer changes the overlay.
    reasons = (check.ambiguity,) if check.ambiguity else ()
    return _Determination(codes.CA_HAND_REVIEW, f"cannot tell: {step.reason}", index, reasons=reasons, facts=check.facts)


def _matched(step: Step, index: int, check: Check, ctx: OverlayContext) -> _Determination:
    code = step.then
    if code == "statutory":
        outcome = ctx.statutory.outcome
        code = {codes.CA_DISMISS_AND_SEAL: codes.CA_COUNTY_DISMISS, codes.CA_NOT_PROP64: None}.get(outcome, outcome)
    section = ctx.section.section
    reason = step.reason.replace("{key}", check.detail.get("key", "")).replace(
        "{code}", section.normalised if section else ""
    )
    return _Determination(code, reason, index, route=step.route, facts=check.facts)


def _result(
    profile: CountyProfile, determination: _Determination, statutory: StatutoryResult, notes: tuple[str, ...]
) -> OverlayResult:
    reasons = list(determination.reasons)
    code = determination.code
    if code == codes.CA_HAND_REVIEW:
        reasons.append(codes.R_CA_COUNTY_HAND_REVIEW)
    if code == codes.CA_COUNTY_DISMISS and statutory.exclusions:
        reasons.append(codes.R_CA_COUNTY_DISMISS_ON_EXCLUDED)
    overlay_rank, floor_rank = _GENEROSITY.get(code or ""), _GENEROSITY.get(statutory.outcome)
    if overlay_rank is not None and floor_rank is not None and overlay_rank < floor_rank:
        notes = (*notes, codes.NOTE_COUNTY_BELOW_FLOOR)
    trace = TraceEntry(
        rule="county_overlay",
        citation=profile.source,
        evidence=profile.evidence,
        facts={
            "profile": profile.profile_id,
            "version": profile.version,
            "step": determination.step,
            "reason": determination.reason,
            **dict(determination.facts or {}),
        },
        result=code,
    )
    return OverlayResult(
        profile.label, code, determination.reason, determination.route, tuple(dict.fromkeys(reasons)), notes, trace
    )


def _out_of_scope(profile: CountyProfile, count: CountContext, statutory: StatutoryResult) -> str | None:
    """Why the profile does not look at this count, or None when it does."""
    if codes.NOTE_ALREADY_GRANTED in statutory.notes:
        return "already granted"
    if not _in_county(profile, count):
        return "outside the county"
    if statutory.conviction is not True:
        return "not a conviction"
    section = statutory.section
    if section.is_prop64:
        return None
    if profile.related_charges and offense_lists.matches_any(section.section, offense_lists.RELATED_CHARGES):
        return None
    if profile.plea_bargains and offense_lists.matches_any(section.section, offense_lists.PLEA_BARGAIN_CODES):
        return None
    return "not a charge this policy covers"


def _in_county(profile: CountyProfile, count: CountContext) -> bool:
    if profile.county is None:
        return True
    jurisdiction = count.record.jurisdiction or ""
    if jurisdiction.upper().startswith("CA-") and normalise_county(jurisdiction[3:]) == profile.county:
        return True
    court = (count.record.court or "").upper()
    return bool(court) and court in profile.courthouses


def _name_and_argument(condition: Any) -> tuple[str, Any]:
    if isinstance(condition, str):
        return condition, None
    (name, argument), = condition.items()
    return name, argument


def _step(raw: Any, parameters: Mapping[str, Any], problems: list[tuple[str, str]]) -> Step:
    raw = _substitute(raw, parameters)
    if not isinstance(raw, Mapping) or "if" not in raw or "then" not in raw or "reason" not in raw:
        problems.append(("BAD_STEP", f"a step needs 'if', 'then' and 'reason': {raw!r}"))
        return Step("else", None, "")
    problems.extend(("BAD_CONDITION", message) for message in _condition_problems(raw["if"]))
    if raw["then"] not in _THEN_VALUES:
        problems.append(("BAD_RESULT", f"unknown step result {raw['then']!r}"))
    return Step(raw["if"], raw["then"], str(raw["reason"]), raw.get("route"))


def _condition_problems(condition: Any) -> list[str]:
    if isinstance(condition, list):
        return [p for c in condition for p in _condition_problems(c)]
    if not isinstance(condition, (str, Mapping)) or (isinstance(condition, Mapping) and len(condition) != 1):
        return [f"a condition is a name, a one-key mapping or a list: {condition!r}"]
    name, argument = _name_and_argument(condition)
    if name not in CONDITIONS:
        return [f"unknown condition {name!r}"]
    shape = CONDITIONS[name][1]
    if shape is None and argument is not None:
        return [f"condition {name!r} takes no argument"]
    if isinstance(shape, set) and not (isinstance(argument, Mapping) and shape <= set(argument)):
        return [f"condition {name!r} needs {sorted(shape)}"]
    expected = {"date": dt.date, "list": list, "int": int, "str": str, "mapping": Mapping}.get(shape if isinstance(shape, str) else "")
    if expected is not None and not isinstance(argument, expected):
        return [f"condition {name!r} needs a {shape}, not {argument!r}"]
    if name in ("subsection_in", "code_equals"):
        entries = argument if isinstance(argument, list) else [argument]
        if not all(find_code_sections(str(e)) for e in entries):
            return [f"condition {name!r} has an entry that is not a code section: {argument!r}"]
    return []


def _substitute(value: Any, parameters: Mapping[str, Any]) -> Any:
    """Replace `$name` with the preset's parameter (a whole value keeps its type)."""
    if isinstance(value, str):
        for name, parameter in parameters.items():
            if value == f"${name}":
                return parameter
            value = value.replace(f"${name}", str(parameter))
        return value
    if isinstance(value, list):
        return [_substitute(v, parameters) for v in value]
    if isinstance(value, Mapping):
        return {k: _substitute(v, parameters) for k, v in value.items()}
    return value
