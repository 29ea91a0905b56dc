"""A reviewer's answer: saved at once as a correction, the case re-decided, the queue brought up to date.

Every answer is a `corrections` row (the store replays them over the machine's record) plus a
`review_log` row with what the correction does not say. Both are append-only; an undo is one
more pair of rows that restores the value from before the answer it reverses.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Protocol

from sqlite_utils import Database

from models.corrections import Correction
from models.database import write_transaction
from models.store import current_decision, get_path, load_case, record_correction
from review_cli.review.queue import (
    DEFAULT_LEASE_SECONDS,
    DONE,
    FLAGGED,
    OPEN,
    Lease,
    LeaseLostError,
    ReviewItem,
    claim_item,
    get_item,
    stamp,
)
from review_cli.review.routing import DEFAULT_AUDIT_RATE, Decider, refresh_queue

VALUE_ACTIONS = ("accept", "edit", "blank")
ACTIONS = (*VALUE_ACTIONS, "skip", "flag")


class Engine(Decider, Protocol):
    def redecide(self, db: Database, case_id: str) -> dict[str, Any] | None:
        """Re-decide the person of `case_id` and save the decisions; returns the case's new one."""
        ...


@dataclass(frozen=True)
class QueueSettings:
    audit_rate: float = DEFAULT_AUDIT_RATE
    seed: int = 0
    lease_seconds: int = DEFAULT_LEASE_SECONDS


@dataclass(frozen=True)
class AnswerResult:
    item: ReviewItem
    correction_id: int
    action: str
    old_value: Any
    new_value: Any
    decision_before: dict[str, Any] | None
    decision_after: dict[str, Any] | None
    # Other items of the same person that this answer took out of the queue, or put into it.
    moot: int
    added: int


def _blank_of(value: Any) -> Any:
    return [] if isinstance(value, list) else None


def _field_row(db: Database, case_id: str, path: str) -> dict[str, Any]:
    rows = list(db.query("select status, extractor, confidence from fields where case_id = ? and path = ?", [case_id, path]))
    return rows[0] if rows else {"status": None, "extractor": None, "confidence": None}


def _extractor_version(db: Database, case_id: str) -> str | None:
    row = db.execute("select extractor_version from cases where case_id = ?", [case_id]).fetchone()
    return row[0] if row else None


def _append(
    db: Database,
    lease: Lease,
    item: ReviewItem,
    correction: Correction,
) -> int:
    """Append the correction if this session still holds the item; one transaction."""
    with write_transaction(db):
        row = db.conn.execute("select lease_token from review_items where id = ?", [item.id]).fetchone()
        if row is None or row[0] != lease.token:
            raise LeaseLostError(f"review item {item.id} is no longer leased to this session")
        # Inside this transaction: the lease check and the correction land together.
        return record_correction(db, correction)


def _outcome(decision: dict[str, Any] | None) -> str | None:
    return decision.get("outcome") if decision else None


def answer_item(
    db: Database,
    item_id: int,
    lease: Lease,
    *,
    action: str,
    engine: Engine,
    now: dt.datetime,
    new_value: Any = None,
    reason: str | None = None,
    seconds_spent: float | None = None,
    settings: QueueSettings = QueueSettings(),
) -> AnswerResult:
    """Record one answer on a leased item and re-decide its case at once.

    Args:
        action: accept (the value is right), edit (`new_value` is), blank (nothing legible is
            there), skip (leave it for later, with `reason`), flag (a supervisor should look).
    """
    if action not in ACTIONS:
        raise ValueError(f"action must be one of {ACTIONS}, not {action!r}")
    item = get_item(db, item_id)
    data = load_case(db, item.case_id).to_dict()
    old_value = get_path(data, item.path)
    value = {"accept": old_value, "edit": new_value, "blank": _blank_of(old_value)}.get(action, old_value)
    field = _field_row(db, item.case_id, item.path)
    before = current_decision(db, item.case_id, rule_set=engine.rule_set, policy=engine.policy)
    correction_id = _append(
        db,
        lease,
        item,
        Correction(
            case_id=item.case_id,
            field_path=item.path,
            action=action,
            old_value=old_value,
            new_value=value,
            reviewer=lease.reviewer,
            at=now,
            reason=reason,
            seconds_spent=seconds_spent,
            routed_because="; ".join(item.routed_because),
            extractor=field["extractor"],
        ),
    )
    after = engine.redecide(db, item.case_id) if action in VALUE_ACTIONS else before
    status = {"skip": item.status, "flag": FLAGGED}.get(action, DONE)
    with write_transaction(db):
        _log(db, correction_id, item, lease, now, action, None, field, engine, before, after, _extractor_version(db, item.case_id))
        db.conn.execute(
            "update review_items set status = ?, skips = skips + ?, done_by = ?, done_at = ?, updated_at = ?,"
            " lease_reviewer = null, lease_token = null, lease_expires = null where id = ?",
            [
                status,
                1 if action == "skip" else 0,
                None if action == "skip" else lease.reviewer,
                None if action == "skip" else stamp(now),
                stamp(now),
                item.id,
            ],
        )
    summary = refresh_queue(db, decider=engine, now=now, case_ids=[item.case_id], audit_rate=settings.audit_rate, seed=settings.seed)
    return AnswerResult(
        item=get_item(db, item.id),
        correction_id=correction_id,
        action=action,
        old_value=old_value,
        new_value=value,
        decision_before=before,
        decision_after=after,
        moot=summary.moot,
        added=summary.added + summary.reopened,
    )


def _log(
    db: Database,
    correction_id: int,
    item: ReviewItem,
    lease: Lease,
    now: dt.datetime,
    action: str,
    undoes: int | None,
    field: dict[str, Any],
    engine: Engine,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    extractor_version: str | None,
    *,
    field_status_before: str | None = None,
    item_status_before: str | None = None,
) -> None:
    db.conn.execute(
        "insert into review_log (correction_id, item_id, reviewer, at, action, undoes, confidence, item_kind,"
        " extractor_version, rule_set, rule_set_version, field_status_before, item_status_before, outcome_before,"
        " outcome_after) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            correction_id,
            item.id,
            lease.reviewer,
            stamp(now),
            action,
            undoes,
            field["confidence"],
            item.kind,
            extractor_version,
            engine.rule_set,
            (after or before or {}).get("rule_set_version"),
            field_status_before if field_status_before is not None else field["status"],
            item_status_before if item_status_before is not None else item.status,
            _outcome(before),
            _outcome(after),
        ],
    )


def last_undoable(db: Database, reviewer: str) -> dict[str, Any] | None:
    """The reviewer's latest answer that no undo has reversed yet (undo is unlimited)."""
    rows = list(
        db.query(
            "select l.*, c.action as correction_action, c.old_value, c.new_value, c.case_id, c.path"
            " from review_log l join corrections c on c.id = l.correction_id"
            " where l.reviewer = ? and l.action != 'undo'"
            " and l.correction_id not in (select undoes from review_log where undoes is not null)"
            " order by l.correction_id desc limit 1",
            [reviewer],
        )
    )
    return rows[0] if rows else None


def undo_last(
    db: Database,
    lease: Lease,
    *,
    engine: Engine,
    now: dt.datetime,
    settings: QueueSettings = QueueSettings(),
) -> AnswerResult | None:
    """Reverse this reviewer's latest answer not yet reversed; None when there is nothing to undo.

    The undo is appended, never a deletion: a correction that sets the value back to what it was
    before the answer (plain `undo` when the value did not change), and a log row naming the
    answer it reverses. The field and the item go back to their earlier status.
    """
    target = last_undoable(db, lease.reviewer)
    if target is None:
        return None
    item = claim_item(db, target["item_id"], lease, now=now, lease_seconds=settings.lease_seconds)
    data = load_case(db, item.case_id).to_dict()
    current = get_path(data, item.path)
    restored = json.loads(target["old_value"])
    changes_value = target["action"] in VALUE_ACTIONS and restored != current
    field = _field_row(db, item.case_id, item.path)
    before = current_decision(db, item.case_id, rule_set=engine.rule_set, policy=engine.policy)
    correction_id = _append(
        db,
        lease,
        item,
        Correction(
            case_id=item.case_id,
            field_path=item.path,
            # The store replays accept/edit/blank rows only; restoring a value must be one of them.
            action="edit" if changes_value else "undo",
            old_value=current,
            new_value=restored if changes_value else current,
            reviewer=lease.reviewer,
            at=now,
            reason=f"undo of correction {target['correction_id']} ({target['action']})",
            routed_because="; ".join(item.routed_because),
            extractor=field["extractor"],
        ),
    )
    with write_transaction(db):
        db.conn.execute(
            "update fields set status = ? where case_id = ? and path = ?",
            [target["field_status_before"], item.case_id, item.path],
        )
        db.conn.execute(
            "update review_items set status = ?, skips = max(skips - ?, 0), done_by = null, done_at = null,"
            " updated_at = ? where id = ?",
            [target["item_status_before"] or OPEN, 1 if target["action"] == "skip" else 0, stamp(now), item.id],
        )
    after = engine.redecide(db, item.case_id) if target["action"] in VALUE_ACTIONS else before
    with write_transaction(db):
        _log(
            db,
            correction_id,
            item,
            lease,
            now,
            "undo",
            target["correction_id"],
            field,
            engine,
            before,
            after,
            _extractor_version(db, item.case_id),
            field_status_before=field["status"],
            item_status_before=item.status,
        )
    summary = refresh_queue(db, decider=engine, now=now, case_ids=[item.case_id], audit_rate=settings.audit_rate, seed=settings.seed)
    return AnswerResult(
        item=get_item(db, item.id),
        correction_id=correction_id,
        action="undo",
        old_value=current,
        new_value=restored if changes_value else current,
        decision_before=before,
        decision_after=after,
        moot=summary.moot,
        added=summary.added + summary.reopened,
    )
