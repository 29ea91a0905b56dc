"""Calibration: isotonic fits, the reliability measure, the shipped curves and raw-score sanity."""

import random

import pytest

from extract.confidence import (
    CALIBRATION_PATH,
    Curve,
    calibrated,
    expected_calibration_error,
    fit_isotonic,
    load_calibration,
    raw_score,
)


def _simulated(n: int, seed: int) -> tuple[list[float], list[bool]]:
    """Raw scores whose true probability of being right is raw ** 2."""
    rng = random.Random(seed)
    raws = [rng.random() for _ in range(n)]
    return raws, [rng.random() < r**2 for r in raws]


def test_a_fitted_curve_never_decreases_and_never_claims_certainty():
    raws, right = _simulated(3000, seed=1)
    curve = fit_isotonic(raws, right)
    assert list(curve.y) == sorted(curve.y)
    assert 0.0 < min(curve.y) and max(curve.y) < 1.0


def test_a_fitted_curve_is_calibrated_on_values_it_has_not_seen():
    curve = fit_isotonic(*_simulated(5000, seed=2))
    raws, right = _simulated(5000, seed=3)
    error, _ = expected_calibration_error([curve(r) for r in raws], right)
    uncalibrated, _ = expected_calibration_error(raws, right)
    assert error < 0.03 < uncalibrated


def test_expected_calibration_error_of_a_known_table():
    # Half the values say 0.9 and are all right, half say 0.1 and are all wrong.
    error, bins = expected_calibration_error([0.9, 0.9, 0.1, 0.1], [True, True, False, False])
    assert error == pytest.approx(0.1)
    assert [(b["n"], b["accuracy"]) for b in bins] == [(2, 0.0), (2, 1.0)]


@pytest.mark.parametrize(
    ("normalizer", "ocr", "flags", "lower_than"),
    [
        (1.0, [0.95, 0.95], (), (1.0, [0.95, 0.95, 0.30], ())),
        (1.0, [0.9], (), (0.85, [0.9], ())),
        (1.0, [0.9], (), (1.0, [0.9], ("R_WEIGHT_CONFLICT",))),
    ],
    ids=["a-badly-read-word", "an-ocr-repair", "a-weight-conflict"],
)
def test_raw_scores_fall_with_each_doubt(normalizer, ocr, flags, lower_than):
    assert raw_score(*lower_than) < raw_score(normalizer, ocr, flags)


@pytest.mark.skipif(not CALIBRATION_PATH.exists(), reason="no calibration shipped yet (python -m bench.extract_accuracy --fit-calibration)")
def test_the_shipped_curves_are_monotone_probabilities():
    curves = load_calibration()
    assert {"statute", "disposition", "case_number", "amount", "date", "name"} <= set(curves)
    for curve in curves.values():
        assert list(curve.x) == sorted(curve.x) and list(curve.y) == sorted(curve.y)
        assert all(0.0 <= y <= 1.0 for y in curve.y)


def test_without_curves_the_raw_score_stands():
    assert calibrated("statute", 0.42, {}) == 0.42
    assert calibrated("statute", 0.42, {"statute": Curve((0.0, 1.0), (0.1, 0.9))}) == pytest.approx(0.436)
