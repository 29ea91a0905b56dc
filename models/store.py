"""Read and write cases, fields, corrections and decisions: the one way every stage does it.

The machine's record is stored as extracted; reviewers' corrections are rows layered over it.
`load_case` replays them, so a re-run of extract or evaluate never overwrites a person's answer.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from sqlite_utils import Database

from models.corrections import Correction
from models.database import write_transaction
from models.decisions import CaseDecision
from models.records import CaseRecord, FieldInfo


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set `charges.0.amount_grams`-style `path` in a records.md dict."""
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def get_path(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if isinstance(node, list):
            index = int(part)
            if index >= len(node):
                return None
            node = node[index]
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def save_case(
    db: Database,
    record: CaseRecord,
    *,
    origin: str,
    extractor_version: str | None = None,
    run_id: int | None = None,
    page_ids: dict[tuple[str, int], int] | None = None,
) -> None:
    """Store the machine's record of a case, replacing the machine's earlier record of it.

    Corrections are kept in their own table and are untouched. A field a person reviewed keeps
    its `reviewed` status whatever the new machine output says.

    Args:
        page_ids: (document sha256, page number) → pages.id, to link each field to its page row.
    """
    if record.case_id is None:
        raise ValueError("a stored case needs a case_id")
    data = record.to_dict()
    fields = data.pop("fields", {})
    key = record.defendant.identity_key
    with write_transaction(db):
        # Read inside the transaction: a reviewer's answer landing in between is not lost.
        reviewed = {
            row["path"]
            for row in db.query("select path from fields where case_id = ? and status = 'reviewed'", [record.case_id])
        }
        db["cases"].upsert(
            {
                "case_id": record.case_id,
                "jurisdiction": record.jurisdiction,
                "case_number": record.case_number,
                "defendant_key": json.dumps(key) if key else None,
                "origin": origin,
                "record": json.dumps(data),
                "extractor_version": extractor_version,
                "run_id": run_id,
                "updated_at": _now(),
            },
            pk="case_id",
        )
        db.execute("delete from fields where case_id = ?", [record.case_id])
        rows = []
        for path, info in record.fields.items():
            page_id = None
            if page_ids and info.document_sha256 and info.page is not None:
                page_id = page_ids.get((info.document_sha256, info.page))
            rows.append(
                {
                    "case_id": record.case_id,
                    "path": path,
                    "value": json.dumps(get_path(data, path)),
                    "confidence": info.confidence,
                    "status": "reviewed" if path in reviewed else info.status,
                    "page_id": page_id,
                    "bbox": json.dumps(list(info.bbox)) if info.bbox else None,
                    "text": info.text,
                    "extractor": info.extractor,
                    "doubts": json.dumps(list(info.doubts)) if info.doubts else None,
                }
            )
        if rows:
            db["fields"].insert_all(rows, pk=("case_id", "path"), replace=True)
        db.execute("delete from case_documents where case_id = ?", [record.case_id])
        for document in record.source:
            db["case_documents"].insert(
                {"case_id": record.case_id, "document_sha256": document.sha256}, replace=True
            )


def record_correction(db: Database, correction: Correction) -> int:
    """Append a reviewer's answer and mark the field reviewed. Returns the correction's id."""
    with write_transaction(db):
        cursor = db.execute(
            "insert into corrections (case_id, path, action, old_value, new_value, reviewer, at, reason,"
            " seconds_spent, routed_because, extractor) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                correction.case_id,
                correction.field_path,
                correction.action,
                json.dumps(correction.old_value),
                json.dumps(correction.new_value),
                correction.reviewer,
                correction.at.isoformat(),
                correction.reason,
                correction.seconds_spent,
                correction.routed_because,
                correction.extractor,
            ],
        )
        if correction.action in ("accept", "edit", "blank"):
            db.execute(
                "update fields set status = 'reviewed' where case_id = ? and path = ?",
                [correction.case_id, correction.field_path],
            )
        return int(cursor.lastrowid)


# Actions that change the effective value; skip and flag leave it as the machine read it.
_VALUE_ACTIONS = ("accept", "edit", "blank")


def apply_corrections(data: dict[str, Any], corrections: list[dict[str, Any]]) -> dict[str, Any]:
    """Replay correction rows (oldest first) over a records.md dict, in place."""
    for row in corrections:
        if row["action"] in _VALUE_ACTIONS:
            set_path(data, row["path"], json.loads(row["new_value"]))
    return data


def _record_from_rows(case_row: dict[str, Any], field_rows: list[dict[str, Any]], corrections: list[dict[str, Any]]) -> CaseRecord:
    data = apply_corrections(json.loads(case_row["record"]), corrections)
    record = CaseRecord.from_dict(data)
    fields = {
        row["path"]: FieldInfo(
            confidence=row["confidence"],
            status=row["status"],
            page=None,
            bbox=tuple(json.loads(row["bbox"])) if row["bbox"] else None,
            text=row["text"],
            extractor=row["extractor"],
            doubts=tuple(json.loads(row["doubts"])) if row.get("doubts") else (),
        )
        for row in field_rows
    }
    page_numbers = {
        row["path"]: (row["page_number"], row["document_sha256"]) for row in field_rows if row.get("page_number")
    }
    for path, (page_number, sha) in page_numbers.items():
        fields[path] = replace(fields[path], page=page_number, document_sha256=sha)
    return replace(record, fields=fields)


_FIELDS_SQL = (
    "select f.*, p.page_number, p.document_sha256 from fields f left join pages p on p.id = f.page_id"
)


def load_case(db: Database, case_id: str) -> CaseRecord:
    """The effective record of a case: the machine's record with every correction replayed."""
    rows = list(db.query("select * from cases where case_id = ?", [case_id]))
    if not rows:
        raise KeyError(case_id)
    fields = list(db.query(_FIELDS_SQL + " where f.case_id = ?", [case_id]))
    corrections = list(db.query("select * from corrections where case_id = ? order by id", [case_id]))
    return _record_from_rows(rows[0], fields, corrections)


def iter_cases(db: Database, *, batch_size: int = 2000, where: str | None = None) -> Iterator[CaseRecord]:
    """Every case's effective record, in case_id order, reading `batch_size` cases at a time."""
    last = ""
    condition = f" and ({where})" if where else ""
    while True:
        case_rows = list(
            db.query(
                f"select * from cases where case_id > ?{condition} order by case_id limit ?", [last, batch_size]
            )
        )
        if not case_rows:
            return
        ids = [row["case_id"] for row in case_rows]
        marks = ",".join("?" * len(ids))
        fields: dict[str, list[dict[str, Any]]] = {}
        for row in db.query(_FIELDS_SQL + f" where f.case_id in ({marks})", ids):
            fields.setdefault(row["case_id"], []).append(row)
        corrections: dict[str, list[dict[str, Any]]] = {}
        for row in db.query(f"select * from corrections where case_id in ({marks}) order by id", ids):
            corrections.setdefault(row["case_id"], []).append(row)
        for row in case_rows:
            yield _record_from_rows(row, fields.get(row["case_id"], []), corrections.get(row["case_id"], []))
        last = ids[-1]


def save_decision(db: Database, case_id: str, decision: CaseDecision, *, run_id: int | None = None) -> None:
    """Add a decision; earlier ones for the same case, rule set and policy are kept, not current."""
    with write_transaction(db):
        db.execute(
            "update decisions set current = 0 where case_id = ? and rule_set = ? and policy = ? and current = 1",
            [case_id, decision.rule_set, decision.policy],
        )
        db["decisions"].insert(
            {
                "case_id": case_id,
                "rule_set": decision.rule_set,
                "rule_set_version": decision.rule_set_version,
                "policy": decision.policy,
                "as_of": decision.as_of.isoformat(),
                "outcome": decision.outcome,
                "needs_review": int(decision.needs_review),
                "decision": json.dumps(decision.to_dict()),
                "decided_by": decision.decided_by,
                "decided_at": _now(),
                "current": 1,
                "run_id": run_id,
            }
        )


def current_decision(db: Database, case_id: str, *, rule_set: str | None = None, policy: str | None = None) -> dict[str, Any] | None:
    """The latest decision of a case as a records.md `eligibility` dict, or None."""
    sql = "select decision from decisions where case_id = ? and current = 1"
    params: list[Any] = [case_id]
    if rule_set:
        sql += " and rule_set = ?"
        params.append(rule_set)
    if policy:
        sql += " and policy = ?"
        params.append(policy)
    rows = list(db.query(sql + " order by id desc limit 1", params))
    return json.loads(rows[0]["decision"]) if rows else None


def start_run(db: Database, kind: str, *, options: dict[str, Any], tool_versions: dict[str, str] | None = None) -> int:
    """Record the start of a batch (scan, extract, evaluate, import); returns its id."""
    return int(
        db["runs"]
        .insert(
            {
                "kind": kind,
                "started_at": _now(),
                "options": json.dumps(options, default=str),
                "tool_versions": json.dumps(tool_versions or {}),
            }
        )
        .last_pk
    )


def finish_run(db: Database, run_id: int, stats: dict[str, Any]) -> None:
    db["runs"].update(run_id, {"finished_at": _now(), "stats": json.dumps(stats, default=str)})
