"""Extraction over a database of digitized documents: `cleardocket extract`, and the step `scan` runs.

Reads the `pages` and `words` digitize wrote and stores each case through `models.store.save_case`,
which keeps every value a person reviewed. Case ids come from the document hash and the case's
position in it, so a re-run with a new extractor version lands on the same cases.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from extract.document import EXTRACTOR_VERSION, DocumentPage, ExtractOptions, extract_document
from extract.pipeline import reader_versions
from models.database import write_transaction
from models.pages import ORIENTATION_UNSURE, OcrWord, PageText, alternatives_from_json
from models.store import finish_run, save_case, start_run

ProgressCallback = Callable[[int, int], None]


@dataclass
class ExtractSummary:
    """What a run did, in counts only (no names, dates or case numbers)."""

    run_id: int
    documents: int = 0
    cases: int = 0
    counts: int = 0
    fields: int = 0
    needs_review: int = 0
    removed_cases: int = 0
    seconds: float = 0.0
    case_ids: list[str] = field(default_factory=list)
    # Files digitized without error in which no case could be read (every page too damaged, or
    # not a docket): nothing of them reaches review, so a person must look at them.
    unread_documents: list[str] = field(default_factory=list)

    def to_stats(self) -> dict[str, float | int]:
        return {
            "documents": self.documents,
            "cases": self.cases,
            "counts": self.counts,
            "fields": self.fields,
            "needs_review": self.needs_review,
            "removed_cases": self.removed_cases,
            "unread_documents": len(self.unread_documents),
            "seconds": round(self.seconds, 2),
        }


def _document_pages(db: Database, sha256: str) -> tuple[list[DocumentPage], dict[tuple[str, int], int]]:
    pages: list[DocumentPage] = []
    page_ids: dict[tuple[str, int], int] = {}
    rows = db.query(
        "select id, page_number, width, height, rotation, skew_degrees, mean_confidence, steps from pages"
        " where document_sha256 = ? and status = 'done' order by page_number",
        [sha256],
    )
    for row in rows:
        words = tuple(
            OcrWord(
                w["text"], w["left"], w["top"], w["width"], w["height"], w["confidence"], w["block"], w["paragraph"], w["line"],
                w["word"], alternatives_from_json(w["alternatives"]),
            )
            for w in db.query("select * from words where page_id = ? order by seq", [row["id"]])
        )
        text = PageText(words=words, width=row["width"] or 0, height=row["height"] or 0)
        unsure = ORIENTATION_UNSURE in json.loads(row["steps"] or "[]")
        pages.append(DocumentPage(row["page_number"], text, row["skew_degrees"], row["rotation"], row["mean_confidence"], unsure))
        page_ids[(sha256, row["page_number"])] = row["id"]
    return pages, page_ids


def _remove_stale_cases(db: Database, sha256: str, keep: set[str]) -> int:
    """Drop machine cases of this document that the new run no longer finds.

    A case a person has corrected is kept: their answers must never disappear silently.
    """
    stale = [
        row["case_id"]
        for row in db.query(
            "select cd.case_id from case_documents cd join cases c on c.case_id = cd.case_id"
            " where cd.document_sha256 = ? and c.origin = 'digitized'",
            [sha256],
        )
        if row["case_id"] not in keep
    ]
    removed = 0
    for case_id in stale:
        with write_transaction(db):
            # Checked inside the transaction: a correction landing meanwhile keeps the case.
            if next(iter(db.query("select 1 from corrections where case_id = ? limit 1", [case_id])), None):
                continue
            # Its open queue items and decisions go with it: they describe a case no longer read.
            for table in ("fields", "case_documents", "decisions", "review_items", "cases"):
                if db[table].exists():
                    db.execute(f"delete from {table} where case_id = ?", [case_id])
        removed += 1
    return removed


def extract_documents(
    db: Database,
    shas: Iterable[str] | None = None,
    *,
    options: ExtractOptions | None = None,
    on_progress: ProgressCallback | None = None,
) -> ExtractSummary:
    """Extract every digitized document (or those of `shas`) and store its cases.

    Args:
        shas: document hashes to extract; None means every document whose pages are done.
        on_progress: called with (documents done, documents in all) after each document.
    """
    options = options or ExtractOptions()
    started = time.perf_counter()
    if shas is None:
        targets = [row["sha256"] for row in db.query("select sha256 from documents where status = 'done' order by added_at, sha256")]
    else:
        targets = list(dict.fromkeys(shas))
    run_id = start_run(
        db,
        "extract",
        options={**options.to_dict(), "documents": len(targets)},
        tool_versions={"extractor": EXTRACTOR_VERSION, **reader_versions()},
    )
    summary = ExtractSummary(run_id=run_id)
    paths = {row["sha256"]: row["path"] for row in db.query("select sha256, path from documents")}
    for done, sha256 in enumerate(targets, start=1):
        pages, page_ids = _document_pages(db, sha256)
        records = extract_document(pages, document_sha256=sha256, file=paths.get(sha256) or sha256, options=options) if pages else []
        for record in records:
            save_case(db, record, origin="digitized", extractor_version=EXTRACTOR_VERSION, run_id=run_id, page_ids=page_ids)
            summary.cases += 1
            summary.counts += len(record.charges)
            summary.fields += len(record.fields)
            summary.needs_review += sum(1 for info in record.fields.values() if info.status == "needs_review")
            summary.case_ids.append(record.case_id or "")
        if not records:
            summary.unread_documents.append(paths.get(sha256) or sha256)
        summary.removed_cases += _remove_stale_cases(db, sha256, {r.case_id for r in records if r.case_id})
        summary.documents += 1
        if on_progress:
            on_progress(done, len(targets))
    summary.seconds = time.perf_counter() - started
    finish_run(db, run_id, summary.to_stats())
    return summary
