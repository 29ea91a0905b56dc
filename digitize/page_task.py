"""One page task, as a worker reads it: what the coordinator sends, and the reading of it.

Kept apart from the batch runner so that a worker process imports only what reading a page
needs (the pipeline, OpenCV, Tesseract's wrapper), not the database layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from digitize.sources import load_page
from models.errors import InputError
from models.pages import PageResult


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
