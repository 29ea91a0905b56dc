"""How fast `cleardocket scan` digitizes pages, against bare `tesseract` on the same page files.

    .venv/bin/python -m bench.scan               # 32 generated pages, half clean, half damaged
    .venv/bin/python -m bench.scan --pages 40 --damage clean

Writes generated docket pages as PNG files (the raw scans), then measures in the same run:
  * tesseract, 1 process: the bare CLI on each file in turn (OMP_THREAD_LIMIT=1, as scan runs it);
  * tesseract, default threads: the same, with Debian's OpenMP default (what a user gets);
  * tesseract, 2 processes: two files at a time, one thread each;
  * cleardocket scan --workers 1 and --workers 2 (digitizing only: --no-extract --no-evaluate),
    each into a fresh database.
Before them, `cleardocket scan` of one blank page measures the one-off start-up (the CLI, the
database, a worker process), printed with "warm" ratios that leave it out; the headline ratios
are the whole command's time. The first four run `--rounds` times, taking turns, and each is
represented by its median round: on this shared machine one run can be 20 % off the next, and a
single round's ratio says more about the neighbours than about the code. Prints pages/min of
each, and correct words/min (printed words read exactly, from the generator's ground truth):
bare tesseract gives up fast on skewed or speckled pages, so pages/min alone flatters it. Then
the ratios that matter (scan against tesseract with the same parallelism; 2 workers against 1),
the peak memory of each worker process (with its tesseract), and the machine's load average,
since the machine may be shared while measuring.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import psutil
from PIL import Image

from bench.ocr_quality import word_accuracy
from fixtures.generator import generate_set

CLEARDOCKET = Path(sys.executable).parent / "cleardocket"


@dataclass(frozen=True)
class Timing:
    name: str
    pages: int
    seconds: float
    correct_words: float
    peak_worker_mb: float | None = None
    rounds: tuple[float, ...] = ()

    @property
    def pages_per_minute(self) -> float:
        return 60.0 * self.pages / self.seconds

    @property
    def correct_words_per_minute(self) -> float:
        return 60.0 * self.correct_words / self.seconds


def correct_words(printed: dict[Path, list[str]], read: dict[Path, list[str]]) -> float:
    return sum(word_accuracy(words, read.get(path, [])) * len(words) for path, words in printed.items())


def write_pages(folder: Path, count: int, seed: int, damage: str) -> dict[Path, list[str]]:
    """`count` generated page images as PNG files, each with the words printed on it.

    `damage` "mixed" is half clean dockets, half the generator's random damage mix.
    """
    folder.mkdir(parents=True, exist_ok=True)
    printed: dict[Path, list[str]] = {}
    mix = {"clean": 1, "damaged": 1} if damage == "mixed" else damage
    for index, docket in enumerate(generate_set(count, seed=seed, damage_mix=mix)):
        for number, (page, truth) in enumerate(zip(docket.pages, docket.truth["pages"]), start=1):
            if len(printed) == count:
                return printed
            path = folder / f"page_{index:03d}_{number}.png"
            page.save(path, dpi=(docket.dpi, docket.dpi))
            printed[path] = [word["text"] for word in truth["words"]]
    return printed


def run_tesseract(path: Path, *, threads: int | None) -> list[str]:
    env = dict(os.environ)
    env.pop("OMP_THREAD_LIMIT", None)
    if threads is not None:
        env["OMP_THREAD_LIMIT"] = str(threads)
    done = subprocess.run(["tesseract", str(path), "stdout"], env=env, check=True, capture_output=True, text=True)
    return done.stdout.split()


def time_tesseract(name: str, printed: dict[Path, list[str]], *, processes: int, threads: int | None) -> Timing:
    paths = list(printed)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=processes) as pool:
        read = dict(zip(paths, pool.map(lambda path: run_tesseract(path, threads=threads), paths)))
    return Timing(name, len(paths), time.perf_counter() - started, correct_words(printed, read))


def words_in(database: Path) -> dict[Path, list[str]]:
    with sqlite3.connect(database) as conn:
        rows = conn.execute(
            "select d.path, w.text from words w join pages p on p.id = w.page_id"
            " join documents d on d.sha256 = p.document_sha256 order by d.path, p.page_number, w.seq"
        ).fetchall()
    read: dict[Path, list[str]] = {}
    for path, text in rows:
        read.setdefault(Path(path), []).append(text)
    return read


class TreeMemory:
    """Peak resident memory of each worker of a process, including the tesseract it runs."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.is_set():
            try:
                for worker in self.root.children():
                    if "python" not in worker.name():
                        continue
                    rss = worker.memory_info().rss + sum(c.memory_info().rss for c in worker.children(recursive=True))
                    self.peaks[worker.pid] = max(self.peaks.get(worker.pid, 0), rss)
            except psutil.Error:
                pass
            self._stop.wait(0.05)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float | None:
        return max(self.peaks.values()) / 2**20 if self.peaks else None


def time_scan(name: str, folder: Path, printed: dict[Path, list[str]], database: Path, *, workers: int) -> Timing:
    started = time.perf_counter()
    process = subprocess.Popen(
        # Digitizing only: scan's extraction and evaluation steps are measured by their own benches.
        [str(CLEARDOCKET), "scan", str(folder), "--db", str(database), "--workers", str(workers), "--no-extract", "--no-evaluate"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with TreeMemory(process.pid) as memory:
        code = process.wait()
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"cleardocket scan exited {code}")
    return Timing(name, len(printed), seconds, correct_words(printed, words_in(database)), memory.peak_mb)


def time_start_up(work_dir: Path) -> float:
    """Seconds `cleardocket scan --workers 1` takes over a single blank page: its one-off cost."""
    folder = work_dir / "blank"
    folder.mkdir()
    Image.new("L", (2550, 3300), 255).save(folder / "blank.png", dpi=(300, 300))
    started = time.perf_counter()
    subprocess.run(
        [str(CLEARDOCKET), "scan", str(folder), "--db", str(work_dir / "blank.db"), "--workers", "1", "--no-extract", "--no-evaluate"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def median_round(timings: list[Timing]) -> Timing:
    """The round of median time, with every round's seconds and the peak memory of them all."""
    ordered = sorted(timings, key=lambda timing: timing.seconds)
    peaks = [timing.peak_worker_mb for timing in timings if timing.peak_worker_mb is not None]
    return replace(
        ordered[(len(ordered) - 1) // 2],
        peak_worker_mb=max(peaks) if peaks else None,
        rounds=tuple(timing.seconds for timing in timings),
    )


def warm(timing: Timing, start_up: float) -> Timing:
    return Timing(timing.name, timing.pages, max(timing.seconds - start_up, 1e-9), timing.correct_words)


def ratio_line(label: str, numerator: Timing, denominator: Timing, goal: float) -> str:
    ratio = numerator.pages_per_minute / denominator.pages_per_minute
    verdict = "meets" if ratio >= goal else "misses"
    words = numerator.correct_words_per_minute / max(denominator.correct_words_per_minute, 1e-9)
    return f"{label:47} pages/min {ratio:5.2f}x (goal >= {goal:.1f}x: {verdict})   correct words/min {words:5.2f}x"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scan", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=32, help="page images to generate and read")
    parser.add_argument("--damage", default="mixed", help="mixed (half clean, half damaged) or a generator damage mode")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=3, help="times each of tesseract and scan, 1 and 2 at a time, is run")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-scan-") as work:
        work_dir = Path(work)
        printed = write_pages(work_dir / "scans", args.pages, args.seed, args.damage)
        start_up = time_start_up(work_dir)
        print(f"{'cleardocket scan start-up (one blank page)':45} {start_up:5.1f} s", flush=True)
        runs: list[Callable[[int], Timing]] = [
            lambda _: time_tesseract("tesseract, 1 process, 1 thread", printed, processes=1, threads=1),
            lambda n: time_scan("cleardocket scan --workers 1", work_dir / "scans", printed, work_dir / f"one{n}.db", workers=1),
            lambda _: time_tesseract("tesseract, 2 processes, 1 thread each", printed, processes=2, threads=1),
            lambda n: time_scan("cleardocket scan --workers 2", work_dir / "scans", printed, work_dir / f"two{n}.db", workers=2),
        ]
        rounds = [[run(number) for run in runs] for number in range(args.rounds)]
        timings = [median_round([round_[index] for round_ in rounds]) for index in range(len(runs))]
        # Once: at several times the others' length, its ratio is far from any goal either way.
        timings.append(time_tesseract("tesseract, 1 process, OpenMP default threads", printed, processes=1, threads=None))
        total_words = sum(len(words) for words in printed.values())
        for timing in timings:
            memory = f"  peak per worker {timing.peak_worker_mb:.0f} MB" if timing.peak_worker_mb else ""
            spread = f"  rounds {', '.join(f'{seconds:.1f}' for seconds in timing.rounds)} s" if len(timing.rounds) > 1 else ""
            print(
                f"{timing.name:45} {timing.pages_per_minute:6.1f} pages/min ({timing.seconds:5.1f} s)"
                f"  words right {timing.correct_words / total_words:6.1%}"
                f"  {timing.correct_words_per_minute:7.0f} correct words/min{memory}{spread}",
                flush=True,
            )
    bare_one, scan_one, bare_two, scan_two, bare_default = timings
    print()
    print(ratio_line("scan --workers 1 / tesseract 1 process", scan_one, bare_one, 1.0))
    print(ratio_line("scan --workers 2 / tesseract 2 processes", scan_two, bare_two, 1.0))
    print(ratio_line("scan --workers 2 / tesseract OpenMP default", scan_two, bare_default, 1.0))
    print(ratio_line("scan --workers 2 / scan --workers 1", scan_two, scan_one, 1.8))
    print(f"\nwithout the one-off start-up of {start_up:.1f} s a scan:")
    print(ratio_line("warm: scan --workers 1 / tesseract 1 process", warm(scan_one, start_up), bare_one, 1.0))
    print(ratio_line("warm: scan --workers 2 / tesseract 2 processes", warm(scan_two, start_up), bare_two, 1.0))
    print(ratio_line("warm: scan --workers 2 / scan --workers 1", warm(scan_two, start_up), warm(scan_one, start_up), 1.8))
    load_after = os.getloadavg()
    print(
        f"\n{len(printed)} pages ({args.damage}); {os.cpu_count()} cores; load average (1 min) {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after: other work on the machine lowers every number, the ratios less."
    )


if __name__ == "__main__":
    main()
