"""Which rule set and policy an export covers, when the analyst names neither or only one."""

from __future__ import annotations

from sqlite_utils import Database

from eligibility.registry import RULE_SETS, get_rule_set
from models.errors import InputError

# Relief paths a court motion asks for, per rule set: Illinois (i)(3) (illinois-crta.md §5.3);
# California HS 11361.8 remedies (california-prop64.md §3.2).
MOTION_PATHS = {
    "illinois-crta": ("IL_VACATE_MOTION",),
    "california-prop64": ("CA_DISMISS_AND_SEAL", "CA_REDESIGNATE_REDUCE", "CA_RECALL_RESENTENCE"),
}
# Every relief path a notice letter tells a person about.
NOTICE_PATHS = {
    "illinois-crta": ("IL_PARDON_PATH", "IL_VACATE_MOTION", "IL_AUTO_EXPUNGE_ARREST"),
    "california-prop64": MOTION_PATHS["california-prop64"],
}


def decided_rule_sets(db: Database) -> list[str]:
    return [row[0] for row in db.execute("select distinct rule_set from decisions where current = 1 order by 1")]


def resolve_rule_set(db: Database, rule_set: str | None) -> str | None:
    """The named rule set, checked; else the only one the database has decisions under (or None)."""
    if rule_set is not None:
        if rule_set not in RULE_SETS:
            raise InputError(f"no rule set {rule_set!r}; there are: {', '.join(sorted(RULE_SETS))}")
        return rule_set
    decided = decided_rule_sets(db)
    if len(decided) > 1:
        raise InputError(f"the database has decisions under {', '.join(decided)}: choose one with --rule-set")
    return decided[0] if decided else None


def resolve_policy(rule_set: str, policy: str | None) -> str:
    """The named policy, checked against the rule set; else its default (the statutory result)."""
    policies = get_rule_set(rule_set).policies
    if policy is None:
        return policies[0]
    if policy not in policies:
        raise InputError(f"{rule_set} has no policy {policy!r}; it has: {', '.join(policies)}")
    return policy


def require_rule_set(db: Database, rule_set: str | None) -> str:
    resolved = resolve_rule_set(db, rule_set)
    if resolved is None:
        raise InputError("the database has no decisions yet: evaluate the cases first, or name --rule-set")
    return resolved
