"""The clerk's one command: after digitizing, extract the cases and decide them.

This is where the stages meet, so it lives on top of them, in review_cli.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from eligibility.evaluate import EvaluateSummary, evaluate_database
from extract.run import ExtractSummary, extract_documents

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class AfterScanSummary:
    extracted: ExtractSummary | None
    evaluated: EvaluateSummary | None


def documents_to_extract(db: Database, finished: Iterable[str], skipped: Iterable[str]) -> list[str]:
    """The documents this scan finished, plus earlier ones that never reached extraction.

    A batch killed between digitizing a document and extracting it leaves that document done but
    without cases; the next scan skips its pages and must still extract it.
    """
    earlier = list(skipped)
    not_extracted: list[str] = []
    if earlier:
        marks = ",".join("?" * len(earlier))
        extracted = {
            row["document_sha256"]
            for row in db.query(f"select distinct document_sha256 from case_documents where document_sha256 in ({marks})", earlier)
        }
        not_extracted = [sha for sha in earlier if sha not in extracted]
    return list(dict.fromkeys([*sorted(finished), *not_extracted]))


def process_scanned(
    db: Database,
    *,
    finished: Iterable[str],
    skipped: Iterable[str],
    as_of: dt.date,
    extract: bool = True,
    evaluate: bool = True,
    on_extract_progress: ProgressCallback | None = None,
    on_evaluate_progress: ProgressCallback | None = None,
) -> AfterScanSummary:
    """Extract the scanned documents' cases, then decide every case of the database `as_of`.

    Every case is decided again, not only the new ones, because a new case can change the
    decision of another case of the same person (violent-crime association, priors).
    """
    extracted = None
    if extract:
        targets = documents_to_extract(db, finished, skipped)
        if targets:
            extracted = extract_documents(db, targets, on_progress=on_extract_progress)
    evaluated = None
    if evaluate and db["cases"].count:
        evaluated = evaluate_database(db, as_of=as_of, on_progress=on_evaluate_progress)
    return AfterScanSummary(extracted=extracted, evaluated=evaluated)
