"""Run a scan in this fresh process and print, as JSON, what it did and its peak memory.

    python scan_and_measure.py DB WORKERS PATH...

A fresh process, so that the peak resident memory measured is this scan's alone: the
coordinator's own, and the largest of any worker, tesseract or poppler it waited for.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from digitize.batch import scan
from digitize.executors import LocalPoolExecutor
from digitize.options import DigitizeOptions
from models.database import open_database


def main() -> None:
    db_path, workers, *paths = sys.argv[1:]
    db = open_database(Path(db_path))
    summary = scan([Path(path) for path in paths], db, DigitizeOptions(), executor=LocalPoolExecutor(int(workers)))
    db.close()
    print(json.dumps({
        "coordinator_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "largest_child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "pages_read": summary.pages_read,
        "failures": [[failure.file, failure.reason] for failure in summary.failures],
    }))


if __name__ == "__main__":
    main()
