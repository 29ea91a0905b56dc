"""The Illinois rule set as the registry hands it out (eligibility/rule_set.py contract)."""

import datetime as dt

import pytest

from eligibility.illinois import rules as rules_package
from eligibility.illinois.rules import RULES
from eligibility.registry import RULE_SETS, get_rule_set
from models.errors import InputError

from .factories import AS_OF, make_case

RULE_SET = get_rule_set("illinois-crta")


def test_the_registry_names_it():
    assert RULE_SETS["illinois-crta"] is RULE_SET
    assert RULE_SET.policies[0] == "statutory"


def test_an_unknown_rule_set_is_refused_with_the_known_ones():
    with pytest.raises(InputError, match="illinois-crta"):
        get_rule_set("oregon")


def test_rules_lists_every_rule_module_in_order_from_its_constants():
    modules = sorted(name for name in dir(rules_package) if not name.startswith("_") and name not in ("RULES",))
    assert sorted(rule.RULE_ID for rule in RULES) == modules
    assert [r.rule_id for r in RULE_SET.rules()] == [rule.RULE_ID for rule in RULES]
    assert all(r.citation and r.summary and r.evidence in ("verified", "secondary", "unverified") for r in RULE_SET.rules())


def test_an_unknown_policy_is_refused():
    with pytest.raises(InputError, match="statutory"):
        RULE_SET.decide([make_case()], as_of=AS_OF, policy="lenient", confidence_threshold=0.9)


def test_one_decision_per_case_in_order():
    cases = [make_case(case_id="c-1"), make_case(case_id="c-2", arrest_date=dt.date(1990, 1, 1))]
    decisions = RULE_SET.decide(cases, as_of=AS_OF, policy="statutory", confidence_threshold=0.9)
    assert len(decisions) == 2
    assert all(d.rule_set == "illinois-crta" and d.rule_set_version == RULE_SET.version for d in decisions)
