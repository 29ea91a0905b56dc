"""The contract between the coordinator and whatever reads its pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from models.pages import PageResult

if TYPE_CHECKING:
    from digitize.page_task import PageTask

Reader = Callable[["PageTask"], PageResult]


@dataclass(frozen=True)
class PageLost:
    """A page no worker could finish (its process died each time it was tried, or reading it
    raised), and why."""

    task: PageTask
    reason: str


PageOutcome = PageResult | PageLost


class PageExecutor(Protocol):
    """Reads pages somewhere else and hands back their outcomes, in the order they finish.

    Used as a context manager: leaving it normally waits for its workers to stop; leaving it on
    an exception (Ctrl-C, a database error) stops them at once, dropping pages in flight, which
    the next scan reads again since nothing of them was written.
    """

    def description(self) -> dict[str, Any]:
        """What the run row records about where pages were read (kind, workers, scheduler)."""
        ...

    def read_pages(self, tasks: Iterator[PageTask], reader: Reader) -> Iterator[PageOutcome]:
        """Every task's outcome, each exactly once; never more tasks in flight than workers can hold."""
        ...

    def __enter__(self) -> PageExecutor: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...
