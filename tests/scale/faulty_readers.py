"""Page readers that break the worker process on purpose (imported by the spawned workers)."""

from __future__ import annotations

import os
import signal

from digitize.batch import PageTask, read_page
from models.pages import PageResult

# The page of every document that kills its worker each time it is read.
POISON_PAGE = 2


def read_or_die_on_poison_page(task: PageTask) -> PageResult:
    """Like read_page, but the worker is killed (as the kernel's OOM killer would) on POISON_PAGE."""
    if task.page_number == POISON_PAGE:
        os.kill(os.getpid(), signal.SIGKILL)
    return read_page(task)


def read_or_raise_on_poison_page(task: PageTask) -> PageResult:
    """Like read_page, but reading POISON_PAGE raises past read_page's own handling."""
    if task.page_number == POISON_PAGE:
        raise MemoryError("cannot allocate the page")
    return read_page(task)
