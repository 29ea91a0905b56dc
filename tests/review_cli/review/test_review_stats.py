"""Agreement, the audit error rate and suggested thresholds, from answers stored in a real database."""

import pytest
from review_dockets import NOW, build_review_db, engine

from review_cli.review.answers import answer_item, undo_last
from review_cli.review.queue import Lease, claim_next
from review_cli.review.routing import refresh_queue
from review_cli.review.stats import LabelledValue, review_stats, suggest_threshold


def _value(confidence: float, right: bool) -> LabelledValue:
    return LabelledValue("c", "charges.0.amount_grams", "amount_grams", "routed", 1.0, 1.0 if right else 2.0,
                         confidence, None, None, None, "accept" if right else "edit")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Sure values all right, unsure ones often wrong: the cut sits at the lowest sure value.
        ([_value(0.9 + i / 1000, True) for i in range(30)] + [_value(0.5, i % 2 == 0) for i in range(10)], 0.9),
        # Wrong even when sure: no cut keeps the error rate under 2%.
        ([_value(0.99, i % 5 != 0) for i in range(40)], None),
        # Too few answers to say anything.
        ([_value(0.99, True) for _ in range(5)], None),
    ],
    ids=["clear-cut", "never-good-enough", "too-few"],
)
def test_suggest_threshold(values, expected):
    assert suggest_threshold(values, target_error=0.02, min_answers=20) == expected


def test_audit_errors_count_only_standing_answers_on_audit_items(tmp_path):
    cases = [
        dict(case_id=f"c-00000{i}", name=f"DOE, J{i}", grams=15.0 + i, grams_text=f"{15 + i}.0 GRMS", grams_confidence=0.99)
        for i in range(1, 4)
    ]
    db = build_review_db(tmp_path / "stats.db", cases)
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=1.0)
    lease = Lease.start("ana")
    answers = [("accept", None), ("edit", 99.0), ("edit", 77.0)]
    for action, value in answers:
        item = claim_next(db, lease, now=NOW)
        assert item.kind == "audit"
        answer_item(db, item.id, lease, action=action, new_value=value, engine=engine(), now=NOW)
    # The last edit is taken back: it no longer counts against the machine.
    undo_last(db, lease, engine=engine(), now=NOW)
    stats = review_stats(db)
    assert stats.audited == 2 and stats.audit_errors == 1
    assert stats.audit_error_rate == 0.5
