"""Deskew and orientation accuracy of the digitize pipeline on generated dockets.

    .venv/bin/python -m bench.orientation                # 48 pages
    .venv/bin/python -m bench.orientation --pages 100 --workers 2

Pages are generated skewed uniformly in −10°…+10° and turned 0/90/180/270° in turn, clean or
with the generator's random damage mix, and digitized by `digitize.pipeline.digitize_page`.
Prints the median and worst absolute error of the measured skew, every page whose
orientation was wrong, how many pages digitize marked as read too poorly to orient (and how
many of the wrong ones those are), and how many times Tesseract was started (readings and
orientation detections) per 100 pages: what orientation costs beyond the one reading every
page needs.
Goals: median ≤ 0.1°, worst ≤ 0.5°, no page wrongly oriented.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from fixtures.generator import generate_docket
from models.errors import InputError
from models.pages import ORIENTATION_UNSURE, PageImage

ROTATIONS = (0, 90, 180, 270)
MEDIAN_GOAL, WORST_GOAL = 0.1, 0.5


@dataclass(frozen=True)
class Measured:
    seed: int
    damage: str
    page: int
    skew: float
    measured_skew: float
    rotation: int
    measured_rotation: int
    readings: int
    detections: int
    unsure: bool


class TesseractStarts:
    """Counts the Tesseract processes this worker starts: readings, and orientation detections
    (`--psm 0`). Counted where they start, so whichever function of digitize/tesseract.py
    made the call."""

    def __init__(self) -> None:
        self.readings = self.detections = 0
        start = subprocess.Popen.__init__
        counter = self

        def counted_start(popen, args, *rest, **options):
            arguments = [str(a) for a in args] if isinstance(args, (list, tuple)) else str(args).split()
            if "--psm" in arguments:
                psm = arguments[arguments.index("--psm") + 1]
                if psm == "0":
                    counter.detections += 1
                else:
                    counter.readings += 1
            start(popen, args, *rest, **options)

        subprocess.Popen.__init__ = counted_start


_starts: dict[int, TesseractStarts] = {}


def tesseract_starts() -> TesseractStarts:
    """This process's counter (a forked worker inherits its parent's module state, not its counts)."""
    if os.getpid() not in _starts:
        _starts[os.getpid()] = TesseractStarts()
    return _starts[os.getpid()]


def measure_docket(job: tuple[int, str, float, int]) -> list[Measured]:
    seed, damage, skew, rotation = job
    docket = generate_docket(seed, damage=damage, skew_degrees=skew, rotation=rotation)
    results, counter = [], tesseract_starts()
    for number, (image, truth) in enumerate(zip(docket.pages, docket.truth["pages"]), start=1):
        page = PageImage(pixels=np.asarray(image).copy(), dpi=truth["dpi"], page_number=number)
        readings, detections = counter.readings, counter.detections
        try:
            result = digitize_page(page, DigitizeOptions())
        except InputError as error:
            print(f"  seed {seed} page {number}: not read ({error})", flush=True)
            continue
        results.append(
            Measured(
                seed,
                damage,
                number,
                truth["skew_degrees"],
                result.skew_degrees,
                truth["rotation"],
                result.rotation,
                counter.readings - readings,
                counter.detections - detections,
                ORIENTATION_UNSURE in result.steps,
            )
        )
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.orientation", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=48, help="dockets to generate (a docket has 1–3 pages)")
    parser.add_argument("--seed", type=int, default=7300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    jobs = [
        (args.seed + index, "clean" if index % 2 else "damaged", round(rng.uniform(-10, 10), 2), ROTATIONS[index % 4])
        for index in range(args.pages)
    ]
    load_before = os.getloadavg()[0]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        measured = [m for pages in pool.map(measure_docket, jobs) for m in pages]
    errors = np.array([abs(m.measured_skew - m.skew) for m in measured])
    wrong = [m for m in measured if m.measured_rotation % 360 != m.rotation]
    for damage in ("clean", "damaged"):
        part = np.array([abs(m.measured_skew - m.skew) for m in measured if m.damage == damage])
        print(f"{damage:8} pages {len(part):3d}  skew error median {np.median(part):.3f}°  worst {part.max():.3f}°")
    median, worst = float(np.median(errors)), float(errors.max())
    print(
        f"all      pages {len(measured):3d}  skew error median {median:.3f}° (goal <= {MEDIAN_GOAL}°: "
        f"{'meets' if median <= MEDIAN_GOAL else 'misses'})  worst {worst:.3f}° (goal <= {WORST_GOAL}°: "
        f"{'meets' if worst <= WORST_GOAL else 'misses'})"
    )
    print(f"orientation right on {len(measured) - len(wrong)} of {len(measured)} pages")
    unsure = [m for m in measured if m.unsure]
    print(
        f"orientation marked unsure (values sent to review) on {len(unsure)} pages, "
        f"{sum(m in unsure for m in wrong)} of the {len(wrong)} wrong ones"
    )
    readings, detections = sum(m.readings for m in measured), sum(m.detections for m in measured)
    per_100 = 100 / len(measured)
    print(
        f"tesseract per 100 pages: {readings * per_100:.1f} readings, {detections * per_100:.1f} orientation "
        f"detections ({readings} and {detections} on {len(measured)} pages)"
    )
    for m in wrong:
        print(f"  wrong: seed {m.seed} {m.damage} page {m.page}: turned {m.rotation}°, found {m.measured_rotation}°")
    print(f"load average (1 min) {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()
