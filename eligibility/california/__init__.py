"""California Proposition 64 (AUMA) record relief: HS 11357-11360 convictions under HS 11361.8.

`CaliforniaProp64` decides the statutory floor for every count with the rules in `rules/` (in
their `RULES` order), every reading of an uncertain fact decided and combined, and adds the
county overlay of a named policy profile (`presets.yaml`, or a validated configurable policy).
Spec: ../shared/spec/california-prop64.md.
"""

from eligibility.california.policy import (
    ConfigurablePolicy,
    CountyProfile,
    PolicyError,
    configurable_profile,
    load_policy_file,
)
from eligibility.california.rule_set import CALIFORNIA_PROP64, CaliforniaProp64

__all__ = [
    "CALIFORNIA_PROP64",
    "CaliforniaProp64",
    "ConfigurablePolicy",
    "CountyProfile",
    "PolicyError",
    "configurable_profile",
    "load_policy_file",
]
