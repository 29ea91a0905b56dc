"""Pages read on a Dask distributed cluster: a LocalCluster here, or workers on other machines.

Workers are stateless: each task carries the bytes of its page (the file itself, or the one
page cut out of a multi-page PDF), so a worker needs only cleardocket and Tesseract installed,
not the scans' folder. It returns the small PageResult; the coordinator writes it.

Requires the optional extra: `pip install 'cleardocket[dask]'`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import dask
from distributed import Client, LocalCluster, as_completed
from distributed.client import FutureCancelledError
from distributed.scheduler import KilledWorker

from digitize import pdf_pages
from digitize.executors.base import PageLost, PageOutcome, Reader
from digitize.executors.local import IN_FLIGHT_PER_WORKER, LOST_REASON, MAX_CRASHES, default_workers
from models.errors import InputError
from models.pages import PageResult

if TYPE_CHECKING:
    from digitize.page_task import PageTask

# Debian's Tesseract uses OpenMP; one thread per worker process, as in the local pool.
_WORKER_ENV = {"OMP_THREAD_LIMIT": "1"}


def page_bytes(task: PageTask) -> tuple[bytes, int]:
    """The bytes a worker needs for the task's page, and that page's number within them."""
    path = Path(task.path)
    if task.kind == "pdf" and pdf_pages.count_pages(path) > 1:
        return pdf_pages.extract_page(path, task.page_number), 1
    return path.read_bytes(), task.page_number


def read_sent_page(task: PageTask, data: bytes, page_in_data: int, reader: Reader) -> PageResult:
    """Runs on a worker: the page's bytes into a private temporary file, read as usual."""
    with tempfile.TemporaryDirectory(prefix="cleardocket-page-") as folder:
        path = Path(folder) / f"page.{task.kind}"
        path.write_bytes(data)
        result = reader(replace(task, path=str(path), page_number=page_in_data))
    return replace(result, page_number=task.page_number)


class DaskExecutor:
    """Pages read by the workers of a Dask cluster.

    Args:
        scheduler: address of a running scheduler (`tcp://host:8786`); None starts a
            LocalCluster of `workers` processes with one thread each.
        workers: processes of the LocalCluster (ignored with a scheduler: its workers count).
        connect_timeout_seconds: how long to wait for the scheduler, and for its first worker.
    """

    def __init__(
        self, scheduler: str | None = None, workers: int | None = None, *, connect_timeout_seconds: float = 30.0
    ) -> None:
        self.scheduler = scheduler
        self.workers = workers or default_workers()
        self.connect_timeout_seconds = connect_timeout_seconds
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None

    def description(self) -> dict[str, Any]:
        if self.scheduler:
            return {"executor": "dask", "scheduler": self.scheduler}
        return {"executor": "dask", "scheduler": "local cluster", "workers": self.workers}

    def __enter__(self) -> DaskExecutor:
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout=self.connect_timeout_seconds)
            except OSError as error:
                raise InputError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from error
            return self
        # A page whose worker died is retried once on another, then given up, as in the local pool.
        with dask.config.set({"distributed.scheduler.allowed-failures": MAX_CRASHES - 1}):
            self._cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                env=_WORKER_ENV,
                silence_logs=50,
            )
        self._client = Client(self._cluster)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        client, cluster = self._client, self._cluster
        self._client = self._cluster = None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    def _slots(self) -> int:
        assert self._client is not None, "use the executor as a context manager"
        threads = sum(self._client.nthreads().values())
        return max(1, threads) * IN_FLIGHT_PER_WORKER

    def read_pages(self, tasks: Iterator[PageTask], reader: Reader) -> Iterator[PageOutcome]:
        assert self._client is not None, "use the executor as a context manager"
        client = self._client
        if self.scheduler:
            try:
                client.wait_for_workers(1, timeout=self.connect_timeout_seconds)
            except TimeoutError as error:
                raise InputError(
                    f"no Dask worker joined the scheduler at {self.scheduler} in {self.connect_timeout_seconds:g} s"
                ) from error
        in_flight: dict[str, PageTask] = {}
        finished = as_completed()

        def fill() -> None:
            # Recounted each time: workers on other machines may join or leave mid-batch.
            slots = self._slots()
            while len(in_flight) < slots:
                task = next(tasks, None)
                if task is None:
                    return
                try:
                    data, page_in_data = page_bytes(task)
                except (OSError, InputError) as error:
                    lost.append(PageLost(task, f"cannot send the page to a worker: {error}"))
                    continue
                future = client.submit(read_sent_page, task, data, page_in_data, reader, pure=False)
                in_flight[future.key] = task
                finished.add(future)

        lost: list[PageLost] = []
        fill()
        while in_flight or lost:
            while lost:
                yield lost.pop()
            if not in_flight:
                fill()
                continue
            future = next(finished)
            task = in_flight.pop(future.key)
            try:
                yield future.result()
            except (KilledWorker, FutureCancelledError):
                yield PageLost(task, LOST_REASON)
            except Exception as error:  # the reader raised, or its result could not cross back
                yield PageLost(task, f"{type(error).__name__}: {error}")
            future.release()
            fill()
