"""Scan a batch: files and folders in, every page read in worker processes, written as it lands.

The coordinator (the calling process) is the only one that touches the database: it registers
documents, hands workers a (file, page number) at a time, and writes each small PageResult it
gets back in one transaction. At most two pages per worker are in flight, so memory stays flat
whatever the size of the batch. Bad input is recorded as failed and the batch goes on.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlite_utils import Database

from digitize import storage
from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from digitize.sources import count_pages, file_sha256, find_files, load_page, sniff_kind
from digitize.versions import tool_versions
from models.errors import InputError
from models.pages import PageResult
from models.store import finish_run, start_run

# Pages queued per worker: one being read, one ready to start the moment it finishes.
_IN_FLIGHT_PER_WORKER = 2
# A page whose worker process died this many times is recorded as failed, not retried again.
_MAX_CRASHES = 2
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class PageTask:
    """What a worker needs to read one page; small and picklable."""

    path: str
    kind: str
    document_sha256: str
    page_number: int
    options: DigitizeOptions
    work_dir: str | None = None
    crashes: int = 0


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
    failures: tuple[Failure, ...]
    finished_documents: frozenset[str]
    skipped_documents: frozenset[str]

    @property
    def pages_per_minute(self) -> float:
        return 60.0 * self.pages_read / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def failure_reason(error: BaseException) -> str:
    if isinstance(error, InputError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def read_page(task: PageTask) -> PageResult:
    """Load and digitize one page (runs in a worker); a bad page becomes a failed result."""
    try:
        page = load_page(Path(task.path), task.kind, task.page_number, task.options)
        work_dir = Path(task.work_dir) if task.work_dir else None
        return digitize_page(page, task.options, document_sha256=task.document_sha256, work_dir=work_dir)
    except Exception as error:  # one unreadable page must never stop the batch
        return failed_page(task, failure_reason(error))


def failed_page(task: PageTask, reason: str) -> PageResult:
    return PageResult(
        document_sha256=task.document_sha256,
        page_number=task.page_number,
        text=None,
        options=task.options.to_dict(),
        error=reason,
    )


def _start_worker() -> None:
    # Ctrl-C is the coordinator's to handle (it stops the batch cleanly); the setting is
    # inherited by the tesseract each worker starts, so a page is not failed by the keypress.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        # Die with the coordinator (kill -9, power loss in a container): no orphaned workers.
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


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


def _stop(pool: ProcessPoolExecutor) -> None:
    pool.shutdown(wait=False, cancel_futures=True)
    for child in multiprocessing.active_children():
        child.terminate()


def scan(
    paths: Iterable[Path],
    db: Database,
    options: DigitizeOptions,
    *,
    workers: int | None = None,
    on_progress: Callable[[ScanProgress], None] | None = None,
    work_dir: Path | None = None,
    reader: Callable[[PageTask], PageResult] = read_page,
) -> ScanSummary:
    """Digitize every page of the scans under `paths` into `db`, resuming where an earlier scan stopped.

    Args:
        paths: files and folders (walked recursively) of PDF, TIFF, PNG and JPEG scans.
        workers: pages read in parallel; defaults to the number of usable cores.
        on_progress: called after each document counted and each page written.
        work_dir: keep each stage's page image here, a folder per document.
        reader: reads one page in a worker (a module-level function; tests inject faults here).

    Raises FileNotFoundError if a named path does not exist, ToolMissingError if tesseract
    or poppler is missing, KeyboardInterrupt (after stopping cleanly) on Ctrl-C.
    """
    versions = tool_versions()
    files = list(find_files(paths))
    workers = workers or default_workers()
    tally = _Tally(started=time.monotonic())

    def report(phase: str) -> None:
        if on_progress is not None:
            on_progress(tally.progress(phase))

    run_id = start_run(db, "scan", options={**options.to_dict(), "workers": workers}, tool_versions=versions)
    try:
        documents = _count_documents(files, db, run_id, tally, report)
        by_sha = {document.sha256: document for document in documents}
        report("reading")
        _read_pages(_tasks(documents, options, work_dir), db, workers, reader, tally, by_sha, report)
    except BaseException:
        finish_run(db, run_id, {**tally.stats(), "interrupted": True})
        raise
    finish_run(db, run_id, tally.stats())
    return tally.summary(run_id)


def _read_pages(
    tasks: Iterator[PageTask],
    db: Database,
    workers: int,
    reader: Callable[[PageTask], PageResult],
    tally: _Tally,
    by_sha: dict[str, _Document],
    report: Callable[[str], None],
) -> None:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker)
    in_flight: dict[Future[PageResult], PageTask] = {}
    retry: list[PageTask] = []
    broken = False

    def fill() -> None:
        while len(in_flight) < workers * _IN_FLIGHT_PER_WORKER:
            task = retry.pop() if retry else next(tasks, None)
            if task is None:
                return
            in_flight[pool.submit(reader, task)] = task

    try:
        fill()
        while in_flight:
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                task = in_flight.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    # A worker died (out of memory, a crash in a native library) and took the
                    # pool down: every page in flight is suspect. Each is retried in a fresh
                    # pool; a page that was in flight at a second crash fails.
                    broken = True
                    if task.crashes + 1 >= _MAX_CRASHES:
                        result = failed_page(task, "the worker process died reading this page (out of memory?)")
                    else:
                        retry.append(replace(task, crashes=task.crashes + 1))
                        continue
                _write(db, result, tally, by_sha)
                report("reading")
            if broken and not in_flight:
                pool.shutdown(wait=True)
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker)
                broken = False
            if not broken:
                fill()
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _write(db: Database, result: PageResult, tally: _Tally, by_sha: dict[str, _Document]) -> None:
    status = storage.write_page(db, result)
    if result.ok:
        tally.pages_read += 1
        if result.text is not None:
            tally.words += len(result.text.words)
            tally.confidence_sum += sum(word.confidence for word in result.text.words)
    else:
        tally.pages_failed += 1
    tally.settled(status, by_sha[result.document_sha256], db)
