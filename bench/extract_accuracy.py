"""Extraction accuracy per field on generated dockets (clean and damaged), calibration, real scans.

For a held-out set of generated dockets (seeds no test or calibration fit uses), each document is
rendered clean and damaged, digitized by the real pipeline (OCR cached under bench/out, keyed by
the page's pixels) and extracted. The script prints, per damage mode and field kind, accuracy
against the truth with the target, the share of values below the review threshold, the expected
calibration error with its reliability bins, and, as the baseline measured in the same run, the
accuracy on the words the generator printed (a perfect OCR). Real court scans and receipts in
../shared/real_scans must yield no cannabis charge.

    python -m bench.extract_accuracy                      # the default held-out run
    python -m bench.extract_accuracy --fit-calibration    # refit extract/data/calibration.json
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from bench._extract_corpus import CACHE_DIR, corpus, printed_document, real_scan_documents
from extract.confidence import CALIBRATION_PATH, expected_calibration_error, fit_isotonic, fit_score_model, load_calibration, save_calibration
from extract.document import ExtractOptions, extract_document
from extract.evaluation import FieldResult, compare_records, unprinted_truth

# The issue's targets (accuracy per field kind, each damage mode separately).
TARGETS = {"statute": 0.99, "disposition": 0.98, "case_number": 0.98, "amount": 0.98, "date": 0.97, "name": 0.95}
DAMAGES = ("clean", "damaged")
HELD_OUT = range(6000, 6050)
CALIBRATION_SEEDS = range(1000, 1400)
REAL_SCANS = Path(__file__).resolve().parents[1] / ".." / "shared" / "real_scans"


def _face(document) -> str:
    return document.truth["pages"][0].get("face", "unknown")


def _results(documents, options: ExtractOptions, *, by_face: bool = False) -> dict[str, list[FieldResult]]:
    """Compared values per damage mode (or per damage mode and printing face)."""
    grouped: dict[str, list[FieldResult]] = defaultdict(list)
    for document in documents:
        records = extract_document(document.pages, document_sha256=document.sha256, file=f"{document.seed}.pdf", options=options)
        key = f"{document.damage} {_face(document)}" if by_face else document.damage
        grouped[key].extend(compare_records(document.truth["cases"], records, ignore=unprinted_truth(document.truth)))
    return grouped


def _by_face(documents, options: ExtractOptions) -> None:
    grouped = _results(documents, options, by_face=True)
    kinds = list(TARGETS)
    print("\naccuracy by printing face (typewriter dockets vs dot-matrix printouts):")
    print(f"  {'pages':22}" + "".join(f"{k:>13}" for k in kinds))
    for key in sorted(grouped):
        cells = []
        for kind in kinds:
            rows = [r for r in grouped[key] if r.kind == kind]
            cells.append(f"{sum(r.correct for r in rows) / len(rows):>8.3f} ({len(rows):>3})" if rows else f"{'':>13}")
        print(f"  {key:22}" + "".join(cells))
    print(f"\nshare below the review threshold ({options.review_threshold}) by printing face, and accuracy of the values above it:")
    print(f"  {'pages':22}" + "".join(f"{k:>13}" for k in kinds))
    for key in sorted(grouped):
        cells = []
        for kind in kinds:
            scored = [r for r in grouped[key] if r.kind == kind and r.confidence is not None]
            above = [r for r in scored if r.confidence >= options.review_threshold]
            below = 1 - len(above) / len(scored) if scored else None
            cells.append(f"{below:>6.0%} {sum(r.correct for r in above) / len(above) if above else float('nan'):>5.3f}" if scored else f"{'':>13}")
        print(f"  {key:22}" + "".join(cells))


def _table(results: list[FieldResult], baseline: list[FieldResult], threshold: float) -> None:
    kinds = sorted({r.kind for r in results} | set(TARGETS), key=lambda k: (k not in TARGETS, k))
    print(f"  {'field':14}{'n':>6}{'accuracy':>10}{'target':>8}{'met':>5}{'below thr':>11}{'acc above':>11}{'perfect OCR':>13}{'ratio':>7}")
    for kind in kinds:
        rows = [r for r in results if r.kind == kind]
        base = [r for r in baseline if r.kind == kind]
        if not rows:
            continue
        accuracy = sum(r.correct for r in rows) / len(rows)
        base_accuracy = sum(r.correct for r in base) / len(base) if base else float("nan")
        with_confidence = [r for r in rows if r.confidence is not None]
        below = sum(r.confidence < threshold for r in with_confidence) / len(with_confidence) if with_confidence else 0.0
        above = [r for r in with_confidence if r.confidence >= threshold]
        above_accuracy = sum(r.correct for r in above) / len(above) if above else float("nan")
        target = TARGETS.get(kind)
        met = "" if target is None else ("yes" if accuracy >= target else "NO")
        target_text = f"{target:.2f}" if target else ""
        print(f"  {kind:14}{len(rows):>6}{accuracy:>10.3f}{target_text:>8}{met:>5}{below:>11.1%}{above_accuracy:>11.3f}{base_accuracy:>13.3f}{accuracy / base_accuracy if base else float('nan'):>7.2f}")


def _reliability(results: list[FieldResult]) -> float:
    scored = [r for r in results if r.confidence is not None]
    ece, bins = expected_calibration_error([r.confidence for r in scored], [r.correct for r in scored])
    print(f"  expected calibration error: {ece:.4f} over {len(scored)} values (goal <= 0.03)")
    print(f"  {'bin':>9}{'n':>7}{'mean conf':>11}{'accuracy':>10}")
    for row in bins:
        print(f"  {row['bin']:>9}{row['n']:>7}{row['confidence']:>11.3f}{row['accuracy']:>10.3f}")
    return ece


def _real_scans(options: ExtractOptions, workers: int) -> None:
    if not REAL_SCANS.is_dir():
        print(f"\nreal scans: skipped ({REAL_SCANS} is absent)")
        return
    documents = list(real_scan_documents(REAL_SCANS, workers=workers))
    cannabis = 0
    cases = 0
    for document in documents:
        for record in extract_document(document.pages, document_sha256=document.sha256, file=document.name, options=options):
            cases += 1
            cannabis += sum(1 for c in record.charges if c.statute and c.statute.startswith("720 ILCS 550/"))
    pages = sum(len(d.pages) for d in documents)
    print(f"\nreal scans ({len(documents)} files, {pages} pages of court filings and receipts): {cases} cases read, {cannabis} cannabis charges (must be 0)")


def fit_calibration(workers: int) -> None:
    """Fit, per field kind, a score model over each value's evidence and an isotonic curve from
    its score to a probability, on the calibration seeds; write them under extract/."""
    started = time.perf_counter()
    rows: dict[str, list[dict[str, float]]] = defaultdict(list)
    right: dict[str, list[bool]] = defaultdict(list)
    for document in corpus(CALIBRATION_SEEDS, DAMAGES, workers=workers):
        sinks: list[dict[str, dict[str, float]]] = []
        records = extract_document(document.pages, document_sha256=document.sha256, file="fit", curves={}, models={}, evidence_sinks=sinks)
        evidence_of = {record.case_id: sink for record, sink in zip(records, sinks)}
        for result in compare_records(document.truth["cases"], records, ignore=unprinted_truth(document.truth)):
            if result.confidence is None or result.field is None:
                continue
            rows[result.kind].append(evidence_of[result.case_id][result.field])
            right[result.kind].append(result.correct)
    models = {kind: fit_score_model(rows[kind], right[kind]) for kind in rows}
    curves = {kind: fit_isotonic([models[kind](row) for row in rows[kind]], right[kind]) for kind in rows}
    save_calibration(
        curves,
        models=models,
        meta={
            "fitted_on": f"generated dockets, seeds {CALIBRATION_SEEDS.start}-{CALIBRATION_SEEDS.stop - 1}, damage {', '.join(DAMAGES)}",
            "values": {kind: len(values) for kind, values in sorted(rows.items())},
            "refit": "python -m bench.extract_accuracy --fit-calibration",
        },
    )
    print(f"fitted {len(curves)} score models and curves on {sum(len(v) for v in rows.values())} values in {time.perf_counter() - started:.0f} s -> {CALIBRATION_PATH}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", default=f"{HELD_OUT.start}:{HELD_OUT.stop}", help="held-out seed range START:END")
    parser.add_argument("--workers", type=int, default=2, help="processes that OCR pages (default 2)")
    parser.add_argument("--threshold", type=float, default=ExtractOptions.review_threshold, help="review threshold")
    parser.add_argument("--fit-calibration", action="store_true", help="refit extract/data/calibration.json and exit")
    parser.add_argument("--no-real-scans", action="store_true", help="skip ../shared/real_scans")
    args = parser.parse_args()
    if args.fit_calibration:
        fit_calibration(args.workers)
        return
    start, end = (int(x) for x in args.seeds.split(":"))
    options = ExtractOptions(review_threshold=args.threshold)
    started = time.perf_counter()
    documents = list(corpus(range(start, end), DAMAGES, workers=args.workers))
    ocr_seconds = time.perf_counter() - started
    extract_started = time.perf_counter()
    results = _results(documents, options)
    extract_seconds = time.perf_counter() - extract_started
    baseline = _results([printed_document(d) for d in documents if d.damage == "clean"], options)["printed"]
    pages = sum(len(d.pages) for d in documents)
    calibrated_kinds = sorted(load_calibration())
    print(f"held-out seeds {start}-{end - 1}: {len(documents)} documents, {pages} pages; OCR (or cache {CACHE_DIR.name}) {ocr_seconds:.0f} s, extraction {extract_seconds:.1f} s ({pages / max(extract_seconds, 1e-9):.0f} pages/s)")
    print(f"load average (1 min) {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores: the times are the machine's, the accuracies are not")
    print(f"review threshold {args.threshold}; calibration curves for: {', '.join(calibrated_kinds) or 'none (raw scores)'}")
    for damage in DAMAGES:
        print(f"\n{damage} pages (baseline: the same extraction on the words the generator printed):")
        _table(results[damage], baseline, args.threshold)
    _by_face(documents, options)
    print("\nreliability (clean and damaged together):")
    _reliability(results["clean"] + results["damaged"])
    for damage in DAMAGES:
        scored = [r for r in results[damage] if r.confidence is not None]
        ece, _ = expected_calibration_error([r.confidence for r in scored], [r.correct for r in scored])
        print(f"  {damage}: ECE {ece:.4f} over {len(scored)} values")
    if not args.no_real_scans:
        _real_scans(options, args.workers)
    summary = {damage: {kind: round(float(np.mean([r.correct for r in results[damage] if r.kind == kind])), 4) for kind in TARGETS if any(r.kind == kind for r in results[damage])} for damage in DAMAGES}
    print("\n" + json.dumps({"accuracy": summary}))


if __name__ == "__main__":
    main()
