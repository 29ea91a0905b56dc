"""Pages/min of the local process pool against a Dask LocalCluster on the same pages, 1 and 2 workers.

    .venv/bin/python -m bench.dask_scale              # 16 generated docket pages
    .venv/bin/python -m bench.dask_scale --pages 40

Writes generated docket pages (half clean, half damaged) as PNG files, then scans them in the
same run, each into a fresh database: the local pool and a Dask LocalCluster (processes, one
thread each), with 1 and then 2 workers, in alternating order so that a change in the machine's
load hits both executors alike. Prints pages/min of each (start-up of the pool or the cluster
included, as a user sees it), Dask against the local pool (goal: within 10%), 2 workers against
1, the worker time per page, how busy the workers were (page time over wall time: what the
executor itself costs, whatever the load), and the projection for 1,000,000 pages used in
docs/scale.md. Prints the load average too: on a shared machine the numbers move with it.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from digitize.batch import scan
from digitize.executors import LocalPoolExecutor, PageExecutor
from digitize.executors.dask import DaskExecutor
from digitize.options import DigitizeOptions
from fixtures.generator import generate_set
from models.database import open_database

PROJECTED_PAGES = 1_000_000
# Cluster sizes the projection is printed for (worker processes, one core each).
PROJECTED_WORKERS = (16, 64, 256)


@dataclass(frozen=True)
class Timing:
    name: str
    workers: int
    pages: int
    seconds: float
    worker_seconds_per_page: float

    @property
    def pages_per_minute(self) -> float:
        return 60.0 * self.pages / self.seconds

    @property
    def utilisation(self) -> float:
        """Share of the workers' wall time spent reading pages; the rest is start-up and dispatch.

        Unlike pages/min it hardly moves with the machine's load, which slows the pages and the
        wall clock alike.
        """
        return self.pages * self.worker_seconds_per_page / (self.seconds * self.workers)


def write_pages(folder: Path, count: int, seed: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for index, docket in enumerate(generate_set(count, seed=seed, damage_mix={"clean": 1, "damaged": 1})):
        for number, page in enumerate(docket.pages, start=1):
            if written == count:
                return written
            page.save(folder / f"page_{index:03d}_{number}.png", dpi=(docket.dpi, docket.dpi))
            written += 1
    return written


def time_scan(name: str, executor: PageExecutor, folder: Path, database: Path, workers: int) -> Timing:
    db = open_database(database)
    started = time.perf_counter()
    summary = scan([folder], db, DigitizeOptions(), executor=executor)
    seconds = time.perf_counter() - started
    db.close()
    if summary.failures:
        raise SystemExit(f"{name}: {len(summary.failures)} pages failed; the timing would mean nothing")
    with sqlite3.connect(database) as connection:
        (page_seconds,) = connection.execute("select sum(seconds) from pages").fetchone()
    return Timing(name, workers, summary.pages_read, seconds, page_seconds / summary.pages_read)


def projection_lines(seconds_per_page: float) -> list[str]:
    core_hours = PROJECTED_PAGES * seconds_per_page / 3600
    lines = [f"projection: {PROJECTED_PAGES:,} pages x {seconds_per_page:.2f} s = {core_hours:,.0f} worker-hours"]
    for workers in PROJECTED_WORKERS:
        lines.append(f"  {workers:4d} workers: {core_hours / workers:7.1f} h ({core_hours / workers / 24:.1f} days)")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.dask_scale", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=16)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as work:
        folder = Path(work) / "pages"
        pages = write_pages(folder, args.pages, args.seed)
        print(f"{pages} pages, {os.cpu_count()} cores, load average {load_before[0]:.1f} before")
        runs = [
            ("local pool", 1), ("dask LocalCluster", 1), ("dask LocalCluster", 2), ("local pool", 2),
        ]
        timings: dict[tuple[str, int], Timing] = {}
        for index, (name, workers) in enumerate(runs):
            executor = LocalPoolExecutor(workers) if name == "local pool" else DaskExecutor(workers=workers)
            timing = time_scan(name, executor, folder, Path(work) / f"run{index}.db", workers)
            timings[name, workers] = timing
            print(
                f"{name:18} {workers} worker(s): {timing.pages_per_minute:6.1f} pages/min "
                f"({timing.seconds:.1f} s, {timing.worker_seconds_per_page:.2f} s worker time per page, "
                f"workers busy {timing.utilisation:.0%})",
                flush=True,
            )
    load_after = os.getloadavg()
    print(f"load average {load_after[0]:.1f} after")
    for workers in (1, 2):
        ratio = timings["dask LocalCluster", workers].pages_per_minute / timings["local pool", workers].pages_per_minute
        verdict = "within 10%" if ratio >= 0.9 else "MORE than 10% slower"
        busy = timings["dask LocalCluster", workers].utilisation / timings["local pool", workers].utilisation
        print(f"dask / local pool, {workers} worker(s): {ratio:.2f} ({verdict}); workers busy: {busy:.2f}")
    for name in ("local pool", "dask LocalCluster"):
        speedup = timings[name, 2].pages_per_minute / timings[name, 1].pages_per_minute
        print(f"{name}: 2 workers / 1 worker = {speedup:.2f}")
    # Other work on the machine only ever lengthens a page, so the least-disturbed run is the
    # best estimate of a page's cost on a core of its own.
    per_page = min(timing.worker_seconds_per_page for timing in timings.values())
    for line in projection_lines(per_page):
        print(line)


if __name__ == "__main__":
    main()
