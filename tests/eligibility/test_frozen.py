"""Frozen dataclasses built without __init__ are the objects __init__ builds."""

import datetime as dt
import pickle
from dataclasses import dataclass, field

import pytest

from eligibility.frozen import builder, field_names
from models.decisions import CaseDecision, ChargeDecision
from models.records import CaseRecord, Charge


def test_a_built_charge_equals_hashes_and_pickles_like_one_made_by_init():
    values = {"count": 2, "statute": "720 ILCS 550/4(c)", "offense_date": dt.date(1990, 1, 2), "enhancements": ("x",)}
    built = builder(Charge)(values)
    made = Charge(**values)
    assert built == made
    assert hash(built) == hash(made)
    assert repr(built) == repr(made)
    assert pickle.loads(pickle.dumps(built)) == made
    with pytest.raises(AttributeError):
        built.count = 3


def test_defaults_made_by_a_factory_are_fresh_for_each_object():
    build = builder(CaseRecord)
    first, second = build({"case_id": "a"}), build({"case_id": "b"})
    assert first.fields == {} and first.fields is not second.fields
    assert first == CaseRecord(case_id="a")
    decision = builder(ChargeDecision)({"count": 1, "outcome": "X"})
    assert decision.details == {} and decision == ChargeDecision(count=1, outcome="X")
    assert builder(CaseDecision)({"rule_set": "r", "rule_set_version": "1", "policy": "p", "as_of": dt.date(2026, 1, 1),
                                  "outcome": "X"}) == CaseDecision("r", "1", "p", dt.date(2026, 1, 1), "X")


def test_a_class_that_checks_its_values_in_post_init_is_refused():
    @dataclass(frozen=True)
    class Checked:
        value: int = 0

        def __post_init__(self):
            if self.value < 0:
                raise ValueError(self.value)

    @dataclass(frozen=True, slots=True)
    class Slotted:
        value: int = 0
        items: list = field(default_factory=list)

    for cls in (Checked, Slotted):
        with pytest.raises(TypeError):
            builder(cls)


def test_field_names_are_the_dataclass_fields():
    assert "count" in field_names(Charge) and "to_dict" not in field_names(Charge)


def test_fields_are_held_in_declared_order_so_json_writes_them_alike():
    from models.decisions import TraceEntry

    built = builder(TraceEntry)({"result": "r", "facts": {"a": 1}, "rule": "x", "citation": "c", "evidence": "e"})
    assert list(vars(built)) == list(vars(TraceEntry("x", "c", "e", {"a": 1}, "r")))
    with pytest.raises(TypeError):
        builder(TraceEntry)({"citation": "c"})
