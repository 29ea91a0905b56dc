"""OCR word accuracy of the digitize pipeline against raw Tesseract, per kind of page damage.

    .venv/bin/python -m bench.ocr_quality                # 6 dockets per damage
    .venv/bin/python -m bench.ocr_quality --dockets 30 --damages clean   # the clean-page goal
    .venv/bin/python -m bench.ocr_quality --damages clean,low_dpi+noise   # effects combined

For generated dockets with exact ground truth, each page is read twice in the same run:
  * raw: Tesseract (one call, its default page segmentation) on the page as scanned
    (given 120 s: on speckled pages it can take many minutes, and then counts as reading nothing);
  * pipeline: `digitize.pipeline.digitize_page` (resample, orient, deskew, clean, then Tesseract).
Pages on which the pipeline joined dot-matrix dots are read a third time with `join_dots=False`
("unjoined"), which measures that stage alone. Word accuracy is the share of printed words read
exactly (a multiset match, so reading order does not count: layout is not recognition). Prints a
table per damage with the gain over raw Tesseract, and tables of the clean pages per printing
face and per layout.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from digitize import tesseract
from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from fixtures.generator import generate_docket
from fixtures.generator.damage import NAMED_DAMAGES, is_damage_mode
from models.errors import InputError
from models.pages import PageImage

DAMAGES = ("clean",) + NAMED_DAMAGES + ("damaged",)
CLEAN_GOAL = 0.98
RAW_TIMEOUT_SECONDS = 120
JOIN_STEP = "join dot-matrix dots"
FACE_NAMES = {"typewriter": "typewriter", "dot_matrix": "dot-matrix draft", "dot_matrix_nlq": "dot-matrix NLQ"}


def word_accuracy(printed: list[str], read: list[str]) -> float:
    """Share of printed words read exactly, each read word matching at most one printed word."""
    if not printed:
        return 1.0
    wanted, got = Counter(printed), Counter(read)
    return sum(min(count, got[word]) for word, count in wanted.items()) / len(printed)


@dataclass(frozen=True)
class PageScore:
    damage: str
    layout: str
    face: str
    words: int
    raw_correct: float
    pipeline_correct: float
    raw_seconds: float
    pipeline_seconds: float
    joined: bool = False
    # Words read right with the dot-joining stage turned off; pages it did not run on read the same.
    unjoined_correct: float = 0.0


def read_words(page: PageImage, options: DigitizeOptions) -> tuple[list[str], float, tuple[str, ...]]:
    """The pipeline's words, its seconds and its steps; a page it gave up on reads nothing."""
    try:
        result = digitize_page(page, options)
    except InputError:
        return [], float(options.ocr_timeout_seconds), ()
    return [word.text for word in result.text.words] if result.text else [], result.seconds, result.steps


def score_docket(job: tuple[str, int]) -> list[PageScore]:
    damage, seed = job
    docket = generate_docket(seed, damage=damage)
    options = DigitizeOptions()
    scores = []
    for number, (image, truth) in enumerate(zip(docket.pages, docket.truth["pages"]), start=1):
        printed = [word["text"] for word in truth["words"]]
        page = PageImage(pixels=np.asarray(image).copy(), dpi=truth["dpi"], page_number=number)
        started = time.perf_counter()
        try:
            raw_read = [word.text for word in tesseract.recognize(page, timeout_seconds=RAW_TIMEOUT_SECONDS).words]
        except InputError:
            # Raw Tesseract can spend many minutes on a speckled page; it read nothing in time.
            raw_read = []
        raw_seconds = time.perf_counter() - started
        read, pipeline_seconds, steps = read_words(page, options)
        pipeline_correct = word_accuracy(printed, read) * len(printed)
        joined = JOIN_STEP in steps
        unjoined_correct = pipeline_correct
        if joined:
            unjoined, _, _ = read_words(page, replace(options, join_dots=False))
            unjoined_correct = word_accuracy(printed, unjoined) * len(printed)
        scores.append(
            PageScore(
                damage=damage,
                layout=docket.truth.get("layout", "?"),
                face=truth["face"],
                words=len(printed),
                raw_correct=word_accuracy(printed, raw_read) * len(printed),
                pipeline_correct=pipeline_correct,
                raw_seconds=raw_seconds,
                pipeline_seconds=pipeline_seconds,
                joined=joined,
                unjoined_correct=unjoined_correct,
            )
        )
    return scores


def _table(title: str, groups: dict[str, list[PageScore]]) -> None:
    print(
        f"\n{title:17} {'pages':>5} {'words':>6} {'raw':>7} {'pipeline':>9} {'gain':>7} {'raw s/page':>11}"
        f" {'pipeline s/page':>16} {'joined':>7} {'unjoined':>9}"
    )
    for name, scores in groups.items():
        words = sum(s.words for s in scores)
        raw = sum(s.raw_correct for s in scores) / words
        pipeline = sum(s.pipeline_correct for s in scores) / words
        unjoined = sum(s.unjoined_correct for s in scores) / words
        raw_seconds = sum(s.raw_seconds for s in scores) / len(scores)
        pipeline_seconds = sum(s.pipeline_seconds for s in scores) / len(scores)
        print(
            f"{name:17} {len(scores):5d} {words:6d} {raw:7.1%} {pipeline:9.1%} {100 * (pipeline - raw):+6.1f}pt"
            f" {raw_seconds:11.2f} {pipeline_seconds:16.2f} {sum(s.joined for s in scores):7d} {unjoined:9.1%}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ocr_quality", description=__doc__.splitlines()[0])
    parser.add_argument("--dockets", type=int, default=6, help="dockets per damage (a docket has 1–3 pages)")
    parser.add_argument("--seed", type=int, default=4100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--damages",
        default=",".join(DAMAGES),
        help=f"comma-separated, among {', '.join(DAMAGES)}, or effects joined by '+' (low_dpi+noise)",
    )
    args = parser.parse_args(argv)
    damages = args.damages.split(",")
    unknown = sorted(damage for damage in set(damages) if not is_damage_mode(damage))
    if unknown or "clean" not in damages:
        parser.error(f"--damages must include clean and name only {', '.join(DAMAGES)} or their '+' joins; got {args.damages}")
    jobs = [(damage, args.seed + index) for damage in damages for index in range(args.dockets)]
    load_before = os.getloadavg()[0]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        scores = [score for page_scores in pool.map(score_docket, jobs) for score in page_scores]
    by_damage: dict[str, list[PageScore]] = {}
    by_face: dict[str, list[PageScore]] = {name: [] for name in FACE_NAMES.values()}
    by_layout: dict[str, list[PageScore]] = {}
    for score in scores:
        by_damage.setdefault(score.damage, []).append(score)
        if score.damage == "clean":
            by_face[FACE_NAMES.get(score.face, score.face)].append(score)
            by_layout.setdefault(score.layout, []).append(score)
    _table("damage", by_damage)
    _table("clean, face", {name: group for name, group in by_face.items() if group} | {"all": by_damage["clean"]})
    _table("clean, layout", by_layout)
    clean = by_damage["clean"]
    accuracy = sum(s.pipeline_correct for s in clean) / sum(s.words for s in clean)
    verdict = "meets" if accuracy >= CLEAN_GOAL else "misses"
    print(f"\nclean pages, pipeline word accuracy {accuracy:.2%} (goal >= {CLEAN_GOAL:.0%}: {verdict})")
    print(f"load average (1 min) {load_before:.2f} before, {os.getloadavg()[0]:.2f} after (times only)")


if __name__ == "__main__":
    main()
