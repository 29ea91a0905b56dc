"""Calibrated confidence: the probability that an extracted value is right.

A raw score combines what is known about a value: the OCR confidence of the words it was read
from, the normalizer's match score (1.0 for a known form, lower after an OCR repair or a fuzzy
match) and consistency checks (a weight that contradicts its subsection). The raw score is then
mapped to a probability by an isotonic curve per kind of field, fitted on generated dockets
whose truth is known (`python -m bench.extract_accuracy --fit-calibration`) and shipped as
extract/data/calibration.json.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from extract.vocabulary import DATA_DIR

CALIBRATION_PATH = DATA_DIR / "calibration.json"

# Consistency checks that make a value less likely to be right (or right but worth a look).
FLAG_FACTORS = {
    "R_WEIGHT_CONFLICT": 0.6,
    "disposition_inherited": 0.9,
    "amount_refit": 0.7,
    "date_refit": 0.7,
    "century_refit": 0.9,
    "date_out_of_order": 0.5,
    "subsection_refit": 0.8,
    "class_conflict": 0.7,
}


def field_kind(path: str) -> str:
    """The calibration group of a records.md field path (`charges.0.amount_grams` → amount)."""
    last = path.rsplit(".", 1)[-1]
    if last in ("date_of_birth", "arrest_date", "offense_date", "disposition_date"):
        return "date"
    return {
        "case_number": "case_number",
        "name": "name",
        "statute": "statute",
        "disposition": "disposition",
        "amount_grams": "amount",
        "plant_count": "amount",
        "weight_basis": "amount",
        "offense_class": "offense_class",
        "sentence_kind": "disposition",
        "description": "description",
        "court": "court",
    }.get(last, "other")


def raw_score(
    normalizer_score: float | None, ocr_confidences: list[float], flags: tuple[str, ...] = (), page_confidence: float | None = None
) -> float:
    """The uncalibrated score of a value, in 0..1; larger means more likely right.

    Args:
        page_confidence: the page's mean OCR word confidence. Tesseract misreads a worn or
            dot-matrix page with confidence word by word; the page as a whole tells (measured on
            generated dockets: statutes on the best-read fifth of pages are right 98% of the time,
            on the worst fifth 65%).
    """
    score = 1.0 if normalizer_score is None else max(0.0, min(1.0, normalizer_score))
    if page_confidence is not None:
        score *= max(0.0, min(1.0, page_confidence)) ** 2
    if ocr_confidences:
        # A geometric mean: one badly read word in a citation spoils it.
        clipped = [max(0.01, min(1.0, c)) for c in ocr_confidences]
        score *= math.exp(sum(math.log(c) for c in clipped) / len(clipped))
    for flag in flags:
        score *= FLAG_FACTORS.get(flag, 1.0)
    return score


@dataclass(frozen=True)
class Curve:
    """A non-decreasing map from raw score to probability, by linear interpolation."""

    x: tuple[float, ...]
    y: tuple[float, ...]

    def __call__(self, raw: float) -> float:
        return float(np.interp(raw, self.x, self.y))


def fit_isotonic(raw: list[float], correct: list[bool]) -> Curve:
    """Pool-adjacent-violators fit of P(correct | raw), smoothed so no block claims certainty.

    Each block's rate is (right + 0.5) / (n + 1): a block of 400 right values says 0.9988, not
    1.0, which keeps the curve honest on values it has not seen.
    """
    order = np.argsort(raw, kind="stable")
    xs = np.asarray(raw, dtype=float)[order]
    ys = np.asarray(correct, dtype=float)[order]
    blocks: list[list[float]] = []  # [sum_y, n, x_min, x_max]
    for x, y in zip(xs, ys):
        blocks.append([y, 1.0, x, x])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            right = blocks.pop()
            left = blocks[-1]
            left[0] += right[0]
            left[1] += right[1]
            left[3] = right[3]
    rates = [(b[0] + 0.5) / (b[1] + 1.0) for b in blocks]
    for i in range(1, len(rates)):
        rates[i] = max(rates[i], rates[i - 1])
    curve_x: list[float] = []
    curve_y: list[float] = []
    for block, rate in zip(blocks, rates):
        for x in (block[2], block[3]):
            if not curve_x or x > curve_x[-1]:
                curve_x.append(float(x))
                curve_y.append(float(rate))
    if len(curve_x) == 1:
        curve_x.append(curve_x[0] + 1e-9)
        curve_y.append(curve_y[0])
    return Curve(tuple(curve_x), tuple(curve_y))


def save_calibration(curves: dict[str, Curve], *, meta: dict, path: Path = CALIBRATION_PATH) -> None:
    data = {
        "meta": meta,
        "curves": {kind: {"x": [round(v, 6) for v in c.x], "y": [round(v, 6) for v in c.y]} for kind, c in sorted(curves.items())},
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


@cache
def load_calibration(path: Path = CALIBRATION_PATH) -> dict[str, Curve]:
    """The shipped curves; without the file, raw scores stand as they are (uncalibrated)."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {kind: Curve(tuple(c["x"]), tuple(c["y"])) for kind, c in data["curves"].items()}


def calibrated(kind: str, raw: float, curves: dict[str, Curve] | None = None) -> float:
    curves = load_calibration() if curves is None else curves
    curve = curves.get(kind) or curves.get("other")
    return round(curve(raw) if curve else raw, 4)


def expected_calibration_error(confidence: list[float], correct: list[bool], *, bins: int = 10) -> tuple[float, list[dict]]:
    """ECE over equal-width bins, and the reliability table (bin, n, mean confidence, accuracy)."""
    table = []
    total = len(confidence)
    error = 0.0
    conf = np.asarray(confidence, dtype=float)
    right = np.asarray(correct, dtype=float)
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        mask = (conf >= low) & ((conf < high) if b < bins - 1 else (conf <= high))
        n = int(mask.sum())
        if n == 0:
            continue
        mean_conf = float(conf[mask].mean())
        accuracy = float(right[mask].mean())
        error += n / total * abs(mean_conf - accuracy)
        table.append({"bin": f"{low:.1f}-{high:.1f}", "n": n, "confidence": mean_conf, "accuracy": accuracy})
    return error, table
