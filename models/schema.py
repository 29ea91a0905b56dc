"""The database schema, as versioned sqlite-utils migrations.

Every stage reads and writes through these tables. A schema change is a new migration appended
at the end of its set, never an edit of an applied one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("cleardocket")


@migrations()
def m001_digitize(db: Database) -> None:
    db["runs"].create(
        {
            "id": int,
            "kind": str,  # scan | extract | evaluate | import
            "started_at": str,
            "finished_at": str,
            "options": str,  # JSON
            "tool_versions": str,  # JSON
            "stats": str,  # JSON
        },
        pk="id",
    )
    db["documents"].create(
        {
            "sha256": str,
            "path": str,
            "size_bytes": int,
            "pages": int,
            "status": str,  # pending | done | failed
            "error": str,
            "run_id": int,
            "added_at": str,
            "finished_at": str,
        },
        pk="sha256",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["documents"].create_index(["status"])
    db["pages"].create(
        {
            "id": int,
            "document_sha256": str,
            "page_number": int,
            "status": str,  # done | failed
            "error": str,
            "rotation": int,
            "skew_degrees": float,
            "dpi": int,
            "width": int,
            "height": int,
            "mean_confidence": float,
            "word_count": int,
            "image_png": bytes,  # the normalized page, kept for the review screen
            "seconds": float,
            "steps": str,  # JSON list of the preprocessing steps applied
            "tool_versions": str,  # JSON
            "options": str,  # JSON
        },
        pk="id",
        foreign_keys=[("document_sha256", "documents", "sha256")],
    )
    db["pages"].create_index(["document_sha256", "page_number"], unique=True)
    db["words"].create(
        {
            "page_id": int,
            "seq": int,
            "text": str,
            "left": int,
            "top": int,
            "width": int,
            "height": int,
            "confidence": float,
            "block": int,
            "paragraph": int,
            "line": int,
            "word": int,
        },
        pk=("page_id", "seq"),
        foreign_keys=[("page_id", "pages", "id")],
    )


@migrations()
def m002_cases(db: Database) -> None:
    db["cases"].create(
        {
            "case_id": str,
            "jurisdiction": str,
            "case_number": str,
            "defendant_key": str,  # links several cases of one person (records.md)
            "origin": str,  # digitized | imported
            "record": str,  # JSON: the machine's record (records.md shape, without eligibility)
            "extractor_version": str,
            "run_id": int,
            "updated_at": str,
        },
        pk="case_id",
    )
    db["cases"].create_index(["case_number"])
    db["cases"].create_index(["defendant_key"])
    db["case_documents"].create(
        {"case_id": str, "document_sha256": str},
        pk=("case_id", "document_sha256"),
    )
    db["fields"].create(
        {
            "case_id": str,
            "path": str,  # records.md field path: case_number, charges.0.statute …
            "value": str,  # JSON
            "confidence": float,
            "status": str,  # auto | needs_review | reviewed
            "page_id": int,
            "bbox": str,  # JSON [x0, y0, x1, y1] in the normalized page image
            "text": str,
            "extractor": str,
        },
        pk=("case_id", "path"),
    )
    db["fields"].create_index(["status"])
    # Append-only: a correction is layered over machine output and never overwritten.
    db["corrections"].create(
        {
            "id": int,
            "case_id": str,
            "path": str,
            "action": str,
            "old_value": str,  # JSON
            "new_value": str,  # JSON
            "reviewer": str,
            "at": str,
            "reason": str,
            "seconds_spent": float,
            "routed_because": str,
            "extractor": str,
        },
        pk="id",
    )
    db["corrections"].create_index(["case_id", "path"])
    # Versioned decisions: a re-evaluation adds rows and clears `current` on the earlier ones.
    db["decisions"].create(
        {
            "id": int,
            "case_id": str,
            "rule_set": str,
            "rule_set_version": str,
            "policy": str,
            "as_of": str,
            "outcome": str,
            "needs_review": int,
            "decision": str,  # JSON: records.md `eligibility`
            "decided_by": str,
            "decided_at": str,
            "current": int,
            "run_id": int,
        },
        pk="id",
    )
    db["decisions"].create_index(["case_id", "rule_set", "policy", "current"])
    db["decisions"].create_index(["outcome"])


@migrations()
def m_review_queue(db: Database) -> None:
    # One row per value a person should look at; `rank` orders the queue (riskiest first, grouped
    # by docket) and a lease (owner token + expiry) keeps two reviewers off the same item.
    db["review_items"].create(
        {
            "id": int,
            "case_id": str,
            "path": str,
            "docket": str,  # the scanned document the value came from, else the case
            "kind": str,  # routed | audit
            "tier": int,  # 0 the answer could change the outcome, 1 other routed values, 2 audit
            "rank": int,
            "routed_because": str,  # JSON list of plain-language reasons
            "question": str,
            "confidence": float,
            "status": str,  # open | done | moot
            "skips": int,
            "lease_reviewer": str,
            "lease_token": str,
            "lease_expires": str,  # ISO UTC; an expired lease is free to claim
            "created_at": str,
            "updated_at": str,
            "done_by": str,
            "done_at": str,
        },
        pk="id",
        defaults={"skips": 0},
        not_null={"case_id", "path", "status"},
    )
    db["review_items"].create_index(["case_id", "path"], unique=True)
    db["review_items"].create_index(["status", "skips", "rank"])
    # Append-only, one row per correction row a reviewer caused: what `corrections` does not say.
    db["review_log"].create(
        {
            "correction_id": int,
            "item_id": int,
            "reviewer": str,
            "at": str,
            "action": str,  # accept | edit | blank | skip | flag | undo
            "undoes": int,  # correction id an undo reverses
            "confidence": float,
            "item_kind": str,
            "extractor_version": str,
            "rule_set": str,
            "rule_set_version": str,
            "field_status_before": str,
            "item_status_before": str,
            "outcome_before": str,
            "outcome_after": str,
        },
        pk="correction_id",
        foreign_keys=[("correction_id", "corrections", "id")],
    )
    db["review_log"].create_index(["reviewer", "at"])
    db["review_log"].create_index(["item_id"])


@migrations()
def m_word_alternatives(db: Database) -> None:
    # The characters Tesseract was torn over, JSON [[index, "other characters"], ...]; null when none.
    db["words"].add_column("alternatives", str)


@migrations()
def m_field_doubts(db: Database) -> None:
    # Why extraction doubted a value, in a reviewer's words, JSON ["...", ...]; null when it did not.
    db["fields"].add_column("doubts", str)
