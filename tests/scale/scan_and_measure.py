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


def peak_resident_mb() -> float:
    """This process's own peak resident memory.

    Not getrusage's ru_maxrss: Linux carries that across fork and exec, so a process started
    by a large pytest process would report pytest's size as its own.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    db_path, workers, *paths = sys.argv[1:]
    db = open_database(Path(db_path))
    summary = scan([Path(path) for path in paths], db, DigitizeOptions(), executor=LocalPoolExecutor(int(workers)))
    db.close()
    print(json.dumps({
        "coordinator_peak_mb": peak_resident_mb(),
        "largest_child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "pages_read": summary.pages_read,
        "failures": [[failure.file, failure.reason] for failure in summary.failures],
    }))


if __name__ == "__main__":
    main()
