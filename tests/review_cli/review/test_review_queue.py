"""The queue on a real SQLite file with the real engine and normalizers: routing, order, leases,
answers that re-decide at once, undo, and corrections that survive a re-run of extraction."""

import datetime as dt
import json
from dataclasses import replace

import pytest
from review_dockets import NOW, build_review_db, decision_outcome, engine, field_value

from models.store import load_case, save_case
from review_cli.review.answers import answer_item, undo_last
from review_cli.review.queue import (
    TIER_AUDIT,
    TIER_OUTCOME,
    TIER_ROUTED,
    Lease,
    LeaseLostError,
    claim_item,
    claim_next,
    open_items,
)
from review_cli.review.routing import is_audit_draw, refresh_queue

# Section 4 with no subsection: only the grams say whether the count is a Minor Cannabis Offense.
NO_SUBSECTION = {"statute": "720 ILCS 550/4", "statute_text": "720-550/4"}

CASES = [
    # The grams decide MCO and were read unsurely: the answer could change the outcome.
    dict(case_id="c-000001", name="DOE, JANE", grams=12.4, grams_text="12.4 GRMS", grams_confidence=0.41,
         disposition="CONVICTED", disposition_text="FG FINE", **NO_SUBSECTION),
    # A controlled-substance count: however many grams, it is not cannabis, so no one is asked.
    dict(case_id="c-000002", name="ROE, RICHARD", grams=3.0, grams_text="3.0 GRMS", grams_confidence=0.40,
         statute="720 ILCS 570/402(c)", statute_text="720-570/402(C)", description="PCS"),
    # The case number was printed but could not be read: a hard check, not outcome-changing.
    dict(case_id="c-000003", name="POE, EDGAR", grams=15.0, grams_text="15.0 GRMS", grams_confidence=0.99, case_number=None),
    # Everything read surely: only the audit sample can pick these values.
    dict(case_id="c-000004", name="LOE, ANNA", grams=18.0, grams_text="18.0 GRMS", grams_confidence=0.99),
]


@pytest.fixture
def db(tmp_path):
    return build_review_db(tmp_path / "review.db", CASES, dockets=2)


def _items(db):
    return {(row["case_id"], row["path"]): row for row in db.query("select * from review_items")}


def test_refresh_routes_what_could_change_the_outcome_first(db):
    summary = refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    items = _items(db)
    assert items[("c-000001", "charges.0.amount_grams")]["tier"] == TIER_OUTCOME
    assert "R_LOW_CONFIDENCE_FIELD" in items[("c-000001", "charges.0.amount_grams")]["routed_because"]
    assert items[("c-000001", "charges.0.amount_grams")]["question"].startswith("Count 1:")
    assert items[("c-000003", "case_number")]["tier"] == TIER_ROUTED
    assert "hard check" in items[("c-000003", "case_number")]["routed_because"]
    assert ("c-000002", "charges.0.amount_grams") not in items
    assert not any(case_id == "c-000004" for case_id, _ in items)
    assert summary.open_items == len(items)
    tiers_in_order = [item.tier for item in open_items(db)]
    assert tiers_in_order == sorted(tiers_in_order)


def test_a_doubtful_value_the_saved_decision_did_not_question_is_routed_only_if_the_outcome_depends_on_it(db):
    # The decisions were made at threshold 0.9; a stricter queue (0.99) doubts the 0.97 dispositions
    # and 0.98 case numbers too, and asks the engine whether the outcome would move without them.
    refresh_queue(db, decider=engine(threshold=0.99), now=NOW, audit_rate=0.0)
    items = _items(db)
    disposition = items[("c-000004", "charges.0.disposition")]
    assert disposition["tier"] == TIER_OUTCOME
    assert "low confidence (0.97) and the outcome depends on this value" in disposition["routed_because"]
    # Without a case number the decision is the same: nobody is asked about it.
    assert ("c-000004", "case_number") not in items


def test_a_confident_value_extraction_sent_to_review_is_not_called_low_confidence(db):
    # Extraction marks a confident value for review when it cannot settle a conflict, or when
    # the page's orientation was a guess.
    db.execute("update fields set status = 'needs_review' where case_id = 'c-000004' and path = 'charges.0.disposition'")
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    disposition = _items(db)[("c-000004", "charges.0.disposition")]
    assert "marked for review when it was read (0.97) and the outcome depends on this value" in disposition["routed_because"]
    assert "low confidence" not in disposition["routed_because"]


def test_the_reviewer_is_told_why_extraction_doubted_the_value(db):
    doubts = ["digitize could only guess which way up the page is"]
    db.execute(
        "update fields set status = 'needs_review', doubts = ? where case_id = 'c-000004' and path = 'charges.0.disposition'",
        [json.dumps(doubts)],
    )
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    disposition = _items(db)[("c-000004", "charges.0.disposition")]
    assert json.loads(disposition["routed_because"])[-2:] == [
        "marked for review when it was read (0.97) and the outcome depends on this value",
        "digitize could only guess which way up the page is",
    ]


def test_audit_sample_is_a_fixed_draw_of_accepted_values(db):
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.5, seed=7)
    audited = {key for key, row in _items(db).items() if row["kind"] == "audit"}
    expected = {
        (row["case_id"], row["path"])
        for row in db.query("select case_id, path from fields where status = 'auto'")
        if is_audit_draw(row["case_id"], row["path"], rate=0.5, seed=7)
    }
    assert audited and audited <= expected
    assert all(row["tier"] == TIER_AUDIT for key, row in _items(db).items() if key in audited)
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.5, seed=7)
    assert {key for key, row in _items(db).items() if row["kind"] == "audit" and row["status"] == "open"} == audited


def test_audit_draw_rate_is_close_to_the_asked_rate():
    drawn = sum(is_audit_draw(f"c-{i}", "charges.0.statute", rate=0.03, seed=1) for i in range(20_000))
    assert 0.025 < drawn / 20_000 < 0.035


def test_a_claimed_item_is_never_handed_to_a_second_reviewer_until_its_lease_expires(db):
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    ana, ben = Lease.start("ana"), Lease.start("ben")
    first = claim_next(db, ana, now=NOW, lease_seconds=600)
    second = claim_next(db, ben, now=NOW, lease_seconds=600)
    assert first is not None and second is not None and first.id != second.id
    # Ana walks away; after her lease runs out the item is free again.
    later = NOW + dt.timedelta(seconds=601)
    carl = Lease.start("carl")
    taken = [claim_next(db, carl, now=later, exclude=()) for _ in range(2)]
    assert first.id in {item.id for item in taken if item}
    with pytest.raises(LeaseLostError):
        answer_item(db, first.id, ana, action="accept", engine=engine(), now=later)
    assert db.execute("select count(*) from corrections").fetchone()[0] == 0


def test_an_edit_is_saved_and_the_case_redecided_at_once(db):
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    lease = Lease.start("ana")
    item = claim_next(db, lease, now=NOW)
    assert (item.case_id, item.path) == ("c-000001", "charges.0.amount_grams")
    before = decision_outcome(db, "c-000001")
    result = answer_item(db, item.id, lease, action="edit", new_value=45.0, engine=engine(), now=NOW, seconds_spent=12.5)
    assert field_value(db, "c-000001", "charges.0.amount_grams") == 45.0
    after = decision_outcome(db, "c-000001")
    assert after == result.decision_after["outcome"] != before == result.decision_before["outcome"]
    log = db.execute("select action, outcome_before, outcome_after, extractor_version, rule_set from review_log").fetchall()
    assert log == [("edit", before, after, "test-extract-1", "illinois-crta")]
    row = db.execute("select reviewer, old_value, new_value, seconds_spent, routed_because from corrections").fetchone()
    assert row[:4] == ("ana", "12.4", "45.0", 12.5) and "R_LOW_CONFIDENCE_FIELD" in row[4]
    assert result.item.status == "done"


def test_a_correction_that_settles_a_count_makes_its_other_items_moot(tmp_path):
    db = build_review_db(
        tmp_path / "moot.db",
        [dict(case_id="c-000009", name="DOE, JOHN", grams=12.4, grams_text="12.4 GRMS", grams_confidence=0.42,
              disposition="CONVICTED", disposition_text="FG FINE", disposition_confidence=0.5, **NO_SUBSECTION)],
    )
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    assert _items(db)[("c-000009", "charges.0.amount_grams")]["status"] == "open"
    lease = Lease.start("ana")
    disposition = next(i for i in open_items(db) if i.path == "charges.0.disposition")
    claim_item(db, disposition.id, lease, now=NOW)
    # The docket really reads BFW: the count is still open, so its grams cannot change anything now.
    result = answer_item(db, disposition.id, lease, action="edit", new_value="NO_FINAL_DISPOSITION", engine=engine(), now=NOW)
    assert result.decision_after["outcome"] == "IL_NO_FINAL_DISPOSITION"
    assert _items(db)[("c-000009", "charges.0.amount_grams")]["status"] == "moot"
    assert result.moot >= 1


def test_undo_restores_the_value_after_a_restart_and_is_itself_appended(db):
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    lease = Lease.start("ana")
    item = claim_next(db, lease, now=NOW)
    before = decision_outcome(db, item.case_id)
    answer_item(db, item.id, lease, action="edit", new_value=45.0, engine=engine(), now=NOW)
    answer_item(db, claim_next(db, lease, now=NOW).id, lease, action="flag", reason="smudged", engine=engine(), now=NOW)
    # A new session of the same reviewer (after a restart) undoes both, latest first.
    again = Lease.start("ana")
    flagged = undo_last(db, again, engine=engine(), now=NOW + dt.timedelta(minutes=1))
    assert flagged.item.status == "open" and flagged.action == "undo"
    edited = undo_last(db, again, engine=engine(), now=NOW + dt.timedelta(minutes=2))
    assert edited.item.id == item.id and edited.item.status == "open"
    assert field_value(db, item.case_id, item.path) == 12.4
    assert decision_outcome(db, item.case_id) == before
    assert db.execute("select status from fields where case_id = ? and path = ?", [item.case_id, item.path]).fetchone()[0] == "needs_review"
    assert db.execute("select count(*) from corrections").fetchone()[0] == 4
    assert undo_last(db, again, engine=engine(), now=NOW + dt.timedelta(minutes=3)) is None
    # Someone else's answers are not this reviewer's to undo.
    assert undo_last(db, Lease.start("ben"), engine=engine(), now=NOW) is None


def test_skip_keeps_the_item_but_hands_it_out_after_the_others(db):
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    lease = Lease.start("ana")
    first = claim_next(db, lease, now=NOW)
    answer_item(db, first.id, lease, action="skip", reason="need the paper file", engine=engine(), now=NOW)
    order = [item.id for item in open_items(db)]
    assert order[-1] == first.id and len(order) > 1
    assert db.execute("select reason from corrections where action = 'skip'").fetchone()[0] == "need the paper file"


def test_a_rerun_of_extraction_never_overwrites_an_answer(db):
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    lease = Lease.start("ana")
    item = claim_next(db, lease, now=NOW)
    answer_item(db, item.id, lease, action="edit", new_value=45.0, engine=engine(), now=NOW)
    effective = load_case(db, item.case_id)
    reread = replace(effective, charges=(replace(effective.charges[0], amount_grams=12.4),))
    save_case(db, reread, origin="digitized", extractor_version="test-extract-2")
    engine().redecide(db, item.case_id)
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    assert field_value(db, item.case_id, item.path) == 45.0
    assert _items(db)[(item.case_id, item.path)]["status"] == "done"
    machine_value = db.execute("select value from fields where case_id = ? and path = ?", [item.case_id, item.path])
    assert json.loads(machine_value.fetchone()[0]) == 12.4
