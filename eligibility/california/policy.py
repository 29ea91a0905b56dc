"""County policy profiles: the configurable flow's parameters and the preset step lists (spec §7, §8).

A policy is data: the BEAR configurable parameters (peer camelCase JSON or snake_case) or an
ordered step list. Everything is validated before use; an invalid policy is rejected with every
problem named, using the peer's own messages where the peer had one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eligibility.california.codes import AUMA_EFFECTIVE
from models.errors import InputError

SECTION_KEYS = (
    "11357", "11357(a)", "11357(b)", "11357(c)", "11357(d)", "11357(no-sub-section)", "11358", "11359", "11360",
)
AGE_THRESHOLD_RANGE = (40, 65)
YEARS_RANGE = (1, 15)

# peer JSON key → snake_case key (§7.1)
_RELIEF_KEYS = {
    "subjectUnder21AtConviction": "under_21_at_conviction",
    "subjectAgeThreshold": "age_threshold",
    "yearsSinceConvictionThreshold": "years_since_conviction",
    "yearsCrimeFreeThreshold": "years_crime_free",
    "subjectHasOnlyProp64Charges": "only_prop64",
    "subjectIsDeceased": "deceased",
}
_BOOL_KEYS = ("under_21_at_conviction", "only_prop64", "deceased")


class PolicyError(InputError):
    """A county policy is invalid; `problems` lists (code, message) for every problem found."""

    def __init__(self, profile_id: str | None, problems: list[tuple[str, str]]):
        self.profile_id = profile_id
        self.problems = tuple(problems)
        name = f"county policy {profile_id!r}" if profile_id else "county policy"
        super().__init__(f"{name} is invalid: " + "; ".join(message for _, message in problems))


@dataclass(frozen=True)
class ConfigurablePolicy:
    """The parameters of the BEAR configurable flow (§7.1); 0 and null both mean off."""

    dismiss: tuple[str, ...] = ()
    reduce: tuple[str, ...] = ()
    under_21_at_conviction: bool = False
    age_threshold: int | None = None
    years_since_conviction: int | None = None
    years_crime_free: int | None = None
    only_prop64: bool = False
    deceased: bool = False


@dataclass(frozen=True)
class Step:
    """One `(condition, overlay, reason)` step; `then` is an overlay code, None, or "statutory"."""

    condition: Any
    then: str | None
    reason: str
    route: str | None = None


@dataclass(frozen=True)
class CountyProfile:
    profile_id: str
    version: str
    source: str
    evidence: str
    steps: tuple[Step, ...]
    # Scope: the county (as in jurisdiction CA-<COUNTY>) and courthouses whose cases it covers;
    # no county means every California case.
    county: str | None = None
    courthouses: tuple[str, ...] = ()
    related_charges: bool = False
    plea_bargains: bool = False
    configurable: ConfigurablePolicy | None = None

    @property
    def label(self) -> dict[str, str]:
        return {"id": self.profile_id, "version": self.version}


def parse_configurable(data: Mapping[str, Any], *, profile_id: str | None = None) -> ConfigurablePolicy:
    """Read and validate configurable-flow parameters, peer JSON keys or snake_case keys."""
    problems: list[tuple[str, str]] = []
    baseline, relief = _split_sections(data, problems)
    dismiss = _section_keys(baseline.get("dismiss"), "dismiss", problems)
    reduce = _section_keys(baseline.get("reduce"), "reduce", problems)
    _check_overlaps(dismiss, reduce, problems)
    values: dict[str, Any] = {}
    for key, value in relief.items():
        name = _RELIEF_KEYS.get(key, key)
        if name not in _RELIEF_KEYS.values():
            problems.append(("UNKNOWN_KEY", f"unknown additional-relief key {key!r}"))
        elif name in _BOOL_KEYS:
            if value is not None and not isinstance(value, bool):
                problems.append(("NOT_BOOLEAN", f"{key} must be true or false, not {value!r}"))
            values[name] = bool(value)
        else:
            values[name] = _threshold(name, key, value, problems)
    if problems:
        raise PolicyError(profile_id, problems)
    return ConfigurablePolicy(dismiss=dismiss, reduce=reduce, **values)


def configurable_profile(data: Mapping[str, Any]) -> CountyProfile:
    """A user's configurable profile: its parameters plus the `id` and `version` every profile carries."""
    profile_id, version = data.get("id"), data.get("version")
    problems = []
    if not isinstance(profile_id, str) or not profile_id.strip():
        problems.append(("MISSING_ID", "a county policy needs an 'id'"))
    if version is None or not str(version).strip():
        problems.append(("MISSING_VERSION", "a county policy needs a 'version'"))
    params = {k: v for k, v in data.items() if k not in ("id", "version", "county", "source")}
    try:
        policy = parse_configurable(params, profile_id=profile_id if isinstance(profile_id, str) else None)
    except PolicyError as error:
        problems.extend(error.problems)
    if problems:
        raise PolicyError(profile_id if isinstance(profile_id, str) else None, problems)
    return CountyProfile(
        profile_id=str(profile_id),
        version=str(version),
        source=str(data.get("source") or "user-supplied configurable policy"),
        evidence="verified",
        steps=configurable_steps(policy),
        county=_county(data.get("county")),
        configurable=policy,
    )


def load_policy_file(path: Path) -> CountyProfile:
    """A county's configurable policy from a YAML (or JSON) file: `id`, `version`, optional
    `county` and `source`, and the parameters of §7.1, each checked against its valid range.

    Raises InputError when the file cannot be read, PolicyError naming every problem otherwise.
    """
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(f"cannot read the county policy file {path}: {error}") from error
    if not isinstance(data, Mapping):
        raise PolicyError(None, [("NOT_A_MAPPING", f"{path} must hold one policy: id, version and its parameters")])
    return configurable_profile(data)


def configurable_steps(policy: ConfigurablePolicy) -> tuple[Step, ...]:
    """The fixed order of the configurable flow (§7.3), as steps; the first match wins."""
    steps = [
        # The flow itself checks no window; the engine does not evaluate it for AUMA-era offenses.
        Step({"offense_on_or_after": AUMA_EFFECTIVE}, None, "Occurred after 11/09/2016 (not evaluated)"),
        Step("misdemeanor_or_infraction", "CA_COUNTY_DISMISS", "Misdemeanor or Infraction"),
    ]
    if policy.dismiss:
        steps.append(Step({"section_key_in": list(policy.dismiss)}, "CA_COUNTY_DISMISS", "Dismiss all HS {key} convictions"))
    if policy.under_21_at_conviction:
        steps.append(Step({"under_21_at": "disposition_date"}, "CA_COUNTY_DISMISS", "21 years or younger"))
    if policy.age_threshold:
        n = policy.age_threshold
        steps.append(Step({"age_at_least": {"years": n, "ref": "as_of"}}, "CA_COUNTY_DISMISS", f"{n} years or older"))
    if policy.years_since_conviction:
        n = policy.years_since_conviction
        steps.append(Step({"years_since_this_conviction_at_least": n}, "CA_COUNTY_DISMISS",
                          f"Conviction occurred {n} or more years ago"))
    if policy.years_crime_free:
        n = policy.years_crime_free
        steps.append(Step({"most_recent_conviction_before": {"years_before_as_of": n}}, "CA_COUNTY_DISMISS",
                          f"No convictions in the past {n} years"))
    if policy.only_prop64:
        steps.append(Step("only_prop64_convictions", "CA_COUNTY_DISMISS", "Only has 11357-60 charges"))
    if policy.deceased:
        steps.append(Step("deceased", "CA_COUNTY_DISMISS", "Individual is deceased"))
    if policy.reduce:
        steps.append(Step({"section_key_in": list(policy.reduce)}, "CA_REDESIGNATE_REDUCE", "Reduce all HS {key} convictions"))
    return tuple(steps)


def normalise_section_key(key: str) -> str:
    return re.sub(r"\s+", "", key).lower()


def _split_sections(data: Mapping[str, Any], problems: list[tuple[str, str]]) -> tuple[dict[str, Any], dict[str, Any]]:
    baseline: dict[str, Any] = {}
    relief: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("baselineEligibility", "baseline"):
            if not isinstance(value, Mapping):
                problems.append(("NOT_A_MAPPING", f"{key} must map 'dismiss' and 'reduce' to lists"))
                continue
            for list_name, keys in value.items():
                if list_name not in ("dismiss", "reduce"):
                    problems.append(("UNKNOWN_KEY", f"unknown key {key}.{list_name}"))
                else:
                    baseline[list_name] = keys
        elif key in ("additionalRelief", "additional_relief"):
            if not isinstance(value, Mapping):
                problems.append(("NOT_A_MAPPING", f"{key} must be a mapping"))
                continue
            relief.update(value)
        elif key in _RELIEF_KEYS or key in _RELIEF_KEYS.values():
            relief[key] = value
        else:
            problems.append(("UNKNOWN_KEY", f"unknown county policy key {key!r}"))
    return baseline, relief


def _section_keys(value: Any, list_name: str, problems: list[tuple[str, str]]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        problems.append(("NOT_A_LIST", f"baseline {list_name} must be a list of section keys"))
        return ()
    keys = []
    for raw in value:
        key = normalise_section_key(raw)
        if key not in SECTION_KEYS:
            problems.append(("UNKNOWN_SECTION_KEY", f"unknown section key {raw!r} in {list_name} "
                             f"(known: {', '.join(SECTION_KEYS)})"))
        elif key not in keys:
            keys.append(key)
    return tuple(keys)


def _check_overlaps(dismiss: tuple[str, ...], reduce: tuple[str, ...], problems: list[tuple[str, str]]) -> None:
    for key in dismiss:
        for other in reduce:
            if key == other:
                problems.append(("SECTION_IN_BOTH_LISTS", f"section key {key!r} is in both dismiss and reduce"))
            elif _covers(key, other) or _covers(other, key):
                problems.append(("OVERLAPPING_SECTION_KEYS",
                                 f"section keys {key!r} (dismiss) and {other!r} (reduce) overlap"))


def _covers(whole: str, part: str) -> bool:
    """`11357` covers every `11357(...)` key."""
    return "(" not in whole and part.startswith(whole + "(")


def _threshold(name: str, key: str, value: Any, problems: list[tuple[str, str]]) -> int | None:
    if value is None or value == 0:
        return None
    low, high = AGE_THRESHOLD_RANGE if name == "age_threshold" else YEARS_RANGE
    peer_name = {v: k for k, v in _RELIEF_KEYS.items()}[name]
    label = peer_name[0].upper() + peer_name[1:]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append((f"{name.upper()}_RANGE", f"{label} should be between {low} and {high}, or 0"))
        return None
    return value


def _county(value: Any) -> str | None:
    return normalise_county(value) if value else None


def normalise_county(value: str) -> str:
    return "_".join(str(value).upper().replace("-", " ").split())
