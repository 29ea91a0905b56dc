"""Scan a batch: files and folders in, every page read in worker processes, written as it lands.

The coordinator (the calling process) is the only one that touches the database: it registers
documents, hands an executor (digitize/executors: a local process pool or a Dask cluster) a
(file, page number) at a time, and writes each small PageResult it gets back in one
transaction. At most two pages per worker are in flight, so memory stays flat whatever the size
of the batch. Bad input is recorded as failed and the batch goes on.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from digitize import storage
from digitize.executors import LocalPoolExecutor, PageExecutor, PageLost
from digitize.options import DigitizeOptions
from digitize.page_task import PageTask, failed_page, failure_reason, read_page
from digitize.sources import count_pages, file_sha256, find_files, sniff_kind
from digitize.versions import tool_versions
from models.errors import InputError
from models.pages import ORIENTATION_UNSURE, PageResult
from models.store import finish_run, start_run


@dataclass(frozen=True)
class ScanProgress:
    """Where a scan is. `phase` is "counting" (hashing files, counting pages) or "reading"."""

    phase: str
    documents_counted: int
    pages_done: int
    pages_total: int
    elapsed_seconds: float


@dataclass(frozen=True)
class Failure:
    """A file that could not be read, named by file name only (never its content)."""

    file: str
    reason: str


@dataclass(frozen=True)
class ScanSummary:
    """What a scan did.

    `finished_documents` are the SHA-256s of documents this scan completed; `skipped_documents`
    those it found already done by an earlier scan (or twice in this one).
    """

    run_id: int
    documents_done: int
    documents_failed: int
    documents_skipped: int
    pages_read: int
    pages_failed: int
    words: int
    mean_confidence: float | None
    seconds: float
    # Pages read too poorly either way up to tell which is up; their values go to review.
    pages_orientation_unsure: int
    failures: tuple[Failure, ...]
    finished_documents: frozenset[str]
    skipped_documents: frozenset[str]

    @property
    def pages_per_minute(self) -> float:
        return 60.0 * self.pages_read / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class _Document:
    sha256: str
    path: Path
    kind: str
    pages_to_read: list[int]


@dataclass
class _Tally:
    started: float
    documents_counted: int = 0
    pages_total: int = 0
    pages_read: int = 0
    pages_failed: int = 0
    pages_orientation_unsure: int = 0
    words: int = 0
    confidence_sum: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    finished: set[str] = field(default_factory=set)
    skipped: set[str] = field(default_factory=set)
    documents_failed: int = 0

    def progress(self, phase: str) -> ScanProgress:
        return ScanProgress(
            phase=phase,
            documents_counted=self.documents_counted,
            pages_done=self.pages_read + self.pages_failed,
            pages_total=self.pages_total,
            elapsed_seconds=time.monotonic() - self.started,
        )

    def settled(self, status: str | None, document: _Document, db: Database) -> None:
        if status == "done":
            self.finished.add(document.sha256)
        elif status == "failed":
            self.documents_failed += 1
            (error,) = db.execute("select error from documents where sha256 = ?", [document.sha256]).fetchone()
            self.failures.append(Failure(document.path.name, error))

    def summary(self, run_id: int) -> ScanSummary:
        return ScanSummary(
            run_id=run_id,
            documents_done=len(self.finished),
            documents_failed=self.documents_failed,
            documents_skipped=len(self.skipped),
            pages_read=self.pages_read,
            pages_failed=self.pages_failed,
            words=self.words,
            mean_confidence=self.confidence_sum / self.words if self.words else None,
            seconds=time.monotonic() - self.started,
            pages_orientation_unsure=self.pages_orientation_unsure,
            failures=tuple(self.failures),
            finished_documents=frozenset(self.finished),
            skipped_documents=frozenset(self.skipped),
        )

    def stats(self) -> dict[str, object]:
        return {
            "documents_done": len(self.finished),
            "documents_failed": self.documents_failed,
            "documents_skipped": len(self.skipped),
            "pages_read": self.pages_read,
            "pages_failed": self.pages_failed,
            "pages_orientation_unsure": self.pages_orientation_unsure,
            "words": self.words,
        }


def _count_documents(
    files: Iterable[Path], db: Database, run_id: int, tally: _Tally, report: Callable[[str], None]
) -> list[_Document]:
    """Hash every file, skip the ones already done, register the rest with their page counts."""
    documents: list[_Document] = []
    seen: set[str] = set()
    failed_here: dict[str, str] = {}
    for path in files:
        tally.documents_counted += 1
        try:
            size = path.stat().st_size
            sha256 = file_sha256(path)
        except OSError as error:
            tally.documents_failed += 1
            tally.failures.append(Failure(path.name, f"cannot read the file: {error.strerror}"))
            continue
        if sha256 in failed_here:
            # The same bytes under another name (two empty files, say) fail the same way, and
            # the clerk needs both names.
            tally.documents_failed += 1
            tally.failures.append(Failure(path.name, failed_here[sha256]))
            continue
        if sha256 in seen or storage.document_status(db, sha256) == "done":
            tally.skipped.add(sha256)
            continue
        seen.add(sha256)
        try:
            kind = sniff_kind(path)
            pages = count_pages(path, kind)
        except InputError as error:
            storage.record_document_failure(
                db, sha256=sha256, path=str(path), size_bytes=size, reason=str(error), run_id=run_id
            )
            failed_here[sha256] = str(error)
            tally.documents_failed += 1
            tally.failures.append(Failure(path.name, str(error)))
            continue
        storage.register_document(db, sha256=sha256, path=str(path), size_bytes=size, pages=pages, run_id=run_id)
        document = _Document(sha256, path, kind, storage.pages_to_read(db, sha256, pages))
        if document.pages_to_read:
            documents.append(document)
            tally.pages_total += len(document.pages_to_read)
        else:
            tally.settled(storage.settle_document(db, sha256), document, db)
        report("counting")
    return documents


def _tasks(documents: list[_Document], options: DigitizeOptions, work_dir: Path | None) -> Iterator[PageTask]:
    for document in documents:
        folder = str(work_dir / f"{document.path.stem}-{document.sha256[:8]}") if work_dir else None
        for page_number in document.pages_to_read:
            yield PageTask(str(document.path), document.kind, document.sha256, page_number, options, folder)


def scan(
    paths: Iterable[Path],
    db: Database,
    options: DigitizeOptions,
    *,
    workers: int | None = None,
    on_progress: Callable[[ScanProgress], None] | None = None,
    work_dir: Path | None = None,
    reader: Callable[[PageTask], PageResult] = read_page,
    executor: PageExecutor | None = None,
) -> ScanSummary:
    """Digitize every page of the scans under `paths` into `db`, resuming where an earlier scan stopped.

    Args:
        paths: files and folders (walked recursively) of PDF, TIFF, PNG and JPEG scans.
        workers: pages read in parallel by the default executor (a local process pool);
            defaults to the number of usable cores.
        on_progress: called after each document counted and each page written.
        work_dir: keep each stage's page image here, a folder per document.
        reader: reads one page in a worker (a module-level function; tests inject faults here).
        executor: where pages are read (digitize.executors); a local process pool by default.

    Raises FileNotFoundError if a named path does not exist, ToolMissingError if tesseract
    or poppler is missing, sqlite3.Error if the database cannot be written (full disk, locked
    longer than its busy timeout), KeyboardInterrupt (after stopping cleanly) on Ctrl-C. Each
    leaves the batch resumable: a page is written whole or not at all.
    """
    versions = tool_versions()
    files = list(find_files(paths))
    executor = executor or LocalPoolExecutor(workers)
    tally = _Tally(started=time.monotonic())

    def report(phase: str) -> None:
        if on_progress is not None:
            on_progress(tally.progress(phase))

    run_id = start_run(db, "scan", options={**options.to_dict(), **executor.description()}, tool_versions=versions)
    try:
        # Workers start up while the files are hashed and counted.
        with executor:
            documents = _count_documents(files, db, run_id, tally, report)
            by_sha = {document.sha256: document for document in documents}
            report("reading")
            for outcome in executor.read_pages(_tasks(documents, options, work_dir), reader):
                result = failed_page(outcome.task, outcome.reason) if isinstance(outcome, PageLost) else outcome
                _write(db, result, tally, by_sha)
                report("reading")
    except BaseException as error:
        _record_interruption(db, run_id, tally, error)
        raise
    finish_run(db, run_id, tally.stats())
    return tally.summary(run_id)


def _record_interruption(db: Database, run_id: int, tally: _Tally, error: BaseException) -> None:
    """Say in the run row why the batch stopped, if the database can still be written."""
    try:
        finish_run(db, run_id, {**tally.stats(), "interrupted": True, "reason": failure_reason(error)})
    except sqlite3.Error:
        # A full disk or a lock that outlasted the busy timeout: the error the caller gets says
        # why, and the run row simply stays unfinished.
        pass


def _write(db: Database, result: PageResult, tally: _Tally, by_sha: dict[str, _Document]) -> None:
    status = storage.write_page(db, result)
    if result.ok:
        tally.pages_read += 1
        tally.pages_orientation_unsure += ORIENTATION_UNSURE in result.steps
        if result.text is not None:
            tally.words += len(result.text.words)
            tally.confidence_sum += sum(word.confidence for word in result.text.words)
    else:
        tally.pages_failed += 1
    tally.settled(status, by_sha[result.document_sha256], db)
