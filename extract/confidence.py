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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from extract.ocr_repair import DOTTED_ZERO_DIGITS
from extract.vocabulary import DATA_DIR
from models.pages import OcrWord

CALIBRATION_PATH = DATA_DIR / "calibration.json"

# Consistency checks that make a value less likely to be right (or right but worth a look).
FLAG_FACTORS = {
    "R_WEIGHT_CONFLICT": 0.6,
    "amount_refit": 0.7,
    "date_refit": 0.7,
    "century_refit": 0.9,
    "date_out_of_order": 0.5,
    "subsection_refit": 0.8,
    "class_conflict": 0.7,
}

# Checks too rare among the calibration dockets for the fitted models to weigh (a date out of the
# docket's order: a handful among 1,778 dates when the cap was set), whose values are right about
# as often as not: a value carrying one is at most this likely right. date_out_of_order: 5 of 10
# dates right on damaged dockets 7000–7599, calibrated at 0.95–0.997 without the cap
# (docs/design-extract.md).
# date_unanchored: an entry read before the court sat, read again with nothing to date the case
# by: "04-22-02" is 1982 or 2002, and the refit model, fitted on refits that had an arrest to
# fit, puts such a century at 0.96.
# outcomes_disagree: one entry finds a count guilty and clears it, so one of the two outcomes is
# another count's whose number went unread (seed 7277: NOLLE at 0.97 without the cap).
# disposition_unread: an entry names the count last and its outcome after that was lost, so what
# decided it came from entries naming no count, which may not concern it (seed 7145: count 3's
# NOLLE lost, a later revocation of count 1's probation taken for it at 0.996).
# sentence_unread: a felony finding whose sentence was not read gives the sentence kind UNKNOWN,
# which is never what the docket says (damaged 8005: at 0.97 once a line of noise no longer
# lowered the entry's word confidences).
CONFIDENCE_CAPS = {"date_out_of_order": 0.5, "date_unanchored": 0.5, "outcomes_disagree": 0.5, "disposition_unread": 0.5, "sentence_unread": 0.5}


# Checks a value passed: another field of the docket says the same thing.
AGREEMENT_FLAGS = frozenset(
    {"citation_agrees_with_text", "class_agrees_with_statute", "amount_agrees_with_statute", "case_number_agrees_with_arrest", "date_in_order"}
)
# Readings that needed another look: refits, repairs towards a table.
DOUBT_FLAGS = frozenset(
    {"amount_refit", "date_refit", "century_refit", "subsection_refit", "case_number_year_refit", "charge_text_repaired", "citation_completed_from_text", "repeated_disagrees", "class_from_statute", "read_as_weighed", "citation_truncated", "citation_unread", "subsection_unread"}
)
EVIDENCE = (
    "bias", "normalizer", "page", "words_mean", "words_min", "exact", "fuzzy", "from_text",
    "agrees", "doubted", "conflict", "dotted_zero_share", "no_words", "unknown", "page_zero_share",
    "chronology", "repeated", "outcome_inferred", "torn_digits",
)
# Zeros are about a sixth of the digits a docket prints (dates, case numbers); a page whose OCR
# found far fewer reads a dotted zero as something else. Pages with few digits say nothing.
TYPICAL_ZERO_SHARE = 0.17
_FEW_DIGITS = 20


def page_zero_share(words: Iterable[str]) -> float:
    """The share of a page's digits that OCR read as 0 (TYPICAL_ZERO_SHARE when it read few digits)."""
    digits = [ch for word in words for ch in word if ch.isdigit()]
    return sum(ch == "0" for ch in digits) / len(digits) if len(digits) >= _FEW_DIGITS else TYPICAL_ZERO_SHARE


def torn_digit_share(words: Iterable[OcrWord]) -> float:
    """The share of the words' digits for which Tesseract also weighed another digit (a zero it
    read as 6, or a 6 digitize restored to the zero it weighed)."""
    digits = torn = 0
    for word in words:
        weighed = dict(word.alternatives)
        for index, character in enumerate(word.text):
            if character.isdigit():
                digits += 1
                torn += any(other.isdigit() for other in weighed.get(index, ""))
    return torn / digits if digits else 0.0


def evidence(
    normalizer_score: float | None,
    reason: str | None,
    ocr_confidences: list[float],
    flags: tuple[str, ...],
    page_confidence: float | None,
    text: str | None,
    value: object = None,
    zero_share: float = TYPICAL_ZERO_SHARE,
    torn_digits: float = 0.0,
) -> dict[str, float]:
    """What is known about one value, as the numbers a score model weighs (names in EVIDENCE).

    Args:
        flags: the value's flags and its normalizer's notes together.
        value: the value itself; "UNKNOWN" (a disposition whose outcome was not read) is rarely
            what the docket says, however clearly the words around it were read.
        zero_share: `page_zero_share` of the value's page.
        torn_digits: `torn_digit_share` of the words the value was read from.
    """
    page = page_confidence if page_confidence is not None else 0.9
    words = [max(0.0, min(1.0, c)) for c in ocr_confidences]
    digits = [ch for ch in text or "" if ch.isdigit()]
    return {
        "bias": 1.0,
        "normalizer": 1.0 if normalizer_score is None else max(0.0, min(1.0, normalizer_score)),
        "page": page,
        "words_mean": sum(words) / len(words) if words else page,
        "words_min": min(words) if words else page,
        "exact": float(reason == "exact"),
        "fuzzy": float(reason == "fuzzy_match"),
        "from_text": float(reason == "from_charge_text"),
        "agrees": float(any(f in AGREEMENT_FLAGS for f in flags)),
        "doubted": float(any(f in DOUBT_FLAGS for f in flags)),
        "conflict": float(any(f.startswith("R_") or f in ("class_conflict", "date_out_of_order") for f in flags)),
        # What a dot-matrix face's dotted zero is read as: a number full of them is less certain.
        "dotted_zero_share": sum(ch in DOTTED_ZERO_DIGITS for ch in digits) / len(digits) if digits else 0.0,
        "no_words": float(not words),
        "unknown": float(value is None or value == "UNKNOWN"),
        "page_zero_share": zero_share,
        "chronology": float("disposition_from_chronology" in flags),
        # Printed twice and read the same both times: evidence of its own, apart from agreement
        # with another field (a case number that agrees with the arrest year may still hold a
        # dotted zero read as 6 in its serial).
        "repeated": float("repeated_agrees" in flags),
        # An order (supervision, 710 probation) with nothing read after it: "ordered" is inferred
        # from a missing entry, which on a worn or dot-matrix page is as often a line OCR lost.
        "outcome_inferred": float("completion_inferred" in flags),
        # Tesseract read a digit of it while weighing another: the one slip a high word
        # confidence hides (a dotted zero read as 6 reads at 0.95).
        "torn_digits": torn_digits,
    }


@dataclass(frozen=True)
class ScoreModel:
    """Logistic weights over a value's evidence: a raw score that orders values by how likely
    they are right, which the isotonic curve then maps to a probability."""

    weights: dict[str, float]

    def __call__(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit_score_model(rows: list[dict[str, float]], correct: list[bool], *, l2: float = 1.0, iterations: int = 30) -> ScoreModel:
    """L2-regularized logistic regression by Newton's method (a dozen features, a few thousand rows)."""
    x = np.array([[row[name] for name in EVIDENCE] for row in rows], dtype=float)
    y = np.asarray(correct, dtype=float)
    w = np.zeros(len(EVIDENCE))
    penalty = np.full(len(EVIDENCE), l2)
    penalty[EVIDENCE.index("bias")] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return ScoreModel({name: round(float(v), 6) for name, v in zip(EVIDENCE, w)})


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


def save_calibration(curves: dict[str, Curve], *, meta: dict, models: dict[str, ScoreModel] | None = None, path: Path = CALIBRATION_PATH) -> None:
    data = {
        "meta": meta,
        "models": {kind: {"weights": m.weights} for kind, m in sorted((models or {}).items())},
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


@cache
def load_score_models(path: Path = CALIBRATION_PATH) -> dict[str, ScoreModel]:
    """The shipped score models per field kind; a kind without one is scored by `raw_score`."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {kind: ScoreModel(m["weights"]) for kind, m in data.get("models", {}).items()}


def calibrated(kind: str, raw: float, curves: dict[str, Curve] | None = None, flags: tuple[str, ...] = ()) -> float:
    """P(right) of a value with this raw score, no more than its flags' CONFIDENCE_CAPS allow."""
    curves = load_calibration() if curves is None else curves
    curve = curves.get(kind) or curves.get("other")
    probability = curve(raw) if curve else raw
    return round(min([probability, *(CONFIDENCE_CAPS[f] for f in flags if f in CONFIDENCE_CAPS)]), 4)


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
