"""Every rule set cleardocket knows, by name."""

from __future__ import annotations

from eligibility.california.rule_set import CALIFORNIA_PROP64
from eligibility.illinois.rule_set import IllinoisCrta
from eligibility.rule_set import RuleSet
from models.errors import InputError

RULE_SETS: dict[str, RuleSet] = {
    IllinoisCrta.name: IllinoisCrta(),
    CALIFORNIA_PROP64.name: CALIFORNIA_PROP64,
}


def get_rule_set(name: str) -> RuleSet:
    """The rule set called `name`; InputError naming the known ones otherwise."""
    try:
        return RULE_SETS[name]
    except KeyError:
        raise InputError(f"unknown rule set {name!r}; choose one of: {', '.join(sorted(RULE_SETS))}") from None
