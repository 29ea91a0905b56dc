"""Where pages are read: the local process pool (default) or a Dask cluster.

An executor takes page tasks and hands back each page's outcome as it lands; it never touches
the database. The batch runner (digitize/batch.py) is the coordinator and the only writer, so
any executor can be killed at any instant without losing or duplicating a page.
"""

from digitize.executors.base import PageExecutor, PageLost, PageOutcome, Reader
from digitize.executors.local import LocalPoolExecutor, default_workers

__all__ = ["LocalPoolExecutor", "PageExecutor", "PageLost", "PageOutcome", "Reader", "default_workers"]
