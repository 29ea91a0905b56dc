"""Pages read by a pool of worker processes on this machine (the default executor)."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from types import TracebackType
from typing import Any

import cv2

from digitize.executors.base import PageLost, PageOutcome, Reader
# Imported for real, not only for type checking: a worker imports this module to run its
# initializer, so it has the page pipeline (OpenCV, Tesseract's wrapper) loaded while the
# coordinator is still counting pages, not when the first page arrives.
from digitize.page_task import PageTask
from models.pages import PageResult

# Pages queued per worker: one being read, one ready to start the moment it finishes.
IN_FLIGHT_PER_WORKER = 2
# A page whose worker process died this many times is given up as lost, not retried again.
MAX_CRASHES = 2
_PR_SET_PDEATHSIG = 1
LOST_REASON = "the worker process died reading this page (out of memory?)"


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def _start_worker() -> None:
    # A worker is one core's worth of work, like the one-thread Tesseract it starts: OpenCV's
    # own thread per core would fight the other workers for the cores.
    cv2.setNumThreads(1)
    # Ctrl-C is the coordinator's to handle (it stops the batch cleanly); the setting is
    # inherited by the tesseract each worker starts, so a page is not failed by the keypress.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        # Die with the coordinator (kill -9, power loss in a container): no orphaned workers.
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


class LocalPoolExecutor:
    """`workers` spawned processes on this machine; a pool a dying worker broke is replaced."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._context = multiprocessing.get_context("spawn")
        self._pool: ProcessPoolExecutor | None = None

    def description(self) -> dict[str, Any]:
        return {"executor": "local", "workers": self.workers}

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=self._context, initializer=_start_worker)

    def __enter__(self) -> LocalPoolExecutor:
        self._pool = self._new_pool()
        # The pool starts a worker only when a task finds none idle: a no-op per worker starts
        # them all now, so they start up while the coordinator counts pages.
        for _ in range(self.workers):
            self._pool.submit(os.getpid)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if error is None:
            pool.shutdown(wait=True)
            return
        pool.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():
            child.terminate()

    def read_pages(self, tasks: Iterator[PageTask], reader: Reader) -> Iterator[PageOutcome]:
        assert self._pool is not None, "use the executor as a context manager"
        in_flight: dict[Future[PageResult], PageTask] = {}
        retry: list[PageTask] = []
        broken = False

        def fill() -> None:
            while len(in_flight) < self.workers * IN_FLIGHT_PER_WORKER:
                if retry:
                    # Pages that were in flight at a crash are read one at a time, so a page
                    # that crashes alone is known to be the culprit and the others go free.
                    if in_flight:
                        return
                    suspect = retry.pop()
                    in_flight[self._pool.submit(reader, suspect)] = suspect
                    return
                task = next(tasks, None)
                if task is None:
                    return
                in_flight[self._pool.submit(reader, task)] = task

        fill()
        while in_flight:
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                task = in_flight.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    # A worker died (out of memory, a crash in a native library) and took the
                    # pool down: every page in flight is suspect. Each is retried alone in a
                    # fresh pool; a page that crashes again is lost.
                    broken = True
                    if task.crashes + 1 >= MAX_CRASHES:
                        yield PageLost(task, LOST_REASON)
                    else:
                        retry.append(replace(task, crashes=task.crashes + 1))
                except Exception as error:  # the reader raised, or its result could not cross back
                    yield PageLost(task, f"{type(error).__name__}: {error}")
            if broken and not in_flight:
                self._pool.shutdown(wait=True)
                self._pool = self._new_pool()
                broken = False
            if not broken:
                fill()
