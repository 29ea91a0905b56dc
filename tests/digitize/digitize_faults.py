"""Page readers that fail on purpose, for scan's fault handling (run in spawned workers, so they
live in a module the workers can import)."""

import os

from digitize.batch import PageTask, read_page


def die_on_page_two(task: PageTask):
    """A worker process that dies outright (as if killed for memory) on every page 2."""
    if task.page_number == 2:
        os._exit(9)
    return read_page(task)


def raise_on_page_two(task: PageTask):
    if task.page_number == 2:
        raise MemoryError("cannot allocate the page")
    return read_page(task)
