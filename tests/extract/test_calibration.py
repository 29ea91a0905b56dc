"""Calibration: isotonic fits, the reliability measure, the shipped curves and raw-score sanity."""

import random

import pytest

from extract.confidence import (
    CALIBRATION_PATH,
    EVIDENCE,
    TYPICAL_ZERO_SHARE,
    Curve,
    calibrated,
    evidence,
    expected_calibration_error,
    fit_isotonic,
    fit_score_model,
    load_calibration,
    load_score_models,
    page_zero_share,
    raw_score,
    torn_digit_share,
)
from models.pages import OcrWord


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


def _simulated_evidence(n: int, seed: int) -> tuple[list[dict[str, float]], list[bool]]:
    """Values right 99% of the time when a second field agrees, 60% when not; OCR confidence is noise."""
    rng = random.Random(seed)
    rows, right = [], []
    for _ in range(n):
        agrees = rng.random() < 0.6
        row = evidence(1.0, "exact", [rng.uniform(0.3, 1.0)], ("citation_agrees_with_text",) if agrees else (), rng.uniform(0.5, 1.0), "704")
        rows.append(row)
        right.append(rng.random() < (0.99 if agrees else 0.6))
    return rows, right


def test_a_score_model_weighs_the_evidence_that_separates_right_from_wrong():
    model = fit_score_model(*_simulated_evidence(3000, seed=4))
    assert model.weights["agrees"] > 1.0
    assert abs(model.weights["words_mean"]) < model.weights["agrees"] / 2
    rows, right = _simulated_evidence(3000, seed=5)
    curve = fit_isotonic([model(r) for r in rows], right)
    test_rows, test_right = _simulated_evidence(3000, seed=6)
    error, _ = expected_calibration_error([curve(model(r)) for r in test_rows], test_right)
    assert error < 0.03
    agreeing = [curve(model(r)) for r in test_rows if r["agrees"]]
    assert min(agreeing) > 0.9


def test_evidence_of_a_value():
    row = evidence(0.85, "ocr_repaired", [0.9, 0.5], ("date_refit", "R_WEIGHT_CONFLICT"), 0.8, "16.6 G")
    assert set(row) == set(EVIDENCE)
    assert row["words_min"] == 0.5 and row["words_mean"] == pytest.approx(0.7)
    assert (row["exact"], row["doubted"], row["conflict"], row["agrees"]) == (0.0, 1.0, 1.0, 0.0)
    assert row["dotted_zero_share"] == pytest.approx(2 / 3)
    assert row["unknown"] == 1.0
    assert evidence(1.0, "exact", [0.9], (), 0.9, "NOLLE PROS", "NOLLE")["unknown"] == 0.0
    unread = evidence(None, None, [], (), None, None, "UNKNOWN")
    assert unread["no_words"] == 1.0 and unread["dotted_zero_share"] == 0.0 and unread["unknown"] == 1.0


@pytest.mark.skipif(not CALIBRATION_PATH.exists(), reason="no calibration shipped yet (python -m bench.extract_accuracy --fit-calibration)")
def test_every_calibrated_kind_ships_a_score_model():
    models = load_score_models()
    assert set(load_calibration()) <= set(models)
    for model in models.values():
        assert set(model.weights) == set(EVIDENCE)
        assert 0.0 < model(evidence(1.0, "exact", [0.9], (), 0.9, "704")) < 1.0


def test_a_page_that_reads_few_zeros_says_so_and_a_page_with_few_digits_says_nothing():
    typewritten = ["01/05/90", "90C660123", "CH", "56", "1/2", "PAR", "704(c)", "10.0", "GRAMS", "03/02/91", "NOLLE"]
    dotted = [w.replace("0", "6") for w in typewritten]
    assert page_zero_share(typewritten) > TYPICAL_ZERO_SHARE > page_zero_share(dotted)
    assert page_zero_share(["CT", "1", "POSS", "CANN"]) == TYPICAL_ZERO_SHARE


def test_digits_tesseract_read_while_weighing_another_digit_are_torn():
    # "06/16/93" whose first 0 digitize restored from a 6 (the 6 kept as the alternative), and
    # whose 3 Tesseract weighed as a B: only the digit-for-digit doubt counts.
    date = OcrWord("06/16/93", 0, 0, 80, 20, 0.97, alternatives=((0, "6"), (7, "B")))
    label = OcrWord("DATE", 0, 0, 40, 20, 0.97, alternatives=((1, "4"),))
    assert torn_digit_share([label, date]) == pytest.approx(1 / 6)
    assert torn_digit_share([OcrWord("06/16/93", 0, 0, 80, 20, 0.97)]) == 0.0
    assert torn_digit_share([label]) == 0.0
    row = evidence(1.0, "exact", [0.97], (), 0.9, "06/16/93", torn_digits=torn_digit_share([date]))
    assert row["torn_digits"] == pytest.approx(1 / 6)
