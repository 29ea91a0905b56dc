"""Documents, pages and words in the database: the coordinator's side of a scan.

A page's row and all its words are written in one transaction, and the document is marked
done in that same transaction when its last page lands; so a scan killed at any instant
leaves every page either fully written or absent, and a rerun reads only what is absent.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlite_utils import Database

from models.database import write_transaction
from models.pages import PageResult, alternatives_to_json

# A document's error names at most this many failed pages; the pages table holds them all.
_MAX_PAGE_ERRORS = 3


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def document_status(db: Database, sha256: str) -> str | None:
    rows = list(db.query("select status from documents where sha256 = ?", [sha256]))
    return rows[0]["status"] if rows else None


def register_document(db: Database, *, sha256: str, path: str, size_bytes: int, pages: int, run_id: int) -> None:
    """Record a document about to be read (status pending); a known one keeps its pages."""
    with write_transaction(db):
        db.execute(
            "insert into documents (sha256, path, size_bytes, pages, status, error, run_id, added_at)"
            " values (?, ?, ?, ?, 'pending', null, ?, ?)"
            " on conflict (sha256) do update set path = excluded.path, size_bytes = excluded.size_bytes,"
            " pages = excluded.pages, status = 'pending', error = null, run_id = excluded.run_id",
            [sha256, path, size_bytes, pages, run_id, _now()],
        )


def record_document_failure(db: Database, *, sha256: str, path: str, size_bytes: int, reason: str, run_id: int) -> None:
    """Record a document that could not be opened at all."""
    with write_transaction(db):
        db.execute(
            "insert into documents (sha256, path, size_bytes, pages, status, error, run_id, added_at, finished_at)"
            " values (?, ?, ?, null, 'failed', ?, ?, ?, ?)"
            " on conflict (sha256) do update set path = excluded.path, status = 'failed',"
            " error = excluded.error, run_id = excluded.run_id, finished_at = excluded.finished_at",
            [sha256, path, size_bytes, reason, run_id, _now(), _now()],
        )


def pages_to_read(db: Database, sha256: str, page_count: int) -> list[int]:
    """Page numbers of the document not yet read successfully (failed pages are retried)."""
    done = {row["page_number"] for row in db.query(
        "select page_number from pages where document_sha256 = ? and status = 'done'", [sha256]
    )}
    return [number for number in range(1, page_count + 1) if number not in done]


def _settle_document(db: Database, sha256: str) -> str | None:
    """Mark the document done or failed once every page has a row; returns the new status."""
    (pages,) = db.execute("select pages from documents where sha256 = ?", [sha256]).fetchone()
    counts = dict(
        db.execute(
            "select status, count(*) from pages where document_sha256 = ? group by status", [sha256]
        ).fetchall()
    )
    if pages is None or sum(counts.values()) < pages:
        return None
    if counts.get("failed"):
        failed = db.execute(
            "select page_number, error from pages where document_sha256 = ? and status = 'failed'"
            " order by page_number limit ?",
            [sha256, _MAX_PAGE_ERRORS],
        ).fetchall()
        reason = "; ".join(f"page {number}: {error}" for number, error in failed)
        if counts["failed"] > len(failed):
            reason += f"; {counts['failed'] - len(failed)} more failed pages"
        db.execute(
            "update documents set status = 'failed', error = ?, finished_at = ? where sha256 = ?",
            [reason, _now(), sha256],
        )
        return "failed"
    db.execute(
        "update documents set status = 'done', error = null, finished_at = ? where sha256 = ?", [_now(), sha256]
    )
    return "done"


def write_page(db: Database, result: PageResult) -> str | None:
    """Store one page's result and its words in one transaction.

    Returns the document's new status ("done" or "failed") when this was its last page.
    """
    text = result.text
    words = text.words if text is not None else ()
    with write_transaction(db):
        old = db.execute(
            "select id from pages where document_sha256 = ? and page_number = ?",
            [result.document_sha256, result.page_number],
        ).fetchone()
        if old is not None:
            db.execute("delete from words where page_id = ?", [old[0]])
            db.execute("delete from pages where id = ?", [old[0]])
        cursor = db.execute(
            "insert into pages (document_sha256, page_number, status, error, rotation, skew_degrees, dpi, width,"
            " height, mean_confidence, word_count, image_png, seconds, steps, tool_versions, options)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                result.document_sha256,
                result.page_number,
                "done" if result.ok else "failed",
                result.error,
                result.rotation if result.ok else None,
                result.skew_degrees if result.ok else None,
                result.dpi if result.ok else None,
                text.width if text is not None else None,
                text.height if text is not None else None,
                text.mean_confidence if text is not None else None,
                len(words),
                result.image_png,
                result.seconds,
                json.dumps(list(result.steps)),
                json.dumps(result.tool_versions, sort_keys=True),
                json.dumps(result.options, sort_keys=True),
            ],
        )
        page_id = cursor.lastrowid
        db.conn.executemany(
            "insert into words (page_id, seq, text, left, top, width, height, confidence, block, paragraph,"
            " line, word, alternatives) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (page_id, seq, w.text, w.left, w.top, w.width, w.height, w.confidence, w.block, w.paragraph, w.line, w.word,
                 alternatives_to_json(w.alternatives))
                for seq, w in enumerate(words)
            ],
        )
        return _settle_document(db, result.document_sha256)


def settle_document(db: Database, sha256: str) -> str | None:
    """Mark a document whose pages were all read earlier done (or failed); see write_page."""
    with write_transaction(db):
        return _settle_document(db, sha256)
